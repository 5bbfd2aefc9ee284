package collector

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// apiCollector returns a collector over a store of docs documents of
// perDoc figures each, every figure with a quote of a sentence's length.
func apiCollector(b *testing.B, docs, perDoc int) *Collector {
	b.Helper()
	c, st := newTestCollector(b, fakeParse(nil))
	ctx := context.Background()
	figs := make([]parser.Figure, perDoc)
	for i := range figs {
		figs[i] = parser.Figure{Area: "Barnet", Category: "burglary", Measure: parser.ChangePercent, Value: float64(-i),
			Period: "July to September 2024", Quote: fmt.Sprintf("Residential burglary had reduced by %d%% (989 fewer offences) compared with the same period last year", i),
			Start: 100 * i, End: 100*i + 95}
	}
	for d := range docs {
		meeting := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
		doc := store.Document{Source: "bench", Address: fmt.Sprintf("https://democracy.example.gov.uk/documents/s%06d/Minutes.pdf", d),
			Borough: "Barnet", Board: "Safer Communities Partnership Board", ContentType: "application/pdf", ContentHash: "h",
			Stamp: "s", FetchedAt: meeting, MeetingDate: meeting, DateFrom: "moderngov", ParserVersion: parser.Version, Text: "t"}
		if err := st.Put(ctx, doc, figs); err != nil {
			b.Fatal(err)
		}
	}
	return c
}

// BenchmarkFiguresAPI asks /api/v1/figures of a store of 99,000 figures
// (990 meetings of 100), as a dashboard link or a script would: the
// default request, and every figure by following the pages. Run with
// -benchmem: its memory is the point.
func BenchmarkFiguresAPI(b *testing.B) {
	c := apiCollector(b, 990, 100)
	h := c.FiguresHandler()
	get := func(query string) (next string) {
		w := &tailWriter{header: http.Header{}}
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/figures"+query, nil))
		if w.code != 0 && w.code != http.StatusOK {
			b.Fatalf("GET %s: %d %s", query, w.code, w.tail)
		}
		if m := nextCursor.FindSubmatch(w.tail); m != nil {
			return string(m[1])
		}
		return ""
	}
	b.Run("default", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			get("")
		}
	})
	b.Run("all_pages", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for next, query := "", ""; ; query = "?cursor=" + url.QueryEscape(next) {
				if next = get(query); next == "" {
					break
				}
			}
		}
	})
}

// nextCursor finds the cursor of the following page at the end of an
// answer.
var nextCursor = regexp.MustCompile(`"next":"([^"]*)"\}\s*$`)

// tailWriter is an http.ResponseWriter that keeps only the end of what is
// written, so that a benchmark measures the handler and not a copy of its
// answer.
type tailWriter struct {
	header http.Header
	code   int
	tail   []byte
}

func (w *tailWriter) Header() http.Header  { return w.header }
func (w *tailWriter) WriteHeader(code int) { w.code = code }
func (w *tailWriter) Write(p []byte) (int, error) {
	const keep = 512
	w.tail = append(w.tail, p[max(0, len(p)-keep):]...)
	if len(w.tail) > keep {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-keep:]...)
	}
	return len(p), nil
}
