package testutil

// Browser tests: the real application on a loopback port, driven by Debian's Chromium
// through the DevTools protocol (chromedp), with axe-core injected into each page to check
// WCAG 2.1 AA. Chromium and axe-core are found through CHROMIUM_PATH and AXE_CORE_PATH or
// their usual places; when one is missing the test is skipped, or fails with
// REQUIRE_BROWSER=1 (CI). Screenshots go to ARTIFACT_DIR (default artifacts/screenshots
// under the module root).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"wohnbruecke/internal/server"
	"wohnbruecke/internal/store"
)

// BrowserTimeout is how long one browser action (a navigation, a click, a fill, an axe
// run) may take before the test fails. Generous, because CI shares two CPU cores.
const BrowserTimeout = 20 * time.Second

// browserStartTimeout bounds the start of Chromium itself.
const browserStartTimeout = 60 * time.Second

// axeTags are the axe-core rule tags that make up WCAG 2.1 level AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// StartApp serves the whole application (server.New) on a fresh loopback port with
// BASE_URL pointing at it, and returns that base URL without a trailing slash. env sets
// further configuration variables (may be nil). The server is shut down when the test
// ends; server errors at level WARN and above are written to the test log.
func StartApp(t testing.TB, st *store.Store, env map[string]string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("browser: listen on loopback: %v", err)
	}
	base := "http://" + ln.Addr().String()
	vars := map[string]string{}
	for k, v := range env {
		vars[k] = v
	}
	vars["LISTEN_ADDR"] = ln.Addr().String()
	vars["BASE_URL"] = base
	logger := slog.New(slog.NewTextHandler(testLogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	app, err := server.New(Config(t, vars), st, logger)
	if err != nil {
		_ = ln.Close()
		t.Fatalf("browser: build app: %v", err)
	}
	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	t.Cleanup(func() {
		if err := app.ShutdownWithTimeout(10 * time.Second); err != nil {
			t.Errorf("browser: shut down server: %v", err)
		}
		if err := <-served; err != nil {
			t.Errorf("browser: server: %v", err)
		}
	})
	return base
}

// testLogWriter writes the server's log lines to the test log.
type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Logf("server: %s", bytes.TrimRight(p, "\n"))
	return len(p), nil
}

// Browser is one Chromium tab pointed at a running application. Its methods fail the test
// they belong to (see With) with a message naming the page and the action; every action
// has its own timeout (Timeout).
type Browser struct {
	// BaseURL is where the application answers, e.g. http://127.0.0.1:41234.
	BaseURL string
	// Timeout bounds each action; NewBrowser sets BrowserTimeout.
	Timeout time.Duration

	t           testing.TB
	ctx         context.Context // the tab
	axeSource   string
	artifactDir string
	shots       *sync.Map // screenshot names already taken, shared by With copies
}

// Browse starts the application on st and a browser pointed at it: StartApp followed by
// NewBrowser. It skips (or fails with REQUIRE_BROWSER=1) before starting anything when
// Chromium or axe-core is missing.
func Browse(t testing.TB, st *store.Store) *Browser {
	t.Helper()
	RequireBrowser(t)
	return NewBrowser(t, StartApp(t, st, nil))
}

// RequireBrowser skips the test with installation instructions when Chromium or
// axe-core cannot be found, or fails it when REQUIRE_BROWSER=1. It returns the paths
// of the Chromium binary and of axe.min.js.
func RequireBrowser(t testing.TB) (chromium, axe string) {
	t.Helper()
	var missing []string
	chromium, err := findChromium()
	if err != nil {
		missing = append(missing, err.Error())
	}
	axe, err = findAxe()
	if err != nil {
		missing = append(missing, err.Error())
	}
	if len(missing) == 0 {
		return chromium, axe
	}
	if os.Getenv("REQUIRE_BROWSER") == "1" {
		t.Fatal("REQUIRE_BROWSER=1 but the browser test cannot run: " + strings.Join(missing, "; "))
	} else {
		t.Skip("browser test skipped: " + strings.Join(missing, "; "))
	}
	return "", ""
}

