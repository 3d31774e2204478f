// Package vacancies holds the rules for a landlord's Wohnungsangebote and their viewing
// slots, and the staff's review of them (publish, send back). The portal and the JSON API
// share it: every method checks who acts, so a landlord reaches only their own records and
// another landlord's ids answer ErrNotFound.
package vacancies

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/validate"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// Actor is who acts.
type Actor = domain.Actor

// Service runs the vacancy use cases.
type Service struct {
	store    *store.Store
	validate *validate.Validator
	workflow *workflow.Service
	composer *mail.Composer
	links    links.Links
}

// New returns the service. The composer renders the review emails; baseURL (BASE_URL,
// without a trailing slash) begins the links in them.
func New(st *store.Store, v *validate.Validator, wf *workflow.Service, composer *mail.Composer, baseURL string) *Service {
	return &Service{store: st, validate: v, workflow: wf, composer: composer, links: links.New(baseURL)}
}

// landlordOf returns the landlord the actor works for; anyone else may not use the
// landlord's side.
func landlordOf(a Actor) (int64, error) {
	lid, ok := a.LandlordID()
	if !ok {
		return 0, fmt.Errorf("vacancies: not a landlord: %w", domain.ErrForbidden)
	}
	return lid, nil
}

// reviewer lets only those through who review vacancies (domain.Actor.CanReviewVacancies).
func reviewer(a Actor) error {
	if !a.CanReviewVacancies() {
		return fmt.Errorf("vacancies: not staff: %w", domain.ErrForbidden)
	}
	return nil
}

func audit(ctx context.Context, tx *store.Store, a Actor, action string, id int64, detail string) error {
	return tx.Audit(ctx, a.Audit(action, "vacancy", id, detail))
}

// signedAgreement returns the landlord's agreement if it is signed, else nil.
func (s *Service) signedAgreement(ctx context.Context, st *store.Store, landlordID int64) (*domain.CooperationAgreement, error) {
	ag, err := st.CurrentAgreement(ctx, landlordID)
	if err != nil || ag == nil || ag.SignedAt == nil {
		return nil, err
	}
	return ag, nil
}

// List returns the actor's vacancies, newest first.
func (s *Service) List(ctx context.Context, a Actor) ([]domain.Vacancy, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.store.VacanciesOfLandlord(ctx, lid)
}

// ProposalCounts counts the approved proposals of each of the actor's vacancies, for the
// landlord's list.
func (s *Service) ProposalCounts(ctx context.Context, a Actor) (map[int64]store.ProposalCount, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.store.ProposalCounts(ctx, lid)
}

// Get returns one of the actor's vacancies with its slots. Staff (Wohnraumakquise) reach
// every vacancy, since they also enter and manage offers on a landlord's behalf.
func (s *Service) Get(ctx context.Context, a Actor, id int64) (*domain.Vacancy, error) {
	return s.vacancyFor(ctx, s.store, a, id)
}

// vacancyFor finds a vacancy the actor may manage (domain.Actor.CanManageVacancy): a
// landlord their own (others are ErrNotFound), staff any.
func (s *Service) vacancyFor(ctx context.Context, st *store.Store, a Actor, id int64) (*domain.Vacancy, error) {
	if !a.CanManageVacancies() {
		return nil, fmt.Errorf("vacancies: vacancy %d: %w", id, domain.ErrForbidden)
	}
	v, err := st.VacancyByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !a.CanManageVacancy(v) {
		return nil, fmt.Errorf("vacancies: vacancy %d: %w", id, domain.ErrNotFound)
	}
	return v, nil
}

// Create validates the input and stores it as a draft of the actor's landlord.
func (s *Service) Create(ctx context.Context, a Actor, in Input) (*domain.Vacancy, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.create(ctx, a, lid, in)
}

// CreateFor stores a draft on a landlord's behalf (staff), under the same rules.
func (s *Service) CreateFor(ctx context.Context, a Actor, landlordID int64, in Input) (*domain.Vacancy, error) {
	if err := reviewer(a); err != nil {
		return nil, err
	}
	if _, err := s.store.LandlordByID(ctx, landlordID); errors.Is(err, domain.ErrNotFound) {
		return nil, &domain.ValidationError{Fields: map[string]string{"landlord_id": "Diese Vermieter*in gibt es nicht."}}
	} else if err != nil {
		return nil, err
	}
	return s.create(ctx, a, landlordID, in)
}

func (s *Service) create(ctx context.Context, a Actor, lid int64, in Input) (*domain.Vacancy, error) {
	ag, err := s.signedAgreement(ctx, s.store, lid)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(s.validate, ag, s.store.Today()); err != nil {
		return nil, err
	}
	v := &domain.Vacancy{LandlordID: lid, Status: domain.VacancyDraft}
	in.apply(v)
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateVacancy(ctx, v); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.create", v.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Update saves changes to a draft (a new one or one staff sent back).
func (s *Service) Update(ctx context.Context, a Actor, id int64, in Input) error {
	v, err := s.Get(ctx, a, id)
	if err != nil {
		return err
	}
	if !v.Status.Editable() {
		return domain.Conflict(domain.CodeNotADraft, "Nur Entwürfe können geändert werden. Eingereichte oder veröffentlichte Angebote ändert Ihre Ansprechperson.")
	}
	ag, err := s.signedAgreement(ctx, s.store, v.LandlordID)
	if err != nil {
		return err
	}
	if err := in.Validate(s.validate, ag, s.store.Today()); err != nil {
		return err
	}
	in.apply(v)
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateVacancyDraft(ctx, v); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.update", v.ID, "")
	})
}

