package collector

import (
	"context"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

// TestUnchangedRefreshKeepsSnapshot: a refresh that finds every document
// unchanged keeps serving the snapshot it found, and one that stores a
// document, or withdraws one, serves a new one with it.
func TestUnchangedRefreshKeepsSnapshot(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1), memDoc("b", "robbery -2\n", 2)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	ctx := context.Background()
	if err := c.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	first := c.snap.Load()
	if err := c.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if c.snap.Load() != first {
		t.Error("a refresh that found nothing changed built a new snapshot")
	}
	m.docs[1] = memDoc("b", "robbery -3\n", 2)
	if err := c.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.03`
	if got := metricsText(t, c, "community_safety_change_ratio"); got != want {
		t.Errorf("after a document changed:\n-want\n%s\n+got\n%s", want, got)
	}
}
