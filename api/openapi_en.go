package api

import (
	"fmt"
	"sort"
	"strings"
)

// The German federal API guidelines ask for documentation in German and English. German
// stays the first language (the portal's and the messages' language); addEnglish gives
// every operation, tag, shared parameter, response, header, security scheme and component
// schema an English part after the German one. What it has no English for stays German, and
// the Spectral ruleset (tools/spectral/ruleset.yaml, api/spectral_test.go) fails on it, so a
// new operation cannot ship without it. Field descriptions are German (their English names
// speak).

// en is the English summary and description of one operation.
type en struct{ summary, desc string }

var englishOps = map[string]en{
	"getOpenAPI":            {"This document", "The API's OpenAPI document. Roles: everyone, also without signing in."},
	"getMe":                 {"Signed-in account", "Checks the credentials; sessions receive the CSRF token."},
	"listHouseholds":        {"List households", "Filtered, in id order, a page at a time with a cursor."},
	"createHousehold":       {"Register a household", "Creates a household with a reference and a lottery number. Caseworkers register their own households."},
	"getHousehold":          {"Read a household", "Opening a household is written to the audit log."},
	"updateHousehold":       {"Change a household", "JSON Merge Patch (RFC 7396) on the changeable fields; null removes a section (e.g. wbs). Validated as on creation."},
	"pauseHousehold":        {"Pause a household", "With a reason and an end date; paused households do not appear in rankings. The reason is reason, as for every action (paused_reason is its deprecated former name)."},
	"resumeHousehold":       {"End a pause", "The household is active again. A body with reason is optional."},
	"markHouseholdHoused":   {"Mark as housed", "Open matches are withdrawn. A body with reason is optional."},
	"closeHousehold":        {"Close a household", "Open matches are withdrawn. A body with reason is optional."},
	"listLandlords":         {"List landlords", "All cooperating landlords, in id order, a page at a time with a cursor."},
	"createLandlord":        {"Invite a landlord", "Creates the landlord, its first account (activated by an email link) and an unsigned cooperation agreement with a contact person."},
	"getLandlord":           {"Read a landlord", "With the current cooperation agreement."},
	"signLandlordAgreement": {"Sign the cooperation agreement", "The landlord signs its own agreement; staff record one signed on paper."},
	"activateLandlord":      {"Activate a landlord", "Accounts with a password become active. Body optional. An active landlord answers 409 landlord_already_active."},
	"blockLandlord":         {"Block a landlord", "The accounts become inactive; the landlord is told the reason. Body optional."},
	"listVacancies":         {"List vacancies", "Landlords see their own, staff all; in id order, a page at a time with a cursor. Without slots (see getVacancy)."},
	"createVacancy":         {"Create a vacancy", "As a draft; staff name landlord_id and create vacancies on a landlord's behalf."},
	"getVacancy":            {"Read a vacancy", "With its viewing slots."},
	"updateVacancy":         {"Change a draft", "JSON Merge Patch (RFC 7396) on the fields of a draft; any other state answers 409 not_a_draft."},
	"submitVacancy":         {"Submit a vacancy", "Needs a signed agreement and a slot in the future."},
	"publishVacancy":        {"Publish a vacancy", "A submitted vacancy is released for placement."},
	"withdrawVacancy":       {"Withdraw a vacancy", "Open matches end, viewings are cancelled."},
	"createSlot":            {"Create a viewing slot", "Date, times (Hagen time), meeting point and number of households."},
	"deleteSlot":            {"Delete a viewing slot", "Only slots without a booked household."},
	"getVacancyRanking":     {"Ranking of a vacancy", "The eligible households with points per component, a page at a time (limit, cursor); the excluded are counted per reason, and listed with their reasons only when excluded_limit asks for them. ETag and If-None-Match (304). Any vacancy can be ranked, a draft or a submitted one too (a preview for staff); matches can be approved only for published vacancies."},
	"getVacancyRankingPair": {"Ranking of one household for a vacancy", "Rank, or every failed rule with its message, and each score component with the facts it read."},
	"getAllocation":         {"Allocation proposal", "Most places first, then the highest total score, over all published vacancies."},
	"listMatches":           {"List matches", "Filtered by state, vacancy or household; each role sees only its own. Each item carries its current viewing."},
	"approveMatch":          {"Approve a match", "Approves a ranked household for a vacancy into a viewing slot, in one transaction. A slot taken meanwhile answers 409 slot_full, a household with another running match 409 household_has_active_match, an ineligible household 422 household_not_eligible with the rule codes in reasons."},
	"getMatch":              {"Read a match", "Landlords see only the pseudonymous profile."},
	"recordMatchOutcome":    {"Outcome of the viewing", "Accepted, rejected (with a reason) or no-show."},
	"signMatchLease":        {"Lease signed", "The household is housed; its other open matches end."},
	"withdrawMatch":         {"Withdraw a match", "The viewing is cancelled, the slot freed; household, companion and landlord are told the reason. Body optional."},
	"listViewings":          {"List viewings", "Viewings by vacancy, slot, day or state, in id order, a page at a time with a cursor; each role sees the viewings of the matches it sees (landlords: their own vacancies, caseworkers: their own households)."},
	"getViewing":            {"Read a viewing", "With its match."},
	"rescheduleViewing":     {"Reschedule a viewing", "Into another slot of the same vacancy."},
	"cancelViewing":         {"Cancel a viewing", "Staff decision: the match is withdrawn, the slot freed; household, companion and landlord are told the reason. Body optional."},
	"getEquity":             {"Equity report", "Per focus group and track: share of the eligible pool against shares of proposals, viewings and placements, success rate, days to placement, refusals, departures from the ranking order; landlords and quotas; for a period [from, to)."},
	// Tenancy phase (docs/design.md §8).
	"listTenancies":      {"List tenancies", "Staff and admins see all, caseworkers the tenancies they accompany, landlords those in their own flats (landlord's view, without the visit log); in id order, a page at a time with a cursor."},
	"getTenancy":         {"Read a tenancy", "Start, flat, companion, the landlord's contact person, end and end reason."},
	"endTenancy":         {"End a tenancy", "With the end date and a reason from the catalogue; kept the placed flat and stably housed are separate facts."},
	"listVisits":         {"List the visit log", "Contacts of the Wohnbegleitung in a tenancy, in id order, a page at a time with a cursor; never for landlords."},
	"createVisit":        {"Record a contact", "Only the companion records date, kind, duration, language, topics and a short note."},
	"listTenancyReports": {"List a tenancy's reports", "The landlord's reports (Meldungen) with their status, without the thread; in id order, a page at a time with a cursor."},
	"createReport":       {"File a report", "A landlord reports about its own running tenancy: category, text, urgency; the contact person and the companion are told by email."},
	"getReport":          {"Read a report", "With its thread of replies, status and response target."},
	"replyToReport":      {"Reply to a report", "The landlord and the city's side write in the report's thread."},
	"setReportStatus":    {"Change a report's status", "Staff, admins and the companion: eingegangen, in Bearbeitung, erledigt."},
	// Mietführerschein.
	"listCourses":       {"List courses", "Mietführerschein courses with their status, sessions and places; in id order, a page at a time with a cursor."},
	"createCourse":      {"Plan a course", "Title, languages, interpreters, capacity, trainers and sessions."},
	"getCourse":         {"Read a course", "With sessions, participants, attendance and exam results."},
	"enrolParticipant":  {"Enrol a participant", "A member of a household by its reference, or a person without a household record; the waiting list when the course is full."},
	"listCertificates":  {"List certificates", "Issued certificates with number, validity and state; in id order, a page at a time with a cursor."},
	"revokeCertificate": {"Revoke a certificate", "With a reason; written to the audit log."},
	"verifyCertificate": {"Verify a certificate", "Public, without login, throttled: only the state (valid, expired, revoked), issue and expiry date and the holder's initials."},
	// Follow-ups of the tenancy phase.
	"listFollowUps":  {"List follow-ups", "Follow-ups at 3, 6, 12 and 24 months, due or recorded; caseworkers see those of the tenancies they accompany; in id order, a page at a time with a cursor."},
	"getFollowUp":    {"Read a follow-up", "Its due day, its tenancy and what was recorded."},
	"recordFollowUp": {"Record a follow-up", "Still in the flat, housed elsewhere, or lost it (with the reason); housed elsewhere or lost it ends a running tenancy."},
	"getStats":       {"Figures", "Placements per month, duration, conversion, quotas and waiting households for a period [from, to)."},
}

