package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/exporter-toolkit/web"

	"github.com/minutes-exporter/minutes_exporter/collector"
	"github.com/minutes-exporter/minutes_exporter/collector/moderngov/moderngovtest"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

// newTestServer builds the server serve would, over a temporary store,
// without listening.
func newTestServer(t *testing.T, configFile string) (*server, http.Handler) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	logger := slog.New(slog.DiscardHandler)
	coll, err := collector.New(st, collector.Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{
		log: logger, configFile: configFile, store: st, coll: coll,
		sched:         collector.NewScheduler(ctx, coll, logger),
		reloadOK:      prometheus.NewGauge(prometheus.GaugeOpts{Name: "ok"}),
		reloadSuccess: prometheus.NewGauge(prometheus.GaugeOpts{Name: "ts"}),
	}
	t.Cleanup(func() { cancel(); s.sched.Stop(); s.sched.Wait() })
	if _, err := s.reload(); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(coll)
	mux, err := s.routes(reg, "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	return s, mux
}

func request(t *testing.T, h http.Handler, method, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

func TestServeSeeds(t *testing.T) {
	s, h := newTestServer(t, "")
	s.sched.RunOnce()
	tests := []struct {
		name, method, path string
		wantCode           int
		wantBody           []string
	}{
		{"metrics", "GET", "/metrics", 200, []string{
			`community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary"} -0.39` + "\n",
			`community_safety_detection_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.178` + "\n",
			`minutes_exporter_source_up{source="seeds"} 1`,
		}},
		{"landing page links", "GET", "/", 200, []string{`href="/metrics"`, `href="/api/v1/figures"`, `href="/api/v1/documents"`}},
		{"healthy", "GET", "/-/healthy", 200, []string{"Healthy"}},
		{"figures api", "GET", "/api/v1/figures?borough=Barnet&category=robbery&measure=detection_rate_percent", 200,
			[]string{`"quote":"17.8% detection rate in relation to robberies"`, `"document":"seeds/000_4e862872c3731715.txt"`}},
		{"documents api", "GET", "/api/v1/documents?borough=Hillingdon", 200, []string{`"address":"seeds/004_93a21cfc603b5b08.txt"`}},
		{"bad api parameter", "GET", "/api/v1/figures?to=tomorrow", 400, []string{`"error"`}},
		{"reload needs POST", "GET", "/-/reload", 405, nil},
		{"reload", "POST", "/-/reload", 200, []string{"OK"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := request(t, h, tt.method, tt.path)
			if code != tt.wantCode {
				t.Fatalf("%s %s: status %d, want %d\n%s", tt.method, tt.path, code, tt.wantCode, body)
			}
			for _, w := range tt.wantBody {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s: body lacks %q", tt.method, tt.path, w)
				}
			}
		})
	}
}

// TestReloadKeepsLastGoodConfig breaks the configuration file after start:
// the reload fails, says why, and the sources stay as they were.
func TestReloadKeepsLastGoodConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "minutes_exporter.yml")
	good := "sources:\n  - {name: mine, kind: dir, dir: {path: " + filepath.Join("..", "..", "seeds") + "}}\n"
	if err := os.WriteFile(cfg, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	s, h := newTestServer(t, cfg)
	if err := os.WriteFile(cfg, []byte("sources:\n  - {name: mine, kind: dir, dir: {pth: x}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, body := request(t, h, "POST", "/-/reload")
	if code != 500 || !strings.Contains(body, "unknown field pth") {
		t.Errorf("reload of a bad file: %d %q, want 500 naming the field", code, body)
	}
	if got := testutil.ToFloat64(s.reloadOK); got != 0 {
		t.Errorf("reload gauge = %v, want 0", got)
	}
	s.sched.RunOnce()
	_, metrics := request(t, h, "GET", "/metrics")
	if !strings.Contains(metrics, `minutes_exporter_source_up{source="mine"} 1`) {
		t.Errorf("after a failed reload the last good source should still refresh:\n%s", metrics)
	}
	if err := os.WriteFile(cfg, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, body := request(t, h, "POST", "/-/reload"); code != 200 {
		t.Errorf("reload of the good file: %d %s", code, body)
	}
	if got := testutil.ToFloat64(s.reloadOK); got != 1 {
		t.Errorf("reload gauge = %v, want 1", got)
	}
}

func TestConfigCheck(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"seeds", []string{"--config.check"}, 0},
		{"example", []string{"--config.check", "--config.file=../../examples/minutes_exporter.yml"}, 0},
		{"invalid", []string{"serve", "--config.check", "--config.file=../../collector/testdata/config/invalid-schedule.yml"}, 1},
		{"missing", []string{"--config.check", "--config.file=nope.yml"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := run(append(tt.args, "--log.level=error")); got != tt.want {
				t.Errorf("run(%v) = %d, want %d", tt.args, got, tt.want)
			}
		})
	}
}

// TestCorruptStoreStops starts serve over a store file that is not one:
// it fails naming the file and leaves the file as it was.
func TestCorruptStoreStops(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, store.FileName)
	junk := []byte("not a database at all, but someone's notes\n")
	if err := os.WriteFile(path, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	err := serve(context.Background(), slog.New(slog.DiscardHandler), &serveFlags{storagePath: dir, metricsPath: "/metrics", web: webFlags("127.0.0.1:0")})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("serve = %v, want an error naming %s", err, path)
	}
	if got, _ := os.ReadFile(path); string(got) != string(junk) {
		t.Error("serve changed the file it refused")
	}
}

