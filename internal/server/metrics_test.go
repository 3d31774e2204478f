package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/server"
	"wohnbruecke/internal/testutil"
)

const metricsToken = "metrics-token-0123456789"

func TestMetricsAreProtectedAndHoldTheSeries(t *testing.T) {
	clk := clock.At(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	st := testutil.OpenAt(t, "sqlite", clk)
	users := testutil.SeedUsers(t, st)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	testutil.Household(t, st, nil)
	srv, err := server.Build(testutil.Config(t, map[string]string{"METRICS_TOKEN": metricsToken}), st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	c := testutil.NewClient(t, srv.App)
	if r := c.Login(users.Staff.Email, "falsch-falsch-falsch"); r.Status != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", r.Status)
	}
	c.Login(users.Staff.Email, testutil.Password)
	for path, want := range map[string]int{
		fmt.Sprintf("/api/v1/vacancies/%d/ranking", v.ID): 200, "/api/v1/allocation": 200,
		fmt.Sprintf("/api/v1/households/%d", 999999): 404, "/gibt-es-nicht": 404,
	} {
		if r := c.Get(path); r.Status != want {
			t.Fatalf("%s: %d, want %d", path, r.Status, want)
		}
	}
	if err := st.EnqueueMessages(context.Background(), domain.OutboxMessage{DedupeKey: "m", Kind: "test",
		ToAddress: "a@example.org", Subject: "Betreff", BodyText: "Text"}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(90 * time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Workflow.RunPeriodic(ctx, time.Hour, slog.New(slog.DiscardHandler), srv.Metrics.ObserveJob)
	}()

	scrape := func(auth string) (int, string) {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := srv.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, auth := range []string{"", "Bearer falsch", "Bearer " + metricsToken + "x", "Basic " + metricsToken} {
		if code, body := scrape(auth); code != http.StatusUnauthorized || strings.Contains(body, "wohnbruecke_") {
			t.Errorf("scrape with %q: %d", auth, code)
		}
	}
	var body string
	for elapsed := clock.Stopwatch(); ; time.Sleep(10 * time.Millisecond) {
		var code int
		if code, body = scrape("Bearer " + metricsToken); code != http.StatusOK {
			t.Fatalf("scrape with the token: %d", code)
		}
		if strings.Contains(body, `wohnbruecke_job_runs_total{job="viewed"} 1`) || elapsed() > 30*time.Second {
			break
		}
	}
	cancel()
	<-done
	for _, want := range []string{
		`wohnbruecke_http_request_duration_seconds_count{method="GET",route="/api/v1/vacancies/:id/ranking",status="200"} 1`,
		`wohnbruecke_http_request_duration_seconds_count{method="GET",route="/api/v1/households/:id",status="404"} 1`,
		`wohnbruecke_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1`,
		`wohnbruecke_http_request_duration_seconds_count{method="POST",route="/login",status="401"} 1`,
		`wohnbruecke_outbox_messages{state="queued"} 1`,
		`wohnbruecke_outbox_messages{state="failed"} 0`,
		`wohnbruecke_outbox_oldest_queued_age_seconds 90`,
		`wohnbruecke_ranking_duration_seconds_count 1`,
		`wohnbruecke_allocation_duration_seconds_count 1`,
		`wohnbruecke_job_runs_total{job="reminders"} 1`,
		`wohnbruecke_job_runs_total{job="viewed"} 1`,
		`wohnbruecke_login_failures_total 1`,
		`wohnbruecke_login_throttled_total 0`,
		`go_sql_max_open_connections{db_name="wohnbruecke"} 8`,
		`go_sql_open_connections{db_name="wohnbruecke"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, fmt.Sprintf("/vacancies/%d/", v.ID)) || strings.Contains(body, "gibt-es-nicht") {
		t.Error("metrics carry raw paths")
	}
	if t.Failed() {
		t.Logf("metrics:\n%s", body)
	}
}

func TestNoMetricsWithoutTokenOrAddress(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	for name, env := range map[string]map[string]string{
		"neither":      nil,
		"METRICS_ADDR": {"METRICS_ADDR": "127.0.0.1:0", "METRICS_TOKEN": metricsToken},
	} {
		t.Run(name, func(t *testing.T) {
			c := testutil.NewClient(t, testutil.AppWith(t, st, env))
			c.Header.Set("Authorization", "Bearer "+metricsToken)
			if r := c.Get("/metrics"); r.Status != http.StatusNotFound && r.Status != http.StatusUnauthorized || strings.Contains(r.Body, "wohnbruecke_") {
				t.Errorf("/metrics on the portal's address: %d", r.Status)
			}
		})
	}
}
