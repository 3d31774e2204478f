// Package config reads Wohnbrücke's settings from environment variables. Every variable is
// documented in the README; a wrong value stops start-up with an error naming it.
package config

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration, passed to constructors (no package-level state).
type Config struct {
	ListenAddr      string
	BaseURL         *url.URL
	DataDir         string
	DatabaseURL     string // empty: SQLite file in DataDir
	SMTPURL         string // empty: mail goes to DataDir/mail as .eml files
	MailFrom        string
	SessionKey      []byte // resolved by LoadSessionKey
	SessionKeyFile  string
	RunMigrations   bool
	LogLevel        slog.Level
	LogFormat       string // "text" or "json"
	FachstellePhone string
	APIRateLimit    int // API requests per client and minute; 0 = no limit
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed; none by default.
	TrustedProxies []netip.Prefix

	// DBWait is how long start-up keeps trying to reach the database (DB_WAIT).
	DBWait time.Duration
	// MetricsToken protects GET /metrics with a bearer token (METRICS_TOKEN); MetricsAddr
	// serves /metrics on a listen address of its own instead (METRICS_ADDR). With neither
	// set there is no /metrics.
	MetricsToken string
	MetricsAddr  string
	// Version is the build's version; cmd sets it from the build info (not an env var).
	Version string

	// Tenancy phase: the response target of a landlord's report in NRW working days
	// (REPORT_RESPONSE_DAYS, 1 to 10, default 1).
	ReportResponseDays int
}

// Error names the variable whose value is wrong.
type Error struct {
	Var string
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Var, e.Msg) }

// Load reads the configuration through getenv (os.Getenv in production).
func Load(getenv func(string) string) (*Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	c := &Config{
		ListenAddr:      get("LISTEN_ADDR", "127.0.0.1:8080"),
		DataDir:         get("DATA_DIR", "./data"),
		DatabaseURL:     get("DATABASE_URL", ""),
		SMTPURL:         get("SMTP_URL", ""),
		MailFrom:        get("MAIL_FROM", "Wohnbrücke Hagen <wohnbruecke@localhost>"),
		SessionKeyFile:  get("SESSION_KEY_FILE", ""),
		LogFormat:       get("LOG_FORMAT", "text"),
		FachstellePhone: get("FACHSTELLE_PHONE", "02331 207-0"),
	}
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		return nil, &Error{"LISTEN_ADDR", "erwartet host:port, z. B. 127.0.0.1:8080"}
	}
	base := get("BASE_URL", "http://"+c.ListenAddr)
	u, err := url.Parse(strings.TrimSuffix(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{"BASE_URL", "erwartet eine absolute http(s)-Adresse, z. B. https://wohnbruecke.hagen.de"}
	}
	c.BaseURL = u
	if c.DatabaseURL != "" {
		du, err := url.Parse(c.DatabaseURL)
		if err != nil || (du.Scheme != "postgres" && du.Scheme != "postgresql") {
			return nil, &Error{"DATABASE_URL", "erwartet postgres://… (leer lassen für SQLite)"}
		}
	}
	if c.SMTPURL != "" {
		su, err := url.Parse(c.SMTPURL)
		if err != nil || (su.Scheme != "smtp" && su.Scheme != "smtps") || su.Hostname() == "" {
			return nil, &Error{"SMTP_URL", "erwartet smtp://user:pass@host:port oder smtps://…"}
		}
		if tls := su.Query().Get("tls"); tls != "" && tls != "mandatory" && tls != "opportunistic" && tls != "none" {
			return nil, &Error{"SMTP_URL", "tls= erwartet mandatory, opportunistic oder none"}
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		return nil, &Error{"MAIL_FROM", "erwartet eine E-Mail-Adresse, z. B. Wohnbrücke <wohnbruecke@hagen.de>"}
	}
	c.RunMigrations = true
	if v := getenv("RUN_MIGRATIONS"); strings.TrimSpace(v) != "" {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return nil, &Error{"RUN_MIGRATIONS", "erwartet true oder false"}
		}
		c.RunMigrations = b
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL", "info"))); err != nil {
		return nil, &Error{"LOG_LEVEL", "erwartet debug, info, warn oder error"}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return nil, &Error{"LOG_FORMAT", "erwartet text oder json"}
	}
	c.APIRateLimit = 600
	if v := strings.TrimSpace(getenv("API_RATE_LIMIT")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, &Error{"API_RATE_LIMIT", "erwartet eine ganze Zahl ≥ 0 (Anfragen je Minute, 0 = kein Limit)"}
		}
		c.APIRateLimit = n
	}
	proxies, err := parsePrefixes(get("TRUSTED_PROXIES", ""))
	if err != nil {
		return nil, &Error{"TRUSTED_PROXIES", err.Error()}
	}
	c.TrustedProxies = proxies
	c.DBWait = 60 * time.Second
	if v := strings.TrimSpace(getenv("DB_WAIT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return nil, &Error{"DB_WAIT", "erwartet eine Dauer wie 60s oder 2m (0 = nicht warten)"}
		}
		c.DBWait = d
	}
	c.ReportResponseDays = 1 // tenancy phase
	if v := strings.TrimSpace(getenv("REPORT_RESPONSE_DAYS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10 {
			return nil, &Error{"REPORT_RESPONSE_DAYS", "erwartet eine ganze Zahl von 1 bis 10 (Arbeitstage bis zur Antwort auf eine Meldung)"}
		}
		c.ReportResponseDays = n
	}
	c.MetricsToken = get("METRICS_TOKEN", "")
	c.MetricsAddr = get("METRICS_ADDR", "")
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return nil, &Error{"METRICS_TOKEN", "erwartet mindestens 16 Zeichen"}
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return nil, &Error{"METRICS_ADDR", "erwartet host:port, z. B. 127.0.0.1:9090"}
		}
	}
	if v := getenv("SESSION_KEY"); strings.TrimSpace(v) != "" {
		key, err := decodeKey(strings.TrimSpace(v))
		if err != nil {
			return nil, &Error{"SESSION_KEY", err.Error()}
		}
		c.SessionKey = key
	}
	return c, nil
}

