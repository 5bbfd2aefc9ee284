package collector

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// ErrBusy is returned by Refresh when a refresh is already running.
var ErrBusy = errors.New("a refresh is already running")

// maxConcurrentSources bounds how many sources refresh at once: enough that
// a slow site holds up no other, few enough not to crowd the parser's cores
// and the store's one writer. Requests to one host go one at a time
// whatever the sources (see hostgate).
const maxConcurrentSources = 4

// Refresh parses again the stored documents an older parser read, fetches
// every source, stores and parses the documents that changed, and, if the
// store changed, swaps in a new snapshot. Sources are fetched concurrently, each within its
// Timeout. A source's failure is logged, marks it down and is returned
// among the others joined; it never stops the other sources, and the
// figures already stored stay served. A refresh started while one is
// running returns ErrBusy at once; a panic is recovered and returned.
func (c *Collector) Refresh(ctx context.Context) error {
	select {
	case c.turn <- struct{}{}:
	default:
		c.mu.Lock()
		c.stats.skipped++
		c.mu.Unlock()
		c.log.Warn("refresh skipped: the previous one is still running")
		return ErrBusy
	}
	return c.refresh(ctx, nil)
}

// RefreshSources is Refresh of the configured sources among names alone,
// as after a reload that added or changed them. Rather than skip, it waits
// for a refresh under way to end, or for ctx to.
func (c *Collector) RefreshSources(ctx context.Context, names []string) error {
	select {
	case c.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	only := make(map[string]bool, len(names))
	for _, n := range names {
		only[n] = true
	}
	return c.refresh(ctx, only)
}

// refresh is Refresh of the configured sources that only names, or of all
// when only is nil, once the caller has taken the turn.
func (c *Collector) refresh(ctx context.Context, only map[string]bool) (err error) {
	c.running.Store(true)
	defer func() { <-c.turn }()
	defer c.running.Store(false)
	start := c.opts.Now()
	var results []sourceResult
	reparsed := 0
	// loadEnded, once the refresh's writes are done, has the error of
	// the end of their load (below), which runs beside the snapshot's
	// reload; nil if no load was started.
	var loadEnded chan error
	defer func() {
		panicked := false
		changed := reparsed > 0
		for _, r := range results {
			panicked = panicked || r.panicked
			changed = changed || r.changed
		}
		if r := recover(); r != nil {
			err = fmt.Errorf("refresh panicked: %v", r)
			c.log.Error("refresh panicked", "panic", r, "stack", string(debug.Stack()))
			panicked = true
		}
		// Whatever happened, serve what the store now holds; only then
		// say that the refresh ended, so that nothing reading the health
		// and counters (healthcheck --refreshed) sees a refresh whose
		// figures are not served yet. A refresh that changed nothing in
		// the store keeps the snapshot it found, which still serves what
		// the store holds; after a panic, what changed is not known.
		if changed || panicked {
			if serr := c.loadSnapshot(context.WithoutCancel(ctx)); serr != nil {
				c.log.Error("refresh: reload snapshot", "err", serr)
				err = errors.Join(err, serr)
			}
		}
		if loadEnded != nil {
			if lerr := <-loadEnded; lerr != nil {
				c.log.Error("refresh: end the load", "err", lerr)
				err = errors.Join(err, fmt.Errorf("refresh: %w", lerr))
			}
		}
		end := c.opts.Now()
		c.mu.Lock()
		defer c.mu.Unlock()
		configured := map[string]bool{}
		for _, s := range c.sources {
			configured[s.Config.Name] = true
		}
		for _, r := range results {
			c.stats.parseErrors += r.parseErrors
			if !configured[r.name] {
				continue // removed from the configuration meanwhile
			}
			h := c.health[r.name]
			if h == nil {
				h = &sourceHealth{}
				c.health[r.name] = h
			}
			h.up, h.duration, h.unchanged = r.err == nil, r.duration, r.unchanged
			if r.err == nil {
				h.lastSuccess = r.end
			}
		}
		if panicked {
			c.stats.panics++
		}
		c.stats.refreshes++
		if err != nil {
			c.stats.failures++
		}
		c.stats.lastFailed = err != nil
		c.stats.lastDuration = end.Sub(start)
		c.stats.lastEnd = end
	}()

	// The refresh's writes are one load of the store, which may set an
	// index aside while it stores many documents (store.StartLoad). The
	// load ends once every write is done, whatever ended them, and makes
	// the index again while the snapshot is read (the deferred call
	// above, which waits for it before saying that the refresh ended):
	// the snapshot reads no index the load sets aside.
	endLoad, lerr := c.store.StartLoad(ctx)
	if lerr != nil {
		c.log.Warn("refresh: writes go on with every index kept", "err", lerr)
	}
	defer func() {
		if endLoad != nil {
			ended := make(chan error, 1)
			loadEnded = ended
			go func() { ended <- endLoad(context.WithoutCancel(ctx)) }()
		}
	}()

	reparsed, err = c.reparse(ctx)
	if reparsed > 0 {
		c.log.Info("parsed stored documents again with a new parser", "documents", reparsed, "parser_version", c.opts.ParserVersion)
	}
	if err != nil {
		return fmt.Errorf("refresh: %w", err)
	}

	c.mu.Lock()
	var sources []Named
	for _, s := range c.sources {
		if only == nil || only[s.Config.Name] {
			sources = append(sources, s)
		}
	}
	c.mu.Unlock()
	results = c.refreshSources(ctx, sources)
	var errs []error
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	return errors.Join(errs...)
}

// refreshSources refreshes sources, maxConcurrentSources at a time, and
// returns how each went, in their order.
func (c *Collector) refreshSources(ctx context.Context, sources []Named) []sourceResult {
	results := make([]sourceResult, len(sources))
	sem := make(chan struct{}, maxConcurrentSources)
	var wg sync.WaitGroup
	for i, s := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					c.log.Error("refresh of a source panicked", "source_name", s.Config.Name, "panic", r, "stack", string(debug.Stack()))
					results[i] = sourceResult{name: s.Config.Name, panicked: true, end: c.opts.Now(),
						err: fmt.Errorf("source %s: refresh panicked: %v", s.Config.Name, r)}
				}
			}()
			results[i] = c.refreshSource(ctx, s)
		}()
	}
	wg.Wait()
	return results
}

