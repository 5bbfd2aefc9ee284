package parser

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a span of the document read as one unit: a sentence of a
// paragraph, a bullet, a heading or a table cell.
type sentence struct {
	start, end int
	// lineStart is set when the sentence begins a line.
	lineStart bool
	// bullet is set when the line is a list item.
	bullet bool
	// heading is set for a short line that does not end a sentence: a
	// title, a ward name over the figures that follow, a table cell.
	heading bool
	// lead is set for a line ending in ":" that introduces what follows.
	lead bool
}

// maxSentenceBytes bounds one sentence, so that a document with no
// punctuation or newline is still read in pieces of bounded size.
const maxSentenceBytes = 2048

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = newWordSet(map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "supt": true,
	"insp": true, "sgt": true, "cllr": true, "no": true, "approx": true, "eg": true,
	"ie": true, "etc": true, "vs": true, "v": true, "ch": true, "det": true,
	"cons": true, "pc": true, "ps": true, "ci": true, "di": true, "ds": true,
	"prof": true, "rev": true, "cl": true, "para": true, "fig": true, "nos": true,
	"e.g": true, "i.e": true, "c": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "inc": true, "ltd": true, "co": true,
})

// splitSentences cuts text into sentences, in order. A line that breaks
// off mid-sentence, as PDF text and hard-wrapped minutes do, runs on into
// the next when that one starts in lower case.
func splitSentences(text string) []sentence {
	b := textBitsOf(text)
	return appendSentences(nil, text, b.appendNewlines(nil), b.stops)
}

// appendNewlines appends the offsets of text's newlines to out, in order,
// read off its bits: a parse reads them off the bits it has made
// (textBits.appendNewlines).
func appendNewlines(out []int, text string) []int {
	return textBitsOf(text).appendNewlines(out)
}

