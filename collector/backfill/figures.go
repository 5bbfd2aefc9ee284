package backfill

import (
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// ReportTimestampFamily is the family whose series hold the meeting date
// behind each figure series, with a measure label.
const ReportTimestampFamily = "community_safety_report_timestamp_seconds"

// measureFamilies names the gauge family of each measure, as /metrics
// serves it (../shared/spec/design.md).
var measureFamilies = map[parser.Measure]Family{
	parser.ChangePercent:        {Name: "community_safety_change_ratio", Type: "gauge", Help: "Latest reported relative change of a crime measure against an earlier period (-0.39 for down 39%)."},
	parser.ChangeCount:          {Name: "community_safety_change", Type: "gauge", Help: "Latest reported absolute change of a count (-989 for 989 fewer offences)."},
	parser.Count:                {Name: "community_safety_recorded", Type: "gauge", Help: "Latest reported number of offences, incidents, calls or reports recorded in a period."},
	parser.DetectionRatePercent: {Name: "community_safety_detection_ratio", Type: "gauge", Help: "Latest reported share of offences detected (0.178 for 17.8%)."},
	parser.RatePercent:          {Name: "community_safety_rate_ratio", Type: "gauge", Help: "Latest reported percentage rate of a category as a ratio (0.263 for 26.3%)."},
	parser.RatePer1000:          {Name: "community_safety_rate_per_1000", Type: "gauge", Help: "Latest reported offences per 1,000 residents."},
	parser.Signups:              {Name: "community_safety_signups", Type: "gauge", Help: "Latest reported number of people signed up to a crime-prevention scheme."},
	parser.TargetPercent:        {Name: "community_safety_target_ratio", Type: "gauge", Help: "Latest reported target for a percentage measure, as a ratio (0.10 for 10%)."},
}

// Families returns the metadata of every family a backfill writes.
func Families() []Family {
	out := make([]Family, 0, len(measureFamilies)+1)
	for _, m := range parser.Measures() {
		out = append(out, measureFamilies[m])
	}
	return append(out, Family{Name: ReportTimestampFamily, Type: "gauge",
		Help: "Meeting date, in seconds since the epoch, of the figure behind each series."})
}

// FamilyName returns the family of a measure's figures.
func FamilyName(m parser.Measure) (string, bool) {
	f, ok := measureFamilies[m]
	return f.Name, ok
}

// FromFigures turns stored figures into samples stamped with their meeting
// dates: one in the measure's family (percentages as ratios) and one in
// ReportTimestampFamily, labelled like the series /metrics serves. Figures
// of an unknown measure or without a meeting date are counted in skipped
// and left out. Order is kept, so that Write keeps the first of two
// figures for one series at one time; store.Figures orders by meeting date,
// then source, document and place in it, which makes that the first in
// the document.
func FromFigures(figs []store.Figure) (samples []Sample, skipped int) {
	samples = make([]Sample, 0, 2*len(figs))
	for _, f := range figs {
		fam, ok := measureFamilies[f.Measure]
		if !ok || f.MeetingDate.IsZero() {
			skipped++
			continue
		}
		v := f.Value
		if f.Measure.IsPercent() {
			v /= 100
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
