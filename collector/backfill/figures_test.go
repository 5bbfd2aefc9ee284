package backfill

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func figure(borough, area, category string, m parser.Measure, v float64, meeting string) store.Figure {
	return store.Figure{
		Figure:      parser.Figure{Area: area, Category: category, Measure: m, Value: v},
		Borough:     borough,
		MeetingDate: day(meeting),
	}
}

func TestFromFigures(t *testing.T) {
	figs := []store.Figure{
		figure("Barnet", "Barnet", "robbery", parser.DetectionRatePercent, 17.8, "2022-07-22"),
		figure("Hillingdon", "Hillingdon", "burglary", parser.ChangePercent, -39, "2021-09-08"),
		figure("Hillingdon", "Hillingdon", "burglary", parser.ChangeCount, -989, "2021-09-08"),
		// The same series twice at one meeting: the first in the document wins.
		figure("Hillingdon", "Hillingdon", "burglary", parser.ChangePercent, -50, "2021-09-08"),
		figure("Hillingdon", "Hillingdon", "online_watch_link", parser.Signups, 17000, "2021-09-08"),
		figure("Hillingdon", "Hillingdon", "burglary", parser.Measure("made_up"), 1, "2021-09-08"),
		{Figure: parser.Figure{Area: "Barnet", Category: "robbery", Measure: parser.Count, Value: 3}, Borough: "Barnet"},
		// Labels /metrics refuses are not backfilled either.
		figure("Barnet", "Barnet", "not_a_category", parser.Count, 3, "2022-07-22"),
		figure("Barnet", "see page 4: {x}", "robbery", parser.Count, 3, "2022-07-22"),
		figure("", "Barnet", "robbery", parser.Count, 3, "2022-07-22"),
	}
	// Barnet's population at each of its meetings, Hillingdon's at its one.
	figs = append(figs, figure("Barnet", "Barnet", "robbery", parser.DetectionRatePercent, 20.1, "2024-11-29"))
	samples, skipped := FromFigures(figs, map[string]int{"Barnet": 388400, "Hillingdon": 305200, "Brent": 339000})
	if skipped != 5 {
		t.Errorf("FromFigures skipped %d figures, want 5 (unknown measure, no meeting date, bad category, area, borough)", skipped)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, Families(), samples, day("2026-01-01")); err != nil {
		t.Fatalf("Write: %v", err)
	}
	want := `# TYPE community_safety_change gauge
# HELP community_safety_change Latest reported absolute change of a count (-989 for 989 fewer offences).
community_safety_change{area="Hillingdon",borough="Hillingdon",category="burglary",span="unstated"} -989 1631059200
# TYPE community_safety_change_ratio gauge
# HELP community_safety_change_ratio Latest reported relative change of a crime measure against an earlier period (-0.39 for down 39%).
community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary",span="unstated"} -0.39 1631059200
# TYPE community_safety_detection_ratio gauge
# HELP community_safety_detection_ratio Latest reported share of offences detected or with a positive outcome.
community_safety_detection_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.178 1658448000
community_safety_detection_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.201 1732838400
# TYPE community_safety_population gauge
# HELP community_safety_population Usual residents of the borough at the 2021 Census of England and Wales (ONS; rounded to the nearest 100), unless a source's configuration gives another population: (the landing page says whose, and of which year).
community_safety_population{borough="Barnet"} 388400 1658448000
community_safety_population{borough="Barnet"} 388400 1732838400
community_safety_population{borough="Hillingdon"} 305200 1631059200
# TYPE community_safety_report_timestamp_seconds gauge
# HELP community_safety_report_timestamp_seconds Meeting date of the minutes that reported the figure behind each community_safety_ series, as a Unix time.
community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="robbery",measure="detection_rate_percent"} 1658448000 1658448000
community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="robbery",measure="detection_rate_percent"} 1732838400 1732838400
community_safety_report_timestamp_seconds{area="Hillingdon",borough="Hillingdon",category="burglary",measure="change_count",span="unstated"} 1631059200 1631059200
community_safety_report_timestamp_seconds{area="Hillingdon",borough="Hillingdon",category="burglary",measure="change_percent",span="unstated"} 1631059200 1631059200
community_safety_report_timestamp_seconds{area="Hillingdon",borough="Hillingdon",category="online_watch_link",measure="signups"} 1631059200 1631059200
# TYPE community_safety_signups gauge
# HELP community_safety_signups Latest reported number of people signed up to a crime-prevention scheme.
community_safety_signups{area="Hillingdon",borough="Hillingdon",category="online_watch_link"} 17000 1631059200
# EOF
`
	if got := buf.String(); got != want {
		t.Errorf("backfill of figures mismatch (-want +got):\n-%s\n+%s", want, got)
	}
}

func TestFamiliesCoverEveryMeasure(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Families() {
		if f.Name == "" || f.Type != "gauge" || f.Help == "" {
			t.Errorf("family %+v: want a name, type gauge and help", f)
		}
		if seen[f.Name] {
			t.Errorf("family %s listed twice", f.Name)
		}
		seen[f.Name] = true
	}
	for _, m := range parser.Measures() {
		if _, ok := FamilyName(m); !ok {
			t.Errorf("measure %s has no family", m)
		}
	}
	if want := len(parser.Measures()) + 2; len(seen) != want {
		t.Errorf("Families: got %d, want %d", len(seen), want)
	}
}

func TestFromFiguresCapsAreasPerBorough(t *testing.T) {
	var figs []store.Figure
	for i := range series.MaxAreasPerBorough + 2 {
		figs = append(figs, figure("Barnet", "Ward "+string(rune('A'+i%26))+string(rune('a'+i/26)), "robbery", parser.Count, 1, "2022-07-22"))
	}
	samples, skipped := FromFigures(figs, nil)
	if skipped != 2 || len(samples) != 2*series.MaxAreasPerBorough {
		t.Errorf("FromFigures over %d areas: skipped %d, samples %d; want skipped 2, samples %d",
			len(figs), skipped, len(samples), 2*series.MaxAreasPerBorough)
	}
}

// TestFromFiguresCapKeepsBorough: the backfill caps areas as /metrics does,
// so an old document naming a borough's 64 wards does not hide the
// borough's own later figures.
func TestFromFiguresCapKeepsBorough(t *testing.T) {
	var figs []store.Figure
	for i := range series.MaxAreasPerBorough {
		figs = append(figs, figure("Barnet", fmt.Sprintf("Ward %02d", i), "robbery", parser.Count, 1, "2019-01-25"))
	}
	figs = append(figs, figure("Barnet", "Barnet", "burglary", parser.Count, 393, "2024-11-29"))
	samples, skipped := FromFigures(figs, nil)
	if skipped != 1 {
		t.Errorf("skipped %d, want 1 (the old ward that sorts last)", skipped)
	}
	found := false
	for _, s := range samples {
		for _, l := range s.Labels {
			if l.Name == "area" && l.Value == "Barnet" {
				found = true
			}
			if l.Name == "area" && l.Value == fmt.Sprintf("Ward %02d", series.MaxAreasPerBorough-1) {
				t.Errorf("the least recently reported ward that sorts last is backfilled: %+v", s)
			}
		}
	}
	if !found {
		t.Error("the borough's own figure is not backfilled")
	}
}
