package parser

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// tokenKind tells words, numbers and punctuation apart.
type tokenKind uint8

const (
	wordToken  tokenKind = iota // letters, possibly mixed with digits ("NW4", "14th")
	numToken                    // digits, with at most one decimal point ("44.7")
	punctToken                  // any other single character ("%", "(", "–", "£")
)

// token is one word, number or punctuation mark of a sentence, with its byte
// offsets in the document.
type token struct {
	kind  tokenKind
	text  string // verbatim
	norm  string // lower case
	stem  string // lower case, plural folded ("burglaries" → "burglary")
	start int
	end   int
}

// maxTokenBytes caps one token, so that a million digits or a 10 MB word
// cannot become one huge number or key.
const maxTokenBytes = 64

// tokenize splits text[start:end] into tokens, appended to dst (pass a
// reused buffer's dst[:0] to need no new slice; a span with a capital
// costs one lowered copy). Whitespace separates tokens and is dropped.
func tokenize(dst []token, text string, start, end int) []token {
	// One lowered copy of the span, where it has a capital, costs less
	// than lower-casing each capitalised word into a string of its own.
	return tokenizeLower(dst, text, asciiLower(text[start:end]), start, end)
}

// tokenizeLower is tokenize given low, text[start:end] lower-cased by
// asciiLower: the lower case of an ASCII word is then a slice of low
// rather than a new string. low may be "", for words lower-cased one by
// one.
func tokenizeLower(dst []token, text, low string, start, end int) []token {
	return tokenizeUpTo(dst, text, low, start, end, -1)
}

// tokenizeUpTo is tokenizeLower that stops once it has appended limit
// tokens, for a reader that has no use for longer spans; a negative limit
// sets none.
func tokenizeUpTo(dst []token, text, low string, start, end, limit int) []token {
	return tokenizeIn(dst, text, low, nil, start, end, limit)
}

// tokenize is tokenizeLower of the document's text, low text[start:end]
// lowered, the words' ends found in its bits.
func (d *document) tokenize(dst []token, low string, start, end int) []token {
	return tokenizeIn(dst, d.text, low, d.bits.alnums, start, end, -1)
}

// tokenizeIn is tokenizeUpTo given alnums, the bits of text's ASCII
// letters and digits (textBits), where the ends of its words are found,
// or nil for none made, their bytes then read one by one.
func tokenizeIn(dst []token, text, low string, alnums []uint64, start, end, limit int) []token {
	// stop is the length toks stops at, the most there is for no limit.
	stop := len(dst) + limit
	if limit < 0 {
		stop = math.MaxInt
	}
	toks := dst
	i := start
	for i < end && len(toks) < stop {
		// ASCII, by far the most of any minutes, is read by appendASCII,
		// a loop that calls nothing, until it meets what it does not
		// read or its slice is full.
		toks, i = appendASCII(toks, text[:end], low, alnums, start, i, stop)
		switch {
		case i >= end || len(toks) >= stop:
		case len(toks) == cap(toks):
			toks = slices.Grow(toks, 1)
		default:
			toks, i = appendRuneToken(toks, text, low, start, end, i)
		}
	}
	return toks
}

