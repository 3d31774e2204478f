package demo_test

import (
	"context"
	"slices"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tasks"
	"wohnbruecke/internal/testutil"
)

// TestDemoStartPagesShowWork: on first start each demo login's start page has real tasks.
func TestDemoStartPagesShowWork(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		svc := tasks.New(st)
		actor := func(email string) domain.Actor {
			u, err := st.UserByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			return domain.Actor{User: u}
		}
		for _, c := range []struct {
			login string
			board func(context.Context, domain.Actor) (*tasks.Board, error)
			want  []string
		}{
			{"akquise@wohnbruecke.demo", svc.Staff, []string{"anderer-termin", "absagen", "einladungen", "ohne-ergebnis", "pruefung", "freischaltung", "haengt",
				"meldungen-ueberfaellig", "meldungen", "kontakte", // tenancy phase
				"fruehwarnungen", "nachsorge"}}, // the follow-ups' queues
			{"klartext@wohnbruecke.demo", svc.Caseworker, []string{"einladungen", "besichtigungen", "meldungen", "kontakte", "nachsorge", "vorschlaege"}},
			{"vermietung@stadtwohnen.demo", svc.Landlord, []string{"entscheidung", "zurueckgegeben", "besichtigungen"}},
		} {
			b, err := c.board(ctx, actor(c.login))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, q := range b.Queues {
				got = append(got, q.ID)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: queues %q, want %q", c.login, got, c.want)
			}
		}
	})
}
