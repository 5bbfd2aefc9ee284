package parser

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestNoPlaceStartsInLowerCase checks what lets findPlaces pass over a
// word in lower case once its keywords are read: that no reader it asks
// after them finds a place starting at such a word, on every word of
// every labelled set.
func TestNoPlaceStartsInLowerCase(t *testing.T) {
	texts, sentences := labelledSentences(t)
	checked := 0
	for i, text := range texts {
		for _, s := range sentences[i] {
			toks := tokenize(nil, text, s.start, s.end)
			for k := range toks {
				tok := &toks[k]
				if tok.kind != wordToken || capitalised(tok.text) || tok.norm == "estate" {
					continue
				}
				if p, ok := namedAfter(toks, k); ok {
					t.Fatalf("%q: namedAfter found %q at %q", text[s.start:s.end], p.name, tok.text)
				}
				if p, ok := subjectPlace(toks, k); ok {
					t.Fatalf("%q: subjectPlace found %q at %q", text[s.start:s.end], p.name, tok.text)
				}
				if name, _ := matchName(forceTrie, toks, k); name != "" {
					t.Fatalf("%q: a force %q at %q", text[s.start:s.end], name, tok.text)
				}
				if name, _ := matchCouncil(toks, k); name != "" {
					t.Fatalf("%q: a council %q at %q", text[s.start:s.end], name, tok.text)
				}
				checked++
			}
		}
	}
	if checked < 50000 {
		t.Fatalf("only %d words checked", checked)
	}
}

// TestCapitalisedAsDecoded checks capitalised, which tells ASCII by its
// byte, against unicode.IsUpper of the first character.
func TestCapitalisedAsDecoded(t *testing.T) {
	for _, s := range []string{"", "A", "a", "Z", "z", "@", "[", "`", "{", "1", "É", "é", "Σ", "σ", "\xff", "Ǆ", "ǅ", "Ⅷ"} {
		r, _ := utf8.DecodeRuneInString(s)
		if got, want := capitalised(s), unicode.IsUpper(r); got != want {
			t.Errorf("capitalised(%q) = %v, want %v", s, got, want)
		}
	}
	for b := 0; b < utf8.RuneSelf; b++ {
		if got, want := capitalised(string(rune(b))), unicode.IsUpper(rune(b)); got != want {
			t.Errorf("capitalised(%q) = %v, want %v", rune(b), got, want)
		}
	}
}
