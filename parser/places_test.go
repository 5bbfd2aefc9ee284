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

// TestMayEndWithWardAsWardHeading checks mayEndWithWard, which lets a
// heading holding no figure go untokenized, against wardHeading: every
// heading of the labelled sets that names a ward, and headings of ward
// names in their cases, may end with "ward"; headings that end on
// another word do not.
func TestMayEndWithWardAsWardHeading(t *testing.T) {
	texts, sentences := labelledSentences(t)
	var headings []string
	for i, text := range texts {
		for _, s := range sentences[i] {
			if s.heading {
				headings = append(headings, text[s.start:s.end])
			}
		}
	}
	for _, w := range []string{"Arboretum Ward", "RADFORD AND PARK WARD", "Radford & Park ward", "Town Wards", "Ward"} {
		headings = append(headings, w, w+"\u00a0", w+")", w+"\xff")
	}
	named := 0
	for _, h := range headings {
		if wardHeading(tokenize(nil, h, 0, len(h))) != "" {
			named++
			if !mayEndWithWard(h) {
				t.Errorf("%q names a ward, and mayEndWithWard says it cannot", h)
			}
		}
	}
	if named < 10 {
		t.Fatalf("only %d headings name a ward", named)
	}
	for _, h := range []string{"Community Safety", "Awards", "Wardens", "Forward", "Ward 7"} {
		want := h == "Awards" || h == "Forward" || h == "Ward 7" // end on "wards", "ward", or a digit: may
		if got := mayEndWithWard(h); got != want {
			t.Errorf("mayEndWithWard(%q) = %v, want %v", h, got, want)
		}
	}
}
