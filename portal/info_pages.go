package portal

import "github.com/gofiber/fiber/v2"

type infoText struct {
	Title      string
	Paragraphs []string
}

var accessibilityStatement = infoText{"Erklärung zur Barrierefreiheit", []string{
	"Die Stadt Hagen ist bemüht, die Wohnbrücke im Einklang mit dem Behindertengleichstellungsgesetz NRW und der Barrierefreie-Informationstechnik-Verordnung NRW (BITV NRW) barrierefrei zugänglich zu machen. Maßstab ist WCAG 2.1 in der Stufe AA.",
	"Die Seiten funktionieren ohne JavaScript, lassen sich vollständig mit der Tastatur bedienen, sind auf 320 Pixel Breite und bei 200 % Vergrößerung nutzbar und werden automatisiert mit axe-core geprüft.",
	"Haben Sie eine Barriere bemerkt? Schreiben Sie uns oder rufen Sie die Zentrale Fachstelle an; wir antworten innerhalb von sechs Wochen. Bleibt Ihre Rückmeldung ohne befriedigende Antwort, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes NRW wenden.",
}}

var privacyNotice = infoText{"Datenschutzhinweise", []string{
	"Die Wohnbrücke verarbeitet Daten von Wohnungssuchenden nur für die Vermittlung von Wohnraum und nur mit ihrer Einwilligung oder aufgrund einer gesetzlichen Grundlage (§ 35 SGB I, §§ 67 ff. SGB X).",
	"Vermieter*innen sehen nur ein pseudonymes Profil: Haushaltskennung, Zahl der Erwachsenen und Kinder, frühesten Einzug, Integrationszertifikat Wohnen und Wohnbegleitung. Gesundheitsdaten, Wohnungslosigkeit, Dringlichkeit, Herkunft und Sozialleistungen werden nie an Vermieter*innen weitergegeben; eine Direktzahlung der Miete wird nur mit Einwilligung des Haushalts angezeigt.",
	"Sechs Monate (einstellbar) nachdem ein Haushalt abgeschlossen oder versorgt ist, werden Namen, Kontaktdaten, Freitexte, Gesundheitshinweise und die Texte seiner E-Mails gelöscht. Gesundheitshinweise werden verschlüsselt gespeichert. Jeder Zugriff auf einen Haushalt wird protokolliert.",
	"Die ausführlichen Datenschutzhinweise für Wohnungssuchende auf Deutsch, Rumänisch, Bulgarisch und Englisch stehen unter /datenschutz/wohnungssuchende.",
}}

var imprint = infoText{"Impressum", []string{
	"Stadt Hagen, Fachbereich Integration, Zuwanderung und Wohnraumsicherung, Zentrale Fachstelle für Wohnraumsicherung und Wohnraumversorgung, Rathausstraße 11, 58095 Hagen.",
	"Die Stadt Hagen ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten durch den Oberbürgermeister.",
}}

func (p *Portal) infoPage(t infoText) fiber.Handler {
	return func(c *fiber.Ctx) error {
		return p.views.render(c, "static_page", p.page(c, t.Title, t))
	}
}
