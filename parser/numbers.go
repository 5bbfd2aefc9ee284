package parser

import (
	"math"
	"strconv"
	"strings"
)

// number is a number written in a sentence: its value as written, whether it
// is a percentage, any sign written on it, and the tokens it spans.
type number struct {
	value   float64
	percent bool
	sign    int // -1 or +1 when written ("-7.7%", "+26%"), else 0
	word    bool
	// first and last are the token range, sign and "%" or "per cent" included.
	first, last int
	// core is the token of the digits themselves.
	core int
}

// numberWords are the numbers minutes write in words.
var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// unitWords after a plain number make it a quantity that is not a figure:
// a size, a duration, a time of day, a distance.
var unitWords = newWordSet(map[string]bool{
	"kb": true, "mb": true, "gb": true, "hour": true, "hours": true, "hr": true, "hrs": true,
	"minute": true, "minutes": true, "mins": true, "second": true, "seconds": true,
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true,
	"year": true, "years": true, "yrs": true, "am": true, "pm": true, "noon": true,
	"mile": true, "miles": true, "mph": true, "km": true, "metres": true, "meters": true,
	"yards": true, "page": true, "pages": true, "million": true, "billion": true,
	"bn": true, "m": true, "k": true, "p": true, "pence": true, "pounds": true,
	"st": true, "nd": true, "rd": true, "th": true, "o": true, "th.": true,
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "percentile": true, "times": true,
})

// labelWords before a plain number make it a label, not a quantity:
// "Item 7", "Year 6 pupils", "Class 1-4 crimes", "Section 60".
var labelWords = newWordSet(map[string]bool{
	"item": true, "items": true, "no": true, "number": true, "page": true, "pages": true,
	"paragraph": true, "para": true, "paras": true, "section": true, "sections": true,
	"appendix": true, "annex": true, "slide": true, "slides": true, "table": true,
	"figure": true, "chart": true, "graph": true, "year": true, "class": true,
	"group": true, "tier": true, "phase": true, "stage": true, "level": true,
	"room": true, "junction": true, "route": true, "bus": true, "minute": true,
	"version": true, "priority": true, "ref": true, "reference": true,
	"clause": true, "article": true, "chapter": true, "schedule": true, "step": true,
	"option": true, "objective": true, "recommendation": true, "question": true,
	"point": true, "quarter": true, "q": true, "wave": true, "cohort": true,
	"category": true, "grade": true, "type": true, "zone": true,
	"unit": true, "floor": true, "flat": true, "operation": true, "op": true,
	"act": true, "aged": true, "age": true, "ages": true, "covid": true, "per": true,
})

// periodAdjectives before "year" make it a period, not a label: "last
// year 61".
var periodAdjectives = newWordSet(map[string]bool{"previous": true, "last": true, "prior": true, "this": true, "current": true, "financial": true, "same": true})

// moneySigns before a number make it an amount of money.
var moneySigns = newWordSet(map[string]bool{"£": true, "$": true, "€": true})

// yearLike reports whether v, written plainly, reads as a calendar year.
func yearLike(v float64, text string) bool {
	return v >= 1950 && v <= 2049 && v == math.Trunc(v) && len(text) == 4
}

// findNumbers returns the numbers of a sentence that could be figures, in
// order. Numbers that are dates, years, money, times, sizes, ranges, labels
// or parts of telephone numbers are left out.
func findNumbers(toks []token) []number {
	return appendNumbers(nil, toks)
}

// appendNumbers is findNumbers appending to dst[:0], a buffer reused from
// sentence to sentence.
func appendNumbers(dst []number, toks []token) []number {
	out, _ := readNumbers(dst, toks)
	return out
}

// readNumbers is appendNumbers, and returns the index of the first token
// that is a multiplier or a fraction ("halved", "doubled", "a quarter"),
// or len(toks) if none is, where view.readMultipliers starts to read. It
// finds it among the words it reads: the tokens it passes over within a
// number (digits, "%", "per cent", number words) are never one.
func readNumbers(dst []number, toks []token) (out []number, mult int) {
	out, mult = dst[:0], len(toks)
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		// Most tokens are words that are no number: each is told by its
		// first byte and its shape, before a number is made.
		if t.kind == punctToken || t.kind == wordToken && !isDigitByte(t.norm[0]) && !mayBeFigureWord(t.norm) {
			continue
		}
		var n number
		switch {
		case t.kind == numToken:
			n = number{core: i, first: i, last: i}
			v, last, ok := readDigits(toks, i)
			if !ok {
				i = last
				continue
			}
			n.value, n.last = v, last
		case t.kind == wordToken && isDigitByte(t.norm[0]):
			// "5.5k offences": thousands written with a k.
			v, ok := thousandsK(t.norm)
			if !ok {
				continue
			}
			n = number{value: v, core: i, first: i, last: i}
		case t.kind == wordToken && mayBeFigureWord(t.norm):
			v, ok := numberWords[t.norm]
			if !ok {
				if mult == len(toks) && isMultiplier(t.norm) {
					mult = i
				}
				continue
			}
			n = number{value: v, word: true, core: i, first: i, last: i}
			n.value, n.last = readNumberWords(toks, i, v)
		default:
			continue
		}
		last := n.last
		if !readPercent(toks, &n) && skipPlain(toks, n) {
			i = last
			continue
		}
		if isRange(toks, n) || isDateOrMoney(toks, n) || isRatio(toks, n) {
			i = n.last
			continue
		}
		readSign(toks, &n)
		out = append(out, n)
		i = n.last
	}
	return out, mult
}

