package main

import (
	"bytes"
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
	"syscall"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	"github.com/prometheus/common/promslog"
	"github.com/prometheus/exporter-toolkit/web"

	"github.com/minutes-exporter/minutes_exporter/collector/moderngov/moderngovtest"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

// newTestServer builds the server serve would, over a temporary store,
// without listening.
func newTestServer(t *testing.T, configFile string) (*server, http.Handler) {
	t.Helper()
	return newTestServerLogging(t, configFile, slog.New(slog.DiscardHandler))
}

// newTestServerLogging is newTestServer logging to logger.
func newTestServerLogging(t *testing.T, configFile string, logger *slog.Logger) (*server, http.Handler) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	s, err := newServer(ctx, logger, configFile, st)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); s.sched.Stop(); s.sched.Wait() })
	s.lifecycle = true // as with --web.enable-lifecycle
	if _, err := s.reload(); err != nil {
		t.Fatal(err)
	}
	mux, err := s.routes(s.registry(), "/metrics")
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
			`community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary",span="multi_year"} -0.39` + "\n",
			`community_safety_population{borough="Barnet"} 388400` + "\n",
			`community_safety_detection_ratio{area="Barnet",borough="Barnet",category="robbery"} 0.178` + "\n",
			`minutesexporter_source_up{source="seeds"} 1`,
		}},
		{"landing page links", "GET", "/", 200, []string{`href="/metrics"`, `href="/api/v1/figures"`, `href="/api/v1/documents"`, `href="/figures"`}},
		{"landing page sources and populations", "GET", "/", 200, []string{`<td>seeds</td><td>dir</td>`, `<span class="up">up</span>`,
			`<td>Hillingdon</td><td class="num">305,200</td><td>2021</td>`}},
		{"figures page", "GET", "/figures?borough=Hillingdon&category=burglary&measure=change_percent", 200, []string{
			"<mark>Burglary had reduced by 39%</mark> (989 fewer offences);</span>", `<span class="sentence">·`,
			`span multi_year`, `href="/figures/document/`}},
		{"figures page, bad filter", "GET", "/figures?measure=vibes", 400, []string{`unknown measure &#34;vibes&#34;`}},
		{"unknown page", "GET", "/figure", 404, nil},
		{"healthy", "GET", "/-/healthy", 200, []string{"Healthy"}},
		{"figures api", "GET", "/api/v1/figures?borough=Barnet&category=robbery&measure=detection_rate_percent", 200,
			[]string{`"quote":"17.8% detection rate in relation to robberies"`, `"document":"seeds/000_4e862872c3731715.txt"`}},
		{"documents api", "GET", "/api/v1/documents?borough=Hillingdon", 200, []string{`"address":"seeds/004_93a21cfc603b5b08.txt"`}},
		{"bad api parameter", "GET", "/api/v1/figures?to=tomorrow", 400, []string{`"error"`}},
		{"api wrong method", "POST", "/api/v1/figures", 405, []string{`{"error":"method POST is not allowed`}},
		{"api unknown path", "GET", "/api/v1/nothing", 404, []string{`{"error":"no API at /api/v1/nothing`}},
		{"figures of either borough", "GET", "/api/v1/figures?borough=Barnet&borough=Hillingdon&measure=change_percent", 200,
			[]string{`"borough":"Barnet"`, `"borough":"Hillingdon"`}},
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

// TestMetricsLint lints the whole of /metrics as the server serves it (the
// figures, the self-metrics, the build info and the reload gauges, Go's and
// the process's) with the linter promtool check metrics runs.
func TestMetricsLint(t *testing.T) {
	s, h := newTestServer(t, "")
	s.sched.RunOnce()
	code, body := request(t, h, "GET", "/metrics")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", code)
	}
	for _, name := range []string{"minutesexporter_build_info", "minutesexporter_config_last_reload_successful", "minutesexporter_source_up"} {
		if !strings.Contains(body, "\n"+name) {
			t.Errorf("/metrics lacks %s", name)
		}
	}
	problems, err := promlint.New(strings.NewReader(body)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
}

