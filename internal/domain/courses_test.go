package domain

import (
	"strings"
	"testing"
)

// TestCertificateNumberCatchesTypos: every single-character substitution and every
// transposition of neighbours of many numbers is refused by the check character.
func TestCertificateNumberCatchesTypos(t *testing.T) {
	for seed := 0; seed < 200; seed++ {
		random := make([]byte, CertificateBodyLen)
		for i := range random {
			random[i] = byte(seed*31 + i*7 + seed*i)
		}
		n := CertificateNumberFrom(random)
		if got, err := NormalizeCertificateNumber(n); err != nil || got != n {
			t.Fatalf("%s does not read back: %q %v", n, got, err)
		}
		if got, err := NormalizeCertificateNumber(strings.ToLower(FormatCertificateNumber(n))); err != nil || got != n {
			t.Fatalf("%s printed and lower-cased does not read back: %q %v", n, got, err)
		}
		for i := 0; i < CertificateBodyLen; i++ {
			for _, r := range certAlphabet {
				if byte(r) == n[i] {
					continue
				}
				typo := n[:i] + string(r) + n[i+1:]
				if _, err := NormalizeCertificateNumber(typo); err == nil {
					t.Fatalf("substitution %s → %s not caught", n, typo)
				}
			}
			if i+1 < len(n) && n[i] != n[i+1] {
				swapped := n[:i] + string(n[i+1]) + string(n[i]) + n[i+2:]
				if _, err := NormalizeCertificateNumber(swapped); err == nil {
					t.Fatalf("transposition %s → %s not caught", n, swapped)
				}
			}
		}
		for _, r := range certCheckSymbols {
			if byte(r) != n[CertificateBodyLen] {
				if _, err := NormalizeCertificateNumber(n[:CertificateBodyLen] + string(r)); err == nil {
					t.Fatalf("wrong check character %c accepted for %s", r, n)
				}
			}
		}
	}
	for _, bad := range []string{"", "ABC", "ABCDEFGHJKMNPQRS", "ABCDEFGHJKMNPQRSTV", "ABCDEFGHJKMNPQR!0"} {
		if _, err := NormalizeCertificateNumber(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestCertificateNumberReadsLeniently: O reads as 0, I and L as 1, separators are ignored.
func TestCertificateNumberReadsLeniently(t *testing.T) {
	body := "0123456789ABCDEF"
	c, _ := CertificateCheck(body)
	n := body + string(c)
	typed := "o1L3-4567-89ab-cdef-" + string(c)
	typed = strings.Replace(typed, "1L", "I2", 1) // "oI23…": O → 0, I → 1
	if got, err := NormalizeCertificateNumber(typed); err != nil || got != n {
		t.Errorf("%q reads %q (%v), want %q", typed, got, err, n)
	}
}

// TestCertificateValidUntil: § 188 (2), (3) BGB on month and year ends and 29 February.
func TestCertificateValidUntil(t *testing.T) {
	for _, tc := range []struct {
		issued Date
		months int
		want   Date
	}{
		{NewDate(2026, 12, 1), 24, NewDate(2028, 11, 30)},
		{NewDate(2026, 1, 15), 24, NewDate(2028, 1, 14)},
		{NewDate(2028, 2, 29), 24, NewDate(2030, 2, 28)}, // no 29 February 2030: the month's last day
		{NewDate(2028, 2, 29), 48, NewDate(2032, 2, 28)}, // 29 February 2032 exists: the day before
		{NewDate(2027, 3, 1), 24, NewDate(2029, 2, 28)},
		{NewDate(2026, 3, 1), 24, NewDate(2028, 2, 29)},
		{NewDate(2026, 1, 31), 1, NewDate(2026, 2, 28)},
		{NewDate(2026, 12, 31), 24, NewDate(2028, 12, 30)},
		{NewDate(2026, 8, 31), 6, NewDate(2027, 2, 28)},
		{NewDate(2026, 1, 1), 12, NewDate(2026, 12, 31)},
	} {
		if got := CertificateValidUntil(tc.issued, tc.months); got != tc.want {
			t.Errorf("issued %s + %d months: valid until %s, want %s", tc.issued, tc.months, got, tc.want)
		}
	}
}

// TestCertificateStateOn: valid through the last day, expired the day after, revoked wins.
func TestCertificateStateOn(t *testing.T) {
	c := &Certificate{IssuedOn: NewDate(2028, 2, 29), ValidUntil: NewDate(2030, 2, 28)}
	for d, want := range map[Date]CertificateState{
		NewDate(2028, 2, 29): CertificateValid, NewDate(2030, 2, 28): CertificateValid, NewDate(2030, 3, 1): CertificateExpired,
	} {
		if got := c.StateOn(d); got != want {
			t.Errorf("%s: %s, want %s", d, got, want)
		}
	}
	if c.ValidOn(NewDate(2028, 2, 28)) {
		t.Error("valid before it was issued")
	}
	now := NewDate(2029, 1, 1).Time()
	c.RevokedAt, c.RevokedReason = &now, "Täuschung"
	if c.StateOn(NewDate(2029, 1, 2)) != CertificateRevoked || c.StateOn(NewDate(2029, 1, 2)).Label() != "widerrufen" {
		t.Error("revoked certificate not shown as widerrufen")
	}
}

// TestExamRules: the pass mark, the minimum per part and the attendance rule.
func TestExamRules(t *testing.T) {
	for _, tc := range []struct {
		w, p, o int
		pass    bool
	}{{12, 12, 12, true}, {20, 20, 7, false}, {14, 13, 8, false}, {20, 8, 8, true}, {11, 12, 12, false}} {
		if got := ExamPassed(tc.w, tc.p, tc.o); got != tc.pass {
			t.Errorf("%d/%d/%d: passed %v, want %v", tc.w, tc.p, tc.o, got, tc.pass)
		}
	}
	for _, tc := range []struct {
		attended, sessions, min int
		may                     bool
	}{{6, 8, 75, true}, {5, 8, 75, false}, {0, 0, 0, false}, {1, 2, 50, true}, {0, 4, 0, true}} {
		if got := MayTakeExam(tc.attended, tc.sessions, tc.min); got != tc.may {
			t.Errorf("%d of %d at %d %%: may sit %v, want %v", tc.attended, tc.sessions, tc.min, got, tc.may)
		}
	}
	if Initials("ana  maria popa") != "A. M. P." || Initials("Łucja Ćwik") != "Ł. Ć." {
		t.Errorf("initials %q %q", Initials("ana  maria popa"), Initials("Łucja Ćwik"))
	}
}

// TestCourseTransitions: geplant → läuft → abgeschlossen; abgesagt from geplant and läuft.
func TestCourseTransitions(t *testing.T) {
	allowed := map[[2]CourseStatus]bool{
		{CoursePlanned, CourseRunning}: true, {CourseRunning, CourseCompleted}: true,
		{CoursePlanned, CourseCancelled}: true, {CourseRunning, CourseCancelled}: true,
	}
	for _, from := range CourseTransitions.States() {
		for _, to := range CourseTransitions.States() {
			if got := from.CanMove(to); got != allowed[[2]CourseStatus{from, to}] {
				t.Errorf("%s → %s: %v", from.Label(), to.Label(), got)
			}
		}
	}
}

// TestCourseStaffSeesNoHousehold: the Quartiersmanagement manages courses but sees no
// household it is not assigned to; a caseworker without the permission manages none.
func TestCourseStaffSeesNoHousehold(t *testing.T) {
	qm := Actor{User: &User{ID: 7, Role: RoleCaseworker, CourseStaff: true}}
	cw := Actor{User: &User{ID: 8, Role: RoleCaseworker}}
	h := &Household{FachstelleCase: true}
	if !qm.CanManageCourses() || qm.CanSeeHousehold(h) || qm.CanLinkHousehold(h) {
		t.Error("Quartiersmanagement: manages courses, must not see the household")
	}
	if cw.CanManageCourses() || (Actor{User: &User{Role: RoleLandlord, CourseStaff: true}}).CanManageCourses() {
		t.Error("only staff, admins and course staff manage courses")
	}
	if !(Actor{User: &User{Role: RoleStaff}}).CanManageCourses() {
		t.Error("staff manage courses")
	}
}
