package collector

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func day(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }

func sfig(address string, seq int, date time.Time, area, cat string, v float64) store.Figure {
	return store.Figure{
		Figure: parser.Figure{Category: cat, Measure: parser.ChangePercent, Value: v, Area: area},
		Seq:    seq, Source: "s", Address: address, Borough: "Barnet", MeetingDate: date,
	}
}

// TestDuplicateRule checks the rule of buildSnapshot: of figures making the
// same series, the latest meeting date wins; on the same date, the first
// in the document, then the document whose address sorts first; and the
// order figures arrive in does not matter.
func TestDuplicateRule(t *testing.T) {
	tests := []struct {
		name string
		figs []store.Figure
		want float64
	}{
		{
			name: "latest meeting date wins",
			figs: []store.Figure{sfig("a", 0, day(1), "Barnet", "burglary", -1), sfig("b", 0, day(9), "Barnet", "burglary", -9)},
			want: -9,
		},
		{
			name: "latest meeting date wins whatever the order",
			figs: []store.Figure{sfig("b", 0, day(9), "Barnet", "burglary", -9), sfig("a", 0, day(1), "Barnet", "burglary", -1)},
			want: -9,
		},
		{
			name: "same document: first in the document wins",
			figs: []store.Figure{sfig("a", 3, day(1), "Barnet", "burglary", -3), sfig("a", 1, day(1), "Barnet", "burglary", -1)},
			want: -1,
		},
		{
			name: "same date, two documents: first address wins",
			figs: []store.Figure{sfig("b", 0, day(1), "Barnet", "burglary", -2), sfig("a", 5, day(1), "Barnet", "burglary", -1)},
			want: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := buildSnapshot(tt.figs, nil)
			if len(s.series) != 1 {
				t.Fatalf("%d series, want 1: %+v", len(s.series), s.series)
			}
			if s.series[0].value != tt.want {
				t.Errorf("value -want %v +got %v", tt.want, s.series[0].value)
			}
		})
	}
}

