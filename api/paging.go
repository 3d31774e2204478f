package api

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// Every list of the API pages the same way (docs/design.md §6): limit 1–200 (default 50;
// 0, negative or above 200 is refused with a field error), items in id order, next_cursor
// set when the page is full and null otherwise; the next page starts after the cursor.

const (
	defaultLimit = 50
	maxLimit     = 200
)

// paramError is a refused query parameter: 400 with the code and the parameter named in
// fields, so that a program knows which one to fix.
type paramError struct {
	code domain.ErrorCode
	name string
	msg  string
}

func (e *paramError) Error() string { return "api: parameter " + e.name + ": " + e.msg }

// WebError implements web.Explained.
func (e *paramError) WebError() (*web.Error, map[string]string) {
	return &web.Error{Status: fiber.StatusBadRequest, Code: e.code, Message: e.msg}, map[string]string{e.name: e.msg}
}

func invalidQuery(name, msg string) error {
	return &paramError{code: domain.CodeInvalidQuery, name: name, msg: msg}
}

// listPage is the limit and cursor of a list request.
type listPage struct {
	Limit int
	After int64 // the id after which the page starts, 0 for the first page
}

// pageQuery reads limit and cursor of a list whose cursors have the given kind.
func pageQuery(c *fiber.Ctx, kind string) (listPage, error) {
	p := listPage{Limit: defaultLimit}
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxLimit {
			return p, invalidQuery("limit", "Der Parameter limit muss eine ganze Zahl von 1 bis 200 sein.")
		}
		p.Limit = n
	}
	after, err := cursorQuery(c, kind)
	if err != nil {
		return p, err
	}
	p.After = after
	return p, nil
}

// next returns the cursor after the last of n items with the given last id: set when the
// page is full.
func (p listPage) next(kind string, n int, lastID int64) *string {
	if n == 0 || n < p.Limit {
		return nil
	}
	return encodeCursor(kind, lastID)
}

// pageOf cuts one page out of a whole list held in memory (vacancies, landlords): in id
// order, after the cursor, at most limit items.
func pageOf[T any](items []T, id func(*T) int64, p listPage) []T {
	slices.SortFunc(items, func(a, b T) int { return cmp.Compare(id(&a), id(&b)) })
	start, _ := slices.BinarySearchFunc(items, p.After+1, func(x T, t int64) int { return cmp.Compare(id(&x), t) })
	items = items[start:]
	if len(items) > p.Limit {
		items = items[:p.Limit]
	}
	return items
}
