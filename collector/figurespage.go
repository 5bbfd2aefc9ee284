package collector

import (
	"fmt"
	"html/template"
	"math"
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

// Pages of GET /figures: fewer figures than the API's, as each shows its
// passage of text.
const (
	PageDefaultLimit = 50
	PageMaxLimit     = 500
)

// passageSentences is how many sentences either side of a figure's own
// the page shows, and passageBytes the most bytes of them on each side.
const (
	passageSentences = 2
	passageBytes     = 700
)

// figuresPageData is what the figures template reads.
type figuresPageData struct {
	pageBase
	Filters                     []filterView
	Form                        map[string]string
	Categories, Measures, Spans []string
	Figures                     []figureView
	Shown                       int
	Next, First, APIURL         string
}

// filterView is a filter of the page, as its heading names it.
type filterView struct {
	Name   string
	Values []string
}

// figureView is a figure as the page shows it.
type figureView struct {
	Anchor                               string
	Value                                string
	Measure, Category, Area, Borough     string
	Span, Period, PeriodDates, Rule      string
	MeetingDate, DateFrom, Board, Source string
	Address                              string
	Quote                                string
	Passage                              template.HTML
	SourceURL, TextURL                   string
}

// figuresPage serves GET /figures: the figures a query of
// /api/v1/figures selects (the same parameters, read by readFigureQuery),
// a page at a time, each with its passage of text and its document's
// links.
func (c *Collector) figuresPage(opts PageOptions) http.Handler {
	fail := c.pageError(opts)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		values := r.URL.Query()
		q, err := readFigureQuery(values, PageDefaultLimit, PageMaxLimit)
		if err != nil {
			fail(w, http.StatusBadRequest, err)
			return
		}
		figs, next, err := c.figurePage(r.Context(), q)
		if err != nil {
			c.answerStoreError(w, "figures page", err, fail)
			return
		}
		ids := make([]int64, 0, len(figs))
		for _, g := range figs {
			if !slices.Contains(ids, g.DocumentID) {
				ids = append(ids, g.DocumentID)
			}
		}
		texts, err := c.store.Texts(r.Context(), ids)
		if err != nil {
			c.answerStoreError(w, "figures page", err, fail)
			return
		}
		data := figuresPageData{
			pageBase:   pageBase{Title: "Figures", Nav: "figures", MetricsPath: opts.MetricsPath},
			Filters:    filtersOf(values),
			Form:       map[string]string{},
			Categories: parser.Categories(),
			Shown:      len(figs),
			APIURL:     "/api/v1/figures" + queryString(values, "limit", ""),
		}
		for _, m := range parser.Measures() {
			data.Measures = append(data.Measures, string(m))
		}
		for _, s := range parser.Spans() {
			data.Spans = append(data.Spans, string(s))
		}
		for _, name := range []string{"borough", "area", "category", "measure", "span", "source", "from", "to"} {
			if vs := values[name]; len(vs) > 0 {
				data.Form[name] = vs[0]
			}
		}
		if len(data.Filters) > 0 {
			var names []string
			for _, f := range data.Filters {
				names = append(names, strings.Join(f.Values, ", "))
			}
			data.Title = "Figures: " + strings.Join(names, "; ")
		}
		for _, g := range figs {
			data.Figures = append(data.Figures, figureViewOf(g, texts[g.DocumentID]))
		}
		if next != nil {
			data.Next = "/figures" + queryString(values, "cursor", next.String())
		}
		if values.Get("cursor") != "" {
			data.First = "/figures" + queryString(values, "cursor", "")
		}
		c.writePage(w, http.StatusOK, "figures", data)
	})
}

// filtersOf lists the filters of a query, in the order of the form.
func filtersOf(values url.Values) []filterView {
	var out []filterView
	for _, name := range []string{"borough", "area", "category", "measure", "span", "source", "from", "to"} {
		var vs []string
		for _, v := range values[name] {
			if v != "" && !slices.Contains(vs, v) {
				vs = append(vs, v)
			}
		}
		if len(vs) > 0 {
			out = append(out, filterView{Name: name, Values: vs})
		}
	}
	return out
}

