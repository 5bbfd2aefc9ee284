package parser

import (
	"math/bits"
	"regexp"
	"strings"
	"time"
	"unsafe"
)

// periodPattern matches one way minutes say what time a figure covers. Its
// first two groups, when it has them, are rewritten by periodText. needles
// are lower-case words one of which any match contains, checked first so
// that most sentences never run the expression. within, when set, are
// strings one of which any match also contains ("the last" of "over the
// last year", the year of "July to September 2024"): a window around a
// needle that holds none of them is not searched. twice is set for a
// pattern every match of which holds two needles, one at each end of a
// range ("July to September 2024", "2011/12 compared to 2010/11"): a
// window with fewer is not searched either.
type periodPattern struct {
	re *regexp.Regexp
	// anchored finds what re finds, tried only where a match can start.
	anchored *anchoredPattern
	needles  []string
	within   []string
	twice    bool
}

var monthNeedles = []string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// years are what a pattern ending in a year written "(19|20)\d\d" after
// a space holds.
var years = []string{" 19", " 20"}

// monthAlt is the months for the patterns, which run on lower-cased text.
const monthAlt = `january|february|march|april|may|june|july|august|september|october|november|december`

var periodPatterns = []periodPattern{
	// "between 2019 and 2021", "between July and September 2024"
	{re: regexp.MustCompile(`\bbetween ((?:(?:` + monthAlt + `) )?(?:19|20)\d\d|(?:` + monthAlt + `)) and ((?:(?:` + monthAlt + `) )?(?:19|20)\d\d)\b`), needles: []string{"between"}, within: years},
	// "1 April to 30 September 2023", "between 1st April 2023 and 31st
	// March 2024", "(1 April – 30 September 2023)"
	{re: regexp.MustCompile(`\b(\d{1,2}(?:st|nd|rd|th)? (?:` + monthAlt + `)(?: (?:19|20)\d\d)?) ?(?:to|-|–|and) ?(\d{1,2}(?:st|nd|rd|th)? (?:` + monthAlt + `) (?:19|20)\d\d)\b`), needles: monthNeedles, within: years, twice: true},
	// "July to September 2024", "April 2017-March 2018"
	{re: regexp.MustCompile(`\b((?:` + monthAlt + `)(?: (?:19|20)\d\d)?) ?(?:to|-|–) ?((?:` + monthAlt + `) (?:19|20)\d\d)\b`), needles: monthNeedles, within: years, twice: true},
	// "(11/12 to 15/16)", "2011/12 compared to 2010/11"
	{re: regexp.MustCompile(`\b((?:19|20)?\d\d/\d\d) (?:to|compared (?:to|with)|vs) ((?:19|20)?\d\d/\d\d)\b`), needles: []string{"/"}, twice: true},
	{re: regexp.MustCompile(`\b(?:in|over|during|for) the (?:last|past|previous|rolling) (?:(?:\d+|twelve|six|three|two) )?(?:months?|years?|quarters?|weeks?)\b`), needles: []string{"last", "past", "previous", "rolling"}, within: []string{"the last", "the past", "the previous", "the rolling"}},
	{re: regexp.MustCompile(`\bthe rolling (?:\d+|twelve) months\b`), needles: []string{"rolling"}},
	{re: regexp.MustCompile(`\b(?:the )?(?:financial )?year[ -]to[ -]date\b(?: \([^)]{1,40}\))?`), needles: []string{"date"}, within: []string{"year to", "year-to"}},
	{re: regexp.MustCompile(`\byear[ -]on[ -]year\b`), needles: []string{"on year", "on-year"}},
	{re: regexp.MustCompile(`\b(?:compared (?:to|with) )?the same period (?:last year|in (?:19|20)\d\d|the previous year)\b`), needles: []string{"same period"}},
	{re: regexp.MustCompile(`\bsince (?:last year|the start of the (?:year|financial year)|april(?: (?:19|20)\d\d)?|january(?: (?:19|20)\d\d)?)\b`), needles: []string{"since"}},
	{re: regexp.MustCompile(`\b(?:this|last) (?:financial )?(?:year|month|quarter)\b`), needles: []string{"this", "last"}, within: []string{"year", "month", "quarter"}},
	{re: regexp.MustCompile(`\bup to (?:the end of )?(?:` + monthAlt + `) (?:19|20)\d\d\b`), needles: []string{"up to"}, within: years},
	// "the 12 months to September 2024", "the year ending March 2024",
	// "the six months ended June 2023"
	{re: regexp.MustCompile(`\b(?:(?:in|over|during|for) )?(?:the )?(?:(?:\d+|twelve|six|three|nine) months?|(?:financial )?year|quarter) (?:to|ending|ended|up to) (?:the end of )?(?:` + monthAlt + `) (?:19|20)\d\d\b`),
		needles: []string{"months to", "months ending", "months ended", "months up to", "year to ", "year ending", "year ended", "quarter to", "quarter ending", "quarter ended"}, within: years},
	{re: regexp.MustCompile(`\b(?:in|during|for) ((?:19|20)\d\d(?:/\d\d)?)\b`), needles: []string{"in 19", "in 20", "during", "for 19", "for 20"}, within: years},
	{re: regexp.MustCompile(`\b(?:q[1-4]|quarter [1-4]) (?:19|20)\d\d(?:/\d\d)?\b`), needles: []string{"q1", "q2", "q3", "q4", "quarter"}, within: years},
}

