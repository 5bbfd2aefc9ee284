package parser

import (
	"regexp"
	"strings"
	"testing"
)

// largeBytes is the size of the one document BenchmarkParseLarge reads.
const largeBytes = 10 << 20

// largeText is the seeds repeated, one after another, to about largeBytes:
// one long set of minutes, so that a parse that is not linear in its text
// shows.
func largeText(tb testing.TB) string {
	tb.Helper()
	seeds := strings.Join(seedTexts(tb), "\n\n")
	var b strings.Builder
	for b.Len() < largeBytes {
		b.WriteString(seeds)
		b.WriteString("\n\n")
	}
	return b.String()
}

func BenchmarkParseLarge(b *testing.B) {
	unpoisoned(b)
	text := largeText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(text, Options{Borough: "Barnet"})
	}
}

// baselineNumber is a number with the words on either side of it, as a
// regular expression that turns text into metrics would match it.
var baselineNumber = regexp.MustCompile(`(\w+)\W+(\d[\d,]*(?:\.\d+)?%?)(?:\W+(\w+))?`)

// BenchmarkRegexpBaseline stands for the cost of one regular-expression
// pass over the same text as BenchmarkParse, as tools that turn text into
// metrics with regular expressions make: every number is found with its
// surrounding words. The parser's MB/s are read against this one's.
func BenchmarkRegexpBaseline(b *testing.B) {
	var sink int
	benchSeeds(b, func(s string) {
		sink += len(baselineNumber.FindAllStringSubmatchIndex(s, -1))
	})
	_ = sink
}

// BenchmarkStages times the parse's passes one by one over the seeds, as
// a parse runs them, so that a change to one shows above the noise of the
// whole: the passes over the whole text, those over each sentence that
// may hold a figure (a heading or lead line, or one mayHoldFigure lets
// through), and the readers of such a sentence's tokens (numbers,
// categories, places).
func BenchmarkStages(b *testing.B) {
	texts := seedTexts(b)
	type read struct {
		text      string
		sentences []sentence
	}
	var docs []read
	var n int64
	for _, s := range texts {
		var read read
		read.text = s
		for _, se := range splitSentences(s) {
			if se.heading || se.lead || mayHoldFigure(s[se.start:se.end]) {
				read.sentences = append(read.sentences, se)
			}
		}
		docs = append(docs, read)
		n += int64(len(s))
	}
	whole := func(name string, pass func(string)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				for _, s := range texts {
					pass(s)
				}
			}
		})
	}
	each := func(name string, pass func(text string, s sentence, low string)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(n)
			lows := make([][]string, len(docs))
			for i, d := range docs {
				for _, s := range d.sentences {
					lows[i] = append(lows[i], asciiLower(d.text[s.start:s.end]))
				}
			}
			for b.Loop() {
				for i, d := range docs {
					for k, s := range d.sentences {
						pass(d.text, s, lows[i][k])
					}
				}
			}
		})
	}
	// The passes after the text's bits are given them, and its newlines,
	// as a parse gives them.
	var sink []sentence
	var bits textBits
	var newlines []int
	given := func(pass func(s string)) func(s string) {
		return func(s string) {
			bits.read(s)
			newlines = bits.appendNewlines(newlines[:0])
			pass(s)
		}
	}
	whole("bits", func(s string) { bits.read(s); newlines = bits.appendNewlines(newlines[:0]) })
	whole("sentences", given(func(s string) { sink = appendSentences(sink[:0], s, newlines, bits.stops) }))
	whole("tables", given(func(s string) { readTables(s, newlines, Options{}, nil, &tableLines{}) }))
	whole("names", func(s string) { firstCommandUnit(s); namedForce(s); namedCentres(s) })
	whole("mayHoldFigure", given(func(s string) {
		sink = appendSentences(sink[:0], s, newlines, bits.stops)
		for _, se := range sink {
			bits.mayHoldFigure(s, se.start, se.end)
		}
	}))
	var toks []token
	each("lower", func(text string, s sentence, _ string) { asciiLower(text[s.start:s.end]) })
	each("tokenize", func(text string, s sentence, low string) { toks = tokenizeLower(toks[:0], text, low, s.start, s.end) })
	each("periods", func(text string, s sentence, low string) { findPeriods(text, low, s.start, s.end) })
	// The readers of a sentence's tokens, given them.
	var sentenceToks [][]token
	for _, d := range docs {
		for _, s := range d.sentences {
			sentenceToks = append(sentenceToks, tokenize(nil, d.text, s.start, s.end))
		}
	}
	tokens := func(name string, pass func(toks []token)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(n)
			for b.Loop() {
				for _, toks := range sentenceToks {
					pass(toks)
				}
			}
		})
	}
	var nums []number
	var mentions []mention
	tokens("numbers", func(toks []token) { nums = appendNumbers(nums[:0], toks) })
	tokens("mentions", func(toks []token) { mentions = appendMentions(mentions[:0], toks) })
	tokens("places", func(toks []token) { findPlaces(toks) })
}
