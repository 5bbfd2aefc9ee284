// Package dashboards holds what Prometheus and Grafana load for
// minutes_exporter: the scrape configuration and alert rules under
// prometheus/, Grafana's provisioning and dashboard JSON under grafana/.
// Its tests check every shipped file against the metrics the exporter
// serves, and its end-to-end test (MINUTES_EXPORTER_E2E=1, `make e2e`) runs
// them against the real Prometheus.
package dashboards
