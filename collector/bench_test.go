package collector

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
	"github.com/minutes-exporter/minutes_exporter/seeds"
)

var (
	benchNumber   = regexp.MustCompile(`\d+(?:\.\d+)?`)
	benchBoroughs = []string{"Barnet", "Brent", "Camden", "Croydon", "Ealing", "Enfield", "Hackney", "Harrow",
		"Hillingdon", "Hounslow", "Islington", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
		"Southwark", "Sutton", "Wandsworth", "Westminster"}
)

// generatedDocs makes n documents from the seeds, each with its numbers
// changed and its borough's name replaced, so that every one parses to
// different figures.
func generatedDocs(b *testing.B, n int) []source.Document {
	b.Helper()
	names, err := fs.Glob(seeds.FS, "*.txt")
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, name := range names {
		data, err := fs.ReadFile(seeds.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]source.Document, n)
	for i := range docs {
		borough := benchBoroughs[i%len(benchBoroughs)]
		text := benchNumber.ReplaceAllStringFunc(texts[i%len(texts)], func(s string) string {
			if len(s) == 4 && (s[:2] == "19" || s[:2] == "20") {
				return s // keep years, so periods still read
			}
			return fmt.Sprint(rng.IntN(900) + 1)
		})
		text = strings.NewReplacer("Barnet", borough, "Hillingdon", borough).Replace(text)
		docs[i] = source.Document{
			Source: "bench", Address: fmt.Sprintf("bench/%05d.txt", i), Body: []byte(text),
			ContentType: "text/plain", Borough: borough, DateFrom: source.DateManifest,
			MeetingDate: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3650),
		}
	}
	return docs
}

// BenchmarkRefresh10000 refreshes 10,000 new documents into an empty store
// with the real parser: text, parse, store, snapshot.
func BenchmarkRefresh10000(b *testing.B) {
	docs := generatedDocs(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		c, _ := newTestCollector(b, nil, Named{Config: source.Config{Name: "bench"}, Source: &memSource{docs: docs}})
		b.StartTimer()
		if err := c.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if n := len(c.snap.Load().series); n == 0 {
			b.Fatal("no series after the refresh")
		}
		b.StartTimer()
	}
}

// BenchmarkRefreshUnchanged10000 refreshes 10,000 documents the store
// already holds unchanged: digest each and find nothing to do.
func BenchmarkRefreshUnchanged10000(b *testing.B) {
	docs := generatedDocs(b, 10000)
	var parsed atomic.Int64
	parse := func(text string, opts parser.Options) []parser.Figure {
		parsed.Add(1)
		return parser.Parse(text, opts)
	}
	c, _ := newTestCollector(b, parse, Named{Config: source.Config{Name: "bench"}, Source: &memSource{docs: docs}})
	if err := c.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	parsed.Store(0)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := c.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if n := parsed.Load(); n != 0 {
		b.Fatalf("an unchanged refresh parsed %d documents", n)
	}
}

// BenchmarkScrape10000 serves /metrics through MetricsHandler, as serve
// wires it, from a snapshot of 10,000 figure series (plus their 10,000
// report timestamps), in the classic text format without compression. The
// figure families are encoded at the first scrape and served from the
// cache at every one after, as between refreshes.
func BenchmarkScrape10000(b *testing.B) {
	benchScrape(b, nil, false)
}

// BenchmarkScrape10000Prometheus is BenchmarkScrape10000 asked for as
// Prometheus 3 asks: OpenMetrics, gzip.
func BenchmarkScrape10000Prometheus(b *testing.B) {
	benchScrape(b, prometheusScrape, false)
}

// BenchmarkScrape10000PrometheusAfterSwap is BenchmarkScrape10000Prometheus
// for the first scrape after a snapshot is stored without being warmed,
// which encodes and compresses the figure families for the scrapes that
// follow: what a refresh pays as it swaps its snapshot in, for each format
// scraped before (see TestRefreshWarmsTheScrape).
func BenchmarkScrape10000PrometheusAfterSwap(b *testing.B) {
	benchScrape(b, prometheusScrape, true)
}

