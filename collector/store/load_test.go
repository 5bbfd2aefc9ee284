package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// hasSeriesIndex reports whether the store holds the figures' series
// index.
func hasSeriesIndex(t *testing.T, s *Store) bool {
	t.Helper()
	has, err := s.hasSeriesIndex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return has
}

// putDocs stores documents from..to-1, one figure of a category of two
// each, in transactions of batch.
func putDocs(t *testing.T, s *Store, from, to, batch int) {
	t.Helper()
	for i := from; i < to; i += batch {
		var es []Entry
		for k := i; k < min(to, i+batch); k++ {
			cat := []string{"burglary", "robbery"}[k%2]
			es = append(es, Entry{Document: doc(fmt.Sprintf("d%04d.txt", k), 1+k%28, fmt.Sprint("text ", k)),
				Figures: []parser.Figure{fig(cat, float64(-k))}})
		}
		if err := s.PutAll(context.Background(), es); err != nil {
			t.Fatal(err)
		}
	}
}

// withLoadDocuments sets loadDocuments to n for the test.
func withLoadDocuments(t *testing.T, n int) {
	old := loadDocuments
	loadDocuments = n
	t.Cleanup(func() { loadDocuments = old })
}

// TestLoadDropsTheSeriesIndexOnlyWhenLong: a load keeps the series index
// while its transactions store no more than loadDocuments documents, or a
// fifth of those the store held, whichever is more; the first that stores
// more drops it; the store answers a query by series the same without it;
// and the load's end makes it again. A load of few documents keeps it
// throughout.
func TestLoadDropsTheSeriesIndexOnlyWhenLong(t *testing.T) {
	ctx := context.Background()
	withLoadDocuments(t, 10)
	s := openTemp(t)
	putDocs(t, s, 0, 100, 25) // no load: the index is kept
	if !hasSeriesIndex(t, s) {
		t.Fatal("the series index is missing from a store written with no load")
	}
	robbery := FigureFilter{Categories: []string{"robbery"}}
	before, err := s.Figures(ctx, robbery)
	if err != nil {
		t.Fatal(err)
	}

	// 100 documents held: the load keeps the index through 20.
	end, err := s.StartLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartLoad(ctx); err == nil {
		t.Error("a second load started while one runs")
	}
	putDocs(t, s, 100, 120, 5)
	if !hasSeriesIndex(t, s) {
		t.Fatal("the load dropped the index within its first 20 documents (a fifth of 100 held)")
	}
	putDocs(t, s, 120, 121, 1)
	if hasSeriesIndex(t, s) {
		t.Fatal("the load kept the index past 20 documents")
	}
	putDocs(t, s, 121, 140, 7)
	after, err := s.Figures(ctx, robbery)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+20 {
		t.Errorf("without the index, %d robbery figures, want %d", len(after), len(before)+20)
	}
	// In the order of their meetings, the documents stored since among
	// those before.
	var held []Figure
	for _, f := range after {
		if f.Address < "d0100.txt" {
			held = append(held, f)
		}
	}
	if diff := cmp.Diff(before, held); diff != "" {
		t.Errorf("without the index, the figures held before read otherwise (-with +without):\n%s", diff)
	}
	if err := end(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasSeriesIndex(t, s) {
		t.Fatal("the load's end did not make the index again")
	}
	if err := end(ctx); err != nil {
		t.Errorf("the load's end called again: %v", err)
	}
	again, err := s.Figures(ctx, robbery)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(after, again); diff != "" {
		t.Errorf("with the index made again, the figures read otherwise (-without +with):\n%s", diff)
	}

	// 140 held, a fifth 28: a load of 25 documents stored and 3 parsed
	// again keeps the index throughout.
	end, err = s.StartLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	putDocs(t, s, 140, 165, 5)
	var docs []Refigured
	for id := int64(1); id <= 3; id++ {
		docs = append(docs, Refigured{ID: id, Figures: []parser.Figure{fig("burglary", 1)}})
	}
	if err := s.SetFigures(ctx, "v2", docs); err != nil {
		t.Fatal(err)
	}
	if !hasSeriesIndex(t, s) {
		t.Error("a load of 28 documents into a store of 140 dropped the index")
	}
	if err := end(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestLoadParsedAgainDropsTheIndex: figures parsed again count toward a
// load as documents stored do.
func TestLoadParsedAgainDropsTheIndex(t *testing.T) {
	ctx := context.Background()
	withLoadDocuments(t, 10)
	s := openTemp(t)
	putDocs(t, s, 0, 30, 30)
	end, err := s.StartLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Refigured
	for id := int64(1); id <= 11; id++ {
		docs = append(docs, Refigured{ID: id, Figures: []parser.Figure{fig("burglary", 1)}})
	}
	if err := s.SetFigures(ctx, "v2", docs); err != nil {
		t.Fatal(err)
	}
	if hasSeriesIndex(t, s) {
		t.Error("11 documents parsed again in a load of at most 10 kept the index")
	}
	if err := end(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasSeriesIndex(t, s) {
		t.Error("the load's end did not make the index again")
	}
}

// TestLoadEndedByACrash: a store closed in a load that dropped the series
// index (as a crash leaves it) has every document committed, and the index
// made again once it is opened and checked.
func TestLoadEndedByACrash(t *testing.T) {
	ctx := context.Background()
	withLoadDocuments(t, 10)
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartLoad(ctx); err != nil {
		t.Fatal(err)
	}
	putDocs(t, s, 0, 30, 10)
	if hasSeriesIndex(t, s) {
		t.Fatal("the load kept the index past 10 documents")
	}
	s.Close() // the load never ends

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	if !hasSeriesIndex(t, s) {
		t.Error("the series index a crashed load dropped is not made again on opening the store")
	}
	figs, err := s.Figures(ctx, FigureFilter{Categories: []string{"burglary"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 15 {
		t.Errorf("%d burglary figures after the crash, want the 15 committed", len(figs))
	}
}
