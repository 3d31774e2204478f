package main

import (
	"context"
	"flag"

	"wohnbruecke/internal/demo"
)

func demoFlags(fs *flag.FlagSet) func(context.Context, *env, []string) error {
	households := fs.Int("households", 300, "Zahl der erzeugten Haushalte (für Lasttests), 1 bis 200000")
	force := fs.Bool("force", false, "auch in eine Datenbank mit Konten laden (öffentliches Demo-Passwort!)")
	return func(ctx context.Context, e *env, _ []string) error {
		if *households < 1 || *households > 200_000 {
			return &usageError{"demo: --households erwartet eine Zahl von 1 bis 200000"}
		}
		keys, err := dataKeys(e.cfg, true)
		if err != nil {
			return err
		}
		st, err := openStoreWithKeys(ctx, e.cfg, e.logger, true, keys)
		if err != nil {
			return err
		}
		if err := loadDemo(ctx, st, e.cfg, demo.Options{Households: *households, RequireEmpty: !*force}, e.stdout); err != nil {
			_ = st.Close()
			return err
		}
		return st.Close()
	}
}