// prometheusScrape is how Prometheus 3 asks for /metrics.
var prometheusScrape = http.Header{
	"Accept": {"application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5," +
		"application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3," +
		"text/plain;version=0.0.4;q=0.2,*/*;q=0.1"},
	"Accept-Encoding": {"gzip"},
}

// scrapeFigures returns figures that make 10,000 series: 20 boroughs of 25
// areas, 20 categories, 5 measures.
func scrapeFigures() []store.Figure {
	var figs []store.Figure
	cats := parser.Categories()
	measures := parser.Measures()
	for i := range 10000 {
		figs = append(figs, store.Figure{
			Figure: parser.Figure{
				Category: cats[i%20], Measure: measures[(i/20)%5], Value: float64(i%1000) / 10,
				Area: fmt.Sprintf("Area %c%c", 'A'+(i/100)%5, 'a'+(i/100)/5%26),
			},
			Borough: benchBoroughs[(i/500)%20], Address: "doc", Seq: i,
			MeetingDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		})
	}
	return figs
}

// benchScrape scrapes with header; if swap, a snapshot (the same series)
// is swapped in before each scrape.
func benchScrape(b *testing.B, header http.Header, swap bool) {
	figs := scrapeFigures()
	c, _ := newTestCollector(b, nil)
	// The live heap a snapshot of 10,000 series holds.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.snap.Store(buildSnapshot(figs, nil))
	runtime.GC()
	runtime.ReadMemStats(&after)
	if n := len(c.snap.Load().series); n != 10000 {
		b.Fatalf("%d series, want 10000 (dropped %v)", n, c.snap.Load().dropped)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	h := c.MetricsHandler(reg, promhttp.HandlerOpts{
		ErrorHandling: promhttp.ContinueOnError, EnableOpenMetrics: true,
	})
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	maps.Copy(req.Header, header)
	b.ReportAllocs()
	b.ResetTimer()
	w := &discardWriter{header: http.Header{}}
	for range b.N {
		if swap {
			b.StopTimer()
			fresh := *c.snap.Load()
			c.snap.Store(&fresh)
			b.StartTimer()
		}
		w.code, w.n = 0, 0
		h.ServeHTTP(w, req)
		if w.code != http.StatusOK && w.code != 0 {
			b.Fatalf("status %d", w.code)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(w.n), "bytes/scrape")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)), "snapshot-B")
	// What the handler keeps of the snapshot, encoded, for the format asked.
	if mh, ok := h.(*metricsHandler); ok {
		var cached int
		for _, ex := range mh.cache.Load().formats {
			cached += len(ex.text) + len(ex.deflated)
		}
		b.ReportMetric(float64(cached), "cache-B")
	}
	runtime.KeepAlive(figs)
}

// discardWriter is a ResponseWriter that counts and drops the body, as a
// socket would take it, so that the benchmark measures the exporter rather
// than a growing buffer.
type discardWriter struct {
	header http.Header
	code   int
	n      int
}

func (w *discardWriter) Header() http.Header  { return w.header }
func (w *discardWriter) WriteHeader(code int) { w.code = code }
func (w *discardWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

// BenchmarkRestart10000 opens a store that holds 10,000 documents, as the
// exporter does when it starts, until the collector serves their figures:
// open, check and load the snapshot.
func BenchmarkRestart10000(b *testing.B) {
	docs := generatedDocs(b, 10000)
	path := filepath.Join(b.TempDir(), store.FileName)
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	sources := []Named{{Config: source.Config{Name: "bench"}, Source: &memSource{docs: docs}}}
	c := newCollectorOver(b, st, nil, sources...)
	if err := c.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	want := len(c.snap.Load().series)
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		st, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		c, err := New(st, Options{Now: func() time.Time { return fixedNow }})
		if err != nil {
			b.Fatal(err)
		}
		if err := c.SetSources(sources); err != nil {
			b.Fatal(err)
		}
		if n := len(c.snap.Load().series); n != want {
			b.Fatalf("%d series after the restart, want %d", n, want)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
