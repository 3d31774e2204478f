package portal

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/web"
	"wohnbruecke/mail"
)

// Mietführerschein pages (docs/design.md §11): course list and form, the course page with
// sessions, participants, attendance and exam, the printable certificate with its QR code
// and the public verification page.

// coursesNav adds the course pages to the navigation of those who run courses.
func coursesNav(items []NavItem, u *domain.User, current string) []NavItem {
	if !(domain.Actor{User: u}).CanManageCourses() {
		return items
	}
	return append(items, NavItem{Href: "/kurse", Label: "Mietführerschein", Current: current == "/kurse" || len(current) > 7 && current[:7] == "/kurse/"})
}

func (p *Portal) courseList(c *fiber.Ctx) error {
	rows, err := p.courses.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	figures, err := p.courses.Statistics(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return p.views.render(c, "courses", p.page(c, "Mietführerschein – Kurse", struct {
		Rows  []store.CourseListRow
		Stats *courses.Statistics
	}{rows, figures}))
}

func (p *Portal) courseNew(c *fiber.Ctx) error {
	if !actor(c).CanManageCourses() {
		return domain.ErrForbidden
	}
	pg := p.page(c, "Neuen Kurs planen", nil)
	pg.Form.Set("capacity", "12")
	pg.Form.Set("min_attendance_percent", strconv.Itoa(domain.DefaultMinAttendancePercent))
	pg.Form.Set("validity_months", strconv.Itoa(domain.DefaultValidityMonths))
	pg.Form["languages"] = []string{"de"}
	return p.views.render(c, "course_form", pg)
}

func (p *Portal) courseCreate(c *fiber.Ctx) error {
	pg := p.page(c, "Neuen Kurs planen", nil)
	pg.Form = postedForm(c)
	f := pg.Form
	in := courses.CourseInput{Title: f.Get("title"), Languages: f["languages"], Interpreters: f.Get("interpreters"),
		Trainers: f.Get("trainers"), Capacity: formInt(f, "capacity"), MinAttendancePercent: formInt(f, "min_attendance_percent"),
		ValidityMonths: formInt(f, "validity_months"), Refresher: f.Get("refresher") != ""}
	course, err := p.courses.Create(c.UserContext(), actor(c), in)
	if err != nil {
		return p.renderInvalid(c, err, "course_form", pg, nil, "title", "languages", "capacity")
	}
	return p.redirectWithFlash(c, coursePath(course.ID), "Der Kurs ist geplant. Legen Sie jetzt die Termine an.")
}

// formInt reads a whole number; anything else is -1, which every range check refuses.
func formInt(f FormValues, name string) int {
	n, err := strconv.Atoi(f.Get(name))
	if err != nil {
		return -1
	}
	return n
}

func coursePath(id int64) string { return "/kurse/" + strconv.FormatInt(id, 10) }

func (p *Portal) courseShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return p.renderCourse(c, id, nil)
}

