package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// dateLayout is how meeting dates are stored.
const dateLayout = time.DateOnly

// Document is a stored document: where it came from, what it is, and its
// text. Figures counts its stored figures when read back.
type Document struct {
	ID      int64  `json:"id"`
	Source  string `json:"source"`
	Address string `json:"address"`
	Title   string `json:"title"`
	Borough string `json:"borough"`
	Board   string `json:"board"`
	// Ward is the ward or local area the minutes cover (a ward panel's, an
	// area committee's), or "": what the parser takes as their area.
	Ward        string `json:"ward"`
	ContentType string `json:"content_type"`
	// ContentHash is the hex SHA-256 of the body as fetched.
	ContentHash string `json:"content_hash"`
	// Stamp is the caller's digest of the body and everything else the
	// source said about it; a refresh that finds the same stamp has
	// nothing to do.
	Stamp       string    `json:"-"`
	FetchedAt   time.Time `json:"fetched_at"`
	MeetingDate time.Time `json:"meeting_date"`
	// DateFrom says where MeetingDate came from (source.DateFrom).
	DateFrom      string `json:"date_from"`
	ParserVersion string `json:"parser_version"`
	// Text is the plain text the figures were read from. Documents leaves
	// it empty; Put stores it.
	Text    string `json:"-"`
	Figures int    `json:"figures"`
	// WithdrawnAt is when the document was found no longer in its source
	// (see SetCurrent), or zero while it is.
	WithdrawnAt time.Time `json:"withdrawn_at"`
}

// Entry is a document with the figures read from it, as PutAll stores
// them.
type Entry struct {
	Document Document
	Figures  []parser.Figure
}

// Put stores d and its figures in one transaction, as PutAll does.
func (s *Store) Put(ctx context.Context, d Document, figs []parser.Figure) error {
	return s.PutAll(ctx, []Entry{{Document: d, Figures: figs}})
}

// PutAll stores entries in one transaction: each document with its text
// and figures, replacing any earlier version of the document (same source
// and address) and its figures, in their order. A document is in its
// source again if it had been withdrawn. Either every entry is stored,
// whole, or none is: many documents to a transaction are much faster to
// write than one each, and a crash still leaves no document half-written.
func (s *Store) PutAll(ctx context.Context, entries []Entry) error {
	if len(entries) == 0 {
		return nil
	}
	what := entries[0].Document.Address
	if len(entries) > 1 {
		what = fmt.Sprintf("%d documents from %s", len(entries), what)
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store %s: %w", what, err)
	}
	defer tx.Rollback()
	dropping, err := s.beforeStore(ctx, tx, len(entries))
	if err != nil {
		return fmt.Errorf("store %s: %w", what, err)
	}
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return fmt.Errorf("store %s: %w", what, err)
	}
	defer w.close()
	for _, e := range entries {
		if err := w.put(ctx, e.Document, e.Figures); err != nil {
			return fmt.Errorf("store %s: %w", e.Document.Address, err)
		}
	}
	if testHookBeforeCommit != nil {
		for _, e := range entries {
			testHookBeforeCommit(e.Document)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store %s: commit: %w", what, err)
	}
	s.afterStore(len(entries), dropping)
	return nil
}

// testHookBeforeCommit, when set by a test, runs for each document inside
// PutAll's transaction just before it commits: the moment a crash would
// hurt most.
var testHookBeforeCommit func(Document)

// writer holds the statements that store documents, prepared once for a
// transaction's many documents.
type writer struct {
	document, text, deleteFigures, figure, packed *sql.Stmt
}

