package series

import (
	"fmt"
	"slices"
	"testing"
	"time"

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
			got := NewChecker([]store.Figure{tt.f}).Check(tt.f)
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
	area := func(i int) string { return fmt.Sprintf("Ward %03d", i) }
	var figs []store.Figure
	for i := range MaxAreasPerBorough + 1 {
		figs = append(figs, fig("Barnet", area(i), "robbery", parser.Count))
	}
	figs = append(figs, fig("Brent", area(MaxAreasPerBorough), "robbery", parser.Count))
	c := NewChecker(figs)
	tests := []struct {
		name string
		f    store.Figure
		want string
	}{
		// All on one date: the names that sort first are kept.
		{"the first area by name", fig("Barnet", area(0), "burglary", parser.ChangePercent), ""},
		{"the last area within the cap", fig("Barnet", area(MaxAreasPerBorough-1), "robbery", parser.Count), ""},
		{"an area beyond the cap", fig("Barnet", area(MaxAreasPerBorough), "robbery", parser.Count), TooManyAreas},
		{"the same area in another measure", fig("Barnet", area(MaxAreasPerBorough), "burglary", parser.Signups), TooManyAreas},
		{"an area the checker never saw", fig("Barnet", "Burnt Oak", "robbery", parser.Count), TooManyAreas},
		{"another borough has its own cap", fig("Brent", area(MaxAreasPerBorough), "robbery", parser.Count), ""},
		{"an invalid area is refused as invalid, not over the cap", fig("Barnet", "", "robbery", parser.Count), InvalidArea},
	}
	for _, tt := range tests {
		if got := c.Check(tt.f); got != tt.want {
			t.Errorf("%s: Check -want %q +got %q", tt.name, tt.want, got)
		}
	}
}

func dated(borough, area, date string) store.Figure {
	f := fig(borough, area, "burglary", parser.ChangePercent)
	f.MeetingDate, _ = time.Parse(time.DateOnly, date)
	return f
}

// TestCapKeepsBoroughAndNewest fills a borough's cap with the wards of an
// old document: its own figures and the newer wards' are served all the
// same, and the wards least recently reported are the ones dropped.
func TestCapKeepsBoroughAndNewest(t *testing.T) {
	ward := func(i int) string { return fmt.Sprintf("Old Ward %02d", i) }
	var figs []store.Figure
	for i := range MaxAreasPerBorough {
		figs = append(figs, dated("Barnet", ward(i), "2019-01-25"))
	}
	// Ward 00 is reported again later, so it is among the recent ones.
	figs = append(figs,
		dated("Barnet", ward(0), "2023-03-01"),
		dated("Barnet", "Barnet", "2024-11-29"),
		dated("Barnet", "Burnt Oak", "2024-11-29"),
		dated("Barnet", "Edgware", "2022-07-22"),
	)
	c := NewChecker(figs)
	// Three new areas take the places of the three old wards that sort
	// last among those last reported in 2019.
	want := map[string]string{
		"Barnet":    "",
		"Burnt Oak": "",
		"Edgware":   "",
		ward(0):     "",
		ward(1):     "",
		ward(60):    "",
		ward(61):    TooManyAreas,
		ward(62):    TooManyAreas,
		ward(63):    TooManyAreas,
	}
	for area, reason := range want {
		if got := c.Check(dated("Barnet", area, "2019-01-25")); got != reason {
			t.Errorf("area %q: Check -want %q +got %q", area, reason, got)
		}
	}
	// The order figures come in does not matter.
	slices.Reverse(figs)
	again := NewChecker(figs)
	for area, reason := range want {
		if got := again.Check(dated("Barnet", area, "2019-01-25")); got != reason {
			t.Errorf("figures in reverse order: area %q: Check -want %q +got %q", area, reason, got)
		}
	}
}

// TestBoroughKeptWhateverItsDate: the borough's own area is kept even
// when every ward was reported after it.
func TestBoroughKeptWhateverItsDate(t *testing.T) {
	figs := []store.Figure{dated("Barnet", "Barnet", "2015-01-01")}
	for i := range MaxAreasPerBorough {
		figs = append(figs, dated("Barnet", fmt.Sprintf("Ward %02d", i), "2024-01-01"))
	}
	c := NewChecker(figs)
	if got := c.Check(figs[0]); got != "" {
		t.Errorf("the borough's own figure: Check -want \"\" +got %q", got)
	}
	if got := c.Check(figs[len(figs)-1]); got != TooManyAreas {
		t.Errorf("the last ward by name: Check -want %q +got %q", TooManyAreas, got)
	}
}

// TestRefusedFiguresDoNotCountAgainstTheCap: a figure refused for its
// category or measure takes none of its borough's areas.
func TestRefusedFiguresDoNotCountAgainstTheCap(t *testing.T) {
	var figs []store.Figure
	for i := range MaxAreasPerBorough {
		figs = append(figs,
			fig("Barnet", fmt.Sprintf("Ward %d", i), "not_a_category", parser.Count),
			fig("Barnet", fmt.Sprintf("Ward %d", i), "robbery", "vibes"))
	}
	valid := fig("Barnet", "Burnt Oak", "robbery", parser.Count)
	c := NewChecker(append(figs, valid))
	if got := c.Check(valid); got != "" {
		t.Errorf("first valid area after %d refused figures: -want \"\" +got %q", 2*MaxAreasPerBorough, got)
	}
}
