package source

import (
	"fmt"
	"path/filepath"
	"regexp"
)

// Config is one entry of the configuration's `sources:` list: what every
// source has (a name, a kind, the borough and board its minutes belong to)
// and the section of its kind, named after the kind:
//
//   - name: hillingdon
//     kind: urls
//     borough: Hillingdon
//     board: Safer Hillingdon Partnership
//     urls:
//     addresses: [https://example.org/minutes.html]
//
// A new kind adds its section here as a pointer field tagged with its kind
// name.
type Config struct {
	// Name identifies the source in logs, metrics (the `source` label) and
	// the store. It must be unique and match NamePattern.
	Name string `yaml:"name"`
	// Kind is a key of Kinds.
	Kind string `yaml:"kind"`
	// Borough is the council whose minutes these are. A dir source's
	// manifest entry overrides it; when both are empty the borough is
	// detected from the text.
	Borough string `yaml:"borough,omitempty"`
	// Board is the partnership board or committee whose minutes these are.
	Board string `yaml:"board,omitempty"`
	// Ward is the ward or local area the minutes cover, for a ward panel's
	// or an area committee's: the area of every figure the text does not
	// tie to another place. A dir source's manifest entry overrides it.
	Ward string `yaml:"ward,omitempty"`
	// Population, when set, is how many people live in Borough: for a
	// borough the Census file of England and Wales does not hold
	// (Scottish, Northern Irish and Irish councils) or a later estimate
	// than its count of 2021.
	Population *Population `yaml:"population,omitempty"`

	Dir       *DirConfig       `yaml:"dir,omitempty"`
	URLs      *URLsConfig      `yaml:"urls,omitempty"`
	ModernGov *ModernGovConfig `yaml:"moderngov,omitempty"`
}

// NamePattern is the shape of a source name: it becomes a label value.
var NamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// UnmarshalYAML decodes a source entry and checks what can be checked
// without its kind: the name, that the kind is known, and that the only kind
// section present is the kind's own. It uses the decoder's own unmarshal
// function so that unknown fields stay errors in every section.
func (c *Config) UnmarshalYAML(unmarshal func(any) error) error {
	type plain Config
	if err := unmarshal((*plain)(c)); err != nil {
		return err
	}
	var keys map[string]any
	if err := unmarshal(&keys); err != nil {
		return err
	}
	if c.Name == "" {
		return fmt.Errorf("source: field name is required")
	}
	if !NamePattern.MatchString(c.Name) {
		return fmt.Errorf("source %q: name must match %s", c.Name, NamePattern)
	}
	if c.Kind == "" {
		return fmt.Errorf("source %q: field kind is required (one of %v)", c.Name, KindNames())
	}
	if _, ok := Kinds[c.Kind]; !ok {
		return fmt.Errorf("source %q: unknown kind %q (known: %v)", c.Name, c.Kind, KindNames())
	}
	for k := range keys {
		if _, isKind := Kinds[k]; isKind && k != c.Kind {
			return fmt.Errorf("source %q: field %s is for kind %s, but kind is %s", c.Name, k, k, c.Kind)
		}
	}
	if _, ok := keys[c.Kind]; !ok {
		return fmt.Errorf("source %q: kind %s needs a %s: section", c.Name, c.Kind, c.Kind)
	}
	return nil
}

// SetDirectory resolves the relative file paths of c against dir, the
// folder of the configuration file, as Prometheus does: a configuration
// means the same wherever the exporter is started.
func (c *Config) SetDirectory(dir string) {
	if c.Dir != nil && c.Dir.FS == nil {
		c.Dir.Root = joinDir(dir, c.Dir.Path)
	}
	if a := c.httpAuth(); a != nil {
		a.setDirectory(dir)
	}
}

// httpAuth returns the credentials of c's kind section, if it has any.
func (c *Config) httpAuth() *HTTPAuth {
	switch {
	case c.URLs != nil:
		return &c.URLs.HTTPAuth
	case c.ModernGov != nil:
		return &c.ModernGov.HTTPAuth
	}
	return nil
}

// joinDir returns path if it is absolute or empty, and otherwise path
// within dir.
func joinDir(dir, path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// CheckFiles checks what c names on disk, as far as it can without
// fetching anything: that a dir source's folder exists and that its
// manifest reads, and that the files of a source's credentials read.
// --config.check and every load of a configuration file run it.
func (c Config) CheckFiles() error {
	if c.Dir != nil {
		if err := c.Dir.check(); err != nil {
			return fmt.Errorf("source %q: %w", c.Name, err)
		}
	}
	if a := c.httpAuth(); a != nil {
		if err := a.checkFiles(); err != nil {
			return fmt.Errorf("source %q: %s: %w", c.Name, c.Kind, err)
		}
	}
	return nil
}

// Population is a borough's number of residents, with where it comes from
// and the year it counts.
//
//	population: {residents: 514990, year: 2022, source: NRS mid-2022 estimate}
type Population struct {
	Residents int    `yaml:"residents"`
	Year      int    `yaml:"year"`
	Source    string `yaml:"source"`
}

// Check says what is wrong with a population: every field is required,
// since a rate per resident is only as good as what it divides by.
func (p Population) Check() error {
	switch {
	case p.Residents <= 0:
		return fmt.Errorf("population: residents %d must be a number of people above 0", p.Residents)
	case p.Year < 1800 || p.Year > 2200:
		return fmt.Errorf("population: year %d is not the year it counts (e.g. 2022)", p.Year)
	case p.Source == "":
		return fmt.Errorf("population: source is required: who counted or estimated it (e.g. \"NRS mid-2022 estimate\")")
	}
	return nil
}
