package collector

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// TestFamiliesInRegistryOrder builds families from series in a random order
// and checks them against what a registry's merge makes of them
// (prometheus.Gatherers sorts families and metrics): the same, so the
// snapshot's check finds them in order and nothing is lost to it.
func TestFamiliesInRegistryOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var figs []store.Figure
	measures := parser.Measures()
	for i := range 500 {
		figs = append(figs, store.Figure{
			Figure: parser.Figure{
				Category: parser.Categories()[rng.IntN(5)], Measure: measures[rng.IntN(len(measures))],
				Value: float64(rng.IntN(1000)), Area: []string{"Barnet", "Burnt Oak", "Barnet Town", "Edgware"}[rng.IntN(4)],
			},
			Borough: []string{"Barnet", "Brent", "Ealing"}[rng.IntN(3)], Address: fmt.Sprint("doc", i), Seq: i,
			MeetingDate: day(1 + rng.IntN(28)),
		})
	}
	s := buildSnapshot(figs, nil)
	if s.familiesErr != nil {
		t.Fatalf("checking the families: %v", s.familiesErr)
	}
	got := buildFamilies(s.series, s.residents)
	if diff := cmp.Diff(s.families, got, protocmp.Transform()); diff != "" {
		t.Errorf("families not in the registry's order (-registry +built):\n%s", diff)
	}
	var n int
	for _, mf := range got {
		n += len(mf.Metric)
	}
	if n != 2*len(s.series) {
		t.Errorf("%d metrics for %d series, want a figure and a timestamp each", n, len(s.series))
	}
}

// TestGathererClash registers, beside the collector, a gauge with the name
// of a figure family: the scrape reports the clash and serves each family
// once, as a registry would, rather than a family twice.
func TestGathererClash(t *testing.T) {
	c, _ := newTestCollector(t, nil)
	c.snap.Store(buildSnapshot([]store.Figure{sfig("a", 0, day(1), "Barnet", "burglary", -39)}, nil))
	reg := prometheus.NewRegistry()
	reg.MustRegister(c, prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "community_safety_change_ratio", Help: "An impostor.",
	}))
	mfs, err := c.Gatherer(reg).Gather()
	if err == nil || !strings.Contains(err.Error(), "community_safety_change_ratio") {
		t.Errorf("Gather error = %v, want the clash named", err)
	}
	seen := map[string]int{}
	for _, mf := range mfs {
		seen[mf.GetName()]++
	}
	if seen["community_safety_change_ratio"] != 1 || seen["community_safety_report_timestamp_seconds"] != 1 {
		t.Errorf("families served %v, want each once", seen)
	}
}

// TestScrapesDuringRefreshes scrapes and encodes while refreshes swap
// snapshots in: with -race, it shows scrapes share the snapshot's
// families without writing to them, and every scrape sees one whole
// snapshot (a figure and its timestamp for every series).
func TestScrapesDuringRefreshes(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\nrobbery -2\n", 1)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	g := c.Gatherer(reg)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				mfs, err := g.Gather()
				if err != nil {
					t.Error(err)
					return
				}
				var b strings.Builder
				enc := expfmt.NewEncoder(&b, expfmt.NewFormat(expfmt.TypeOpenMetrics))
				var figures, stamps int
				for _, mf := range mfs {
					if err := enc.Encode(mf); err != nil {
						t.Error(err)
						return
					}
					switch name := mf.GetName(); {
					case name == "community_safety_report_timestamp_seconds":
						stamps += len(mf.Metric)
					case name == "community_safety_population":
						// One a borough, not a figure's.
					case strings.HasPrefix(name, "community_safety_"):
						figures += len(mf.Metric)
					}
				}
				if figures != stamps {
					t.Errorf("a scrape served %d figures and %d timestamps", figures, stamps)
					return
				}
			}
		})
	}
	for i := range 20 {
		m.mu.Lock()
		m.docs = append(m.docs, memDoc(fmt.Sprint("doc", i), fmt.Sprintf("theft_from_person -%d\n", i), i%28+1))
		m.mu.Unlock()
		if err := c.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	wg.Wait()
	if n, err := testutil.GatherAndCount(g, "community_safety_change_ratio"); err != nil || n != 3 {
		t.Errorf("after the refreshes: %d series (%v), want 3", n, err)
	}
}
