package moderngov_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/hostgate"
	"github.com/minutes-exporter/minutes_exporter/collector/htmltext"
	"github.com/minutes-exporter/minutes_exporter/collector/moderngov"
	"github.com/minutes-exporter/minutes_exporter/collector/moderngov/moderngovtest"
)

var (
	from = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	to   = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
)

// testUserAgent is what every request must carry.
const testUserAgent = "minutes_exporter/test (+https://github.com/minutes-exporter/minutes_exporter; contact: test@example.org)"

// newClient returns a Client for site with no delay and a fixed today.
func newClient(t *testing.T, site *moderngovtest.Site) *moderngov.Client {
	t.Helper()
	c, err := moderngov.New(site.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	c.HTTP = site.Client()
	c.UserAgent = testUserAgent
	c.Delay = -1
	c.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	return c
}

// fetchAll runs one refresh and returns the meetings emitted.
func fetchAll(t *testing.T, c *moderngov.Client, committee string, skip moderngov.Skip) ([]moderngov.Meeting, error) {
	t.Helper()
	var got []moderngov.Meeting
	err := c.Fetch(context.Background(), moderngov.Query{Committee: committee, From: from, To: to}, skip,
		func(m moderngov.Meeting) error {
			got = append(got, m)
			return nil
		})
	return got, err
}

// summary is one line per meeting and one per item: id, date, item
// numbers and titles.
func summary(ms []moderngov.Meeting) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "meeting %d %s %s\n", m.ID, m.Date.Format(time.DateOnly), m.Status)
		for _, it := range m.Items {
			fmt.Fprintf(&b, "  item %q %q\n", it.Number, it.Title)
		}
		if m.PrintedMinutes != nil {
			fmt.Fprintf(&b, "  printed %s %s\n", m.PrintedMinutes.ContentType, m.PrintedMinutes.URL[strings.Index(m.PrintedMinutes.URL, "/documents"):])
		}
	}
	return b.String()
}

func diff(want, got string) string {
	if want == got {
		return ""
	}
	return "-want:\n" + want + "+got:\n" + got
}

// memoryStore is what a store does for Fetch's skip: it holds what was
// emitted, by address.
type memoryStore struct {
	mu   sync.Mutex
	held map[string]bool
}

func (s *memoryStore) skip(m moderngov.Meeting, address string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[address]
}

func (s *memoryStore) emit(c *moderngov.Client) func(moderngov.Meeting) error {
	return func(m moderngov.Meeting) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.held[c.Address(m)] = true
		return nil
	}
}

func TestWebServiceReferenceShapes(t *testing.T) {
	site := moderngovtest.NewSite(t)
	c := newClient(t, site)
	got, err := fetchAll(t, c, "  audit COMMITTEE ", nil)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	want := "meeting 4967 2026-02-10 Confirmed\n" +
		"  item \"1.\" \"Minutes\"\n" +
		"  item \"9.\" \"Work Programme\"\n"
	if d := diff(want, summary(got)); d != "" {
		t.Errorf("meetings (-want +got):\n%s", d)
	}
	if n := site.Count("GetMeeting:4966"); n != 0 {
		t.Errorf("cancelled meeting 4966 was fetched %d times, want 0", n)
	}
	if len(got) == 1 {
		text := htmltext.Text(got[0].Items[1].MinutesHTML)
		if !strings.Contains(text, "future Work Programme for the remainder of 2025/26 municipal year") {
			t.Errorf("Work Programme minutes = %q", text)
		}
	}
	var badUA []string
	for _, r := range site.Requests() {
		if r.UserAgent != testUserAgent {
			badUA = append(badUA, r.UserAgent)
		}
	}
	if len(badUA) > 0 {
		t.Errorf("requests with the wrong User-Agent: %q", badUA)
	}
}

