package domain

// Mietführerschein permissions (docs/design.md §2, §11). The Quartiersmanagement works with
// caseworker accounts that carry the course permission (User.CourseStaff): it runs
// courses and participants but, like every caseworker, sees no household it is not
// assigned to — so no focus group, health notes or homelessness history. The course pages
// show only course facts, whoever opens them.

// CanManageCourses: staff, admins and the Quartiersmanagement plan courses, enrol
// participants, record attendance and exam results and issue certificates.
func (a Actor) CanManageCourses() bool {
	return a.team() || (a.Role() == RoleCaseworker && a.User.CourseStaff)
}

// CanRevokeCertificates: the same people revoke a certificate (with a reason, audited).
func (a Actor) CanRevokeCertificates() bool { return a.CanManageCourses() }

// CanLinkHousehold: linking a participant to a household record needs both the course
// permission and the right to see that household (staff and admins, or its caseworker).
func (a Actor) CanLinkHousehold(h *Household) bool {
	return a.CanManageCourses() && a.CanSeeHousehold(h)
}
