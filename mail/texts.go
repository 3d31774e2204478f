package mail

import (
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Texts translates and formats applicant texts in one language for web pages (the
// applicant's link page and the printable invitation), from the same message files as
// the emails, so a page and its email say the same thing in the same words.
type Texts struct {
	// Lang is the language code ("ro"), Dir "ltr" or "rtl", Label the language's name in
	// itself ("Română").
	Lang, Dir, Label string
	b                block
}

// Texts returns the texts of a language; a language without message file gets German.
func (c *Composer) Texts(lang string) Texts {
	if !supported(lang) {
		lang = "de"
	}
	b := block{Lang: lang, Dir: "ltr", loc: i18n.NewLocalizer(c.bundle, lang), c: c}
	if rightToLeft(lang) {
		b.Dir = "rtl"
	}
	return Texts{Lang: lang, Dir: b.Dir, Label: languageLabel(lang), b: b}
}

// ApplicantTexts returns the texts for a household's language with German alongside:
// the household's language first, then German; German only for German or an
// unsupported language.
func (c *Composer) ApplicantTexts(lang string) []Texts {
	langs := applicantLanguages(lang)
	out := make([]Texts, len(langs))
	for i, l := range langs {
		out[i] = c.Texts(l)
	}
	return out
}

// T translates a message ID with alternating key/value data; a key missing in the
// language is an error.
func (t Texts) T(id string, kv ...any) (string, error) { return t.b.T(id, kv...) }

// Date formats the day of ts in Hagen in the language ("marți, 14 aprilie 2026").
func (t Texts) Date(ts time.Time) (string, error) { return t.b.Date(ts) }

// Clock formats the time of day of ts in Hagen ("14:30").
func (t Texts) Clock(ts time.Time) string { return t.b.Clock(ts) }

// TimeRange formats start to end in the language ("14:30 bis 15:00 Uhr").
func (t Texts) TimeRange(start, end time.Time) (string, error) { return t.b.TimeRange(start, end) }

// supported reports whether a language has a message file.
func supported(lang string) bool {
	for _, l := range Languages() {
		if l == lang {
			return true
		}
	}
	return false
}
