package source

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// ManifestName is the file a dir source reads its manifest from.
const ManifestName = "manifest.yaml"

// Manifest says whose each file of a folder of minutes is and when its
// meeting was.
type Manifest struct {
	Documents []ManifestEntry `yaml:"documents"`
	// byFile indexes Documents by file name, so that a folder of
	// thousands of files is not a scan of the manifest per file. Built
	// by ParseManifest and ParseSourcesTSV; a Manifest made otherwise is
	// scanned.
	byFile map[string]int
}

// ManifestEntry describes one file of a folder of minutes.
type ManifestEntry struct {
	File    string `yaml:"file"`
	Borough string `yaml:"borough"`
	Board   string `yaml:"board"`
	// Ward is the ward a ward panel's minutes cover; empty for a
	// borough-wide board.
	Ward        string `yaml:"ward"`
	MeetingDate Date   `yaml:"meeting_date"`
	// Approximate marks a meeting date inferred from the text rather than
	// stated in it.
	Approximate bool   `yaml:"approximate"`
	Note        string `yaml:"note"`
}

// Date is a calendar date written YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalYAML reads a YYYY-MM-DD date.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("line %d: meeting_date %q is not YYYY-MM-DD", n.Line, n.Value)
	}
	d.Time = t
	return nil
}

// Lookup returns the entry for a file name, if the manifest has one.
func (m *Manifest) Lookup(file string) (ManifestEntry, bool) {
	if m == nil {
		return ManifestEntry{}, false
	}
	if m.byFile != nil {
		if i, ok := m.byFile[file]; ok {
			return m.Documents[i], true
		}
		return ManifestEntry{}, false
	}
	for _, e := range m.Documents {
		if e.File == file {
			return e, true
		}
	}
	return ManifestEntry{}, false
}

// ParseManifest decodes a manifest strictly: unknown fields are errors.
func ParseManifest(data []byte) (*Manifest, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var m Manifest
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	m.byFile = make(map[string]int, len(m.Documents))
	for i, e := range m.Documents {
		if e.File == "" {
			return nil, fmt.Errorf("manifest: document %d has no file", i+1)
		}
		if _, ok := m.byFile[e.File]; ok {
			return nil, fmt.Errorf("manifest: file %q listed twice", e.File)
		}
		m.byFile[e.File] = i
		if e.Ward == "" {
			e.Ward = parser.BoardArea(e.Board, e.Borough)
			m.Documents[i].Ward = e.Ward
		}
		if err := e.checkPlaces(); err != nil {
			return nil, fmt.Errorf("manifest: file %q: %w", e.File, err)
		}
	}
	return &m, nil
}

// checkPlaces checks the entry's borough and ward as the configuration's
// are checked: each becomes a label value of the document's figures.
func (e ManifestEntry) checkPlaces() error {
	if err := series.CheckPlace("borough", e.Borough); err != nil {
		return err
	}
	return series.CheckPlace("ward", e.Ward)
}

// ReadManifest reads ManifestName from fsys, or else SourcesName. A folder
// with neither has an empty manifest, not an error.
func ReadManifest(fsys fs.FS) (*Manifest, error) {
	data, err := fs.ReadFile(fsys, ManifestName)
	if err == nil {
		return ParseManifest(data)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	data, err = fs.ReadFile(fsys, SourcesName)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	return ParseSourcesTSV(data)
}

// SourcesName is the tab-separated form of a manifest: one row a file, with
// a header naming at least the columns file and council, and optionally
// board and meeting_date (YYYY-MM-DD, may be empty).
const SourcesName = "sources.tsv"

// ParseSourcesTSV reads a manifest from its tab-separated form. Councils
// written formally ("London Borough of Barnet") become their short names,
// and a ward panel's ward is read from its board's name.
func ParseSourcesTSV(data []byte) (*Manifest, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = '\t'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", SourcesName, err)
	}
	if len(rows) == 0 {
		return &Manifest{}, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	fileCol, ok1 := col["file"]
	councilCol, ok2 := col["council"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%s: header must name the columns file and council", SourcesName)
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	m := &Manifest{byFile: map[string]int{}}
	for n, row := range rows[1:] {
		if len(row) <= max(fileCol, councilCol) {
			return nil, fmt.Errorf("%s: row %d has %d columns", SourcesName, n+2, len(row))
		}
		e := ManifestEntry{
			File:    strings.TrimSpace(row[fileCol]),
			Borough: parser.CouncilName(row[councilCol]),
			Board:   get(row, "board"),
		}
		e.Ward = parser.BoardArea(e.Board, e.Borough)
		if d := get(row, "meeting_date"); d != "" {
			t, err := time.Parse(time.DateOnly, d)
			if err != nil {
				return nil, fmt.Errorf("%s: row %d: meeting_date %q is not YYYY-MM-DD", SourcesName, n+2, d)
			}
			e.MeetingDate = Date{t}
		}
		if _, seen := m.byFile[e.File]; e.File == "" || seen {
			return nil, fmt.Errorf("%s: row %d: file %q missing or listed twice", SourcesName, n+2, e.File)
		}
		if err := e.checkPlaces(); err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", SourcesName, n+2, err)
		}
		m.byFile[e.File] = len(m.Documents)
		m.Documents = append(m.Documents, e)
	}
	return m, nil
}