// findChromium returns CHROMIUM_PATH, else /usr/bin/chromium, chromium or
// chromium-browser on PATH.
func findChromium() (string, error) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CHROMIUM_PATH=%s: %w (install Chromium with `apt-get install -y chromium`)", p, err)
		}
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH)")
}

// axeRelPath is where `npm ci --prefix tools/axe` puts axe-core, relative to the module root.
const axeRelPath = "tools/axe/node_modules/axe-core/axe.min.js"

// findAxe returns AXE_CORE_PATH, else axe.min.js as installed in tools/axe.
func findAxe() (string, error) {
	if p := os.Getenv("AXE_CORE_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("AXE_CORE_PATH=%s: %w (install axe-core with `npm ci --prefix tools/axe`)", p, err)
		}
		return p, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, filepath.FromSlash(axeRelPath))
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("axe-core not found at %s (install it with `npm ci --prefix tools/axe`, or set AXE_CORE_PATH)", p)
	}
	return p, nil
}

// moduleRoot is the nearest directory above the working directory with a go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("browser: working directory: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("browser: no go.mod above the working directory")
		}
		dir = parent
	}
}

// ArtifactDir is where screenshots are written: ARTIFACT_DIR (relative paths are taken
// from the module root), else artifacts/screenshots under the module root.
func ArtifactDir() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	dir := os.Getenv("ARTIFACT_DIR")
	if dir == "" {
		return filepath.Join(root, "artifacts", "screenshots"), nil
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	return dir, nil
}

// NewBrowser starts a headless Chromium with a fresh, empty profile and one tab at a
// 1280×900 viewport. Chromium is closed when the test ends. It skips or fails like
// RequireBrowser when Chromium or axe-core is missing.
func NewBrowser(t testing.TB, baseURL string) *Browser {
	t.Helper()
	chromium, axePath := RequireBrowser(t)
	axeSource, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("browser: read axe-core: %v", err)
	}
	artifacts, err := ArtifactDir()
	if err != nil {
		t.Fatal(err)
	}
	var output SyncBuffer
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// /dev/shm is tiny in many containers; Chromium crashes when it fills up.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "de-DE"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&output), // Chromium writes while the test may read
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// The first Do starts Chromium and ties its life to the context it gets, so it must
	// not carry a timeout; the start is bounded by a timer instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tabCtx) }()
	select {
	case err = <-started:
	case <-time.After(browserStartTimeout):
		err = fmt.Errorf("no answer within %s", browserStartTimeout)
	}
	if err != nil {
		cancelTab()
		cancelAlloc()
		t.Fatalf("browser: start %s: %v\n%s", chromium, err, output.String())
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(tabCtx, 10*time.Second)
		defer cancel()
		_ = chromedp.Cancel(ctx) // closes the browser gracefully
		cancelTab()
		cancelAlloc() // kills what is left and waits for the process
	})
	b := &Browser{
		BaseURL:     strings.TrimSuffix(baseURL, "/"),
		Timeout:     BrowserTimeout,
		t:           t,
		ctx:         tabCtx,
		axeSource:   string(axeSource),
		artifactDir: artifacts,
		shots:       &sync.Map{},
	}
	b.SetViewport(1280, 900, 1)
	return b
}

// With returns a copy of the browser (the same tab) that reports to t; use it inside
// subtests, because a failure must be reported on the test's own goroutine.
func (b *Browser) With(t testing.TB) *Browser {
	c := *b
	c.t = t
	return &c
}

