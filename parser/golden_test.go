package parser

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// labelledSets are the sets of minutes whose figures are labelled by hand
// (../testdata): each has a golden file of its whole extraction, so that
// any change to any figure shows in review and fails here until the
// goldens are rewritten on purpose.
var labelledSets = []struct{ name, docs string }{
	{"seeds", "../seeds"},
	{"corpus", "../testdata/corpus/docs"},
	{"corpus2", "../testdata/corpus2/docs"},
	{"synthetic-set1", "../testdata/synthetic/set1/docs"},
	{"synthetic-set2", "../testdata/synthetic/set2/docs"},
	{"synthetic-set3", "../testdata/synthetic/set3/docs"},
	{"synthetic-set4", "../testdata/synthetic/set4/docs"},
	{"synthetic-set5", "../testdata/synthetic/set5/docs"},
}

// goldenDir holds one <set>.jsonl a set, and versionFile the parser
// version the goldens were made with beside their hash.
const (
	goldenDir   = "testdata/golden"
	versionFile = "testdata/golden/VERSION"
)

// goldenFigure is a figure as a golden file keeps it: its document's name
// and every field the parser sets.
type goldenFigure struct {
	Document string `json:"document"`
	Borough  string `json:"borough"`
	Figure
}

// extractSet parses every .txt of a set's folder the way extract does: the
// borough and ward from the manifest beside the documents or in the
// folder above, else detected from the text.
func extractSet(t *testing.T, dir string) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no documents in %s (%v)", dir, err)
	}
	sort.Strings(files)
	manifest := readTestManifest(t, dir)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(file)
		opts, ok := manifest[name]
		if !ok || opts.Borough == "" {
			opts.Borough = DetectBorough(string(data))
		}
		for _, f := range Parse(string(data), opts) {
			if err := enc.Encode(goldenFigure{Document: name, Borough: opts.Borough, Figure: f}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return buf.Bytes()
}

// readTestManifest reads the borough and ward of each document from a
// manifest.yaml in dir or the folder above it.
func readTestManifest(t *testing.T, dir string) map[string]Options {
	t.Helper()
	out := map[string]Options{}
	for _, d := range []string{dir, filepath.Dir(dir)} {
		data, err := os.ReadFile(filepath.Join(d, "manifest.yaml"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Documents []struct {
				File    string `yaml:"file"`
				Borough string `yaml:"borough"`
				Board   string `yaml:"board"`
				Ward    string `yaml:"ward"`
			} `yaml:"documents"`
		}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for _, e := range m.Documents {
			if e.Ward == "" {
				e.Ward = BoardArea(e.Board, e.Borough) // as the exporter reads a manifest
			}
			out[e.File] = Options{Borough: e.Borough, Ward: e.Ward}
		}
		return out
	}
	return out
}

// TestGoldens compares the whole extraction of every labelled set with its
// golden file. With -update it rewrites them, but only once Version has
// moved past the version the old goldens were made with: a stored document
// is parsed again only when the version changes, so figures must never
// change under the same version.
func TestGoldens(t *testing.T) {
	got := map[string][]byte{}
	for _, set := range labelledSets {
		got[set.name] = extractSet(t, set.docs)
	}
	recordedVersion, recordedHash := readVersionFile(t)
	hash := goldenHash(got)
	if *update {
		// A set new to the goldens changes no figure that was stored; a
		// changed golden file does, and needs a new version.
		for name, data := range got {
			old, err := os.ReadFile(filepath.Join(goldenDir, name+".jsonl"))
			if err == nil && !bytes.Equal(old, data) && recordedVersion == Version {
				t.Fatalf("the golden %s would change but parser.Version is still %q: bump it, then run -update again", name, Version)
			}
		}
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			if err := os.WriteFile(filepath.Join(goldenDir, name+".jsonl"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		content := fmt.Sprintf("# parser.Version and the sha256 of the goldens it made; written by go test ./parser -update\n%s %s\n", Version, hash)
		if err := os.WriteFile(versionFile, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, set := range labelledSets {
		want, err := os.ReadFile(filepath.Join(goldenDir, set.name+".jsonl"))
		if err != nil {
			t.Fatalf("%v (run go test ./parser -run TestGoldens -update to create it)", err)
		}
		if !bytes.Equal(got[set.name], want) {
			t.Errorf("%s: the extraction differs from its golden (-want +got):\n%s", set.name, goldenDiff(string(want), string(got[set.name])))
		}
	}
	if recordedVersion != Version {
		t.Errorf("parser.Version is %q but the goldens were made with %q: run go test ./parser -run TestGoldens -update", Version, recordedVersion)
	}
	if recordedHash != hash {
		t.Errorf("%s records hash %s, the goldens hash to %s", versionFile, recordedHash, hash)
	}
}

// TestGoldenVersionMoves checks the VERSION file against the goldens on
// disk: a golden file edited or rewritten without moving parser.Version
// fails here even when the extraction matches it.
func TestGoldenVersionMoves(t *testing.T) {
	files := map[string][]byte{}
	for _, set := range labelledSets {
		data, err := os.ReadFile(filepath.Join(goldenDir, set.name+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		files[set.name] = data
	}
	version, hash := readVersionFile(t)
	if got := goldenHash(files); got != hash {
		t.Errorf("the goldens hash to %s but %s records %s under version %q: the goldens changed without a new parser.Version", got, versionFile, hash, version)
	}
}

// readVersionFile returns the version and hash recorded beside the goldens.
func readVersionFile(t *testing.T) (version, hash string) {
	t.Helper()
	data, err := os.ReadFile(versionFile)
	if os.IsNotExist(err) {
		return "", ""
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && !strings.HasPrefix(line, "#") {
			return f[0], f[1]
		}
	}
	t.Fatalf("%s holds no version and hash", versionFile)
	return "", ""
}

// goldenHash hashes the golden files' names and contents in name order.
func goldenHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(files[n]))
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goldenDiff lists the lines only in want (-) and only in got (+).
func goldenDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(s, "\n") {
			m[l]++
		}
		return m
	}
	wm, gm := count(want), count(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if gm[l] > 0 {
			gm[l]--
			continue
		}
		fmt.Fprintf(&b, "- %s\n", l)
	}
	for _, l := range strings.Split(got, "\n") {
		if wm[l] > 0 {
			wm[l]--
			continue
		}
		fmt.Fprintf(&b, "+ %s\n", l)
	}
	return b.String()
}
