package parser

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// findPeriodsScan is findPeriods as it was before its needles were found
// in one pass: a search of the sentence for each. It returns the period phrases of text[start:end], given low,
// that sentence lower-cased by asciiLower: the patterns run on the text
// lower-cased byte for byte, so that their offsets are those of the text
// as written. Each pattern runs only in a window around its needles'
// occurrences, so a long sentence costs little more than a short one.
func findPeriodsScan(text, low string, start, end int) []periodMatch {
	s := text[start:end]
	var out []periodMatch
	var held withinMemo
	for _, p := range periodPatterns {
		if p.within != nil && !held.containsAny(low, p.within) {
			continue // no window of the sentence could match
		}
		for _, needle := range p.needles {
			for at := 0; ; {
				k := index(low[at:], needle)
				if k < 0 {
					break
				}
				k += at
				at = k + len(needle)
				lo, hi := windowAround(s, k, periodWindowBefore, periodWindowAfter)
				if p.within != nil && !containsAny(low[lo:hi], p.within) || p.twice && !holdsTwo(low[lo:hi], p.needles) {
					continue
				}
				out = appendPeriodMatches(out, s, start, lo, p.re.FindAllStringSubmatchIndex(low[lo:hi], -1))
			}
		}
	}
	return out
}

// withinMemo remembers, for one sentence, whether it holds one of a within
// list: several patterns share a list (years), which is then searched for
// once.
type withinMemo struct {
	n     int
	lists [4]*string // each list by its first element
	holds [4]bool
}

// containsAny is containsAny(low, within), remembered for within.
func (m *withinMemo) containsAny(low string, within []string) bool {
	for k := 0; k < m.n; k++ {
		if m.lists[k] == &within[0] {
			return m.holds[k]
		}
	}
	holds := containsAny(low, within)
	if m.n < len(m.lists) {
		m.lists[m.n], m.holds[m.n] = &within[0], holds
		m.n++
	}
	return holds
}

// holdsTwo reports whether s holds two needles, the same twice or two
// different.
func holdsTwo(s string, needles []string) bool {
	n := 0
	for _, needle := range needles {
		for at := 0; n < 2; {
			k := index(s[at:], needle)
			if k < 0 {
				break
			}
			n++
			at += k + len(needle)
		}
	}
	return n >= 2
}

// labelledSentences returns every sentence of every labelled set's
// documents, lower-cased as a parse does.
func labelledSentences(t *testing.T) (texts []string, sentences [][]sentence) {
	t.Helper()
	for _, set := range labelledSets {
		paths, err := filepath.Glob(filepath.Join(set.docs, "*.txt"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no documents in %s (%v)", set.docs, err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
			sentences = append(sentences, splitSentences(string(b)))
		}
	}
	return texts, sentences
}

// TestFindPeriodsAsScanned checks that findPeriods, its needles found in
// one pass, finds what a search for each needle finds: on every sentence
// of every labelled set, on the phrases the patterns are for, and on those
// phrases cut, joined and repeated at random.
func TestFindPeriodsAsScanned(t *testing.T) {
	check := func(text string, start, end int) {
		t.Helper()
		low := asciiLower(text[start:end])
		got, want := findPeriods(text, low, start, end), findPeriodsScan(text, low, start, end)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: findPeriods = %+v, a search for each needle %+v", text[start:end], got, want)
		}
	}
	texts, sentences := labelledSentences(t)
	n := 0
	for i, text := range texts {
		for _, s := range sentences[i] {
			check(text, s.start, s.end)
			n++
		}
	}
	if n < 5000 {
		t.Fatalf("only %d sentences read", n)
	}
	phrases := []string{
		"Between 2019 and 2021", "between July and September 2024", "July to September 2024",
		"April 2017-March 2018", "(11/12 to 15/16)", "2011/12 compared to 2010/11", "over the last 12 months",
		"in the past year", "the rolling 12 months", "the financial year-to-date (April to June)", "year on year",
		"compared with the same period last year", "since April 2023", "this financial year",
		"up to the end of October 2013", "in 2019/20", "during 2021", "Q2 2023", "quarter 3 2022/23",
		"1 April to 30 September 2023", "between 1st April 2023 and 31st March 2024",
		"the 12 months to September 2024", "the year ending March 2024", "in the six months ended June 2023",
		"burglary fell 12%", "patrolling", "mayor", "the last", " ", "/", "2020",
	}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.Intn(6) {
			p := phrases[rng.Intn(len(phrases))]
			if rng.Intn(3) == 0 {
				a := rng.Intn(len(p) + 1)
				p = p[a:min(len(p), a+rng.Intn(len(p)+1))]
			}
			b.WriteString(p)
			b.WriteString([]string{" ", "", " and ", ", ", " to "}[rng.Intn(5)])
		}
		s := b.String()
		check(s, 0, len(s))
	}
}

