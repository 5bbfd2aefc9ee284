package collector

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// headingLen is how much of a document's start is searched for its
// meeting date: the heading, not a date quoted in the body.
const headingLen = 2000

var (
	months     = `(January|February|March|April|May|June|July|August|September|October|November|December)`
	dayMonthYr = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + months + `,?\s+(\d{4})\b`)
	monthDayYr = regexp.MustCompile(`(?i)\b` + months + `\s+(\d{1,2})(?:st|nd|rd|th)?,\s+(\d{4})\b`)
	slashDate  = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
)

// headingDate returns the first date written in the heading of text
// ("Friday 29th November, 2024", "November 29, 2024", "29/11/2024", read
// day first as in the UK), or the zero time.
func headingDate(text string) time.Time {
	head := text[:min(len(text), headingLen)]
	best, bestAt := time.Time{}, len(head)+1
	try := func(at int, y, m, d string) {
		if at >= bestAt {
			return
		}
		year, _ := strconv.Atoi(y)
		day, _ := strconv.Atoi(d)
		month, err := strconv.Atoi(m)
		if err != nil {
			t, perr := time.Parse("January", strings.ToUpper(m[:1])+strings.ToLower(m[1:]))
			if perr != nil {
				return
			}
			month = int(t.Month())
		}
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day || int(t.Month()) != month || year < 1990 || year > 2100 {
			return // 31 February, or a year that is not a meeting's
		}
		best, bestAt = t, at
	}
	if m := dayMonthYr.FindStringSubmatchIndex(head); m != nil {
		try(m[0], head[m[6]:m[7]], head[m[4]:m[5]], head[m[2]:m[3]])
	}
	if m := monthDayYr.FindStringSubmatchIndex(head); m != nil {
		try(m[0], head[m[6]:m[7]], head[m[2]:m[3]], head[m[4]:m[5]])
	}
	if m := slashDate.FindStringSubmatchIndex(head); m != nil {
		try(m[0], head[m[6]:m[7]], head[m[4]:m[5]], head[m[2]:m[3]])
	}
	return best
}
