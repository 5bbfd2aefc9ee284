package collector

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// fakeParse reads "CATEGORY VALUE" lines, one figure each: enough to check
// what the collector does with figures without depending on the parser.
func fakeParse(calls *atomic.Int32) ParseFunc {
	return func(text string, opts parser.Options) []parser.Figure {
		if calls != nil {
			calls.Add(1)
		}
		var out []parser.Figure
		for _, l := range strings.Split(text, "\n") {
			var cat string
			var v float64
			if n, _ := fmt.Sscanf(l, "%s %g", &cat, &v); n == 2 {
				out = append(out, parser.Figure{Category: cat, Measure: parser.ChangePercent, Value: v, Area: opts.Borough, Quote: l})
			}
		}
		return out
	}
}

// urlsSource is a urls source of pages, failing fast in tests.
func urlsSource(t *testing.T, name string, urls ...string) Named {
	t.Helper()
	return urlsSourceTimeout(t, name, 5*time.Second, urls...)
}

func urlsSourceTimeout(t *testing.T, name string, timeout time.Duration, urls ...string) Named {
	t.Helper()
	f := source.NewFetcher("test@example.org")
	f.Timeout, f.Retries, f.Backoff, f.MaxBytes = timeout, 1, time.Millisecond, 1<<20
	cfg := source.Config{Name: name, Kind: "urls", Borough: "Barnet", URLs: &source.URLsConfig{Addresses: urls}}
	s, err := source.New(cfg, source.Env{HTTP: f})
	if err != nil {
		t.Fatal(err)
	}
	return Named{Config: cfg, Source: s}
}

