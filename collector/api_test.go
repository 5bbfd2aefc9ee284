package collector

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

func TestFiguresAPI(t *testing.T) {
	m := &memSource{docs: []source.Document{
		memDoc("a", "burglary -39\nrobbery -44.7\n", 1),
		memDoc("b", "burglary -7\n", 20),
	}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Document, Category, Quote, MeetingDate string
		Value                                  float64
	}
	tests := []struct {
		name     string
		query    string
		wantCode int
		want     []row
		wantErr  string
	}{
		{name: "all", query: "", wantCode: 200, want: []row{
			{"a", "burglary", "burglary -39", "2024-11-01", -39},
			{"a", "robbery", "robbery -44.7", "2024-11-01", -44.7},
			{"b", "burglary", "burglary -7", "2024-11-20", -7},
		}},
		{name: "category", query: "?category=robbery&borough=Barnet&area=Barnet&measure=change_percent", wantCode: 200, want: []row{
			{"a", "robbery", "robbery -44.7", "2024-11-01", -44.7},
		}},
		{name: "date range", query: "?from=2024-11-02&to=2024-11-30", wantCode: 200, want: []row{
			{"b", "burglary", "burglary -7", "2024-11-20", -7},
		}},
		{name: "nothing matches", query: "?borough=Hillingdon", wantCode: 200, want: []row{}},
		{name: "bad date", query: "?from=last+week", wantCode: 400, wantErr: `parameter from="last week" is not a date YYYY-MM-DD`},
		{name: "reversed range", query: "?from=2024-12-01&to=2024-11-01", wantCode: 400, wantErr: "parameter to=2024-11-01 is before from=2024-12-01"},
		{name: "unknown category", query: "?category=sheds", wantCode: 400, wantErr: `unknown category "sheds"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c.FiguresHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/figures"+tt.query, nil))
			if rec.Code != tt.wantCode {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.wantCode, rec.Body)
			}
			if tt.wantErr != "" {
				var e struct{ Error string }
				json.Unmarshal(rec.Body.Bytes(), &e)
				if e.Error != tt.wantErr {
					t.Errorf("error -want %q +got %q", tt.wantErr, e.Error)
				}
				return
			}
			var body struct {
				Figures []struct {
					Document, Category, Quote string
					MeetingDate               string `json:"meeting_date"`
					Value                     float64
				}
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			got := []row{}
			for _, f := range body.Figures {
				got = append(got, row{f.Document, f.Category, f.Quote, f.MeetingDate, f.Value})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("figures (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDocumentsAPI(t *testing.T) {
	m := &memSource{docs: []source.Document{memDoc("a", "burglary -39\n", 1), memDoc("b", "x\n", 20)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	c.DocumentsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/documents?to=2024-11-10", nil))
	var body struct {
		Documents []map[string]any
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Documents) != 1 {
		t.Fatalf("documents = %v, want only a", body.Documents)
	}
	d := body.Documents[0]
	want := map[string]any{"address": "a", "meeting_date": "2024-11-01", "date_from": "manifest", "figures": 1.0, "borough": "Barnet", "fetched_at": "2025-03-01T06:00:00Z"}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("document %s: -want %v +got %v", k, v, d[k])
		}
	}
}

// TestAPIMasksCredentials stores documents whose addresses carry a
// password and a key: neither API shows them, and both still name the
// documents.
func TestAPIMasksCredentials(t *testing.T) {
	const secret, key = "s3cret", "abc123"
	address := "https://perf:" + secret + "@intranet.example.gov.uk/minutes?api_key=" + key + "&page=2"
	masked := "https://perf:xxxxx@intranet.example.gov.uk/minutes?api_key=xxxxx&page=2"
	m := &memSource{docs: []source.Document{memDoc(address, "burglary -39\n", 1)}}
	c, _ := newTestCollector(t, fakeParse(nil), Named{Config: source.Config{Name: "mem"}, Source: m})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path  string
		h     http.Handler
		field string
	}{
		{"/api/v1/documents", c.DocumentsHandler(), `"address":"` + masked + `"`},
		{"/api/v1/figures", c.FiguresHandler(), `"document":"` + masked + `"`},
	} {
		rec := httptest.NewRecorder()
		tt.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		body := rec.Body.String()
		if strings.Contains(body, secret) || strings.Contains(body, key) {
			t.Errorf("%s shows a credential:\n%s", tt.path, body)
		}
		if !strings.Contains(body, tt.field) {
			t.Errorf("%s lacks %s:\n%s", tt.path, tt.field, body)
		}
	}
}
