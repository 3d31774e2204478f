package api

import (
	"slices"

	"wohnbruecke/internal/domain"
)

// The Mietführerschein part of the OpenAPI document: courses, participants, certificates
// and the public verification.

const rolesCourses = "admin, staff, caseworker mit Kursberechtigung (Quartiersmanagement)"

func courseSchemas(s obj) {
	// The landlord's profile says whether the certificate is an issued, checked one.
	profile := s["Profile"].(obj)
	profile["properties"].(obj)["certificate_verified"] = boolean("Vom Portal ausgestellt und geprüft (Mietführerschein).", true)
	profile["properties"].(obj)["certificate_valid_until"] = nullable(date("Letzter gültiger Tag des geprüften Zertifikats.", "2028-02-12"))
	profile["properties"].(obj)["certificate_verify_path"] = str("Öffentliche Prüfung des Zertifikats (leer, wenn nicht geprüft).", "/zertifikat/7K3MQ2XD9PBWHT4R$")
	profile["required"] = append(slices.Clone(profile["required"].([]string)), "certificate_verified", "certificate_valid_until", "certificate_verify_path")

	states := optionValues(domain.CourseStatusOptions)
	course := obj{
		"id":                     integer("Kennung des Kurses.", 3),
		"title":                  str("Titel.", "Mietführerschein Frühjahr"),
		"languages":              array("Unterrichtssprachen.", enum("Sprache.", domain.Languages.Codes()), []string{"de", "ar"}),
		"interpreters":           str("Dolmetscher*innen (Namen).", "Ioana Marin"),
		"trainers":               str("Kursleitung (Namen).", "Petra Lenz"),
		"capacity":               integer("Plätze.", 12),
		"min_attendance_percent": integer("Mindestanwesenheit für die Prüfung in Prozent.", 75),
		"validity_months":        integer("Gültigkeit des Zertifikats in Monaten.", 24),
		"refresher":              boolean("Auffrischungskurs: Bestehen verlängert ein gültiges Zertifikat.", false),
		"status":                 enum("Status: "+labelsOf(domain.CourseStatusOptions)+".", states),
		"exam_on":                nullable(date("Prüfungstag.", "2026-03-24")),
		"resit_on":               nullable(date("Wiederholungsprüfung.", "2026-03-31")),
		"panel":                  str("Prüfungskommission (Namen).", "Petra Lenz, Murat Demir"),
	}
	s["Course"] = object("Ein Kurs des Mietführerscheins.", keys(course), course)
	item := merged(course, obj{
		"enrolled":   integer("Angemeldete (ohne Warteliste).", 10),
		"waitlisted": integer("Auf der Warteliste.", 2),
		"sessions":   integer("Zahl der Termine.", 6),
	})
	s["CourseListItem"] = object("Kurs mit Zahlen.", keys(item), item)
	s["CourseList"] = pageSchema("Eine Seite von Kursen.", "Kurse, nach Kennung geordnet.", "CourseListItem")
	session := obj{
		"id":        integer("Kennung des Termins.", 7),
		"starts_at": instant("Beginn.", "2026-03-03T17:00:00Z"),
		"ends_at":   instant("Ende.", "2026-03-03T19:00:00Z"),
		"place":     str("Ort.", "Stadtteilhaus Altenhagen"),
		"modules":   array("Module: "+labelsOfEnum(domain.CourseModules.Options())+".", enum("Modul.", domain.CourseModules.Codes()), []string{"house_rules", "waste"}),
	}
	s["CourseSession"] = object("Ein Termin des Kurses.", keys(session), session)
	result := obj{
		"attempt":   integer("1 = Prüfung, 2 = Wiederholung.", 1),
		"taken_on":  date("Tag der Prüfung.", "2026-03-24"),
		"written":   integer("Punkte schriftlicher Teil (0–20).", 15),
		"practical": integer("Punkte praktischer Teil (0–20).", 14),
		"oral":      integer("Punkte Gespräch (0–20).", 12),
		"total":     integer("Summe.", 41),
		"passed":    boolean("Bestanden (mindestens 36 Punkte und 8 je Teil).", true),
	}
	s["ExamResult"] = object("Ergebnis eines Versuchs.", keys(result), result)
	cert := obj{
		"id":             integer("Kennung des Zertifikats.", 5),
		"number":         str("Zertifikatsnummer (16 Zeichen Crockford-Base32 und ein Prüfzeichen).", "7K3MQ2XD9PBWHT4R$"),
		"holder_name":    str("Name der Inhaber*in.", "Ana Popa"),
		"household_id":   nullable(integer("Verknüpfter Haushalt.", 42)),
		"issued_on":      date("Ausgestellt am.", "2026-03-24"),
		"valid_until":    date("Letzter gültiger Tag.", "2028-03-23"),
		"state":          enum("Zustand heute: "+labelsOfEnum(domain.CertificateStates.Options())+".", domain.CertificateStates.Codes()),
		"revoked_reason": str("Grund des Widerrufs (leer, wenn nicht widerrufen).", ""),
		"verify_path":    str("Öffentliche Prüfadresse der API.", "/api/v1/certificates/verify/7K3MQ2XD9PBWHT4R$"),
	}
	s["IssuedCertificate"] = object("Ein ausgestelltes Integrationszertifikat Wohnen.", keys(cert), cert)
	s["IssuedCertificateList"] = pageSchema("Eine Seite von Zertifikaten.", "Zertifikate, nach Kennung geordnet.", "IssuedCertificate")
	participant := obj{
		"id":            integer("Kennung der Teilnahme.", 11),
		"name":          str("Name.", "Ana Popa"),
		"email":         str("E-Mail (leer: Einladungen werden ausgedruckt).", "ana@example.org"),
		"phone":         str("Telefon.", "0157 1234567"),
		"language":      enum("Sprache der Einladungen.", domain.Languages.Codes()),
		"household_id":  nullable(integer("Verknüpfter Haushalt (null: noch keiner).", 42)),
		"waitlisted":    boolean("Auf der Warteliste.", false),
		"attended":      integer("Besuchte Termine.", 5),
		"may_take_exam": boolean("Genug Anwesenheit für die Prüfung.", true),
		"results":       array("Prüfungsversuche.", ref("ExamResult", "Versuch."), []any{}),
		"certificate":   nullableRef("IssuedCertificate", "Ausgestelltes Zertifikat oder null."),
	}
	s["CourseParticipant"] = object("Eine angemeldete Person.", keys(participant), participant)
	detail := merged(course, obj{
		"sessions":     array("Termine.", ref("CourseSession", "Termin."), []any{}),
		"participants": array("Teilnehmende, Warteliste zuletzt.", ref("CourseParticipant", "Teilnahme."), []any{}),
	})
	s["CourseDetail"] = object("Kurs mit Terminen und Teilnehmenden.", keys(detail), detail)
	s["CourseInput"] = object("Neuer Kurs.", []string{"title", "languages", "capacity"}, obj{
		"title": course["title"], "languages": course["languages"], "interpreters": course["interpreters"], "trainers": course["trainers"],
		"capacity": course["capacity"], "min_attendance_percent": course["min_attendance_percent"],
		"validity_months": course["validity_months"], "refresher": course["refresher"],
	})
	s["EnrolInput"] = object("Person anmelden; ist der Kurs voll, kommt sie auf die Warteliste.", []string{"name", "language"}, obj{
		"name": participant["name"], "language": participant["language"], "email": participant["email"], "phone": participant["phone"],
		"household_reference": str("Haushaltskennung, wenn es den Haushalt schon gibt.", "HH-2026-0001"),
	})
	s["RevokeRequest"] = object("Widerruf mit Grund.", []string{"reason"}, obj{"reason": str("Grund (mindestens 5 Zeichen).", "Prüfung nicht selbst abgelegt")})
	verification := obj{
		"state":       cert["state"],
		"issued_on":   cert["issued_on"],
		"valid_until": cert["valid_until"],
		"initials":    str("Anfangsbuchstaben des Namens.", "A. P."),
	}
	s["CertificateVerification"] = object("Alles, was die öffentliche Prüfung sagt.", keys(verification), verification)
}

