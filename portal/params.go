package portal

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// maxPage bounds every page number a list accepts (50 rows a page: five million rows).
const maxPage = 100_000

// queryInt reads an optional whole-number query parameter between lo and hi (def when it
// is absent). Anything else answers 400 naming the filter by its label, so an overflowing
// number never reaches the database.
func queryInt(c *fiber.Ctx, name, label string, def, lo, hi int) (int, error) {
	raw := strings.TrimSpace(c.Query(name))
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, &web.Error{Status: fiber.StatusBadRequest, Code: domain.CodeInvalidQuery,
			Message: fmt.Sprintf("%s muss eine ganze Zahl von %d bis %d sein.", label, lo, hi)}
	}
	return n, nil
}
