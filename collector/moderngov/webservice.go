package moderngov

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// serviceDate is the web service's date layout, dd/mm/yyyy.
const serviceDate = "02/01/2006"

// Committee is a ModernGov committee (a board, panel or partnership).
type Committee struct {
	ID    int
	Title string
}

// Meeting is one meeting of a committee and, once fetched, its minutes.
type Meeting struct {
	ID          int
	CommitteeID int
	// Date is the meeting's date, from ModernGov's meetingdate, at
	// midnight UTC.
	Date time.Time
	// Status is ModernGov's meeting status, e.g. "Confirmed", "Cancelled".
	Status string
	// Items are the agenda items with published minutes.
	Items []Item
	// PrintedMinutes is the printed minutes (usually a PDF) when the
	// meeting's page links one and shows no minutes text.
	PrintedMinutes *Attachment
}

// Item is one agenda item's minutes.
type Item struct {
	ID int
	// Number is the item's display number, e.g. "4." or "".
	Number string
	Title  string
	// MinutesHTML is the minutes as HTML with entities decoded to a single
	// level of encoding.
	MinutesHTML string
}

// Attachment is a document linked from a meeting.
type Attachment struct {
	URL         string
	Title       string
	Body        []byte
	ContentType string
}

// Cancelled reports whether the meeting was cancelled.
func (m Meeting) Cancelled() bool {
	return strings.Contains(strings.ToLower(m.Status), "cancel")
}

// HasMinutes reports whether the meeting has minutes to read.
func (m Meeting) HasMinutes() bool {
	return len(m.Items) > 0 || m.PrintedMinutes != nil
}

type xmlCommittees struct {
	XMLName    xml.Name `xml:"committees"`
	Committees []struct {
		ID    string `xml:"committeeid"`
		Title string `xml:"committeetitle"`
	} `xml:"committee"`
}

type xmlMeetings struct {
	XMLName    xml.Name `xml:"getmeetings"`
	Committees []struct {
		ID       string       `xml:"committeeid"`
		Meetings []xmlMeeting `xml:"committeemeetings>meeting"`
	} `xml:"committee"`
}

type xmlMeeting struct {
	XMLName          xml.Name `xml:"meeting"`
	ID               string   `xml:"meetingid"`
	Date             string   `xml:"meetingdate"`
	Status           string   `xml:"meetingstatus"`
	MinutesPublished string   `xml:"minutepublished"`
	Items            []struct {
		ID               string `xml:"agendaitemid"`
		Title            string `xml:"agendaitemtitle"`
		Number           string `xml:"fulldisplaynumberformat"`
		MinutesPublished string `xml:"isminutepublished"`
		Minutes          string `xml:"minutesnonemptyhtmlbody"`
	} `xml:"agendaitems>agendaitem"`
}

// service calls a web service method and decodes its XML answer into v.
// A refusal (403, 404, 405, a disabled method, HTML instead of XML) is
// ErrServiceRefused; anything else unreadable is ErrMalformed.
func (c *Client) service(ctx context.Context, method string, query url.Values, v any) error {
	u := c.page("mgWebService.asmx/"+method, query)
	a, err := c.get(ctx, u)
	if bytes.Contains(a.body, []byte("Web Service method name is not valid")) {
		return fmt.Errorf("%s: %w: method %s is disabled", u, ErrServiceRefused, method)
	}
	var status *StatusError
	if errors.As(err, &status) {
		switch status.Code {
		case http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusUnauthorized:
			return fmt.Errorf("%w: %w", ErrServiceRefused, err)
		}
	}
	if err != nil {
		return err
	}
	if looksHTML(a) {
		return fmt.Errorf("%s: %w: HTML page where XML was expected", u, ErrServiceRefused)
	}
	if err := xml.Unmarshal(a.body, v); err != nil {
		return fmt.Errorf("%s: %w: %w", u, ErrMalformed, err)
	}
	return nil
}