// germanAdditions are German sentences the contract adds to operations described elsewhere.
var germanAdditions = map[string]string{
	"getVacancyRanking": "Jedes Angebot lässt sich ranken, auch ein Entwurf oder ein eingereichtes (Vorschau für die Wohnraumakquise); freigeben lässt sich nur für veröffentlichte Angebote.",
	"approveMatch":      "Die Codes: 409 slot_full (Termin ausgebucht), 409 household_has_active_match (anderer laufender Vorschlag), 409 already_proposed, 422 household_not_eligible (mit den Regelcodes in reasons).",
	"activateLandlord":  "Eine schon freigeschaltete Vermieter*in ergibt 409 landlord_already_active.",
	"updateVacancy":     "Ein Angebot in einem anderen Zustand ergibt 409 not_a_draft.",
}

var englishTags = map[string]string{
	"Konto": "The signed-in account.", "Haushalte": "Households of the programmes (staff, Fachstelle and caseworkers only).",
	"Vermieter": "Cooperating landlords and their cooperation agreement.", "Wohnungsangebote": "Vacancies with viewing slots.",
	"Rangliste": "Ranking and allocation proposal.", "Vorschläge": "Matches from approval to the lease.",
	"Besichtigungen": "Viewings of a match.", "Statistik": "Figures of the statistics page.",
	"Mietverhältnisse": "The tenancy phase: tenancies, the visit log and the landlords' reports.",
	"Mietführerschein": "Courses, participants, certificates and their public verification.",
	"Nachsorge":        "Follow-ups of the tenancies after 3, 6, 12 and 24 months.",
}

