// Package redact takes credentials out of addresses before they are shown:
// the password (or a lone user name, often a token) of a URL's userinfo, and
// the values of query parameters named like a key, token, password or
// signature. The API, the logs and the errors of the exporter show sources'
// addresses through it; the store keeps them as configured, since they name
// the documents it holds.
package redact

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces every credential taken out.
const Mask = "xxxxx"

// secretParts are the parts of a query parameter's name (lower case,
// without '-' and '_') that mark its value as a credential: api_key,
// apikey, access_token, X-Amz-Signature, client_secret, password, sid...
var secretParts = []string{"key", "token", "secret", "password", "passwd", "pwd", "auth", "signature", "credential", "session"}

// secretNames are whole names that do the same.
var secretNames = map[string]bool{"sig": true, "pass": true, "sid": true, "code": true, "jwt": true}

// SecretParam reports whether a query parameter of that name carries a
// credential.
func SecretParam(name string) bool {
	n := strings.NewReplacer("-", "", "_", "", ".", "").Replace(strings.ToLower(name))
	if secretNames[n] {
		return true
	}
	for _, p := range secretParts {
		if strings.Contains(n, p) {
			return true
		}
	}
	return false
}

// URL returns address with its credentials masked: the password of its
// userinfo (a user name alone, which is often a token, is masked whole),
// and the value of each SecretParam of its query. Anything without a
// scheme (a file path) and anything without credentials is returned as
// it is.
func URL(address string) string {
	if !strings.Contains(address, "://") {
		return address
	}
	u, err := url.Parse(address)
	if err != nil {
		return fallback(address)
	}
	changed := false
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), Mask)
		} else {
			u.User = url.User(Mask)
		}
		changed = true
	}
	if u.RawQuery != "" {
		if q, ok := query(u.RawQuery); ok {
			u.RawQuery = q
			changed = true
		}
	}
	if !changed {
		return address
	}
	return u.String()
}

// query masks the secret values of a raw query, keeping its order and
// encoding, and says whether it masked any.
func query(raw string) (string, bool) {
	parts := strings.Split(raw, "&")
	changed := false
	for i, p := range parts {
		name, _, hasValue := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if hasValue && SecretParam(name) {
			k, _, _ := strings.Cut(p, "=")
			parts[i] = k + "=" + Mask
			changed = true
		}
	}
	return strings.Join(parts, "&"), changed
}

// userinfo and param find credentials in what url.Parse refuses.
var (
	userinfo = regexp.MustCompile(`(://)[^/?#@\s]*@`)
	param    = regexp.MustCompile(`([?&;])([^=&#\s]+)=([^&#\s]*)`)
)

func fallback(address string) string {
	out := userinfo.ReplaceAllString(address, "${1}"+Mask+"@")
	return param.ReplaceAllStringFunc(out, func(m string) string {
		sub := param.FindStringSubmatch(m)
		if !SecretParam(sub[2]) {
			return m
		}
		return sub[1] + sub[2] + "=" + Mask
	})
}

// urlInText finds URLs in free text: a scheme, "://", and everything up to
// a space or a quote.
var urlInText = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>` + "`" + `]+`)

// Text returns s with every URL in it masked by URL. Punctuation that ends
// a sentence or closes a bracket right after a URL is kept out of it.
func Text(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlInText.ReplaceAllStringFunc(s, func(m string) string {
		trimmed := strings.TrimRight(m, ".,:;)]}")
		return URL(trimmed) + m[len(trimmed):]
	})
}

// Handler returns a slog.Handler that passes every record on to h with the
// URLs of its message and of its attributes' values (strings, errors and
// anything else that prints as text) masked by Text.
func Handler(h slog.Handler) slog.Handler {
	return handler{h}
}

type handler struct{ next slog.Handler }

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, Text(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = attr(a)
	}
	return handler{h.next.WithAttrs(clean)}
}

func (h handler) WithGroup(name string) slog.Handler { return handler{h.next.WithGroup(name)} }

// attr masks the URLs of an attribute's value.
func attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Text(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]slog.Attr, len(group))
		for i, g := range group {
			clean[i] = attr(g)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(clean...)}
	case slog.KindAny:
		// Errors, URLs, lists of addresses: whatever prints with a URL
		// in it is logged as its masked text.
		if s := fmt.Sprint(v.Any()); strings.Contains(s, "://") {
			if masked := Text(s); masked != s {
				return slog.String(a.Key, masked)
			}
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