func coursePaths(add func(path, method string, o op), p obj) {
	w := []string{"NotFound", "Conflict", "Unprocessable"}
	add("/api/v1/courses", "get", op{id: "listCourses", tag: "Mietführerschein", summary: "Kurse auflisten", desc: "Alle Kurse mit Zahlen, nach Kennung geordnet, seitenweise mit Cursor.", roles: rolesCourses, params: pageParams, okStatus: "200", ok: "CourseList", errors: []string{"BadRequest"}})
	add("/api/v1/courses", "post", op{id: "createCourse", tag: "Mietführerschein", summary: "Kurs planen", desc: "Ein neuer Kurs im Status geplant.", roles: rolesCourses, body: "CourseInput", okStatus: "201", ok: "CourseDetail", errors: w})
	add("/api/v1/courses/{id}", "get", op{id: "getCourse", tag: "Mietführerschein", summary: "Kurs lesen", desc: "Mit Terminen, Teilnehmenden, Ergebnissen und Zertifikaten; keine Daten der Fachstelle.", roles: rolesCourses, params: []any{idParamRef}, okStatus: "200", ok: "CourseDetail", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/courses/{id}/participants", "post", op{id: "enrolParticipant", tag: "Mietführerschein", summary: "Person anmelden", desc: "Mit oder ohne Haushalt; ist der Kurs voll, auf die Warteliste.", roles: rolesCourses, params: []any{idParamRef}, body: "EnrolInput", okStatus: "201", ok: "CourseDetail", errors: w})
	add("/api/v1/certificates", "get", op{id: "listCertificates", tag: "Mietführerschein", summary: "Zertifikate auflisten", desc: "Alle ausgestellten Integrationszertifikate, nach Kennung geordnet, seitenweise mit Cursor.", roles: rolesCourses, params: pageParams, okStatus: "200", ok: "IssuedCertificateList", errors: []string{"BadRequest"}})
	add("/api/v1/certificates/{id}/revoke", "post", op{id: "revokeCertificate", tag: "Mietführerschein", summary: "Zertifikat widerrufen", desc: "Mit Grund (protokolliert); der Haushalt verliert die Grundlage.", roles: rolesCourses, params: []any{idParamRef}, body: "RevokeRequest", okStatus: "200", ok: "IssuedCertificate", errors: w})
	numberParam := obj{"name": "number", "in": "path", "required": true, "description": "Zertifikatsnummer (Bindestriche und Kleinbuchstaben erlaubt).",
		"schema": str("Nummer.", "7K3MQ2XD9PBWHT4R$")}
	add("/api/v1/certificates/verify/{number}", "get", op{id: "verifyCertificate", tag: "Mietführerschein", summary: "Zertifikat prüfen (öffentlich)",
		desc:  "Ohne Anmeldung: nur Zustand, Ausstellungsdatum, letzter gültiger Tag und Initialen. Höchstens 30 Prüfungen je Anschluss und Stunde (danach 429), falsche Nummern mitgezählt.",
		roles: "alle, auch ohne Anmeldung", params: []any{numberParam}, okStatus: "200", ok: "CertificateVerification", errors: []string{"NotFound"}})
	p["/api/v1/certificates/verify/{number}"].(obj)["get"].(obj)["security"] = []any{}
}

func labelsOf(opts []domain.Option) string { return labelsOfEnum(opts) }

func labelsOfEnum(opts []domain.Option) string {
	out := ""
	for i, o := range opts {
		if i > 0 {
			out += ", "
		}
		out += o.Value + " = " + o.Label
	}
	return out
}
