package collector

import (
	"slices"
	"strings"

	dto "github.com/prometheus/client_model/go"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// buildFamilies renders ss as the metric families a scrape serves: a
// gauge family for each measure that has series, and the report timestamps.
// It runs once per snapshot, so that a scrape only encodes: the families
// are never changed once built, and concurrent scrapes share them.
//
// Families are sorted by name, and the metrics of each by their label
// values with the labels in name order (area, borough, category, measure),
// as a registry sorts them, so that merging them with the registry's
// families (prometheus.Gatherers) finds them already in order. ss must
// be unique by key, as buildSnapshot leaves them.
func buildFamilies(ss []served) []*dto.MetricFamily {
	order := make([]int, len(ss))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &ss[i], &ss[j]
		if c := strings.Compare(a.area, b.area); c != 0 {
			return c
		}
		if c := strings.Compare(a.borough, b.borough); c != 0 {
			return c
		}
		if c := strings.Compare(a.category, b.category); c != 0 {
			return c
		}
		return strings.Compare(string(a.measure), string(b.measure))
	})

	// One allocation per kind of object rather than per metric: 10,000
	// series make 20,000 metrics.
	n := len(ss)
	metrics := make([]dto.Metric, 2*n)
	gauges := make([]dto.Gauge, 2*n)
	values := make([]float64, 2*n)
	labels := make([]*dto.LabelPair, 4*n)
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
		// The figure's metric has the first three pairs, its timestamp all
		// four: they share the backing array, as neither ever changes.
		lp := labels[4*k : 4*k+4 : 4*k+4]
		lp[0], lp[1], lp[2] = pair("area", x.area), pair("borough", x.borough), pair("category", x.category)
		lp[3] = pair("measure", string(x.measure))
		byMeasure[x.measure] = append(byMeasure[x.measure], gauge(2*k, series.Value(x.measure, x.value), lp[0:3:3]))
		stamps = append(stamps, gauge(2*k+1, float64(x.meeting.Unix()), lp))
	}

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
	slices.SortFunc(out, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
	return out
}
