package portal

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
)

// satisfactionData is the landlord's login-free satisfaction page.
type satisfactionData struct {
	Page      *followups.SatisfactionPage
	Unknown   bool // the link is unknown, used or expired
	Done      bool // answered just now
	Questions []domain.SatisfactionQuestion
	Scale     []domain.Option
}

func (p *Portal) satisfactionFrame(c *fiber.Ctx) (*Page, satisfactionData, error) {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Robots-Tag", "noindex, nofollow")
	d := satisfactionData{Questions: domain.SatisfactionQuestions, Scale: domain.SatisfactionScores.Options()}
	sp, err := p.followups.OpenSatisfaction(c.UserContext(), c.Params("token"))
	switch {
	case errors.Is(err, domain.ErrNotFound):
		d.Unknown = true
	case err != nil:
		return nil, d, err
	default:
		d.Page = sp
	}
	return p.page(c, "Ihre Zufriedenheit mit dem Mietverhältnis", d), d, nil
}

// satisfactionForm shows the three questions behind a satisfaction link. It changes
// nothing: only the POST answers, so mail scanners that open links answer nothing.
func (p *Portal) satisfactionForm(c *fiber.Ctx) error {
	pg, d, err := p.satisfactionFrame(c)
	if err != nil {
		return err
	}
	if d.Unknown {
		c.Status(fiber.StatusNotFound)
	}
	return p.views.render(c, "satisfaction", pg)
}

// satisfactionAnswer stores the landlord's answer once.
func (p *Portal) satisfactionAnswer(c *fiber.Ctx) error {
	pg, d, err := p.satisfactionFrame(c)
	if err != nil {
		return err
	}
	if d.Unknown {
		c.Status(fiber.StatusNotFound)
		return p.views.render(c, "satisfaction", pg)
	}
	pg.Form = postedForm(c)
	var ans domain.SatisfactionAnswer
	for i, q := range domain.SatisfactionQuestions {
		n, _ := strconv.Atoi(pg.Form.Get(q.Field))
		ans.Scores[i] = domain.SatisfactionScore(n)
	}
	ans.Comment = pg.Form.Get("comment")
	err = p.followups.AnswerSatisfaction(c.UserContext(), c.Params("token"), ans)
	if errors.Is(err, domain.ErrNotFound) {
		d.Page, d.Unknown = nil, true
		pg.Data = d
		c.Status(fiber.StatusNotFound)
		return p.views.render(c, "satisfaction", pg)
	}
	if err == nil {
		d.Done = true
		pg.Data = d
		return p.views.render(c, "satisfaction", pg)
	}
	return p.renderInvalid(c, err, "satisfaction", pg, nil, "contact_score", "support_score", "overall_score", "comment")
}
