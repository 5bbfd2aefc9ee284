package parser

import (
	"math/rand"
	"strings"
	"testing"
)

// TestWordSetAsMap checks wordSet.has against the map it is made from,
// for every word list of the parser and every token of the labelled sets,
// and for each list's own words, cut and grown, and "".
func TestWordSetAsMap(t *testing.T) {
	texts, _ := labelledSentences(t)
	words := map[string]bool{"": true}
	for _, text := range texts {
		for _, tok := range tokenize(nil, text, 0, len(text)) {
			words[tok.norm], words[tok.stem], words[tok.text] = true, true, true
		}
	}
	// Every word list of the parser.
	sets := []*wordSet{
		asideNouns, modifierWords, totalWords, ambiguousCouncils, placePrepositions, compassWords,
		partnershipAcronyms, thereVerbs, fromPersonWords, notPlaceWords, orgWords, stopNames, comparisonLeads,
		areaBreaks, afterBreaks, roleWords, areaBodyWords, localBodies, abbreviations, danglingWords, linkWords,
		openStops, incidentNouns, fallWords, riseWords, changeNouns, detectionWords, signupWords, countAdjectives,
		copulaWords, comparisonWords, notCountFollowers, caseworkNouns, caseworkVerbs, modifierSuffixes,
		periodWords, signupNouns, statedWords, statedFollowers, directionVerbs, earlierOfPair, unitWords,
		labelWords, periodAdjectives, moneySigns, monthNames, baseVerbs, aimWords, shareVerbs, shareGroupWords,
		hedgeWords, eventNouns, kindWords, breakdownVerbs,
	}
	for _, s := range sets {
		for w := range s.words {
			words[w], words[w+"s"], words[w[:len(w)-1]], words[strings.ToUpper(w)] = true, true, true, true
		}
	}
	probes := 0
	for _, s := range sets {
		for w := range words {
			if got, want := s.has(w), s.words[w]; got != want {
				t.Fatalf("has(%q) = %v, want %v", w, got, want)
			}
			probes++
		}
	}
	if probes < 100000 {
		t.Fatalf("only %d probes", probes)
	}
	withEmpty := newWordSet(map[string]bool{"": true, "a": true})
	if !withEmpty.has("") || !withEmpty.has("a") || withEmpty.has("b") || abbreviations.has("") {
		t.Fatal(`a set holding "" or not is not told apart`)
	}
}

// TestWordIndexAsMap checks wordIndex against a map through its growth,
// with words alike in length and in the bytes it hashes, and "".
func TestWordIndexAsMap(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	word := func() string {
		b := make([]byte, rng.Intn(7))
		for i := range b {
			b[i] = "abcab\x00é"[rng.Intn(8)]
		}
		return string(b)
	}
	var x wordIndex
	want := map[string]int32{}
	for i := range 20000 {
		if w := word(); i%2 == 0 {
			x.put(w, int32(i))
			want[w] = int32(i)
		}
		probe := word()
		got, ok := x.get(probe)
		if w, in := want[probe]; ok != in || got != w {
			t.Fatalf("get(%q) = %d, %v; want %d, %v", probe, got, ok, w, in)
		}
	}
	for w, v := range want {
		if got, ok := x.get(w); !ok || got != v {
			t.Fatalf("get(%q) = %d, %v; want %d", w, got, ok, v)
		}
	}
}

// TestWordTrieFindsWhatItHolds checks that the category and name tries
// hold every phrase they were built from, each ending in its value, and
// that a word added at no node is found at none of them.
func TestWordTrieFindsWhatItHolds(t *testing.T) {
	walk := func(root *wordTrie, words []string) *wordTrie {
		n := root
		for _, w := range words {
			c, ok := n.child(w)
			if !ok {
				return nil
			}
			n = c
		}
		return n
	}
	found := 0
	for slug, list := range categoryPhrases {
		for _, p := range list {
			words := strings.Fields(p)
			for i, w := range words {
				words[i] = stemWord(w)
			}
			n := walk(categoryTrie, words)
			if n == nil || n.value == "" {
				t.Fatalf("%q (%s): not in the category trie", p, slug)
			}
			found++
		}
	}
	for _, name := range councils {
		if n := walk(councilTrie, nameWords(name)); n == nil || n.value != name {
			t.Fatalf("%q: not in the council trie", name)
		}
		found++
	}
	if found < 300 {
		t.Fatalf("only %d phrases", found)
	}
	var none func(n *wordTrie)
	none = func(n *wordTrie) {
		for _, w := range []string{"zzzq", "", "and and"} {
			if _, ok := n.child(w); ok {
				t.Fatalf("child(%q) found", w)
			}
		}
		for _, k := range n.kids {
			none(k)
		}
	}
	none(categoryTrie)
	none(councilTrie)
}

// TestWordShapesAsShapeBit checks wordShapes.mayHold, shapeBit written out
// in it, and mayHoldEnds against shapeBit: for every token of the labelled sets, words of
// one to three bytes from the ends of the alphabet and beyond, and "", in
// a set made of the categories' first words; and that every word added is
// held.
func TestWordShapesAsShapeBit(t *testing.T) {
	shapes := categoryTrie.initials
	texts, _ := labelledSentences(t)
	var words []string
	for _, text := range texts {
		for _, tok := range tokenize(nil, text, 0, len(text)) {
			words = append(words, tok.norm, tok.stem, tok.text)
		}
	}
	edges := []string{"", "a", "z", "A", "Z", "`", "{", "@", "[", "0", "é", "\xff", "~"}
	for _, a := range edges {
		for _, b := range edges {
			for _, c := range edges {
				words = append(words, a+b+c, a+"bc"+c, "ab"+b+c+"xyz")
			}
		}
	}
	held := 0
	for _, w := range words {
		b, ok := shapeBit(w)
		want := !ok || shapes[b/64]&(1<<(b%64)) != 0
		if got := shapes.mayHold(w); got != want {
			t.Fatalf("%q: mayHold = %v, by shapeBit %v", w, got, want)
		}
		if w != "" {
			if got := shapes.mayHoldEnds(w[0], w[len(w)-1], len(w)); got != want {
				t.Fatalf("%q: mayHoldEnds = %v, by shapeBit %v", w, got, want)
			}
		}
		if want {
			held++
		}
	}
	if held == 0 || held == len(words) {
		t.Fatalf("%d of %d words held: the check tells nothing", held, len(words))
	}
	categoryTrie.next.each(func(w string, _ int32) {
		if !shapes.mayHold(w) {
			t.Errorf("%q starts a category and is not held", w)
		}
	})
}
