package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
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
