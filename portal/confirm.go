package portal

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

// A confirmation is the page in front of a destructive step (withdraw a proposal, call off
// a viewing, block a landlord, close a household): the GET says what will happen and who
// is affected and asks for the reason, only its POST acts. It works without JavaScript.
type confirmation struct {
	// describe loads the record of :id and says what the step does.
	describe func(p *Portal, c *fiber.Ctx, id int64) (*confirmData, error)
	// catalogue is the step's reason catalogue.
	catalogue domain.Enum[domain.ReasonCode]
	// act takes the step with the validated reason and returns where to go and what to say.
	act func(p *Portal, c *fiber.Ctx, id int64, r domain.Reason) (to, flash string, err error)
}

// confirmData is what the confirmation page shows.
type confirmData struct {
	Title    string
	Lead     string
	Effects  []string
	Affected []affected
	Reasons  []domain.Option
	NoteHint string
	Submit   string
	Back     string
}

// affected is a person the step concerns and how they learn of it.
type affected struct{ Who, How string }

func (p *Portal) confirmPage(c *fiber.Ctx, cf confirmation) (*Page, int64, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, 0, err
	}
	d, err := cf.describe(p, c, id)
	if err != nil {
		return nil, 0, err
	}
	d.Reasons = cf.catalogue.Options()
	return p.page(c, d.Title, d), id, nil
}

func (p *Portal) confirmForm(cf confirmation) fiber.Handler {
	return func(c *fiber.Ctx) error {
		pg, _, err := p.confirmPage(c, cf)
		if err != nil {
			return err
		}
		return p.views.render(c, "confirm", pg)
	}
}

func (p *Portal) confirmSubmit(cf confirmation) fiber.Handler {
	return func(c *fiber.Ctx) error {
		pg, id, err := p.confirmPage(c, cf)
		if err != nil {
			return err
		}
		pg.Form = postedForm(c)
		r := domain.Reason{Code: domain.ReasonCode(pg.Form.Get("reason")), Note: strings.TrimSpace(pg.Form.Get("reason_note"))}
		ve := domain.NewValidationError()
		r.Validate(cf.catalogue, true, ve)
		if err = ve.OrNil(); err == nil {
			var to, flash string
			if to, flash, err = cf.act(p, c, id, r); err == nil {
				return p.redirectWithFlash(c, to, flash)
			}
			if m, ok := conflictMessage(err); ok {
				return p.redirectWithError(c, pg.Data.(*confirmData).Back, m)
			}
		}
		return p.renderInvalid(c, err, "confirm", pg, nil, "reason", "reason_note")
	}
}

const landlordNoteHint = "Pflicht bei „Anderer Grund“, höchstens 500 Zeichen. Haushalt und Begleitung lesen ihn; die Vermieter*in erfährt nur den Grund aus der Liste."

// withdrawMatch is the confirmation of "Zurückziehen" on the Vorschläge board.
var withdrawMatch = confirmation{catalogue: domain.WithdrawReasons,
	describe: func(p *Portal, c *fiber.Ctx, id int64) (*confirmData, error) {
		return p.describeWithdrawal(c, id, false)
	},
	act: func(p *Portal, c *fiber.Ctx, id int64, r domain.Reason) (string, string, error) {
		return matchAnchor(id), "Der Vorschlag wurde zurückgezogen. Alle Beteiligten werden benachrichtigt.", p.workflow.Withdraw(c.UserContext(), actor(c), id, r)
	}}

// cancelViewing is the confirmation of "Besichtigung absagen" on the Vorschläge board.
var cancelViewing = confirmation{catalogue: domain.WithdrawReasons,
	describe: func(p *Portal, c *fiber.Ctx, id int64) (*confirmData, error) {
		return p.describeWithdrawal(c, id, true)
	},
	act: func(p *Portal, c *fiber.Ctx, id int64, r domain.Reason) (string, string, error) {
		vw, err := p.store.CurrentViewing(c.UserContext(), id)
		if err != nil {
			return "", "", err
		}
		return matchAnchor(id), "Die Besichtigung ist abgesagt, der Termin ist wieder frei. Alle Beteiligten werden benachrichtigt.",
			p.workflow.CancelViewing(c.UserContext(), actor(c), vw.ID, r)
	}}

