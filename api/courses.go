package api

import (
	"errors"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/courses"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/web"
)

// Mietführerschein: courses, participants, certificates and the public verification.

type courseJSON struct {
	ID                   int64               `json:"id"`
	Title                string              `json:"title"`
	Languages            []string            `json:"languages"`
	Interpreters         string              `json:"interpreters"`
	Trainers             string              `json:"trainers"`
	Capacity             int                 `json:"capacity"`
	MinAttendancePercent int                 `json:"min_attendance_percent"`
	ValidityMonths       int                 `json:"validity_months"`
	Refresher            bool                `json:"refresher"`
	Status               domain.CourseStatus `json:"status"`
	ExamOn               domain.Date         `json:"exam_on"`
	ResitOn              domain.Date         `json:"resit_on"`
	Panel                string              `json:"panel"`
}

func courseOut(c *domain.Course) courseJSON {
	langs := []string(c.Languages)
	if langs == nil {
		langs = []string{}
	}
	return courseJSON{ID: c.ID, Title: c.Title, Languages: langs, Interpreters: c.Interpreters, Trainers: c.Trainers,
		Capacity: c.Capacity, MinAttendancePercent: c.MinAttendancePercent, ValidityMonths: c.ValidityMonths,
		Refresher: c.Refresher, Status: c.Status, ExamOn: c.ExamOn, ResitOn: c.ResitOn, Panel: c.Panel}
}

type courseListItem struct {
	courseJSON
	Enrolled   int `json:"enrolled"`
	Waitlisted int `json:"waitlisted"`
	Sessions   int `json:"sessions"`
}

