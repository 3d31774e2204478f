// Package portal is the server-rendered German web portal: login, the landlord area, the
// staff workspace, the caseworker and admin pages. Every route is listed in routes.go;
// each page or action has its own file with a short handler.
package portal

import (
	"errors"
	"runtime"

	"wohnbruecke/internal/apitokens"
	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/privacy"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/statutory"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tasks"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/web"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// Services are the use cases the portal calls.
type Services struct {
	Tokens     *apitokens.Service
	Households *households.Service
	Ranking    *ranking.Service
	Workflow   *workflow.Service
	Stats      *stats.Service
	Landlords  *landlords.Service
	Vacancies  *vacancies.Service
	// Mail supplies the applicant texts of the link and print pages (the same message
	// files as the emails).
	Mail *mail.Composer
	// Tasks builds the start pages' task queues (default: tasks.New on the store).
	Tasks *tasks.Service
	// Privacy answers access requests and shows the retention job's next run (issue 15).
	Privacy *privacy.Service
	// Statutory builds the statutory counts and the project report (issue 15).
	Statutory *statutory.Service
	// Tenancies runs the tenancy phase (docs/design.md §8).
	Tenancies *tenancies.Service
	// Courses runs the Mietführerschein; Links builds the certificates' verification address.
	Courses *courses.Service
	Links   links.Links
	// FollowUps is the tenancy phase's follow-ups, satisfaction check and early warnings.
	FollowUps *followups.Service
}

// Options configure the portal.
type Options struct {
	// Secure marks cookies Secure (BASE_URL is https).
	Secure bool
	// FachstellePhone is shown on every page and on error pages.
	FachstellePhone string
	// HashSlots bounds the password checks that run at once (0: the number of cores, at
	// least 2); see auth.Gate.
	HashSlots int
	// Version is the build's version, shown in the footer.
	Version string
}

// Portal holds what the handlers need; it keeps no per-request or mutable state.
type Portal struct {
	store      *store.Store
	sessions   *web.Sessions
	views      *views
	opts       Options
	households *households.Service
	ranking    *ranking.Service
	workflow   *workflow.Service
	stats      *stats.Service
	tokens     *apitokens.Service
	landlords  *landlords.Service
	vacancies  *vacancies.Service
	mail       *mail.Composer
	hashing    *auth.Gate
	tasks      *tasks.Service
	privacy    *privacy.Service
	statutory  *statutory.Service
	tenancies  *tenancies.Service
	courses    *courses.Service // Mietführerschein
	links      links.Links
	followups  *followups.Service
}

// New parses all views and returns the portal.
func New(st *store.Store, sessions *web.Sessions, svc Services, opts Options) (*Portal, error) {
	v, err := loadViews()
	if err != nil {
		return nil, err
	}
	p := &Portal{store: st, sessions: sessions, views: v, opts: opts,
		households: svc.Households, tokens: svc.Tokens, ranking: svc.Ranking, workflow: svc.Workflow, stats: svc.Stats,
		landlords: svc.Landlords, vacancies: svc.Vacancies, mail: svc.Mail, tasks: svc.Tasks, privacy: svc.Privacy, statutory: svc.Statutory,
		tenancies: svc.Tenancies, courses: svc.Courses, links: svc.Links}
	p.followups = svc.FollowUps
	slots := opts.HashSlots
	if slots <= 0 {
		slots = max(2, runtime.GOMAXPROCS(0))
	}
	p.hashing = auth.NewGate(slots, hashWait)
	if p.tasks == nil {
		p.tasks = tasks.New(st)
	}
	if p.tenancies == nil {
		p.tenancies = tenancies.New(st)
	}
	if p.followups == nil {
		p.followups = followups.New(st, nil, "")
	}
	if p.mail == nil {
		return nil, errors.New("portal: Services.Mail is required")
	}
	if err := v.require(viewNames...); err != nil {
		return nil, err
	}
	return p, nil
}
