package portal

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

type policyData struct {
	Current  matching.Policy
	History  []domain.Policy
	Weights  []weightField
	Limits   []limitField
	MaxPlace int
}

type weightField struct{ Name, Label, Hint string }

type limitField struct {
	Name, Label, Hint string
	Euro              bool
}

var weightFields = []weightField{
	{"weights.urgency", "Dringlichkeit", "Punkte für Dringlichkeit 1; Stufe 2 erhält drei Viertel, 3 die Hälfte, 4 ein Viertel."},
	{"weights.certificate", "Integrationszertifikat Wohnen", "Punkte für ein bestandenes Zertifikat."},
	{"weights.accompaniment", "Klartext-Wohnbegleitung", "Punkte für eine aktive Wohnbegleitung."},
	{"weights.waiting_time", "Wartezeit", "Punkte, denen sich lange Wartezeiten annähern (nach einem Jahr die Hälfte)."},
	{"weights.preferred_district", "Wunsch-Stadtbezirk", "Punkte, wenn die Wohnung in einem bevorzugten Stadtbezirk liegt."},
	{"weights.size_fit", "Passende Größe", "Punkte für eine Wohnung in angemessener Größe; 0 schaltet das Merkmal ab."},
	{"weights.rent_headroom", "Abstand zur KdU-Grenze", "Punkte für eine Miete deutlich unter der KdU-Grenze; 0 schaltet das Merkmal ab."},
}

func weightValues(w matching.Weights) []float64 {
	return []float64{w.Urgency, w.Certificate, w.Accompaniment, w.WaitingTime, w.PreferredDistrict, w.SizeFit, w.RentHeadroom}
}

func (p *Portal) adminPolicy(c *fiber.Ctx) error {
	return p.renderPolicy(c, nil, nil)
}

func (p *Portal) renderPolicy(c *fiber.Ctx, f FormValues, ve *domain.ValidationError) error {
	ctx := c.UserContext()
	cur, err := p.ranking.Policy(ctx)
	if err != nil {
		return err
	}
	history, err := p.store.Policies(ctx)
	if err != nil {
		return err
	}
	pg := p.page(c, "Gewichtung und KdU-Grenzen", policyData{Current: cur, History: history, Weights: weightFields, Limits: limitFields(len(cur.Limits.KdUCapsCents))})
	if f == nil {
		pg.Form = policyForm(cur)
	} else {
		pg.Form = f
		c.Status(fiber.StatusUnprocessableEntity)
		pg.withErrors(ve)
	}
	return p.views.render(c, "admin_policy", pg)
}

func limitFields(caps int) []limitField {
	var out []limitField
	for i := 1; i <= caps; i++ {
		out = append(out, limitField{Name: "limits.kdu_caps." + strconv.Itoa(i), Label: "KdU-Grenze " + strconv.Itoa(i) + " Person" + map[bool]string{true: "", false: "en"}[i == 1], Euro: true})
	}
	return append(out,
		limitField{"limits.kdu_extra_person", "Zuschlag je weitere Person", "", true},
		limitField{"limits.area_first_person", "Angemessene Wohnfläche für 1 Person (m²)", "WNB NRW 8.2", false},
		limitField{"limits.area_further_person", "Wohnfläche je weitere Person (m²)", "", false},
		limitField{"limits.min_area_per_person", "Mindestwohnfläche je Person (m²)", "WohnStG NRW § 10", false})
}

func policyForm(p matching.Policy) FormValues {
	f := FormValues{}
	for i, w := range weightValues(p.Weights) {
		f.Set(weightFields[i].Name, domain.Cents(int64(w*100+0.5)).Plain())
	}
	for i, c := range p.Limits.KdUCapsCents {
		f.Set("limits.kdu_caps."+strconv.Itoa(i+1), domain.Cents(c).Plain())
	}
	f.Set("limits.kdu_extra_person", domain.Cents(p.Limits.KdUExtraPersonCents).Plain())
	f.Set("limits.area_first_person", domain.AreaCenti(p.Limits.AreaFirstPersonCenti).Plain())
	f.Set("limits.area_further_person", domain.AreaCenti(p.Limits.AreaFurtherPersonCenti).Plain())
	f.Set("limits.min_area_per_person", domain.AreaCenti(p.Limits.MinAreaPerPersonCenti).Plain())
	return f
}

// adminPolicySave stores new weights (a new policy version) or new limits.
func (p *Portal) adminPolicySave(c *fiber.Ctx) error {
	f := postedForm(c)
	ve := domain.NewValidationError()
	fp := formParser{f, ve}
	fixed := func(name string) int64 {
		v, err := domain.ParseFixed(fp.str(name), 2)
		if err != nil {
			ve.Add(name, "Bitte geben Sie eine Zahl an, z. B. 15 oder 12,5.")
		}
		return v
	}
	var err error
	var msg string
	if c.FormValue("part") == "limits" {
		cur, perr := p.ranking.Policy(c.UserContext())
		if perr != nil {
			return perr
		}
		l := matching.Limits{KdUExtraPersonCents: fixed("limits.kdu_extra_person"), AreaFirstPersonCenti: fixed("limits.area_first_person"),
			AreaFurtherPersonCenti: fixed("limits.area_further_person"), MinAreaPerPersonCenti: fixed("limits.min_area_per_person")}
		for i := range cur.Limits.KdUCapsCents {
			l.KdUCapsCents = append(l.KdUCapsCents, fixed("limits.kdu_caps."+strconv.Itoa(i+1)))
		}
		if err = ve.OrNil(); err == nil {
			err, msg = p.ranking.SaveLimits(c.UserContext(), actor(c), l), "Die KdU-Grenzen und Wohnflächen sind gespeichert."
		}
	} else {
		vals := make([]float64, len(weightFields))
		for i, wf := range weightFields {
			vals[i] = float64(fixed(wf.Name)) / 100
		}
		w := matching.Weights{Urgency: vals[0], Certificate: vals[1], Accompaniment: vals[2], WaitingTime: vals[3],
			PreferredDistrict: vals[4], SizeFit: vals[5], RentHeadroom: vals[6]}
		if err = ve.OrNil(); err == nil {
			var version int
			version, err = p.ranking.SaveWeights(c.UserContext(), actor(c), w, fp.str("note"))
			msg = "Die Gewichtung ist als Version " + strconv.Itoa(version) + " gespeichert und gilt ab sofort."
		}
	}
	if errors.As(err, &ve) {
		return p.renderPolicy(c, f, ve)
	}
	if m, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, "/verwaltung/gewichtung", m)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, "/verwaltung/gewichtung", msg)
}
