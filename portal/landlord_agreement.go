package portal

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
)

type agreementData struct {
	View   *landlords.AgreementView
	Tracks []agreementTrack
	// HasVacancies chooses the next step after signing: the first vacancy or the list.
	HasVacancies bool
}

type agreementTrack struct {
	Value, Label string
	Accepted     bool
}

func (p *Portal) agreementPage(c *fiber.Ctx, title string) (*Page, error) {
	view, err := p.landlords.Agreement(c.UserContext(), actor(c))
	if err != nil {
		return nil, err
	}
	data := agreementData{View: view}
	for _, t := range domain.TrackHouseholdOptions {
		at := agreementTrack{Value: t.Value, Label: t.Label}
		if ag := view.Agreement; ag != nil {
			at.Accepted = map[string]bool{string(domain.TrackCertificate): ag.AcceptsCertificate,
				string(domain.TrackAccompaniment): ag.AcceptsAccompaniment, string(domain.TrackFachstelle): ag.AcceptsFachstelle}[t.Value]
		}
		data.Tracks = append(data.Tracks, at)
	}
	return p.page(c, title, data), nil
}

func (p *Portal) agreement(c *fiber.Ctx) error {
	pg, err := p.agreementPage(c, "Kooperationsvereinbarung „Wohnen“")
	if err != nil {
		return err
	}
	pg.Form = FormValues{"tracks": {string(domain.TrackCertificate), string(domain.TrackAccompaniment)}, "yearly_quota": {"2"}}
	vs, err := p.vacancies.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	data := pg.Data.(agreementData)
	data.HasVacancies = len(vs) > 0
	pg.Data = data
	return p.views.render(c, "agreement", pg)
}

func (p *Portal) agreementPrint(c *fiber.Ctx) error {
	pg, err := p.agreementPage(c, "Kooperationsvereinbarung „Wohnen“ – Druckfassung")
	if err != nil {
		return err
	}
	return p.views.render(c, "agreement_print", pg)
}

func (p *Portal) signAgreement(c *fiber.Ctx) error {
	pg, err := p.agreementPage(c, "Kooperationsvereinbarung „Wohnen“")
	if err != nil {
		return err
	}
	pg.Form = postedForm(c)
	in := landlords.SignInput{FullName: pg.Form.Get("full_name"), Agree: pg.Form.Get("agree") != "",
		AcceptsCertificate:   pg.Form.Has("tracks", string(domain.TrackCertificate)),
		AcceptsAccompaniment: pg.Form.Has("tracks", string(domain.TrackAccompaniment)),
		AcceptsFachstelle:    pg.Form.Has("tracks", string(domain.TrackFachstelle))}
	in.YearlyQuota, err = strconv.Atoi(strings.TrimSpace(pg.Form.Get("yearly_quota")))
	if err != nil {
		in.YearlyQuota = -1
	}
	if err := p.landlords.Sign(c.UserContext(), actor(c), in); err != nil {
		return p.renderRefused(c, err, "agreement", pg, nil, "tracks", "yearly_quota", "full_name", "agree")
	}
	return p.redirectWithFlash(c, "/vermieter/vereinbarung", "Vielen Dank! Die Kooperationsvereinbarung ist unterschrieben. Als Nächstes legen Sie Ihr erstes Wohnungsangebot an.")
}