func matchAnchor(matchID int64) string {
	return fmt.Sprintf("/arbeitsbereich/vorschlaege#vorschlag-%d", matchID)
}

// describeWithdrawal says what withdrawing a match (or calling off its viewing) does and
// whom it concerns.
func (p *Portal) describeWithdrawal(c *fiber.Ctx, matchID int64, cancel bool) (*confirmData, error) {
	ctx := c.UserContext()
	m, err := p.store.MatchByID(ctx, matchID)
	if err != nil {
		return nil, err
	}
	if !m.State.CanMove(domain.MatchWithdrawn) {
		return nil, domain.Conflict(domain.CodeMatchClosed, "Dieser Vorschlag ist bereits abgeschlossen und kann nicht mehr zurückgezogen werden.")
	}
	v, err := p.store.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return nil, err
	}
	h, err := p.store.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return nil, err
	}
	l, err := p.store.LandlordByID(ctx, v.LandlordID)
	if err != nil {
		return nil, err
	}
	vw, err := p.store.CurrentViewing(ctx, m.ID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return nil, err
	}
	pending := vw != nil && vw.State.CanMove(domain.ViewingCancelled)
	if cancel && !pending {
		return nil, domain.Conflict(domain.CodeViewingNotPlanned, "Die Besichtigung ist nicht mehr geplant und kann nicht abgesagt werden.")
	}
	d := &confirmData{Title: "Vorschlag zurückziehen", Submit: "Vorschlag zurückziehen", Back: matchAnchor(m.ID), NoteHint: landlordNoteHint,
		Lead: fmt.Sprintf("Sie ziehen den Vorschlag des Haushalts %s für die Wohnung %s, %s Hagen zurück.", h.Reference, v.Street, v.PostalCode)}
	if cancel {
		d.Title, d.Submit = "Besichtigung absagen", "Besichtigung absagen"
		d.Lead = fmt.Sprintf("Sie sagen die Besichtigung des Haushalts %s in der Wohnung %s, %s Hagen ab. Damit endet auch der Vorschlag.", h.Reference, v.Street, v.PostalCode)
	}
	if pending {
		d.Effects = append(d.Effects, "Die Besichtigung am "+mail.GermanDateTime(vw.StartsAt)+" findet nicht statt; der Termin wird wieder frei.")
	}
	d.Effects = append(d.Effects, "Der Vorschlag endet. Der Haushalt kann danach für andere Wohnungen vorgeschlagen werden.")
	if pending {
		d.Affected = p.viewingAffected(c, h, l)
	}
	return d, nil
}

// viewingAffected lists who is told that a viewing is called off.
func (p *Portal) viewingAffected(c *fiber.Ctx, h *domain.Household, l *domain.Landlord) []affected {
	var out []affected
	who := "Haushalt " + h.Reference + " (" + h.ContactName + ")"
	if h.Email != nil && *h.Email != "" {
		how := "erhält die Absage mit dem Grund per E-Mail"
		if h.Language.Valid() && h.Language != domain.LanguageDE {
			how += " auf " + h.Language.Label() + " und Deutsch"
		}
		out = append(out, affected{who, how + "."})
	} else {
		phone := h.Phone
		if phone == "" {
			phone = "keine Telefonnummer hinterlegt"
		}
		out = append(out, affected{who, "hat keine E-Mail-Adresse: Bitte sagen Sie die Besichtigung telefonisch ab (" + phone + ")."})
	}
	if h.CompanionName != "" && h.CompanionEmail != "" {
		out = append(out, affected{"Begleitung " + h.CompanionName, "erhält eine Kopie auf Deutsch."})
	}
	if h.CaseworkerID != nil {
		if u, err := p.store.UserByID(c.UserContext(), *h.CaseworkerID); err == nil && !strings.EqualFold(u.Email, h.CompanionEmail) {
			out = append(out, affected{"Fallbetreuung " + u.Name, "erhält eine Kopie auf Deutsch."})
		}
	}
	return append(out, affected{"Vermieter*in " + l.Name, "erhält eine Nachricht mit dem Grund aus der Liste, ohne Ihre Erläuterung."})
}

