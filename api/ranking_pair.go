package api

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/web"
	"wohnbruecke/matching"
)

// decimal2 is a number of hundredths written as a JSON number with exactly two decimals
// ("71.50"), so scores carry no binary float noise.
type decimal2 int64

func (d decimal2) MarshalJSON() ([]byte, error) { return appendFixed(nil, int64(d), 2), nil }

// decimal2Of rounds a float to hundredths (for scores stored as floats, e.g. matches).
func decimal2Of(x float64) decimal2 { return decimal2(math.Round(x * 100)) }

// decimal4 is a number of ten-thousandths written with exactly four decimals.
type decimal4 int64

func (d decimal4) MarshalJSON() ([]byte, error) { return appendFixed(nil, int64(d), 4), nil }

type factsJSON map[string]any

type pairReasonJSON struct {
	Code    string    `json:"code"`
	Label   string    `json:"label"`
	Message string    `json:"message"`
	Facts   factsJSON `json:"facts"`
}

type pairComponentJSON struct {
	Code   string    `json:"code"`
	Label  string    `json:"label"`
	Value  decimal4  `json:"value"`
	Weight decimal2  `json:"weight"`
	Points decimal2  `json:"points"`
	Facts  factsJSON `json:"facts"`
}

type rankingPairJSON struct {
	VacancyID          int64               `json:"vacancy_id"`
	HouseholdID        int64               `json:"household_id"`
	HouseholdReference string              `json:"household_reference"`
	LotteryNumber      string              `json:"lottery_number"`
	PolicyVersion      int                 `json:"policy_version"`
	Today              string              `json:"today"`
	Eligible           bool                `json:"eligible"`
	Rank               *int32              `json:"rank"`
	Candidates         int                 `json:"candidates"`
	Score              decimal2            `json:"score"`
	Reasons            []pairReasonJSON    `json:"reasons"`
	Components         []pairComponentJSON `json:"components"`
}

var errNotRanked = &web.Error{Status: fiber.StatusNotFound, Code: "not_found",
	Message: "Der Haushalt steht nicht zur Vermittlung (unbekannt, versorgt oder abgeschlossen) und hat daher keinen Platz in der Rangliste."}

// rankingPair answers GET /api/v1/vacancies/{id}/ranking/{household_id}: why one household
// stands where it does for one flat — its rank or every failed rule, and each score
// component with the facts it read.
func (a *API) rankingPair(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	hid, err := idParam(c, "household_id")
	if err != nil {
		return err
	}
	r, err := a.rank.Ranked(c.UserContext(), id)
	if err != nil {
		return err
	}
	cand, ex, ok := r.Position(hid)
	if !ok {
		return errNotRanked
	}
	if notModified(c, r.ETag()) {
		return nil
	}
	return c.JSON(pairOut(r, hid, cand, ex))
}

func pairOut(r *ranking.Ranked, hid int64, cand *matching.Candidate, ex *matching.Excluded) rankingPairJSON {
	var idx int32
	if cand != nil {
		idx = cand.Index
	} else {
		idx = ex.Index
	}
	h := &r.Households[idx]
	lim := &r.Policy.Limits
	bd := r.Explainer().Breakdown(h)
	out := rankingPairJSON{VacancyID: r.Vacancy.ID, HouseholdID: hid, HouseholdReference: r.Rows[idx].Reference,
		LotteryNumber: fmt.Sprint(h.Lottery), PolicyVersion: r.Policy.Version, Today: matching.Date(r.Today).String(),
		Eligible: cand != nil, Candidates: len(r.Result.Candidates), Score: decimal2(pointsHundredths(bd.Score)),
		Reasons: []pairReasonJSON{}}
	if cand != nil {
		rank := cand.Rank
		out.Rank = &rank
	} else {
		for _, reason := range r.Explain(*ex) {
			out.Reasons = append(out.Reasons, pairReasonJSON{Code: reason.Code.String(), Label: reason.Code.Label(),
				Message: reason.Message, Facts: facts(reason.Code.Reads(), &r.Input, h, lim, matching.Date(r.Today))})
		}
	}
	for _, cs := range bd.Components {
		out.Components = append(out.Components, pairComponentJSON{Code: cs.Component.Code(), Label: cs.Component.Label(),
			Value: decimal4(valueTenThousandths(bd.Values[cs.Component])), Weight: decimal2(weightHundredths(cs.Weight)),
			Points: decimal2(pointsHundredths(cs.Contribution)), Facts: facts(cs.Component.Reads(), &r.Input, h, lim, matching.Date(r.Today))})
	}
	return out
}

// facts returns the inputs a rule or component reads ("Household.Persons", "today", …)
// with their values: dates as ISO days (null when not set), enumerations and sets by their
// code, numbers and flags as they are.
func facts(reads []string, v *matching.Vacancy, h *matching.Household, l *matching.Limits, today matching.Date) factsJSON {
	out := factsJSON{}
	for _, name := range reads {
		if name == "today" {
			out[name] = today.String()
			continue
		}
		kind, field, _ := strings.Cut(name, ".")
		var src reflect.Value
		switch kind {
		case "Household":
			src = reflect.ValueOf(h).Elem()
		case "Vacancy":
			src = reflect.ValueOf(v).Elem()
		case "Limits":
			src = reflect.ValueOf(l).Elem()
		default:
			continue
		}
		f := src.FieldByName(field)
		if !f.IsValid() {
			continue
		}
		out[name] = factValue(f.Interface())
	}
	return out
}

func factValue(x any) any {
	switch x := x.(type) {
	case matching.Date:
		if x == 0 {
			return nil
		}
		return x.String()
	case matching.BoroughSet:
		codes := []string{}
		for _, b := range x.Boroughs() {
			codes = append(codes, b.Code())
		}
		return codes
	case matching.Borough:
		return x.Code()
	case matching.Track, matching.Status, matching.Restriction, matching.Benefit, matching.FocusGroup:
		return fmt.Sprint(x)
	case []int64:
		if x == nil {
			return []int64{}
		}
		return x
	}
	return x
}
