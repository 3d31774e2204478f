package demo

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

var (
	firstNamesRO = []string{"Ana", "Ioana", "Mihai", "Andrei", "Elena", "Florin", "Maria", "Gheorghe"}
	firstNamesBG = []string{"Ivan", "Petya", "Georgi", "Maria", "Dimitar", "Elena", "Stoyan", "Radka"}
	firstNamesDE = []string{"Klaus", "Petra", "Michael", "Sandra", "Uwe", "Monika", "Dieter", "Anja"}
	firstNamesTR = []string{"Ayşe", "Mehmet", "Fatma", "Mustafa", "Emine", "Hasan"}
	firstNamesAR = []string{"Ahmad", "Fatima", "Mohammed", "Rasha", "Omar", "Layla"}
	firstNamesUK = []string{"Olena", "Andrii", "Iryna", "Oksana", "Serhii", "Natalia"}
	firstNamesPL = []string{"Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Magdalena"}
	lastNames    = map[domain.Language][]string{
		domain.LanguageRO: {"Popa", "Ionescu", "Dumitru", "Stan", "Stoica", "Constantin"},
		domain.LanguageBG: {"Ivanova", "Petrov", "Georgieva", "Dimitrov", "Stoyanov", "Nikolova"},
		domain.LanguageDE: {"Schmidt", "Müller", "Krüger", "Wagner", "Becker", "Hoffmann"},
		domain.LanguageTR: {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik"},
		domain.LanguageAR: {"Al-Hassan", "Haddad", "Khalil", "Nasser", "Saleh"},
		domain.LanguageUK: {"Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko"},
		domain.LanguagePL: {"Nowak", "Kowalska", "Wiśniewski", "Wójcik"},
	}
	firstNames = map[domain.Language][]string{domain.LanguageRO: firstNamesRO, domain.LanguageBG: firstNamesBG,
		domain.LanguageDE: firstNamesDE, domain.LanguageTR: firstNamesTR, domain.LanguageAR: firstNamesAR,
		domain.LanguageUK: firstNamesUK, domain.LanguagePL: firstNamesPL}
	nationality = map[domain.Language]string{domain.LanguageRO: "RO", domain.LanguageBG: "BG", domain.LanguageDE: "DE",
		domain.LanguageTR: "TR", domain.LanguageAR: "SY", domain.LanguageUK: "UA", domain.LanguagePL: "PL"}
	companions = []struct{ name, email, phone string }{
		{"Elena Popescu", "klartext@wohnbruecke.demo", "02331 207-3455"},
		{"Stefan Iliev", "s.iliev@klartext.demo", "02331 207-3457"},
		{"Miriam Koch", "m.koch@klartext.demo", "02331 207-3458"},
	}
)

// focusPlan spreads the households over the focus groups and tracks.
var focusPlan = []domain.FocusGroup{domain.FocusEU2Family, domain.FocusEU2Family, domain.FocusEU2Family,
	domain.FocusNone, domain.FocusNone, domain.FocusNone, domain.FocusNone, domain.FocusSeniorCare,
	domain.FocusMentalHealth, domain.FocusWomen, domain.FocusEU2Family, domain.FocusNone}

// households writes households number from to to-1; used holds the lottery numbers drawn.
func (g *generator) households(ctx context.Context, st *store.Store, from, to int, used map[int64]bool) error {
	for i := from; i < to; i++ {
		h := g.household(i)
		for used[h.LotteryNumber] {
			h.LotteryNumber = g.rng.Int64N(1 << 62)
		}
		used[h.LotteryNumber] = true
		if err := st.CreateHousehold(ctx, h); err != nil {
			return fmt.Errorf("household %d: %w", i, err)
		}
	}
	return nil
}

func (g *generator) household(i int) *domain.Household {
	focus := focusPlan[i%len(focusPlan)]
	lang := g.language(focus)
	h := &domain.Household{
		Reference:   fmt.Sprintf("HH-%d-%04d", g.today.Year()-i%3, 1000+i),
		Language:    lang,
		Nationality: nationality[lang],
		FocusGroup:  focus,
		Status:      domain.HouseholdActive,
		Benefit: pick(g, []domain.Benefit{domain.BenefitSGB2, domain.BenefitSGB2, domain.BenefitSGB2, domain.BenefitSGB2,
			domain.BenefitSGB12, domain.BenefitWohngeld, domain.BenefitNone, domain.BenefitNone}),
		RegisteredOn:  g.today.AddDays(-g.between(10, 1400)),
		LotteryNumber: g.rng.Int64N(1 << 62),
		Phone:         fmt.Sprintf("0157 %07d", g.rng.IntN(10_000_000)),
	}
	h.Members = g.members(focus)
	first := g.pick(firstNames[lang])
	if h.Members[0].Sex == domain.SexFemale && focus == domain.FocusWomen {
		first = g.pick([]string{"Sandra", "Petra", "Monika", "Anja", "Maria", "Elena"})
	}
	h.ContactName = first + " " + g.pick(lastNames[lang])
	if g.chance(0.55) {
		email := fmt.Sprintf("haushalt%04d@mail.demo", 1000+i)
		h.Email = &email
	}
	g.tracksFor(h, focus, lang)
	if focus == domain.FocusSeniorCare {
		h.Benefit = domain.BenefitSGB12
	}
	if h.Benefit == domain.BenefitSGB2 && g.chance(0.5) {
		h.DirectPaymentConsent = true
	}
	if g.chance(0.3) {
		h.WBSValidUntil = g.today.AddDays(g.between(-20, 360))
		persons := len(h.Members)
		if g.chance(0.1) && persons > 1 {
			persons--
		}
		h.WBSPersons = &persons
	}
	if h.Benefit == domain.BenefitNone || h.Benefit == domain.BenefitWohngeld {
		income := int64(g.between(14_000, 32_000)) * 100
		h.YearlyIncomeCents = &income
	}
	h.NeedsWheelchair = focus == domain.FocusSeniorCare && g.chance(0.3)
	h.NeedsStepFree = h.NeedsWheelchair || (focus == domain.FocusSeniorCare && g.chance(0.5)) || g.chance(0.04)
	h.HasPets = g.chance(0.12)
	boroughs := domain.Boroughs.Values()
	if g.chance(0.6) {
		h.PreferredBoroughs = domain.BoroughList{pick(g, boroughs)}
	}
	if g.chance(0.15) {
		ex := pick(g, boroughs)
		if !h.PreferredBoroughs.Contains(ex) {
			h.ExcludedBoroughs = domain.BoroughList{ex}
		}
	}
	if g.chance(0.5) {
		h.EarliestMoveIn = g.today.AddDays(g.between(0, 60))
	}
	switch {
	case i%37 == 5:
		h.Status, h.PausedReason, h.PausedUntil = domain.HouseholdPaused, "Klinikaufenthalt", g.today.AddDays(g.between(10, 60))
	case i%53 == 7:
		h.Status, h.LeftOn = domain.HouseholdHoused, g.today.AddDays(-(i % 200))
	}
	h.Consents = g.consents(h)
	return h
}

func (g *generator) language(focus domain.FocusGroup) domain.Language {
	switch focus {
	case domain.FocusEU2Family:
		return pick(g, []domain.Language{domain.LanguageRO, domain.LanguageRO, domain.LanguageBG})
	case domain.FocusSeniorCare, domain.FocusMentalHealth:
		return pick(g, []domain.Language{domain.LanguageDE, domain.LanguageDE, domain.LanguageDE, domain.LanguageTR, domain.LanguagePL})
	}
	return pick(g, []domain.Language{domain.LanguageDE, domain.LanguageDE, domain.LanguageRO, domain.LanguageBG,
		domain.LanguageTR, domain.LanguageAR, domain.LanguageUK, domain.LanguagePL})
}

func (g *generator) members(focus domain.FocusGroup) []domain.HouseholdMember {
	year := g.today.Year()
	adult := func(sex domain.Sex, minAge, maxAge int) domain.HouseholdMember {
		return domain.HouseholdMember{BirthYear: year - g.between(minAge, maxAge), Sex: sex}
	}
	f, m, d := domain.SexFemale, domain.SexMale, domain.SexDiverse
	sex := func() domain.Sex { return pick(g, []domain.Sex{f, m, m, f, f, m, d}) }
	child := func(maxAge int) domain.HouseholdMember {
		return domain.HouseholdMember{BirthYear: year - g.between(0, maxAge), Sex: pick(g, []domain.Sex{f, m})}
	}
	var ms []domain.HouseholdMember
	switch focus {
	case domain.FocusSeniorCare:
		ms = append(ms, adult(pick(g, []domain.Sex{m, m, f}), 60, 82))
	case domain.FocusMentalHealth:
		ms = append(ms, adult(sex(), 24, 60))
	case domain.FocusWomen:
		ms = append(ms, adult(f, 19, 55))
		for k := g.between(0, 2); k > 0; k-- {
			ms = append(ms, child(14))
		}
	case domain.FocusEU2Family:
		ms = append(ms, adult(f, 22, 45), adult(m, 22, 50))
		for k := g.between(1, 4); k > 0; k-- {
			ms = append(ms, child(17))
		}
	default:
		ms = append(ms, adult(sex(), 19, 70))
		if g.chance(0.4) {
			ms = append(ms, adult(sex(), 19, 70))
		}
		for k := g.between(0, 3); k > 0 && g.chance(0.5); k-- {
			ms = append(ms, child(17))
		}
	}
	for i := range ms {
		ms[i].Position = i
	}
	return ms
}

// demoUrgency is the urgency the demo gives a case of each emergency category.
var demoUrgency = map[domain.EmergencyCategory]domain.Urgency{domain.EmergencyStreet: domain.UrgencyVeryHigh,
	domain.EmergencySheltered: domain.UrgencyHigh, domain.EmergencyThreatened: domain.UrgencyMedium,
	domain.EmergencyUnbearable: domain.UrgencyLow}

// tracksFor gives every household at least one track: a certificate (mostly EU-2 families),
// an active Klartext accompaniment, or a Fachstelle case with category and urgency.
func (g *generator) tracksFor(h *domain.Household, focus domain.FocusGroup, lang domain.Language) {
	if (lang == domain.LanguageRO || lang == domain.LanguageBG) && g.chance(0.7) || g.chance(0.15) {
		h.CertificatePassedOn = g.today.AddDays(-g.between(20, 900))
		h.CertificateNumber = fmt.Sprintf("IZW-%d-%03d", h.CertificatePassedOn.Year(), g.between(1, 240))
	}
	if g.chance(0.35) || focus == domain.FocusEU2Family && g.chance(0.4) {
		h.AccompanimentFrom = g.today.AddDays(-g.between(10, 300))
		if g.chance(0.2) {
			h.AccompanimentUntil = g.today.AddDays(-g.between(1, 9))
		} else {
			h.AccompanimentUntil = g.today.AddDays(g.between(60, 365))
		}
		c := companions[g.rng.IntN(len(companions))]
		h.CompanionName, h.CompanionEmail, h.CompanionPhone = c.name, c.email, c.phone
		cw := g.caseworkers[0].ID
		h.CaseworkerID = &cw
	}
	if focus != domain.FocusNone && focus != domain.FocusEU2Family || g.chance(0.3) || (h.CertificatePassedOn == 0 && h.AccompanimentFrom == 0) {
		h.FachstelleCase = true
		cat := pick(g, []domain.EmergencyCategory{domain.EmergencyStreet, domain.EmergencySheltered, domain.EmergencySheltered,
			domain.EmergencyThreatened, domain.EmergencyThreatened, domain.EmergencyUnbearable})
		urgency := demoUrgency[cat]
		h.EmergencyCategory, h.Urgency = &cat, &urgency
		if cat == domain.EmergencyStreet || cat == domain.EmergencySheltered {
			h.HomelessSince = g.today.AddDays(-g.between(30, 2500))
		}
		if h.CaseworkerID == nil {
			cw := g.caseworkers[1].ID
			h.CaseworkerID = &cw
		}
	}
	if focus == domain.FocusMentalHealth {
		h.HealthNotes = "Anbindung an den Sozialpsychiatrischen Dienst; Medikation stabil."
	}
}

func (g *generator) consents(h *domain.Household) []domain.Consent {
	at := h.RegisteredOn.Time().Add(10 * time.Hour)
	cs := []domain.Consent{{Kind: domain.ConsentDataProcessing, GivenAt: at}, {Kind: domain.ConsentShareWithLandlord, GivenAt: at}}
	if h.DirectPaymentConsent {
		cs = append(cs, domain.Consent{Kind: domain.ConsentDirectPaymentDisclosure, GivenAt: at})
	}
	if h.HealthNotes != "" {
		cs = append(cs, domain.Consent{Kind: domain.ConsentHealthData, GivenAt: at})
	}
	if h.Email != nil {
		cs = append(cs, domain.Consent{Kind: domain.ConsentEmailContact, GivenAt: at})
	}
	return cs
}