var englishComponents = map[string]map[string]string{
	"parameters": {
		"id": "Id of the record.", "cursor": "Value next_cursor of the previous page (opaque).",
		"limit":          "Items per page (1–200, default 50); 0 or more than 200 answers 400 invalid_query with fields.limit.",
		"idempotencyKey": "Any unique key (1–255 characters), e.g. a UUID. A repetition with the same key returns the first answer.",
	},
	"responses": {
		"BadRequest":           "Malformed request: invalid JSON (with line and column), unknown field, wrong type, invalid parameter (named in fields).",
		"Unauthorized":         "Not signed in, or the access token is invalid, expired or revoked.",
		"Forbidden":            "The role may not perform this action (or the CSRF token is missing for sessions).",
		"NotFound":             "Record not found, or not visible to this role (e.g. another landlord's vacancy).",
		"Conflict":             "The record's state does not allow the action; error.code says why (e.g. slot_full, household_has_active_match, not_a_draft, landlord_already_active, state_changed), see the enum of error.code.",
		"TooLarge":             "Request larger than 1 MiB.",
		"UnsupportedMediaType": "The body is not JSON (Content-Type application/json expected).",
		"Unprocessable":        "Invalid input: fields names one German message per field (JSON path); household_not_eligible lists the failed rules in reasons; or an Idempotency-Key reused with another body.",
		"TooManyRequests":      "Too many requests.",
		"Unavailable":          "The database is temporarily unavailable (code database_unavailable, header Retry-After); retry later.",
	},
	"headers": {
		"Location":           "Address of the new record.",
		"IdempotentReplayed": "true when the answer repeats the first answer to this Idempotency-Key.",
	},
	"securitySchemes": {
		"bearer":  "Named access token, created by an administrator under /verwaltung/tokens (role, account, expiry). Every change is logged with the token's name.",
		"session": "The portal's session (browsers); with https the cookie is named __Host-wb_session. Changing requests also need the header X-CSRF-Token with csrf_token from GET /api/v1/me.",
	},
}