// thousandsK reads a number of thousands written with a k: "5.5k", "12k".
func thousandsK(w string) (float64, bool) {
	if len(w) < 2 || len(w) > 8 || w[len(w)-1] != 'k' {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(w[:len(w)-1], "·", ".", 1), 64)
	if err != nil || v <= 0 || w[0] == '0' && len(w) > 2 && w[1] != '.' {
		return 0, false
	}
	return v * 1000, true
}

// readNumberWords reads a number written in words from toks[i], whose
// value is v: "twenty-five", "four hundred and twelve", "two thousand".
func readNumberWords(toks []token, i int, v float64) (float64, int) {
	total, cur, last := 0.0, v, i
	word := func(j int) (float64, bool) {
		if j >= len(toks) {
			return 0, false
		}
		u, ok := numberWords[toks[j].norm]
		return u, ok
	}
	for j := i + 1; j < len(toks); {
		t := &toks[j]
		switch {
		case t.text == "-" && cur >= 20 && int(cur)%10 == 0:
			if u, ok := word(j + 1); ok && u < 10 {
				cur += u
				last, j = j+1, j+2
				continue
			}
		case t.norm == "hundred" && cur < 100:
			cur *= 100
			last, j = j, j+1
			continue
		case t.norm == "thousand":
			total += cur * 1000
			cur = 0
			last, j = j, j+1
			continue
		case t.norm == "and" && (cur >= 100 || total > 0) && int(cur)%100 == 0:
			if u, ok := word(j + 1); ok && u < 100 {
				cur += u
				last, j = j+1, j+2
				continue
			}
		default:
			if u, ok := numberWords[t.norm]; ok && (total > 0 || cur >= 100) && int(cur)%100 == 0 && u < 100 {
				cur += u
				last, j = j, j+1
				continue
			}
		}
		break
	}
	return total + cur, last
}

// readDigits reads the number starting at toks[i], joining thousands groups
// written "3,700" or "7, 675". It returns false for numbers that cannot be
// figures: telephone numbers, numbers glued to others by "/" or ":".
func readDigits(toks []token, i int) (float64, int, bool) {
	digits := toks[i].text
	if strings.IndexByte(digits, 0xC2) >= 0 {
		digits = strings.Replace(digits, "·", ".", 1) // "1·6", as typeset minutes write it
	}
	last := i
	if len(digits) > 15 {
		return 0, i, false // a million digits is no figure
	}
	// dot is whether digits holds a decimal point.
	dot := strings.IndexByte(digits, '.') >= 0
	// A decimal comma, as European minutes write percentages: "1,5%". A
	// comma before one or two digits and a "%" is no thousands separator.
	if !dot && i+3 < len(toks) && toks[i+1].text == "," && toks[i+1].start == toks[i].end &&
		toks[i+2].kind == numToken && len(toks[i+2].text) <= 2 && toks[i+2].start == toks[i+1].end &&
		strings.IndexByte(toks[i+2].text, '.') < 0 && (toks[i+3].text == "%" || toks[i+3].norm == "percent" || toks[i+3].norm == "per") {
		digits += "." + toks[i+2].text
		dot, last = true, i+2
	}
	if !dot && len(digits) <= 3 {
		for last+2 < len(toks) && toks[last+1].text == "," && toks[last+1].start == toks[last].end &&
			toks[last+2].kind == numToken && len(toks[last+2].text) == 3 && strings.IndexByte(toks[last+2].text, '.') < 0 &&
			toks[last+2].start-toks[last+1].end <= 1 {
			digits += toks[last+2].text
			last += 2
			// a decimal part on the last group: "1,234.5"
		}
		if last > i && last+2 < len(toks) && toks[last+1].text == "." && toks[last+1].start == toks[last].end &&
			toks[last+2].kind == numToken && toks[last+2].start == toks[last+1].end {
			digits += "." + toks[last+2].text
			dot, last = true, last+2
		}
	}
	// Telephone numbers and codes: a leading zero on a whole number.
	if len(digits) >= 3 && digits[0] == '0' && !dot {
		return 0, last, false
	}
	// Glued by "/", ":" or "." to another number: "2021/22", "19:00", "1.2.3".
	if last+1 < len(toks) && toks[last+1].start == toks[last].end &&
		(toks[last+1].text == "/" || toks[last+1].text == ":" || toks[last+1].text == ".") &&
		last+2 < len(toks) && toks[last+2].kind == numToken && toks[last+2].start == toks[last+1].end {
		j := last + 2
		for j+2 < len(toks) && toks[j+1].start == toks[j].end && (toks[j+1].text == "/" || toks[j+1].text == ":") &&
			toks[j+2].kind == numToken && toks[j+2].start == toks[j+1].end {
			j += 2
		}
		return 0, j, false
	}
	if i > 0 && toks[i-1].end == toks[i].start && (toks[i-1].text == "/" || toks[i-1].text == ":") {
		return 0, last, false
	}
	if v, ok := wholeNumber(digits); ok {
		return v, last, true
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, last, false
	}
	return v, last, true
}

