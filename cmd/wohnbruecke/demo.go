package main

import (
	"context"
	"io"
	"log/slog"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/demo"
)

func demoCmd(ctx context.Context, cfg *config.Config, logger *slog.Logger, stdout io.Writer) error {
	st, err := openStore(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	logins, err := demo.Load(ctx, st, demo.Options{})
	if err != nil {
		_ = st.Close()
		return err
	}
	printLogins(stdout, cfg, logins)
	return st.Close()
}
