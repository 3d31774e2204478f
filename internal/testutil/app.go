package testutil

import (
	"io"
	"log/slog"
	"testing"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/server"
	"wohnbruecke/internal/store"
)

// Config returns a configuration for tests with the given variables set.
func Config(t testing.TB, env map[string]string) *config.Config {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	if _, ok := env["SESSION_KEY"]; !ok {
		env["SESSION_KEY"] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	}
	if _, ok := env["DATA_DIR"]; !ok {
		env["DATA_DIR"] = t.TempDir()
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// App builds the whole application on a store, logging nowhere.
func App(t testing.TB, st *store.Store) *fiber.App {
	t.Helper()
	return AppWith(t, st, nil)
}

// AppWith builds the application with the given configuration variables set.
func AppWith(t testing.TB, st *store.Store, env map[string]string) *fiber.App {
	t.Helper()
	app, err := server.New(Config(t, env), st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return app
}
