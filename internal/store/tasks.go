package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// TaskRow is one item of a start page's task queue (internal/tasks): the records it is
// about and the time that orders it. Total is the size of the whole queue, counted by the
// same query (COUNT(*) OVER ()), so a queue costs one query however long it is.
type TaskRow struct {
	MatchID            int64
	VacancyID          int64
	HouseholdID        int64
	ViewingID          int64
	LandlordID         int64
	MessageID          int64
	HouseholdReference string
	Street             string
	LandlordName       string
	Subject            string
	State              string
	At                 *time.Time
	EndsAt             *time.Time
	Total              int64
}

// TaskScope narrows a queue to one caseworker's households or one landlord's vacancies;
// zero values do not narrow.
type TaskScope struct {
	CaseworkerID int64
	LandlordID   int64
}

// taskLimit bounds the items a queue shows; Total still counts all.
const taskLimit = 10

// matchTasks selects matches with their vacancy, household and current (newest) viewing,
// narrowed to the scope.
func (s *Store) matchTasks(ctx context.Context, sc TaskScope, at string) *gorm.DB {
	q := s.q(ctx).Table("matches").
		Select("matches.id AS match_id, matches.vacancy_id, matches.household_id, matches.state, viewings.id AS viewing_id, " +
			"vacancies.landlord_id, households.reference AS household_reference, vacancies.street, " +
			at + " AS at, viewings.ends_at, COUNT(*) OVER () AS total").
		Joins("JOIN vacancies ON vacancies.id = matches.vacancy_id").
		Joins("JOIN households ON households.id = matches.household_id").
		Joins("LEFT JOIN viewings ON viewings.id = (SELECT MAX(v2.id) FROM viewings v2 WHERE v2.match_id = matches.id)")
	if sc.CaseworkerID != 0 {
		q = q.Where("households.caseworker_id = ?", sc.CaseworkerID)
	}
	if sc.LandlordID != 0 {
		q = q.Where("vacancies.landlord_id = ?", sc.LandlordID)
	}
	return q
}

func scanTasks(q *gorm.DB, op string) ([]TaskRow, error) {
	var rows []TaskRow
	if err := q.Limit(taskLimit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: %s: %w", op, err)
	}
	return rows, nil
}

// TaskTotal is the size of the queue the rows are the first page of.
func TaskTotal(rows []TaskRow) int64 {
	if len(rows) == 0 {
		return 0
	}
	return rows[0].Total
}

// RescheduleRequests lists pending viewings whose household asked for another date
// (answer) and that nobody has acted on since: no audit entry on the viewing after the
// answer other than the answer itself (answerAction). Oldest request first.
func (s *Store) RescheduleRequests(ctx context.Context, sc TaskScope, answer, answerAction string) ([]TaskRow, error) {
	q := s.matchTasks(ctx, sc, "applicant_tokens.answered_at").
		Joins("JOIN applicant_tokens ON applicant_tokens.viewing_id = viewings.id").
		Where("applicant_tokens.answer = ? AND viewings.state IN ? AND matches.state IN ?", answer,
			domain.PendingViewingStates, domain.ActiveMatchStates).
		Where("NOT EXISTS (SELECT 1 FROM audit_log WHERE audit_log.entity = 'viewing' AND audit_log.entity_id = viewings.id "+
			"AND audit_log.action <> ? AND audit_log.at > applicant_tokens.answered_at)", answerAction).
		Order("applicant_tokens.answered_at, matches.id")
	return scanTasks(q, "reschedule requests")
}

// DeclinedToReplace lists matches the household declined since `since` whose vacancy is
// still published and has had no new match since the decline: the flat waits for the next
// household. Oldest decline first.
func (s *Store) DeclinedToReplace(ctx context.Context, since time.Time) ([]TaskRow, error) {
	q := s.matchTasks(ctx, TaskScope{}, "matches.state_changed_at").
		Where("matches.state = ? AND matches.state_changed_at >= ? AND vacancies.status = ?",
			domain.MatchDeclinedByApplicant, since, domain.VacancyPublished).
		Where("NOT EXISTS (SELECT 1 FROM matches m2 WHERE m2.vacancy_id = matches.vacancy_id AND m2.created_at > matches.state_changed_at)").
		Order("matches.state_changed_at, matches.id")
	return scanTasks(q, "declined to replace")
}

