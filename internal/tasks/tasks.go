// Package tasks builds the start pages' task queues: for each role what waits for it,
// each item a link to the page where it is done, the queues in order of urgency and each
// queue's items oldest (or soonest) first. Every queue is one query (store/tasks.go), so a
// start page costs a fixed number of queries however much work waits. It also records
// that a printed invitation was handed over, which closes that task.
package tasks

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
)

// Service computes the queues.
type Service struct {
	store *store.Store
}

// New returns the task service.
func New(st *store.Store) *Service { return &Service{store: st} }

// declineWindow is how long a household's decline asks staff to propose the next one.
const declineWindow = 30 * 24 * time.Hour

// Item is one task: what it is about, what to do, and where.
type Item struct {
	Href    string
	Title   string
	Detail  string
	AtLabel string // what At is, e.g. "Besichtigung"
	At      *time.Time
}

// Queue is one kind of task with its size and its first items.
type Queue struct {
	ID    string // anchor on the start page
	Title string
	Hint  string // what to do, one sentence
	Total int64
	Items []Item
	More  string // the page with the whole list, when Total exceeds the items
}

// Step is one step of a new landlord's way to its first submitted vacancy.
type Step struct {
	Number int
	Title  string
	Done   bool
	Next   bool
	Href   string
}

// Board is a start page's work: the non-empty queues in order of urgency and, for a new
// landlord, the steps.
type Board struct {
	Queues []Queue
	Steps  []Step
}

// Total counts all tasks on the board.
func (b *Board) Total() int64 {
	var n int64
	for _, q := range b.Queues {
		n += q.Total
	}
	return n
}

// add appends a queue built from rows, if it holds any.
func (b *Board) add(q Queue, rows []store.TaskRow, item func(store.TaskRow) Item) {
	q.Total = store.TaskTotal(rows)
	if q.Total == 0 {
		return
	}
	for _, r := range rows {
		q.Items = append(q.Items, item(r))
	}
	if q.Total <= int64(len(q.Items)) {
		q.More = ""
	}
	b.Queues = append(b.Queues, q)
}

func about(r store.TaskRow) string { return r.HouseholdReference + " · " + r.Street }

func matchCard(r store.TaskRow) string {
	return fmt.Sprintf("/arbeitsbereich/vorschlaege#vorschlag-%d", r.MatchID)
}

// PrintPath is the printable invitation of a match, where the handover is recorded.
func PrintPath(matchID int64) string {
	return fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung", matchID)
}

func stateLabel(r store.TaskRow) string { return domain.MatchState(r.State).Label() }

