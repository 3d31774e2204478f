package testutil

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// Client drives a Fiber app in-process like a browser: it keeps cookies and finds CSRF
// tokens in the pages it reads.
type Client struct {
	t       testing.TB
	app     *fiber.App
	cookies map[string]string
	// Header is sent with every request (e.g. X-Forwarded-For is not trusted; use for Accept).
	Header http.Header
}

// Response is what a request returned.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// NewClient returns a client without cookies.
func NewClient(t testing.TB, app *fiber.App) *Client {
	return &Client{t: t, app: app, cookies: map[string]string{}, Header: http.Header{}}
}

// Cookie returns a cookie's current value.
func (c *Client) Cookie(name string) string { return c.cookies[name] }

// Do sends a request and records the cookies the answer sets.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := c.app.Test(req, -1)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("read body: %v", err)
	}
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// Get requests a path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	return c.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// PostForm posts a form as it is (add "_csrf" yourself, or use Submit).
func (c *Client) PostForm(path string, form url.Values) *Response {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// CSRFFrom extracts the CSRF token of the first form in a page.
func CSRFFrom(t testing.TB, body string) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token in page:\n%s", body)
	}
	return m[1]
}

// Submit reads the page at formPage, takes its CSRF token, and posts the form to action.
func (c *Client) Submit(formPage, action string, form url.Values) *Response {
	c.t.Helper()
	page := c.Get(formPage)
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", CSRFFrom(c.t, page.Body))
	return c.PostForm(action, form)
}

// Login signs in through the login form and returns the answer to the POST.
func (c *Client) Login(email, password string) *Response {
	c.t.Helper()
	return c.Submit("/login", "/login", url.Values{"email": {email}, "password": {password}})
}
