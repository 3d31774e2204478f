package mail

import (
	htmltemplate "html/template"
	"time"

	"wohnbruecke/internal/domain"

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
func (c *Composer) Texts(lang domain.Language) Texts {
	if !lang.Valid() {
		lang = domain.LanguageDE
	}
	b := block{Lang: string(lang), Dir: "ltr", loc: i18n.NewLocalizer(c.bundle, string(lang)), c: c}
	if lang.RightToLeft() {
		b.Dir = "rtl"
	}
	return Texts{Lang: b.Lang, Dir: b.Dir, Label: lang.Native(), b: b}
}

// ApplicantTexts returns the texts for a household's language with German alongside:
// the household's language first, then German; German only for German or an
// unsupported language.
func (c *Composer) ApplicantTexts(lang domain.Language) []Texts {
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

// TPhone translates a sentence with a {{.Phone}} placeholder for an HTML page; in a
// right-to-left language the number is isolated as <bdi dir="ltr"> so its digits keep their order.
func (t Texts) TPhone(id, phone string) (htmltemplate.HTML, error) { return t.b.TPhone(id, phone) }

// TelHTML isolates a phone number for an HTML page in a right-to-left language.
func (t Texts) TelHTML(phone string) htmltemplate.HTML { return t.b.TelHTML(phone) }