// sourceResult is how one source's refresh went. Refresh records it in the
// source's health once the refresh's snapshot is served.
type sourceResult struct {
	name        string
	err         error
	end         time.Time
	duration    time.Duration
	unchanged   int // documents found unchanged
	parseErrors int // documents that could not be read or parsed
	panicked    bool
	// changed is whether the refresh changed what the store holds of
	// the source.
	changed bool
}

// refreshSource fetches one source, within its Timeout.
func (c *Collector) refreshSource(parent context.Context, s Named) sourceResult {
	name := s.Config.Name
	log := c.log.With("source_name", name)
	start := c.opts.Now()
	res := sourceResult{name: name}
	ctx := parent
	if s.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(parent, s.Timeout,
			fmt.Errorf("stopped at its refresh_timeout of %v", s.Timeout))
		defer cancel()
	}
	stamps, err := c.store.Stamps(ctx, name)
	if err != nil {
		res.end = c.opts.Now()
		res.duration = res.end.Sub(start)
		res.err = fmt.Errorf("source %s: %w", name, err)
		return res
	}
	if l, ok := s.Source.(source.Lister); ok {
		res.changed = c.withdraw(ctx, log, name, l)
	}
	w := c.startWriter(ctx, log)
	fetchErr := func() error {
		// Whatever ends the fetch (a panic included), the documents
		// read before it are parsed and written before the source's
		// refresh ends.
		defer w.finish()
		return s.Fetch(ctx, func(d source.Document) error {
			if err := w.failure(); err != nil {
				return err // the store failed: stop this source
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			stamp := stampOf(d)
			if stamps[d.Address] == stamp {
				res.unchanged++
				return nil
			}
			w.parse.put(fetched{d, stamp})
			return nil
		})
	}()
	if err := w.failure(); err != nil && !errors.Is(fetchErr, err) {
		fetchErr = errors.Join(fetchErr, err)
	}
	stored, docErrs := w.stored, w.docErrs
	res.changed = res.changed || stored > 0
	err = errors.Join(fetchErr, errors.Join(docErrs...))
	if err != nil && parent.Err() == nil && ctx.Err() != nil {
		err = fmt.Errorf("%w: %w", context.Cause(ctx), err)
	}
	res.end = c.opts.Now()
	res.duration = res.end.Sub(start)
	res.parseErrors = len(docErrs)
	if err != nil {
		log.Error("refresh failed; serving the figures already stored", "stored", stored, "unchanged", res.unchanged, "err", err)
		res.err = fmt.Errorf("source %s: %w", name, err)
		return res
	}
	log.Info("refreshed", "stored", stored, "unchanged", res.unchanged, "duration", res.duration)
	return res
}