// appendASCII appends the tokens of src from i on, as tokenizeUpTo reads
// them, while they are ASCII words of letters and digits, numbers,
// punctuation or white space, or general punctuation
// (generalPunctuation), and toks has room and is shorter than stop; it
// returns where it stopped. low is src[start:] lower-cased
// (asciiLower), or "". Each token is set field by field in its slot:
// copying a whole token into a slice on the heap costs a bulk write
// barrier whenever the collector is marking, a cost the tokenizer's many
// tokens would otherwise pay.
func appendASCII(toks []token, src, low string, alnums []uint64, start, i, stop int) ([]token, int) {
	room := min(stop, cap(toks))
	for i < len(src) && len(toks) < room {
		c := src[i]
		if c >= utf8.RuneSelf {
			// The no-break space and the general punctuation (U+2000 to
			// U+203F: spaces, dashes, quotes, bullets, none a letter or
			// digit) that HTML and typeset minutes are full of are told
			// by their bytes; any other character is the caller's.
			switch {
			case !generalPunctuation(src, i):
				return toks, i
			case c == 0xc2:
				i += 2 // a no-break space
			default:
				if x := src[i+2]; x <= 0x8a || x == 0xa8 || x == 0xa9 || x == 0xaf {
					i += 3 // U+2000 to U+200A, U+2028, U+2029, U+202F: spaces
					continue
				}
				toks = toks[:len(toks)+1]
				t := &toks[len(toks)-1]
				t.kind, t.text, t.start, t.end = punctToken, src[i:i+3], i, i+3
				t.norm, t.stem = t.text, t.text
				i += 3
			}
			continue
		}
		switch asciiClass[c] {
		case asciiSpace:
			i++
		case asciiLetter:
			j := i + 1
			if alnums != nil {
				// Looked for no further than a word can run, so that
				// a run of letters longer than a sentence is not read
				// over again for each of its sentences.
				j = runEnd(alnums, j, min(len(src), i+maxTokenBytes+1))
			} else {
				for j < len(src) && asciiClass[src[j]] >= asciiLetter {
					j++
				}
			}
			if j < len(src) && src[j] >= utf8.RuneSelf && !generalPunctuation(src, j) || j-i > maxTokenBytes || low == "" {
				// A word running on into a character not ASCII that
				// may be a letter, or too long, or with no lowered
				// span to slice, is the caller's.
				return toks, i
			}
			// A word of ASCII letters and digits, the most of any
			// text: its lower case needs no look at its bytes, being
			// low's where low was made, low[i-start:j-start] (low is
			// as long as the span, and i < j <= end).
			norm := unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(low)), i-start)), j-i)
			toks = toks[:len(toks)+1]
			t := &toks[len(toks)-1]
			t.kind, t.text, t.norm, t.stem, t.start, t.end = wordToken, src[i:j], norm, stemWord(norm), i, j
			// One space after a word, the most there is, is passed here.
			if j < len(src) && src[j] == ' ' {
				j++
			}
			i = j
		case asciiPunct:
			toks = toks[:len(toks)+1]
			t := &toks[len(toks)-1]
			t.kind, t.text, t.start, t.end = punctToken, src[i:i+1], i, i+1
			t.norm, t.stem = t.text, t.text
			i++
		default:
			// A number of ASCII digits, with a decimal point and digits
			// after it, or a word that starts with digits ("14th",
			// "4BQ"), as appendRuneToken reads them: what runs on into
			// a character not ASCII other than general punctuation (a
			// middle dot, a letter with an accent) is the caller's, and
			// so is what is too long or has no lowered span to slice.
			j := i + 1
			for j < len(src) && isDigitByte(src[j]) {
				j++
			}
			if j+1 < len(src) && src[j] == '.' && isDigitByte(src[j+1]) {
				j += 2
				for j < len(src) && isDigitByte(src[j]) {
					j++
				}
			}
			kind := numToken
			if j < len(src) && asciiClass[src[j]] >= asciiLetter {
				kind = wordToken
				for j < len(src) && asciiClass[src[j]] >= asciiLetter {
					j++
				}
			}
			if j < len(src) && src[j] >= utf8.RuneSelf && !generalPunctuation(src, j) || j-i > maxTokenBytes || low == "" {
				return toks, i
			}
			norm := unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(low)), i-start)), j-i)
			toks = toks[:len(toks)+1]
			t := &toks[len(toks)-1]
			t.kind, t.text, t.norm, t.stem, t.start, t.end = kind, src[i:j], norm, stemWord(norm), i, j
			i = j
		}
	}
	return toks, i
}

// generalPunctuation reports whether src[j:] starts with a no-break space
// or a character of U+2000 to U+203F (general punctuation, spaces among
// them): none is a letter or digit, so a word before one ends there.
func generalPunctuation(src string, j int) bool {
	return src[j] == 0xc2 && j+1 < len(src) && src[j+1] == 0xa0 ||
		src[j] == 0xe2 && j+2 < len(src) && src[j+1] == 0x80 && src[j+2] >= 0x80 && src[j+2] <= 0xbf
}