func init() {
	for i := range periodPatterns {
		periodPatterns[i].anchored = newAnchoredPattern(periodPatterns[i].re.String())
	}
}

// periodMatch is a period phrase found in a sentence, with its byte offsets
// in the document.
type periodMatch struct {
	text       string
	start, end int
}

// findPeriods returns the period phrases of text[start:end], given low,
// that sentence lower-cased by asciiLower: the patterns run on the text
// lower-cased byte for byte, so that their offsets are those of the text
// as written. Each pattern runs only in a window around its needles'
// occurrences, so a long sentence costs little more than a short one, and
// the occurrences of every pattern's needles and within lists are found
// in one pass over the sentence.
func findPeriods(text, low string, start, end int) []periodMatch {
	return appendPeriods(nil, text, low, start, end)
}

// appendPeriods is findPeriods appending to dst, so that a parse can
// reuse one slice from sentence to sentence.
func appendPeriods(dst []periodMatch, text, low string, start, end int) []periodMatch {
	var buf [32]keyEnd
	occ := periodKeys.index.appendAll(buf[:0], low)
	if len(occ) == 0 {
		return dst // no pattern's needle, and so no match
	}
	var present keySet
	for _, o := range occ {
		present.add(o.key)
	}
	s := text[start:end]
	out := dst
	for i := range periodPatterns {
		p, keys := &periodPatterns[i], &periodKeys.patterns[i]
		if p.within != nil && !present.hasAny(keys.within) {
			continue // no window of the sentence could match
		}
		for _, needle := range keys.needles {
			if !present.has(needle) {
				continue
			}
			// The needle's occurrences one after another, none overlapping
			// the one before, as a search from the end of each finds them.
			at := 0
			for _, o := range occ {
				k := int(o.end) - len(periodKeys.index.keys[needle])
				if o.key != needle || k < at {
					continue
				}
				at = int(o.end)
				lo, hi := windowAround(s, k, periodWindowBefore, periodWindowAfter)
				if p.within != nil && !occursIn(occ, keys.within, lo, hi) || p.twice && !twoIn(occ, keys.needles, lo, hi) {
					continue
				}
				out = appendPeriodMatches(out, s, start, lo, p.anchored.findAll(low[lo:hi]))
			}
		}
	}
	return out
}

// appendPeriodMatches appends to out the matches of a period pattern in
// the window of sentence s (at start in the text) that starts lo bytes in,
// each as the offsets of a match and its groups in the window, but those
// a period already found covers.
func appendPeriodMatches(out []periodMatch, s string, start, lo int, matches [][]int) []periodMatch {
	for _, m := range matches {
		shiftMatch(m, lo)
		if foundPeriod(out, start+m[0], start+m[1]) {
			continue
		}
		out = append(out, periodMatch{text: periodText(s, m), start: start + m[0], end: start + m[1]})
	}
	return out
}

// periodKeys is every needle and within string of the period patterns,
// in one multiIndex, and each pattern's as key numbers.
var periodKeys = func() (pk struct {
	index    *multiIndex
	patterns []struct{ needles, within []uint8 }
}) {
	var keys []string
	id := map[string]uint8{}
	number := func(list []string) []uint8 {
		var out []uint8
		for _, k := range list {
			n, ok := id[k]
			if !ok {
				n = uint8(len(keys))
				id[k] = n
				keys = append(keys, k)
			}
			out = append(out, n)
		}
		return out
	}
	pk.patterns = make([]struct{ needles, within []uint8 }, len(periodPatterns))
	for i, p := range periodPatterns {
		pk.patterns[i].needles = number(p.needles)
		pk.patterns[i].within = number(p.within)
	}
	pk.index = newMultiIndex(keys)
	return pk
}()

// keySet is a set of a multiIndex's key numbers.
type keySet [4]uint64

func (s *keySet) add(k uint8)      { s[k>>6] |= 1 << (k & 63) }
func (s *keySet) has(k uint8) bool { return s[k>>6]&(1<<(k&63)) != 0 }

func (s *keySet) hasAny(keys []uint8) bool {
	for _, k := range keys {
		if s.has(k) {
			return true
		}
	}
	return false
}

