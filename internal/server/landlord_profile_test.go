package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"wohnbruecke/internal/clock"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// landlordFacts is what one channel (page, JSON, email) shows a landlord about a proposed
// household, each fact spelled the same way whatever the channel; "" is a fact not shown.
type landlordFacts struct {
	Reference        string
	Adults, Children string
	MoveIn           string // "01.05.2026" or "sofort"
	Certificate      string // the day it was passed
	Companion        string // "name | phone"
	DirectPayment    string // "ja"
	Contact          string // "first name | phone", for the viewing
}

// profileCase is one household of TestLandlordProfileSameEverywhere and the facts docs/design.md §2
// lets its landlord see.
type profileCase struct {
	name   string
	change func(h *domain.Household, today domain.Date)
	// certificate, companion and directPayment say whether the landlord may see them.
	certificate, companion, directPayment bool
}

// profileCases combines every consent combination (benefit × direct-payment consent ×
// disclosure consent none / given / revoked / revoked and given again) with the tracks
// (certificate passed, passed today, in the future; accompaniment active, ending today,
// ended, starting later; Fachstelle only; all three) in turn. Every household also has
// every field a landlord must never see; those without a Fachstelle case lose only the
// Fachstelle's fields (the schema allows them only with a case).
func profileCases() []profileCase {
	given := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	revoked := given.Add(40 * 24 * time.Hour)
	disclosures := []struct {
		name     string
		consents []domain.Consent
		shown    bool
	}{
		{"no disclosure consent", nil, false},
		{"disclosure consent", []domain.Consent{{Kind: "direct_payment_disclosure", GivenAt: given}}, true},
		{"disclosure consent revoked", []domain.Consent{{Kind: "direct_payment_disclosure", GivenAt: given, RevokedAt: &revoked}}, false},
		{"disclosure consent revoked and given again", []domain.Consent{{Kind: "direct_payment_disclosure", GivenAt: given, RevokedAt: &revoked},
			{Kind: "direct_payment_disclosure", GivenAt: revoked.Add(time.Hour)}}, true},
	}
	tracks := []struct {
		name                   string
		set                    func(h *domain.Household, today domain.Date)
		certificate, companion bool
	}{
		{"certificate passed, no Fachstelle", func(h *domain.Household, today domain.Date) {
			h.CertificatePassedOn = today.AddDays(-100)
			noFachstelle(h)
		}, true, false},
		{"certificate passed today", func(h *domain.Household, today domain.Date) { h.CertificatePassedOn = today }, true, false},
		{"certificate in ten days", func(h *domain.Household, today domain.Date) { h.CertificatePassedOn = today.AddDays(10) }, false, false},
		{"accompaniment active, no Fachstelle", func(h *domain.Household, today domain.Date) {
			h.AccompanimentFrom = today.AddDays(-30)
			noFachstelle(h)
		}, false, true},
		{"accompaniment ending today", func(h *domain.Household, today domain.Date) {
			h.AccompanimentFrom, h.AccompanimentUntil = today.AddDays(-30), today
		}, false, true},
		{"accompaniment ended", func(h *domain.Household, today domain.Date) {
			h.AccompanimentFrom, h.AccompanimentUntil = today.AddDays(-200), today.AddDays(-1)
		}, false, false},
		{"accompaniment starting in five days", func(h *domain.Household, today domain.Date) { h.AccompanimentFrom = today.AddDays(5) }, false, false},
		{"Fachstelle only", func(*domain.Household, domain.Date) {}, false, false},
		{"all three tracks", func(h *domain.Household, today domain.Date) {
			h.CertificatePassedOn, h.AccompanimentFrom = today.AddDays(-20), today.AddDays(-20)
		}, true, true},
	}
	var out []profileCase
	for _, benefit := range domain.Benefits.Values() {
		for _, consent := range []bool{false, true} {
			for _, d := range disclosures {
				tr := tracks[len(out)%len(tracks)]
				i := len(out)
				out = append(out, profileCase{
					name: fmt.Sprintf("%s, direct payment %v, %s, %s", benefit, consent, d.name, tr.name),
					change: func(h *domain.Household, today domain.Date) {
						h.CertificatePassedOn = 0
						tr.set(h, today)
						h.Benefit, h.DirectPaymentConsent = benefit, consent
						h.Consents = append([]domain.Consent{{Kind: "data_processing", GivenAt: given},
							{Kind: "health_data", GivenAt: given, RevokedAt: &revoked}}, d.consents...)
						h.CompanionName, h.CompanionPhone = "Elena Ionescu", "0176 22233"
						if i%3 == 0 {
							h.Members = []domain.HouseholdMember{{BirthYear: today.Year() - 40, Sex: "f"}, {BirthYear: today.Year() - 42, Sex: "m", Position: 1},
								{BirthYear: today.Year() - 17, Sex: "f", Position: 2}, {BirthYear: today.Year() - 9, Sex: "m", Position: 3}}
						}
						if i%4 != 0 {
							h.EarliestMoveIn = today.AddDays(14)
						}
					},
					certificate:   tr.certificate,
					companion:     tr.companion,
					directPayment: consent && (benefit == domain.BenefitSGB2 || benefit == domain.BenefitSGB12) && d.shown,
				})
			}
		}
	}
	return out
}

