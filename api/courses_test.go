package api_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// courseRows are the Mietführerschein rows of TestRoleMatrix.
func courseRows(t *testing.T, st *store.Store, staff *domain.User) []struct {
	method, path string
	body         any
	who          access
} {
	c, _, _, cert := testutil.CourseWithCertificate(t, st, staff, "Deniz Yılmaz")
	courseOps := access{"admin": allowed, "staff": allowed}
	public := access{"admin": allowed, "staff": allowed, "caseworker": allowed, "landlord": allowed, "other_landlord": allowed, "anonymous": allowed}
	return []struct {
		method, path string
		body         any
		who          access
	}{
		{"GET", "/api/v1/certificates/verify/" + cert.Number, nil, public},
		{"GET", "/api/v1/courses", nil, courseOps},
		{"POST", "/api/v1/courses", map[string]any{}, courseOps},
		{"GET", fmt.Sprintf("/api/v1/courses/%d", c.ID), nil, courseOps},
		{"POST", fmt.Sprintf("/api/v1/courses/%d/participants", c.ID), map[string]any{}, courseOps},
		{"GET", "/api/v1/certificates", nil, courseOps},
		{"POST", fmt.Sprintf("/api/v1/certificates/%d/revoke", cert.ID), map[string]any{"reason": "x"}, courseOps},
	}
}

// TestCourseAPI: a course is planned and people enrolled through the API (the fourth of
// three places waits); the certificate list; the public verification answers only the four
// allowed fields, says revoked after a revocation and is throttled.
func TestCourseAPI(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		c := expect(t, h.call("staff", "POST", "/api/v1/courses", map[string]any{"title": "Kurs Mai", "languages": []string{"de", "uk"}, "capacity": 1}), http.StatusCreated)
		if c.JSON["validity_months"].(float64) != 24 || c.JSON["status"] != "planned" {
			t.Errorf("defaults: %s", c)
		}
		path := fmt.Sprintf("/api/v1/courses/%d/participants", c.ID())
		expect(t, h.call("staff", "POST", path, map[string]any{"name": "Olena Koval", "language": "uk"}), http.StatusCreated)
		d := expect(t, h.call("staff", "POST", path, map[string]any{"name": "Taras Koval", "language": "uk", "email": "taras@test.de"}), http.StatusCreated)
		ps := d.JSON["participants"].([]any)
		if len(ps) != 2 || ps[1].(map[string]any)["waitlisted"] != true {
			t.Errorf("second person on one place is not waiting: %s", d)
		}
		bad := expect(t, h.call("staff", "POST", path, map[string]any{"name": "", "language": "xx", "household_reference": "HH-NIE"}), http.StatusUnprocessableEntity)
		for _, f := range []string{"name", "language", "household_reference"} {
			if _, ok := bad.Fields()[f]; !ok {
				t.Errorf("no message for %s: %s", f, bad)
			}
		}
		expect(t, h.call("caseworker", "GET", "/api/v1/courses", nil), http.StatusForbidden)

		_, _, _, cert := testutil.CourseWithCertificate(t, st, h.users.Staff, "Deniz Yılmaz")
		list := expect(t, h.call("admin", "GET", "/api/v1/certificates", nil), http.StatusOK)
		if items := list.JSON["items"].([]any); len(items) != 1 || items[0].(map[string]any)["state"] != "valid" {
			t.Errorf("certificate list: %s", list)
		}
		v := expect(t, h.call("anonymous", "GET", "/api/v1/certificates/verify/"+strings.ToLower(domain.FormatCertificateNumber(cert.Number)), nil), http.StatusOK)
		var got []string
		for k := range v.JSON {
			got = append(got, k)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != "initials,issued_on,state,valid_until" || v.JSON["initials"] != "D. Y." || v.JSON["state"] != "valid" ||
			strings.Contains(string(v.Body), "Deniz") || strings.Contains(string(v.Body), "Testkurs") {
			t.Errorf("verification reveals more than state, dates and initials: %s", v)
		}
		expect(t, h.call("staff", "POST", fmt.Sprintf("/api/v1/certificates/%d/revoke", cert.ID), map[string]any{"reason": "kurz"}), http.StatusUnprocessableEntity)
		expect(t, h.call("staff", "POST", fmt.Sprintf("/api/v1/certificates/%d/revoke", cert.ID), map[string]any{"reason": "Zertifikat gefälscht vorgelegt"}), http.StatusOK)
		expect(t, h.call("staff", "POST", fmt.Sprintf("/api/v1/certificates/%d/revoke", cert.ID), map[string]any{"reason": "Zertifikat gefälscht vorgelegt"}), http.StatusConflict)
		if v := expect(t, h.call("anonymous", "GET", "/api/v1/certificates/verify/"+cert.Number, nil), http.StatusOK); v.JSON["state"] != "revoked" {
			t.Errorf("revoked certificate verifies as %v", v.JSON["state"])
		}
		expect(t, h.call("anonymous", "GET", "/api/v1/certificates/verify/0000000000000000Z", nil), http.StatusNotFound)
		for i := 3; i < courses.VerifyPerClient; i++ {
			expect(t, h.call("anonymous", "GET", "/api/v1/certificates/verify/"+domain.CertificateNumberFrom([]byte(fmt.Sprintf("%016d", i))), nil), http.StatusNotFound)
		}
		r := expect(t, h.call("anonymous", "GET", "/api/v1/certificates/verify/"+cert.Number, nil), http.StatusTooManyRequests)
		if r.ErrorCode() != "too_many_requests" || r.Header.Get("Retry-After") == "" {
			t.Errorf("throttled answer: %s %v", r, r.Header)
		}
	})
}
