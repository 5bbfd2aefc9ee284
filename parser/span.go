package parser

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Span says how long a time a figure covers, so that changes and counts
// over the same length of time can be compared and others told apart: a
// fall of 39% between 2019 and 2021 is not a fall of 39% on last year.
type Span string

// The spans, a bounded set: they become label values.
const (
	// SpanYear is twelve months: a calendar or financial year that has
	// ended, "the last 12 months", "the past year", "year on year".
	SpanYear Span = "year"
	// SpanQuarter is three months: "July to September 2024", "Q1 2023",
	// "the last quarter".
	SpanQuarter Span = "quarter"
	// SpanMonth is one month: "March 2018", "last month".
	SpanMonth Span = "month"
	// SpanYearToDate runs from the start of a calendar or financial year
	// to about the meeting: "year to date", "this year", "since April",
	// or a year the meeting falls in ("2024/25" told in November 2024).
	SpanYearToDate Span = "year_to_date"
	// SpanMultiYear is more than twelve months: "2019 to 2021", "the last
	// three years", "since January 2020" told in 2022.
	SpanMultiYear Span = "multi_year"
	// SpanOther is a stated span that is none of the above: six months, a
	// fortnight, April to August.
	SpanOther Span = "other"
	// SpanUnstated is a figure whose period the minutes do not say, or
	// say only as the time it is compared with ("the same period last
	// year").
	SpanUnstated Span = "unstated"
)

// Spans lists every span, shortest first, then the others.
func Spans() []Span {
	return []Span{SpanMonth, SpanQuarter, SpanYearToDate, SpanYear, SpanMultiYear, SpanOther, SpanUnstated}
}

// SpanOf returns the span of f's period. Where the parser read the
// period's first and last days (PeriodStart, PeriodEnd), their distance
// says it, and a year or part of one that opts.MeetingDate falls in is
// year_to_date. Other periods are read from their words, "since April
// 2023" against opts.MeetingDate (without one it is unstated).
func SpanOf(f Figure, opts Options) Span {
	p := strings.Join(strings.Fields(strings.ToLower(f.Period)), " ")
	if p == "" {
		return SpanUnstated
	}
	if s, err1 := time.Parse(dateLayout, f.PeriodStart); err1 == nil {
		if e, err2 := time.Parse(dateLayout, f.PeriodEnd); err2 == nil && !e.Before(s) {
			return spanOfDates(s, e, opts.MeetingDate)
		}
	}
	for _, r := range spanRules {
		if m := r.re.FindStringSubmatch(p); m != nil {
			return r.span(m, opts.MeetingDate)
		}
	}
	return SpanUnstated
}

// spanRule reads the span of a period's words, lower-cased with single
// spaces, that re matches.
type spanRule struct {
	re   *regexp.Regexp
	span func(m []string, meeting time.Time) Span
}

// always is a rule's answer whatever the match and the meeting.
func always(s Span) func([]string, time.Time) Span {
	return func([]string, time.Time) Span { return s }
}

// spanRules are tried in order; the first that matches says the span.
// They read the periods the parser's periodPatterns find, as periodText
// writes them, and which periodBounds gives no days.
var spanRules = []spanRule{
	// "year to date", "the financial year to date (April-June)", "YTD"
	{regexp.MustCompile(`^(?:the )?(?:financial )?year[ -]to[ -]date\b|^(?:fytd|ytd)$`), always(SpanYearToDate)},
	{regexp.MustCompile(`^since the start of the (?:financial )?year$`), always(SpanYearToDate)},
	{regexp.MustCompile(`^this (?:financial )?year$`), always(SpanYearToDate)},
	{regexp.MustCompile(`^this quarter$`), always(SpanQuarter)},
	{regexp.MustCompile(`^this month$`), always(SpanMonth)},
	// "the same period last year": what the figure is compared with, not
	// the span it covers.
	{regexp.MustCompile(`^(?:compared (?:to|with) )?the same period\b`), always(SpanUnstated)},
	{regexp.MustCompile(`^(?:the )?(?:last|past|previous) (?:financial )?(year|quarter|month)$`), func(m []string, _ time.Time) Span {
		return unitSpan(1, m[1])
	}},
	// "the last 12 months", "the past three years", "the rolling 12 months"
	{regexp.MustCompile(`^(?:the )?(?:last|past|previous|rolling) (\d+|one|two|three|four|five|six|nine|ten|twelve|eighteen|twenty-four) (months?|years?|quarters?|weeks?)$`), func(m []string, _ time.Time) Span {
		return unitSpan(countWord(m[1]), strings.TrimSuffix(m[2], "s"))
	}},
	{regexp.MustCompile(`^year[ -]on[ -]year$|^since last year$`), always(SpanYear)},
	{regexp.MustCompile(`^(?:q[1-4]|quarter [1-4]) (?:19|20)\d\d(?:/\d\d)?$`), always(SpanQuarter)},
	// "since April", "since January 2020": to the meeting.
	{regexp.MustCompile(`^since (january|april)(?: ((?:19|20)\d\d))?$`), sinceMonth},
}

