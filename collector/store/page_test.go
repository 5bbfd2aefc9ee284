package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// TestPages reads figures and documents a page at a time, for each page
// size and with a filter: the pages, put end to end, are the whole list,
// each once, in order.
func TestPages(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	// Two sources, documents on the same days, so that the order's every
	// key (date, source, address, seq) decides somewhere.
	for i, day := range []int{3, 1, 3, 2, 1} {
		for _, src := range []string{"b", "a"} {
			d := doc(fmt.Sprintf("%d.txt", i), day, fmt.Sprint(i, src))
			d.Source = src
			figs := []parser.Figure{fig("burglary", float64(i)), fig("robbery", float64(i)), fig("burglary", -float64(i))}
			if err := s.Put(ctx, d, figs); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, filter := range []FigureFilter{{}, {Categories: []string{"burglary"}}, {Sources: []string{"a"}}} {
		all, err := s.Figures(ctx, filter)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{1, 2, 7, len(all), len(all) + 1} {
			t.Run(fmt.Sprintf("figures %+v limit %d", filter, limit), func(t *testing.T) {
				var got []FigureKey
				f := filter
				f.Limit = limit
				for pages := 0; ; pages++ {
					if pages > len(all) {
						t.Fatal("the pages do not end")
					}
					page, err := s.Figures(ctx, f)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) > limit {
						t.Fatalf("a page of %d figures, over the limit %d", len(page), limit)
					}
					for _, g := range page {
						got = append(got, g.Key())
					}
					if len(page) < limit {
						break
					}
					k := page[len(page)-1].Key()
					f.After = &k
				}
				var want []FigureKey
				for _, g := range all {
					want = append(want, g.Key())
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("pages end to end (-want +got):\n%s", diff)
				}
			})
		}
	}

	all, err := s.Documents(ctx, DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{1, 3, len(all)} {
		t.Run(fmt.Sprintf("documents limit %d", limit), func(t *testing.T) {
			var got, want []DocumentKey
			f := DocumentFilter{Limit: limit}
			for {
				page, err := s.Documents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range page {
					got = append(got, d.Key())
				}
				if len(page) < limit {
					break
				}
				k := page[len(page)-1].Key()
				f.After = &k
			}
			for _, d := range all {
				want = append(want, d.Key())
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pages end to end (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPageQueryPlan: a page of every figure, or of a borough's (the
// answers that hold most), the first or one after a cursor, is read in the
// documents_order index's order, figure by figure, and stops at its limit:
// SQLite sorts nothing (no temporary B-tree), so a page costs what it holds
// and not what the store holds. (A category or area filter may be read
// through figures_series instead, sorting only the figures it selects.)
func TestPageQueryPlan(t *testing.T) {
	s := openTemp(t)
	after := &FigureKey{Source: "a", Address: "b", Seq: 3}
	for _, f := range []FigureFilter{{Limit: 1001}, {Limit: 1001, After: after}, {Limit: 1001, After: after, Boroughs: []string{"Barnet"}}} {
		q, args := figuresQuery(f)
		rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "\n")
		if strings.Contains(text, "TEMP B-TREE") || !strings.Contains(text, "documents_order") {
			t.Errorf("filter %+v: the page query sorts, or does not read documents_order:\n%s", f, text)
		}
	}
}
