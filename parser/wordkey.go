package parser

// wordKey is a word of 1 to maxKeyLetters ASCII letters packed into a
// number, five bits a letter, the code of a letter (1 to 26) the same in
// either case: most words of minutes pack, and a packed word is looked up
// in a keyIndex with a multiplication and a load or two, where a map
// hashes its bytes. No word packs to 0, which stands for a word that does
// not pack (one with a digit, a mark, a letter that is not ASCII, or too
// many letters).
type wordKey uint64

// maxKeyLetters is the longest word a wordKey holds.
const maxKeyLetters = 12

// keyOf packs w, or returns 0 if it does not pack.
func keyOf(w string) wordKey {
	if len(w) > maxKeyLetters {
		return 0
	}
	var k wordKey
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if c-'a' >= 26 {
			return 0
		}
		k = k<<5 | wordKey(c&0x1f)
	}
	return k
}

// stemKey returns the key of stem, given the key of the word it was
// folded from (stemWord(norm) == stem): a stem is the word less an ending,
// or less "ies" plus "y".
func stemKey(normKey wordKey, norm, stem string) wordKey {
	if normKey == 0 {
		return keyOf(stem) // "neighbourhoods" does not pack, its stem may
	}
	if len(stem) == len(norm) {
		return normKey
	}
	k := normKey >> (5 * uint(len(norm)-len(stem)))
	if stem[len(stem)-1] != norm[len(stem)-1] {
		// "burglaries" → "burglary": the "i" read as "y".
		k = k&^0x1f | wordKey('y'&0x1f)
	}
	return k
}

// keyIndex maps word keys to small numbers, by open addressing in a table
// at most a quarter full, so that most lookups read one slot.
type keyIndex struct {
	shift uint
	keys  []wordKey
	vals  []int32
	n     int
}

// keyMult spreads keys over the table (Fibonacci hashing).
const keyMult = 0x9e3779b97f4a7c15

func (x *keyIndex) slot(k wordKey) int {
	return int((uint64(k) * keyMult) >> x.shift)
}

// get returns the number put for k, which must not be 0.
func (x *keyIndex) get(k wordKey) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.keys) - 1
	for i := x.slot(k); ; i = (i + 1) & mask {
		switch x.keys[i] {
		case k:
			return x.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put sets the number for k, which must not be 0.
func (x *keyIndex) put(k wordKey, v int32) {
	if k == 0 {
		panic("parser: keyIndex.put of a word that does not pack")
	}
	if 4*(x.n+1) > len(x.keys) {
		x.grow()
	}
	mask := len(x.keys) - 1
	for i := x.slot(k); ; i = (i + 1) & mask {
		switch x.keys[i] {
		case k:
			x.vals[i] = v
			return
		case 0:
			x.keys[i], x.vals[i] = k, v
			x.n++
			return
		}
	}
}

// grow doubles the table (to 8 slots at first) and puts every key again.
func (x *keyIndex) grow() {
	old, oldVals := x.keys, x.vals
	size := max(8, 2*len(old))
	bits := uint(0)
	for 1<<bits < size {
		bits++
	}
	*x = keyIndex{shift: 64 - bits, keys: make([]wordKey, size), vals: make([]int32, size)}
	for i, k := range old {
		if k != 0 {
			x.put(k, oldVals[i])
		}
	}
}
