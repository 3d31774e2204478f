package testutil

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

// ParsedMail is a received message taken apart: decoded headers and the decoded bodies of
// its text, HTML and calendar parts.
type ParsedMail struct {
	Header   mail.Header
	Subject  string // decoded (RFC 2047)
	From     string
	To       string
	Text     string
	HTML     string
	Calendar string // the text/calendar alternative
	// CalendarMethod is the method parameter of the text/calendar part's content type.
	CalendarMethod string
	// Attachments maps file names to decoded content.
	Attachments map[string][]byte
	// ContentTypes lists the media types of all parts, outermost first.
	ContentTypes []string
}

// ParseMail decodes a raw RFC 5322 message with the standard library, walking nested
// multiparts, and fails the test if it is not well-formed.
func ParseMail(t testing.TB, raw []byte) *ParsedMail {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse mail: %v\n%s", err, raw)
	}
	dec := new(mime.WordDecoder)
	p := &ParsedMail{Header: msg.Header, Attachments: map[string][]byte{}}
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("decode subject: %v", err)
	}
	p.From, _ = dec.DecodeHeader(msg.Header.Get("From"))
	p.To, _ = dec.DecodeHeader(msg.Header.Get("To"))
	p.walk(t, msg.Header, msg.Body)
	return p
}

// partHeader is a mail.Header or a textproto.MIMEHeader.
type partHeader interface{ Get(string) string }

func (p *ParsedMail) walk(t testing.TB, h partHeader, body io.Reader) {
	t.Helper()
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		t.Fatalf("parse content type %q: %v", ct, err)
	}
	p.ContentTypes = append(p.ContentTypes, mediaType)
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("read %s part: %v", mediaType, err)
			}
			p.walk(t, part.Header, part)
		}
	}
	var r io.Reader = body
	switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s part: %v", mediaType, err)
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	switch {
	case disp == "attachment" || (disp == "inline" && name != ""):
		p.Attachments[name] = data
	case mediaType == "text/plain" && p.Text == "":
		p.Text = string(data)
	case mediaType == "text/html" && p.HTML == "":
		p.HTML = string(data)
	case mediaType == "text/calendar" && p.Calendar == "":
		p.Calendar = string(data)
		p.CalendarMethod = params["method"]
	default:
		p.Attachments[name] = data
	}
}
