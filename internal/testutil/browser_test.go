package testutil

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixturePages are small pages with known properties, so the browser helpers are tested
// against something whose right answer is known, independent of the portal.
var fixturePages = map[string]string{
	// Three WCAG 2.1 AA violations: no lang, an unlabelled field, grey on white.
	"/bad": `<!DOCTYPE html><html><head><title>Schlecht</title></head><body><main>
<h1>Schlecht</h1><p style="color:#aaa">kaum lesbar</p><input id="q" type="text"></main></body></html>`,
	"/good": `<!DOCTYPE html><html lang="de"><head><title>Gut</title></head><body><main>
<h1>Gut</h1><p>Gut lesbar.</p></main></body></html>`,
	"/wide": `<!DOCTYPE html><html lang="de"><head><title>Breit</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Breit</h1><div class="zu-breit" style="width:900px">breit</div></main></body></html>`,
	"/form": `<!DOCTYPE html><html lang="de"><head><title>Formular</title></head><body><main>
<h1>Formular</h1><form method="post" action="/done">
<label for="name">Name</label><input id="name" name="name" value="alt">
<label for="note">Notiz <span>(optional)</span></label><textarea id="note" name="note"></textarea>
<label for="district">Stadtbezirk</label><select id="district" name="district">
<option value="">– bitte wählen –</option><option value="mitte">Hagen-Mitte</option><option value="nord">Hagen-Nord</option></select>
<input type="checkbox" id="consent" name="consent" value="1"><label for="consent">Ich stimme zu</label>
<input id="plz" name="plz">
<button type="submit">Absenden</button></form></main></body></html>`,
}

func fixtureServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/done" && r.Method == http.MethodPost {
			if err := r.ParseForm(); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="de"><head><title>Fertig</title></head><body><main><h1>Fertig</h1><p id="got">%s|%s|%s|%s|%s</p></main></body></html>`,
				r.PostForm.Get("name"), r.PostForm.Get("note"), r.PostForm.Get("district"), r.PostForm.Get("consent"), r.PostForm.Get("plz"))
			return
		}
		page, ok := fixturePages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// recorder keeps the errors a helper reports instead of failing the test, so that the
// failure path of the checks can be tested.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestBrowserHelpers(t *testing.T) {
	artifacts := t.TempDir()
	t.Setenv("ARTIFACT_DIR", artifacts)
	b := NewBrowser(t, fixtureServer(t))

	t.Run("axe reports violations", func(t *testing.T) {
		b := b.With(t)
		b.Visit("/bad")
		violations, _ := b.Axe()
		got := map[string]bool{}
		for _, v := range violations {
			got[v.ID] = true
		}
		for _, id := range []string{"html-has-lang", "label", "color-contrast"} {
			if !got[id] {
				t.Errorf("axe did not report %s; got %v", id, got)
			}
		}
		rec := &recorder{TB: t}
		b.With(rec).CheckA11y()
		if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "label (critical)") || !strings.Contains(rec.errs[0], "#q") {
			t.Errorf("CheckA11y reported %q, want one error naming the rule, impact and #q", rec.errs)
		}
	})

	t.Run("axe passes a clean page", func(t *testing.T) {
		b := b.With(t)
		b.Visit("/good")
		b.CheckA11y()
	})

	t.Run("fill, check and click", func(t *testing.T) {
		b := b.With(t)
		if s := b.Visit("/form"); s != http.StatusOK {
			t.Fatalf("status %d", s)
		}
		b.Fill("Name", "Erika Mustermann")
		b.Fill("Notiz", "zweite Zeile")
		b.Fill("Stadtbezirk", "Hagen-Nord")
		b.Fill("plz", "58095")
		b.Check("Ich stimme zu")
		b.Check("Ich stimme zu") // stays ticked
		if s := b.Click("Absenden"); s != http.StatusOK {
			t.Fatalf("status after submit %d", s)
		}
		if b.Path() != "/done" {
			t.Fatalf("at %s, want /done", b.Path())
		}
		if got, want := b.Text("#got"), "Erika Mustermann|zweite Zeile|nord|1|58095"; got != want {
			t.Errorf("submitted %q, want %q", got, want)
		}
		if s := b.Visit("/fehlt"); s != http.StatusNotFound {
			t.Errorf("missing page: status %d, want 404", s)
		}
	})

	t.Run("horizontal scrolling", func(t *testing.T) {
		b := b.With(t)
		b.SetViewport(320, 600, 1)
		defer b.SetViewport(1280, 900, 1)
		b.Visit("/wide")
		rec := &recorder{TB: t}
		b.With(rec).CheckNoHorizontalScroll()
		if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "div.zu-breit") {
			t.Errorf("CheckNoHorizontalScroll reported %q, want the wide div", rec.errs)
		}
		b.Visit("/good")
		b.CheckNoHorizontalScroll()
	})

	t.Run("screenshot", func(t *testing.T) {
		b := b.With(t)
		b.Visit("/good")
		path := b.Screenshot("gut")
		if filepath.Dir(path) != artifacts {
			t.Errorf("screenshot in %s, want %s", filepath.Dir(path), artifacts)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s is not a PNG", path)
		}
	})
}

func TestRequireBrowserSkipsOrFails(t *testing.T) {
	t.Setenv("CHROMIUM_PATH", filepath.Join(t.TempDir(), "kein-chromium"))
	t.Run("skip", func(t *testing.T) {
		t.Setenv("REQUIRE_BROWSER", "")
		rec := &skipRecorder{TB: t}
		RequireBrowser(rec)
		if !rec.skipped || !strings.Contains(rec.msg, "CHROMIUM_PATH") {
			t.Errorf("skipped=%v msg=%q, want a skip naming CHROMIUM_PATH", rec.skipped, rec.msg)
		}
	})
	t.Run("require", func(t *testing.T) {
		t.Setenv("REQUIRE_BROWSER", "1")
		rec := &skipRecorder{TB: t}
		RequireBrowser(rec)
		if !rec.failed || !strings.Contains(rec.msg, "REQUIRE_BROWSER=1") {
			t.Errorf("failed=%v msg=%q, want a failure naming REQUIRE_BROWSER=1", rec.failed, rec.msg)
		}
	})
}

// skipRecorder records Skip and Fatal instead of stopping the test.
type skipRecorder struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (r *skipRecorder) Skip(args ...any)  { r.skipped, r.msg = true, fmt.Sprint(args...) }
func (r *skipRecorder) Fatal(args ...any) { r.failed, r.msg = true, fmt.Sprint(args...) }
