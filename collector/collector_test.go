package collector

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/collector/store/storetest"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// fixedNow is the clock of every test collector, so that no assertion
// depends on the wall clock.
var fixedNow = time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)

// newTestCollector returns a Collector over a new store in a temporary
// folder, with parse (parser.Parse when nil) and a fixed clock.
func newTestCollector(t testing.TB, parse ParseFunc, sources ...Named) (*Collector, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return newCollectorOver(t, st, parse, sources...), st
}

func newCollectorOver(t testing.TB, st *store.Store, parse ParseFunc, sources ...Named) *Collector {
	t.Helper()
	c, err := New(st, Options{Parse: parse, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	c.SetSources(sources)
	return c
}

func seedSources(t testing.TB) []Named {
	t.Helper()
	s, err := NewSources(SeedsConfig(), source.Env{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// figureFamilies are the families whose values depend only on the
// documents, not on timing.
var figureFamilies = []string{
	"community_safety_change_ratio", "community_safety_change", "community_safety_recorded",
	"community_safety_detection_ratio", "community_safety_rate_ratio", "community_safety_rate_per_1000",
	"community_safety_signups", "community_safety_target_ratio", "community_safety_report_timestamp_seconds",
	"community_safety_population",
	"minutesexporter_documents", "minutesexporter_figures", "minutesexporter_series",
	"minutesexporter_figures_not_served", "minutesexporter_source_up",
}

// TestSeedsGolden refreshes the embedded seeds with the real parser and
// compares the metrics with testdata/seeds.prom. After a parser change,
// review the difference and run `go test ./collector -run SeedsGolden -update`.
func TestSeedsGolden(t *testing.T) {
	c, _ := newTestCollector(t, nil, seedSources(t)...)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "seeds.prom")
	if *update {
		got, err := testutil.GatherAndFormat(gatherer(t, c), expfmt.TypeTextPlain, figureFamilies...)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if err := testutil.GatherAndCompare(gatherer(t, c), bytes.NewReader(want), figureFamilies...); err != nil {
		t.Errorf("seeds metrics differ from %s (rerun with -update after review):\n%v", golden, err)
	}

	// The two figures the issue names, whatever else the golden holds.
	for _, line := range []string{
		`community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary",span="multi_year"} -0.39`,
		`community_safety_detection_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.178`,
	} {
		if !bytes.Contains(want, []byte(line+"\n")) {
			t.Errorf("%s lacks %s", golden, line)
		}
	}
}

// TestLint lints every metric the collector serves, figures and
// self-metrics, as promtool check metrics does: no finding is let through.
func TestLint(t *testing.T) {
	c, _ := newTestCollector(t, nil, seedSources(t)...)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	problems, err := testutil.GatherAndLint(gatherer(t, c))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

// TestRestartServesStoredFigures opens the store a first collector filled
// with a new collector that has not refreshed: it serves the same figures.
func TestRestartServesStoredFigures(t *testing.T) {
	c, st := newTestCollector(t, nil, seedSources(t)...)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	before, err := testutil.GatherAndFormat(gatherer(t, c), expfmt.TypeTextPlain, figureFamilies[:9]...)
	if err != nil {
		t.Fatal(err)
	}
	path := st.Path()
	st.Close()
	st2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	neverRefreshed := newCollectorOver(t, st2, func(string, parser.Options) []parser.Figure {
		t.Error("the restarted collector parsed, but it was never refreshed")
		return nil
	}, seedSources(t)...)
	if err := testutil.GatherAndCompare(gatherer(t, neverRefreshed), bytes.NewReader(before), figureFamilies[:9]...); err != nil {
		t.Errorf("after a restart, before any refresh:\n%v", err)
	}
	if n := gatherCount(t, neverRefreshed, "community_safety_change_ratio"); n == 0 {
		t.Error("the restarted collector serves no community_safety_change_ratio series")
	}
	if n := gatherCount(t, neverRefreshed, "minutesexporter_source_up"); n != 0 {
		t.Errorf("source_up has %d series before any refresh, want none", n)
	}
}

// TestRestartRefusesCorruptStore checks that a restart over a store whose
// schema is whole but whose other pages are not, which Open opens while
// its check runs, serves nothing: New fails, naming the file.
func TestRestartRefusesCorruptStore(t *testing.T) {
	c, st := newTestCollector(t, nil, seedSources(t)...)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	path := st.Path()
	st.Close()
	storetest.CorruptPages(t, path)
	st2, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open of a store with a whole schema: %v", err)
	}
	defer st2.Close()
	c2, err := New(st2, Options{})
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "integrity check") {
		t.Fatalf("New over a corrupt store = %v, %v; want an integrity check's error naming %s", c2, err, path)
	}
}

// gatherer returns what /metrics serves of c, as serve wires it: its
// self-metrics through a (pedantic) registry, and its figure families.
func gatherer(t testing.TB, c *Collector) prometheus.Gatherer {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(c); err != nil {
		t.Fatal(err)
	}
	return c.Gatherer(reg)
}

// gatherCount counts the series of the named families that c serves.
func gatherCount(t testing.TB, c *Collector, names ...string) int {
	t.Helper()
	n, err := testutil.GatherAndCount(gatherer(t, c), names...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// metricsText returns the collector's exposition for the named families.
func metricsText(t *testing.T, c *Collector, names ...string) string {
	t.Helper()
	b, err := testutil.GatherAndFormat(gatherer(t, c), expfmt.TypeTextPlain, names...)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
