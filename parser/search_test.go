package parser

import (
	"slices"
	"strings"
	"testing"
)

func TestIndexIsStringsIndex(t *testing.T) {
	texts := append(seedTexts(t), "", "a", "atc", "atch", "xatchatch", " 20 2019", "Police Constabulary")
	subs := []string{"atch", "OWL", " 19", " 20", "Police", "Constabulary", "centre", "BCU", "last", "this", "same period", "/", "a", "z"}
	for _, text := range texts {
		for _, sub := range subs {
			for at := 0; at <= len(text); at += 1 + len(text)/50 {
				if got, want := index(text[at:], sub), strings.Index(text[at:], sub); got != want {
					t.Fatalf("index(text[%d:], %q) = %d, want %d", at, sub, got, want)
				}
			}
		}
	}
}

// schemeWordsPlainly is appendSchemeWords written plainly: every offset
// where "atch" or "OWL" starts, in order.
func schemeWordsPlainly(text string) []int {
	var out []int
	for i := range len(text) {
		if strings.HasPrefix(text[i:], "atch") || strings.HasPrefix(text[i:], "OWL") {
			out = append(out, i)
		}
	}
	return out
}

// TestSchemeWordsAsWrittenPlainly checks appendSchemeWords, two searches
// merged, against a look at every offset: on every labelled text, and on
// random mixes of the words, their halves and near misses.
func TestSchemeWordsAsWrittenPlainly(t *testing.T) {
	texts, _ := labelledSentences(t)
	found := 0
	for _, text := range texts {
		// Appended to what a buffer holds already, as the pool's.
		got, want := appendSchemeWords([]int{-1}, text), append([]int{-1}, schemeWordsPlainly(text)...)
		if !slices.Equal(got, want) {
			t.Fatalf("appendSchemeWords = %v, plainly %v", got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Fatalf("only %d scheme words in the labelled texts", found)
	}
	parts := []string{"atch", "OWL", "Watch", "tc", "OW", "a", "h", "L", "t", "c", "O", "W", " ", "é", "owl", "aTCH"}
	for _, text := range randomJoins(3, 50000, 14, parts) {
		if got, want := appendSchemeWords(nil, text), schemeWordsPlainly(text); !slices.Equal(got, want) {
			t.Fatalf("%q: appendSchemeWords = %v, plainly %v", text, got, want)
		}
	}
}
