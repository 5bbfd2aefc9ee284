package series

import (
	"fmt"
	"slices"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func fig(borough, area, category string, m parser.Measure) store.Figure {
	return store.Figure{
		Figure:  parser.Figure{Area: area, Category: category, Measure: m, Value: 1},
		Borough: borough,
	}
}

func TestCheckReasons(t *testing.T) {
	tests := []struct {
		name string
		f    store.Figure
		want string
	}{
		{"makes a series", fig("Barnet", "Burnt Oak", "burglary", parser.Count), ""},
		{"borough not a place", fig("39%", "Barnet", "burglary", parser.Count), InvalidBorough},
		{"no borough", fig("", "Barnet", "burglary", parser.Count), InvalidBorough},
		{"area not a place", fig("Barnet", "see page 4: {x}", "burglary", parser.Count), InvalidArea},
		{"unknown category", fig("Barnet", "Barnet", "burglary of sheds", parser.Count), UnknownCategory},
		{"unknown measure", fig("Barnet", "Barnet", "burglary", "vibes"), UnknownMeasure},
		// The borough is checked first, then the area, category and measure.
		{"everything wrong", fig("", "", "", ""), InvalidBorough},
		{"area and measure wrong", fig("Barnet", "", "burglary", "vibes"), InvalidArea},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Checker
			got := c.Check(tt.f)
			if got != tt.want {
				t.Errorf("Check -want %q +got %q", tt.want, got)
			}
			if got != "" && !slices.Contains(Reasons(), got) {
				t.Errorf("Check gave %q, not one of Reasons()", got)
			}
		})
	}
}

func TestCheckCapsAreasPerBorough(t *testing.T) {
	area := func(i int) string { return fmt.Sprintf("Ward %c%c", 'A'+i%26, 'a'+i/26) }
	var c Checker
	for i := range MaxAreasPerBorough {
		if r := c.Check(fig("Barnet", area(i), "robbery", parser.Count)); r != "" {
			t.Fatalf("area %d of %d refused: %s", i+1, MaxAreasPerBorough, r)
		}
	}
	tests := []struct {
		name string
		f    store.Figure
		want string
	}{
		{"a new area beyond the cap", fig("Barnet", area(MaxAreasPerBorough), "robbery", parser.Count), TooManyAreas},
		{"again, still refused", fig("Barnet", area(MaxAreasPerBorough), "burglary", parser.Signups), TooManyAreas},
		{"an area already let through", fig("Barnet", area(0), "burglary", parser.ChangePercent), ""},
		{"the last area let through", fig("Barnet", area(MaxAreasPerBorough-1), "robbery", parser.Count), ""},
		{"another borough has its own cap", fig("Brent", area(MaxAreasPerBorough), "robbery", parser.Count), ""},
		{"an invalid area is refused as invalid, not over the cap", fig("Barnet", "", "robbery", parser.Count), InvalidArea},
	}
	for _, tt := range tests {
		if got := c.Check(tt.f); got != tt.want {
			t.Errorf("%s: Check -want %q +got %q", tt.name, tt.want, got)
		}
	}
}

// TestRefusedFiguresDoNotCountAgainstTheCap: a figure refused for its
// category or measure takes none of its borough's areas.
func TestRefusedFiguresDoNotCountAgainstTheCap(t *testing.T) {
	var c Checker
	for i := range MaxAreasPerBorough {
		c.Check(fig("Barnet", fmt.Sprintf("Ward %d", i), "not_a_category", parser.Count))
		c.Check(fig("Barnet", fmt.Sprintf("Ward %d", i), "robbery", "vibes"))
	}
	if got := c.Check(fig("Barnet", "Burnt Oak", "robbery", parser.Count)); got != "" {
		t.Errorf("first valid area after %d refused figures: -want \"\" +got %q", 2*MaxAreasPerBorough, got)
	}
}
