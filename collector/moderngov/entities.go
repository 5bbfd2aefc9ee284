package moderngov

import (
	"html"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDecodes bounds decoding: ModernGov encodes twice at most in practice,
// and a bound keeps a hostile "&amp;amp;amp;..." from costing much.
const maxDecodes = 5

// decodeText decodes HTML entities until the text no longer changes:
// ModernGov double-encodes them ("&amp;#39;" for an apostrophe).
func decodeText(s string) string {
	for range maxDecodes {
		d := html.UnescapeString(s)
		if d == s {
			break
		}
		s = d
	}
	return s
}

// decodeHTML returns a minutes HTML fragment with every text decoded until
// stable and written back with one level of encoding, so any HTML reader
// gets the text right. Markup that was itself escaped once more than the
// XML required ("&lt;p&gt;" after XML decoding) is unescaped first.
func decodeHTML(s string) string {
	for range maxDecodes {
		if strings.Contains(s, "<") || !strings.Contains(s, "&lt;") {
			break
		}
		s = html.UnescapeString(s)
	}
	nodes, err := nethtml.ParseFragment(strings.NewReader(s), &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return decodeText(s)
	}
	var b strings.Builder
	for _, n := range nodes {
		decodeNodes(n)
		if err := nethtml.Render(&b, n); err != nil {
			return decodeText(s)
		}
	}
	return b.String()
}

func decodeNodes(n *nethtml.Node) {
	if n.Type == nethtml.TextNode {
		n.Data = decodeText(n.Data)
	}
	for i := range n.Attr {
		n.Attr[i].Val = decodeText(n.Attr[i].Val)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		decodeNodes(c)
	}
}