// Staff is the work of the Wohnraumakquise (staff and admins), most urgent first: the
// households' answers, invitations to print before the viewing, decisions missing after
// viewings, offers to review, landlords waiting to be let in, stalled proposals, failed
// emails.
func (s *Service) Staff(ctx context.Context, a domain.Actor) (*Board, error) {
	if !a.CanSteerMatches() {
		return nil, fmt.Errorf("tasks: staff: %w", domain.ErrForbidden)
	}
	b := &Board{}
	now := s.store.Now()
	rows, err := s.store.RescheduleRequests(ctx, store.TaskScope{}, workflow.AnswerReschedule, "viewing.answer."+workflow.AnswerReschedule)
	if err != nil {
		return nil, err
	}
	b.add(Queue{ID: "anderer-termin", Title: "Haushalte brauchen einen anderen Termin",
		Hint: "Verlegen Sie die Besichtigung in einen anderen Besichtigungstermin.", More: "/arbeitsbereich/vorschlaege"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: matchCard(r), Title: about(r), Detail: "Anderer Termin gewünscht", AtLabel: "Antwort vom", At: r.At}
		})
	if rows, err = s.store.DeclinedToReplace(ctx, now.Add(-declineWindow)); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "absagen", Title: "Haushalte haben abgesagt",
		Hint: "Die Wohnung ist wieder frei: Geben Sie in der Rangliste den nächsten Haushalt frei."},
		rows, func(r store.TaskRow) Item {
			return Item{Href: fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", r.VacancyID), Title: about(r),
				Detail: "abgesagt (Haushalt) – nächsten Haushalt freigeben", AtLabel: "abgesagt am", At: r.At}
		})
	if err := s.addPrint(ctx, b, store.TaskScope{}); err != nil {
		return nil, err
	}
	if rows, err = s.store.ViewingsAwaitingOutcome(ctx, store.TaskScope{}, false); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "ohne-ergebnis", Title: "Besichtigungen ohne Ergebnis",
		Hint: "Die Besichtigung ist vorbei, die Vermieter*in hat noch keine Zusage oder Absage eingetragen. Fragen Sie nach.",
		More: "/arbeitsbereich/vorschlaege"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: matchCard(r), Title: about(r), Detail: stateLabel(r), AtLabel: "Besichtigung am", At: r.At}
		})
	if rows, err = s.store.VacanciesToReview(ctx); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "pruefung", Title: "Wohnungsangebote zur Prüfung",
		Hint: "Veröffentlichen Sie das Wohnungsangebot oder geben Sie es mit einem Hinweis zur Überarbeitung zurück.",
		More: "/arbeitsbereich/angebote"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: fmt.Sprintf("/arbeitsbereich/angebote/%d", r.VacancyID), Title: r.Street,
				Detail: r.LandlordName, AtLabel: "eingereicht am", At: r.At}
		})
	if rows, err = s.store.LandlordsAwaitingActivation(ctx); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "freischaltung", Title: "Vermieter*innen warten auf Freischaltung",
		Hint: "Prüfen Sie die Registrierung und schalten Sie den Zugang frei.", More: "/arbeitsbereich/vermieter"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: "/arbeitsbereich/vermieter", Title: r.LandlordName, Detail: "registriert, wartet auf Freischaltung",
				AtLabel: "registriert am", At: r.At}
		})
	if rows, err = s.store.StalledTasks(ctx, now.Add(-workflow.StallAfter)); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "haengt", Title: fmt.Sprintf("Vorschläge hängen seit %d Tagen", int(workflow.StallAfter.Hours()/24)),
		Hint: "Diese Vorschläge haben sich seit einer Woche nicht bewegt.", More: "/arbeitsbereich/vorschlaege"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: matchCard(r), Title: about(r), Detail: stateLabel(r), AtLabel: "in diesem Stand seit", At: r.At}
		})
	if err := s.addTenancyQueues(ctx, b, 0); err != nil { // tenancy phase
		return nil, err
	}
	// Follow-ups and early warnings of the tenancy phase.
	if err := s.addEarlyWarnings(ctx, b, a); err != nil {
		return nil, err
	}
	if err := s.addFollowUps(ctx, b, 0); err != nil {
		return nil, err
	}
	if rows, err = s.store.FailedMessageTasks(ctx); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "fehlgeschlagen", Title: "E-Mails fehlgeschlagen",
		Hint: "Prüfen Sie die Adresse und senden Sie die E-Mail erneut.", More: "/arbeitsbereich/postausgang"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: fmt.Sprintf("/arbeitsbereich/postausgang/%d", r.MessageID), Title: r.Subject,
				Detail: "fehlgeschlagen", AtLabel: "zuletzt versucht am", At: r.At}
		})
	return b, nil
}

// addPrint adds the invitations of households without email that wait to be handed over.
func (s *Service) addPrint(ctx context.Context, b *Board, sc store.TaskScope) error {
	rows, err := s.store.InvitationsToHandOver(ctx, sc)
	if err != nil {
		return err
	}
	b.add(Queue{ID: "einladungen", Title: "Einladungen drucken und übergeben",
		Hint: "Diese Haushalte haben keine E-Mail-Adresse: Drucken Sie die Einladung zur Besichtigung, übergeben Sie sie persönlich und vermerken Sie die Übergabe."},
		rows, func(r store.TaskRow) Item {
			return Item{Href: PrintPath(r.MatchID), Title: about(r), Detail: "Einladung drucken", AtLabel: "Besichtigung am", At: r.At}
		})
	return nil
}