// run performs one chromedp action with the browser's timeout.
func run[T any](b *Browser, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, b.Timeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// do performs actions without a value with the browser's timeout.
func (b *Browser) do(actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, b.Timeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// URL is the absolute address of a path on the application.
func (b *Browser) URL(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	return b.BaseURL + "/" + strings.TrimPrefix(path, "/")
}

// Visit opens a path (or an absolute URL), waits until the page has loaded and returns
// the HTTP status of the document. Error statuses do not fail the test.
func (b *Browser) Visit(path string) int {
	b.t.Helper()
	resp, err := run(b, chromedp.NavigateResponse(b.URL(path)))
	if err != nil {
		b.t.Fatalf("browser: visit %s: %v", path, err)
	}
	return int(resp.Status)
}

// Location is the current page's URL.
func (b *Browser) Location() string {
	b.t.Helper()
	loc, err := run(b, chromedp.Location())
	if err != nil {
		b.t.Fatalf("browser: location: %v", err)
	}
	return loc
}

// Path is the current page's path, e.g. "/vermieter".
func (b *Browser) Path() string {
	b.t.Helper()
	u, err := url.Parse(b.Location())
	if err != nil {
		b.t.Fatalf("browser: location: %v", err)
	}
	return u.Path
}

// findFieldJS finds the input, select or textarea whose id is the argument, or whose
// label reads like the argument (an "(optional)" suffix is ignored).
const findFieldJS = `((want) => {
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const isField = (el) => !!el && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName);
  const byID = document.getElementById(want);
  if (isField(byID)) return byID;
  for (const label of document.querySelectorAll("label")) {
    const text = norm(label.textContent).replace(/\s*\(optional\)$/, "");
    if (text === want && isField(label.control)) return label.control;
  }
  return null;
})(%s)`

// findClickableJS finds the link or button whose id, accessible label or visible text
// is the argument.
const findClickableJS = `((want) => {
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const sel = "a[href], button, input[type=submit], input[type=button], summary";
  const byID = document.getElementById(want);
  if (byID && byID.matches(sel)) return byID;
  for (const el of document.querySelectorAll(sel)) {
    const name = norm(el.getAttribute("aria-label") || el.innerText || el.value);
    if (name === want) return el;
  }
  return null;
})(%s)`

// listJS lists what a failed lookup could have used, for the error message.
const listJS = `(() => {
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  return {
    labels: [...document.querySelectorAll("label")].map((l) => norm(l.textContent)),
    clickables: [...document.querySelectorAll("a[href], button, input[type=submit]")].map((e) => norm(e.getAttribute("aria-label") || e.innerText || e.value)),
  };
})()`

// locate returns a JSPath selector for the element the lookup finds, failing the test
// with the available labels and buttons when there is none. The pages are
// server-rendered, so a missing element will not appear later.
func (b *Browser) locate(lookupJS, what, name string) chromedp.JSPath {
	b.t.Helper()
	arg, _ := json.Marshal(name)
	expr := fmt.Sprintf(lookupJS, arg)
	found, err := run(b, chromedp.Evaluate[bool]("("+expr+") !== null"))
	if err != nil {
		b.t.Fatalf("browser: look for %s %q on %s: %v", what, name, b.Path(), err)
	}
	if !found {
		var avail struct {
			Labels     []string `json:"labels"`
			Clickables []string `json:"clickables"`
		}
		b.Eval(listJS, &avail)
		b.t.Fatalf("browser: no %s %q on %s\nlabels: %q\nlinks and buttons: %q",
			what, name, b.Path(), avail.Labels, avail.Clickables)
	}
	return chromedp.JSPath(expr)
}

// Fill types value into the field with this label text or id, replacing what it held.
// For a select, value is the option's value or its visible text.
func (b *Browser) Fill(field, value string) {
	b.t.Helper()
	sel := b.locate(findFieldJS, "field", field)
	tag, err := run(b, chromedp.Evaluate[string](string(sel)+".tagName"))
	if err != nil {
		b.t.Fatalf("browser: fill %q: %v", field, err)
	}
	if tag == "SELECT" {
		arg, _ := json.Marshal(value)
		ok, err := run(b, chromedp.Evaluate[bool](fmt.Sprintf(`((el, want) => {
  const o = [...el.options].find((o) => o.value === want || o.text.trim() === want);
  if (!o) return false;
  el.value = o.value;
  el.dispatchEvent(new Event("change", {bubbles: true}));
  return true;
})(%s, %s)`, sel, arg)))
		if err != nil || !ok {
			b.t.Fatalf("browser: select %q in %q on %s: no such option (%v)", value, field, b.Path(), err)
		}
		return
	}
	clear := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`((el) => { el.value = ""; })(%s)`, sel))
	if err := b.do(clear, chromedp.SendKeys(sel, value)); err != nil {
		b.t.Fatalf("browser: fill %q on %s: %v", field, b.Path(), err)
	}
}

