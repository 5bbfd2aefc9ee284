package parser

// mayHoldFigure reports, without tokenizing, whether a sentence could hold a
// figure: it has a digit, or a word that is a number or a change by a
// multiple or fraction ("four", "halved", "a quarter").
//
// It reads the sentence's bits (textBits), 64 bytes to a word: its words
// are read off the letters' bits, where each begins and ends, and the loop
// branches on each word, not on each of its bytes, and its last branch
// falls at a word's end only when the word ends the block. Only a word of
// the shape of a figure word (hasFigureShape) is lower-cased and looked
// up. A parse reads the whole text's bits once, and each sentence in them
// (textBits.mayHoldFigure).
func mayHoldFigure(s string) bool { return textBitsOf(s).mayHoldFigure(s, 0, len(s)) }

// figureWordAt reports whether the ASCII letters s[start:end], a word
// mayHoldFigure read off its mask, are a figure word.
func figureWordAt(s string, start, end int) bool {
	return hasFigureShape(s[start], s[end-1], end-start) && isFigureWord(s[start:end])
}

// isFigureWord reports whether the ASCII letters w, in either case, are a
// figure word.
func isFigureWord(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	for k := range len(w) {
		buf[k] = w[k] | 0x20
	}
	return figureWords[string(buf[:len(w)])]
}

// figureShapes holds, for each initial and final letter (a to z, by its
// low five bits), a bit for each length of the figure words of that
// shape, so that only the words that have the shape of one are looked
// up: "the" has the shape of none, though "ten" and "two" start as it
// does. Words under three letters are never looked up, and have no bit.
var figureShapes = figureShapesOf(figureWords)

// multiplierShapes are figureShapes of the multipliers and fractions
// alone ("halved", "a quarter"), which readNumbers looks for in every
// sentence it is asked of.
var multiplierShapes = figureShapesOf(multiplierWords, fractionWords)

// figureShapesOf returns the shapes of the words of the maps, as figureShapes
// holds them.
func figureShapesOf[V any](maps ...map[string]V) (c [32][32]uint32) {
	for _, m := range maps {
		for w := range m {
			// mayHoldFigure reads runs of ASCII letters only: a word of
			// other characters has no shape it could see.
			first, last := w[0], w[len(w)-1]
			if len(w) >= 3 && len(w) < 32 && first >= 'a' && first <= 'z' && last >= 'a' && last <= 'z' {
				c[first&0x1f][last&0x1f] |= 1 << len(w)
			}
		}
	}
	return c
}

// mayBeMultiplier is mayBeFigureWord of the multipliers and fractions.
func mayBeMultiplier(w string) bool {
	n := len(w)
	return n >= 3 && w[0] >= 'a' && w[0] <= 'z' && w[n-1] >= 'a' && w[n-1] <= 'z' &&
		multiplierShapes[w[0]&0x1f][w[n-1]&0x1f]>>(uint(n)&31)&1 != 0
}

// mayBeFigureWord reports whether the lower-case word w has the shape of
// a figure word, a test cheaper than looking it up.
func mayBeFigureWord(w string) bool {
	n := len(w)
	// No figure word is under three letters (the shapes hold none), and
	// the most words asked are: they are told at once.
	return n >= 3 && w[0] >= 'a' && w[0] <= 'z' && w[n-1] >= 'a' && w[n-1] <= 'z' && hasFigureShape(w[0], w[n-1], n)
}

// hasFigureShape reports whether a word of n ASCII letters, first and
// last of either case, may have the shape of a figure word: false means
// it is none. It does not branch: a letter's low five bits, the same in
// either case, index the table with no bounds to check, and the length is
// taken mod 32, with no test of a longer one (no figure word is, and the
// look at the word itself that follows the shape turns it down).
func hasFigureShape(first, last byte, n int) bool {
	return figureShapes[first&0x1f][last&0x1f]>>(uint(n)&31)&1 != 0
}

// figureWords are the words that can carry a figure with no digit.
var figureWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range numberWords {
		m[w] = true
	}
	for w := range multiplierWords {
		m[w] = true
	}
	for w := range fractionWords {
		m[w] = true
	}
	return m
}()