// InvitationsToHandOver lists the viewings of households without an email address whose
// printed invitation was not handed over yet (for the viewing's current sequence, so a
// rescheduled viewing asks again) and that are still to come. Soonest viewing first.
func (s *Store) InvitationsToHandOver(ctx context.Context, sc TaskScope) ([]TaskRow, error) {
	q := s.matchTasks(ctx, sc, "viewings.starts_at").
		Where("viewings.state IN ? AND viewings.starts_at > ? AND matches.state IN ?", domain.PendingViewingStates, s.Now(),
			domain.OpenMatchStates).
		Where("(households.email IS NULL OR households.email = '')").
		Where("NOT EXISTS (SELECT 1 FROM invitation_handovers ih WHERE ih.viewing_id = viewings.id AND ih.sequence = viewings.sequence)").
		Order("viewings.starts_at, matches.id")
	return scanTasks(q, "invitations to hand over")
}

// ViewingsAwaitingOutcome lists matches waiting for the landlord's decision whose viewing
// has begun (started) or is over (!started). Longest waiting first.
func (s *Store) ViewingsAwaitingOutcome(ctx context.Context, sc TaskScope, started bool) ([]TaskRow, error) {
	column := "viewings.ends_at"
	if started {
		column = "viewings.starts_at"
	}
	q := s.matchTasks(ctx, sc, "viewings.starts_at").
		Where("matches.state IN ? AND viewings.state <> ? AND "+column+" <= ?", domain.DecidableMatchStates,
			domain.ViewingCancelled, s.Now()).
		Order("viewings.starts_at, matches.id")
	return scanTasks(q, "viewings awaiting outcome")
}

// UpcomingViewings lists the pending viewings still to come, soonest first.
func (s *Store) UpcomingViewings(ctx context.Context, sc TaskScope) ([]TaskRow, error) {
	q := s.matchTasks(ctx, sc, "viewings.starts_at").
		Where("matches.state IN ? AND viewings.state IN ? AND viewings.starts_at > ?", domain.ActiveMatchStates,
			domain.PendingViewingStates, s.Now()).
		Order("viewings.starts_at, matches.id")
	return scanTasks(q, "upcoming viewings")
}

// RunningMatches lists active matches, the one that moved longest ago first.
func (s *Store) RunningMatches(ctx context.Context, sc TaskScope) ([]TaskRow, error) {
	q := s.matchTasks(ctx, sc, "matches.state_changed_at").
		Where("matches.state IN ?", domain.ActiveMatchStates).
		Order("matches.state_changed_at, matches.id")
	return scanTasks(q, "running matches")
}

// StalledTasks lists open matches whose state has not changed since before, longest
// stalled first (the board marks the same matches).
func (s *Store) StalledTasks(ctx context.Context, before time.Time) ([]TaskRow, error) {
	q := s.matchTasks(ctx, TaskScope{}, "matches.state_changed_at").
		Where("matches.state IN ? AND matches.state_changed_at < ?", domain.OpenMatchStates, before).
		Order("matches.state_changed_at, matches.id")
	return scanTasks(q, "stalled matches")
}

// VacanciesToReview lists submitted vacancies, the longest waiting first.
func (s *Store) VacanciesToReview(ctx context.Context) ([]TaskRow, error) {
	q := s.q(ctx).Table("vacancies").Select("vacancies.id AS vacancy_id, vacancies.landlord_id, vacancies.street, "+
		"landlords.name AS landlord_name, vacancies.submitted_at AS at, COUNT(*) OVER () AS total").
		Joins("JOIN landlords ON landlords.id = vacancies.landlord_id").
		Where("vacancies.status = ?", domain.VacancySubmitted).Order("vacancies.submitted_at, vacancies.id")
	return scanTasks(q, "vacancies to review")
}

// SentBackVacancies lists a landlord's drafts that staff sent back with a comment, the
// longest waiting first.
func (s *Store) SentBackVacancies(ctx context.Context, landlordID int64) ([]TaskRow, error) {
	q := s.q(ctx).Table("vacancies").Select("vacancies.id AS vacancy_id, vacancies.landlord_id, vacancies.street, "+
		"vacancies.updated_at AS at, COUNT(*) OVER () AS total").
		Where("vacancies.landlord_id = ? AND vacancies.status = ? AND vacancies.review_comment <> ''", landlordID, domain.VacancyDraft).
		Order("vacancies.updated_at, vacancies.id")
	return scanTasks(q, "sent back vacancies")
}

