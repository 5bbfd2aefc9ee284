package backfill

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testFamilies = []Family{
	{Name: "community_safety_change_ratio", Help: "Latest reported relative change.", Type: "gauge"},
	{Name: "community_safety_signups", Help: "Sign-ups\nto a scheme.", Type: "gauge"},
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWrite(t *testing.T) {
	now := day("2026-01-01").Add(12 * time.Hour)
	hil := []Label{{"category", "burglary"}, {"borough", "Hillingdon"}, {"area", "Hillingdon"}}
	bar := []Label{{"borough", "Barnet"}, {"area", "Barnet"}, {"category", "burglary"}}
	tests := []struct {
		name      string
		samples   []Sample
		want      string
		wantStats Stats
	}{
		{
			name:      "empty still ends in EOF",
			want:      "# EOF\n",
			wantStats: Stats{},
		},
		{
			name: "sorted by family, series, then time; labels sorted; seconds",
			samples: []Sample{
				{Name: "community_safety_signups", Labels: []Label{{"borough", "Barnet"}, {"area", "Barnet"}, {"category", "online_watch_link"}}, Value: 12500, Time: day("2019-01-25")},
				{Name: "community_safety_change_ratio", Labels: hil, Value: -0.39, Time: day("2021-09-08")},
				{Name: "community_safety_change_ratio", Labels: bar, Value: -0.073, Time: day("2024-11-29")},
				{Name: "community_safety_change_ratio", Labels: bar, Value: 0.12, Time: day("2019-01-25")},
			},
			want: `# TYPE community_safety_change_ratio gauge
# HELP community_safety_change_ratio Latest reported relative change.
community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary"} 0.12 1548374400
community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary"} -0.073 1732838400
community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary"} -0.39 1631059200
# TYPE community_safety_signups gauge
# HELP community_safety_signups Sign-ups\nto a scheme.
community_safety_signups{area="Barnet",borough="Barnet",category="online_watch_link"} 12500 1548374400
# EOF
`,
			wantStats: Stats{Written: 4},
		},
		{
			name: "samples within the head window are left out",
			samples: []Sample{
				{Name: "community_safety_change_ratio", Labels: hil, Value: 0.5, Time: now.Add(-HeadWindow).Add(time.Second)},
				{Name: "community_safety_change_ratio", Labels: hil, Value: 0.25, Time: now.Add(-HeadWindow)},
			},
			want: `# TYPE community_safety_change_ratio gauge
# HELP community_safety_change_ratio Latest reported relative change.
community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary"} 0.25 1767258000
# EOF
`,
			wantStats: Stats{Written: 1, Recent: 1},
		},
		{
			name: "the first of two samples at one time wins",
			samples: []Sample{
				{Name: "community_safety_change_ratio", Labels: hil, Value: -0.39, Time: day("2021-09-08")},
				{Name: "community_safety_change_ratio", Labels: hil, Value: -0.5, Time: day("2021-09-08")},
			},
			want: `# TYPE community_safety_change_ratio gauge
# HELP community_safety_change_ratio Latest reported relative change.
community_safety_change_ratio{area="Hillingdon",borough="Hillingdon",category="burglary"} -0.39 1631059200
# EOF
`,
			wantStats: Stats{Written: 1, Duplicates: 1},
		},
		{
			name: "label values are escaped and milliseconds kept",
			samples: []Sample{
				{Name: "community_safety_change_ratio", Labels: []Label{{"area", `North "West" \ BCU` + "\n"}}, Value: 1, Time: time.UnixMilli(1631059200250)},
			},
			want: `# TYPE community_safety_change_ratio gauge
# HELP community_safety_change_ratio Latest reported relative change.
community_safety_change_ratio{area="North \"West\" \\ BCU\n"} 1 1631059200.250
# EOF
`,
			wantStats: Stats{Written: 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			st, err := Write(&buf, testFamilies, tc.samples, now)
			if err != nil {
				t.Fatalf("Write: %v", err)
			}
			if got := buf.String(); got != tc.want {
				t.Errorf("Write output mismatch (-want +got):\n-%s\n+%s", tc.want, got)
			}
			if st != tc.wantStats {
				t.Errorf("Write stats: -want %+v +got %+v", tc.wantStats, st)
			}
		})
	}
}

func TestWriteUnknownFamily(t *testing.T) {
	_, err := Write(&bytes.Buffer{}, testFamilies, []Sample{{Name: "nope", Time: day("2020-01-01")}}, day("2026-01-01"))
	if err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("Write with an unknown family: got error %v, want one naming the family", err)
	}
}

// TestWriteAcceptedByPromtool feeds Write's output to the real promtool and
// checks the blocks hold every sample at the time it was stamped with. It
// needs promtool on PATH: it is skipped without it, unless
// MINUTES_EXPORTER_E2E is set, when its absence is a failure.
func TestWriteAcceptedByPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("MINUTES_EXPORTER_E2E") != "" {
			t.Fatalf("MINUTES_EXPORTER_E2E is set but promtool is not on PATH: %v", err)
		}
		t.Skip("promtool not on PATH")
	}
	hil := []Label{{"borough", "Hillingdon"}, {"area", "Hillingdon"}, {"category", "burglary"}}
	samples := []Sample{
		// Given out of order on purpose: promtool would drop the earlier one.
		{Name: "community_safety_change_ratio", Labels: hil, Value: -0.39, Time: day("2021-09-08")},
		{Name: "community_safety_change_ratio", Labels: hil, Value: 0.1, Time: day("2019-01-25")},
		{Name: "community_safety_signups", Labels: []Label{{"borough", "Hillingdon"}, {"area", "Hillingdon"}, {"category", "online_watch_link"}}, Value: 17000, Time: day("2021-09-08")},
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "history.om")
	var buf bytes.Buffer
	if _, err := Write(&buf, testFamilies, samples, time.Now()); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	blocks := filepath.Join(dir, "blocks")
	if out, err := exec.Command(promtool, "tsdb", "create-blocks-from", "openmetrics", in, blocks).CombinedOutput(); err != nil {
		t.Fatalf("promtool create-blocks-from openmetrics: %v\n%s", err, out)
	}
	// promtool 2.x dump opens the directory as a database, WAL included.
	if err := os.MkdirAll(filepath.Join(blocks, "wal"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(promtool, "tsdb", "dump", blocks).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool tsdb dump: %v\n%s", err, out)
	}
	got := strings.Fields(string(out))
	// dump prints "{labels} value timestamp-in-ms" per sample.
	for _, want := range []string{"0.1 1548374400000", "-0.39 1631059200000", "17000 1631059200000"} {
		f := strings.Fields(want)
		if !containsPair(got, f[0], f[1]) {
			t.Errorf("promtool tsdb dump lacks sample %q; got:\n%s", want, out)
		}
	}
}

func containsPair(fields []string, a, b string) bool {
	for i := 0; i+1 < len(fields); i++ {
		if fields[i] == a && fields[i+1] == b {
			return true
		}
	}
	return false
}
