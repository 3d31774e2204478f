// Command wohnbruecke runs the Wohnbrücke portal of the city of Hagen.
//
//	wohnbruecke [serve] [--demo]   run the portal (default); --demo loads demo data into an empty database
//	wohnbruecke migrate            apply pending database migrations
//	wohnbruecke demo [--households N]   load the demo data (idempotent)
//	wohnbruecke user create --role admin --email … --name …   create an account (password from stdin)
//	wohnbruecke healthcheck        exit 0 when the local instance answers /readyz with 200
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/Berlin also in a static image without zoneinfo

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/config"
	"wohnbruecke/internal/logsafe"
	"wohnbruecke/internal/store"
)

// exitConfig is the exit code for a wrong configuration or wrong arguments.
const exitConfig = 2

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitConfig
	}
	logger := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve":
		err = serve(ctx, cfg, logger, args, stdout)
	case "migrate":
		err = migrate(ctx, cfg, logger)
	case "demo":
		err = demoCmd(ctx, cfg, logger, args, stdout)
	case "user":
		err = userCmd(ctx, cfg, args, stdin, stdout, stderr)
	case "healthcheck":
		err = healthcheck(cfg)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, "Aufruf: wohnbruecke [serve [--demo] | migrate | demo | user create --role … --email … --name … | healthcheck]")
		return 0
	default:
		fmt.Fprintf(stderr, "wohnbruecke: unbekannter Befehl %q (serve, migrate, demo, user, healthcheck)\n", cmd)
		return exitConfig
	}
	var ce *config.Error
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ce), errors.As(err, &ue):
		fmt.Fprintln(stderr, err)
		return exitConfig
	default:
		logger.Error("wohnbruecke: "+cmd+" failed", "err", err)
		return 1
	}
}

// usageError is a wrong command-line argument.
type usageError struct{ msg string }

func (e *usageError) Error() string { return "wohnbruecke: " + e.msg }

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(logsafe.Handler(slog.NewJSONHandler(w, opts)))
	}
	return slog.New(logsafe.Handler(slog.NewTextHandler(w, opts)))
}

// openStore opens the configured database and, if asked, applies migrations.
func openStore(ctx context.Context, cfg *config.Config, logger *slog.Logger, runMigrations bool) (*store.Store, error) {
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath(), Logger: logger, Now: clock.System})
	if err != nil {
		return nil, err
	}
	if runMigrations {
		n, err := st.Migrate(ctx)
		if err != nil {
			_ = st.Close()
			return nil, err
		}
		logger.Info("migrations applied", "count", n, "dialect", st.Dialect())
	}
	return st, nil
}

func migrate(ctx context.Context, cfg *config.Config, logger *slog.Logger) error {
	st, err := openStore(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	return st.Close()
}
