package collector

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/redact"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

// documentPageData is what the document template reads.
type documentPageData struct {
	pageBase
	Borough, Ward, Board, MeetingDate, DateFrom string
	Source, Address, SourceURL, ContentType     string
	HTMLOrPDF                                   bool
	Figures                                     int
	FiguresURL                                  string
	// Withdrawn is when the document was found no longer in its source
	// (YYYY-MM-DD), "" while it is.
	Withdrawn string
	Text      template.HTML
}

// documentPage serves GET /figures/document/{id}: the text the exporter
// read from a stored document, each figure's words marked with the
// anchor f<seq> that /figures links to. It is where the figures of a dir
// source, whose files a browser cannot reach, link as their source.
func (c *Collector) documentPage(opts PageOptions) http.Handler {
	fail := c.pageError(opts)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			fail(w, http.StatusNotFound, fmt.Errorf("no document %q: documents are numbered as /figures links to them", r.PathValue("id")))
			return
		}
		d, err := c.store.DocumentByID(r.Context(), id)
		if errors.Is(err, store.ErrNoDocument) {
			fail(w, http.StatusNotFound, fmt.Errorf("no document %d is stored (it may have been read again under another number): see /figures", id))
			return
		}
		if err != nil {
			c.answerStoreError(w, "document page", err, fail)
			return
		}
		figs, err := c.store.Figures(r.Context(), store.FigureFilter{Documents: []int64{id}})
		if err != nil {
			c.answerStoreError(w, "document page", err, fail)
			return
		}
		var marks []span
		for _, g := range figs {
			if g.Start < 0 || g.End < g.Start || g.End > len(d.Text) || d.Text[g.Start:g.End] != g.Quote {
				continue // the text changed under the figure: nothing to mark
			}
			marks = append(marks, span{start: g.Start, end: g.End, class: "mark", id: fmt.Sprintf("f%d", g.Seq)})
		}
		withdrawn := ""
		if !d.WithdrawnAt.IsZero() {
			withdrawn = d.WithdrawnAt.Format(time.DateOnly)
		}
		title := d.Title
		if title == "" {
			title = redact.URL(d.Address)
		}
		c.writePage(w, http.StatusOK, "document", documentPageData{
			pageBase:    pageBase{Title: title, Nav: "figures", MetricsPath: opts.MetricsPath},
			Borough:     d.Borough,
			Ward:        d.Ward,
			Board:       d.Board,
			MeetingDate: d.MeetingDate.Format(time.DateOnly),
			DateFrom:    d.DateFrom,
			Source:      d.Source,
			Address:     redact.URL(d.Address),
			SourceURL:   sourceURL(d.Address),
			ContentType: d.ContentType,
			HTMLOrPDF:   d.ContentType != "" && d.ContentType != "text/plain",
			Figures:     len(figs),
			FiguresURL:  "/figures?" + url.Values{"source": {d.Source}, "borough": {d.Borough}, "from": {d.MeetingDate.Format(time.DateOnly)}, "to": {d.MeetingDate.Format(time.DateOnly)}}.Encode(),
			Text:        markText(d.Text, 0, len(d.Text), marks),
			Withdrawn:   withdrawn,
		})
	})
}