// TestMultiIndexFindsEveryOccurrence checks multiIndex against a search
// for each key at every offset, on overlapping keys and random text.
func TestMultiIndexFindsEveryOccurrence(t *testing.T) {
	keys := []string{"he", "she", "his", "hers", "a", "aa", "aaa", "s", "the last", " 19", "/"}
	m := newMultiIndex(keys)
	rng := rand.New(rand.NewSource(2))
	for range 5000 {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			b[i] = "ahers tl/19x"[rng.Intn(12)]
		}
		s := string(b)
		var want []keyEnd
		for end := 1; end <= len(s); end++ {
			// The longest first among those ending together, as the keys
			// ending at a state are listed.
			var at []keyEnd
			for k, key := range keys {
				if strings.HasSuffix(s[:end], key) {
					at = append(at, keyEnd{key: uint8(k), end: int32(end)})
				}
			}
			for i := 1; i < len(at); i++ {
				for j := i; j > 0 && len(keys[at[j].key]) > len(keys[at[j-1].key]); j-- {
					at[j], at[j-1] = at[j-1], at[j]
				}
			}
			want = append(want, at...)
		}
		if got := m.appendAll(nil, s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	}
}

// TestAnchoredPatternFindsWhatASearchFinds checks anchoredPattern against
// the search of the whole text it stands for, for the period patterns and
// expressions of other shapes (optional words first, classes, alternatives
// of digits and letters, a fold of case), on random mixes of their words.
func TestAnchoredPatternFindsWhatASearchFinds(t *testing.T) {
	exprs := []string{`\b(?:the )?(?:big )?cat\b`, `\b[0-9]+(?:st|nd)? (?:may|june)\b`, `\b(?i:rate) [a-c]+\b`,
		`\b(?:x|\d)(?:y|\d)*\b`, `\b_?under\b`}
	for _, p := range periodPatterns {
		exprs = append(exprs, p.re.String())
	}
	words := []string{"the", "big", "cat", "cats", "1st", "12", "may", "june", "rate", "RATE", "abc", "x", "y9", "_under",
		"under", "between", "2019", "and", "2021", "july", "to", "september", "2024", "in", "over", "last", "12", "months",
		"since", "april", "this", "year", "q2", "2023", "compared", "with", "same", "period", "é", "(", ")", "/", "11/12",
		// whole phrases of the period patterns, lower-cased as they run
		"between 2019 and 2021", "between july and september 2024", "july to september 2024", "april 2017-march 2018",
		"(11/12 to 15/16)", "2011/12 compared to 2010/11", "over the last 12 months", "in the past year",
		"the rolling 12 months", "the financial year-to-date (april to june)", "year on year",
		"compared with the same period last year", "since april 2023", "this financial year",
		"up to the end of october 2013", "in 2019/20", "during 2021", "q2 2023", "quarter 3 2022/23",
		"1 april to 30 september 2023", "between 1st april 2023 and 31st march 2024",
		"the 12 months to september 2024", "the year ending march 2024", "in the six months ended june 2023"}
	rng := rand.New(rand.NewSource(4))
	for _, expr := range exprs {
		re, a := regexp.MustCompile(expr), newAnchoredPattern(expr)
		found := 0
		for range 3000 {
			var b strings.Builder
			for range rng.Intn(12) {
				b.WriteString(words[rng.Intn(len(words))])
				b.WriteString([]string{" ", "", "-", ", "}[rng.Intn(4)])
			}
			s := b.String()
			want := re.FindAllStringSubmatchIndex(s, -1)
			if got := a.findAll(s); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: %v, a search finds %v", expr, s, got, want)
			}
			found += len(want)
		}
		if found == 0 {
			t.Errorf("%s: no match in any text, so nothing was checked", expr)
		}
	}
}

// TestAnchoredPatternRefusesWhatItCannotFind checks that an expression
// findAll could not stand for is refused when it is compiled: one without
// its "\b", one that can match nothing, one that can start with a byte no
// word has.
func TestAnchoredPatternRefusesWhatItCannotFind(t *testing.T) {
	for _, expr := range []string{`cat`, `\b(?:cat)?`, `\b\(cat\)`, `\b(?:cat|-dog)`, `\b[é]t`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("newAnchoredPattern(%q) compiled", expr)
				}
			}()
			newAnchoredPattern(expr)
		}()
	}
}
