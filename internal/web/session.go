package web

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
)

// SessionCookie is the name of the session cookie (CookieName adds __Host- with https).
const SessionCookie = "wb_session"

// Session lifetimes: idle expiry (a working day) and an absolute cap.
const (
	sessionIdle     = 8 * time.Hour
	sessionAbsolute = 24 * time.Hour
	sessionTouch    = 5 * time.Minute
)

// SessionStore is what sessions need from the store.
type SessionStore interface {
	CreateSession(ctx context.Context, s *domain.Session) error
	SessionUser(ctx context.Context, idHash string) (*domain.Session, *domain.User, error)
	TouchSession(ctx context.Context, idHash string, expires time.Time) error
	DeleteSession(ctx context.Context, idHash string) error
	Now() time.Time
}

// Sessions keeps server-side sessions in the database, so every instance knows them.
type Sessions struct {
	Store  SessionStore
	Secure bool
}

// Middleware loads the signed-in user, if any, into the request.
func (s *Sessions) Middleware() fiber.Handler {
	return func(c *fiber.Ctx) error {
		token := c.Cookies(s.cookieName())
		if token == "" {
			return c.Next()
		}
		hash := auth.HashToken(token)
		sess, user, err := s.Store.SessionUser(c.UserContext(), hash)
		if errors.Is(err, domain.ErrNotFound) {
			s.clearCookie(c)
			return c.Next()
		}
		if err != nil {
			return err
		}
		c.Locals(localUser, user)
		c.Locals(localSession, hash)
		now := s.Store.Now()
		if now.Sub(sess.LastSeenAt) > sessionTouch {
			expires := now.Add(sessionIdle)
			if limit := sess.CreatedAt.Add(sessionAbsolute); expires.After(limit) {
				expires = limit
			}
			if err := s.Store.TouchSession(c.UserContext(), hash, expires); err != nil {
				Logger(c).Warn("touch session", "err", err)
			}
		}
		return c.Next()
	}
}

// Login starts a fresh session for the user; an old session of this browser is ended, so
// a session id planted before login is worthless afterwards.
func (s *Sessions) Login(c *fiber.Ctx, user *domain.User) error {
	if old, ok := c.Locals(localSession).(string); ok && old != "" {
		if err := s.Store.DeleteSession(c.UserContext(), old); err != nil {
			return err
		}
	}
	token, err := auth.NewToken()
	if err != nil {
		return err
	}
	now := s.Store.Now()
	sess := &domain.Session{
		IDHash: auth.HashToken(token), UserID: user.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(sessionIdle), IP: ClientIP(c), UserAgent: ClipText(c.Get(fiber.HeaderUserAgent), 300),
	}
	if err := s.Store.CreateSession(c.UserContext(), sess); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{
		Name: s.cookieName(), Value: token, Path: "/", HTTPOnly: true, Secure: s.Secure,
		SameSite: fiber.CookieSameSiteLaxMode,
	})
	c.Locals(localUser, user)
	c.Locals(localSession, sess.IDHash)
	return nil
}

// Logout ends the current session.
func (s *Sessions) Logout(c *fiber.Ctx) error {
	if hash, ok := c.Locals(localSession).(string); ok && hash != "" {
		if err := s.Store.DeleteSession(c.UserContext(), hash); err != nil {
			return err
		}
	}
	s.clearCookie(c)
	c.Locals(localUser, nil)
	return nil
}

func (s *Sessions) clearCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name: s.cookieName(), Value: "", Path: "/", HTTPOnly: true, Secure: s.Secure,
		SameSite: fiber.CookieSameSiteLaxMode, MaxAge: -1, Expires: time.Unix(0, 0),
	})
}

func (s *Sessions) cookieName() string { return CookieName(SessionCookie, s.Secure) }