// wholeNumber reads s, of 1 to 15 ASCII digits and nothing else, as
// strconv.ParseFloat does, exactly, since a float64 holds every whole
// number below 2^53; false for anything else.
func wholeNumber(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 15 || s[0]-'0' > 9 {
		return 0, false // no digit first: no sign
	}
	n, ok := atoi(s)
	return float64(n), ok
}

// readPercent extends n over a following "%", "per cent" or "percent" and
// reports whether it found one.
func readPercent(toks []token, n *number) bool {
	j := n.last + 1
	if j >= len(toks) {
		return false
	}
	switch {
	case toks[j].text == "%" || toks[j].text == "％":
		n.percent, n.last = true, j
	case toks[j].norm == "percent" || toks[j].norm == "pc":
		n.percent, n.last = true, j
	case toks[j].norm == "per" && j+1 < len(toks) && toks[j+1].norm == "cent":
		n.percent, n.last = true, j+1
	}
	return n.percent
}

// skipPlain reports whether a number with no "%" is a quantity that is never
// a figure: followed by a unit, preceded by a label word or money sign, a
// year, or a part of a telephone number.
func skipPlain(toks []token, n number) bool {
	if j := n.last + 1; j < len(toks) {
		nt := toks[j]
		if nt.kind == wordToken && unitWords.has(nt.norm) && !(nt.norm == "year" && followsYearToDate(toks, j)) {
			return true
		}
		if nt.kind == numToken {
			return true // "020 8359 2315", "2 3"
		}
		// "999 calls", "101 calls": the emergency and non-emergency lines.
		if (n.value == 999 || n.value == 101) && !n.word && (nt.stem == "call" || nt.norm == "number" || nt.norm == "line" || nt.norm == "service") {
			return true
		}
		// "10.00 a.m."
		if nt.norm == "a" && j+2 < len(toks) && toks[j+1].text == "." && toks[j+2].norm == "m" {
			return true
		}
	}
	if i := n.first - 1; i >= 0 {
		pt := toks[i]
		if pt.kind == wordToken && labelWords.has(pt.norm) && !(pt.norm == "year" && i > 0 && periodAdjectives.has(toks[i-1].norm)) {
			return true // "Year 6 pupils", but not "(previous year 61)"
		}
		if pt.kind == numToken {
			return true
		}
		if pt.norm == "." && i > 0 && toks[i-1].norm == "no" {
			return true
		}
	}
	if !n.word && yearLike(n.value, toks[n.core].text) && n.first == n.last {
		// A year, unless a count noun follows: "2000 offences".
		j := n.last + 1
		return !(j < len(toks) && (eventNouns.has(toks[j].stem) || toks[j].norm == "fewer" || toks[j].norm == "more"))
	}
	return false
}

// followsYearToDate reports whether toks[j] ("year") starts "year to date".
func followsYearToDate(toks []token, j int) bool {
	return j+2 < len(toks) && toks[j+1].norm == "to" && toks[j+2].norm == "date"
}