func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&w.document, `
INSERT INTO documents (source, address, title, borough, board, ward, content_type, content_hash,
	stamp, fetched_at, meeting_date, date_from, parser_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (source, address) DO UPDATE SET
	title = excluded.title, borough = excluded.borough, board = excluded.board, ward = excluded.ward,
	content_type = excluded.content_type, content_hash = excluded.content_hash,
	stamp = excluded.stamp, fetched_at = excluded.fetched_at,
	meeting_date = excluded.meeting_date, date_from = excluded.date_from,
	parser_version = excluded.parser_version, withdrawn_at = 0
RETURNING id`},
		{&w.text, `INSERT INTO document_texts (document_id, text) VALUES (?, ?)
ON CONFLICT (document_id) DO UPDATE SET text = excluded.text`},
		{&w.deleteFigures, "DELETE FROM figures WHERE document_id = ?"},
		{&w.figure, `
INSERT INTO figures (document_id, seq, area, category, measure, value, period, quote, start, "end",
	period_start, period_end, rule)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.packed, `INSERT INTO packed_figures (document_id, figures) VALUES (?, ?)
ON CONFLICT (document_id) DO UPDATE SET figures = excluded.figures`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.query)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	return w, nil
}

func (w *writer) close() {
	for _, stmt := range []*sql.Stmt{w.document, w.text, w.deleteFigures, w.figure, w.packed} {
		if stmt != nil {
			stmt.Close()
		}
	}
}

// put stores d, its text and its figures.
func (w *writer) put(ctx context.Context, d Document, figs []parser.Figure) error {
	var id int64
	err := w.document.QueryRowContext(ctx, d.Source, d.Address, d.Title, d.Borough, d.Board, d.Ward,
		d.ContentType, d.ContentHash, d.Stamp, d.FetchedAt.Unix(), d.MeetingDate.Format(dateLayout),
		d.DateFrom, d.ParserVersion).Scan(&id)
	if err != nil {
		return err
	}
	if _, err := w.text.ExecContext(ctx, id, d.Text); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	return w.replaceFigures(ctx, id, figs)
}

// replaceFigures replaces the figures of the document id with figs, and
// their packed copy.
func (w *writer) replaceFigures(ctx context.Context, id int64, figs []parser.Figure) error {
	if _, err := w.deleteFigures.ExecContext(ctx, id); err != nil {
		return fmt.Errorf("delete figures: %w", err)
	}
	for i, f := range figs {
		if _, err := w.figure.ExecContext(ctx, id, i, f.Area, f.Category, string(f.Measure),
			f.Value, f.Period, f.Quote, f.Start, f.End, f.PeriodStart, f.PeriodEnd, f.Rule); err != nil {
			return fmt.Errorf("insert figure %d: %w", i, err)
		}
	}
	if _, err := w.packed.ExecContext(ctx, id, packFigures(figs)); err != nil {
		return fmt.Errorf("pack figures: %w", err)
	}
	return nil
}

// Stamps returns the stamp of every stored document of a source, by
// address, so that a refresh can tell which documents changed.
func (s *Store) Stamps(ctx context.Context, source string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT address, stamp FROM documents WHERE source = ?", source)
	if err != nil {
		return nil, fmt.Errorf("read stamps of %s: %w", source, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var a, st string
		if err := rows.Scan(&a, &st); err != nil {
			return nil, fmt.Errorf("read stamps of %s: %w", source, err)
		}
		out[a] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read stamps of %s: %w", source, err)
	}
	return out, nil
}

// DocumentFilter selects documents; a zero field selects all.
type DocumentFilter struct {
	// Sources and Boroughs select the documents with any of their values.
	Sources  []string
	Boroughs []string
	// From and To bound the meeting date, both inclusive.
	From, To time.Time
	// After, when set, selects only the documents that come after it in
	// the order Documents returns them.
	After *DocumentKey
	// Limit, when positive, returns at most that many documents.
	Limit int
}

// DocumentKey is a document's place in the order Documents returns them.
type DocumentKey struct {
	MeetingDate     time.Time
	Source, Address string
}

// Key returns d's place in the order Documents returns them.
func (d Document) Key() DocumentKey {
	return DocumentKey{MeetingDate: d.MeetingDate, Source: d.Source, Address: d.Address}
}

// ErrNoDocument is returned by DocumentKeyOf for an id the store does not
// hold.
var ErrNoDocument = errors.New("no such document")

// DocumentKeyOf returns the place of the document with that id in the
// order Documents returns them, so that a caller can name a place in that
// order by id alone, and not by an address that may hold credentials.
func (s *Store) DocumentKeyOf(ctx context.Context, id int64) (DocumentKey, error) {
	var k DocumentKey
	var meeting string
	err := s.db.QueryRowContext(ctx, "SELECT meeting_date, source, address FROM documents WHERE id = ?", id).
		Scan(&meeting, &k.Source, &k.Address)
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("document %d: %w", id, ErrNoDocument)
	}
	if err != nil {
		return k, fmt.Errorf("read document %d: %w", id, err)
	}
	if k.MeetingDate, err = time.Parse(dateLayout, meeting); err != nil {
		return k, fmt.Errorf("read document %d: meeting date: %w", id, err)
	}
	return k, nil
}

// Documents returns the stored documents that f selects, without their
// text, ordered by meeting date, source and address.
func (s *Store) Documents(ctx context.Context, f DocumentFilter) ([]Document, error) {
	var where []string
	var args []any
	for _, in := range []struct {
		column string
		values []string
	}{{"d.source", f.Sources}, {"d.borough", f.Boroughs}} {
		if c, a := oneOf(in.column, in.values); c != "" {
			where, args = append(where, c), append(args, a...)
		}
	}
	if !f.From.IsZero() {
		where, args = append(where, "d.meeting_date >= ?"), append(args, f.From.Format(dateLayout))
	}
	if !f.To.IsZero() {
		where, args = append(where, "d.meeting_date <= ?"), append(args, f.To.Format(dateLayout))
	}
	if a := f.After; a != nil {
		where = append(where, "(d.meeting_date, d.source, d.address) > (?, ?, ?)")
		args = append(args, a.MeetingDate.Format(dateLayout), a.Source, a.Address)
	}
	q := `SELECT d.id, d.source, d.address, d.title, d.borough, d.board, d.ward, d.content_type,
	d.content_hash, d.stamp, d.fetched_at, d.meeting_date, d.date_from, d.parser_version,
	(SELECT count(*) FROM figures f WHERE f.document_id = d.id), d.withdrawn_at
FROM documents d`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.meeting_date, d.source, d.address"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		var fetched, withdrawn int64
		var meeting string
		if err := rows.Scan(&d.ID, &d.Source, &d.Address, &d.Title, &d.Borough, &d.Board, &d.Ward,
			&d.ContentType, &d.ContentHash, &d.Stamp, &fetched, &meeting, &d.DateFrom,
			&d.ParserVersion, &d.Figures, &withdrawn); err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		d.FetchedAt = time.Unix(fetched, 0).UTC()
		if withdrawn != 0 {
			d.WithdrawnAt = time.Unix(withdrawn, 0).UTC()
		}
		if d.MeetingDate, err = time.Parse(dateLayout, meeting); err != nil {
			return nil, fmt.Errorf("read documents: %s: meeting date: %w", d.Address, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	return out, nil
}

// Stale returns the ids, in order, of the documents whose figures were
// read by a parser other than version: those to parse again.
func (s *Store) Stale(ctx context.Context, version string) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM documents WHERE parser_version <> ? ORDER BY id", version)
	if err != nil {
		return nil, fmt.Errorf("find documents to parse again: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("find documents to parse again: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find documents to parse again: %w", err)
	}
	return ids, nil
}

// Reading is a stored document as the parser reads it again: its text and
// the options it is parsed with.
type Reading struct {
	ID      int64
	Address string
	Text    string
	Options parser.Options
}

// Readings returns the documents of ids to parse again, in the order of
// ids; an id the store does not hold is left out.
func (s *Store) Readings(ctx context.Context, ids []int64) ([]Reading, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.address, t.text, d.borough, d.ward, d.meeting_date
FROM documents d JOIN document_texts t ON t.document_id = d.id
WHERE d.id IN (?`+strings.Repeat(", ?", len(ids)-1)+")", args...)
	if err != nil {
		return nil, fmt.Errorf("read documents to parse again: %w", err)
	}
	defer rows.Close()
	byID := make(map[int64]Reading, len(ids))
	for rows.Next() {
		var r Reading
		var meeting string
		if err := rows.Scan(&r.ID, &r.Address, &r.Text, &r.Options.Borough, &r.Options.Ward, &meeting); err != nil {
			return nil, fmt.Errorf("read documents to parse again: %w", err)
		}
		if r.Options.MeetingDate, err = time.Parse(dateLayout, meeting); err != nil {
			return nil, fmt.Errorf("parse again %s: meeting date: %w", r.Address, err)
		}
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read documents to parse again: %w", err)
	}
	out := make([]Reading, 0, len(byID))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// Refigured is a stored document's figures read again.
