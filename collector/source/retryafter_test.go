package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/hostgate"
)

// fakeClock is a Gate's clock that sleeps by moving on, so that waits are
// checked by what was asked for rather than by how long a test took.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestRetryAfter answers 429 and 503 with a Retry-After: the fetcher waits
// what it says (capped) before its retry, and a host that asked for longer
// than the gate waits is not asked again, in this refresh or the next,
// before then.
func TestRetryAfter(t *testing.T) {
	start := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	type get struct {
		advance   time.Duration // moved on before the Get
		wantErr   string        // "" for success
		wantCalls int32         // requests the server has had after it
	}
	tests := []struct {
		name       string
		status     int
		retryAfter string
		goodAfter  int32 // the server answers 200 from this request on (0: never)
		gets       []get
		wantSlept  []time.Duration
	}{
		{
			name: "503 asking for seconds: retried after them", status: 503, retryAfter: "5", goodAfter: 2,
			gets:      []get{{wantCalls: 2}},
			wantSlept: []time.Duration{5 * time.Second},
		},
		{
			name: "429 with a date: retried at it", status: 429, retryAfter: start.Add(30 * time.Second).Format(http.TimeFormat), goodAfter: 2,
			gets:      []get{{wantCalls: 2}},
			wantSlept: []time.Duration{30 * time.Second},
		},
		{
			name: "asking for two hours: not asked again before them", status: 503, retryAfter: "7200",
			gets: []get{
				{wantErr: "HTTP status 503 Service Unavailable; not asked again before 2025-03-01T08:00:00Z (Retry-After)", wantCalls: 1},
				// The next refresh, an hour on.
				{advance: time.Hour, wantErr: "asked not to be asked again before 2025-03-01T08:00:00Z", wantCalls: 1},
				// Two hours on: asked again (and told the same).
				{advance: time.Hour, wantErr: "not asked again before 2025-03-01T10:00:00Z", wantCalls: 2},
			},
		},
		{
			name: "asking for years: capped at a day", status: 429, retryAfter: "999999999",
			gets: []get{
				{wantErr: "not asked again before 2025-03-02T06:00:00Z (Retry-After)", wantCalls: 1},
				{advance: 23 * time.Hour, wantErr: "asked not to be asked again", wantCalls: 1},
				{advance: time.Hour, wantErr: "HTTP status 429", wantCalls: 2},
			},
		},
		{
			name: "an unreadable Retry-After: backoff as for any 503", status: 503, retryAfter: "soon",
			gets: []get{{wantErr: "HTTP status 503 Service Unavailable", wantCalls: 3}},
		},
		{
			name: "Retry-After on a 500 is not read", status: 500, retryAfter: "7200",
			gets: []get{{wantErr: "HTTP status 500 Internal Server Error", wantCalls: 3}, {wantCalls: 6, wantErr: "HTTP status 500"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n := calls.Add(1); tt.goodAfter > 0 && n >= tt.goodAfter {
					w.Write([]byte("Burglary fell by 39%."))
					return
				}
				w.Header().Set("Retry-After", tt.retryAfter)
				http.Error(w, "busy", tt.status)
			}))
			defer srv.Close()
			clock := &fakeClock{now: start}
			f := testFetcher()
			f.Gate = &hostgate.Gate{Now: clock.Now, Sleep: clock.Sleep}
			for i, g := range tt.gets {
				clock.advance(g.advance)
				_, err := f.Get(context.Background(), srv.URL+"/minutes")
				switch {
				case g.wantErr == "" && err != nil:
					t.Errorf("Get %d: %v", i+1, err)
				case g.wantErr != "" && (err == nil || !strings.Contains(err.Error(), g.wantErr)):
					t.Errorf("Get %d: error %v, want one containing %q", i+1, err, g.wantErr)
				}
				if n := calls.Load(); n != g.wantCalls {
					t.Errorf("Get %d: the server had %d requests, want %d", i+1, n, g.wantCalls)
				}
			}
			if diff := cmp.Diff(tt.wantSlept, clock.slept); diff != "" {
				t.Errorf("waits asked of the gate (-want +got):\n%s", diff)
			}
		})
	}
}
