// Package parser reads the crime figures out of the plain text of
// community-safety meeting minutes. It is pure: no I/O, no mutable globals,
// and the same text always gives the same figures.
package parser

import "time"

// Version identifies the parser's rules. Stores keep it beside every parsed
// document and parse stored texts again when it changes, so history improves
// with the parser. Bump it whenever a change alters any extraction.
const Version = "24"

// Measure says what a figure's value measures.
type Measure string

// The measures of ../shared/spec/figures.md.
const (
	ChangePercent        Measure = "change_percent"
	ChangeCount          Measure = "change_count"
	Count                Measure = "count"
	DetectionRatePercent Measure = "detection_rate_percent"
	RatePercent          Measure = "rate_percent"
	RatePer1000          Measure = "rate_per_1000"
	Signups              Measure = "signups"
	TargetPercent        Measure = "target_percent"
)

// Measures lists every measure, in the order of the spec.
func Measures() []Measure {
	return []Measure{ChangePercent, ChangeCount, Count, DetectionRatePercent,
		RatePercent, RatePer1000, Signups, TargetPercent}
}

// IsPercent reports whether the measure's values are percentages.
func (m Measure) IsPercent() bool {
	switch m {
	case ChangePercent, DetectionRatePercent, RatePercent, TargetPercent:
		return true
	}
	return false
}

// Figure is one number reported in minutes, with what it measures, what it
// is about, where it applies and the words it was read from.
type Figure struct {
	// Category is a slug from Categories.
	Category string  `json:"category"`
	Measure  Measure `json:"measure"`
	// Value is in the measure's unit: percent for percentages (17.8, not
	// 0.178), signed for changes.
	Value float64 `json:"value"`
	// Area is the place the figure describes: Options.Borough unless the
	// text ties the figure to a narrower or wider place.
	Area string `json:"area"`
	// Period is the text naming the time the figure covers, or "".
	Period string `json:"period"`
	// PeriodStart and PeriodEnd are the period's first and last days
	// (YYYY-MM-DD) where its text names them, else "".
	PeriodStart string `json:"period_start,omitempty"`
	PeriodEnd   string `json:"period_end,omitempty"`
	// Quote is the sentence or clause the figure was read from, verbatim:
	// text[Start:End] == Quote.
	Quote string `json:"quote"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Rule names the parser's rule that read the figure (see rules.go).
	Rule string `json:"rule"`
}

// Options tune a parse.
type Options struct {
	// Borough is the council whose minutes these are; it is the area of
	// every figure the text does not tie to another place.
	Borough string
	// Ward is the ward a ward panel's minutes cover, if they are a ward
	// panel's: then it is the area of every figure the text does not tie
	// to another place, and what "the ward" means.
	Ward string
	// MeetingDate is the date of the meeting the minutes record, zero
	// when it is not known. Relative periods ("this year", "since April
	// 2023", "2024/25" told at a meeting in November 2024) mean something
	// only against it: SpanOf reads a figure's span with it.
	MeetingDate time.Time
}