func TestWebServiceMinutesAndSecondRefresh(t *testing.T) {
	site := moderngovtest.NewSite(t)
	c := newClient(t, site)
	store := &memoryStore{held: map[string]bool{}}
	var got []moderngov.Meeting
	err := c.Fetch(context.Background(), moderngov.Query{Committee: "7", From: from, To: to}, store.skip,
		func(m moderngov.Meeting) error {
			got = append(got, m)
			return store.emit(c)(m)
		})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	want := "meeting 101 2021-09-08 Confirmed\n" +
		"  item \"1.\" \"Apologies for Absence\"\n" +
		"  item \"2.\" \"Safer Hillingdon Partnership Performance Report & Update\"\n" +
		"meeting 105 2022-03-09 Confirmed\n" +
		"  item \"1.\" \"Performance Report\"\n"
	if d := diff(want, summary(got)); d != "" {
		t.Errorf("meetings (-want +got):\n%s", d)
	}
	for _, tc := range []struct {
		route string
		want  int
	}{
		{"GetMeeting:101", 1},
		{"GetMeeting:102", 1}, // no minutes yet: read, skipped
		{"GetMeeting:103", 0}, // cancelled
		{"GetMeeting:104", 0}, // still to come
		{"GetMeeting:105", 1},
		{"robots", 1},
	} {
		if n := site.Count(tc.route); n != tc.want {
			t.Errorf("%s requested %d times, want %d", tc.route, n, tc.want)
		}
	}
	if len(got) > 0 {
		text := htmltext.Text(got[0].Items[1].MinutesHTML)
		for _, s := range []string{
			"Sergeant Keith's team reported", // &amp;amp;#39; decoded until stable
			"Burglary had reduced by 39% (989 fewer offences);",
			"Offences & calls were discussed at £0 extra cost.",
		} {
			if !strings.Contains(text, s) {
				t.Errorf("minutes of item 2 lack %q:\n%s", s, text)
			}
		}
		if strings.Contains(got[0].HTML("Board"), "Restricted") {
			t.Error("an item whose minutes are not published was kept")
		}
	}

	// The second refresh lists the meetings again and fetches only the one
	// whose minutes were not yet published.
	before := site.Total()
	again, err := fetchAll(t, c, "7", store.skip)
	if err != nil {
		t.Fatalf("second Fetch: %v", err)
	}
	if len(again) != 0 {
		t.Errorf("second refresh emitted %d meetings, want 0", len(again))
	}
	if d := diff("[GetMeetings:7 GetMeeting:102]", fmt.Sprint(site.Since(before))); d != "" {
		t.Errorf("second refresh requests (-want +got):\n%s", d)
	}
}

func TestFallbackToPages(t *testing.T) {
	want := "meeting 101 2021-09-08 Confirmed\n" +
		"  item \"1.\" \"Apologies for Absence\"\n" +
		"  item \"2.\" \"Safer Hillingdon Partnership Performance Report & Update\"\n" +
		"meeting 105 2022-03-09 Confirmed\n" +
		"  printed application/pdf /documents/g105/Printed%20minutes%2009th-Mar-2022.pdf\n"
	for _, tc := range []struct {
		name  string
		fault http.HandlerFunc
	}{
		{"403", moderngovtest.Status(http.StatusForbidden)},
		{"404", moderngovtest.Status(http.StatusNotFound)},
		{"disabled web service", moderngovtest.DisabledService},
		{"HTML where XML expected", moderngovtest.LoginPage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := moderngovtest.NewSite(t, moderngovtest.WithFault(moderngovtest.Service, tc.fault))
			got, err := fetchAll(t, newClient(t, site), "7", nil)
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if d := diff(want, summary(got)); d != "" {
				t.Errorf("meetings (-want +got):\n%s", d)
			}
			if len(got) > 0 {
				text := htmltext.Text(got[0].Items[1].MinutesHTML)
				if !strings.Contains(text, "Burglary had reduced by 39% (989 fewer offences);") ||
					!strings.Contains(text, "Sergeant Keith's team") {
					t.Errorf("full minutes of item 2 not followed or not decoded:\n%s", text)
				}
			}
			if n := site.Count("mgAi:5002"); n != 1 {
				t.Errorf("full minutes page requested %d times, want 1", n)
			}
			for _, r := range []string{"ieListDocuments:103", "ieListDocuments:104", "ieListDocuments:900"} {
				if n := site.Count(r); n != 0 {
					t.Errorf("%s requested %d times, want 0", r, n)
				}
			}
		})
	}
}

