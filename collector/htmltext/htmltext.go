// Package htmltext turns HTML pages of minutes into the plain text the
// parser reads: paragraphs, headings and list items as lines, one table cell
// a line, entities decoded (twice where a page encoded them twice, as
// ModernGov does), and scripts, styles, navigation and form controls
// dropped. ModernGov agenda pages read as their item titles, each
// "Minutes:" heading, and its mgWordPara paragraphs.
package htmltext

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is the readable content of an HTML document.
type Page struct {
	// Title is the text of the <title> element, or "".
	Title string
	// Text is the body as plain text: lines separated by "\n", paragraphs
	// by a blank line, ending in "\n" unless empty.
	Text string
}

// Parse reads an HTML document or fragment. Like a browser it accepts any
// markup; it fails only when r does.
func Parse(r io.Reader) (Page, error) {
	root, err := html.Parse(r)
	if err != nil {
		return Page{}, fmt.Errorf("parse html: %w", err)
	}
	var w writer
	w.walk(root)
	return Page{Title: title(root), Text: w.text()}, nil
}

// Text returns the plain text of an HTML document or fragment, such as the
// escaped minutes HTML in ModernGov's web service answers once unescaped.
func Text(s string) string {
	p, _ := Parse(strings.NewReader(s)) // a strings.Reader never fails
	return p.Text
}

// skipped are the elements whose content is never minutes.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Select: true, atom.Button: true, atom.Input: true,
	atom.Textarea: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true, atom.Map: true, atom.Head: true,
}

// paragraphs are the elements set apart by a blank line.
var paragraphs = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Address: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Caption: true,
	atom.Fieldset: true, atom.Details: true, atom.Summary: true, atom.Center: true,
	atom.Form: true, atom.Body: true,
}

// lines are the elements that start and end a line.
var lines = map[atom.Atom]bool{
	atom.Li: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dt: true,
	atom.Dd: true, atom.Br: true, atom.Legend: true, atom.Option: true,
}

// writer accumulates text, collapsing white space and merging breaks so
// that nested blocks give one blank line, not several. Breaks and spaces
// are written only before the next word, so lines never end in spaces and
// the text never starts with a break.
type writer struct {
	b     strings.Builder
	brk   int  // pending break: 0 none, 1 new line, 2 blank line
	space bool // pending space between words
	pre   int  // depth of <pre> elements
}

func (w *writer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.textNode(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
	case html.DocumentNode:
	default: // comments, doctypes
		return
	}
	brk := 0
	switch {
	case paragraphs[n.DataAtom]:
		brk = 2
	case lines[n.DataAtom]:
		brk = 1
	}
	w.breakLine(brk)
	if n.DataAtom == atom.Pre {
		w.pre++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.DataAtom == atom.Pre {
		w.pre--
	}
	w.breakLine(brk)
}

// hidden reports whether an element is marked as not shown or as
// navigation.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if a.Val == "navigation" {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

func (w *writer) textNode(s string) {
	s = decodeAgain(s)
	if w.pre > 0 {
		for i, l := range strings.Split(s, "\n") {
			if i > 0 {
				w.breakLine(1)
			}
			if l = strings.TrimRightFunc(clean(l), unicode.IsSpace); l != "" {
				w.word(l)
			}
		}
		return
	}
	s = clean(s)
	if startsInSpace(s) {
		w.space = true
	}
	for i, f := range strings.FieldsFunc(s, unicode.IsSpace) {
		if i > 0 {
			w.space = true
		}
		w.word(f)
	}
	if endsInSpace(s) {
		w.space = true
	}
}

// word writes s after the pending break or space.
func (w *writer) word(s string) {
	switch {
	case w.brk > 0:
		if w.b.Len() > 0 {
			w.b.WriteString("\n\n"[:w.brk])
		}
	case w.space && w.b.Len() > 0:
		w.b.WriteByte(' ')
	}
	w.brk, w.space = 0, false
	w.b.WriteString(s)
}

// breakLine asks for a break of at least level before the next word.
func (w *writer) breakLine(level int) {
	w.brk = max(w.brk, level)
}

func (w *writer) text() string {
	if w.b.Len() == 0 {
		return ""
	}
	return w.b.String() + "\n"
}

// decodeAgain decodes entities left in text that was encoded twice, such as
// ModernGov's "&amp;#39;", which the HTML parser turns into "&#39;".
func decodeAgain(s string) string {
	if i := strings.IndexByte(s, '&'); i >= 0 && strings.IndexByte(s[i:], ';') > 0 {
		return html.UnescapeString(s)
	}
	return s
}

// clean drops characters that are invisible in a browser and would split or
// join words in the text: zero-width spaces and joiners, soft hyphens, byte
// order marks and control characters, and replaces invalid UTF-8.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff':
			return -1
		case '\t', '\n', '\r':
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func startsInSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// title returns the text of the first <title> element, or "".
func title(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		return collapse(textOf(n))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := title(c); t != "" {
			return t
		}
	}
	return ""
}

// textOf returns the concatenated text inside n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(clean(decodeAgain(s))), " ")
}
