package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"net/mail"
	"path"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/tmplfunc"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

//go:embed locales/*.toml
var localeFS embed.FS

// germanOnly is the language list of a message written in German only.
var germanOnly = []domain.Language{domain.LanguageDE}

// ComposerConfig holds what every message needs from the configuration.
type ComposerConfig struct {
	// MailFrom is the sender ("Wohnbrücke Hagen <wohnbruecke@hagen.de>"), also the
	// ORGANIZER of calendar invitations.
	MailFrom string
	// FachstellePhone is the number applicants call when they have no companion.
	FachstellePhone string
	// Now is the clock for DTSTAMP in calendar files (the store's clock; nil means
	// clock.System).
	Now clock.Clock
}

// Composer renders outbox messages from plain data. It parses every template and loads
// every locale file in NewComposer, so a broken template stops start-up instead of an
// approval. A Composer is safe for concurrent use.
type Composer struct {
	from   *mail.Address
	phone  string
	now    clock.Clock
	text   *texttemplate.Template
	html   *htmltemplate.Template
	bundle *i18n.Bundle
}

// NewComposer parses the embedded templates and message files.
func NewComposer(cfg ComposerConfig) (*Composer, error) {
	from, err := mail.ParseAddress(cfg.MailFrom)
	if err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %w", cfg.MailFrom, err)
	}
	c := &Composer{from: from, phone: cfg.FachstellePhone, now: orSystem(cfg.Now)}
	funcs := templateFuncs()
	if c.text, err = texttemplate.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.txt.tmpl"); err != nil {
		return nil, fmt.Errorf("mail: parse text templates: %w", err)
	}
	if c.html, err = htmltemplate.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html.tmpl"); err != nil {
		return nil, fmt.Errorf("mail: parse html templates: %w", err)
	}
	c.bundle = i18n.NewBundle(language.German)
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	// Every language of domain.Languages needs its file: applicant mail is written in them all.
	for _, lang := range domain.Languages.Values() {
		if _, err := c.bundle.LoadMessageFileFS(localeFS, path.Join("locales", string(lang)+".toml")); err != nil {
			return nil, fmt.Errorf("mail: load locale %s: %w", lang, err)
		}
	}
	for _, kind := range templateNames() {
		for _, name := range []string{kind + ".subject", kind + ".text"} {
			if c.text.Lookup(name) == nil {
				return nil, fmt.Errorf("mail: template %q is missing", name)
			}
		}
		if c.html.Lookup(kind+".html") == nil {
			return nil, fmt.Errorf("mail: template %q is missing", kind+".html")
		}
	}
	return c, nil
}

// templateFuncs are the helpers both template sets share.
func templateFuncs() map[string]any {
	return map[string]any{
		"clock":           func(t time.Time) string { return t.In(domain.Berlin).Format("15:04") },
		"kindLabel":       KindLabel,
		"matchStateLabel": func(s domain.MatchState) string { return s.Label() },
		// profileData hands a landlord profile to the profile partial with the helpers.
		"profileData": func(b block, p domain.LandlordProfile) profileView { return profileView{block: b, Profile: p} },
		"dict":        tmplfunc.Dict,
		"add":         func(a, b int) int { return a + b },
		// Tenancy phase.
		"reportCategoryLabel": func(c domain.ReportCategory) string { return c.Label() },
		"reportUrgencyLabel":  func(u domain.ReportUrgency) string { return u.Label() },
		"reportStatusLabel":   func(s domain.ReportStatus) string { return s.Label() },
	}
}

// profileView is the data of the landlord profile partial.
type profileView struct {
	block
	Profile domain.LandlordProfile
}