// webFlags are the web flags of serve listening on addresses.
func webFlags(addresses ...string) *web.FlagConfig {
	systemd, config := false, ""
	return &web.FlagConfig{WebListenAddresses: &addresses, WebSystemdSocket: &systemd, WebConfigFile: &config}
}

// TestBusyPortStopsFirst starts serve on a port already taken, and with a
// web configuration that does not exist: it fails naming the problem
// before it creates the store or fetches anything.
func TestBusyPortStopsFirst(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	missing := filepath.Join(t.TempDir(), "web.yml")
	badWeb := webFlags("127.0.0.1:0")
	badWeb.WebConfigFile = &missing
	tests := []struct {
		name    string
		web     *web.FlagConfig
		wantErr string
	}{
		{"busy port", webFlags(busy.Addr().String()), "listen on " + busy.Addr().String()},
		{"missing web configuration", badWeb, missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storage := filepath.Join(t.TempDir(), "data")
			cfg := filepath.Join(t.TempDir(), "minutes_exporter.yml")
			site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("serve fetched %s before it could listen", r.URL)
			}))
			defer site.Close()
			yml := "sources:\n  - {name: web, kind: urls, urls: {addresses: [\"" + site.URL + "/minutes\"]}}\n"
			if err := os.WriteFile(cfg, []byte(yml), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			err := serve(ctx, slog.New(slog.DiscardHandler),
				&serveFlags{configFile: cfg, storagePath: storage, metricsPath: "/metrics", web: tt.web})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("serve = %v, want an error containing %q", err, tt.wantErr)
			}
			if _, err := os.Stat(storage); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("serve created %s before it could listen (stat: %v)", storage, err)
			}
		})
	}
}

