package portal

import (
	"fmt"

	"github.com/gofiber/fiber/v2"
)

// noticeSection is the privacy notice for applicants in one language.
type noticeSection struct {
	Lang, Title string
	Paragraphs  []string
}

// privacyNoticeSections is the privacy notice for applicants in German, Romanian,
// Bulgarian and English (docs/privacy.md describes it); months and days are the retention
// periods in force.
func privacyNoticeSections(months, statMonths, mailDays int) []noticeSection {
	return []noticeSection{
		{"de", "Datenschutzhinweise für Wohnungssuchende", []string{
			"Verantwortlich ist die Stadt Hagen, Fachbereich Integration, Zuwanderung und Wohnraumsicherung (Zentrale Fachstelle), Rathausstraße 11, 58095 Hagen. Die behördliche Datenschutzbeauftragte erreichen Sie über dieselbe Anschrift.",
			"Wir verarbeiten Ihre Angaben, um Ihnen eine Wohnung zu vermitteln: Namen und Kontaktdaten, Personen im Haushalt, Einkommen und Sozialleistung, Wohnberechtigungsschein, Integrationszertifikat Wohnen, Wohnbegleitung und, wenn Sie ein Fall der Fachstelle sind, Ihre Wohnsituation. Grundlage sind Ihre Einwilligung und die Aufgaben der Stadt (§ 35 SGB I, §§ 67 ff. SGB X, Art. 6 Abs. 1 Buchst. a und e DSGVO).",
			"Hinweise zu Ihrer Gesundheit speichern wir nur mit Ihrer ausdrücklichen Einwilligung (Art. 9 Abs. 2 Buchst. a DSGVO). Sie werden verschlüsselt gespeichert; lesen können sie nur die Wohnraumakquise der Stadt und Ihre Wohnbegleitung, und jedes Lesen wird protokolliert.",
			"Vermieter*innen sehen nur ein Profil ohne Namen: Haushaltskennung, Zahl der Erwachsenen und Kinder, frühester Einzug, Zertifikat und Wohnbegleitung. Gesundheit, Wohnungslosigkeit, Dringlichkeit, Herkunft und Sozialleistungen erfahren sie nie; eine Direktzahlung der Miete nur mit Ihrer Einwilligung. Name und Kontakt erfahren sie erst, wenn Sie zu einer Besichtigung eingeladen sind. E-Mails verschickt ein von der Stadt beauftragter Mail-Dienst (Auftragsverarbeitung).",
			fmt.Sprintf("%d Monate nachdem Ihr Fall abgeschlossen ist oder Sie eine Wohnung gefunden haben, löschen wir Namen, Kontaktdaten, freie Texte, Gesundheitshinweise und die Texte der E-Mails; ohne Namen bleiben für die Statistik höchstens %d Monate Geburtsjahre, Geschlecht, Daten und Ergebnis. Texte versandter E-Mails löschen wir nach %d Tagen.", months, statMonths, mailDays),
			"Sie haben das Recht auf Auskunft über Ihre Daten (Art. 15 DSGVO), auf Berichtigung, Löschung und Einschränkung, auf Widerspruch und darauf, eine Einwilligung jederzeit für die Zukunft zu widerrufen. Sprechen Sie die Zentrale Fachstelle an. Sie können sich bei der Landesbeauftragten für Datenschutz und Informationsfreiheit NRW beschweren.",
		}},
		{"ro", "Informații privind protecția datelor pentru persoanele care caută locuință", []string{
			"Operatorul este orașul Hagen, departamentul Integrare, Imigrare și Asigurarea Locuințelor (Zentrale Fachstelle), Rathausstraße 11, 58095 Hagen. Responsabilul cu protecția datelor poate fi contactat la aceeași adresă.",
			"Folosim datele dumneavoastră pentru a vă găsi o locuință: nume și date de contact, persoanele din gospodărie, venituri și ajutoare sociale, certificatul WBS, certificatul „Integrationszertifikat Wohnen“, însoțirea și, dacă sunteți un caz al Fachstelle, situația locativă. Temeiul este consimțământul dumneavoastră și sarcinile orașului (art. 6 alin. 1 lit. a și e GDPR, § 35 SGB I, §§ 67 și urm. SGB X).",
			"Informațiile despre sănătate le păstrăm numai cu consimțământul dumneavoastră explicit (art. 9 alin. 2 lit. a GDPR). Ele sunt criptate; le pot citi doar angajații orașului și persoana care vă însoțește, iar fiecare citire este înregistrată.",
			"Proprietarii văd doar un profil fără nume: codul gospodăriei, numărul de adulți și copii, data cea mai devreme de mutare, certificatul și însoțirea. Nu află niciodată nimic despre sănătate, lipsa locuinței, urgență, origine sau ajutoare sociale; plata directă a chiriei doar cu consimțământul dumneavoastră. Numele și contactul le află doar când sunteți invitat(ă) la o vizionare. E-mailurile sunt trimise de un serviciu de e-mail mandatat de oraș.",
			fmt.Sprintf("La %d luni după încheierea cazului sau după ce ați găsit o locuință ștergem numele, datele de contact, textele libere, informațiile despre sănătate și textele e-mailurilor; fără nume rămân pentru statistică cel mult %d luni anul nașterii, sexul, datele și rezultatul. Textele e-mailurilor trimise le ștergem după %d zile.", months, statMonths, mailDays),
			"Aveți dreptul la informații despre datele dumneavoastră (art. 15 GDPR), la rectificare, ștergere și restricționare, la opoziție și la retragerea oricând a consimțământului. Adresați-vă Zentrale Fachstelle. Puteți depune o plângere la autoritatea de protecție a datelor din NRW.",
		}},
		{"bg", "Информация за защита на личните данни за търсещите жилище", []string{
			"Администратор е град Хаген, отдел „Интеграция, имиграция и осигуряване на жилища“ (Zentrale Fachstelle), Rathausstraße 11, 58095 Hagen. Длъжностното лице по защита на данните може да бъде потърсено на същия адрес.",
			"Използваме данните Ви, за да Ви намерим жилище: име и данни за контакт, членове на домакинството, доходи и социални помощи, удостоверение WBS, „Integrationszertifikat Wohnen“, придружаване и, ако сте случай на Fachstelle, жилищното Ви положение. Основанието е Вашето съгласие и задачите на града (чл. 6, пар. 1, букви а и д от ОРЗД, § 35 SGB I, § 67 и сл. SGB X).",
			"Информация за здравето Ви съхраняваме само с изричното Ви съгласие (чл. 9, пар. 2, буква а от ОРЗД). Тя се съхранява криптирана; могат да я четат само служителите на града и лицето, което Ви придружава, и всяко четене се записва.",
			"Наемодателите виждат само профил без име: код на домакинството, брой възрастни и деца, най-ранна дата на нанасяне, сертификат и придружаване. Те никога не научават за здраве, бездомност, спешност, произход или социални помощи; за директно плащане на наема – само с Вашето съгласие. Име и контакт научават едва когато сте поканени на оглед. Имейлите се изпращат от имейл услуга, възложена от града.",
			fmt.Sprintf("%d месеца след приключване на случая или след като сте намерили жилище изтриваме име, данни за контакт, свободни текстове, здравна информация и текстовете на имейлите; без име за статистиката остават най-много %d месеца година на раждане, пол, дати и резултат. Текстовете на изпратените имейли изтриваме след %d дни.", months, statMonths, mailDays),
			"Имате право на достъп до данните си (чл. 15 от ОРЗД), на коригиране, изтриване и ограничаване, на възражение и на оттегляне на съгласието по всяко време. Обърнете се към Zentrale Fachstelle. Можете да подадете жалба до органа за защита на данните на NRW.",
		}},
		{"en", "Privacy notice for people looking for a home", []string{
			"The controller is the City of Hagen, Department of Integration, Immigration and Housing Security (Zentrale Fachstelle), Rathausstraße 11, 58095 Hagen. The data protection officer can be reached at the same address.",
			"We use your details to find you a home: name and contact details, the people in your household, income and benefits, housing entitlement certificate (WBS), the „Integrationszertifikat Wohnen“, support by a companion and, if you are a Fachstelle case, your housing situation. The legal basis is your consent and the city's public tasks (Art. 6(1)(a) and (e) GDPR, § 35 SGB I, §§ 67 ff. SGB X).",
			"We keep notes about your health only with your explicit consent (Art. 9(2)(a) GDPR). They are stored encrypted; only the city's housing staff and your companion can read them, and every read is logged.",
			"Landlords only see a profile without your name: household reference, number of adults and children, earliest move-in, certificate and support. They never learn about health, homelessness, urgency, origin or benefits; about direct payment of the rent only with your consent. They learn your name and contact only once you are invited to a viewing. Emails are sent by a mail service the city has engaged (processor).",
			fmt.Sprintf("%d months after your case is closed or you have found a home we delete your name, contact details, free texts, health notes and the texts of emails; without names, birth years, sex, dates and the outcome stay for statistics for at most %d months. Texts of sent emails are deleted after %d days.", months, statMonths, mailDays),
			"You have the right of access to your data (Art. 15 GDPR), to rectification, erasure and restriction, to object, and to withdraw your consent at any time for the future. Please contact the Zentrale Fachstelle. You can complain to the data protection authority of North Rhine-Westphalia.",
		}},
	}
}

// applicantPrivacyNotice shows the privacy notice for applicants in four languages.
func (p *Portal) applicantPrivacyNotice(c *fiber.Ctx) error {
	r := p.privacy.Periods()
	return p.views.render(c, "privacy_notice", p.page(c, "Datenschutzhinweise für Wohnungssuchende",
		privacyNoticeSections(r.ContactMonths, r.StatisticsMonths, r.MailDays)))
}
