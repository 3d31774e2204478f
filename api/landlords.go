package api

import (
	"errors"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/store"
)

// landlordJSON is a landlord with its current cooperation agreement.
type landlordJSON struct {
	ID          int64                 `json:"id"`
	Name        string                `json:"name"`
	Kind        domain.LandlordKind   `json:"kind"`
	ContactName string                `json:"contact_name"`
	Email       string                `json:"email"`
	Phone       string                `json:"phone"`
	Street      string                `json:"street"`
	PostalCode  string                `json:"postal_code"`
	City        string                `json:"city"`
	Status      domain.LandlordStatus `json:"status"`
	Agreement   *agreementJSON        `json:"agreement"`
	CreatedAt   time.Time             `json:"created_at"`
}

type agreementJSON struct {
	Version              string     `json:"version"`
	SignedAt             *time.Time `json:"signed_at"`
	SignedByName         string     `json:"signed_by_name"`
	ContactUserID        *int64     `json:"contact_user_id"`
	AcceptsCertificate   bool       `json:"accepts_certificate"`
	AcceptsAccompaniment bool       `json:"accepts_accompaniment"`
	AcceptsFachstelle    bool       `json:"accepts_fachstelle"`
	YearlyQuota          int        `json:"yearly_quota"`
	Guarantee            bool       `json:"guarantee"`
}

func landlordOut(l *domain.Landlord, ag *domain.CooperationAgreement) landlordJSON {
	out := landlordJSON{ID: l.ID, Name: l.Name, Kind: l.Kind, ContactName: l.ContactName, Email: l.Email, Phone: l.Phone,
		Street: l.Street, PostalCode: l.PostalCode, City: l.City, Status: l.Status, CreatedAt: l.CreatedAt}
	if ag != nil {
		out.Agreement = &agreementJSON{Version: ag.Version, SignedAt: ag.SignedAt, SignedByName: ag.SignedByName,
			ContactUserID: ag.ContactUserID, AcceptsCertificate: ag.AcceptsCertificate,
			AcceptsAccompaniment: ag.AcceptsAccompaniment, AcceptsFachstelle: ag.AcceptsFachstelle,
			YearlyQuota: ag.YearlyQuota, Guarantee: ag.Guarantee}
	}
	return out
}

type organisationJSON struct {
	Name       string              `json:"name"`
	Kind       domain.LandlordKind `json:"kind"`
	Email      string              `json:"email"`
	Phone      string              `json:"phone"`
	Street     string              `json:"street"`
	PostalCode string              `json:"postal_code"`
	City       string              `json:"city"`
}

type personJSON struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

type landlordCreateRequest struct {
	Organisation  organisationJSON `json:"organisation"`
	User          personJSON       `json:"user"`
	ContactUserID int64            `json:"contact_user_id"`
	Guarantee     bool             `json:"guarantee"`
}

// landlordCreate answers POST /api/v1/landlords: staff invite a landlord; its first user
// gets an email with a link to set a password.
func (a *API) landlordCreate(c *fiber.Ctx) error {
	var req landlordCreateRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	o, u := req.Organisation, req.User
	inv, err := a.landlords.Invite(c.UserContext(), actor(c), landlords.InviteInput{
		Org:  landlords.Organisation{Name: o.Name, Kind: o.Kind, Email: o.Email, Phone: o.Phone, Street: o.Street, PostalCode: o.PostalCode, City: o.City},
		User: landlords.Person{Name: u.Name, Email: u.Email, Phone: u.Phone}, ContactUserID: req.ContactUserID, Guarantee: req.Guarantee})
	if err != nil {
		return landlordFields(err)
	}
	view, err := a.landlords.Open(c.UserContext(), actor(c), inv.Landlord.ID)
	if err != nil {
		return err
	}
	return created(c, fmt.Sprintf("/api/v1/landlords/%d", inv.Landlord.ID), landlordOut(view.Landlord, view.Agreement))
}

// landlordFields renames the service's form field keys to the request's JSON paths.
func landlordFields(err error) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	paths := map[string]string{"user_name": "user.name", "user_email": "user.email", "user_phone": "user.phone"}
	out := domain.NewValidationError()
	for k, msg := range ve.Fields {
		switch {
		case paths[k] != "":
			out.Add(paths[k], msg)
		case k == "contact_user_id" || k == "full_name" || k == "tracks" || k == "yearly_quota" || k == "agree":
			out.Add(k, msg)
		default:
			out.Add("organisation."+k, msg)
		}
	}
	return out
}

// landlordShow answers GET /api/v1/landlords/{id}.
func (a *API) landlordShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	view, err := a.landlords.Open(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(landlordOut(view.Landlord, view.Agreement))
}

// landlordList answers GET /api/v1/landlords (staff).
func (a *API) landlordList(c *fiber.Ctx) error {
	pg, err := pageQuery(c, "l")
	if err != nil {
		return err
	}
	rows, err := a.landlords.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	rows = pageOf(rows, func(r *store.LandlordRow) int64 { return r.Landlord.ID }, pg)
	out := struct {
		Items      []landlordJSON `json:"items"`
		NextCursor *string        `json:"next_cursor"`
	}{Items: make([]landlordJSON, len(rows))}
	for i := range rows {
		out.Items[i] = landlordOut(&rows[i].Landlord, nil)
	}
	if len(rows) > 0 {
		out.NextCursor = pg.next("l", len(rows), rows[len(rows)-1].Landlord.ID)
	}
	return c.JSON(out)
}

type agreementRequest struct {
	FullName             string `json:"full_name"`
	Agree                bool   `json:"agree"`
	AcceptsCertificate   bool   `json:"accepts_certificate"`
	AcceptsAccompaniment bool   `json:"accepts_accompaniment"`
	AcceptsFachstelle    bool   `json:"accepts_fachstelle"`
	YearlyQuota          int    `json:"yearly_quota"`
}

// landlordSign answers POST /api/v1/landlords/{id}/agreement: the landlord signs its own
// agreement, or staff record one signed on paper.
func (a *API) landlordSign(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req agreementRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	in := landlords.SignInput(req)
	if actor(c).Role() == domain.RoleLandlord {
		if _, err := a.landlords.Open(c.UserContext(), actor(c), id); err != nil {
			return err
		}
		err = a.landlords.Sign(c.UserContext(), actor(c), in)
	} else {
		err = a.landlords.SignFor(c.UserContext(), actor(c), id, in)
	}
	if err != nil {
		return err
	}
	return a.landlordShow(c)
}

type activateRequest struct {
	ContactUserID int64 `json:"contact_user_id"`
}

// landlordActivate answers POST /api/v1/landlords/{id}/activate (staff).
func (a *API) landlordActivate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req activateRequest
	if len(c.Body()) > 0 {
		if err := decodeBody(c, &req); err != nil {
			return err
		}
	}
	if err := a.landlords.Activate(c.UserContext(), actor(c), id, req.ContactUserID); err != nil {
		return err
	}
	return a.landlordShow(c)
}

// landlordBlock answers POST /api/v1/landlords/{id}/block (staff).
func (a *API) landlordBlock(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	reason, err := stepReason(c)
	if err != nil {
		return err
	}
	if err := a.landlords.Block(c.UserContext(), actor(c), id, reason); err != nil {
		return err
	}
	return a.landlordShow(c)
}
