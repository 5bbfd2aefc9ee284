package collector

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/redact"
	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// apiDocument is a document as GET /api/v1/documents serves it.
type apiDocument struct {
	Source        string `json:"source"`
	Address       string `json:"address"`
	Title         string `json:"title"`
	Borough       string `json:"borough"`
	Board         string `json:"board"`
	Ward          string `json:"ward,omitempty"`
	ContentType   string `json:"content_type"`
	ContentHash   string `json:"content_hash"`
	FetchedAt     string `json:"fetched_at"`
	MeetingDate   string `json:"meeting_date"`
	DateFrom      string `json:"date_from"`
	ParserVersion string `json:"parser_version"`
	Figures       int    `json:"figures"`
	// WithdrawnAt is when the document was found no longer in its source,
	// and is absent while it is.
	WithdrawnAt string `json:"withdrawn_at,omitempty"`
}

// Pages of the API: an answer holds at most limit items (DefaultLimit, at
// most MaxLimit); when more match, its "next" is the cursor of the page
// after it.
const (
	DefaultLimit = 1000
	MaxLimit     = 10000
)

// Parameters of the endpoints. The filters may be repeated: an answer has
// the items that match any of a filter's values, and all of the filters.
var (
	figureParams   = []string{"borough", "area", "category", "measure", "span", "source", "from", "to", "limit", "cursor"}
	documentParams = []string{"borough", "source", "from", "to", "limit", "cursor"}
)

// APIHandler serves the API: /api/v1/figures (FiguresHandler) and
// /api/v1/documents (DocumentsHandler). Any other path under /api/ is a
// 404, with {"error": "..."} as every error of the API.
func (c *Collector) APIHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v1/figures", c.FiguresHandler())
	mux.Handle("/api/v1/documents", c.DocumentsHandler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no API at %s: there are /api/v1/figures and /api/v1/documents", r.URL.Path))
	})
	return mux
}

// onlyGet answers a method other than GET and HEAD with a 405 and reports
// whether it did.
func onlyGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return false
	}
	w.Header().Set("Allow", "GET, HEAD")
	writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("method %s is not allowed: the API answers GET and HEAD", r.Method))
	return true
}

// FiguresHandler serves GET /api/v1/figures: the stored figures, filtered
// by the query parameters borough, area, category, measure, span and
// source (each repeatable, for any of its values), from and to (meeting
// dates, YYYY-MM-DD, inclusive), a page of limit at a time from cursor,
// as {"figures": [...], "next": "..."}. A bad parameter is a 400 with
// {"error": "..."}.
func (c *Collector) FiguresHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if onlyGet(w, r) {
			return
		}
		q, err := readFigureQuery(r.URL.Query(), DefaultLimit, MaxLimit)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		figs, next, err := c.figurePage(r.Context(), q)
		if err != nil {
			c.answerStoreError(w, "figures", err, writeError)
			return
		}
		writePage(w, "figures", figs, next, func(g store.Figure) any { return storedFigureJSON(g) })
	})
}

// figureQuery is what a request for figures asks: the store's filter, the
// spans (which the store does not keep: series.SpanOf reads them) and the
// page.
type figureQuery struct {
	filter store.FigureFilter
	spans  []string
	page   page
}

// readFigureQuery reads the parameters of a request for figures, as
// GET /api/v1/figures and GET /figures take them, with pages of
// defaultLimit figures unless limit asks for another number up to
// maxLimit.
func readFigureQuery(values url.Values, defaultLimit, maxLimit int) (figureQuery, error) {
	var fq figureQuery
	q, err := readQuery(values, figureParams...)
	if err != nil {
		return fq, err
	}
	f := store.FigureFilter{
		Sources:    q.list("source"),
		Boroughs:   q.list("borough"),
		Areas:      q.list("area"),
		Categories: q.list("category"),
	}
	for _, cat := range f.Categories {
		if !series.ValidCategory(cat) {
			return fq, fmt.Errorf("unknown category %q (one of %s)", cat, strings.Join(parser.Categories(), ", "))
		}
	}
	for _, m := range q.list("measure") {
		if !series.ValidMeasure(parser.Measure(m)) {
			return fq, fmt.Errorf("unknown measure %q (one of %s)", m, measureList())
		}
		f.Measures = append(f.Measures, parser.Measure(m))
	}
	for _, sp := range q.list("span") {
		if !slices.Contains(parser.Spans(), parser.Span(sp)) {
			return fq, fmt.Errorf("unknown span %q (one of %s)", sp, spanList())
		}
		fq.spans = append(fq.spans, sp)
	}
	if f.From, f.To, err = dateRange(q); err != nil {
		return fq, err
	}
	if fq.page, err = readPage(q, defaultLimit, maxLimit); err != nil {
		return fq, err
	}
	fq.filter = f
	return fq, nil
}

