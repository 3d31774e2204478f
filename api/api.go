// Package api is the JSON API under /api/v1 and the operational endpoints /healthz and
// /readyz. Every route is listed in routes.go; errors use the one format of DESIGN §6.
package api

import (
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
)

// API holds what the handlers need.
type API struct {
	store *store.Store
	rank  *ranking.Service
}

// New returns the API.
func New(st *store.Store, rk *ranking.Service) *API { return &API{store: st, rank: rk} }