// appendSentences is splitSentences appending to out, so that a parse can
// reuse the slice of the one before, given the newlines of text
// (appendNewlines) and the bits of its stops (textBits).
func appendSentences(out []sentence, text string, newlines []int, stops []uint64) []sentence {
	// Room for a sentence every 64 bytes, more than minutes have, told
	// without counting their stops (a reused slice has room already).
	out = slices.Grow(out, len(text)/64+1)
	lineStart := 0
	for next := 0; lineStart <= len(text); {
		// The line runs to the next newline, and past each it runs on
		// over; next numbers the newline after it.
		// s and e are the line's bounds, its white space trimmed.
		var lineEnd, s, e int
		for {
			if next == len(newlines) {
				lineEnd = len(text)
				s, e = trimSpace(text, lineStart, lineEnd)
				break
			}
			lineEnd = newlines[next]
			next++
			var on bool
			if on, s, e = runsOn(text, lineStart, lineEnd); !on {
				break
			}
		}
		out = splitLine(out, text, s, e, stops)
		if lineEnd >= len(text) {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

// runsOn reports whether the line text[start:nl] continues past the newline
// at nl: it does not end a sentence or clause, and the next line starts
// with a lower-case letter. It returns the line's bounds, its white space
// trimmed, too.
func runsOn(text string, start, nl int) (on bool, s, e int) {
	s, e = trimSpace(text, start, nl)
	return s < e && nl-start < maxSentenceBytes && runsOnPast(text, start, s, e, nl), s, e
}

// runsOnPast is runsOn of a line that is not blank, its white space
// trimmed to [s, e), and shorter than a sentence can be.
func runsOnPast(text string, start, s, e, nl int) bool {
	if last := text[e-1]; last == '.' || last == ':' || last == ';' || last == '!' || last == '?' {
		return false
	}
	j := nl + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	if unicode.IsLower(r) {
		return true
	}
	if hangingWrap(text, start, s, e, nl, j) {
		return true
	}
	// "had reduced by\n39%": a line ending on a word that cannot end a
	// sentence or a heading runs on whatever comes next.
	k := e
	for k > s && isLetterByte(text[k-1]) {
		k--
	}
	// A line ending on a word that cannot end a sentence or heading runs on
	// whatever follows: "against 104 crimes per 1,000 residents for the\nWest
	// Midlands".
	var buf [16]byte
	return e-k <= len(buf) && danglingWords.hasLowered(text[k:e], buf[:])
}

// hangingWrap reports whether the line text[start:nl], its words at
// [s, e), is a long hard-wrapped line whose next line, starting at j, is
// indented at least as deep and not an item of its own: "  (b) 2,310 people
// were now registered to receive\n      Neighbourhood Watch alerts". Table
// rows (tabs, pipes) never run on.
func hangingWrap(text string, start, s, e, nl, j int) bool {
	const wrapWidth = 60 // a line this long was wrapped, not ended
	indent := j - (nl + 1)
	if e-s < wrapWidth || indent == 0 || indent < s-start {
		return false
	}
	next := text[j:]
	if k := strings.IndexByte(next, '\n'); k >= 0 {
		next = next[:k]
	}
	if isBullet(next) || strings.ContainsAny(text[start:nl], "\t|") || strings.ContainsAny(next, "\t|") {
		return false
	}
	return true
}

// lowerInto writes s with its ASCII capitals lower-cased into buf, which
// it fits, and returns what it wrote: a word looked up by its lower case
// without allocating one. Eight bytes are lowered at once (lowerEight).
func lowerInto(buf []byte, s string) []byte {
	b := buf[:len(s)]
	i := 0
	for ; i+8 <= len(s); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], lowerEight(load8(s[i:])))
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

// danglingWords cannot end a sentence or a heading.
var danglingWords = newWordSet(map[string]bool{
	"by": true, "of": true, "to": true, "was": true, "were": true, "at": true, "from": true,
	"with": true, "and": true, "a": true, "an": true, "the": true, "had": true, "than": true,
	"approximately": true, "around": true, "about": true, "is": true, "are": true, "in": true,
	"been": true, "some": true, "nearly": true, "almost": true, "over": true, "under": true,
	"per": true, "for": true, "on": true, "into": true,
})

// splitLine appends the sentences of one line, text[start:end] with its
// white space trimmed, its stops found in their bits (textBits.stops).
func splitLine(out []sentence, text string, start, end int, stops []uint64) []sentence {
	if start >= end {
		return out
	}
	line := text[start:end]
	bullet := isBullet(line)
	first := true
	// The sentence being read starts at s, and from is where its words
	// start, s with its white space trimmed.
	s, from := start, start
	for i := start; i < end; {
		// k is how far the next stop is, or the end of the line.
		k := nextSet(stops, i, end) - i
		// A long stretch without a stop is cut at spaces into pieces of
		// bounded size.
		for i+k-s >= maxSentenceBytes {
			cut := lastSpace(text, s, s+maxSentenceBytes)
			cut = runeStart(text, cut)
			if cut <= s {
				cut = runeStart(text, s+maxSentenceBytes)
			}
			out = appendSentence(out, text, s, cut, first, bullet)
			first = false
			s = cut
			from, _ = trimSpace(text, cut, end)
		}
		i += k
		if i >= end {
			break
		}
		next := i + 1
		if ends, after := sentenceEnd(text, s, i, end); ends {
			// The sentence ends on its stop, no white space, and the next
			// one's words start after the white space after it.
			out = appendTrimmed(out, text, from, next, first, bullet)
			first = false
			s, from = next, after
		}
		i = next
	}
	if s < end {
		out = appendTrimmed(out, text, from, end, first, bullet) // the line's end is trimmed
	}
	return out
}

// appendSentence appends the sentence text[start:end], its white space
// trimmed, to out, if it has any words.
func appendSentence(out []sentence, text string, start, end int, first, bullet bool) []sentence {
	start, end = trimSpace(text, start, end)
	return appendTrimmed(out, text, start, end, first, bullet)
}

// appendTrimmed is appendSentence of a sentence whose white space is
// trimmed.
func appendTrimmed(out []sentence, text string, start, end int, first, bullet bool) []sentence {
	if start >= end {
		return out
	}
	s := sentence{start: start, end: end, lineStart: first, bullet: bullet && first}
	body := text[start:end]
	last := body[len(body)-1]
	switch {
	case last == ':':
		s.lead = true
	case first && !bullet && len(body) <= 80 && last != '.' && last != ';' && last != ',' && !strings.Contains(body, ". "):
		s.heading = true
	}
	return append(out, s)
}

// sentenceEnd reports whether the stop at text[i] ends a sentence begun
// at s: it is followed by space and a capital, digit, quote or bullet, and
// does not close an abbreviation or a decimal number. When it does, it
// returns where the next sentence's words start too, past the white space
// after the stop (end, if none follows on the line).
func sentenceEnd(text string, s, i, end int) (bool, int) {
	j := i + 1
	if j >= end {
		return true, j
	}
	if spaceAt(text, j, end) == 0 {
		// Anything glued to the stop (decimals, "e.g.", URLs) is not an
		// ending.
		return false, 0
	}
	for j < end {
		size := spaceAt(text, j, end)
		if size == 0 {
			break
		}
		j += size
	}
	if j >= end {
		return true, j
	}
	r, _ := utf8.DecodeRuneInString(text[j:end])
	if !unicode.IsUpper(r) && !isDigit(r) && !strings.ContainsRune("\"'‘“(·•–-", r) {
		return false, 0
	}
	if text[i] != '.' {
		return true, j
	}
	// The word before the stop.
	k := i
	for k > s && i-k < 12 && (isLetterByte(text[k-1]) || text[k-1] == '.') {
		k--
	}
	var buf [12]byte
	if abbreviations.hasLowered(text[k:i], buf[:]) {
		return false, 0
	}
	// A single capital letter is an initial ("J. Smith").
	if i-k == 1 && text[k] >= 'A' && text[k] <= 'Z' {
		return false, 0
	}
	return true, j
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// isBullet reports whether a line is a list item: "·", "•", "-", "*", "▪",
// "(i)", "a)", "1." and the like.
func isBullet(line string) bool {
	if line == "" {
		return false
	}
	r, size := utf8.DecodeRuneInString(line)
	switch r {
	case '·', '•', '▪', '●', '◦', '‣', '*', '-', '–', '—', '\uf0b7':
		return true
	}
	if r == '(' {
		close := strings.IndexByte(line, ')')
		return close > 1 && close <= 6
	}
	j := size - 1
	for j < len(line) && j < 4 && (isLetterByte(line[j]) || isDigitByte(line[j])) {
		j++
	}
	return j > 0 && j < len(line)-1 && (line[j] == ')' || line[j] == '.' && isDigitByte(line[0])) && line[j+1] == ' '
}

func trimSpace(text string, start, end int) (int, int) {
	for start < end {
		// ASCII, the most of any text, is told by its byte, and so is
		// the no-break space of HTML minutes.
		if c := text[start]; c < utf8.RuneSelf {
			if asciiClass[c] != asciiSpace {
				break
			}
			start++
			continue
		}
		size := spaceAt(text, start, end)
		if size == 0 {
			break
		}
		start += size
	}
	for end > start {
		if c := text[end-1]; c < utf8.RuneSelf {
			if asciiClass[c] != asciiSpace {
				break
			}
			end--
			continue
		}
		if end-start >= 2 && text[end-2] == 0xc2 && text[end-1] == 0xa0 {
			end -= 2
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) && r != '\u00a0' {
			break
		}
		end -= size
	}
	return start, end
}

// lastSpace returns the offset just after the last space in text[s:e], or e.
func lastSpace(text string, s, e int) int {
	if k := strings.LastIndexByte(text[s:e], ' '); k > 0 {
		return s + k + 1
	}
	return e
}

// spaceAt returns the length of the white space text[j:end] starts with,
// the no-break space of HTML minutes included, or 0 if it starts with
// none.
func spaceAt(text string, j, end int) int {
	c := text[j]
	if c < utf8.RuneSelf {
		if asciiClass[c] == asciiSpace {
			return 1
		}
		return 0
	}
	if c == 0xc2 && j+1 < end && text[j+1] == 0xa0 {
		return 2
	}
	r, size := utf8.DecodeRuneInString(text[j:end])
	if unicode.IsSpace(r) || r == '\u00a0' {
		return size
	}
	return 0
}

// runeStart moves i back to the start of the character it falls in.
func runeStart(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}
