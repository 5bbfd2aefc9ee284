package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestURLsCredentialsFromFiles fetches from a site that wants basic auth
// and an API key header, both read from files: they are sent to that site,
// read again at each request (a rotated password needs no reload), and
// never sent to the other host a redirect leads to.
func TestURLsCredentialsFromFiles(t *testing.T) {
	var mu sync.Mutex
	var elsewhere []string // credentials the other host was sent
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		elsewhere = append(elsewhere, r.Header.Get("Authorization")+r.Header.Get("X-Api-Key"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Robbery rose by 4%."))
	}))
	defer other.Close()

	dir := t.TempDir()
	passwordFile, keyFile := filepath.Join(dir, "password"), filepath.Join(dir, "api.key")
	write := func(path, s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(passwordFile, "first-password\n")
	write(keyFile, "k3y\n")
	want := "first-password"
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || user != "perf" || pass != want || r.Header.Get("X-Api-Key") != "k3y" {
			http.Error(w, "who are you?", http.StatusUnauthorized)
			return
		}
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, other.URL+"/elsewhere", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Burglary had reduced by 39%."))
	}))
	defer site.Close()

	f := NewFetcher("")
	f.Retries = 0
	cfg := Config{Name: "intranet", Kind: "urls", URLs: &URLsConfig{
		Addresses: []string{site.URL + "/minutes", site.URL + "/moved"},
		HTTPAuth: HTTPAuth{
			BasicAuth: &BasicAuth{Username: "perf", PasswordFile: passwordFile},
			Headers:   map[string]Header{"X-Api-Key": {Files: []string{keyFile}}},
		},
	}}
	if err := cfg.CheckFiles(); err != nil {
		t.Fatalf("CheckFiles: %v", err)
	}
	src, err := New(cfg, Env{HTTP: f})
	if err != nil {
		t.Fatal(err)
	}
	fetch := func() (bodies []string, err error) {
		err = src.Fetch(context.Background(), func(d Document) error {
			bodies = append(bodies, string(d.Body))
			return nil
		})
		return bodies, err
	}
	bodies, err := fetch()
	if err != nil || len(bodies) != 2 || bodies[0] != "Burglary had reduced by 39%." {
		t.Fatalf("Fetch = %q, %v; want both pages", bodies, err)
	}
	mu.Lock()
	if len(elsewhere) != 1 || elsewhere[0] != "" {
		t.Errorf("the host redirected to was sent credentials: %q", elsewhere)
	}
	mu.Unlock()

	// The password changes on the site and in the file.
	want = "second-password"
	write(passwordFile, "second-password\n")
	if bodies, err := fetch(); err != nil || len(bodies) != 2 {
		t.Errorf("after the password file changed: %q, %v", bodies, err)
	}

	// A password file gone: an error naming it, and no password in it.
	os.Remove(passwordFile)
	_, err = fetch()
	if err == nil || !strings.Contains(err.Error(), passwordFile) {
		t.Errorf("Fetch without the password file: %v, want an error naming it", err)
	}
	if err := cfg.CheckFiles(); err == nil || !strings.Contains(err.Error(), "password_file") {
		t.Errorf("CheckFiles without the password file: %v", err)
	}
}

// TestModernGovCredentials: a moderngov source sends its credentials to
// its site.
func TestModernGovCredentials(t *testing.T) {
	var mu sync.Mutex
	var users []string
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _, _ := r.BasicAuth()
		mu.Lock()
		users = append(users, u)
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer site.Close()
	cfg := Config{Name: "mg", Kind: "moderngov", ModernGov: &ModernGovConfig{Base: site.URL, Committee: "7", Delay: 1,
		HTTPAuth: HTTPAuth{BasicAuth: &BasicAuth{Username: "perf", Password: "inline"}}}}
	src, err := New(cfg, Env{})
	if err != nil {
		t.Fatal(err)
	}
	_ = src.Fetch(context.Background(), func(Document) error { return nil })
	mu.Lock()
	defer mu.Unlock()
	if len(users) == 0 {
		t.Fatal("the site was never asked")
	}
	for _, u := range users {
		if u != "perf" {
			t.Errorf("a request to the site came without the source's basic auth: %q", users)
			break
		}
	}
}

func TestHTTPAuthInvalid(t *testing.T) {
	tests := []struct {
		name string
		auth HTTPAuth
		want string
	}{
		{"no username", HTTPAuth{BasicAuth: &BasicAuth{PasswordFile: "p"}}, "urls: basic_auth: field username is required"},
		{"no password", HTTPAuth{BasicAuth: &BasicAuth{Username: "u"}}, "urls: basic_auth: give one of password_file and password"},
		{"both passwords", HTTPAuth{BasicAuth: &BasicAuth{Username: "u", Password: "p", PasswordFile: "p"}}, "urls: basic_auth: give one of password_file and password"},
		{"reserved header", HTTPAuth{Headers: map[string]Header{"user-agent": {Values: []string{"x"}}}}, "urls: http_headers: User-Agent is set by the exporter"},
		{"bad header name", HTTPAuth{Headers: map[string]Header{"X Key": {Values: []string{"x"}}}}, `urls: http_headers: "X Key" is not a header name`},
		{"empty header", HTTPAuth{Headers: map[string]Header{"X-Key": {}}}, "urls: http_headers: X-Key: give values, secrets or files"},
		{"two Authorizations", HTTPAuth{BasicAuth: &BasicAuth{Username: "u", Password: "p"}, Headers: map[string]Header{"Authorization": {Secrets: []string{"Bearer t"}}}},
			"urls: http_headers: Authorization and basic_auth both set the Authorization header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{Name: "a", Kind: "urls", URLs: &URLsConfig{Addresses: []string{"https://example.org/"}, HTTPAuth: tt.auth}}, Env{})
			if err == nil || err.Error() != `source "a": `+tt.want {
				t.Errorf("New: %v, want %q", err, tt.want)
			}
		})
	}
}