// TestLandlordProfileSameEverywhere approves each household of profileCases for its own
// flat and reads what the landlord learns about it from the three channels: the landlord's
// pages (the vacancy with its proposals and the proposal's decision page), the JSON API's
// match and the emails as the SMTP server received them (text and HTML part). After the
// approval and again after the household confirmed the viewing, all channels must show
// the same facts, exactly the ones docs/design.md §2 allows, and nothing of testutil.LandlordSecrets.
func TestLandlordProfileSameEverywhere(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		mailbox := testutil.StartMailbox(t, st)
		wf := workflow.New(st, ranking.New(st), workflow.WithMail(mailbox.Composer, "https://wohnbruecke.test"))
		landlord := testutil.NewClient(t, testutil.App(t, st))
		landlord.Login(users.Landlord.Email, testutil.Password)
		today := st.Today()
		for _, tc := range profileCases() {
			t.Run(tc.name, func(t *testing.T) {
				v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
				h := testutil.Household(t, st, func(h *domain.Household) {
					testutil.WithLandlordSecrets(h)
					tc.change(h, today)
				})
				approved, err := wf.Approve(ctx, domain.Actor{User: users.Staff},
					workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
				if err != nil {
					t.Fatal(err)
				}
				want := wantedFacts(h, tc, today, false)
				channels := landlordChannels(t, landlord, v.ID, approved.Match.ID)
				clk.Advance(workflow.ProposalWindow) // the landlord's message waits for more proposals
				addMailChannels(t, channels, mailbox.Deliver(t), users.Landlord.Email, "Neuer Vorschlag")
				checkChannels(t, "after the approval", channels, want, hiddenValues(h, want))

				if _, err := wf.Answer(ctx, domain.Applicant(approved.ApplicantToken), approved.ApplicantToken, workflow.AnswerConfirm); err != nil {
					t.Fatal(err)
				}
				want = wantedFacts(h, tc, today, true)
				channels = landlordChannels(t, landlord, v.ID, approved.Match.ID)
				addMailChannels(t, channels, mailbox.Deliver(t), users.Landlord.Email, "Besichtigung bestätigt")
				checkChannels(t, "after the confirmation", channels, want, hiddenValues(h, want))
			})
		}
	})
}

// noFachstelle takes the Fachstelle case and its fields off h.
func noFachstelle(h *domain.Household) {
	h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.HomelessSince = false, nil, nil, 0
}

