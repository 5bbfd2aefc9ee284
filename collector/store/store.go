// Package store keeps documents of minutes and the figures read from them
// in one SQLite file (through modernc.org/sqlite, pure Go), so that the
// exporter serves what it has read before even after a restart, parses only
// what changed, and keeps years of history for the API and backfill.
//
// The schema is four tables, inspectable with any SQLite client:
//
//	documents(id, source, address, title, borough, board, content_type,
//	          content_hash, stamp, fetched_at, meeting_date, date_from,
//	          parser_version, ward, withdrawn_at)
//	                                     -- one row per (source, address)
//	document_texts(document_id, text)    -- the text the figures are read from
//	figures(document_id, seq, area, category, measure, value, period,
//	        quote, start, end, period_start,
//	        period_end, rule)            -- the parser's output, in order
//	packed_figures(document_id, figures) -- a copy of a document's figures,
//	                                        packed for the snapshot
//
// A document's text is kept apart from its metadata so that the reads
// that want only the metadata (every refresh's stamps, the snapshot at
// every start) never page through the texts. The snapshot served at
// every start reads each document's figures as one packed value (see
// packFigures), written with them in the same transaction, rather than
// as tens of thousands of rows.
//
// Documents are written many to a transaction, each together with all its
// figures, so that a crash mid-refresh (kill -9 included) leaves every
// document either as it was or whole as it was written, and loses nothing
// committed: the file is in write-ahead-log mode, where synchronous=NORMAL
// is durable across a crash of the process (only a loss of power can undo
// the last commits). Open refuses a file that is not a store rather than
// start empty over it.
//
// The figures are indexed by series (category, measure, area) for the
// API's filters. A refresh that stores many documents sets that index
// aside and makes it again, sorted once, at its end (StartLoad), which
// costs much less than keeping it entry by entry; a crash in between
// loses nothing, and the index is made again when the store is next
// opened.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the store's file name inside --storage.path.
const FileName = "minutes_exporter.db"

// schemaVersion is kept in PRAGMA user_version. Bump it with a migration
// when the schema changes.
const schemaVersion = 7

// migrations[v] takes a store of schema version v to v+1.
var migrations = map[int]string{
	// Version 2 keeps the ward a ward panel's minutes cover, so that they
	// are parsed again with it.
	1: `ALTER TABLE documents ADD COLUMN ward TEXT NOT NULL DEFAULT ''`,
	// Version 3 indexes documents in the order they are read, so that a
	// page of the API is read from where the last one ended, not by
	// sorting every figure again.
	2: `CREATE UNIQUE INDEX documents_order ON documents (meeting_date, source, address);
DROP INDEX IF EXISTS documents_meeting`,
	// Version 4 keeps the first and last days of a figure's period, which
	// the parser reads from the period's text. Every document is marked
	// for parsing again, so that the figures stored before gain them.
	3: `ALTER TABLE figures ADD COLUMN period_start TEXT NOT NULL DEFAULT '';
ALTER TABLE figures ADD COLUMN period_end TEXT NOT NULL DEFAULT '';
UPDATE documents SET parser_version = ''`,
	// Version 5 keeps the name of the parser rule that read each figure;
	// every document is parsed again to gain them.
	4: `ALTER TABLE figures ADD COLUMN rule TEXT NOT NULL DEFAULT '';
UPDATE documents SET parser_version = ''`,
	// Version 6 keeps when a document stopped being in its source (its
	// file deleted, its address taken out of the configuration), so that
	// it is no longer served but still there for the history.
	5: `ALTER TABLE documents ADD COLUMN withdrawn_at INTEGER NOT NULL DEFAULT 0`,
	// Version 7 keeps the texts apart from the documents' metadata: read
	// beside it, every read of a document's later columns paged through
	// its whole text. It keeps each document's figures packed too; the
	// documents stored before have none until they are stored or parsed
	// again, and CurrentFigures reads their figures' rows meanwhile.
	6: `CREATE TABLE document_texts (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	text        TEXT    NOT NULL
);
INSERT INTO document_texts (document_id, text) SELECT id, text FROM documents;
ALTER TABLE documents DROP COLUMN text;
CREATE TABLE packed_figures (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	figures     BLOB    NOT NULL
)`,
}

const schema = `
CREATE TABLE documents (
	id             INTEGER PRIMARY KEY,
	source         TEXT    NOT NULL,
	address        TEXT    NOT NULL,
	title          TEXT    NOT NULL DEFAULT '',
	borough        TEXT    NOT NULL DEFAULT '',
	board          TEXT    NOT NULL DEFAULT '',
	content_type   TEXT    NOT NULL DEFAULT '',
	content_hash   TEXT    NOT NULL,
	stamp          TEXT    NOT NULL,
	fetched_at     INTEGER NOT NULL, -- Unix seconds
	meeting_date   TEXT    NOT NULL, -- YYYY-MM-DD
	date_from      TEXT    NOT NULL,
	parser_version TEXT    NOT NULL,
	ward           TEXT    NOT NULL DEFAULT '',
	withdrawn_at   INTEGER NOT NULL DEFAULT 0, -- Unix seconds; 0 while in its source
	UNIQUE (source, address)
);
CREATE TABLE document_texts (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	text        TEXT    NOT NULL
);
CREATE TABLE packed_figures (
	document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
	figures     BLOB    NOT NULL -- see packFigures
);
CREATE TABLE figures (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL, -- order in the document, from 0
	area        TEXT    NOT NULL,
	category    TEXT    NOT NULL,
	measure     TEXT    NOT NULL,
	value       REAL    NOT NULL,
	period      TEXT    NOT NULL,
	quote       TEXT    NOT NULL,
	start       INTEGER NOT NULL,
	"end"       INTEGER NOT NULL,
	period_start TEXT   NOT NULL DEFAULT '', -- YYYY-MM-DD, or ''
	period_end   TEXT   NOT NULL DEFAULT '',
	rule         TEXT   NOT NULL DEFAULT '', -- the parser rule that read it
	PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX documents_order ON documents (meeting_date, source, address);
` + seriesIndex

