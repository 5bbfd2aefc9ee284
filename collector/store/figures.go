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

// FigureFilter selects figures; a zero field selects all.
type FigureFilter struct {
	Source   string
	Borough  string
	Area     string
	Category string
	Measure  parser.Measure
	// From and To bound the meeting date, both inclusive.
	From, To time.Time
	// Current leaves out the figures of withdrawn documents.
	Current bool
}

// Figures returns every stored figure that f selects, ordered by meeting
// date, source, address and place in the document. This is the read for
// the API, for backfill (every figure stamped with its meeting date) and
// for the metrics snapshot.
func (s *Store) Figures(ctx context.Context, f FigureFilter) ([]Figure, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where, args = append(where, cond), append(args, v)
	}
	if f.Source != "" {
		add("d.source = ?", f.Source)
	}
	if f.Borough != "" {
		add("d.borough = ?", f.Borough)
	}
	if f.Area != "" {
		add("f.area = ?", f.Area)
	}
	if f.Category != "" {
		add("f.category = ?", f.Category)
	}
	if f.Measure != "" {
		add("f.measure = ?", string(f.Measure))
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
	q := `SELECT f.seq, f.area, f.category, f.measure, f.value, f.period, f.quote, f.start, f."end",
	d.id, d.source, d.address, d.borough, d.board, d.meeting_date, d.date_from
FROM figures f JOIN documents d ON d.id = f.document_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.meeting_date, d.source, d.address, f.seq"
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
			&g.Quote, &g.Start, &g.End, &g.DocumentID, &g.Source, &g.Address, &g.Borough,
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