type sessionJSON struct {
	ID       int64     `json:"id"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Place    string    `json:"place"`
	Modules  []string  `json:"modules"`
}

type resultJSON struct {
	Attempt   int         `json:"attempt"`
	TakenOn   domain.Date `json:"taken_on"`
	Written   int         `json:"written"`
	Practical int         `json:"practical"`
	Oral      int         `json:"oral"`
	Total     int         `json:"total"`
	Passed    bool        `json:"passed"`
}

type certificateJSON struct {
	ID            int64                   `json:"id"`
	Number        string                  `json:"number"`
	HolderName    string                  `json:"holder_name"`
	HouseholdID   *int64                  `json:"household_id"`
	IssuedOn      domain.Date             `json:"issued_on"`
	ValidUntil    domain.Date             `json:"valid_until"`
	State         domain.CertificateState `json:"state"`
	RevokedReason string                  `json:"revoked_reason"`
	VerifyPath    string                  `json:"verify_path"`
}

func certificateOut(c *domain.Certificate, today domain.Date) *certificateJSON {
	if c == nil {
		return nil
	}
	return &certificateJSON{ID: c.ID, Number: c.Number, HolderName: c.HolderName, HouseholdID: c.HouseholdID,
		IssuedOn: c.IssuedOn, ValidUntil: c.ValidUntil, State: c.StateOn(today), RevokedReason: c.RevokedReason,
		VerifyPath: "/api/v1/certificates/verify/" + c.Number}
}

type participantJSON struct {
	ID          int64            `json:"id"`
	Name        string           `json:"name"`
	Email       string           `json:"email"`
	Phone       string           `json:"phone"`
	Language    domain.Language  `json:"language"`
	HouseholdID *int64           `json:"household_id"`
	Waitlisted  bool             `json:"waitlisted"`
	Attended    int              `json:"attended"`
	MayTakeExam bool             `json:"may_take_exam"`
	Results     []resultJSON     `json:"results"`
	Certificate *certificateJSON `json:"certificate"`
}

type courseDetailJSON struct {
	courseJSON
	Sessions     []sessionJSON     `json:"sessions"`
	Participants []participantJSON `json:"participants"`
}

func (a *API) courseList(c *fiber.Ctx) error {
	pg, err := pageQuery(c, "c")
	if err != nil {
		return err
	}
	rows, err := a.courses.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return answerPage(c, "c", pg, rows, func(r *store.CourseListRow) int64 { return r.ID }, func(r *store.CourseListRow) courseListItem {
		return courseListItem{courseJSON: courseOut(&r.Course), Enrolled: r.Enrolled, Waitlisted: r.Waitlisted, Sessions: r.Sessions}
	})
}

func (a *API) courseShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return a.courseAnswer(c, id, fiber.StatusOK)
}

func (a *API) courseAnswer(c *fiber.Ctx, id int64, status int) error {
	v, err := a.courses.Detail(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	out := courseDetailJSON{courseJSON: courseOut(v.Course), Sessions: []sessionJSON{}, Participants: []participantJSON{}}
	for _, s := range v.Sessions {
		mods := []string(s.Modules)
		if mods == nil {
			mods = []string{}
		}
		out.Sessions = append(out.Sessions, sessionJSON{ID: s.ID, StartsAt: s.StartsAt, EndsAt: s.EndsAt, Place: s.Place, Modules: mods})
	}
	for _, p := range append(append([]courses.ParticipantView{}, v.Participants...), v.Waiting...) {
		pj := participantJSON{ID: p.ID, Name: p.Name, Email: p.Email, Phone: p.Phone, Language: p.Language, HouseholdID: p.HouseholdID,
			Waitlisted: p.Waitlisted, Attended: p.Attended, MayTakeExam: p.MayTakeExam, Results: []resultJSON{},
			Certificate: certificateOut(p.Certificate, v.Today)}
		for _, r := range p.Results {
			pj.Results = append(pj.Results, resultJSON{Attempt: r.Attempt, TakenOn: r.TakenOn, Written: r.Written,
				Practical: r.Practical, Oral: r.Oral, Total: r.Total(), Passed: r.Passed})
		}
		out.Participants = append(out.Participants, pj)
	}
	if status == fiber.StatusCreated {
		return created(c, fmt.Sprintf("/api/v1/courses/%d", id), out)
	}
	return c.JSON(out)
}

type courseInputJSON struct {
	Title                string   `json:"title"`
	Languages            []string `json:"languages"`
	Interpreters         string   `json:"interpreters"`
	Trainers             string   `json:"trainers"`
	Capacity             int      `json:"capacity"`
	MinAttendancePercent *int     `json:"min_attendance_percent"`
	ValidityMonths       *int     `json:"validity_months"`
	Refresher            bool     `json:"refresher"`
}

func (a *API) courseCreate(c *fiber.Ctx) error {
	var in courseInputJSON
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	ci := courses.CourseInput{Title: in.Title, Languages: in.Languages, Interpreters: in.Interpreters, Trainers: in.Trainers,
		Capacity: in.Capacity, MinAttendancePercent: domain.DefaultMinAttendancePercent, ValidityMonths: domain.DefaultValidityMonths,
		Refresher: in.Refresher}
	if in.MinAttendancePercent != nil {
		ci.MinAttendancePercent = *in.MinAttendancePercent
	}
	if in.ValidityMonths != nil {
		ci.ValidityMonths = *in.ValidityMonths
	}
	course, err := a.courses.Create(c.UserContext(), actor(c), ci)
	if err != nil {
		return err
	}
	return a.courseAnswer(c, course.ID, fiber.StatusCreated)
}

type enrolJSON struct {
	Name               string          `json:"name"`
	Language           domain.Language `json:"language"`
	Email              string          `json:"email"`
	Phone              string          `json:"phone"`
	HouseholdReference string          `json:"household_reference"`
}

func (a *API) courseEnrol(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var in enrolJSON
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	_, err = a.courses.Enrol(c.UserContext(), actor(c), id, courses.EnrolInput{HouseholdRef: in.HouseholdReference,
		Name: in.Name, Email: in.Email, Phone: in.Phone, Language: in.Language})
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		if msg, ok := ve.Fields["household_ref"]; ok {
			delete(ve.Fields, "household_ref")
			ve.Add("household_reference", msg)
		}
	}
	if err != nil {
		return err
	}
	return a.courseAnswer(c, id, fiber.StatusCreated)
}

func (a *API) certificateList(c *fiber.Ctx) error {
	pg, err := pageQuery(c, "cz")
	if err != nil {
		return err
	}
	cs, err := a.courses.Certificates(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	today := a.store.Today()
	return answerPage(c, "cz", pg, cs, func(z *domain.Certificate) int64 { return z.ID },
		func(z *domain.Certificate) *certificateJSON { return certificateOut(z, today) })
}

type revokeJSON struct {
	Reason string `json:"reason"`
}

func (a *API) certificateRevoke(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var in revokeJSON
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	if err := a.courses.Revoke(c.UserContext(), actor(c), id, in.Reason); err != nil {
		return err
	}
	cert, err := a.store.CertificateByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(certificateOut(cert, a.store.Today()))
}

// verificationJSON is all the public verification endpoint says (courses.Verification).
type verificationJSON struct {
	State      domain.CertificateState `json:"state"`
	IssuedOn   domain.Date             `json:"issued_on"`
	ValidUntil domain.Date             `json:"valid_until"`
	Initials   string                  `json:"initials"`
}

// certificateVerify is public (no login) and throttled like the verification page.
func (a *API) certificateVerify(c *fiber.Ctx) error {
	v, err := a.courses.Verify(c.UserContext(), web.ClientIP(c), web.PathParam(c, "number"))
	if errors.Is(err, domain.ErrThrottled) {
		c.Set(fiber.HeaderRetryAfter, "3600")
	}
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(verificationJSON{State: v.State, IssuedOn: v.IssuedOn, ValidUntil: v.ValidUntil, Initials: v.Initials})
}
