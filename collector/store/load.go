package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// seriesIndex makes the index of figures by series, which the API's
// filters by category, measure or area read.
const seriesIndex = `CREATE INDEX IF NOT EXISTS figures_series ON figures (category, measure, area)`

// A load is a run of writes that may store many documents: a refresh, or
// the parse of every stored document again under a new parser. Once a
// load has stored many documents (loadDocuments, or a fifth of those the
// store held when it began, whichever is more), the first transaction
// that would take it past them drops the figures' series index, and the
// load's end makes it again, sorted once. Kept entry by entry instead,
// the index costs every transaction a write of most of its pages, over
// which its figures fall: a quarter of the time of storing 10,000
// documents into an empty store (BenchmarkRefresh10000), where the same
// documents stored ten times as many to a transaction cost barely more
// than with no index at all. A load of a few documents never drops it.
// While it is dropped, until the whole load ends, the store answers every
// query as before, those filtered by series more slowly, reading every
// figure.
//
// A crash between the drop and the end leaves every committed document
// whole and the index missing: Open makes it again once the store is
// checked, and the end of the next load makes it in any case. (A store
// opened by a second process, backfill beside a serving exporter, makes a
// missing index at Open too, in the middle of the other's load: that load
// then keeps the index as if it had not dropped it.)
type load struct {
	mu     sync.Mutex
	active bool
	// stored counts the documents stored since the load began, due how
	// many are stored before the index is dropped.
	stored, due int
	dropped     bool
}

// loadDocuments is the fewest documents a load stores with the series
// index kept: past them, and past a fifth of what the store held, making
// it again at the end costs less than keeping it through the load's
// remaining transactions. (Making it again sorts every figure: about
// 0.2 s for 80,000; keeping it through a transaction of 100 documents
// costs 10 ms or more, the more the larger the store.) A variable, for
// the tests.
var loadDocuments = 1000

// StartLoad begins a load (see load): the writes until end may drop the
// figures' series index, and end makes it again. Only one load runs at a
// time. end must be called, whatever the writes did; it returns an error
// if the index could not be made again, and does nothing when called
// again.
func (s *Store) StartLoad(ctx context.Context) (end func(context.Context) error, err error) {
	var held int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&held); err != nil {
		return nil, fmt.Errorf("start a load: %w", err)
	}
	l := &s.load
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.active {
		return nil, errors.New("start a load: a load is already running")
	}
	l.active, l.stored, l.due, l.dropped = true, 0, max(loadDocuments, held/5), false
	var once sync.Once
	return func(ctx context.Context) (err error) {
		once.Do(func() { err = s.endLoad(ctx) })
		return err
	}, nil
}

// endLoad ends the load, making the series index again if it is missing:
// dropped by the load, or by one a crash ended. It never waits for Open's
// check of the store: until the check has passed nothing is written, so
// nothing was dropped, and Open makes a missing index itself; a store that
// failed the check is never written, and its writes said so.
func (s *Store) endLoad(ctx context.Context) error {
	l := &s.load
	l.mu.Lock()
	l.active = false
	l.mu.Unlock()
	select {
	case <-s.checked:
	default:
		return nil
	}
	if s.checkErr != nil {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, seriesIndex); err != nil {
		return fmt.Errorf("make the figures' series index again: %w", err)
	}
	return nil
}

// beforeStore runs in the transaction tx that stores n documents: it
// drops the series index if the load is due to. It reports whether it
// did, for afterStore.
func (s *Store) beforeStore(ctx context.Context, tx *sql.Tx, n int) (dropping bool, err error) {
	l := &s.load
	l.mu.Lock()
	due := l.active && !l.dropped && l.stored+n > l.due
	l.mu.Unlock()
	if !due {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS figures_series"); err != nil {
		return false, fmt.Errorf("drop the figures' series index for the load: %w", err)
	}
	return true, nil
}

// afterStore counts n documents stored by a transaction that committed,
// and whether it dropped the index.
func (s *Store) afterStore(n int, dropped bool) {
	l := &s.load
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.active {
		l.stored += n
		l.dropped = l.dropped || dropped
	}
}

// hasSeriesIndex reports whether the store holds the series index.
func (s *Store) hasSeriesIndex(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'figures_series'").Scan(&n)
	return n > 0, err
}

// restoreIndex makes the series index again if it is missing, as a crash
// in a load leaves it: looked for first, so that a start finding it, as
// most do, writes nothing.
func (s *Store) restoreIndex(ctx context.Context) error {
	if has, err := s.hasSeriesIndex(ctx); has || err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, seriesIndex)
	return err
}
