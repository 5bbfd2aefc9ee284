package parser

import (
	"reflect"
	"strings"
	"testing"
)

// tokenizePlainly is tokenizeLower as first written, each token read by
// appendRuneToken, a character decoded at a time.
func tokenizePlainly(text, low string, start, end int) []token {
	var toks []token
	for i := start; i < end; {
		toks, i = appendRuneToken(toks, text, low, start, end, i)
	}
	return toks
}

// TestTokenizeAsReadPlainly checks the tokenizer, which reads ASCII
// words, numbers and punctuation in a loop of its own, against reading
// every token a character at a time: on every sentence of every labelled
// set, and on random mixes of letters, digits, decimal points and commas,
// middle dots, punctuation, white space, characters that are not ASCII
// and broken UTF-8, with and without a lowered copy, and with a limit.
func TestTokenizeAsReadPlainly(t *testing.T) {
	check := func(text string, bits *textBits, start, end int) {
		t.Helper()
		for _, low := range []string{asciiLower(text[start:end]), ""} {
			want := tokenizePlainly(text, low, start, end)
			if got := tokenizeLower(nil, text, low, start, end); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Fatalf("tokenize(%q, low %v) =\n%v\nwant\n%v", text[start:end], low != "", got, want)
			}
			// The words' ends found in the text's bits, as a parse
			// finds them.
			if got := tokenizeIn(nil, text, low, bits.alnums, start, end, -1); !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Fatalf("tokenize(%q, low %v) in the text's bits =\n%v\nwant\n%v", text[start:end], low != "", got, want)
			}
			for _, limit := range []int{0, 1, 3} {
				got := tokenizeUpTo(make([]token, 0, 2), text, low, start, end, limit)
				if w := want[:min(limit, len(want))]; !reflect.DeepEqual(got, w) && (len(got) > 0 || len(w) > 0) {
					t.Fatalf("tokenizeUpTo(%q, %d) = %v, want %v", text[start:end], limit, got, w)
				}
			}
		}
	}
	texts, sentences := labelledSentences(t)
	n := 0
	for k, text := range texts {
		bits := textBitsOf(text)
		for _, s := range sentences[k] {
			check(text, bits, s.start, s.end)
			n++
		}
	}
	if n < 5000 {
		t.Fatalf("only %d sentences", n)
	}
	parts := []string{"a", "Bz", "word", "NW4", "14th", "4BQ", "U25", "7", "12", "3,700", "1.5", "2.", ".5", "1·6", "·", "%",
		" ", "  ", "\t", "\n", "\u00a0", "é", "Ünited", "’", "–", "£", "(", ")", "-", "\xff", "\xc2", "5k", "x" + strings.Repeat("y", 70),
		strings.Repeat("9", 70), "_", "0", "e", "\u2003", "\u200a", "\u200b", "\u2028", "\u202f", "\u205f", "•", "…", "“", "‰",
		"\u203f", "\u2040", "\xe2\x80", "\xe2", "\xe2\x81\x9f", "\xc2\xa0\xa0", "\xe2\x80\xc0", "\xe2\x80\x7f", "\xc2\xa1"}
	for _, s := range randomJoins(31, 40000, 8, parts) {
		bits := textBitsOf(s)
		check(s, bits, 0, len(s))
		if len(s) > 2 {
			check(s, bits, 1, len(s)-1)
		}
	}
}
