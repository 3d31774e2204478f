// Package demo loads plausible Hagen demo data: landlords with signed cooperation
// agreements, about 40 vacancies across the five Stadtbezirke, about 300 households across
// all tracks and focus groups, logins for every role, and a year of history (households
// housed in every month of the last twelve, with the declines and no-shows before). The data is generated from a
// fixed seed, so every load produces the same records.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Password is the password of every demo login.
const Password = "Wohnbruecke-Demo-2026"

// householdBatch is how many households one transaction of the loader writes.
const householdBatch = 500

// markerKey is the setting that records that the demo data was loaded.
const markerKey = "demo.loaded"

// Login is one demo account, printed at start-up.
type Login struct {
	Role  string
	Email string
	Name  string
}

// ErrNotEmpty is returned by Load with RequireEmpty when the database already has accounts
// but no demo data: the demo accounts share a published password and must not be added
// next to real ones by mistake.
var ErrNotEmpty = errors.New("demo: the database already has accounts")

// Options control Load.
type Options struct {
	// RequireEmpty refuses (ErrNotEmpty) to load into a database that already has user
	// accounts. The command line sets it unless --force is given.
	RequireEmpty bool
	// Households overrides the number of generated households (default 300).
	Households int
}

// Load inserts the demo data in one transaction unless it is already there. With
// RequireEmpty it refuses a database that has accounts (ErrNotEmpty). It returns the demo
// logins, or nil when nothing was loaded (the demo data was there already).
func Load(ctx context.Context, st *store.Store, opt Options) ([]Login, error) {
	loaded, err := st.SettingExists(ctx, markerKey)
	if err != nil {
		return nil, err
	}
	if loaded {
		return nil, nil
	}
	if opt.RequireEmpty {
		n, err := st.CountUsers(ctx)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, ErrNotEmpty
		}
	}
	if opt.Households == 0 {
		opt.Households = 300
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return nil, err
	}
	g := &generator{rng: rand.New(rand.NewPCG(2026, 58095)), now: st.Now(), today: st.Today(), hash: hash, tracks: map[int64][3]bool{}}
	err = st.Tx(ctx, func(tx *store.Store) error {
		if err := g.users(ctx, tx); err != nil {
			return err
		}
		if err := g.landlords(ctx, tx); err != nil {
			return err
		}
		return g.vacancies(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("demo: load: %w", err)
	}
	// Households go in batches: one transaction per batch keeps large loads (load tests
	// with 20,000 households) within the database's limits for one transaction.
	used := map[int64]bool{}
	for from := 0; from < opt.Households; from += householdBatch {
		to := min(from+householdBatch, opt.Households)
		if err := st.Tx(ctx, func(tx *store.Store) error { return g.households(ctx, tx, from, to, used) }); err != nil {
			return nil, fmt.Errorf("demo: load households %d–%d: %w", from, to, err)
		}
	}
	if err := st.Tx(ctx, func(tx *store.Store) error { return g.work(ctx, tx) }); err != nil {
		return nil, fmt.Errorf("demo: load open work: %w", err)
	}
	if err := st.Tx(ctx, func(tx *store.Store) error { return g.history(ctx, tx, opt.Households, used) }); err != nil {
		return nil, fmt.Errorf("demo: load history: %w", err)
	}
	// The retention job counts today as done, so the first start does not anonymise the
	// history households housed more than six months ago; from the next night on it does,
	// and the staff's preview shows them until then (privacy, issue 15).
	if _, err := st.ClaimDay(ctx, "job.retention", g.today); err != nil {
		return nil, fmt.Errorf("demo: load: %w", err)
	}
	if err := st.Tx(ctx, func(tx *store.Store) error { return g.tenancies(ctx, tx) }); err != nil { // tenancy phase
		return nil, fmt.Errorf("demo: load tenancies: %w", err)
	}
	// Mietführerschein (courses.go).
	if err := st.Tx(ctx, func(tx *store.Store) error { return g.courses(ctx, tx) }); err != nil {
		return nil, fmt.Errorf("demo: load courses: %w", err)
	}
	// Follow-ups of the tenancy phase: after every other step, so they cover every tenancy.
	if err := st.Tx(ctx, func(tx *store.Store) error { return g.followUps(ctx, tx, used) }); err != nil {
		return nil, fmt.Errorf("demo: load follow-ups: %w", err)
	}
	if err := st.PutSetting(ctx, markerKey, `{"version":1}`, nil); err != nil {
		return nil, fmt.Errorf("demo: load: %w", err)
	}
	return g.logins, nil
}

type generator struct {
	rng    *rand.Rand
	now    time.Time // the store's clock when loading began
	today  domain.Date
	hash   string
	logins []Login

	staff       []*domain.User
	caseworkers []*domain.User
	landlordIDs []int64
	tracks      map[int64][3]bool // accepted tracks per landlord: certificate, accompaniment, fachstelle
}

func (g *generator) user(ctx context.Context, st *store.Store, role domain.Role, email, name, phone string, landlordID *int64) (*domain.User, error) {
	u := &domain.User{Email: email, Name: name, Phone: phone, Role: role, LandlordID: landlordID, PasswordHash: g.hash, Active: true}
	if err := st.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	g.logins = append(g.logins, Login{Role: role.Label(), Email: email, Name: name})
	return u, nil
}

func (g *generator) users(ctx context.Context, st *store.Store) error {
	people := []struct {
		role               domain.Role
		email, name, phone string
	}{
		{domain.RoleStaff, "akquise@wohnbruecke.demo", "Sabine Hartmann", "02331 207-3410"},
		{domain.RoleStaff, "fachstelle@wohnbruecke.demo", "Murat Demir", "02331 207-3422"},
		{domain.RoleCaseworker, "klartext@wohnbruecke.demo", "Elena Popescu", "02331 207-3455"},
		{domain.RoleCaseworker, "sozialdienst@wohnbruecke.demo", "Jana Schulte", "02331 207-3460"},
		{domain.RoleAdmin, "admin@wohnbruecke.demo", "Thomas Berger", "02331 207-1100"},
	}
	for _, p := range people {
		u, err := g.user(ctx, st, p.role, p.email, p.name, p.phone, nil)
		if err != nil {
			return err
		}
		switch p.role {
		case domain.RoleStaff:
			g.staff = append(g.staff, u)
		case domain.RoleCaseworker:
			g.caseworkers = append(g.caseworkers, u)
		}
	}
	return nil
}

func (g *generator) pick(items []string) string { return pick(g, items) }

// pick draws one of the items.
func pick[T any](g *generator, items []T) T { return items[g.rng.IntN(len(items))] }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

func (g *generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }
