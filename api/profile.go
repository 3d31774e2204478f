package api

import (
	"net/url"

	"wohnbruecke/internal/domain"
)

// profileJSON is the pseudonymous profile a landlord sees of a proposed household
// (docs/design.md §2, built by domain.ProfileFor and nothing else).
type profileJSON struct {
	Reference        string      `json:"reference"`
	Adults           int         `json:"adults"`
	Children         int         `json:"children"`
	EarliestMoveIn   domain.Date `json:"earliest_move_in"`
	Certificate      bool        `json:"certificate"`
	CertificateOn    domain.Date `json:"certificate_on"`
	Accompaniment    bool        `json:"accompaniment"`
	CompanionName    string      `json:"companion_name"`
	CompanionPhone   string      `json:"companion_phone"`
	DirectPayment    bool        `json:"direct_payment"`
	ContactFirstName string      `json:"contact_first_name"`
	ContactPhone     string      `json:"contact_phone"`
	// Mietführerschein: an issued certificate, checked, with its last day and public check.
	CertificateVerified   bool        `json:"certificate_verified"`
	CertificateValidUntil domain.Date `json:"certificate_valid_until"`
	CertificateVerifyPath string      `json:"certificate_verify_path"`
}

func profileOut(h *domain.Household, vw *domain.Viewing, today domain.Date) *profileJSON {
	p := domain.ProfileFor(h, vw, today)
	return &profileJSON{Reference: p.Reference, Adults: p.Adults, Children: p.Children, EarliestMoveIn: p.EarliestMoveIn,
		Certificate: p.Certificate, CertificateOn: p.CertificateOn, Accompaniment: p.Accompaniment,
		CompanionName: p.CompanionName, CompanionPhone: p.CompanionPhone, DirectPayment: p.DirectPayment,
		ContactFirstName: p.ContactFirstName, ContactPhone: p.ContactPhone,
		CertificateVerified: p.CertificateVerified, CertificateValidUntil: p.CertificateUntil, CertificateVerifyPath: verifyPath(p)}
}

// verifyPath is the public verification page of a checked certificate, "" otherwise.
func verifyPath(p domain.LandlordProfile) string {
	if !p.CertificateVerified {
		return ""
	}
	return "/zertifikat/" + url.PathEscape(p.CertificateNumber)
}