// occursIn reports whether one of keys occurs wholly within [lo, hi).
func occursIn(occ []keyEnd, keys []uint8, lo, hi int) bool {
	for _, o := range occ {
		if int(o.end) > hi {
			break // the occurrences are in the order of their ends
		}
		for _, k := range keys {
			if o.key == k && int(o.end)-len(periodKeys.index.keys[k]) >= lo {
				return true
			}
		}
	}
	return false
}

// twoIn reports whether two occurrences of needles lie wholly within
// [lo, hi), the same needle twice or two different, each needle's
// counted one after another, none overlapping the one before.
func twoIn(occ []keyEnd, needles []uint8, lo, hi int) bool {
	n := 0
	for _, needle := range needles {
		at := lo
		for _, o := range occ {
			k := int(o.end) - len(periodKeys.index.keys[needle])
			if o.key != needle || k < at {
				continue
			}
			if int(o.end) > hi {
				break
			}
			n++
			if n >= 2 {
				return true
			}
			at = int(o.end)
		}
	}
	return false
}

// foundPeriod reports whether out holds a match at [start, end) already,
// as two windows of a sentence find the same phrase. A sentence has few
// periods, so a look through them costs less than a set.
func foundPeriod(out []periodMatch, start, end int) bool {
	for _, p := range out {
		if p.start == start && p.end == end {
			return true
		}
	}
	return false
}

// How far a period phrase may reach before and after the needle it holds.
const (
	periodWindowBefore = 48
	periodWindowAfter  = 96
)

// windowAround returns [lo, hi) around s[k], widened to word boundaries so
// that "\b" in a pattern means what it says at the window's edges.
func windowAround(s string, k, before, after int) (int, int) {
	lo, hi := max(0, k-before), min(len(s), k+after)
	for lo > 0 && s[lo-1] != ' ' {
		lo--
	}
	for hi < len(s) && s[hi] != ' ' {
		hi++
	}
	return lo, hi
}

// periodText writes a match as the period it names: "between 2019 and
// 2021" as "2019 to 2021"; other phrases as written, minus a leading
// preposition.
func periodText(s string, m []int) string {
	if len(m) >= 6 && m[2] >= 0 && m[4] >= 0 {
		a, b := s[m[2]:m[3]], s[m[4]:m[5]]
		return a + " to " + b
	}
	if len(m) >= 4 && m[2] >= 0 {
		return s[m[2]:m[3]]
	}
	p := s[m[0]:m[1]]
	for _, lead := range []string{"in ", "over ", "during ", "for ", "In ", "Over ", "During ", "For ", "compared to ", "compared with "} {
		p = strings.TrimPrefix(p, lead)
	}
	return p
}

// periodFor picks the period of a figure at bytes [start, end): the phrase
// nearest after it within the sentence, else the nearest before it.
func periodFor(periods []periodMatch, start, end int) string {
	best, bestDist := "", -1
	for _, p := range periods {
		var d int
		switch {
		case p.start >= end:
			d = p.start - end
		case p.end <= start:
			d = start - p.end + 40 // after is the usual place; before weighs less
		default:
			d = 0
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = p.text, d
		}
	}
	return best
}

// Dates are calendar dates written YYYY-MM-DD, as the JSON form of a
// figure gives them.
const dateLayout = "2006-01-02"

