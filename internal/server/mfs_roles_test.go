package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// courseFixture is a running course with one session, one participant who passed and her
// certificate, for the role matrix.
type courseFixture struct {
	course      *domain.Course
	session     domain.CourseSession
	participant *domain.CourseParticipant
	cert        *domain.Certificate
}

func newCourseFixture(t *testing.T, st *store.Store, staff *domain.User) *courseFixture {
	t.Helper()
	c, s, p, cert := testutil.CourseWithCertificate(t, st, staff, "Maria Matrix")
	return &courseFixture{course: c, session: s, participant: p, cert: cert}
}

// courseArea: staff and admins run courses; the matrix's caseworker has no course permission.
var courseArea = portalAccess{"staff": pAllowed, "admin": pAllowed}

// courseRows are the Mietführerschein rows of TestPortalRoleMatrix.
func (cf *courseFixture) rows() []struct {
	route, path string
	form        url.Values
	who         portalAccess
} {
	k := fmt.Sprintf("/kurse/%d", cf.course.ID)
	return []struct {
		route, path string
		form        url.Values
		who         portalAccess
	}{
		{"GET /zertifikat/:number", "/zertifikat/" + cf.cert.Number, nil, everyone},
		{"GET /kurse/", "", nil, courseArea},
		{"GET /kurse/neu", "", nil, courseArea},
		{"POST /kurse/", "", nil, courseArea},
		{"GET /kurse/zertifikate/:cert", fmt.Sprintf("/kurse/zertifikate/%d", cf.cert.ID), nil, courseArea},
		{"GET /kurse/zertifikate/:cert/qr.png", fmt.Sprintf("/kurse/zertifikate/%d/qr.png", cf.cert.ID), nil, courseArea},
		{"GET /kurse/:id", k, nil, courseArea},
		{"POST /kurse/:id/termine", k + "/termine", nil, courseArea},
		{"POST /kurse/:id/status", k + "/status", url.Values{"to": {"running"}}, courseArea},
		{"POST /kurse/:id/teilnehmende", k + "/teilnehmende", nil, courseArea},
		{"POST /kurse/:id/pruefung", k + "/pruefung", nil, courseArea},
		{"POST /kurse/:id/termine/:session/anwesenheit", fmt.Sprintf("%s/termine/%d/anwesenheit", k, cf.session.ID), url.Values{"present": {fmt.Sprint(cf.participant.ID)}}, courseArea},
		{"POST /kurse/:id/teilnehmende/:participant/ergebnis", fmt.Sprintf("%s/teilnehmende/%d/ergebnis", k, cf.participant.ID), nil, courseArea},
		{"POST /kurse/:id/teilnehmende/:participant/haushalt", fmt.Sprintf("%s/teilnehmende/%d/haushalt", k, cf.participant.ID), nil, courseArea},
		{"GET /kurse/:id/teilnehmende/:participant/einladung", fmt.Sprintf("%s/teilnehmende/%d/einladung", k, cf.participant.ID), nil, courseArea},
		{"POST /kurse/:id/zertifikate/:cert/widerrufen", fmt.Sprintf("%s/zertifikate/%d/widerrufen", k, cf.cert.ID), nil, courseArea},
	}
}

// TestCourseStaffRoutes: the Quartiersmanagement (a caseworker account with the course
// permission) opens every course page but no household, no staff page, no statistics.
func TestCourseStaffRoutes(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		cf := newCourseFixture(t, st, users.Staff)
		h := testutil.Household(t, st, nil)
		app := testutil.App(t, st)
		qm := testutil.SessionClient(t, st, app, courseStaff(t, st))
		for _, path := range []string{"/kurse", "/kurse/neu", fmt.Sprintf("/kurse/%d", cf.course.ID),
			fmt.Sprintf("/kurse/zertifikate/%d", cf.cert.ID), fmt.Sprintf("/kurse/zertifikate/%d/qr.png", cf.cert.ID)} {
			if r := qm.Get(path); r.Status != http.StatusOK {
				t.Errorf("GET %s: %d, want 200", path, r.Status)
			}
		}
		for path, want := range map[string]int{fmt.Sprintf("/haushalte/%d", h.ID): http.StatusNotFound,
			"/arbeitsbereich/": http.StatusForbidden, "/arbeitsbereich/statistik": http.StatusForbidden} {
			if r := qm.Get(path); r.Status != want {
				t.Errorf("GET %s: %d, want %d", path, r.Status, want)
			}
		}
		if list := qm.Get("/haushalte/").Body; strings.Contains(list, h.Reference) {
			t.Error("the household list shows the Quartiersmanagement a household")
		}
	})
}
