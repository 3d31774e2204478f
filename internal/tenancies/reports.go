package tenancies

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// ReportView is a report with its tenancy and thread, for the actor that reads it.
type ReportView struct {
	Report  store.ReportRow
	Tenancy *store.TenancyRow
	Replies []domain.ReportReply
}

// FileReport records a landlord's report about one of its running tenancies
// (domain.Actor.CanFileReport): the response target is the end of the configured number of
// NRW working days after today; the Ansprechperson and the companion get a message.
func (s *Service) FileReport(ctx context.Context, a domain.Actor, tenancyID int64, in domain.ReportInput) (*domain.Report, error) {
	var out *domain.Report
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		t, err := s.visible(ctx, tx, a, "file report", tenancyID)
		if err != nil {
			return err
		}
		if _, landlord := a.LandlordID(); !landlord {
			return fmt.Errorf("tenancies: file report %d: %w", tenancyID, domain.ErrForbidden)
		}
		if !a.CanFileReport(&t.Tenancy) {
			return domain.Conflict("Das Mietverhältnis ist beendet. Bitte wenden Sie sich direkt an Ihre Ansprechperson.")
		}
		if err := in.Validate(); err != nil {
			return err
		}
		now := tx.Now()
		r := &domain.Report{TenancyID: t.ID, Category: in.Category, Urgency: in.Urgency, Body: in.Body,
			Status: domain.ReportReceived, FiledByID: a.UserID(), FiledByName: a.User.Name,
			RespondBy: domain.ResponseDeadline(now, s.responseDays)}
		if err := tx.CreateReport(ctx, r); err != nil {
			return err
		}
		if err := tx.Audit(ctx, a.Audit("report.file", "report", r.ID, r.Category.Label())); err != nil {
			return err
		}
		if s.mail != nil {
			to, err := s.teamOf(ctx, tx, &t.Tenancy)
			if err != nil {
				return err
			}
			msgs, err := s.mail.ReportFiledMessages(s.notice(t, r, to))
			if err != nil {
				return fmt.Errorf("tenancies: report mail: %w", err)
			}
			if err := tx.EnqueueMessages(ctx, msgs...); err != nil {
				return err
			}
		}
		out = r
		return nil
	})
	return out, err
}

// Report returns a report with its tenancy and thread (domain.Actor.CanSeeReports).
func (s *Service) Report(ctx context.Context, a domain.Actor, id int64) (*ReportView, error) {
	return s.report(ctx, s.store, a, id)
}

func (s *Service) report(ctx context.Context, st *store.Store, a domain.Actor, id int64) (*ReportView, error) {
	if !a.CanSeeTenancies() {
		return nil, fmt.Errorf("tenancies: report %d: %w", id, domain.ErrForbidden)
	}
	r, err := st.ReportByID(ctx, id)
	if err != nil {
		return nil, err
	}
	t, err := st.TenancyRowByID(ctx, r.TenancyID)
	if err != nil {
		return nil, err
	}
	if !a.CanSeeReports(&t.Tenancy) {
		return nil, fmt.Errorf("tenancies: report %d: %w", id, domain.ErrNotFound)
	}
	rows, err := st.ListReports(ctx, store.ReportFilter{TenancyID: t.ID})
	if err != nil {
		return nil, err
	}
	v := &ReportView{Tenancy: t}
	for _, row := range rows {
		if row.ID == id {
			v.Report = row
		}
	}
	if v.Replies, err = st.ReportReplies(ctx, id); err != nil {
		return nil, err
	}
	return v, nil
}

// Reports lists the reports the actor may see, narrowed by f: staff and admins all, a
// caseworker those of the tenancies they accompany, a landlord its own.
func (s *Service) Reports(ctx context.Context, a domain.Actor, f store.ReportFilter) ([]store.ReportRow, error) {
	if !a.CanSeeTenancies() {
		return nil, fmt.Errorf("tenancies: reports: %w", domain.ErrForbidden)
	}
	if lid, ok := a.LandlordID(); ok {
		f.LandlordID = lid
	} else if a.Role() == domain.RoleCaseworker {
		f.CompanionID = a.User.ID
	}
	return s.store.ListReports(ctx, f)
}

