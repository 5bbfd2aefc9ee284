package redact

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://user:s3cret@example.gov.uk/minutes/a.html", "https://user:xxxxx@example.gov.uk/minutes/a.html"},
		{"https://ghp_T0KEN@example.gov.uk/a", "https://xxxxx@example.gov.uk/a"},
		{"https://example.gov.uk/a?api_key=abc123&page=2", "https://example.gov.uk/a?api_key=xxxxx&page=2"},
		{"https://example.gov.uk/a?page=2&access_token=abc&X-Amz-Signature=f00&sig=1", "https://example.gov.uk/a?page=2&access_token=xxxxx&X-Amz-Signature=xxxxx&sig=xxxxx"},
		{"https://example.gov.uk/a?apiKey=abc&Password=p&client_secret=c&auth=a&pwd=1", "https://example.gov.uk/a?apiKey=xxxxx&Password=xxxxx&client_secret=xxxxx&auth=xxxxx&pwd=xxxxx"},
		{"https://example.gov.uk/a?%61pi_key=abc", "https://example.gov.uk/a?%61pi_key=xxxxx"},
		{"https://u:p@example.gov.uk/a?token=t#frag", "https://u:xxxxx@example.gov.uk/a?token=xxxxx#frag"},
		// Nothing to take out: as it was, byte for byte.
		{"https://modgov.example.gov.uk/ieListDocuments.aspx?CId=7&MId=101", "https://modgov.example.gov.uk/ieListDocuments.aspx?CId=7&MId=101"},
		{"https://example.gov.uk/Printed%20minutes.pdf", "https://example.gov.uk/Printed%20minutes.pdf"},
		{"seeds/000_4e862872c3731715.txt", "seeds/000_4e862872c3731715.txt"},
		// url.Parse refuses this one (a space in the host); the
		// credentials still go.
		{"https://u:p@exa mple.org/x?key=k", "https://xxxxx@exa mple.org/x?key=xxxxx"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := URL(tt.in); got != tt.want {
				t.Errorf("URL(%q):\n-want %s\n+got  %s", tt.in, tt.want, got)
			}
		})
	}
}

func TestText(t *testing.T) {
	in := `fetch https://u:s3cret@example.gov.uk/a?api_key=abc123: Get "https://u@example.gov.uk/a?api_key=abc123": EOF (see https://example.gov.uk/b?token=t).`
	want := `fetch https://u:xxxxx@example.gov.uk/a?api_key=xxxxx: Get "https://xxxxx@example.gov.uk/a?api_key=xxxxx": EOF (see https://example.gov.uk/b?token=xxxxx).`
	if got := Text(in); got != want {
		t.Errorf("Text:\n-want %s\n+got  %s", want, got)
	}
}

// TestHandler logs credentials every way slog can carry them: none reaches
// the output, and what is not a credential does.
func TestHandler(t *testing.T) {
	const secret, token = "s3cret", "abc123"
	address := "https://perf:" + secret + "@example.gov.uk/a?api_key=" + token + "&page=2"
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			var h slog.Handler = slog.NewTextHandler(&buf, nil)
			if format == "json" {
				h = slog.NewJSONHandler(&buf, nil)
			}
			log := slog.New(Handler(h))
			log.Info("fetching "+address, "address", address)
			log.Error("refresh failed", "err", fmt.Errorf("source web: %w", errors.New("fetch "+address+": HTTP status 500")))
			log.Warn("redirected", "url", u, "addresses", []string{address})
			log.With("source", address).WithGroup("g").Info("grouped", slog.Group("inner", "address", address))
			out := buf.String()
			for _, s := range []string{secret, token} {
				if strings.Contains(out, s) {
					t.Errorf("the log shows the credential %q:\n%s", s, out)
				}
			}
			for _, s := range []string{"perf:xxxxx@example.gov.uk", "api_key=xxxxx", "page=2", "HTTP status 500", "refresh failed"} {
				if !strings.Contains(out, s) {
					t.Errorf("the log lacks %q:\n%s", s, out)
				}
			}
		})
	}
}
