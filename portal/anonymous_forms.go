package portal

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// The anonymous forms that touch accounts (registration, password reset) answer no sooner
// than these floors, whether the address has an account or not, so the answer's timing
// does not reveal accounts: the slower path (hashing, a token, mails) stays well below.
const (
	registerAnswerFloor = 400 * time.Millisecond
	resetAnswerFloor    = 250 * time.Millisecond
)

// errFormThrottled answers an anonymous form sent too often from one address or for one
// email address.
var errFormThrottled = &web.Error{Status: fiber.StatusTooManyRequests, Code: domain.CodeTooManyRequests,
	Message: "Zu viele Anfragen von diesem Anschluss oder für diese E-Mail-Adresse. Bitte warten Sie eine Stunde und versuchen Sie es dann noch einmal."}

// noSoonerThan returns a function that waits until floor has passed since the call.
func noSoonerThan(floor time.Duration) func() {
	elapsed := clock.Stopwatch()
	return func() {
		if rest := floor - elapsed(); rest > 0 {
			time.Sleep(rest)
		}
	}
}

// throttled turns the store's throttle into the German 429 of the anonymous forms.
func throttled(c *fiber.Ctx, err error) error {
	if errors.Is(err, domain.ErrThrottled) {
		c.Set(fiber.HeaderRetryAfter, "3600")
		return errFormThrottled
	}
	return err
}
