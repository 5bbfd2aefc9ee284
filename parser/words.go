package parser

// wordSet is a set of words, looked up in a table of its own: a hash of a
// word's length and three of its bytes picks a slot, and the words from
// there to the next empty slot are compared with it. Most words a sentence
// asks of a word list are in none, and are told so by an empty slot or a
// word of another length, about twice as quick as a map hashes them.
type wordSet struct {
	mask  uint32
	slots []string
	// empty is set when the set holds "", which stands for an empty slot.
	empty bool
	// words is the set as a map, for ranging over it.
	words map[string]bool
}

// newWordSet returns the set of the words of m, every one of which must
// be true.
func newWordSet(m map[string]bool) *wordSet {
	n := 8
	for n < 4*len(m) {
		n *= 2
	}
	s := &wordSet{mask: uint32(n - 1), slots: make([]string, n), words: m}
	for w, in := range m {
		if !in {
			panic("parser: a word set with " + w + " set false")
		}
		if w == "" {
			s.empty = true
			continue
		}
		i := s.slot(w)
		for s.slots[i] != "" {
			i = (i + 1) & s.mask
		}
		s.slots[i] = w
	}
	return s
}

// slot is where w's search starts.
func (s *wordSet) slot(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9e3779b1 ^ uint32(w[0])*0x85ebca6b ^ uint32(w[n-1])*0xc2b2ae35 ^ uint32(w[n/2])*0x27d4eb2f
	return h >> 7 & s.mask
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	if w == "" {
		return s.empty
	}
	for i := s.slot(w); ; i = (i + 1) & s.mask {
		switch x := s.slots[i]; {
		case x == "":
			return false
		case x == w:
			return true
		}
	}
}
