package moderngov

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Query says which meetings to read.
type Query struct {
	// Committee is a committee's id, or its title matched
	// case-insensitively.
	Committee string
	// From and To bound the meeting dates, both included.
	From, To time.Time
}

// Skip reports whether the caller already holds a meeting's published
// minutes, so that they need not be fetched again. Its argument is the
// meeting as listed (id, committee, date, status; no items) and the
// meeting's address, the one Fetch's documents carry. ModernGov sends no
// ETag or Last-Modified, so a store answers from what it holds, e.g. by
// address with a content hash.
type Skip func(m Meeting, address string) bool

// Address is the address that names meeting m on the site: its public
// ieListDocuments.aspx page.
func (c *Client) Address(m Meeting) string {
	return m.pageURL(c)
}

// ResolveCommittee finds the committee a Query names: by id without any
// request, by title from the web service's GetCommittees or, where that is
// refused, from mgListCommittees.aspx.
func (c *Client) ResolveCommittee(ctx context.Context, idOrTitle string) (Committee, error) {
	c.init()
	idOrTitle = strings.TrimSpace(idOrTitle)
	if id, err := strconv.Atoi(idOrTitle); err == nil {
		return Committee{ID: id}, nil
	}
	list, err := c.serviceCommittees(ctx)
	if errors.Is(err, ErrServiceRefused) {
		c.Logger.Debug("web service refused, reading committee list page", "err", err)
		list, err = c.htmlCommittees(ctx)
	}
	if err != nil {
		return Committee{}, fmt.Errorf("list committees: %w", err)
	}
	want := strings.ToLower(collapse(idOrTitle))
	for _, cm := range list {
		if strings.ToLower(collapse(cm.Title)) == want {
			return cm, nil
		}
	}
	return Committee{}, fmt.Errorf("%w titled %q among %d committees", ErrNoCommittee, idOrTitle, len(list))
}

// Meetings lists the meetings of committee between from and to, from the
// web service or, where that is refused, from ieListMeetings.aspx. It
// reports whether the web service answered.
func (c *Client) Meetings(ctx context.Context, committee int, from, to time.Time) ([]Meeting, bool, error) {
	c.init()
	ms, err := c.serviceMeetings(ctx, committee, from, to)
	if err == nil {
		return ms, true, nil
	}
	if !errors.Is(err, ErrServiceRefused) {
		return nil, false, fmt.Errorf("list meetings of committee %d: %w", committee, err)
	}
	c.Logger.Debug("web service refused, reading meetings page", "committee", committee, "err", err)
	ms, herr := c.htmlMeetings(ctx, committee, from, to)
	if herr != nil {
		return nil, false, fmt.Errorf("list meetings of committee %d: %w (web service: %v)", committee, herr, err)
	}
	return ms, false, nil
}

// Meeting returns m with its items and minutes, from the web service when
// useService is true and it answers, else from the meeting's page.
func (c *Client) Meeting(ctx context.Context, m Meeting, useService bool) (Meeting, error) {
	c.init()
	if useService {
		got, err := c.serviceMeeting(ctx, m)
		if err == nil {
			return got, nil
		}
		if !errors.Is(err, ErrServiceRefused) {
			return m, fmt.Errorf("meeting %d of %s: %w", m.ID, m.Date.Format(time.DateOnly), err)
		}
		c.Logger.Debug("web service refused, reading meeting page", "meeting", m.ID, "err", err)
	}
	got, err := c.htmlMeeting(ctx, m)
	if err != nil {
		return m, fmt.Errorf("meeting %d of %s: %w", m.ID, m.Date.Format(time.DateOnly), err)
	}
	return got, nil
}

// Fetch reads every meeting of the committee q names, between its dates,
// that has published minutes and that skip (which may be nil) does not
// report as held, and calls emit with each in date order. Cancelled
// meetings, meetings still to come and meetings without minutes are
// skipped with a debug log. A meeting that cannot be read is skipped and
// its error collected; Fetch returns those errors joined after trying
// every meeting. An error from emit stops the fetch and is returned as is.
func (c *Client) Fetch(ctx context.Context, q Query, skip Skip, emit func(Meeting) error) error {
	c.init()
	cm, err := c.ResolveCommittee(ctx, q.Committee)
	if err != nil {
		return err
	}
	ms, service, err := c.Meetings(ctx, cm.ID, q.From, q.To)
	if err != nil {
		return err
	}
	today := c.Now()
	var errs []error
	for _, m := range sortByDate(ms) {
		if err := ctx.Err(); err != nil {
			return err
		}
		log := c.Logger.With("committee", cm.ID, "meeting", m.ID, "date", m.Date.Format(time.DateOnly))
		switch {
		case m.Cancelled():
			log.Debug("skipping cancelled meeting")
			continue
		case m.Date.After(today):
			log.Debug("skipping meeting still to come")
			continue
		case skip != nil && skip(m, c.Address(m)):
			log.Debug("skipping meeting whose minutes are held")
			continue
		}
		full, err := c.Meeting(ctx, m, service)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			errs = append(errs, err)
			continue
		}
		if full.Cancelled() {
			log.Debug("skipping cancelled meeting")
			continue
		}
		if !full.HasMinutes() {
			log.Debug("skipping meeting without published minutes")
			continue
		}
		if err := emit(full); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

// sortByDate sorts meetings by date, keeping the site's order among
// meetings of one day.
func sortByDate(ms []Meeting) []Meeting {
	out := slices.Clone(ms)
	slices.SortStableFunc(out, func(a, b Meeting) int { return a.Date.Compare(b.Date) })
	return out
}

// HTML renders a meeting's minutes as one HTML document: a heading naming
// the committee and date, then each item's number and title as a heading
// over its minutes.
func (m Meeting) HTML(committee string) string {
	var b strings.Builder
	heading := strings.TrimSpace(committee + " " + m.Date.Format("2 January 2006"))
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n<h1>%s</h1>\n",
		html.EscapeString(heading), html.EscapeString(heading))
	for _, it := range m.Items {
		fmt.Fprintf(&b, "<h2>%s</h2>\n%s\n", html.EscapeString(strings.TrimSpace(it.Number+" "+it.Title)), it.MinutesHTML)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}
