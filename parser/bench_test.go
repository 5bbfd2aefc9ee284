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
