package domain

import (
	"database/sql/driver"
	"slices"
	"strings"
	"time"
)

// Mietführerschein: courses, sessions, participants, attendance, exams and certificates
// (docs/design.md §11). The Quartiersmanagement runs the courses; the certificate
// (Integrationszertifikat Wohnen) is one of the three tracks.

// CourseStatus is the state of a course.
type CourseStatus string

// The states of a course.
const (
	CoursePlanned   CourseStatus = "planned"
	CourseRunning   CourseStatus = "running"
	CourseCompleted CourseStatus = "completed"
	CourseCancelled CourseStatus = "cancelled"
)

// courseRoles make course changes: staff, admins and the Quartiersmanagement (caseworker
// accounts with the course permission, Actor.CanManageCourses).
var courseRoles = []Role{RoleStaff, RoleAdmin, RoleCaseworker}

// CourseTransitions is the transition table of courses: a planned course starts or is
// cancelled, a running one is completed (after the exam) or cancelled.
var CourseTransitions = newMachine("course",
	"Der Status des Kurses wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(CoursePlanned), "geplant"},
		{string(CourseRunning), "läuft"},
		{string(CourseCompleted), "abgeschlossen"},
		{string(CourseCancelled), "abgesagt"},
	},
	slices.Concat(
		moves(CourseRunning, "", courseRoles, CoursePlanned),
		moves(CourseCompleted, "", courseRoles, CourseRunning),
		moves(CourseCancelled, "", courseRoles, CoursePlanned, CourseRunning),
	))

// CourseStatusOptions lists the states of a course.
var CourseStatusOptions = CourseTransitions.Options()

// Label returns the German name of the state.
func (s CourseStatus) Label() string { return CourseTransitions.Label(s) }

// CanMove reports whether the course table allows the change to `to`.
func (s CourseStatus) CanMove(to CourseStatus) bool { return CourseTransitions.CanMove(s, to) }

// CourseModule is one topic of the Mietführerschein.
type CourseModule string

// The modules of the Mietführerschein.
const (
	ModuleHouseRules    CourseModule = "house_rules"
	ModuleWaste         CourseModule = "waste"
	ModuleHeating       CourseModule = "heating"
	ModuleServiceCharge CourseModule = "service_charges"
	ModuleLease         CourseModule = "lease"
	ModuleBudget        CourseModule = "budget"
	ModuleOfficialMail  CourseModule = "official_mail"
	ModuleNeighbourhood CourseModule = "neighbourhood"
)

// CourseModules lists the modules in course order with their German names.
var CourseModules = Enum[CourseModule]{
	{ModuleHouseRules, "Hausordnung"},
	{ModuleWaste, "Mülltrennung"},
	{ModuleHeating, "Heizen und Lüften"},
	{ModuleServiceCharge, "Nebenkosten"},
	{ModuleLease, "Mietvertrag"},
	{ModuleBudget, "Haushaltsplanung"},
	{ModuleOfficialMail, "Behördenpost"},
	{ModuleNeighbourhood, "Nachbarschaft"},
}

// Label returns the module's German name.
func (m CourseModule) Label() string { return CourseModules.Label(m) }

// ExamPart is one part of the exam before the panel.
type ExamPart string

// The parts of the exam.
const (
	ExamWritten   ExamPart = "written"
	ExamPractical ExamPart = "practical"
	ExamOral      ExamPart = "oral"
)

// ExamParts lists the exam's parts with their German names.
var ExamParts = Enum[ExamPart]{
	{ExamWritten, "Schriftlicher Teil"},
	{ExamPractical, "Praktischer Teil (Fallbeispiele)"},
	{ExamOral, "Gespräch mit der Prüfungskommission"},
}

// ExamPartMax is the most points of each part; ExamPassMark the total needed to pass, and
// every part needs at least ExamPartMin.
const (
	ExamPartMax  = 20
	ExamPartMin  = 8
	ExamPassMark = 36
)

// ExamPassed is the one rule of passing: at least ExamPassMark of 60 points in total and at
// least ExamPartMin in every part.
func ExamPassed(written, practical, oral int) bool {
	for _, p := range []int{written, practical, oral} {
		if p < ExamPartMin {
			return false
		}
	}
	return written+practical+oral >= ExamPassMark
}

// Course defaults: the share of sessions a participant must attend to sit the exam and
// the months a certificate is valid.
const (
	DefaultMinAttendancePercent = 75
	DefaultValidityMonths       = 24
	// RefresherReminderWeeks is how long before expiry the holder and the companion are
	// reminded of a refresher course.
	RefresherReminderWeeks = 8
)

// CodeList is a list of codes stored as comma-separated text (languages, modules).
type CodeList []string

// Value stores the list as "de,ar".
func (l CodeList) Value() (driver.Value, error) { return joinCodes(l), nil }

// Scan reads the comma-separated form.
func (l *CodeList) Scan(src any) error {
	parts, err := splitCodes[string](src, "CodeList")
	*l = parts
	return err
}