// LocaleKeys returns the message IDs of a locale file, for the completeness test and
// tools; it reads the embedded files, not the bundle, so a key missing in one file shows.
func LocaleKeys(lang domain.Language) ([]string, error) {
	data, err := fs.ReadFile(localeFS, path.Join("locales", string(lang)+".toml"))
	if err != nil {
		return nil, fmt.Errorf("mail: locale %s: %w", lang, err)
	}
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("mail: locale %s: %w", lang, err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys, nil
}

// applicantLanguages returns the languages of an applicant message: the household's
// language first (when supported and not German), then German.
func applicantLanguages(lang domain.Language) []domain.Language {
	if lang.Valid() && lang != domain.LanguageDE {
		return []domain.Language{lang, domain.LanguageDE}
	}
	return germanOnly
}

// block is the data of one language block of a message: the message's data plus the
// translation and formatting helpers for that language.
type block struct {
	Lang string
	Dir  string
	// Multilingual is true when other language blocks follow or precede this one.
	Multilingual bool
	D            any
	loc          *i18n.Localizer
	c            *Composer
}

// T translates a message ID with alternating key/value template data. A key missing in
// the language is an error, so a render test finds it.
func (b block) T(id string, kv ...any) (string, error) {
	if len(kv)%2 != 0 {
		return "", fmt.Errorf("mail: T %q: odd number of arguments", id)
	}
	data := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return "", fmt.Errorf("mail: T %q: key %v is not a string", id, kv[i])
		}
		data[k] = kv[i+1]
	}
	msg, tag, err := b.loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return "", fmt.Errorf("mail: message %q in %s: %w", id, b.Lang, err)
	}
	if tag.String() != b.Lang {
		return "", fmt.Errorf("mail: message %q missing in %s (found %s)", id, b.Lang, tag)
	}
	return msg, nil
}

// Date formats the day of t in Hagen in the block's language.
func (b block) Date(t time.Time) (string, error) {
	t = t.In(domain.Berlin)
	weekday, err := b.T(fmt.Sprintf("weekday_%d", int(t.Weekday())))
	if err != nil {
		return "", err
	}
	month, err := b.T(fmt.Sprintf("month_%d", int(t.Month())))
	if err != nil {
		return "", err
	}
	return b.T("date_format", "Weekday", weekday, "Day", t.Day(), "Month", month,
		"MonthNum", fmt.Sprintf("%02d", int(t.Month())), "Year", t.Year())
}

// Clock formats the time of day of t in Hagen ("14:30").
func (b block) Clock(t time.Time) string { return t.In(domain.Berlin).Format("15:04") }

// TimeRange formats start to end in the block's language ("14:30 bis 15:00 Uhr").
func (b block) TimeRange(start, end time.Time) (string, error) {
	return b.T("time_range", "Start", b.Clock(start), "End", b.Clock(end))
}

