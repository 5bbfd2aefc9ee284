package parser

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestBareNumbersReadNothing checks that the sentences bareNumber passes
// over would give no figure if read: every line of every labelled text
// is followed by a line holding a number and a full stop alone, and
// before some by a lead line or a bullet, and the texts are parsed with
// bare numbers read as any sentence and passed over, for the same
// figures.
func TestBareNumbersReadNothing(t *testing.T) {
	t.Cleanup(func() { readBareNumbers = false })
	texts, _ := labelledSentences(t)
	numbers := []string{"1.", "12.", "2024.", "3.5.", "450.", "0."}
	leads := []string{"", "Reductions were seen in:\n", "Burglary offences this year:\n", "- ", "Increases:\n• "}
	bare, k := 0, 0
	for _, text := range texts {
		var b strings.Builder
		for _, line := range strings.Split(text, "\n") {
			b.WriteString(line)
			b.WriteString("\n")
			if strings.TrimSpace(line) == "" {
				continue
			}
			b.WriteString(leads[k%len(leads)])
			b.WriteString(numbers[k%len(numbers)])
			b.WriteString("\n")
			k++
		}
		mixed := b.String()
		readBareNumbers = true
		read := Parse(mixed, Options{Borough: "Barnet"})
		readBareNumbers = false
		passed := Parse(mixed, Options{Borough: "Barnet"})
		if !reflect.DeepEqual(read, passed) {
			t.Fatalf("bare numbers read give\n%s\npassed over\n%s", figureLines(read), figureLines(passed))
		}
		for _, s := range splitSentences(mixed) {
			if bareNumber(tokenize(nil, mixed, s.start, s.end)) {
				bare++
			}
		}
	}
	if bare < 2000 {
		t.Fatalf("only %d bare numbers read", bare)
	}
}

// figureLines writes figures one a line, for a failure's message.
func figureLines(figs []Figure) string {
	var b strings.Builder
	for _, f := range figs {
		fmt.Fprintf(&b, "%s %s %v %s %q\n", f.Category, f.Measure, f.Value, f.Area, f.Quote)
	}
	return b.String()
}
