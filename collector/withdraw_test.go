package collector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/backfill"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

func dirSource(t *testing.T, name, folder string) Named {
	t.Helper()
	cfg := source.Config{Name: name, Kind: "dir", Borough: "Barnet", Dir: &source.DirConfig{Path: folder}}
	s, err := source.New(cfg, source.Env{})
	if err != nil {
		t.Fatal(err)
	}
	return Named{Config: cfg, Source: s}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// backfilled returns the categories a backfill of the whole store writes.
func backfilled(t *testing.T, st *store.Store) map[string]bool {
	t.Helper()
	figs, err := st.Figures(context.Background(), store.FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	samples, _ := backfill.FromFigures(figs, nil)
	out := map[string]bool{}
	for _, s := range samples {
		for _, l := range s.Labels {
			if l.Name == "category" {
				out[l.Value] = true
			}
		}
	}
	return out
}

// TestServedFollowsFiles deletes a file from a dir source: its figures stop
// being served at the next refresh, yet stay in the store for backfill,
// and are served again when the file comes back.
func TestServedFollowsFiles(t *testing.T) {
	folder := t.TempDir()
	writeFile(t, filepath.Join(folder, "a.txt"), "burglary -1\n")
	writeFile(t, filepath.Join(folder, "b.txt"), "robbery -2\n")
	c, st := newTestCollector(t, fakeParse(nil), dirSource(t, "dir", folder))
	ctx := context.Background()
	both := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02
minutesexporter_documents{source="dir"} 2`
	onlyA := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
minutesexporter_documents{source="dir"} 1`
	steps := []struct {
		name   string
		change func()
		want   string
	}{
		{"both files", func() {}, both},
		{"b deleted", func() { os.Remove(filepath.Join(folder, "b.txt")) }, onlyA},
		{"b still deleted", func() {}, onlyA},
		{"b back as it was", func() { writeFile(t, filepath.Join(folder, "b.txt"), "robbery -2\n") }, both},
		{"b deleted again", func() { os.Remove(filepath.Join(folder, "b.txt")) }, onlyA},
	}
	for _, s := range steps {
		s.change()
		if err := c.Refresh(ctx); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := metricsText(t, c, "community_safety_change_ratio", "minutesexporter_documents"); got != s.want {
			t.Errorf("%s:\n-want\n%s\n+got\n%s", s.name, s.want, got)
		}
		if b := backfilled(t, st); !b["burglary"] || !b["robbery"] {
			t.Errorf("%s: the backfill has %v, want both files' figures", s.name, b)
		}
	}
	rec := httptest.NewRecorder()
	c.DocumentsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/documents", nil))
	var body struct {
		Documents []struct {
			Address     string `json:"address"`
			WithdrawnAt string `json:"withdrawn_at"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range body.Documents {
		got[filepath.Base(d.Address)] = d.WithdrawnAt
	}
	want := map[string]string{"a.txt": "", "b.txt": fixedNow.Format(time.RFC3339)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("/api/v1/documents withdrawn_at by file (-want +got):\n%s", diff)
	}
}

// TestServedFollowsConfiguration takes a source out of the configuration:
// its figures stop being served at once, without a refresh, and come back
// with it. Taking an address out of a urls source withdraws its page; a
// page that fails to fetch keeps its figures.
func TestServedFollowsConfiguration(t *testing.T) {
	var failing atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		switch r.URL.Path {
		case "/robbery":
			fmt.Fprint(w, "robbery -2\n")
		case "/rape":
			fmt.Fprint(w, "rape 3\n")
		}
	}))
	defer srv.Close()
	folder := t.TempDir()
	writeFile(t, filepath.Join(folder, "a.txt"), "burglary -1\n")
	dir := dirSource(t, "dir", folder)
	web := urlsSource(t, "web", srv.URL+"/robbery")
	webTwo := urlsSource(t, "web", srv.URL+"/robbery", srv.URL+"/rape")

	c, st := newTestCollector(t, fakeParse(nil), dir, webTwo)
	ctx := context.Background()
	if err := c.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	all := `community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="rape",span="unstated"} 0.03
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02`
	if got := metricsText(t, c, "community_safety_change_ratio"); got != all {
		t.Fatalf("after the first refresh:\n-want\n%s\n+got\n%s", all, got)
	}

	steps := []struct {
		name    string
		sources []Named
		refresh bool
		failing bool
		want    string
	}{
		{"dir source removed", []Named{webTwo}, false, false,
			`community_safety_change_ratio{area="Barnet",borough="Barnet",category="rape",span="unstated"} 0.03
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02`},
		{"dir source back", []Named{dir, webTwo}, false, false, all},
		{"the site fails: a fault is not a deletion", []Named{dir, webTwo}, true, true, all},
		{"an address taken out", []Named{dir, web}, true, false,
			`community_safety_change_ratio{area="Barnet",borough="Barnet",category="burglary",span="unstated"} -0.01
community_safety_change_ratio{area="Barnet",borough="Barnet",category="robbery",span="unstated"} -0.02`},
	}
	for _, s := range steps {
		failing.Store(s.failing)
		if err := c.SetSources(s.sources); err != nil {
			t.Fatal(err)
		}
		if s.refresh {
			_ = c.Refresh(ctx) // fails while the site does
		}
		if got := metricsText(t, c, "community_safety_change_ratio"); got != s.want {
			t.Errorf("%s:\n-want\n%s\n+got\n%s", s.name, s.want, got)
		}
	}
	if b := backfilled(t, st); len(b) != 3 {
		t.Errorf("the backfill has %v, want every figure stored", b)
	}
}
