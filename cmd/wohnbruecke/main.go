// Command wohnbruecke runs the Wohnbrücke portal of the city of Hagen.
//
//	wohnbruecke [serve] [--demo [--force]]   run the portal (default); --demo loads demo data into an empty database
//	wohnbruecke migrate            apply pending database migrations
//	wohnbruecke demo [--households N] [--force]   load the demo data (refuses a database with accounts)
//	wohnbruecke user create --role admin --email … --name …   create an account (password from stdin)
//	wohnbruecke backup FILE        consistent copy of the SQLite database while it runs
//	wohnbruecke healthcheck        exit 0 when the local instance answers /readyz with 200
//	wohnbruecke version            print the build's version
//
// Every command answers -h and --help with its usage (exit 0); a wrong argument is exit 2.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	_ "time/tzdata" // Europe/Berlin also in a static image without zoneinfo

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/logsafe"
	"wohnbruecke/internal/version"
)

// exitConfig is the exit code for a wrong configuration or wrong arguments.
const exitConfig = 2

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command runs with.
type env struct {
	cfg    *config.Config
	logger *slog.Logger
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand: its usage, its flags and what it does with them.
type command struct {
	name  string
	sub   string // a required word after the name ("user create")
	args  string // usage of flags and arguments, for the help text
	about string
	// positional is how many arguments must follow the flags.
	positional int
	// flags declares the command's flags on fs and returns the function that runs it with
	// the remaining arguments once they are parsed.
	flags func(fs *flag.FlagSet) func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{name: "serve", args: "[--demo [--force]]", about: "startet das Portal (Standard ohne Befehl)", flags: serveFlags},
		{name: "migrate", about: "wendet ausstehende Datenbank-Migrationen an", flags: noFlags(migrate)},
		{name: "demo", args: "[--households N] [--force]", about: "lädt die Demodaten (nur in eine Datenbank ohne Konten, außer mit --force)", flags: demoFlags},
		{name: "user", sub: "create", args: "--role admin|staff|caseworker --email … --name …", about: "legt ein Konto an; das Passwort kommt vom Terminal oder als erste Zeile der Standardeingabe", flags: userFlags},
		{name: "backup", args: "DATEI", positional: 1, about: "schreibt eine konsistente Kopie der SQLite-Datenbank, auch im laufenden Betrieb", flags: noFlags(backupCmd)},
		{name: "healthcheck", about: "Exit 0, wenn die lokale Instanz /readyz mit 200 beantwortet", flags: noFlags(func(_ context.Context, e *env, _ []string) error { return healthcheck(e.cfg) })},
		{name: "version", about: "zeigt die Version dieses Programms", flags: noFlags(func(_ context.Context, e *env, _ []string) error {
			fmt.Fprintln(e.stdout, "wohnbruecke", e.cfg.Version)
			return nil
		})},
	}
}

func noFlags(fn func(ctx context.Context, e *env, args []string) error) func(*flag.FlagSet) func(context.Context, *env, []string) error {
	return func(*flag.FlagSet) func(context.Context, *env, []string) error { return fn }
}

func (c command) usage() string {
	return strings.Join(slices.DeleteFunc([]string{"wohnbruecke", c.name, c.sub, c.args}, func(s string) bool { return s == "" }), " ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Aufruf: wohnbruecke [BEFEHL] [OPTIONEN]")
	fmt.Fprintln(w, "\nBefehle:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n      %s\n", c.usage(), c.about)
	}
	fmt.Fprintln(w, "\nEinstellungen kommen aus Umgebungsvariablen (siehe README). Hilfe zu einem Befehl: wohnbruecke BEFEHL --help")
}

func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "-help" }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && (isHelp(args[0]) || args[0] == "help") {
		usage(stdout)
		return 0
	}
	name := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == name {
			cmd = &c
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "wohnbruecke: unbekannter Befehl %q (wohnbruecke --help zeigt alle)\n", name)
		return exitConfig
	}
	fs := flag.NewFlagSet(cmd.usage(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runCmd := cmd.flags(fs)
	printHelp := func() int {
		fmt.Fprintf(stdout, "Aufruf: %s\n\n%s\n", cmd.usage(), cmd.about)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0
	}
	if cmd.sub != "" {
		if len(args) > 0 && isHelp(args[0]) {
			return printHelp()
		}
		if len(args) == 0 || args[0] != cmd.sub {
			fmt.Fprintf(stderr, "wohnbruecke %s: erwartet %q\n", cmd.name, cmd.usage())
			return exitConfig
		}
		args = args[1:]
	}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return printHelp()
	case err != nil:
		fmt.Fprintf(stderr, "wohnbruecke %s: %v\n", cmd.name, err)
		return exitConfig
	case fs.NArg() != cmd.positional:
		fmt.Fprintf(stderr, "wohnbruecke %s: unerwartete Argumente %q (Aufruf: %s)\n", cmd.name, fs.Args(), cmd.usage())
		return exitConfig
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitConfig
	}
	cfg.Version = version.Get()
	e := &env{cfg: cfg, logger: newLogger(cfg, stderr), stdin: stdin, stdout: stdout, stderr: stderr}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = runCmd(ctx, e, fs.Args())
	var ce *config.Error
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ce), errors.As(err, &ue):
		fmt.Fprintln(stderr, err)
		return exitConfig
	default:
		e.logger.Error("wohnbruecke: "+name+" failed", "err", err)
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

func migrate(ctx context.Context, e *env, _ []string) error {
	st, err := openStore(ctx, e.cfg, e.logger, true)
	if err != nil {
		return err
	}
	return st.Close()
}
