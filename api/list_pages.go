package api

import "github.com/gofiber/fiber/v2"

// The lists of the tenancy phase, the Mietführerschein and the follow-ups page like every
// other list (paging.go, docs/design.md §6): the service returns the caller's whole list,
// answerPage cuts the page out in id order and answers items with next_cursor.

// listAnswer is the body of every list answer.
type listAnswer[J any] struct {
	Items      []J     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// answerPage answers one page of rows held in memory, each written by out.
func answerPage[R, J any](c *fiber.Ctx, kind string, pg listPage, rows []R, id func(*R) int64, out func(*R) J) error {
	rows = pageOf(rows, id, pg)
	res := listAnswer[J]{Items: make([]J, len(rows))}
	for i := range rows {
		res.Items[i] = out(&rows[i])
	}
	if len(rows) > 0 {
		res.NextCursor = pg.next(kind, len(rows), id(&rows[len(rows)-1]))
	}
	return c.JSON(res)
}

// pageSchema is the document's list answer: items of the named schema and next_cursor.
func pageSchema(desc, itemsDesc, item string) obj {
	return object(desc, []string{"items", "next_cursor"}, obj{
		"items":       array(itemsDesc, obj{"$ref": "#/components/schemas/" + item}, []any{}),
		"next_cursor": nullable(str("Zeiger auf die nächste Seite (gesetzt, wenn die Seite voll ist); null auf der letzten.", "djo0Mg")),
	})
}
