package main

import (
	"context"
	"flag"
	"io"
	"log/slog"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/demo"
)

func demoCmd(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	households := fs.Int("households", 300, "number of generated households (for load tests)")
	if err := fs.Parse(args); err != nil || *households < 1 || *households > 200_000 {
		return &usageError{"demo: --households erwartet eine Zahl von 1 bis 200000"}
	}
	st, err := openStore(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	logins, err := demo.Load(ctx, st, demo.Options{Households: *households})
	if err != nil {
		_ = st.Close()
		return err
	}
	printLogins(stdout, cfg, logins)
	return st.Close()
}