// renderCourse shows the course page, with a form's errors when ve is set.
func (p *Portal) renderCourse(c *fiber.Ctx, id int64, ve *domain.ValidationError) error {
	v, err := p.courses.Detail(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	pg := p.page(c, v.Course.Title, v)
	if ve != nil {
		pg.Form = postedForm(c)
		c.Status(fiber.StatusUnprocessableEntity)
		pg = pg.withErrors(ve)
	} else {
		pg.Form.Set("language", "de")
		pg.Form.Set("exam_on", v.Course.ExamOn.String())
		pg.Form.Set("resit_on", v.Course.ResitOn.String())
		pg.Form.Set("panel", v.Course.Panel)
	}
	return p.views.render(c, "course", pg)
}

// courseAction runs one form of the course page and comes back to it.
func (p *Portal) courseAction(do func(p *Portal, c *fiber.Ctx, id int64) (string, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		msg, err := do(p, c, id)
		var ve *domain.ValidationError
		if errors.As(err, &ve) {
			return p.renderCourse(c, id, ve)
		}
		if m, ok := conflictMessage(err); ok {
			return p.redirectWithError(c, coursePath(id), m)
		}
		if err != nil {
			return err
		}
		return p.redirectWithFlash(c, coursePath(id), msg)
	}
}

func addCourseSession(p *Portal, c *fiber.Ctx, id int64) (string, error) {
	f := postedForm(c)
	day, _ := domain.ParseDate(f.Get("day"))
	err := p.courses.AddSession(c.UserContext(), actor(c), id, courses.SessionInput{Day: day, Start: f.Get("start"),
		End: f.Get("end"), Place: f.Get("place"), Modules: f["modules"]})
	return "Der Termin ist angelegt.", err
}

func moveCourse(p *Portal, c *fiber.Ctx, id int64) (string, error) {
	to := domain.CourseStatus(c.FormValue("to"))
	if !domain.CourseTransitions.Valid(to) {
		return "", domain.ErrNotFound
	}
	return "Der Kurs ist jetzt „" + to.Label() + "“.", p.courses.Move(c.UserContext(), actor(c), id, to)
}

func enrolParticipant(p *Portal, c *fiber.Ctx, id int64) (string, error) {
	f := postedForm(c)
	pt, err := p.courses.Enrol(c.UserContext(), actor(c), id, courses.EnrolInput{HouseholdRef: f.Get("household_ref"),
		Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), Language: domain.Language(f.Get("language"))})
	if err != nil {
		return "", err
	}
	if pt.Waitlisted {
		return pt.Name + " steht auf der Warteliste: der Kurs ist voll.", nil
	}
	return pt.Name + " ist angemeldet.", nil
}

func setCourseExam(p *Portal, c *fiber.Ctx, id int64) (string, error) {
	examOn, _ := domain.ParseDate(c.FormValue("exam_on"))
	resitOn, _ := domain.ParseDate(c.FormValue("resit_on"))
	return "Prüfung und Prüfungskommission sind eingetragen.", p.courses.SetExam(c.UserContext(), actor(c), id, examOn, resitOn, c.FormValue("panel"))
}

func setAttendance(p *Portal, c *fiber.Ctx, id int64) (string, error) {
	sessionID, err := pathID(c, "session")
	if err != nil {
		return "", err
	}
	present := map[int64]bool{}
	for _, v := range postedForm(c)["present"] {
		if pid, err := strconv.ParseInt(v, 10, 64); err == nil {
			present[pid] = true
		}
	}
	return "Die Anwesenheit ist eingetragen.", p.courses.SetAttendance(c.UserContext(), actor(c), id, sessionID, present)
}

func recordExam(p *Portal, c *fiber.Ctx, _ int64) (string, error) {
	pid, err := pathID(c, "participant")
	if err != nil {
		return "", err
	}
	f := postedForm(c)
	pre := "exam-" + c.Params("participant") + "-"
	in := courses.ExamInput{Written: formInt(f, pre+"written"), Practical: formInt(f, pre+"practical"), Oral: formInt(f, pre+"oral")}
	r, err := p.courses.RecordExam(c.UserContext(), actor(c), pid, in)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		out := domain.NewValidationError()
		for _, k := range ve.FieldNames() {
			out.Add(pre+k, ve.Fields[k])
		}
		return "", out
	}
	if err != nil {
		return "", err
	}
	if r.Passed {
		return "Bestanden mit " + strconv.Itoa(r.Total()) + " Punkten. Das Zertifikat ist ausgestellt.", nil
	}
	return "Nicht bestanden (" + strconv.Itoa(r.Total()) + " Punkte). Die Wiederholungsprüfung ist möglich.", nil
}

func linkParticipant(p *Portal, c *fiber.Ctx, _ int64) (string, error) {
	pid, err := pathID(c, "participant")
	if err != nil {
		return "", err
	}
	err = p.courses.LinkHousehold(c.UserContext(), actor(c), pid, c.FormValue("household_ref-"+c.Params("participant")))
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		out := domain.NewValidationError()
		out.Add("household_ref-"+c.Params("participant"), ve.Fields["household_ref"])
		return "", out
	}
	return "Die Person ist mit dem Haushalt verknüpft.", err
}

