package portal

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// Page is what every template receives: the frame (user, navigation, CSRF token, flash)
// and the page's own Data.
type Page struct {
	Title           string
	User            *domain.User
	CSRF            string
	Nav             []NavItem
	Flash           string
	FlashError      string
	RequestID       string
	FachstellePhone string
	Version         string // the build's version, in the footer
	// Contact is the landlord's Ansprechperson, shown on every page of the landlord area.
	Contact   *domain.User
	Errors    map[string]string
	ErrorList []FieldError
	Form      FormValues
	Data      any
	// FlashLink follows the flash message: the page where the next step is done.
	FlashLink FlashLink
}

// FormValues are the values a user entered, kept when a form comes back with errors.
type FormValues map[string][]string

// Get returns the first value of a field.
func (f FormValues) Get(name string) string {
	if v := f[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Has reports whether a field (checkbox group, multi-select) holds the value.
func (f FormValues) Has(name, value string) bool {
	for _, v := range f[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Set replaces a field's value.
func (f FormValues) Set(name, value string) { f[name] = []string{value} }

// NavItem is one entry of the main navigation.
type NavItem struct {
	Href, Label string
	Current     bool
}

// FieldError is one line of the error summary, linking to its field.
type FieldError struct {
	Field, Message string
}

const flashCookie = "wb_flash"

// page builds the frame for the current request.
func (p *Portal) page(c *fiber.Ctx, title string, data any) *Page {
	pg := &Page{
		Title: title, User: web.CurrentUser(c), CSRF: web.CSRFToken(c), RequestID: web.RequestID(c),
		FachstellePhone: p.opts.FachstellePhone, Version: p.opts.Version, Errors: map[string]string{}, Form: FormValues{}, Data: data,
	}
	if pg.User != nil {
		pg.Nav = navFor(pg.User.Role, c.Path())
	}
	pg.Contact, _ = c.Locals(localContact).(*domain.User)
	if f := c.Cookies(flashCookie); f != "" {
		if msg, err := url.QueryUnescape(f); err == nil {
			if e, ok := strings.CutPrefix(msg, flashErrorPrefix); ok {
				pg.FlashError = e
			} else {
				pg.Flash, pg.FlashLink = splitFlashLink(msg)
			}
		}
		c.Cookie(&fiber.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0), HTTPOnly: true})
	}
	return pg
}

// withErrors adds a validation error's messages in the order of the form's fields.
func (pg *Page) withErrors(ve *domain.ValidationError, order ...string) *Page {
	seen := map[string]bool{}
	for _, f := range append(order, ve.FieldNames()...) {
		if msg, ok := ve.Fields[f]; ok && !seen[f] {
			seen[f] = true
			pg.Errors[f] = msg
			pg.ErrorList = append(pg.ErrorList, FieldError{f, msg})
		}
	}
	return pg
}

const flashErrorPrefix = "!"

// redirectWithError redirects and shows msg as an error on the next page (for small
// action forms whose only field errors fit in one sentence).
func (p *Portal) redirectWithError(c *fiber.Ctx, to, msg string) error {
	return p.redirectWithFlash(c, to, flashErrorPrefix+msg)
}

// redirectWithFlash redirects after a successful POST and shows msg on the next page.
func (p *Portal) redirectWithFlash(c *fiber.Ctx, to, msg string) error {
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", HTTPOnly: true,
		Secure: p.opts.Secure, SameSite: fiber.CookieSameSiteLaxMode, MaxAge: 60})
	return c.Redirect(to, fiber.StatusSeeOther)
}

// FlashLink is a link shown after a flash message.
type FlashLink struct{ Href, Text string }

// flashLinkSep separates a flash message from its link's path and text in the cookie.
const flashLinkSep = "\x1f"

// redirectWithFlashLink is redirectWithFlash with a link to the next step after the
// message (a local path).
func (p *Portal) redirectWithFlashLink(c *fiber.Ctx, to, msg string, link FlashLink) error {
	return p.redirectWithFlash(c, to, msg+flashLinkSep+link.Href+flashLinkSep+link.Text)
}