// germanResponses replace shared response descriptions that the contract makes more precise.
var germanResponses = map[string]string{
	"Conflict":      "Der Zustand des Datensatzes erlaubt die Aktion nicht; error.code sagt, warum (z. B. slot_full, household_has_active_match, not_a_draft, landlord_already_active, state_changed), siehe die Aufzählung von error.code.",
	"Unprocessable": "Angaben ungültig: fields nennt je Feld (JSON-Pfad) eine deutsche Meldung; household_not_eligible nennt die nicht erfüllten Regeln in reasons; oder Idempotency-Key mit anderem Inhalt wiederverwendet.",
}

// bi joins the German and the English text.
func bi(de, en string) string { return strings.TrimSpace(de) + "\n\nEnglish: " + en }

// addEnglish gives the document its English parts and returns what it had none for.
func addEnglish(doc obj) []string {
	info := doc["info"].(obj)
	info["description"] = bi(info["description"].(string), "JSON API of the Wohnbrücke (City of Hagen) for the systems of the Fachstelle, the Jobcenter and housing companies. "+
		"The same rules and roles apply as in the portal. Errors always have the form {\"error\": {\"code\", \"message\", \"fields\"}}: programs act on code (the enum of error.code lists every code), "+
		"message is German for people. POST requests may carry an Idempotency-Key: a repetition with the same key and body returns the first answer (header Idempotent-Replayed: true) instead of creating the record twice; keys are kept for 24 hours. "+
		"Every list takes limit (1–200, default 50) and cursor and answers items in id order with next_cursor. Renamed codes keep their former name as a deprecated alias for one minor version.")
	info["summary"] = info["summary"].(string) + " / Households, vacancies, matches and viewings of the Wohnbrücke Hagen."
	info["contact"] = obj{"name": "Stadt Hagen, Wohnraumakquise", "url": "https://www.hagen.de"}
	var missing []string
	for path, item := range doc["paths"].(obj) {
		for method, o := range item.(obj) {
			op := o.(obj)
			id, _ := op["operationId"].(string)
			e, ok := englishOps[id]
			if !ok {
				missing = append(missing, fmt.Sprintf("%s %s (%s)", method, path, id))
				continue
			}
			desc := op["description"].(string)
			if add := germanAdditions[id]; add != "" {
				desc = strings.Replace(desc, " Rollen:", " "+add+" Rollen:", 1)
			}
			op["summary"] = op["summary"].(string) + " / " + e.summary
			op["description"] = bi(desc, e.desc+englishRoles(desc))
		}
	}
	for _, t := range doc["tags"].([]any) {
		tag := t.(obj)
		e, ok := englishTags[tag["name"].(string)]
		if !ok {
			missing = append(missing, "tag "+tag["name"].(string))
			continue
		}
		tag["description"] = bi(tag["description"].(string), e)
	}
	comps := doc["components"].(obj)
	for kind, texts := range englishComponents {
		for name, c := range comps[kind].(obj) {
			e, ok := texts[name]
			if !ok {
				missing = append(missing, kind+" "+name)
				continue
			}
			de := c.(obj)["description"].(string)
			if kind == "responses" && germanResponses[name] != "" {
				de = germanResponses[name]
			}
			c.(obj)["description"] = bi(de, e)
		}
	}
	for name, sc := range comps["schemas"].(obj) {
		e, ok := englishSchemas[name]
		desc, isText := sc.(obj)["description"].(string)
		if !ok || !isText {
			missing = append(missing, "schema "+name)
			continue
		}
		sc.(obj)["description"] = bi(desc, e)
	}
	sort.Strings(missing)
	return missing
}

