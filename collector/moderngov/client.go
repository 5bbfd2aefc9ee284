// Package moderngov reads the meetings and minutes of a committee from a
// council's ModernGov site: from its web service (mgWebService.asmx) where
// that answers, else from its public HTML pages (ieListMeetings.aspx,
// ieListDocuments.aspx, mgAi.aspx).
//
// It is polite by construction: one request at a time per host with a delay
// between requests, an honest User-Agent, robots.txt obeyed, and meetings
// the caller already holds not fetched again.
package moderngov

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/hostgate"
)

// Defaults for a Client's zero fields.
const (
	DefaultDelay     = 2 * time.Second
	DefaultTimeout   = 30 * time.Second
	DefaultMaxBytes  = 20 << 20
	DefaultUserAgent = "minutes_exporter (+https://github.com/minutes-exporter/minutes_exporter)"
	// robotsTTL is how long a host's robots.txt is trusted.
	robotsTTL = 24 * time.Hour
)

// Errors a caller can tell apart with errors.Is.
var (
	// ErrDisallowed means the site's robots.txt forbids the path.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrServiceRefused means the web service is disabled, forbidden or
	// answered something other than XML; the HTML pages are used instead.
	ErrServiceRefused = errors.New("web service refused")
	// ErrMalformed means an answer could not be read.
	ErrMalformed = errors.New("malformed answer")
	// ErrNoCommittee means no committee has the configured title.
	ErrNoCommittee = errors.New("no such committee")
	// ErrTooLarge means an answer was over the size limit.
	ErrTooLarge = errors.New("answer too large")
)

// StatusError is an HTTP status other than 200 OK.
type StatusError struct {
	Code int
	// RetryAfter is when the host may be asked again, from the Retry-After
	// of a 429 or 503 (capped by the Gate), or zero.
	RetryAfter time.Time
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("HTTP status %d %s", e.Code, http.StatusText(e.Code))
	if !e.RetryAfter.IsZero() {
		msg += "; not asked again before " + e.RetryAfter.UTC().Format(time.RFC3339) + " (Retry-After)"
	}
	return msg
}

// Client talks to one ModernGov site. Set its fields before first use; it
// is then safe for concurrent use.
type Client struct {
	// Base is the site's root, e.g. https://democracy.example.gov.uk/.
	Base *url.URL
	// HTTP makes the requests; nil means http.DefaultClient.
	HTTP *http.Client
	// UserAgent names the project and a contact address.
	UserAgent string
	// Delay is the least time between two requests to the same host.
	// Zero means DefaultDelay; a negative value means none (for tests).
	Delay time.Duration
	// Timeout bounds one request. Zero means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes bounds one answer. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Gate serialises requests per host and keeps hosts' Retry-After.
	// Clients that share a Gate share their politeness; nil means one of
	// the Client's own.
	Gate *hostgate.Gate
	// Logger gets debug logs of skipped meetings; nil discards them.
	Logger *slog.Logger
	// Now is the clock, for tests; nil means time.Now.
	Now func() time.Time

	once   sync.Once
	mu     sync.Mutex
	robots map[string]robotsEntry // by scheme://host
}

type robotsEntry struct {
	rules   robotsRules
	fetched time.Time
}

// New returns a Client for the site at base with the defaults.
func New(base string) (*Client, error) {
	u, err := ParseBase(base)
	if err != nil {
		return nil, err
	}
	return &Client{Base: u}, nil
}

// ParseBase checks a site's root address and gives it a trailing slash, so
// page names resolve beneath it.
func ParseBase(base string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("moderngov: base address %q: %w", base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("moderngov: base address %q is not an http or https URL", base)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func (c *Client) init() {
	c.once.Do(func() {
		if c.HTTP == nil {
			c.HTTP = http.DefaultClient
		}
		if c.UserAgent == "" {
			c.UserAgent = DefaultUserAgent
		}
		if c.Delay == 0 {
			c.Delay = DefaultDelay
		}
		if c.Timeout <= 0 {
			c.Timeout = DefaultTimeout
		}
		if c.MaxBytes <= 0 {
			c.MaxBytes = DefaultMaxBytes
		}
		if c.Gate == nil {
			c.Gate = hostgate.New()
		}
		if c.Logger == nil {
			c.Logger = slog.New(slog.DiscardHandler)
		}
		if c.Now == nil {
			c.Now = time.Now
		}
		c.robots = map[string]robotsEntry{}
	})
}

// page resolves a page name with its query against the site's root.
func (c *Client) page(name string, query url.Values) string {
	u := c.Base.ResolveReference(&url.URL{Path: name})
	u.RawQuery = query.Encode()
	return u.String()
}

// answer is a fetched body with its media type.
type answer struct {
	body        []byte
	contentType string
	url         string
}

// get fetches u politely: after robots.txt allows it, alone on its host,
// and no sooner than Delay after the host's last request.
func (c *Client) get(ctx context.Context, u string) (answer, error) {
	c.init()
	parsed, err := url.Parse(u)
	if err != nil {
		return answer{}, fmt.Errorf("fetch %s: %w", u, err)
	}
	rules, err := c.robotsFor(ctx, parsed)
	if err != nil {
		return answer{}, fmt.Errorf("fetch %s: %w", u, err)
	}
	if !rules.allowed(parsed.RequestURI()) {
		return answer{}, fmt.Errorf("fetch %s: %w", u, ErrDisallowed)
	}
	// The body of an error status goes back too: the web service says in
	// it when a method is disabled.
	a, err := c.fetch(ctx, parsed)
	if err != nil {
		return a, fmt.Errorf("fetch %s: %w", u, err)
	}
	return a, nil
}

// fetch makes one request through the gate.
func (c *Client) fetch(ctx context.Context, u *url.URL) (answer, error) {
	release, err := c.Gate.Acquire(ctx, u.Host, c.Delay)
	if err != nil {
		return answer{}, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "text/xml, application/xml, text/html;q=0.9, application/pdf;q=0.8, */*;q=0.1")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxBytes+1))
	if err != nil {
		return answer{}, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > c.MaxBytes {
		return answer{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.MaxBytes)
	}
	a := answer{body: body, url: resp.Request.URL.String()}
	a.contentType, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if a.contentType == "" {
		a.contentType, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	if resp.StatusCode != http.StatusOK {
		serr := &StatusError{Code: resp.StatusCode}
		if hostgate.Asks(resp.StatusCode) {
			serr.RetryAfter, _ = c.Gate.RetryAfter(u.Host, resp.Header.Get("Retry-After"))
		}
		return a, serr
	}
	return a, nil
}

// robotsFor returns the robots.txt rules of u's host, fetched at most once
// a day. A missing robots.txt (any 4xx) allows everything; one that cannot
// be fetched (5xx, network) is an error, since it may forbid what we want.
func (c *Client) robotsFor(ctx context.Context, u *url.URL) (robotsRules, error) {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e, ok := c.robots[key]
	c.mu.Unlock()
	if ok && c.Now().Sub(e.fetched) < robotsTTL {
		return e.rules, nil
	}
	robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	a, err := c.fetch(ctx, robotsURL)
	var status *StatusError
	switch {
	case errors.As(err, &status) && status.Code >= 400 && status.Code < 500:
		e = robotsEntry{fetched: c.Now()}
	case err != nil:
		return robotsRules{}, fmt.Errorf("read %s: %w", robotsURL, err)
	default:
		e = robotsEntry{rules: parseRobots(string(a.body), "minutes_exporter"), fetched: c.Now()}
	}
	c.mu.Lock()
	c.robots[key] = e
	c.mu.Unlock()
	return e.rules, nil
}
