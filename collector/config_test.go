package collector

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

// invalidConfigs are the files of testdata/config that LoadConfig must
// refuse, each with its error after "load config PATH: ".
var invalidConfigs = []struct {
	file string
	want string
}{
	{"invalid-unknown-field.yml", "yaml: unmarshal errors:\n  line 6: unknown field borogh"},
	{"invalid-unknown-top-field.yml", "yaml: unmarshal errors:\n  line 1: unknown field schedul"},
	{"invalid-unknown-kind-field.yml", "yaml: unmarshal errors:\n  line 5: unknown field adresses"},
	{"invalid-schedule.yml", `schedule "every day at six": expected exactly 5 fields, found 4: [every day at six]`},
	{"invalid-time-zone.yml", `time_zone "Europe/Londinium": unknown time zone Europe/Londinium`},
	{"invalid-refresh-timeout.yml", "refresh_timeout 0s: must be more than 0"},
	{"invalid-no-sources.yml", "sources: at least one source is required"},
	{"invalid-empty.yml", "empty configuration: at least one source is required"},
	{"invalid-duplicate-name.yml", `sources: name "a" used twice`},
	{"invalid-unknown-kind.yml", `source "a": unknown kind "ftp" (known: ` + kindList() + `)`},
	{"invalid-missing-section.yml", `source "a": kind urls needs a urls: section`},
	{"invalid-other-kind-section.yml", `source "a": field urls is for kind urls, but kind is dir`},
	{"invalid-bad-name.yml", `source "my source!": name must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`},
	{"invalid-bad-url.yml", `source "a": urls: address "ftp://example.org/x" is not an http or https URL`},
	{"invalid-bad-borough.yml", `source "a": borough "Barnet\"} 1" is not a place name (a letter, then letters, digits, spaces and '’.,&()-, at most 64 bytes)`},
	{"invalid-bad-ward.yml", `source "a": ward "Evil\"} x{y=\"1" is not a place name (a letter, then letters, digits, spaces and '’.,&()-, at most 64 bytes)`},
	{"invalid-missing-dir.yml", `source "a": dir: path "no-such-folder": folder {testdata}/no-such-folder does not exist`},
	{"invalid-dir-is-a-file.yml", `source "a": dir: path "invalid-empty.yml": {testdata}/invalid-empty.yml is not a folder`},
	{"invalid-bad-manifest.yml", `source "a": dir: path "bad-manifest": manifest: file "panel.txt": ward "Evil\"} x{y=\"1" is not a place name (a letter, then letters, digits, spaces and '’.,&()-, at most 64 bytes)`},
	{"invalid-password-file-missing.yml", `source "a": urls: basic_auth: password_file: open {testdata}/secrets/none: no such file or directory`},
	{"invalid-basic-auth-unknown-field.yml", "yaml: unmarshal errors:\n  line 6: unknown field pasword_file"},
	{"invalid-no-path.yml", `source "a": dir: field path is required`},
	{"invalid-schedule-negative.yml", `schedule "@every -5m": it would refresh every 1s (cron runs durations under a second, zero and negative ones too, every second); the least interval is 1m0s`},
	{"invalid-schedule-zero.yml", `schedule "@every 0s": it would refresh every 1s (cron runs durations under a second, zero and negative ones too, every second); the least interval is 1m0s`},
	{"invalid-population-no-borough.yml", `source "a": population: is the borough's, and the source names no borough`},
	{"invalid-population-no-source.yml", `source "a": ` + "population: source is required: who counted or estimated it (e.g. \"NRS mid-2022 estimate\")"},
	{"invalid-population-zero.yml", `source "a": population: residents 0 must be a number of people above 0`},
	{"invalid-population-year.yml", `source "a": population: year 22 is not the year it counts (e.g. 2022)`},
	{"invalid-population-unknown-field.yml", "yaml: unmarshal errors:\n  line 5: unknown field estimate"},
	{"invalid-population-conflict.yml", `source "b": population of Edinburgh differs from the one source "a" gives`},
	{"invalid-schedule-1ms.yml", `schedule "@every 1ms": it would refresh every 1s (cron runs durations under a second, zero and negative ones too, every second); the least interval is 1m0s`},
}

