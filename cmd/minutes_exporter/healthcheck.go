package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/alecthomas/kingpin/v2"
)

// refreshedMetric appears on /metrics once the first refresh has ended.
const refreshedMetric = "minutesexporter_last_refresh_timestamp_seconds"

// healthcheckFlags are the flags of the healthcheck command.
type healthcheckFlags struct {
	url         string
	metricsPath string
	timeout     time.Duration
	refreshed   bool
	insecure    bool
}

func registerHealthcheck(app *kingpin.Application, runs map[string]runFunc) {
	cmd := app.Command("healthcheck", "Exit 0 if the exporter at --url is healthy, 1 if not: "+
		"a container healthcheck for images without a shell or curl.")
	f := &healthcheckFlags{}
	cmd.Flag("url", "Base URL of the exporter.").Default("http://127.0.0.1:" + defaultPort).StringVar(&f.url)
	cmd.Flag("web.telemetry-path", "Path of the exporter's metrics, as given to serve.").Default("/metrics").StringVar(&f.metricsPath)
	cmd.Flag("timeout", "How long to wait for each answer.").Default("5s").DurationVar(&f.timeout)
	cmd.Flag("refreshed", "Healthy only once the first refresh of the sources has ended, "+
		"so that what depends on the store (backfill) starts after it.").BoolVar(&f.refreshed)
	cmd.Flag("tls.insecure-skip-verify", "Do not verify the exporter's TLS certificate (a self-signed one in --web.config.file).").
		BoolVar(&f.insecure)
	runs[cmd.FullCommand()] = func(logger *slog.Logger) error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*f.timeout)
		defer cancel()
		client := &http.Client{Timeout: f.timeout}
		if f.insecure {
			client.Transport = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
		}
		if err := healthcheck(ctx, client, f); err != nil {
			return err
		}
		logger.Debug("healthy", "url", f.url)
		return nil
	}
}

// healthcheck asks the exporter's /-/healthy and, with f.refreshed, looks
// on its metrics for the end of a first refresh.
func healthcheck(ctx context.Context, client *http.Client, f *healthcheckFlags) error {
	base := strings.TrimSuffix(f.url, "/")
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

// get returns the body of a 200 answer to a GET of url.
func get(ctx context.Context, client *http.Client, url string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/plain")
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
