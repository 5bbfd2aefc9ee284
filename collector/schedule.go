package collector

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Scheduler runs a Collector's refreshes on a cron schedule in a time
// zone. A refresh still running when the next is due makes that one skip
// (Refresh returns ErrBusy and counts it), never overlap.
type Scheduler struct {
	c   *Collector
	log *slog.Logger
	ctx context.Context

	wg sync.WaitGroup // refreshes under way

	mu   sync.Mutex
	cron *cron.Cron
	spec string
	loc  *time.Location
	// pending names the sources RefreshSources was asked for and that no
	// refresh has started on yet; draining says a goroutine is at them.
	pending  map[string]bool
	draining bool
	stopped  bool
}

// NewScheduler returns a stopped Scheduler of c. Refreshes it starts run
// under ctx, so cancelling ctx stops them.
func NewScheduler(ctx context.Context, c *Collector, logger *slog.Logger) *Scheduler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{c: c, log: logger, ctx: ctx}
}

// Set starts refreshing on spec in loc, replacing any earlier schedule. A
// refresh under way is not interrupted.
func (s *Scheduler) Set(spec string, loc *time.Location) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil && spec == s.spec && loc.String() == s.loc.String() {
		return nil
	}
	sched, err := parseSchedule(spec)
	if err != nil {
		return err
	}
	c := cron.New(cron.WithLocation(loc), cron.WithParser(cronParser))
	c.Schedule(sched, cron.FuncJob(s.RunOnce))
	if s.cron != nil {
		s.cron.Stop()
	}
	c.Start()
	s.cron, s.spec, s.loc = c, spec, loc
	s.log.Info("refresh scheduled", "schedule", spec, "time_zone", loc.String(), "next", c.Entries()[0].Next)
	return nil
}

// RunOnce runs one refresh now and logs how it went.
func (s *Scheduler) RunOnce() {
	s.wg.Add(1)
	defer s.wg.Done()
	start := time.Now()
	err := s.c.Refresh(s.ctx)
	switch {
	case errors.Is(err, ErrBusy):
	case err != nil:
		s.log.Error("refresh finished with errors", "duration", time.Since(start), "err", err)
	default:
		s.log.Info("refresh finished", "duration", time.Since(start))
	}
}

// RefreshSources refreshes the named sources soon, in the background, as
// after a reload added or changed them: at once, or as soon as the refresh
// under way ends. Sources asked for again before their refresh starts are
// refreshed once.
func (s *Scheduler) RefreshSources(names []string) {
	if len(names) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	if s.pending == nil {
		s.pending = map[string]bool{}
	}
	for _, n := range names {
		s.pending[n] = true
	}
	if s.draining {
		return
	}
	s.draining = true
	s.wg.Add(1)
	go s.drain()
}

// drain refreshes the pending sources until none are left.
func (s *Scheduler) drain() {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if len(s.pending) == 0 || s.stopped || s.ctx.Err() != nil {
			s.draining = false
			s.mu.Unlock()
			return
		}
		names := make([]string, 0, len(s.pending))
		for n := range s.pending {
			names = append(names, n)
		}
		s.pending = nil
		s.mu.Unlock()
		slices.Sort(names)
		start := time.Now()
		s.log.Info("refreshing new or changed sources", "sources", names)
		if err := s.c.RefreshSources(s.ctx, names); err != nil {
			s.log.Error("refresh of new or changed sources finished with errors", "sources", names, "duration", time.Since(start), "err", err)
		} else {
			s.log.Info("refresh of new or changed sources finished", "sources", names, "duration", time.Since(start))
		}
	}
}

// Stop stops the schedule; a refresh under way goes on until its context
// ends, and none is started after.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	if s.cron != nil {
		s.cron.Stop()
		s.cron = nil
	}
}

// Wait waits for the refreshes under way to end.
func (s *Scheduler) Wait() { s.wg.Wait() }
