package parser

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// keyPlainly is keyOf as first written: the lower-case word's letters, a
// to z numbered 1 to 26, as the digits of a number in base 32.
func keyPlainly(w string) wordKey {
	if w == "" || len(w) > maxKeyLetters {
		return 0
	}
	var k wordKey
	for _, r := range strings.ToLower(w) {
		if r < 'a' || r > 'z' {
			return 0
		}
		k = k*32 + wordKey(r-'a'+1)
	}
	return k
}

func TestKeyOf(t *testing.T) {
	for _, c := range []struct {
		w    string
		want wordKey
	}{
		{"", 0}, {"a", 1}, {"A", 1}, {"z", 26}, {"ab", 1<<5 | 2}, {"Burglary", keyPlainly("burglary")},
		{"abcdefghijkl", keyPlainly("abcdefghijkl")}, {"abcdefghijklm", 0}, {"nw4", 0}, {"x-y", 0},
		{"café", 0}, {"@", 0}, {"[", 0}, {"`", 0}, {"{", 0},
	} {
		if got := keyOf(c.w); got != c.want {
			t.Errorf("keyOf(%q) = %#x, want %#x", c.w, got, c.want)
		}
	}
	if keyOf("burglary") == 0 || keyOf("burglary") != keyOf("BURGLARY") || keyOf("burglary") == keyOf("burglar") {
		t.Error("keys do not tell words apart as they should")
	}
}

