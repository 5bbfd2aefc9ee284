package collector

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/textparse"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

// prometheus3Accept is the Accept header of a Prometheus 3 scrape.
const prometheus3Accept = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5," +
	"application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3," +
	"text/plain;version=0.0.4;q=0.2,*/*;q=0.1"

var serveOpts = promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError, EnableOpenMetrics: true}

// scrapeWith serves a GET of target with header through h.
func scrapeWith(h http.Handler, target string, header http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decoded returns the body of rec, decompressed as its Content-Encoding
// says.
func decoded(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	switch enc := rec.Header().Get("Content-Encoding"); enc {
	case "":
		return rec.Body.Bytes()
	case "gzip":
		r := bytes.NewReader(rec.Body.Bytes())
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("gzip header: %v", err)
		}
		zr.Multistream(false) // one member, as promhttp writes
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("gunzip: %v", err)
		}
		if r.Len() != 0 {
			t.Fatalf("%d bytes after the gzip member", r.Len())
		}
		return b
	default:
		t.Fatalf("Content-Encoding %q", enc)
		return nil
	}
}

// exposeFigures returns n figures of scrapeFigures, with a population
// family among them (Barnet's).
func exposeFigures(n int) []store.Figure {
	return scrapeFigures()[:n]
}

// exposeCollector returns a collector serving a snapshot of figs, and a
// registry of its self-metrics and of extra.
func exposeCollector(t *testing.T, figs []store.Figure, extra ...prometheus.Collector) (*Collector, *prometheus.Registry) {
	t.Helper()
	c, _ := newTestCollector(t, nil)
	c.snap.Store(buildSnapshot(figs, nil))
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	reg.MustRegister(extra...)
	return c, reg
}