// Check ticks the checkbox or radio button with this label text or id (unless it is
// ticked already).
func (b *Browser) Check(field string) {
	b.t.Helper()
	sel := b.locate(findFieldJS, "checkbox or radio button", field)
	checked, err := run(b, chromedp.Evaluate[bool](string(sel)+".checked"))
	if err != nil {
		b.t.Fatalf("browser: check %q: %v", field, err)
	}
	if !checked {
		if err := b.do(chromedp.Click(sel)); err != nil {
			b.t.Fatalf("browser: check %q on %s: %v", field, b.Path(), err)
		}
	}
}

// Click clicks the link or button with this visible text, accessible label or id, waits
// for the page it leads to and returns that page's HTTP status. (Without JavaScript every
// link and button of the portal loads a page; a click that loads nothing times out.)
func (b *Browser) Click(name string) int {
	b.t.Helper()
	sel := b.locate(findClickableJS, "link or button", name)
	from := b.Path()
	ctx, cancel := context.WithTimeout(b.ctx, b.Timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
	if err != nil {
		b.t.Fatalf("browser: click %q on %s: %v", name, from, err)
	}
	return int(resp.Status)
}

// Press sends key presses to the focused element, e.g. "\t" for Tab and "\r" for Enter
// (see github.com/chromedp/chromedp/kb for other keys). It does not wait for a page load.
func (b *Browser) Press(keys string) {
	b.t.Helper()
	if err := b.do(chromedp.KeyEvent(keys)); err != nil {
		b.t.Fatalf("browser: press %q on %s: %v", keys, b.Path(), err)
	}
}

// Text returns the visible text of the first element matching a CSS selector.
func (b *Browser) Text(css string) string {
	b.t.Helper()
	txt, err := run(b, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("browser: text of %q on %s: %v", css, b.Path(), err)
	}
	return strings.TrimSpace(txt)
}

// Eval runs a JavaScript expression in the page (promises are awaited) and decodes its
// JSON value into out (nil to ignore it).
func (b *Browser) Eval(js string, out any) {
	b.t.Helper()
	raw, err := run(b, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("browser: evaluate on %s: %v\n%s", b.Path(), err, js)
	}
	if out == nil {
		return
	}
	if err := json.Unmarshal(raw, out); err != nil {
		b.t.Fatalf("browser: decode result %s: %v", raw, err)
	}
}

// Login signs in through the login form and fails the test unless the portal lets the
// user in (the browser leaves /login).
func (b *Browser) Login(email, password string) {
	b.t.Helper()
	b.Visit("/login")
	b.Fill("E-Mail-Adresse", email)
	b.Fill("Passwort", password)
	b.Click("Anmelden")
	if p := b.Path(); p == "/login" {
		b.t.Fatalf("browser: login as %s failed; the page says: %s", email, b.Text("main"))
	}
}

// SetViewport emulates a viewport of width×height CSS pixels with a device scale
// factor (1 for a desktop, 2 to emulate 200 % zoom at half the width).
func (b *Browser) SetViewport(width, height int64, scale float64) {
	b.t.Helper()
	if err := b.do(chromedp.EmulateViewport(width, height, chromedp.EmulateScale(scale))); err != nil {
		b.t.Fatalf("browser: viewport %dx%d@%g: %v", width, height, scale, err)
	}
}

// overflowJS measures horizontal scrolling and names the elements that reach beyond
// the viewport.
const overflowJS = `(() => {
  const doc = document.documentElement, width = doc.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 0.5) {
      wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "") + " (right edge " + Math.round(r.right) + "px)");
    }
  }
  return {scrollWidth: doc.scrollWidth, width: width, wide: wide.slice(0, 10)};
})()`

// CheckNoHorizontalScroll fails the test when the current page scrolls sideways at the
// current viewport (WCAG 1.4.10 Reflow), naming the elements that stick out.
func (b *Browser) CheckNoHorizontalScroll() {
	b.t.Helper()
	var m struct {
		ScrollWidth int      `json:"scrollWidth"`
		Width       int      `json:"width"`
		Wide        []string `json:"wide"`
	}
	b.Eval(overflowJS, &m)
	if m.ScrollWidth > m.Width {
		b.t.Errorf("browser: %s scrolls horizontally at %d px: scrollWidth %d\n%s",
			b.Path(), m.Width, m.ScrollWidth, strings.Join(m.Wide, "\n"))
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot saves a full-page PNG of the current page as
// <ArtifactDir>/<test name>--<name>.png and returns its path. Names must be unique
// within a test.
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	file := unsafeName.ReplaceAllString(b.t.Name(), "_") + "--" + unsafeName.ReplaceAllString(name, "_") + ".png"
	if _, dup := b.shots.LoadOrStore(file, true); dup {
		b.t.Fatalf("browser: screenshot %q taken twice in this test", name)
	}
	png, err := run(b, chromedp.FullScreenshot(100)) // quality 100 means PNG
	if err != nil {
		b.t.Fatalf("browser: screenshot of %s: %v", b.Path(), err)
	}
	if err := os.MkdirAll(b.artifactDir, 0o755); err != nil {
		b.t.Fatalf("browser: artifact folder: %v", err)
	}
	path := filepath.Join(b.artifactDir, file)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatalf("browser: write screenshot: %v", err)
	}
	return path
}

// AxeViolation is one failed axe-core rule on a page, with the elements that fail it.
type AxeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []AxeNode `json:"nodes"`
}

