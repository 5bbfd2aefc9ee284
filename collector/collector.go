package collector

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// ParseFunc reads figures out of text; parser.Parse in production, a fake
// in tests.
type ParseFunc func(text string, opts parser.Options) []parser.Figure

// Options tune a Collector. Zero fields take defaults.
type Options struct {
	Logger *slog.Logger
	// Parse defaults to parser.Parse. A refresh calls it from several
	// goroutines at once.
	Parse ParseFunc
	// ParserVersion defaults to parser.Version.
	ParserVersion string
	// DetectBorough defaults to parser.DetectBorough.
	DetectBorough func(text string) string
	// Now defaults to time.Now.
	Now func() time.Time
}

// Collector refreshes the store from the configured sources and serves the
// latest figures as metrics. Scrapes read an immutable snapshot that each
// refresh swaps in, so a scrape never waits for, or sees half of, a refresh.
//
// It serves in two parts: as a prometheus.Collector, the self-metrics
// (register it), and through Gatherer, the figure families, which each
// snapshot holds ready-made.
type Collector struct {
	store *store.Store
	opts  Options
	log   *slog.Logger

	snap   atomic.Pointer[snapshot]
	snapMu sync.Mutex // held while a snapshot is built and swapped in
	// warmers are called with each snapshot swapped in, after the swap
	// and before the refresh that made it says it ended: the /metrics
	// handlers encode it then, so that no scrape waits for that. Guarded
	// by warmMu.
	warmMu  sync.Mutex
	warmers []func(*snapshot)
	// stored is what the store held when last read for a snapshot: the
	// figures of documents in their source, of every source, and the
	// counts. Guarded by snapMu. A change of sources builds the snapshot
	// again from it rather than reading the store again.
	stored  *storedFigures
	turn    chan struct{} // holds a token while a refresh is under way
	running atomic.Bool   // a refresh is under way

	mu      sync.Mutex // guards what follows
	sources []Named
	// configured names the sources, nil before SetSources is first called.
	configured map[string]bool
	health     map[string]*sourceHealth
	stats      refreshStats
}

// sourceHealth is how a source's latest refresh went.
type sourceHealth struct {
	up          bool
	lastSuccess time.Time
	duration    time.Duration
	unchanged   int // documents found unchanged in the latest refresh
}

// refreshStats counts refreshes over the process's life.
type refreshStats struct {
	refreshes    int
	failures     int // refreshes in which some source failed
	skipped      int // refreshes not started because one was running
	panics       int
	parseErrors  int // documents that could not be read or parsed
	lastDuration time.Duration
	lastEnd      time.Time
	lastFailed   bool // the latest refresh had errors
}