// Secure reports whether cookies must carry the Secure flag (BASE_URL is https).
func (c *Config) Secure() bool { return c.BaseURL.Scheme == "https" }

// Dialect returns "postgres" or "sqlite".
func (c *Config) Dialect() string {
	if c.DatabaseURL != "" {
		return "postgres"
	}
	return "sqlite"
}

// SQLitePath is the database file used when DATABASE_URL is unset.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "wohnbruecke.db") }

// MailDir is where messages are written as .eml files when SMTP_URL is unset.
func (c *Config) MailDir() string { return filepath.Join(c.DataDir, "mail") }

// LoadSessionKey resolves the session key: SESSION_KEY, else SESSION_KEY_FILE, else a key
// generated once and kept in DATA_DIR/session.key, so restarts keep sessions valid.
func (c *Config) LoadSessionKey() error {
	if c.SessionKey != nil {
		return nil
	}
	path, variable := c.SessionKeyFile, "SESSION_KEY_FILE"
	if path == "" {
		path, variable = filepath.Join(c.DataDir, "session.key"), "DATA_DIR"
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && variable == "DATA_DIR" {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return fmt.Errorf("config: generate session key: %w", err)
		}
		if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
			return &Error{"DATA_DIR", "Ordner kann nicht angelegt werden: " + err.Error()}
		}
		if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
			return &Error{"DATA_DIR", "Schlüsseldatei kann nicht geschrieben werden: " + err.Error()}
		}
		c.SessionKey = key
		return nil
	}
	if err != nil {
		return &Error{variable, "Schlüsseldatei nicht lesbar: " + err.Error()}
	}
	key, err := decodeKey(strings.TrimSpace(string(data)))
	if err != nil {
		return &Error{variable, path + ": " + err.Error()}
	}
	c.SessionKey = key
	return nil
}

// parsePrefixes reads a comma-separated list of CIDRs; a bare address is one host.
func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			a, err := netip.ParseAddr(item)
			if err != nil {
				return nil, fmt.Errorf("%q ist keine IP-Adresse; erwartet CIDRs mit Komma getrennt, z. B. 10.0.0.0/8,192.168.1.5", item)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("%q ist kein CIDR; erwartet CIDRs mit Komma getrennt, z. B. 10.0.0.0/8,192.168.1.5", item)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func decodeKey(s string) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil && len(b) >= 32 {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) >= 32 {
		return b, nil
	}
	return nil, errors.New("erwartet mindestens 32 Byte als Hex (64 Zeichen) oder Base64")
}