// isRange reports whether n is one end of a range written with a dash
// ("2-3 months", "15-17%", "40-100 properties"): a range is no one figure.
func isRange(toks []token, n number) bool {
	dash := func(t token) bool { return t.text == "-" || t.text == "–" || t.text == "—" || t.text == "‐" }
	// A dash spaced on both sides sets off a clause ("in 2023 – 1,032
	// fewer offences –"), unless it joins two years.
	spaced := func(d int) bool { return toks[d].start > toks[d-1].end && toks[d+1].start > toks[d].end }
	years := func(a, b token) bool { return len(a.text) == 4 && len(b.text) == 4 }
	if j := n.last + 1; j+1 < len(toks) && dash(toks[j]) && toks[j+1].kind == numToken {
		// "7-8%" reads the "%" only on the second number.
		return !spaced(j) || years(toks[n.core], toks[j+1])
	}
	if i := n.first - 1; i >= 1 && dash(toks[i]) && (toks[i-1].kind == numToken || toks[i-1].text == "%") {
		return !spaced(i) || years(toks[i-1], toks[n.core])
	}
	return false
}

// isRatio reports whether n is a term of a ratio: "1 in 4 victims", "one
// in five", "3 out of 10". The other term is a small number, never a year
// ("2,417 in 2023" is no ratio).
func isRatio(toks []token, n number) bool {
	if n.percent {
		return false
	}
	small := func(t token) bool {
		if v, ok := numberWords[t.norm]; ok {
			return v > 0
		}
		return t.kind == numToken && len(t.text) <= 3
	}
	if j := n.last + 1; j+1 < len(toks) && (toks[j].norm == "in" || toks[j].norm == "out") && small(n.tok(toks)) {
		k := j + 1
		if toks[j].norm == "out" && k+1 < len(toks) && toks[k].norm == "of" {
			k++
		}
		return small(toks[k])
	}
	if j := n.first - 1; j >= 1 && toks[j].norm == "in" && small(toks[j-1]) && small(n.tok(toks)) {
		return true
	}
	if j := n.first - 1; j >= 2 && toks[j].norm == "of" && toks[j-1].norm == "out" {
		return true
	}
	return false
}

// tok returns the token of n's digits or word.
func (n number) tok(toks []token) token { return toks[n.core] }

// isDateOrMoney reports whether n is a day of a date ("14 July"), preceded
// by a month ("July 2012" is caught as a year), or an amount of money.
func isDateOrMoney(toks []token, n number) bool {
	if n.percent {
		return false
	}
	i := n.first - 1
	if i >= 0 && moneySigns.has(toks[i].text) {
		return true
	}
	if i >= 0 && toks[i].kind == wordToken && monthNames.has(toks[i].norm) {
		return true
	}
	return false
}

// monthNames leave out "may", which minutes use as a verb far more often.
var monthNames = newWordSet(map[string]bool{
	"january": true, "february": true, "march": true, "april": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
})

// readSign takes a sign written on the number: "+26%", "-7.7%", "(– 63%)",
// "−5", "↓ 12%", "(▲ 5%)". A dash between a word and a number with spaces around it is a
// separator, not a sign.
func readSign(toks []token, n *number) {
	i := n.first - 1
	if i < 0 {
		return
	}
	t := toks[i]
	var sign int
	switch t.text {
	case "+":
		sign = 1
	case "-", "–", "−", "‐", "—":
		sign = -1
	case "↑", "▲", "⬆", "↗", "△", "⇧":
		n.sign, n.first = 1, i // "Robbery ↑ 8%": an arrow is always a sign
		return
	case "↓", "▼", "⬇", "↘", "▽", "⇩":
		n.sign, n.first = -1, i
		return
	default:
		return
	}
	glued := t.end == toks[n.first].start
	before := i - 1
	atStart := before < 0
	var prev token
	if !atStart {
		prev = toks[before]
	}
	openish := atStart || prev.text == "(" || prev.text == ":" || prev.text == "[" || prev.text == ","
	switch {
	case sign > 0:
		// a plus is always a sign
	case glued && (openish || prev.end < t.start):
	case !glued && openish:
	default:
		return
	}
	n.sign, n.first = sign, i
}

// atoi is strconv.Atoi less its error: the int s spells in decimal, with
// an optional sign, and whether it spells one. A failed strconv.Atoi
// allocates its error, and period phrases try many words that are no
// number.
func atoi(s string) (int, bool) {
	if len(s) == 0 {
		return 0, false
	}
	digits := s
	if s[0] == '+' || s[0] == '-' {
		digits = s[1:]
		if digits == "" {
			return 0, false
		}
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		d := digits[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int(d)
	}
	if len(s) > 18 {
		// Digits enough to overflow: strconv.Atoi tells, its error made
		// only for a number too large, never for a word.
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	if s[0] == '-' {
		n = -n
	}
	return n, true
}
