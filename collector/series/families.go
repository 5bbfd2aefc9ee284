// Package series says which series a stored figure makes: the gauge family
// of each measure, the value in the family's unit, the label values that
// may be served and the cap on a borough's areas. /metrics (collector) and
// the backfill (collector/backfill) both follow it, so that backfilled and
// live series have the same names, labels and values.
package series

import (
	"math"

	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// Family is the gauge family that serves one measure.
type Family struct {
	Name, Help string
	// Ratio says the measure is a percentage served as a ratio.
	Ratio bool
}

func newFamily(name, help string, ratio bool) Family {
	return Family{Name: "community_safety_" + name, Help: help, Ratio: ratio}
}

// families maps each measure to its family, as in the design's table.
var families = map[parser.Measure]Family{
	parser.ChangePercent: newFamily("change_ratio",
		"Latest reported relative change of a crime measure against an earlier period (-0.39 for down 39%).", true),
	parser.ChangeCount: newFamily("change",
		"Latest reported absolute change of a count (-989 for 989 fewer offences).", false),
	parser.Count: newFamily("recorded",
		"Latest reported number of offences, incidents, calls or reports recorded in a period.", false),
	parser.DetectionRatePercent: newFamily("detection_ratio",
		"Latest reported share of offences detected or with a positive outcome.", true),
	parser.RatePercent: newFamily("rate_ratio",
		"Latest reported percentage rate of a category, as a ratio (re-offending rate).", true),
	parser.RatePer1000: newFamily("rate_per_1000",
		"Latest reported offences per 1,000 residents.", false),
	parser.Signups: newFamily("signups",
		"Latest reported number of people signed up to a crime-prevention scheme.", false),
	parser.TargetPercent: newFamily("target_ratio",
		"Latest stated target for a percentage measure, as a ratio.", true),
}

// ReportTimestamp is the family that serves the meeting date behind each
// series, with a measure label besides the figure labels (span among them
// for the measures that have one).
var ReportTimestamp = Family{
	Name: "community_safety_report_timestamp_seconds",
	Help: "Meeting date of the minutes that reported the figure behind each community_safety_ series, as a Unix time.",
}

// Population is the family that serves each borough's number of
// residents, so that rules can divide counts by it.
var Population = Family{
	Name: "community_safety_population",
	Help: "Usual residents of the borough at the 2021 Census of England and Wales (ONS; rounded to the nearest 100), " +
		"unless a source's configuration gives another population: (the landing page says whose, and of which year).",
}

// Of returns the family of a measure's figures, and false for a measure
// that has none.
func Of(m parser.Measure) (Family, bool) {
	f, ok := families[m]
	return f, ok
}

// All returns every family: the measures' in the parser's order, then
// ReportTimestamp and Population.
func All() []Family {
	ms := parser.Measures()
	out := make([]Family, 0, len(ms)+2)
	for _, m := range ms {
		out = append(out, families[m])
	}
	return append(out, ReportTimestamp, Population)
}

// HasSpan reports whether the series of measure m have a span label, which
// says how long a time their figures cover: changes and counts, which are
// comparable only over the same span.
func HasSpan(m parser.Measure) bool {
	switch m {
	case parser.ChangePercent, parser.ChangeCount, parser.Count:
		return true
	}
	return false
}

// SpanOf returns the span label value of f's series, "" for a measure
// without one: the parser's span of its period, read against its
// meeting's date.
func SpanOf(f store.Figure) string {
	if !HasSpan(f.Measure) {
		return ""
	}
	return string(parser.SpanOf(f.Figure, parser.Options{Borough: f.Borough, MeetingDate: f.MeetingDate}))
}

// Value returns a value of measure m in its family's unit. Percentages
// become ratios through whole millionths of a percent, so that 17.8% is
// served as 0.178 rather than 0.17800000000000002.
func Value(m parser.Measure, v float64) float64 {
	if !families[m].Ratio {
		return v
	}
	return math.Round(v*1e6) / 1e8
}
