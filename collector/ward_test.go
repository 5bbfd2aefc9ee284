package collector

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// TestWardIsTheDefaultArea configures a dir source with a ward, and a
// manifest giving one file another: each document is parsed with its
// ward, its figures are that ward's, and so they stay when a new parser
// reads the stored texts again.
func TestWardIsTheDefaultArea(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"manifest.yaml": `documents:
  - file: panel.txt
    borough: Barnet
    board: Burnt Oak Ward Panel
    ward: Burnt Oak
    meeting_date: 2024-11-29
  - file: other.txt
    meeting_date: 2024-11-29
`,
		"panel.txt": "Burglary had reduced by 39% (989 fewer offences).\n",
		"other.txt": "Robbery had reduced by 12%.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := ParseConfig([]byte(`sources:
  - name: wards
    kind: dir
    borough: Barnet
    ward: Edgware
    dir: {path: "` + dir + `"}
`))
	if err != nil {
		t.Fatal(err)
	}
	sources, err := NewSources(cfg, source.Env{})
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	got := map[string]parser.Options{}
	recording := func(text string, opts parser.Options) []parser.Figure {
		mu.Lock()
		got[strings.Fields(text)[0]] = opts
		mu.Unlock()
		return parser.Parse(text, opts)
	}
	// Each with its meeting's date, against which relative periods read.
	meeting := time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)
	want := map[string]parser.Options{
		"Burglary": {Borough: "Barnet", Ward: "Burnt Oak", MeetingDate: meeting},
		"Robbery":  {Borough: "Barnet", Ward: "Edgware", MeetingDate: meeting},
	}
	c, st := newTestCollector(t, recording, sources...)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parser options by document (-want +got):\n%s", diff)
	}
	wantMetrics := `community_safety_change_ratio{area="Burnt Oak",borough="Barnet",category="burglary",span="unstated"} -0.39
community_safety_change_ratio{area="Edgware",borough="Barnet",category="robbery",span="unstated"} -0.12`
	if m := metricsText(t, c, "community_safety_change_ratio"); m != wantMetrics {
		t.Errorf("-want\n%s\n+got\n%s", wantMetrics, m)
	}

	// A new parser reads the stored texts again, with their wards.
	clear(got)
	again, err := New(st, Options{Parse: recording, ParserVersion: parser.Version + "-next"})
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("parser options when parsing again (-want +got):\n%s", diff)
	}
	docs, err := st.Documents(context.Background(), store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Ward == "" {
			t.Errorf("stored %s without its ward", d.Address)
		}
	}
	rec := httptest.NewRecorder()
	c.DocumentsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/documents", nil))
	if body := rec.Body.String(); !strings.Contains(body, `"ward":"Burnt Oak"`) {
		t.Errorf("/api/v1/documents does not give the ward:\n%s", body)
	}
}
