package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/pdftext"
)

func needPdftotext(t *testing.T) {
	t.Helper()
	if err := (pdftext.Extractor{}).Available(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must install poppler-utils: %v", err)
		}
		t.Skip(err)
	}
}

func pdfFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "pdftext", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDirPDFs reads a folder with good and bad PDFs: every file is a
// document, each bad one fails alone with its own error, and the good ones
// are read.
func TestDirPDFs(t *testing.T) {
	needPdftotext(t)
	good := pdfFixture(t, "004_93a21cfc603b5b08.pdf")
	dir := t.TempDir()
	files := map[string][]byte{
		"a-good.pdf":      good,
		"b-encrypted.pdf": pdfFixture(t, "encrypted.pdf"),
		"c-scanned.pdf":   pdfFixture(t, "scanned.pdf"),
		"d-truncated.pdf": good[:len(good)/2],
		"e-enormous.pdf":  append(append([]byte{}, good...), make([]byte, 64<<10)...),
		"f-notes.txt":     []byte("Robbery had reduced by 44.7%.\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := NewFetcher("")
	f.MaxBytes = int64(len(good)) + 1024
	src, err := New(Config{Name: "pdfs", Kind: "dir", Dir: &DirConfig{Path: dir}}, Env{HTTP: f})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	errs := map[string]error{}
	fetchErr := src.Fetch(context.Background(), func(d Document) error {
		texts[filepath.Base(d.Address)], _, errs[filepath.Base(d.Address)] = Text(d)
		return nil
	})
	if !errors.Is(fetchErr, ErrTooLarge) || !strings.Contains(fetchErr.Error(), "e-enormous.pdf") {
		t.Errorf("Fetch error = %v, want ErrTooLarge naming e-enormous.pdf", fetchErr)
	}
	for _, tc := range []struct {
		file     string
		want     error
		wantText string
	}{
		{file: "a-good.pdf", wantText: "Burglary had reduced by 39% (989 fewer offences);"},
		{file: "b-encrypted.pdf", want: pdftext.ErrEncrypted},
		{file: "c-scanned.pdf", want: pdftext.ErrNoText},
		{file: "d-truncated.pdf", want: pdftext.ErrTruncated},
		{file: "f-notes.txt", wantText: "Robbery had reduced by 44.7%."},
	} {
		t.Run(tc.file, func(t *testing.T) {
			err := errs[tc.file]
			if tc.want != nil {
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.file) {
					t.Errorf("Text error = %v, want %v naming %s", err, tc.want, tc.file)
				}
				return
			}
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			if !strings.Contains(texts[tc.file], tc.wantText) {
				t.Errorf("text lacks %q", tc.wantText)
			}
		})
	}
}

// TestURLsPDF reads a PDF by address, served with or without its type.
func TestURLsPDF(t *testing.T) {
	needPdftotext(t)
	good := pdfFixture(t, "004_93a21cfc603b5b08.pdf")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/typed.pdf" {
			w.Header().Set("Content-Type", "application/pdf")
		}
		w.Write(good)
	}))
	defer srv.Close()
	f := NewFetcher("")
	f.Client = srv.Client()
	src, err := New(Config{Name: "u", Kind: "urls", URLs: &URLsConfig{Addresses: []string{srv.URL + "/typed.pdf", srv.URL + "/sniffed"}}}, Env{HTTP: f})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = src.Fetch(context.Background(), func(d Document) error {
		n++
		text, _, err := Text(d)
		if err != nil {
			t.Errorf("Text(%s): %v", d.Address, err)
		} else if !strings.Contains(text, "Robbery had reduced by 44.7% (355 fewer offences);") {
			t.Errorf("Text(%s) lacks the robbery figure", d.Address)
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("Fetch() = %v with %d documents, want nil with 2", err, n)
	}
}

// TestURLsPDFMislabelled serves a PDF under the types sites give printed
// minutes, and a binary that is no PDF as a download: the PDFs are read as
// PDFs by their magic number, the binary is still refused as not text. The
// source's borough and ward come with every document.
func TestURLsPDFMislabelled(t *testing.T) {
	good := pdfFixture(t, "004_93a21cfc603b5b08.pdf")
	zip := append([]byte("PK\x03\x04"), make([]byte, 512)...)
	types := map[string]string{
		"/octet-stream":  "application/octet-stream",
		"/with-params":   `application/octet-stream; name="minutes.pdf"`,
		"/download":      "application/force-download",
		"/as-html":       "text/html; charset=utf-8",
		"/zip-as-octets": "application/octet-stream",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", types[r.URL.Path])
		if r.URL.Path == "/zip-as-octets" {
			w.Write(zip)
			return
		}
		w.Write(good)
	}))
	defer srv.Close()
	f := NewFetcher("")
	f.Client = srv.Client()
	var addresses []string
	for _, p := range []string{"/octet-stream", "/with-params", "/download", "/as-html", "/zip-as-octets"} {
		addresses = append(addresses, srv.URL+p)
	}
	src, err := New(Config{Name: "u", Kind: "urls", Borough: "Richmond", Ward: "St Margarets and North Twickenham",
		URLs: &URLsConfig{Addresses: addresses}}, Env{HTTP: f})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var docs []Document
	err = src.Fetch(context.Background(), func(d Document) error {
		got[strings.TrimPrefix(d.Address, srv.URL)] = d.ContentType
		if d.Borough != "Richmond" || d.Ward != "St Margarets and North Twickenham" {
			t.Errorf("%s: borough %q, ward %q, want the source's", d.Address, d.Borough, d.Ward)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	want := map[string]string{
		"/octet-stream": "application/pdf", "/with-params": "application/pdf", "/download": "application/pdf",
		"/as-html": "application/pdf", "/zip-as-octets": "application/octet-stream",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("content types (-want +got):\n%s", diff)
	}
	zipDoc := docs[len(docs)-1]
	if _, _, err := Text(zipDoc); !errors.Is(err, ErrBinary) {
		t.Errorf("Text of a zip served as octets = %v, want ErrBinary", err)
	}

	needPdftotext(t)
	for _, d := range docs[:len(docs)-1] {
		text, _, err := Text(d)
		if err != nil {
			t.Errorf("Text(%s): %v", d.Address, err)
		} else if !strings.Contains(text, "Burglary had reduced by 39% (989 fewer offences);") {
			t.Errorf("Text(%s) lacks the burglary figure", d.Address)
		}
	}
}
