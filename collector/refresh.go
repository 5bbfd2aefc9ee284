package collector

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// ErrBusy is returned by Refresh when a refresh is already running.
var ErrBusy = errors.New("a refresh is already running")

// Refresh parses again the stored documents an older parser read, fetches
// every source, stores and parses the documents that changed, and swaps in
// a new snapshot. A source's failure is logged, marks it down and is
// returned among the others joined; it never stops the other sources, and
// the figures already stored stay served. A refresh started while one is
// running returns ErrBusy at once; a panic is recovered and returned.
func (c *Collector) Refresh(ctx context.Context) (err error) {
	if !c.running.CompareAndSwap(false, true) {
		c.mu.Lock()
		c.stats.skipped++
		c.mu.Unlock()
		c.log.Warn("refresh skipped: the previous one is still running")
		return ErrBusy
	}
	defer c.running.Store(false)
	start := c.opts.Now()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("refresh panicked: %v", r)
			c.log.Error("refresh panicked", "panic", r, "stack", string(debug.Stack()))
			c.mu.Lock()
			c.stats.panics++
			c.mu.Unlock()
		}
		end := c.opts.Now()
		c.mu.Lock()
		c.stats.refreshes++
		if err != nil {
			c.stats.failures++
		}
		c.stats.lastFailed = err != nil
		c.stats.lastDuration = end.Sub(start)
		c.stats.lastEnd = end
		c.mu.Unlock()
		// Whatever happened, serve what the store now holds.
		if serr := c.loadSnapshot(context.WithoutCancel(ctx)); serr != nil {
			c.log.Error("refresh: reload snapshot", "err", serr)
			err = errors.Join(err, serr)
		}
	}()

	n, err := c.store.Reparse(ctx, c.opts.ParserVersion, func(text string, opts parser.Options) []parser.Figure {
		figs, perr := c.parse(text, opts)
		if perr != nil {
			c.log.Error("parse again", "err", perr)
		}
		return figs
	})
	if err != nil {
		return fmt.Errorf("refresh: %w", err)
	}
	if n > 0 {
		c.log.Info("parsed stored documents again with a new parser", "documents", n, "parser_version", c.opts.ParserVersion)
	}

	c.mu.Lock()
	sources := c.sources
	c.mu.Unlock()
	var errs []error
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := c.refreshSource(ctx, s); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// refreshSource fetches one source and records its health.
func (c *Collector) refreshSource(ctx context.Context, s Named) error {
	name := s.Config.Name
	log := c.log.With("source_name", name)
	start := c.opts.Now()
	stamps, err := c.store.Stamps(ctx, name)
	if err != nil {
		return fmt.Errorf("source %s: %w", name, err)
	}
	var stored, unchanged int
	var docErrs []error
	fetchErr := s.Fetch(ctx, func(d source.Document) error {
		stamp := stampOf(d)
		if stamps[d.Address] == stamp {
			unchanged++
			return nil
		}
		err := c.storeDocument(ctx, d, stamp)
		var de docError
		if errors.As(err, &de) {
			log.Warn("skipping document", "address", d.Address, "err", err)
			docErrs = append(docErrs, err)
			return nil
		}
		if err != nil {
			return err // the store failed: stop this source
		}
		stored++
		return nil
	})
	err = errors.Join(fetchErr, errors.Join(docErrs...))
	end := c.opts.Now()

	c.mu.Lock()
	c.stats.parseErrors += len(docErrs)
	h := c.health[name]
	if h == nil {
		h = &sourceHealth{}
		c.health[name] = h
	}
	h.up = err == nil
	h.duration = end.Sub(start)
	h.unchanged = unchanged
	if err == nil {
		h.lastSuccess = end
	}
	c.mu.Unlock()

	if err != nil {
		log.Error("refresh failed; serving the figures already stored", "stored", stored, "unchanged", unchanged, "err", err)
		return fmt.Errorf("source %s: %w", name, err)
	}
	log.Info("refreshed", "stored", stored, "unchanged", unchanged, "duration", end.Sub(start))
	return nil
}

// docError is a problem with one document (unreadable, not text, a parser
// panic) rather than with the store.
type docError struct{ error }

func (e docError) Unwrap() error { return e.error }

// storeDocument turns d into text, fills in its borough and meeting date,
// parses it and stores it with its figures in one transaction.
func (c *Collector) storeDocument(ctx context.Context, d source.Document, stamp string) error {
	text, title, err := source.Text(d)
	if err != nil {
		return docError{err}
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
		return docError{fmt.Errorf("document %s: %w", d.Address, err)}
	}
	sum := sha256.Sum256(d.Body)
	return c.store.Put(ctx, store.Document{
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
	}, figs)
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
