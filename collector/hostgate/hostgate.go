// Package hostgate keeps the exporter polite to each site it reads: one
// request at a time per host, a delay between two requests, and a host's
// Retry-After (sent with 429 Too Many Requests or 503 Service Unavailable)
// remembered, so that neither the same refresh nor the next one asks the
// host again before it said to. Every source that fetches over HTTP shares
// one Gate, so that two sources on one council's site share its
// politeness.
package hostgate

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of a Gate's zero fields.
const (
	// DefaultMaxWait is how long a request waits for a host's Retry-After
	// before it gives up: longer, and the refresh would hang on one site.
	DefaultMaxWait = time.Minute
	// DefaultMaxRetryAfter caps a Retry-After, so that a site that asks
	// for a week (or a year) is asked again within a day.
	DefaultMaxRetryAfter = 24 * time.Hour
)

// Gate lets one request at a time go to each host, spaced by a delay and
// no sooner than the host's Retry-After. Set its fields before first use;
// it is then safe for concurrent use.
type Gate struct {
	// MaxWait bounds how long Acquire waits for a Retry-After; a host that
	// asked for longer is refused at once with a *RetryLaterError. Zero
	// means DefaultMaxWait.
	MaxWait time.Duration
	// MaxRetryAfter caps what RetryAfter records. Zero means
	// DefaultMaxRetryAfter.
	MaxRetryAfter time.Duration
	// Now and Sleep are the clock, for tests; nil means time.Now and a
	// timer.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	mu    sync.Mutex
	hosts map[string]*host
}

type host struct {
	turn      chan struct{} // holds a token while a request is out
	last      time.Time     // when the last request finished; guarded by turn
	notBefore time.Time     // the host's Retry-After; guarded by Gate.mu
}

// New returns a Gate with the defaults and no host busy.
func New() *Gate { return &Gate{} }

// RetryLaterError is a request not made because its host asked, with a
// Retry-After, not to be asked again before Until.
type RetryLaterError struct {
	Host  string
	Until time.Time
}

func (e *RetryLaterError) Error() string {
	return fmt.Sprintf("%s asked not to be asked again before %s (Retry-After)", e.Host, e.Until.UTC().Format(time.RFC3339))
}

func (g *Gate) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

func (g *Gate) sleep(ctx context.Context, d time.Duration) error {
	if g.Sleep != nil {
		return g.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *Gate) host(name string) *host {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hosts == nil {
		g.hosts = map[string]*host{}
	}
	h, ok := g.hosts[name]
	if !ok {
		h = &host{turn: make(chan struct{}, 1)}
		g.hosts[name] = h
	}
	return h
}

// Acquire waits for the host's turn, for delay after its last request and
// for its Retry-After; release ends the turn. A Retry-After further off
// than MaxWait is a *RetryLaterError at once, so that a host that asked
// for an hour is not asked within the hour, by this refresh or the next.
func (g *Gate) Acquire(ctx context.Context, hostname string, delay time.Duration) (release func(), err error) {
	h := g.host(hostname)
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() {
		h.last = g.now()
		<-h.turn
	}
	maxWait := g.MaxWait
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	now := g.now()
	g.mu.Lock()
	until := h.notBefore
	g.mu.Unlock()
	if wait := until.Sub(now); wait > maxWait {
		<-h.turn
		return nil, &RetryLaterError{Host: hostname, Until: until}
	}
	ready := until
	if delay > 0 && !h.last.IsZero() && h.last.Add(delay).After(ready) {
		ready = h.last.Add(delay)
	}
	if wait := ready.Sub(now); wait > 0 {
		if err := g.sleep(ctx, wait); err != nil {
			<-h.turn
			return nil, err
		}
	}
	return release, nil
}

// RetryAfter records the Retry-After header of hostname's answer: the host
// is not asked again before the time it says, capped at MaxRetryAfter from
// now, which RetryAfter returns (or a later time already recorded). It
// reports false, and records nothing, for a header that is missing or
// unreadable.
func (g *Gate) RetryAfter(hostname, header string) (time.Time, bool) {
	now := g.now()
	d, ok := ParseRetryAfter(header, now)
	if !ok {
		return time.Time{}, false
	}
	maxAfter := g.MaxRetryAfter
	if maxAfter <= 0 {
		maxAfter = DefaultMaxRetryAfter
	}
	until := now.Add(min(d, maxAfter))
	h := g.host(hostname)
	g.mu.Lock()
	defer g.mu.Unlock()
	if until.After(h.notBefore) {
		h.notBefore = until
	}
	return h.notBefore, true
}

// ParseRetryAfter reads a Retry-After header, delay-seconds or an HTTP
// date, as a wait from now. It reports false for a header that is missing
// or unreadable; a date in the past is no wait.
func ParseRetryAfter(header string, now time.Time) (time.Duration, bool) {
	header = strings.TrimSpace(header)
	if header == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(header, 10, 63); err == nil {
		// Beyond any cap, and without overflowing time.Duration.
		if secs > uint64(100*365*24*time.Hour/time.Second) {
			secs = uint64(100 * 365 * 24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(header); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// Asks reports whether an HTTP status is one whose Retry-After a client is
// to honour: 429 Too Many Requests and 503 Service Unavailable.
func Asks(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable
}
