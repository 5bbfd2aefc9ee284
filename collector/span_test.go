package collector

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// TestSpanLabels refreshes minutes with the real parser, each reporting
// figures over one span, and reads the span label of every change and
// count served: relative periods are read against each document's own
// meeting date, and detection rates have no span.
func TestSpanLabels(t *testing.T) {
	doc := func(address, text, meeting string) source.Document {
		d, err := time.Parse(time.DateOnly, meeting)
		if err != nil {
			t.Fatal(err)
		}
		return source.Document{Source: "mem", Address: address, Body: []byte(text), ContentType: "text/plain",
			Borough: "Barnet", MeetingDate: d, DateFrom: source.DateManifest}
	}
	m := &memSource{docs: []source.Document{
		doc("multi", "Burglary had reduced by 39% between 2019 and 2021.\n", "2021-09-08"),
		doc("quarter", "There were 393 cases of residential burglary between July and September 2024.\n", "2024-11-29"),
		doc("year", "Robbery had increased by 12% over the last 12 months.\n", "2024-11-29"),
		doc("ytd", "There had been 811 offences of catalytic converter theft year to date.\n", "2022-07-22"),
		doc("month", "Theft from the person fell by 10% last month.\n", "2024-11-29"),
		// The same words a year apart: within its financial year at the
		// first meeting, past it at the second.
		doc("since-early", "Violence with injury was down 4% since April 2023.\n", "2023-11-15"),
		doc("since-late", "Knife crime was down 4% since April 2023.\n", "2025-02-01"),
		doc("financial-year", "There were 4,100 offences of total crime in 2024/25.\n", "2024-11-29"),
		doc("other", "Shoplifting reduced by 9% over the last six months.\n", "2024-11-29"),
		doc("unstated", "Sexual offences rose by 26%.\nThere were 120 reports of domestic abuse.\n", "2024-11-29"),
		doc("detection", "There was a 17.8% detection rate in relation to robberies.\n", "2022-07-22"),
	}}
	c, _ := newTestCollector(t, nil, Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="multi_year"} -0.39`:               true,
		`community_safety_recorded{area="Barnet",borough="Barnet",category="residential_burglary",span="quarter"} 393`:            true,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="year"} 0.12`:                       true,
		`community_safety_recorded{area="Barnet",borough="Barnet",category="catalytic_converter_theft",span="year_to_date"} 811`:  true,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="theft_from_person",span="month"} -0.1`:            true,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="violence_with_injury",span="year_to_date"} -0.04`: true,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="knife_crime",span="multi_year"} -0.04`:            true,
		`community_safety_recorded{area="Barnet",borough="Barnet",category="total_offences",span="year_to_date"} 4100`:            true,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="shoplifting",span="other"} -0.09`:                 true,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="sexual_offences",span="unstated"} 0.26`:           true,
		`community_safety_recorded{area="Barnet",borough="Barnet",category="domestic_abuse",span="unstated"} 120`:                 true,
		`community_safety_detection_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.178`:                               true,
	}
	got := metricsText(t, c, "community_safety_change_ratio", "community_safety_recorded", "community_safety_detection_ratio")
	for _, line := range strings.Split(got, "\n") {
		if !want[line] {
			t.Errorf("served %s, which is not wanted", line)
		}
		delete(want, line)
	}
	for line := range want {
		t.Errorf("not served: %s", line)
	}
	// Each series' timestamp has the span of its series.
	stamps := metricsText(t, c, "community_safety_report_timestamp_seconds")
	for _, line := range []string{
		`community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="knife_crime",measure="change_percent",span="multi_year"} 1.738368e+09`,
		`community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="robbery",measure="detection_rate_percent"} 1.658448e+09`,
	} {
		if !strings.Contains(stamps, line+"\n") && !strings.HasSuffix(stamps, line) {
			t.Errorf("timestamps lack %s:\n%s", line, stamps)
		}
	}
}

// TestSpanIsPartOfTheSeries: figures of one category and measure over two
// spans make two series; two over the same span make one, by the
// duplicate rule.
func TestSpanIsPartOfTheSeries(t *testing.T) {
	f := func(address string, seq int, date time.Time, period, start, end string, v float64) store.Figure {
		g := sfig(address, seq, date, "Barnet", "burglary", v)
		g.Period, g.PeriodStart, g.PeriodEnd = period, start, end
		return g
	}
	figs := []store.Figure{
		f("a", 0, day(1), "2019 to 2021", "2019-01-01", "2021-12-31", -39),
		f("a", 1, day(1), "the last 12 months", "", "", 12),
		f("b", 0, day(9), "the past year", "", "", 4), // later: wins the year series
		f("b", 1, day(9), "", "", "", -5),
	}
	s := buildSnapshot(figs, nil)
	got := map[string]float64{}
	for _, x := range s.series {
		if _, dup := got[x.span]; dup {
			t.Errorf("span %s served twice", x.span)
		}
		got[x.span] = x.value
	}
	want := map[string]float64{"multi_year": -39, "year": 4, "unstated": -5}
	if len(got) != len(want) {
		t.Errorf("series by span %v, want %v", got, want)
	}
	for span, v := range want {
		if got[span] != v {
			t.Errorf("span %s: -want %v +got %v", span, v, got[span])
		}
	}
	if s.familiesErr != nil {
		t.Errorf("families: %v", s.familiesErr)
	}
	// The parser's own spans are the only values.
	for _, x := range s.series {
		ok := false
		for _, sp := range parser.Spans() {
			ok = ok || string(sp) == x.span
		}
		if !ok {
			t.Errorf("span %q is not one of parser.Spans()", x.span)
		}
	}
}
