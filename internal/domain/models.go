package domain

import (
	"database/sql/driver"
	"strings"
	"time"
)

// User is a person with an account: staff, caseworker, admin or a landlord's employee.
type User struct {
	ID           int64
	Email        string
	Name         string
	Phone        string
	Role         Role
	LandlordID   *int64
	PasswordHash string `json:"-"`
	Active       bool
	CourseStaff  bool // Quartiersmanagement: runs the Mietführerschein courses (Actor.CanManageCourses)
	LastLoginAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Session is a signed-in browser. Only the hash of the cookie value is stored, so a read
// of the table does not hand out sessions.
type Session struct {
	IDHash     string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// LoginAttempt is one try to sign in, kept for throttling across instances.
type LoginAttempt struct {
	ID        int64
	Email     string
	IP        string
	Success   bool
	CreatedAt time.Time
}

// UserToken is a one-time link for an invitation or a password reset (hash only).
type UserToken struct {
	ID        int64
	UserID    int64
	Purpose   string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// APIToken is a named bearer token for integrations (hash only).
type APIToken struct {
	ID          int64
	Name        string
	TokenHash   string
	Role        Role
	UserID      int64
	CreatedByID *int64
	ExpiresAt   *time.Time
	LastUsedAt  *time.Time
	RevokedAt   *time.Time
	CreatedAt   time.Time
}

// Landlord is a cooperating Vermieter*in: a private owner, a housing company or a cooperative.
type Landlord struct {
	ID          int64
	Name        string
	Kind        LandlordKind
	ContactName string
	Email       string
	Phone       string
	Street      string
	PostalCode  string
	City        string
	Status      LandlordStatus
	// SelfRegistered marks a landlord who registered on the portal and waits for staff to
	// activate them (an invited one waits for the first password instead).
	SelfRegistered bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// CooperationAgreement is a landlord's signed Kooperationsvereinbarung „Wohnen“.
type CooperationAgreement struct {
	ID                   int64
	LandlordID           int64
	Version              string
	SignedAt             *time.Time
	SignedByUserID       *int64
	SignedByName         string
	ContactUserID        *int64
	AcceptsCertificate   bool
	AcceptsAccompaniment bool
	AcceptsFachstelle    bool
	YearlyQuota          int
	Guarantee            bool
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// Household is a Haushalt the city's programmes stand behind. Reference is the pseudonym
// landlords see; most other fields are never shown to them (docs/design.md §2).
//
// HealthNotes is special-category data (Art. 9 GDPR). It is never loaded with the household:
// the column holds HealthNotesSealed (encrypted, internal/sealed), and only
// households.Service.ReadHealthNotes opens it, for the actors CanReadHealthNotes allows,
// with an audit entry per read. AccommodationKind, ShelterProvider and AccommodatedSince are
// the characteristics of the statutory counts (WoBerichtsG § 4, NRW count; "" and zero:
// unbekannt). LeftOn is the day the household was closed or marked versorgt (zero while it
// is in the pool); the retention periods count from it, and AnonymisedAt is when the
// retention job removed its names, contacts and free texts.
type Household struct {
	ID                   int64
	Reference            string
	ContactName          string
	Email                *string
	Phone                string
	Language             Language
	Nationality          string
	CaseworkerID         *int64
	CertificatePassedOn  Date
	CertificateNumber    string
	CertificateUntil     Date   // last valid day of the issued certificate (copied by the course service)
	CertificateID        *int64 // the issued certificate the three fields above are copied from
	AccompanimentFrom    Date
	AccompanimentUntil   Date
	CompanionName        string
	CompanionEmail       string
	CompanionPhone       string
	FachstelleCase       bool
	EmergencyCategory    *EmergencyCategory
	Urgency              *Urgency
	HomelessSince        Date
	AccommodationKind    AccommodationKind
	ShelterProvider      AccommodationProvider `gorm:"column:accommodation_provider"`
	AccommodatedSince    Date
	FocusGroup           FocusGroup
	HealthNotes          string `gorm:"-" json:"-"`
	HealthNotesSealed    string `gorm:"column:health_notes" json:"-"`
	Benefit              Benefit
	DirectPaymentConsent bool
	YearlyIncomeCents    *int64
	WBSValidUntil        Date `gorm:"column:wbs_valid_until"`
	WBSPersons           *int `gorm:"column:wbs_persons"`
	NeedsWheelchair      bool
	NeedsStepFree        bool
	HasPets              bool
	PreferredBoroughs    BoroughList
	ExcludedBoroughs     BoroughList
	EarliestMoveIn       Date
	RegisteredOn         Date
	LotteryNumber        int64
	Status               HouseholdStatus
	PausedReason         string
	PausedUntil          Date
	LeftOn               Date
	AnonymisedAt         *time.Time
	CreatedAt            time.Time
	UpdatedAt            time.Time

	Members  []HouseholdMember `gorm:"foreignKey:HouseholdID"`
	Consents []Consent         `gorm:"foreignKey:HouseholdID"`
}

// Persons returns the number of household members.
func (h *Household) Persons() int { return len(h.Members) }

// Adults returns the number of members aged 18 or more in the given year.
func (h *Household) Adults(year int) int {
	n := 0
	for _, m := range h.Members {
		if year-m.BirthYear >= 18 {
			n++
		}
	}
	return n
}

// HouseholdMember is one person of a household; counts of adults and children derive from
// the members.
type HouseholdMember struct {
	ID          int64
	HouseholdID int64
	BirthYear   int
	Sex         Sex
	Position    int
}

// Consent records what a household agreed to, when, and whether it was revoked.
type Consent struct {
	ID          int64
	HouseholdID int64
	Kind        ConsentKind
	GivenAt     time.Time
	RevokedAt   *time.Time
	RecordedBy  *int64
}

// Vacancy is a Wohnungsangebot of a landlord.
type Vacancy struct {
	ID                   int64
	LandlordID           int64
	Street               string
	PostalCode           string
	District             string
	Borough              Borough
	Floor                int
	Elevator             bool
	StepFree             bool
	Wheelchair           bool
	RoomsHalf            RoomsHalf
	AreaCentiM2          AreaCenti `gorm:"column:area_centi_m2"`
	NetColdRentCents     Cents
	ServiceChargesCents  Cents
	HeatingCostsCents    Cents
	DepositCents         Cents
	AvailableFrom        Date
	WBSRequired          bool `gorm:"column:wbs_required"`
	PetsAllowed          bool
	MaxOccupants         *int
	Places               int
	Restriction          Restriction
	SeniorWGNew          bool `gorm:"column:senior_wg_new"` // a Senioren-WG newly created for „Endlich ein ZUHAUSE!“
	AcceptsCertificate   bool
	AcceptsAccompaniment bool
	AcceptsFachstelle    bool
	Description          string
	Status               VacancyStatus
	ReviewComment        string
	SubmittedAt          *time.Time
	PublishedAt          *time.Time
	CreatedAt            time.Time
	UpdatedAt            time.Time

	Slots []ViewingSlot `gorm:"foreignKey:VacancyID"`
}

// GrossColdRent is the Bruttokaltmiete: Nettokaltmiete plus kalte Nebenkosten.
func (v *Vacancy) GrossColdRent() Cents { return v.NetColdRentCents + v.ServiceChargesCents }

// WarmRent is the Warmmiete: Bruttokaltmiete plus Heizkosten.
func (v *Vacancy) WarmRent() Cents { return v.GrossColdRent() + v.HeatingCostsCents }

// ViewingSlot is a time a landlord offers for viewings of a vacancy.
type ViewingSlot struct {
	ID        int64
	VacancyID int64
	StartsAt  time.Time
	EndsAt    time.Time
	Place     string
	Capacity  int
	Booked    int
	CreatedAt time.Time
}

// Policy is a stored, versioned set of ranking weights.
type Policy struct {
	ID          int64
	Version     int
	WeightsJSON string
	Note        string
	CreatedByID *int64
	CreatedAt   time.Time
}

// Setting is one admin-editable setting stored as JSON (KdU table, retention, …).
type Setting struct {
	Key         string `gorm:"primaryKey"`
	ValueJSON   string
	UpdatedByID *int64
	UpdatedAt   time.Time
}

// RankingSnapshot keeps the inputs and the result of a ranking so a proposal can be
// explained and the ranking rebuilt later. Data holds every input of the engine and the full
// order in the compact form of ranking.Snapshot (Format 1; rows before it have none); the
// hashes are the SHA-256 of the two uncompressed parts. InputsJSON and ResultJSON are a
// readable summary.
type RankingSnapshot struct {
	ID            int64
	VacancyID     int64
	PolicyVersion int
	ComputedOn    Date
	InputsJSON    string
	ResultJSON    string
	Format        int
	InputsSHA256  string `gorm:"column:inputs_sha256"`
	OrderSHA256   string `gorm:"column:order_sha256"`
	Data          []byte
	CreatedByID   *int64
	CreatedAt     time.Time
	// Fairness (Art. 22): the written reason when staff approved someone other than the
	// best-ranked free candidate (TopHouseholdID); nil for an approval of the top candidate.
	OverrideReason *ReasonCode
	OverrideNote   string
	TopHouseholdID *int64
}

// Match is a Vorschlag: a household proposed for a vacancy, and its way to a lease.
type Match struct {
	ID              int64
	VacancyID       int64
	HouseholdID     int64
	Place           int
	State           MatchState
	Score           float64
	Rank            int
	ExplanationJSON string
	SnapshotID      *int64
	PolicyVersion   int
	ProposedByID    *int64
	ApprovedByID    *int64
	ApprovedAt      *time.Time
	RejectionReason *string
	RejectionNote   string
	DeclineReason   *ReasonCode // fairness: the household's optional reason for declining (DeclineReasons)
	StateChangedAt  time.Time
	StallRemindedAt *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Viewing is a Besichtigung of a match in a slot.
type Viewing struct {
	ID          int64
	MatchID     int64
	SlotID      *int64
	StartsAt    time.Time
	EndsAt      time.Time
	Place       string
	State       ViewingState
	CalendarUID string
	Sequence    int
	RemindedAt  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Started reports whether the viewing has begun at now: only then can the landlord say
// what happened at it (Zusage, Absage, nicht gekommen).
func (v *Viewing) Started(now time.Time) bool { return !now.Before(v.StartsAt) }

// ApplicantToken is the hash of a link token that lets an applicant answer one viewing.
type ApplicantToken struct {
	ID         int64
	ViewingID  int64
	TokenHash  string
	ExpiresAt  time.Time
	AnsweredAt *time.Time
	Answer     *string
	CreatedAt  time.Time
}

// OutboxMessage is one email, written in the same transaction as the change that causes it
// and delivered by the mail worker.
type OutboxMessage struct {
	ID            int64
	DedupeKey     string
	Kind          string
	ToAddress     string
	ToName        string
	Language      string
	Subject       string
	BodyText      string
	BodyHTML      string `gorm:"column:body_html"`
	ICS           string `gorm:"column:ics"`
	MatchID       *int64
	State         MessageState
	Attempts      int
	NextAttemptAt time.Time
	LockedUntil   *time.Time
	LastError     string
	SentAt        *time.Time
	PurgedAt      *time.Time // when the retention job removed body and address after delivery
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName keeps the outbox table's name singular, as the design calls it.
func (OutboxMessage) TableName() string { return "outbox" }

// AuditEntry records who did what to which record, and who opened which household.
type AuditEntry struct {
	ID          int64
	At          time.Time
	ActorUserID *int64
	ActorLabel  string
	Action      string
	Entity      string
	EntityID    *int64
	Detail      string
	IP          string `gorm:"column:ip"`
	RequestID   string
}

// TableName names the audit table.
func (AuditEntry) TableName() string { return "audit_log" }

// BoroughList is a set of Stadtbezirke stored as comma-separated text.
type BoroughList []Borough

// Contains reports whether b is in the list.
func (l BoroughList) Contains(b Borough) bool {
	for _, x := range l {
		if x == b {
			return true
		}
	}
	return false
}

// Labels returns the German names, comma-separated.
func (l BoroughList) Labels() string {
	names := make([]string, len(l))
	for i, b := range l {
		names[i] = b.Label()
	}
	return strings.Join(names, ", ")
}

// Value stores the list as "mitte,haspe".
func (l BoroughList) Value() (driver.Value, error) { return joinCodes(l), nil }

// Scan reads the comma-separated form.
func (l *BoroughList) Scan(src any) error {
	list, err := splitCodes[Borough](src, "BoroughList")
	*l = list
	return err
}

// InvitationHandover records that the printed invitation of a viewing (in the version of
// its calendar sequence) was handed over in person to a household without email.
type InvitationHandover struct {
	ID             int64
	ViewingID      int64
	Sequence       int
	HandedOverByID *int64
	HandedOverBy   string
	HandedOverAt   time.Time
}
