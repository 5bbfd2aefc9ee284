package collector

import (
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/redact"
	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// FigureJSON is the JSON form of a figure (../shared/spec/figures.md), the
// one both `extract` prints and GET /api/v1/figures serves: everything
// needed to trace a number back to the sentence that reported it.
type FigureJSON struct {
	// Document is the file extract read, or the address of the stored
	// document, credentials masked.
	Document string         `json:"document"`
	Borough  string         `json:"borough"`
	Area     string         `json:"area"`
	Category string         `json:"category"`
	Measure  parser.Measure `json:"measure"`
	Value    float64        `json:"value"`
	Period   string         `json:"period"`
	// PeriodStart and PeriodEnd bound the period where its text names
	// its days (YYYY-MM-DD).
	PeriodStart string `json:"period_start,omitempty"`
	PeriodEnd   string `json:"period_end,omitempty"`
	Quote       string `json:"quote"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	// Rule names the parser rule that read the figure.
	Rule string `json:"rule"`
	// What the store knows of the figure's meeting, and so the API
	// serves: its date and where that came from, the source and the
	// board. Extract, which reads files, leaves them out.
	MeetingDate string `json:"meeting_date,omitempty"`
	DateFrom    string `json:"date_from,omitempty"`
	Source      string `json:"source,omitempty"`
	Board       string `json:"board,omitempty"`
	// Span is the span label of the figure's series, for changes and
	// counts (see parser.SpanOf): what its period covers, read against
	// the meeting's date.
	Span string `json:"span,omitempty"`
}

// NewFigureJSON returns the JSON form of f, read from document with
// borough as the minutes' borough.
func NewFigureJSON(document, borough string, f parser.Figure) FigureJSON {
	return FigureJSON{
		Document: document, Borough: borough, Area: f.Area, Category: f.Category,
		Measure: f.Measure, Value: f.Value, Period: f.Period,
		PeriodStart: f.PeriodStart, PeriodEnd: f.PeriodEnd,
		Quote: f.Quote, Start: f.Start, End: f.End, Rule: f.Rule,
	}
}

// storedFigureJSON returns the JSON form of a stored figure, with what the
// store knows of its meeting.
func storedFigureJSON(g store.Figure) FigureJSON {
	j := NewFigureJSON(redact.URL(g.Address), g.Borough, g.Figure)
	j.MeetingDate = g.MeetingDate.Format(time.DateOnly)
	j.DateFrom, j.Source, j.Board = g.DateFrom, g.Source, g.Board
	j.Span = series.SpanOf(g)
	return j
}