// TestModernGovStoredMeetingsNotFetchedAgain runs the server's own wiring
// (reload builds the sources) over a ModernGov site: the second refresh
// lists the meetings but fetches none whose document the store holds.
func TestModernGovStoredMeetingsNotFetchedAgain(t *testing.T) {
	site := moderngovtest.NewSite(t)
	since := site.Since

	cfg := filepath.Join(t.TempDir(), "minutes_exporter.yml")
	yml := `sources:
  - name: hillingdon-shp
    kind: moderngov
    borough: Hillingdon
    board: Safer Hillingdon Partnership
    moderngov: {base: "` + site.URL + `", committee: "7", from: 2021-01-01, delay: 1ms}
`
	if err := os.WriteFile(cfg, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, h := newTestServer(t, cfg)
	s.sched.RunOnce()
	first := since(0)
	for _, want := range []string{"GetMeeting:101", "GetMeeting:105"} {
		if !slices.Contains(first, want) {
			t.Fatalf("first refresh did not ask for %s: %v", want, first)
		}
	}
	_, metrics := request(t, h, "GET", "/metrics")
	if !strings.Contains(metrics, `minutes_exporter_documents{source="hillingdon-shp"} 2`+"\n") {
		t.Fatalf("after the first refresh the store should hold meetings 101 and 105:\n%s", metrics)
	}

	s.sched.RunOnce()
	second := since(len(first))
	if !slices.Contains(second, "GetMeetings:7") {
		t.Errorf("second refresh did not list the meetings: %v", second)
	}
	for _, r := range second {
		if strings.HasSuffix(r, ":101") || strings.HasSuffix(r, ":105") {
			t.Errorf("second refresh fetched stored meeting again (%s); all requests: %v", r, second)
		}
	}
}

// TestLandingPageLinksResolve follows every link the landing page shows:
// none may lead nowhere.
func TestLandingPageLinksResolve(t *testing.T) {
	s, h := newTestServer(t, "")
	s.sched.RunOnce()
	code, body := request(t, h, "GET", "/")
	if code != 200 {
		t.Fatalf("GET / = %d", code)
	}
	var links []string
	for rest := body; ; {
		i := strings.Index(rest, `href="`)
		if i < 0 {
			break
		}
		rest = rest[i+len(`href="`):]
		j := strings.IndexByte(rest, '"')
		if j < 0 {
			break
		}
		links = append(links, rest[:j])
		rest = rest[j:]
	}
	if len(links) < 4 {
		t.Fatalf("landing page has %d links, want at least metrics, figures, documents and health: %v", len(links), links)
	}
	for _, l := range links {
		if !strings.HasPrefix(l, "/") {
			t.Errorf("landing page links outside the exporter: %q", l)
			continue
		}
		if code, _ := request(t, h, "GET", l); code != http.StatusOK {
			t.Errorf("GET %s (linked from /) = %d, want 200", l, code)
		}
	}
}

// TestReloadRefreshesNewAndChangedSources reloads a configuration that
// adds a source and then changes it: each time the source is refreshed at
// once, without waiting for the schedule, and the source that did not
// change is not fetched again.
func TestReloadRefreshesNewAndChangedSources(t *testing.T) {
	var requests atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		fmt.Fprint(w, "<p>Burglary had reduced by 39% (989 fewer offences).</p>")
	}))
	defer site.Close()
	folder := t.TempDir()
	if err := os.WriteFile(filepath.Join(folder, "minutes.txt"), []byte("Robbery had increased by 12%.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "minutes_exporter.yml")
	web := "  - {name: web, kind: urls, borough: Hillingdon, urls: {addresses: [\"" + site.URL + "/minutes\"]}}\n"
	write := func(yml string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte("schedule: \"0 6 1 1 *\"\nsources:\n"+yml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(web)
	s, h := newTestServer(t, cfg)
	s.sched.RunOnce()
	if n := requests.Load(); n != 1 {
		t.Fatalf("first refresh: %d requests, want 1", n)
	}

	steps := []struct {
		name string
		dir  string
		want string
	}{
		{"a source added", "  - {name: mine, kind: dir, borough: Barnet, dir: {path: " + folder + "}}\n",
			`community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.12`},
		{"its borough changed", "  - {name: mine, kind: dir, borough: Brent, dir: {path: " + folder + "}}\n",
			`community_safety_change_ratio{area="Brent",borough="Brent",category="robbery"} 0.12`},
	}
	for _, st := range steps {
		write(web + st.dir)
		if code, body := request(t, h, "POST", "/-/reload"); code != 200 {
			t.Fatalf("%s: reload: %d %s", st.name, code, body)
		}
		s.sched.Wait() // for the refresh the reload started, if any
		_, metrics := request(t, h, "GET", "/metrics")
		for _, want := range []string{st.want + "\n", `minutes_exporter_source_up{source="mine"} 1` + "\n"} {
			if !strings.Contains(metrics, want) {
				t.Errorf("%s: after the reload, /metrics lacks %s", st.name, want)
			}
		}
		if n := requests.Load(); n != 1 {
			t.Errorf("%s: the unchanged source was fetched again (%d requests)", st.name, n)
		}
	}
}
