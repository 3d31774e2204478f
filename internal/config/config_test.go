package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.ListenAddr != "127.0.0.1:8080" || c.DataDir != "./data" || c.Dialect() != "sqlite" ||
		!c.RunMigrations || c.LogFormat != "text" || c.Secure() || c.BaseURL.String() != "http://127.0.0.1:8080" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestWrongValuesNameTheVariable(t *testing.T) {
	cases := []struct{ variable, value string }{
		{"LISTEN_ADDR", "8080"},
		{"BASE_URL", "wohnbruecke.hagen.de"},
		{"BASE_URL", "ftp://x"},
		{"DATABASE_URL", "mysql://root@localhost/db"},
		{"SMTP_URL", "http://mail"},
		{"SMTP_URL", "smtp://mail:25?tls=sometimes"},
		{"MAIL_FROM", "keine adresse"},
		{"RUN_MIGRATIONS", "vielleicht"},
		{"LOG_LEVEL", "loud"},
		{"LOG_FORMAT", "xml"},
		{"SESSION_KEY", "kurz"},
		{"TRUSTED_PROXIES", "10.0.0.0/33"},
		{"TRUSTED_PROXIES", "10.0.0.1, proxy.intern"},
	}
	for _, tc := range cases {
		t.Run(tc.variable+"="+tc.value, func(t *testing.T) {
			_, err := Load(env(map[string]string{tc.variable: tc.value}))
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tc.variable {
				t.Fatalf("err = %v, want a config error naming %s", err, tc.variable)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Error("message spans several lines")
			}
		})
	}
}

func TestValidValues(t *testing.T) {
	c, err := Load(env(map[string]string{
		"BASE_URL": "https://wohnbruecke.hagen.de/", "DATABASE_URL": "postgres://u@db/wb",
		"SMTP_URL": "smtps://u:p@mail.hagen.de:465?tls=mandatory", "RUN_MIGRATIONS": "false", "LOG_LEVEL": "debug",
		"LOG_FORMAT": "json", "SESSION_KEY": strings.Repeat("ab", 32),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Secure() || c.Dialect() != "postgres" || c.RunMigrations || len(c.SessionKey) != 32 ||
		c.BaseURL.String() != "https://wohnbruecke.hagen.de" {
		t.Fatalf("unexpected: %+v", c)
	}
}

func TestSessionKeyIsGeneratedOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	load := func() []byte {
		c, err := Load(env(map[string]string{"DATA_DIR": dir}))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.LoadSessionKey(); err != nil {
			t.Fatal(err)
		}
		return c.SessionKey
	}
	first, second := load(), load()
	if len(first) != 32 || string(first) != string(second) {
		t.Fatal("session key not kept across starts")
	}
	info, err := os.Stat(filepath.Join(dir, "session.key"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, info.Mode())
	}
	c, _ := Load(env(map[string]string{"SESSION_KEY_FILE": filepath.Join(dir, "missing")}))
	var ce *Error
	if err := c.LoadSessionKey(); !errors.As(err, &ce) || ce.Var != "SESSION_KEY_FILE" {
		t.Fatalf("missing key file: %v", err)
	}
}

func TestTrustedProxies(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || len(c.TrustedProxies) != 0 {
		t.Fatalf("default: %v %v, want no trusted proxy", c.TrustedProxies, err)
	}
	c, err = Load(env(map[string]string{"TRUSTED_PROXIES": " 10.0.0.0/8, 192.168.1.5 ,::1,fd00::/8"}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.TrustedProxies {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != "10.0.0.0/8 192.168.1.5/32 ::1/128 fd00::/8" {
		t.Fatalf("trusted proxies %v", got)
	}
}

func TestOperationsSettings(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.DBWait != 60*time.Second || c.MetricsToken != "" || c.MetricsAddr != "" {
		t.Fatalf("defaults: %+v, %v; want DB_WAIT 60s and no metrics", c, err)
	}
	c, err = Load(env(map[string]string{"DB_WAIT": "2m30s", "METRICS_TOKEN": strings.Repeat("x", 16), "METRICS_ADDR": "127.0.0.1:9090"}))
	if err != nil || c.DBWait != 150*time.Second || c.MetricsToken != strings.Repeat("x", 16) || c.MetricsAddr != "127.0.0.1:9090" {
		t.Fatalf("set: %+v, %v", c, err)
	}
	for _, tc := range []struct{ variable, value string }{
		{"DB_WAIT", "60"}, {"DB_WAIT", "-1s"}, {"METRICS_TOKEN", "kurz"}, {"METRICS_ADDR", "9090"},
	} {
		_, err := Load(env(map[string]string{tc.variable: tc.value}))
		var ce *Error
		if !errors.As(err, &ce) || ce.Var != tc.variable {
			t.Errorf("%s=%s: err = %v, want a config error naming it", tc.variable, tc.value, err)
		}
	}
}

func TestRetentionPeriods(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, err := Load(env(nil))
	if err != nil || c.Retention != DefaultRetention {
		t.Fatalf("defaults: %+v, %v", c.Retention, err)
	}
	c, err = Load(env(map[string]string{"RETENTION_CONTACT_MONTHS": "12", "RETENTION_MAIL_DAYS": "7"}))
	if err != nil || c.Retention.ContactMonths != 12 || c.Retention.MailDays != 7 {
		t.Fatalf("set: %+v, %v", c.Retention, err)
	}
	for name, v := range map[string]string{"RETENTION_CONTACT_MONTHS": "0", "RETENTION_MAIL_DAYS": "x", "RETENTION_STATISTICS_MONTHS": "3"} {
		var ce *Error
		if _, err := Load(env(map[string]string{name: v})); err == nil || !errorsAs(err, &ce) || ce.Var != name {
			t.Errorf("%s=%s: %v", name, v, err)
		}
	}
}

func errorsAs(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}