// Reply writes in a report's thread. The landlord's reply goes to the Ansprechperson and
// the companion; an answer of the city's side (staff, admin, companion) is the report's
// first answer if it has none, puts a received report in Bearbeitung and goes to the
// landlord.
func (s *Service) Reply(ctx context.Context, a domain.Actor, reportID int64, body string) (*domain.ReportReply, error) {
	var out *domain.ReportReply
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.report(ctx, tx, a, reportID)
		if err != nil {
			return err
		}
		if !a.CanReplyToReport(&v.Tenancy.Tenancy) {
			return fmt.Errorf("tenancies: reply %d: %w", reportID, domain.ErrForbidden)
		}
		if err := domain.ValidateReply(body); err != nil {
			return err
		}
		reply := &domain.ReportReply{ReportID: reportID, AuthorID: a.UserID(), AuthorName: a.User.Name,
			AuthorRole: a.Role(), Body: strings.TrimSpace(body)}
		if err := tx.AddReportReply(ctx, reply); err != nil {
			return err
		}
		if err := tx.Audit(ctx, a.Audit("report.reply", "report", reportID, "")); err != nil {
			return err
		}
		out = reply
		if _, landlord := a.LandlordID(); landlord {
			return s.mailTeamReply(ctx, tx, v, reply)
		}
		status, err := s.answered(ctx, tx, &v.Report.Report, domain.ReportInProgress)
		if err != nil {
			return err
		}
		return s.mailLandlord(ctx, tx, v, status, reply.Body, fmt.Sprintf("reply-%d", reply.ID))
	})
	return out, err
}

// SetStatus changes a report's status (domain.ReportTransitions; staff, admins and the
// companion, domain.Actor.CanHandleReport). It counts as the first answer when the report
// had none; the landlord gets a message.
func (s *Service) SetStatus(ctx context.Context, a domain.Actor, reportID int64, to domain.ReportStatus) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		v, err := s.report(ctx, tx, a, reportID)
		if err != nil {
			return err
		}
		if !a.CanHandleReport(&v.Tenancy.Tenancy) {
			return fmt.Errorf("tenancies: report status %d: %w", reportID, domain.ErrForbidden)
		}
		if !domain.ReportTransitions.Valid(to) {
			return &domain.ValidationError{Fields: map[string]string{"status": "Bitte wählen Sie einen Stand aus der Liste."}}
		}
		if err := domain.ReportTransitions.Check(v.Report.Status, to); err != nil {
			return err
		}
		if err := tx.MoveReport(ctx, reportID, to); err != nil {
			return err
		}
		if _, err := tx.MarkReportAnswered(ctx, reportID); err != nil {
			return err
		}
		if err := tx.Audit(ctx, a.Audit("report.status", "report", reportID, to.Label())); err != nil {
			return err
		}
		return s.mailLandlord(ctx, tx, v, to, "", "status-"+string(to)+"-"+tx.Now().Format("20060102150405"))
	})
}

// answered records the first answer and moves a received report to `to`; it returns the
// report's status afterwards.
func (s *Service) answered(ctx context.Context, tx *store.Store, r *domain.Report, to domain.ReportStatus) (domain.ReportStatus, error) {
	if _, err := tx.MarkReportAnswered(ctx, r.ID); err != nil {
		return "", err
	}
	if r.Status != domain.ReportReceived {
		return r.Status, nil
	}
	if err := tx.MoveReport(ctx, r.ID, to); err != nil {
		return "", err
	}
	return to, nil
}

// teamOf returns the tenancy's Ansprechperson and companion as recipients (active accounts
// only); with neither, every active staff member.
func (s *Service) teamOf(ctx context.Context, tx *store.Store, t *domain.Tenancy) ([]mail.Contact, error) {
	var users []domain.User
	for _, id := range []*int64{t.ContactUserID, t.CompanionID} {
		if id == nil {
			continue
		}
		u, err := tx.UserByID(ctx, *id)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		users = append(users, *u)
	}
	if to := mail.ActiveContacts(users); len(to) > 0 {
		return to, nil
	}
	return s.allStaff(ctx, tx)
}