// unitSpan is the span of n months, quarters, years or weeks.
func unitSpan(n int, unit string) Span {
	months := 0
	switch unit {
	case "month":
		months = n
	case "quarter":
		months = 3 * n
	case "year":
		months = 12 * n
	}
	return spanOfMonths(months)
}

// spanOfMonths is the span of a whole number of months; 0 is a span that
// is no whole number of them (weeks).
func spanOfMonths(months int) Span {
	switch {
	case months == 1:
		return SpanMonth
	case months == 3:
		return SpanQuarter
	case months == 12:
		return SpanYear
	case months > 12:
		return SpanMultiYear
	}
	return SpanOther
}

// countWord reads the count of "the last twelve months"; 0 for a word it
// does not know.
func countWord(s string) int {
	if n, ok := atoi(s); ok {
		return n
	}
	return map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9,
		"ten": 10, "twelve": 12, "eighteen": 18, "twenty-four": 24}[s]
}

// sinceMonth is the span of "since April 2023" or "since January": from
// the first of that month to the meeting. Without a year, it is the one
// whose start the meeting last passed, so the year to date; with one, the
// year to date when the meeting is in the year (calendar from January,
// financial from April) that month starts, and otherwise the distance to
// the meeting. Without a meeting the span is not known.
func sinceMonth(m []string, meeting time.Time) Span {
	month := time.January
	if m[1] == "april" {
		month = time.April
	}
	if m[2] == "" {
		return SpanYearToDate
	}
	if meeting.IsZero() {
		return SpanUnstated
	}
	year, _ := strconv.Atoi(m[2])
	start := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	meeting = dateOf(meeting)
	switch {
	case meeting.Before(start):
		return SpanUnstated
	case meeting.Before(start.AddDate(1, 0, 0)):
		return SpanYearToDate
	case meeting.Before(start.AddDate(1, 1, 0)):
		// A month past the year: the year, and its report.
		return SpanYear
	}
	return SpanMultiYear
}

// spanOfDates is the span from the first day s to the last day e. A
// period that starts a calendar or financial year, and is no longer than
// one, covers the year to date when the meeting falls within it (a year
// not yet over: "2024/25" told in November 2024), or when it is no
// month, quarter or year and ends at most three months before a meeting
// in the year it starts ("April to August 2024" told in September).
func spanOfDates(s, e, meeting time.Time) Span {
	months := 0
	if next := e.AddDate(0, 0, 1); s.Day() == 1 && next.Day() == 1 {
		months = (next.Year()*12 + int(next.Month())) - (s.Year()*12 + int(s.Month()))
	}
	yearStart := s.Day() == 1 && (s.Month() == time.January || s.Month() == time.April)
	if yearStart && months > 0 && months <= 12 && !meeting.IsZero() {
		m := dateOf(meeting)
		within := !m.Before(s) && !m.After(e)
		soonAfter := m.After(e) && m.Sub(e) <= 92*24*time.Hour && m.Before(s.AddDate(1, 0, 0))
		if within || soonAfter && spanOfMonths(months) == SpanOther {
			return SpanYearToDate
		}
	}
	if months > 0 {
		return spanOfMonths(months)
	}
	// Not whole months: by days.
	switch days := int(e.Sub(s).Hours()/24) + 1; {
	case days >= 28 && days <= 31:
		return SpanMonth
	case days >= 89 && days <= 92:
		return SpanQuarter
	case days >= 365 && days <= 366:
		return SpanYear
	case days > 366:
		return SpanMultiYear
	}
	return SpanOther
}

// dateOf is t's calendar day, at midnight UTC.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
