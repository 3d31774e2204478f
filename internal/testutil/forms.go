package testutil

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

var (
	formTag     = regexp.MustCompile(`(?s)<form\b[^>]*>.*?</form>`)
	fieldTag    = regexp.MustCompile(`(?s)<input\b[^>]*>|<select\b[^>]*>.*?</select>|<textarea\b[^>]*>.*?</textarea>`)
	optionTag   = regexp.MustCompile(`(?s)<option\b[^>]*>`)
	tagAttr     = regexp.MustCompile(`([a-zA-Z_-]+)(?:="([^"]*)")?`)
	textareaTxt = regexp.MustCompile(`(?s)<textarea\b[^>]*>(.*?)</textarea>`)
)

// FormValuesOf returns what a browser would submit from the first form in page whose
// action is action: text inputs, hidden fields and textareas with their values, checked
// checkboxes and radios, and the selected (else first) option of each select.
func FormValuesOf(page, action string) (url.Values, bool) {
	for _, form := range formTag.FindAllString(page, -1) {
		open := form[:strings.IndexByte(form, '>')+1]
		if attrs(open)["action"] != action {
			continue
		}
		out := url.Values{}
		for _, f := range fieldTag.FindAllString(form, -1) {
			a := attrs(f[:strings.IndexByte(f, '>')+1])
			name, ok := a["name"]
			if !ok || name == "" {
				continue
			}
			switch {
			case strings.HasPrefix(f, "<select"):
				opts := optionTag.FindAllString(f, -1)
				chosen := ""
				for i, o := range opts {
					oa := attrs(o)
					if _, sel := oa["selected"]; sel || i == 0 {
						chosen = oa["value"]
					}
				}
				out.Add(name, chosen)
			case strings.HasPrefix(f, "<textarea"):
				out.Add(name, html.UnescapeString(textareaTxt.FindStringSubmatch(f)[1]))
			default:
				switch a["type"] {
				case "checkbox", "radio":
					if _, on := a["checked"]; on {
						out.Add(name, a["value"])
					}
				case "submit", "button":
				default:
					out.Add(name, a["value"])
				}
			}
		}
		return out, true
	}
	return nil, false
}

func attrs(tag string) map[string]string {
	out := map[string]string{}
	inner := strings.TrimSuffix(strings.TrimPrefix(tag, "<"), ">")
	if i := strings.IndexAny(inner, " \n\t"); i >= 0 {
		inner = inner[i:]
	} else {
		return out
	}
	for _, m := range tagAttr.FindAllStringSubmatch(inner, -1) {
		out[strings.ToLower(m[1])] = html.UnescapeString(m[2])
	}
	return out
}
