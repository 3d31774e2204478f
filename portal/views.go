package portal

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/tmplfunc"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// views holds one parsed template per page, each combined with the layout and partials.
// All pages are parsed at start-up, so a broken or missing view stops the start, not a
// request.
type views struct {
	pages map[string]*template.Template
}

var optionLists = map[string][]domain.Option{
	"household_status": domain.HouseholdStatusOptions,
	"vacancy_status":   domain.VacancyStatusOptions,
	"match_state":      domain.MatchStateOptions,
	"viewing_state":    domain.ViewingStateOptions,
	"focus_group":      domain.FocusGroups.Options(),
	"benefit":          domain.Benefits.Options(),
	"borough":          domain.Boroughs.Options(),
	"language":         domain.Languages.Options(),
	"landlord_kind":    domain.LandlordKinds.Options(),
	"restriction":      domain.Restrictions.Options(),
	"sex":              domain.Sexes.Options(),
	"emergency":        domain.EmergencyCategories.Options(),
	"consent":          domain.ConsentKinds.Options(),
	"urgency":          domain.Urgencies.Options(),
	"rejection_reason": domain.RejectionReasonOptions,
	"landlord_status":  domain.LandlordStatusOptions,
	"role":             domain.Roles.Options(),
	"track":            domain.Tracks.Options(),
	"wait":             {{Value: "90", Label: "mindestens 3 Monate"}, {Value: "180", Label: "mindestens 6 Monate"}, {Value: "365", Label: "mindestens 1 Jahr"}, {Value: "730", Label: "mindestens 2 Jahre"}},

	// Tenancy phase.
	"tenancy_status":     domain.TenancyStatusOptions,
	"tenancy_end_reason": domain.TenancyEndReasons.Options(),
	"report_status":      domain.ReportStatusOptions,
	"report_category":    domain.ReportCategories.Options(),
	"report_urgency":     domain.ReportUrgencies.Options(),
	"visit_kind":         domain.VisitKinds.Options(),
	"visit_topic":        domain.VisitTopics.Options(),
}

var funcs = template.FuncMap{
	"dict": tmplfunc.Dict,
	"options": func(list string) ([]domain.Option, error) {
		opts, ok := optionLists[list]
		if !ok {
			return nil, fmt.Errorf("options: unknown list %q", list)
		}
		return opts, nil
	},
	"memberField":   func(i int, field string) string { return fmt.Sprintf("members[%d].%s", i, field) },
	"add":           func(a, b int) int { return a + b },
	"auditEntities": func() []domain.Option { return domain.AuditEntities },
	// decimal writes a number with one decimal the German way ("82,6").
	"decimal": func(f float64) string { return domain.Decimal(f, 1) },
	"derefFloat": func(f *float64) float64 {
		if f == nil {
			return 0
		}
		return *f
	},
	"derefInt": func(n *int) int {
		if n == nil {
			return 0
		}
		return *n
	},
	"label": func(list string, value any) (string, error) {
		opts, ok := optionLists[list]
		if !ok {
			return "", fmt.Errorf("label: unknown list %q", list)
		}
		code, err := codeOf(value)
		if err != nil {
			return "", fmt.Errorf("label %s: %w", list, err)
		}
		return domain.Label(opts, code), nil
	},
	"slotTime":    domain.ViewingTime,
	"answerNote":  answerNote,
	"viewingNote": viewingNote,
	"staffOptions": func(users []domain.User) []domain.Option {
		opts := make([]domain.Option, len(users))
		for i, u := range users {
			opts[i] = domain.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name}
		}
		return opts
	},
	"datetime": func(t any) string {
		switch v := t.(type) {
		case *time.Time:
			if v != nil {
				return v.In(domain.Berlin).Format("02.01.2006, 15:04 Uhr")
			}
		case time.Time:
			return v.In(domain.Berlin).Format("02.01.2006, 15:04 Uhr")
		}
		return ""
	},
}

func loadViews() (*views, error) {
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("portal: parse layout: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("portal: list pages: %w", err)
	}
	v := &views{pages: make(map[string]*template.Template, len(files))}
	for _, f := range files {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("portal: parse %s: %w", f, err)
		}
		v.pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return v, nil
}

// require fails when a page a handler uses has no template.
func (v *views) require(names ...string) error {
	for _, n := range names {
		if _, ok := v.pages[n]; !ok {
			return fmt.Errorf("portal: view %q is not declared", n)
		}
	}
	return nil
}

func (v *views) render(c *fiber.Ctx, name string, p *Page) error {
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("portal: view %q is not declared", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("portal: render %s: %w", name, err)
	}
	c.Type("html", "utf-8")
	return c.Send(buf.Bytes())
}

// codeOf is the wire form of an enumeration value as templates pass it: a plain string, a
// typed code (domain.Benefit) or a typed number (domain.Urgency).
func codeOf(value any) (string, error) {
	v := reflect.ValueOf(value)
	switch v.Kind() {
	case reflect.String:
		return v.String(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), nil
	}
	return "", fmt.Errorf("value %v of type %T is not an enumeration code", value, value)
}
