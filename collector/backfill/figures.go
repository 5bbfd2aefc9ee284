package backfill

import (
	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// Families returns the metadata of every family a backfill writes: those
// /metrics serves (collector/series), as gauges.
func Families() []Family {
	all := series.All()
	out := make([]Family, 0, len(all))
	for _, f := range all {
		out = append(out, Family{Name: f.Name, Help: f.Help, Type: "gauge"})
	}
	return out
}

// FamilyName returns the family of a measure's figures.
func FamilyName(m parser.Measure) (string, bool) {
	f, ok := series.Of(m)
	return f.Name, ok
}

// FromFigures turns stored figures into samples stamped with their meeting
// dates: one in the measure's family (in its unit: percentages as ratios)
// and one in series.ReportTimestamp, labelled like the series /metrics
// serves (span among them, for changes and counts), and for each borough
// of people, its population at every meeting date that borough has
// samples at, so that a rule dividing a count by it finds both at the same
// time. Figures that have no meeting date, or that /metrics would not
// serve (series.Checker: an unknown measure or category, a borough or area
// that is not a place name, an area beyond a borough's cap of
// series.MaxAreasPerBorough, which keeps the borough itself and the areas
// most recently reported), are counted in skipped and left out. Order
// is kept, so that Write keeps the first of two figures for one series at
// one time; store.Figures orders by meeting date, then source, document
// and place in it, which makes that the first in the document, as on
// /metrics.
func FromFigures(figs []store.Figure, people map[string]int) (samples []Sample, skipped int) {
	// Undated figures are left out before the cap is worked out, so that
	// they take none of their borough's areas.
	dated := make([]store.Figure, 0, len(figs))
	for _, f := range figs {
		if !f.MeetingDate.IsZero() {
			dated = append(dated, f)
		}
	}
	check := series.NewChecker(dated)
	samples = make([]Sample, 0, 2*len(figs))
	type at struct {
		borough string
		unix    int64
	}
	counted := map[at]bool{}
	for _, f := range figs {
		if f.MeetingDate.IsZero() || check.Check(f) != "" {
			skipped++
			continue
		}
		fam, _ := series.Of(f.Measure)
		t := f.MeetingDate
		labels := []Label{{"borough", f.Borough}, {"area", f.Area}, {"category", f.Category}}
		stamp := append(labels[:3:3], Label{"measure", string(f.Measure)})
		if span := series.SpanOf(f); span != "" {
			labels = append(labels, Label{"span", span})
			stamp = append(stamp, Label{"span", span})
		}
		samples = append(samples,
			Sample{Name: fam.Name, Labels: labels, Value: series.Value(f.Measure, f.Value), Time: t},
			Sample{Name: series.ReportTimestamp.Name, Labels: stamp, Value: float64(t.Unix()), Time: t},
		)
		if n, ok := people[f.Borough]; ok && !counted[at{f.Borough, t.Unix()}] {
			counted[at{f.Borough, t.Unix()}] = true
			samples = append(samples, Sample{Name: series.Population.Name, Labels: []Label{{"borough", f.Borough}}, Value: float64(n), Time: t})
		}
	}
	return samples, skipped
}
