package moderngov_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/moderngov"
)

// testUserAgent is what every request must carry.
const testUserAgent = "minutes_exporter/test (+https://github.com/minutes-exporter/minutes_exporter; contact: test@example.org)"

// fakeSite is a ModernGov site serving testdata/: the web service's XML
// answers and the HTML pages. A fault replaces the answer of one route.
type fakeSite struct {
	t      *testing.T
	srv    *httptest.Server
	robots string

	mu       sync.Mutex
	faults   map[string]http.HandlerFunc
	requests []string // route of each request, in order
	badUA    []string
	inFlight int
	maxIn    int
}

func newFakeSite(t *testing.T) *fakeSite {
	t.Helper()
	s := &fakeSite{t: t, faults: map[string]http.HandlerFunc{}, robots: "User-agent: *\nDisallow: /mgCalendar\n"}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// fault makes route answer with h from now on.
func (s *fakeSite) fault(route string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = h
}

// route names a request: "robots", "GetMeetings:7", "GetMeeting:101",
// "ieListMeetings:7", "ieListDocuments:101", "mgAi:5002", "pdf", …
func route(r *http.Request) string {
	q := r.URL.Query()
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		return "robots"
	case strings.HasPrefix(p, "/mgWebService.asmx/"):
		method := strings.TrimPrefix(p, "/mgWebService.asmx/")
		switch method {
		case "GetMeetings":
			return method + ":" + q.Get("lCommitteeId")
		case "GetMeeting":
			return method + ":" + q.Get("lMeetingId")
		}
		return method
	case p == "/ieListMeetings.aspx":
		return "ieListMeetings:" + q.Get("CId")
	case p == "/ieListDocuments.aspx":
		return "ieListDocuments:" + q.Get("MId")
	case p == "/mgAi.aspx":
		return "mgAi:" + q.Get("ID")
	case p == "/mgListCommittees.aspx":
		return "mgListCommittees"
	case strings.HasSuffix(p, ".pdf"):
		return "pdf"
	}
	return r.URL.Path
}

func (s *fakeSite) serve(w http.ResponseWriter, r *http.Request) {
	rt := route(r)
	s.mu.Lock()
	s.requests = append(s.requests, rt)
	if ua := r.Header.Get("User-Agent"); ua != testUserAgent {
		s.badUA = append(s.badUA, ua)
	}
	s.inFlight++
	s.maxIn = max(s.maxIn, s.inFlight)
	h := s.faults[rt]
	if h == nil && strings.HasPrefix(rt, "Get") {
		h = s.faults["service"]
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if h != nil {
		h(w, r)
		return
	}
	if rt == "robots" {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(s.robots))
		return
	}
	if rt == "pdf" {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 printed minutes\n%%EOF\n"))
		return
	}
	name, ctype := strings.ReplaceAll(rt, ":", "_")+".xml", "text/xml; charset=utf-8"
	if !strings.HasPrefix(rt, "Get") {
		name, ctype = strings.ReplaceAll(rt, ":", "_")+".html", "text/html; charset=utf-8"
	}
	if rt == "GetMeetings:7" || rt == "GetMeetings:144" {
		for _, k := range []string{"sFromDate", "sToDate"} {
			if _, err := time.Parse("02/01/2006", r.URL.Query().Get(k)); err != nil {
				http.Error(w, k+" is not dd/mm/yyyy", http.StatusBadRequest)
				return
			}
		}
	}
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

// count returns how many requests went to route.
func (s *fakeSite) count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r == route {
			n++
		}
	}
	return n
}

// since returns the routes requested after the first n requests.
func (s *fakeSite) since(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests[n:]...)
}

func (s *fakeSite) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// client returns a Client for the site with no delay and a fixed today.
func (s *fakeSite) client() *moderngov.Client {
	s.t.Helper()
	c, err := moderngov.New(s.srv.URL + "/")
	if err != nil {
		s.t.Fatal(err)
	}
	c.HTTP = s.srv.Client()
	c.UserAgent = testUserAgent
	c.Delay = -1
	c.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	return c
}

// Answers used as faults.
func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

func body(ctype, s string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Write([]byte(s))
	}
}

var (
	disabledService = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte("System.InvalidOperationException: Web Service method name is not valid.\r\n   at System.Web.Services.Protocols.HttpServerProtocol.Initialize()"))
	}
	loginPage    = body("text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Sign in</form></body></html>")
	malformedXML = body("text/xml", "<?xml version=\"1.0\"?><meeting><meetingid>101</meetingid><agendaitems><agendaitem>")
)
