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
	"wohnbruecke/internal/domain"
)

// userFlags declares "user create --role … --email … --name …"; the password comes from a
// prompt without echo on a terminal, or as the first line of standard input.
func userFlags(fs *flag.FlagSet) func(context.Context, *env, []string) error {
	role := fs.String("role", string(domain.RoleAdmin), "Rolle: admin, staff oder caseworker")
	email := fs.String("email", "", "E-Mail-Adresse (Anmeldename)")
	name := fs.String("name", "", "vollständiger Name")
	return func(ctx context.Context, e *env, _ []string) error {
		return userCreate(ctx, e, *role, *email, *name)
	}
}

func userCreate(ctx context.Context, e *env, role, email, name string) error {
	cfg, stdin, stdout, stderr := e.cfg, e.stdin, e.stdout, e.stderr
	r := domain.Role(role)
	if !r.Valid() || r == domain.RoleLandlord {
		return &usageError{"user create: --role erwartet admin, staff oder caseworker (Vermieter*innen werden im Portal eingeladen)"}
	}
	if !strings.Contains(email, "@") || strings.TrimSpace(name) == "" {
		return &usageError{"user create: --email und --name sind nötig"}
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	if msg := auth.CheckNewPassword(password, email, name); msg != "" {
		return &usageError{"user create: " + msg}
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, e.logger, true)
	if err != nil {
		return err
	}
	defer st.Close()
	u := &domain.User{Email: email, Name: strings.TrimSpace(name), Role: r, PasswordHash: hash, Active: true}
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