// periodBounds normalises a period's text to its first and last days where
// the text names them ("2019 to 2021", "July to September 2024",
// "2022/23", "April 2017 to March 2018", "up to October 2013"). Periods
// that only make sense against the meeting date ("this year", "the last 12
// months") give empty bounds.
func periodBounds(p string) (start, end string) {
	p = strings.TrimSpace(p)
	if p == "" {
		return "", ""
	}
	low := strings.ToLower(p)
	// monthsEnding names months, a year or a quarter and ends on a year:
	// a period that does not is not tried.
	if n := len(low); n >= 4 && (low[n-4:n-2] == "19" || low[n-4:n-2] == "20") && isDigitByte(low[n-2]) && isDigitByte(low[n-1]) &&
		(strings.Contains(low, "month") || strings.Contains(low, "year") || strings.Contains(low, "quarter")) {
		if m := monthsEnding.FindStringSubmatch(low); m != nil {
			return monthsEndingBounds(m)
		}
	}
	if rest, ok := strings.CutPrefix(low, "up to "); ok {
		rest = strings.TrimPrefix(rest, "the end of ")
		if _, e, ok := monthYear(rest); ok {
			return "", e.Format(dateLayout)
		}
		return "", ""
	}
	a, b, isRange := strings.Cut(p, " to ")
	if !isRange {
		a, b, isRange = strings.Cut(p, "-")
	}
	if !isRange {
		s, e, ok := spanOf(p, 0)
		if !ok {
			return "", ""
		}
		return s.Format(dateLayout), e.Format(dateLayout)
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if s, e, ok := dayRange(a, b); ok {
		return s.Format(dateLayout), e.Format(dateLayout)
	}
	_, e, ok := spanOf(b, 0)
	if !ok {
		return "", ""
	}
	// "July to September 2024": the first month takes the last's year.
	s, _, ok := spanOf(a, e.Year())
	if !ok || s.After(e) {
		return "", ""
	}
	return s.Format(dateLayout), e.Format(dateLayout)
}

// monthsEndingBounds returns the first and last days of a period
// monthsEnding matched as m ("the 12 months to September 2024": October
// 2023 to September 2024).
func monthsEndingBounds(m []string) (start, end string) {
	months := 3
	switch m[1] {
	case "year", "financial year":
		months = 12
	case "quarter":
	default:
		months = countWord(m[2])
	}
	_, e, ok := monthYear(m[3])
	if !ok || months < 1 || months > 36 {
		return "", ""
	}
	first := time.Date(e.Year(), e.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1-months, 0)
	return first.Format(dateLayout), e.Format(dateLayout)
}

// dayRange reads a range of days, "1 April" to "30 September 2023" (the
// first taking the last's year when it has none).
func dayRange(a, b string) (time.Time, time.Time, bool) {
	e, ok := dayDate(b, 0)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	s, ok := dayDate(a, e.Year())
	if !ok || s.After(e) {
		return time.Time{}, time.Time{}, false
	}
	return s, e, true
}

// dayDate reads "30 september 2023", "1st april", the year defaulting to
// year.
func dayDate(s string, year int) (time.Time, bool) {
	f := strings.Fields(strings.ToLower(s))
	if len(f) < 2 || len(f) > 3 {
		return time.Time{}, false
	}
	day, okDay := atoi(strings.TrimRight(f[0], "stndrh"))
	m, okMonth := monthNumber[f[1]]
	if !okDay || !okMonth || day < 1 {
		return time.Time{}, false
	}
	if len(f) == 3 {
		if year, okDay = atoi(f[2]); !okDay || year < 1950 || year > 2099 {
			return time.Time{}, false
		}
	}
	if year == 0 {
		return time.Time{}, false
	}
	t := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // "31 September"
	}
	return t, true
}

// monthsEnding reads a period that ends with a month: "the 12 months to
// september 2024", "year ending march 2024", "the quarter to june 2024".
var monthsEnding = regexp.MustCompile(`^(?:the )?((?:(\d+|twelve|six|three|nine) months?)|(?:financial )?year|quarter) (?:to|ending|ended|up to) (?:the end of )?((?:` + monthAlt + `) (?:19|20)\d\d)$`)

// spanOf returns the first and last days of a year ("2021"), a financial
// year ("2022/23", "11/12"), a month with its year ("March 2018"), or a
// month alone when its year is given.
func spanOf(s string, year int) (time.Time, time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s0, e, ok := monthYear(s); ok {
		return s0, e, true
	}
	if m, ok := monthNumber[s]; ok && year > 0 {
		first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), true
	}
	if y, ok := atoi(s); ok && y >= 1950 && y <= 2099 {
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), true
	}
	// Financial years run from April to March.
	if a, b, ok := strings.Cut(s, "/"); ok && len(b) == 2 {
		y, ok1 := atoi(a)
		next, ok2 := atoi(b)
		if !ok1 || !ok2 {
			return time.Time{}, time.Time{}, false
		}
		if y < 100 {
			y += 2000
		}
		if (y+1)%100 != next {
			return time.Time{}, time.Time{}, false
		}
		return time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, time.March, 31, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, time.Time{}, false
}

// monthYear reads "march 2018" as that month's first and last days.
func monthYear(s string) (time.Time, time.Time, bool) {
	name, year, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	m, ok := monthNumber[name]
	y, okYear := atoi(strings.TrimSpace(year))
	if !ok || !okYear || y < 1950 || y > 2099 {
		return time.Time{}, time.Time{}, false
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	return first, first.AddDate(0, 1, -1), true
}

var monthNumber = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March, "april": time.April,
	"may": time.May, "june": time.June, "july": time.July, "august": time.August,
	"september": time.September, "october": time.October, "november": time.November,
	"december": time.December,
}

// firstCapital returns the offset of the first ASCII capital of s, or -1.
func firstCapital(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if m := capitalBytes(load8(s[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return i
		}
	}
	return -1
}

// asciiLower lower-cases the ASCII letters of s and nothing else, so that
// every byte keeps its offset; it allocates only when s has a capital.
func asciiLower(s string) string {
	i := firstCapital(s)
	if i < 0 {
		return s
	}
	b := make([]byte, len(s))
	lowerInto(b, s)
	return unsafe.String(&b[0], len(b))
}
