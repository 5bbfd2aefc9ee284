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

// TestPassageSchemeAsWrittenPlainly checks the scheme a sentence's passage
// is about, found when a rule asks by looking back over the sentences
// before it and reading those read for no figure only then, against the
// same written plainly: the last scheme named by a sentence passed (in
// its mentions, or, for one read for no figure, in those of a heading or
// of a sentence that says "Watch" or "OWL"), if that sentence ended within
// schemePassage. On every labelled set, and on passages of scheme
// sentences, counts of members and schemes and filler, at random, about
// as far apart as a passage reaches.
func TestPassageSchemeAsWrittenPlainly(t *testing.T) {
	texts, _ := labelledSentences(t)
	parts := []string{
		"Neighbourhood Watch schemes were designed to help residents. ",
		"The OWL scheme sends alerts. ",
		"Online Watch Link messages went out weekly. ",
		"The watch scheme met in March. ",
		"Neighbourhood Watch and OWL both grew. ",
		"OWL took over from the neighbourhood watch scheme. ",
		"1,200 residents have now joined. ",
		"There are now 124 schemes. ",
		"Membership stood at 1,824 members. ",
		"The membership, at 2,250 members, grew. ",
		"Burglary fell by 12%. ",
		"\nOwl update\n", "\nThe watch scheme\n", "\nCommunity Safety\n", "\nArboretum Ward\n", "\nowl and neighbourhood watch\n",
		"A match was played and the batch of leaflets was dispatched. ",
		strings.Repeat("The board noted the report and thanked the officers for their work. ", 4),
		strings.Repeat("Members discussed the plans at length. ", 8),
		"\n",
	}
	texts = append(texts, randomJoins(41, 3000, 30, parts)...)
	asked, named := 0, 0
	for _, text := range texts {
		scheme, end := "", 0
		ctl := &control{
			passed: func(s sentence, mentions []mention, read bool) {
				if !read {
					// A heading is read for its scheme whatever it says.
					if body := text[s.start:s.end]; !s.heading && !strings.Contains(body, "atch") && !strings.Contains(body, "OWL") {
						return
					}
					mentions = findMentions(tokenize(nil, text, s.start, s.end))
				}
				for _, m := range mentions {
					if m.slug == "online_watch_link" || m.slug == "neighbourhood_watch" {
						scheme, end = m.slug, s.end
					}
				}
			},
			asked: func(at int, got string) {
				want := scheme
				if at-end > schemePassage {
					want = ""
				}
				if got != want {
					t.Fatalf("%q: the sentence at %d asked its passage's scheme: %q, plainly %q", text, at, got, want)
				}
				asked++
				if got != "" {
					named++
				}
			},
		}
		parse(text, Options{Borough: "Barnet"}, ctl)
	}
	if asked < 1000 || named < 500 || asked-named < 200 {
		t.Fatalf("%d sentences asked their passage's scheme, %d were given one: too few to tell", asked, named)
	}
}
