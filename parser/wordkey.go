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

// figureWord is what a word that can carry a figure with no digit means:
// a number ("four"), a change by a multiple ("doubled") or by a fraction
// ("a quarter"). A word may be more than one.
type figureWord struct {
	number, multiplier, fraction       float64
	isNumber, isMultiplier, isFraction bool
}

// figureWordKeys finds the figureWord of a word by its key, for the
// tokens' figure words and mayHoldFigure's: every word of numberWords,
// multiplierWords and fractionWords packs.
var figureWordKeys, figureWordList = func() (keyIndex, []figureWord) {
	var x keyIndex
	var list []figureWord
	entry := func(w string) *figureWord {
		k := keyOf(w)
		if k == 0 || w != lowerASCII(w) {
			panic("parser: the figure word " + w + " does not pack")
		}
		i, ok := x.get(k)
		if !ok {
			i = int32(len(list))
			x.put(k, i)
			list = append(list, figureWord{})
		}
		return &list[i]
	}
	for w, v := range numberWords {
		e := entry(w)
		e.number, e.isNumber = v, true
	}
	for w, v := range multiplierWords {
		e := entry(w)
		e.multiplier, e.isMultiplier = v, true
	}
	for w, v := range fractionWords {
		e := entry(w)
		e.fraction, e.isFraction = v, true
	}
	return x, list
}()

// figureWordOf returns the figureWord of the token, as numberWords,
// multiplierWords and fractionWords hold its lower case; the zero
// figureWord for any other word.
func figureWordOf(t *token) figureWord {
	if t.key == 0 {
		return figureWord{}
	}
	i, ok := figureWordKeys.get(t.key)
	if !ok {
		return figureWord{}
	}
	return figureWordList[i]
}
