package web

import (
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// TestPathParamIsDecoded: an escaped certificate check character ("*" as %2A, "$" as %24)
// reaches the handler decoded, as the QR code's address and the printed number agree.
func TestPathParamIsDecoded(t *testing.T) {
	app := fiber.New()
	app.Get("/zertifikat/:number", func(c *fiber.Ctx) error { return c.SendString(PathParam(c, "number")) })
	for path, want := range map[string]string{
		"/zertifikat/7K3M9QX2HT4VB8PD%2A": "7K3M9QX2HT4VB8PD*",
		"/zertifikat/7K3M9QX2HT4VB8PD%24": "7K3M9QX2HT4VB8PD$",
		"/zertifikat/7K3M9QX2HT4VB8PD~":   "7K3M9QX2HT4VB8PD~",
	} {
		res, err := app.Test(httptest.NewRequest("GET", path, nil))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		if string(body) != want {
			t.Errorf("%s: handler got %q, want %q", path, body, want)
		}
	}
}
