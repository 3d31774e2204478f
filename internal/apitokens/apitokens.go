// Package apitokens manages the named bearer tokens integrations use for the JSON API: an
// admin creates one for a role and the account it acts as, the raw token is shown once and
// only its SHA-256 hash is stored; it can expire and be revoked.
package apitokens

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Prefix starts every raw token, so that leaked tokens are easy to recognise.
const Prefix = "wb_"

// Service creates, lists, revokes and checks API tokens.
type Service struct {
	store *store.Store
}

// New returns the token service.
func New(st *store.Store) *Service { return &Service{store: st} }

// Input is a new token as an admin enters it.
type Input struct {
	Name string
	Role domain.Role
	// UserID is the account the token acts as; its role must be Role. A landlord token acts
	// for that account's landlord, a caseworker token for that caseworker's households.
	UserID int64
	// ExpiresOn is the last day the token works (zero: no expiry).
	ExpiresOn domain.Date
}

// Created is a new token with its raw value, which exists only here.
type Created struct {
	Token *domain.APIToken
	Raw   string
}

// adminOnly lets only those through who manage API tokens
// (domain.Actor.CanManageAPITokens).
func adminOnly(a domain.Actor) error {
	if !a.CanManageAPITokens() {
		return fmt.Errorf("apitokens: %w", domain.ErrForbidden)
	}
	return nil
}

// Create validates the input and stores a new token.
func (s *Service) Create(ctx context.Context, a domain.Actor, in Input) (*Created, error) {
	if err := adminOnly(a); err != nil {
		return nil, err
	}
	ve := domain.NewValidationError()
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len([]rune(in.Name)) > 100 {
		ve.Add("name", "Bitte geben Sie einen Namen mit 1 bis 100 Zeichen an (z. B. „Jobcenter Hagen – Fachverfahren“).")
	}
	if !in.Role.Valid() {
		ve.Add("role", "Bitte wählen Sie eine Rolle.")
	}
	if !in.ExpiresOn.IsZero() && in.ExpiresOn <= s.store.Today() {
		ve.Add("expires_on", "Das Ablaufdatum muss in der Zukunft liegen.")
	}
	u, err := s.store.UserByID(ctx, in.UserID)
	switch {
	case errors.Is(err, domain.ErrNotFound) || in.UserID == 0:
		ve.Add("user_id", "Bitte wählen Sie das Benutzerkonto, für das der Schlüssel handelt.")
	case err != nil:
		return nil, err
	case !u.Active:
		ve.Add("user_id", "Dieses Benutzerkonto ist deaktiviert.")
	case in.Role.Valid() && u.Role != in.Role:
		ve.Add("user_id", "Das Benutzerkonto hat nicht die gewählte Rolle („"+in.Role.Label()+"“).")
	case u.Role == domain.RoleLandlord && u.LandlordID == nil:
		ve.Add("user_id", "Dieses Konto gehört zu keiner Vermieter*in.")
	}
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	raw, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	raw = Prefix + raw
	t := &domain.APIToken{Name: in.Name, TokenHash: auth.HashToken(raw), Role: in.Role, UserID: u.ID, CreatedByID: a.UserID()}
	if !in.ExpiresOn.IsZero() {
		// The token works until the end of its last day in Hagen.
		end := in.ExpiresOn.AddDays(1).Midnight().UTC()
		t.ExpiresAt = &end
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateAPIToken(ctx, t); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("api_token.create", "api_token", t.ID, fmt.Sprintf("%s (Rolle %s)", t.Name, t.Role.Label())))
	})
	if err != nil {
		return nil, err
	}
	return &Created{Token: t, Raw: raw}, nil
}

// List returns all tokens (never their values).
func (s *Service) List(ctx context.Context, a domain.Actor) ([]store.APITokenRow, error) {
	if err := adminOnly(a); err != nil {
		return nil, err
	}
	return s.store.ListAPITokens(ctx)
}

// Revoke ends a token at once.
func (s *Service) Revoke(ctx context.Context, a domain.Actor, id int64) (*domain.APIToken, error) {
	if err := adminOnly(a); err != nil {
		return nil, err
	}
	var out *domain.APIToken
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		t, err := tx.RevokeAPIToken(ctx, id)
		if err != nil {
			return err
		}
		out = t
		return tx.Audit(ctx, a.Audit("api_token.revoke", "api_token", id, t.Name))
	})
	return out, err
}

// Authenticate returns the token and the account it acts as for a raw bearer token. An
// unknown, expired or revoked token, or one whose account changed role or was deactivated,
// is ErrUnauthorized.
func (s *Service) Authenticate(ctx context.Context, raw string) (*domain.APIToken, *domain.User, error) {
	if !strings.HasPrefix(raw, Prefix) || len(raw) > 200 {
		return nil, nil, fmt.Errorf("apitokens: malformed token: %w", domain.ErrUnauthorized)
	}
	t, u, err := s.store.APITokenByHash(ctx, auth.HashToken(raw))
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil, fmt.Errorf("apitokens: %w", domain.ErrUnauthorized)
	}
	if err != nil {
		return nil, nil, err
	}
	if u.Role != t.Role {
		return nil, nil, fmt.Errorf("apitokens: account role changed: %w", domain.ErrUnauthorized)
	}
	// last_used_at is kept to the minute (store.TouchAPIToken); a token used within the last
	// minute needs no write, so a busy client costs two reads per request, not a write too.
	if t.LastUsedAt == nil || t.LastUsedAt.Before(s.store.Now().Add(-time.Minute)) {
		if err := s.store.TouchAPIToken(ctx, t.ID); err != nil {
			return nil, nil, err
		}
	}
	return t, u, nil
}
