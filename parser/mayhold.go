package parser

import "math/bits"

// mayHoldFigure reports, without tokenizing, whether a sentence could hold a
// figure: it has a digit, or a word that is a number or a change by a
// multiple or fraction ("four", "halved", "a quarter").
//
// It reads s 64 bytes at a time. A block's letters become a mask of 64
// bits, eight bytes at once (letterBits), and its words are read off the
// mask, where each begins and ends: the loop branches on each word, not on
// each of its bytes, and its last branch falls at a word's end only when
// the word ends the block. Only a word of the shape of a figure word
// (hasFigureShape) is lower-cased and looked up.
func mayHoldFigure(s string) bool { return mayHoldFigureIn(s, 0, len(s)) }

// mayHoldFigureIn is mayHoldFigure of text[start:end], a sentence of the
// text: the last block of a sentence is read eight bytes at a time past
// its end, where the text goes on, the bytes past it masked off.
func mayHoldFigureIn(text string, start, end int) bool {
	s := text[:end]
	// open is where a word still running at the end of the block before
	// began, or -1; last is that block's letters.
	open, last := -1, uint64(0)
	for base := start; base < end; base += 64 {
		var letters uint64
		var digit bool
		if base+64 <= end {
			letters, digit = fullBlockBits(s[base : base+64])
		} else {
			letters, digit = blockBits(text, base, end)
		}
		if digit {
			return true
		}
		// A word starts at a letter after no letter and ends at a byte
		// after a letter that is no letter. No figure word is under
		// three letters: only the ends after three letters are read
		// ("a", "of", "to" never are), each word's start the last before
		// its end, or the open word's where the word began in a block
		// before.
		before := letters<<1 | last>>63
		starts := letters &^ before
		long := before &^ letters & (letters<<2 | last>>62) & (letters<<3 | last>>61)
		for long != 0 {
			at := bits.TrailingZeros64(long)
			long &= long - 1
			start := open
			if in := starts & (1<<at - 1); in != 0 {
				start = base + 63 - bits.LeadingZeros64(in)
			}
			if figureWordAt(s, start, base+at) {
				return true
			}
		}
		switch {
		case letters>>63 == 0:
			open = -1
		case starts != 0:
			open = base + 63 - bits.LeadingZeros64(starts)
		}
		last = letters
	}
	return open >= 0 && figureWordAt(s, open, end)
}

// blockBits returns a bit for each byte of text[base:end], fewer than 64
// bytes, set where the byte is an ASCII letter, and whether any byte is a
// digit. It reads eight bytes at a time, the last read masked to end
// where the text goes on past it.
func blockBits(text string, base, end int) (letters uint64, digit bool) {
	var digits uint64
	for k := base; k < end; k += 8 {
		var x uint64
		if k+8 <= len(text) {
			// The bytes past end read as zeros, which are no letters.
			x = load8(text[k:])
			if n := end - k; n < 8 {
				x &= 1<<(8*n) - 1
			}
		} else {
			x = loadTail(text[k:end])
		}
		letters |= letterBits(x) << ((k - base) & 63)
		digits |= digitBytes(x)
	}
	return letters, digits != 0
}

// fullBlockBits is blockBits of a block of 64 bytes, its eight reads
// written out; of a block with a digit it reports only that, its letters
// left 0.
func fullBlockBits(block string) (letters uint64, digit bool) {
	b := block[:64]
	// The digits, then the letters, each read afresh: reads of a block
	// held for both would take more registers than there are.
	if digitBytes(load8(b[0:]))|digitBytes(load8(b[8:]))|digitBytes(load8(b[16:]))|digitBytes(load8(b[24:]))|
		digitBytes(load8(b[32:]))|digitBytes(load8(b[40:]))|digitBytes(load8(b[48:]))|digitBytes(load8(b[56:])) != 0 {
		return 0, true
	}
	letters = letterBits(load8(b[0:])) | letterBits(load8(b[8:]))<<8 | letterBits(load8(b[16:]))<<16 |
		letterBits(load8(b[24:]))<<24 | letterBits(load8(b[32:]))<<32 | letterBits(load8(b[40:]))<<40 |
		letterBits(load8(b[48:]))<<48 | letterBits(load8(b[56:]))<<56
	return letters, false
}

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
