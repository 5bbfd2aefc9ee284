package dashboards

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/prometheus/promql/parser"
	"gopkg.in/yaml.v3"
)

// The end-to-end tests run the shipped files against the real Prometheus
// server and promtool, and the exporter's pages in headless Chromium
// (browser_test.go), with the exporter built from this tree serving the
// bundled seeds. They run when MINUTES_EXPORTER_E2E is set (`make e2e`,
// `make test`, CI) and then fail, rather than skip, without the binaries.
// Everything listens on loopback ports and is stopped at the end.

const e2eEnv = "MINUTES_EXPORTER_E2E"

// requireE2E skips the test unless e2eEnv is set, and then returns the
// paths of the tools it needs, failing if one is missing.
func requireE2E(t *testing.T, tools ...string) map[string]string {
	t.Helper()
	if os.Getenv(e2eEnv) == "" {
		t.Skipf("end-to-end test: set %s=1 (make e2e) to run it against the real Prometheus", e2eEnv)
	}
	paths := map[string]string{}
	for _, tool := range tools {
		p, err := exec.LookPath(tool)
		if err != nil {
			hint := "apt-get install " + tool
			if tool == "prometheus" || tool == "promtool" {
				hint = "make prometheus builds Prometheus and promtool into .cache/prometheus; make e2e puts them on PATH"
			}
			t.Fatalf("%s is set but %s is not on PATH (%s): %v", e2eEnv, tool, hint, err)
		}
		paths[tool] = p
	}
	return paths
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestE2EPrometheusVersion checks that the Prometheus server and promtool
// the end-to-end test runs are the release the stack ships: the prometheus
// service of docker-compose.yml and the promtool of the Dockerfile's
// backfill image. `make e2e` builds them so, from the module go.mod
// requires, whose v0.3MM.P is release 3.MM.P.
func TestE2EPrometheusVersion(t *testing.T) {
	tools := requireE2E(t, "prometheus", "promtool")
	versionRE := regexp.MustCompile(`version v?(\d+\.\d+\.\d+)`)
	compose, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var stack struct {
		Services map[string]struct {
			Image string `yaml:"image"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(compose, &stack); err != nil {
		t.Fatal(err)
	}
	image := stack.Services["prometheus"].Image
	m := regexp.MustCompile(`^prom/prometheus:v(\d+\.\d+\.\d+)$`).FindStringSubmatch(image)
	if m == nil {
		t.Fatalf("docker-compose.yml: prometheus image %q is not prom/prometheus:vX.Y.Z", image)
	}
	shipped := m[1]
	dockerfile, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if d := regexp.MustCompile(`(?m)^ARG PROMETHEUS_VERSION=v(\d+\.\d+\.\d+)$`).FindSubmatch(dockerfile); d == nil || string(d[1]) != shipped {
		t.Errorf("Dockerfile: ARG PROMETHEUS_VERSION is not %s, docker-compose.yml's (%q)", shipped, d)
	}
	gomod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if g := regexp.MustCompile(`(?m)^\s*github.com/prometheus/prometheus v0\.(\d)0*(\d+)\.(\d+)\b`).FindSubmatch(gomod); g == nil {
		t.Error("go.mod requires no github.com/prometheus/prometheus v0.3MM.P")
	} else if required := fmt.Sprintf("%s.%s.%s", g[1], g[2], g[3]); required != shipped {
		t.Errorf("go.mod requires Prometheus %s (the release make e2e builds); the stack ships %s", required, shipped)
	}
	for _, tool := range []string{"prometheus", "promtool"} {
		out := runTool(t, tools[tool], "--version")
		v := versionRE.FindStringSubmatch(out)
		if v == nil {
			t.Errorf("%s --version: no version in\n%s", tool, out)
			continue
		}
		if v[1] != shipped {
			t.Errorf("%s (%s) is version %s; the stack ships Prometheus %s (%s): run the test with that release, as make e2e builds",
				tool, tools[tool], v[1], shipped, image)
		}
	}
}

// TestE2EPromtool checks the shipped Prometheus configuration and rules
// with promtool, and runs the rules' unit tests.
func TestE2EPromtool(t *testing.T) {
	tools := requireE2E(t, "promtool")
	promtool := tools["promtool"]
	rules, tests := shippedRuleFiles(t)
	out := runTool(t, promtool, "check", "config", "prometheus/prometheus.yml")
	if !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool check config: no SUCCESS in\n%s", out)
	}
	runTool(t, promtool, append([]string{"check", "rules"}, rules...)...)
	out = runTool(t, promtool, append([]string{"test", "rules"}, tests...)...)
	if !strings.Contains(out, "SUCCESS") {
		t.Errorf("promtool test rules: no SUCCESS in\n%s", out)
	}
}

// TestE2E scrapes the exporter with the real Prometheus, runs every
// dashboard query and rule against it, then backfills the store's history
// into TSDB blocks and reads the seeds' figures back at their meeting
// dates.
func TestE2E(t *testing.T) {
	tools := requireE2E(t, "prometheus", "promtool", "go", "sh", "make")
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	// Built as a user builds it, with the version from git in it.
	exporter := filepath.Join(dir, "minutes_exporter")
	runTool(t, tools["make"], "-s", "-C", "..", "build", "BINARY="+exporter)

	exporterAddr := freeLoopbackAddr(t)
	storage := filepath.Join(dir, "store")
	startProcess(t, dir, "exporter", exporter, "serve",
		"--storage.path="+storage, "--web.listen-address="+exporterAddr)
	var metricsText string
	waitFor(t, ctx, "the exporter's first refresh", func() error {
		body, err := httpGet(ctx, "http://"+exporterAddr+"/metrics")
		if err != nil {
			return err
		}
		if !strings.Contains(body, "\nminutesexporter_last_refresh_timestamp_seconds ") {
			return errors.New("no refresh has ended yet")
		}
		metricsText = body
		return nil
	})
	if !strings.Contains(metricsText, "\ncommunity_safety_change_ratio{") {
		t.Fatalf("the exporter serves no community_safety_change_ratio after its refresh of the seeds")
	}

	t.Run("build_info names the build", func(t *testing.T) {
		info := ""
		for _, line := range strings.Split(metricsText, "\n") {
			if strings.HasPrefix(line, "minutesexporter_build_info{") {
				info = line
			}
		}
		if info == "" || strings.Contains(info, `version=""`) {
			t.Fatalf("build_info without a version: %q", info)
		}
		// In a git checkout, make build names its commit; elsewhere the
		// binary falls back on what the go command stamped.
		describe, err := exec.Command("git", "-C", "..", "describe", "--tags", "--always", "--dirty").Output()
		if err != nil {
			t.Logf("not a git checkout (%v): build_info %s", err, info)
			return
		}
		head, err := exec.Command("git", "-C", "..", "rev-parse", "HEAD").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`version="` + strings.TrimSpace(string(describe)) + `"`, `revision="` + strings.TrimSpace(string(head)) + `"`} {
			if !strings.Contains(info, want) {
				t.Errorf("build_info lacks %s: %s", want, info)
			}
		}
	})

	t.Run("promtool check metrics is clean", func(t *testing.T) {
		cmd := exec.Command(tools["promtool"], "check", "metrics")
		cmd.Stdin = strings.NewReader(metricsText)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool check metrics on the exporter's /metrics: %v\n%s", err, out)
		}
	})

	t.Run("names used are served", func(t *testing.T) {
		live := exposedNames(metricsText)
		// Every self-metric is served once a refresh has ended.
		for _, name := range selfMetrics {
			if !live[name] {
				t.Errorf("%s is used by the dashboards' and rules' checks but not on the exporter's /metrics", name)
			}
		}
		// A figure family is served only when some figure has its measure,
		// so check the other way round: everything served is known.
		known := servedMetricNames(t)
		for name := range live {
			if strings.HasPrefix(name, "community_safety_") && !known[name] {
				t.Errorf("the exporter serves %s, which the dashboards' checks do not know", name)
			}
		}
	})

	promAddr := freeLoopbackAddr(t)
	config := liveConfig(t, dir, exporterAddr)
	startProcess(t, dir, "prometheus", tools["prometheus"],
		"--config.file="+config,
		"--storage.tsdb.path="+filepath.Join(dir, "tsdb"),
		"--storage.tsdb.retention.time=20y",
		"--web.listen-address="+promAddr)
	prom := promClient{base: "http://" + promAddr}
	waitFor(t, ctx, "Prometheus to scrape the exporter a few times and evaluate the rules", func() error {
		res, err := prom.query(ctx, `count_over_time(up{job="minutes_exporter"}[1m]) >= 4 and on() min(up{job="minutes_exporter"}) == 1`, time.Now())
		if err != nil {
			return err
		}
		if len(res) == 0 {
			return errors.New("not scraped yet")
		}
		rules, err := prom.ruleHealth(ctx)
		if err != nil {
			return err
		}
		for name, h := range rules {
			if h == "unknown" {
				return fmt.Errorf("rule %s not evaluated yet", name)
			}
		}
		return nil
	})

	t.Run("dashboard queries return data", func(t *testing.T) {
		for _, d := range loadDashboards(t) {
			cands := liveCandidates(t, ctx, prom, d)
			for _, q := range d.queries() {
				t.Run(filepath.Base(d.path)+"/"+q.panel, func(t *testing.T) {
					exprs, err := expansions(q.expr, cands, optionTexts(d))
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range exprs {
						res, err := prom.run(ctx, e, q.instant)
						if err != nil {
							t.Fatalf("%v\n%s", err, e)
						}
						if len(res) > 0 {
							return
						}
					}
					t.Errorf("no data for any of the %d expansions of %s", len(exprs), q.expr)
				})
			}
		}
	})

	t.Run("rules evaluate and their series exist", func(t *testing.T) {
		health, err := prom.ruleHealth(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range loadRules(t) {
			name := r.name()
			if h := health[name]; h != "ok" {
				t.Errorf("rule %s: health %q, want ok", name, h)
			}
			res, err := prom.query(ctx, r.Expr, time.Now())
			if err != nil {
				t.Errorf("rule %s: %v", name, err)
				continue
			}
			if len(res) > 0 {
				continue
			}
			// An alert that should not fire on the seeds: each series it
			// reads must still be there, or it could never fire.
			parsed, err := parseExpr(r.Expr)
			if err != nil {
				t.Fatal(err)
			}
			parser.Inspect(parsed, func(n parser.Node, _ []parser.Node) error {
				vs, ok := n.(*parser.VectorSelector)
				if !ok {
					return nil
				}
				res, err := prom.query(ctx, vs.String(), time.Now())
				if err != nil || len(res) == 0 {
					t.Errorf("rule %s returns nothing and its selector %s has no data (err %v)", name, vs, err)
				}
				return nil
			})
		}
	})

	t.Run("alerts name what rose", func(t *testing.T) {
		alerts, err := prom.alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"alertname": "CommunitySafetyCrimeRising", "borough": "Hillingdon", "area": "Hillingdon", "category": "sexual_offences", "span": "unstated"}
		for _, a := range alerts {
			if matchesLabels(a.Labels, want) {
				if s := a.Annotations["summary"]; s != "sexual_offences up 26% in Hillingdon (Hillingdon), span unstated" {
					t.Errorf("summary = %q", s)
				}
				return
			}
		}
		t.Errorf("no alert %v among %d active alerts: %+v", want, len(alerts), alerts)
	})

	// History: the store, as OpenMetrics, into blocks, into a fresh
	// Prometheus with nothing to scrape.
	history := filepath.Join(dir, "history.om")
	runTool(t, exporter, "backfill", "--storage.path="+storage, "--out="+history)
	t.Run("backfill has the series of /metrics", func(t *testing.T) {
		backfilled, err := backfillSeries(history)
		if err != nil {
			t.Fatal(err)
		}
		live := liveFigureSeries(metricsText)
		if len(live) == 0 {
			t.Fatal("no community_safety_ series on /metrics")
		}
		for s := range live {
			if !backfilled[s] {
				t.Errorf("served on /metrics but not backfilled: %s", s)
			}
		}
		for s := range backfilled {
			if !live[s] {
				t.Errorf("backfilled but not served on /metrics: %s", s)
			}
		}
	})
	// The blocks are made by the compose stack's one-shot script, with the
	// binary under the name it has in the image.
	blocks := filepath.Join(dir, "blocks")
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(exporter, filepath.Join(bin, "minutes_exporter")); err != nil {
		t.Fatal(err)
	}
	rulesPath, err := filepath.Abs("prometheus/rules/per_resident.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	backfillScript := func() ([]byte, error) {
		script := exec.Command("sh", "prometheus/backfill.sh")
		script.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"STORAGE_PATH="+storage, "TSDB_PATH="+blocks, "RULES_PATH="+rulesPath, "RULES_LISTEN="+freeLoopbackAddr(t))
		return script.CombinedOutput()
	}
	if out, err := backfillScript(); err != nil || !strings.Contains(string(out), "history written") {
		t.Fatalf("backfill.sh: %v\n%s", err, out)
	}
	if out, err := backfillScript(); err != nil || !strings.Contains(string(out), "unchanged") {
		t.Errorf("backfill.sh run again on the same store: want it to leave the blocks alone; %v\n%s", err, out)
	}

	histAddr := freeLoopbackAddr(t)
	histConfig := filepath.Join(dir, "history.yml")
	if err := os.WriteFile(histConfig, []byte("global:\n  scrape_interval: 1m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	startProcess(t, dir, "prometheus-history", tools["prometheus"],
		"--config.file="+histConfig,
		"--storage.tsdb.path="+blocks,
		"--storage.tsdb.retention.time=20y",
		"--web.listen-address="+histAddr)
	hist := promClient{base: "http://" + histAddr}
	waitFor(t, ctx, "the history Prometheus to be ready", func() error {
		_, err := httpGet(ctx, hist.base+"/-/ready")
		return err
	})

	start := day(t, "2019-01-01")
	end := time.Now().UTC().Truncate(24 * time.Hour)
	t.Run("history at the meeting dates", func(t *testing.T) {
		tests := []struct {
			name    string
			expr    string
			meeting string
			want    float64
		}{
			{"Hillingdon burglary down 39%", `community_safety_change_ratio{borough="Hillingdon",area="Hillingdon",category="burglary"}`, "2021-09-08", -0.39},
			{"Hillingdon burglary 989 fewer", `community_safety_change{borough="Hillingdon",area="Hillingdon",category="burglary"}`, "2021-09-08", -989},
			{"Barnet robbery detection 17.8%", `community_safety_detection_ratio{borough="Barnet",area="Barnet",category="robbery"}`, "2022-07-22", 0.178},
			{"Barnet residential burglary down 7.3%", `community_safety_change_ratio{borough="Barnet",area="Barnet",category="residential_burglary"}`, "2024-11-29", -0.073},
			{"Barnet domestic abuse up 12%", `community_safety_change_ratio{borough="Barnet",area="Barnet",category="domestic_abuse"}`, "2019-01-25", 0.12},
			{"Barnet OWL sign-ups", `community_safety_signups{borough="Barnet",area="Barnet",category="online_watch_link"}`, "2019-01-25", 12500},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				series, err := hist.queryRange(ctx, tc.expr, start, end, 24*time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				if len(series) != 1 {
					t.Fatalf("%s over %s..%s: %d series, want 1", tc.expr, start.Format(time.DateOnly), end.Format(time.DateOnly), len(series))
				}
				meeting := day(t, tc.meeting)
				var got []string
				found := false
				for _, p := range series[0].Values {
					got = append(got, fmt.Sprintf("%s=%g", p.t.UTC().Format(time.DateOnly), p.v))
					if p.t.Equal(meeting) && math.Abs(p.v-tc.want) < 1e-9 {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: want %g at %s; got %v", tc.expr, tc.want, tc.meeting, got)
				}
			})
		}
	})

	t.Run("history panels span the years", func(t *testing.T) {
		d := dashboardByUID(t, "minutes-borough-comparison")
		var expr string
		for _, q := range d.queries() {
			if q.panelType == "timeseries" && strings.Contains(q.expr, "community_safety_${family}") {
				expr = q.expr
			}
		}
		e, err := substitute(expr, map[string]string{"family": "change_ratio", "family:text": "change_percent", "borough": ".+", "area": ".+",
			"category": "residential_burglary", "span": "unstated", "window": "190d"})
		if err != nil {
			t.Fatal(err)
		}
		series, err := hist.queryRange(ctx, e, start, end, 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		// Barnet reported residential burglary on 2024-11-29; the panel
		// carries it forward for the 190-day window.
		var days int
		for _, s := range series {
			for _, p := range s.Values {
				if !p.t.Before(day(t, "2024-11-29")) && p.t.Before(day(t, "2024-11-29").Add(190*24*time.Hour)) {
					days++
				}
			}
		}
		if days < 180 {
			t.Errorf("%s: %d daily points in the 190 days after the meeting, want about 190", e, days)
		}
	})

	t.Run("per 1,000 residents over the history", func(t *testing.T) {
		// Barnet's 393 residential burglaries of July to September 2024
		// (seed 003, its meeting of 29 November 2024) and Hillingdon's 989
		// fewer burglaries of 2019 to 2021 (seed 004, 8 September 2021),
		// over their residents at the 2021 Census (388,400 and 305,200).
		tests := []struct {
			name                                  string
			counted, counts, category, span, meet string
			borough                               string
			want                                  float64
		}{
			{"Barnet's residential burglaries", "recorded", "count", "residential_burglary", "quarter", "2024-11-29", "Barnet", 393.0 / 388400 * 1000},
			{"Hillingdon's fall in burglaries", "change", "change_count", "burglary", "multi_year", "2021-09-08", "Hillingdon", -989.0 / 305200 * 1000},
		}
		d := dashboardByUID(t, "minutes-borough-comparison")
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				values := map[string]string{"counted": tc.counted, "counted:text": tc.counts, "borough": ".+",
					"category": tc.category, "span": tc.span, "window": "190d"}
				meeting := day(t, tc.meet)
				ran := 0
				for _, q := range d.queries() {
					if !strings.Contains(q.expr, "_per_1000_residents") {
						continue
					}
					e, err := substitute(q.expr, values)
					if err != nil {
						t.Fatal(err)
					}
					ran++
					// The bar gauge just after the meeting; the history a
					// day at a time from the meeting for 190 days.
					var got []promSeries
					if q.instant {
						// promtool evaluated the rules in the five minutes
						// after the meeting (backfill.sh).
						got, err = hist.query(ctx, e, meeting.Add(5*time.Minute))
					} else {
						got, err = hist.queryRange(ctx, e, meeting, meeting.Add(190*24*time.Hour), 24*time.Hour)
					}
					if err != nil {
						t.Fatalf("%s: %v", e, err)
					}
					var mine []promSeries
					for _, s := range got {
						if s.Metric["borough"] == tc.borough {
							mine = append(mine, s)
						}
					}
					if len(mine) != 1 {
						t.Fatalf("%s: %d series of %s, want 1: %+v", e, len(mine), tc.borough, got)
					}
					if s := mine[0]; s.Metric["area"] != tc.borough || s.Metric["span"] != tc.span || s.Metric["category"] != tc.category {
						t.Errorf("%s: labels %v", e, s.Metric)
					}
					points := 0
					for _, p := range mine[0].Values {
						points++
						if math.Abs(p.v-tc.want) > 1e-9 {
							t.Errorf("%s at %s: %v, want %v", e, p.t.Format(time.DateOnly), p.v, tc.want)
						}
					}
					if !q.instant && points < 180 {
						t.Errorf("%s: %d daily points in the 190 days after the meeting, want about 190", e, points)
					}
				}
				if ran != 2 {
					t.Errorf("ran %d of the comparison dashboard's per-1,000 queries, want its bar gauge and history", ran)
				}
			})
		}
	})
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func dashboardByUID(t *testing.T, uid string) dashboard {
	t.Helper()
	for _, d := range loadDashboards(t) {
		if d.UID == uid {
			return d
		}
	}
	t.Fatalf("no dashboard with uid %s", uid)
	return dashboard{}
}

// liveConfig writes the shipped prometheus.yml with the exporter's test
// address as its target, one-second intervals and the rules' absolute
// path.
func liveConfig(t *testing.T, dir, exporterAddr string) string {
	t.Helper()
	data, err := os.ReadFile("prometheus/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	cfg["global"] = map[string]any{"scrape_interval": "1s", "evaluation_interval": "1s"}
	rules, _ := shippedRuleFiles(t)
	var abs []string
	for _, r := range rules {
		a, err := filepath.Abs(r)
		if err != nil {
			t.Fatal(err)
		}
		abs = append(abs, a)
	}
	cfg["rule_files"] = abs
	scrapes, _ := cfg["scrape_configs"].([]any)
	if len(scrapes) != 1 {
		t.Fatalf("prometheus.yml: %d scrape configs, want 1", len(scrapes))
	}
	job := scrapes[0].(map[string]any)
	job["scrape_interval"] = "1s"
	job["static_configs"] = []any{map[string]any{"targets": []string{exporterAddr}}}
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// liveCandidates gives each variable of d the values Grafana would offer:
// the label values Prometheus has for a query variable (and, for a
// multi-value one, only its "All" value), every option of a custom one.
func liveCandidates(t *testing.T, ctx context.Context, prom promClient, d dashboard) map[string][]string {
	t.Helper()
	c := staticCandidates(d)
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		if v.IncludeAll && v.AllValue != "" {
			c[v.Name] = []string{v.AllValue}
			continue
		}
		sel, label, ok := labelValues(v.queryText())
		if !ok {
			t.Fatalf("variable %s: query %q is not label_values(selector, label)", v.Name, v.queryText())
		}
		vals, err := prom.labelValues(ctx, label, anyVariable(t, sel))
		if err != nil {
			t.Fatal(err)
		}
		if len(vals) == 0 {
			t.Errorf("variable %s: no values for %s", v.Name, v.queryText())
		}
		c[v.Name] = vals
	}
	return c
}

// anyVariable drops from a selector every matcher that reads a variable,
// so that it selects what any value of the variables would.
func anyVariable(t *testing.T, sel string) string {
	t.Helper()
	const sentinel = "__any_value__"
	s := variableRE.ReplaceAllString(sel, sentinel)
	e, err := parseExpr(s)
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	vs, ok := e.(*parser.VectorSelector)
	if !ok {
		t.Fatalf("%s: not a selector", sel)
	}
	var keep []string
	for _, m := range vs.LabelMatchers {
		if m.Name == "__name__" || strings.Contains(m.Value, sentinel) {
			continue
		}
		keep = append(keep, m.String())
	}
	return vs.Name + "{" + strings.Join(keep, ",") + "}"
}

// exposedNames returns the metric names of an exposition.
func exposedNames(text string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name := line[:strings.IndexAny(line, "{ ")]
		out[name] = true
	}
	return out
}

// liveFigureSeries returns the community_safety_ series of an exposition,
// written as name{labels}.
func liveFigureSeries(text string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "community_safety_") {
			out[line[:strings.LastIndex(line, " ")]] = true
		}
	}
	return out
}

// backfillSeries returns the series of an OpenMetrics backfill, checking
// the rules promtool does not: timestamps in seconds, and the file's end.
func backfillSeries(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(data, []byte("# EOF\n")) {
		return nil, errors.New("backfill does not end with # EOF")
	}
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndex(line, " ")
		ts, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil || ts > float64(time.Now().Unix()) || ts < 1e9 {
			return nil, fmt.Errorf("line %q: timestamp is not in seconds of the past", line)
		}
		series := line[:strings.LastIndex(line[:i], " ")]
		out[series] = true
	}
	return out, sc.Err()
}

func matchesLabels(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startProcess starts a program with its output in a log file under dir,
// and stops it when the test ends: SIGTERM, then SIGKILL after ten seconds.
// The log is shown if the test failed.
func startProcess(t *testing.T, dir, name, path string, args ...string) {
	t.Helper()
	logPath := filepath.Join(dir, name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		logFile.Close()
		if t.Failed() {
			log, _ := os.ReadFile(logPath)
			if len(log) > 4000 {
				log = log[len(log)-4000:]
			}
			t.Logf("%s log (end):\n%s", name, log)
		}
	})
}

// waitFor polls check until it succeeds, failing the test at the
// context's deadline.
func waitFor(t *testing.T, ctx context.Context, what string, check func() error) {
	t.Helper()
	var err error
	for {
		if err = check(); err == nil {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("gave up waiting for %s: %v", what, err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func httpGet(ctx context.Context, u string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s: %s", u, resp.Status, buf.String())
	}
	return buf.String(), nil
}

// promClient speaks Prometheus's HTTP API.
type promClient struct{ base string }

type point struct {
	t time.Time
	v float64
}

type promSeries struct {
	Metric map[string]string
	Values []point
}

func (p promClient) api(ctx context.Context, path string, params url.Values, data any) error {
	body, err := httpGet(ctx, p.base+path+"?"+params.Encode())
	if err != nil {
		return err
	}
	var resp struct {
		Status string          `json:"status"`
		Error  string          `json:"error"`
		Data   json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if resp.Status != "success" {
		return fmt.Errorf("%s: %s", path, resp.Error)
	}
	return json.Unmarshal(resp.Data, data)
}

func parsePoint(raw []any) (point, error) {
	if len(raw) != 2 {
		return point{}, fmt.Errorf("bad sample %v", raw)
	}
	ts, _ := raw[0].(float64)
	s, _ := raw[1].(string)
	v, err := strconv.ParseFloat(s, 64)
	return point{t: time.UnixMilli(int64(math.Round(ts * 1000))).UTC(), v: v}, err
}

// query runs an instant query.
func (p promClient) query(ctx context.Context, expr string, at time.Time) ([]promSeries, error) {
	var data struct {
		ResultType string `json:"resultType"`
		Result     json.RawMessage
	}
	params := url.Values{"query": {expr}, "time": {strconv.FormatInt(at.Unix(), 10)}}
	if err := p.api(ctx, "/api/v1/query", params, &data); err != nil {
		return nil, err
	}
	switch data.ResultType {
	case "vector":
		var rs []struct {
			Metric map[string]string `json:"metric"`
			Value  []any             `json:"value"`
		}
		if err := json.Unmarshal(data.Result, &rs); err != nil {
			return nil, err
		}
		var out []promSeries
		for _, r := range rs {
			pt, err := parsePoint(r.Value)
			if err != nil {
				return nil, err
			}
			out = append(out, promSeries{Metric: r.Metric, Values: []point{pt}})
		}
		return out, nil
	case "scalar":
		var raw []any
		if err := json.Unmarshal(data.Result, &raw); err != nil {
			return nil, err
		}
		pt, err := parsePoint(raw)
		return []promSeries{{Values: []point{pt}}}, err
	}
	return nil, fmt.Errorf("unexpected result type %s", data.ResultType)
}

// queryRange runs a range query.
func (p promClient) queryRange(ctx context.Context, expr string, start, end time.Time, step time.Duration) ([]promSeries, error) {
	var data struct {
		Result []struct {
			Metric map[string]string `json:"metric"`
			Values [][]any           `json:"values"`
		} `json:"result"`
	}
	params := url.Values{"query": {expr}, "start": {strconv.FormatInt(start.Unix(), 10)},
		"end": {strconv.FormatInt(end.Unix(), 10)}, "step": {strconv.FormatFloat(step.Seconds(), 'f', -1, 64)}}
	if err := p.api(ctx, "/api/v1/query_range", params, &data); err != nil {
		return nil, err
	}
	var out []promSeries
	for _, r := range data.Result {
		s := promSeries{Metric: r.Metric}
		for _, raw := range r.Values {
			pt, err := parsePoint(raw)
			if err != nil {
				return nil, err
			}
			s.Values = append(s.Values, pt)
		}
		out = append(out, s)
	}
	return out, nil
}

// run runs a dashboard query as Grafana would: instant at now, or over the
// last ten minutes.
func (p promClient) run(ctx context.Context, expr string, instant bool) ([]promSeries, error) {
	now := time.Now()
	if instant {
		return p.query(ctx, expr, now)
	}
	return p.queryRange(ctx, expr, now.Add(-10*time.Minute), now, 15*time.Second)
}

func (p promClient) labelValues(ctx context.Context, label, match string) ([]string, error) {
	var vals []string
	err := p.api(ctx, "/api/v1/label/"+url.PathEscape(label)+"/values", url.Values{"match[]": {match}}, &vals)
	sort.Strings(vals)
	return vals, err
}

// ruleHealth returns the health of every loaded rule, by alert or record
// name.
func (p promClient) ruleHealth(ctx context.Context) (map[string]string, error) {
	var data struct {
		Groups []struct {
			Rules []struct {
				Name      string `json:"name"`
				Health    string `json:"health"`
				LastError string `json:"lastError"`
			} `json:"rules"`
		} `json:"groups"`
	}
	if err := p.api(ctx, "/api/v1/rules", url.Values{}, &data); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, g := range data.Groups {
		for _, r := range g.Rules {
			out[r.Name] = r.Health
			if r.LastError != "" {
				out[r.Name] = r.Health + ": " + r.LastError
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no rules loaded")
	}
	return out, nil
}

type promAlert struct {
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	State       string            `json:"state"`
}

func (p promClient) alerts(ctx context.Context) ([]promAlert, error) {
	var data struct {
		Alerts []promAlert `json:"alerts"`
	}
	err := p.api(ctx, "/api/v1/alerts", url.Values{}, &data)
	return data.Alerts, err
}
