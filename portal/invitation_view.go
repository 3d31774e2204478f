package portal

import (
	"context"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

// invitationView is what the applicant's link page and the printable invitation show
// about a viewing: when, where, what to bring and whom to call. It has no field for what
// the household told the city about health, homelessness, urgency or income, so the
// pages cannot show it.
type invitationView struct {
	// Texts are the household's language first, then German (German only for German).
	Texts            []mail.Texts
	Reference        string
	ContactName      string
	StartsAt, EndsAt time.Time
	// Address is the flat's address; MeetingPoint the slot's place when it says more.
	Address      string
	MeetingPoint string
	Landlord     string
	Companion    *mail.Contact
	// Phone is the number to call: the companion's, else the Fachstelle's.
	Phone            string
	BringCertificate bool
	BringWBS         bool
}

// Multilingual reports whether the page shows the household's language and German.
func (v invitationView) Multilingual() bool { return len(v.Texts) > 1 }

// invitationOf builds the view of a viewing for a household.
func (p *Portal) invitationOf(ctx context.Context, h *domain.Household, vw *domain.Viewing, v *domain.Vacancy) (invitationView, error) {
	l, err := p.store.LandlordByID(ctx, v.LandlordID)
	if err != nil {
		return invitationView{}, err
	}
	today := p.store.Today()
	out := invitationView{Texts: p.mail.ApplicantTexts(h.Language), Reference: h.Reference, ContactName: h.ContactName,
		StartsAt: vw.StartsAt, EndsAt: vw.EndsAt, Address: v.Street + ", " + v.PostalCode + " Hagen", Landlord: l.Name,
		Phone: p.opts.FachstellePhone, BringCertificate: !h.CertificatePassedOn.IsZero() && h.CertificatePassedOn <= today,
		BringWBS: v.WBSRequired}
	if vw.Place != "" && vw.Place != out.Address && vw.Place != v.Street {
		out.MeetingPoint = vw.Place
	}
	if h.CompanionName != "" && (h.AccompanimentUntil.IsZero() || h.AccompanimentUntil >= today) {
		out.Companion = &mail.Contact{Name: h.CompanionName, Phone: h.CompanionPhone}
		if h.CompanionPhone != "" {
			out.Phone = h.CompanionPhone
		}
	}
	return out, nil
}
