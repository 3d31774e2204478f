package domain

import "crypto/subtle"

// Actor is who does something: a signed-in user, an integration's API token (User set,
// Label the token's name) or an applicant through an email link (User nil, LinkToken the
// link's token: the applicant's only credential, good for that one invitation).
type Actor struct {
	User      *User
	Label     string
	IP        string
	RequestID string
	LinkToken string
}

// Applicant is the actor of a household answering its viewing invitation through the
// link token from the email; the token is its only credential.
func Applicant(linkToken string) Actor {
	return Actor{Label: "Haushalt (Link aus der Einladung)", LinkToken: linkToken}
}

// UserID returns the acting user's id, or nil for applicants.
func (a Actor) UserID() *int64 {
	if a.User == nil {
		return nil
	}
	id := a.User.ID
	return &id
}

// Role returns the acting user's role, or "" for applicants.
func (a Actor) Role() Role {
	if a.User == nil {
		return ""
	}
	return a.User.Role
}

// Audit returns an audit entry for an action on a record by this actor.
func (a Actor) Audit(action, entity string, id int64, detail string) *AuditEntry {
	label := a.Label
	if label == "" && a.User != nil {
		label = a.User.Name
	}
	return &AuditEntry{ActorUserID: a.UserID(), ActorLabel: label, Action: action, Entity: entity,
		EntityID: &id, Detail: detail, IP: a.IP, RequestID: a.RequestID}
}

// The permissions below are the one definition of who may do what (docs/design.md §2). Services
// check them before they read or change anything; the HTTP guards in front of them are a
// second line only. Methods without a record answer for the role (a refusal is
// ErrForbidden); methods with a record answer for that record (a refusal is ErrNotFound,
// so ids of records the actor may not see are not confirmed).

// team reports whether the actor is staff or an admin, who act on every record.
func (a Actor) team() bool {
	return a.Role() == RoleStaff || a.Role() == RoleAdmin
}

// LandlordID returns the landlord organisation a landlord account works for; ok is false
// for everyone else (and for a landlord account without an organisation).
func (a Actor) LandlordID() (id int64, ok bool) {
	if a.Role() != RoleLandlord || a.User.LandlordID == nil {
		return 0, false
	}
	return *a.User.LandlordID, true
}

// IsApplicant reports whether the actor is a household acting through an invitation link.
func (a Actor) IsApplicant() bool { return a.User == nil && a.LinkToken != "" }

// CanWorkOnHouseholds: staff and admins (all households) and caseworkers (their own) may
// list and record households.
func (a Actor) CanWorkOnHouseholds() bool {
	return a.team() || a.Role() == RoleCaseworker
}

// CanSeeHousehold: staff and admins see every household, caseworkers the households
// assigned to them. Seeing includes editing and changing the status.
func (a Actor) CanSeeHousehold(h *Household) bool {
	switch {
	case a.team():
		return true
	case a.Role() == RoleCaseworker:
		return h.CaseworkerID != nil && *h.CaseworkerID == a.User.ID
	}
	return false
}

// CanAssignCaseworkers: staff and admins choose the caseworker of a household; a
// caseworker's households are always their own.
func (a Actor) CanAssignCaseworkers() bool { return a.team() }

// CanCorrectRegistration: only staff and admins may set a household's registration date
// (the start of its waiting time, which decides its rank) to another day than the system
// recorded.
func (a Actor) CanCorrectRegistration() bool { return a.team() }

// CanSeeMatches: everyone with an account sees matches, each role a part of them
// (CanSeeMatch).
func (a Actor) CanSeeMatches() bool {
	_, landlord := a.LandlordID()
	return a.CanWorkOnHouseholds() || landlord
}

// CanSeeMatch: staff and admins see every match, caseworkers those of their households,
// landlords those for their own vacancies once staff approved them.
func (a Actor) CanSeeMatch(m *Match, v *Vacancy, h *Household) bool {
	if lid, ok := a.LandlordID(); ok {
		return v.ID == m.VacancyID && v.LandlordID == lid && m.State != MatchProposed
	}
	return a.CanSeeHousehold(h)
}

// CanApproveMatch: staff and admins approve a ranked household into a viewing slot.
func (a Actor) CanApproveMatch() bool { return a.team() }

// CanSteerMatches: staff and admins sign leases, withdraw matches, and reschedule and
// cancel viewings.
func (a Actor) CanSteerMatches() bool { return a.team() }

// CanRecordOutcomes: landlords and, on their behalf, staff and admins record what
// happened at a viewing.
func (a Actor) CanRecordOutcomes() bool {
	_, landlord := a.LandlordID()
	return a.team() || landlord
}

// CanRecordOutcome: staff and admins for every match, a landlord for an approved match of
// one of its own vacancies.
func (a Actor) CanRecordOutcome(m *Match, v *Vacancy) bool {
	if lid, ok := a.LandlordID(); ok {
		return v.ID == m.VacancyID && v.LandlordID == lid && m.State != MatchProposed
	}
	return a.team()
}

