// Package workflow holds the use cases that change several records at once: approving a
// match into a viewing, the applicant's answer, the landlord's decision, the lease. Each
// runs in one transaction through the store, so either everything is written (including the
// outbox rows of the emails it causes) or nothing.
package workflow

import (
	"context"
	"encoding/json"
	"fmt"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
	"wohnbruecke/matching"
)

// Service runs the workflows.
type Service struct {
	store *store.Store
	rank  *ranking.Service
	mail  *mail.Composer // nil: no emails (tests of rules only)
	links links.Links
}

// New returns the workflow service. Without WithMail no emails are queued.
func New(st *store.Store, rk *ranking.Service, opts ...Option) *Service {
	s := &Service{store: st, rank: rk}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Actor is who acts (see domain.Actor).
type Actor = domain.Actor

func (s *Service) audit(ctx context.Context, tx *store.Store, a Actor, action, entity string, id int64, detail string) error {
	return tx.Audit(ctx, a.Audit(action, entity, id, detail))
}

// ApproveRequest names the candidate and the viewing slot.
type ApproveRequest struct {
	VacancyID   int64
	HouseholdID int64
	SlotID      int64
	// Override is the written reason (domain.OverrideReasons and text) for approving a
	// household that is not the best-ranked free candidate; ignored for the top candidate.
	Override domain.Reason
}

// Approved is the result of an approval. ApplicantToken is the raw link token; it exists
// only here (the database keeps its hash) and goes into the invitation email.
type Approved struct {
	Match          *domain.Match
	Viewing        *domain.Viewing
	ApplicantToken string
}

// approval is what the first step of Approve prepares outside the transaction: the ranking
// staff approved from, the chosen candidate and the snapshot row that keeps both.
type approval struct {
	ranking  *ranking.VacancyRanking
	cand     matching.Candidate
	snapshot *domain.RankingSnapshot
	// explanation is the candidate's score breakdown as JSON, kept with the match.
	explanation string
	token       string // the applicant's raw link token
	uid         string // random part of the calendar UID
}

// Approve approves a candidate for a vacancy into one of its viewing slots, in three steps:
// rank the vacancy and build the ranking snapshot (outside the transaction, so the slow part
// holds no locks); then, in one transaction, book (the slot with exactly one winner for the
// last place, the snapshot, the match, the viewing, the applicant's link token, the audit
// entry) and notify (the invitation and landlord emails as outbox rows). A household that
// no longer passes the hard rules, a vacancy that is not published, a full slot or a
// household with another active match end in a ConflictError with a German message, and
// nothing is written. Only staff and admins approve (domain.Actor.CanApproveMatch).
func (s *Service) Approve(ctx context.Context, a Actor, req ApproveRequest) (*Approved, error) {
	if !a.CanApproveMatch() {
		return nil, fmt.Errorf("workflow: approve: %w", domain.ErrForbidden)
	}
	ap, err := s.rankAndSnapshot(ctx, req)
	if err != nil {
		return nil, err
	}
	var out *Approved
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if out, err = s.book(ctx, tx, a, req, ap); err != nil {
			return err
		}
		return s.notifyApproved(ctx, tx, out.Match, out.Viewing, out.ApplicantToken)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// rankAndSnapshot ranks the vacancy in full, finds the household among the candidates and
// builds the snapshot that can rebuild this ranking exactly (ranking.Rebuild).
func (s *Service) rankAndSnapshot(ctx context.Context, req ApproveRequest) (*approval, error) {
	r, err := s.rank.RankVacancy(ctx, req.VacancyID, 0)
	if err != nil {
		return nil, err
	}
	if r.Vacancy.Status != domain.VacancyPublished {
		return nil, domain.Conflict(domain.CodeVacancyNotPublished, "Das Wohnungsangebot ist nicht veröffentlicht; Vorschläge sind nur für veröffentlichte Angebote möglich.")
	}
	cand, err := findCandidate(r, req.HouseholdID)
	if err != nil {
		return nil, err
	}
	if r.Rows[cand.Index].ActiveMatchVacancyID == req.VacancyID {
		return nil, ErrAlreadyProposed // checked again in book, for approvals at the same moment
	}
	snap, err := ranking.SnapshotOf(r)
	if err != nil {
		return nil, err
	}
	ap := &approval{ranking: r, cand: cand}
	if ap.snapshot, err = snap.Record(cand); err != nil {
		return nil, err
	}
	if err := withOverride(ap.snapshot, r, cand, req); err != nil {
		return nil, err
	}
	expl, err := json.Marshal(cand.Breakdown(r.Explainer(), r.Households))
	if err != nil {
		return nil, fmt.Errorf("workflow: explanation: %w", err)
	}
	ap.explanation = string(expl)
	if ap.token, err = auth.NewToken(); err != nil {
		return nil, err
	}
	if ap.uid, err = auth.NewToken(); err != nil {
		return nil, err
	}
	return ap, nil
}

// book writes the approval inside the transaction tx.
func (s *Service) book(ctx context.Context, tx *store.Store, a Actor, req ApproveRequest, ap *approval) (*Approved, error) {
	r, cand := ap.ranking, ap.cand
	v, err := tx.VacancyForUpdate(ctx, req.VacancyID)
	if err != nil {
		return nil, err
	}
	if v.Status != domain.VacancyPublished {
		return nil, domain.Conflict(domain.CodeVacancyNotPublished, "Das Wohnungsangebot wurde inzwischen zurückgezogen oder vermietet.")
	}
	slot, err := tx.SlotByID(ctx, req.VacancyID, req.SlotID)
	if err != nil {
		return nil, err
	}
	if !slot.StartsAt.After(tx.Now()) {
		return nil, domain.Conflict(domain.CodeSlotInPast, "Dieser Besichtigungstermin liegt in der Vergangenheit.")
	}
	if err := tx.ClaimSlot(ctx, slot.ID); err != nil {
		return nil, err
	}
	// The ranking ran before the transaction: check the household again inside it.
	row, err := tx.CandidateRow(ctx, req.HouseholdID)
	if err != nil {
		return nil, err
	}
	if row.ActiveMatchVacancyID == v.ID {
		return nil, ErrAlreadyProposed
	}
	h := ranking.HouseholdFor(row, v, r.Today)
	if reasons := matching.Check(r.Input, h, r.Policy, matching.Date(r.Today)); reasons != 0 {
		return nil, excludedConflict(reasons.Explain(r.Input, h, r.Policy, matching.Date(r.Today)))
	}
	sn := *ap.snapshot
	sn.CreatedByID = a.UserID()
	if err := tx.CreateSnapshot(ctx, &sn); err != nil {
		return nil, err
	}
	now := tx.Now()
	m := &domain.Match{VacancyID: v.ID, HouseholdID: req.HouseholdID, Place: 1, State: domain.MatchViewingScheduled,
		Score: cand.Score.Float64(), Rank: int(cand.Rank), ExplanationJSON: ap.explanation, SnapshotID: &sn.ID,
		PolicyVersion: r.Policy.Version, ProposedByID: a.UserID(), ApprovedByID: a.UserID(), ApprovedAt: &now}
	if err := tx.CreateMatch(ctx, m); err != nil {
		return nil, err
	}
	vw := &domain.Viewing{MatchID: m.ID, SlotID: &slot.ID, StartsAt: slot.StartsAt, EndsAt: slot.EndsAt,
		Place: slot.Place, State: domain.ViewingScheduled, CalendarUID: "viewing-" + ap.uid[:22] + "@wohnbruecke"}
	if err := tx.CreateViewing(ctx, vw); err != nil {
		return nil, err
	}
	if err := tx.CreateApplicantToken(ctx, &domain.ApplicantToken{ViewingID: vw.ID,
		TokenHash: auth.HashToken(ap.token), ExpiresAt: linkExpiry(vw)}); err != nil {
		return nil, err
	}
	err = s.audit(ctx, tx, a, "match.approve", "match", m.ID,
		fmt.Sprintf("%s, Rang %d, Besichtigung %s", v.Street, cand.Rank, domain.ViewingTime(slot.StartsAt, slot.EndsAt)))
	if err != nil {
		return nil, err
	}
	if sn.OverrideReason != nil {
		reason := domain.Reason{Code: *sn.OverrideReason, Note: sn.OverrideNote}
		if err := s.audit(ctx, tx, a, "match.override", "match", m.ID, fmt.Sprintf("Rang %d statt Rang 1: %s", cand.Rank, reason.Text(domain.OverrideReasons))); err != nil {
			return nil, err
		}
	}
	return &Approved{Match: m, Viewing: vw, ApplicantToken: ap.token}, nil
}

// ErrAlreadyProposed is the German answer when the household is already proposed for this
// flat.
var ErrAlreadyProposed = domain.Conflict(domain.CodeAlreadyProposed, "Dieser Haushalt ist für diese Wohnung bereits vorgeschlagen; der Vorschlag läuft. Sie finden ihn unter „Bisherige Vorschläge“.")

// findCandidate finds the household among the ranked candidates; an excluded household is a
// conflict with its reasons.
func findCandidate(r *ranking.VacancyRanking, householdID int64) (matching.Candidate, error) {
	for _, e := range r.Result.Excluded {
		if e.HouseholdID(r.Households) == householdID {
			return matching.Candidate{}, excludedConflict(r.Explain(e))
		}
	}
	for _, c := range r.Result.Candidates {
		if c.HouseholdID(r.Households) == householdID {
			return c, nil
		}
	}
	return matching.Candidate{}, fmt.Errorf("workflow: household %d: %w", householdID, domain.ErrNotFound)
}

// excludedConflict is the domain.IneligibleError of a household that fails hard rules: the
// rule codes for programs, one German sentence for people. A household excluded only
// because it has a running match elsewhere is a state, not a rule it fails: a conflict with
// the code household_has_active_match, as when the match is made meanwhile (store.ErrHouseholdBusy).
func excludedConflict(reasons []matching.Reason) error {
	if len(reasons) == 1 && reasons[0].Code == matching.ReasonActiveOffer {
		return domain.Conflict(domain.CodeHouseholdHasActiveMatch, "Dieser Haushalt hat einen anderen laufenden Vorschlag: "+reasons[0].Message+".")
	}
	msg := "Der Haushalt erfüllt die Voraussetzungen für diese Wohnung nicht:"
	rs := make([]domain.RuleReason, len(reasons))
	for i, r := range reasons {
		msg += " " + r.Message + "."
		rs[i] = domain.RuleReason{Code: r.Code.String(), DeprecatedCode: r.Code.DeprecatedCode(), Message: r.Message}
	}
	return &domain.IneligibleError{Message: msg, Reasons: rs}
}
