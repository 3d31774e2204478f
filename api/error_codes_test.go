package api_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// producedErrorCodes walks every non-test Go file of the module and returns each error code
// the code base can produce, with where: the ErrorCode constants (by value), string literals
// given as Code in a composite literal (web.Error, BadJSON, ConflictError, …), and the first
// argument of domain.Conflict. A literal first argument of Conflict or a Code that is neither
// a literal nor a Code… constant is reported as "?" so the test sees it too.
func producedErrorCodes(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..")
	consts := map[string]string{} // constant name → value
	found := map[string]string{}
	fset := token.NewFileSet()
	var files []*ast.File
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files = append(files, f)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ErrorCode" {
					continue
				}
				for i, n := range vs.Names {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
						v, _ := strconv.Unquote(lit.Value)
						consts[n.Name] = v
						found[v] = fset.Position(n.Pos()).String()
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	codeOf := func(e ast.Expr) string {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return ""
			}
			v, _ := strconv.Unquote(x.Value)
			return v
		case *ast.SelectorExpr:
			if v, ok := consts[x.Sel.Name]; ok {
				return v
			}
		case *ast.Ident:
			if v, ok := consts[x.Name]; ok {
				return v
			}
		}
		return ""
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CompositeLit:
				for _, el := range x.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if k, isIdent := kv.Key.(*ast.Ident); !isIdent || k.Name != "Code" {
						continue
					}
					typ := ""
					switch tt := x.Type.(type) {
					case *ast.Ident:
						typ = tt.Name
					case *ast.SelectorExpr:
						typ = tt.Sel.Name
					}
					if !strings.HasSuffix(typ, "Error") && typ != "BadJSON" {
						continue
					}
					if c := codeOf(kv.Value); c != "" {
						found[c] = fset.Position(kv.Pos()).String()
					} else if lit, isLit := kv.Value.(*ast.BasicLit); isLit && lit.Kind == token.STRING {
						found["?"] = fset.Position(kv.Pos()).String()
					}
				}
			case *ast.CallExpr:
				sel, ok := x.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Conflict" || len(x.Args) != 2 {
					return true
				}
				if c := codeOf(x.Args[0]); c != "" {
					found[c] = fset.Position(x.Pos()).String()
				} else {
					found["?"] = fset.Position(x.Pos()).String()
				}
			}
			return true
		})
	}
	return found
}

// TestEveryErrorCodeIsDocumented: each code the code base can produce is in domain.ErrorCodes
// and in the enum of error.code in the OpenAPI document, with a German and an English
// description; no code is listed twice.
func TestEveryErrorCodeIsDocumented(t *testing.T) {
	doc := loadDoc(t)
	enum := enumCodes(schemaAt(t, doc, "Error", "error", "code"))
	produced := producedErrorCodes(t)
	if len(produced) < 40 {
		t.Fatalf("found only %d error codes in the source; is the scan broken?", len(produced))
	}
	for code, where := range produced {
		if !slices.Contains(enum, code) {
			t.Errorf("%s: error code %q is not in the OpenAPI enum of error.code (add it to domain.ErrorCodes)", where, code)
		}
	}
	for _, must := range []string{"slot_full", "household_has_active_match", "state_changed", "landlord_already_active", "not_a_draft", "household_not_eligible"} {
		if _, ok := produced[must]; !ok {
			t.Errorf("the source no longer produces %q", must)
		}
	}
	seen := map[domain.ErrorCode]bool{}
	for _, c := range domain.ErrorCodes {
		if seen[c.Code] {
			t.Errorf("%s listed twice", c.Code)
		}
		seen[c.Code] = true
		if c.De == "" || c.En == "" {
			t.Errorf("%s needs a German and an English description", c.Code)
		}
	}
	if slices.Contains(enum, "conflict") {
		t.Error("the generic code conflict is still documented")
	}
}