// spanList is how errors list the spans.
func spanList() string {
	var names []string
	for _, s := range parser.Spans() {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// spanBatch is how many figures figurePage reads at a time when it keeps
// only those of some spans; tests make it small.
var spanBatch = 1000

// figurePage returns the page of figures q asks for, and the cursor of the
// page after it when more match. A span filter keeps only the changes and
// counts over those spans, read from the store a batch at a time until
// the page is full.
func (c *Collector) figurePage(ctx context.Context, q figureQuery) ([]store.Figure, *cursor, error) {
	f := q.filter
	if q.page.after != nil {
		k, err := c.store.DocumentKeyOf(ctx, q.page.after.Document)
		if err != nil {
			return nil, nil, err
		}
		f.After = &store.FigureKey{MeetingDate: k.MeetingDate, Source: k.Source, Address: k.Address, Seq: q.page.after.Seq}
	}
	// One more than the page, to know whether another follows.
	want := q.page.limit + 1
	var figs []store.Figure
	if len(q.spans) == 0 {
		f.Limit = want
		var err error
		if figs, err = c.store.Figures(ctx, f); err != nil {
			return nil, nil, err
		}
	} else {
		f.Limit = max(want, spanBatch)
		for len(figs) < want {
			batch, err := c.store.Figures(ctx, f)
			if err != nil {
				return nil, nil, err
			}
			for _, g := range batch {
				if slices.Contains(q.spans, series.SpanOf(g)) {
					figs = append(figs, g)
				}
			}
			if len(batch) < f.Limit {
				break
			}
			k := batch[len(batch)-1].Key()
			f.After = &k
		}
	}
	if len(figs) <= q.page.limit {
		return figs, nil, nil
	}
	figs = figs[:q.page.limit]
	last := figs[len(figs)-1]
	return figs, &cursor{Document: last.DocumentID, Seq: last.Seq}, nil
}

// measureList is how errors list the measures.
func measureList() string {
	var names []string
	for _, m := range parser.Measures() {
		names = append(names, string(m))
	}
	return strings.Join(names, ", ")
}

// DocumentsHandler serves GET /api/v1/documents: the stored documents
// without their text, filtered by source and borough (repeatable), from
// and to, a page at a time as the figures are, as
// {"documents": [...], "next": "..."}.
func (c *Collector) DocumentsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if onlyGet(w, r) {
			return
		}
		q, err := readQuery(r.URL.Query(), documentParams...)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		f := store.DocumentFilter{Sources: q.list("source"), Boroughs: q.list("borough")}
		if f.From, f.To, err = dateRange(q); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		p, err := readPage(q, DefaultLimit, MaxLimit)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		if p.after != nil {
			k, err := c.store.DocumentKeyOf(r.Context(), p.after.Document)
			if err != nil {
				c.answerStoreError(w, "cursor", err, writeError)
				return
			}
			f.After = &k
		}
		f.Limit = p.limit + 1
		docs, err := c.store.Documents(r.Context(), f)
		if err != nil {
			c.answerStoreError(w, "documents", err, writeError)
			return
		}
		var next *cursor
		if len(docs) > p.limit {
			docs = docs[:p.limit]
			next = &cursor{Document: docs[len(docs)-1].ID}
		}
		writePage(w, "documents", docs, next, func(d store.Document) any {
			a := apiDocument{
				Source: d.Source, Address: redact.URL(d.Address), Title: d.Title, Borough: d.Borough,
				Board: d.Board, Ward: d.Ward, ContentType: d.ContentType, ContentHash: d.ContentHash,
				FetchedAt: d.FetchedAt.UTC().Format(time.RFC3339), MeetingDate: d.MeetingDate.Format(time.DateOnly),
				DateFrom: d.DateFrom, ParserVersion: d.ParserVersion, Figures: d.Figures,
			}
			if !d.WithdrawnAt.IsZero() {
				a.WithdrawnAt = d.WithdrawnAt.UTC().Format(time.RFC3339)
			}
			return a
		})
	})
}

