package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"gopkg.in/yaml.v3"
)

// ManifestName is the file a dir source reads its manifest from.
const ManifestName = "manifest.yaml"

// Manifest says whose each file of a folder of minutes is and when its
// meeting was.
type Manifest struct {
	Documents []ManifestEntry `yaml:"documents"`
}

// ManifestEntry describes one file of a folder of minutes.
type ManifestEntry struct {
	File        string `yaml:"file"`
	Borough     string `yaml:"borough"`
	Board       string `yaml:"board"`
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
	seen := map[string]bool{}
	for i, e := range m.Documents {
		if e.File == "" {
			return nil, fmt.Errorf("manifest: document %d has no file", i+1)
		}
		if seen[e.File] {
			return nil, fmt.Errorf("manifest: file %q listed twice", e.File)
		}
		seen[e.File] = true
	}
	return &m, nil
}

// ReadManifest reads ManifestName from fsys. A folder without one has an
// empty manifest, not an error.
func ReadManifest(fsys fs.FS) (*Manifest, error) {
	data, err := fs.ReadFile(fsys, ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	return ParseManifest(data)
}