// TestDuplicatesNeverReachTheRegistry collects a snapshot full of
// duplicates: the scrape has no error and one sample per label set.
func TestDuplicatesNeverReachTheRegistry(t *testing.T) {
	var figs []store.Figure
	for i := range 20 {
		figs = append(figs, sfig(fmt.Sprint("doc", i%3), i, day(1+i%2), "Barnet", "burglary", float64(-i)))
	}
	c, _ := newTestCollector(t, fakeParse(nil))
	c.snap.Store(buildSnapshot(figs, nil))
	got := metricsText(t, c, "community_safety_change_ratio", "community_safety_report_timestamp_seconds")
	// The latest date is 2 January (odd i); of those, doc0 (i = 3, 9, 15)
	// sorts first, and in it i = 3 comes first.
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.03
community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="burglary",measure="change_percent",span="unstated"} 1.7041536e+09`
	if got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// TestLabelValuesAreBounded feeds figures whose labels a parser bug or a
// hostile document could produce: none becomes a label value.
func TestLabelValuesAreBounded(t *testing.T) {
	ok := sfig("a", 0, day(1), "Barnet", "burglary", -1)
	bad := func(mod func(*store.Figure)) store.Figure {
		f := ok
		mod(&f)
		return f
	}
	figs := []store.Figure{
		ok,
		bad(func(f *store.Figure) { f.Area = "Burglary had reduced by 39% (989 fewer offences) in the area" }),
		bad(func(f *store.Figure) { f.Area = `Barnet"} evil{x="` }),
		bad(func(f *store.Figure) { f.Area = "" }),
		bad(func(f *store.Figure) { f.Area = "\nBarnet" }),
		bad(func(f *store.Figure) { f.Area = strings.Repeat("A", 65) }),
		bad(func(f *store.Figure) { f.Borough = "39%" }),
		bad(func(f *store.Figure) { f.Category = "burglary of sheds" }),
		bad(func(f *store.Figure) { f.Measure = "vibes" }),
	}
	// More areas than a borough may have.
	for i := range series.MaxAreasPerBorough + 5 {
		figs = append(figs, sfig("a", 100+i, day(1), "Ward "+string(rune('A'+i%26))+string(rune('a'+i/26)), "robbery", -1))
	}
	s := buildSnapshot(figs, nil)
	wantDropped := map[string]int{series.InvalidArea: 5, series.InvalidBorough: 1, series.UnknownCategory: 1, series.UnknownMeasure: 1, series.TooManyAreas: 6}
	if diff := cmp.Diff(wantDropped, s.dropped); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
	areas := map[string]bool{}
	for _, x := range s.series {
		if !series.ValidPlace(x.area) || !series.ValidPlace(x.borough) || !series.ValidCategory(x.category) {
			t.Errorf("served invalid labels %+v", x.seriesKey)
		}
		areas[x.area] = true
	}
	if len(areas) != series.MaxAreasPerBorough {
		t.Errorf("served %d areas of Barnet, want the cap %d", len(areas), series.MaxAreasPerBorough)
	}
}

// TestAreaCapKeepsBoroughAndNewest: an old page of minutes naming 64 wards
// comes first in the store, then a newer one with the borough's own
// figures and two wards not seen before. Everything of the newer one is
// served; three of the old wards are not, and their figures are counted.
func TestAreaCapKeepsBoroughAndNewest(t *testing.T) {
	var figs []store.Figure
	for i := range series.MaxAreasPerBorough {
		figs = append(figs, sfig("2019.txt", i, day(1), fmt.Sprintf("Ward %02d", i), "robbery", -1))
	}
	cats := []string{"burglary", "robbery", "residential_burglary", "knife_crime", "violence_with_injury"}
	for i, c := range cats {
		figs = append(figs, sfig("2024.txt", i, day(20), "Barnet", c, -2))
	}
	figs = append(figs,
		sfig("2024.txt", 10, day(20), "Burnt Oak", "robbery", -3),
		sfig("2024.txt", 11, day(20), "Edgware", "robbery", -4))
	c, _ := newTestCollector(t, fakeParse(nil))
	c.snap.Store(buildSnapshot(figs, nil))

	want := map[string]int{"Barnet": len(cats), "Burnt Oak": 1, "Edgware": 1, "Ward 00": 1, "Ward 60": 1}
	got := map[string]int{}
	for _, s := range c.snap.Load().series {
		got[s.area]++
	}
	for area, n := range want {
		if got[area] != n {
			t.Errorf("area %q: %d series, want %d", area, got[area], n)
		}
	}
	for _, dropped := range []string{"Ward 61", "Ward 62", "Ward 63"} {
		if got[dropped] != 0 {
			t.Errorf("area %q, the least recently reported, is served", dropped)
		}
	}
	if len(got) != series.MaxAreasPerBorough {
		t.Errorf("%d areas served, want the cap %d", len(got), series.MaxAreasPerBorough)
	}
	line := `minutesexporter_figures_not_served{reason="too_many_areas"} 3`
	if m := metricsText(t, c, "minutesexporter_figures_not_served"); !strings.Contains(m, line) {
		t.Errorf("want %s in\n%s", line, m)
	}
}

// TestAreaCapCountsAreasNotSpans: the cap is on a borough's areas, and a
// span adds series to an area, never an area to the borough. An old
// document names the cap's worth of wards, each over two spans; a newer
// one the borough and a new ward, each over three. Every span of every
// kept area is served, once; the least recently reported ward, whatever
// its spans, is dropped; and no series is served twice.
func TestAreaCapCountsAreasNotSpans(t *testing.T) {
	f := func(address string, seq int, date time.Time, area, period, start, end string) store.Figure {
		g := sfig(address, seq, date, area, "robbery", float64(-seq))
		g.Period, g.PeriodStart, g.PeriodEnd = period, start, end
		return g
	}
	var figs []store.Figure
	for i := range series.MaxAreasPerBorough {
		ward := fmt.Sprintf("Ward %02d", i)
		figs = append(figs,
			f("2019.txt", 2*i, day(1), ward, "2019 to 2021", "2019-01-01", "2021-12-31"),
			f("2019.txt", 2*i+1, day(1), ward, "", "", ""))
	}
	for i, area := range []string{"Barnet", "Burnt Oak"} {
		figs = append(figs,
			f("2024.txt", 3*i, day(20), area, "2019 to 2021", "2019-01-01", "2021-12-31"),
			f("2024.txt", 3*i+1, day(20), area, "the last 12 months", "", ""),
			f("2024.txt", 3*i+2, day(20), area, "", "", ""))
	}
	s := buildSnapshot(figs, nil)
	if s.familiesErr != nil {
		t.Errorf("families: %v", s.familiesErr)
	}
	spans := map[string]map[string]bool{} // area → spans served
	for _, x := range s.series {
		if spans[x.area] == nil {
			spans[x.area] = map[string]bool{}
		}
		if spans[x.area][x.span] {
			t.Errorf("area %s, span %s served twice", x.area, x.span)
		}
		spans[x.area][x.span] = true
	}
	if len(spans) != series.MaxAreasPerBorough {
		t.Errorf("%d areas served, want the cap %d", len(spans), series.MaxAreasPerBorough)
	}
	for _, area := range []string{"Barnet", "Burnt Oak"} {
		if len(spans[area]) != 3 {
			t.Errorf("area %s: spans %v, want multi_year, year and unstated", area, spans[area])
		}
	}
	for _, area := range []string{"Ward 00", "Ward 61"} {
		if len(spans[area]) != 2 {
			t.Errorf("area %s: spans %v, want multi_year and unstated", area, spans[area])
		}
	}
	for _, area := range []string{"Ward 62", "Ward 63"} {
		if spans[area] != nil {
			t.Errorf("area %s, among the least recently reported, is served", area)
		}
	}
	// Both figures of each dropped ward are counted.
	if got := s.dropped[series.TooManyAreas]; got != 4 {
		t.Errorf("dropped too_many_areas = %d, want 4 (two wards, two spans each)", got)
	}
	// Each series once, its timestamp once: the families hold as many
	// metrics as series, twice.
	n := 0
	for _, mf := range s.families {
		n += len(mf.GetMetric())
	}
	if n != 2*len(s.series) {
		t.Errorf("families hold %d metrics, want %d (a value and a timestamp per series)", n, 2*len(s.series))
	}
}
