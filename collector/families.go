package collector

import (
	"math"
	"slices"
	"strings"

	dto "github.com/prometheus/client_model/go"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// family is the gauge family that serves one measure.
type family struct {
	name, help string
	// ratio says the measure is a percentage served as a ratio.
	ratio bool
}

func newFamily(name, help string, ratio bool) family {
	return family{name: "community_safety_" + name, help: help, ratio: ratio}
}

// families maps each measure to its family, as in the design's table.
var families = map[parser.Measure]family{
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

// reportTimestamp is the family that serves the meeting date behind each
// series, with a measure label besides the figure labels.
var reportTimestamp = family{
	name: "community_safety_report_timestamp_seconds",
	help: "Meeting date of the minutes that reported the figure behind each community_safety_ series, as a Unix time.",
}

// value returns a figure's value in its family's unit. Percentages become
// ratios through whole millionths of a percent, so that 17.8% is served as
// 0.178 rather than 0.17800000000000002.
func (f family) value(v float64) float64 {
	if !f.ratio {
		return v
	}
	return math.Round(v*1e6) / 1e8
}

// buildFamilies renders series as the metric families a scrape serves: a
// gauge family for each measure that has series, and the report timestamps.
// It runs once per snapshot, so that a scrape only encodes: the families
// are never changed once built, and concurrent scrapes share them.
//
// Families are sorted by name, and the metrics of each by their label
// values with the labels in name order (area, borough, category, measure),
// as a registry sorts them, so that merging them with the registry's
// families (prometheus.Gatherers) finds them already in order. series
// must be unique by key, as buildSnapshot leaves them.
func buildFamilies(series []series) []*dto.MetricFamily {
	order := make([]int, len(series))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &series[i], &series[j]
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
	n := len(series)
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
		x := &series[i]
		// The figure's metric has the first three pairs, its timestamp all
		// four: they share the backing array, as neither ever changes.
		lp := labels[4*k : 4*k+4 : 4*k+4]
		lp[0], lp[1], lp[2] = pair("area", x.area), pair("borough", x.borough), pair("category", x.category)
		lp[3] = pair("measure", string(x.measure))
		f := families[x.measure]
		byMeasure[x.measure] = append(byMeasure[x.measure], gauge(2*k, f.value(x.value), lp[0:3:3]))
		stamps = append(stamps, gauge(2*k+1, float64(x.meeting.Unix()), lp))
	}

	var out []*dto.MetricFamily
	add := func(f family, ms []*dto.Metric) {
		if len(ms) == 0 {
			return // a family without series is not served at all
		}
		out = append(out, &dto.MetricFamily{Name: &f.name, Help: &f.help, Type: dto.MetricType_GAUGE.Enum(), Metric: ms})
	}
	for _, m := range parser.Measures() {
		add(families[m], byMeasure[m])
	}
	add(reportTimestamp, stamps)
	slices.SortFunc(out, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
	return out
}