// Course is a Mietführerschein course (Kurs).
type Course struct {
	ID        int64
	Title     string
	Languages CodeList // languages of instruction (Language codes)
	// Interpreters and Trainers are names, comma-separated as typed.
	Interpreters         string
	Trainers             string
	Capacity             int
	MinAttendancePercent int
	ValidityMonths       int
	Refresher            bool // a short refresher course: passing renews a certificate
	Status               CourseStatus
	ExamOn               Date
	ResitOn              Date
	Panel                string // names of the exam panel
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// LanguageLabels returns the languages of instruction as German names.
func (c *Course) LanguageLabels() string {
	names := make([]string, 0, len(c.Languages))
	for _, l := range c.Languages {
		names = append(names, Language(l).Label())
	}
	return strings.Join(names, ", ")
}

// CourseSession is one meeting of a course.
type CourseSession struct {
	ID       int64
	CourseID int64
	StartsAt time.Time
	EndsAt   time.Time
	Place    string
	Modules  CodeList // CourseModule codes
}

// When is the session's time the German way ("Di., 03.03.2026, 18:00–20:00 Uhr").
func (s *CourseSession) When() string { return ViewingTime(s.StartsAt, s.EndsAt) }

// ModuleLabels returns the session's modules as German names.
func (s *CourseSession) ModuleLabels() string {
	names := make([]string, 0, len(s.Modules))
	for _, m := range s.Modules {
		names = append(names, CourseModule(m).Label())
	}
	return strings.Join(names, ", ")
}

// CourseParticipant is a person enrolled in a course: a member of an existing household
// (HouseholdID set) or a person without a household record yet, linked later.
type CourseParticipant struct {
	ID          int64
	CourseID    int64
	HouseholdID *int64
	Name        string
	Email       string
	Phone       string
	Language    Language
	Waitlisted  bool
	CreatedAt   time.Time
}

// TableName names the table.
func (CourseParticipant) TableName() string { return "course_participants" }

// Initials are the holder's initials as the public verification page shows them: "A. K.".
func Initials(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		parts = append(parts, strings.ToUpper(string(r[0]))+".")
	}
	return strings.Join(parts, " ")
}

// CourseAttendance is whether a participant attended a session.
type CourseAttendance struct {
	ParticipantID int64 `gorm:"primaryKey;autoIncrement:false"`
	SessionID     int64 `gorm:"primaryKey;autoIncrement:false"`
	Present       bool
}

// TableName names the table.
func (CourseAttendance) TableName() string { return "course_attendance" }

// MayTakeExam is the attendance rule: a participant may sit the exam who attended at least
// minPercent of the course's sessions (a course without sessions admits nobody).
func MayTakeExam(attended, sessions, minPercent int) bool {
	return sessions > 0 && attended*100 >= minPercent*sessions
}

// ExamResult is one attempt at the exam: attempt 1 on the exam day, 2 the re-sit.
type ExamResult struct {
	ID            int64
	ParticipantID int64
	Attempt       int
	TakenOn       Date
	Written       int
	Practical     int
	Oral          int
	Passed        bool
	Panel         string
	CreatedAt     time.Time
}

// Total is the points of all parts.
func (r *ExamResult) Total() int { return r.Written + r.Practical + r.Oral }

// Certificate is an issued Integrationszertifikat Wohnen.
type Certificate struct {
	ID            int64
	Number        string // normalised: CertificateBodyLen characters and the check character
	ParticipantID int64
	HouseholdID   *int64
	HolderName    string
	Language      Language
	IssuedOn      Date
	ValidUntil    Date
	RevokedAt     *time.Time
	RevokedReason string
	RemindedAt    *time.Time // the refresher reminder went out
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// CertificateState is what the public verification page says of a certificate.
type CertificateState string

// The states of a certificate on a day.
const (
	CertificateValid   CertificateState = "valid"
	CertificateExpired CertificateState = "expired"
	CertificateRevoked CertificateState = "revoked"
)

// CertificateStates lists the states with their German words.
var CertificateStates = Enum[CertificateState]{
	{CertificateValid, "gültig"},
	{CertificateExpired, "abgelaufen"},
	{CertificateRevoked, "widerrufen"},
}

// Label returns the German word.
func (s CertificateState) Label() string { return CertificateStates.Label(s) }

// StateOn is the certificate's state on a day: revoked wins, then expired after ValidUntil.
func (c *Certificate) StateOn(d Date) CertificateState {
	switch {
	case c.RevokedAt != nil:
		return CertificateRevoked
	case d > c.ValidUntil:
		return CertificateExpired
	}
	return CertificateValid
}

// ValidOn reports whether the certificate counts on a day (issued, not expired, not revoked).
func (c *Certificate) ValidOn(d Date) bool {
	return c.IssuedOn <= d && c.StateOn(d) == CertificateValid
}

// CertificateValidUntil is the last day of a certificate issued on a day and valid for some
// months, reckoned like a period of months in § 188 (2), (3) BGB: it ends with the day
// before the day of the last month that has the issue day's number; when that month has no
// such day (29 February, the 31st), it ends with the month's last day.
func CertificateValidUntil(issued Date, months int) Date {
	y, m, d := issued.Time().Date()
	first := NewDate(y, m+time.Month(months), 1)
	fy, fm, _ := first.Time().Date()
	last := NewDate(fy, fm+1, 1).AddDays(-1)
	_, _, lastDay := last.Time().Date()
	if d > lastDay {
		return last
	}
	return NewDate(fy, fm, d).AddDays(-1)
}