// withdraw withdraws the stored documents of a source that its listing no
// longer has, and puts back those it has again, and reports whether it
// did either. A listing that fails withdraws nothing: the fetch that
// follows reports the fault.
func (c *Collector) withdraw(ctx context.Context, log *slog.Logger, name string, l source.Lister) bool {
	addresses, err := l.List(ctx)
	if err != nil {
		log.Warn("cannot list the source's documents; none withdrawn", "err", err)
		return false
	}
	withdrawn, restored, err := c.store.SetCurrent(ctx, name, addresses, c.opts.Now())
	if err != nil {
		log.Error("withdraw documents no longer in the source", "err", err)
		return false
	}
	if len(withdrawn) > 0 {
		log.Info("documents no longer in the source withdrawn: kept in the store, no longer served",
			"count", len(withdrawn), "addresses", withdrawn)
	}
	if len(restored) > 0 {
		log.Info("documents back in the source served again", "count", len(restored), "addresses", restored)
	}
	return len(withdrawn) > 0 || len(restored) > 0
}

// docError is a problem with one document (unreadable, not text, a parser
// panic) rather than with the store.
type docError struct{ error }

func (e docError) Unwrap() error { return e.error }

// prepare is the parse stage's work on a document: it turns d into text,
// fills in its borough and meeting date, and parses it. A problem with the
// document is a docError.
func (c *Collector) prepare(f fetched) (_ store.Entry, err error) {
	d, stamp := f.doc, f.stamp
	defer func() {
		// A panic here is the document's (its text could not be read),
		// and must not end the process from a worker goroutine.
		if r := recover(); r != nil {
			err = docError{fmt.Errorf("document %s: panicked: %v", d.Address, r)}
		}
	}()
	text, title, err := source.Text(d)
	if err != nil {
		return store.Entry{}, docError{err}
	}
	if d.Title == "" {
		d.Title = title
	}
	borough := d.Borough
	if borough == "" {
		borough = c.opts.DetectBorough(text)
	}
	now := c.opts.Now()
	meeting, from := d.MeetingDate, d.DateFrom
	if meeting.IsZero() {
		meeting, from = headingDate(text), source.DateHeading
	}
	if meeting.IsZero() {
		meeting, from = d.ModTime, source.DateMtime
	}
	if meeting.IsZero() {
		meeting, from = now, source.DateFetched
	}
	meeting = time.Date(meeting.Year(), meeting.Month(), meeting.Day(), 0, 0, 0, 0, time.UTC)
	figs, err := c.parse(text, parser.Options{Borough: borough, Ward: d.Ward, MeetingDate: meeting})
	if err != nil {
		return store.Entry{}, docError{fmt.Errorf("document %s: %w", d.Address, err)}
	}
	sum := sha256.Sum256(d.Body)
	return store.Entry{Figures: figs, Document: store.Document{
		Source:        d.Source,
		Address:       d.Address,
		Title:         d.Title,
		Borough:       borough,
		Board:         d.Board,
		Ward:          d.Ward,
		ContentType:   d.ContentType,
		ContentHash:   hex.EncodeToString(sum[:]),
		Stamp:         stamp,
		FetchedAt:     now,
		MeetingDate:   meeting,
		DateFrom:      string(from),
		ParserVersion: c.opts.ParserVersion,
		Text:          text,
	}}, nil
}

// parse runs the parser, turning a panic into an error so that one
// document the parser cannot read does not stop the refresh.
func (c *Collector) parse(text string, opts parser.Options) (figs []parser.Figure, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser panicked: %v", r)
		}
	}()
	return c.opts.Parse(text, opts), nil
}