// queryString returns "?" and values encoded with name set to value
// (removed when value is ""), or "" when nothing is left.
func queryString(values url.Values, name, value string) string {
	q := url.Values{}
	for k, vs := range values {
		q[k] = slices.Clone(vs)
	}
	if value == "" {
		q.Del(name)
	} else {
		q.Set(name, value)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// figureViewOf is how the page shows g, whose document's text is text.
func figureViewOf(g store.Figure, text string) figureView {
	v := figureView{
		Anchor:      fmt.Sprintf("d%d-%d", g.DocumentID, g.Seq),
		Value:       formatValue(g.Measure, g.Value),
		Measure:     string(g.Measure),
		Category:    g.Category,
		Area:        g.Area,
		Borough:     g.Borough,
		Span:        series.SpanOf(g),
		Period:      g.Period,
		Rule:        g.Rule,
		MeetingDate: g.MeetingDate.Format(time.DateOnly),
		DateFrom:    g.DateFrom,
		Board:       g.Board,
		Source:      g.Source,
		Address:     redact.URL(g.Address),
		Quote:       g.Quote,
		SourceURL:   sourceURL(g.Address),
		TextURL:     fmt.Sprintf("/figures/document/%d#f%d", g.DocumentID, g.Seq),
	}
	switch {
	case g.PeriodStart != "" && g.PeriodEnd != "":
		v.PeriodDates = g.PeriodStart + " to " + g.PeriodEnd
	case g.PeriodEnd != "":
		v.PeriodDates = "up to " + g.PeriodEnd
	}
	v.Passage = passageHTML(text, g.Figure)
	return v
}

// passageHTML is the passage of text around f's words, escaped, the
// sentence holding them in a <span class="sentence"> and the words in a
// <mark>; "" when the text no longer holds f's words at f's offsets.
func passageHTML(text string, f parser.Figure) template.HTML {
	if f.Start < 0 || f.End < f.Start || f.End > len(text) || text[f.Start:f.End] != f.Quote || f.Quote == "" {
		return ""
	}
	p := parser.PassageOf(text, f.Start, f.End, passageSentences)
	from := max(p.Context[0], p.Sentence[0]-passageBytes)
	to := min(p.Context[1], p.Sentence[1]+passageBytes)
	// Cut at a space, so that no word is cut in half.
	if from > p.Context[0] {
		if i := strings.IndexByte(text[from:p.Sentence[0]], ' '); i >= 0 {
			from += i + 1
		}
	}
	if to < p.Context[1] {
		if i := strings.LastIndexByte(text[p.Sentence[1]:to], ' '); i >= 0 {
			to = p.Sentence[1] + i
		}
	}
	out := markText(text, from, to, []span{
		{start: p.Sentence[0], end: p.Sentence[1], class: "sentence"},
		{start: f.Start, end: f.End, class: "mark"},
	})
	if from > p.Context[0] {
		out = "… " + out
	}
	if to < p.Context[1] {
		out += " …"
	}
	return out
}

// sourceURL is where a browser finds a document: its address when that is
// a web page (urls and moderngov sources), with any user name and
// password left out; "" for other addresses (a dir source's files),
// whose text the exporter's own page shows.
func sourceURL(address string) string {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.User = nil
	return redact.URL(u.String())
}

// formatValue writes a figure's value as the minutes would: percentages
// with their sign where they are changes, counts with thousands
// separators.
func formatValue(m parser.Measure, v float64) string {
	switch m {
	case parser.ChangePercent:
		return signed(v) + "%"
	case parser.ChangeCount:
		return signed(v)
	case parser.RatePer1000:
		return number(v) + " per 1,000"
	}
	if m.IsPercent() {
		return number(v) + "%"
	}
	return number(v)
}

func signed(v float64) string {
	if v > 0 {
		return "+" + number(v)
	}
	if v < 0 {
		return "−" + number(-v)
	}
	return number(v)
}

// number writes v with a comma between thousands and as many decimals as
// it has.
func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
