package dashboards

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/prometheus/promql/parser"
)

// datasourceUID is the uid of the provisioned Prometheus datasource that
// every dashboard refers to.
const datasourceUID = "minutes-prometheus"

// dashboard is the part of a Grafana dashboard JSON the tests read.
type dashboard struct {
	path          string
	raw           map[string]any
	UID           string `json:"uid"`
	Title         string `json:"title"`
	SchemaVersion int    `json:"schemaVersion"`
	Tags          []string
	Templating    struct {
		List []variable `json:"list"`
	} `json:"templating"`
	Panels []panel `json:"panels"`
}

// panel is a dashboard panel; rows nest panels.
type panel struct {
	Type        string   `json:"type"`
	Title       string   `json:"title"`
	Targets     []target `json:"targets"`
	Panels      []panel  `json:"panels"`
	FieldConfig struct {
		Defaults struct {
			Thresholds struct {
				Steps []struct {
					Color string   `json:"color"`
					Value *float64 `json:"value"`
				} `json:"steps"`
			} `json:"thresholds"`
			Links []dataLink `json:"links"`
		} `json:"defaults"`
		Overrides []struct {
			Properties []struct {
				ID    string          `json:"id"`
				Value json.RawMessage `json:"value"`
			} `json:"properties"`
		} `json:"overrides"`
	} `json:"fieldConfig"`
}

// dataLink is a Grafana data link of a panel's fields.
type dataLink struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// links returns every data link of the panel: its fields' defaults' and
// its overrides'.
func (p panel) links() []dataLink {
	out := append([]dataLink(nil), p.FieldConfig.Defaults.Links...)
	for _, o := range p.FieldConfig.Overrides {
		for _, prop := range o.Properties {
			if prop.ID != "links" {
				continue
			}
			var ls []dataLink
			if err := json.Unmarshal(prop.Value, &ls); err == nil {
				out = append(out, ls...)
			}
		}
	}
	return out
}

type target struct {
	RefID        string `json:"refId"`
	Expr         string `json:"expr"`
	Instant      bool   `json:"instant"`
	LegendFormat string `json:"legendFormat"`
}

// variable is a template variable.
type variable struct {
	Name       string          `json:"name"`
	Type       string          `json:"type"`
	Query      json.RawMessage `json:"query"`
	Multi      bool            `json:"multi"`
	IncludeAll bool            `json:"includeAll"`
	AllValue   string          `json:"allValue"`
	Options    []struct {
		Text  string `json:"text"`
		Value string `json:"value"`
	} `json:"options"`
}

// queryText returns a query variable's query, whichever of Grafana's two
// forms (a string, or an object with a query field) it is saved in.
func (v variable) queryText() string {
	var s string
	if json.Unmarshal(v.Query, &s) == nil {
		return s
	}
	var o struct {
		Query string `json:"query"`
	}
	json.Unmarshal(v.Query, &o)
	return o.Query
}

// query is one PromQL expression of a dashboard.
type query struct {
	panel     string
	panelType string
	expr      string
	instant   bool
}

func loadDashboards(t *testing.T) []dashboard {
	t.Helper()
	paths, err := filepath.Glob("grafana/dashboards/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 3 {
		t.Fatalf("found %d dashboards in grafana/dashboards, want at least 3", len(paths))
	}
	var out []dashboard
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := dashboard{path: p}
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := json.Unmarshal(data, &d.raw); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, d)
	}
	return out
}

func (d dashboard) allPanels() []panel {
	var out []panel
	var walk func([]panel)
	walk = func(ps []panel) {
		for _, p := range ps {
			out = append(out, p)
			walk(p.Panels)
		}
	}
	walk(d.Panels)
	return out
}

// queries returns every target expression and every query variable's
// label_values selector.
func (d dashboard) queries() []query {
	var out []query
	for _, p := range d.allPanels() {
		for _, t := range p.Targets {
			if t.Expr != "" {
				out = append(out, query{panel: p.Title, panelType: p.Type, expr: t.Expr, instant: t.Instant})
			}
		}
	}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		if sel, _, ok := labelValues(v.queryText()); ok {
			out = append(out, query{panel: "variable " + v.Name, panelType: "variable", expr: sel, instant: true})
		}
	}
	return out
}