func TestCommitteeByTitleFallsBackToPage(t *testing.T) {
	site := moderngovtest.NewSite(t,
		moderngovtest.WithFault(moderngovtest.Service, moderngovtest.Status(http.StatusForbidden)),
		moderngovtest.WithFault("mgListCommittees", moderngovtest.Body("text/html", `<html><body><ul>
		<li><a href="mgCommitteeDetails.aspx?ID=9">Audit Committee</a></li>
		<li><a href="mgCommitteeDetails.aspx?ID=7">Safer Hillingdon  Partnership Board</a></li>
		</ul></body></html>`)))
	cm, err := newClient(t, site).ResolveCommittee(context.Background(), "safer hillingdon partnership board")
	if err != nil {
		t.Fatalf("ResolveCommittee: %v", err)
	}
	if cm.ID != 7 {
		t.Errorf("ResolveCommittee() = %+v, want id 7", cm)
	}
	_, err = newClient(t, site).ResolveCommittee(context.Background(), "Licensing Committee")
	if !errors.Is(err, moderngov.ErrNoCommittee) {
		t.Errorf("ResolveCommittee(unknown) error = %v, want ErrNoCommittee", err)
	}
}

// TestFaults gives each fault a clear error, on the source when it stops
// everything and on the meeting when the others can go on.
func TestFaults(t *testing.T) {
	for _, tc := range []struct {
		name      string
		faults    map[string]http.HandlerFunc
		robots    string
		want      error
		wantCode  int
		wantInErr string
		wantIDs   string // meetings still emitted
	}{
		{
			name:      "malformed XML for a meeting",
			faults:    map[string]http.HandlerFunc{"GetMeeting:101": moderngovtest.MalformedXML},
			want:      moderngov.ErrMalformed,
			wantInErr: "meeting 101 of 2021-09-08",
			wantIDs:   "[105]",
		},
		{
			name:      "malformed meeting list",
			faults:    map[string]http.HandlerFunc{"GetMeetings:7": moderngovtest.Body("text/xml", "<getmeetings><committee><committeemeetings><meeting><meetingid>x</meetingid>")},
			want:      moderngov.ErrMalformed,
			wantInErr: "list meetings of committee 7",
			wantIDs:   "[]",
		},
		{
			name:      "meeting date not dd/mm/yyyy",
			faults:    map[string]http.HandlerFunc{"GetMeetings:7": moderngovtest.Body("text/xml", "<getmeetings><committee><committeemeetings><meeting><meetingid>1</meetingid><meetingdate>2021-09-08</meetingdate></meeting></committeemeetings></committee></getmeetings>")},
			want:      moderngov.ErrMalformed,
			wantInErr: `date "2021-09-08" is not dd/mm/yyyy`,
			wantIDs:   "[]",
		},
		{
			name:      "server error for a meeting",
			faults:    map[string]http.HandlerFunc{"GetMeeting:105": moderngovtest.Status(http.StatusInternalServerError)},
			wantCode:  http.StatusInternalServerError,
			wantInErr: "meeting 105 of 2022-03-09",
			wantIDs:   "[101]",
		},
		{
			name: "403 on the service and on the meetings page",
			faults: map[string]http.HandlerFunc{
				moderngovtest.Service: moderngovtest.Status(http.StatusForbidden),
				"ieListMeetings:7":    moderngovtest.Status(http.StatusForbidden),
			},
			wantCode:  http.StatusForbidden,
			wantInErr: "list meetings of committee 7",
			wantIDs:   "[]",
		},
		{
			name: "404 for a full minutes page",
			faults: map[string]http.HandlerFunc{
				moderngovtest.Service: moderngovtest.DisabledService,
				"mgAi:5002":           moderngovtest.Status(http.StatusNotFound),
			},
			wantCode:  http.StatusNotFound,
			wantInErr: `meeting 101 of 2021-09-08: meeting 101 item "Safer Hillingdon Partnership Performance Report & Update"`,
			wantIDs:   "[105]",
		},
		{
			name:      "robots.txt disallows the web service",
			robots:    "User-agent: *\nDisallow: /mgWebService.asmx\n",
			want:      moderngov.ErrDisallowed,
			wantInErr: "mgWebService.asmx/GetMeetings",
			wantIDs:   "[]",
		},
		{
			name:    "robots.txt disallows us by name",
			robots:  "User-agent: *\nAllow: /\n\nUser-agent: minutes_exporter\nDisallow: /\n",
			want:    moderngov.ErrDisallowed,
			wantIDs: "[]",
		},
		{
			name:      "robots.txt unreachable",
			faults:    map[string]http.HandlerFunc{"robots": moderngovtest.Status(http.StatusServiceUnavailable)},
			wantCode:  http.StatusServiceUnavailable,
			wantInErr: "robots.txt",
			wantIDs:   "[]",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []moderngovtest.Option
			for r, h := range tc.faults {
				opts = append(opts, moderngovtest.WithFault(r, h))
			}
			if tc.robots != "" {
				opts = append(opts, moderngovtest.WithRobots(tc.robots))
			}
			site := moderngovtest.NewSite(t, opts...)
			got, err := fetchAll(t, newClient(t, site), "7", nil)
			if err == nil {
				t.Fatal("Fetch succeeded, want an error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Fetch error = %v, want %v", err, tc.want)
			}
			var se *moderngov.StatusError
			if tc.wantCode != 0 && (!errors.As(err, &se) || se.Code != tc.wantCode) {
				t.Errorf("Fetch error = %v, want HTTP status %d", err, tc.wantCode)
			}
			if !strings.Contains(err.Error(), tc.wantInErr) {
				t.Errorf("Fetch error = %q, want it to say %q", err, tc.wantInErr)
			}
			var ids []int
			for _, m := range got {
				ids = append(ids, m.ID)
			}
			if d := diff(tc.wantIDs, fmt.Sprint(ids)); d != "" {
				t.Errorf("meetings emitted (-want +got):\n%s", d)
			}
			if tc.want == moderngov.ErrDisallowed {
				for _, r := range site.Since(0) {
					if r != "robots" {
						t.Errorf("requested %s although robots.txt disallows it", r)
					}
				}
			}
		})
	}
}

