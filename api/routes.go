package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// Routes registers the operational endpoints and every /api/v1 route. Role guards here
// say who may call an endpoint at all; the services decide which records a caller reaches
// (a landlord only its own, a caseworker only its households: others answer 404).
func (a *API) Routes(app *fiber.App) {
	app.Get("/healthz", a.healthz)
	app.Get("/readyz", a.readyz)

	anyRole := web.RequireRole(domain.RoleAdmin, domain.RoleStaff, domain.RoleCaseworker, domain.RoleLandlord)
	staff := web.RequireRole(domain.RoleStaff, domain.RoleAdmin)
	households := web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleCaseworker)
	vacancies := web.RequireRole(domain.RoleStaff, domain.RoleAdmin, domain.RoleLandlord)

	v1 := app.Group("/api/v1")
	// apirank: API responses are compressed when the client accepts gzip, deflate or brotli.
	v1.Use(compress.New(compress.Config{Level: compress.LevelBestSpeed}))
	v1.Get("/openapi.json", a.openAPI)
	v1.Use(a.idempotency)
	v1.Get("/me", anyRole, a.me)

	v1.Get("/households", households, a.householdList)
	v1.Post("/households", households, a.householdCreate)
	v1.Get("/households/:id", households, a.householdShow)
	v1.Patch("/households/:id", households, a.householdPatch)
	v1.Post("/households/:id/pause", households, a.householdPause)
	v1.Post("/households/:id/resume", households, a.householdAction("resume"))
	v1.Post("/households/:id/housed", households, a.householdAction("housed"))
	v1.Post("/households/:id/close", households, a.householdAction("close"))

	v1.Get("/landlords", staff, a.landlordList)
	v1.Post("/landlords", staff, a.landlordCreate)
	v1.Get("/landlords/:id", vacancies, a.landlordShow)
	v1.Post("/landlords/:id/agreement", vacancies, a.landlordSign)
	v1.Post("/landlords/:id/activate", staff, a.landlordActivate)
	v1.Post("/landlords/:id/block", staff, a.landlordBlock)

	v1.Get("/vacancies", vacancies, a.vacancyList)
	v1.Post("/vacancies", vacancies, a.vacancyCreate)
	v1.Get("/vacancies/:id", vacancies, a.vacancyShow)
	v1.Patch("/vacancies/:id", vacancies, a.vacancyPatch)
	v1.Post("/vacancies/:id/submit", vacancies, a.vacancyStep(submitVacancy))
	v1.Post("/vacancies/:id/publish", staff, a.vacancyStep(publishVacancy))
	v1.Post("/vacancies/:id/withdraw", vacancies, a.vacancyStep(withdrawVacancy))
	v1.Post("/vacancies/:id/slots", vacancies, a.slotCreate)
	v1.Delete("/vacancies/:id/slots/:slot_id", vacancies, a.slotDelete)
	v1.Get("/vacancies/:id/ranking", staff, a.ranking)
	// apirank: one household's place in a vacancy's ranking, explained.
	v1.Get("/vacancies/:id/ranking/:household_id", staff, a.rankingPair)
	v1.Get("/allocation", staff, a.allocation)

	v1.Get("/matches", anyRole, a.matchList)
	v1.Post("/matches", staff, a.matchApprove)
	v1.Get("/matches/:id", anyRole, a.matchShow)
	v1.Post("/matches/:id/outcome", vacancies, a.matchOutcome)
	v1.Post("/matches/:id/lease", staff, a.matchLease)
	v1.Post("/matches/:id/withdraw", staff, a.matchWithdraw)

	// API contract (issue 16): the list of viewings.
	v1.Get("/viewings", anyRole, a.viewingList)
	v1.Get("/viewings/:id", anyRole, a.viewingShow)
	v1.Post("/viewings/:id/reschedule", staff, a.viewingReschedule)
	v1.Post("/viewings/:id/cancel", staff, a.viewingCancel)

	v1.Get("/stats", staff, a.statsReport)
	v1.Get("/stats/equity", staff, a.statsEquity) // fairness

	// Tenancy phase: the services decide which tenancies a caller reaches (a landlord its
	// own, a caseworker those she accompanies); visits never reach landlords.
	v1.Get("/tenancies", anyRole, a.tenancyList)
	v1.Get("/tenancies/:id", anyRole, a.tenancyShow)
	v1.Post("/tenancies/:id/end", households, a.tenancyEnd)
	v1.Get("/tenancies/:id/visits", households, a.visitList)
	v1.Post("/tenancies/:id/visits", households, a.visitCreate)
	v1.Get("/tenancies/:id/reports", anyRole, a.reportList)
	v1.Post("/tenancies/:id/reports", vacancies, a.reportCreate)
	v1.Get("/reports/:id", anyRole, a.reportShow)
	v1.Post("/reports/:id/replies", anyRole, a.reportReply)
	v1.Post("/reports/:id/status", households, a.reportStatus)

	// Mietführerschein: the service checks Actor.CanManageCourses; verification is public.
	v1.Get("/certificates/verify/:number", a.certificateVerify)
	v1.Get("/courses", households, a.courseList)
	v1.Post("/courses", households, a.courseCreate)
	v1.Get("/courses/:id", households, a.courseShow)
	v1.Post("/courses/:id/participants", households, a.courseEnrol)
	v1.Get("/certificates", households, a.certificateList)
	v1.Post("/certificates/:id/revoke", households, a.certificateRevoke)
	// Follow-ups (Nachsorge) of the tenancy phase: staff, admins, caseworkers (their own).
	v1.Get("/follow-ups", households, a.followUpList)
	v1.Get("/follow-ups/:id", households, a.followUpShow)
	v1.Post("/follow-ups/:id/record", households, a.followUpRecord)
	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}

// openAPI serves the OpenAPI document built at start-up.
func (a *API) openAPI(c *fiber.Ctx) error {
	c.Type("json", "utf-8")
	return c.Send(a.openapi)
}
