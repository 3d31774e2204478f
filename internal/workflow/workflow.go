// Package workflow holds the use cases that change several records at once: approving a
// match into a viewing, the applicant's answer, the landlord's decision, the lease. Each
// runs in one transaction through the store, so either everything is written (including the
// outbox rows of the emails it causes) or nothing.
package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
	"wohnbruecke/matching"
)

// Service runs the workflows.
type Service struct {
	store   *store.Store
	rank    *ranking.Service
	mail    *mail.Composer // nil: no emails (tests of rules only)
	baseURL string
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
}

// Approved is the result of an approval. ApplicantToken is the raw link token; it exists
// only here (the database keeps its hash) and goes into the invitation email.
type Approved struct {
	Match          *domain.Match
	Viewing        *domain.Viewing
	ApplicantToken string
}

// snapshot is what a proposal keeps of its ranking so it can be explained later.
type snapshot struct {
	Policy      matching.Policy    `json:"policy"`
	Today       domain.Date        `json:"today"`
	Vacancy     matching.Vacancy   `json:"vacancy"`
	Household   matching.Household `json:"household"`
	Breakdown   matching.Breakdown `json:"breakdown"`
	Rank        int32              `json:"rank"`
	Eligible    int                `json:"eligible"`
	TopRanked   []rankedJSON       `json:"top_ranked"`
	Explanation []string           `json:"explanation"`
}

type rankedJSON struct {
	HouseholdID int64   `json:"household_id"`
	Rank        int32   `json:"rank"`
	Score       float64 `json:"score"`
}

// snapshotTop is how many of the best-ranked households a snapshot keeps.
const snapshotTop = 50

// Approve approves a candidate for a vacancy into one of its viewing slots. In one
// transaction it books the slot (exactly one winner for the last place), stores the ranking
// snapshot, the match, the viewing and the applicant's link token. A household that no
// longer passes the hard rules, a vacancy that is not published, a full slot or a household
// with another active match end in a ConflictError with a German message. Only staff and
// admins approve (domain.Actor.CanApproveMatch).
func (s *Service) Approve(ctx context.Context, a Actor, req ApproveRequest) (*Approved, error) {
	if !a.CanApproveMatch() {
		return nil, fmt.Errorf("workflow: approve: %w", domain.ErrForbidden)
	}
	r, err := s.rank.RankVacancy(ctx, req.VacancyID, 0)
	if err != nil {
		return nil, err
	}
	if r.Vacancy.Status != "published" {
		return nil, domain.Conflict("Das Wohnungsangebot ist nicht veröffentlicht; Vorschläge sind nur für veröffentlichte Angebote möglich.")
	}
	cand, snap, err := candidateSnapshot(r, req.HouseholdID)
	if err != nil {
		return nil, err
	}
	token, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	uid, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	snapJSON, err := json.Marshal(snap)
	if err != nil {
		return nil, fmt.Errorf("workflow: snapshot: %w", err)
	}
	out := &Approved{ApplicantToken: token}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := tx.VacancyForUpdate(ctx, req.VacancyID)
		if err != nil {
			return err
		}
		if v.Status != "published" {
			return domain.Conflict("Das Wohnungsangebot wurde inzwischen zurückgezogen oder vermietet.")
		}
		slot, err := tx.SlotByID(ctx, req.VacancyID, req.SlotID)
		if err != nil {
			return err
		}
		if !slot.StartsAt.After(tx.Now()) {
			return domain.Conflict("Dieser Besichtigungstermin liegt in der Vergangenheit.")
		}
		if err := tx.ClaimSlot(ctx, slot.ID); err != nil {
			return err
		}
		// The ranking above ran before the transaction: check the household again inside it.
		row, err := tx.CandidateRow(ctx, req.HouseholdID)
		if err != nil {
			return err
		}
		h := ranking.HouseholdOf(row)
		if reasons := matching.Check(r.Input, h, r.Policy, matching.Date(r.Today)); reasons != 0 {
			return excludedConflict(reasons.Explain(r.Input, h, r.Policy, matching.Date(r.Today)))
		}
		sn := &domain.RankingSnapshot{VacancyID: v.ID, PolicyVersion: r.Policy.Version, ComputedOn: r.Today,
			InputsJSON: string(snapJSON), ResultJSON: "{}", CreatedByID: a.UserID()}
		if err := tx.CreateSnapshot(ctx, sn); err != nil {
			return err
		}
		now := tx.Now()
		expl, err := json.Marshal(snap.Breakdown)
		if err != nil {
			return fmt.Errorf("workflow: explanation: %w", err)
		}
		m := &domain.Match{VacancyID: v.ID, HouseholdID: req.HouseholdID, Place: 1, State: "viewing_scheduled",
			Score: cand.Score.Float64(), Rank: int(cand.Rank), ExplanationJSON: string(expl), SnapshotID: &sn.ID,
			PolicyVersion: r.Policy.Version, ProposedByID: a.UserID(), ApprovedByID: a.UserID(), ApprovedAt: &now}
		if err := tx.CreateMatch(ctx, m); err != nil {
			return err
		}
		vw := &domain.Viewing{MatchID: m.ID, SlotID: &slot.ID, StartsAt: slot.StartsAt, EndsAt: slot.EndsAt,
			Place: slot.Place, State: "scheduled", CalendarUID: "viewing-" + uid[:22] + "@wohnbruecke"}
		if err := tx.CreateViewing(ctx, vw); err != nil {
			return err
		}
		// The link works until the end of the day after the viewing.
		if err := tx.CreateApplicantToken(ctx, &domain.ApplicantToken{ViewingID: vw.ID,
			TokenHash: auth.HashToken(token), ExpiresAt: slot.EndsAt.Add(24 * time.Hour)}); err != nil {
			return err
		}
		out.Match, out.Viewing = m, vw
		if err := s.notifyApproved(ctx, tx, m, vw, token); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "match.approve", "match", m.ID,
			fmt.Sprintf("vacancy %d, household %d, slot %d, rank %d", v.ID, req.HouseholdID, slot.ID, cand.Rank))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// candidateSnapshot finds the household among the ranked candidates and builds the snapshot.
func candidateSnapshot(r *ranking.VacancyRanking, householdID int64) (matching.Candidate, *snapshot, error) {
	for _, e := range r.Result.Excluded {
		if e.HouseholdID(r.Households) == householdID {
			return matching.Candidate{}, nil, excludedConflict(r.Explain(e))
		}
	}
	for _, c := range r.Result.Candidates {
		if c.HouseholdID(r.Households) != householdID {
			continue
		}
		b := c.Breakdown(r.Explainer(), r.Households)
		snap := &snapshot{Policy: r.Policy, Today: r.Today, Vacancy: r.Input, Household: r.Households[c.Index],
			Breakdown: b, Rank: c.Rank, Eligible: r.Result.Eligible}
		for _, cs := range b.Components {
			snap.Explanation = append(snap.Explanation, cs.String())
		}
		for _, top := range r.Result.Candidates[:min(snapshotTop, len(r.Result.Candidates))] {
			snap.TopRanked = append(snap.TopRanked, rankedJSON{top.HouseholdID(r.Households), top.Rank, top.Score.Float64()})
		}
		return c, snap, nil
	}
	return matching.Candidate{}, nil, fmt.Errorf("workflow: household %d: %w", householdID, domain.ErrNotFound)
}

func excludedConflict(reasons []matching.Reason) error {
	msg := "Der Haushalt erfüllt die Voraussetzungen für diese Wohnung nicht:"
	for _, r := range reasons {
		msg += " " + r.Message + "."
	}
	return domain.Conflict(msg)
}
