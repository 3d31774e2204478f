package portal

import (
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
)

// answerNote is the applicant's answer to a match's current viewing as staff read it on the
// pipeline card, the household page and the ranking: "Anderer Termin gewünscht am
// 01.12.2026 um 10:15 Uhr" ("" while the household has not answered).
func answerNote(r store.MatchRow) string {
	if r.Answer == nil || r.AnsweredAt == nil {
		return ""
	}
	label := workflow.AnswerLabel(*r.Answer)
	if label == "" {
		return ""
	}
	at := r.AnsweredAt.In(domain.Berlin)
	return label + " am " + at.Format("02.01.2006") + " um " + at.Format("15:04") + " Uhr"
}

// viewingNote is the time of a match's current viewing while it still takes place ("").
func viewingNote(r store.MatchRow) string {
	if r.ViewingStartsAt == nil || r.ViewingEndsAt == nil || r.ViewingState == nil || !r.ViewingState.Pending() || !r.State.Open() {
		return ""
	}
	return "Besichtigung " + domain.ViewingTime(*r.ViewingStartsAt, *r.ViewingEndsAt)
}
