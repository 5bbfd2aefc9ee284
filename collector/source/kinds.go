package source

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
)

// Source fetches the documents of one configured source.
type Source interface {
	// Fetch calls emit once for each document it gets, in a stable order.
	// A document it cannot get is skipped and its error collected; Fetch
	// returns those errors joined (errors.Join) after trying every document,
	// so one bad page does not hide the others. An error from emit stops
	// the fetch and is returned as is.
	Fetch(ctx context.Context, emit func(Document) error) error
}

// Lister is a Source that can tell which documents it has now, by their
// addresses (a dir source's files, a urls source's configured addresses).
// The collector withdraws a stored document of the source that it no
// longer lists: it stops being served but stays in the store. A document
// that fails to fetch is still listed: a fault is not a deletion. A Source
// that cannot tell (a moderngov site lists meetings only between dates) is
// no Lister, and what it stored stays served while it is configured.
type Lister interface {
	// List returns the address of every document the source has now.
	// An error means it cannot tell; nothing is withdrawn then.
	List(ctx context.Context) ([]string, error)
}

// Env is what the exporter lends a source: a polite HTTP fetcher and a
// logger.
type Env struct {
	HTTP   *Fetcher
	Logger *slog.Logger
	// Stamps returns the stamps of the documents the store holds for a
	// source, by address (store.Store.Stamps fits), so that a source whose
	// site sends no validators can skip what is held. Nil: nothing is.
	Stamps func(ctx context.Context, source string) (map[string]string, error)
}

// NewFunc checks a source's configuration and returns the Source it
// describes. It must not do I/O: it also runs for --config.check.
type NewFunc func(cfg Config, env Env) (Source, error)

// Kinds maps each kind name of a source's configuration (its `kind:` field)
// to its constructor. A new kind lives in its own file and adds one line
// here, and its configuration section to Config.
var Kinds = map[string]NewFunc{
	"dir":       newDir,
	"urls":      newURLs,
	"moderngov": newModernGov,
}

// KindNames returns the names of Kinds, sorted, for error messages.
func KindNames() []string {
	names := make([]string, 0, len(Kinds))
	for k := range Kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// New returns the Source that cfg describes.
func New(cfg Config, env Env) (Source, error) {
	newFn, ok := Kinds[cfg.Kind]
	if !ok {
		return nil, fmt.Errorf("source %q: unknown kind %q (known: %v)", cfg.Name, cfg.Kind, KindNames())
	}
	if env.Logger == nil {
		env.Logger = slog.New(slog.DiscardHandler)
	}
	if env.HTTP == nil {
		env.HTTP = NewFetcher("")
	}
	s, err := newFn(cfg, env)
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", cfg.Name, err)
	}
	return s, nil
}
