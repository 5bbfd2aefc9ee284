package collector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func TestFiguresAPI(t *testing.T) {
	camden := memDoc("c", "shoplifting 12\n", 25)
	camden.Borough = "Camden"
	m := &memSource{docs: []source.Document{
		memDoc("a", "burglary -39\nrobbery -44.7\n", 1),
		memDoc("b", "burglary -7\n", 20),
		camden,
	}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Document, Category, Quote, MeetingDate string
		Value                                  float64
	}
	tests := []struct {
		name     string
		query    string
		wantCode int
		want     []row
		wantErr  string
	}{
		{name: "all", query: "", wantCode: 200, want: []row{
			{"a", "burglary", "burglary -39", "2024-11-01", -39},
			{"a", "robbery", "robbery -44.7", "2024-11-01", -44.7},
			{"b", "burglary", "burglary -7", "2024-11-20", -7},
			{"c", "shoplifting", "shoplifting 12", "2024-11-25", 12},
		}},
		{name: "repeated borough: either", query: "?borough=Camden&borough=Barnet&category=burglary&category=shoplifting", wantCode: 200, want: []row{
			{"a", "burglary", "burglary -39", "2024-11-01", -39},
			{"b", "burglary", "burglary -7", "2024-11-20", -7},
			{"c", "shoplifting", "shoplifting 12", "2024-11-25", 12},
		}},
		{name: "repeated borough, one given twice", query: "?borough=Camden&borough=Camden", wantCode: 200, want: []row{
			{"c", "shoplifting", "shoplifting 12", "2024-11-25", 12},
		}},
		{name: "empty filter is no filter", query: "?borough=&category=robbery", wantCode: 200, want: []row{
			{"a", "robbery", "robbery -44.7", "2024-11-01", -44.7},
		}},
		{name: "category", query: "?category=robbery&borough=Barnet&area=Barnet&measure=change_percent", wantCode: 200, want: []row{
			{"a", "robbery", "robbery -44.7", "2024-11-01", -44.7},
		}},
		{name: "date range", query: "?from=2024-11-02&to=2024-11-24", wantCode: 200, want: []row{
			{"b", "burglary", "burglary -7", "2024-11-20", -7},
		}},
		{name: "nothing matches", query: "?borough=Hillingdon", wantCode: 200, want: []row{}},
		{name: "unknown parameter", query: "?boro=Barnet", wantCode: 400,
			wantErr: `unknown parameter "boro" (known: area, borough, category, cursor, from, limit, measure, source, span, to)`},
		{name: "span", query: "?span=unstated&borough=Barnet", wantCode: 200, want: []row{
			{"a", "burglary", "burglary -39", "2024-11-01", -39},
			{"a", "robbery", "robbery -44.7", "2024-11-01", -44.7},
			{"b", "burglary", "burglary -7", "2024-11-20", -7},
		}},
		{name: "a span nothing covers", query: "?span=year", wantCode: 200, want: []row{}},
		{name: "unknown span", query: "?span=year&span=fortnight", wantCode: 400,
			wantErr: `unknown span "fortnight" (one of month, quarter, year_to_date, year, multi_year, other, unstated)`},
		{name: "date given twice", query: "?from=2024-11-01&from=2024-11-02", wantCode: 400, wantErr: "parameter from given 2 times; it takes one value"},
		{name: "limit given twice", query: "?limit=1&limit=2", wantCode: 400, wantErr: "parameter limit given 2 times; it takes one value"},
		{name: "unknown measure", query: "?measure=count&measure=percent", wantCode: 400,
			wantErr: `unknown measure "percent" (one of change_percent, change_count, count, detection_rate_percent, rate_percent, rate_per_1000, signups, target_percent)`},
		{name: "bad date", query: "?from=last+week", wantCode: 400, wantErr: `parameter from="last week" is not a date YYYY-MM-DD`},
		{name: "reversed range", query: "?from=2024-12-01&to=2024-11-01", wantCode: 400, wantErr: "parameter to=2024-11-01 is before from=2024-12-01"},
		{name: "unknown category", query: "?category=burglary&category=sheds", wantCode: 400,
			wantErr: `unknown category "sheds" (one of ` + strings.Join(parser.Categories(), ", ") + `)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c.FiguresHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/figures"+tt.query, nil))
			if rec.Code != tt.wantCode {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.wantCode, rec.Body)
			}
			if tt.wantErr != "" {
				var e struct{ Error string }
				json.Unmarshal(rec.Body.Bytes(), &e)
				if e.Error != tt.wantErr {
					t.Errorf("error -want %q +got %q", tt.wantErr, e.Error)
				}
				return
			}
			var body struct {
				Figures []struct {
					Document, Category, Quote string
					MeetingDate               string `json:"meeting_date"`
					Value                     float64
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			got := []row{}
			for _, f := range body.Figures {
				got = append(got, row{f.Document, f.Category, f.Quote, f.MeetingDate, f.Value})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("figures (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAPIErrorsAreJSON asks the API with wrong methods and paths, and a
// documents filter it does not take: each answer is JSON, with its status.
func TestAPIErrorsAreJSON(t *testing.T) {
	c, _ := newTestCollector(t, fakeParse(nil))
	tests := []struct {
		method, path string
		wantCode     int
		wantErr      string
		wantAllow    string
	}{
		{"POST", "/api/v1/figures", 405, "method POST is not allowed: the API answers GET and HEAD", "GET, HEAD"},
		{"DELETE", "/api/v1/documents", 405, "method DELETE is not allowed: the API answers GET and HEAD", "GET, HEAD"},
		{"GET", "/api/v1/meetings", 404, "no API at /api/v1/meetings: there are /api/v1/figures and /api/v1/documents", ""},
		{"GET", "/api/v1/figures/", 404, "no API at /api/v1/figures/: there are /api/v1/figures and /api/v1/documents", ""},
		{"GET", "/api/v1/documents?category=burglary", 400, `unknown parameter "category" (known: borough, cursor, from, limit, source, to)`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c.APIHandler().ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			var e struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
				t.Fatalf("%d, not JSON: %q", rec.Code, rec.Body)
			}
			if rec.Code != tt.wantCode || e.Error != tt.wantErr || rec.Header().Get("Content-Type") != "application/json" {
				t.Errorf("%d %q (%s), want %d %q", rec.Code, e.Error, rec.Header().Get("Content-Type"), tt.wantCode, tt.wantErr)
			}
			if got := rec.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
		})
	}
	for _, method := range []string{"GET", "HEAD"} {
		rec := httptest.NewRecorder()
		c.APIHandler().ServeHTTP(rec, httptest.NewRequest(method, "/api/v1/figures", nil))
		if rec.Code != 200 {
			t.Errorf("%s /api/v1/figures = %d, want 200", method, rec.Code)
		}
	}
}

func TestDocumentsAPI(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -39\n", 1), memDoc("b", "x\n", 20)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	c.DocumentsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/documents?to=2024-11-10", nil))
	var body struct {
		Documents []map[string]any
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Documents) != 1 {
		t.Fatalf("documents = %v, want only a", body.Documents)
	}
	d := body.Documents[0]
	want := map[string]any{"address": "a", "meeting_date": "2024-11-01", "date_from": "manifest", "figures": 1.0, "borough": "Barnet", "fetched_at": "2025-03-01T06:00:00Z"}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("document %s: -want %v +got %v", k, v, d[k])
		}
	}
}

// TestAPIMasksCredentials stores documents whose addresses carry a
// password and a key: neither API shows them, and both still name the
// documents.
func TestAPIMasksCredentials(t *testing.T) {
	const secret, key = "s3cret", "abc123"
	address := "https://perf:" + secret + "@intranet.example.gov.uk/minutes?api_key=" + key + "&page=2"
	masked := "https://perf:xxxxx@intranet.example.gov.uk/minutes?api_key=xxxxx&page=2"
	m := &memSource{docs: []source.Document{memDoc(address, "burglary -39\n", 1)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path  string
		h     http.Handler
		field string
	}{
		{"/api/v1/documents", c.DocumentsHandler(), `"address":"` + masked + `"`},
		{"/api/v1/figures", c.FiguresHandler(), `"document":"` + masked + `"`},
	} {
		rec := httptest.NewRecorder()
		tt.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		body := rec.Body.String()
		if strings.Contains(body, secret) || strings.Contains(body, key) {
			t.Errorf("%s shows a credential:\n%s", tt.path, body)
		}
		if !strings.Contains(body, tt.field) {
			t.Errorf("%s lacks %s:\n%s", tt.path, tt.field, body)
		}
	}
}

// TestAPIPages stores more figures and documents than a page holds: each
// answer holds at most its limit (DefaultLimit by default), and following
// "next" gives every item once, in order.
func TestAPIPages(t *testing.T) {
	var docs []source.Document
	for i := range 7 {
		var text strings.Builder
		n := 3
		if i == 0 {
			n = DefaultLimit + 1 // one document alone fills a default page
		}
		for j := range n {
			category := "robbery" // the small documents' figures: 18
			if i == 0 {
				category = "burglary"
			}
			fmt.Fprintf(&text, "%s -%d\n", category, j)
		}
		docs = append(docs, memDoc(fmt.Sprintf("doc%d", i), text.String(), i+1))
	}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: &memSource{docs: docs}})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	const total = DefaultLimit + 1 + 6*3
	type answer struct {
		Figures []struct {
			Document string
			Quote    string
		}
		Documents []struct{ Address string }
		Next      *string
	}
	get := func(t *testing.T, h http.Handler, path string) answer {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
		}
		var a answer
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
			t.Fatalf("GET %s: %v\n%s", path, err, rec.Body)
		}
		return a
	}

	if a := get(t, c.FiguresHandler(), "/api/v1/figures"); len(a.Figures) != DefaultLimit || a.Next == nil {
		t.Errorf("the default page holds %d figures (next %v), want %d and a next", len(a.Figures), a.Next, DefaultLimit)
	}
	all := get(t, c.FiguresHandler(), fmt.Sprintf("/api/v1/figures?limit=%d", MaxLimit))
	if len(all.Figures) != total || all.Next != nil {
		t.Fatalf("a page of the maximum holds %d figures (next %v), want all %d and no next", len(all.Figures), all.Next, total)
	}
	// Small pages over the 18 robbery figures, large ones over all.
	for _, tt := range []struct {
		filter string
		limit  int
	}{{"&category=robbery", 1}, {"&category=robbery", 2}, {"&category=robbery", 17}, {"", 250}, {"", 1000}, {"", total - 1}, {"", total}} {
		limit := tt.limit
		t.Run(fmt.Sprintf("figures%s limit %d", tt.filter, limit), func(t *testing.T) {
			var got []string
			query := fmt.Sprintf("?limit=%d%s", limit, tt.filter)
			for pages := 0; ; pages++ {
				if pages > total {
					t.Fatal("the pages do not end")
				}
				a := get(t, c.FiguresHandler(), "/api/v1/figures"+query)
				if len(a.Figures) > limit {
					t.Fatalf("a page of %d figures, over its limit", len(a.Figures))
				}
				for _, f := range a.Figures {
					got = append(got, f.Document+" "+f.Quote)
				}
				if a.Next == nil {
					break
				}
				query = fmt.Sprintf("?limit=%d%s&cursor=%s", limit, tt.filter, url.QueryEscape(*a.Next))
			}
			var want []string
			for _, f := range all.Figures {
				if tt.filter == "" || strings.HasPrefix(f.Quote, "robbery") {
					want = append(want, f.Document+" "+f.Quote)
				}
			}
			if tt.filter != "" && len(want) != 18 {
				t.Fatalf("%d robbery figures, want 18", len(want))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("pages end to end (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("documents", func(t *testing.T) {
		var got []string
		for query := "?limit=2"; ; {
			a := get(t, c.DocumentsHandler(), "/api/v1/documents"+query)
			for _, d := range a.Documents {
				got = append(got, d.Address)
			}
			if a.Next == nil {
				break
			}
			query = "?limit=2&cursor=" + url.QueryEscape(*a.Next)
		}
		if diff := cmp.Diff([]string{"doc0", "doc1", "doc2", "doc3", "doc4", "doc5", "doc6"}, got); diff != "" {
			t.Errorf("documents pages end to end (-want +got):\n%s", diff)
		}
	})

	for _, tt := range []struct{ query, wantErr string }{
		{"?limit=0", `parameter limit="0" is not a number from 1 to 10000`},
		{"?limit=10001", `parameter limit="10001" is not a number from 1 to 10000`},
		{"?limit=all", `parameter limit="all" is not a number from 1 to 10000`},
		{"?cursor=bm90IGEgY3Vyc29y", `parameter cursor is not one an answer gave (pass its "next" as it is)`},
		{"?cursor=" + cursor{Document: 1 << 40}.String(), "parameter cursor: the document its page ended on is no longer stored; start again without a cursor"},
	} {
		for _, h := range []http.Handler{c.FiguresHandler(), c.DocumentsHandler()} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/x"+tt.query, nil))
			var e struct{ Error string }
			json.Unmarshal(rec.Body.Bytes(), &e)
			if rec.Code != http.StatusBadRequest || e.Error != tt.wantErr {
				t.Errorf("%s: %d %q, want 400 %q", tt.query, rec.Code, e.Error, tt.wantErr)
			}
		}
	}
}

// TestFiguresAPIStreams asks for a page of megabytes: it is written as it
// is encoded, in pieces of a buffer's size, never built whole first.
func TestFiguresAPIStreams(t *testing.T) {
	var text strings.Builder
	for j := range 1500 {
		fmt.Fprintf(&text, "burglary -%d %s\n", j, strings.Repeat("a long quote ", 60))
	}
	m := &memSource{docs: []source.Document{memDoc("big", text.String(), 1)}}
	c, _ := newTestCollector(t, func(text string, opts parser.Options) []parser.Figure {
		var out []parser.Figure
		for _, l := range strings.Split(text, "\n") {
			if l != "" {
				out = append(out, parser.Figure{Category: "burglary", Measure: parser.ChangePercent, Value: -1, Area: opts.Borough, Quote: l})
			}
		}
		return out
	}, Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	w := &writeSizes{header: http.Header{}}
	c.FiguresHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/figures?limit=1500", nil))
	if w.total < 1<<20 {
		t.Fatalf("the answer is %d bytes, want over a megabyte for the test to mean anything", w.total)
	}
	if w.largest > 64<<10 {
		t.Errorf("the answer of %d bytes was written with a write of %d: built whole, not streamed", w.total, w.largest)
	}
}

// writeSizes is an http.ResponseWriter that records how much each write
// carries.
type writeSizes struct {
	header         http.Header
	total, largest int
}

func (w *writeSizes) Header() http.Header { return w.header }
func (w *writeSizes) WriteHeader(int)     {}
func (w *writeSizes) Write(p []byte) (int, error) {
	w.total += len(p)
	w.largest = max(w.largest, len(p))
	return len(p), nil
}

// TestFiguresAPISpanPages pages through the figures of one span, which
// the store does not keep: read a small batch at a time, the pages hold
// every figure of the span once, in order, whatever the page's size.
func TestFiguresAPISpanPages(t *testing.T) {
	defer func(n int) { spanBatch = n }(spanBatch)
	spanBatch = 3
	var docs []source.Document
	var wantYear []string
	for i := range 6 {
		var text strings.Builder
		for j := range 4 {
			// One sentence in four is over the last 12 months.
			if (i+j)%4 == 0 {
				fmt.Fprintf(&text, "Robbery had increased by %d%% over the last 12 months.\n", 10*i+j+1)
				wantYear = append(wantYear, fmt.Sprintf("doc%d %g", i, float64(10*i+j+1)))
			} else {
				fmt.Fprintf(&text, "Burglary had reduced by %d%% between 2019 and 2021.\n", 10*i+j+1)
			}
		}
		docs = append(docs, memDoc(fmt.Sprintf("doc%d", i), text.String(), i+1))
	}
	c, _ := newTestCollector(t, nil, Named{Config: source.Config{Name: "mem"}, Source: &memSource{docs: docs}})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{1, 2, 5, 100} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			var got []string
			query := fmt.Sprintf("?span=year&limit=%d", limit)
			for pages := 0; pages < 50; pages++ {
				rec := httptest.NewRecorder()
				c.FiguresHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/figures"+query, nil))
				var a struct {
					Figures []struct {
						Document, Span string
						Value          float64
					}
					Next *string
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || rec.Code != 200 {
					t.Fatalf("%d %v: %s", rec.Code, err, rec.Body)
				}
				if len(a.Figures) > limit {
					t.Fatalf("%d figures on a page of %d", len(a.Figures), limit)
				}
				for _, f := range a.Figures {
					if f.Span != "year" {
						t.Errorf("figure of span %q on a page of span=year", f.Span)
					}
					got = append(got, fmt.Sprintf("%s %g", f.Document, f.Value))
				}
				if a.Next == nil {
					break
				}
				query = fmt.Sprintf("?span=year&limit=%d&cursor=%s", limit, url.QueryEscape(*a.Next))
			}
			if diff := cmp.Diff(wantYear, got); diff != "" {
				t.Errorf("figures of span year, page by page (-want +got):\n%s", diff)
			}
		})
	}
}
