package parser

import (
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
