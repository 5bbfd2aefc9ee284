package source

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/prometheus/common/model"

	"github.com/minutes-exporter/minutes_exporter/collector/moderngov"
)

// ModernGovConfig is the section of a `kind: moderngov` source: a council's
// ModernGov site and one committee on it, whose meetings' minutes are read
// from the site's web service or, where that is refused, its pages.
//
//   - name: hillingdon-shp
//     kind: moderngov
//     borough: Hillingdon
//     board: Safer Hillingdon Partnership
//     moderngov:
//     base: https://modgov.example.gov.uk/
//     committee: Safer Hillingdon Partnership Board
//     from: 2019-01-01
type ModernGovConfig struct {
	// Base is the site's root address.
	Base string `yaml:"base"`
	// Committee is the committee's id or its title (any case).
	Committee string `yaml:"committee"`
	// From is the first meeting date read, YYYY-MM-DD. Empty means five
	// years before each refresh.
	From string `yaml:"from,omitempty"`
	// Ahead is how far past today meetings are listed. Meetings still to
	// come are listed but not read. Zero means 30 days.
	Ahead model.Duration `yaml:"ahead,omitempty"`
	// Delay is the least time between two requests to the site. Zero
	// means moderngov.DefaultDelay.
	Delay model.Duration `yaml:"delay,omitempty"`
	// HTTPAuth is sent to the site's host, for a site that asks.
	HTTPAuth `yaml:",inline"`
}

// Defaults of a moderngov source.
const (
	DefaultModernGovYears = 5
	DefaultModernGovAhead = 30 * 24 * time.Hour
)

type moderngovSource struct {
	cfg    Config
	from   time.Time // zero: DefaultModernGovYears before now
	ahead  time.Duration
	client *moderngov.Client
	stamps func(ctx context.Context, source string) (map[string]string, error)
	now    func() time.Time
}

func newModernGov(cfg Config, env Env) (Source, error) {
	c := cfg.ModernGov
	if c == nil {
		return nil, errors.New("kind moderngov needs a moderngov: section")
	}
	if c.Base == "" {
		return nil, errors.New("moderngov: field base is required")
	}
	base, err := moderngov.ParseBase(c.Base)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(c.Committee) == "" {
		return nil, errors.New("moderngov: field committee (an id or a title) is required")
	}
	s := &moderngovSource{cfg: cfg, ahead: time.Duration(c.Ahead), stamps: env.Stamps, now: time.Now}
	if c.From != "" {
		if s.from, err = time.Parse(time.DateOnly, c.From); err != nil {
			return nil, fmt.Errorf("moderngov: from %q is not YYYY-MM-DD", c.From)
		}
	}
	if c.Ahead < 0 || c.Delay < 0 {
		return nil, errors.New("moderngov: ahead and delay must not be negative")
	}
	if s.ahead == 0 {
		s.ahead = DefaultModernGovAhead
	}
	if err := c.HTTPAuth.validate(); err != nil {
		return nil, fmt.Errorf("moderngov: %w", err)
	}
	s.client = &moderngov.Client{
		Base:      base,
		HTTP:      c.HTTPAuth.client(env.HTTP.Client, []string{base.Host}),
		UserAgent: env.HTTP.UserAgent,
		Delay:     time.Duration(c.Delay),
		Timeout:   env.HTTP.Timeout,
		MaxBytes:  env.HTTP.MaxBytes,
		Gate:      env.HTTP.Gate,
		Logger:    env.Logger.With("source", cfg.Name),
	}
	return s, nil
}

// Fetch emits one document per meeting with published minutes: its items'
// minutes as one HTML page, or its printed minutes (a PDF) when the site
// shows no minutes text. Meetings whose document the store already holds
// are not fetched again: ModernGov sends no validators, and published
// minutes do not change.
func (s *moderngovSource) Fetch(ctx context.Context, emit func(Document) error) error {
	now := s.now()
	from := s.from
	if from.IsZero() {
		from = now.AddDate(-DefaultModernGovYears, 0, 0)
	}
	held := map[string]string{}
	if s.stamps != nil {
		var err error
		if held, err = s.stamps(ctx, s.cfg.Name); err != nil {
			return fmt.Errorf("moderngov %s: %w", s.cfg.ModernGov.Base, err)
		}
	}
	q := moderngov.Query{Committee: s.cfg.ModernGov.Committee, From: from, To: now.Add(s.ahead)}
	skip := func(_ moderngov.Meeting, address string) bool {
		_, ok := held[address]
		return ok
	}
	err := s.client.Fetch(ctx, q, skip, func(m moderngov.Meeting) error {
		return emit(s.document(m))
	})
	if err != nil {
		return fmt.Errorf("moderngov %s committee %q: %w", s.cfg.ModernGov.Base, s.cfg.ModernGov.Committee, err)
	}
	return nil
}

// document makes the Document of a meeting, dated by ModernGov.
func (s *moderngovSource) document(m moderngov.Meeting) Document {
	board := s.cfg.Board
	if committee := strings.TrimSpace(s.cfg.ModernGov.Committee); board == "" && strings.Trim(committee, "0123456789") != "" {
		board = committee
	}
	title := strings.TrimSpace(board + " " + m.Date.Format("2 January 2006"))
	d := Document{
		Source:      s.cfg.Name,
		Address:     s.client.Address(m),
		Title:       title,
		Body:        []byte(m.HTML(board)),
		ContentType: "text/html",
		MeetingDate: m.Date,
		DateFrom:    DateModernGov,
		Borough:     s.cfg.Borough,
		Board:       board,
		Ward:        s.cfg.Ward,
	}
	if len(m.Items) == 0 && m.PrintedMinutes != nil {
		d.Title = strings.TrimSpace(title + " printed minutes")
		d.Body = m.PrintedMinutes.Body
		d.ContentType = m.PrintedMinutes.ContentType
	}
	return d
}
