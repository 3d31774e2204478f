package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/server"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

func serveFlags(fs *flag.FlagSet) func(context.Context, *env, []string) error {
	withDemo := fs.Bool("demo", false, "Demodaten laden, wenn die Datenbank noch keine Konten hat")
	force := fs.Bool("force", false, "mit --demo: Demodaten auch in eine Datenbank mit Konten laden (öffentliches Demo-Passwort!)")
	return func(ctx context.Context, e *env, _ []string) error {
		if *force && !*withDemo {
			return &usageError{"serve: --force gilt nur zusammen mit --demo"}
		}
		return serve(ctx, e.cfg, e.logger, *withDemo, *force, e.stdout)
	}
}

func serve(ctx context.Context, cfg *config.Config, logger *slog.Logger, withDemo, force bool, stdout io.Writer) error {
	if err := cfg.LoadSessionKey(); err != nil {
		return err
	}
	keys, err := dataKeys(cfg, withDemo)
	if err != nil {
		return err
	}
	st, err := openStoreWithKeys(ctx, cfg, logger, cfg.RunMigrations, keys)
	if err != nil {
		return err
	}
	defer func() {
		if err := st.Close(); err != nil {
			logger.Error("close store", "err", err)
		}
	}()
	// Health notes written before encryption, or with a key that is no longer current, are
	// sealed with the current key (guarded per row, safe with several instances).
	if n, err := st.ResealHealthNotes(ctx); err != nil {
		return err
	} else if n > 0 {
		logger.Info("health notes sealed with the current key", "count", n, "key", keys.CurrentID())
	}
	if withDemo {
		if err := loadDemo(ctx, st, cfg, demo.Options{RequireEmpty: !force}, stdout); err != nil {
			return err
		}
	}
	srv, err := server.Build(cfg, st, logger)
	if err != nil {
		return err
	}
	app := srv.App
	sender, err := mail.NewSender(cfg.SMTPURL, cfg.MailFrom, cfg.MailDir(), st.Now)
	if err != nil {
		return &config.Error{Var: "SMTP_URL", Msg: err.Error()}
	}
	worker := mail.NewWorker(st, sender, srv.Composer, mail.WorkerConfig{OutboxURL: links.New(cfg.BaseURL.String()).Outbox()}, logger)
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return &config.Error{Var: "LISTEN_ADDR", Msg: err.Error()}
	}
	// Background work stops when serve returns (deferred cancel runs before Wait); the worker
	// returns a claimed but unsent message to the queue.
	var background sync.WaitGroup
	defer background.Wait()
	bg, cancel := context.WithCancel(ctx)
	defer cancel()
	background.Add(6) // with the tenancy and course jobs
	go func() {
		defer background.Done()
		if err := srv.Ranking.Warm(bg); err != nil && bg.Err() == nil {
			logger.Warn("warm ranking cache", "err", err)
		}
	}()
	go func() { defer background.Done(); runJanitor(bg, st, logger) }()
	go func() {
		defer background.Done()
		srv.Workflow.RunPeriodic(bg, time.Minute, logger, srv.Metrics.ObserveJob)
	}()
	background.Add(1)
	go func() {
		defer background.Done()
		srv.Privacy.RunPeriodic(bg, 10*time.Minute, logger, srv.Metrics.ObserveJob)
	}()
	go func() { // tenancy phase: overdue visits, report escalation
		defer background.Done()
		srv.Tenancies.RunPeriodic(bg, time.Minute, logger, srv.Metrics.ObserveJob)
	}()
	go func() { // Mietführerschein: session and refresher reminders
		defer background.Done()
		srv.Courses.RunPeriodic(bg, 10*time.Minute, logger, srv.Metrics.ObserveJob)
	}()
	// Follow-ups of the tenancy phase become due (safe with several instances).
	background.Add(1)
	go func() {
		defer background.Done()
		srv.FollowUps.RunPeriodic(bg, time.Minute, logger, srv.Metrics.ObserveJob)
	}()
	go func() {
		defer background.Done()
		if err := worker.Run(bg); err != nil && bg.Err() == nil {
			logger.Error("mail worker stopped", "err", err)
		}
	}()
	defer servePprof(logger)() // apirank: PPROF_ADDR for measurements
	if cfg.MetricsAddr != "" {
		stopMetrics, err := serveMetrics(cfg, srv, logger)
		if err != nil {
			return err
		}
		defer stopMetrics()
	}
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	logger.Info("wohnbruecke listening", "version", cfg.Version, "addr", ln.Addr().String(), "base_url", cfg.BaseURL.String(), "dialect", st.Dialect())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	if err := app.ShutdownWithTimeout(20 * time.Second); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// serveMetrics serves /metrics on METRICS_ADDR (with METRICS_TOKEN when set too) and
// returns the function that stops it.
func serveMetrics(cfg *config.Config, srv *server.Server, logger *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, &config.Error{Var: "METRICS_ADDR", Msg: err.Error()}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", srv.Metrics.Handler(cfg.MetricsToken))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("metrics server stopped", "err", err)
		}
	}()
	logger.Info("metrics listening", "addr", ln.Addr().String())
	return func() { _ = hs.Close() }, nil
}

// janitorStore is what the periodic clean-up needs.
type janitorStore interface {
	DeleteExpiredSessions(ctx context.Context) error
	DeleteOldIdempotencyKeys(ctx context.Context) error
	PruneDataChanges(ctx context.Context) error
}

// runJanitor removes expired sessions, old login attempts and idempotency keys older than
// a day every ten minutes. It is safe
// with several instances: the deletes are idempotent.
func runJanitor(ctx context.Context, st janitorStore, logger *slog.Logger) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if err := st.DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("janitor", "err", err)
		}
		if err := st.DeleteOldIdempotencyKeys(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("janitor: idempotency keys", "err", err)
		}
		if err := st.PruneDataChanges(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("janitor: data changes", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// loadDemo loads the demo data and prints the logins; a database that has accounts but no
// demo data is refused unless opt.RequireEmpty is off (--force).
func loadDemo(ctx context.Context, st *store.Store, cfg *config.Config, opt demo.Options, w io.Writer) error {
	logins, err := demo.Load(ctx, st, opt)
	if errors.Is(err, demo.ErrNotEmpty) {
		return &usageError{"demo: die Datenbank enthält bereits Konten; Demodaten (mit öffentlich bekanntem Passwort) werden nur mit --force dazugeladen"}
	}
	if err != nil {
		return err
	}
	printLogins(w, cfg, logins)
	return nil
}

func printLogins(w io.Writer, cfg *config.Config, logins []demo.Login) {
	if len(logins) == 0 {
		fmt.Fprintln(w, "Die Demodaten sind bereits geladen; nichts geändert.")
		return
	}
	fmt.Fprintf(w, "\nWohnbrücke-Demo: %s\nDemo-Zugänge (Passwort für alle: %s):\n", cfg.BaseURL, demo.Password)
	for _, l := range logins {
		fmt.Fprintf(w, "  %-28s %-38s %s\n", l.Role, l.Email, l.Name)
	}
	fmt.Fprintln(w)
}