// wantedFacts are the facts docs/design.md §2 lets the landlord see of h, as the case declares them.
func wantedFacts(h *domain.Household, tc profileCase, today domain.Date, confirmed bool) landlordFacts {
	adults := h.Adults(today.Year())
	f := landlordFacts{Reference: h.Reference, Adults: strconv.Itoa(adults), Children: strconv.Itoa(h.Persons() - adults),
		MoveIn: moveIn(h.EarliestMoveIn)}
	if tc.certificate {
		f.Certificate = h.CertificatePassedOn.String()
	}
	if tc.companion {
		f.Companion = h.CompanionName + " | " + h.CompanionPhone
	}
	if tc.directPayment {
		f.DirectPayment = "ja"
	}
	if confirmed {
		f.Contact = strings.Fields(h.ContactName)[0] + " | " + h.Phone
	}
	return f
}

// hiddenValues is what must not appear anywhere for h: its secrets and the values of the
// facts the landlord may not see (yet).
func hiddenValues(h *domain.Household, want landlordFacts) []string {
	out := testutil.LandlordSecrets(h)
	if want.Certificate == "" && !h.CertificatePassedOn.IsZero() {
		out = append(out, h.CertificatePassedOn.String(), h.CertificatePassedOn.ISO())
	}
	if want.Companion == "" {
		out = append(out, h.CompanionName, h.CompanionPhone)
	}
	if want.DirectPayment == "" {
		out = append(out, "Direktzahlung", "direct_payment\":true")
	}
	if want.Contact == "" {
		out = append(out, h.Phone, strings.Fields(h.ContactName)[0])
	}
	return out
}

func moveIn(d domain.Date) string {
	if d.IsZero() {
		return "sofort"
	}
	return d.String()
}

// channel is one rendering the landlord receives: its whole text and the facts read from it.
type channel struct {
	body  string
	facts landlordFacts
}

// landlordChannels reads the landlord's two pages and the API's match.
func landlordChannels(t *testing.T, c *testutil.Client, vacancyID, matchID int64) map[string]channel {
	t.Helper()
	out := map[string]channel{}
	for name, path := range map[string]string{
		"vacancy page":  fmt.Sprintf("/vermieter/angebote/%d", vacancyID),
		"proposal page": fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", vacancyID, matchID),
	} {
		r := c.Get(path)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: status %d", path, r.Status)
		}
		out[name] = channel{r.Body, pageFacts(t, name, r.Body)}
	}
	r := c.Get(fmt.Sprintf("/api/v1/matches/%d", matchID))
	if r.Status != http.StatusOK {
		t.Fatalf("API match: status %d: %s", r.Status, r.Body)
	}
	out["API"] = channel{r.Body, apiFacts(t, r.Body)}
	return out
}

// addMailChannels adds the one landlord email whose subject starts with subject, as text
// and as HTML, and checks that no other email went to the landlord.
func addMailChannels(t *testing.T, channels map[string]channel, delivered []testutil.Delivered, to, subject string) {
	t.Helper()
	var found []testutil.Delivered
	for _, m := range delivered {
		if m.To == to {
			found = append(found, m)
		}
	}
	if len(found) != 1 || !strings.HasPrefix(found[0].Subject, subject) {
		t.Fatalf("want one email %q to the landlord, got %d: %v", subject, len(found), found)
	}
	m := found[0]
	channels["email text"] = channel{m.Subject + "\n" + m.Text, mailTextFacts(t, m.Text)}
	channels["email HTML"] = channel{m.HTML, mailHTMLFacts(t, m.HTML)}
}

// checkChannels compares each channel's facts with want and looks for hidden values in
// each channel's whole text.
func checkChannels(t *testing.T, when string, channels map[string]channel, want landlordFacts, hidden []string) {
	t.Helper()
	for name, ch := range channels {
		if ch.facts != want {
			t.Errorf("%s, %s shows\n %+v\nwant\n %+v", when, name, ch.facts, want)
		}
		for _, s := range hidden {
			if strings.Contains(ch.body, s) {
				t.Errorf("%s, %s shows %q", when, name, s)
			}
		}
	}
}

// factSetter records one labelled value of a profile as the fact it stands for.
type factSetter func(f *landlordFacts, value string)

