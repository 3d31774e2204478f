package domain

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Visit is one contact of the Wohnbegleitung with a household in its tenancy: when, how,
// how long, in which language, the Mietführerschein topics and a short note. Landlords
// never see visits (docs/design.md §8).
type Visit struct {
	ID              int64
	TenancyID       int64
	VisitedOn       Date
	Kind            VisitKind
	DurationMinutes int
	Language        Language
	Topics          VisitTopicList
	Note            string
	RecordedByID    *int64
	CreatedAt       time.Time
}

// TableName names the visits table.
func (Visit) TableName() string { return "tenancy_visits" }

// VisitKind is how a contact took place.
type VisitKind string

// The kinds of contact.
const (
	VisitHome     VisitKind = "home"
	VisitPhone    VisitKind = "phone"
	VisitOffice   VisitKind = "office"
	VisitLandlord VisitKind = "landlord"
)

// VisitKinds lists the kinds of contact with German labels.
var VisitKinds = Enum[VisitKind]{
	{VisitHome, "Hausbesuch"},
	{VisitPhone, "Telefon"},
	{VisitOffice, "Büro"},
	{VisitLandlord, "mit Vermieter*in"},
}

// Label returns the German label.
func (k VisitKind) Label() string { return VisitKinds.Label(k) }

// Valid reports whether k is one of the kinds.
func (k VisitKind) Valid() bool { return VisitKinds.Has(k) }

// VisitTopic is a module of the Mietführerschein a contact dealt with.
type VisitTopic string

// The Mietführerschein modules.
const (
	TopicHouseRules   VisitTopic = "house_rules"
	TopicWaste        VisitTopic = "waste"
	TopicHeating      VisitTopic = "heating"
	TopicServiceCosts VisitTopic = "service_costs"
	TopicLease        VisitTopic = "lease"
	TopicBudget       VisitTopic = "budget"
	TopicOfficialMail VisitTopic = "official_mail"
	TopicNeighbours   VisitTopic = "neighbours"
)

// VisitTopics lists the Mietführerschein modules with German labels.
var VisitTopics = Enum[VisitTopic]{
	{TopicHouseRules, "Hausordnung"},
	{TopicWaste, "Mülltrennung"},
	{TopicHeating, "Heizen und Lüften"},
	{TopicServiceCosts, "Nebenkosten"},
	{TopicLease, "Mietvertrag"},
	{TopicBudget, "Haushaltsplanung"},
	{TopicOfficialMail, "Behördenpost"},
	{TopicNeighbours, "Nachbarschaft"},
}

// Label returns the German label.
func (t VisitTopic) Label() string { return VisitTopics.Label(t) }

// Valid reports whether t is one of the modules.
func (t VisitTopic) Valid() bool { return VisitTopics.Has(t) }

// VisitTopicList is a set of topics stored as comma-separated codes.
type VisitTopicList []VisitTopic

// Labels returns the German names, comma-separated.
func (l VisitTopicList) Labels() string {
	names := make([]string, len(l))
	for i, t := range l {
		names[i] = t.Label()
	}
	return strings.Join(names, ", ")
}

// Has reports whether the list holds t.
func (l VisitTopicList) Has(t VisitTopic) bool {
	for _, x := range l {
		if x == t {
			return true
		}
	}
	return false
}

// Value stores the list as "waste,heating".
func (l VisitTopicList) Value() (driver.Value, error) {
	parts := make([]string, len(l))
	for i, t := range l {
		parts[i] = string(t)
	}
	return strings.Join(parts, ","), nil
}

// Scan reads the comma-separated form.
func (l *VisitTopicList) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("domain: cannot scan %T into VisitTopicList", src)
	}
	*l = nil
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, VisitTopic(p))
		}
	}
	return nil
}

// MaxVisitNote is the longest note of a visit, in characters.
const MaxVisitNote = 1000

// Validate checks a visit against its tenancy and today (German messages per field) and
// puts its topics in table order without repeats.
func (v *Visit) Validate(t *Tenancy, today Date) error {
	ve := NewValidationError()
	switch {
	case v.VisitedOn.IsZero():
		ve.Add("visited_on", "Bitte geben Sie das Datum des Kontakts an (TT.MM.JJJJ).")
	case v.VisitedOn > today:
		ve.Add("visited_on", "Der Kontakt kann nicht in der Zukunft liegen.")
	case v.VisitedOn < t.StartDate:
		ve.Add("visited_on", "Der Kontakt kann nicht vor dem Beginn des Mietverhältnisses ("+t.StartDate.String()+") liegen.")
	}
	if !v.Kind.Valid() {
		ve.Add("kind", "Bitte wählen Sie, wie der Kontakt stattfand.")
	}
	if v.DurationMinutes < 1 || v.DurationMinutes > 720 {
		ve.Add("duration_minutes", "Bitte geben Sie die Dauer in Minuten an (1 bis 720).")
	}
	if !v.Language.Valid() {
		ve.Add("language", "Bitte wählen Sie die Sprache des Gesprächs.")
	}
	var topics VisitTopicList
	for _, t := range VisitTopics.Values() {
		if v.Topics.Has(t) {
			topics = append(topics, t)
		}
	}
	for _, t := range v.Topics {
		if !t.Valid() {
			ve.Add("topics", "Bitte wählen Sie nur Themen aus der Liste.")
		}
	}
	v.Topics = topics
	v.Note = strings.TrimSpace(v.Note)
	if utf8.RuneCountInString(v.Note) > MaxVisitNote {
		ve.Add("note", "Die Notiz darf höchstens 1.000 Zeichen lang sein.")
	}
	return ve.OrNil()
}

// VisitRhythm is a tenancy's planned rhythm of contacts.
type VisitRhythm struct {
	EarlyDays, EarlyMonths, LaterDays int
}

// Validate checks the rhythm (German messages per field).
func (r VisitRhythm) Validate() error {
	ve := NewValidationError()
	if r.EarlyDays < 1 || r.EarlyDays > 366 {
		ve.Add("visit_early_days", "Bitte geben Sie einen Abstand von 1 bis 366 Tagen an.")
	}
	if r.EarlyMonths < 0 || r.EarlyMonths > 60 {
		ve.Add("visit_early_months", "Bitte geben Sie 0 bis 60 Monate an.")
	}
	if r.LaterDays < 1 || r.LaterDays > 366 {
		ve.Add("visit_later_days", "Bitte geben Sie einen Abstand von 1 bis 366 Tagen an.")
	}
	return ve.OrNil()
}