// TestReloadKeepsLastGoodConfig breaks the configuration file after start:
// the reload fails, says why, and the sources stay as they were.
func TestReloadKeepsLastGoodConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "minutes_exporter.yml")
	seeds, err := filepath.Abs(filepath.Join("..", "..", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	good := "sources:\n  - {name: mine, kind: dir, dir: {path: " + seeds + "}}\n"
	if err := os.WriteFile(cfg, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	s, h := newTestServer(t, cfg)
	if err := os.WriteFile(cfg, []byte("sources:\n  - {name: mine, kind: dir, dir: {pth: x}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, body := request(t, h, "POST", "/-/reload")
	if code != 500 || !strings.Contains(body, "failed to reload") {
		t.Errorf("reload of a bad file: %d %q, want 500 saying it failed", code, body)
	}
	if got := testutil.ToFloat64(s.reloadOK); got != 0 {
		t.Errorf("reload gauge = %v, want 0", got)
	}
	s.sched.RunOnce()
	_, metrics := request(t, h, "GET", "/metrics")
	if !strings.Contains(metrics, `minutesexporter_source_up{source="mine"} 1`) {
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

// TestReloadLifecycle: POST /-/reload works only with
// --web.enable-lifecycle, and a failure answers without the configuration's
// path or what is wrong in it, which go to the log; SIGHUP reloads either
// way.
func TestReloadLifecycle(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "minutes_exporter.yml")
	seeds, err := filepath.Abs(filepath.Join("..", "..", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(yml string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(yml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sources:\n  - {name: first, kind: dir, dir: {path: " + seeds + "}}\n")
	var logs bytes.Buffer
	s, h := newTestServerLogging(t, cfg, slog.New(slog.NewTextHandler(&logs, nil)))

	// A broken file: the answer is short; the log says what and where.
	write("sources:\n  - {name: first, kind: dir, dir: {pth: x}}\n")
	code, body := request(t, h, "POST", "/-/reload")
	if code != http.StatusInternalServerError {
		t.Errorf("reload of a bad file = %d, want 500", code)
	}
	for _, detail := range []string{cfg, dir, "pth", "line"} {
		if strings.Contains(body, detail) {
			t.Errorf("the reload answer shows %q: %q", detail, body)
		}
		if !strings.Contains(logs.String(), detail) {
			t.Errorf("the log lacks %q: %s", detail, logs.String())
		}
	}

	// Without --web.enable-lifecycle: refused, and nothing reloaded.
	s.lifecycle = false
	mux, err := s.routes(s.registry(), "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	write("sources:\n  - {name: second, kind: dir, dir: {path: " + seeds + "}}\n")
	if code, body := request(t, mux, "POST", "/-/reload"); code != http.StatusForbidden || !strings.Contains(body, "Lifecycle API is not enabled") {
		t.Errorf("reload without --web.enable-lifecycle = %d %q, want 403", code, body)
	}
	if got := testutil.ToFloat64(s.reloadOK); got != 0 {
		t.Errorf("after the refused reload the last reload gauge = %v, want 0 (the failed one)", got)
	}

	// SIGHUP reloads all the same. The second signal is taken only once
	// the first reload is over.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal)
	go s.reloadOnSignals(ctx, sigs)
	sigs <- syscall.SIGHUP
	sigs <- syscall.SIGHUP
	if got := testutil.ToFloat64(s.reloadOK); got != 1 {
		t.Errorf("after SIGHUP the last reload gauge = %v, want 1", got)
	}
	// The reload refreshes the source it adds at once, without waiting
	// for the schedule: wait for that refresh, and start none.
	s.sched.Wait()
	if _, metrics := request(t, mux, "GET", "/metrics"); !strings.Contains(metrics, `minutesexporter_source_up{source="second"} 1`) {
		t.Errorf("after SIGHUP the new source should refresh:\n%s", metrics)
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
		{"dir path that does not exist", []string{"--config.check", "--config.file=../../collector/testdata/config/invalid-missing-dir.yml"}, 1},
		{"schedule every millisecond", []string{"--config.check", "--config.file=../../collector/testdata/config/invalid-schedule-1ms.yml"}, 1},
		{"negative schedule", []string{"--config.check", "--config.file=../../collector/testdata/config/invalid-schedule-negative.yml"}, 1},
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
	if !strings.Contains(metrics, `minutesexporter_documents{source="hillingdon-shp"} 2`+"\n") {
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

// TestLogsMaskCredentials runs sources whose addresses hold a password and
// an API key through a refresh that stores a page, one that fails, and a
// reload that refuses an address, with the logger main makes: the logs
// and the API name the addresses with both masked.
func TestLogsMaskCredentials(t *testing.T) {
	const secret, key = "s3cret", "abc123"
	var failing atomic.Bool
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() || strings.HasPrefix(r.URL.Path, "/mg/") {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Burglary had reduced by 39%."))
	}))
	defer site.Close()
	address := "http://perf:" + secret + "@" + strings.TrimPrefix(site.URL, "http://") + "/minutes?api_key=" + key
	cfg := filepath.Join(t.TempDir(), "minutes_exporter.yml")
	write := func(address string) {
		t.Helper()
		// The moderngov client's errors print its site's address as
		// net/url does, with the password.
		yml := "sources:\n  - {name: web, kind: urls, borough: Barnet, urls: {addresses: [\"" + address + "\"], retries: 0}}\n" +
			"  - {name: mg, kind: moderngov, moderngov: {base: \"" + strings.Replace(address, "/minutes?", "/mg/?", 1) + "\", committee: \"7\", delay: 1ms}}\n"
		if err := os.WriteFile(cfg, []byte(yml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(address)
	var logs bytes.Buffer
	level := promslog.NewLevel()
	if err := level.Set("debug"); err != nil {
		t.Fatal(err)
	}
	s, h := newTestServerLogging(t, cfg, newLogger(&promslog.Config{Level: level, Writer: &logs}))
	s.sched.RunOnce()
	_, docs := request(t, h, "GET", "/api/v1/documents")
	failing.Store(true)
	s.sched.RunOnce()
	write(strings.Replace(address, "http://", "ftp://", 1))
	if code, _ := request(t, h, "POST", "/-/reload"); code != http.StatusInternalServerError {
		t.Errorf("reload of an ftp address = %d, want 500", code)
	}

	for _, out := range []struct{ what, text string }{{"the log", logs.String()}, {"/api/v1/documents", docs}} {
		for _, c := range []string{secret, key} {
			if strings.Contains(out.text, c) {
				t.Errorf("%s shows the credential %q:\n%s", out.what, c, out.text)
			}
		}
		if !strings.Contains(out.text, "perf:xxxxx@") || !strings.Contains(out.text, "api_key=xxxxx") {
			t.Errorf("%s does not name the address masked:\n%s", out.what, out.text)
		}
	}
	for _, want := range []string{"HTTP status 500", "is not an http or https URL"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
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
			`community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} 0.12`},
		{"its borough changed", "  - {name: mine, kind: dir, borough: Brent, dir: {path: " + folder + "}}\n",
			`community_safety_change_ratio{area="Brent",borough="Brent",category="robbery",span="unstated"} 0.12`},
	}
	for _, st := range steps {
		write(web + st.dir)
		if code, body := request(t, h, "POST", "/-/reload"); code != 200 {
			t.Fatalf("%s: reload: %d %s", st.name, code, body)
		}
		s.sched.Wait() // for the refresh the reload started, if any
		_, metrics := request(t, h, "GET", "/metrics")
		for _, want := range []string{st.want + "\n", `minutesexporter_source_up{source="mine"} 1` + "\n"} {
			if !strings.Contains(metrics, want) {
				t.Errorf("%s: after the reload, /metrics lacks %s", st.name, want)
			}
		}
		if n := requests.Load(); n != 1 {
			t.Errorf("%s: the unchanged source was fetched again (%d requests)", st.name, n)
		}
	}
}
