package mail

import (
	"fmt"

	"wohnbruecke/internal/domain"
)

// Mietführerschein messages: the invitation to each course session (with its .ics) and
// the reminder the day before, in the participant's language with German alongside; the
// refresher reminder to the certificate's holder and a German copy to the companion.
const (
	KindCourseInvitation = "course_invitation"
	KindCourseReminder   = "course_reminder"
	KindRefresher        = "certificate_refresher"
	KindRefresherCopy    = "certificate_refresher_copy"
)

// CourseSessionMessage is one session for one participant. Viewing carries the session's
// time, place and calendar UID (the .ics machinery is the viewings').
type CourseSessionMessage struct {
	ParticipantID int64
	Applicant     Contact // the participant; greeting and recipient
	Language      domain.Language
	Course        string
	Topics        string
	Viewing       Viewing
}

// CourseInvitation composes the invitation to a session with a calendar request.
func (c *Composer) CourseInvitation(d CourseSessionMessage) ([]domain.OutboxMessage, error) {
	return c.courseSession(d, "course_invitation", KindCourseInvitation, "invitation")
}

// CourseReminder composes the reminder the day before a session.
func (c *Composer) CourseReminder(d CourseSessionMessage) ([]domain.OutboxMessage, error) {
	return c.courseSession(d, "course_reminder", KindCourseReminder, "reminder")
}

func (c *Composer) courseSession(d CourseSessionMessage, tmpl, kind, event string) ([]domain.OutboxMessage, error) {
	if err := d.Viewing.check(); err != nil {
		return nil, fmt.Errorf("mail: %s: %w", kind, err)
	}
	if !d.Applicant.hasEmail() {
		return nil, nil // printed instead (the course page's printable invitation)
	}
	langs := applicantLanguages(d.Language)
	r, err := c.render(tmpl, langs, d)
	if err != nil {
		return nil, err
	}
	ics, err := c.calendar(MethodRequest, d.Viewing, r.Subject, d.Applicant)
	if err != nil {
		return nil, err
	}
	return []domain.OutboxMessage{{
		DedupeKey: fmt.Sprintf("course-session/%d/%s/participant-%d", d.Viewing.ID, event, d.ParticipantID), Kind: kind,
		ToAddress: d.Applicant.Email, ToName: d.Applicant.Name, Language: string(langs[0]), Subject: r.Subject,
		BodyText: r.Text, BodyHTML: r.HTML, ICS: ics,
	}}, nil
}

// RefresherMessage is the reminder that a certificate expires soon.
type RefresherMessage struct {
	CertificateID int64
	Applicant     Contact // the holder
	Language      domain.Language
	Companion     *Contact
	ValidUntil    domain.Date
}

// CertificateRefresher composes the refresher reminder: to the holder (when it has an
// email address) in its language with German alongside, and in German to the companion.
// The dedupe key names the certificate and its last day, so a renewed certificate is
// reminded again before its new expiry, and each expiry only once.
func (c *Composer) CertificateRefresher(d RefresherMessage) ([]domain.OutboxMessage, error) {
	base := fmt.Sprintf("certificate/%d/refresher/%s", d.CertificateID, d.ValidUntil.ISO())
	var out []domain.OutboxMessage
	seen := recipients{}
	if seen.add(&d.Applicant) {
		langs := applicantLanguages(d.Language)
		r, err := c.render("refresher", langs, d)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.OutboxMessage{DedupeKey: base + "/holder", Kind: KindRefresher, ToAddress: d.Applicant.Email,
			ToName: d.Applicant.Name, Language: string(langs[0]), Subject: r.Subject, BodyText: r.Text, BodyHTML: r.HTML})
	}
	if seen.add(d.Companion) {
		cp := d
		cp.Applicant = *d.Companion
		r, err := c.render("refresher", germanOnly, cp)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.OutboxMessage{DedupeKey: base + "/companion", Kind: KindRefresherCopy, ToAddress: d.Companion.Email,
			ToName: d.Companion.Name, Language: string(domain.LanguageDE), Subject: r.Subject, BodyText: r.Text, BodyHTML: r.HTML})
	}
	return out, nil
}