// cursor is where a page ends: its last document, and for figures the
// last figure's place in it. It names the document by its id rather than
// its address, which may hold credentials, and the store finds the
// document's place in the order again.
type cursor struct {
	Document int64 `json:"d"`
	Seq      int   `json:"s,omitempty"`
}

// String encodes the cursor for a "next": opaque to clients.
func (c cursor) String() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// errBadCursor is the answer to a cursor this exporter did not give.
var errBadCursor = errors.New("parameter cursor is not one an answer gave (pass its \"next\" as it is)")

func parseCursor(s string) (*cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, errBadCursor
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c cursor
	if err := dec.Decode(&c); err != nil || c.Document <= 0 || c.Seq < 0 {
		return nil, errBadCursor
	}
	return &c, nil
}

// page is what a request asks of its page.
type page struct {
	limit int
	after *cursor
}

// readPage reads the limit and cursor parameters: pages of defaultLimit
// items unless limit asks for another number up to maxLimit.
func readPage(q apiQuery, defaultLimit, maxLimit int) (page, error) {
	p := page{limit: defaultLimit}
	v, err := q.one("limit")
	if err != nil {
		return p, err
	}
	if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return p, fmt.Errorf("parameter limit=%q is not a number from 1 to %d", v, maxLimit)
		}
		p.limit = n
	}
	if v, err = q.one("cursor"); err != nil {
		return p, err
	}
	if v != "" {
		c, err := parseCursor(v)
		if err != nil {
			return p, err
		}
		p.after = c
	}
	return p, nil
}

// errCursorGone is the answer to a cursor whose document is no longer
// stored: its place in the order is gone.
var errCursorGone = errors.New("parameter cursor: the document its page ended on is no longer stored; start again without a cursor")

// answerStoreError answers an error of reading the store with write (the
// API's JSON or a page's HTML): a cursor's document no longer stored is
// a 400; any other failure a 500 without its detail, which goes to the
// log.
func (c *Collector) answerStoreError(w http.ResponseWriter, what string, err error, write func(http.ResponseWriter, int, error)) {
	if errors.Is(err, store.ErrNoDocument) {
		write(w, http.StatusBadRequest, errCursorGone)
		return
	}
	c.log.Error("read the store", "what", what, "err", err)
	write(w, http.StatusInternalServerError, errors.New("reading the store failed; see the exporter's log"))
}

// writePage writes {"<name>": [items as view gives them], "next": next},
// one item at a time: the answer is never held whole in memory, only the
// page's items, which the store has already read (so that no read of the
// store waits on a slow client).
func writePage[T any](w http.ResponseWriter, name string, items []T, next *cursor, view func(T) any) {
	w.Header().Set("Content-Type", "application/json")
	bw := bufio.NewWriterSize(w, 32<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	bw.WriteString(`{"` + name + `":[`)
	written := 0
	for _, it := range items {
		buf.Reset()
		if err := enc.Encode(view(it)); err != nil {
			// Only a value JSON cannot hold (a NaN) gets here; the
			// answer is already under way, so the item is left out.
			continue
		}
		if written > 0 {
			bw.WriteByte(',')
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		written++
	}
	bw.WriteString("]")
	if next != nil {
		bw.WriteString(`,"next":"` + next.String() + `"`)
	}
	bw.WriteString("}\n")
	_ = bw.Flush()
}

// dateRange reads the from and to parameters.
func dateRange(q apiQuery) (from, to time.Time, err error) {
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &from}, {"to", &to}} {
		v, err := q.one(p.name)
		if err != nil {
			return from, to, err
		}
		if v == "" {
			continue
		}
		if *p.t, err = time.Parse(time.DateOnly, v); err != nil {
			return from, to, fmt.Errorf("parameter %s=%q is not a date YYYY-MM-DD", p.name, v)
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, fmt.Errorf("parameter to=%s is before from=%s", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	return from, to, nil
}

func writeError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}
