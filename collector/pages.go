package collector

import (
	"bytes"
	"embed"
	"html"
	"html/template"
	"net/http"
	"slices"
	"strings"
)

// The HTML pages (the landing page, /figures and the text of a document)
// are html/template, which escapes whatever they are given. Document text
// reaches them only through markText, which escapes every byte of it and
// adds nothing but its own <mark> and <span> tags.

//go:embed pages/*.html
var pageFiles embed.FS

var pageTemplates = template.Must(template.New("pages").ParseFS(pageFiles, "pages/*.html"))

// PageOptions are what the HTML pages show of the server around them.
type PageOptions struct {
	// Version is the exporter's version, shown on the landing page.
	Version string
	// MetricsPath is where the metrics are served (--web.telemetry-path).
	MetricsPath string
	// Landing serves the landing page at "/"; off when the metrics are
	// served there.
	Landing bool
}

// pageBase is what every page's layout reads.
type pageBase struct {
	Title       string
	Nav         string
	MetricsPath string
}

// PagesHandler serves the HTML pages: GET / (the landing page, with
// PageOptions.Landing), GET /figures (FiguresPageHandler) and
// GET /figures/document/{id}, the text a document's figures were read
// from, each figure's words marked.
func (c *Collector) PagesHandler(opts PageOptions) http.Handler {
	if opts.MetricsPath == "" {
		opts.MetricsPath = "/metrics"
	}
	mux := http.NewServeMux()
	mux.Handle("GET /figures", c.figuresPage(opts))
	mux.Handle("GET /figures/document/{id}", c.documentPage(opts))
	if opts.Landing {
		mux.Handle("GET /{$}", c.landingPage(opts))
	}
	return mux
}

// writePage renders the named template with data as an HTML answer of
// status code. It renders into a buffer first, so that a template that
// fails answers a 500 rather than half a page.
func (c *Collector) writePage(w http.ResponseWriter, code int, name string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		c.log.Error("render page", "page", name, "err", err)
		http.Error(w, "rendering the page failed; see the exporter's log", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	// The pages run no script and load nothing from elsewhere.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// errorPage is the page of a request that cannot be answered.
type errorPage struct {
	pageBase
	Message string
}

// pageError answers an error as an HTML page, in the shape
// answerStoreError and the API's readers give errors.
func (c *Collector) pageError(opts PageOptions) func(http.ResponseWriter, int, error) {
	return func(w http.ResponseWriter, code int, err error) {
		title := "Bad request"
		switch code {
		case http.StatusNotFound:
			title = "Not found"
		case http.StatusInternalServerError:
			title = "Something went wrong"
		}
		c.writePage(w, code, "error", errorPage{
			pageBase: pageBase{Title: title, Nav: "figures", MetricsPath: opts.MetricsPath},
			Message:  err.Error(),
		})
	}
}

// span is a part of a document's text to mark: [start, end), with the id
// of the anchor at its start, if any.
type span struct {
	start, end int
	class      string // "mark" for <mark>, else a <span> of that class
	id         string
}

// markText returns text[from:to] escaped for HTML, with the spans marked:
// each as <mark> or <span class="…">, an id on the element where it has
// one. Spans are clamped to [from, to]; spans that overlap an earlier
// one's end are cut to nest within it or start after it, so the markup
// stays well formed. Nothing of text becomes markup: every byte of it is
// escaped, and invalid UTF-8 is replaced.
func markText(text string, from, to int, spans []span) template.HTML {
	from, to = max(from, 0), min(to, len(text))
	if from > to {
		return ""
	}
	ss := make([]span, 0, len(spans))
	for _, s := range spans {
		s.start, s.end = max(s.start, from), min(s.end, to)
		if s.start < s.end || s.start == s.end && s.id != "" {
			ss = append(ss, s)
		}
	}
	// Outer spans first: by start, and of two at one start the longer.
	slices.SortStableFunc(ss, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var b strings.Builder
	esc := func(lo, hi int) {
		if lo < hi {
			b.WriteString(html.EscapeString(strings.ToValidUTF8(text[lo:hi], "\uFFFD")))
		}
	}
	var open []span // the elements open, innermost last
	at := from
	closeTo := func(pos int) {
		for len(open) > 0 && open[len(open)-1].end <= pos {
			top := open[len(open)-1]
			esc(at, top.end)
			at = top.end
			if top.class == "mark" {
				b.WriteString("</mark>")
			} else {
				b.WriteString("</span>")
			}
			open = open[:len(open)-1]
		}
	}
	for _, s := range ss {
		closeTo(s.start)
		if len(open) > 0 && s.end > open[len(open)-1].end {
			s.end = open[len(open)-1].end // nest within the one open
		}
		esc(at, s.start)
		at = s.start
		tag := "span"
		if s.class == "mark" {
			tag = "mark"
		}
		b.WriteString("<" + tag)
		if s.class != "mark" && s.class != "" {
			b.WriteString(` class="` + html.EscapeString(s.class) + `"`)
		}
		if s.id != "" {
			b.WriteString(` id="` + html.EscapeString(s.id) + `"`)
		}
		b.WriteString(">")
		open = append(open, s)
	}
	closeTo(to)
	esc(at, to)
	return template.HTML(b.String()) // #nosec: every byte of text escaped above
}