// stampOf digests a document's body and everything its source said about
// it. A document whose stamp is stored unchanged needs no work; one whose
// body, borough, board, ward, title, date or type changed is parsed again.
func stampOf(d source.Document) string {
	h := sha256.New()
	h.Write(d.Body)
	fields := []string{d.ContentType, d.Title, d.Borough, d.Board, string(d.DateFrom),
		d.MeetingDate.Format(time.DateOnly), d.ModTime.UTC().Format(time.RFC3339)}
	if d.Ward != "" {
		// Only when set, so that documents without a ward keep the
		// stamps stored before wards were.
		fields = append(fields, "ward", d.Ward)
	}
	for _, s := range fields {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fetched is a document the read stage found changed, with its stamp.
type fetched struct {
	doc   source.Document
	stamp string
}

// prepared is what the parse stage made of a fetched document: the entry
// to store, or the docError that skips it.
type prepared struct {
	address string
	entry   store.Entry
	err     error
}

// documentWriter is a source's parse and write stages (see pipeline.go):
// the read stage puts to parse each document that changed, and the
// writer stores them in order, many to a transaction.
type documentWriter struct {
	parse *inOrder[fetched, prepared]
	batch *batcher[prepared]
	done  chan struct{}
	// Once done is closed: the documents stored, and the problems of
	// those skipped, in the order they were read.
	stored  int
	docErrs []error
}

// startWriter starts the parse and write stages of a source's refresh.
// The writes go on after ctx ends: a document read before a refresh is
// stopped is stored, whole, and nothing read after it is.
func (c *Collector) startWriter(ctx context.Context, log *slog.Logger) *documentWriter {
	w := &documentWriter{done: make(chan struct{})}
	w.parse = newInOrder(func(f fetched) prepared {
		e, err := c.prepare(f)
		return prepared{f.doc.Address, e, err}
	})
	wctx := context.WithoutCancel(ctx)
	w.batch = &batcher[prepared]{
		size: func(p prepared) int { return len(p.entry.Document.Text) },
		flush: func(batch []prepared) error {
			entries := make([]store.Entry, 0, len(batch))
			var skipped []error
			for _, p := range batch {
				if p.err != nil {
					log.Warn("skipping document", "address", p.address, "err", p.err)
					skipped = append(skipped, p.err)
					continue
				}
				entries = append(entries, p.entry)
			}
			w.docErrs = append(w.docErrs, skipped...)
			if err := c.store.PutAll(wctx, entries); err != nil {
				return err
			}
			w.stored += len(entries)
			return nil
		},
	}
	go func() {
		defer close(w.done)
		w.batch.run(w.parse.results)
	}()
	return w
}

// failure returns the store's error, once a write has failed.
func (w *documentWriter) failure() error { return w.batch.failure() }

// finish says every document has been read, and waits until they are all
// stored.
func (w *documentWriter) finish() {
	w.parse.close()
	<-w.done
}

// reparse parses again, through the parse and write stages, the stored
// documents an older parser read, and stores their figures with the
// current parser's version, many documents to a transaction. It returns
// how many it stored. A document the parser cannot read keeps no figures.
func (c *Collector) reparse(ctx context.Context) (int, error) {
	version := c.opts.ParserVersion
	ids, err := c.store.Stale(ctx, version)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	parse := newInOrder(func(r store.Reading) store.Refigured {
		figs, err := c.parse(r.Text, r.Options)
		if err != nil {
			c.log.Error("parse again", "address", r.Address, "err", err)
		}
		return store.Refigured{ID: r.ID, Figures: figs}
	})
	stored := 0
	b := &batcher[store.Refigured]{
		size: func(store.Refigured) int { return 0 },
		flush: func(batch []store.Refigured) error {
			if err := c.store.SetFigures(ctx, version, batch); err != nil {
				return err
			}
			stored += len(batch)
			return nil
		},
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.run(parse.results)
	}()
	// The read stage: the texts, a batch's worth at a time.
	readErr := func() error {
		defer func() {
			parse.close()
			<-done
		}()
		for chunk := range slices.Chunk(ids, maxBatchDocuments) {
			if err := b.failure(); err != nil {
				return nil // reported below
			}
			readings, err := c.store.Readings(ctx, chunk)
			if err != nil {
				return err
			}
			for _, r := range readings {
				parse.put(r)
			}
		}
		return nil
	}()
	return stored, errors.Join(readErr, b.failure())
}