// Caseworker is a caseworker's work with her own households: invitations to hand over in
// person, the upcoming viewings and the running proposals.
func (s *Service) Caseworker(ctx context.Context, a domain.Actor) (*Board, error) {
	if a.Role() != domain.RoleCaseworker || !a.CanWorkOnHouseholds() {
		return nil, fmt.Errorf("tasks: caseworker: %w", domain.ErrForbidden)
	}
	sc := store.TaskScope{CaseworkerID: a.User.ID}
	b := &Board{}
	if err := s.addPrint(ctx, b, sc); err != nil {
		return nil, err
	}
	rows, err := s.store.UpcomingViewings(ctx, sc)
	if err != nil {
		return nil, err
	}
	b.add(Queue{ID: "besichtigungen", Title: "Anstehende Besichtigungen",
		Hint: "Begleiten Sie den Haushalt zur Besichtigung oder sorgen Sie dafür, dass er rechtzeitig da ist."},
		rows, func(r store.TaskRow) Item {
			return Item{Href: fmt.Sprintf("/haushalte/%d", r.HouseholdID), Title: about(r), Detail: stateLabel(r),
				AtLabel: "Besichtigung am", At: r.At}
		})
	if err := s.addTenancyQueues(ctx, b, a.User.ID); err != nil { // tenancy phase
		return nil, err
	}
	// Follow-ups of the tenancy phase.
	if err := s.addFollowUps(ctx, b, a.User.ID); err != nil {
		return nil, err
	}
	if rows, err = s.store.RunningMatches(ctx, sc); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "vorschlaege", Title: "Laufende Vorschläge",
		Hint: "Die Vorschläge Ihrer Haushalte, die noch unterwegs sind."},
		rows, func(r store.TaskRow) Item {
			return Item{Href: fmt.Sprintf("/haushalte/%d", r.HouseholdID), Title: about(r), Detail: stateLabel(r),
				AtLabel: "in diesem Stand seit", At: r.At}
		})
	return b, nil
}

// Landlord is a landlord's work: decisions after viewings, offers sent back, the upcoming
// viewings of approved proposals, and, until its first offer is submitted, the numbered
// steps there (agreement → offer → viewing slot → submit), the next one a link.
func (s *Service) Landlord(ctx context.Context, a domain.Actor) (*Board, error) {
	lid, ok := a.LandlordID()
	if !ok {
		return nil, fmt.Errorf("tasks: landlord: %w", domain.ErrForbidden)
	}
	sc := store.TaskScope{LandlordID: lid}
	b := &Board{}
	proposal := func(r store.TaskRow) string {
		return fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", r.VacancyID, r.MatchID)
	}
	rows, err := s.store.ViewingsAwaitingOutcome(ctx, sc, true)
	if err != nil {
		return nil, err
	}
	b.add(Queue{ID: "entscheidung", Title: "Vorschläge warten auf Ihre Entscheidung",
		Hint: "Tragen Sie nach der Besichtigung Zusage oder Absage ein.", More: "/vermieter/angebote"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: proposal(r), Title: about(r), Detail: "Zusage oder Absage eintragen", AtLabel: "Besichtigung am", At: r.At}
		})
	if rows, err = s.store.SentBackVacancies(ctx, lid); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "zurueckgegeben", Title: "Wohnungsangebote zur Überarbeitung zurückgegeben",
		Hint: "Lesen Sie den Hinweis Ihrer Ansprechperson, ändern Sie das Wohnungsangebot und reichen Sie es erneut ein.",
		More: "/vermieter/angebote"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: fmt.Sprintf("/vermieter/angebote/%d", r.VacancyID), Title: r.Street, Detail: "Hinweis lesen und überarbeiten",
				AtLabel: "zurückgegeben am", At: r.At}
		})
	if rows, err = s.store.UpcomingViewings(ctx, sc); err != nil {
		return nil, err
	}
	b.add(Queue{ID: "besichtigungen", Title: "Anstehende Besichtigungen",
		Hint: "Die Stadt Hagen hat diese Haushalte freigegeben und zur Besichtigung eingeladen.", More: "/vermieter/angebote"},
		rows, func(r store.TaskRow) Item {
			return Item{Href: proposal(r), Title: about(r), Detail: stateLabel(r), AtLabel: "Besichtigung am", At: r.At}
		})
	p, err := s.store.LandlordProgressOf(ctx, lid)
	if err != nil {
		return nil, err
	}
	b.Steps = landlordSteps(p)
	return b, nil
}

