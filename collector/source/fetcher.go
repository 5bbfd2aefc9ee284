package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	neturl "net/url"
	"strings"
	"time"

	"github.com/prometheus/common/version"

	"github.com/minutes-exporter/minutes_exporter/collector/hostgate"
	"github.com/minutes-exporter/minutes_exporter/collector/redact"
)

// ProjectURL names the project in the User-Agent, so that a council's web
// team can see who is reading their minutes and why.
const ProjectURL = "https://github.com/minutes-exporter/minutes_exporter"

// Defaults of a Fetcher. Minutes pages are small; 20 MiB fits the largest
// printed-minutes PDFs seen while leaving a misbehaving server no way to
// exhaust memory.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 20 << 20
	DefaultRetries  = 2
	DefaultBackoff  = 2 * time.Second
	maxRedirects    = 10
)

// ErrTooLarge is returned when a body exceeds the fetcher's MaxBytes.
var ErrTooLarge = errors.New("body too large")

// errRedirectLoop stops a chain of redirects that will not end.
var errRedirectLoop = fmt.Errorf("stopped after %d redirects", maxRedirects)

// sharedGate is the Gate of every Fetcher NewFetcher makes: the exporter's
// sources, those of every configuration it reloads included, share their
// politeness to each host and what each host said in a Retry-After.
var sharedGate = hostgate.New()

// Fetcher gets web pages politely: one request at a time per host (through
// its Gate), each attempt with a timeout, a size limit, an honest
// User-Agent, and retries with exponential backoff for failures that may
// pass (network errors, timeouts, 429 and 5xx). A 429 or 503 with a
// Retry-After is retried no sooner than it says; one that asks for longer
// than the Gate waits fails at once, and the host is not asked again before
// then, in this refresh or the next. Its zero value is not usable; use
// NewFetcher. A Fetcher is safe for concurrent use, and its fields may be
// changed before first use.
type Fetcher struct {
	Client    *http.Client
	UserAgent string
	// Timeout bounds each attempt, body included.
	Timeout time.Duration
	// MaxBytes bounds the body; a longer one fails with ErrTooLarge.
	MaxBytes int64
	// Retries is the number of attempts after the first.
	Retries int
	// Backoff is the wait before the first retry; each later wait doubles.
	Backoff time.Duration
	// Gate serialises requests per host and keeps hosts' Retry-After; nil
	// means none.
	Gate *hostgate.Gate
}

// UserAgent returns the User-Agent the exporter sends: the project, its
// version, and a contact address (the project's URL when contact is "").
func UserAgent(contact string) string {
	if contact == "" {
		contact = ProjectURL
	}
	return fmt.Sprintf("minutes_exporter/%s (+%s; contact: %s)", version.Version, ProjectURL, contact)
}

// NewFetcher returns a Fetcher with the defaults above whose User-Agent
// names contact.
func NewFetcher(contact string) *Fetcher {
	return &Fetcher{
		Client: &http.Client{
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= maxRedirects {
					return errRedirectLoop
				}
				return nil
			},
		},
		UserAgent: UserAgent(contact),
		Timeout:   DefaultTimeout,
		MaxBytes:  DefaultMaxBytes,
		Retries:   DefaultRetries,
		Backoff:   DefaultBackoff,
		Gate:      sharedGate,
	}
}

// Response is a fetched page.
type Response struct {
	// URL is the address the body came from, after redirects.
	URL  string
	Body []byte
	// ContentType is the media type from the Content-Type header, lower
	// case and without parameters, or sniffed from the body when the
	// header is missing.
	ContentType string
	// LastModified is the Last-Modified header, or zero.
	LastModified time.Time
}

