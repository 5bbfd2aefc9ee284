package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/minutes-exporter/minutes_exporter/collector/moderngov"
	"github.com/minutes-exporter/minutes_exporter/collector/moderngov/moderngovtest"
	"github.com/minutes-exporter/minutes_exporter/collector/pdftext"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// newModernGovSite starts a fake ModernGov site whose printed minutes are
// a real PDF, served as application/octet-stream.
func newModernGovSite(t *testing.T, opts ...moderngovtest.Option) *moderngovtest.Site {
	t.Helper()
	pdf, err := os.ReadFile(filepath.Join("..", "pdftext", "testdata", "004_93a21cfc603b5b08.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return moderngovtest.NewSite(t, append([]moderngovtest.Option{moderngovtest.WithPDF("application/octet-stream", pdf)}, opts...)...)
}

// newTestModernGov decodes a moderngov source's configuration as the
// exporter does and builds it against site, with a fixed today.
func newTestModernGov(t *testing.T, site *moderngovtest.Site, stamps map[string]string) Source {
	t.Helper()
	var cfg Config
	text := fmt.Sprintf(`
name: hillingdon-shp
kind: moderngov
borough: Hillingdon
board: Safer Hillingdon Partnership
moderngov:
  base: %s
  committee: "7"
  from: 2021-01-01
  delay: 1ms
`, site.URL)
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf("decode config: %v", err)
	}
	f := NewFetcher("test@example.org")
	f.Client = site.Client()
	src, err := New(cfg, Env{HTTP: f, Stamps: func(_ context.Context, source string) (map[string]string, error) {
		if source != "hillingdon-shp" {
			return nil, fmt.Errorf("stamps asked for source %q", source)
		}
		return stamps, nil
	}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	today := func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	src.(*moderngovSource).now = today
	src.(*moderngovSource).client.Now = today
	return src
}

func fetchDocs(t *testing.T, src Source) ([]Document, error) {
	t.Helper()
	var docs []Document
	err := src.Fetch(context.Background(), func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	return docs, err
}

// docSummary is what a document says about itself, without its body.
type docSummary struct {
	Address, Title, ContentType, Borough, Board, Date string
	DateFrom                                          DateFrom
}

func summarize(site *moderngovtest.Site, docs []Document) []docSummary {
	var out []docSummary
	for _, d := range docs {
		out = append(out, docSummary{
			Address: strings.TrimPrefix(d.Address, site.URL), Title: d.Title, ContentType: d.ContentType,
			Borough: d.Borough, Board: d.Board, Date: d.MeetingDate.Format(time.DateOnly), DateFrom: d.DateFrom,
		})
	}
	return out
}

func hasFigure(figs []parser.Figure, category string, m parser.Measure, v float64) bool {
	for _, f := range figs {
		if f.Category == category && f.Measure == m && f.Value == v {
			return true
		}
	}
	return false
}

func TestModernGovFetch(t *testing.T) {
	site := newModernGovSite(t)
	stamps := map[string]string{}
	docs, err := fetchDocs(t, newTestModernGov(t, site, stamps))
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	want := []docSummary{
		{Address: "/ieListDocuments.aspx?CId=7&MId=101", Title: "Safer Hillingdon Partnership 8 September 2021", ContentType: "text/html",
			Borough: "Hillingdon", Board: "Safer Hillingdon Partnership", Date: "2021-09-08", DateFrom: DateModernGov},
		{Address: "/ieListDocuments.aspx?CId=7&MId=105", Title: "Safer Hillingdon Partnership 9 March 2022", ContentType: "text/html",
			Borough: "Hillingdon", Board: "Safer Hillingdon Partnership", Date: "2022-03-09", DateFrom: DateModernGov},
	}
	if d := cmp.Diff(want, summarize(site, docs)); d != "" {
		t.Fatalf("documents (-want +got):\n%s", d)
	}
	text, _, err := Text(docs[0])
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	for _, s := range []string{"Safer Hillingdon Partnership Performance Report & Update", "Burglary had reduced by 39% (989 fewer offences);"} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q:\n%s", s, text)
		}
	}
	figs := parser.Parse(text, parser.Options{Borough: docs[0].Borough})
	for _, f := range []struct {
		category string
		measure  parser.Measure
		value    float64
	}{
		{"burglary", parser.ChangePercent, -39},
		{"burglary", parser.ChangeCount, -989},
		{"robbery", parser.ChangePercent, -44.7},
	} {
		if !hasFigure(figs, f.category, f.measure, f.value) {
			t.Errorf("no figure %s %s %g among %d", f.category, f.measure, f.value, len(figs))
		}
	}

	// A second refresh, with both documents stored, fetches nothing new:
	// it lists the meetings and asks again only for the one whose minutes
	// were not yet published.
	for _, d := range docs {
		stamps[d.Address] = "stamp"
	}
	before := site.Total()
	again, err := fetchDocs(t, newTestModernGov(t, site, stamps))
	if err != nil {
		t.Fatalf("second Fetch: %v", err)
	}
	if len(again) != 0 {
		t.Errorf("second refresh emitted %d documents, want 0", len(again))
	}
	if d := cmp.Diff([]string{"robots", "GetMeetings:7", "GetMeeting:102"}, site.Since(before)); d != "" {
		t.Errorf("second refresh requests (-want +got):\n%s", d)
	}
}

func TestModernGovPrintedMinutes(t *testing.T) {
	if err := (pdftext.Extractor{}).Available(); err != nil && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	site := newModernGovSite(t, moderngovtest.WithFault(moderngovtest.Service, moderngovtest.Status(http.StatusForbidden)))
	docs, err := fetchDocs(t, newTestModernGov(t, site, nil))
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if len(docs) != 2 || docs[1].ContentType != "application/pdf" {
		t.Fatalf("documents = %+v, want meeting 101's page and meeting 105's printed minutes", summarize(site, docs))
	}
	text, _, err := Text(docs[1])
	if err != nil {
		t.Fatalf("Text of printed minutes: %v", err)
	}
	if !strings.Contains(text, "Burglary had reduced by 39% (989 fewer offences);") {
		t.Errorf("printed minutes text lacks the burglary figure:\n%.500s", text)
	}
}

// TestModernGovFaults checks that a fault is an error on the source that
// names it, and that the meetings it does not touch still come.
func TestModernGovFaults(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     []moderngovtest.Option
		want     error
		wantMsg  string
		wantDocs int
	}{
		{
			name: "malformed XML for one meeting",
			opts: []moderngovtest.Option{moderngovtest.WithFault("GetMeeting:101", moderngovtest.MalformedXML)},
			want: moderngov.ErrMalformed, wantMsg: "meeting 101 of 2021-09-08", wantDocs: 1,
		},
		{
			// A 404 from the service is a refusal: the page is tried, and
			// is missing too.
			name: "404 for one meeting",
			opts: []moderngovtest.Option{
				moderngovtest.WithFault("GetMeeting:105", http.NotFound),
				moderngovtest.WithFault("ieListDocuments:105", http.NotFound),
			},
			wantMsg: "HTTP status 404", wantDocs: 1,
		},
		{
			name: "robots.txt disallows everything",
			opts: []moderngovtest.Option{moderngovtest.WithRobots("User-agent: *\nDisallow: /\n")},
			want: moderngov.ErrDisallowed, wantMsg: `committee "7"`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newModernGovSite(t, tc.opts...)
			docs, err := fetchDocs(t, newTestModernGov(t, site, nil))
			if err == nil {
				t.Fatal("Fetch succeeded, want an error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Fetch error = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) || !strings.Contains(err.Error(), site.URL) {
				t.Errorf("Fetch error = %q, want it to name the site and %q", err, tc.wantMsg)
			}
			if len(docs) != tc.wantDocs {
				t.Errorf("Fetch emitted %d documents, want %d", len(docs), tc.wantDocs)
			}
		})
	}
}

func TestModernGovConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, section, want string
	}{
		{"no base", "committee: 7", "moderngov: field base is required"},
		{"base not http", "base: ftp://x.example/\n  committee: 7", "is not an http or https URL"},
		{"no committee", "base: https://x.example/", "moderngov: field committee (an id or a title) is required"},
		{"bad from", "base: https://x.example/\n  committee: 7\n  from: 1/1/2020", `moderngov: from "1/1/2020" is not YYYY-MM-DD`},
		{"unknown field", "base: https://x.example/\n  committee: 7\n  comittee: 8", "field comittee not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "name: x\nkind: moderngov\nmoderngov:\n  " + tc.section + "\n"
			dec := yaml.NewDecoder(strings.NewReader(text))
			dec.KnownFields(true)
			var cfg Config
			err := dec.Decode(&cfg)
			if err == nil {
				_, err = New(cfg, Env{})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
