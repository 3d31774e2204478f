package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/config"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// userCmd handles "user create --role … --email … --name …"; the password comes from a
// prompt without echo on a terminal, or as the first line of standard input.
func userCmd(ctx context.Context, cfg *config.Config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return &usageError{"user: erwartet 'user create --role admin --email … --name …'"}
	}
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	role := fs.String("role", "admin", "admin, staff or caseworker")
	email := fs.String("email", "", "email address")
	name := fs.String("name", "", "full name")
	if err := fs.Parse(args[1:]); err != nil {
		return &usageError{"user create: " + err.Error()}
	}
	r := domain.Role(*role)
	if !r.Valid() || r == domain.RoleLandlord {
		return &usageError{"user create: --role erwartet admin, staff oder caseworker (Vermieter*innen werden im Portal eingeladen)"}
	}
	if !strings.Contains(*email, "@") || strings.TrimSpace(*name) == "" {
		return &usageError{"user create: --email und --name sind nötig"}
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	if msg := auth.CheckNewPassword(password, *email, *name); msg != "" {
		return &usageError{"user create: " + msg}
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath(), Now: clock.System})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	u := &domain.User{Email: *email, Name: strings.TrimSpace(*name), Role: r, PasswordHash: hash, Active: true}
	if err := st.CreateUser(ctx, u); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Konto angelegt: %s (%s), id %d\n", u.Email, r.Label(), u.ID)
	return nil
}

func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Passwort: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