var englishSchemas = map[string]string{
	// Tenancy phase and Mietführerschein.
	"FollowUp": "A follow-up of a tenancy.", "FollowUpList": "A page of follow-ups.", "FollowUpRecord": "What a follow-up found.",
	"Tenancy": "A tenancy (from the lease to its end).", "TenancyList": "A page of tenancies.", "TenancyEnd": "The end of a tenancy.",
	"Visit": "A contact of the Wohnbegleitung.", "VisitList": "A page of contacts.", "VisitInput": "A contact to record.",
	"Report": "A landlord's report with its thread.", "ReportList": "A page of a tenancy's reports.", "ReportInput": "A report to file.",
	"ReportReply": "A reply in a report's thread.", "ReplyInput": "A reply to write.", "ReportStatusInput": "The new status of a report.",
	"Course": "A Mietführerschein course.", "CourseList": "A page of courses.", "CourseListItem": "A course in the list.",
	"CourseDetail": "A course with sessions, participants and results.", "CourseInput": "A course to plan.",
	"CourseSession": "A session of a course.", "CourseParticipant": "A participant of a course.", "EnrolInput": "A person to enrol.",
	"ExamResult": "An exam attempt's result.", "IssuedCertificate": "An issued certificate.", "IssuedCertificateList": "A page of certificates.",
	"RevokeRequest":           "The reason for revoking a certificate.",
	"CertificateVerification": "What the public verification shows: state, issue and expiry date, the holder's initials.",
	"Accompaniment":           "Klartext accompaniment (Wohnbegleitung).", "ActivateRequest": "Activation.",
	"Agreement": "The current cooperation agreement „Wohnen“.", "AgreementSign": "Signature of the cooperation agreement.",
	"Allocation": "Allocation proposal over all published vacancies.", "ApproveRequest": "Approval of a ranked household into a slot.",
	"BlockReason": "Optional reason for the audit log and the messages to those affected.", "Certificate": "Integrationszertifikat Wohnen (tenancy certificate).",
	"Error": "The one error shape of the API.", "Fachstelle": "Case of the Zentrale Fachstelle („Endlich ein ZUHAUSE!“).",
	"Household": "A household with all its data (never for landlords).", "HouseholdInput": "A household as case systems send it. At least one track (certificate, accompaniment, fachstelle) is needed.",
	"HouseholdPage": "A page of the household list.", "HouseholdPatch": "Merge patch on the changeable fields of a household; name only the fields to change, null removes a section.",
	"HouseholdRow": "A row of the household list.", "Landlord": "A cooperating landlord.", "LandlordCreate": "Invitation of a landlord.",
	"LandlordList": "A page of landlords.", "Match": "A match (Vorschlag).", "MatchPage": "A page of matches.", "Me": "The signed-in account.",
	"Member": "A household member; the numbers of adults and children follow from the members.", "Needs": "Needs and wishes.",
	"OpenAPIDocument": "An OpenAPI 3.1 document.", "OutcomeRequest": "Outcome after the viewing.", "PauseRequest": "Pause of a household.",
	"Profile": "Pseudonymous profile for landlords (docs/design.md §2).", "Equity": "Equity report for a period (docs/design.md §10.1).", "Ranking": "Ranking of a vacancy.", "RankingPair": "Ranking of one household for a vacancy, with every rule and component explained.",
	"ReasonCode":    "Stable code of an exclusion reason (a hard rule, docs/design.md §4.1); the German text above names each rule.",
	"ReasonRequest": "Optional reason for the audit log.", "RescheduleRequest": "New slot.", "Slot": "A viewing slot.",
	"SlotInput": "A new viewing slot (Hagen local time).", "Stats": "Figures for the period.", "Vacancy": "A vacancy (Wohnungsangebot).",
	"VacancyCreate": "A new vacancy (draft).", "VacancyList": "A page of vacancies.", "VacancyPatch": "Merge patch on the fields of a draft.",
	"Viewing": "A viewing.", "ViewingDetail": "A viewing with its match.", "ViewingPage": "A page of viewings.",
	"ViewingRow": "A viewing in the list, with its vacancy and match.", "WBS": "Wohnberechtigungsschein (housing entitlement certificate).",
	"WithdrawReason": "Optional reason for the audit log and the messages to those affected.",
}

// englishRoles renders the German "Rollen: …." of an operation in English.
func englishRoles(desc string) string {
	_, roles, ok := strings.Cut(desc, " Rollen: ")
	if !ok || strings.HasPrefix(roles, "alle") {
		return ""
	}
	r := strings.NewReplacer("(nur eigene Haushalte)", "(own households only)", "(nur eigene Angebote)", "(own vacancies only)",
		"(nur eigene)", "(own only)")
	return " Roles: " + r.Replace(roles)
}
