package mail

import (
	"fmt"
	"strings"

	ics "github.com/arran4/golang-ical"
)

// Calendar methods (RFC 5546) of the .ics files.
const (
	MethodRequest = "REQUEST"
	MethodCancel  = "CANCEL"
)

// calendar builds the RFC 5545 calendar object of a viewing: CRLF line endings, times in
// UTC, the viewing's stable UID and SEQUENCE, the sender as ORGANIZER and the address as
// LOCATION. A cancellation carries METHOD:CANCEL and STATUS:CANCELLED.
func (c *Composer) calendar(method string, v Viewing, summary string, attendee Contact) (string, error) {
	cal := ics.NewCalendarFor("Stadt Hagen//Wohnbruecke")
	switch method {
	case MethodRequest:
		cal.SetMethod(ics.MethodRequest)
	case MethodCancel:
		cal.SetMethod(ics.MethodCancel)
	default:
		return "", fmt.Errorf("mail: calendar method %q", method)
	}
	ev := cal.AddEvent(v.CalendarUID)
	ev.SetDtStampTime(c.now())
	ev.SetSequence(v.Sequence)
	ev.SetStartAt(v.StartsAt)
	ev.SetEndAt(v.EndsAt)
	ev.SetSummary(oneLine(summary))
	ev.SetLocation(oneLine(v.Address))
	ev.SetOrganizer("mailto:"+c.from.Address, ics.WithCN(paramSafe(c.from.Name)))
	if attendee.Email != "" {
		// Answers come through the links in the message, not as calendar replies.
		ev.AddAttendee("mailto:"+attendee.Email, ics.WithCN(paramSafe(attendee.Name)),
			ics.ParticipationRoleReqParticipant, &ics.KeyValues{Key: string(ics.ParameterRsvp), Value: []string{"FALSE"}})
	}
	if method == MethodCancel {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	var b strings.Builder
	if err := cal.SerializeTo(&b, ics.WithNewLineWindows); err != nil {
		return "", fmt.Errorf("mail: calendar for viewing %d: %w", v.ID, err)
	}
	return b.String(), nil
}

// paramSafe removes the characters an unquoted iCalendar parameter value may not hold
// (and, through oneLine, every line break).
func paramSafe(s string) string {
	return oneLine(strings.Map(func(r rune) rune {
		if r == '"' || r == ';' || r == ':' || r == ',' {
			return ' '
		}
		return r
	}, s))
}

// calendarMethod reads the METHOD property of a calendar object ("REQUEST" when absent).
func calendarMethod(cal string) string {
	for _, line := range strings.Split(cal, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "METHOD:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return MethodRequest
}
