package mail_test

import (
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
)

func TestTextsForPages(t *testing.T) {
	c := newComposer(t)
	pageKeys := []string{"page_title", "page_answer_title", "page_answer_hint", "page_from_mail", "page_answer_saved",
		"recorded_confirm", "recorded_decline", "recorded_reschedule", "recorded_reschedule_more", "page_already",
		"page_cancelled", "expired_title", "print_title", "label_landlord", "label_meeting_point"}
	start := time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC)
	german := map[string]string{}
	for _, tx := range c.ApplicantTexts("de") {
		for _, k := range pageKeys {
			german[k], _ = tx.T(k)
		}
	}
	for _, lang := range domain.Languages.Values() {
		t.Run(string(lang), func(t *testing.T) {
			blocks := c.ApplicantTexts(lang)
			want := 2
			if lang == "de" {
				want = 1
			}
			if len(blocks) != want || blocks[0].Lang != string(lang) || blocks[len(blocks)-1].Lang != "de" {
				t.Fatalf("blocks %+v: want %s then German", blocks, lang)
			}
			tx := blocks[0]
			if (tx.Dir == "rtl") != (lang == "ar") {
				t.Errorf("dir %q", tx.Dir)
			}
			for _, k := range pageKeys {
				s, err := tx.T(k)
				if err != nil || s == "" {
					t.Errorf("%s: %q %v", k, s, err)
				}
				if lang != "de" && lang != "en" && s == german[k] && k != "label_landlord" {
					t.Errorf("%s is German in %s: %q", k, lang, s)
				}
			}
			for _, k := range []string{"page_final", "expired_text", "print_call"} {
				s, err := tx.T(k, "Phone", "02331 207-0")
				if err != nil || !strings.Contains(s, "02331 207-0") {
					t.Errorf("%s: %q %v", k, s, err)
				}
			}
			if s, err := tx.T("recorded_when", "Date", "X", "Time", "10:00"); err != nil || !strings.Contains(s, "10:00") {
				t.Errorf("recorded_when: %q %v", s, err)
			}
			if d, err := tx.Date(start); err != nil || !strings.Contains(d, "2026") || !strings.Contains(d, "14") {
				t.Errorf("date %q %v", d, err)
			}
			if r, err := tx.TimeRange(start, start.Add(30*time.Minute)); err != nil || !strings.Contains(r, "10:00") || !strings.Contains(r, "10:30") {
				t.Errorf("time range %q %v", r, err)
			}
			if _, err := tx.T("no_such_key"); err == nil {
				t.Error("an unknown key translated without error")
			}
		})
	}
	if tx := c.Texts("xx"); tx.Lang != "de" || tx.Label != "Deutsch" {
		t.Errorf("unsupported language: %+v", tx)
	}
	if blocks := c.ApplicantTexts("fa"); len(blocks) != 1 || blocks[0].Lang != "de" {
		t.Errorf("unsupported household language: %+v", blocks)
	}
}
