package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/kingpin/v2"
	"github.com/prometheus/exporter-toolkit/web"
	"golang.org/x/crypto/bcrypt"
)

func TestHealthcheck(t *testing.T) {
	tests := []struct {
		name      string
		healthy   int    // status of /-/healthy
		metrics   string // body of /metrics
		refreshed bool
		wantErr   string // "" for healthy
	}{
		{name: "healthy", healthy: 200},
		{name: "healthy but unhealthy status", healthy: 503, wantErr: "503"},
		{name: "refreshed", healthy: 200, refreshed: true,
			metrics: "# HELP x\nminutesexporter_refreshes_total 1\nminutesexporter_last_refresh_timestamp_seconds 1.7639e+09\n"},
		{name: "not yet refreshed", healthy: 200, refreshed: true,
			metrics: "minutesexporter_refreshes_total 0\n", wantErr: "no refresh has ended yet"},
		{name: "a name that only starts the same does not count", healthy: 200, refreshed: true,
			metrics: "minutesexporter_last_refresh_timestamp_seconds_other 5\n", wantErr: "no refresh has ended yet"},
		{name: "zero timestamp", healthy: 200, refreshed: true,
			metrics: "minutesexporter_last_refresh_timestamp_seconds 0\n", wantErr: "no refresh has ended yet"},
		{name: "refresh not asked for", healthy: 200, metrics: "nothing\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/-/healthy", func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.healthy)
			})
			mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, tc.metrics)
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			f := &healthcheckFlags{url: srv.URL + "/", metricsPath: "/metrics", timeout: 5 * time.Second, refreshed: tc.refreshed}
			err := healthcheck(context.Background(), srv.Client(), f)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("healthcheck: %v, want healthy", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("healthcheck: got %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestHealthcheckNothingListening(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	f := &healthcheckFlags{url: url, metricsPath: "/metrics", timeout: time.Second}
	if err := healthcheck(context.Background(), http.DefaultClient, f); err == nil {
		t.Fatal("healthcheck of a closed port: got healthy, want an error")
	}
}

// TestHealthcheckExitCode runs the command as the container runtime does.
func TestHealthcheckExitCode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/-/healthy" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	if got := run([]string{"healthcheck", "--url", srv.URL}); got != 0 {
		t.Errorf("healthcheck of a healthy exporter exited %d, want 0", got)
	}
	if got := run([]string{"healthcheck", "--url", srv.URL, "--refreshed"}); got != 1 {
		t.Errorf("healthcheck --refreshed without metrics exited %d, want 1", got)
	}
}

// selfSigned writes a self-signed certificate for localhost and its key
// into dir, and returns their paths.
func selfSigned(t *testing.T, dir, name string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// TestHealthcheckBasicAuthFromFiles runs the healthcheck against an
// exporter-toolkit server with TLS (a self-signed certificate) and basic
// auth, as serve runs with --web.config.file: given that file and a
// password file, it is healthy with no password on its command line, and
// each thing missing or wrong is an error that shows no password.
func TestHealthcheckBasicAuthFromFiles(t *testing.T) {
	const password = "correct horse battery staple"
	dir := t.TempDir()
	certFile, keyFile := selfSigned(t, dir, "exporter")
	otherCert, otherKey := selfSigned(t, dir, "other")
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	// Relative names, read from the file's folder as serve reads them.
	webYML := func(cert, key string) string {
		return "tls_server_config:\n  cert_file: " + filepath.Base(cert) + "\n  key_file: " + filepath.Base(key) +
			"\nbasic_auth_users:\n  perf: " + string(hash) + "\n"
	}
	files := map[string]string{
		"web.yml":        webYML(certFile, keyFile),
		"web-other.yml":  webYML(otherCert, otherKey),
		"password":       password + "\n",
		"wrong-password": "Tr0ub4dor&3\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	webConfigFile := filepath.Join(dir, "web.yml")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/-/healthy", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "Healthy") })
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "minutesexporter_last_refresh_timestamp_seconds 1.7639e+09")
	})
	srv := &http.Server{Handler: mux}
	flags := &web.FlagConfig{WebConfigFile: &webConfigFile}
	go web.Serve(ln, srv, flags, slog.New(slog.DiscardHandler))
	defer srv.Close()
	base := "https://" + ln.Addr().String()

	tests := []struct {
		name    string
		args    []string
		wantErr string // "" for healthy
	}{
		{"web config and password file", []string{"--web.config.file", webConfigFile, "--basic-auth.password-file", filepath.Join(dir, "password"), "--refreshed"}, ""},
		{"user named too", []string{"--web.config.file", webConfigFile, "--basic-auth.username", "perf", "--basic-auth.password-file", filepath.Join(dir, "password")}, ""},
		{"no password file", []string{"--web.config.file", webConfigFile}, "give --basic-auth.password-file"},
		{"wrong password", []string{"--web.config.file", webConfigFile, "--basic-auth.password-file", filepath.Join(dir, "wrong-password")}, "401 Unauthorized"},
		{"password file missing", []string{"--web.config.file", webConfigFile, "--basic-auth.password-file", filepath.Join(dir, "nope")}, "no such file"},
		{"another certificate", []string{"--web.config.file", filepath.Join(dir, "web-other.yml"), "--basic-auth.password-file", filepath.Join(dir, "password")}, "not the one its web configuration names"},
		{"no web config: the certificate is not trusted", []string{"--basic-auth.username", "perf", "--basic-auth.password-file", filepath.Join(dir, "password")}, "certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := kingpin.New("test", "")
			runs := map[string]runFunc{}
			registerHealthcheck(app, runs)
			if _, err := app.Parse(append([]string{"healthcheck", "--url", base}, tt.args...)); err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			err := runs["healthcheck"](slog.New(slog.NewTextHandler(&logs, nil)))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("healthcheck %v: %v, want healthy", tt.args, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("healthcheck %v: %v, want an error containing %q", tt.args, err, tt.wantErr)
			}
			if err != nil && (strings.Contains(err.Error(), password) || strings.Contains(err.Error(), "Tr0ub4dor")) {
				t.Errorf("the error shows a password: %v", err)
			}
		})
	}
}

func TestHealthcheckDefaultURL(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := selfSigned(t, dir, "exporter")
	tlsConfig := filepath.Join(dir, "tls.yml")
	if err := os.WriteFile(tlsConfig, []byte("tls_server_config:\n  cert_file: "+certFile+"\n  key_file: "+keyFile+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.yml")
	if err := os.WriteFile(plain, []byte("http_server_config:\n  http2: false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ webConfig, url, want string }{
		{"", "", "http://127.0.0.1:9873"},
		{tlsConfig, "", "https://127.0.0.1:9873"},
		{plain, "", "http://127.0.0.1:9873"},
		{tlsConfig, "https://localhost:9999", "https://localhost:9999"},
	} {
		f := &healthcheckFlags{webConfig: tt.webConfig, url: tt.url, timeout: time.Second}
		if _, err := healthcheckClient(f); err != nil {
			t.Fatal(err)
		}
		if f.url != tt.want {
			t.Errorf("web config %q, --url %q: asks %s, want %s", filepath.Base(tt.webConfig), tt.url, f.url, tt.want)
		}
	}
}
