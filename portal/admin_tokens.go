package portal

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/apitokens"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// tokensData is the API token page: existing tokens, the accounts a token can act as and,
// right after creation, the new token's value (shown this once).
type tokensData struct {
	Tokens   []store.APITokenRow
	Accounts []domain.Option
	Created  *apitokens.Created
}

var tokenFieldOrder = []string{"name", "role", "user_id", "expires_on"}

func (p *Portal) tokensPage(c *fiber.Ctx, f FormValues, ve *domain.ValidationError, created *apitokens.Created) error {
	tokens, err := p.tokens.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	users, err := p.store.ListUsers(c.UserContext())
	if err != nil {
		return err
	}
	var accounts []domain.Option
	for _, u := range users {
		if u.Active {
			accounts = append(accounts, domain.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name + " (" + u.Role.Label() + ", " + u.Email + ")"})
		}
	}
	pg := p.page(c, "API-Zugangsschlüssel", tokensData{Tokens: tokens, Accounts: accounts, Created: created})
	pg.Form = f
	if ve != nil {
		c.Status(fiber.StatusUnprocessableEntity)
		pg.withErrors(ve, tokenFieldOrder...)
	}
	// The page may carry a token value: never keep it in a cache.
	c.Set(fiber.HeaderCacheControl, "no-store")
	return p.views.render(c, "api_tokens", pg)
}

func (p *Portal) tokensList(c *fiber.Ctx) error {
	return p.tokensPage(c, FormValues{"role": {string(domain.RoleStaff)}}, nil, nil)
}

func (p *Portal) tokenCreate(c *fiber.Ctx) error {
	f := postedForm(c)
	ve := domain.NewValidationError()
	fp := formParser{f, ve}
	in := apitokens.Input{Name: fp.str("name"), Role: domain.Role(fp.str("role")), ExpiresOn: fp.date("expires_on")}
	if id, err := strconv.ParseInt(fp.str("user_id"), 10, 64); err == nil {
		in.UserID = id
	}
	var created *apitokens.Created
	err := ve.OrNil()
	if err == nil {
		created, err = p.tokens.Create(c.UserContext(), actor(c), in)
	}
	if errors.As(err, &ve) {
		return p.tokensPage(c, f, ve, nil)
	}
	if err != nil {
		return err
	}
	return p.tokensPage(c, FormValues{"role": {string(domain.RoleStaff)}}, nil, created)
}

func (p *Portal) tokenRevoke(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	t, err := p.tokens.Revoke(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, "/verwaltung/tokens", "Der Zugangsschlüssel „"+t.Name+"“ ist widerrufen.")
}
