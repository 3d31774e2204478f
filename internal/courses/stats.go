package courses

import (
	"context"
	"slices"

	"wohnbruecke/internal/domain"
)

// Statistics are the Mietführerschein's figures (docs/design.md §11.6).
type Statistics struct {
	Courses      map[string]int // by domain.CourseStatus code
	Participants int
	Waitlisted   int
	// AttendancePercent is present entries of all recorded attendance entries (nil: none).
	AttendancePercent *int
	ByLanguage        []LanguagePass
	Certificates      int
	// MedianDaysToProposal and MedianDaysToLease run from the issue day to the household's
	// first proposal and first lease afterwards (nil: none yet).
	MedianDaysToProposal *int
	MedianDaysToLease    *int
	// InTenancies counts the running tenancies whose household holds a certificate valid
	// today.
	InTenancies int
}

// LanguagePass is the pass rate of one language at the first try and after the re-sit.
type LanguagePass struct {
	Language       domain.Language
	Sat            int // sat the exam at least once
	PassedFirst    int
	PassedAfterAll int
}

// FirstPercent is the pass rate at the first try in percent.
func (l LanguagePass) FirstPercent() int { return percent(l.PassedFirst, l.Sat) }

// AfterResitPercent is the pass rate after the re-sit in percent.
func (l LanguagePass) AfterResitPercent() int { return percent(l.PassedAfterAll, l.Sat) }

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (200*n + of) / (2 * of) // rounded half up
}

// Statistics computes the figures.
func (s *Service) Statistics(ctx context.Context, a domain.Actor) (*Statistics, error) {
	if !a.CanManageCourses() {
		return nil, domain.ErrForbidden
	}
	rows, err := s.store.ListCourses(ctx)
	if err != nil {
		return nil, err
	}
	st := &Statistics{Courses: map[string]int{}}
	for _, r := range rows {
		st.Courses[string(r.Status)]++
		st.Participants += r.Enrolled
		st.Waitlisted += r.Waitlisted
	}
	recorded, present, err := s.store.AttendanceCounts(ctx)
	if err != nil {
		return nil, err
	}
	if recorded > 0 {
		p := percent(int(present), int(recorded))
		st.AttendancePercent = &p
	}
	exams, err := s.store.CourseExamStats(ctx)
	if err != nil {
		return nil, err
	}
	byLang := map[domain.Language]*LanguagePass{}
	passed := map[int64]bool{}
	for _, e := range exams {
		lp := byLang[e.Language]
		if lp == nil {
			lp = &LanguagePass{Language: e.Language}
			byLang[e.Language] = lp
		}
		if e.Attempt == 1 {
			lp.Sat++
			if e.Passed {
				lp.PassedFirst++
			}
		}
		if e.Passed && !passed[e.ParticipantID] {
			passed[e.ParticipantID] = true
			lp.PassedAfterAll++
		}
	}
	for _, l := range domain.Languages.Values() {
		if lp := byLang[l]; lp != nil {
			st.ByLanguage = append(st.ByLanguage, *lp)
		}
	}
	certs, err := s.store.ListCertificates(ctx)
	if err != nil {
		return nil, err
	}
	st.Certificates = len(certs)
	uses, err := s.store.CertificateUses(ctx)
	if err != nil {
		return nil, err
	}
	var toProposal, toLease []int
	for _, u := range uses {
		if u.FirstProposal != nil {
			toProposal = append(toProposal, int(domain.Today(*u.FirstProposal)-u.IssuedOn))
		}
		if u.FirstLease != nil {
			toLease = append(toLease, int(domain.Today(*u.FirstLease)-u.IssuedOn))
		}
	}
	st.MedianDaysToProposal, st.MedianDaysToLease = median(toProposal), median(toLease)
	if st.InTenancies, err = s.store.RunningTenanciesWithValidCertificate(ctx, s.store.Today()); err != nil {
		return nil, err
	}
	return st, nil
}

// median is the middle value (the lower of the two middle ones), nil for none.
func median(xs []int) *int {
	if len(xs) == 0 {
		return nil
	}
	slices.Sort(xs)
	m := xs[(len(xs)-1)/2]
	return &m
}
