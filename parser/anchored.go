package parser

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// anchoredPattern finds what a regular expression starting with "\b"
// finds, trying it only where a match can start: at the start of a word
// whose first byte can begin one. A search of the whole window tries the
// expression at every byte, and each try clears a table the size of the
// expression and the rest of the text: most of the cost of a period's
// search.
type anchoredPattern struct {
	// at is the expression without its "\b", anchored to the start of
	// the text it is given.
	at *regexp.Regexp
	// first holds the bytes a match can start with.
	first [256]bool
}

// newAnchoredPattern compiles expr, which must start with "\b" followed
// by what starts with a word's byte (a letter, digit or underscore), and
// match no empty string.
func newAnchoredPattern(expr string) *anchoredPattern {
	rest, ok := strings.CutPrefix(expr, `\b`)
	if !ok {
		panic("anchoredPattern: " + expr + " does not start with \\b")
	}
	re, err := syntax.Parse(rest, syntax.Perl)
	if err != nil {
		panic(err)
	}
	p := &anchoredPattern{at: regexp.MustCompile(`^(?:` + rest + `)`)}
	if firstBytes(re.Simplify(), &p.first) {
		panic("anchoredPattern: " + expr + " can match an empty string")
	}
	// findAll tries only the starts of words: "\b" before a byte that is
	// no word's would hold after a word instead.
	for b, ok := range p.first {
		if ok && !isWordByte(byte(b)) {
			panic("anchoredPattern: " + expr + " can start with a byte that is no word's")
		}
	}
	return p
}

// findAll returns what FindAllStringSubmatchIndex(s, -1) returns for the
// expression with its "\b": the matches one after another, each the
// first that starts at or after the end of the one before.
func (p *anchoredPattern) findAll(s string) [][]int {
	var out [][]int
	for at := 0; at < len(s); at++ {
		// A match starts where "\b" holds before a byte it can start
		// with: a word's first, the expressions' first bytes being
		// letters and digits.
		if !p.first[s[at]] || !isWordByte(s[at]) || at > 0 && isWordByte(s[at-1]) {
			continue
		}
		m := p.at.FindStringSubmatchIndex(s[at:])
		if m == nil {
			continue
		}
		shiftMatch(m, at)
		out = append(out, m)
		at = m[1] - 1 // on from the match's end; it matched no empty string
	}
	return out
}

// shiftMatch moves the offsets of a match and its groups, found in a
// string that starts by bytes into another, to offsets in that one; a
// group that matched nothing stays -1.
func shiftMatch(m []int, by int) {
	for i := range m {
		if m[i] >= 0 {
			m[i] += by
		}
	}
}

// isWordByte reports whether b is a byte "\b" counts as a word's: an
// ASCII letter, digit or underscore.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// firstBytes adds to first every byte a match of re can start with, and
// reports whether re can match an empty string (so that what follows it
// can start a match too).
func firstBytes(re *syntax.Regexp, first *[256]bool) (nullable bool) {
	all := func() {
		for b := range first {
			first[b] = true
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		addRune(re.Rune[0], re.Flags&syntax.FoldCase != 0, first)
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1] && r < 0x80; r++ {
				addRune(r, re.Flags&syntax.FoldCase != 0, first)
			}
			if re.Rune[i+1] >= 0x80 {
				for b := 0x80; b < 256; b++ {
					first[b] = true // the lead bytes of what is not ASCII
				}
			}
		}
		return false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		all()
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], first)
	case syntax.OpStar, syntax.OpQuest:
		firstBytes(re.Sub[0], first)
		return true
	case syntax.OpRepeat:
		return firstBytes(re.Sub[0], first) || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !firstBytes(sub, first) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			if firstBytes(sub, first) {
				nullable = true
			}
		}
		return nullable
	}
	all() // an operator not named here: any byte may start it
	return true
}

// addRune adds the first byte of r, and of its other case when fold is
// set, to first.
func addRune(r rune, fold bool, first *[256]bool) {
	for _, c := range []rune{r, toOtherCase(r, fold)} {
		if c < 0x80 {
			first[c] = true
		} else {
			for b := 0x80; b < 256; b++ {
				first[b] = true
			}
		}
	}
}

// toOtherCase returns r's other ASCII case when fold is set, else r.
func toOtherCase(r rune, fold bool) rune {
	switch {
	case !fold:
		return r
	case r >= 'a' && r <= 'z':
		return r - 'a' + 'A'
	case r >= 'A' && r <= 'Z':
		return r - 'A' + 'a'
	}
	return r
}
