// Package moderngovtest provides a fake ModernGov site for tests, in the
// way net/http/httptest provides a fake server: NewSite starts an
// httptest.Server that answers the web service (mgWebService.asmx) and
// the HTML pages from the fixtures in collector/moderngov/testdata, and
// logs every request by route.
//
// A route names a request: "robots", "GetMeetings:7", "GetMeeting:101",
// "GetCommittees", "ieListMeetings:7", "ieListDocuments:101", "mgAi:5002",
// "mgListCommittees", "pdf" (any path ending in .pdf), or else the path.
// A fault (WithFault) replaces the answer of one route; the fault of the
// pseudo-route "service" answers every web service method without a fault
// of its own.
package moderngovtest

import (
	"bufio"
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Service is the pseudo-route whose fault answers every web service
// method that has no fault of its own.
const Service = "service"

// DefaultRobots is the robots.txt a Site serves unless told otherwise.
const DefaultRobots = "User-agent: *\nDisallow: /mgCalendar\n"

// Site is a fake ModernGov site.
type Site struct {
	// URL is the base URL of the site, of the form http://ipaddr:port
	// with no trailing slash, as httptest.Server.URL.
	URL string

	srv      *httptest.Server
	fixtures string // directory of the fixture files
	robots   string
	pdfType  string
	pdf      []byte

	mu       sync.Mutex
	faults   map[string]http.HandlerFunc
	requests []Request
	inFlight int
	maxIn    int
}

// Request is one request the site received.
type Request struct {
	Route     string
	Method    string
	URL       string // path and query
	UserAgent string
}

// An Option changes what a Site answers.
type Option func(*Site)

// WithFault makes the site answer route with h instead of its fixture.
// Later faults for the same route replace earlier ones.
func WithFault(route string, h http.HandlerFunc) Option {
	return func(s *Site) { s.faults[route] = h }
}

// WithRobots makes the site serve body as its robots.txt.
func WithRobots(body string) Option {
	return func(s *Site) { s.robots = body }
}

// WithPDF makes the site answer every .pdf path with body as contentType.
// By default it serves a few bytes that start like a PDF, as
// application/pdf.
func WithPDF(contentType string, body []byte) Option {
	return func(s *Site) { s.pdfType, s.pdf = contentType, body }
}

// NewSite starts a Site, closed when t's test ends.
func NewSite(t testing.TB, opts ...Option) *Site {
	t.Helper()
	dir, err := fixtureDir()
	if err != nil {
		t.Fatalf("moderngovtest: %v", err)
	}
	s := &Site{
		fixtures: dir,
		robots:   DefaultRobots,
		pdfType:  "application/pdf",
		pdf:      []byte("%PDF-1.4 printed minutes\n%%EOF\n"),
		faults:   map[string]http.HandlerFunc{},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// Client returns an HTTP client for the site, as httptest.Server.Client.
func (s *Site) Client() *http.Client { return s.srv.Client() }

// Route names a request to the site; see the package documentation.
func Route(r *http.Request) string {
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

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	rt := Route(r)
	s.mu.Lock()
	s.requests = append(s.requests, Request{Route: rt, Method: r.Method, URL: r.URL.RequestURI(), UserAgent: r.Header.Get("User-Agent")})
	s.inFlight++
	s.maxIn = max(s.maxIn, s.inFlight)
	h := s.faults[rt]
	if h == nil && strings.HasPrefix(r.URL.Path, "/mgWebService.asmx/") {
		h = s.faults[Service]
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
	switch rt {
	case "robots":
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(s.robots))
		return
	case "pdf":
		w.Header().Set("Content-Type", s.pdfType)
		w.Write(s.pdf)
		return
	}
	name, ctype := strings.ReplaceAll(rt, ":", "_")+".html", "text/html; charset=utf-8"
	if strings.HasPrefix(r.URL.Path, "/mgWebService.asmx/") {
		name, ctype = strings.ReplaceAll(rt, ":", "_")+".xml", "text/xml; charset=utf-8"
	}
	if strings.HasPrefix(rt, "GetMeetings:") {
		for _, k := range []string{"sFromDate", "sToDate"} {
			if _, err := time.Parse("02/01/2006", r.URL.Query().Get(k)); err != nil {
				http.Error(w, k+" is not dd/mm/yyyy", http.StatusBadRequest)
				return
			}
		}
	}
	if strings.ContainsAny(name, `/\`) { // only files of the fixture directory
		http.NotFound(w, r)
		return
	}
	body, err := os.ReadFile(filepath.Join(s.fixtures, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

// Requests returns every request received so far, in order.
func (s *Site) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Since returns the routes of the requests after the first n.
func (s *Site) Since(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests[n:] {
		out = append(out, r.Route)
	}
	return out
}

// Total returns how many requests the site has received.
func (s *Site) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Count returns how many requests went to route.
func (s *Site) Count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Route == route {
			n++
		}
	}
	return n
}

// MaxInFlight returns the most requests the site was answering at once.
func (s *Site) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxIn
}

// Answers to use as faults.

// Status answers with code and its status text.
func Status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

// Body answers 200 with body as contentType.
func Body(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write([]byte(body))
	}
}

var (
	// DisabledService is what ASP.NET answers for a web service whose
	// methods are switched off.
	DisabledService http.HandlerFunc = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte("System.InvalidOperationException: Web Service method name is not valid.\r\n   at System.Web.Services.Protocols.HttpServerProtocol.Initialize()"))
	}
	// LoginPage is an HTML sign-in page where XML was expected.
	LoginPage = Body("text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>Sign in</form></body></html>")
	// MalformedXML is a meeting cut off in the middle.
	MalformedXML = Body("text/xml", "<?xml version=\"1.0\"?><meeting><meetingid>101</meetingid><agendaitems><agendaitem>")
)

// modulePath is the module holding the fixtures.
const modulePath = "github.com/minutes-exporter/minutes_exporter"

// fixtureDir finds collector/moderngov/testdata: next to this file's
// source when the build kept its path, or else under the module root
// found by walking up from the working directory (a package directory
// of the module while go test runs).
func fixtureDir() (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		if dir := filepath.Join(filepath.Dir(file), "..", "testdata"); isDir(dir) {
			return dir, nil
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		if isModuleRoot(dir) {
			if d := filepath.Join(dir, "collector", "moderngov", "testdata"); isDir(d) {
				return d, nil
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", errors.New("cannot find collector/moderngov/testdata of module " + modulePath + " from " + wd)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// isModuleRoot reports whether dir holds the go.mod of modulePath.
func isModuleRoot(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`) == modulePath
		}
	}
	return false
}
