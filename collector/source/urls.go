package source

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/prometheus/common/model"

	"github.com/minutes-exporter/minutes_exporter/collector/redact"
)

// URLsConfig is the section of a `kind: urls` source: web pages (HTML or
// plain text) or PDFs of minutes, each fetched politely with the exporter's
// Fetcher. Timeout, MaxBytes and Retries override the fetcher's defaults
// for this source.
//
// A site that asks who is reading gets the credentials of HTTPAuth. An
// address may carry them too (https://user:password@host/…, ?api_key=…):
// they are masked wherever the address is shown, but the configuration
// then holds them; a password_file keeps them out of it.
type URLsConfig struct {
	Addresses []string       `yaml:"addresses"`
	Timeout   model.Duration `yaml:"timeout,omitempty"`
	MaxBytes  int64          `yaml:"max_bytes,omitempty"`
	Retries   *int           `yaml:"retries,omitempty"`
	HTTPAuth  `yaml:",inline"`
}

type urlsSource struct {
	cfg     Config
	fetcher *Fetcher
}

func newURLs(cfg Config, env Env) (Source, error) {
	c := cfg.URLs
	if c == nil {
		return nil, errors.New("kind urls needs a urls: section")
	}
	if len(c.Addresses) == 0 {
		return nil, errors.New("urls: field addresses needs at least one address")
	}
	seen := map[string]bool{}
	for _, a := range c.Addresses {
		u, err := url.Parse(a)
		if err != nil {
			return nil, fmt.Errorf("urls: address %q: %w", redact.URL(a), redactError(err))
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("urls: address %q is not an http or https URL", redact.URL(a))
		}
		if seen[a] {
			return nil, fmt.Errorf("urls: address %q listed twice", redact.URL(a))
		}
		seen[a] = true
	}
	if c.Timeout < 0 || c.MaxBytes < 0 || (c.Retries != nil && *c.Retries < 0) {
		return nil, errors.New("urls: timeout, max_bytes and retries must not be negative")
	}
	if err := c.HTTPAuth.validate(); err != nil {
		return nil, fmt.Errorf("urls: %w", err)
	}
	f := *env.HTTP
	f.Client = c.HTTPAuth.client(f.Client, hostsOf(c.Addresses...))
	if c.Timeout > 0 {
		f.Timeout = time.Duration(c.Timeout)
	}
	if c.MaxBytes > 0 {
		f.MaxBytes = c.MaxBytes
	}
	if c.Retries != nil {
		f.Retries = *c.Retries
	}
	return &urlsSource{cfg: cfg, fetcher: &f}, nil
}

// List returns the configured addresses, fetched or not.
func (s *urlsSource) List(context.Context) ([]string, error) {
	return append([]string(nil), s.cfg.URLs.Addresses...), nil
}

// Fetch gets each address in the order configured. The document's address
// is the configured one, not where redirects led, so that it stays the same
// across refreshes.
func (s *urlsSource) Fetch(ctx context.Context, emit func(Document) error) error {
	var errs []error
	for _, a := range s.cfg.URLs.Addresses {
		resp, err := s.fetcher.Get(ctx, a)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			errs = append(errs, err)
			continue
		}
		err = emit(Document{
			Source:      s.cfg.Name,
			Address:     a,
			Body:        resp.Body,
			ContentType: resp.ContentType,
			ModTime:     resp.LastModified,
			Borough:     s.cfg.Borough,
			Board:       s.cfg.Board,
			Ward:        s.cfg.Ward,
		})
		if err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}
