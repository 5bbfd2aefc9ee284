package collector

import (
	"slices"
	"strings"

	dto "github.com/prometheus/client_model/go"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// buildFamilies renders ss as the metric families a scrape serves: a
// gauge family for each measure that has series, the report timestamps,
// and the residents' populations. It runs once per snapshot, so that a
// scrape only encodes: the families are never changed once built, and
// concurrent scrapes share them.
//
// Families are sorted by name, and the metrics of each as a registry sorts
// them: those with fewer labels first (no span), then by their label
// values with the labels in name order (area, borough, category, measure,
// span), so that merging them with the
// registry's families (prometheus.Gatherers) finds them already in order.
// ss must be unique by key, as pickSeries leaves them, and residents by
// borough.
func buildFamilies(ss []served, residents []resident) []*dto.MetricFamily {
	order := make([]int, len(ss))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &ss[i], &ss[j]
		// A registry sorts the metrics with fewer labels first: in the
		// timestamps' family, those of measures without a span.
		if a.span == "" != (b.span == "") {
			if a.span == "" {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.area, b.area); c != 0 {
			return c
		}
		if c := strings.Compare(a.borough, b.borough); c != 0 {
			return c
		}
		if c := strings.Compare(a.category, b.category); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.measure), string(b.measure)); c != 0 {
			return c
		}
		return strings.Compare(a.span, b.span)
	})

	// One allocation per kind of object rather than per metric: 10,000
	// series make 20,000 metrics.
	n := len(ss)
	metrics := make([]dto.Metric, 2*n+len(residents))
	gauges := make([]dto.Gauge, 2*n+len(residents))
	values := make([]float64, 2*n+len(residents))
	// Each series has up to four label pairs for its figure (area,
	// borough, category, span) and five for its timestamp (measure too).
	labels := make([]*dto.LabelPair, 9*n+len(residents))
	// Label pairs are shared by every metric with the same label value.
	pairs := map[[2]string]*dto.LabelPair{}
	pair := func(name, value string) *dto.LabelPair {
		k := [2]string{name, value}
		p := pairs[k]
		if p == nil {
			p = &dto.LabelPair{Name: &k[0], Value: &k[1]}
			pairs[k] = p
		}
		return p
	}
	gauge := func(i int, v float64, lp []*dto.LabelPair) *dto.Metric {
		values[i] = v
		gauges[i].Value = &values[i]
		m := &metrics[i]
		m.Gauge, m.Label = &gauges[i], lp
		return m
	}

	byMeasure := map[parser.Measure][]*dto.Metric{}
	stamps := make([]*dto.Metric, 0, n)
	for k, i := range order {
		x := &ss[i]
		fl := labels[9*k : 9*k : 9*k+4]
		fl = append(fl, pair("area", x.area), pair("borough", x.borough), pair("category", x.category))
		tl := labels[9*k+4 : 9*k+4 : 9*k+9]
		tl = append(tl, fl[0], fl[1], fl[2], pair("measure", string(x.measure)))
		if x.span != "" {
			sp := pair("span", x.span)
			fl, tl = append(fl, sp), append(tl, sp)
		}
		byMeasure[x.measure] = append(byMeasure[x.measure], gauge(2*k, series.Value(x.measure, x.value), fl))
		stamps = append(stamps, gauge(2*k+1, float64(x.meeting.Unix()), tl))
	}
	people := make([]*dto.Metric, 0, len(residents))
	for k, r := range residents {
		i := 2*n + k
		labels[9*n+k] = pair("borough", r.borough)
		people = append(people, gauge(i, float64(r.people), labels[9*n+k:9*n+k+1:9*n+k+1]))
	}
	slices.SortFunc(people, func(a, b *dto.Metric) int { return strings.Compare(a.Label[0].GetValue(), b.Label[0].GetValue()) })

	var out []*dto.MetricFamily
	add := func(f series.Family, ms []*dto.Metric) {
		if len(ms) == 0 {
			return // a family without series is not served at all
		}
		out = append(out, &dto.MetricFamily{Name: &f.Name, Help: &f.Help, Type: dto.MetricType_GAUGE.Enum(), Metric: ms})
	}
	for _, m := range parser.Measures() {
		f, _ := series.Of(m)
		add(f, byMeasure[m])
	}
	add(series.ReportTimestamp, stamps)
	add(series.Population, people)
	slices.SortFunc(out, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
	return out
}
