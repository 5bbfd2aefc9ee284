package parser

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The tests overwrite the sentences a parse lowered once it ends, so that
// every test that reads a figure fails on one that holds any of them.
func init() { poisonLowered = true }

// TestFiguresOutliveTheLoweredSentences parses every labelled document,
// then another with the buffer its sentences were lowered in, and checks
// that the first's figures are as they were: none holds a lowered
// sentence, which the second parse overwrote.
func TestFiguresOutliveTheLoweredSentences(t *testing.T) {
	texts, _ := labelledSentences(t)
	// Minutes long enough to lower their sentences in several buffers.
	long := strings.Repeat(strings.Join(seedTexts(t), "\n\n")+"\n\n", 6)
	if len(long) < 4*loweredBuffer {
		t.Fatalf("the long minutes are %d bytes", len(long))
	}
	texts = append(texts, long)
	held := 0
	for i, text := range texts {
		figs := Parse(text, Options{Borough: "Barnet"})
		want := make([]Figure, len(figs))
		for k, f := range figs {
			want[k] = f
			for _, p := range []*string{&want[k].Category, &want[k].Area, &want[k].Period, &want[k].PeriodStart,
				&want[k].PeriodEnd, &want[k].Quote, &want[k].Rule} {
				*p = strings.Clone(*p)
			}
		}
		Parse(texts[(i+1)%len(texts)], Options{Borough: "Barnet"})
		for k, f := range figs {
			if f != want[k] {
				t.Fatalf("document %d, figure %d changed with the next parse: %+v, was %+v", i, k, f, want[k])
			}
			for _, s := range []string{f.Category, f.Area, f.Period, f.Quote} {
				if !utf8.ValidString(s) || strings.Contains(s, "\xff") {
					t.Fatalf("document %d, figure %d holds overwritten bytes: %+v", i, k, f)
				}
			}
		}
		held += len(figs)
	}
	if held < 1000 {
		t.Fatalf("only %d figures read", held)
	}
}

// TestLowerMatchesASCIILower checks the parse's lowering against
// asciiLower, one sentence after another in one buffer.
func TestLowerMatchesASCIILower(t *testing.T) {
	text := "Burglary FELL by 12%. 3 were all lower case. ÉCOLE Über 3 ÀÖ. MIXED case Words here."
	d := document{text: text}
	var lows, wants []string
	for _, s := range splitSentences(text) {
		lows = append(lows, d.lower(s.start, s.end))
		wants = append(wants, asciiLower(text[s.start:s.end]))
	}
	for k := range lows {
		if lows[k] != wants[k] {
			t.Errorf("sentence %d: lower = %q, asciiLower %q", k, lows[k], wants[k])
		}
	}
	if len(lows) < 4 {
		t.Fatalf("only %d sentences", len(lows))
	}
}

// TestParseConcurrently parses every labelled document from four
// goroutines at once, each in its own order, and checks every figure is as
// a parse alone gives it: the pooled buffers, and the lowered sentences in
// them, are one parse's at a time.
func TestParseConcurrently(t *testing.T) {
	texts, _ := labelledSentences(t)
	want := make([][]Figure, len(texts))
	for i, text := range texts {
		want[i] = Parse(text, Options{Borough: "Barnet"})
	}
	errs := make(chan string, 4)
	for g := range 4 {
		go func() {
			for k := range texts {
				i := (k*7 + g*13) % len(texts)
				if got := Parse(texts[i], Options{Borough: "Barnet"}); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d, document %d: %d figures, alone %d", g, i, len(got), len(want[i]))
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
