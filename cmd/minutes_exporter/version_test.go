package main

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/prometheus/common/version"
)

func TestVersionFromBuild(t *testing.T) {
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"tagged build", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3"},
		{"commit build", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202194252-c456f3682886+dirty"}}, true,
			"v0.0.0-20261202194252-c456f3682886+dirty"},
		{"go run", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "devel"},
		{"test binary", &debug.BuildInfo{}, true, "devel"},
		{"no build info", nil, false, "devel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionFromBuild(tt.bi, tt.ok); got != tt.want {
				t.Errorf("versionFromBuild = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionShown: built without -ldflags, as this test binary is, the
// version is never empty where it is shown: --version's text, the landing
// page and build_info.
func TestVersionShown(t *testing.T) {
	if version.Version == "" {
		t.Fatal("version.Version is empty")
	}
	if got := version.Print("minutes_exporter"); !strings.Contains(got, "minutes_exporter, version "+version.Version+" ") {
		t.Errorf("--version prints %q, without the version", got)
	}
	_, h := newTestServer(t, "")
	if _, body := request(t, h, "GET", "/"); !strings.Contains(body, "version="+version.Version+",") {
		t.Errorf("the landing page does not show version=%s", version.Version)
	}
	_, metrics := request(t, h, "GET", "/metrics")
	if !strings.Contains(metrics, `version="`+version.Version+`"`) || strings.Contains(metrics, `version=""`) {
		t.Errorf("build_info does not carry version %q:\n%s", version.Version, grepLines(metrics, "build_info"))
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
