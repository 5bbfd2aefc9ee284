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
	figureParams   = []string{"borough", "area", "category", "measure", "source", "from", "to", "limit", "cursor"}
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
// by the query parameters borough, area, category, measure and source
// (each repeatable, for any of its values), from and to (meeting dates,
// YYYY-MM-DD, inclusive), a page of limit at a time from cursor, as
// {"figures": [...], "next": "..."}. A bad parameter is a 400 with
// {"error": "..."}.
func (c *Collector) FiguresHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if onlyGet(w, r) {
			return
		}
		q, err := readQuery(r.URL.Query(), figureParams...)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		f := store.FigureFilter{
			Sources:    q.list("source"),
			Boroughs:   q.list("borough"),
			Areas:      q.list("area"),
			Categories: q.list("category"),
		}
		for _, cat := range f.Categories {
			if !series.ValidCategory(cat) {
				writeError(w, http.StatusBadRequest, fmt.Errorf("unknown category %q (one of %s)", cat, strings.Join(parser.Categories(), ", ")))
				return
			}
		}
		for _, m := range q.list("measure") {
			if !series.ValidMeasure(parser.Measure(m)) {
				writeError(w, http.StatusBadRequest, fmt.Errorf("unknown measure %q (one of %s)", m, measureList()))
				return
			}
			f.Measures = append(f.Measures, parser.Measure(m))
		}
		if f.From, f.To, err = dateRange(q); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		p, err := readPage(q)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		if p.after != nil {
			k, err := c.pagePlace(r.Context(), w, p.after)
			if err != nil {
				return
			}
			f.After = &store.FigureKey{MeetingDate: k.MeetingDate, Source: k.Source, Address: k.Address, Seq: p.after.Seq}
		}
		// One more than the page, to know whether another follows.
		f.Limit = p.limit + 1
		figs, err := c.store.Figures(r.Context(), f)
		if err != nil {
			c.internalError(w, "figures", err)
			return
		}
		var next *cursor
		if len(figs) > p.limit {
			figs = figs[:p.limit]
			last := figs[len(figs)-1]
			next = &cursor{Document: last.DocumentID, Seq: last.Seq}
		}
		writePage(w, "figures", figs, next, func(g store.Figure) any { return storedFigureJSON(g) })
	})
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
		p, err := readPage(q)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		if p.after != nil {
			k, err := c.pagePlace(r.Context(), w, p.after)
			if err != nil {
				return
			}
			f.After = &k
		}
		f.Limit = p.limit + 1
		docs, err := c.store.Documents(r.Context(), f)
		if err != nil {
			c.internalError(w, "documents", err)
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

// readPage reads the limit and cursor parameters.
func readPage(q apiQuery) (page, error) {
	p := page{limit: DefaultLimit}
	v, err := q.one("limit")
	if err != nil {
		return p, err
	}
	if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return p, fmt.Errorf("parameter limit=%q is not a number from 1 to %d", v, MaxLimit)
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

// pagePlace finds where the cursor's page ended. A cursor whose document
// is no longer stored answers 400, as its place in the order is gone.
func (c *Collector) pagePlace(ctx context.Context, w http.ResponseWriter, cur *cursor) (store.DocumentKey, error) {
	k, err := c.store.DocumentKeyOf(ctx, cur.Document)
	switch {
	case errors.Is(err, store.ErrNoDocument):
		writeError(w, http.StatusBadRequest, errors.New("parameter cursor: the document its page ended on is no longer stored; start again without a cursor"))
	case err != nil:
		c.internalError(w, "cursor", err)
	}
	return k, err
}

// internalError answers a failure to read the store without its detail,
// which goes to the log.
func (c *Collector) internalError(w http.ResponseWriter, what string, err error) {
	c.log.Error("api: read the store", "what", what, "err", err)
	writeError(w, http.StatusInternalServerError, errors.New("reading the store failed; see the exporter's log"))
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
