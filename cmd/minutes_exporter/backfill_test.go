package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func TestRunBackfill(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	put := func(address, borough, meeting string, figs ...parser.Figure) {
		t.Helper()
		date, err := time.Parse(time.DateOnly, meeting)
		if err != nil {
			t.Fatal(err)
		}
		d := store.Document{Source: "seeds", Address: address, Borough: borough, MeetingDate: date,
			FetchedAt: date, ParserVersion: parser.Version, Stamp: address}
		if err := st.Put(ctx, d, figs); err != nil {
			t.Fatal(err)
		}
	}
	put("004.txt", "Hillingdon", "2021-09-08",
		parser.Figure{Area: "Hillingdon", Category: "burglary", Measure: parser.ChangePercent, Value: -39,
			Period: "2019 to 2021", PeriodStart: "2019-01-01", PeriodEnd: "2021-12-31"})
	put("003.txt", "Barnet", "2024-11-29",
		parser.Figure{Area: "Barnet", Category: "residential_burglary", Measure: parser.ChangePercent, Value: -7.3,
			Period: "July to September 2024", PeriodStart: "2024-07-01", PeriodEnd: "2024-09-30"})
	put("002.txt", "Barnet", "2019-01-25",
		parser.Figure{Area: "Barnet", Category: "residential_burglary", Measure: parser.ChangePercent, Value: 12, Period: "the past year"})
	// A meeting from an hour ago is in Prometheus's head block already.
	now := time.Date(2026, 11, 23, 0, 30, 0, 0, time.UTC)
	put("new.txt", "Barnet", "2026-11-23",
		parser.Figure{Area: "Barnet", Category: "robbery", Measure: parser.Count, Value: 5})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(dir, "history.om")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Hillingdon's population is the Census's; Barnet's, a later estimate.
	cfg, err := collector.ParseConfig([]byte(`sources:
  - name: barnet
    kind: urls
    borough: Barnet
    population: {residents: 391000, year: 2023, source: a later estimate}
    urls: {addresses: ["https://example.org/minutes.html"]}
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := runBackfill(ctx, logger, dir, cfg, out, now); err != nil {
		t.Fatalf("runBackfill: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var samples []string
	for _, line := range strings.Split(string(got), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			samples = append(samples, line)
		}
	}
	want := []string{
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="residential_burglary",span="quarter"} -0.073 1732838400`,
		`community_safety_change_ratio{area="Barnet",borough="Barnet",category="residential_burglary",span="year"} 0.12 1548374400`,
		`community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary",span="multi_year"} -0.39 1631059200`,
		`community_safety_population{borough="Barnet"} 391000 1548374400`,
		`community_safety_population{borough="Barnet"} 391000 1732838400`,
		`community_safety_population{borough="Hillingdon"} 305200 1631059200`,
		`community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="residential_burglary",measure="change_percent",span="quarter"} 1732838400 1732838400`,
		`community_safety_report_timestamp_seconds{area="Barnet",borough="Barnet",category="residential_burglary",measure="change_percent",span="year"} 1548374400 1548374400`,
		`community_safety_report_timestamp_seconds{area="Hillingdon",borough="Hillingdon",category="burglary",measure="change_percent",span="multi_year"} 1631059200 1631059200`,
	}
	if strings.Join(samples, "\n") != strings.Join(want, "\n") {
		t.Errorf("backfill samples mismatch (-want +got):\n-%s\n+%s", strings.Join(want, "\n"), strings.Join(samples, "\n"))
	}
	if !strings.HasSuffix(string(got), "# EOF\n") {
		t.Errorf("backfill does not end in # EOF:\n%s", got)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".history.om.*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestRunBackfillWithoutStore(t *testing.T) {
	dir := t.TempDir()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	err := runBackfill(context.Background(), logger, dir, nil, filepath.Join(dir, "out.om"), time.Now())
	if err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Fatalf("runBackfill without a store: got %v, want an error saying there is no store", err)
	}
	if _, err := os.Stat(filepath.Join(dir, store.FileName)); err == nil {
		t.Errorf("runBackfill created a store it should only read")
	}
}