// Get fetches url, retrying failures that may pass. The error names url.
func (f *Fetcher) Get(ctx context.Context, url string) (Response, error) {
	wait := f.Backoff
	var err, last error
	for attempt := 0; ; attempt++ {
		var resp Response
		var retry bool
		resp, retry, err = f.get(ctx, url)
		if err == nil {
			return resp, nil
		}
		var later *hostgate.RetryLaterError
		if errors.As(err, &later) && last != nil {
			// The host asked for longer than the gate waits; its answer
			// says until when.
			err = last
			break
		}
		if !retry || attempt >= f.Retries || ctx.Err() != nil {
			break
		}
		last = err
		var status statusError
		if errors.As(err, &status) && !status.retryAfter.IsZero() {
			continue // the gate holds the next attempt until then
		}
		select {
		case <-ctx.Done():
			return Response{}, fmt.Errorf("fetch %s: %w (after %v)", redact.URL(url), ctx.Err(), redactError(err))
		case <-time.After(wait):
		}
		wait *= 2
	}
	return Response{}, fmt.Errorf("fetch %s: %w", redact.URL(url), redactError(err))
}

// redactError masks the address net/http puts in its errors, which keeps
// a query's keys (it takes out only a password).
func redactError(err error) error {
	var uerr *neturl.Error
	if errors.As(err, &uerr) {
		uerr.URL = redact.URL(uerr.URL)
	}
	return err
}

// statusError is an HTTP status other than 200.
type statusError struct {
	code int
	// retryAfter is when the host may be asked again, from the
	// Retry-After of a 429 or 503, or zero.
	retryAfter time.Time
}

func (e statusError) Error() string {
	msg := fmt.Sprintf("HTTP status %d %s", e.code, http.StatusText(e.code))
	if !e.retryAfter.IsZero() {
		msg += "; not asked again before " + e.retryAfter.UTC().Format(time.RFC3339) + " (Retry-After)"
	}
	return msg
}

// get makes one attempt and says whether a failure is worth retrying.
func (f *Fetcher) get(ctx context.Context, url string) (Response, bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Response{}, false, err
	}
	if f.Gate != nil {
		release, err := f.Gate.Acquire(ctx, req.URL.Host, 0)
		if err != nil {
			return Response{}, false, err
		}
		defer release()
	}
	if f.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.Timeout)
		defer cancel()
		req = req.WithContext(ctx)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html, text/plain;q=0.9, application/pdf;q=0.8, */*;q=0.1")
	resp, err := f.Client.Do(req)
	if err != nil {
		// A redirect loop will loop again; anything else (refused, reset,
		// timed out) may pass.
		return Response{}, !errors.Is(err, errRedirectLoop), err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		retry := resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
		serr := statusError{code: resp.StatusCode}
		if f.Gate != nil && hostgate.Asks(resp.StatusCode) {
			serr.retryAfter, _ = f.Gate.RetryAfter(req.URL.Host, resp.Header.Get("Retry-After"))
		}
		return Response{}, retry, serr
	}
	if f.MaxBytes > 0 && resp.ContentLength > f.MaxBytes {
		return Response{}, false, fmt.Errorf("%w: Content-Length %d exceeds %d bytes", ErrTooLarge, resp.ContentLength, f.MaxBytes)
	}
	r := io.Reader(resp.Body)
	if f.MaxBytes > 0 {
		r = io.LimitReader(resp.Body, f.MaxBytes+1)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return Response{}, true, fmt.Errorf("read body: %w", err)
	}
	if f.MaxBytes > 0 && int64(len(body)) > f.MaxBytes {
		return Response{}, false, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.MaxBytes)
	}
	if len(body) == 0 {
		return Response{}, false, errors.New("empty body")
	}
	out := Response{URL: resp.Request.URL.String(), Body: body}
	out.ContentType = mediaType(resp.Header.Get("Content-Type"), body)
	if lm, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		out.LastModified = lm
	}
	return out, false, nil
}

// pdfMagic starts every PDF file.
var pdfMagic = []byte("%PDF-")

// mediaType returns the media type of a Content-Type header, or of the body
// when the header is missing or unreadable. A body that starts as a PDF
// does is a PDF whatever the header says: councils' sites serve printed
// minutes as application/octet-stream (a download) as often as not.
func mediaType(header string, body []byte) string {
	if bytes.HasPrefix(body, pdfMagic) {
		return "application/pdf"
	}
	if mt, _, err := mime.ParseMediaType(header); err == nil && mt != "" {
		return strings.ToLower(mt)
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(body))
	return mt
}
