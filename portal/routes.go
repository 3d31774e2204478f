package portal

import (
	"io/fs"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// viewNames are all pages the handlers render; New checks that each exists.
var viewNames = []string{
	"login", "error", "static_page", "households_list", "household_form", "household_show",
	"vacancy_ranking", "staff_vacancies", "staff_vacancy", "pipeline", "allocation", "statistics", "outbox", "outbox_message", "admin_policy", "admin_audit", "admin_user_new",
	"home_landlord", "home_staff", "home_caseworker", "home_admin", "api_tokens",
	"vacancies", "vacancy", "vacancy_form", "outcome", "agreement", "agreement_print", "colleagues",
	"set_password", "reset_request", "register", "staff_landlords", "staff_invite",
	"applicant", "invitation_print", "landlord_profile", "staff_landlord", "admin_user", "confirm",
	// fairness
	"approve_reason", "equity", "household_explanation",
	// Tenancy phase.
	"tenancies", "tenancy", "report", "reports", "landlord_tenancies", "landlord_tenancy", "landlord_report",
	// Mietführerschein
	"courses", "course_form", "course", "certificate_print", "certificate_verify", "course_invitation_print",
	// Follow-ups, satisfaction check, early warnings, tenancy statistics.
	"follow_ups", "follow_up", "satisfaction", "early_warnings", "tenancy_statistics",
}

// Routes registers every portal route.
func (p *Portal) Routes(app *fiber.App) {
	static, _ := fs.Sub(staticFS, "static")
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static), MaxAge: 3600}))

	app.Get("/", p.root)
	app.Get("/login", p.loginForm)
	app.Post("/login", p.login)
	app.Post("/logout", p.logout)
	app.Get("/barrierefreiheit", p.infoPage(accessibilityStatement))
	app.Get("/datenschutz", p.infoPage(privacyNotice))
	app.Get("/datenschutz/wohnungssuchende", p.applicantPrivacyNotice) // privacy, issue 15
	app.Get("/impressum", p.infoPage(imprint))
	app.Get("/registrieren", p.registerForm)
	app.Post("/registrieren", p.register)
	app.Get("/einladung/:token", p.passwordLinkForm("invite"))
	app.Post("/einladung/:token", p.passwordLinkSubmit("invite"))
	app.Get("/passwort-vergessen", p.resetRequestForm)
	app.Post("/passwort-vergessen", p.resetRequest)
	app.Get("/passwort-neu/:token", p.passwordLinkForm("reset"))
	app.Post("/passwort-neu/:token", p.passwordLinkSubmit("reset"))

	// The household's answer to a viewing invitation through the link in its email (no
	// login): the page shows the viewing; only the POST of a button answers, so mail
	// scanners that open links answer nothing. Staff print the invitation for households
	// without email.
	app.Get("/besichtigung/:token", p.applicantPage)
	app.Post("/besichtigung/:token", p.applicantAnswer)
	// The household's caseworker prints and hands over too (her households only).
	printers := web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleCaseworker)
	app.Get("/arbeitsbereich/vorschlaege/:id/einladung", printers, p.invitationPrint)
	app.Post("/arbeitsbereich/vorschlaege/:id/einladung/uebergeben", printers, p.invitationHandOver)

	landlord := app.Group("/vermieter", web.RequireRole(domain.RoleLandlord), p.landlordFrame)
	landlord.Get("/", p.landlordHome)
	landlord.Get("/angebote", p.vacancyList)
	landlord.Get("/angebote/neu", p.newVacancyForm)
	landlord.Post("/angebote/neu", p.createVacancy)
	landlord.Get("/angebote/:id", p.vacancyDetail)
	landlord.Get("/angebote/:id/bearbeiten", p.editVacancyForm)
	landlord.Post("/angebote/:id/bearbeiten", p.updateVacancy)
	landlord.Post("/angebote/:id/kopieren", p.duplicateVacancy)
	landlord.Post("/angebote/:id/einreichen", p.submitVacancy)
	landlord.Post("/angebote/:id/zurueckziehen", p.vacancyAction(withdrawVacancy, "Das Wohnungsangebot ist zurückgezogen."))
	landlord.Post("/angebote/:id/vermietet", p.vacancyAction(markVacancyLet, "Das Wohnungsangebot ist als vermietet markiert."))
	landlord.Post("/angebote/:id/termine", p.addSlot)
	landlord.Post("/angebote/:id/termine/:slot/loeschen", p.removeSlot)
	landlord.Get("/angebote/:id/vorschlaege/:match", p.outcomeForm)
	landlord.Post("/angebote/:id/vorschlaege/:match", p.recordOutcome)
	landlord.Get("/vereinbarung", p.agreement)
	landlord.Post("/vereinbarung", p.signAgreement)
	landlord.Get("/vereinbarung/druck", p.agreementPrint)
	landlord.Get("/kolleginnen", p.colleagues)
	landlord.Post("/kolleginnen", p.inviteColleague)
	landlord.Get("/profil", p.landlordProfile)
	landlord.Post("/profil", p.landlordProfileSave)
	// Tenancy phase: the landlord's tenancies and reports (Meldungen).
	landlord.Get("/mietverhaeltnisse", p.landlordTenancies)
	landlord.Get("/mietverhaeltnisse/:id", p.landlordTenancy)
	landlord.Post("/mietverhaeltnisse/:id/meldungen", p.landlordReportFile)
	landlord.Get("/meldungen/:id", p.landlordReport)
	landlord.Post("/meldungen/:id/antwort", p.landlordReportReply)

	staff := app.Group("/arbeitsbereich", web.RequireRole(domain.RoleStaff, domain.RoleAdmin))
	staff.Get("/", p.staffHome)
	staff.Get("/vermieter", p.staffLandlords)
	staff.Get("/vermieter/einladen", p.staffInviteForm)
	staff.Post("/vermieter/einladen", p.staffInvite)
	staff.Get("/vermieter/:id", p.staffLandlord)
	staff.Post("/vermieter/:id/freischalten", p.staffActivateLandlord)
	staff.Get("/vermieter/:id/sperren", p.confirmForm(blockLandlord))
	staff.Post("/vermieter/:id/sperren", p.confirmSubmit(blockLandlord))
	staff.Get("/angebote", p.staffVacancies)
	staff.Get("/angebote/:id", p.staffVacancy)
	staff.Post("/angebote/:id/pruefung", p.vacancyReview)
	staff.Get("/angebote/:id/rangliste", p.vacancyRanking)
	staff.Post("/angebote/:id/freigabe", p.vacancyApprove)
	staff.Get("/vorschlaege", p.pipeline)
	staff.Get("/verteilung", p.allocation)
	staff.Get("/statistik", p.statistics)
	staff.Get("/postausgang", p.outbox)
	staff.Get("/postausgang/:id", p.outboxMessage)
	staff.Post("/postausgang/:id/erneut", p.outboxRetry)
	app.Get("/arbeitsbereich/statistik.csv", web.RequireRole(domain.RoleStaff, domain.RoleAdmin), p.statisticsCSV)
	// fairness: equity dashboard
	staff.Get("/fairness", p.equity)
	app.Get("/arbeitsbereich/fairness.csv", web.RequireRole(domain.RoleStaff, domain.RoleAdmin), p.equityCSV)
	// Data protection (issue 15, branch privacy)
	staff.Get("/haushalte/:id/auskunft", p.subjectAccess)
	staff.Get("/haushalte/:id/auskunft.json", p.subjectAccessJSON)
	staff.Get("/zaehlungen", p.statutoryPage)
	staff.Get("/aufbewahrung", p.retentionPage)
	app.Get("/arbeitsbereich/zaehlungen.csv", web.RequireRole(domain.RoleStaff, domain.RoleAdmin), p.statutoryCSV)
	staff.Post("/vorschlaege/:id", p.matchAction)
	staff.Get("/vorschlaege/:id/zurueckziehen", p.confirmForm(withdrawMatch))
	staff.Post("/vorschlaege/:id/zurueckziehen", p.confirmSubmit(withdrawMatch))
	staff.Get("/vorschlaege/:id/absagen", p.confirmForm(cancelViewing))
	staff.Post("/vorschlaege/:id/absagen", p.confirmSubmit(cancelViewing))

	hh := app.Group("/haushalte", web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleCaseworker))
	hh.Get("/", p.householdsList)
	hh.Post("/", p.householdCreate)
	hh.Get("/neu", p.householdNew)
	hh.Get("/:id", p.householdShow)
	hh.Get("/:id/bearbeiten", p.householdEdit)
	hh.Post("/:id", p.householdUpdate)
	hh.Post("/:id/status", p.householdStatus)
	hh.Get("/:id/abschliessen", p.confirmForm(closeHousehold))
	hh.Post("/:id/abschliessen", p.confirmSubmit(closeHousehold))
	hh.Get("/:id/erklaerung/:match", p.householdExplanation) // fairness: Art. 22 explanation

	// Tenancy phase for the city's side: staff and admins every tenancy, a caseworker those
	// she accompanies (the service decides).
	team := web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleCaseworker)
	app.Get("/mietverhaeltnisse", team, p.tenancyList)
	app.Get("/mietverhaeltnisse/:id", team, p.tenancyShow)
	app.Post("/mietverhaeltnisse/:id/kontakte", team, p.tenancyVisit)
	app.Post("/mietverhaeltnisse/:id/rhythmus", team, p.tenancyRhythm)
	app.Post("/mietverhaeltnisse/:id/ende", team, p.tenancyEnd)
	app.Get("/meldungen", team, p.reportList)
	app.Get("/meldungen/:id", team, p.reportShow)
	app.Post("/meldungen/:id/antwort", team, p.reportReply)
	app.Post("/meldungen/:id/status", team, p.reportStatus)

	caseworker := app.Group("/begleitung", web.RequireRole(domain.RoleCaseworker))
	caseworker.Get("/", p.caseworkerHome)

	// Follow-ups (Nachsorge) of the tenancy phase: staff, admins and caseworkers (their own
	// households and the tenancies they accompany); the landlord's satisfaction check through
	// the link in its mail (no login; only the POST answers); early warnings and the tenancy
	// statistics for staff.
	nachsorge := app.Group("/nachsorge", web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleCaseworker))
	nachsorge.Get("/", p.followUps)
	nachsorge.Get("/:id", p.followUp)
	nachsorge.Post("/:id", p.followUpRecord)
	app.Get("/zufriedenheit/:token", p.satisfactionForm)
	app.Post("/zufriedenheit/:token", p.satisfactionAnswer)
	staff.Get("/fruehwarnungen", p.earlyWarnings)
	staff.Get("/statistik/mietverhaeltnisse", p.tenancyStatistics)
	app.Get("/arbeitsbereich/statistik/mietverhaeltnisse.csv", web.RequireRole(domain.RoleStaff, domain.RoleAdmin), p.tenancyStatisticsCSV)

	admin := app.Group("/verwaltung", web.RequireRole(domain.RoleAdmin))
	admin.Get("/", p.adminHome)
	admin.Get("/benutzer/neu", p.adminUserNew)
	admin.Post("/benutzer", p.adminUserCreate)
	admin.Get("/benutzer/:id", p.adminUser)
	admin.Post("/benutzer/:id/:action", p.adminUserAction)
	admin.Get("/gewichtung", p.adminPolicy)
	admin.Post("/gewichtung", p.adminPolicySave)
	admin.Post("/gewichtung/simulation", p.adminPolicySimulate) // fairness: policy simulator
	admin.Get("/protokoll", p.adminAudit)
	admin.Get("/tokens", p.tokensList)
	admin.Post("/tokens", p.tokenCreate)
	admin.Post("/tokens/:id/widerrufen", p.tokenRevoke)

	// Mietführerschein: the Quartiersmanagement (caseworker accounts with the course
	// permission), staff and admins; the service checks Actor.CanManageCourses. The
	// verification page is public (no login) and throttled.
	app.Get("/zertifikat/:number", p.certificateVerify)
	kurse := app.Group("/kurse", web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleCaseworker))
	kurse.Get("/", p.courseList)
	kurse.Get("/neu", p.courseNew)
	kurse.Post("/", p.courseCreate)
	kurse.Get("/zertifikate/:cert", p.certificatePrint)
	kurse.Get("/zertifikate/:cert/qr.png", p.certificateQR)
	kurse.Get("/:id", p.courseShow)
	kurse.Post("/:id/termine", p.courseAction(addCourseSession))
	kurse.Post("/:id/status", p.courseAction(moveCourse))
	kurse.Post("/:id/teilnehmende", p.courseAction(enrolParticipant))
	kurse.Post("/:id/pruefung", p.courseAction(setCourseExam))
	kurse.Post("/:id/termine/:session/anwesenheit", p.courseAction(setAttendance))
	kurse.Post("/:id/teilnehmende/:participant/ergebnis", p.courseAction(recordExam))
	kurse.Post("/:id/teilnehmende/:participant/haushalt", p.courseAction(linkParticipant))
	kurse.Get("/:id/teilnehmende/:participant/einladung", p.courseInvitationPrint)
	kurse.Post("/:id/zertifikate/:cert/widerrufen", p.courseAction(revokeCertificate))
}

// root sends signed-in users to their start page and everyone else to the login.
func (p *Portal) root(c *fiber.Ctx) error {
	if u := web.CurrentUser(c); u != nil {
		return c.Redirect(web.StartPath(u.Role), fiber.StatusSeeOther)
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}