// TestMetricsHandlerAsPromhttp serves the same collector and registry
// through MetricsHandler and through promhttp over Gatherer, for each
// format and compression a client may ask for: the same status and
// headers, and, once decompressed, the same bytes. With a family of the
// registry's that sorts before the figure families and one that sorts
// after, and without.
func TestMetricsHandlerAsPromhttp(t *testing.T) {
	accepts := []string{
		"",
		prometheus3Accept,
		"application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", // Prometheus 2
		"text/plain;version=0.0.4",
		"text/plain;version=1.0.0;escaping=allow-utf-8",
		"text/plain;version=1.0.0;escaping=underscores",
		"text/plain;version=1.0.0;escaping=dots",
		"text/plain;version=1.0.0;escaping=values",
		"application/openmetrics-text;version=0.0.1",
		"application/openmetrics-text;version=1.0.0;escaping=underscores",
		"application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
		"*/*",
		"application/json",
	}
	encodings := []string{"", "gzip", "identity", "gzip;q=0", "br", "*", "gzip;q=0.5, identity", "identity;q=0, *;q=0", "zstd", "zstd, gzip;q=0.9", "deflate, gzip;q=1.0, *;q=0.5"}
	registries := map[string][]prometheus.Collector{
		"self-metrics after the figures": {prometheus.NewGauge(prometheus.GaugeOpts{Name: "zz_after", Help: "After."})},
		"and before them": {
			prometheus.NewGauge(prometheus.GaugeOpts{Name: "aa_before", Help: "Before."}),
			prometheus.NewCounter(prometheus.CounterOpts{Name: "zz.dotted_total", Help: "A UTF-8 name."}),
		},
	}
	for name, extra := range registries {
		c, reg := exposeCollector(t, exposeFigures(700), extra...)
		for _, opts := range []promhttp.HandlerOpts{serveOpts, {}, {DisableCompression: true, EnableOpenMetrics: true}} {
			ours, theirs := c.MetricsHandler(reg, opts), promhttp.HandlerFor(c.Gatherer(reg), opts)
			if _, cached := ours.(*metricsHandler); !cached {
				t.Fatalf("MetricsHandler(%+v) does not cache", opts)
			}
			for _, accept := range accepts {
				for _, encoding := range encodings {
					header := http.Header{}
					if accept != "" {
						header.Set("Accept", accept)
					}
					if encoding != "" {
						header.Set("Accept-Encoding", encoding)
					}
					// Twice: encoding the figure families, then from the cache.
					for i := range 2 {
						got, want := scrapeWith(ours, "/metrics", header), scrapeWith(theirs, "/metrics", header)
						where := fmt.Sprintf("%s, %+v, Accept %q, Accept-Encoding %q, scrape %d", name, opts, accept, encoding, i+1)
						if got.Code != want.Code {
							t.Errorf("%s: status %d, promhttp %d", where, got.Code, want.Code)
						}
						for _, k := range []string{"Content-Type", "Content-Encoding", "Vary"} {
							if g, w := got.Header().Values(k), want.Header().Values(k); fmt.Sprint(g) != fmt.Sprint(w) {
								t.Errorf("%s: %s %q, promhttp %q", where, k, g, w)
							}
						}
						if g, w := decoded(t, got), decoded(t, want); !bytes.Equal(g, w) {
							t.Errorf("%s: body differs from promhttp's (%d bytes, %d):\n%s", where, len(g), len(w), firstDiff(g, w))
						}
					}
				}
			}
		}
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n%q\n%q", i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

// TestMetricsHandlerFallsBack: what the cached bytes do not serve,
// promhttp serves as it would over Gatherer: a filter by name, and a
// registry family with a figure family's name (the clash reported, each
// family served once).
func TestMetricsHandlerFallsBack(t *testing.T) {
	impostor := prometheus.NewGauge(prometheus.GaugeOpts{Name: "community_safety_change_ratio", Help: "An impostor."})
	for _, tc := range []struct {
		name   string
		target string
		extra  []prometheus.Collector
	}{
		{"filter", "/metrics?name[]=community_safety_change_ratio&name[]=minutesexporter_series", nil},
		{"clash", "/metrics", []prometheus.Collector{impostor}},
	} {
		c, reg := exposeCollector(t, exposeFigures(300), tc.extra...)
		header := http.Header{"Accept": {prometheus3Accept}, "Accept-Encoding": {"gzip"}}
		got, want, logged, logged2 := scrapeBoth(c, reg, tc.target, header)
		if g, w := decoded(t, got), decoded(t, want); got.Code != want.Code || !bytes.Equal(g, w) {
			t.Errorf("%s: %d %q\npromhttp: %d %q", tc.name, got.Code, g, want.Code, w)
		}
		if logged.String() != logged2.String() {
			t.Errorf("%s: logged %q, promhttp %q", tc.name, logged.String(), logged2.String())
		}
		if tc.name == "clash" && !strings.Contains(logged.String(), "community_safety_change_ratio") {
			t.Errorf("the clash is not logged: %q", logged.String())
		}
	}
}

// scrapeBoth scrapes target from c's MetricsHandler and from promhttp over
// the same gatherer, each with serveOpts and a log of its own, and returns
// both answers and both logs.
func scrapeBoth(c *Collector, reg *prometheus.Registry, target string, header http.Header) (got, want *httptest.ResponseRecorder, logged, promLogged *strings.Builder) {
	logged, promLogged = &strings.Builder{}, &strings.Builder{}
	opts := serveOpts
	opts.ErrorLog = printer{logged}
	ours := c.MetricsHandler(reg, opts)
	opts.ErrorLog = printer{promLogged}
	theirs := promhttp.HandlerFor(c.Gatherer(reg), opts)
	return scrapeWith(ours, target, header), scrapeWith(theirs, target, header), logged, promLogged
}

type printer struct{ b *strings.Builder }

func (p printer) Println(v ...any) { fmt.Fprintln(p.b, v...) }

// TestMetricsHandlerErrors: a registry that fails is handled as promhttp
// handles it under each ErrorHandling: with nothing to serve, a 500 that
// says why; with something, what there is (ContinueOnError) or a 500.
func TestMetricsHandlerErrors(t *testing.T) {
	failing := prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) { return nil, errors.New("the registry failed") })
	for _, figs := range [][]store.Figure{nil, exposeFigures(50)} {
		c, _ := exposeCollector(t, figs)
		for _, eh := range []promhttp.HandlerErrorHandling{promhttp.ContinueOnError, promhttp.HTTPErrorOnError} {
			opts := promhttp.HandlerOpts{ErrorHandling: eh, EnableOpenMetrics: true}
			header := http.Header{"Accept": {prometheus3Accept}, "Accept-Encoding": {"gzip"}}
			got := scrapeWith(c.MetricsHandler(failing, opts), "/metrics", header)
			want := scrapeWith(promhttp.HandlerFor(c.Gatherer(failing), opts), "/metrics", header)
			where := fmt.Sprintf("%d figures, handling %d", len(figs), eh)
			if got.Code != want.Code || got.Header().Get("Content-Encoding") != want.Header().Get("Content-Encoding") ||
				!bytes.Equal(decoded(t, got), decoded(t, want)) {
				t.Errorf("%s: %d %q\npromhttp: %d %q", where, got.Code, got.Body.String(), want.Code, want.Body.String())
			}
			wantCode := http.StatusOK
			if figs == nil || eh == promhttp.HTTPErrorOnError {
				wantCode = http.StatusInternalServerError
			}
			if got.Code != wantCode {
				t.Errorf("%s: status %d, want %d", where, got.Code, wantCode)
			}
			if got.Code != http.StatusOK && !strings.Contains(got.Body.String(), "the registry failed") {
				t.Errorf("%s: the error does not say why: %q", where, got.Body.String())
			}
		}
	}
}

