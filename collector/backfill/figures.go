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
// serves. Figures that have no meeting date, or that /metrics would not
// serve (series.Checker: an unknown measure or category, a borough or area
// that is not a place name, an area beyond a borough's cap of
// series.MaxAreasPerBorough, which keeps the borough itself and the areas
// most recently reported), are counted in skipped and left out. Order
// is kept, so that Write keeps the first of two figures for one series at
// one time; store.Figures orders by meeting date, then source, document
// and place in it, which makes that the first in the document, as on
// /metrics.
func FromFigures(figs []store.Figure) (samples []Sample, skipped int) {
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
	for _, f := range figs {
		if f.MeetingDate.IsZero() || check.Check(f) != "" {
			skipped++
			continue
		}
		fam, _ := series.Of(f.Measure)
		at := f.MeetingDate
		labels := []Label{{"borough", f.Borough}, {"area", f.Area}, {"category", f.Category}}
		samples = append(samples,
			Sample{Name: fam.Name, Labels: labels, Value: series.Value(f.Measure, f.Value), Time: at},
			Sample{Name: series.ReportTimestamp.Name, Labels: append(labels[:3:3], Label{"measure", string(f.Measure)}),
				Value: float64(at.Unix()), Time: at},
		)
	}
	return samples, skipped
}
