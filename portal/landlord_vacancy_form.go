package portal

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/vacancies"
)

// vacancyFormData is what the create and edit form needs besides the entered values.
type vacancyFormData struct {
	Vacancy      *domain.Vacancy // nil while creating
	Action       string
	Locations    []domain.Option
	Floors       []domain.Option
	Tracks       []domain.Option
	Features     []domain.Option
	Restrictions []domain.Option
	// AskRentConfirm shows the confirmation checkbox for an unusual rent per m².
	AskRentConfirm bool
}

// vacancyFieldOrder is the order of the error summary, as the fields appear.
var vacancyFieldOrder = []string{"street", "location", "floor", "rooms", "area", "features", "net_cold_rent",
	"service_charges", "heating_costs", "deposit", "rent_confirmed", "available_from", "places", "max_occupants",
	"restriction", "senior_wg_new", "tracks", "description"}

// vacancyRename points the service's PLZ and Stadtteil messages at the combined select.
var vacancyRename = map[string]string{"postal_code": "location", "district": "location"}

// locationOptions lists every PLZ with its Stadtteile: "58095 – Mittelstadt (Hagen-Mitte)".
func locationOptions() []domain.Option {
	var opts []domain.Option
	for _, plz := range domain.PostalCodes() {
		for _, d := range domain.DistrictsFor(plz) {
			opts = append(opts, domain.Option{Value: plz + "|" + d.Name, Label: plz + " – " + d.Name + " (" + d.Borough.Label() + ")"})
		}
	}
	return opts
}

func floorOptions() []domain.Option {
	opts := []domain.Option{{Value: "-1", Label: "Untergeschoss"}, {Value: "0", Label: "Erdgeschoss"}}
	for i := 1; i <= 25; i++ {
		opts = append(opts, domain.Option{Value: strconv.Itoa(i), Label: strconv.Itoa(i) + ". Etage"})
	}
	return opts
}

func (p *Portal) vacancyForm(action string, v *domain.Vacancy) *vacancyFormData {
	return &vacancyFormData{Vacancy: v, Action: action, Locations: locationOptions(), Floors: floorOptions(),
		Tracks: domain.TrackHouseholdOptions, Features: vacancies.FeatureOptions, Restrictions: domain.Restrictions.Options()}
}

// formOf fills the form fields from an input (editing a stored vacancy).
func formOf(in vacancies.Input) FormValues {
	f := FormValues{}
	f.Set("street", in.Street)
	f.Set("location", in.PostalCode+"|"+in.District)
	f.Set("floor", strconv.Itoa(in.Floor))
	f.Set("rooms", in.Rooms.String())
	f.Set("area", in.Area.Plain())
	for k, c := range map[string]domain.Cents{"net_cold_rent": in.NetColdRent, "service_charges": in.ServiceCharges,
		"heating_costs": in.HeatingCosts, "deposit": in.Deposit} {
		f.Set(k, c.Plain())
	}
	f.Set("available_from", in.AvailableFrom.ISO())
	f.Set("places", strconv.Itoa(in.Places))
	if in.MaxOccupants != nil {
		f.Set("max_occupants", strconv.Itoa(*in.MaxOccupants))
	}
	f.Set("restriction", string(in.Restriction))
	if in.SeniorWGNew {
		f.Set("senior_wg_new", "1")
	}
	f.Set("description", in.Description)
	for v, on := range map[string]bool{"elevator": in.Elevator, "step_free": in.StepFree, "wheelchair": in.Wheelchair,
		"wbs_required": in.WBSRequired, "pets_allowed": in.PetsAllowed} {
		if on {
			f["features"] = append(f["features"], v)
		}
	}
	for v, on := range map[string]bool{string(domain.TrackCertificate): in.AcceptsCertificate,
		string(domain.TrackAccompaniment): in.AcceptsAccompaniment, string(domain.TrackFachstelle): in.AcceptsFachstelle} {
		if on {
			f["tracks"] = append(f["tracks"], v)
		}
	}
	return f
}

// newVacancyForm shows an empty form with sensible defaults.
func (p *Portal) newVacancyForm(c *fiber.Ctx) error {
	pg := p.page(c, "Neues Wohnungsangebot", p.vacancyForm("/vermieter/angebote/neu", nil))
	pg.Form = FormValues{"floor": {"0"}, "places": {"1"}, "restriction": {"none"}}
	// The tracks of the signed agreement are the sensible default (all while none is signed).
	view, err := p.landlords.Agreement(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	ag := view.Agreement
	for _, t := range []struct {
		value string
		on    bool
	}{{string(domain.TrackCertificate), !view.Signed() || ag.AcceptsCertificate},
		{string(domain.TrackAccompaniment), !view.Signed() || ag.AcceptsAccompaniment},
		{string(domain.TrackFachstelle), !view.Signed() || ag.AcceptsFachstelle}} {
		if t.on {
			pg.Form["tracks"] = append(pg.Form["tracks"], t.value)
		}
	}
	return p.views.render(c, "vacancy_form", pg)
}

// saveVacancy handles the create and the edit form: parse, then one service call.
func (p *Portal) saveVacancy(c *fiber.Ctx, pg *Page, save func(vacancies.Input) (int64, error)) error {
	data := pg.Data.(*vacancyFormData)
	pg.Form = postedForm(c)
	in, parseErr := vacancies.InputFromForm(url.Values(pg.Form))
	var err error
	if parseErr.OrNil() != nil {
		err = parseErr
	} else {
		var id int64
		if id, err = save(in); err == nil {
			return p.redirectWithFlash(c, "/vermieter/angebote/"+strconv.FormatInt(id, 10), "Das Wohnungsangebot ist gespeichert.")
		}
	}
	var ve *domain.ValidationError
	if asValidation(err, &ve) && (ve.Has("rent_confirmed") || pg.Form.Get("rent_confirmed") != "") {
		data.AskRentConfirm = true
	}
	return p.renderRefused(c, err, "vacancy_form", pg, vacancyRename, vacancyFieldOrder...)
}

func (p *Portal) createVacancy(c *fiber.Ctx) error {
	pg := p.page(c, "Neues Wohnungsangebot", p.vacancyForm("/vermieter/angebote/neu", nil))
	return p.saveVacancy(c, pg, func(in vacancies.Input) (int64, error) {
		v, err := p.vacancies.Create(c.UserContext(), actor(c), in)
		if err != nil {
			return 0, err
		}
		return v.ID, nil
	})
}

func (p *Portal) editVacancyForm(c *fiber.Ctx) error {
	v, err := p.ownVacancy(c)
	if err != nil {
		return err
	}
	pg := p.page(c, "Wohnungsangebot bearbeiten", p.vacancyForm(vacancyPath(v)+"/bearbeiten", v))
	pg.Form = formOf(vacancies.InputOf(v))
	return p.views.render(c, "vacancy_form", pg)
}

func (p *Portal) updateVacancy(c *fiber.Ctx) error {
	v, err := p.ownVacancy(c)
	if err != nil {
		return err
	}
	pg := p.page(c, "Wohnungsangebot bearbeiten", p.vacancyForm(vacancyPath(v)+"/bearbeiten", v))
	return p.saveVacancy(c, pg, func(in vacancies.Input) (int64, error) {
		return v.ID, p.vacancies.Update(c.UserContext(), actor(c), v.ID, in)
	})
}
