package testutil

import (
	"context"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/web"
)

// SessionClient returns a client holding a session of u that was written straight into
// the store, without the login form: for accounts that cannot sign in (an inactive one
// waiting for activation, say), to show that such a session opens nothing either.
func SessionClient(t testing.TB, st *store.Store, app *fiber.App, u *domain.User) *Client {
	t.Helper()
	token, err := auth.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	now := st.Now()
	sess := &domain.Session{IDHash: auth.HashToken(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := st.CreateSession(context.Background(), sess); err != nil {
		t.Fatal(err)
	}
	c := NewClient(t, app)
	c.cookies[web.SessionCookie] = token
	return c
}
