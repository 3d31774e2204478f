package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/tasks"
	"wohnbruecke/internal/web"
)

type vacancyCounts struct{ Draft, Submitted, Published, Let int64 }

type landlordHomeData struct {
	*tasks.Board
	Landlord        *domain.Landlord
	AgreementSigned bool
	Counts          vacancyCounts
}

func (p *Portal) landlordHome(c *fiber.Ctx) error {
	ctx, u := c.UserContext(), web.CurrentUser(c)
	if u.LandlordID == nil {
		return domain.ErrForbidden
	}
	l, err := p.store.LandlordByID(ctx, *u.LandlordID)
	if err != nil {
		return err
	}
	board, err := p.tasks.Landlord(ctx, actor(c))
	if err != nil {
		return err
	}
	data := landlordHomeData{Board: board, Landlord: l}
	agreement, err := p.store.CurrentAgreement(ctx, l.ID)
	if err != nil {
		return err
	}
	if agreement != nil {
		data.AgreementSigned = agreement.SignedAt != nil
	}
	counts, err := p.store.VacancyCounts(ctx, l.ID)
	if err != nil {
		return err
	}
	data.Counts = vacancyCounts{counts[string(domain.VacancyDraft)], counts[string(domain.VacancySubmitted)],
		counts[string(domain.VacancyPublished)], counts[string(domain.VacancyLet)]}
	return p.views.render(c, "home_landlord", p.page(c, "Übersicht", data))
}
