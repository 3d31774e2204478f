package domain

import "testing"

// TestProfileForIssuedCertificate: an issued certificate reads "geprüft, gültig bis" with
// its number for the verification link; a typed-in one only "ja, seit"; an expired one
// does not count at all.
func TestProfileForIssuedCertificate(t *testing.T) {
	today := NewDate(2028, 3, 1)
	id := int64(5)
	issued := &Household{CertificatePassedOn: NewDate(2028, 2, 29), CertificateUntil: NewDate(2030, 2, 28), CertificateID: &id, CertificateNumber: "N"}
	if p := ProfileFor(issued, nil, today); !p.Certificate || !p.CertificateVerified || p.CertificateUntil != NewDate(2030, 2, 28) || p.CertificateNumber != "N" {
		t.Errorf("issued: %+v", p)
	}
	if p := ProfileFor(issued, nil, NewDate(2030, 3, 1)); p.Certificate || p.CertificateVerified || p.CertificateNumber != "" {
		t.Errorf("expired still shown: %+v", p)
	}
	typed := &Household{CertificatePassedOn: NewDate(2027, 1, 1), CertificateUntil: NewDate(2028, 12, 31), CertificateNumber: "IZW-1"}
	if p := ProfileFor(typed, nil, today); !p.Certificate || p.CertificateVerified || p.CertificateNumber != "" {
		t.Errorf("typed-in: %+v", p)
	}
}
