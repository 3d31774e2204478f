// Package server assembles the Fiber application: middleware, the portal and the API.
// The command and the HTTP tests build the same application through New.
package server

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/prometheus/client_golang/prometheus"

	"wohnbruecke/api"
	"wohnbruecke/internal/apitokens"
	"wohnbruecke/internal/config"
	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/metrics"
	"wohnbruecke/internal/privacy"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/statutory"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/validate"
	"wohnbruecke/internal/version"
	"wohnbruecke/internal/web"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
	"wohnbruecke/portal"
)

// BodyLimit is the largest request body accepted (1 MiB).
const BodyLimit = 1 << 20

// Server is the assembled application and the services that background jobs need.
type Server struct {
	App      *fiber.App
	Workflow *workflow.Service
	Composer *mail.Composer
	Ranking  *ranking.Service
	// Tenancies runs the tenancy phase and its periodic jobs (docs/design.md §8).
	Tenancies *tenancies.Service
	// Metrics serves /metrics (on the portal's address with METRICS_TOKEN, or on
	// METRICS_ADDR through serve) and counts the periodic jobs.
	Metrics *metrics.Metrics
	// Privacy runs the nightly retention job (serve starts it).
	Privacy *privacy.Service
	// Courses runs the Mietführerschein's periodic jobs (session and refresher reminders).
	Courses *courses.Service
	// FollowUps runs the follow-up job (serve).
	FollowUps *followups.Service
}

// New builds the application for a configuration and an open store.
func New(cfg *config.Config, st *store.Store, logger *slog.Logger) (*fiber.App, error) {
	srv, err := Build(cfg, st, logger)
	if err != nil {
		return nil, err
	}
	return srv.App, nil
}

// Build assembles the application and returns it with its services.
func Build(cfg *config.Config, st *store.Store, logger *slog.Logger) (*Server, error) {
	sessions := &web.Sessions{Store: st, Secure: cfg.Secure()}
	ver := cfg.Version
	if ver == "" {
		ver = version.Get()
	}
	composer, err := mail.NewComposer(mail.ComposerConfig{MailFrom: cfg.MailFrom, FachstellePhone: cfg.FachstellePhone, Now: st.Now})
	if err != nil {
		return nil, err
	}
	sqlDB, err := st.SQLDB()
	if err != nil {
		return nil, err
	}
	meter, err := metrics.New(prometheus.NewRegistry(), st, sqlDB)
	if err != nil {
		return nil, err
	}
	rank := ranking.New(st, ranking.WithTimings(meter.ObserveTiming))
	v := validate.New()
	base := cfg.BaseURL.String()
	wf := workflow.New(st, rank, workflow.WithMail(composer, base))
	tokens := apitokens.New(st)
	tn := tenancies.New(st, tenancies.WithMail(composer, base), tenancies.WithResponseDays(cfg.ReportResponseDays))
	svc := portal.Services{
		Tokens:     tokens,
		Households: households.New(st, v, wf),
		Ranking:    rank,
		Workflow:   wf,
		Stats:      stats.New(st),
		Landlords:  landlords.New(st, v, composer, base),
		Vacancies:  vacancies.New(st, v, wf, composer, base),
		Mail:       composer,
		Privacy:    privacy.New(st, cfg.Retention),
		Statutory:  statutory.New(st),
		Tenancies:  tn,
		Courses:    courses.New(st).WithMail(composer), // Mietführerschein
		Links:      links.New(base),
		// Follow-ups of the tenancy phase.
		FollowUps: followups.New(st, composer, base),
	}
	pages, err := portal.New(st, sessions, svc, portal.Options{Secure: cfg.Secure(), FachstellePhone: cfg.FachstellePhone, Version: ver})
	if err != nil {
		return nil, err
	}
	app := fiber.New(fiber.Config{
		AppName:               "Wohnbrücke",
		Immutable:             true, // handler strings stay valid after the handler returns
		BodyLimit:             BodyLimit,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          web.ErrorHandler(pages),
	})
	app.Use(web.ClientAddress(cfg.TrustedProxies))
	app.Use(meter.Middleware())
	if cfg.MetricsToken != "" && cfg.MetricsAddr == "" {
		// Before the request log and the API's bearer tokens: the scraper's token is not
		// an API token.
		app.Get("/metrics", meter.FiberHandler(cfg.MetricsToken))
	}
	app.Use(web.RequestLog(logger))
	app.Use(recover.New())
	app.Use(web.SecurityHeaders(cfg.Secure()))
	app.Use(web.RejectControlChars())
	app.Use(sessions.Middleware())
	app.Use(web.Bearer(tokens))
	app.Use(web.CSRF(cfg.SessionKey, cfg.BaseURL))
	app.Use("/api", web.RateLimit(cfg.APIRateLimit))
	jsonAPI, err := api.New(st, api.Services{Households: svc.Households, Ranking: rank, Workflow: wf, Stats: svc.Stats,
		Landlords: svc.Landlords, Vacancies: svc.Vacancies, Version: ver, Tenancies: tn, Courses: svc.Courses, FollowUps: svc.FollowUps})
	if err != nil {
		return nil, err
	}
	jsonAPI.Routes(app)
	pages.Routes(app)
	app.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	return &Server{App: app, Workflow: wf, Composer: composer, Ranking: rank, Metrics: meter, Privacy: svc.Privacy, Tenancies: tn, Courses: svc.Courses, FollowUps: svc.FollowUps}, nil
}
