package series

import (
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/store"
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
	if want := len(parser.Measures()) + 2; len(seen) != want {
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

func TestSpanLabel(t *testing.T) {
	meeting := time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)
	fig := func(m parser.Measure, period, start, end string) store.Figure {
		return store.Figure{
			Figure:  parser.Figure{Category: "burglary", Measure: m, Area: "Barnet", Period: period, PeriodStart: start, PeriodEnd: end},
			Borough: "Barnet", MeetingDate: meeting,
		}
	}
	tests := []struct {
		name string
		f    store.Figure
		want string
	}{
		{"a change over two years", fig(parser.ChangePercent, "2019 to 2021", "2019-01-01", "2021-12-31"), "multi_year"},
		{"a change of a count on last year", fig(parser.ChangeCount, "the last 12 months", "", ""), "year"},
		{"a count of a quarter", fig(parser.Count, "July to September 2024", "2024-07-01", "2024-09-30"), "quarter"},
		{"a count of the year the meeting is in", fig(parser.Count, "2024/25", "2024-04-01", "2025-03-31"), "year_to_date"},
		{"a count of this year", fig(parser.Count, "this year", "", ""), "year_to_date"},
		{"a change since April 2023, at a meeting in November 2024", fig(parser.ChangePercent, "since April 2023", "", ""), "multi_year"},
		{"a change since April 2024, at a meeting in November 2024", fig(parser.ChangePercent, "since April 2024", "", ""), "year_to_date"},
		{"a change of a month", fig(parser.ChangePercent, "last month", "", ""), "month"},
		{"a change of six months", fig(parser.ChangePercent, "the last six months", "", ""), "other"},
		{"a change without a period", fig(parser.ChangePercent, "", "", ""), "unstated"},
		{"a detection rate has no span", fig(parser.DetectionRatePercent, "year to date", "", ""), ""},
		{"sign-ups have no span", fig(parser.Signups, "this year", "", ""), ""},
		{"a rate per 1,000 has no span", fig(parser.RatePer1000, "2021", "2021-01-01", "2021-12-31"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SpanOf(tt.f); got != tt.want {
				t.Errorf("SpanOf -want %q +got %q", tt.want, got)
			}
			if HasSpan(tt.f.Measure) != (tt.want != "") {
				t.Errorf("HasSpan(%s) = %v", tt.f.Measure, HasSpan(tt.f.Measure))
			}
		})
	}
	// Without its meeting date, a period relative to it has no span.
	f := fig(parser.ChangePercent, "since April 2023", "", "")
	f.MeetingDate = time.Time{}
	if got := SpanOf(f); got != "unstated" {
		t.Errorf("SpanOf(since April 2023, no meeting date) -want unstated +got %q", got)
	}
}
