package collector

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// apiFigure is a figure as GET /api/v1/figures serves it: everything needed
// to trace a number on a dashboard back to the sentence that reported it.
type apiFigure struct {
	Borough     string         `json:"borough"`
	Area        string         `json:"area"`
	Category    string         `json:"category"`
	Measure     parser.Measure `json:"measure"`
	Value       float64        `json:"value"`
	Period      string         `json:"period"`
	Quote       string         `json:"quote"`
	Start       int            `json:"start"`
	End         int            `json:"end"`
	MeetingDate string         `json:"meeting_date"`
	DateFrom    string         `json:"date_from"`
	Source      string         `json:"source"`
	Document    string         `json:"document"`
	Board       string         `json:"board"`
}

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

// FiguresHandler serves GET /api/v1/figures: every stored figure, filtered
// by the query parameters borough, area, category, measure, source, from
// and to (meeting dates, YYYY-MM-DD, inclusive), as
// {"figures": [...]}. A bad parameter is a 400 with {"error": "..."}.
func (c *Collector) FiguresHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f := store.FigureFilter{
			Source:   q.Get("source"),
			Borough:  q.Get("borough"),
			Area:     q.Get("area"),
			Category: q.Get("category"),
			Measure:  parser.Measure(q.Get("measure")),
		}
		var err error
		if f.From, f.To, err = dateRange(q); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		if f.Category != "" && !series.ValidCategory(f.Category) {
			writeError(w, http.StatusBadRequest, fmt.Errorf("unknown category %q", f.Category))
			return
		}
		if f.Measure != "" && !series.ValidMeasure(f.Measure) {
			writeError(w, http.StatusBadRequest, fmt.Errorf("unknown measure %q (one of %v)", f.Measure, parser.Measures()))
			return
		}
		figs, err := c.store.Figures(r.Context(), f)
		if err != nil {
			c.log.Error("api: figures", "err", err)
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		out := make([]apiFigure, 0, len(figs))
		for _, g := range figs {
			out = append(out, apiFigure{
				Borough: g.Borough, Area: g.Area, Category: g.Category, Measure: g.Measure,
				Value: g.Value, Period: g.Period, Quote: g.Quote, Start: g.Start, End: g.End,
				MeetingDate: g.MeetingDate.Format(time.DateOnly), DateFrom: g.DateFrom,
				Source: g.Source, Document: g.Address, Board: g.Board,
			})
		}
		writeJSON(w, map[string]any{"figures": out})
	})
}

// DocumentsHandler serves GET /api/v1/documents: every stored document
// without its text, filtered by source, borough, from and to, as
// {"documents": [...]}.
func (c *Collector) DocumentsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f := store.DocumentFilter{Source: q.Get("source"), Borough: q.Get("borough")}
		var err error
		if f.From, f.To, err = dateRange(q); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		docs, err := c.store.Documents(r.Context(), f)
		if err != nil {
			c.log.Error("api: documents", "err", err)
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		out := make([]apiDocument, 0, len(docs))
		for _, d := range docs {
			a := apiDocument{
				Source: d.Source, Address: d.Address, Title: d.Title, Borough: d.Borough,
				Board: d.Board, Ward: d.Ward, ContentType: d.ContentType, ContentHash: d.ContentHash,
				FetchedAt: d.FetchedAt.UTC().Format(time.RFC3339), MeetingDate: d.MeetingDate.Format(time.DateOnly),
				DateFrom: d.DateFrom, ParserVersion: d.ParserVersion, Figures: d.Figures,
			}
			if !d.WithdrawnAt.IsZero() {
				a.WithdrawnAt = d.WithdrawnAt.UTC().Format(time.RFC3339)
			}
			out = append(out, a)
		}
		writeJSON(w, map[string]any{"documents": out})
	})
}

// dateRange reads the from and to parameters.
func dateRange(q url.Values) (from, to time.Time, err error) {
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &from}, {"to", &to}} {
		v := q.Get(p.name)
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

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}
