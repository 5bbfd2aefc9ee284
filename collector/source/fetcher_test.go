package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testFetcher is a Fetcher with small limits and no waiting, for tests.
func testFetcher() *Fetcher {
	f := NewFetcher("ops@example.org")
	f.Timeout = 5 * time.Second
	f.MaxBytes = 1 << 20
	f.Retries = 2
	f.Backoff = time.Millisecond
	return f
}

func TestFetcherGet(t *testing.T) {
	big := strings.Repeat("burglary fell by 39%. ", 50<<20/22+1) // over 50 MB
	tests := []struct {
		name      string
		handler   func(calls int32) http.HandlerFunc
		wantErr   string // "" for success
		wantCalls int32
		wantType  string
		wantBody  string
	}{
		{
			name: "ok html",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					fmt.Fprint(w, "<p>Burglary fell.</p>")
				}
			},
			wantCalls: 1, wantType: "text/html", wantBody: "<p>Burglary fell.</p>",
		},
		{
			name: "no content type is sniffed",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header()["Content-Type"] = nil
					fmt.Fprint(w, "Burglary fell.")
				}
			},
			wantCalls: 1, wantType: "text/plain", wantBody: "Burglary fell.",
		},
		{
			name: "500 is retried then fails",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					http.Error(w, "oops", http.StatusInternalServerError)
				}
			},
			wantErr: "HTTP status 500", wantCalls: 3,
		},
		{
			name: "503 passes on retry",
			handler: func(calls int32) http.HandlerFunc {
				var n atomic.Int32
				return func(w http.ResponseWriter, r *http.Request) {
					if n.Add(1) < 2 {
						http.Error(w, "busy", http.StatusServiceUnavailable)
						return
					}
					fmt.Fprint(w, "ok")
				}
			},
			wantCalls: 2, wantType: "text/plain", wantBody: "ok",
		},
		{
			name: "404 is not retried",
			handler: func(int32) http.HandlerFunc {
				return http.NotFound
			},
			wantErr: "HTTP status 404", wantCalls: 1,
		},
		{
			name: "timeout is retried then fails",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					<-r.Context().Done()
				}
			},
			wantErr: "context deadline exceeded", wantCalls: 3,
		},
		{
			name: "redirect loop is not retried",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, "/loop", http.StatusFound)
				}
			},
			wantErr: "stopped after 10 redirects", wantCalls: 10,
		},
		{
			name: "50 MB body is refused",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/plain")
					w.Header().Set("Content-Length", fmt.Sprint(len(big)))
					fmt.Fprint(w, big)
				}
			},
			wantErr: "body too large", wantCalls: 1,
		},
		{
			name: "50 MB chunked body is cut off",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/plain")
					for i := 0; i < 50 && r.Context().Err() == nil; i++ {
						w.Write([]byte(big[:1<<20]))
						w.(http.Flusher).Flush()
					}
				}
			},
			wantErr: "body too large", wantCalls: 1,
		},
		{
			name: "empty body",
			handler: func(int32) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html")
				}
			},
			wantErr: "empty body", wantCalls: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			var ua atomic.Value
			h := tt.handler(0)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				ua.Store(r.UserAgent())
				h(w, r)
			}))
			defer srv.Close()
			f := testFetcher()
			if strings.HasPrefix(tt.name, "timeout") {
				f.Timeout = 50 * time.Millisecond
			}
			resp, err := f.Get(context.Background(), srv.URL+"/minutes")
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", got, tt.wantCalls)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), srv.URL) {
					t.Fatalf("Get error = %v, want one naming %s and containing %q", err, srv.URL, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if resp.ContentType != tt.wantType || string(resp.Body) != tt.wantBody {
				t.Errorf("Get = %q %q, want %q %q", resp.ContentType, resp.Body, tt.wantType, tt.wantBody)
			}
			if got := ua.Load().(string); !strings.Contains(got, "minutes_exporter/") || !strings.Contains(got, "ops@example.org") {
				t.Errorf("User-Agent = %q, want it to name the project and the contact", got)
			}
		})
	}
}

func TestFetcherStopsWhenCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	}))
	defer srv.Close()
	f := testFetcher()
	f.Backoff = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	_, err := f.Get(ctx, srv.URL)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Get error = %v, want context.Canceled while backing off", err)
	}
}

func TestFetcherLastModified(t *testing.T) {
	lm := time.Date(2024, 11, 29, 10, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Last-Modified", lm.Format(http.TimeFormat))
		fmt.Fprint(w, "minutes")
	}))
	defer srv.Close()
	resp, err := testFetcher().Get(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.LastModified.Equal(lm) {
		t.Errorf("LastModified = %v, want %v", resp.LastModified, lm)
	}
}
