package auth

import (
	"strings"
	"testing"
)

func TestCheckNewPasswordRefusesWeakPasswords(t *testing.T) {
	const email, name = "anna.schmidt@stadtwohnen.de", "Anna Schmidt"
	cases := []struct {
		password string
		want     string // part of the German message, "" = accepted
	}{
		{"kurz-1234", "mindestens 12 Zeichen"},
		{"elf-Zeichen", "mindestens 12 Zeichen"},
		{strings.Repeat("ä", 201), "höchstens 200"},
		{"aaaaaaaaaaaa", "zu wenigen verschiedenen"},
		{"121212121212", "zu wenigen verschiedenen"},
		{"passwort123456", "zu bekannt"},
		{"Passwort1234", "zu bekannt"},
		{"hallo1234567", "zu bekannt"},
		{"P@ssw0rt2026!", "zu bekannt"},
		{"qwertzuiop123", "zu bekannt"},
		{"123qweasdzxc", "zu bekannt"},
		{"1qaz2wsx3edc", "zu bekannt"},
		{"sonnenschein1", "zu bekannt"},
		{"Schalke04!!!", "zu bekannt"},
		{"iloveyou2026", "zu bekannt"},
		{"987654321098", "zu bekannt"},
		{"#+-.,;:_!?%&", "zu bekannt"},
		{email, "E-Mail-Adresse"},
		{"anna.schmidt-2026", "E-Mail-Adresse"},
		{"Schmidt-Hagen-58095", "E-Mail-Adresse"},
		{"ANNA und ihr Hund", "E-Mail-Adresse"},
		{"richtig-geheim-2026", ""},
		{"Wohnbruecke-Demo-2026", ""},
		{"Drei Hasen tanzen Tango", ""},
		{"korrekt-pferd-batterie", ""},
	}
	for _, tc := range cases {
		t.Run(tc.password, func(t *testing.T) {
			got := CheckNewPassword(tc.password, email, name)
			if tc.want == "" && got != "" {
				t.Fatalf("refused a good password: %s", got)
			}
			if !strings.Contains(got, tc.want) {
				t.Fatalf("got %q, want a message containing %q", got, tc.want)
			}
		})
	}
}

func TestCommonPasswordListIsShippedWhole(t *testing.T) {
	if n := len(commonPasswords); n < 10000 {
		t.Fatalf("%d common passwords embedded, want at least 10000", n)
	}
	for _, p := range []string{"password", "passwort123", "hallo1234567", "qwertz"} {
		if _, ok := commonPasswords[p]; !ok {
			t.Errorf("%q missing from the list", p)
		}
	}
}
