package parser

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// isSpacePlainly is the white space the sentence splitter skips, as
// first written: a character unicode calls a space, or a no-break space.
func isSpacePlainly(text string, j, end int) (bool, int) {
	r, size := utf8.DecodeRuneInString(text[j:end])
	return unicode.IsSpace(r) || r == '\u00a0', size
}

// trimSpacePlainly is trimSpace as first written, one character decoded
// at a time.
func trimSpacePlainly(text string, start, end int) (int, int) {
	for start < end {
		sp, size := isSpacePlainly(text, start, end)
		if !sp {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) && r != '\u00a0' {
			break
		}
		end -= size
	}
	return start, end
}

// TestSpaceAtAndTrimSpaceAsDecoded checks spaceAt and trimSpace, which
// tell ASCII and the no-break space by their bytes, against decoding
// every character: on every line of every labelled set, and on random
// mixes of spaces, no-break spaces, other characters and broken UTF-8.
func TestSpaceAtAndTrimSpaceAsDecoded(t *testing.T) {
	check := func(s string) {
		t.Helper()
		for j := 0; j < len(s); j++ {
			sp, size := isSpacePlainly(s, j, len(s))
			if got := spaceAt(s, j, len(s)); sp && got != size || !sp && got != 0 {
				t.Fatalf("spaceAt(%q, %d) = %d, want %v (%d bytes)", s, j, got, sp, size)
			}
		}
		for _, span := range [][2]int{{0, len(s)}, {min(1, len(s)), len(s)}, {0, max(0, len(s)-1)}} {
			gs, ge := trimSpace(s, span[0], span[1])
			ws, we := trimSpacePlainly(s, span[0], span[1])
			if gs != ws || ge != we {
				t.Fatalf("trimSpace(%q, %d, %d) = %d, %d; want %d, %d", s, span[0], span[1], gs, ge, ws, we)
			}
			// The table gate trims its lines with trimSpace for
			// strings.TrimSpace.
			if got, want := s[gs:ge], strings.TrimSpace(s[span[0]:span[1]]); got != want {
				t.Fatalf("trimSpace(%q, %d, %d) trims to %q, strings.TrimSpace to %q", s, span[0], span[1], got, want)
			}
		}
	}
	texts, _ := labelledSentences(t)
	lines := 0
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			check(line)
			lines++
		}
	}
	if lines < 5000 {
		t.Fatalf("only %d lines", lines)
	}
	parts := []string{" ", "\t", "\u00a0", "\u2003", "\u3000", "\xc2", "\xa0", "\xe2\xc2\xa0", "a", "é", ".", "\xff", "\r", "\u0085", "\v", "\f"}
	for _, s := range randomJoins(12, 20000, 9, parts) {
		check(s)
	}
}
