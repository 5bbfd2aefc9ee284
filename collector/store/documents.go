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

// Put stores d and its figures in one transaction, replacing any earlier
// version of the document (same source and address) and its figures. The
// document is in its source again if it had been withdrawn.
func (s *Store) Put(ctx context.Context, d Document, figs []parser.Figure) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store %s: %w", d.Address, err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, `
INSERT INTO documents (source, address, title, borough, board, ward, content_type, content_hash,
	stamp, fetched_at, meeting_date, date_from, parser_version, text)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (source, address) DO UPDATE SET
	title = excluded.title, borough = excluded.borough, board = excluded.board, ward = excluded.ward,
	content_type = excluded.content_type, content_hash = excluded.content_hash,
	stamp = excluded.stamp, fetched_at = excluded.fetched_at,
	meeting_date = excluded.meeting_date, date_from = excluded.date_from,
	parser_version = excluded.parser_version, text = excluded.text, withdrawn_at = 0
RETURNING id`,
		d.Source, d.Address, d.Title, d.Borough, d.Board, d.Ward, d.ContentType, d.ContentHash,
		d.Stamp, d.FetchedAt.Unix(), d.MeetingDate.Format(dateLayout), d.DateFrom,
		d.ParserVersion, d.Text).Scan(&id)
	if err != nil {
		return fmt.Errorf("store %s: %w", d.Address, err)
	}
	if err := replaceFigures(ctx, tx, id, figs); err != nil {
		return fmt.Errorf("store %s: %w", d.Address, err)
	}
	if testHookBeforeCommit != nil {
		testHookBeforeCommit(d)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store %s: commit: %w", d.Address, err)
	}
	return nil
}

// testHookBeforeCommit, when set by a test, runs inside Put's transaction
// just before it commits: the moment a crash would hurt most.
var testHookBeforeCommit func(Document)

func replaceFigures(ctx context.Context, tx *sql.Tx, id int64, figs []parser.Figure) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM figures WHERE document_id = ?", id); err != nil {
		return fmt.Errorf("delete figures: %w", err)
	}
	if len(figs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `
INSERT INTO figures (document_id, seq, area, category, measure, value, period, quote, start, "end",
	period_start, period_end, rule)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("insert figures: %w", err)
	}
	defer stmt.Close()
	for i, f := range figs {
		if _, err := stmt.ExecContext(ctx, id, i, f.Area, f.Category, string(f.Measure),
			f.Value, f.Period, f.Quote, f.Start, f.End, f.PeriodStart, f.PeriodEnd, f.Rule); err != nil {
			return fmt.Errorf("insert figure %d: %w", i, err)
		}
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

// ParseFunc reads the figures of a stored document's text, with its
// borough, ward and meeting date as the parser's options.
type ParseFunc func(text string, opts parser.Options) []parser.Figure

// Reparse parses again, with parse, the text of every document whose
// parser version is not version, and stores the new figures with version,
// one transaction per document. It returns how many documents it parsed.
func (s *Store) Reparse(ctx context.Context, version string, parse ParseFunc) (int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM documents WHERE parser_version <> ? ORDER BY id", version)
	if err != nil {
		return 0, fmt.Errorf("find documents to parse again: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("find documents to parse again: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("find documents to parse again: %w", err)
	}
	for i, id := range ids {
		if err := s.reparse(ctx, id, version, parse); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

func (s *Store) reparse(ctx context.Context, id int64, version string, parse ParseFunc) error {
	var address, text, meeting string
	var opts parser.Options
	err := s.db.QueryRowContext(ctx, "SELECT address, text, borough, ward, meeting_date FROM documents WHERE id = ?", id).
		Scan(&address, &text, &opts.Borough, &opts.Ward, &meeting)
	if err != nil {
		return fmt.Errorf("parse again document %d: %w", id, err)
	}
	if opts.MeetingDate, err = time.Parse(dateLayout, meeting); err != nil {
		return fmt.Errorf("parse again %s: meeting date: %w", address, err)
	}
	figs := parse(text, opts)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("parse again %s: %w", address, err)
	}
	defer tx.Rollback()
	if err := replaceFigures(ctx, tx, id, figs); err != nil {
		return fmt.Errorf("parse again %s: %w", address, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE documents SET parser_version = ? WHERE id = ?", version, id); err != nil {
		return fmt.Errorf("parse again %s: %w", address, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("parse again %s: %w", address, err)
	}
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
	tx, err := s.db.BeginTx(ctx, nil)
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
