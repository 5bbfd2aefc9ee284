package collector

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoadConfigInvalid(t *testing.T) {
	tests := []struct {
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
		{"invalid-bad-borough.yml", `source "a": borough "Barnet\"} 1" is not a place name (letters, spaces and '.,&()-, at most 64 bytes)`},
		{"invalid-no-path.yml", `source "a": dir: field path is required`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "config", tt.file)
			_, err := LoadConfig(path)
			if err == nil {
				t.Fatalf("LoadConfig(%s) succeeded, want error %q", path, tt.want)
			}
			want := "load config " + path + ": " + tt.want
			if diff := cmp.Diff(want, err.Error()); diff != "" {
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
	if len(files) != 16 {
		t.Errorf("found %d invalid-*.yml files, TestLoadConfigInvalid checks 16: add a case", len(files))
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