// Each channel's labels of the profile, and how to read their values.
var (
	pageLabels = map[string]factSetter{
		"Haushaltskennung": func(f *landlordFacts, v string) { f.Reference = v },
		"Personen": func(f *landlordFacts, v string) {
			adults, children, _ := strings.Cut(v, " Erwachsene, ")
			f.Adults, f.Children = adults, strings.TrimSuffix(children, " Kinder")
		},
		"Frühester Einzug":              func(f *landlordFacts, v string) { f.MoveIn = v },
		"Integrationszertifikat Wohnen": func(f *landlordFacts, v string) { f.Certificate = yesAfter(v, "ja, seit ") },
		"Wohnbegleitung":                func(f *landlordFacts, v string) { f.Companion = withPhone(yesAfter(v, "ja: ")) },
		"Miete": func(f *landlordFacts, v string) {
			f.DirectPayment = strings.Replace(v, "durch Direktzahlung an Vermieter*in gesichert", "ja", 1)
		},
		"Kontakt für die Besichtigung": func(f *landlordFacts, v string) { f.Contact = withPhone(v) },
	}
	mailLabels = map[string]factSetter{
		"Haushalt":   func(f *landlordFacts, v string) { f.Reference = v },
		"Erwachsene": func(f *landlordFacts, v string) { f.Adults = v },
		"Kinder":     func(f *landlordFacts, v string) { f.Children = v },
		"Erwachsene / Kinder": func(f *landlordFacts, v string) {
			f.Adults, f.Children, _ = strings.Cut(v, " / ")
		},
		"Frühester Einzug":                    pageLabels["Frühester Einzug"],
		"Integrationszertifikat Wohnen":       pageLabels["Integrationszertifikat Wohnen"],
		"Wohnbegleitung „Klartext“":           func(f *landlordFacts, v string) { f.Companion = withPhone(yesAfter(v, "ja, ")) },
		"Miete über Direktzahlung gesichert":  func(f *landlordFacts, v string) { f.DirectPayment = v },
		"Ansprechperson für die Besichtigung": pageLabels["Kontakt für die Besichtigung"],
	}
)

// readFacts turns label–value pairs into facts; a label the channel does not know is an error,
// so a new line in a profile cannot slip past the comparison.
func readFacts(t *testing.T, channel string, labels map[string]factSetter, pairs [][2]string) landlordFacts {
	t.Helper()
	var f landlordFacts
	for _, p := range pairs {
		set, ok := labels[p[0]]
		if !ok {
			t.Errorf("%s shows an unknown fact %q: %q", channel, p[0], p[1])
			continue
		}
		set(&f, p[1])
	}
	return f
}

var (
	factsList    = regexp.MustCompile(`(?s)<dl class="facts">(.*?)</dl>`)
	factPair     = regexp.MustCompile(`(?s)<dt>(.*?)</dt>\s*<dd>(.*?)</dd>`)
	mailHTMLPair = regexp.MustCompile(`(?s)<p[^>]*><strong>([^<]*)</strong><br>(.*?)</p>`)
	tags         = regexp.MustCompile(`<[^>]*>`)
)

// pageFacts reads the profile list of a landlord page; it must hold exactly one.
func pageFacts(t *testing.T, name, body string) landlordFacts {
	t.Helper()
	var pairs [][2]string
	lists := 0
	for _, l := range factsList.FindAllStringSubmatch(body, -1) {
		if strings.Contains(l[1], "Haushaltskennung") {
			lists++
			for _, p := range factPair.FindAllStringSubmatch(l[1], -1) {
				pairs = append(pairs, [2]string{text(p[1]), text(p[2])})
			}
		}
	}
	if lists != 1 {
		t.Errorf("%s has %d household profiles, want 1", name, lists)
	}
	return readFacts(t, name, pageLabels, pairs)
}

