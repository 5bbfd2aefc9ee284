package hostgate

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header string
		want   time.Duration
		wantOK bool
	}{
		{"seconds", "120", 2 * time.Minute, true},
		{"zero", "0", 0, true},
		{"spaces", " 5 ", 5 * time.Second, true},
		{"a date", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"a date past", now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"huge", "99999999999999999999", 0, false},
		{"very large but a number", "999999999999", 100 * 365 * 24 * time.Hour, true},
		{"missing", "", 0, false},
		{"negative", "-5", 0, false},
		{"a fraction", "1.5", 0, false},
		{"words", "soon", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseRetryAfter(tt.header, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// TestAcquireWaits checks what the gate waits for, on a clock that moves
// only when it sleeps: the delay after a host's last request, and a
// Retry-After within MaxWait; one beyond it is refused without a wait.
func TestAcquireWaits(t *testing.T) {
	now := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	var slept []time.Duration
	g := &Gate{
		Now:   func() time.Time { return now },
		Sleep: func(_ context.Context, d time.Duration) error { slept = append(slept, d); now = now.Add(d); return nil },
	}
	ctx := context.Background()
	acquire := func(host string, delay time.Duration) error {
		release, err := g.Acquire(ctx, host, delay)
		if err == nil {
			release()
		}
		return err
	}
	steps := []struct {
		name      string
		do        func() error
		wantSlept time.Duration
		wantLater bool
	}{
		{"first request: no wait", func() error { return acquire("a", 2*time.Second) }, 0, false},
		{"second: the delay", func() error { return acquire("a", 2*time.Second) }, 2 * time.Second, false},
		{"another host: no wait", func() error { return acquire("b", 2*time.Second) }, 0, false},
		{"a Retry-After of 30s", func() error {
			g.RetryAfter("a", "30")
			return acquire("a", 2*time.Second)
		}, 30 * time.Second, false},
		{"a Retry-After of two hours: refused", func() error {
			g.RetryAfter("a", "7200")
			return acquire("a", 0)
		}, 0, true},
		{"a shorter one later does not shorten it", func() error {
			g.RetryAfter("a", "1")
			return acquire("a", 0)
		}, 0, true},
		{"the other host is not held up", func() error { return acquire("b", 0) }, 0, false},
	}
	for _, s := range steps {
		slept = nil
		err := s.do()
		var later *RetryLaterError
		if errors.As(err, &later) != s.wantLater || (err != nil && !s.wantLater) {
			t.Errorf("%s: err %v, want RetryLaterError %v", s.name, err, s.wantLater)
		}
		var total time.Duration
		for _, d := range slept {
			total += d
		}
		if total != s.wantSlept {
			t.Errorf("%s: waited %v, want %v", s.name, total, s.wantSlept)
		}
	}
}