// AxeNode is one element that fails an axe-core rule.
type AxeNode struct {
	Target  []string `json:"target"`
	Summary string   `json:"summary"`
}

// axeRunJS runs axe-core on the document with the given tags and reduces the result to
// what AxeViolation holds; "incomplete" are the checks axe could not decide.
const axeRunJS = `axe.run(document, {
  runOnly: {type: "tag", values: %s},
  resultTypes: ["violations", "incomplete"],
}).then((r) => {
  const short = (list) => list.map((v) => ({
    id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => Array.isArray(t) ? t.join(" >>> ") : String(t)),
      summary: n.failureSummary || "",
    })),
  }));
  return {violations: short(r.violations), incomplete: short(r.incomplete)};
})`

// Axe injects axe-core into the current page through the DevTools protocol (the CSP
// forbids script tags that are not our own) and returns the WCAG 2.1 AA violations and
// the checks axe could not decide.
func (b *Browser) Axe() (violations, incomplete []AxeViolation) {
	b.t.Helper()
	loaded, err := run(b, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		b.t.Fatalf("browser: axe on %s: %v", b.Path(), err)
	}
	if !loaded {
		if err := b.do(chromedp.Evaluate[chromedp.Void](b.axeSource)); err != nil {
			b.t.Fatalf("browser: inject axe-core into %s: %v", b.Path(), err)
		}
	}
	tags, _ := json.Marshal(axeTags)
	var res struct {
		Violations []AxeViolation `json:"violations"`
		Incomplete []AxeViolation `json:"incomplete"`
	}
	b.Eval(fmt.Sprintf(axeRunJS, tags), &res)
	return res.Violations, res.Incomplete
}

// CheckA11y runs axe-core (WCAG 2.1 A and AA rules) on the current page and fails the
// test, without stopping it, listing every violation with its impact, help text and the
// selectors of the failing elements. Checks that axe could not decide are logged.
func (b *Browser) CheckA11y() {
	b.t.Helper()
	violations, incomplete := b.Axe()
	page := b.Path()
	for _, v := range incomplete {
		b.t.Logf("axe on %s: needs review: %s", page, FormatAxe([]AxeViolation{v}))
	}
	if len(violations) > 0 {
		b.t.Errorf("axe: %d WCAG 2.1 AA violation(s) on %s:\n%s", len(violations), page, FormatAxe(violations))
	}
}

// FormatAxe renders violations one rule per paragraph: id, impact, help, and per element
// its selector and axe's summary of what to fix.
func FormatAxe(vs []AxeViolation) string {
	var sb strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&sb, "- %s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&sb, "    %s\n", strings.Join(n.Target, ", "))
			if n.Summary != "" {
				fmt.Fprintf(&sb, "      %s\n", strings.ReplaceAll(n.Summary, "\n", "\n      "))
			}
		}
	}
	return sb.String()
}
