package dashboards

import (
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
)

// selfMetrics are the exporter's own metrics (collector/collector.go and
// the build info of prometheus/common/version). The end-to-end test checks
// every name the dashboards and rules use against a live /metrics, so a
// name that drifts from the exporter fails there too.
var selfMetrics = []string{
	"minutesexporter_build_info",
	"minutesexporter_source_up",
	"minutesexporter_source_last_success_timestamp_seconds",
	"minutesexporter_source_refresh_duration_seconds",
	"minutesexporter_documents",
	"minutesexporter_figures",
	"minutesexporter_series",
	"minutesexporter_figures_not_served",
	"minutesexporter_refreshes_total",
	"minutesexporter_refresh_errors_total",
	"minutesexporter_refreshes_skipped_total",
	"minutesexporter_refresh_panics_total",
	"minutesexporter_parse_errors_total",
	"minutesexporter_refresh_duration_seconds",
	"minutesexporter_last_refresh_timestamp_seconds",
}

// prometheusMetrics are series Prometheus itself makes for every target.
var prometheusMetrics = []string{"up"}

// servedMetricNames returns every metric name a dashboard or rule may
// select: the figure families (collector/series, which /metrics serves and
// the backfill writes), the exporter's own metrics, Prometheus's
// per-target series and what the shipped recording rules record.
func servedMetricNames(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, r := range loadRules(t) {
		if r.Record != "" {
			out[r.Record] = true
		}
	}
	for _, f := range series.All() {
		out[f.Name] = true
	}
	for _, n := range selfMetrics {
		out[n] = true
	}
	for _, n := range prometheusMetrics {
		out[n] = true
	}
	return out
}
