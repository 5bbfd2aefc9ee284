package parser

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// mayHoldFigurePlainly is what mayHoldFigure reports, written plainly: a
// digit, or a run of ASCII letters that is a figure word in either case.
func mayHoldFigurePlainly(s string) bool {
	run := func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	for _, w := range strings.FieldsFunc(s, run) {
		if figureWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// TestMayHoldFigureAsWrittenPlainly checks mayHoldFigure against its plain
// statement: on every sentence of every labelled set, and on random mixes
// of figure words, their near misses, digits and bytes that are not ASCII.
func TestMayHoldFigureAsWrittenPlainly(t *testing.T) {
	texts, sentences := labelledSentences(t)
	var bits []*textBits
	for _, text := range texts {
		bits = append(bits, textBitsOf(text))
	}
	held := 0
	for i, text := range texts {
		for _, s := range sentences[i] {
			sub := text[s.start:s.end]
			got, want := mayHoldFigure(sub), mayHoldFigurePlainly(sub)
			if got != want {
				t.Fatalf("%q: mayHoldFigure = %v, plainly %v", sub, got, want)
			}
			// Read in the text's bits, as a parse reads it.
			if got := bits[i].mayHoldFigure(text, s.start, s.end); got != want {
				t.Fatalf("%q: mayHoldFigure in the text = %v, plainly %v", sub, got, want)
			}
			if want {
				held++
			}
		}
	}
	if held < 1000 {
		t.Fatalf("only %d sentences may hold a figure", held)
	}
	parts := []string{"four", "FOUR", "Halved", "the", "xfour", "fourx", "ten", "te", "n", " ", ".", "7", "é", "–", "\xff",
		"@", "[", "`", "{", "thousand", "quarter", "doubled", "abcdefghijklmnopqrstuvwxyzabcdefghij", "Quadrupled", "seventy"}
	for _, s := range randomJoins(6, 100000, 11, parts) {
		if got, want := mayHoldFigure(s), mayHoldFigurePlainly(s); got != want {
			t.Fatalf("%q: mayHoldFigure = %v, plainly %v", s, got, want)
		}
	}
}

// TestMayHoldFigureAcrossBlocks checks mayHoldFigure, which reads its text
// 64 bytes at a time, on a word or digit at every offset around the ends of
// the first blocks, after filler that is a word running up to it, or ends
// before it, or is no letters at all.
func TestMayHoldFigureAcrossBlocks(t *testing.T) {
	fillers := []string{"x", " ", "é", "-", "Ab"}
	words := []string{"four", "Twelve", "half", "7", "the", "xfour", "fourx", "tenfold", "quadrupled", "ab"}
	leads := []string{"9 four ", "9 four" + strings.Repeat("x", 57), "9 four" + strings.Repeat("x", 58), strings.Repeat("7 ", 32) + "x", strings.Repeat("7x", 32) + "four"}
	for _, fill := range fillers {
		for at := 0; at < 140; at++ {
			for _, w := range words {
				for _, after := range []string{"", " ", "s", "9", " end of the sentence here", " four", " fifty"} {
					pre := strings.Repeat(fill, at)[:at]
					s := pre + w + after
					if !utf8.ValidString(pre) {
						continue // a filler cut inside a character
					}
					want := mayHoldFigurePlainly(s)
					if got := mayHoldFigure(s); got != want {
						t.Fatalf("%q: mayHoldFigure = %v, plainly %v", s, got, want)
					}
					// The sentence inside a text that starts and goes on
					// with digits, figure words and letters, which are
					// not its own, the sentence starting at either end of
					// the text's first block of 64 bytes or just past it.
					for _, lead := range leads {
						for _, rest := range []string{"7", "four", "x7 four", "\xff9", "1234567890 twelve"} {
							text := lead + s + rest
							if got := textBitsOf(text).mayHoldFigure(text, len(lead), len(lead)+len(s)); got != want {
								t.Fatalf("%q in %q: mayHoldFigure = %v, plainly %v", s, text, got, want)
							}
						}
					}
				}
			}
		}
	}
}
