package pdftext_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/pdftext"
	"github.com/minutes-exporter/minutes_exporter/parser"
	"github.com/minutes-exporter/minutes_exporter/seeds"
)

// needPdftotext skips a test that runs pdftotext where it is not installed,
// except on CI, which installs it and must run every test.
func needPdftotext(t *testing.T) {
	t.Helper()
	if err := (pdftext.Extractor{}).Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must install poppler-utils: %v", err)
		}
		t.Skip(err)
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// figureKey is what must match between two readings of the same minutes:
// quotes and offsets differ with line breaks, the figures must not.
func figureKey(f parser.Figure) string {
	return fmt.Sprintf("%s %s %s %g period=%q", f.Area, f.Category, f.Measure, f.Value, f.Period)
}

func figureKeys(text, borough string) []string {
	var keys []string
	for _, f := range parser.Parse(text, parser.Options{Borough: borough}) {
		keys = append(keys, figureKey(f))
	}
	return keys
}

// diffLines returns a "-want +got" listing of the lines where want and got
// differ, position by position, or "" when they are equal.
func diffLines(want, got []string) string {
	var b strings.Builder
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			if i < len(want) {
				fmt.Fprintf(&b, "-%s\n", w)
			}
			if i < len(got) {
				fmt.Fprintf(&b, "+%s\n", g)
			}
		}
	}
	return b.String()
}

// TestSeedPDFFigures checks that the PDF rendering of a seed gives the
// parser the same figures as the seed's text does.
func TestSeedPDFFigures(t *testing.T) {
	needPdftotext(t)
	txt, err := seeds.FS.ReadFile(seedPDF + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := pdftext.Text(context.Background(), readFixture(t, seedPDF+".pdf"))
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	const borough = "Hillingdon"
	wantKeys, gotKeys := figureKeys(string(txt), borough), figureKeys(got, borough)
	if d := diffLines(wantKeys, gotKeys); d != "" {
		t.Errorf("figures from the PDF differ from the .txt's (-want +got):\n%s", d)
	}
	for _, want := range []string{
		"Hillingdon burglary change_percent -39",
		"Hillingdon burglary change_count -989",
	} {
		found := false
		for _, k := range gotKeys {
			found = found || strings.HasPrefix(k, want+" ")
		}
		if !found {
			t.Errorf("no figure %q among the PDF's %d figures", want, len(gotKeys))
		}
	}
}

// TestSeedPDFText checks the text itself, independently of the parser.
func TestSeedPDFText(t *testing.T) {
	needPdftotext(t)
	got, err := pdftext.Text(context.Background(), readFixture(t, seedPDF+".pdf"))
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	for _, tc := range []struct {
		name, substr string
		want         bool
	}{
		{"bullet kept on its own line", "\n· Burglary had reduced by 39% (989 fewer offences);\n", true},
		{"wrapped paragraph joined", "Sergeant Allyson Keith advised that she led ten police officers (Safer Schools Officers (SSOs))", true},
		{"hyphenated word joined", "routinely giving presentations and", true},
		{"running header dropped", "Safer Hillingdon Partnership - Performance Report", false},
		{"page footer dropped", "Page 1 of", false},
		{"paragraph joined over a page break", "young people with early indicators", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if has := strings.Contains(got, tc.substr); has != tc.want {
				t.Errorf("strings.Contains(text, %q) = %v, want %v", tc.substr, has, tc.want)
			}
		})
	}
}

// TestFaults gives each bad input its own clear error.
func TestFaults(t *testing.T) {
	good := readFixture(t, seedPDF+".pdf")
	fakeSlow := filepath.Join(t.TempDir(), "slow-pdftotext")
	if err := os.WriteFile(fakeSlow, []byte("#!/bin/sh\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	fakeFlood := filepath.Join(t.TempDir(), "flood-pdftotext")
	if err := os.WriteFile(fakeFlood, []byte("#!/bin/sh\nexec head -c 100000 /dev/zero\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		extractor pdftext.Extractor
		pdf       []byte
		want      error
		needsTool bool
	}{
		{name: "encrypted", pdf: readFixture(t, "encrypted.pdf"), want: pdftext.ErrEncrypted, needsTool: true},
		{name: "scanned", pdf: readFixture(t, "scanned.pdf"), want: pdftext.ErrNoText, needsTool: true},
		{name: "truncated", pdf: good[:len(good)/2], want: pdftext.ErrTruncated},
		{name: "enormous", extractor: pdftext.Extractor{MaxBytes: 4096}, pdf: good, want: pdftext.ErrTooLarge},
		{name: "not a PDF", pdf: []byte("<html><body>Not found</body></html>"), want: pdftext.ErrNotPDF},
		{name: "empty", pdf: nil, want: pdftext.ErrNotPDF},
		{name: "damaged", pdf: []byte("%PDF-1.4\nthis is not a pdf body\n%%EOF\n"), want: pdftext.ErrDamaged, needsTool: true},
		{name: "pdftotext missing", extractor: pdftext.Extractor{Command: "/nonexistent/pdftotext"}, pdf: good, want: pdftext.ErrNotInstalled},
		{name: "hangs", extractor: pdftext.Extractor{Command: fakeSlow, Timeout: 50 * time.Millisecond}, pdf: good, want: pdftext.ErrTimeout},
		{name: "text too large", extractor: pdftext.Extractor{Command: fakeFlood, MaxBytes: 16 << 10}, pdf: good, want: pdftext.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needsTool {
				needPdftotext(t)
			}
			text, err := tc.extractor.Text(context.Background(), tc.pdf)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Text() error = %v, want %v", err, tc.want)
			}
			if text != "" {
				t.Errorf("Text() returned %d bytes of text with the error", len(text))
			}
		})
	}
}

func TestCancelled(t *testing.T) {
	needPdftotext(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := pdftext.Text(ctx, readFixture(t, seedPDF+".pdf"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Text() error = %v, want context.Canceled", err)
	}
}
