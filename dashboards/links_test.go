package dashboards

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// figuresPageParams are the filters of the exporter's GET /figures.
var figuresPageParams = []string{"borough", "area", "category", "measure", "span", "source", "from", "to"}

// figuresLinkPrefix starts every data link to the figures behind a panel:
// the exporter's address as the Exporter URL variable gives it, not
// encoded.
const figuresLinkPrefix = "${exporter_url:raw}/figures"

// linkVariableRE finds the variables of a data link: Grafana's per-field
// and per-row ones and the dashboard's, each with its format.
var linkVariableRE = regexp.MustCompile(`\$\{([a-zA-Z0-9_.]+)(?::([a-z]+))?\}`)

// familyMeasure is the measure whose figures a family serves.
func familyMeasure(name string) (parser.Measure, bool) {
	for _, m := range parser.Measures() {
		if f, _ := series.Of(m); f.Name == name {
			return m, true
		}
	}
	return "", false
}

// TestEveryPanelLinksToItsFigures: every panel of every dashboard has a
// data link to the exporter's /figures, filtered by what the panel shows:
// only parameters the page knows, place names encoded (they hold spaces
// and "&"), the measure of the family the panel reads, and the span of
// the series clicked where the family has one.
func TestEveryPanelLinksToItsFigures(t *testing.T) {
	familyRE := regexp.MustCompile(`\bcommunity_safety_([a-z0-9_]+)\b`)
	for _, d := range loadDashboards(t) {
		v, ok := d.variable("exporter_url")
		if !ok || v.Type != "textbox" {
			t.Errorf("%s: no textbox variable exporter_url for the links to say where the exporter is", d.path)
			continue
		}
		vars := map[string]bool{}
		for _, v := range d.Templating.List {
			vars[v.Name] = true
		}
		texts := optionTexts(d)
		for _, p := range d.allPanels() {
			if p.Type == "row" {
				continue
			}
			t.Run(filepath.Base(d.path)+"/"+p.Title, func(t *testing.T) {
				var figureLinks []string
				for _, l := range p.links() {
					if strings.HasPrefix(l.URL, figuresLinkPrefix) {
						figureLinks = append(figureLinks, l.URL)
					}
				}
				if len(figureLinks) == 0 {
					t.Fatalf("no data link to %s", figuresLinkPrefix)
				}
				var exprs string
				for _, tg := range p.Targets {
					exprs += tg.Expr + "\n"
				}
				for _, link := range figureLinks {
					rest := strings.TrimPrefix(link, figuresLinkPrefix)
					if rest != "" && !strings.HasPrefix(rest, "?") {
						t.Errorf("%s: not /figures itself", link)
						continue
					}
					params := map[string]string{}
					for _, kv := range strings.Split(strings.TrimPrefix(rest, "?"), "&") {
						if kv == "" {
							continue
						}
						k, val, _ := strings.Cut(kv, "=")
						if !slices.Contains(figuresPageParams, k) {
							t.Errorf("%s: parameter %q, which /figures does not take", link, k)
						}
						if _, dup := params[k]; dup {
							t.Errorf("%s: parameter %s twice", link, k)
						}
						params[k] = val
						for _, m := range linkVariableRE.FindAllStringSubmatch(val, -1) {
							name, format := m[1], m[2]
							builtin := strings.HasPrefix(name, "__field.labels.") || strings.HasPrefix(name, "__data.fields.")
							if !builtin && !vars[name] {
								t.Errorf("%s: variable %s is neither Grafana's nor the dashboard's", link, name)
							}
							if (k == "borough" || k == "area" || k == "source") && format != "percentencode" {
								t.Errorf("%s: %s=%s not percent-encoded: a place name holds spaces and &", link, k, m[0])
							}
						}
					}
					// A table of many families names each row's measure in a
					// column, which label_replace sets: it must be the
					// family's.
					if strings.HasPrefix(params["measure"], "${__data.fields.measure") {
						relabels := regexp.MustCompile(`label_replace\((community_safety_[a-z0-9_]+)\{[^}]*\}, "measure", "([a-z0-9_]+)"`).FindAllStringSubmatch(exprs, -1)
						if len(relabels) == 0 {
							t.Errorf("%s: takes the measure from its rows, but the query sets none", link)
						}
						for _, m := range relabels {
							if want, _ := familyMeasure(m[1]); string(want) != m[2] {
								t.Errorf("the table labels %s with measure %q, want %q", m[1], m[2], want)
							}
						}
						continue
					}
					// The measure of what the panel reads.
					for _, m := range familyRE.FindAllStringSubmatch(exprs, -1) {
						name := "community_safety_" + m[1]
						measure, ok := familyMeasure(name)
						if !ok {
							continue // the report timestamps, the population
						}
						if params["measure"] != string(measure) {
							t.Errorf("%s: reads %s, whose measure is %s; the link says measure=%q", link, name, measure, params["measure"])
						}
						if series.HasSpan(measure) && params["span"] == "" {
							t.Errorf("%s: reads %s, whose series have a span; the link gives none", link, name)
						}
					}
					// A family chosen by a variable: the link names the
					// measure by the option's text, which must be it.
					for _, m := range regexp.MustCompile(`community_safety(?:_|:)\$\{([a-z_]+)\}`).FindAllStringSubmatch(exprs, -1) {
						variable := m[1]
						if params["measure"] != "${"+variable+":text}" {
							t.Errorf("%s: reads the family ${%s}; want measure=${%s:text}", link, variable, variable)
						}
						if params["span"] == "" {
							t.Errorf("%s: reads changes and counts; the link gives no span", link)
						}
						for value, text := range texts[variable] {
							f, ok := series.Of(parser.Measure(text))
							suffix := strings.TrimPrefix(f.Name, "community_safety_")
							if !ok || suffix != value {
								t.Errorf("variable %s: option %q : %q: the text is not the measure of community_safety_%s", variable, text, value, value)
							}
						}
					}
				}
			})
		}
	}
}