// landlordSteps are the steps to the first submitted vacancy, or nil once one was.
func landlordSteps(p *store.LandlordProgress) []Step {
	if p.Submitted > 0 {
		return nil
	}
	slotHref, submitHref := "/vermieter/angebote", "/vermieter/angebote"
	if p.FirstDraftID != 0 {
		slotHref = fmt.Sprintf("/vermieter/angebote/%d#termine", p.FirstDraftID)
	}
	if p.DraftWithSlotID != 0 {
		submitHref = fmt.Sprintf("/vermieter/angebote/%d", p.DraftWithSlotID)
	}
	steps := []Step{
		{Number: 1, Title: "Kooperationsvereinbarung „Wohnen“ unterschreiben", Done: p.Signed, Href: "/vermieter/vereinbarung"},
		{Number: 2, Title: "Wohnungsangebot anlegen", Done: p.Vacancies > 0, Href: "/vermieter/angebote/neu"},
		{Number: 3, Title: "Besichtigungstermin anlegen", Done: p.Slots > 0, Href: slotHref},
		{Number: 4, Title: "Wohnungsangebot einreichen", Done: false, Href: submitHref},
	}
	for i := range steps {
		if !steps[i].Done {
			steps[i].Next = true
			break
		}
	}
	return steps
}

// Handover is a printed invitation's handover, for the print page.
type Handover = domain.InvitationHandover

// HandOver records that the printed invitation of a match's current viewing was handed
// over to the household, by whom and when, and writes the audit entry; that closes the
// print task on the start pages. Staff, admins and the household's caseworker may
// (domain.Actor.CanSeeHousehold); a second handover of the same invitation is a conflict.
func (s *Service) HandOver(ctx context.Context, a domain.Actor, matchID int64) error {
	if !a.CanWorkOnHouseholds() {
		return fmt.Errorf("tasks: hand over: %w", domain.ErrForbidden)
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		m, err := tx.MatchByID(ctx, matchID)
		if err != nil {
			return err
		}
		h, err := tx.HouseholdByID(ctx, m.HouseholdID)
		if err != nil {
			return err
		}
		if !a.CanSeeHousehold(h) {
			return fmt.Errorf("tasks: hand over %d: %w", matchID, domain.ErrNotFound)
		}
		vw, err := tx.CurrentViewing(ctx, m.ID)
		if err != nil {
			return err
		}
		if !vw.State.Pending() {
			return domain.Conflict(domain.CodeViewingNotPlanned, "Diese Besichtigung findet nicht mehr statt.")
		}
		by := a.Label
		if by == "" && a.User != nil {
			by = a.User.Name
		}
		won, err := tx.HandOverInvitation(ctx, &domain.InvitationHandover{ViewingID: vw.ID, Sequence: vw.Sequence,
			HandedOverByID: a.UserID(), HandedOverBy: by})
		if err != nil {
			return err
		}
		if !won {
			return domain.Conflict(domain.CodeHandoverRecorded, "Die Übergabe dieser Einladung ist bereits vermerkt.")
		}
		return tx.Audit(ctx, a.Audit("viewing.invitation_handed_over", "viewing", vw.ID, h.Reference))
	})
}

// HandoverOf returns the handover of the current invitation of a household's viewing, or
// nil when it was not handed over yet.
func (s *Service) HandoverOf(ctx context.Context, a domain.Actor, h *domain.Household, vw *domain.Viewing) (*Handover, error) {
	if !a.CanSeeHousehold(h) {
		return nil, fmt.Errorf("tasks: handover of viewing %d: %w", vw.ID, domain.ErrNotFound)
	}
	return s.store.InvitationHandoverOf(ctx, vw.ID, vw.Sequence)
}
