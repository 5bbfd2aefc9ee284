package parser

// wordTrie maps sequences of words (phrases, place names) to a value, so
// that the longest one starting at a token is found in one walk.
type wordTrie struct {
	// next numbers the words that continue a sequence, each the index of
	// its node in kids.
	next wordIndex
	kids []*wordTrie
	// initials are the shapes of the words of next: most words of a
	// sentence start no phrase, and a bit test tells most of them so with
	// no look at the table. It is made with the first word, so that the
	// leaves, most nodes, go without.
	initials *wordShapes
	// value is set where a sequence ends.
	value string
}

func newWordTrie() *wordTrie { return &wordTrie{} }

// add records words as one sequence with value.
func (t *wordTrie) add(words []string, value string) {
	n := t
	for _, w := range words {
		child, ok := n.child(w)
		if !ok {
			child = newWordTrie()
			n.next.put(w, int32(len(n.kids)))
			n.kids = append(n.kids, child)
			if n.initials == nil {
				n.initials = new(wordShapes)
			}
			n.initials.add(w)
		}
		n = child
	}
	n.value = value
}

// child returns the node after word w.
func (t *wordTrie) child(w string) (*wordTrie, bool) {
	if t.initials == nil {
		return nil, false // a leaf
	}
	if !t.initials.mayHold(w) {
		return nil, false
	}
	i, ok := t.next.get(w)
	if !ok {
		return nil, false
	}
	return t.kids[i], true
}

// eachLast calls f with the last word of every sequence, once for each
// sequence it ends.
func (t *wordTrie) eachLast(f func(w string)) {
	t.next.each(func(w string, i int32) {
		child := t.kids[i]
		if child.value != "" {
			f(w)
		}
		child.eachLast(f)
	})
}

// wordShapes has a bit for the first and last letters and the length (mod
// 8) of each of a set of words that begin and end with a lower-case ASCII
// letter: a word of a shape no bit is set for is not in the set, told
// without hashing it.
type wordShapes [(26*26*8 + 63) / 64]uint64

// shapesOf returns the shapes of the keys of m.
func shapesOf[V any](m map[string]V) *wordShapes {
	s := new(wordShapes)
	for w := range m {
		s.add(w)
	}
	return s
}

// add records the shape of w.
func (s *wordShapes) add(w string) {
	if b, ok := shapeBit(w); ok {
		s[b/64] |= 1 << (b % 64)
	}
}

// mayHold reports whether w has the shape of a word added: false means it
// is none of them.
func (s *wordShapes) mayHold(w string) bool {
	// mayHoldEnds of w's ends, written out for the test to be inlined
	// where it is made (with the call, it would not be): the most words
	// of a sentence are told by it.
	n := len(w)
	if n == 0 {
		return true
	}
	first, last := uint(w[0]-'a'), uint(w[n-1]-'a')
	if first >= 26 || last >= 26 {
		return true
	}
	b := (first*26+last)*8 + uint(n)%8
	return s[b/64]&(1<<(b%64)) != 0
}

// mayHoldEnds is mayHold of a word of n bytes whose first and last bytes
// are first and last, for a word not yet lower-cased whose ends are
// (wordSet.hasLowered).
func (s *wordShapes) mayHoldEnds(first, last byte, n int) bool {
	f, l := uint(first-'a'), uint(last-'a')
	if n == 0 || f >= 26 || l >= 26 {
		return true
	}
	b := (f*26+l)*8 + uint(n)%8
	return s[b/64]&(1<<(b%64)) != 0
}

// shapeBit numbers a word's first and last letters and its length mod 8,
// when both letters are a to z; a word of any other ends has no shape
// and may be any word.
func shapeBit(w string) (uint, bool) {
	n := len(w)
	if n == 0 {
		return 0, false
	}
	// A byte below 'a' wraps round to one far above 'z'.
	first, last := uint(w[0]-'a'), uint(w[n-1]-'a')
	if first >= 26 || last >= 26 {
		return 0, false
	}
	return (first*26+last)*8 + uint(n)%8, true
}
