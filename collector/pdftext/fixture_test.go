package pdftext_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/seeds"
)

var update = flag.Bool("update", false, "rewrite the generated PDFs in testdata/")

// seedPDF is the seed whose text the minutes fixture renders.
const seedPDF = "004_93a21cfc603b5b08"

// TestGenerateFixtures rewrites testdata/*.pdf from the seeds when run with
// -update; see testdata/README.md.
func TestGenerateFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/*.pdf")
	}
	text, err := seeds.FS.ReadFile(seedPDF + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		seedPDF + ".pdf": writePDF("Safer Hillingdon Partnership - Performance Report", layoutText(string(text))),
		"scanned.pdf":    writePDF("", []pdfPage{{image: true}, {image: true}}),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