// appendRuneToken appends the token at text[i] that tokenizeUpTo does not
// read itself (a number, a word with letters not ASCII, or a character
// not ASCII), or passes over white space and invalid bytes, and returns
// where the next token may start.
func appendRuneToken(toks []token, text, low string, start, end, i int) ([]token, int) {
	r, size := utf8.DecodeRuneInString(text[i:end])
	switch {
	case r == utf8.RuneError && size <= 1:
		return toks, i + 1 // invalid byte: neither word nor punctuation
	case unicode.IsSpace(r) || r == '\u00a0':
		return toks, i + size
	case isDigit(r):
		j := i + size
		for j < end && isDigitByte(text[j]) {
			j++
		}
		// One decimal point followed by a digit belongs to the number,
		// and so does a middle dot, as typeset minutes write it ("1·6%").
		if j+1 < end && text[j] == '.' && isDigitByte(text[j+1]) {
			j++
			for j < end && isDigitByte(text[j]) {
				j++
			}
		} else if j+2 < end && text[j] == 0xC2 && text[j+1] == 0xB7 && isDigitByte(text[j+2]) {
			j += 2
			for j < end && isDigitByte(text[j]) {
				j++
			}
		}
		kind := numToken
		// Letters glued to the digits make a word: "14th", "4BQ", "U25".
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if !unicode.IsLetter(r2) && !isDigit(r2) {
				break
			}
			kind = wordToken
			j += s2
		}
		return appendToken(toks, text, low, start, kind, i, j), j
	case unicode.IsLetter(r):
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if !unicode.IsLetter(r2) && !isDigit(r2) {
				break
			}
			j += s2
		}
		return appendToken(toks, text, low, start, wordToken, i, j), j
	default:
		return appendToken(toks, text, low, start, punctToken, i, i+size), i + size
	}
}

// asciiClass sorts the bytes for the tokenizer: ASCII white space,
// punctuation, letters and digits (the last two, which make words, last),
// and the bytes of what is not ASCII, left to decoding.
var asciiClass = func() (c [256]uint8) {
	for b := 0; b < utf8.RuneSelf; b++ {
		switch {
		case b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v':
			c[b] = asciiSpace
		case isLetterByte(byte(b)):
			c[b] = asciiLetter
		case isDigitByte(byte(b)):
			c[b] = asciiDigit
		default:
			c[b] = asciiPunct
		}
	}
	return c
}()

const (
	asciiOther  uint8 = iota // not ASCII
	asciiSpace               // ASCII white space
	asciiPunct               // any other ASCII that is no letter or digit
	asciiLetter              // an ASCII letter
	asciiDigit               // an ASCII digit
)

func appendToken(toks []token, text, low string, lowAt int, kind tokenKind, start, end int) []token {
	t := token{kind: kind, text: text[start:end], start: start, end: end}
	if end-start > maxTokenBytes {
		// Too long to be a number or a word minutes use; keep it as an
		// opaque word so that it separates what is around it.
		t.kind = wordToken
		t.norm, t.stem = "\x00", "\x00"
		return append(toks, t)
	}
	if kind == punctToken {
		t.norm, t.stem = t.text, t.text
		return append(toks, t)
	}
	t.norm = lowerWord(t.text, low, start-lowAt)
	t.stem = stemWord(t.norm)
	return append(toks, t)
}

// stemWord folds the plural endings minutes use, so that one dictionary
// entry matches "burglary" and "burglaries", "offence" and "offences".
func stemWord(w string) string {
	// Every ending folded ends in "s": any other word is its own stem,
	// known from its last byte, and stemWord, this test alone, is
	// inlined where it is called.
	if len(w) < 4 || w[len(w)-1] != 's' {
		return w
	}
	return stemPlural(w)
}

// stemPlural is stemWord of a word of four letters or more ending in "s".
func stemPlural(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses")):
		return w[:n-2]
	case !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

func isDigit(r rune) bool     { return r >= '0' && r <= '9' }
func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// lowerWord lower-cases w, which lies at offset at of low, the text
// around it lower-cased by asciiLower (or "" when not made). An ASCII
// word's lower case is its bytes lower-cased one by one, which low holds
// already; any other word is lower-cased as Unicode says.
func lowerWord(w, low string, at int) string {
	if low == "" {
		return lowerASCII(w)
	}
	if !isASCII(w) {
		return strings.ToLower(w)
	}
	return low[at : at+len(w)]
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerASCII lower-cases s, without allocating when it is lower-case already.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}
