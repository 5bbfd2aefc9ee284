package htmltext

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func TestText(t *testing.T) {
	tests := []struct {
		name string
		html string
		want string
	}{
		{
			name: "paragraphs are lines with a blank line between",
			html: "<p>Burglary had\n  reduced by 39%.</p><p>Robbery rose.</p>",
			want: "Burglary had reduced by 39%.\n\nRobbery rose.\n",
		},
		{
			name: "list items are lines",
			html: "<ul><li>Burglary -7.3%</li><li>Robbery <b>+2%</b></li></ul>",
			want: "Burglary -7.3%\nRobbery +2%\n",
		},
		{
			name: "table cells one a line",
			html: "<table><tr><th>Crime</th><th>Change</th></tr><tr><td>Burglary</td><td>-39%</td></tr></table>",
			want: "Crime\nChange\nBurglary\n-39%\n",
		},
		{
			name: "script style nav and head dropped",
			html: "<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a></nav><script>var x=1;</script><p>Text</p><noscript>enable js</noscript></body></html>",
			want: "Text\n",
		},
		{
			name: "entities decoded, double-encoded ones too",
			html: "<p>Officers&#39; report &amp; the board&amp;#39;s view&nbsp;&ndash; fine</p>",
			want: "Officers' report & the board's view – fine\n",
		},
		{
			name: "inline elements keep the spaces the source had",
			html: "<p>a <span>17.8%</span> detection<span> rate</span>, <i>up</i>.</p>",
			want: "a 17.8% detection rate, up.\n",
		},
		{
			name: "words split by markup stay joined",
			html: "<p><span>Burg</span><span>lary</span> fell</p>",
			want: "Burglary fell\n",
		},
		{
			name: "br breaks a line",
			html: "<p>Item 1<br>Item 2<br/><br/>Item 3</p>",
			want: "Item 1\nItem 2\nItem 3\n",
		},
		{
			name: "nested blocks give one blank line",
			html: "<div><div><p>One</p></div></div><div><div><p>Two</p></div></div>",
			want: "One\n\nTwo\n",
		},
		{
			name: "invisible characters dropped",
			html: "<p>anti\u00adsocial\u200b behaviour</p>",
			want: "antisocial behaviour\n",
		},
		{
			name: "hidden and navigation roles dropped",
			html: `<div role="navigation">Menu</div><div style="display: none">x</div><p hidden>y</p><p>z</p>`,
			want: "z\n",
		},
		{
			name: "pre keeps its lines",
			html: "<pre>Crime    2019  2021\nBurglary 2500  1511\n</pre>",
			want: "Crime    2019  2021\nBurglary 2500  1511\n",
		},
		{
			name: "empty document",
			html: "",
			want: "",
		},
		{
			name: "headings apart from paragraphs",
			html: "<h2>Crime</h2>Burglary fell.<h3>ASB</h3>ASB rose.",
			want: "Crime\n\nBurglary fell.\n\nASB\n\nASB rose.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.html)
			if got != tt.want {
				t.Errorf("Text(%q):\n-want %q\n+got  %q", tt.html, tt.want, got)
			}
		})
	}
}

func TestParseTitle(t *testing.T) {
	p, err := Parse(strings.NewReader("<html><head><title> Agenda  &amp; minutes </title></head><body>x</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Agenda & minutes"; p.Title != want {
		t.Errorf("Title: -want %q +got %q", want, p.Title)
	}
}

// TestModernGov reads a ModernGov agenda page (the CSS classes of the
// reference fixture) and checks each "Minutes:" block is its own paragraph,
// apart from the decision before it and the next item.
func TestModernGov(t *testing.T) {
	data, err := os.ReadFile("testdata/moderngov_agenda.html")
	if err != nil {
		t.Fatal(err)
	}
	got := Text(string(data))
	if *update {
		if err := os.WriteFile("testdata/moderngov_agenda.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/moderngov_agenda.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("moderngov_agenda.html:\n-want\n%s\n+got\n%s", want, got)
	}
}
