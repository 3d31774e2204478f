package api

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// Cursors are opaque to clients: base64url of "<kind>:<last id>". Paging by id keeps pages
// stable while records are added.

func encodeCursor(kind string, lastID int64) *string {
	s := base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + strconv.FormatInt(lastID, 10)))
	return &s
}

var errInvalidCursor = &paramError{code: domain.CodeInvalidCursor, name: "cursor",
	msg: "Der Parameter cursor ist ungültig. Verwenden Sie den Wert next_cursor der vorigen Seite."}

// cursorQuery reads the cursor parameter of a list of the given kind; none means 0.
func cursorQuery(c *fiber.Ctx, kind string) (int64, error) {
	raw := c.Query("cursor")
	if raw == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil {
		return 0, errInvalidCursor
	}
	k, id, ok := strings.Cut(string(b), ":")
	if !ok || k != kind {
		return 0, errInvalidCursor
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < 0 {
		return 0, errInvalidCursor
	}
	return n, nil
}