// TestTokenKeys checks every token of every labelled set, and of random
// mixes of words, digits and marks, has the key of its lower case, and
// that stemKey is the key of its stem.
func TestTokenKeys(t *testing.T) {
	check := func(toks []token) {
		t.Helper()
		for _, tok := range toks {
			if want := keyOf(tok.norm); tok.key != want {
				t.Fatalf("%q (norm %q): key %#x, want %#x", tok.text, tok.norm, tok.key, want)
			}
			if want := keyOf(tok.stem); tok.stemKey() != want {
				t.Fatalf("%q (stem %q): stem key %#x, want %#x", tok.text, tok.stem, tok.stemKey(), want)
			}
		}
	}
	texts, sentences := labelledSentences(t)
	n := 0
	for i, text := range texts {
		for _, s := range sentences[i] {
			toks := tokenize(nil, text, s.start, s.end)
			check(toks)
			n += len(toks)
		}
	}
	if n < 50000 {
		t.Fatalf("only %d tokens", n)
	}
	parts := []string{"burglaries", "Burglaries", "offences", "watches", "bus", "crisis", "NW4", "14th", "a", "é",
		"neighbourhoods", "Neighbourhoods", "abcdefghijkls", "abcdefghijkies", "ies", "xies", " ", "-", ".", "7", "\xff", "’s"}
	rng := rand.New(rand.NewSource(7))
	for range 20000 {
		var b strings.Builder
		for n := rng.Intn(8); n > 0; n-- {
			b.WriteString(parts[rng.Intn(len(parts))])
			if rng.Intn(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		check(tokenize(nil, s, 0, len(s)))
	}
}

// TestKeyIndexAsMap checks keyIndex against a map, through its growth.
func TestKeyIndexAsMap(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	var x keyIndex
	want := map[wordKey]int32{}
	for i := range 5000 {
		k := wordKey(rng.Int63n(1<<20) + 1)
		if i%3 == 0 {
			k = wordKey(rng.Uint64() | 1)
		}
		x.put(k, int32(i))
		want[k] = int32(i)
		probe := wordKey(rng.Int63n(1<<20) + 1)
		got, ok := x.get(probe)
		if w, in := want[probe]; ok != in || got != w {
			t.Fatalf("get(%#x) = %d, %v; want %d, %v", probe, got, ok, w, in)
		}
	}
	for k, w := range want {
		if got, ok := x.get(k); !ok || got != w {
			t.Fatalf("get(%#x) = %d, %v; want %d", k, got, ok, w)
		}
	}
	if x.n != len(want) {
		t.Fatalf("%d keys, want %d", x.n, len(want))
	}
}

// TestWordTrieAsMaps checks the trie's child, by key where a word packs,
// against the maps it is built with, for every word of the labelled sets
// at every node of the category and name tries.
func TestWordTrieAsMaps(t *testing.T) {
	texts, _ := labelledSentences(t)
	words := map[string]bool{"and": true, "AND": true, "": true}
	for _, text := range texts {
		for _, tok := range tokenize(nil, text, 0, len(text)) {
			words[tok.norm], words[tok.stem], words[tok.text] = true, true, true
		}
	}
	all := make([]string, 0, len(words))
	for w := range words {
		all = append(all, w)
	}
	rng := rand.New(rand.NewSource(9))
	for _, trie := range []*wordTrie{categoryTrie, councilTrie, forceTrie} {
		var walk func(n *wordTrie)
		walk = func(n *wordTrie) {
			// Every word at the root, where most lookups are; below it,
			// the node's own words and a sample of the rest.
			try := all
			if n != trie {
				try = nil
				for w := range n.next {
					try = append(try, w, strings.ToUpper(w), w+"s")
				}
				for range 200 {
					try = append(try, all[rng.Intn(len(all))])
				}
			}
			for _, w := range try {
				want, wantOK := n.next[w]
				got, ok := n.child(w, keyOf(w))
				if w != lowerASCII(w) && keyOf(w) != 0 {
					// Callers pass lower-case words: a key folds case.
					continue
				}
				if ok != wantOK || got != want {
					t.Fatalf("child(%q) = %p, %v; want %p, %v", w, got, ok, want, wantOK)
				}
			}
			for _, c := range n.next {
				walk(c)
			}
		}
		walk(trie)
	}
}

// TestAtoiAsStrconv checks atoi against strconv.Atoi.
func TestAtoiAsStrconv(t *testing.T) {
	cases := []string{"", "0", "7", "-7", "+7", "-", "+", "2023", "12th", "1,000", " 1", "1 ", "٣", "007",
		"999999999999999999", "9999999999999999999", "-9223372036854775808", "99999999999999999999", "1e3", "0x10"}
	rng := rand.New(rand.NewSource(10))
	for range 20000 {
		var b strings.Builder
		for n := rng.Intn(21); n > 0; n-- {
			b.WriteByte("0123456789+-a "[rng.Intn(14)])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		got, ok := atoi(s)
		want, err := strconv.Atoi(s)
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("atoi(%q) = %d, %v; strconv.Atoi: %d, %v", s, got, ok, want, err)
		}
	}
}

// TestFigureWordOfAsMaps checks figureWordOf against the maps it is made
// from, for every word of the labelled sets and every word of the maps in
// either case and with a letter more or less.
func TestFigureWordOfAsMaps(t *testing.T) {
	texts, _ := labelledSentences(t)
	var toks []token
	for _, text := range texts {
		toks = tokenize(toks, text, 0, len(text))
	}
	var words []string
	for _, m := range []map[string]float64{numberWords, multiplierWords, fractionWords} {
		for w := range m {
			words = append(words, w, strings.ToUpper(w), w+"s", w[:len(w)-1], "x"+w)
		}
	}
	for _, w := range words {
		toks = tokenize(toks, w, 0, len(w))
	}
	found := 0
	for i := range toks {
		tok := &toks[i]
		got := figureWordOf(tok)
		var want figureWord
		want.number, want.isNumber = numberWords[tok.norm]
		want.multiplier, want.isMultiplier = multiplierWords[tok.norm]
		want.fraction, want.isFraction = fractionWords[tok.norm]
		if got != want {
			t.Fatalf("figureWordOf(%q) = %+v, want %+v", tok.text, got, want)
		}
		if got.isNumber || got.isMultiplier || got.isFraction {
			found++
		}
	}
	if found < 300 {
		t.Fatalf("only %d figure words", found)
	}
}
