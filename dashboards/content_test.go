package dashboards

import (
	"slices"
	"strings"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// TestDashboardContents checks that each dashboard shows what the
// performance team asked of it.
func TestDashboardContents(t *testing.T) {
	type check struct {
		name string
		ok   func(d dashboard) bool
	}
	usesMetric := func(panelType, metric string) func(dashboard) bool {
		return func(d dashboard) bool {
			for _, q := range d.queries() {
				if (panelType == "" || q.panelType == panelType) && strings.Contains(q.expr, metric) {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		uid    string
		checks []check
	}{
		{uid: "minutes-borough-overview", checks: []check{
			{"a borough variable from label_values", func(d dashboard) bool {
				v, ok := d.variable("borough")
				return ok && v.Type == "query" && strings.HasPrefix(v.queryText(), "label_values(")
			}},
			{"latest change of every category as a bar gauge coloured by direction", func(d dashboard) bool {
				for _, p := range d.allPanels() {
					if p.Type != "bargauge" || len(p.Targets) == 0 || !strings.HasPrefix(p.Targets[0].Expr, "community_safety_change_ratio{") {
						continue
					}
					steps := p.FieldConfig.Defaults.Thresholds.Steps
					return len(steps) == 2 && steps[0].Color == "green" && steps[1].Value != nil &&
						*steps[1].Value == 0 && steps[1].Color == "red"
				}
				return false
			}},
			{"detection rates", usesMetric("bargauge", "community_safety_detection_ratio")},
			{"OWL sign-ups", usesMetric("stat", "community_safety_signups")},
			{"a table of every latest figure with its meeting date", func(d dashboard) bool {
				for _, p := range d.allPanels() {
					if p.Type != "table" {
						continue
					}
					var all string
					for _, tg := range p.Targets {
						all += tg.Expr
					}
					if strings.Contains(all, "community_safety_report_timestamp_seconds") &&
						strings.Contains(all, "community_safety_change_ratio") && strings.Contains(all, "community_safety_signups") {
						return true
					}
				}
				return false
			}},
			{"figures link to the exporter's /figures, the table's rows by their fields", func(d dashboard) bool {
				return strings.Contains(rawText(d), "${exporter_url:raw}/figures?borough=${__data.fields.borough:percentencode}") &&
					strings.Contains(rawText(d), "&span=${__field.labels.span:percentencode}")
			}},
			{"changes labelled with their span", func(d dashboard) bool {
				n := 0
				for _, p := range d.allPanels() {
					for _, tg := range p.Targets {
						if strings.Contains(tg.Expr, "community_safety_change") && strings.Contains(tg.LegendFormat, "{{span}}") {
							n++
						}
					}
				}
				return n >= 3
			}},
		}},
		{uid: "minutes-borough-comparison", checks: []check{
			{"several boroughs at once", func(d dashboard) bool {
				v, ok := d.variable("borough")
				return ok && v.Multi && v.IncludeAll
			}},
			{"a chosen category and measure", func(d dashboard) bool {
				_, c := d.variable("category")
				m, f := d.variable("family")
				return c && f && len(m.Options) == 8
			}},
			{"history over time through last_over_time", usesMetric("timeseries", "last_over_time(community_safety_${family}")},
			{"one span at a time, of every span the parser gives", func(d dashboard) bool {
				v, ok := d.variable("span")
				if !ok || v.Type != "custom" || v.Multi || v.IncludeAll {
					return false
				}
				var got []string
				for _, o := range v.Options {
					got = append(got, o.Value)
				}
				var want []string
				for _, s := range parser.Spans() {
					want = append(want, string(s))
				}
				return slices.Equal(sorted(got), sorted(want))
			}},
			{"every figure panel reads and names the span", func(d dashboard) bool {
				n := 0
				for _, p := range d.allPanels() {
					for _, tg := range p.Targets {
						if !strings.Contains(tg.Expr, "community_safety") {
							continue
						}
						if !strings.Contains(tg.Expr, `span=~"$span|"`) && !strings.Contains(tg.Expr, `span="$span"`) {
							return false
						}
						n++
					}
					if p.Type != "table" && !strings.Contains(p.Title, "$span") {
						return false
					}
				}
				return n >= 5
			}},
			{"rates per 1,000 residents from the recording rules, now and over time", func(d dashboard) bool {
				return usesMetric("bargauge", "community_safety:${counted}_per_1000_residents{")(d) &&
					usesMetric("timeseries", "last_over_time(community_safety:${counted}_per_1000_residents{")(d)
			}},
		}},
		{uid: "minutes-exporter-health", checks: []check{
			{"sources up", usesMetric("", "minutesexporter_source_up")},
			{"last refresh", usesMetric("", "minutesexporter_source_last_success_timestamp_seconds")},
			{"documents", usesMetric("", "minutesexporter_documents")},
			{"figures", usesMetric("", "minutesexporter_figures")},
			{"errors", usesMetric("", "minutesexporter_refresh_errors_total")},
			{"refresh duration", usesMetric("", "minutesexporter_refresh_duration_seconds")},
		}},
	}
	all := loadDashboards(t)
	for _, tc := range tests {
		var d *dashboard
		for i := range all {
			if all[i].UID == tc.uid {
				d = &all[i]
			}
		}
		if d == nil {
			t.Errorf("no dashboard with uid %s", tc.uid)
			continue
		}
		for _, c := range tc.checks {
			t.Run(tc.uid+"/"+c.name, func(t *testing.T) {
				if !c.ok(*d) {
					t.Errorf("%s does not show %s", d.path, c.name)
				}
			})
		}
	}
}

func rawText(d dashboard) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
	walk(d.raw)
	return b.String()
}
