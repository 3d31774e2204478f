package domain_test

import (
	"testing"
	"time"

	"wohnbruecke/internal/domain"
)

// TestProfileFor checks each fact of the landlord profile against docs/design.md §2 on its own:
// the certificate only once passed, the accompaniment only while active, direct payment
// only with both consents and a benefit office that pays rent, the contact only for a
// confirmed or held viewing.
func TestProfileFor(t *testing.T) {
	today := domain.NewDate(2026, time.December, 1)
	given := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	revoked := given.Add(30 * 24 * time.Hour)
	disclosure := func(revokedAt ...*time.Time) []domain.Consent {
		var cs []domain.Consent
		for _, r := range revokedAt {
			cs = append(cs, domain.Consent{Kind: "direct_payment_disclosure", GivenAt: given, RevokedAt: r})
		}
		return cs
	}
	base := func() *domain.Household {
		return &domain.Household{Reference: "HH-1", ContactName: "Ana Maria Popa", Phone: "0157 1", Benefit: "sgb2",
			CompanionName: "Klaus Weber", CompanionPhone: "02331 5", EarliestMoveIn: today.AddDays(14),
			Members: []domain.HouseholdMember{{BirthYear: 1990}, {BirthYear: 2008}, {BirthYear: 2009}}}
	}
	tests := []struct {
		name    string
		change  func(*domain.Household)
		viewing domain.ViewingState // state; "" for no viewing
		want    domain.LandlordProfile
	}{
		{"nothing but the basics", nil, "", domain.LandlordProfile{}},
		{"certificate passed", func(h *domain.Household) { h.CertificatePassedOn = today.AddDays(-1) }, "",
			domain.LandlordProfile{Certificate: true, CertificateOn: today.AddDays(-1)}},
		{"certificate passed today", func(h *domain.Household) { h.CertificatePassedOn = today }, "",
			domain.LandlordProfile{Certificate: true, CertificateOn: today}},
		{"certificate in the future", func(h *domain.Household) { h.CertificatePassedOn = today.AddDays(1) }, "", domain.LandlordProfile{}},
		{"accompaniment active", func(h *domain.Household) { h.AccompanimentFrom = today.AddDays(-30) }, "",
			domain.LandlordProfile{Accompaniment: true, CompanionName: "Klaus Weber", CompanionPhone: "02331 5"}},
		{"accompaniment ends today", func(h *domain.Household) { h.AccompanimentFrom, h.AccompanimentUntil = today.AddDays(-30), today }, "",
			domain.LandlordProfile{Accompaniment: true, CompanionName: "Klaus Weber", CompanionPhone: "02331 5"}},
		{"accompaniment ended", func(h *domain.Household) {
			h.AccompanimentFrom, h.AccompanimentUntil = today.AddDays(-30), today.AddDays(-1)
		}, "",
			domain.LandlordProfile{}},
		{"accompaniment starts tomorrow", func(h *domain.Household) { h.AccompanimentFrom = today.AddDays(1) }, "", domain.LandlordProfile{}},
		{"direct payment with both consents", func(h *domain.Household) { h.DirectPaymentConsent, h.Consents = true, disclosure(nil) }, "",
			domain.LandlordProfile{DirectPayment: true}},
		{"direct payment, SGB XII", func(h *domain.Household) {
			h.Benefit, h.DirectPaymentConsent, h.Consents = "sgb12", true, disclosure(nil)
		}, "",
			domain.LandlordProfile{DirectPayment: true}},
		{"direct payment without disclosure consent", func(h *domain.Household) { h.DirectPaymentConsent = true }, "", domain.LandlordProfile{}},
		{"disclosure consent without direct payment", func(h *domain.Household) { h.Consents = disclosure(nil) }, "", domain.LandlordProfile{}},
		{"disclosure consent revoked", func(h *domain.Household) { h.DirectPaymentConsent, h.Consents = true, disclosure(&revoked) }, "",
			domain.LandlordProfile{}},
		{"disclosure consent revoked and given again", func(h *domain.Household) { h.DirectPaymentConsent, h.Consents = true, disclosure(&revoked, nil) }, "",
			domain.LandlordProfile{DirectPayment: true}},
		{"another consent only", func(h *domain.Household) {
			h.DirectPaymentConsent, h.Consents = true, []domain.Consent{{Kind: "share_with_landlord", GivenAt: given}}
		}, "", domain.LandlordProfile{}},
		{"Wohngeld is not paid to the landlord", func(h *domain.Household) {
			h.Benefit, h.DirectPaymentConsent, h.Consents = "wohngeld", true, disclosure(nil)
		}, "",
			domain.LandlordProfile{}},
		{"no benefit", func(h *domain.Household) {
			h.Benefit, h.DirectPaymentConsent, h.Consents = "none", true, disclosure(nil)
		}, "",
			domain.LandlordProfile{}},
		{"viewing scheduled", nil, "scheduled", domain.LandlordProfile{}},
		{"viewing confirmed", nil, "confirmed", domain.LandlordProfile{ContactFirstName: "Ana", ContactPhone: "0157 1"}},
		{"viewing held", nil, "held", domain.LandlordProfile{ContactFirstName: "Ana", ContactPhone: "0157 1"}},
		{"viewing cancelled", nil, "cancelled", domain.LandlordProfile{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := base()
			if tc.change != nil {
				tc.change(h)
			}
			var vw *domain.Viewing
			if tc.viewing != "" {
				vw = &domain.Viewing{State: tc.viewing}
			}
			want := tc.want
			want.Reference, want.Adults, want.Children, want.EarliestMoveIn = "HH-1", 2, 1, today.AddDays(14)
			if got := domain.ProfileFor(h, vw, today); got != want {
				t.Errorf("ProfileFor:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}