// looksHTML reports whether an answer is an HTML page.
func looksHTML(a answer) bool {
	if a.contentType == "text/html" || a.contentType == "application/xhtml+xml" {
		return true
	}
	head := strings.ToLower(string(a.body[:min(len(a.body), 512)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html")
}

// serviceCommittees lists the site's committees from the web service.
func (c *Client) serviceCommittees(ctx context.Context) ([]Committee, error) {
	var x xmlCommittees
	if err := c.service(ctx, "GetCommittees", nil, &x); err != nil {
		return nil, err
	}
	var out []Committee
	for _, cm := range x.Committees {
		id, err := strconv.Atoi(strings.TrimSpace(cm.ID))
		if err != nil {
			return nil, fmt.Errorf("GetCommittees: %w: committee id %q", ErrMalformed, cm.ID)
		}
		out = append(out, Committee{ID: id, Title: strings.TrimSpace(cm.Title)})
	}
	return out, nil
}

// serviceMeetings lists a committee's meetings between from and to.
func (c *Client) serviceMeetings(ctx context.Context, committee int, from, to time.Time) ([]Meeting, error) {
	q := url.Values{
		"lCommitteeId": {strconv.Itoa(committee)},
		"sFromDate":    {from.Format(serviceDate)},
		"sToDate":      {to.Format(serviceDate)},
	}
	var x xmlMeetings
	if err := c.service(ctx, "GetMeetings", q, &x); err != nil {
		return nil, err
	}
	var out []Meeting
	for _, cm := range x.Committees {
		for _, xm := range cm.Meetings {
			m, err := xm.meeting()
			if err != nil {
				return nil, fmt.Errorf("GetMeetings: %w", err)
			}
			m.CommitteeID = committee
			out = append(out, m)
		}
	}
	return out, nil
}

// serviceMeeting fetches one meeting's agenda items and their minutes.
func (c *Client) serviceMeeting(ctx context.Context, m Meeting) (Meeting, error) {
	var x xmlMeeting
	if err := c.service(ctx, "GetMeeting", url.Values{"lMeetingId": {strconv.Itoa(m.ID)}}, &x); err != nil {
		return m, err
	}
	got, err := x.meeting()
	if err != nil {
		return m, fmt.Errorf("GetMeeting %d: %w", m.ID, err)
	}
	if got.ID != m.ID {
		return m, fmt.Errorf("GetMeeting %d: %w: answer is for meeting %d", m.ID, ErrMalformed, got.ID)
	}
	got.CommitteeID = m.CommitteeID
	if strings.EqualFold(strings.TrimSpace(x.MinutesPublished), "false") {
		return got, nil
	}
	for _, xi := range x.Items {
		if strings.EqualFold(strings.TrimSpace(xi.MinutesPublished), "false") {
			continue
		}
		body := decodeHTML(xi.Minutes)
		if strings.TrimSpace(body) == "" {
			continue
		}
		id, _ := strconv.Atoi(strings.TrimSpace(xi.ID))
		got.Items = append(got.Items, Item{
			ID:          id,
			Number:      strings.TrimSpace(xi.Number),
			Title:       decodeText(strings.TrimSpace(xi.Title)),
			MinutesHTML: body,
		})
	}
	return got, nil
}

func (x xmlMeeting) meeting() (Meeting, error) {
	id, err := strconv.Atoi(strings.TrimSpace(x.ID))
	if err != nil {
		return Meeting{}, fmt.Errorf("%w: meeting id %q", ErrMalformed, x.ID)
	}
	date, err := time.Parse(serviceDate, strings.TrimSpace(x.Date))
	if err != nil {
		return Meeting{}, fmt.Errorf("%w: meeting %d: date %q is not dd/mm/yyyy", ErrMalformed, id, x.Date)
	}
	return Meeting{ID: id, Date: date, Status: strings.TrimSpace(x.Status)}, nil
}