// TestMetricsHandlerHead: a HEAD of /metrics answers as a GET does,
// without a body.
func TestMetricsHandlerHead(t *testing.T) {
	c, reg := exposeCollector(t, exposeFigures(50))
	srv := httptest.NewServer(c.MetricsHandler(reg, serveOpts))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodHead, srv.URL, nil)
	req.Header.Set("Accept", prometheus3Accept)
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer rsp.Body.Close()
	b, _ := io.ReadAll(rsp.Body)
	if rsp.StatusCode != http.StatusOK || len(b) != 0 || !strings.HasPrefix(rsp.Header.Get("Content-Type"), "application/openmetrics-text") {
		t.Errorf("HEAD: %d, %s, %d bytes", rsp.StatusCode, rsp.Header.Get("Content-Type"), len(b))
	}
}

// parsedOpenMetrics parses b with Prometheus's OpenMetrics parser and
// returns the series of each family, failing if a family's metadata
// appears twice (a family split or repeated) or the text does not end in
// one "# EOF".
func parsedOpenMetrics(t *testing.T, b []byte) map[string]map[string]float64 {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\n# EOF\n")) || bytes.Count(b, []byte("# EOF")) != 1 {
		t.Fatalf("not one # EOF, at the end: ...%q", b[max(0, len(b)-100):])
	}
	p := textparse.NewOpenMetricsParser(b, labels.NewSymbolTable())
	out := map[string]map[string]float64{}
	typed := map[string]bool{}
	for {
		e, err := p.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("OpenMetrics parser: %v", err)
		}
		switch e {
		case textparse.EntryType:
			// By name and type: Go's collector serves a gauge and a
			// counter that OpenMetrics names alike
			// (go_memstats_alloc_bytes, ..._total).
			name, typ := p.Type()
			k := string(name) + " " + string(typ)
			if typed[k] {
				t.Fatalf("family %s twice", k)
			}
			typed[k] = true
		case textparse.EntrySeries:
			series, _, v := p.Series()
			var l labels.Labels
			p.Labels(&l)
			name := l.Get(model.MetricNameLabel)
			if out[name] == nil {
				out[name] = map[string]float64{}
			}
			out[name][string(series)] = v
		}
	}
}

// parsedText parses b with the text format's parser.
func parsedText(t *testing.T, b []byte) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("text parser: %v", err)
	}
	return mfs
}

// TestMetricsHandlerServesSwaps scrapes, swaps a snapshot in and scrapes
// again: the second scrape serves the new snapshot's figures and not the
// old's, in both formats and compressed or not; and a counter of the
// registry's moves between scrapes that serve the same cached figures.
func TestMetricsHandlerServesSwaps(t *testing.T) {
	ticks := prometheus.NewCounter(prometheus.CounterOpts{Name: "zz_ticks_total", Help: "Ticks."})
	old := []store.Figure{sfig("a", 0, day(1), "Barnet", "burglary", -39)}
	c, reg := exposeCollector(t, old, ticks)
	h := c.MetricsHandler(reg, serveOpts)
	const oldSeries = `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"}`
	const newSeries = `community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"}`
	for _, encoding := range []string{"gzip", "identity"} {
		for _, accept := range []string{prometheus3Accept, "text/plain;version=0.0.4"} {
			c.snap.Store(buildSnapshot(old, nil))
			header := http.Header{"Accept": {accept}, "Accept-Encoding": {encoding}}
			series := func() (map[string]float64, float64) {
				b := decoded(t, scrapeWith(h, "/metrics", header))
				if accept != prometheus3Accept {
					mfs := parsedText(t, b)
					got := map[string]float64{}
					for _, m := range mfs["community_safety_change_ratio"].GetMetric() {
						var l []string
						for _, lp := range m.GetLabel() {
							l = append(l, fmt.Sprintf("%s=%q", lp.GetName(), lp.GetValue()))
						}
						got["community_safety_change_ratio{"+strings.Join(l, ",")+"}"] = m.GetGauge().GetValue()
					}
					return got, mfs["zz_ticks_total"].GetMetric()[0].GetCounter().GetValue()
				}
				fams := parsedOpenMetrics(t, b)
				var n float64
				for _, v := range fams["zz_ticks_total"] {
					n = v
				}
				return fams["community_safety_change_ratio"], n
			}
			where := fmt.Sprintf("%s, %s", encoding, accept)
			got, n1 := series()
			if len(got) != 1 || got[oldSeries] != -0.39 {
				t.Errorf("%s: before the swap %v", where, got)
			}
			ticks.Inc()
			if got, n2 := series(); len(got) != 1 || got[oldSeries] != -0.39 || n2 != n1+1 {
				t.Errorf("%s: again %v, ticks %v then %v", where, got, n1, n2)
			}
			c.snap.Store(buildSnapshot([]store.Figure{sfig("b", 0, day(2), "Barnet", "robbery", 12)}, nil))
			if got, _ := series(); len(got) != 1 || got[newSeries] != 0.12 {
				t.Errorf("%s: after the swap %v, want only %s 0.12", where, got, newSeries)
			}
		}
	}
}