// TestProducedErrorCodesScanFindsALiteral makes sure the scan sees a code written as a plain
// string, so a new `Code: "x"` outside the table cannot slip through.
func TestProducedErrorCodesScanFindsALiteral(t *testing.T) {
	dir := t.TempDir()
	src := "package x\n\nfunc f() error { return &web.Error{Status: 400, Code: \"made_up_code\"} }\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, "x.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	ast.Inspect(f, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if lit, ok := kv.Value.(*ast.BasicLit); ok && kv.Key.(*ast.Ident).Name == "Code" { // as producedErrorCodes
				got, _ = strconv.Unquote(lit.Value)
			}
		}
		return true
	})
	if got != "made_up_code" {
		t.Fatalf("scan pattern misses literal codes: %q", got)
	}
}

// TestConflictsHaveTheirOwnCodes drives each conflict through the API and checks its code:
// a full slot, a household with a running match, an ineligible household (422 with the rule
// codes), an active landlord activated again (without portal wording), a non-draft edited and
// a step the state table does not allow.
func TestConflictsHaveTheirOwnCodes(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		code := func(r *apiResp, status int, want string) *apiResp {
			t.Helper()
			expect(t, r, status)
			if r.ErrorCode() != want {
				t.Errorf("code %q, want %q: %s", r.ErrorCode(), want, r.Body)
			}
			return r
		}
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		other := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		a := testutil.Household(t, st, nil)
		b := testutil.Household(t, st, nil)
		expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": a.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		code(h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": b.ID, "slot_id": v.Slots[0].ID}), http.StatusConflict, "slot_full")
		code(h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": other.ID, "household_id": a.ID, "slot_id": other.Slots[0].ID}), http.StatusConflict, "household_has_active_match")
		code(h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": a.ID, "slot_id": v.Slots[0].ID}), http.StatusConflict, "already_proposed")

		pets := testutil.Household(t, st, func(h *domain.Household) {
			h.HasPets = true
			h.ExcludedBoroughs = domain.BoroughList{domain.BoroughMitte}
		})
		r := code(h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": other.ID, "household_id": pets.ID, "slot_id": other.Slots[0].ID}), http.StatusUnprocessableEntity, "household_not_eligible")
		reasons, _ := r.JSON["error"].(map[string]any)["reasons"].([]any)
		var codes []string
		for _, x := range reasons {
			rr := x.(map[string]any)
			codes = append(codes, rr["code"].(string))
			if rr["code"] == "borough_excluded" && rr["deprecated_code"] != "district_excluded" {
				t.Errorf("renamed rule without its former code: %v", rr)
			}
		}
		if !slices.Equal(codes, []string{"pets_not_allowed", "borough_excluded"}) {
			t.Errorf("rule codes %v, want pets_not_allowed and borough_excluded: %s", codes, r.Body)
		}

		lp := "/api/v1/landlords/" + strconv.FormatInt(h.users.LandlordOrg.ID, 10)
		act := code(h.call("staff", "POST", lp+"/activate", nil), http.StatusConflict, "landlord_already_active")
		if msg := act.JSON["error"].(map[string]any)["message"].(string); strings.Contains(msg, "Seite") {
			t.Errorf("activation answers with portal wording: %q", msg)
		}
		expect(t, h.call("staff", "POST", lp+"/block", nil), http.StatusOK)
		code(h.call("staff", "POST", lp+"/block", nil), http.StatusConflict, "landlord_already_blocked")
		expect(t, h.call("staff", "POST", lp+"/activate", map[string]any{"contact_user_id": h.users.Staff.ID}), http.StatusOK)

		vp := "/api/v1/vacancies/" + strconv.FormatInt(v.ID, 10)
		code(h.call("landlord", "PATCH", vp, map[string]any{"net_cold_rent_cents": 33000}), http.StatusConflict, "not_a_draft")
		code(h.call("staff", "POST", vp+"/publish", nil), http.StatusConflict, "state_changed")
	})
}