// blockLandlord is the confirmation of "Sperren" in the list of landlords.
var blockLandlord = confirmation{catalogue: domain.BlockReasons,
	describe: func(p *Portal, c *fiber.Ctx, id int64) (*confirmData, error) {
		l, err := p.store.LandlordByID(c.UserContext(), id)
		if err != nil {
			return nil, err
		}
		if !l.Status.CanMove(domain.LandlordBlocked) {
			return nil, domain.Conflict(domain.CodeLandlordAlreadyBlocked, "Dieser Zugang ist bereits gesperrt.")
		}
		users, err := p.store.LandlordUsers(c.UserContext(), id)
		if err != nil {
			return nil, err
		}
		d := &confirmData{Title: "Zugang sperren", Submit: "Zugang sperren", Back: "/arbeitsbereich/vermieter",
			NoteHint: "Pflicht bei „Anderer Grund“, höchstens 500 Zeichen. Die Vermieter*in liest den Grund und Ihre Erläuterung.",
			Lead:     "Sie sperren den Zugang von " + l.Name + " zur Wohnbrücke.",
			Effects: []string{"Alle Konten dieser Vermieter*in werden inaktiv; laufende Anmeldungen enden sofort.",
				"Wohnungsangebote und Vorschläge bleiben gespeichert. Sie können den Zugang später wieder freischalten."}}
		if l.Email != "" {
			d.Affected = append(d.Affected, affected{l.Name + " (" + l.Email + ")", "erhält eine Nachricht mit dem Grund."})
		}
		for _, u := range users {
			if u.Active && !strings.EqualFold(u.Email, l.Email) {
				d.Affected = append(d.Affected, affected{u.Name + " (" + u.Email + ")", "kann sich nicht mehr anmelden und erhält eine Nachricht mit dem Grund."})
			}
		}
		return d, nil
	},
	act: func(p *Portal, c *fiber.Ctx, id int64, r domain.Reason) (string, string, error) {
		return "/arbeitsbereich/vermieter", "Der Zugang ist gesperrt; alle Anmeldungen dieser Vermieter*in sind beendet.", p.landlords.Block(c.UserContext(), actor(c), id, r)
	}}

// closeHousehold is the confirmation of "Abschließen" on the household page.
var closeHousehold = confirmation{catalogue: domain.CloseReasons,
	describe: func(p *Portal, c *fiber.Ctx, id int64) (*confirmData, error) {
		h, err := p.households.Open(c.UserContext(), actor(c), id)
		if err != nil {
			return nil, err
		}
		if !h.Status.CanMove(domain.HouseholdClosed) {
			return nil, domain.Conflict(domain.CodeHouseholdAlreadyClosed, "Dieser Haushalt ist bereits abgeschlossen.")
		}
		rows, err := p.store.MatchesOfHousehold(c.UserContext(), id)
		if err != nil {
			return nil, err
		}
		d := &confirmData{Title: "Haushalt abschließen", Submit: "Haushalt abschließen", Back: fmt.Sprintf("/haushalte/%d", id),
			NoteHint: "Pflicht bei „Anderer Grund“, höchstens 500 Zeichen. Der Grund steht im Protokoll.",
			Lead:     "Sie schließen den Haushalt " + h.Reference + " (" + h.ContactName + ") ab.",
			Effects:  []string{"Der Haushalt erscheint in keiner Rangliste mehr und bekommt keine Vorschläge."}}
		open := 0
		for _, r := range rows {
			if r.State.Open() {
				open++
			}
		}
		if open > 0 {
			d.Effects = append(d.Effects, fmt.Sprintf("%d laufende Vorschläge werden zurückgezogen, ihre Besichtigungen abgesagt.", open))
			d.Affected = append(d.Affected, affected{"Haushalt, Begleitung und Vermieter*innen der laufenden Vorschläge", "erhalten die Absage der Besichtigung."})
		}
		return d, nil
	},
	act: func(p *Portal, c *fiber.Ctx, id int64, r domain.Reason) (string, string, error) {
		return fmt.Sprintf("/haushalte/%d", id), statusMessages["close"],
			p.households.Status(c.UserContext(), actor(c), id, "close", r.Text(domain.CloseReasons), 0)
	}}
