package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/kingpin/v2"
)

// refreshedMetric appears on /metrics once the first refresh has ended.
const refreshedMetric = "minutesexporter_last_refresh_timestamp_seconds"

// healthcheckFlags are the flags of the healthcheck command.
type healthcheckFlags struct {
	url          string
	metricsPath  string
	timeout      time.Duration
	refreshed    bool
	insecure     bool
	webConfig    string
	username     string
	passwordFile string
	password     string // read from passwordFile
}

func registerHealthcheck(app *kingpin.Application, runs map[string]runFunc) {
	cmd := app.Command("healthcheck", "Exit 0 if the exporter at --url is healthy, 1 if not: "+
		"a container healthcheck for images without a shell or curl.")
	f := &healthcheckFlags{}
	cmd.Flag("url", "Base URL of the exporter; by default http://127.0.0.1:"+defaultPort+
		", https:// when --web.config.file serves TLS.").StringVar(&f.url)
	cmd.Flag("web.telemetry-path", "Path of the exporter's metrics, as given to serve.").Default("/metrics").StringVar(&f.metricsPath)
	cmd.Flag("timeout", "How long to wait for each answer.").Default("5s").DurationVar(&f.timeout)
	cmd.Flag("refreshed", "Healthy only once the first refresh of the sources has ended, "+
		"so that what depends on the store (backfill) starts after it.").BoolVar(&f.refreshed)
	cmd.Flag("tls.insecure-skip-verify", "Do not verify the exporter's TLS certificate.").
		BoolVar(&f.insecure)
	cmd.Flag("web.config.file", "The exporter's web configuration, as given to serve: with TLS in it, "+
		"ask over https and trust the certificate it serves, self-signed or not; with one basic auth user, "+
		"ask as that user (the password from --basic-auth.password-file, as the file holds only its hash).").
		StringVar(&f.webConfig)
	cmd.Flag("basic-auth.username", "User to ask as, for an exporter that wants basic auth.").StringVar(&f.username)
	cmd.Flag("basic-auth.password-file", "File holding the basic auth password, so that it is not in the "+
		"command line for every process to see.").StringVar(&f.passwordFile)
	runs[cmd.FullCommand()] = func(logger *slog.Logger) error {
		client, err := healthcheckClient(f)
		if err != nil {
			return fmt.Errorf("healthcheck: %w", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*f.timeout)
		defer cancel()
		if err := healthcheck(ctx, client, f); err != nil {
			return err
		}
		logger.Debug("healthy", "url", f.url)
		return nil
	}
}

// healthcheckClient reads the web configuration and the password file of
// f, fills in f's URL and user from them, and returns the client to ask
// the exporter with.
func healthcheckClient(f *healthcheckFlags) (*http.Client, error) {
	client := &http.Client{Timeout: f.timeout}
	tlsConfig := &tls.Config{InsecureSkipVerify: f.insecure}
	tlsOn := false
	if f.webConfig != "" {
		wc, err := readWebConfig(f.webConfig)
		if err != nil {
			return nil, err
		}
		if tlsOn = wc.TLSConfig.IsEnabled(); tlsOn && !f.insecure {
			pinned, err := wc.certificates()
			if err != nil {
				return nil, err
			}
			tlsConfig = pinnedTLS(pinned)
		}
		if f.username == "" && len(wc.Users) == 1 {
			for user := range wc.Users {
				f.username = user
			}
		}
		if len(wc.Users) > 0 && f.passwordFile == "" && !urlHasUser(f.url) {
			return nil, fmt.Errorf("%s asks for basic auth, and holds only the passwords' hashes: give --basic-auth.password-file", f.webConfig)
		}
		if len(wc.Users) > 1 && f.username == "" {
			return nil, fmt.Errorf("%s has %d basic auth users: give --basic-auth.username", f.webConfig, len(wc.Users))
		}
	}
	if f.url == "" {
		scheme := "http"
		if tlsOn {
			scheme = "https"
		}
		f.url = scheme + "://127.0.0.1:" + defaultPort
	}
	if f.passwordFile != "" {
		if f.username == "" {
			return nil, errors.New("--basic-auth.password-file needs --basic-auth.username (or a web configuration with one user)")
		}
		b, err := os.ReadFile(f.passwordFile)
		if err != nil {
			return nil, fmt.Errorf("basic auth password: %w", err)
		}
		f.password = strings.TrimSpace(string(b))
	}
	client.Transport = &http.Transport{TLSClientConfig: tlsConfig}
	return client, nil
}

// urlHasUser reports whether the URL carries its own basic auth.
func urlHasUser(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.User != nil
}

// healthcheck asks the exporter's /-/healthy and, with f.refreshed, looks
// on its metrics for the end of a first refresh.
func healthcheck(ctx context.Context, client *http.Client, f *healthcheckFlags) error {
	base := strings.TrimSuffix(f.url, "/")
	get := func(ctx context.Context, client *http.Client, url string) (io.ReadCloser, error) {
		return getAs(ctx, client, url, f.username, f.password)
	}
	body, err := get(ctx, client, base+"/-/healthy")
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	body.Close()
	if !f.refreshed {
		return nil
	}
	body, err = get(ctx, client, base+f.metricsPath)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer body.Close()
	ok, err := hasRefreshed(body)
	if err != nil {
		return fmt.Errorf("healthcheck: read %s: %w", base+f.metricsPath, err)
	}
	if !ok {
		return fmt.Errorf("healthcheck: no refresh has ended yet (%s not on %s)", refreshedMetric, base+f.metricsPath)
	}
	return nil
}

// getAs returns the body of a 200 answer to a GET of url, asked as user
// with password when user is not "".
func getAs(ctx context.Context, client *http.Client, url, user, password string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/plain")
	if user != "" && password != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return resp.Body, nil
}

// hasRefreshed reports whether metrics text holds refreshedMetric with a
// positive value.
func hasRefreshed(r io.Reader) (bool, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), " ")
		if !ok || name != refreshedMetric {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			continue
		}
		v, err := strconv.ParseFloat(fields[0], 64)
		return err == nil && v > 0, nil
	}
	return false, sc.Err()
}
