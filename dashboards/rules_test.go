package dashboards

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// rule is an alerting or recording rule of the shipped rule files.
type rule struct {
	Alert       string            `yaml:"alert"`
	Record      string            `yaml:"record"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

func (r rule) name() string { return r.Alert + r.Record }

// shippedRuleFiles returns the rule files prometheus.yml loads and the
// promtool unit tests beside them.
func shippedRuleFiles(t *testing.T) (rules, tests []string) {
	t.Helper()
	var cfg struct {
		RuleFiles []string `yaml:"rule_files"`
	}
	data, err := os.ReadFile("prometheus/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("prometheus.yml: %v", err)
	}
	for _, pattern := range cfg.RuleFiles {
		m, err := filepath.Glob(filepath.Join("prometheus", pattern))
		if err != nil {
			t.Fatal(err)
		}
		rules = append(rules, m...)
	}
	tests, err = filepath.Glob("prometheus/rules/*.rules_test.yml")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 || len(tests) == 0 {
		t.Fatalf("prometheus.yml loads %d rule files with %d test files; want some of each", len(rules), len(tests))
	}
	return rules, tests
}

func loadRules(t *testing.T) []rule {
	t.Helper()
	files, _ := shippedRuleFiles(t)
	var out []rule
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Groups []struct {
				Name  string `yaml:"name"`
				Rules []rule `yaml:"rules"`
			} `yaml:"groups"`
		}
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, g := range doc.Groups {
			out = append(out, g.Rules...)
		}
	}
	return out
}

func TestPrometheusConfigLoadsRulesNotTests(t *testing.T) {
	rules, tests := shippedRuleFiles(t)
	for _, r := range rules {
		if strings.HasSuffix(r, "_test.yml") {
			t.Errorf("prometheus.yml's rule_files match the test file %s", r)
		}
	}
	if len(tests) == 0 {
		t.Error("no promtool rule tests")
	}
	data, err := os.ReadFile("prometheus/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.ScrapeConfigs) != 1 || cfg.ScrapeConfigs[0].JobName != "minutes_exporter" ||
		len(cfg.ScrapeConfigs[0].StaticConfigs) != 1 ||
		strings.Join(cfg.ScrapeConfigs[0].StaticConfigs[0].Targets, ",") != "exporter:9873" {
		t.Errorf("scrape configs = %+v, want one job minutes_exporter scraping exporter:9873 (the compose service)", cfg.ScrapeConfigs)
	}
}

func TestRuleExpressionsParseAndUseServedMetrics(t *testing.T) {
	rules := loadRules(t)
	served := servedMetricNames(t)
	for _, r := range rules {
		if r.Record != "" {
			served[r.Record] = true
		}
	}
	for _, r := range rules {
		t.Run(r.name(), func(t *testing.T) {
			e, err := parseExpr(r.Expr)
			if err != nil {
				t.Fatalf("expr does not parse: %v\n%s", err, r.Expr)
			}
			for _, n := range metricNames(e) {
				if !served[n] {
					t.Errorf("uses %q, which neither the exporter nor a recording rule makes", n)
				}
			}
		})
	}
}

func TestAlertsTheIssueAsksFor(t *testing.T) {
	byName := map[string]rule{}
	for _, r := range loadRules(t) {
		if r.Alert != "" {
			byName[r.Alert] = r
		}
	}
	tests := []struct {
		alert      string
		exprHas    string
		summaryHas []string
	}{
		{"CommunitySafetyCrimeRising", "community_safety_change_ratio", []string{"$labels.borough", "$labels.area", "$labels.category"}},
		{"CommunitySafetyDetectionRateFalling", "community_safety_detection_ratio", []string{"$labels.borough", "$labels.area", "$labels.category"}},
		{"CommunitySafetyFiguresStale", "community_safety:figures_stale_after_days", []string{"$labels.borough"}},
		{"MinutesExporterSourceDown", "minutesexporter_source_up", []string{"$labels.source"}},
		{"MinutesExporterRefreshFailing", "minutesexporter_refresh_errors_total", []string{"$labels.instance"}},
		{"MinutesExporterDown", `up{job="minutes_exporter"}`, []string{"$labels.instance"}},
	}
	for _, tc := range tests {
		t.Run(tc.alert, func(t *testing.T) {
			r, ok := byName[tc.alert]
			if !ok {
				t.Fatalf("no alert %s", tc.alert)
			}
			if !strings.Contains(r.Expr, tc.exprHas) {
				t.Errorf("expr %q does not read %s", r.Expr, tc.exprHas)
			}
			for _, s := range tc.summaryHas {
				if !strings.Contains(r.Annotations["summary"], s) {
					t.Errorf("summary %q does not name %s", r.Annotations["summary"], s)
				}
			}
			if r.Labels["severity"] == "" {
				t.Error("no severity label")
			}
			if r.Annotations["description"] == "" {
				t.Error("no description")
			}
		})
	}
}

// TestEveryAlertIsUnitTested checks that each alert has a promtool test in
// which it fires.
func TestEveryAlertIsUnitTested(t *testing.T) {
	_, files := shippedRuleFiles(t)
	fires := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Tests []struct {
				AlertRuleTest []struct {
					Alertname string           `yaml:"alertname"`
					ExpAlerts []map[string]any `yaml:"exp_alerts"`
				} `yaml:"alert_rule_test"`
			} `yaml:"tests"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, tc := range doc.Tests {
			for _, a := range tc.AlertRuleTest {
				if len(a.ExpAlerts) > 0 {
					fires[a.Alertname] = true
				}
			}
		}
	}
	for _, r := range loadRules(t) {
		if r.Alert != "" && !fires[r.Alert] {
			t.Errorf("alert %s has no promtool test in which it fires", r.Alert)
		}
	}
}