// allStaff returns every active staff member as recipients.
func (s *Service) allStaff(ctx context.Context, tx *store.Store) ([]mail.Contact, error) {
	staff, err := tx.UsersByRole(ctx, domain.RoleStaff)
	if err != nil {
		return nil, err
	}
	return mail.ActiveContacts(staff), nil
}

func (s *Service) notice(t *store.TenancyRow, r *domain.Report, to []mail.Contact) mail.ReportNotice {
	return mail.ReportNotice{To: to, ReportID: r.ID, HouseholdRef: t.HouseholdReference, Address: t.Address(),
		LandlordName: t.LandlordName, Category: r.Category, Urgency: r.Urgency, Body: r.Body, FiledAt: r.CreatedAt,
		RespondBy: r.RespondBy, ReportURL: s.links.StaffReport(r.ID)}
}

func (s *Service) mailTeamReply(ctx context.Context, tx *store.Store, v *ReportView, reply *domain.ReportReply) error {
	if s.mail == nil {
		return nil
	}
	to, err := s.teamOf(ctx, tx, &v.Tenancy.Tenancy)
	if err != nil {
		return err
	}
	d := s.notice(v.Tenancy, &v.Report.Report, to)
	d.Reply = reply.Body
	msgs, err := s.mail.ReportLandlordReplyMessages(d, reply.ID)
	if err != nil {
		return fmt.Errorf("tenancies: reply mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}

// mailLandlord tells the landlord who filed the report (or, when that account is gone or
// inactive, the organisation's address) about an answer or a new status.
func (s *Service) mailLandlord(ctx context.Context, tx *store.Store, v *ReportView, status domain.ReportStatus, reply, event string) error {
	if s.mail == nil {
		return nil
	}
	var to *mail.Contact
	if id := v.Report.FiledByID; id != nil {
		u, err := tx.UserByID(ctx, *id)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		if err == nil && u.Active {
			to = mail.ContactOf(u)
		}
	}
	if to == nil {
		l, err := tx.LandlordByID(ctx, v.Tenancy.LandlordID)
		if err != nil {
			return err
		}
		if strings.TrimSpace(l.Email) == "" {
			return nil
		}
		to = &mail.Contact{Name: l.ContactName, Email: l.Email}
	}
	msgs, err := s.mail.ReportAnsweredMessage(mail.ReportAnswer{Landlord: *to, ReportID: v.Report.ID,
		HouseholdRef: v.Tenancy.HouseholdReference, Address: v.Tenancy.Address(), Category: v.Report.Category,
		Status: status, Reply: reply, Event: event, ReportURL: s.links.LandlordReport(v.Report.ID)})
	if err != nil {
		return fmt.Errorf("tenancies: answer mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}

// EscalateReports escalates every open report whose response target passed without an
// answer to all active staff, once per report: the claim is a guarded update
// (store.MarkReportEscalated), so with several instances exactly one sends.
func (s *Service) EscalateReports(ctx context.Context) (int, error) {
	due, err := s.store.ReportsToEscalate(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	for i := range due {
		r := &due[i]
		won := false
		err := s.store.Tx(ctx, func(tx *store.Store) error {
			var err error
			if won, err = tx.MarkReportEscalated(ctx, r.ID); err != nil || !won {
				return err
			}
			if s.mail == nil {
				return nil
			}
			t, err := tx.TenancyRowByID(ctx, r.TenancyID)
			if err != nil {
				return err
			}
			staff, err := s.allStaff(ctx, tx)
			if err != nil {
				return err
			}
			msgs, err := s.mail.ReportEscalatedMessages(s.notice(t, r, staff))
			if err != nil {
				return fmt.Errorf("tenancies: escalation mail: %w", err)
			}
			return tx.EnqueueMessages(ctx, msgs...)
		})
		if err != nil {
			return done, err
		}
		if won {
			done++
		}
	}
	return done, nil
}
