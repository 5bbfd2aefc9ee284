package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
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

// CurrentFigures returns the figures of the documents still in their
// source, in the order Figures returns them but without their quotes,
// offsets and rules, and the Counts of each source: what the metrics
// snapshot is built from. It reads each document's figures packed, one
// value a document, and orders them here, which is much faster than
// Figures' join and sort over every figure's row.
func (s *Store) CurrentFigures(ctx context.Context) ([]Figure, map[string]Counts, error) {
	// One read transaction, so that the documents and the figures are of
	// the same moment while a refresh writes.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("read current figures: %w", err)
	}
	defer tx.Rollback()
	docs, err := currentDocuments(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("read current figures: %w", err)
	}
	byID := make(map[int64]*figuredDocument, len(docs))
	for i := range docs {
		byID[docs[i].id] = &docs[i]
	}
	// The few distinct strings of areas, categories, measures and
	// periods are kept once each rather than once per figure.
	intern := map[string]string{}
	if err := readPacked(ctx, tx, byID, intern); err != nil {
		return nil, nil, fmt.Errorf("read current figures: %w", err)
	}
	var unpacked []int64
	for _, d := range docs {
		if !d.read {
			unpacked = append(unpacked, d.id)
		}
	}
	if len(unpacked) > 0 {
		if err := readUnpacked(ctx, tx, byID, intern); err != nil {
			return nil, nil, fmt.Errorf("read current figures: %w", err)
		}
	}
	slices.SortFunc(docs, func(a, b figuredDocument) int {
		return cmp.Or(a.meeting.Compare(b.meeting), cmp.Compare(a.source, b.source), cmp.Compare(a.address, b.address))
	})
	n := 0
	for _, d := range docs {
		n += len(d.figs)
	}
	out := make([]Figure, 0, n)
	counts := map[string]Counts{}
	for _, d := range docs {
		out = append(out, d.figs...)
		c := counts[d.source]
		c.Documents++
		c.Figures += len(d.figs)
		counts[d.source] = c
	}
	return out, counts, nil
}

// readPacked reads the packed figures of the documents of byID, marking
// each document read.
func readPacked(ctx context.Context, tx *sql.Tx, byID map[int64]*figuredDocument, intern map[string]string) error {
	rows, err := tx.QueryContext(ctx, "SELECT document_id, figures FROM packed_figures")
	if err != nil {
		return err
	}
	defer rows.Close()
	var packed sql.RawBytes
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, &packed); err != nil {
			return err
		}
		d := byID[id]
		if d == nil {
			continue // withdrawn
		}
		if d.figs, err = unpackFigures(packed, d.figure, intern); err != nil {
			return fmt.Errorf("%s: %w", d.address, err)
		}
		d.read = true
	}
	return rows.Err()
}

// readUnpacked reads the figures of the documents of byID not read yet,
// from their rows: those stored before figures were packed.
func readUnpacked(ctx context.Context, tx *sql.Tx, byID map[int64]*figuredDocument, intern map[string]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT document_id, seq, area, category, measure, value, period,
	period_start, period_end FROM figures`)
	if err != nil {
		return err
	}
	defer rows.Close()
	// Figures are stored in the order of their key (document, seq), so
	// each document's are read together.
	var doc *figuredDocument
	var area, category, measure, period, periodStart, periodEnd sql.RawBytes
	for rows.Next() {
		var id int64
		var seq int
		var value float64
		if err := rows.Scan(&id, &seq, &area, &category, &measure, &value, &period,
			&periodStart, &periodEnd); err != nil {
			return err
		}
		if doc == nil || doc.id != id {
			if doc = byID[id]; doc == nil || doc.read {
				doc = nil
				continue
			}
		}
		g := doc.figure(seq)
		g.Area, g.Category = interned(intern, area), interned(intern, category)
		g.Measure = parser.Measure(interned(intern, measure))
		g.Period, g.PeriodStart, g.PeriodEnd = interned(intern, period), interned(intern, periodStart), interned(intern, periodEnd)
		g.Value = value
		doc.figs = append(doc.figs, g)
	}
	for _, d := range byID {
		d.read = true // a document with no figures has none to read
	}
	return rows.Err()
}

// figure returns a figure of d at seq, with what d says of it.
func (d *figuredDocument) figure(seq int) Figure {
	return Figure{Seq: seq, DocumentID: d.id, Source: d.source, Address: d.address, Borough: d.borough,
		Board: d.board, MeetingDate: d.meeting, DateFrom: d.dateFrom}
}

// figuredDocument is what CurrentFigures reads of a document, and where
// its figures are among those read.
type figuredDocument struct {
	id                                        int64
	source, address, borough, board, dateFrom string
	meeting                                   time.Time
	figs                                      []Figure
	read                                      bool // figs are read
}

// currentDocuments reads the documents still in their source.
func currentDocuments(ctx context.Context, tx *sql.Tx) ([]figuredDocument, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, source, address, borough, board, meeting_date, date_from
FROM documents WHERE withdrawn_at = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []figuredDocument
	dates := map[string]time.Time{}
	intern := map[string]string{}
	var source, borough, board, dateFrom, meeting sql.RawBytes
	for rows.Next() {
		var d figuredDocument
		if err := rows.Scan(&d.id, &source, &d.address, &borough, &board, &meeting, &dateFrom); err != nil {
			return nil, err
		}
		d.source, d.borough, d.board, d.dateFrom = interned(intern, source), interned(intern, borough),
			interned(intern, board), interned(intern, dateFrom)
		t, ok := dates[string(meeting)]
		if !ok {
			if t, err = time.Parse(dateLayout, string(meeting)); err != nil {
				return nil, fmt.Errorf("%s: meeting date: %w", d.address, err)
			}
			dates[string(meeting)] = t
		}
		d.meeting = t
		out = append(out, d)
	}
	return out, rows.Err()
}

// interned returns b as a string, the same string for the same bytes.
func interned(strs map[string]string, b []byte) string {
	if s, ok := strs[string(b)]; ok {
		return s
	}
	s := string(b)
	strs[s] = s
	return s
}