// Store is an open store file. It is safe for concurrent use: reads go on
// while a refresh writes.
type Store struct {
	db   *sql.DB
	path string
	// checked is closed once the integrity check Open starts is done,
	// checkErr its error.
	checked  chan struct{}
	checkErr error
	// load is the run of writes in progress, if any (StartLoad).
	load load
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the store file at path, creating it when it does not exist.
// A file that exists but is not a store (not SQLite, another program's
// database, or written by a newer exporter) is an error naming the file;
// Open never replaces it. A store is checked whole (SQLite's quick_check,
// which reads every page) beside the first reads of it: Verify waits for
// the check and returns its error, which names the file, and no write
// starts before the check has passed. A store to be created or migrated
// is checked before Open returns.
func Open(path string) (*Store, error) {
	if err := checkHeader(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_txlock=immediate&_pragma=busy_timeout(10000)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)" +
		// A larger page cache (in KiB) than the default 2 MiB, so that a
		// refresh's batches and the snapshot's reads stay in memory.
		"&_pragma=cache_size(-32768)" +
		// Large pages for a new file (an existing one keeps its own):
		// the store is mostly texts of tens of kilobytes, which take
		// fewer pages to write, read and check (Open's quick_check reads
		// every page) the larger the pages are.
		"&_pragma=page_size(65536)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, checked: make(chan struct{})}
	if err := s.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// checkHeader fails for an existing, non-empty file that is not SQLite, so
// that SQLite never gets to treat it as anything else.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil // an empty file is a new database
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read: %w", err)
	}
	if !bytes.Equal(head[:n], sqliteMagic) {
		return errors.New("not an SQLite database (move it away or point --storage.path elsewhere)")
	}
	return nil
}

// init checks the database is ours, and whole before it is written:
// a store of this exporter's schema is checked beside the reads that
// follow Open (see Verify), one to create or migrate before that.
func (s *Store) init() error {
	ctx := context.Background()
	var version, tables int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&tables); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	switch {
	case version == schemaVersion:
		if err := s.useWAL(ctx); err != nil {
			return err
		}
		go func() {
			defer close(s.checked)
			s.checkErr = s.quickCheck(ctx)
			if s.checkErr == nil {
				// A load a crash ended (or another process's, still
				// running) may have left the series index dropped: made
				// again before any write. If it cannot be made now, the
				// next load's end makes it.
				_ = s.restoreIndex(ctx)
			}
		}()
		return nil
	case version > schemaVersion:
		return fmt.Errorf("schema version %d is newer than this exporter's %d", version, schemaVersion)
	case version == 0 && tables > 0:
		return errors.New("the database is not a minutes_exporter store")
	}
	s.checkErr = s.quickCheck(ctx)
	close(s.checked)
	if s.checkErr != nil {
		return s.checkErr
	}
	if version == 0 {
		if err := s.apply(ctx, "create schema", schema); err != nil {
			return err
		}
		return s.useWAL(ctx)
	}
	for v := version; v < schemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("schema version %d is not supported", version)
		}
		if err := s.apply(ctx, fmt.Sprintf("migrate schema from version %d", v), m); err != nil {
			return err
		}
	}
	return s.useWAL(ctx)
}

// quickCheck runs SQLite's quick_check over the whole file, for Verify.
func (s *Store) quickCheck(ctx context.Context) error {
	// A store that is whole gives one row, "ok"; one that is not, a row
	// for each of its first problems, under a heading.
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(4)")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var result string
		if err := rows.Scan(&result); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if result != "ok" {
			problems = append(problems, result)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Verify waits for the check of the whole file that Open started and
// returns its error, naming the file: a store that fails it is corrupt,
// and is never written. A server verifies its store before it serves what
// it read from it.
func (s *Store) Verify(ctx context.Context) error {
	select {
	case <-s.checked:
	case <-ctx.Done():
		return ctx.Err()
	}
	if s.checkErr != nil {
		return fmt.Errorf("open store %s: %w", s.path, s.checkErr)
	}
	return nil
}

// begin starts a transaction that writes, once the store is verified.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	if err := s.Verify(ctx); err != nil {
		return nil, err
	}
	return s.db.BeginTx(ctx, nil)
}

// apply runs sql and moves the schema version to the next, or to
// schemaVersion for a new store, in one transaction.
func (s *Store) apply(ctx context.Context, what, sql string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	next := version + 1
	if version == 0 {
		next = schemaVersion
	}
	if _, err := tx.ExecContext(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", next)); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// useWAL switches the file to write-ahead logging, so that scrapes and API
// reads go on while a refresh writes. It changes the file, so it runs only
// once the file is known to be a store.
func (s *Store) useWAL(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		return fmt.Errorf("set journal mode: %w", err)
	}
	return nil
}

// Path returns the store's file name.
func (s *Store) Path() string { return s.path }

// Close closes the store, once the check Open started is done.
func (s *Store) Close() error {
	<-s.checked
	return s.db.Close()
}
