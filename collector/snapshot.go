package collector

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// seriesKey identifies a series: one per family and label set.
type seriesKey struct {
	measure                 parser.Measure
	borough, area, category string
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
}

// buildSnapshot picks the figure each series serves.
//
// The duplicate rule: of the figures that would make the same series (same
// measure, borough, area and category), the one with the latest meeting
// date wins; among those of the same date, the first in that order wins,
// that is the first in the document, and the document whose source and
// address sort first. So each series appears once, however many times the
// minutes repeat a figure, and a scrape never fails on a duplicate.
//
// Label values are checked here, by a series.Checker made from all of figs:
// a figure it refuses serves no series and is counted in dropped by its
// reason. Its cap on a borough's areas keeps the borough itself and the
// areas most recently reported.
func buildSnapshot(figs []store.Figure, counts map[string]store.Counts) *snapshot {
	s := &snapshot{counts: counts, dropped: map[string]int{}}
	latest := map[seriesKey]int{} // key → index in s.series
	check := series.NewChecker(figs)
	for _, f := range figs {
		if reason := check.Check(f); reason != "" {
			s.dropped[reason]++
			continue
		}
		k := seriesKey{f.Measure, f.Borough, f.Area, f.Category}
		cand := served{seriesKey: k, value: f.Value, meeting: f.MeetingDate,
			source: f.Source, address: f.Address, seq: f.Seq}
		i, ok := latest[k]
		switch {
		case !ok:
			latest[k] = len(s.series)
			s.series = append(s.series, cand)
		case s.series[i].loses(f):
			s.series[i] = cand
		}
	}
	// The checks a registry makes of collected metrics (valid names and
	// label values, no series twice), made here once rather than at every
	// scrape; the checked families, whatever they drop, are served.
	s.families, s.familiesErr = prometheus.Gatherers{prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
		return buildFamilies(s.series), nil
	})}.Gather()
	s.names = map[string]bool{}
	for _, mf := range s.families {
		s.names[mf.GetName()] = true
	}
	return s
}
