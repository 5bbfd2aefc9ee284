package parser

// multiIndex finds every occurrence of a set of keys in one pass over a
// text, where a search for each key would pass over it once per key: an
// Aho-Corasick automaton, its transitions a table over the bytes the keys
// are made of.
type multiIndex struct {
	keys []string
	// class numbers each byte the keys use from 1; every other byte is 0,
	// and sends the automaton back to its root.
	class   [256]uint8
	classes int
	// next is the state after each state and class: next[s+c] for the
	// state s, itself an offset into next (a state's number times
	// classes), with endsKey set when a key ends at the state.
	next []uint16
	// out lists, for each state, the keys that end there, the longest
	// first.
	out [][]uint8
}

// keyEnd is an occurrence of key number key, ending at offset end.
type keyEnd struct {
	key uint8
	end int32
}

// newMultiIndex builds the automaton of keys, at most 256 of them and
// none empty.
func newMultiIndex(keys []string) *multiIndex {
	if len(keys) > 256 {
		panic("multiIndex: more than 256 keys")
	}
	m := &multiIndex{keys: keys, classes: 1}
	for _, k := range keys {
		if k == "" {
			panic("multiIndex: an empty key")
		}
		for i := 0; i < len(k); i++ {
			if m.class[k[i]] == 0 {
				m.class[k[i]] = uint8(m.classes)
				m.classes++
			}
		}
	}
	// The trie of the keys, then its failure links breadth first.
	goTo := [][]int{make([]int, m.classes)}
	var out [][]uint8
	out = append(out, nil)
	for id, k := range keys {
		s := 0
		for i := 0; i < len(k); i++ {
			c := m.class[k[i]]
			if goTo[s][c] == 0 {
				goTo = append(goTo, make([]int, m.classes))
				out = append(out, nil)
				goTo[s][c] = len(goTo) - 1
			}
			s = goTo[s][c]
		}
		out[s] = append(out[s], uint8(id))
	}
	if len(goTo)*m.classes > int(stateBits)+1 {
		panic("multiIndex: too many states")
	}
	fail := make([]int, len(goTo))
	queue := []int{}
	for c := 1; c < m.classes; c++ {
		if s := goTo[0][c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		// A state's own keys are longer than those of its failure state.
		out[s] = append(out[s], out[fail[s]]...)
		for c := 1; c < m.classes; c++ {
			t := goTo[s][c]
			if t == 0 {
				goTo[s][c] = goTo[fail[s]][c]
				continue
			}
			fail[t] = goTo[fail[s]][c]
			queue = append(queue, t)
		}
	}
	m.next = make([]uint16, len(goTo)*m.classes)
	for s, row := range goTo {
		for c, t := range row {
			if c != 0 {
				m.next[s*m.classes+c] = uint16(t * m.classes)
				if len(out[t]) > 0 {
					m.next[s*m.classes+c] |= endsKey
				}
			}
		}
	}
	m.out = out
	return m
}

// appendAll appends every occurrence of every key in s to dst, in the
// order of their ends and, among those ending together, the longest
// first.
func (m *multiIndex) appendAll(dst []keyEnd, s string) []keyEnd {
	next, class := m.next, &m.class
	state := 0
	for i := 0; i < len(s); i++ {
		t := next[state+int(class[s[i]])]
		state = int(t & stateBits)
		if t&endsKey != 0 {
			for _, k := range m.out[state/m.classes] {
				dst = append(dst, keyEnd{key: k, end: int32(i + 1)})
			}
		}
	}
	return dst
}

// anyFold reports whether any key occurs in s, ASCII capitals read as
// their lower case: appendAll of s lower-cased is not empty. It stops at
// the first key's end.
func (m *multiIndex) anyFold(s string) bool {
	next, class := m.next, &m.class
	state := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		t := next[state+int(class[c])]
		if t&endsKey != 0 {
			return true
		}
		state = int(t & stateBits)
	}
	return false
}

// A transition of multiIndex.next: the next state's offset in its low
// bits, and endsKey.
const (
	endsKey   uint16 = 1 << 15
	stateBits        = endsKey - 1
)
