package parser

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestNumbersAsWritten reads numbers in the forms minutes type them.
func TestNumbersAsWritten(t *testing.T) {
	tests := []struct {
		text    string
		want    float64
		percent bool
	}{
		{"up 1·6% on the year", 1.6, true},
		{"down 17·9 per cent", 17.9, true},
		{"a rise of 1,5% in detections", 1.5, true},
		{"up 12,25 percent", 12.25, true},
		{"some 5.5k offences", 5500, false},
		{"about 12k crimes", 12000, false},
		{"1,500 burglaries", 1500, false},
		{"3,700 fewer offences", 3700, false},
		{"12,5 offences", 12, false}, // no percent: not a decimal comma
		{"12,345,678 calls", 12345678, false},
		{"2·5·6 offences", 2.5, false},
		{"phone 0208 359 2315", -1, false},
		{"a rate of 0.45 per 1,000", 0.45, false},
		{"999 calls were answered in ten seconds", -1, false},
		{"the 101 number", -1, false},
	}
	for _, tt := range tests {
		toks := tokenize(nil, tt.text, 0, len(tt.text))
		nums := findNumbers(toks)
		if tt.want < 0 {
			if len(nums) > 0 {
				t.Errorf("%q: read %v, want no number", tt.text, nums[0].value)
			}
			continue
		}
		if len(nums) == 0 {
			t.Errorf("%q: no number", tt.text)
			continue
		}
		if n := nums[0]; n.value != tt.want || n.percent != tt.percent {
			t.Errorf("%q: read %v (percent %v), want %v (percent %v)", tt.text, n.value, n.percent, tt.want, tt.percent)
		}
	}
}

// TestFigureWordsHaveShapes checks that every number word, multiple and
// fraction passes the shape test that is looked at before the lists.
func TestFigureWordsHaveShapes(t *testing.T) {
	for w := range figureWords {
		if !mayBeFigureWord(w) {
			t.Errorf("figure word %q: not of a figure word's shape, so never looked up", w)
		}
	}
}

// TestAtoiAsStrconv checks atoi against strconv.Atoi.
func TestAtoiAsStrconv(t *testing.T) {
	cases := []string{"", "0", "7", "-7", "+7", "-", "+", "2023", "12th", "1,000", " 1", "1 ", "٣", "007",
		"999999999999999999", "9999999999999999999", "-9223372036854775808", "99999999999999999999", "1e3", "0x10"}
	cases = append(cases, randomJoins(10, 20000, 20, strings.Split("0123456789+-a ", ""))...)
	for _, s := range cases {
		got, ok := atoi(s)
		want, err := strconv.Atoi(s)
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("atoi(%q) = %d, %v; strconv.Atoi: %d, %v", s, got, ok, want, err)
		}
	}
	// A word is no number, however long, and allocates no error.
	for _, s := range []string{"neighbourhoodwatchschemes", "responsibilities-of-the-partnership", "12345678901234567890x"} {
		if n := testing.AllocsPerRun(10, func() { atoi(s) }); n != 0 {
			t.Fatalf("atoi(%q) allocates %v times", s, n)
		}
	}
}

// TestWholeNumberAsParseFloat checks wholeNumber against strconv.ParseFloat.
func TestWholeNumberAsParseFloat(t *testing.T) {
	cases := []string{"", "0", "7", "007", "1234", "999999999999999", "9999999999999999", "1.5", "-1", "+1", "1e3", "12a", "٣"}
	cases = append(cases, randomJoins(14, 20000, 16, strings.Split("0123456789.e-", ""))...)
	for _, s := range cases {
		got, ok := wholeNumber(s)
		if !ok {
			continue
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || got != want {
			t.Fatalf("wholeNumber(%q) = %v; ParseFloat: %v, %v", s, got, want, err)
		}
	}
	for _, s := range []string{"0", "42", "100000", "999999999999999"} {
		if _, ok := wholeNumber(s); !ok {
			t.Fatalf("wholeNumber(%q) read nothing", s)
		}
	}
}

// firstMultiplierPlainly returns the index of the first token of toks
// that is a multiplier or a fraction, or len(toks), looking at each.
func firstMultiplierPlainly(toks []token) int {
	for i := range toks {
		_, mult := multiplierWords[toks[i].norm]
		_, frac := fractionWords[toks[i].norm]
		if mult || frac {
			return i
		}
	}
	return len(toks)
}

// TestReadNumbersFindsTheFirstMultiplier checks the first multiplier or
// fraction readNumbers finds as it reads a sentence's numbers against a
// look at every token: on every sentence of every labelled set, and on
// random mixes of multipliers, fractions, numbers in digits and words,
// percentages, ranges, dates and money.
func TestReadNumbersFindsTheFirstMultiplier(t *testing.T) {
	check := func(toks []token) {
		t.Helper()
		nums, mult := readNumbers(nil, toks)
		if want := firstMultiplierPlainly(toks); mult != want {
			t.Fatalf("%v: first multiplier %d, want %d", toks, mult, want)
		}
		if want := appendNumbers(nil, toks); !reflect.DeepEqual(nums, want) && (len(nums) > 0 || len(want) > 0) {
			t.Fatalf("%v: numbers %v, want %v", toks, nums, want)
		}
	}
	texts, sentences := labelledSentences(t)
	found := 0
	for k, text := range texts {
		for _, s := range sentences[k] {
			toks := tokenize(nil, text, s.start, s.end)
			check(toks)
			if firstMultiplierPlainly(toks) < len(toks) {
				found++
			}
		}
	}
	parts := []string{"halved", "doubled", "tripled", "trebled", "quadrupled", "Quadrupled", "half", "a third", "quarter",
		"fifth", "tenth", "halves", "quarters", "one", "twenty-five", "hundred", "and", "a half", "5", "50%", "per cent",
		"percent", "12.5", "3,700", "5-10", "1 in 4", "£5", "March 2024", "halved.", "-", "(", ")", "burglary", "by"}
	for _, s := range randomJoins(51, 20000, 8, parts) {
		s = strings.Join(strings.Fields(s), " ")
		check(tokenize(nil, s, 0, len(s)))
	}
	if found < 20 {
		t.Fatalf("only %d labelled sentences with a multiplier or fraction", found)
	}
}