// TestMetricsHandlerParses parses what serve's registry (Go's and the
// process's metrics too) and 10,000 series make, gzipped, with
// Prometheus's OpenMetrics parser and the text format's: every family
// once, every series there.
func TestMetricsHandlerParses(t *testing.T) {
	c, reg := exposeCollector(t, scrapeFigures(), collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	h := c.MetricsHandler(reg, serveOpts)
	om := parsedOpenMetrics(t, decoded(t, scrapeWith(h, "/metrics", http.Header{"Accept": {prometheus3Accept}, "Accept-Encoding": {"gzip"}})))
	text := parsedText(t, decoded(t, scrapeWith(h, "/metrics", http.Header{"Accept-Encoding": {"gzip"}})))
	var figures, stamps, textFigures int
	for name, series := range om {
		switch {
		case name == "community_safety_report_timestamp_seconds":
			stamps += len(series)
		case strings.HasPrefix(name, "community_safety_") && name != "community_safety_population":
			figures += len(series)
		}
	}
	for name, mf := range text {
		if strings.HasPrefix(name, "community_safety_") && name != "community_safety_population" && name != "community_safety_report_timestamp_seconds" {
			textFigures += len(mf.Metric)
		}
	}
	if figures != 10000 || stamps != 10000 || textFigures != 10000 {
		t.Errorf("OpenMetrics: %d figures, %d timestamps; text: %d figures; want 10000 each", figures, stamps, textFigures)
	}
	for _, name := range []string{"go_goroutines", "process_start_time_seconds", "minutesexporter_series", "minutesexporter_figures_not_served"} {
		if om[name] == nil || text[name] == nil {
			t.Errorf("%s missing", name)
		}
	}
}

// TestMetricsHandlerDuringSwaps scrapes in every format and compression
// while snapshots are swapped in: with -race, it shows the cache is
// guarded, and every scrape serves one whole snapshot, the figures and
// timestamps of the same series, in one valid exposition.
func TestMetricsHandlerDuringSwaps(t *testing.T) {
	all := exposeFigures(400)
	c, reg := exposeCollector(t, all[:1])
	h := c.MetricsHandler(reg, serveOpts)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 5))
			for ctx.Err() == nil {
				header := http.Header{}
				if rng.IntN(2) == 0 {
					header.Set("Accept", prometheus3Accept)
				}
				if rng.IntN(2) == 0 {
					header.Set("Accept-Encoding", "gzip")
				}
				rec := scrapeWith(h, "/metrics", header)
				if rec.Code != http.StatusOK {
					t.Errorf("status %d", rec.Code)
					return
				}
				b := decoded(t, rec)
				var figures, stamps int
				if header.Get("Accept") != "" {
					for name, series := range parsedOpenMetrics(t, b) {
						switch {
						case name == "community_safety_report_timestamp_seconds":
							stamps += len(series)
						case strings.HasPrefix(name, "community_safety_") && name != "community_safety_population":
							figures += len(series)
						}
					}
				} else {
					for name, mf := range parsedText(t, b) {
						switch {
						case name == "community_safety_report_timestamp_seconds":
							stamps += len(mf.Metric)
						case strings.HasPrefix(name, "community_safety_") && name != "community_safety_population":
							figures += len(mf.Metric)
						}
					}
				}
				if figures != stamps || figures == 0 {
					t.Errorf("a scrape served %d figures and %d timestamps", figures, stamps)
					return
				}
			}
		})
	}
	for i := range 60 {
		c.snap.Store(buildSnapshot(all[:1+i*6], nil))
	}
	cancel()
	wg.Wait()
}

