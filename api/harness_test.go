package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/apitokens"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// harness drives the whole application in-process with bearer tokens, one per role, and
// validates every request and response against the OpenAPI document: responses always
// (error answers too), requests when the server accepted them.
type harness struct {
	t      testing.TB
	st     *store.Store
	app    *fiber.App
	users  testutil.Users
	other  *domain.User // an account of a second landlord
	tokens map[string]string
	doc    *openapi3.T
	router routers.Router
	// Operations records the operationIds whose responses were validated.
	Operations *opCounter
}

// opCounter counts validated operations; concurrent tests share it.
type opCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (o *opCounter) add(id string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.n[id]++
}

func (o *opCounter) count(id string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n[id]
}

// roles are the callers of the role matrix; "other_landlord" is a landlord of another
// organisation, "anonymous" sends no credentials.
var roles = []string{"admin", "staff", "caseworker", "landlord", "other_landlord", "anonymous"}

func newHarness(t testing.TB, st *store.Store) *harness {
	t.Helper()
	ctx := context.Background()
	h := &harness{t: t, st: st, app: testutil.App(t, st), users: testutil.SeedUsers(t, st), tokens: map[string]string{},
		doc: loadDoc(t), Operations: &opCounter{n: map[string]int{}}}
	org := &domain.Landlord{Name: "Andere Vermietung KG", Kind: "company", Status: "active"}
	if err := st.CreateLandlord(ctx, org); err != nil {
		t.Fatal(err)
	}
	h.other = &domain.User{Email: "other-landlord@test.de", Name: "Other Landlord", Role: domain.RoleLandlord, LandlordID: &org.ID, Active: true}
	if err := st.CreateUser(ctx, h.other); err != nil {
		t.Fatal(err)
	}
	svc := apitokens.New(st)
	admin := domain.Actor{User: h.users.Admin}
	for name, u := range map[string]*domain.User{"admin": h.users.Admin, "staff": h.users.Staff, "caseworker": h.users.Caseworker,
		"landlord": h.users.Landlord, "other_landlord": h.other} {
		c, err := svc.Create(ctx, admin, apitokens.Input{Name: "Test " + name, Role: u.Role, UserID: u.ID})
		if err != nil {
			t.Fatalf("token %s: %v", name, err)
		}
		h.tokens[name] = c.Raw
	}
	// The document's server is relative; give the router an absolute one to match against.
	h.doc.Servers = openapi3.Servers{{URL: "http://wohnbruecke.test/"}}
	r, err := gorillamux.NewRouter(h.doc)
	if err != nil {
		t.Fatal(err)
	}
	h.router = r
	return h
}

// with returns a copy of the harness that reports to t (for subtests).
func (h *harness) with(t testing.TB) *harness {
	c := *h
	c.t = t
	return &c
}

// apiResp is an answer with its decoded JSON.
type apiResp struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

// ID returns the numeric "id" of the answer.
func (r *apiResp) ID() int64 {
	n, _ := r.JSON["id"].(float64)
	return int64(n)
}

// ErrorCode returns error.code of an error answer.
func (r *apiResp) ErrorCode() string {
	e, _ := r.JSON["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

// Fields returns error.fields of an error answer.
func (r *apiResp) Fields() map[string]any {
	e, _ := r.JSON["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	return f
}

func (r *apiResp) String() string { return fmt.Sprintf("%d %s", r.Status, r.Body) }

// call sends a request as a role ("" or "anonymous": no credentials). body may be nil, a
// string or []byte (sent as it is) or any value (sent as JSON). headers are name, value pairs.
func (h *harness) call(role, method, path string, body any, headers ...string) *apiResp {
	h.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			h.t.Fatal(err)
		}
	}
	build := func() *http.Request {
		req := httptest.NewRequest(method, "http://wohnbruecke.test"+path, bytes.NewReader(raw))
		if raw != nil {
			ct := "application/json"
			if method == http.MethodPatch {
				ct = "application/merge-patch+json"
			}
			req.Header.Set("Content-Type", ct)
		}
		if tok := h.tokens[role]; tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return req
	}
	resp, err := h.app.Test(build(), -1)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out := &apiResp{Status: resp.StatusCode, Header: resp.Header}
	if out.Body, err = io.ReadAll(resp.Body); err != nil {
		h.t.Fatal(err)
	}
	if len(out.Body) > 0 && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(out.Body, &out.JSON); err != nil {
			var list []any
			if json.Unmarshal(out.Body, &list) != nil {
				h.t.Fatalf("%s %s: answer is not JSON: %v\n%s", method, path, err, out.Body)
			}
		}
	}
	if out.Status >= 500 {
		h.t.Fatalf("%s %s: server error %s", method, path, out)
	}
	h.validate(build(), out)
	return out
}

// validate checks the exchange against the OpenAPI document.
func (h *harness) validate(req *http.Request, out *apiResp) {
	h.t.Helper()
	route, params, err := h.router.FindRoute(req)
	if err != nil {
		if out.Status == http.StatusNotFound || out.Status == http.StatusMethodNotAllowed {
			return // a path or method the API does not have
		}
		h.t.Fatalf("%s %s: not in the OpenAPI document (%v), answered %s", req.Method, req.URL.Path, err, out)
	}
	ctx := context.Background()
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true,
		MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if out.Status < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			h.t.Fatalf("%s %s: accepted request does not match the document: %v", req.Method, req.URL.Path, err)
		}
	}
	rv := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: out.Status, Header: out.Header, Options: opts}
	rv.SetBodyBytes(out.Body)
	if err := openapi3filter.ValidateResponse(ctx, rv); err != nil {
		h.t.Fatalf("%s %s: answer %d does not match the document: %v\n%s", req.Method, req.URL.Path, out.Status, err, out.Body)
	}
	h.Operations.add(route.Operation.OperationID)
}

// expect fails the test unless the answer has the status.
func expect(t testing.TB, r *apiResp, status int) *apiResp {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	return r
}

// householdBody is a valid household input.
func householdBody(name string) map[string]any {
	return map[string]any{
		"contact_name": name, "phone": "0157 1234567", "language": "ro", "benefit": "sgb2",
		"members":     []any{map[string]any{"birth_year": 1988, "sex": "f"}, map[string]any{"birth_year": 2016, "sex": "m"}},
		"certificate": map[string]any{"passed_on": "2026-02-13", "number": "IZW-1"},
		"needs":       map[string]any{"preferred_boroughs": []any{"mitte"}},
		"consents":    []any{"data_processing", "share_with_landlord"},
	}
}
