package collector

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// seriesKey identifies a series: one per family and label set. span is
// "" for the measures without a span label (series.HasSpan).
type seriesKey struct {
	measure                       parser.Measure
	borough, area, category, span string
}

// served is the figure a series serves.
type served struct {
	seriesKey
	value   float64 // in the measure's unit, as the parser gave it
	meeting time.Time
	// source, address and seq place the figure for the duplicate rule.
	source, address string
	seq             int
}

// loses reports whether figure f wins over the series' current figure
// under the duplicate rule.
func (s *served) loses(f store.Figure) bool {
	if !f.MeetingDate.Equal(s.meeting) {
		return f.MeetingDate.After(s.meeting)
	}
	if f.Source != s.source {
		return f.Source < s.source
	}
	if f.Address != s.address {
		return f.Address < s.address
	}
	return f.Seq < s.seq
}

// snapshot is what a scrape serves. A refresh builds a new one from the
// store and swaps it in whole; a scrape never sees one half built.
type snapshot struct {
	series []served
	// families are series rendered for scraping, built and checked once
	// per refresh rather than at every scrape (see buildFamilies). Never
	// modified.
	families []*dto.MetricFamily
	// familiesErr is what checking families found wrong, served with
	// every scrape; nil unless buildFamilies has a bug.
	familiesErr error
	// names are the names of families.
	names map[string]bool
	// counts are the documents and figures held, by source.
	counts map[string]store.Counts
	// dropped counts stored figures that serve no series, by reason.
	dropped map[string]int
	// residents are the populations served, by borough; unpeopled the
	// boroughs served whose population is not known.
	residents []resident
	unpeopled []string
}

// resident is a borough's population as community_safety_population
// serves it, with where it comes from.
type resident struct {
	borough string
	people  int
	year    int
	source  string
}

// buildSnapshot picks the figure each series serves (pickSeries) and
// renders them, without populations.
func buildSnapshot(figs []store.Figure, counts map[string]store.Counts) *snapshot {
	ss, dropped := pickSeries(figs)
	return newSnapshot(ss, dropped, counts, nil, nil)
}

// pickSeries picks the figure each series serves.
//
// The duplicate rule: of the figures that would make the same series (same
// measure, borough, area, category and span), the one with the latest
// meeting date wins; among those of the same date, the first in that
// order wins, that is the first in the document, and the document whose
// source and address sort first. So each series appears once, however many
// times the minutes repeat a figure, and a scrape never fails on a
// duplicate. Two figures over different spans make two series.
//
// Label values are checked here, by a series.Checker made from all of figs:
// a figure it refuses serves no series and is counted in dropped by its
// reason. Its cap on a borough's areas keeps the borough itself and the
// areas most recently reported, over all spans: a span adds series to an
// area, never an area to the borough.
func pickSeries(figs []store.Figure) ([]served, map[string]int) {
	var out []served
	dropped := map[string]int{}
	latest := map[seriesKey]int{} // key → index in out
	check := series.NewChecker(figs)
	// Spans are read from the periods' words; the same few periods of
	// the same meetings recur over many figures.
	spans := map[spanKey]string{}
	for _, f := range figs {
		if reason := check.Check(f); reason != "" {
			dropped[reason]++
			continue
		}
		span := ""
		if series.HasSpan(f.Measure) {
			sk := spanKey{f.Period, f.PeriodStart, f.PeriodEnd, f.Borough, f.MeetingDate}
			var ok bool
			if span, ok = spans[sk]; !ok {
				span = series.SpanOf(f)
				spans[sk] = span
			}
		}
		k := seriesKey{f.Measure, f.Borough, f.Area, f.Category, span}
		cand := served{seriesKey: k, value: f.Value, meeting: f.MeetingDate,
			source: f.Source, address: f.Address, seq: f.Seq}
		i, ok := latest[k]
		switch {
		case !ok:
			latest[k] = len(out)
			out = append(out, cand)
		case out[i].loses(f):
			out[i] = cand
		}
	}
	return out, dropped
}

// spanKey is what a figure's span is read from, besides its measure.
type spanKey struct {
	period, start, end, borough string
	meeting                     time.Time
}

// newSnapshot renders ss, unique by key as pickSeries leaves them, and the
// residents (one per borough) as the families a scrape serves.
func newSnapshot(ss []served, dropped map[string]int, counts map[string]store.Counts, residents []resident, unpeopled []string) *snapshot {
	s := &snapshot{series: ss, dropped: dropped, counts: counts, residents: residents, unpeopled: unpeopled}
	// The checks a registry makes of collected metrics (valid names and
	// label values, no series twice), made here once rather than at every
	// scrape; the checked families, whatever they drop, are served.
	s.families, s.familiesErr = prometheus.Gatherers{prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
		return buildFamilies(s.series, s.residents), nil
	})}.Gather()
	s.names = map[string]bool{}
	for _, mf := range s.families {
		s.names[mf.GetName()] = true
	}
	return s
}