// TestNegotiateContentEncoding checks the choice of compression against
// promhttp's, header by header.
func TestNegotiateContentEncoding(t *testing.T) {
	theirs := promhttp.HandlerFor(prometheus.NewRegistry(), promhttp.HandlerOpts{})
	offers := []string{"identity", "gzip"} // zstd is not linked in
	if zstdLinked() {
		t.Fatal("zstd is linked in")
	}
	for _, ae := range [][]string{
		nil, {""}, {"gzip"}, {"GZIP"}, {"gzip;q=0"}, {"gzip; q=0.9, identity;q=0.95"}, {"br, *"}, {"*;q=0"},
		{"identity;q=0"}, {"zstd;q=0.5,gzip;q=0.4"}, {"deflate", "gzip"}, {"gzip;level=1"}, {"gzip ; q=1.0"},
		{"x@y, gzip"}, {"zstd, gzip;q=0.9"}, {"gzip;q=2"}, {"gzip;q=0.001,identity;q=0.0001"}, {"\tgzip\t"},
	} {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		req.Header["Accept-Encoding"] = ae
		rec := httptest.NewRecorder()
		theirs.ServeHTTP(rec, req)
		want := rec.Header().Get("Content-Encoding")
		got := negotiateContentEncoding(req.Header, offers)
		if got == "identity" {
			got = "" // promhttp serves it uncompressed, without saying so
		}
		if got != want {
			t.Errorf("Accept-Encoding %q: %q, promhttp %q", ae, got, want)
		}
	}
}

// TestMetricsHandlerEncodingFails: a figure family that cannot be encoded
// (none can once checked; this one has no metrics, which the text format
// refuses) is served, and logged, as promhttp serves it.
func TestMetricsHandlerEncodingFails(t *testing.T) {
	c, reg := exposeCollector(t, nil)
	name := "community_safety_change_ratio"
	c.snap.Store(&snapshot{
		families: []*dto.MetricFamily{{Name: &name, Help: &name, Type: dto.MetricType_GAUGE.Enum()}},
		names:    map[string]bool{name: true},
	})
	for _, accept := range []string{prometheus3Accept, "text/plain;version=0.0.4"} {
		header := http.Header{"Accept": {accept}, "Accept-Encoding": {"gzip"}}
		got, want, logged, logged2 := scrapeBoth(c, reg, "/metrics", header)
		if g, w := decoded(t, got), decoded(t, want); got.Code != want.Code || !bytes.Equal(g, w) {
			t.Errorf("%s: %d %q\npromhttp: %d %q", accept, got.Code, g, want.Code, w)
		}
		// OpenMetrics encodes it, metadata alone; the text format does not.
		if logged.String() != logged2.String() || accept != prometheus3Accept && !strings.Contains(logged.String(), name) {
			t.Errorf("%s: logged %q, promhttp %q", accept, logged.String(), logged2.String())
		}
	}
}

// TestRefreshWarmsTheScrape refreshes a collector whose /metrics has been
// scraped: by the time the refresh returns, the new snapshot is encoded
// and compressed in the format scraped, and not in one never asked for,
// and the next scrape serves the new figures from it.
func TestRefreshWarmsTheScrape(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "Burglary had reduced by 39%.\n", 1)}}
	c, _ := newTestCollector(t, nil, Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(c)
	h := c.MetricsHandler(reg, serveOpts).(*metricsHandler)
	header := http.Header{"Accept": {prometheus3Accept}, "Accept-Encoding": {"gzip"}}
	if b := decoded(t, scrapeWith(h, "/metrics", header)); !bytes.Contains(b, []byte(`category="burglary"`)) {
		t.Fatalf("first scrape holds no burglary figure:\n%s", b)
	}

	m.docs = []source.Document{memDoc("a", "Robbery had risen by 12%.\n", 1)}
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	cache := h.cache.Load()
	if cache == nil || cache.snap != c.snap.Load() {
		t.Fatal("the refresh left /metrics to encode its snapshot on the next scrape")
	}
	cache.mu.Lock()
	var warmed, deflated []expfmt.Format
	for f, ex := range cache.formats {
		if ex.textSize.Load() > 0 {
			warmed = append(warmed, f)
		}
		if ex.deflatedSize.Load() > 0 {
			deflated = append(deflated, f)
		}
	}
	cache.mu.Unlock()
	if len(warmed) != 1 || len(deflated) != 1 || !strings.HasPrefix(string(warmed[0]), "application/openmetrics-text") {
		t.Errorf("warmed %q, compressed %q: want the one format scraped, both", warmed, deflated)
	}
	b := decoded(t, scrapeWith(h, "/metrics", header))
	if !bytes.Contains(b, []byte(`category="robbery"`)) || bytes.Contains(b, []byte(`category="burglary"`)) {
		t.Errorf("the scrape after the refresh does not serve its figures:\n%s", b)
	}
}
