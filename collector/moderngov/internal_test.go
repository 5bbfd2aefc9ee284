package moderngov

import (
	"testing"
	"time"
)

func TestRobotsAllowed(t *testing.T) {
	const robots = `# comment
User-agent: *
Disallow: /mgWebService.asmx
Disallow: /documents/*.pdf$
Allow: /documents/public/

User-agent: OtherBot
User-agent: minutes_exporter
Disallow: /private
Allow: /private/minutes
`
	for _, tc := range []struct {
		name, agent, path string
		want              bool
	}{
		{"star group applies to others", "somebot", "/mgWebService.asmx/GetMeetings?lCommitteeId=1", false},
		{"our group replaces the star group", "minutes_exporter", "/mgWebService.asmx/GetMeetings", true},
		{"our group disallows", "minutes_exporter", "/private/x", false},
		{"longest match wins", "minutes_exporter", "/private/minutes/1", true},
		{"end anchor matches", "somebot", "/documents/g1/minutes.pdf", false},
		{"end anchor does not match more", "somebot", "/documents/g1/minutes.pdf?x=1", true},
		{"allow beats shorter disallow", "somebot", "/documents/public/a.pdf", true},
		{"case of an IIS path does not escape a disallow", "somebot", "/MGWEBSERVICE.ASMX/GetMeeting", false},
		{"unlisted path allowed", "somebot", "/ieListMeetings.aspx?CId=1", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseRobots(robots, tc.agent).allowed(tc.path); got != tc.want {
				t.Errorf("allowed(%q) for %s = %v, want %v", tc.path, tc.agent, got, tc.want)
			}
		})
	}
	if !(robotsRules{}).allowed("/anything") {
		t.Error("empty rules disallow")
	}
	if !parseRobots("User-agent: *\nDisallow:\n", "x").allowed("/a") {
		t.Error(`"Disallow:" with no path disallows`)
	}
}

func TestDecodeHTML(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"single level kept", `<p>Tom &amp; Jerry</p>`, `<p>Tom &amp; Jerry</p>`},
		{"double-encoded apostrophe", `<p>Keith&amp;#39;s team</p>`, `<p>Keith&#39;s team</p>`},
		{"triple-encoded ampersand", `<p>A &amp;amp;amp; B</p>`, `<p>A &amp; B</p>`},
		{"named entity twice", `<p>&amp;pound;5</p>`, `<p>£5</p>`},
		{"escaped markup", `&lt;p&gt;Burglary fell&lt;/p&gt;`, `<p>Burglary fell</p>`},
		{"literal less-than in text", `<p>under &lt; 5%</p>`, `<p>under &lt; 5%</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := decodeHTML(tc.in); got != tc.want {
				t.Errorf("decodeHTML(%q)\n-want %q\n+got  %q", tc.in, tc.want, got)
			}
		})
	}
}

func TestParseMeetingDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"8 Sep 2021 6.30 pm", "2021-09-08"},
		{"Wednesday, 8th September, 2021 6.30 pm", "2021-09-08"},
		{"19 Jan 2022 6.30 pm CANCELLED", "2022-01-19"},
		{"Calendar", ""},
		{"31 Foo 2021", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseMeetingDate(tc.in)
			s := ""
			if ok {
				s = got.Format(time.DateOnly)
			}
			if s != tc.want {
				t.Errorf("parseMeetingDate(%q) = %q, want %q", tc.in, s, tc.want)
			}
		})
	}
}
