package parser

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ruleExampleBorough is the borough the rule examples are parsed for.
const ruleExampleBorough = "Camden"

// wantFigure is one figure an example names: "category measure value".
type wantFigure struct {
	category string
	measure  Measure
	value    float64
}

func parseWant(t *testing.T, s string) wantFigure {
	t.Helper()
	f := strings.Fields(s)
	if len(f) != 3 {
		t.Fatalf("example figure %q: want \"category measure value\"", s)
	}
	v, err := strconv.ParseFloat(f[2], 64)
	if err != nil {
		t.Fatalf("example figure %q: %v", s, err)
	}
	return wantFigure{category: f[0], measure: Measure(f[1]), value: v}
}

func (w wantFigure) matches(f Figure) bool {
	return f.Category == w.category && f.Measure == w.measure && math.Abs(f.Value-w.value) < 0.01
}

func describe(f Figure) string {
	return fmt.Sprintf("%s %s %v [%s]", f.Category, f.Measure, f.Value, f.Rule)
}

// TestRuleExamples parses every rule's examples and checks that the rule
// reads exactly the figures the example names (a drop rule: that it drops
// a number and reads none), and that every rule has at least three.
func TestRuleExamples(t *testing.T) {
	seen := map[string]bool{}
	for _, ru := range allRules() {
		if seen[ru.name] {
			t.Errorf("two rules are named %q", ru.name)
		}
		seen[ru.name] = true
		t.Run(ru.name, func(t *testing.T) {
			if len(ru.examples) < 3 {
				t.Errorf("%d examples; every rule needs at least three phrasings", len(ru.examples))
			}
			if ru.shape == "" {
				t.Errorf("no shape")
			}
			for _, e := range ru.examples {
				var drops []string
				ctl := &control{dropped: func(name string) { drops = append(drops, name) }}
				figs := parse(e.text, Options{Borough: ruleExampleBorough}, ctl)
				checkFigures(t, e.text, figs)
				var got []string
				for _, f := range figs {
					got = append(got, describe(f))
				}
				used := make([]bool, len(figs))
				for _, ws := range e.want {
					w := parseWant(t, ws)
					hit := -1
					for i, f := range figs {
						if !used[i] && w.matches(f) {
							hit = i
							break
						}
					}
					switch {
					case hit < 0:
						t.Errorf("%q: no figure %s; got %v", e.text, ws, got)
					case figs[hit].Rule != ru.name:
						t.Errorf("%q: %s was read by %s, want %s", e.text, ws, figs[hit].Rule, ru.name)
					default:
						used[hit] = true
					}
				}
				for i, f := range figs {
					if f.Rule == ru.name && !used[i] {
						t.Errorf("%q: the rule also read %s, which the example does not name", e.text, describe(f))
					}
				}
				if len(e.want) == 0 && !slices.Contains(drops, ru.name) {
					t.Errorf("%q: the rule dropped no number (drops %v, figures %v)", e.text, drops, got)
				}
			}
		})
	}
}

// TestEveryRuleMatters switches each rule off in turn: some example of the
// rule must then be read differently, or the rule does nothing the others
// do not.
func TestEveryRuleMatters(t *testing.T) {
	key := func(figs []Figure) string {
		var b strings.Builder
		for _, f := range figs {
			fmt.Fprintf(&b, "%s %s %v %s|", f.Category, f.Measure, f.Value, f.Area)
		}
		return b.String()
	}
	for _, ru := range allRules() {
		changed := false
		for _, e := range ru.examples {
			opts := Options{Borough: ruleExampleBorough}
			on := key(parse(e.text, opts, nil))
			off := key(parse(e.text, opts, &control{off: map[string]bool{ru.name: true}}))
			if on != off {
				changed = true
				break
			}
		}
		if !changed {
			t.Errorf("%s: switched off, none of its %d examples is read differently", ru.name, len(ru.examples))
		}
	}
}
