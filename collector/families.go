package collector

import (
	"math"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// figureLabels are the labels of every figure family.
var figureLabels = []string{"borough", "area", "category"}

// family is the gauge family that serves one measure.
type family struct {
	desc *prometheus.Desc
	// ratio says the measure is a percentage served as a ratio.
	ratio bool
}

func newFamily(name, help string, ratio bool) family {
	return family{desc: prometheus.NewDesc("community_safety_"+name, help, figureLabels, nil), ratio: ratio}
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

// reportTimestampDesc serves the meeting date behind each series.
var reportTimestampDesc = prometheus.NewDesc("community_safety_report_timestamp_seconds",
	"Meeting date of the minutes that reported the figure behind each community_safety_ series, as a Unix time.",
	[]string{"borough", "area", "category", "measure"}, nil)

// value returns a figure's value in its family's unit. Percentages become
// ratios through whole millionths of a percent, so that 17.8% is served as
// 0.178 rather than 0.17800000000000002.
func (f family) value(v float64) float64 {
	if !f.ratio {
		return v
	}
	return math.Round(v*1e6) / 1e8
}
