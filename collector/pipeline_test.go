package collector

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
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

// TestRefreshStoresInFetchOrder: however long each document takes to
// parse, and so whichever parse goroutine ends first, documents are
// stored in the order the source gave them (their ids say so), with their
// own figures.
func TestRefreshStoresInFetchOrder(t *testing.T) {
	var docs []source.Document
	for i := range 40 {
		docs = append(docs, memDoc(fmt.Sprintf("%02d", i), fmt.Sprintf("burglary -%d\n", i+1), 1+i%28))
	}
	parse := func(text string, opts parser.Options) []parser.Figure {
		var n int
		fmt.Sscanf(text, "burglary -%d", &n)
		time.Sleep(time.Duration(40-n) * 100 * time.Microsecond) // the first parse slowest
		return fakeParse(nil)(text, opts)
	}
	c, st := newTestCollector(t, parse, Named{Config: source.Config{Name: "mem"}, Source: &memSource{docs: docs}})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Documents(context.Background(), store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(stored, func(a, b store.Document) int { return cmp.Compare(a.ID, b.ID) })
	figs, err := st.Figures(context.Background(), store.FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	value := map[string]float64{}
	for _, f := range figs {
		value[f.Address] = f.Value
	}
	if len(stored) != len(docs) {
		t.Fatalf("%d documents stored, want %d", len(stored), len(docs))
	}
	for i, d := range stored {
		if d.Address != docs[i].Address || value[d.Address] != -float64(i+1) {
			t.Errorf("document with id %d: %s with figure %v, want %s with %v", d.ID, d.Address, value[d.Address], docs[i].Address, -float64(i+1))
		}
	}
}
