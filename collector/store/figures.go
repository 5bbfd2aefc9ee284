package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// Figure is a stored figure with what its document says about it: whose
// minutes, when the meeting was, and where to read the document.
type Figure struct {
	parser.Figure
	// Seq is the figure's place among its document's figures, from 0.
	Seq         int       `json:"seq"`
	DocumentID  int64     `json:"document_id"`
	Source      string    `json:"source"`
	Address     string    `json:"address"`
	Borough     string    `json:"borough"`
	Board       string    `json:"board"`
	MeetingDate time.Time `json:"meeting_date"`
	DateFrom    string    `json:"date_from"`
}

// FigureFilter selects figures; a zero field selects all. A list selects
// the figures that have any of its values.
type FigureFilter struct {
	Sources    []string
	Boroughs   []string
	Areas      []string
	Categories []string
	Measures   []parser.Measure
	// Documents selects the figures of the documents with these ids.
	Documents []int64
	// From and To bound the meeting date, both inclusive.
	From, To time.Time
	// After, when set, selects only the figures that come after it in the
	// order Figures returns them: the page after the one it ended.
	After *FigureKey
	// Limit, when positive, returns at most that many figures.
	Limit int
	// Current leaves out the figures of withdrawn documents.
	Current bool
}

// FigureKey is a figure's place in the order Figures returns them.
type FigureKey struct {
	MeetingDate     time.Time
	Source, Address string
	Seq             int
}

// Key returns g's place in the order Figures returns them.
func (g Figure) Key() FigureKey {
	return FigureKey{MeetingDate: g.MeetingDate, Source: g.Source, Address: g.Address, Seq: g.Seq}
}

// Figures returns every stored figure that f selects, ordered by meeting
// date, source, address and place in the document. This is the read for
// the API (a page at a time, with After and Limit), for backfill (every
// figure stamped with its meeting date) and for the metrics snapshot.
func (s *Store) Figures(ctx context.Context, f FigureFilter) ([]Figure, error) {
	q, args := figuresQuery(f)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	defer rows.Close()
	var out []Figure
	// Dates repeat across a document's figures; parse each once.
	dates := map[string]time.Time{}
	for rows.Next() {
		var g Figure
		var measure, meeting string
		if err := rows.Scan(&g.Seq, &g.Area, &g.Category, &measure, &g.Value, &g.Period,
			&g.Quote, &g.Start, &g.End, &g.PeriodStart, &g.PeriodEnd, &g.Rule, &g.DocumentID, &g.Source, &g.Address, &g.Borough,
			&g.Board, &meeting, &g.DateFrom); err != nil {
			return nil, fmt.Errorf("read figures: %w", err)
		}
		g.Measure = parser.Measure(measure)
		t, ok := dates[meeting]
		if !ok {
			if t, err = time.Parse(dateLayout, meeting); err != nil {
				return nil, fmt.Errorf("read figures: %s: meeting date: %w", g.Address, err)
			}
			dates[meeting] = t
		}
		g.MeetingDate = t
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read figures: %w", err)
	}
	return out, nil
}

// figuresQuery returns the query of Figures for f, and its arguments.
func figuresQuery(f FigureFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where, args = append(where, cond), append(args, v)
	}
	measures := make([]string, len(f.Measures))
	for i, m := range f.Measures {
		measures[i] = string(m)
	}
	for _, in := range []struct {
		column string
		values []string
	}{{"d.source", f.Sources}, {"d.borough", f.Boroughs}, {"f.area", f.Areas}, {"f.category", f.Categories}, {"f.measure", measures}} {
		if c, a := oneOf(in.column, in.values); c != "" {
			where, args = append(where, c), append(args, a...)
		}
	}
	if len(f.Documents) > 0 {
		ids := make([]any, len(f.Documents))
		for i, id := range f.Documents {
			ids[i] = id
		}
		where = append(where, "d.id IN (?"+strings.Repeat(", ?", len(ids)-1)+")")
		args = append(args, ids...)
	}
	if !f.From.IsZero() {
		add("d.meeting_date >= ?", f.From.Format(dateLayout))
	}
	if !f.To.IsZero() {
		add("d.meeting_date <= ?", f.To.Format(dateLayout))
	}
	if f.Current {
		add("d.withdrawn_at = ?", 0)
	}
	if a := f.After; a != nil {
		// The figures after a.Seq in a's document, and those of every
		// document after it: written so, the documents_order index finds
		// where to start.
		date := a.MeetingDate.Format(dateLayout)
		where = append(where, "(d.meeting_date, d.source, d.address) >= (?, ?, ?)",
			"((d.meeting_date, d.source, d.address) > (?, ?, ?) OR f.seq > ?)")
		args = append(args, date, a.Source, a.Address, date, a.Source, a.Address, a.Seq)
	}
	q := `SELECT f.seq, f.area, f.category, f.measure, f.value, f.period, f.quote, f.start, f."end",
	f.period_start, f.period_end, f.rule, d.id, d.source, d.address, d.borough, d.board, d.meeting_date, d.date_from
FROM figures f JOIN documents d ON d.id = f.document_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.meeting_date, d.source, d.address, f.seq"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args
}

// oneOf returns the condition that column has one of values, and its
// arguments; "" when values is empty.
func oneOf(column string, values []string) (string, []any) {
	if len(values) == 0 {
		return "", nil
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	return column + " IN (?" + strings.Repeat(", ?", len(values)-1) + ")", args
}
