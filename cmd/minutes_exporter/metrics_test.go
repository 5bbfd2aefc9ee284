package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/textparse"
)

// TestMetricsAsPrometheusScrapes asks for /metrics as Prometheus 3 does
// (OpenMetrics, gzip), twice, with a refresh between: each answer is one
// gzip member of one OpenMetrics exposition that Prometheus's parser reads
// to its single "# EOF", with the figures and the self-metrics in it, and
// the refresh counter moves between them; the same uncompressed in the
// text format passes promtool's linter.
func TestMetricsAsPrometheusScrapes(t *testing.T) {
	s, h := newTestServer(t, "")
	s.sched.RunOnce()
	scrape := func(accept, encoding string) (*httptest.ResponseRecorder, []byte) {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		req.Header.Set("Accept", accept)
		req.Header.Set("Accept-Encoding", encoding)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET /metrics = %d: %s", rec.Code, rec.Body)
		}
		if rec.Header().Get("Content-Encoding") != "gzip" {
			return rec, rec.Body.Bytes()
		}
		r := bytes.NewReader(rec.Body.Bytes())
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if r.Len() != 0 {
			t.Fatalf("%d bytes after the gzip member", r.Len())
		}
		return rec, b
	}
	const accept = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5," +
		"application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3," +
		"text/plain;version=0.0.4;q=0.2,*/*;q=0.1"
	refreshes := func() float64 {
		t.Helper()
		rec, b := scrape(accept, "gzip")
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/openmetrics-text; version=1.0.0") {
			t.Errorf("Content-Type %q", ct)
		}
		if bytes.Count(b, []byte("# EOF")) != 1 || !bytes.HasSuffix(b, []byte("\n# EOF\n")) {
			t.Fatalf("not one # EOF at the end")
		}
		p := textparse.NewOpenMetricsParser(b, labels.NewSymbolTable())
		seen := map[string]bool{}
		var n float64
		for {
			e, err := p.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("OpenMetrics parser: %v", err)
			}
			if e != textparse.EntrySeries {
				continue
			}
			var l labels.Labels
			p.Labels(&l)
			name := l.Get("__name__")
			seen[name] = true
			if name == "minutesexporter_refreshes_total" {
				_, _, n = p.Series()
			}
		}
		for _, name := range []string{"community_safety_change_ratio", "community_safety_population",
			"minutesexporter_build_info", "minutesexporter_source_up", "go_goroutines", "process_start_time_seconds"} {
			if !seen[name] {
				t.Errorf("no %s", name)
			}
		}
		return n
	}
	before := refreshes()
	s.sched.RunOnce()
	if after := refreshes(); after != before+1 {
		t.Errorf("minutesexporter_refreshes_total %v, then %v after a refresh", before, after)
	}

	_, text := scrape("text/plain;version=0.0.4", "identity")
	problems, err := promlint.New(bytes.NewReader(text)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}