// CanAnswerInvitation: only the household holding the link token answers its invitation;
// an account (staff included) cannot answer for it.
func (a Actor) CanAnswerInvitation(rawToken string) bool {
	return a.IsApplicant() && subtle.ConstantTimeCompare([]byte(a.LinkToken), []byte(rawToken)) == 1
}

// CanManageVacancies: landlords (their own) and staff and admins (on a landlord's behalf)
// manage Wohnungsangebote and their viewing slots.
func (a Actor) CanManageVacancies() bool {
	_, landlord := a.LandlordID()
	return a.team() || landlord
}

// CanManageVacancy: staff and admins every vacancy, a landlord its own.
func (a Actor) CanManageVacancy(v *Vacancy) bool {
	if lid, ok := a.LandlordID(); ok {
		return v.LandlordID == lid
	}
	return a.team()
}

// CanReviewVacancies: staff and admins publish submitted vacancies, send them back and
// enter vacancies for a landlord.
func (a Actor) CanReviewVacancies() bool { return a.team() }

// CanManageLandlords: staff and admins list, invite, activate and block landlords and
// record agreements signed on paper.
func (a Actor) CanManageLandlords() bool { return a.team() }

// CanSeeLandlord: staff and admins see every landlord, a landlord account its own.
func (a Actor) CanSeeLandlord(landlordID int64) bool {
	if lid, ok := a.LandlordID(); ok {
		return lid == landlordID
	}
	return a.team()
}

// CanSeeStatistics: staff and admins read the statistics.
func (a Actor) CanSeeStatistics() bool { return a.team() }

// CanInviteTeam: admins create staff, caseworker and admin accounts.
func (a Actor) CanInviteTeam() bool { return a.Role() == RoleAdmin }

// CanManageTeam: admins deactivate and reactivate team accounts (staff, caseworker,
// admin) and change their role.
func (a Actor) CanManageTeam() bool { return a.Role() == RoleAdmin }

// CanEditLandlord: a landlord account keeps its own organisation's data and contacts up
// to date; staff and admins those of every landlord.
func (a Actor) CanEditLandlord(landlordID int64) bool { return a.CanSeeLandlord(landlordID) }

// CanChangePolicy: admins change the ranking weights, the KdU table and the area figures.
func (a Actor) CanChangePolicy() bool { return a.Role() == RoleAdmin }

// CanManageAPITokens: admins create, list and revoke the API tokens of integrations.
func (a Actor) CanManageAPITokens() bool { return a.Role() == RoleAdmin }

// --- Tenancy phase (docs/design.md §8) ---

// companionOf reports whether the actor is the tenancy's companion (a caseworker).
func (a Actor) companionOf(t *Tenancy) bool {
	return a.Role() == RoleCaseworker && t.CompanionID != nil && *t.CompanionID == a.User.ID
}

// CanSeeTenancies: staff and admins (all), caseworkers (those they accompany) and landlords
// (their own, in the landlord's view) list tenancies.
func (a Actor) CanSeeTenancies() bool {
	_, landlord := a.LandlordID()
	return a.team() || a.Role() == RoleCaseworker || landlord
}

// CanSeeTenancy: staff and admins every tenancy, the companion the tenancies they
// accompany, a landlord the tenancies in its own flats (only what domain.ProfileFor and the
// report pages show; never the visit log).
func (a Actor) CanSeeTenancy(t *Tenancy) bool {
	if lid, ok := a.LandlordID(); ok {
		return t.LandlordID == lid
	}
	return a.team() || a.companionOf(t)
}

// CanEndTenancy: staff, admins and the companion record the end of a running tenancy and
// change its visit rhythm.
func (a Actor) CanEndTenancy(t *Tenancy) bool { return a.team() || a.companionOf(t) }

// CanSeeVisits: staff and admins read the visit log of every tenancy, the companion of
// their own; landlords never.
func (a Actor) CanSeeVisits(t *Tenancy) bool { return a.team() || a.companionOf(t) }

// CanRecordVisit: only the companion (Wohnbegleitung) records contacts, in the tenancies
// they accompany.
func (a Actor) CanRecordVisit(t *Tenancy) bool { return a.companionOf(t) }

// CanFileReport: a landlord files reports (Meldungen) about its own running tenancies.
func (a Actor) CanFileReport(t *Tenancy) bool {
	lid, ok := a.LandlordID()
	return ok && t.LandlordID == lid && t.Active()
}

// CanSeeReports: the landlord of the tenancy, staff, admins and the companion read its
// reports and their threads.
func (a Actor) CanSeeReports(t *Tenancy) bool { return a.CanSeeTenancy(t) }

// CanReplyToReport: the landlord of the tenancy and the city's side (staff, admins, the
// companion) write in a report's thread.
func (a Actor) CanReplyToReport(t *Tenancy) bool { return a.CanSeeTenancy(t) }

// CanHandleReport: staff, admins and the companion change a report's status.
func (a Actor) CanHandleReport(t *Tenancy) bool { return a.team() || a.companionOf(t) }
