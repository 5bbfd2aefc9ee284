package collector

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSourcesRefreshConcurrently has source a's site answer only once
// source b's site has been asked: refreshed one after the other, a would
// time out waiting; refreshed together, both are up.
func TestSourcesRefreshConcurrently(t *testing.T) {
	bAsked := make(chan struct{})
	var once sync.Once
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-bAsked:
			fmt.Fprint(w, "burglary -1\n")
		case <-r.Context().Done():
		}
	}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(bAsked) })
		fmt.Fprint(w, "robbery -2\n")
	}))
	defer b.Close()
	c, _ := newTestCollector(t, fakeParse(nil),
		urlsSourceTimeout(t, "a", 2*time.Second, a.URL), urlsSourceTimeout(t, "b", 2*time.Second, b.URL))
	if err := c.Refresh(context.Background()); err != nil {
		t.Errorf("Refresh: %v", err)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02
minutesexporter_source_up{source="a"} 1
minutesexporter_source_up{source="b"} 1`
	if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_source_up"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// TestSourceTimeout gives a source whose site never answers a short
// refresh_timeout and a long timeout per attempt: the refresh stops it at
// its deadline, saying so, and the other source is refreshed meanwhile.
func TestSourceTimeout(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer hang.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "robbery -2\n")
	}))
	defer good.Close()
	slow := urlsSourceTimeout(t, "slow", 3*time.Second, hang.URL)
	slow.Timeout = 50 * time.Millisecond
	c, _ := newTestCollector(t, fakeParse(nil), slow, urlsSource(t, "good", good.URL))
	err := c.Refresh(context.Background())
	if want := "source slow: stopped at its refresh_timeout of 50ms"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Refresh = %v, want an error containing %q", err, want)
	}
	want := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02
minutesexporter_source_up{source="good"} 1
minutesexporter_source_up{source="slow"} 0`
	if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_source_up"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
}

// TestOneRequestAtATimePerHostAcrossSources refreshes three sources of one
// site together. Each request waits a moment for another to arrive
// alongside it; none may.
func TestOneRequestAtATimePerHostAcrossSources(t *testing.T) {
	var inFlight, most atomic.Int32
	arrived := make(chan struct{}, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		arrived <- struct{}{}
		// Give a second request the chance to overlap this one.
		select {
		case <-time.After(100 * time.Millisecond):
		case <-r.Context().Done():
		}
		fmt.Fprint(w, "burglary -1\n")
	}))
	defer srv.Close()
	c, _ := newTestCollector(t, fakeParse(nil),
		urlsSource(t, "a", srv.URL+"/a"), urlsSource(t, "b", srv.URL+"/b"), urlsSource(t, "c", srv.URL+"/c"))
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(arrived); got != 3 {
		t.Errorf("the site had %d requests, want 3", got)
	}
	if got := most.Load(); got != 1 {
		t.Errorf("%d requests to the site were in flight at once, want 1", got)
	}
}
