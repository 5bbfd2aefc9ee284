package series

import (
	"testing"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

func TestEveryMeasureHasAFamily(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range All() {
		if f.Name == "" || f.Help == "" {
			t.Errorf("family %+v: want a name and help", f)
		}
		if seen[f.Name] {
			t.Errorf("family %s listed twice", f.Name)
		}
		seen[f.Name] = true
	}
	for _, m := range parser.Measures() {
		f, ok := Of(m)
		if !ok {
			t.Errorf("measure %s has no family", m)
			continue
		}
		if f.Ratio != m.IsPercent() {
			t.Errorf("family %s of %s: Ratio %v, want %v (the measure's IsPercent)", f.Name, m, f.Ratio, m.IsPercent())
		}
	}
	if want := len(parser.Measures()) + 1; len(seen) != want {
		t.Errorf("All: got %d families, want %d", len(seen), want)
	}
	if _, ok := Of("vibes"); ok {
		t.Error(`Of("vibes"): a family for a measure the parser does not have`)
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		name    string
		measure parser.Measure
		in      float64
		want    float64
	}{
		{"detection rate as an exact ratio", parser.DetectionRatePercent, 17.8, 0.178},
		{"fall as a negative ratio", parser.ChangePercent, -39, -0.39},
		{"small percentage", parser.RatePercent, 4.3, 0.043},
		{"rate", parser.RatePercent, 26.3, 0.263},
		{"whole", parser.TargetPercent, 100, 1},
		{"tiny", parser.TargetPercent, 0.05, 0.0005},
		{"count unchanged", parser.Count, 393, 393},
		{"change count unchanged", parser.ChangeCount, -989, -989},
		{"rate per 1000 unchanged", parser.RatePer1000, 72.4, 72.4},
		{"signups unchanged", parser.Signups, 17000, 17000},
		{"unknown measure unchanged", "vibes", 17.8, 17.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Value(tt.measure, tt.in); got != tt.want {
				t.Errorf("Value(%s, %v) -want %v +got %v", tt.measure, tt.in, tt.want, got)
			}
		})
	}
}