func revokeCertificate(p *Portal, c *fiber.Ctx, _ int64) (string, error) {
	cid, err := pathID(c, "cert")
	if err != nil {
		return "", err
	}
	err = p.courses.Revoke(c.UserContext(), actor(c), cid, c.FormValue("reason-"+c.Params("cert")))
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		out := domain.NewValidationError()
		out.Add("reason-"+c.Params("cert"), ve.Fields["reason"])
		return "", out
	}
	return "Das Zertifikat ist widerrufen.", err
}

// certificateView is the printable certificate.
type certificateView struct {
	Cert      *domain.Certificate
	Course    *domain.Course
	Number    string
	VerifyURL string
	Texts     []certText
}

func (p *Portal) certificatePrint(c *fiber.Ctx) error {
	id, err := pathID(c, "cert")
	if err != nil {
		return err
	}
	cert, course, err := p.courses.Certificate(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	v := certificateView{Cert: cert, Course: course, Number: domain.FormatCertificateNumber(cert.Number),
		VerifyURL: p.links.Certificate(cert.Number), Texts: certTexts(cert.Language)}
	return p.views.render(c, "certificate_print", p.page(c, "Integrationszertifikat Wohnen", v))
}

// certificateQR is the QR code of the certificate's verification address, as PNG.
func (p *Portal) certificateQR(c *fiber.Ctx) error {
	id, err := pathID(c, "cert")
	if err != nil {
		return err
	}
	cert, _, err := p.courses.Certificate(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(p.links.Certificate(cert.Number), qrcode.Medium, -8) // 8 pixels per module
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(png)
}

// errVerifyThrottled answers the verification page sent too often from one address.
var errVerifyThrottled = &web.Error{Status: fiber.StatusTooManyRequests, Code: "too_many_requests",
	Message: "Zu viele Prüfungen von diesem Anschluss. Bitte warten Sie eine Stunde und versuchen Sie es dann noch einmal."}

// certificateVerify is the public verification page: no login, only the state, the two
// dates and the initials (courses.Verification).
func (p *Portal) certificateVerify(c *fiber.Ctx) error {
	v, err := p.courses.Verify(c.UserContext(), web.ClientIP(c), web.PathParam(c, "number"))
	if errors.Is(err, domain.ErrThrottled) {
		c.Set(fiber.HeaderRetryAfter, "3600")
		return errVerifyThrottled
	}
	c.Set("X-Robots-Tag", "noindex")
	c.Set(fiber.HeaderCacheControl, "no-store")
	if errors.Is(err, domain.ErrNotFound) {
		c.Status(fiber.StatusNotFound)
		return p.views.render(c, "certificate_verify", p.page(c, "Zertifikat prüfen", (*courses.Verification)(nil)))
	}
	if err != nil {
		return err
	}
	return p.views.render(c, "certificate_verify", p.page(c, "Zertifikat prüfen", v))
}

// courseInvitationView is the printed list of sessions for a participant without email.
type courseInvitationView struct {
	Course      *domain.Course
	Participant courses.ParticipantView
	Sessions    []domain.CourseSession
	Texts       []mail.Texts
	Phone       string
}

// courseInvitationPrint is the printable invitation to all sessions in the participant's
// language with German alongside, for people without email.
func (p *Portal) courseInvitationPrint(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	pid, err := pathID(c, "participant")
	if err != nil {
		return err
	}
	v, err := p.courses.Detail(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	for _, pv := range append(v.Participants, v.Waiting...) {
		if pv.ID == pid {
			return p.views.render(c, "course_invitation_print", p.page(c, "Einladung drucken – "+pv.Name, courseInvitationView{
				Course: v.Course, Participant: pv, Sessions: v.Sessions, Texts: p.mail.ApplicantTexts(pv.Language), Phone: p.opts.FachstellePhone}))
		}
	}
	return domain.ErrNotFound
}