// TestSourceFaults serves good minutes, then makes the server fail in each
// way of the issue: the source goes down, the figures stay served, the
// exporter goes on, and the next refresh tries again and recovers.
func TestSourceFaults(t *testing.T) {
	big := strings.Repeat("burglary -39\n", 50<<20/13+1)
	faults := []struct {
		name    string
		handler http.HandlerFunc
		wantLog string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}, "HTTP status 500"},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, "context deadline exceeded"},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}, "redirects"},
		{"50 MB", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			for i := 0; i < 50 && r.Context().Err() == nil; i++ {
				w.Write([]byte(big[:1<<20]))
				w.(http.Flusher).Flush()
			}
		}, "body too large"},
		{"binary", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"))
		}, "not text"},
		{"empty body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
		}, "empty body"},
	}
	for _, tt := range faults {
		t.Run(tt.name, func(t *testing.T) {
			var mode atomic.Value // "good" or "fault"
			mode.Store("good")
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				if mode.Load() == "fault" {
					tt.handler(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/plain")
				fmt.Fprint(w, "burglary -39\nrobbery -44.7\n")
			}))
			defer srv.Close()
			timeout := 5 * time.Second
			if tt.name == "timeout" {
				timeout = 100 * time.Millisecond
			}
			c, _ := newTestCollector(t, fakeParse(nil), urlsSourceTimeout(t, "web", timeout, srv.URL+"/minutes"))
			ctx := context.Background()
			good := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.39
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.447
minutesexporter_source_up{source="web"} 1`
			if err := c.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_source_up"); got != good {
				t.Fatalf("after a good refresh:\n-want\n%s\n+got\n%s", good, got)
			}

			mode.Store("fault")
			err := c.Refresh(ctx)
			if err == nil || !strings.Contains(err.Error(), "source web") || !strings.Contains(err.Error(), tt.wantLog) {
				t.Errorf("Refresh error = %v, want one naming source web and %q", err, tt.wantLog)
			}
			down := strings.Replace(good, `{source="web"} 1`, `{source="web"} 0`, 1)
			if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_source_up"); got != down {
				t.Errorf("after the fault:\n-want\n%s\n+got\n%s", down, got)
			}

			mode.Store("good")
			before := requests.Load()
			if err := c.Refresh(ctx); err != nil {
				t.Errorf("Refresh after the fault passed: %v", err)
			}
			if requests.Load() == before {
				t.Error("the refresh after the fault did not ask the server again")
			}
			if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_source_up"); got != good {
				t.Errorf("after recovering:\n-want\n%s\n+got\n%s", good, got)
			}
		})
	}
}

// TestOneSourceFailingLeavesOthers checks a failing source does not stop
// the next one.
func TestOneSourceFailingLeavesOthers(t *testing.T) {
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer bad.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "burglary -10\n")
	}))
	defer good.Close()
	c, _ := newTestCollector(t, fakeParse(nil), urlsSource(t, "bad", bad.URL), urlsSource(t, "good", good.URL))
	if err := c.Refresh(context.Background()); err == nil {
		t.Error("Refresh passed with a failing source")
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.1
minutesexporter_source_up{source="bad"} 0
minutesexporter_source_up{source="good"} 1`
	if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_source_up"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// memSource is a source of documents held in memory.
type memSource struct {
	mu   sync.Mutex
	docs []source.Document
	// block, when set, is waited on in Fetch.
	block chan struct{}
	// panicWith, when set, makes Fetch panic.
	panicWith any
}

func (m *memSource) Fetch(ctx context.Context, emit func(source.Document) error) error {
	if m.block != nil {
		<-m.block
	}
	if m.panicWith != nil {
		panic(m.panicWith)
	}
	m.mu.Lock()
	docs := append([]source.Document(nil), m.docs...)
	m.mu.Unlock()
	for _, d := range docs {
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

func memDoc(address, body string, day int) source.Document {
	return source.Document{Source: "mem", Address: address, Body: []byte(body), ContentType: "text/plain",
		Borough: "Barnet", MeetingDate: time.Date(2024, 11, day, 0, 0, 0, 0, time.UTC), DateFrom: source.DateManifest}
}

func TestRefreshParsesOnlyChanges(t *testing.T) {
	var calls atomic.Int32
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1), memDoc("b", "robbery -2\n", 2)}}
	c, _ := newTestCollector(t, fakeParse(&calls), Named{Config: source.Config{Name: "mem"}, Source: m})
	ctx := context.Background()
	steps := []struct {
		name      string
		change    func()
		wantCalls int32
	}{
		{"first refresh parses all", func() {}, 2},
		{"nothing changed", func() {}, 0},
		{"one body changed", func() { m.docs[1] = memDoc("b", "robbery -3\n", 2) }, 1},
		{"a meeting date changed", func() { m.docs[0] = memDoc("a", "burglary -1\n", 5) }, 1},
		{"a new document", func() { m.docs = append(m.docs, memDoc("c", "rape 10\n", 3)) }, 1},
	}
	for _, s := range steps {
		s.change()
		calls.Store(0)
		if err := c.Refresh(ctx); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := calls.Load(); got != s.wantCalls {
			t.Errorf("%s: parsed %d documents, want %d", s.name, got, s.wantCalls)
		}
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="rape",span="unstated"} 0.1
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.03`
	if got := metricsText(t, c, "community_safety_change_ratio"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// TestNewParserVersionParsesStoredTexts stores documents with one parser,
// then starts over the same store with a newer one whose source serves
// nothing: the stored texts are parsed again all the same.
func TestNewParserVersionParsesStoredTexts(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1)}}
	c, st := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	newer, err := New(st, Options{ParserVersion: parser.Version + ".next", Now: func() time.Time { return fixedNow },
		Parse: func(text string, opts parser.Options) []parser.Figure {
			return []parser.Figure{{Category: "residential_burglary", Measure: parser.ChangePercent, Value: -1, Area: opts.Borough}}
		}})
	if err != nil {
		t.Fatal(err)
	}
	newer.SetSources([]Named{{Config: source.Config{Name: "mem"}, Source: &memSource{}}})
	if err := newer.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="residential_burglary",span="unstated"} -0.01`
	if got := metricsText(t, newer, "community_safety_change_ratio"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

func TestRefreshSkipsWhileRunning(t *testing.T) {
	m := &memSource{block: make(chan struct{})}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	done := make(chan error)
	go func() { done <- c.Refresh(context.Background()) }()
	// Wait until the first refresh is inside Fetch.
	for !c.running.Load() {
		time.Sleep(time.Millisecond)
	}
	if err := c.Refresh(context.Background()); !errors.Is(err, ErrBusy) {
		t.Errorf("second Refresh = %v, want ErrBusy", err)
	}
	close(m.block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := metricsText(t, c, "minutesexporter_refreshes_skipped_total", "minutesexporter_refreshes_total"); got != "minutesexporter_refreshes_skipped_total 1\nminutesexporter_refreshes_total 1" {
		t.Errorf("counters:\n%s", got)
	}
}

func TestRefreshPanicIsRecovered(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	m.panicWith = "boom"
	err := c.Refresh(context.Background())
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Refresh = %v, want the recovered panic", err)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
minutesexporter_refresh_errors_total 1
minutesexporter_refresh_panics_total 1`
	if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_refresh_panics_total", "minutesexporter_refresh_errors_total"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
	m.panicWith = nil
	if err := c.Refresh(context.Background()); err != nil {
		t.Errorf("the refresh after a panic: %v", err)
	}
}

// TestParserPanicSkipsDocument checks a parser panic on one document is a
// parse error for it alone.
func TestParserPanicSkipsDocument(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1), memDoc("b", "PANIC\n", 2), memDoc("c", "robbery -2\n", 3)}}
	parse := func(text string, opts parser.Options) []parser.Figure {
		if text == "PANIC\n" {
			panic("index out of range")
		}
		return fakeParse(nil)(text, opts)
	}
	c, _ := newTestCollector(t, parse, Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err == nil || !strings.Contains(err.Error(), "parser panicked") {
		t.Errorf("Refresh = %v, want the parser panic reported", err)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02
minutesexporter_parse_errors_total 1`
	if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_parse_errors_total"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// TestCancelledRefreshKeepsStore stops a refresh part-way (as a shutdown
// does): what was read before the stop is stored, whole, and nothing
// after it.
func TestCancelledRefreshKeepsStore(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	m := &cancellingSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1), memDoc("b", "robbery -2\n", 2)}, cancel: cancel}
	c, st := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Refresh = %v, want context.Canceled", err)
	}
	stamps, err := st.Stamps(context.Background(), "mem")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := stamps["a"]; !ok || len(stamps) != 1 {
		t.Errorf("stored after the cancelled refresh: %v, want just a", stamps)
	}
	if got := gatherCount(t, c, "community_safety_change_ratio"); got != 1 {
		t.Errorf("serving %d series, want 1", got)
	}
}

// cancellingSource emits its first document, then cancels the refresh,
// then tries to emit the others.
type cancellingSource struct {
	docs   []source.Document
	cancel func()
}

func (s *cancellingSource) Fetch(ctx context.Context, emit func(source.Document) error) error {
	for i, d := range s.docs {
		if i == 1 {
			s.cancel()
		}
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

// TestHealthSetAfterSwap looks at the metrics in the moment between a
// refresh's new snapshot being built and its being served: the refresh's
// health and counters must not be there yet, or healthcheck --refreshed
// would pass while /metrics serves none of the refresh's figures.
func TestHealthSetAfterSwap(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -1\n", 1)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	names := []string{"community_safety_change_ratio", "minutesexporter_refreshes_total",
		"minutesexporter_last_refresh_timestamp_seconds", "minutesexporter_source_up"}
	var inBetween []string
	testHookBeforeSwap = func() { inBetween = append(inBetween, metricsText(t, c, names...)) }
	t.Cleanup(func() { testHookBeforeSwap = nil })

	for i := range 2 {
		if i == 1 {
			// A refresh that stores nothing keeps the snapshot it
			// found; this one stores a document again.
			m.docs[0].Title = "edited"
		}
		if err := c.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	testHookBeforeSwap = nil
	after := metricsText(t, c, names...)
	served := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01`
	want := []string{
		// Before the first refresh's snapshot: no figure, no refresh.
		"minutesexporter_refreshes_total 0",
		// Before the second's: the first one's figures and health.
		served + "\nminutesexporter_last_refresh_timestamp_seconds 1.7408088e+09\nminutesexporter_refreshes_total 1\nminutesexporter_source_up{source=\"mem\"} 1",
	}
	if diff := cmp.Diff(want, inBetween); diff != "" {
		t.Errorf("metrics just before each swap (-want +got):\n%s", diff)
	}
	if wantAfter := strings.Replace(want[1], "refreshes_total 1", "refreshes_total 2", 1); after != wantAfter {
		t.Errorf("after both refreshes:\n-want\n%s\n+got\n%s", wantAfter, after)
	}
}

// TestRefreshSourcesWaitsItsTurn asks for a refresh of one source while a
// refresh is under way: rather than skip, it runs after, on that source
// alone.
func TestRefreshSourcesWaitsItsTurn(t *testing.T) {
	slow := &memSource{block: make(chan struct{}), docs: []source.Document{memDoc("a", "burglary -1\n", 1)}}
	b := memDoc("b", "robbery -2\n", 2)
	b.Source = "added"
	added := &memSource{docs: []source.Document{b}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: slow})
	done := make(chan error)
	go func() { done <- c.Refresh(context.Background()) }()
	for !c.running.Load() {
		time.Sleep(time.Millisecond)
	}
	c.SetSources([]Named{{Config: source.Config{Name: "mem"}, Source: slow}, {Config: source.Config{Name: "added"}, Source: added}})
	second := make(chan error)
	go func() { second <- c.RefreshSources(context.Background(), []string{"added"}) }()
	close(slow.block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Errorf("RefreshSources = %v, want it to wait its turn", err)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02
minutesexporter_refreshes_skipped_total 0
minutesexporter_refreshes_total 2`
	if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_refreshes_skipped_total", "minutesexporter_refreshes_total"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// TestRefreshEndsItsLoad: a refresh ends the load of the store it began,
// one whose source panics (and so fails) too, so that the next refresh can
// begin its own (a load left running would keep the next from setting the
// store's series index aside, and leave it set aside). The end is
// deferred, so that every return and panic of refresh runs it.
func TestRefreshEndsItsLoad(t *testing.T) {
	ctx := context.Background()
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -39\n", 1), memDoc("b", "robbery -3\n", 2)}}
	c, st := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	m.mu.Lock()
	m.panicWith = "the source broke"
	m.mu.Unlock()
	if err := c.Refresh(ctx); err == nil {
		t.Fatal("a refresh whose source panicked did not fail")
	}
	end, err := st.StartLoad(ctx)
	if err != nil {
		t.Fatalf("after two refreshes, a load cannot start: %v", err)
	}
	if err := end(ctx); err != nil {
		t.Fatal(err)
	}
}
