package pdftext

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// edgeLines is how many non-blank lines at the top and at the bottom of a
// page may be a running header or footer.
const edgeLines = 3

// Clean turns pdftotext's output (pages separated by form feeds) into
// paragraphs of plain text: lines that appear at the top or bottom of every
// page, page numbers aside, are dropped; a word hyphenated across a line
// break is joined; and the lines of a paragraph, wrapped to fit the page,
// are joined into one line. Paragraphs are separated by a blank line. Clean
// is pure, so it can be tested on literal strings.
func Clean(raw string) string {
	pages := splitPages(raw)
	dropRunning(pages)
	// A page break is no paragraph break: whether a paragraph goes on over
	// it is for unwrap to judge, as for any other line break.
	var lines []string
	for _, p := range pages {
		lines = append(lines, trimBlank(p)...)
	}
	return unwrap(lines)
}

func splitPages(raw string) [][]string {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	parts := strings.Split(raw, "\f")
	var pages [][]string
	for _, p := range parts {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			lines = append(lines, strings.TrimRightFunc(l, unicode.IsSpace))
		}
		pages = append(pages, lines)
	}
	// pdftotext ends every page, the last one too, with a form feed.
	for len(pages) > 1 && isBlankPage(pages[len(pages)-1]) {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// trimBlank returns lines without its leading and trailing blank lines.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func isBlankPage(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

var digits = regexp.MustCompile(`[0-9]+`)

// runningKey is what a header or footer line has in common from page to
// page: its words, with numbers (page numbers, dates) masked.
func runningKey(line string) string {
	return digits.ReplaceAllString(strings.Join(strings.Fields(line), " "), "#")
}

// edges returns the indexes of a page's first and last edgeLines non-blank
// lines.
func edges(lines []string) (top, bottom []int) {
	for i := 0; i < len(lines) && len(top) < edgeLines; i++ {
		if strings.TrimSpace(lines[i]) != "" {
			top = append(top, i)
		}
	}
	for i := len(lines) - 1; i >= 0 && len(bottom) < edgeLines; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			bottom = append(bottom, i)
		}
	}
	return top, bottom
}

// dropRunning blanks, in place, the header and footer lines that every page
// of a document of two or more pages has.
func dropRunning(pages [][]string) {
	if len(pages) < 2 {
		return
	}
	// count[key] is the number of pages with key among their edge lines.
	topCount, bottomCount := map[string]int{}, map[string]int{}
	for _, p := range pages {
		top, bottom := edges(p)
		countKeys(topCount, p, top)
		countKeys(bottomCount, p, bottom)
	}
	for _, p := range pages {
		top, bottom := edges(p)
		for _, i := range top {
			if topCount[runningKey(p[i])] == len(pages) {
				p[i] = ""
			}
		}
		for _, i := range bottom {
			if bottomCount[runningKey(p[i])] == len(pages) {
				p[i] = ""
			}
		}
	}
}

func countKeys(count map[string]int, lines []string, idx []int) {
	seen := map[string]bool{}
	for _, i := range idx {
		k := runningKey(lines[i])
		if !seen[k] {
			seen[k] = true
			count[k]++
		}
	}
}

// bullet matches the start of a list item, which always starts a new line.
var bullet = regexp.MustCompile(`^\s*([•·▪◦‣●○\-–*]|\(?[0-9]+[.)]|\(?[a-z][.)])\s`)

// unwrap joins wrapped lines into paragraphs.
func unwrap(lines []string) string {
	width := typicalWidth(lines)
	var b strings.Builder
	blank := true // at a paragraph boundary
	for i, l := range lines {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " "))
		if l == "" {
			if !blank {
				b.WriteString("\n\n")
				blank = true
			}
			continue
		}
		b.WriteString(l)
		blank = false
		next := nextNonBlank(lines, i)
		switch {
		case next == "":
			// Blank line or end of text: the boundary is written then.
		case hyphenated(l, next):
			s := b.String()
			b.Reset()
			b.WriteString(s[:len(s)-1])
		case wrapped(l, next, width):
			b.WriteString(" ")
		default:
			b.WriteString("\n")
		}
	}
	return strings.TrimSpace(b.String()) + "\n"
}

// nextNonBlank returns the line after i when it is not blank, else "".
func nextNonBlank(lines []string, i int) string {
	if i+1 >= len(lines) {
		return ""
	}
	return strings.TrimSpace(strings.ReplaceAll(lines[i+1], "\u00a0", " "))
}

// hyphenated reports whether line ends in a word broken by a hyphen that
// next completes: "offen-" then "ces were".
func hyphenated(line, next string) bool {
	if !strings.HasSuffix(line, "-") || len(line) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(line[:len(line)-1])
	after, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(before) && unicode.IsLower(after)
}

// wrapped reports whether line was broken only because the page was full:
// the first word of next would not have fitted after it.
func wrapped(line, next string, width int) bool {
	if bullet.MatchString(next) {
		return false
	}
	first, _, _ := strings.Cut(next, " ")
	// Proportional fonts make character counts approximate.
	return utf8.RuneCountInString(line)+1+utf8.RuneCountInString(first) > width*85/100
}

// typicalWidth is the length, in characters, of a full line: the 90th
// percentile of non-blank line lengths.
func typicalWidth(lines []string) int {
	var n []int
	for _, l := range lines {
		if c := utf8.RuneCountInString(strings.TrimSpace(l)); c > 0 {
			n = append(n, c)
		}
	}
	if len(n) == 0 {
		return 0
	}
	slices.Sort(n)
	return n[len(n)*9/10]
}
