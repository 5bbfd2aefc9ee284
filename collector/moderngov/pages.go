package moderngov

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file reads ModernGov's public HTML pages, for sites whose web service
// is disabled or refused. The pages are keyed on the CSS classes every
// ModernGov site shares: mgAiTitleTxt (an item's title), mgSubItemTitleTxt
// ("Minutes:", "Decision:") and mgWordPara (the text under it).

// htmlCommittees lists committees from mgListCommittees.aspx.
func (c *Client) htmlCommittees(ctx context.Context) ([]Committee, error) {
	u := c.page("mgListCommittees.aspx", nil)
	doc, base, err := c.getHTML(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []Committee
	seen := map[int]bool{}
	eachElement(doc, atom.A, func(a *html.Node) {
		target := resolve(base, attr(a, "href"))
		if target == nil {
			return
		}
		var id string
		switch page := strings.ToLower(pathBase(target.Path)); page {
		case "mgcommitteedetails.aspx":
			id = queryValue(target, "ID")
		case "ielistmeetings.aspx":
			id = queryValue(target, "CId")
		}
		n, err := strconv.Atoi(id)
		title := collapse(textOf(a))
		if err != nil || title == "" || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, Committee{ID: n, Title: title})
	})
	return out, nil
}

// meetingDate finds a date such as "10 Feb 2026" or "10th February, 2026".
var meetingDate = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9}),?\s+(\d{4})\b`)

// parseMeetingDate reads the first date in s.
func parseMeetingDate(s string) (time.Time, bool) {
	m := meetingDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	month := strings.ToLower(m[2])
	if len(month) > 3 {
		month = month[:3]
	}
	t, err := time.Parse("2 Jan 2006", m[1]+" "+month+" "+m[3])
	return t, err == nil
}

// htmlMeetings lists a committee's meetings from ieListMeetings.aspx with
// Year=0 (every year), keeping those between from and to.
func (c *Client) htmlMeetings(ctx context.Context, committee int, from, to time.Time) ([]Meeting, error) {
	u := c.page("ieListMeetings.aspx", url.Values{"CId": {strconv.Itoa(committee)}, "Year": {"0"}})
	doc, base, err := c.getHTML(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []Meeting
	seen := map[int]bool{}
	eachElement(doc, atom.A, func(a *html.Node) {
		target := resolve(base, attr(a, "href"))
		if target == nil || !strings.EqualFold(pathBase(target.Path), "ieListDocuments.aspx") {
			return
		}
		id, err := strconv.Atoi(queryValue(target, "MId"))
		if err != nil || seen[id] {
			return
		}
		if cid := queryValue(target, "CId"); cid != "" && cid != strconv.Itoa(committee) {
			return
		}
		text := collapse(textOf(a))
		date, ok := parseMeetingDate(text)
		if !ok {
			c.Logger.Debug("meeting link without a date", "url", target.String(), "text", text)
			return
		}
		seen[id] = true
		if date.Before(from) || date.After(to) {
			return
		}
		status := "Confirmed"
		if strings.Contains(strings.ToLower(text), "cancel") {
			status = "Cancelled"
		}
		out = append(out, Meeting{ID: id, CommitteeID: committee, Date: date, Status: status})
	})
	return out, nil
}

// htmlMeeting reads a meeting's items and minutes from ieListDocuments.aspx,
// following "view the full minutes text" links to the item pages, and
// fetching the printed minutes when the page shows no minutes text.
func (c *Client) htmlMeeting(ctx context.Context, m Meeting) (Meeting, error) {
	u := m.pageURL(c)
	doc, base, err := c.getHTML(ctx, u)
	if err != nil {
		return m, err
	}
	items, printed := readItems(doc, base)
	m.Items = nil
	for _, it := range items {
		if it.full != "" {
			full, err := c.itemMinutes(ctx, it.full)
			if err != nil {
				return m, fmt.Errorf("meeting %d item %q: %w", m.ID, it.Title, err)
			}
			if strings.TrimSpace(full) != "" {
				it.MinutesHTML = full
			}
		}
		if strings.TrimSpace(it.MinutesHTML) != "" {
			m.Items = append(m.Items, it.Item)
		}
	}
	if len(m.Items) == 0 && printed != nil {
		a, err := c.get(ctx, printed.URL)
		if err != nil {
			return m, fmt.Errorf("meeting %d printed minutes: %w", m.ID, err)
		}
		printed.Body, printed.ContentType = a.body, a.contentType
		if bytes.HasPrefix(a.body, []byte("%PDF-")) {
			printed.ContentType = "application/pdf" // whatever the server called it
		}
		m.PrintedMinutes = printed
	}
	return m, nil
}

// itemMinutes reads the minutes of one agenda item's page, mgAi.aspx.
func (c *Client) itemMinutes(ctx context.Context, u string) (string, error) {
	doc, base, err := c.getHTML(ctx, u)
	if err != nil {
		return "", err
	}
	items, _ := readItems(doc, base)
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.MinutesHTML)
	}
	return b.String(), nil
}

// pageItem is an item read from a page, with the address of its full
// minutes when the page shows only their start.
type pageItem struct {
	Item
	full string
}

// titleSize is the "PDF 500 KB" that ModernGov appends to the title of an
// item with a report attached.
var titleSize = regexp.MustCompile(`\s*(PDF|DOC|DOCX|XLS|XLSX)\s*[0-9.]+\s*(KB|MB)\s*$`)

// readItems walks a page in document order: a number cell and an
// mgAiTitleTxt start an item; an mgSubItemTitleTxt names the section of
// the mgWordPara blocks after it; only "Minutes:" sections are kept.
func readItems(doc *html.Node, base *url.URL) (items []pageItem, printed *Attachment) {
	var number string
	section := "minutes" // an item page may show its minutes without a heading
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case hasClass(n, "mgItemNumberCell"):
				number = collapse(textOf(n))
				return
			case hasClass(n, "mgAiTitleTxt"):
				title := titleSize.ReplaceAllString(collapse(textOf(n)), "")
				items = append(items, pageItem{Item: Item{Number: number, Title: decodeText(title)}})
				number, section = "", ""
				return
			case hasClass(n, "mgSubItemTitleTxt"):
				section = strings.ToLower(strings.TrimSuffix(collapse(textOf(n)), ":"))
				return
			case hasClass(n, "mgWordPara"):
				if section == "minutes" {
					if len(items) == 0 {
						items = append(items, pageItem{})
					}
					var b bytes.Buffer
					for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
						_ = html.Render(&b, ch) // a bytes.Buffer never fails
					}
					items[len(items)-1].MinutesHTML += "<div>" + decodeHTML(b.String()) + "</div>\n"
				}
			case n.DataAtom == atom.A:
				text := strings.ToLower(collapse(textOf(n)))
				target := resolve(base, attr(n, "href"))
				switch {
				case target == nil:
				case strings.Contains(text, "full minutes text") && len(items) > 0:
					items[len(items)-1].full = target.String()
				case strings.HasPrefix(text, "printed minutes") && printed == nil:
					printed = &Attachment{URL: target.String(), Title: collapse(textOf(n))}
				}
				return
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return items, printed
}

// pageURL is the meeting's public page, which also names it as a document.
func (m Meeting) pageURL(c *Client) string {
	return c.page("ieListDocuments.aspx", url.Values{"CId": {strconv.Itoa(m.CommitteeID)}, "MId": {strconv.Itoa(m.ID)}})
}

// getHTML fetches and parses a page, returning the address it came from
// for resolving its links.
func (c *Client) getHTML(ctx context.Context, u string) (*html.Node, *url.URL, error) {
	a, err := c.get(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	doc, err := html.Parse(bytes.NewReader(a.body))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w: %w", u, ErrMalformed, err)
	}
	base, err := url.Parse(a.url)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", u, err)
	}
	return doc, base, nil
}

func eachElement(n *html.Node, a atom.Atom, f func(*html.Node)) {
	if n.Type == html.ElementNode && n.DataAtom == a {
		f(n)
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		eachElement(ch, a, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

func collapse(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// resolve returns href resolved against base, or nil for a link that is
// not to an http(s) page (mailto:, javascript:, a fragment).
func resolve(base *url.URL, href string) *url.URL {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return nil
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	u.Fragment = ""
	return u
}

func pathBase(p string) string {
	return p[strings.LastIndex(p, "/")+1:]
}

// queryValue returns a query parameter, its name matched case-insensitively
// as ASP.NET does.
func queryValue(u *url.URL, key string) string {
	for k, v := range u.Query() {
		if strings.EqualFold(k, key) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}
