package server_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// auditPrefixes are the action codes the code builds from a prefix and a value, with every
// value it appends.
var auditPrefixes = map[string][]string{
	"household.":      {"pause", "resume", "housed", "close"},
	"vacancy.":        {string(domain.VacancyWithdrawn), string(domain.VacancyLet)},
	"viewing.answer.": {workflow.AnswerConfirm, workflow.AnswerDecline, workflow.AnswerReschedule},
	"user.password_":  {"invite", "reset"},
}

// auditCalls are the functions that write an audit entry, with the position of the action
// among their arguments: domain.Actor.Audit and the services' helpers around it. Calls
// that pass the action on in a variable are followed to their callers' literals.
var auditCalls = map[string]int{"Audit": 0, "audit": 3, "sign": 4}

func calledName(call *ast.CallExpr) string {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// writtenAuditActions reads the module's Go code (without tests) for the audit action codes
// it writes: string literals shaped like one, and the prefixes above expanded.
func writtenAuditActions(t *testing.T) []string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			pos, ok := auditCalls[calledName(call)]
			if !ok || pos >= len(call.Args) {
				return true
			}
			switch arg := call.Args[pos].(type) {
			case *ast.BasicLit:
				if arg.Kind == token.STRING {
					s, _ := strconv.Unquote(arg.Value)
					seen[s] = true
				}
			case *ast.BinaryExpr:
				if lit, ok := arg.X.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					values, ok := auditPrefixes[s]
					if !ok {
						t.Errorf("%s: action prefix %q is not in auditPrefixes", path, s)
					}
					for _, v := range values {
						seen[s+v] = true
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for a := range seen {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// TestAuditLogIsGerman: every audit action the code writes has a German sentence in
// domain.AuditActions, and the log shows those sentences, naming households by their
// reference, without any action code, entity name or internal number.
func TestAuditLogIsGerman(t *testing.T) {
	actions := writtenAuditActions(t)
	if len(actions) < 40 {
		t.Fatalf("found only %d audit actions in the code: %v", len(actions), actions)
	}
	for _, a := range actions {
		if _, ok := domain.AuditActions[a]; !ok {
			t.Errorf("the code writes the audit action %q, which has no German sentence in domain.AuditActions", a)
		}
	}

	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	h := testutil.Household(t, st, nil)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	ctx := t.Context()
	subject := map[string]struct {
		entity string
		id     int64
		name   string
	}{
		"household": {"household", h.ID, h.Reference}, "vacancy": {"vacancy", v.ID, v.Street + ", " + v.District},
		"landlord": {"landlord", users.LandlordOrg.ID, users.LandlordOrg.Name}, "agreement": {"landlord", users.LandlordOrg.ID, users.LandlordOrg.Name},
		"user": {"user", users.Staff.ID, users.Staff.Name}, "policy": {"policy", 3, "3"}, "outbox": {"outbox", 17, "17"},
		"limits": {"setting", 0, ""}, "match": {"match", 999, "Nr. 999"}, "viewing": {"viewing", 998, "Nr. 998"}, "api_token": {"api_token", 997, "Nr. 997"},
		// Tenancy phase.
		"tenancy": {"tenancy", 996, "Nr. 996"}, "visit": {"tenancy", 996, "Nr. 996"}, "report": {"report", 995, "Nr. 995"},
		"course": {"course", 996, "Nr. 996"}, "certificate": {"certificate", 995, "Nr. 995"}, // Mietführerschein
		// Follow-ups.
		"follow_up": {"tenancy", 996, "Nr. 996"}, "satisfaction": {"tenancy", 996, "Nr. 996"},
	}
	var want []string
	for _, a := range actions {
		s := subject[a[:strings.IndexAny(a, ".")]]
		if a == "landlord.invite_colleague" {
			s = subject["user"]
		}
		id := s.id
		if err := st.Audit(ctx, &domain.AuditEntry{ActorLabel: users.Admin.Name, Action: a, Entity: s.entity, EntityID: &id}); err != nil {
			t.Fatal(err)
		}
		want = append(want, domain.AuditText(a, &id, s.name))
	}

	// An entry written before the details were German reads German too.
	old := int64(999)
	if err := st.Audit(ctx, &domain.AuditEntry{ActorLabel: users.Admin.Name, Action: "match.outcome", Entity: "match", EntityID: &old,
		Detail: "accepted=false no_show=false reason=other_tenant"}); err != nil {
		t.Fatal(err)
	}

	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Admin.Email, testutil.Password)
	if r := c.Get("/haushalte/" + strconv.FormatInt(h.ID, 10)); r.Status != http.StatusOK {
		t.Fatalf("household page: %d", r.Status)
	}
	r := c.Get("/verwaltung/protokoll")
	if r.Status != http.StatusOK {
		t.Fatalf("audit log: %d", r.Status)
	}
	body := html.UnescapeString(r.Body)
	if opened := "Haushalt " + h.Reference + " geöffnet"; strings.Count(body, opened) < 2 {
		t.Errorf("the log does not say %q for the opened household", opened)
	}
	for _, w := range want {
		if !strings.Contains(body, w) || strings.Contains(w, "%!") || strings.Contains(w, "Sonstige") {
			t.Errorf("the log does not show %q", w)
		}
	}
	for _, a := range actions {
		if strings.Contains(body, a) {
			t.Errorf("the log shows the action code %q", a)
		}
	}
	if !strings.Contains(body, "Absage: Wohnung an andere Person vergeben") {
		t.Error("an old outcome detail is not shown in German")
	}
	for _, code := range []string{"household ", ">household<", ">match<", ">vacancy<", "<code>", "accepted=", "no_show="} {
		if strings.Contains(body, code) {
			t.Errorf("the log shows %q", code)
		}
	}
}
