package parser

// wordTrie maps sequences of words (phrases, place names) to a value, so
// that the longest one starting at a token is found in one walk.
type wordTrie struct {
	next map[string]*wordTrie
	// initials has a bit for the first and last letters and the length
	// (mod 8) of each key of next that begins and ends with a lower-case
	// ASCII letter: most words of a sentence start no phrase, and a bit
	// test tells most of them so with no string hashed. It is made with
	// the first key, so that the leaves, most nodes, go without.
	initials *[(26*26*8 + 63) / 64]uint64
	// value is set where a sequence ends.
	value string
}

func newWordTrie() *wordTrie { return &wordTrie{next: map[string]*wordTrie{}} }

// add records words as one sequence with value.
func (t *wordTrie) add(words []string, value string) {
	n := t
	for _, w := range words {
		child, ok := n.next[w]
		if !ok {
			child = newWordTrie()
			n.next[w] = child
			if n.initials == nil {
				n.initials = new([(26*26*8 + 63) / 64]uint64)
			}
			if b, ok := initialsBit(w); ok {
				n.initials[b/64] |= 1 << (b % 64)
			}
		}
		n = child
	}
	n.value = value
}

// child returns the node after word w, as n.next[w] does.
func (t *wordTrie) child(w string) (*wordTrie, bool) {
	if t.initials == nil {
		return nil, false // a leaf
	}
	if b, ok := initialsBit(w); ok && t.initials[b/64]&(1<<(b%64)) == 0 {
		return nil, false
	}
	c, ok := t.next[w]
	return c, ok
}

// initialsBit numbers a word's first and last letters and its length
// mod 8, when both letters are a to z; a word of any other ends is looked
// up in the map alone.
func initialsBit(w string) (int, bool) {
	n := len(w)
	if n == 0 || w[0] < 'a' || w[0] > 'z' || w[n-1] < 'a' || w[n-1] > 'z' {
		return 0, false
	}
	return (int(w[0]-'a')*26+int(w[n-1]-'a'))*8 + n%8, true
}
