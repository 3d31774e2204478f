package mail

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"wohnbruecke/internal/domain"
)

// Calendar methods (RFC 5546) of the .ics files.
const (
	MethodRequest = "REQUEST"
	MethodCancel  = "CANCEL"
)

// calendar builds the RFC 5545 calendar object of a viewing: CRLF line endings, times as
// local time in Hagen (TZID=Europe/Berlin, defined by a VTIMEZONE component, so every
// client shows the time of day the message names), the viewing's stable UID and SEQUENCE, the sender as ORGANIZER and the address as
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
	addBerlinTimezone(cal)
	ev := cal.AddEvent(v.CalendarUID)
	ev.SetDtStampTime(c.now())
	ev.SetSequence(v.Sequence)
	ev.SetProperty(ics.ComponentPropertyDtStart, localTime(v.StartsAt), ics.WithTZID(berlinTZID))
	ev.SetProperty(ics.ComponentPropertyDtEnd, localTime(v.EndsAt), ics.WithTZID(berlinTZID))
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

// berlinTZID is the time zone of every viewing: the flats are in Hagen.
const berlinTZID = "Europe/Berlin"

// localTime formats t as a local date-time in Hagen (RFC 5545 form 2, with TZID).
func localTime(t time.Time) string { return t.In(domain.Berlin).Format("20060102T150405") }

// addBerlinTimezone adds the VTIMEZONE of Europe/Berlin as in the IANA rules since 1996:
// summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
func addBerlinTimezone(cal *ics.Calendar) {
	tz := cal.AddTimezone(berlinTZID)
	rule := func(c *ics.ComponentBase, start, from, to, name, month string) {
		c.SetProperty("DTSTART", start)
		c.SetProperty("TZOFFSETFROM", from)
		c.SetProperty("TZOFFSETTO", to)
		c.SetProperty("TZNAME", name)
		c.SetProperty("RRULE", "FREQ=YEARLY;BYMONTH="+month+";BYDAY=-1SU")
	}
	summer, winter := &ics.Daylight{}, &ics.Standard{}
	rule(&summer.ComponentBase, "19700329T020000", "+0100", "+0200", "CEST", "3")
	rule(&winter.ComponentBase, "19701025T030000", "+0200", "+0100", "CET", "10")
	tz.Components = append(tz.Components, summer, winter)
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
