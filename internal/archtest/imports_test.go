// Package archtest holds tests of the code base's shape: the import rule of
// docs/architecture.md §2, checked on every package's non-test imports.
package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "wohnbruecke"

// layers is docs/architecture.md §2: a package may import module packages of lower layers
// only, plus the edges in within.
var layers = map[string]int{
	"internal/domain": 0, "matching": 0, "internal/auth": 0, "internal/config": 0,
	"internal/tmplfunc": 0, "migrations": 0, "internal/clock": 0, "internal/links": 0,
	"internal/logsafe": 0, "internal/version": 0,
	"internal/store": 1, "mail": 1, "internal/validate": 1,
	"internal/workflow": 2, "internal/ranking": 2, "internal/vacancies": 2, "internal/landlords": 2,
	"internal/households": 2, "internal/stats": 2, "internal/apitokens": 2, "internal/demo": 2,
	"internal/tasks": 2, "internal/tenancies": 2, "internal/courses": 2, // courses: Mietführerschein
	"internal/web": 3, "internal/metrics": 3,
	"api": 4, "portal": 4,
	"internal/server": 5,
	"cmd/wohnbruecke": 6, "internal/testutil": 6,
	// data protection (issue 15, branch privacy)
	"internal/sealed": 0, "internal/privacy": 2, "internal/statutory": 2,

	// Follow-ups, satisfaction check and early warnings of the tenancy phase.
	"internal/followups": 2,
}

// within are the allowed edges inside one layer.
var within = map[[2]string]bool{
	{"internal/vacancies", "internal/workflow"}: true,
	{"internal/workflow", "internal/ranking"}:   true,
	{"internal/tasks", "internal/workflow"}:     true,

	// Follow-ups: the start pages show due follow-ups and early warnings.
	{"internal/tasks", "internal/followups"}:    true,
	{"internal/followups", "internal/workflow"}: true,
}

// thirdParty limits where frameworks may appear: Fiber only in the HTTP packages, GORM and
// database drivers only in the store (docs/architecture.md §2, rules 4 and 5).
var thirdParty = map[string][]string{
	"github.com/gofiber/":                {"internal/web", "internal/metrics", "portal", "api", "internal/server", "internal/testutil", "cmd/wohnbruecke"},
	"gorm.io/":                           {"internal/store"},
	"github.com/glebarez/":               {"internal/store"},
	"github.com/jackc/pgx":               {"internal/store", "internal/testutil"},
	"github.com/pressly/":                {"internal/store"},
	"github.com/wneessen/":               {"mail"},
	"github.com/prometheus/":             {"internal/metrics", "internal/server"},
	"github.com/chromedp/":               {"internal/testutil"},
	"github.com/emersion/":               {"internal/testutil"},
	"golang.org/x/crypto":                {"internal/auth"},
	"github.com/go-playground/validator": {"internal/validate"},
}

func TestImportRule(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string]map[string]bool{} // package → imported paths (non-test files)
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".") || d.Name() == "artifacts") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			imports[pkg][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 20 {
		t.Fatalf("found only %d packages", len(imports))
	}
	for pkg, ims := range imports {
		if strings.HasPrefix(pkg, "tools/") || strings.HasPrefix(pkg, "scripts") {
			continue
		}
		layer, ok := layers[pkg]
		if !ok {
			t.Errorf("package %s has no layer in docs/architecture.md §2 (add it here and there)", pkg)
			continue
		}
		for im := range ims {
			if dep, ok := strings.CutPrefix(im, module+"/"); ok {
				depLayer, known := layers[dep]
				if !known || depLayer > layer || depLayer == layer && !within[[2]string{pkg, dep}] {
					t.Errorf("%s (layer %d) imports %s (layer %d): against the import rule", pkg, layer, dep, depLayer)
				}
				continue
			}
			for prefix, allowed := range thirdParty {
				if strings.HasPrefix(im, prefix) && !contains(allowed, pkg) {
					t.Errorf("%s imports %s, which only %v may use", pkg, im, allowed)
				}
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
