package parser

// wordIndex numbers a set of words, looked up in a table of its own: a
// hash of a word's length and three of its bytes picks a slot, and the
// words from there to the next empty slot are compared with it. Most words
// a sentence asks of a word list are in none, and are told so by an empty
// slot or a word of another length, in about half the time a map takes to
// hash them. The table is kept at most a quarter full.
type wordIndex struct {
	mask uint32
	keys []string
	vals []int32
	n    int
	// emptyVal is the number of "", which stands for an empty slot, if
	// hasEmpty.
	emptyVal int32
	hasEmpty bool
}

// slot is where w's search starts; w is not "".
func (x *wordIndex) slot(w string) uint32 {
	n := len(w)
	h := uint32(n)*0x9e3779b1 ^ uint32(w[0])*0x85ebca6b ^ uint32(w[n-1])*0xc2b2ae35 ^ uint32(w[n/2])*0x27d4eb2f
	return h >> 7 & x.mask
}

// get returns the number of w, and whether w is in the index.
func (x *wordIndex) get(w string) (int32, bool) {
	if w == "" {
		return x.emptyVal, x.hasEmpty
	}
	if x.n == 0 {
		return 0, false
	}
	for i := x.slot(w); ; i = (i + 1) & x.mask {
		switch k := x.keys[i]; {
		case k == "":
			return 0, false
		case k == w:
			return x.vals[i], true
		}
	}
}

// put sets the number of w.
func (x *wordIndex) put(w string, v int32) {
	if w == "" {
		x.emptyVal, x.hasEmpty = v, true
		return
	}
	if 4*(x.n+1) > len(x.keys) {
		x.grow()
	}
	i := x.slot(w)
	for x.keys[i] != "" && x.keys[i] != w {
		i = (i + 1) & x.mask
	}
	if x.keys[i] == "" {
		x.n++
	}
	x.keys[i], x.vals[i] = w, v
}

// each calls f with every word of the index and its number.
func (x *wordIndex) each(f func(w string, v int32)) {
	if x.hasEmpty {
		f("", x.emptyVal)
	}
	for i, k := range x.keys {
		if k != "" {
			f(k, x.vals[i])
		}
	}
}

// grow doubles the table (to 8 slots at first) and puts every word again.
func (x *wordIndex) grow() {
	keys, vals := x.keys, x.vals
	size := max(8, 2*len(keys))
	x.mask, x.keys, x.vals, x.n = uint32(size-1), make([]string, size), make([]int32, size), 0
	for i, k := range keys {
		if k != "" {
			x.put(k, vals[i])
		}
	}
}

// wordSet is a set of words, a wordIndex of them.
type wordSet struct {
	// shapes tell most words asked that they are not in the set before
	// the index is looked at.
	shapes wordShapes
	index  wordIndex
	// words is the set as a map, for ranging over it.
	words map[string]bool
}

// newWordSet returns the set of the words of m, every one of which must
// be true.
func newWordSet(m map[string]bool) *wordSet {
	s := &wordSet{words: m}
	for w, in := range m {
		if !in {
			panic("parser: a word set with " + w + " set false")
		}
		s.index.put(w, 0)
		s.shapes.add(w)
	}
	return s
}

// hasLowered reports whether w, lower-cased into buf (which it fits), is
// in the set: told first by the shape of w's ends, lower-cased as they are
// (b|0x20 is a letter's lower case, and no letter for a byte that is
// none), so that most words asked are neither lowered nor looked up.
func (s *wordSet) hasLowered(w string, buf []byte) bool {
	if w != "" && !s.shapes.mayHoldEnds(w[0]|0x20, w[len(w)-1]|0x20, len(w)) {
		return false
	}
	return s.has(string(lowerInto(buf, w)))
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	if !s.shapes.mayHold(w) {
		return false
	}
	_, ok := s.index.get(w)
	return ok
}
