// Package api is the JSON API under /api/v1 and the operational endpoints /healthz and
// /readyz. Every route is listed in routes.go; errors use the one format of docs/design.md §6.
// Handlers parse, call one service method and answer JSON; the rules live in the services
// the portal uses too.
package api

import (
	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/workflow"
)

// Services are the use cases the API calls.
type Services struct {
	Households *households.Service
	Ranking    *ranking.Service
	Workflow   *workflow.Service
	Stats      *stats.Service
	Landlords  *landlords.Service
	Vacancies  *vacancies.Service
	// Version is the build's version, shown by /healthz.
	Version string
	// Tenancies runs the tenancy phase (docs/design.md §8).
	Tenancies *tenancies.Service
	// Courses runs the Mietführerschein.
	Courses *courses.Service
	// FollowUps is the tenancy phase's follow-ups (default: followups.New on the store).
	FollowUps *followups.Service
}

// API holds what the handlers need; it keeps no per-request or mutable state.
type API struct {
	store      *store.Store
	rank       *ranking.Service
	households *households.Service
	workflow   *workflow.Service
	stats      *stats.Service
	landlords  *landlords.Service
	vacancies  *vacancies.Service
	openapi    []byte
	version    string
	tenancies  *tenancies.Service
	courses    *courses.Service
	followups  *followups.Service
}

// New returns the API with its OpenAPI document built once.
func New(st *store.Store, svc Services) (*API, error) {
	doc, err := OpenAPIDocument()
	if err != nil {
		return nil, err
	}
	a := &API{store: st, rank: svc.Ranking, households: svc.Households, workflow: svc.Workflow,
		stats: svc.Stats, landlords: svc.Landlords, vacancies: svc.Vacancies, openapi: doc, version: svc.Version,
		tenancies: svc.Tenancies, courses: svc.Courses, followups: svc.FollowUps}
	if a.followups == nil {
		a.followups = followups.New(st, nil, "")
	}
	return a, nil
}