// splitFlashLink takes the link off a flash message; only local paths are kept, since the
// cookie comes back from the browser.
func splitFlashLink(msg string) (string, FlashLink) {
	parts := strings.Split(msg, flashLinkSep)
	if len(parts) != 3 || !strings.HasPrefix(parts[1], "/") || strings.HasPrefix(parts[1], "//") {
		return parts[0], FlashLink{}
	}
	return parts[0], FlashLink{Href: parts[1], Text: parts[2]}
}

var staffNav = []NavItem{
	{Href: "/arbeitsbereich", Label: "Übersicht"},
	{Href: "/haushalte", Label: "Haushalte"},
	{Href: "/arbeitsbereich/angebote", Label: "Wohnungsangebote"},
	{Href: "/arbeitsbereich/vermieter", Label: "Vermieter*innen"},
	{Href: "/arbeitsbereich/vorschlaege", Label: "Vorschläge"},
	{Href: "/arbeitsbereich/verteilung", Label: "Verteilung"},
	{Href: "/arbeitsbereich/statistik", Label: "Statistik"},
	{Href: "/arbeitsbereich/postausgang", Label: "Postausgang"},
	{Href: "/mietverhaeltnisse", Label: "Mietverhältnisse"}, // tenancy phase
}

func navFor(role domain.Role, current string) []NavItem {
	var items []NavItem
	switch role {
	case domain.RoleLandlord:
		items = []NavItem{{Href: "/vermieter", Label: "Übersicht"}, {Href: "/vermieter/angebote", Label: "Wohnungsangebote"},
			{Href: "/vermieter/vereinbarung", Label: "Kooperationsvereinbarung"}, {Href: "/vermieter/kolleginnen", Label: "Zugänge"},
			{Href: "/vermieter/profil", Label: "Profil"},
			{Href: "/vermieter/mietverhaeltnisse", Label: "Mietverhältnisse"}} // tenancy phase
	case domain.RoleStaff:
		items = staffNav
	case domain.RoleCaseworker:
		items = []NavItem{{Href: "/begleitung", Label: "Übersicht"}, {Href: "/haushalte", Label: "Meine Haushalte"},
			{Href: "/mietverhaeltnisse", Label: "Mietverhältnisse"}} // tenancy phase
	case domain.RoleAdmin:
		items = []NavItem{{Href: "/verwaltung", Label: "Verwaltung"}, {Href: "/verwaltung/gewichtung", Label: "Gewichtung"},
			{Href: "/verwaltung/protokoll", Label: "Protokoll"}, {Href: "/verwaltung/tokens", Label: "API-Zugänge"},
			{Href: "/arbeitsbereich", Label: "Arbeitsbereich"}}
	}
	items = append([]NavItem(nil), items...)
	for i := range items {
		h := items[i].Href
		items[i].Current = h == current || i > 0 && strings.HasPrefix(current, h+"/")
	}
	return items
}

const localContact = "wb.contact"

// landlordFrame loads the Ansprechperson for every page of the landlord area.
func (p *Portal) landlordFrame(c *fiber.Ctx) error {
	contact, err := p.landlords.Contact(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	c.Locals(localContact, contact)
	return c.Next()
}

// renderInvalid renders a form page again with the validation error's messages and status
// 422; other errors go to the error handler. rename maps service field names to form fields.
func (p *Portal) renderInvalid(c *fiber.Ctx, err error, view string, pg *Page, rename map[string]string, order ...string) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	fields := domain.NewValidationError()
	for _, k := range ve.FieldNames() {
		to := k
		if r, ok := rename[k]; ok {
			to = r
		}
		fields.Add(to, ve.Fields[k])
	}
	c.Status(fiber.StatusUnprocessableEntity)
	return p.views.render(c, view, pg.withErrors(fields, order...))
}

// postedForm returns all fields of a posted urlencoded form, with repeated fields kept.
func postedForm(c *fiber.Ctx) FormValues {
	f := FormValues{}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if string(k) != web.CSRFField {
			f[string(k)] = append(f[string(k)], string(v))
		}
	})
	return f
}