// FailedMessageTasks lists failed emails, the oldest failure first.
func (s *Store) FailedMessageTasks(ctx context.Context) ([]TaskRow, error) {
	q := s.q(ctx).Table("outbox").Select("outbox.id AS message_id, outbox.subject, outbox.updated_at AS at, COUNT(*) OVER () AS total").
		Where("outbox.state = ?", domain.MessageFailed).Order("outbox.updated_at, outbox.id")
	return scanTasks(q, "failed messages")
}

// LandlordsAwaitingActivation lists self-registered landlords waiting for staff to let them
// in, the longest waiting first.
func (s *Store) LandlordsAwaitingActivation(ctx context.Context) ([]TaskRow, error) {
	q := s.q(ctx).Table("landlords").Select("landlords.id AS landlord_id, landlords.name AS landlord_name, "+
		"landlords.created_at AS at, COUNT(*) OVER () AS total").
		Where("landlords.status = ? AND landlords.self_registered = ?", domain.LandlordInvited, true).
		Order("landlords.created_at, landlords.id")
	return scanTasks(q, "landlords awaiting activation")
}

// LandlordProgress is how far a landlord got on the way to its first submitted vacancy.
type LandlordProgress struct {
	Signed    bool  // a signed Kooperationsvereinbarung
	Vacancies int64 // vacancies in any state
	Slots     int64 // viewing slots on any of its vacancies
	Submitted int64 // vacancies submitted once (submitted, published, let, withdrawn)
	// FirstDraftID is the oldest draft, DraftWithSlotID the oldest draft with a slot (0: none).
	FirstDraftID    int64
	DraftWithSlotID int64
}

// LandlordProgressOf reads a landlord's progress in one query.
func (s *Store) LandlordProgressOf(ctx context.Context, landlordID int64) (*LandlordProgress, error) {
	var row struct {
		Signed          int64
		Vacancies       int64
		Slots           int64
		Submitted       int64
		FirstDraftID    *int64
		DraftWithSlotID *int64
	}
	draft := domain.VacancyDraft
	err := s.q(ctx).Raw(`SELECT
		(SELECT COUNT(*) FROM cooperation_agreements WHERE landlord_id = @l AND signed_at IS NOT NULL) AS signed,
		(SELECT COUNT(*) FROM vacancies WHERE landlord_id = @l) AS vacancies,
		(SELECT COUNT(*) FROM viewing_slots JOIN vacancies ON vacancies.id = viewing_slots.vacancy_id WHERE vacancies.landlord_id = @l) AS slots,
		(SELECT COUNT(*) FROM vacancies WHERE landlord_id = @l AND status <> @draft) AS submitted,
		(SELECT MIN(id) FROM vacancies WHERE landlord_id = @l AND status = @draft) AS first_draft_id,
		(SELECT MIN(v.id) FROM vacancies v WHERE v.landlord_id = @l AND v.status = @draft
			AND EXISTS (SELECT 1 FROM viewing_slots sl WHERE sl.vacancy_id = v.id)) AS draft_with_slot_id`,
		map[string]any{"l": landlordID, "draft": draft}).Scan(&row).Error
	if err != nil {
		return nil, fmt.Errorf("store: landlord progress: %w", err)
	}
	p := &LandlordProgress{Signed: row.Signed > 0, Vacancies: row.Vacancies, Slots: row.Slots, Submitted: row.Submitted}
	if row.FirstDraftID != nil {
		p.FirstDraftID = *row.FirstDraftID
	}
	if row.DraftWithSlotID != nil {
		p.DraftWithSlotID = *row.DraftWithSlotID
	}
	return p, nil
}

// HandOverInvitation records that the printed invitation of the viewing's current
// sequence was handed over; false when it already was.
func (s *Store) HandOverInvitation(ctx context.Context, h *domain.InvitationHandover) (bool, error) {
	h.HandedOverAt = s.Now()
	res := s.q(ctx).Exec(`INSERT INTO invitation_handovers (viewing_id, sequence, handed_over_by_id, handed_over_by, handed_over_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (viewing_id, sequence) DO NOTHING`,
		h.ViewingID, h.Sequence, h.HandedOverByID, h.HandedOverBy, h.HandedOverAt)
	if res.Error != nil {
		return false, fmt.Errorf("store: hand over invitation: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// InvitationHandoverOf returns the handover of a viewing's sequence, or nil.
func (s *Store) InvitationHandoverOf(ctx context.Context, viewingID int64, sequence int) (*domain.InvitationHandover, error) {
	var out []domain.InvitationHandover
	if err := s.q(ctx).Where("viewing_id = ? AND sequence = ?", viewingID, sequence).Limit(1).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: invitation handover: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return &out[0], nil
}
