package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/web"
)

// IdempotencyHeader carries the client's key for a POST that must not run twice.
const IdempotencyHeader = "Idempotency-Key"

var (
	errKeyTooLong = &web.Error{Status: fiber.StatusBadRequest, Code: domain.CodeInvalidIdempotencyKey,
		Message: "Der Idempotency-Key darf 1 bis 255 Zeichen lang sein."}
	errKeyReused = &web.Error{Status: fiber.StatusUnprocessableEntity, Code: domain.CodeIdempotencyKeyReused,
		Message: "Dieser Idempotency-Key wurde in den letzten 24 Stunden schon für eine andere Anfrage verwendet. Bitte verwenden Sie für jede neue Anfrage einen neuen Schlüssel."}
	errKeyInProgress = &web.Error{Status: fiber.StatusConflict, Code: domain.CodeIdempotencyInProgress,
		Message: "Eine Anfrage mit diesem Idempotency-Key wird gerade noch bearbeitet. Bitte wiederholen Sie sie gleich."}
)

// idempotency makes a POST with an Idempotency-Key run once per caller and key: a retry
// with the same method, path and body gets the first answer again (status and body, with
// Idempotent-Replayed: true); the same key with another request is refused. Answers of
// 500 and above are not kept, so a retry after a server error runs again. Keys are kept
// for 24 hours. A reservation is a lease (store.IdempotencyLease) renewed while the
// request runs, so the key of a request whose process died is free again within seconds.
func (a *API) idempotency(c *fiber.Ctx) error {
	key := c.Get(IdempotencyHeader)
	u := web.CurrentUser(c)
	if c.Method() != fiber.MethodPost || key == "" || u == nil {
		return c.Next()
	}
	if len(key) > 255 {
		return errKeyTooLong
	}
	caller := "user:" + strconv.FormatInt(u.ID, 10)
	if t := web.APIToken(c); t != nil {
		caller = "token:" + strconv.FormatInt(t.ID, 10)
	}
	h := sha256.New()
	h.Write([]byte(c.Method() + " " + c.Path() + "\n" + c.Get(fiber.HeaderContentType) + "\n"))
	h.Write(c.Body())
	k := &store.IdempotencyKey{Caller: caller, IdemKey: key, Method: c.Method(), Path: c.Path(),
		RequestHash: hex.EncodeToString(h.Sum(nil))}
	prev, err := a.store.ReserveIdempotencyKey(c.UserContext(), k)
	if err != nil {
		return err
	}
	if prev != nil {
		switch {
		case prev.RequestHash != k.RequestHash:
			return errKeyReused
		case prev.ResponseStatus == 0:
			return errKeyInProgress
		}
		c.Set("Idempotent-Replayed", "true")
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
		return c.Status(prev.ResponseStatus).SendString(prev.ResponseBody)
	}
	stopRenewing := a.renewWhileRunning(c.UserContext(), k.ID, web.Logger(c))
	err = c.Next()
	stopRenewing()
	if err != nil {
		if herr := c.App().ErrorHandler(c, err); herr != nil {
			return herr
		}
	}
	status := c.Response().StatusCode()
	if status >= 500 {
		if err := a.store.ReleaseIdempotencyKey(c.UserContext(), k.ID); err != nil {
			web.Logger(c).Error("release idempotency key", "err", err)
		}
		return nil
	}
	return a.store.CompleteIdempotencyKey(c.UserContext(), k.ID, status, string(c.Response().Body()))
}

// renewWhileRunning renews the reservation every third of its lease until the returned
// function is called (which waits for the renewer to stop).
func (a *API) renewWhileRunning(ctx context.Context, id int64, log *slog.Logger) (stop func()) {
	return clock.Every(ctx, store.IdempotencyLease/3, func(ctx context.Context) bool {
		if err := a.store.RenewIdempotencyKey(ctx, id); err != nil && ctx.Err() == nil {
			log.Warn("renew idempotency key", "err", err)
		}
		return true
	})
}
