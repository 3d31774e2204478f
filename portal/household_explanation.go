package portal

import (
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// explanationData is the printable explanation of a household's place in the ranking of
// one flat: what the household can be told on request (Art. 22 GDPR, design §10).
type explanationData struct {
	H          *domain.Household
	Match      store.MatchRow
	Components []matching.ComponentScore
	Score      string
	Override   string
	Printed    domain.Date
}

// overrideText is the German reason of a match approved out of rank order, "" for none;
// withTop names the household that stood first (for those who approve, never for a
// caseworker, who knows only their own households, nor in the household's copy).
func overrideText(overrides map[int64]store.MatchOverride, matchID int64, withTop bool) string {
	o, ok := overrides[matchID]
	if !ok {
		return ""
	}
	text := domain.Reason{Code: o.OverrideReason, Note: o.OverrideNote}.Text(domain.OverrideReasons)
	if withTop && o.TopReference != "" {
		text += " (an erster Stelle stand " + o.TopReference + ")"
	}
	return text
}

// householdExplanation shows the explanation stored with a proposal: the rank, each score
// component with its points under the policy version of the day, and the written reason
// when staff chose out of rank order. Opening it is opening the household (audited).
func (p *Portal) householdExplanation(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	matchID, err := pathID(c, "match")
	if err != nil {
		return err
	}
	h, err := p.households.Open(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	rows, err := p.store.MatchesOfHousehold(c.UserContext(), id)
	if err != nil {
		return err
	}
	d := explanationData{H: h, Printed: p.store.Today()}
	found := false
	for _, r := range rows {
		if r.ID == matchID {
			d.Match, found = r, true
		}
	}
	if !found {
		return fmt.Errorf("portal: explanation of match %d: %w", matchID, domain.ErrNotFound)
	}
	// Proposals recorded without a breakdown (imported or demo history) have none to show.
	if raw := d.Match.ExplanationJSON; raw != "" && raw != "{}" {
		var b matching.Breakdown
		if err := json.Unmarshal([]byte(raw), &b); err != nil {
			return fmt.Errorf("portal: explanation of match %d: %w", matchID, err)
		}
		d.Components = b.Components[:]
	}
	d.Score = domain.Decimal(d.Match.Score, 1)
	overrides, err := p.store.OverridesOfHousehold(c.UserContext(), id)
	if err != nil {
		return err
	}
	d.Override = overrideText(overrides, matchID, false)
	return p.views.render(c, "household_explanation", p.page(c, "Erklärung der Rangfolge für "+h.Reference, d))
}
