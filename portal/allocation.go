package portal

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/matching"
)

type allocationPair struct {
	Household   string
	HouseholdID int64
	Persons     int
	Score       string
	Why         string
}

type allocationGroup struct {
	Vacancy *domain.Vacancy
	Slots   []slotOption
	Pairs   []allocationPair
}

type allocationData struct {
	Groups        []allocationGroup
	PlacesFilled  int
	Places        int
	EligiblePairs int
	TotalScore    string
	PolicyVersion int
}

func (p *Portal) allocation(c *fiber.Ctx) error {
	prop, err := p.ranking.Allocate(c.UserContext())
	if err != nil {
		return err
	}
	al := prop.Allocation
	d := allocationData{PlacesFilled: al.PlacesFilled, Places: al.Places, EligiblePairs: al.EligiblePairs,
		TotalScore: al.TotalScore.String(), PolicyVersion: prop.Policy.Version}
	now := p.store.Now()
	var cur *allocationGroup
	for _, pr := range al.Pairs {
		v := prop.Vacancies[pr.VacancyID]
		if cur == nil || cur.Vacancy.ID != v.ID {
			d.Groups = append(d.Groups, allocationGroup{Vacancy: v, Slots: bookableSlots(v, now, 0)})
			cur = &d.Groups[len(d.Groups)-1]
		}
		row := prop.Rows[pr.HouseholdID]
		b := matching.Score(ranking.VacancyOf(v), ranking.HouseholdOf(row), prop.Policy, matching.Date(prop.Today))
		var why []string
		for _, cs := range b.Components {
			if cs.Contribution > 0 {
				why = append(why, cs.String())
			}
		}
		cur.Pairs = append(cur.Pairs, allocationPair{Household: row.Reference, HouseholdID: row.ID, Persons: row.Persons,
			Score: pr.Score.String(), Why: strings.Join(why, " · ")})
	}
	return p.views.render(c, "allocation", p.page(c, "Verteilung", d))
}
