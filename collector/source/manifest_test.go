package source

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestManifestPlaces: a manifest's borough and ward become label values, so
// each is checked as the configuration's are; a bad one is an error naming
// the file and the value, not figures silently left unserved.
func TestManifestPlaces(t *testing.T) {
	tests := []struct {
		name, file, data string
		wantErr          string // "" for accepted
	}{
		{"good", ManifestName, "documents:\n  - {file: a.txt, borough: Barnet, ward: Burnt Oak}\n", ""},
		{"ward with quotes and braces", ManifestName, "documents:\n  - {file: a.txt, borough: Barnet, ward: 'Evil\"} x{y=\"1'}\n",
			`manifest: file "a.txt": ward "Evil\"} x{y=\"1" is not a place name`},
		{"borough with a newline", ManifestName, "documents:\n  - {file: a.txt, borough: \"Barnet\\nx\"}\n",
			`manifest: file "a.txt": borough "Barnet\nx" is not a place name`},
		{"ward too long", ManifestName, "documents:\n  - {file: a.txt, ward: " + strings.Repeat("Oak ", 20) + "}\n",
			`manifest: file "a.txt": ward "Oak Oak`},
		{"sources.tsv council", SourcesName, "file\tcouncil\na.txt\tEvil\"} x{y=\"1\n",
			`sources.tsv: row 2: borough "Evil\"} x{y=\"1" is not a place name`},
		{"sources.tsv good", SourcesName, "file\tcouncil\tboard\na.txt\tLondon Borough of Barnet\tBurnt Oak Ward Panel\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.file: {Data: []byte(tt.data)}, "a.txt": {Data: []byte("Burglary had reduced by 39%.")}}
			_, err := ReadManifest(fsys)
			check(t, "ReadManifest", err, tt.wantErr)

			// A dir source with that manifest fails, and emits nothing
			// whose figures could not be served.
			src, err := New(Config{Name: "d", Kind: "dir", Dir: &DirConfig{Path: "minutes", FS: fsys}}, Env{})
			if err != nil {
				t.Fatal(err)
			}
			emitted := 0
			err = src.Fetch(context.Background(), func(Document) error { emitted++; return nil })
			check(t, "Fetch", err, tt.wantErr)
			if tt.wantErr != "" && emitted != 0 {
				t.Errorf("Fetch emitted %d documents despite the bad manifest", emitted)
			}
		})
	}
}

// check fails unless err is nil and want "", or err contains want.
func check(t *testing.T, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: %v, want no error", what, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%s: %v, want an error containing %q", what, err, want)
	}
}

// TestManifestWardFromBoard: an entry whose board names a ward panel, or
// a district's board in a county's minutes, gets that place as its ward
// (the default area of its figures) unless it names a ward itself.
func TestManifestWardFromBoard(t *testing.T) {
	m, err := ParseManifest([]byte(`documents:
  - {file: a.txt, borough: Sutton, board: Sutton South Ward Police Consultative Panel}
  - {file: b.txt, borough: Kent, board: Swale Local Engagement Forum}
  - {file: c.txt, borough: Kent, board: Swale Local Engagement Forum, ward: Sheerness}
  - {file: d.txt, borough: Barnet, board: Safer Communities Partnership Board}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.txt": "Sutton South", "b.txt": "Swale", "c.txt": "Sheerness", "d.txt": ""}
	for file, ward := range want {
		e, ok := m.Lookup(file)
		if !ok || e.Ward != ward {
			t.Errorf("%s: ward %q (found %v), want %q", file, e.Ward, ok, ward)
		}
	}
}

// TestManifestLookup: an entry is found by its file, whether the manifest
// was parsed (and indexed) or written as a literal.
func TestManifestLookup(t *testing.T) {
	parsed, err := ParseManifest([]byte("documents:\n  - {file: a.txt, borough: Barnet}\n  - {file: sub/b.txt, borough: Brent}\n"))
	if err != nil {
		t.Fatal(err)
	}
	tsv, err := ParseSourcesTSV([]byte("file\tcouncil\na.txt\tBarnet\nsub/b.txt\tBrent\n"))
	if err != nil {
		t.Fatal(err)
	}
	literal := &Manifest{Documents: []ManifestEntry{{File: "a.txt", Borough: "Barnet"}, {File: "sub/b.txt", Borough: "Brent"}}}
	for name, m := range map[string]*Manifest{"parsed": parsed, "sources.tsv": tsv, "literal": literal, "nil": nil} {
		for file, want := range map[string]string{"a.txt": "Barnet", "sub/b.txt": "Brent", "b.txt": "", "c.txt": ""} {
			if m == nil {
				want = ""
			}
			e, ok := m.Lookup(file)
			if ok != (want != "") || e.Borough != want {
				t.Errorf("%s: Lookup(%q) = %+v, %v; want borough %q", name, file, e, ok, want)
			}
		}
	}
}