// GermanDate formats a day for German-only messages ("Dienstag, 14.04.2026").
func GermanDate(t time.Time) string {
	t = t.In(domain.Berlin)
	weekdays := [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	return weekdays[t.Weekday()] + ", " + t.Format("02.01.2006")
}

// GermanDateTime formats an instant for German-only messages ("Dienstag, 14.04.2026, 14:30 Uhr").
func GermanDateTime(t time.Time) string {
	return GermanDate(t) + ", " + t.In(domain.Berlin).Format("15:04") + " Uhr"
}

// Helpers for German-only templates, reachable as methods on the block.

// DE formats a day in German (see GermanDate).
func (b block) DE(t time.Time) string { return GermanDate(t) }

// DEDateTime formats an instant in German (see GermanDateTime).
func (b block) DEDateTime(t time.Time) string { return GermanDateTime(t) }

// DEDay formats a domain.Date in German ("01.05.2026"), or "–" when unset.
func (b block) DEDay(d domain.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.Time().Format("02.01.2006")
}

// Phone is the number applicants call with questions: the companion's, else the
// Fachstelle's.
func (b block) Phone(companion *Contact) string {
	if companion != nil && companion.Phone != "" {
		return companion.Phone
	}
	return b.c.phone
}

// FlatFacts is the flat in one line in the block's language ("2 Zimmer, 54,00 m², 1. Etage").
func (b block) FlatFacts(f *Flat) (string, error) {
	var floor string
	var err error
	switch {
	case f.Floor == 0:
		floor, err = b.T("floor_ground")
	case f.Floor < 0:
		floor, err = b.T("floor_basement")
	default:
		floor, err = b.T("floor_n", "N", f.Floor)
	}
	if err != nil {
		return "", err
	}
	return b.T("flat_facts", "Rooms", f.Rooms, "Area", f.Area, "Floor", floor)
}

// ReasonText is why a viewing was called off, in the block's language: the catalogue entry
// (mail/locales "reason_<code>"), then staff's free text as written.
func (b block) ReasonText(r domain.Reason) (string, error) {
	note := strings.TrimSpace(r.Note)
	if r.Code == "" {
		return note, nil
	}
	label, err := b.T("reason_" + string(r.Code))
	if err != nil || note == "" {
		return label, err
	}
	return label + " – " + note, nil
}

// Tel isolates a phone number in plain text: in a right-to-left block the digits would
// otherwise be reordered with the text around them, so the number is wrapped in
// LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (U+2066, U+2069).
func (b block) Tel(phone string) string {
	if b.Dir != "rtl" || phone == "" {
		return phone
	}
	return "\u2066" + phone + "\u2069"
}

// TelHTML isolates a phone number in a right-to-left HTML block as <bdi dir="ltr">.
func (b block) TelHTML(phone string) htmltemplate.HTML {
	escaped := htmltemplate.HTMLEscapeString(phone)
	if b.Dir == "rtl" {
		escaped = `<bdi dir="ltr">` + escaped + `</bdi>`
	}
	return htmltemplate.HTML(escaped) //nolint:gosec // the number is escaped
}

// phoneMark stands for the phone number while a sentence is translated and escaped.
const phoneMark = "\uE000"

// TPhone translates a sentence with a {{.Phone}} placeholder for HTML: the sentence is
// escaped and the number inserted, isolated in right-to-left text (TelHTML).
func (b block) TPhone(id, phone string) (htmltemplate.HTML, error) {
	s, err := b.T(id, "Phone", phoneMark)
	if err != nil {
		return "", err
	}
	//nolint:gosec // the sentence is escaped, the number is escaped by TelHTML
	return htmltemplate.HTML(strings.ReplaceAll(htmltemplate.HTMLEscapeString(s), phoneMark, string(b.TelHTML(phone)))), nil
}

// rendered is a message's subject and bodies before it becomes an outbox row.
type rendered struct {
	Subject, Text, HTML string
	// bodyText and bodyHTML are the first language block without the layout, for copies.
	bodyText, bodyHTML string
}

// layoutBlock is one language block as the layouts see it.
type layoutBlock struct {
	Lang, Dir, Label string
	Text             string
	HTML             htmltemplate.HTML
}

// render executes the templates "<name>.subject", "<name>.text" and "<name>.html" once per
// language and wraps the blocks into the layouts. The first language's subject comes
// first; all subjects are joined with " / ".
func (c *Composer) render(name string, langs []domain.Language, data any) (rendered, error) {
	var (
		subjects []string
		blocks   []layoutBlock
	)
	for _, lang := range langs {
		b := block{Lang: string(lang), Dir: "ltr", Multilingual: len(langs) > 1, D: data,
			loc: i18n.NewLocalizer(c.bundle, string(lang)), c: c}
		if lang.RightToLeft() {
			b.Dir = "rtl"
		}
		var subj, text, html bytes.Buffer
		if err := c.text.ExecuteTemplate(&subj, name+".subject", b); err != nil {
			return rendered{}, fmt.Errorf("mail: render %s subject (%s): %w", name, lang, err)
		}
		if err := c.text.ExecuteTemplate(&text, name+".text", b); err != nil {
			return rendered{}, fmt.Errorf("mail: render %s text (%s): %w", name, lang, err)
		}
		if err := c.html.ExecuteTemplate(&html, name+".html", b); err != nil {
			return rendered{}, fmt.Errorf("mail: render %s html (%s): %w", name, lang, err)
		}
		subjects = append(subjects, strings.Join(strings.Fields(subj.String()), " "))
		blocks = append(blocks, layoutBlock{Lang: b.Lang, Dir: b.Dir, Label: lang.Native(),
			Text: strings.TrimSpace(text.String()),
			// The block was produced by html/template, so it is already escaped.
			HTML: htmltemplate.HTML(html.String())}) //nolint:gosec // trusted template output
	}
	layout := struct {
		Subject string
		Blocks  []layoutBlock
	}{Subject: strings.Join(subjects, " / "), Blocks: blocks}
	var text, html bytes.Buffer
	if err := c.text.ExecuteTemplate(&text, "layout.text", layout); err != nil {
		return rendered{}, fmt.Errorf("mail: render %s text layout: %w", name, err)
	}
	if err := c.html.ExecuteTemplate(&html, "layout.html", layout); err != nil {
		return rendered{}, fmt.Errorf("mail: render %s html layout: %w", name, err)
	}
	return rendered{Subject: layout.Subject, Text: normalizeText(text.String()), HTML: html.String(),
		bodyText: blocks[0].Text, bodyHTML: string(blocks[0].HTML)}, nil
}

// normalizeText trims trailing blanks and collapses runs of blank lines that template
// conditionals leave behind.
func normalizeText(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := true
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
