package dashboards

import (
	"github.com/minutes-exporter/minutes_exporter/collector/series"
)

// selfMetrics are the exporter's own metrics (collector/collector.go and
// the build info of prometheus/common/version). The end-to-end test checks
// every name the dashboards and rules use against a live /metrics, so a
// name that drifts from the exporter fails there too.
var selfMetrics = []string{
	"minutes_exporter_build_info",
	"minutes_exporter_source_up",
	"minutes_exporter_source_last_success_timestamp_seconds",
	"minutes_exporter_source_refresh_duration_seconds",
	"minutes_exporter_documents",
	"minutes_exporter_figures",
	"minutes_exporter_series",
	"minutes_exporter_figures_not_served",
	"minutes_exporter_refreshes_total",
	"minutes_exporter_refresh_errors_total",
	"minutes_exporter_refreshes_skipped_total",
	"minutes_exporter_refresh_panics_total",
	"minutes_exporter_parse_errors_total",
	"minutes_exporter_refresh_duration_seconds",
	"minutes_exporter_last_refresh_timestamp_seconds",
}

// prometheusMetrics are series Prometheus itself makes for every target.
var prometheusMetrics = []string{"up"}

// servedMetricNames returns every metric name a dashboard or rule may
// select: the figure families (collector/series, which /metrics serves and
// the backfill writes), the exporter's own metrics and Prometheus's
// per-target series.
func servedMetricNames() map[string]bool {
	out := map[string]bool{}
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
