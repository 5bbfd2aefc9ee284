package parser

import (
	"math/bits"
	"slices"
	"unsafe"
)

// textBits mark four classes of a text's bytes, a bit for each byte: bit
// k&63 of word k>>6 stands for the text's byte k. One pass over the whole
// text, sixteen or eight bytes at a time, makes them, and the parse looks
// in them after rather than read bytes one by one: the newlines are read
// off them (appendNewlines), the splitter finds each line's stops in them,
// mayHoldFigure looks for a digit or a word of a figure word's shape in
// its sentence's bits, and the tokenizer finds where each word ends.
//
// There is a word more than the text fills: the bit of the byte just past
// the text's end is always there, and clear.
type textBits struct {
	letters  []uint64 // ASCII letters, in either case
	alnums   []uint64 // ASCII letters and digits
	stops    []uint64 // ".", "?" and "!", the stops that may end a sentence
	newlines []uint64 // "\n"
}

// textBitsOf returns the bits of text, made afresh.
func textBitsOf(text string) *textBits {
	b := &textBits{}
	b.read(text)
	return b
}

// read makes b the bits of text, in the slices b had.
func (b *textBits) read(text string) {
	n := len(text)>>6 + 1
	b.letters, b.alnums, b.stops, b.newlines = sized(b.letters, n), sized(b.alnums, n), sized(b.stops, n), sized(b.newlines, n)
	full := len(text) >> 6
	if full > 0 {
		classifyBlocks(unsafe.StringData(text), full, &b.letters[0], &b.alnums[0], &b.stops[0], &b.newlines[0])
	}
	// The last bytes, fewer than 64, eight at a time and those left at
	// the end as zeros, which are in no class.
	k := full << 6
	var m masks
	for j := k; j < len(text); j += 8 {
		var x uint64
		if j+8 <= len(text) {
			x = load8(text[j:])
		} else {
			x = loadTail(text[j:])
		}
		m.add(x, j-k)
	}
	b.letters[full], b.alnums[full], b.stops[full], b.newlines[full] = m.letters, m.alnums, m.stops, m.newlines
}

// sized returns s with length n, its room reused where it has enough; what
// it holds is not kept.
func sized(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

// masks are one block's word of each of textBits' classes.
type masks struct {
	letters, alnums, stops, newlines uint64
}

// add sets the bits of the eight bytes x, the block's bytes from at on.
func (m *masks) add(x uint64, at int) {
	l := letterBytes(x)
	m.letters |= highBits(l) << at
	m.alnums |= highBits(l|digitBytes(x)) << at
	m.stops |= highBits(equalBytes(x, '.')|equalBytes(x, '?')|equalBytes(x, '!')) << at
	m.newlines |= highBits(equalBytes(x, '\n')) << at
}

// blockMasks returns the bits of a block of 64 bytes. classifyBlocks makes
// them so for many blocks at once, on amd64 sixteen bytes at a time
// (textbits_amd64.s).
func blockMasks(block string) masks {
	b := block[:64]
	var m masks
	for k := 0; k < 64; k += 8 {
		m.add(load8(b[k:]), k)
	}
	return m
}

// appendNewlines appends the offsets of the text's newlines to out, read
// off their bits, room made for them all at once.
func (b *textBits) appendNewlines(out []int) []int {
	n := 0
	for _, m := range b.newlines {
		n += bits.OnesCount64(m)
	}
	at := len(out)
	out = slices.Grow(out, n)[:at+n]
	for w, m := range b.newlines {
		for m != 0 {
			out[at] = w<<6 + bits.TrailingZeros64(m)
			at++
			m &= m - 1
		}
	}
	return out
}

// mayHoldFigure is the package's mayHoldFigure of text[start:end], text
// the text b was read from: bytes of the text outside the sentence, in
// its first and last words of bits, are not the sentence's.
func (b *textBits) mayHoldFigure(text string, start, end int) bool {
	if start >= end {
		return false
	}
	first, last := start>>6, (end-1)>>6
	// The sentence's bits of its first and last words are kept by lo
	// and hi.
	lo, hi := ^uint64(0)<<(start&63), ^uint64(0)>>(63-(end-1)&63)
	// A digit first, which most sentences that hold a figure have: its
	// words then go unread. The first and last words are masked apart
	// from the words between (one loop that tests each word for both ends
	// costs a parse of the seeds 45K instructions more).
	if first == last {
		if (b.alnums[first]&^b.letters[first])&lo&hi != 0 {
			return true
		}
	} else {
		if (b.alnums[first]&^b.letters[first])&lo != 0 || (b.alnums[last]&^b.letters[last])&hi != 0 {
			return true
		}
		for w := first + 1; w < last; w++ {
			if b.alnums[w]&^b.letters[w] != 0 {
				return true
			}
		}
	}
	s := text[:end]
	// A word starts at a letter after no letter and ends at a byte after
	// a letter that is no letter. No figure word is under three letters:
	// only the ends after three letters are read ("a", "of", "to" never
	// are), each word's start the last before its end, or the open word's
	// where the word began in a block before. open is where a word still
	// running at the end of the block before began, or -1; prev is that
	// block's letters.
	open, prev := -1, uint64(0)
	for w := first; w <= last; w++ {
		letters := b.letters[w]
		if w == first {
			letters &= lo
		}
		if w == last {
			letters &= hi
		}
		base := w << 6
		before := letters<<1 | prev>>63
		starts := letters &^ before
		long := before &^ letters & (letters<<2 | prev>>62) & (letters<<3 | prev>>61)
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
		prev = letters
	}
	return open >= 0 && figureWordAt(s, open, end)
}

// runEnd returns where the run of bits set from j on ends, the first byte
// from j on that the bits do not mark, or limit if they mark every byte
// up to it. limit is no further than the text's end.
func runEnd(marks []uint64, j, limit int) int { return firstFrom(marks, ^uint64(0), j, limit) }

// nextSet returns where the next byte the bits mark is, from j on, or limit
// if they mark none before it. limit is no further than the text's end.
func nextSet(marks []uint64, j, limit int) int { return firstFrom(marks, 0, j, limit) }

// firstFrom returns the first byte from j on whose bit of marks differs
// from flip's, or limit if none does before it: with flip all ones, the
// first byte the bits do not mark; with flip 0, the first they mark.
func firstFrom(marks []uint64, flip uint64, j, limit int) int {
	for j < limit {
		// The bits from j on in j's word; shifted in from the top, zeros
		// read as none found, and the search goes on into the next word.
		if m := (marks[j>>6] ^ flip) >> (j & 63); m != 0 {
			return min(j+bits.TrailingZeros64(m), limit)
		}
		j = (j | 63) + 1
	}
	return limit
}
