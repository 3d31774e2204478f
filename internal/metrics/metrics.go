// Package metrics collects the portal's Prometheus metrics into a registry that the server
// passes in (no package-level state): request durations by route pattern and status, the
// outbox by state and the age of its oldest queued message, ranking and allocation
// durations, periodic job runs and failures, login failures and throttles, and the
// database connection pool.
package metrics

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"wohnbruecke/internal/domain"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"wohnbruecke/internal/clock"
)

// Outbox is what the outbox collector reads at every scrape; *store.Store implements it.
type Outbox interface {
	OutboxCounts(ctx context.Context) (map[domain.MessageState]int64, error)
	OldestQueuedMessage(ctx context.Context) (time.Time, bool, error)
	Now() time.Time
}

// Metrics holds the collectors. Its methods are safe for concurrent use.
type Metrics struct {
	registry       *prometheus.Registry
	requests       *prometheus.HistogramVec
	ranking        prometheus.Histogram
	allocation     prometheus.Histogram
	jobRuns        *prometheus.CounterVec
	jobFailures    *prometheus.CounterVec
	loginFailures  prometheus.Counter
	loginThrottled prometheus.Counter
}

// New registers the portal's collectors, the outbox collector, the pool statistics of db
// and the Go runtime and process collectors on reg.
func New(reg *prometheus.Registry, outbox Outbox, db *sql.DB) (*Metrics, error) {
	m := &Metrics{
		registry: reg,
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "wohnbruecke_http_request_duration_seconds",
			Help: "Duration of HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		ranking: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "wohnbruecke_ranking_duration_seconds", Help: "Duration of ranking one vacancy.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}),
		allocation: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "wohnbruecke_allocation_duration_seconds", Help: "Duration of computing the allocation across all published vacancies.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		jobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wohnbruecke_job_runs_total", Help: "Runs of the periodic jobs.",
		}, []string{"job"}),
		jobFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wohnbruecke_job_failures_total", Help: "Failed runs of the periodic jobs.",
		}, []string{"job"}),
		loginFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wohnbruecke_login_failures_total", Help: "Login attempts refused for wrong credentials.",
		}),
		loginThrottled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "wohnbruecke_login_throttled_total", Help: "Login attempts refused by the throttle.",
		}),
	}
	for _, c := range []prometheus.Collector{
		m.requests, m.ranking, m.allocation, m.jobRuns, m.jobFailures, m.loginFailures, m.loginThrottled,
		&outboxCollector{outbox: outbox},
		collectors.NewDBStatsCollector(db, "wohnbruecke"),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Handler serves the registry in the Prometheus text format; with a token only to
// requests with "Authorization: Bearer <token>" (others get 401).
func (m *Metrics) Handler(token string) http.Handler {
	serve := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	if token == "" {
		return serve
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
			return
		}
		serve.ServeHTTP(w, r)
	})
}

// FiberHandler is Handler(token) for the portal's own address.
func (m *Metrics) FiberHandler(token string) fiber.Handler {
	return adaptor.HTTPHandler(m.Handler(token))
}

// Middleware measures every request under its route pattern (never the raw path, which
// may hold a token), and counts refused logins from the answers to POST /login.
func (m *Metrics) Middleware() fiber.Handler {
	return func(c *fiber.Ctx) error {
		elapsed := clock.Stopwatch()
		err := c.Next()
		if err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				return herr
			}
		}
		status := c.Response().StatusCode()
		// A request no route matched ends in the catch-all handler ("/"), whose answer is
		// 404; one label for all of them keeps unknown paths out of the series.
		route := "unmatched"
		if r := c.Route(); r != nil && !(status == fiber.StatusNotFound && r.Path == "/") {
			route = r.Path
		}
		m.requests.WithLabelValues(c.Method(), route, strconv.Itoa(status)).Observe(elapsed().Seconds())
		if route == "/login" && c.Method() == fiber.MethodPost {
			switch status {
			case fiber.StatusUnauthorized:
				m.loginFailures.Inc()
			case fiber.StatusTooManyRequests:
				m.loginThrottled.Inc()
			}
		}
		return nil
	}
}

// ObserveTiming records the duration of a ranking ("ranking") or an allocation
// ("allocation"); the ranking service calls it.
func (m *Metrics) ObserveTiming(op string, d time.Duration) {
	switch op {
	case "ranking":
		m.ranking.Observe(d.Seconds())
	case "allocation":
		m.allocation.Observe(d.Seconds())
	}
}

// ObserveJob counts a run of a periodic job and, with an error, its failure.
func (m *Metrics) ObserveJob(job string, err error) {
	m.jobRuns.WithLabelValues(job).Inc()
	if err != nil {
		m.jobFailures.WithLabelValues(job).Inc()
	}
}

// outboxCollector reads the outbox at every scrape, so every instance reports the same
// shared queue.
type outboxCollector struct{ outbox Outbox }

var (
	outboxMessagesDesc = prometheus.NewDesc("wohnbruecke_outbox_messages", "Outbox messages by state.", []string{"state"}, nil)
	outboxOldestDesc   = prometheus.NewDesc("wohnbruecke_outbox_oldest_queued_age_seconds",
		"Age of the oldest message waiting in the queue (0 when the queue is empty).", nil, nil)
)

func (o *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxMessagesDesc
	ch <- outboxOldestDesc
}

func (o *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := o.outbox.OutboxCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(outboxMessagesDesc, err)
		return
	}
	for _, state := range domain.MessageTransitions.States() {
		ch <- prometheus.MustNewConstMetric(outboxMessagesDesc, prometheus.GaugeValue, float64(counts[state]), string(state))
	}
	oldest, ok, err := o.outbox.OldestQueuedMessage(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(outboxOldestDesc, err)
		return
	}
	age := 0.0
	if ok {
		age = max(0, o.outbox.Now().Sub(oldest).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(outboxOldestDesc, prometheus.GaugeValue, age)
}