func TestEmitErrorStops(t *testing.T) {
	site := moderngovtest.NewSite(t)
	stop := errors.New("store full")
	calls := 0
	err := newClient(t, site).Fetch(context.Background(), moderngov.Query{Committee: "7", From: from, To: to}, nil,
		func(moderngov.Meeting) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("Fetch() = %v after %d emits, want %v after 1", err, calls, stop)
	}
}

// TestOneRequestAtATimePerHost runs two clients sharing a gate at once.
func TestOneRequestAtATimePerHost(t *testing.T) {
	site := moderngovtest.NewSite(t)
	gate := hostgate.New()
	var wg sync.WaitGroup
	for range 3 {
		c := newClient(t, site)
		c.Gate = gate
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := fetchAll(t, c, "7", nil); err != nil {
				t.Errorf("Fetch: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := site.MaxInFlight(); n != 1 {
		t.Errorf("at most %d requests were in flight at once, want 1", n)
	}
}

// TestDelayBetweenRequests checks only a lower bound, which the gate
// guarantees whatever the machine's speed.
func TestDelayBetweenRequests(t *testing.T) {
	site := moderngovtest.NewSite(t)
	c := newClient(t, site)
	c.Delay = 20 * time.Millisecond
	start := time.Now()
	if _, err := fetchAll(t, c, "7", nil); err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	n := site.Total()
	if min := time.Duration(n-1) * c.Delay; time.Since(start) < min {
		t.Errorf("%d requests took %v, less than %v", n, time.Since(start), min)
	}
}

// TestRetryAfterCarriesToNextFetch: a site that answers 503 with a
// Retry-After of an hour is not asked again by the next fetch, which fails
// at once saying until when.
func TestRetryAfterCarriesToNextFetch(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	c, err := moderngov.New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	c.Delay = -1
	for i, want := range []string{"not asked again before", "asked not to be asked again before"} {
		_, err := fetchAll(t, c, "7", nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("fetch %d: %v, want an error containing %q", i+1, err, want)
		}
		if n := requests.Load(); n != 1 {
			t.Errorf("fetch %d: the site had %d requests, want 1", i+1, n)
		}
	}
}