type Refigured struct {
	ID      int64
	Figures []parser.Figure
}

// SetFigures replaces the figures of each document of docs with its new
// ones, read by parser version, in one transaction: every document has
// its new figures or none does.
func (s *Store) SetFigures(ctx context.Context, version string, docs []Refigured) error {
	if len(docs) == 0 {
		return nil
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store figures parsed again: %w", err)
	}
	defer tx.Rollback()
	dropping, err := s.beforeStore(ctx, tx, len(docs))
	if err != nil {
		return fmt.Errorf("store figures parsed again: %w", err)
	}
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return fmt.Errorf("store figures parsed again: %w", err)
	}
	defer w.close()
	setVersion, err := tx.PrepareContext(ctx, "UPDATE documents SET parser_version = ? WHERE id = ?")
	if err != nil {
		return fmt.Errorf("store figures parsed again: %w", err)
	}
	defer setVersion.Close()
	for _, d := range docs {
		if err := w.replaceFigures(ctx, d.ID, d.Figures); err != nil {
			return fmt.Errorf("store figures parsed again of document %d: %w", d.ID, err)
		}
		if _, err := setVersion.ExecContext(ctx, version, d.ID); err != nil {
			return fmt.Errorf("store figures parsed again of document %d: %w", d.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store figures parsed again: commit: %w", err)
	}
	s.afterStore(len(docs), dropping)
	return nil
}

// Counts is how much a source has in the store, withdrawn documents left
// out.
type Counts struct {
	Documents int
	Figures   int
}

// Counts returns the documents and figures held for each source, not
// counting withdrawn documents.
func (s *Store) Counts(ctx context.Context) (map[string]Counts, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT d.source, count(DISTINCT d.id), count(f.seq)
FROM documents d LEFT JOIN figures f ON f.document_id = d.id
WHERE d.withdrawn_at = 0
GROUP BY d.source`)
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	defer rows.Close()
	out := map[string]Counts{}
	for rows.Next() {
		var src string
		var c Counts
		if err := rows.Scan(&src, &c.Documents, &c.Figures); err != nil {
			return nil, fmt.Errorf("count documents: %w", err)
		}
		out[src] = c
	}
	return out, rows.Err()
}

// SetCurrent says which documents source holds now: of its stored
// documents, those at addresses are in it (again, if they had been
// withdrawn), and the others are withdrawn at now, in one transaction.
// Nothing is deleted: a withdrawn document and its figures stay in the
// store for the API and backfill, and a later Put or SetCurrent that names
// it again puts it back. It returns the addresses it withdrew and those it
// put back, sorted.
func (s *Store) SetCurrent(ctx context.Context, source string, addresses []string, now time.Time) (withdrawn, restored []string, err error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("withdraw documents of %s: %w", source, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id, address, withdrawn_at FROM documents WHERE source = ? ORDER BY address", source)
	if err != nil {
		return nil, nil, fmt.Errorf("withdraw documents of %s: %w", source, err)
	}
	current := make(map[string]bool, len(addresses))
	for _, a := range addresses {
		current[a] = true
	}
	type change struct {
		id int64
		at int64
	}
	var changes []change
	for rows.Next() {
		var id, at int64
		var address string
		if err := rows.Scan(&id, &address, &at); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("withdraw documents of %s: %w", source, err)
		}
		switch {
		case current[address] && at != 0:
			changes = append(changes, change{id, 0})
			restored = append(restored, address)
		case !current[address] && at == 0:
			changes = append(changes, change{id, now.Unix()})
			withdrawn = append(withdrawn, address)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("withdraw documents of %s: %w", source, err)
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET withdrawn_at = ? WHERE id = ?", c.at, c.id); err != nil {
			return nil, nil, fmt.Errorf("withdraw documents of %s: %w", source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("withdraw documents of %s: commit: %w", source, err)
	}
	return withdrawn, restored, nil
}
