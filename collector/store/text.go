package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Texts returns the text of each stored document of ids, by id: what the
// figures' offsets point into. An id the store does not hold is left out.
func (s *Store) Texts(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, "SELECT document_id, text FROM document_texts WHERE document_id IN (?"+strings.Repeat(", ?", len(ids)-1)+")", args...)
	if err != nil {
		return nil, fmt.Errorf("read texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, fmt.Errorf("read texts: %w", err)
		}
		out[id] = text
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read texts: %w", err)
	}
	return out, nil
}

// DocumentByID returns the stored document with that id, its text, figure
// count and withdrawal included; an id the store does not hold is
// ErrNoDocument.
func (s *Store) DocumentByID(ctx context.Context, id int64) (Document, error) {
	var d Document
	var fetched, withdrawn int64
	var meeting string
	err := s.db.QueryRowContext(ctx, `SELECT d.id, d.source, d.address, d.title, d.borough, d.board, d.ward,
	d.content_type, d.content_hash, d.stamp, d.fetched_at, d.meeting_date, d.date_from, d.parser_version,
	coalesce((SELECT t.text FROM document_texts t WHERE t.document_id = d.id), ''),
	(SELECT count(*) FROM figures f WHERE f.document_id = d.id), d.withdrawn_at
FROM documents d WHERE d.id = ?`, id).Scan(&d.ID, &d.Source, &d.Address, &d.Title, &d.Borough, &d.Board, &d.Ward,
		&d.ContentType, &d.ContentHash, &d.Stamp, &fetched, &meeting, &d.DateFrom, &d.ParserVersion, &d.Text, &d.Figures, &withdrawn)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %d: %w", id, ErrNoDocument)
	}
	if err != nil {
		return d, fmt.Errorf("read document %d: %w", id, err)
	}
	d.FetchedAt = time.Unix(fetched, 0).UTC()
	if withdrawn != 0 {
		d.WithdrawnAt = time.Unix(withdrawn, 0).UTC()
	}
	if d.MeetingDate, err = time.Parse(dateLayout, meeting); err != nil {
		return d, fmt.Errorf("read document %d: meeting date: %w", id, err)
	}
	return d, nil
}
