package mail_test

import (
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/mail"
)

// Every decline reason and the question above them exist in every applicant language.
func TestDeclineReasonsAreTranslated(t *testing.T) {
	for _, lang := range domain.Languages.Values() {
		keys, err := mail.LocaleKeys(lang)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, k := range keys {
			have[k] = true
		}
		want := []string{"decline_reason_legend"}
		for _, code := range domain.DeclineReasons.Values() {
			want = append(want, "decline_"+string(code))
		}
		for _, k := range want {
			if !have[k] {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}