// Duplicate copies a vacancy (any state) into a new draft without slots, e.g. for the next
// flat of the same kind in a building. An available-from day in the past becomes today.
func (s *Service) Duplicate(ctx context.Context, a Actor, id int64) (*domain.Vacancy, error) {
	src, err := s.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	v := &domain.Vacancy{LandlordID: src.LandlordID, Status: domain.VacancyDraft}
	in := InputOf(src)
	in.apply(v)
	if today := s.store.Today(); v.AvailableFrom < today {
		v.AvailableFrom = today
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateVacancy(ctx, v); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.duplicate", v.ID, "Kopie von "+src.Street)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// ErrAgreementMissing is the answer to a submission without a signed agreement.
var ErrAgreementMissing = domain.Conflict(domain.CodeAgreementMissing, "Bitte unterschreiben Sie zuerst die Kooperationsvereinbarung „Wohnen“. "+
	"Ihr Entwurf bleibt gespeichert; danach können Sie ihn einreichen.")

// Submit hands a draft to the city for review. It needs a signed agreement, a vacancy that
// still passes every rule (the day may have moved on) and at least one future viewing slot.
func (s *Service) Submit(ctx context.Context, a Actor, id int64) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.vacancyFor(ctx, tx, a, id)
		if err != nil {
			return err
		}
		lid := v.LandlordID
		if !v.Status.CanMove(domain.VacancySubmitted) {
			return domain.Conflict(domain.CodeAlreadySubmitted, "Dieses Wohnungsangebot ist bereits eingereicht.")
		}
		ag, err := s.signedAgreement(ctx, tx, lid)
		if err != nil {
			return err
		}
		if ag == nil {
			return ErrAgreementMissing
		}
		in := InputOf(v)
		if err := in.Validate(s.validate, ag, tx.Today()); err != nil {
			return err
		}
		if !HasFutureSlot(v, tx.Now()) {
			return ErrSlotMissing
		}
		if err := tx.SetVacancyStatus(ctx, v.ID, domain.VacancySubmitted); err != nil {
			return err
		}
		if err := tx.SetReviewComment(ctx, v.ID, ""); err != nil {
			return err
		}
		if err := s.notifyStaffSubmitted(ctx, tx, v); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.submit", v.ID, "")
	})
}

// ErrSlotMissing is the answer to a submission without a viewing slot ahead.
var ErrSlotMissing = domain.Conflict(domain.CodeSlotMissing, "Bitte legen Sie mindestens einen Besichtigungstermin in der Zukunft an, bevor Sie das Angebot einreichen.")

// HasFutureSlot reports whether the vacancy has a viewing slot after now, which a
// submission needs: the city invites the proposed households to it.
func HasFutureSlot(v *domain.Vacancy, now time.Time) bool {
	for _, sl := range v.Slots {
		if sl.StartsAt.After(now) {
			return true
		}
	}
	return false
}

// Withdraw takes a vacancy off the portal; open proposals for it are withdrawn and their
// viewings cancelled.
func (s *Service) Withdraw(ctx context.Context, a Actor, id int64) error {
	return s.end(ctx, a, id, domain.VacancyWithdrawn)
}

// MarkLet records that the flat was let (also outside the portal); open proposals end.
func (s *Service) MarkLet(ctx context.Context, a Actor, id int64) error {
	return s.end(ctx, a, id, domain.VacancyLet)
}

func (s *Service) end(ctx context.Context, a Actor, id int64, to domain.VacancyStatus) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.vacancyFor(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := domain.VacancyTransitions.Check(v.Status, to); err != nil {
			return err
		}
		if err := tx.SetVacancyStatus(ctx, id, to); err != nil {
			return err
		}
		if err := s.workflow.WithdrawOpen(ctx, tx, 0, id, 0); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy."+string(to), id, "")
	})
}

// Publish releases a submitted vacancy for matching (staff).
func (s *Service) Publish(ctx context.Context, a Actor, id int64) error {
	if err := reviewer(a); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SetVacancyStatus(ctx, id, domain.VacancyPublished); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.publish", id, "")
	})
}

// SendBack returns a submitted vacancy to the landlord as a draft with staff's comment and
// emails the landlord's accounts (staff).
func (s *Service) SendBack(ctx context.Context, a Actor, id int64, comment string) error {
	if err := reviewer(a); err != nil {
		return err
	}
	ve := domain.NewValidationError()
	if n := len([]rune(comment)); n == 0 {
		ve.Add("comment", "Bitte schreiben Sie, was die Vermieter*in ändern soll.")
	} else if n > 2000 {
		ve.Add("comment", "Der Hinweis darf höchstens 2000 Zeichen haben.")
	}
	if err := ve.OrNil(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := tx.VacancyForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.SetVacancyStatus(ctx, id, domain.VacancyDraft); err != nil {
			return err
		}
		if err := tx.SetReviewComment(ctx, id, comment); err != nil {
			return err
		}
		if err := s.notifyLandlordSentBack(ctx, tx, v, comment); err != nil {
			return err
		}
		return audit(ctx, tx, a, "vacancy.send_back", id, "")
	})
}