func TestLoadConfigInvalid(t *testing.T) {
	for _, tt := range invalidConfigs {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "config", tt.file)
			_, lerr := LoadConfig(path)
			if lerr == nil {
				t.Fatalf("LoadConfig(%s) succeeded, want error %q", path, tt.want)
			}
			// Relative paths are read from the file's folder.
			testdata, err := filepath.Abs(filepath.Join("testdata", "config"))
			if err != nil {
				t.Fatal(err)
			}
			want := "load config " + path + ": " + strings.ReplaceAll(tt.want, "{testdata}", testdata)
			if diff := cmp.Diff(want, lerr.Error()); diff != "" {
				t.Errorf("LoadConfig(%s) error (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestEveryInvalidConfigHasACase keeps the table above in step with the
// files: each testdata/config/invalid-*.yml must be checked.
func TestEveryInvalidConfigHasACase(t *testing.T) {
	files, err := filepath.Glob("testdata/config/invalid-*.yml")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]bool{}
	for _, c := range invalidConfigs {
		cases[c.file] = true
	}
	for _, f := range files {
		if !cases[filepath.Base(f)] {
			t.Errorf("%s has no case in invalidConfigs: add one", f)
		}
		delete(cases, filepath.Base(f))
	}
	for f := range cases {
		t.Errorf("invalidConfigs names %s, which testdata/config lacks", f)
	}
}

// TestScheduleMinimum: a schedule may refresh at most once a minute, at
// config check and when the scheduler is given one directly.
func TestScheduleMinimum(t *testing.T) {
	tests := []struct {
		spec    string
		wantErr string // "" for accepted
	}{
		{"* * * * *", ""},
		{"@every 1m", ""},
		{"@every 6h", ""},
		{"@hourly", ""},
		{"CRON_TZ=UTC 0 6 * * *", ""},
		{"@every 59s", "it would refresh every 59s"},
		{"@every 1ms", "it would refresh every 1s"},
		{"@every 0s", "it would refresh every 1s"},
		{"@every -5m", "it would refresh every 1s"},
		{"TZ=UTC @every 10s", "it would refresh every 10s"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := ParseConfig([]byte("schedule: \"" + tt.spec + "\"\nsources:\n  - {name: a, kind: dir, dir: {path: x}}\n"))
			checkErr(t, "ParseConfig", err, tt.wantErr)
			s := NewScheduler(context.Background(), nil, nil)
			defer s.Stop()
			checkErr(t, "Scheduler.Set", s.Set(tt.spec, time.UTC), tt.wantErr)
		})
	}
}

// checkErr fails unless err is nil and want "", or err contains want.
func checkErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: %v, want no error", what, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%s: %v, want an error containing %q", what, err, want)
	}
}

func TestLoadConfigExample(t *testing.T) {
	c, err := LoadConfig("../examples/minutes_exporter.yml")
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Schedule, TimeZone, Contact string
		Kinds                       []string
	}
	got := summary{Schedule: c.Schedule, TimeZone: c.Location().String(), Contact: c.Contact}
	for _, s := range c.Sources {
		got.Kinds = append(got.Kinds, s.Name+":"+s.Kind)
	}
	want := summary{Schedule: "0 6 * * *", TimeZone: "Europe/London", Contact: "performance-team@example.org",
		Kinds: []string{"seeds:dir", "hillingdon-web:urls"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("example config (-want +got):\n%s", diff)
	}
	if got := time.Duration(c.Sources[1].URLs.Timeout); got != 30*time.Second {
		t.Errorf("urls timeout = %v, want 30s", got)
	}
}

// TestLoadConfigRelativePaths starts elsewhere than the configuration's
// folder: a relative dir path is still read from that folder, and its
// documents keep the names the configuration gives them.
func TestLoadConfigRelativePaths(t *testing.T) {
	conf := t.TempDir()
	if err := os.MkdirAll(filepath.Join(conf, "minutes"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"minutes_exporter.yml": "sources:\n  - {name: mine, kind: dir, borough: Barnet, dir: {path: minutes}}\n",
		"minutes/a.txt":        "Burglary had reduced by 39%.\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(conf, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(t.TempDir()) // a folder with no minutes/ in it
	c, err := LoadConfig(filepath.Join(conf, "minutes_exporter.yml"))
	if err != nil {
		t.Fatal(err)
	}
	sources, err := NewSources(c, source.Env{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = sources[0].Fetch(context.Background(), func(d source.Document) error {
		got = append(got, d.Address+": "+string(d.Body))
		return nil
	})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if diff := cmp.Diff([]string{"minutes/a.txt: " + files["minutes/a.txt"]}, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

// TestLoadConfigCredentialFiles loads a urls source whose password and
// API key are in files named relative to the configuration, from another
// folder: the site gets both.
func TestLoadConfigCredentialFiles(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, _ := r.BasicAuth(); u != "perf" || p != "pa55" || r.Header.Get("X-Api-Key") != "k3y" {
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Burglary had reduced by 39%."))
	}))
	defer site.Close()
	conf := t.TempDir()
	if err := os.MkdirAll(filepath.Join(conf, "secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"minutes_exporter.yml": `sources:
  - name: intranet
    kind: urls
    urls:
      addresses: ["` + site.URL + `/minutes"]
      retries: 0
      basic_auth:
        username: perf
        password_file: secrets/intranet.password
      http_headers:
        X-Api-Key:
          files: [secrets/api.key]
`,
		"secrets/intranet.password": "pa55\n",
		"secrets/api.key":           "k3y\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(conf, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(t.TempDir())
	c, err := LoadConfig(filepath.Join(conf, "minutes_exporter.yml"))
	if err != nil {
		t.Fatal(err)
	}
	sources, err := NewSources(c, source.Env{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := sources[0].Fetch(context.Background(), func(d source.Document) error {
		got = append(got, string(d.Body))
		return nil
	}); err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if len(got) != 1 {
		t.Errorf("Fetch got %q, want the one page", got)
	}
}

func TestConfigDefaults(t *testing.T) {
	c, err := ParseConfig([]byte("sources:\n  - {name: a, kind: dir, dir: {path: x}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Schedule != DefaultSchedule || c.Location().String() != DefaultTimeZone {
		t.Errorf("defaults = %q in %s, want %q in %s", c.Schedule, c.Location(), DefaultSchedule, DefaultTimeZone)
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, err := LoadConfig("testdata/config/nope.yml")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadConfig(missing) error = %v, want not-exist", err)
	}
}
