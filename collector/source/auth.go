package source

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// HTTPAuth is how a urls or moderngov source proves who it is to a site
// that asks, in the shape of Prometheus' HTTP client configuration: basic
// auth, and request headers, each from the configuration or from a file
// read at every request (so that a rotated secret needs no reload, and no
// secret need be written in the configuration):
//
//	basic_auth:
//	  username: perf-team
//	  password_file: secrets/intranet.password
//	http_headers:
//	  X-Api-Key:
//	    files: [secrets/api.key]
//
// Both go only to the hosts of the source's own addresses, never to a
// host a redirect leads to.
type HTTPAuth struct {
	BasicAuth *BasicAuth        `yaml:"basic_auth,omitempty"`
	Headers   map[string]Header `yaml:"http_headers,omitempty"`
}

// BasicAuth is a user name and a password, the password given inline or,
// better, in a file.
type BasicAuth struct {
	Username     string `yaml:"username"`
	Password     string `yaml:"password,omitempty"`
	PasswordFile string `yaml:"password_file,omitempty"`
}

// Header gives a request header its values: plain ones, secret ones, and
// the contents of files.
type Header struct {
	Values  []string `yaml:"values,omitempty"`
	Secrets []string `yaml:"secrets,omitempty"`
	Files   []string `yaml:"files,omitempty"`
}

// reservedHeaders are set by the exporter itself.
var reservedHeaders = map[string]bool{
	"User-Agent": true, "Accept": true, "Accept-Encoding": true, "Host": true, "Connection": true,
	"Content-Length": true, "Content-Type": true, "Transfer-Encoding": true,
}

// isSet reports whether a has anything to send.
func (a HTTPAuth) isSet() bool { return a.BasicAuth != nil || len(a.Headers) > 0 }

// validate checks a without reading its files.
func (a HTTPAuth) validate() error {
	if b := a.BasicAuth; b != nil {
		if b.Username == "" {
			return errors.New("basic_auth: field username is required")
		}
		if (b.Password == "") == (b.PasswordFile == "") {
			return errors.New("basic_auth: give one of password_file and password")
		}
	}
	for _, name := range sortedNames(a.Headers) {
		h := a.Headers[name]
		canon := http.CanonicalHeaderKey(name)
		switch {
		case !httpguts.ValidHeaderFieldName(name):
			return fmt.Errorf("http_headers: %q is not a header name", name)
		case reservedHeaders[canon]:
			return fmt.Errorf("http_headers: %s is set by the exporter", canon)
		case canon == "Authorization" && a.BasicAuth != nil:
			return errors.New("http_headers: Authorization and basic_auth both set the Authorization header")
		case len(h.Values)+len(h.Secrets)+len(h.Files) == 0:
			return fmt.Errorf("http_headers: %s: give values, secrets or files", name)
		}
	}
	return nil
}

// setDirectory resolves a's relative file names against dir.
func (a *HTTPAuth) setDirectory(dir string) {
	if a.BasicAuth != nil {
		a.BasicAuth.PasswordFile = joinDir(dir, a.BasicAuth.PasswordFile)
	}
	for name, h := range a.Headers {
		files := make([]string, len(h.Files))
		for i, f := range h.Files {
			files[i] = joinDir(dir, f)
		}
		h.Files = files
		a.Headers[name] = h
	}
}

// checkFiles reads every file a names, as a request would.
func (a HTTPAuth) checkFiles() error {
	if a.BasicAuth != nil && a.BasicAuth.PasswordFile != "" {
		if _, err := readSecret("basic_auth: password_file", a.BasicAuth.PasswordFile); err != nil {
			return err
		}
	}
	for _, name := range sortedNames(a.Headers) {
		for _, f := range a.Headers[name].Files {
			if _, err := readSecret("http_headers: "+name+": file", f); err != nil {
				return err
			}
		}
	}
	return nil
}

// readSecret reads a secret from a file, without the line end editors
// add. The error names the file, never what it holds.
func readSecret(what, path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", fmt.Errorf("%s: %s is empty", what, path)
	}
	return s, nil
}

func sortedNames(m map[string]Header) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// client returns a copy of base whose requests to hosts carry a's
// credentials, or base itself when a has none.
func (a HTTPAuth) client(base *http.Client, hosts []string) *http.Client {
	if !a.isSet() {
		return base
	}
	c := *base
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t := &authTransport{next: rt, auth: a, hosts: map[string]bool{}}
	for _, h := range hosts {
		t.hosts[strings.ToLower(h)] = true
	}
	c.Transport = t
	return &c
}

// hostsOf returns the hosts (with their ports) of addresses.
func hostsOf(addresses ...string) []string {
	var out []string
	for _, a := range addresses {
		if u, err := url.Parse(a); err == nil {
			out = append(out, u.Host)
		}
	}
	return out
}

// authTransport adds credentials to the requests it sends to its hosts.
type authTransport struct {
	next  http.RoundTripper
	auth  HTTPAuth
	hosts map[string]bool
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.hosts[strings.ToLower(req.URL.Host)] {
		return t.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	if b := t.auth.BasicAuth; b != nil {
		password := b.Password
		if b.PasswordFile != "" {
			var err error
			if password, err = readSecret("basic_auth: password_file", b.PasswordFile); err != nil {
				return nil, err
			}
		}
		req.SetBasicAuth(b.Username, password)
	}
	for _, name := range sortedNames(t.auth.Headers) {
		h := t.auth.Headers[name]
		req.Header.Del(name)
		for _, v := range append(append([]string{}, h.Values...), h.Secrets...) {
			req.Header.Add(name, v)
		}
		for _, f := range h.Files {
			v, err := readSecret("http_headers: "+name+": file", f)
			if err != nil {
				return nil, err
			}
			req.Header.Add(name, v)
		}
	}
	return t.next.RoundTrip(req)
}
