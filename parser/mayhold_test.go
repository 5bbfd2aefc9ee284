package parser

import (
	"strings"
	"testing"
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
	held := 0
	for i, text := range texts {
		for _, s := range sentences[i] {
			sub := text[s.start:s.end]
			got, want := mayHoldFigure(sub), mayHoldFigurePlainly(sub)
			if got != want {
				t.Fatalf("%q: mayHoldFigure = %v, plainly %v", sub, got, want)
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
