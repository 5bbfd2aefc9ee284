package source

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDirFetch(t *testing.T) {
	mtime := time.Date(2025, 2, 3, 4, 5, 6, 0, time.UTC)
	fsys := fstest.MapFS{
		"manifest.yaml": {Data: []byte(`documents:
  - file: a.txt
    borough: Hillingdon
    board: Safer Hillingdon Partnership
    meeting_date: 2021-09-08
  - file: b.html
    meeting_date: 2024-11-29
`)},
		"a.txt":          {Data: []byte("Burglary had reduced by 39%."), ModTime: mtime},
		"b.html":         {Data: []byte("<p>Robbery rose.</p>"), ModTime: mtime},
		"sub/c.txt":      {Data: []byte("Subfolder."), ModTime: mtime},
		"notes.md":       {Data: []byte("ignored")},
		".hidden/d.txt":  {Data: []byte("ignored")},
		"big.txt":        {Data: []byte(strings.Repeat("x", 2048)), ModTime: mtime},
		"sub/.e.txt":     {Data: []byte("ignored")},
		"unreadable.htm": {Data: []byte("<p>fine</p>"), ModTime: mtime},
	}
	env := Env{HTTP: NewFetcher("")}
	env.HTTP.MaxBytes = 1024
	src, err := New(Config{Name: "barnet", Kind: "dir", Borough: "Barnet", Board: "SCPB",
		Dir: &DirConfig{Path: "minutes", FS: fsys}}, env)
	if err != nil {
		t.Fatal(err)
	}
	var got []Document
	err = src.Fetch(context.Background(), func(d Document) error {
		d.Body = nil
		got = append(got, d)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "minutes/big.txt") || !strings.Contains(err.Error(), "too large") {
		t.Errorf("Fetch error = %v, want one naming minutes/big.txt as too large", err)
	}
	want := []Document{
		{Source: "barnet", Address: "minutes/a.txt", Title: "a.txt", ContentType: "text/plain", ModTime: mtime,
			MeetingDate: time.Date(2021, 9, 8, 0, 0, 0, 0, time.UTC), DateFrom: DateManifest,
			Borough: "Hillingdon", Board: "Safer Hillingdon Partnership"},
		{Source: "barnet", Address: "minutes/b.html", Title: "b.html", ContentType: "text/html", ModTime: mtime,
			MeetingDate: time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC), DateFrom: DateManifest,
			Borough: "Barnet", Board: "SCPB"},
		{Source: "barnet", Address: "minutes/sub/c.txt", Title: "c.txt", ContentType: "text/plain", ModTime: mtime,
			Borough: "Barnet", Board: "SCPB"},
		{Source: "barnet", Address: "minutes/unreadable.htm", Title: "unreadable.htm", ContentType: "text/html", ModTime: mtime,
			Borough: "Barnet", Board: "SCPB"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fetch documents (-want +got):\n%s", diff)
	}
}

// TestDirWard gives a ward by the source's configuration and by manifest
// entries: an entry's ward wins over the source's, and a file without one
// has the source's.
func TestDirWard(t *testing.T) {
	fsys := fstest.MapFS{
		"manifest.yaml": {Data: []byte(`documents:
  - file: panel.txt
    board: Burnt Oak Ward Panel
    ward: Burnt Oak
  - file: board.txt
    board: Safer Communities Partnership Board
`)},
		"panel.txt": {Data: []byte("Burglary fell by 20%.")},
		"board.txt": {Data: []byte("Burglary fell by 7%.")},
		"other.txt": {Data: []byte("Robbery rose by 3%.")},
	}
	for _, tt := range []struct {
		name, ward string
		want       map[string]string
	}{
		{"no source ward", "", map[string]string{"m/board.txt": "", "m/other.txt": "", "m/panel.txt": "Burnt Oak"}},
		{"source ward", "Edgware", map[string]string{"m/board.txt": "Edgware", "m/other.txt": "Edgware", "m/panel.txt": "Burnt Oak"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src, err := New(Config{Name: "barnet", Kind: "dir", Borough: "Barnet", Ward: tt.ward,
				Dir: &DirConfig{Path: "m", FS: fsys}}, Env{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			if err := src.Fetch(context.Background(), func(d Document) error {
				got[d.Address] = d.Ward
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("wards by address (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDirMissingFolder(t *testing.T) {
	src, err := New(Config{Name: "x", Kind: "dir", Dir: &DirConfig{Path: t.TempDir() + "/nope"}}, Env{})
	if err != nil {
		t.Fatal(err)
	}
	err = src.Fetch(context.Background(), func(Document) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "/nope") {
		t.Errorf("Fetch error = %v, want one naming the folder", err)
	}
}

// TestDirStaysInsideFolder links files and folders from outside a dir
// source's folder into it: none is read, each file refused is named in an
// error, and symlinks that stay inside the folder are read as before.
func TestDirStaysInsideFolder(t *testing.T) {
	outside := t.TempDir()
	secret := "Outside the folder: must never be read."
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(outside, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "sub", "more.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := t.TempDir()
	if err := os.WriteFile(filepath.Join(folder, "a.txt"), []byte("Burglary fell by 7%."), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"absolute.txt": filepath.Join(outside, "secret.txt"),
		"relative.txt": filepath.Join("..", filepath.Base(outside), "secret.txt"),
		"linked-dir":   filepath.Join(outside, "sub"),
		"inside.txt":   "a.txt",
		"dangling.txt": "nowhere.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(folder, name)); err != nil {
			t.Fatal(err)
		}
	}
	src, err := New(Config{Name: "barnet", Kind: "dir", Borough: "Barnet", Dir: &DirConfig{Path: folder}}, Env{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	err = src.Fetch(context.Background(), func(d Document) error {
		got[path.Base(d.Address)] = string(d.Body)
		return nil
	})
	want := map[string]string{"a.txt": "Burglary fell by 7%.", "inside.txt": "Burglary fell by 7%."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents read (-want +got):\n%s", diff)
	}
	for _, refused := range []string{"absolute.txt", "relative.txt", "dangling.txt"} {
		if err == nil || !strings.Contains(err.Error(), filepath.ToSlash(filepath.Join(folder, refused))+": not followed") {
			t.Errorf("Fetch error = %v, want one naming %s as not followed", err, refused)
		}
	}
}