// New returns a Collector over st, serving at once the figures already
// stored, before any refresh. It fails for a store that fails its check
// (store.Verify), whose figures it has read beside the check.
func New(st *store.Store, opts Options) (*Collector, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Parse == nil {
		opts.Parse = parser.Parse
	}
	if opts.ParserVersion == "" {
		opts.ParserVersion = parser.Version
	}
	if opts.DetectBorough == nil {
		opts.DetectBorough = parser.DetectBorough
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	c := &Collector{store: st, opts: opts, log: opts.Logger, health: map[string]*sourceHealth{}, turn: make(chan struct{}, 1)}
	// The stored figures are read while the store is checked, and
	// served only from a store that passed: its check's error comes
	// first, the likelier cause of a read that failed.
	err := c.loadSnapshot(context.Background())
	if verr := st.Verify(context.Background()); verr != nil {
		return nil, verr
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// SetSources replaces the sources to refresh, as on a configuration
// reload, and serves at once only the figures of these sources, with the
// populations of their boroughs and of their configurations. A refresh
// under way finishes with the sources it started with. The snapshot is
// built from the figures last read from the store, which every refresh
// that changes the store reads again; the error is the store's, if they
// had to be read and could not be. The sources are set whatever it is.
func (c *Collector) SetSources(sources []Named) error {
	c.mu.Lock()
	c.sources = sources
	c.configured = map[string]bool{}
	for _, s := range sources {
		c.configured[s.Config.Name] = true
	}
	for name := range c.health {
		if !c.configured[name] {
			delete(c.health, name)
		}
	}
	c.mu.Unlock()
	c.snapMu.Lock()
	defer c.snapMu.Unlock()
	if c.stored == nil {
		return c.loadSnapshotLocked(context.Background())
	}
	c.swapSnapshot(c.stored)
	return nil
}

// storedFigures is what CurrentFigures read.
type storedFigures struct {
	figs   []store.Figure
	counts map[string]store.Counts
	// all is pickSeries of every one of figs, once needed: what a
	// snapshot serves when every source is configured, as at a start.
	all *pickedSeries
}

// pickedSeries is what pickSeries returns.
type pickedSeries struct {
	series  []served
	dropped map[string]int
}

// loadSnapshot builds the snapshot from the store and swaps it in: the
// figures of documents still in their sources, of the configured sources
// (of every source before SetSources is first called).
func (c *Collector) loadSnapshot(ctx context.Context) error {
	// One at a time, so that the snapshot served last is the one built
	// from the latest sources and store.
	c.snapMu.Lock()
	defer c.snapMu.Unlock()
	return c.loadSnapshotLocked(ctx)
}

// loadSnapshotLocked is loadSnapshot, with snapMu held.
func (c *Collector) loadSnapshotLocked(ctx context.Context) error {
	figs, counts, err := c.store.CurrentFigures(ctx)
	if err != nil {
		return fmt.Errorf("load snapshot: %w", err)
	}
	c.stored = &storedFigures{figs: figs, counts: counts}
	c.swapSnapshot(c.stored)
	return nil
}

// swapSnapshot builds the snapshot of the configured sources' figures
// among st and swaps it in. The caller holds snapMu.
func (c *Collector) swapSnapshot(st *storedFigures) {
	figs, counts := st.figs, st.counts
	c.mu.Lock()
	configured := c.configured
	c.mu.Unlock()
	kept := figs
	if configured != nil {
		kept = make([]store.Figure, 0, len(figs))
		for _, f := range figs {
			if configured[f.Source] {
				kept = append(kept, f)
			}
		}
	}
	var picked pickedSeries
	if len(kept) == len(figs) {
		// Every figure is kept: the series are those of all figures,
		// picked once for the store as read, however many times the
		// sources change.
		if st.all == nil {
			ss, dropped := pickSeries(figs)
			st.all = &pickedSeries{ss, dropped}
		}
		picked = *st.all
	} else {
		picked.series, picked.dropped = pickSeries(kept)
	}
	snap := c.newSnapshot(picked.series, picked.dropped, counts)
	if testHookBeforeSwap != nil {
		testHookBeforeSwap()
	}
	c.snap.Store(snap)
	c.warmMu.Lock()
	warmers := c.warmers
	c.warmMu.Unlock()
	for _, warm := range warmers {
		warm(snap)
	}
}

// onSwap adds warm to what each snapshot swapped in is handed to.
func (c *Collector) onSwap(warm func(*snapshot)) {
	c.warmMu.Lock()
	defer c.warmMu.Unlock()
	c.warmers = append(c.warmers, warm)
}

// newSnapshot renders ss with the populations of their boroughs and of
// the sources', logging the boroughs whose population is not known. The
// caller holds snapMu.
func (c *Collector) newSnapshot(ss []served, dropped map[string]int, counts map[string]store.Counts) *snapshot {
	c.mu.Lock()
	configs := make([]source.Config, len(c.sources))
	for i, s := range c.sources {
		configs[i] = s.Config
	}
	c.mu.Unlock()
	boroughs := make([]string, len(ss))
	for i, x := range ss {
		boroughs[i] = x.borough
	}
	residents, unpeopled := residentsOf(boroughs, configs)
	for _, b := range unpeopled {
		c.log.Warn("no population for borough, so no rates per 1,000 residents: it is no district of England and Wales the Census file names; give its source a population:",
			"borough", b)
	}
	return newSnapshot(ss, dropped, counts, residents, unpeopled)
}

// Namespace starts the name of every self-metric. It is not the
// program's name, minutes_exporter: linters (promtool check metrics) read a
// "minutes" between underscores as a unit of time and ask for seconds.
const Namespace = "minutesexporter"

// testHookBeforeSwap, when set by a test, runs once a new snapshot is
// built and just before it is swapped in.
var testHookBeforeSwap func()

// Self-metrics.
var (
	sourceUpDesc = prometheus.NewDesc("minutesexporter_source_up",
		"Whether the latest refresh of the source got every document (1) or not (0).", []string{"source"}, nil)
	sourceLastSuccessDesc = prometheus.NewDesc("minutesexporter_source_last_success_timestamp_seconds",
		"When the latest refresh of the source that got every document ended.", []string{"source"}, nil)
	sourceDurationDesc = prometheus.NewDesc("minutesexporter_source_refresh_duration_seconds",
		"How long the latest refresh of the source took.", []string{"source"}, nil)
	documentsDesc = prometheus.NewDesc("minutesexporter_documents",
		"Documents held in the store and still in their source.", []string{"source"}, nil)
	figuresDesc = prometheus.NewDesc("minutesexporter_figures",
		"Figures held in the store of documents still in their source.", []string{"source"}, nil)
	seriesDesc = prometheus.NewDesc("minutesexporter_series",
		"Series served under community_safety_, one per family and label set.", nil, nil)
	droppedDesc = prometheus.NewDesc("minutesexporter_figures_not_served",
		"Stored figures that serve no series because a label value was refused.", []string{"reason"}, nil)
	refreshesDesc = prometheus.NewDesc("minutesexporter_refreshes_total",
		"Refreshes run.", nil, nil)
	refreshErrorsDesc = prometheus.NewDesc("minutesexporter_refresh_errors_total",
		"Refreshes in which a source failed or that panicked.", nil, nil)
	refreshSkippedDesc = prometheus.NewDesc("minutesexporter_refreshes_skipped_total",
		"Refreshes not started because the previous one was still running.", nil, nil)
	refreshPanicsDesc = prometheus.NewDesc("minutesexporter_refresh_panics_total",
		"Refreshes that panicked and were recovered.", nil, nil)
	parseErrorsDesc = prometheus.NewDesc("minutesexporter_parse_errors_total",
		"Documents that could not be turned into text or parsed.", nil, nil)
	refreshDurationDesc = prometheus.NewDesc("minutesexporter_refresh_duration_seconds",
		"How long the latest refresh took.", nil, nil)
	lastRefreshDesc = prometheus.NewDesc("minutesexporter_last_refresh_timestamp_seconds",
		"When the latest refresh ended.", nil, nil)
)

// Describe sends the descriptors of the self-metrics. The figure families
// are not the registry's: Gatherer serves them.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{sourceUpDesc, sourceLastSuccessDesc,
		sourceDurationDesc, documentsDesc, figuresDesc, seriesDesc, droppedDesc, refreshesDesc,
		refreshErrorsDesc, refreshSkippedDesc, refreshPanicsDesc, parseErrorsDesc,
		refreshDurationDesc, lastRefreshDesc} {
		ch <- d
	}
}

// Collect sends the self-metrics.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	snap := c.snap.Load()
	ch <- prometheus.MustNewConstMetric(seriesDesc, prometheus.GaugeValue, float64(len(snap.series)))
	// Every reason is served, a zero as much as any.
	for _, r := range series.Reasons() {
		ch <- prometheus.MustNewConstMetric(droppedDesc, prometheus.GaugeValue, float64(snap.dropped[r]), r)
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.sources {
		name := s.Config.Name
		n := snap.counts[name]
		ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.GaugeValue, float64(n.Documents), name)
		ch <- prometheus.MustNewConstMetric(figuresDesc, prometheus.GaugeValue, float64(n.Figures), name)
		h, ok := c.health[name]
		if !ok {
			continue // not tried yet: no health to report
		}
		ch <- prometheus.MustNewConstMetric(sourceUpDesc, prometheus.GaugeValue, boolFloat(h.up), name)
		ch <- prometheus.MustNewConstMetric(sourceDurationDesc, prometheus.GaugeValue, h.duration.Seconds(), name)
		if !h.lastSuccess.IsZero() {
			ch <- prometheus.MustNewConstMetric(sourceLastSuccessDesc, prometheus.GaugeValue,
				float64(h.lastSuccess.UnixMilli())/1e3, name)
		}
	}
	st := c.stats
	ch <- prometheus.MustNewConstMetric(refreshesDesc, prometheus.CounterValue, float64(st.refreshes))
	ch <- prometheus.MustNewConstMetric(refreshErrorsDesc, prometheus.CounterValue, float64(st.failures))
	ch <- prometheus.MustNewConstMetric(refreshSkippedDesc, prometheus.CounterValue, float64(st.skipped))
	ch <- prometheus.MustNewConstMetric(refreshPanicsDesc, prometheus.CounterValue, float64(st.panics))
	ch <- prometheus.MustNewConstMetric(parseErrorsDesc, prometheus.CounterValue, float64(st.parseErrors))
	if !st.lastEnd.IsZero() {
		ch <- prometheus.MustNewConstMetric(refreshDurationDesc, prometheus.GaugeValue, st.lastDuration.Seconds())
		ch <- prometheus.MustNewConstMetric(lastRefreshDesc, prometheus.GaugeValue, float64(st.lastEnd.UnixMilli())/1e3)
	}
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