func (d dashboard) variable(name string) (variable, bool) {
	for _, v := range d.Templating.List {
		if v.Name == name {
			return v, true
		}
	}
	return variable{}, false
}

var labelValuesRE = regexp.MustCompile(`^\s*label_values\(\s*(.+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$`)

// labelValues splits Grafana's label_values(selector, label).
func labelValues(q string) (selector, label string, ok bool) {
	m := labelValuesRE.FindStringSubmatch(q)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// builtinValues stand in for Grafana's own variables.
var builtinValues = map[string]string{
	"__rate_interval": "1m",
	"__interval":      "1m",
	"__interval_ms":   "60000",
	"__range":         "1h",
	"__range_s":       "3600",
	"__range_ms":      "3600000",
}

var variableRE = regexp.MustCompile(`\$\{([a-zA-Z0-9_]+)(?::([a-z]+))?\}|\$([a-zA-Z0-9_]+)|\[\[([a-zA-Z0-9_]+)\]\]`)

// referenced lists the non-builtin variables an expression uses, in order of
// first use.
func referenced(expr string) []string {
	var out []string
	for _, m := range variableRE.FindAllStringSubmatch(expr, -1) {
		name := m[1] + m[3] + m[4]
		if _, ok := builtinValues[name]; ok || slices.Contains(out, name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// substitute replaces every variable of expr by its value in values, and
// the builtins by builtinValues. ${name:text} is the text of the option
// whose value the variable has, which values holds under "name:text". It
// fails on a variable with no value.
func substitute(expr string, values map[string]string) (string, error) {
	var missing []string
	out := variableRE.ReplaceAllStringFunc(expr, func(s string) string {
		m := variableRE.FindStringSubmatch(s)
		name := m[1] + m[3] + m[4]
		if v, ok := builtinValues[name]; ok {
			return v
		}
		if m[2] == "text" {
			if v, ok := values[name+":text"]; ok {
				return v
			}
		}
		if v, ok := values[name]; ok {
			return v
		}
		missing = append(missing, name)
		return s
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("no value for variable(s) %v", missing)
	}
	return out, nil
}

// expansions returns expr with every combination of the candidate values
// of its variables substituted; texts gives, by variable and value, the
// text of a custom variable's option (optionTexts).
func expansions(expr string, candidates map[string][]string, texts map[string]map[string]string) ([]string, error) {
	names := referenced(expr)
	combos := []map[string]string{{}}
	for _, n := range names {
		vals, ok := candidates[n]
		if !ok || len(vals) == 0 {
			return nil, fmt.Errorf("no candidate values for variable %s", n)
		}
		var next []map[string]string
		for _, c := range combos {
			for _, v := range vals {
				m := map[string]string{n: v}
				if t, ok := texts[n][v]; ok {
					m[n+":text"] = t
				}
				for k, x := range c {
					m[k] = x
				}
				next = append(next, m)
			}
		}
		combos = next
	}
	var out []string
	for _, c := range combos {
		s, err := substitute(expr, c)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// staticCandidates gives each variable of d values to parse with: every
// option of a custom variable (its value picks a metric name), and a
// stand-in for query and text box variables, formatted as Grafana formats
// a multi-value selection for Prometheus.
func staticCandidates(d dashboard) map[string][]string {
	c := map[string][]string{}
	for _, v := range d.Templating.List {
		switch v.Type {
		case "custom":
			for _, o := range v.Options {
				c[v.Name] = append(c[v.Name], o.Value)
			}
		case "query":
			c[v.Name] = []string{"Hillingdon"}
			if v.Multi || v.IncludeAll {
				c[v.Name] = append(c[v.Name], "(Barnet|Hillingdon)")
			}
			if v.IncludeAll && v.AllValue != "" {
				c[v.Name] = append(c[v.Name], v.AllValue)
			}
		default:
			c[v.Name] = []string{"x"}
		}
	}
	return c
}

// optionTexts returns the text of each option of d's custom variables, by
// variable and value: what ${name:text} reads.
func optionTexts(d dashboard) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, v := range d.Templating.List {
		if v.Type != "custom" {
			continue
		}
		out[v.Name] = map[string]string{}
		for _, o := range v.Options {
			out[v.Name][o.Value] = o.Text
		}
	}
	return out
}

func parseExpr(expr string) (parser.Expr, error) {
	return parser.NewParser(parser.Options{}).ParseExpr(expr)
}

// metricNames returns the metric names an expression selects.
func metricNames(e parser.Expr) []string {
	var out []string
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		if vs, ok := n.(*parser.VectorSelector); ok {
			name := vs.Name
			for _, m := range vs.LabelMatchers {
				if m.Name == "__name__" {
					name = m.Value
				}
			}
			out = append(out, name)
		}
		return nil
	})
	sort.Strings(out)
	return slices.Compact(out)
}

func TestDashboardFiles(t *testing.T) {
	uids := map[string]string{}
	for _, d := range loadDashboards(t) {
		t.Run(filepath.Base(d.path), func(t *testing.T) {
			id, hasID := d.raw["id"]
			if !hasID || id != nil {
				t.Errorf(`"id" = %v (present %v), want null so that Grafana assigns its own`, id, hasID)
			}
			if !regexp.MustCompile(`^[a-z0-9-]{1,40}$`).MatchString(d.UID) {
				t.Errorf("uid %q: want a stable uid of lower-case letters, digits and dashes", d.UID)
			}
			if other, dup := uids[d.UID]; dup {
				t.Errorf("uid %q also used by %s", d.UID, other)
			}
			uids[d.UID] = d.path
			if d.SchemaVersion != 39 {
				t.Errorf("schemaVersion = %d, want 39", d.SchemaVersion)
			}
			if d.Title == "" {
				t.Error("no title")
			}
			if _, ok := d.raw["__inputs"]; ok {
				t.Error(`has "__inputs": an "export for sharing" dashboard does not provision`)
			}
			data, _ := os.ReadFile(d.path)
			if strings.Contains(string(data), "${DS_") {
				t.Error("refers to a ${DS_...} input; refer to the datasource by its uid")
			}
			walkDatasources(d.raw, func(ds map[string]any) {
				uid, _ := ds["uid"].(string)
				typ, _ := ds["type"].(string)
				if typ == "grafana" {
					return
				}
				if typ != "prometheus" || uid != datasourceUID {
					t.Errorf("datasource %v: want {type: prometheus, uid: %s}", ds, datasourceUID)
				}
			})
			if len(d.queries()) == 0 {
				t.Error("no queries")
			}
		})
	}
}

// walkDatasources calls f on every "datasource" object in a dashboard. A
// datasource given as a bare string (a name or an ${input}) is reported
// as an object with only a "name", which fails the uid check.
func walkDatasources(v any, f func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if k == "datasource" {
				switch ds := x.(type) {
				case map[string]any:
					f(ds)
				case string:
					f(map[string]any{"name": ds})
				}
				continue
			}
			walkDatasources(x, f)
		}
	case []any:
		for _, x := range v {
			walkDatasources(x, f)
		}
	}
}

func TestDashboardQueriesParseAndUseServedMetrics(t *testing.T) {
	served := servedMetricNames(t)
	for _, d := range loadDashboards(t) {
		cands := staticCandidates(d)
		for _, q := range d.queries() {
			t.Run(filepath.Base(d.path)+"/"+q.panel, func(t *testing.T) {
				exprs, err := expansions(q.expr, cands, optionTexts(d))
				if err != nil {
					t.Fatalf("%s: %v", q.expr, err)
				}
				for _, e := range exprs {
					parsed, err := parseExpr(e)
					if err != nil {
						t.Errorf("query does not parse: %v\n%s", err, e)
						continue
					}
					names := metricNames(parsed)
					if len(names) == 0 {
						t.Errorf("query selects no metric: %s", e)
					}
					for _, n := range names {
						if !served[n] {
							t.Errorf("query uses %q, which the exporter does not serve: %s", n, e)
						}
					}
				}
			})
		}
	}
}

// historyWindowMinDays is the shortest window, in days, a history panel may carry a
// figure forward for: minutes come every few months.
const historyWindowMinDays = 90

func TestHistoryPanelsCarryFiguresForward(t *testing.T) {
	checked := 0
	for _, d := range loadDashboards(t) {
		cands := staticCandidates(d)
		for _, q := range d.queries() {
			if q.panelType != "timeseries" || !strings.Contains(q.expr, "community_safety_") {
				continue
			}
			exprs, err := expansions(q.expr, cands, optionTexts(d))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range exprs {
				parsed, err := parseExpr(e)
				if err != nil {
					t.Fatal(err)
				}
				checked++
				if problem := figureSelectorsOutsideWindow(parsed); problem != "" {
					t.Errorf("%s / %s: %s\n%s", filepath.Base(d.path), q.panel, problem, e)
					break
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no history panel of community_safety_ figures found")
	}
}

// figureSelectorsOutsideWindow says what is wrong when a community_safety_
// selector of e is not read through last_over_time over at least
// historyWindowMinDays, or "" when nothing is.
func figureSelectorsOutsideWindow(e parser.Expr) string {
	problem := ""
	parser.Inspect(e, func(n parser.Node, path []parser.Node) error {
		vs, ok := n.(*parser.VectorSelector)
		if !ok || !strings.HasPrefix(vs.Name, "community_safety_") || problem != "" {
			return nil
		}
		if len(path) < 2 {
			problem = vs.Name + " read as an instant vector: it is seen only five minutes past each meeting"
			return nil
		}
		ms, ok := path[len(path)-1].(*parser.MatrixSelector)
		var call *parser.Call
		for i := len(path) - 2; i >= 0 && call == nil; i-- {
			switch p := path[i].(type) {
			case parser.Expressions, *parser.ParenExpr:
				continue
			case *parser.Call:
				call = p
			}
			break
		}
		if !ok || call == nil || call.Func.Name != "last_over_time" {
			problem = vs.Name + " not read through last_over_time(…[window])"
			return nil
		}
		if days := ms.Range.Hours() / 24; days < historyWindowMinDays {
			problem = fmt.Sprintf("%s carried forward for %.0f days, want at least %d", vs.Name, days, historyWindowMinDays)
		}
		return nil
	})
	return problem
}

func TestSubstitute(t *testing.T) {
	tests := []struct {
		name   string
		expr   string
		values map[string]string
		want   string
		err    bool
	}{
		{name: "plain", expr: `x{borough="$borough"}`, values: map[string]string{"borough": "Barnet"}, want: `x{borough="Barnet"}`},
		{name: "braces and format", expr: `community_safety_${family}{b=~"${borough:regex}"}`, values: map[string]string{"family": "change", "borough": "A|B"}, want: `community_safety_change{b=~"A|B"}`},
		{name: "an option's text", expr: `x{measure="${family:text}"} / community_safety_${family}`, values: map[string]string{"family": "change", "family:text": "change_count"}, want: `x{measure="change_count"} / community_safety_change`},
		{name: "builtin", expr: `increase(x[$__rate_interval])`, want: `increase(x[1m])`},
		{name: "old brackets", expr: `x[[[window]]]`, values: map[string]string{"window": "90d"}, want: `x[90d]`},
		{name: "missing", expr: `x{a="$nope"}`, err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := substitute(tc.expr, tc.values)
			if (err != nil) != tc.err {
				t.Fatalf("substitute error = %v, want error %v", err, tc.err)
			}
			if !tc.err && got != tc.want {
				t.Errorf("substitute(%q) mismatch:\n-%s\n+%s", tc.expr, tc.want, got)
			}
		})
	}
}

// customOptionRE is how Grafana reads one "text : value" option of a
// custom variable's query, after splitting the query at unescaped commas.
var customOptionRE = regexp.MustCompile(`^\s*(.+)\s:\s(.+)$`)

// TestCustomVariablesMatchTheirQuery checks that Grafana, which rebuilds a
// custom variable's options from its query on load, gets the same values
// as the saved options the tests read.
func TestCustomVariablesMatchTheirQuery(t *testing.T) {
	for _, d := range loadDashboards(t) {
		for _, v := range d.Templating.List {
			if v.Type != "custom" {
				continue
			}
			t.Run(filepath.Base(d.path)+"/"+v.Name, func(t *testing.T) {
				var got, want []string
				for _, part := range regexp.MustCompile(`(?:\\,|[^,])+`).FindAllString(v.queryText(), -1) {
					if m := customOptionRE.FindStringSubmatch(part); m != nil {
						got = append(got, strings.TrimSpace(m[2]))
					} else {
						got = append(got, strings.TrimSpace(part))
					}
				}
				for _, o := range v.Options {
					want = append(want, o.Value)
				}
				if !slices.Equal(got, want) {
					t.Errorf("values from the query %q:\n-%v\n+%v", v.queryText(), want, got)
				}
			})
		}
	}
}
