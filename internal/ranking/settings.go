package ranking

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// policyError turns the engine's policy errors into field messages.
func policyError(err error) error {
	var pe *matching.ValidationError
	if !errors.As(err, &pe) {
		return err
	}
	ve := domain.NewValidationError()
	for _, f := range pe.Fields {
		ve.Add(f.Field, f.Message+".")
	}
	return ve
}

// SaveWeights stores new weights as the next policy version. Weights that would break the
// ranking invariants are refused with German messages per field. Only admins change the
// policy (domain.Actor.CanChangePolicy).
func (s *Service) SaveWeights(ctx context.Context, a domain.Actor, w matching.Weights, note string) (int, error) {
	if !a.CanChangePolicy() {
		return 0, fmt.Errorf("ranking: save weights: %w", domain.ErrForbidden)
	}
	cur, err := s.Policy(ctx)
	if err != nil {
		return 0, err
	}
	next := matching.Policy{Version: cur.Version + 1, Weights: w, Limits: cur.Limits}
	if err := next.Validate(); err != nil {
		return 0, policyError(err)
	}
	raw, err := json.Marshal(w)
	if err != nil {
		return 0, fmt.Errorf("ranking: save weights: %w", err)
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SavePolicy(ctx, &domain.Policy{Version: next.Version, WeightsJSON: string(raw), Note: note, CreatedByID: a.UserID()}); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("policy.save", "policy", int64(next.Version), note))
	})
	return next.Version, err
}

// SaveLimits stores the KdU caps and area figures the hard rules use (admins).
func (s *Service) SaveLimits(ctx context.Context, a domain.Actor, l matching.Limits) error {
	if !a.CanChangePolicy() {
		return fmt.Errorf("ranking: save limits: %w", domain.ErrForbidden)
	}
	cur, err := s.Policy(ctx)
	if err != nil {
		return err
	}
	check := matching.Policy{Version: cur.Version, Weights: cur.Weights, Limits: l}
	if err := check.Validate(); err != nil {
		return policyError(err)
	}
	raw, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("ranking: save limits: %w", err)
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.PutSetting(ctx, LimitsSettingKey, string(raw), a.UserID()); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("limits.save", "setting", 0, limitsDetail(l)))
	})
}

// limitsDetail is the audit log's German account of the limits.
func limitsDetail(l matching.Limits) string {
	caps := make([]string, len(l.KdUCapsCents))
	for i, c := range l.KdUCapsCents {
		caps[i] = fmt.Sprintf("%d P. %s", i+1, domain.Cents(c).Euro())
	}
	return fmt.Sprintf("KdU-Grenzen %s, je weitere Person %s; angemessene Fläche %s und %s je weitere Person; mindestens %s je Person",
		strings.Join(caps, ", "), domain.Cents(l.KdUExtraPersonCents).Euro(), domain.AreaCenti(l.AreaFirstPersonCenti),
		domain.AreaCenti(l.AreaFurtherPersonCenti), domain.AreaCenti(l.MinAreaPerPersonCenti))
}
