package backfill

import (
	"math"
	"regexp"

	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// ReportTimestampFamily is the family whose series hold the meeting date
// behind each figure series, with a measure label.
const ReportTimestampFamily = "community_safety_report_timestamp_seconds"

// measureFamilies names the gauge family of each measure, with the help
// text /metrics gives it (collector/families.go).
var measureFamilies = map[parser.Measure]Family{
	parser.ChangePercent:        {Name: "community_safety_change_ratio", Type: "gauge", Help: "Latest reported relative change of a crime measure against an earlier period (-0.39 for down 39%)."},
	parser.ChangeCount:          {Name: "community_safety_change", Type: "gauge", Help: "Latest reported absolute change of a count (-989 for 989 fewer offences)."},
	parser.Count:                {Name: "community_safety_recorded", Type: "gauge", Help: "Latest reported number of offences, incidents, calls or reports recorded in a period."},
	parser.DetectionRatePercent: {Name: "community_safety_detection_ratio", Type: "gauge", Help: "Latest reported share of offences detected or with a positive outcome."},
	parser.RatePercent:          {Name: "community_safety_rate_ratio", Type: "gauge", Help: "Latest reported percentage rate of a category, as a ratio (re-offending rate)."},
	parser.RatePer1000:          {Name: "community_safety_rate_per_1000", Type: "gauge", Help: "Latest reported offences per 1,000 residents."},
	parser.Signups:              {Name: "community_safety_signups", Type: "gauge", Help: "Latest reported number of people signed up to a crime-prevention scheme."},
	parser.TargetPercent:        {Name: "community_safety_target_ratio", Type: "gauge", Help: "Latest stated target for a percentage measure, as a ratio."},
}

// Families returns the metadata of every family a backfill writes.
func Families() []Family {
	out := make([]Family, 0, len(measureFamilies)+1)
	for _, m := range parser.Measures() {
		out = append(out, measureFamilies[m])
	}
	return append(out, Family{Name: ReportTimestampFamily, Type: "gauge",
		Help: "Meeting date of the minutes that reported the figure behind each community_safety_ series, as a Unix time."})
}

// FamilyName returns the family of a measure's figures.
func FamilyName(m parser.Measure) (string, bool) {
	f, ok := measureFamilies[m]
	return f.Name, ok
}

// The label rules of /metrics (collector/labels.go), repeated here so that a
// backfill never writes a series that /metrics would refuse. Keep them in
// step.
const (
	maxLabelLen        = 64
	maxAreasPerBorough = 64
)

var placeName = regexp.MustCompile(`^\p{L}[\p{L}\p{N} '’.,&()-]*$`)

func validPlace(s string) bool { return len(s) <= maxLabelLen && placeName.MatchString(s) }

// ratio turns a percentage into the ratio /metrics serves, through whole
// millionths of a percent as the collector does, so that 17.8% is 0.178 in
// both and not 0.17800000000000002.
func ratio(percent float64) float64 { return math.Round(percent*1e6) / 1e8 }

// FromFigures turns stored figures into samples stamped with their meeting
// dates: one in the measure's family (percentages as ratios) and one in
// ReportTimestampFamily, labelled like the series /metrics serves. Figures
// that /metrics would not serve (an unknown measure or category, a borough
// or area that is not a place name, an area beyond a borough's first
// maxAreasPerBorough) or that have no meeting date are counted in skipped
// and left out. Order is kept, so that Write keeps the first of two
// figures for one series at one time; store.Figures orders by meeting date,
// then source, document and place in it, which makes that the first in
// the document, as on /metrics.
func FromFigures(figs []store.Figure) (samples []Sample, skipped int) {
	categories := map[string]bool{}
	for _, c := range parser.Categories() {
		categories[c] = true
	}
	areas := map[string]map[string]bool{}
	samples = make([]Sample, 0, 2*len(figs))
	for _, f := range figs {
		fam, ok := measureFamilies[f.Measure]
		if !ok || f.MeetingDate.IsZero() || !categories[f.Category] ||
			!validPlace(f.Borough) || !validPlace(f.Area) {
			skipped++
			continue
		}
		seen := areas[f.Borough]
		if seen == nil {
			seen = map[string]bool{}
			areas[f.Borough] = seen
		}
		if !seen[f.Area] {
			if len(seen) >= maxAreasPerBorough {
				skipped++
				continue
			}
			seen[f.Area] = true
		}
		v := f.Value
		if f.Measure.IsPercent() {
			v = ratio(v)
		}
		at := f.MeetingDate
		labels := []Label{{"borough", f.Borough}, {"area", f.Area}, {"category", f.Category}}
		samples = append(samples,
			Sample{Name: fam.Name, Labels: labels, Value: v, Time: at},
			Sample{Name: ReportTimestampFamily, Labels: append(labels[:3:3], Label{"measure", string(f.Measure)}),
				Value: float64(at.Unix()), Time: at},
		)
	}
	return samples, skipped
}
