// Package collector gets documents of minutes from the configured sources,
// turns them into text, runs the parser, keeps documents and figures in the
// store, and serves the latest figure of each series (Collector.Gatherer)
// with the exporter's self-metrics (Collector, a prometheus.Collector). A
// refresh that fails for one source leaves every other source's figures,
// and that source's last good ones, in place.
package collector

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/prometheus/common/model"
	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/seeds"
)

// Defaults of a Config.
const (
	// DefaultSchedule refreshes once a day, early: minutes are published a
	// few times a year, and councils' sites are quiet at 6am.
	DefaultSchedule = "0 6 * * *"
	DefaultTimeZone = "Europe/London"
	// DefaultRefreshTimeout bounds one source's part of a refresh: time
	// for a ModernGov committee's first years of meetings at a polite
	// pace, and a stop for a site that hangs.
	DefaultRefreshTimeout = 15 * time.Minute
)

// Config is the exporter's configuration file.
type Config struct {
	// Schedule is a cron spec (five fields, or a descriptor such as
	// "@every 6h") saying when to refresh, in TimeZone.
	Schedule string `yaml:"schedule"`
	// TimeZone is an IANA zone name.
	TimeZone string `yaml:"time_zone"`
	// Contact is the address the User-Agent gives, so that a council's web
	// team can reach whoever runs this exporter.
	Contact string `yaml:"contact"`
	// RefreshTimeout is how long each source's refresh may take; a source
	// still fetching then is stopped and marked down, keeping what it
	// stored.
	RefreshTimeout model.Duration `yaml:"refresh_timeout"`
	// Sources lists where minutes come from.
	Sources []source.Config `yaml:"sources"`

	location *time.Location
}

// Location returns the loaded TimeZone.
func (c *Config) Location() *time.Location {
	if c.location == nil {
		return time.UTC
	}
	return c.location
}

// cronParser reads the five-field specs of crontab(5) and descriptors.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// MinRefreshInterval is the least time a schedule may leave between two
// refreshes. Minutes are published a few times a year; refreshing more
// often than this only loads councils' sites.
const MinRefreshInterval = time.Minute

// parseSchedule reads a schedule spec and refuses one that would refresh
// more often than MinRefreshInterval. A five-field spec cannot (its finest
// field is the minute); "@every" can, and cron takes any duration under a
// second, zero and negative ones included, as one second.
func parseSchedule(spec string) (cron.Schedule, error) {
	sched, err := cronParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", spec, err)
	}
	if every, ok := sched.(cron.ConstantDelaySchedule); ok && every.Delay < MinRefreshInterval {
		return nil, fmt.Errorf("schedule %q: it would refresh every %s (cron runs durations under a second, zero and negative ones too, every second); the least interval is %s",
			spec, every.Delay, MinRefreshInterval)
	}
	return sched, nil
}

// UnmarshalYAML fills in defaults and validates everything but the sources'
// kind sections, which NewSources checks.
func (c *Config) UnmarshalYAML(unmarshal func(any) error) error {
	*c = Config{Schedule: DefaultSchedule, TimeZone: DefaultTimeZone, RefreshTimeout: model.Duration(DefaultRefreshTimeout)}
	type plain Config
	if err := unmarshal((*plain)(c)); err != nil {
		return err
	}
	return c.validate()
}

func (c *Config) validate() error {
	if _, err := parseSchedule(c.Schedule); err != nil {
		return err
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return fmt.Errorf("time_zone %q: %w", c.TimeZone, err)
	}
	c.location = loc
	if c.RefreshTimeout <= 0 {
		return fmt.Errorf("refresh_timeout %v: must be more than 0", c.RefreshTimeout)
	}
	if len(c.Sources) == 0 {
		return errors.New("sources: at least one source is required")
	}
	seen := map[string]bool{}
	populations := map[string]source.Config{} // borough → the source that sets it
	for _, s := range c.Sources {
		if seen[s.Name] {
			return fmt.Errorf("sources: name %q used twice", s.Name)
		}
		seen[s.Name] = true
		for _, p := range []struct{ field, value string }{{"borough", s.Borough}, {"ward", s.Ward}} {
			if err := series.CheckPlace(p.field, p.value); err != nil {
				return fmt.Errorf("source %q: %w", s.Name, err)
			}
		}
		if s.Population == nil {
			continue
		}
		if err := s.Population.Check(); err != nil {
			return fmt.Errorf("source %q: %w", s.Name, err)
		}
		if s.Borough == "" {
			return fmt.Errorf("source %q: population: is the borough's, and the source names no borough", s.Name)
		}
		if other, ok := populations[s.Borough]; ok && *other.Population != *s.Population {
			return fmt.Errorf("source %q: population of %s differs from the one source %q gives", s.Name, s.Borough, other.Name)
		}
		populations[s.Borough] = s
	}
	return nil
}

// unknownField rewrites yaml.v3's message for an unknown field, which names
// an internal type, into one that names only the field.
var unknownField = regexp.MustCompile(`field (\S+) not found in type \S+`)

// ParseConfig decodes a configuration strictly: unknown fields, a bad
// schedule or time zone, and sources that their kind rejects are errors.
func ParseConfig(data []byte) (*Config, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty configuration: at least one source is required")
		}
		return nil, errors.New(unknownField.ReplaceAllString(err.Error(), "unknown field $1"))
	}
	if _, err := NewSources(&c, source.Env{}); err != nil {
		return nil, err
	}
	return &c, nil
}

// LoadConfig reads and checks a configuration file. Relative paths in it
// are resolved against the file's folder, and what they name is checked
// (source.Config.CheckFiles). The error names the file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load config: %w", err)
	}
	c, err := ParseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("load config %s: %w", path, err)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("load config %s: %w", path, err)
	}
	for i := range c.Sources {
		c.Sources[i].SetDirectory(dir)
		if err := c.Sources[i].CheckFiles(); err != nil {
			return nil, fmt.Errorf("load config %s: %w", path, err)
		}
	}
	return c, nil
}

// SeedsConfig is the configuration used when none is given: the five seed
// minutes embedded in the binary, whose manifest gives each its borough,
// board and meeting date.
func SeedsConfig() *Config {
	return &Config{
		Schedule:       DefaultSchedule,
		TimeZone:       DefaultTimeZone,
		RefreshTimeout: model.Duration(DefaultRefreshTimeout),
		Sources: []source.Config{{
			Name: "seeds",
			Kind: "dir",
			Dir:  &source.DirConfig{Path: "seeds", FS: seeds.FS},
		}},
		location: mustLoadLocation(DefaultTimeZone),
	}
}

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Named is a configured source ready to fetch.
type Named struct {
	Config source.Config
	source.Source
	// Timeout bounds the source's part of a refresh; zero means none.
	Timeout time.Duration
}

// NewSources builds the sources of c with env.
func NewSources(c *Config, env source.Env) ([]Named, error) {
	out := make([]Named, 0, len(c.Sources))
	for _, sc := range c.Sources {
		s, err := source.New(sc, env)
		if err != nil {
			return nil, err
		}
		out = append(out, Named{Config: sc, Source: s, Timeout: time.Duration(c.RefreshTimeout)})
	}
	return out, nil
}