// apiFacts reads the profile of the API's match; any value present counts as shown, so a
// companion's phone without accompaniment would show as a difference, and a field the test
// does not know is an error.
func apiFacts(t *testing.T, body string) landlordFacts {
	t.Helper()
	var m struct {
		Profile map[string]any `json:"profile"`
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil || m.Profile == nil {
		t.Fatalf("API match without profile (%v): %s", err, body)
	}
	p := m.Profile
	str := func(key string) string {
		v, _ := p[key].(string)
		delete(p, key)
		return v
	}
	yes := func(key string) bool {
		v, _ := p[key].(bool)
		delete(p, key)
		return v
	}
	date := func(key string) domain.Date {
		if raw := p[key]; raw == nil {
			delete(p, key)
			return 0
		}
		d, err := domain.ParseDate(str(key))
		if err != nil {
			t.Errorf("API profile %s: %v", key, err)
		}
		return d
	}
	count := func(key string) string {
		v := fmt.Sprint(p[key])
		delete(p, key)
		return v
	}
	f := landlordFacts{Reference: str("reference"), Adults: count("adults"), Children: count("children"),
		MoveIn: moveIn(date("earliest_move_in"))}
	if on, shown := date("certificate_on"), yes("certificate"); shown || !on.IsZero() {
		f.Certificate = on.String()
		if !shown {
			f.Certificate += " (certificate: false)"
		}
	}
	if name, phone, shown := str("companion_name"), str("companion_phone"), yes("accompaniment"); shown || name != "" || phone != "" {
		f.Companion = name + " | " + phone
	}
	if yes("direct_payment") {
		f.DirectPayment = "ja"
	}
	if name, phone := str("contact_first_name"), str("contact_phone"); name != "" || phone != "" {
		f.Contact = name + " | " + phone
	}
	// Mietführerschein: an issued, checked certificate (the households here have typed-in
	// ones, so any of these would differ from the page and fail the comparison).
	if yes("certificate_verified") || !date("certificate_valid_until").IsZero() || str("certificate_verify_path") != "" {
		f.Certificate += " (geprüft)"
	}
	for key, v := range p {
		t.Errorf("API profile has a field the test does not know: %s = %v", key, v)
	}
	return f
}

// mailTextFacts reads the "Label: value" lines of the profile in a landlord email's text.
func mailTextFacts(t *testing.T, body string) landlordFacts {
	t.Helper()
	body = strings.ReplaceAll(body, "\r\n", "\n")
	start := strings.Index(body, "\nHaushalt: ")
	if start < 0 {
		t.Fatalf("email text without profile:\n%s", body)
	}
	block, _, _ := strings.Cut(body[start+1:], "\n\n")
	var pairs [][2]string
	for _, line := range strings.Split(block, "\n") {
		label, value, _ := strings.Cut(line, ": ")
		pairs = append(pairs, [2]string{label, value})
	}
	return readFacts(t, "email text", mailLabels, pairs)
}

// mailHTMLFacts reads the profile box of a landlord email's HTML.
func mailHTMLFacts(t *testing.T, body string) landlordFacts {
	t.Helper()
	start := strings.Index(body, "<strong>Haushalt</strong>")
	if start < 0 {
		t.Fatalf("email HTML without profile:\n%s", body)
	}
	box, _, _ := strings.Cut(body[strings.LastIndex(body[:start], "<p"):], "</table>")
	var pairs [][2]string
	for _, p := range mailHTMLPair.FindAllStringSubmatch(box, -1) {
		pairs = append(pairs, [2]string{text(p[1]), text(strings.ReplaceAll(p[2], "<br>", ", "))})
	}
	return readFacts(t, "email HTML", mailLabels, pairs)
}

// text is an HTML fragment as a reader sees it.
func text(fragment string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(fragment, ""))), " ")
}

// yesAfter is "" for "nein" and otherwise what follows the prefix of a "ja" answer.
func yesAfter(value, prefix string) string {
	if value == "nein" {
		return ""
	}
	if rest, ok := strings.CutPrefix(value, prefix); ok {
		return rest
	}
	return "unreadable: " + value
}

// withPhone turns "name, Telefon 0123" into "name | 0123".
func withPhone(value string) string {
	if value == "" {
		return ""
	}
	name, phone, _ := strings.Cut(value, ", Telefon ")
	return name + " | " + phone
}
