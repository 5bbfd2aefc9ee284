package parser

import (
	"sort"
	"strings"
)

// view is one sentence being read: its tokens, the categories it names and
// the numbers it holds.
type view struct {
	text     string
	toks     []token
	mentions []mention
	nums     []number
	// prevSlug returns the last category the previous sentence named, for
	// a sentence that refers back to it ("It had risen by 4%").
	prevSlug func() string
	// mentionOf maps each token to the mention covering it, or -1.
	mentionOf []int
	// done holds the figures read so far from the sentence.
	done []reading
}

// newView indexes a sentence's tokens, mentions and numbers.
func newView(text string, toks []token, mentions []mention, nums []number, prevSlug func() string) *view {
	v := &view{text: text, toks: toks, mentions: mentions, nums: nums, prevSlug: prevSlug}
	v.mentionOf = make([]int, len(toks))
	for i := range v.mentionOf {
		v.mentionOf[i] = -1
	}
	for k, m := range mentions {
		for i := m.first; i <= m.last; i++ {
			v.mentionOf[i] = k
		}
	}
	return v
}

// reading is a number read as a figure, before its area and period are set.
type reading struct {
	num     int // index in view.nums
	measure Measure
	value   float64
	slug    string
	// first and last are the tokens the figure was read from, for its quote.
	first, last int
	// inherit is set for a figure that completes the one before it in the
	// sentence ("(989 fewer offences)"): it takes that figure's category,
	// area and period.
	inherit bool
	// previous marks the first count of "from A to B" or the second of "A
	// this year vs B last year": a figure of an earlier period.
	previous bool
}

// word returns the lower-case form of toks[i], or "" outside the sentence.
func (v *view) word(i int) string {
	if i < 0 || i >= len(v.toks) {
		return ""
	}
	return v.toks[i].norm
}

// mentionAt returns the index of the mention covering token i, or -1.
func (v *view) mentionAt(i int) int {
	if i < 0 || i >= len(v.mentionOf) {
		return -1
	}
	return v.mentionOf[i]
}

// mentionStartingIn returns the first mention starting in toks[from:to], or -1.
func (v *view) mentionStartingIn(from, to int) int {
	for k, m := range v.mentions {
		if m.first >= from && m.first < to {
			return k
		}
	}
	return -1
}

// read classifies every number of the sentence.
func (v *view) read() []reading {
	var out []reading
	for k := range v.nums {
		var r reading
		var ok bool
		if v.nums[k].percent {
			r, ok = v.readPercent(k, out)
		} else {
			r, ok = v.readCount(k, out)
		}
		if !ok || r.slug == "" || r.slug == blocked {
			continue
		}
		out = append(out, r)
		v.done = out
	}
	return append(out, v.readMultipliers()...)
}

// isStrongBreak reports whether toks[i] ends a clause for the purpose of
// looking back for cues.
func (v *view) isStrongBreak(i int) bool {
	t := v.toks[i].text
	return t == ";" || t == "." || t == "!" || t == "?"
}

// isClauseBreak reports whether toks[i] starts a new clause whose words
// say nothing of the figure before it: "reduced by a third, but only 5.1%".
func (v *view) isClauseBreak(i int) bool {
	switch v.toks[i].norm {
	case "but", "however", "whereas", "although", "though", "while", "whilst":
		return true
	}
	return v.isStrongBreak(i)
}

// changeWordJustBefore reports whether a word saying which way something
// moved stands within two words before token i ("had risen from",
// "fallen to").
func (v *view) changeWordJustBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if w := v.word(j); fallWords[w] || riseWords[w] || w == "moved" || w == "gone" || w == "went" {
			return true
		}
	}
	return false
}

// rateCueBefore finds a detection or rate cue earlier in the clause than
// token i, and its token.
func (v *view) rateCueBefore(i int) (Measure, int) {
	for j := i - 1; j >= 0 && j >= i-14; j-- {
		if v.isClauseBreak(j) {
			break
		}
		w := v.word(j)
		if detectionWords[w] {
			return DetectionRatePercent, j
		}
		if w == "rate" || w == "rates" {
			if detectionWords[v.word(j-1)] || v.word(j-1) == "outcome" {
				return DetectionRatePercent, j - 1
			}
			return RatePercent, j
		}
	}
	return "", -1
}

// readPercent reads a percentage: a change, a detection rate, a target or a
// rate, from the words around it.
func (v *view) readPercent(k int, prev []reading) (reading, bool) {
	n := v.nums[k]
	r := reading{num: k, value: n.value, first: n.first, last: n.last}
	after := v.word(n.last + 1)
	after2 := v.word(n.last + 2)
	before := v.word(n.first - 1)

	// "The solved rate was 10.3%, up from 6.9% two years earlier",
	// "33.7%, compared with 32.2% for Wales", "above the Thames Valley
	// average of 5.9%": the same rate, elsewhere or earlier.
	if p, ok := v.comparedRate(n, prev, true); ok {
		r.measure, r.slug, r.previous = p.measure, p.slug, before == "from"
		if p.measure == ChangePercent && n.sign == 0 && p.value < 0 {
			// "fell 5%, compared with 2% across London": the same way.
			r.value = -n.value
		}
		return r, true
	}

	// "up 6% in the city and 4% across the force": the same change again.
	if (before == "and" || before == "," || before == "but") && len(prev) > 0 {
		p := prev[len(prev)-1]
		if p.measure == ChangePercent && p.num >= 0 && n.first-v.nums[p.num].last <= 6 && v.mentionStartingIn(v.nums[p.num].last+1, n.first) < 0 {
			r.measure, r.slug, r.value = ChangePercent, p.slug, signed(n, sign(p.value))
			return r, true
		}
	}

	// A "by N%" is a difference: a change if a change verb governs it,
	// otherwise ("the highest in the Met by 6%") nothing.
	if before == "by" {
		sign, cue := v.changeBefore(n.first-1, 20, true)
		if sign == 0 {
			return r, false
		}
		r.measure, r.value = ChangePercent, signed(n, sign)
		r.first = min(r.first, cue)
		r.slug = v.categoryFor(k, &r, forwardNone)
		return r, true
	}

	// "an aspirational target of a 12% positive outcome rate": the target
	// is named just before.
	for i := n.first - 1; i >= 0 && i >= n.first-3; i-- {
		if w := v.word(i); w == "target" || w == "targets" {
			r.measure, r.value = TargetPercent, signed(n, 1)
			r.first = i
			if m := v.cueCategory(n.last + 1); m >= 0 {
				r.slug = v.mentions[m].slug
				r.last = v.mentions[m].last
			} else {
				r.slug = v.categoryFor(k, &r, forwardRate)
			}
			return r, v.hasMentionInSentence()
		}
	}

	// "the solved rate for rape had risen from 4% to 7.5%", "the positive
	// outcome rate had fallen to 6.5%": a rate moving is the rate, twice.
	if (before == "from" && v.word(n.last+1) == "to" || before == "to") && v.changeWordJustBefore(n.first-1) {
		if cue, at := v.rateCueBefore(n.first); cue != "" {
			r.measure, r.first = cue, min(r.first, at)
			r.previous = before == "from"
			if m := v.cueCategory(at); m >= 0 {
				r.slug = v.mentions[m].slug
			} else {
				r.slug = v.categoryFor(k, &r, forwardRate)
			}
			return r, true
		}
		if before == "to" {
			return r, false // "had fallen to 6.5%": a level of something unnamed
		}
	}

	// Words right after: "17.8% detection rate", "12% increase", "10% target".
	switch {
	case detectionWords[after] || after == "detection" || (after == "positive" && after2 == "outcome"):
		r.measure = DetectionRatePercent
		r.last = n.last + 1
		r.slug = v.categoryFor(k, &r, forwardRate)
		return r, true
	case after == "target" || (after == "reduction" && after2 == "target") || (after == "increase" && after2 == "target"):
		r.measure = TargetPercent
		r.value = n.value * float64(max(n.sign*n.sign, 1))
		if n.sign < 0 {
			r.value = -n.value
		}
		r.slug = v.categoryFor(k, &r, forwardNone)
		return r, v.hasMentionInSentence()
	case fallWords[after] || riseWords[after]:
		if after == "up" && after2 == "to" {
			break
		}
		sign := 1
		if fallWords[after] {
			sign = -1
		}
		r.measure, r.value = ChangePercent, signed(n, sign)
		r.last = n.last + 1
		r.slug = v.categoryFor(k, &r, forwardChange)
		return r, true
	case after == "rate" && !detectionWords[before]:
		r.measure = RatePercent
		r.last = n.last + 1
		r.slug = v.categoryFor(k, &r, forwardRate)
		return r, true
	}

	// "64% of hate crimes were solved"
	if after == "of" {
		if m := v.mentionStartingIn(n.last+2, n.last+4); m >= 0 && v.mentions[m].slug != blocked {
			for i := v.mentions[m].last + 1; i < len(v.toks) && i <= v.mentions[m].last+6; i++ {
				if detectionWords[v.word(i)] {
					r.measure, r.slug, r.last = DetectionRatePercent, v.mentions[m].slug, i
					return r, true
				}
			}
		}
	}

	// Cues before, nearest first.
	cue, cueAt := v.percentCueBefore(n)
	if n.sign != 0 && !(cue == TargetPercent && n.first-cueAt <= 3) {
		r.measure, r.value = ChangePercent, n.value*float64(n.sign)
		r.slug = v.categoryFor(k, &r, forwardNone)
		return r, true
	}
	switch cue {
	case "":
		// "increased by 12 offences (8%)", "rose from 145 to 167 (15%)":
		// a bare percentage in brackets after a change is its size.
		if v.word(n.first-1) == "(" {
			if sign, _ := v.changeBefore(n.first-1, 14, true); sign != 0 {
				r.measure, r.value = ChangePercent, signed(n, sign)
				if len(prev) > 0 && v.nums[prev[len(prev)-1].num].last < n.first {
					r.slug = prev[len(prev)-1].slug
					r.inherit = true
				} else {
					r.slug = v.categoryFor(k, &r, forwardNone)
				}
				return r, true
			}
		}
		return r, false
	case ChangePercent:
		sign, at := v.changeBefore(n.first, 12, false)
		if sign == 0 {
			return r, false
		}
		r.measure, r.value = ChangePercent, signed(n, sign)
		r.first = min(r.first, at)
		r.slug = v.categoryFor(k, &r, forwardAfterOf)
	case TargetPercent:
		r.measure, r.value = TargetPercent, signed(n, 1)
		r.first = min(r.first, cueAt)
		r.slug = v.categoryFor(k, &r, forwardNone)
		if !v.hasMentionInSentence() {
			return r, false
		}
	default:
		r.measure = cue
		r.first = min(r.first, cueAt)
		if m := v.cueCategory(cueAt); m >= 0 {
			r.slug = v.mentions[m].slug
			r.first = min(r.first, v.mentions[m].first)
			return r, true
		}
		r.slug = v.categoryFor(k, &r, forwardRate)
		if r.slug == "" && cue == DetectionRatePercent && !v.hasMentionInSentence() {
			// "The solvency rate was 71.4%" after a sentence about one
			// crime group is that group's; with none, it is all crime's.
			if r.slug = v.prevSlug(); r.slug == "" {
				r.slug = genericCrime
			}
		}
	}
	return r, true
}

// cueCategory returns the mention a rate's cue word names: just before it
// ("the proven reoffending rate") or just after it ("the detection rate for
// burglary"), or -1.
func (v *view) cueCategory(cue int) int {
	for i := cue - 1; i >= 0 && i >= cue-3; i-- {
		if m := v.mentionAt(i); m >= 0 {
			if v.mentions[m].slug == blocked {
				break
			}
			if v.mentions[m].generic {
				// "Group 2 – sexual crimes: 1,043 crimes, solvency 52.9%"
				if s := v.specificBefore(v.mentions[m].first); s >= 0 && !v.claimedBy(v.mentions[s], DetectionRatePercent) {
					return s
				}
			}
			return m
		}
	}
	for i := cue + 1; i < len(v.toks) && i <= cue+4; i++ {
		if m := v.mentionAt(i); m >= 0 {
			if v.mentions[m].slug == blocked {
				return -1
			}
			return m
		}
		if w := v.word(i); w != "rate" && w != "for" && w != "of" && w != "in" && w != "relation" && w != "to" && w != "on" && w != "the" {
			return -1
		}
	}
	return -1
}

// comparedRate returns the rate a number is compared with: the figure just
// read, when the number follows it with "compared with", "from",
// "against", "average of" and the like.
func (v *view) comparedRate(n number, prev []reading, percent bool) (reading, bool) {
	if len(prev) == 0 {
		return reading{}, false
	}
	p := prev[len(prev)-1]
	ok := p.measure == RatePer1000
	if percent {
		ok = p.measure == DetectionRatePercent || p.measure == RatePercent || p.measure == ChangePercent
	}
	if !ok || p.num < 0 || n.first-v.nums[p.num].last > 12 {
		return reading{}, false
	}
	b, c := v.word(n.first-1), v.word(n.first-2)
	switch {
	case b == "from" || b == "against" || b == "vs" || b == "versus":
	case (b == "with" || b == "to") && (c == "compared" || c == "comparison"):
	case b == "of" && (c == "average" || c == "figure" || c == "rate" || c == "level"):
	case b == "to" && p.previous && v.word(v.nums[p.num].first-1) == "from":
	default:
		return reading{}, false
	}
	if p.measure == ChangePercent && !(b == "with" || b == "to") {
		return reading{}, false
	}
	return p, true
}

// sign returns -1 for a negative value, else 1.
func sign(v float64) int {
	if v < 0 {
		return -1
	}
	return 1
}

// signed applies a sign from words unless one was written on the number.
func signed(n number, sign int) float64 {
	if n.sign != 0 {
		return n.value * float64(n.sign)
	}
	return n.value * float64(sign)
}

// percentCueBefore finds the nearest word before a percentage that says
// what it measures, looking back within the clause. It returns the measure
// and the token of the cue.
func (v *view) percentCueBefore(n number) (Measure, int) {
	for i, steps := n.first-1, 0; i >= 0 && steps < 12; i-- {
		if v.isClauseBreak(i) {
			break
		}
		t := v.toks[i]
		if t.kind == punctToken {
			continue
		}
		steps++
		if i < n.first-1 && v.isKeptNumber(i) {
			break
		}
		w := t.norm
		switch {
		case w == "target" || w == "targets" || w == "aim":
			return TargetPercent, i
		case detectionWords[w]:
			return DetectionRatePercent, i
		case w == "rate" || w == "rates" || w == "proportion":
			if detectionWords[v.word(i-1)] || (v.word(i-1) == "outcome" || v.word(i-2) == "positive") {
				return DetectionRatePercent, i - 1
			}
			if w == "proportion" {
				return "", -1
			}
			// "solvency rate for Group 1 crime was 75%, with common
			// assault rates of 71%": a bare rate after a detection rate
			// is one too.
			for j := i - 1; j >= 0; j-- {
				if detectionWords[v.word(j)] {
					return DetectionRatePercent, i
				}
			}
			return RatePercent, i
		case changeNouns[w] && (v.word(i+1) == "of" || v.word(i+1) == "in" || v.word(i+1) == "by" ||
			(v.word(i+1) == "was" || v.word(i+1) == "is" || v.word(i+1) == "stood") && i >= n.first-4):
			return ChangePercent, i
		case (fallWords[w] || riseWords[w]) && i >= n.first-2:
			// "up 12%", "rose 5%", "down by 3%"
			if w == "more" || w == "less" {
				return "", -1
			}
			return ChangePercent, i
		case (fallWords[w] || riseWords[w]) && !(w == "more" || w == "less" || w == "up" && v.word(i+1) == "to"):
			return ChangePercent, i
		}
	}
	return "", -1
}

// isKeptNumber reports whether toks[i] is the digits of a number the sentence keeps.
func (v *view) isKeptNumber(i int) bool {
	for _, n := range v.nums {
		if n.core == i {
			return true
		}
	}
	return false
}

// changeBefore looks back from token at for a word that says which way a
// change went, within limit words. With crossNumbers it may pass other
// numbers ("Burglary had reduced by 21.6% and Theft From Motor Vehicle by
// 29.3%"). It returns the sign (0 if none) and the cue's token.
func (v *view) changeBefore(at, limit int, crossNumbers bool) (int, int) {
	for i, steps := at-1, 0; i >= 0 && steps < limit; i-- {
		if v.isClauseBreak(i) {
			break
		}
		t := v.toks[i]
		if t.kind == punctToken {
			continue
		}
		steps++
		if !crossNumbers && v.isKeptNumber(i) {
			break
		}
		w := t.norm
		if w == "up" && v.word(i+1) == "to" || (w == "more" || w == "less") && v.word(i+1) == "than" {
			continue
		}
		if fallWords[w] {
			return -1, i
		}
		if riseWords[w] {
			return 1, i
		}
	}
	return 0, -1
}

// Where categoryFor may look after the number first.
type forwardKind int

const (
	forwardNone    forwardKind = iota
	forwardChange              // "12% increase in X", "12% reduction in the number of X"
	forwardRate                // "17.8% detection rate in relation to X"
	forwardAfterOf             // "a reduction of 87% in X"
	forwardCount               // "393 cases of X", "12 burglaries"
)

// linkWords may stand between a figure's cue and the category it is about.
var linkWords = map[string]bool{
	"in": true, "of": true, "the": true, "number": true, "level": true, "levels": true,
	"for": true, "relation": true, "to": true, "on": true, "reported": true,
	"recorded": true, "volume": true, "amount": true, "reports": true, "incidents": true,
	"relating": true, "regard": true, "with": true, "cases": true, "all": true,
	"respect": true, "rate": true, "total": true, "overall": true, "instances": true,
	"offences": true, "crimes": true, "across": true, "against": true, "a": true,
}

// categoryFor picks the category of a number: after it where the phrase
// reads that way ("a 35% reduction in antisocial behaviour"), else the
// nearest category named before it in the sentence, else the previous
// sentence's when this one refers back to it.
func (v *view) categoryFor(k int, r *reading, fw forwardKind) string {
	n := v.nums[k]
	if fw != forwardNone {
		start := r.last + 1
		// "a 12% increase in <X>": the phrase after "in" is the subject,
		// whatever words it takes to name it.
		open := fw == forwardChange && v.word(start) == "in" && !v.placeAt(start+1)
		for i := start; i < len(v.toks) && i < start+10; i++ {
			if v.isStrongBreak(i) || v.toks[i].text == "(" || v.toks[i].text == ")" || v.toks[i].text == "," {
				break
			}
			if m := v.mentionAt(i); m >= 0 {
				mm := v.mentions[m]
				if mm.generic {
					if s := v.specificBefore(n.first); s >= 0 {
						r.first = min(r.first, v.mentions[s].first)
						return v.mentions[s].slug
					}
				}
				r.last = max(r.last, mm.last)
				return mm.slug
			}
			if v.toks[i].kind == punctToken || v.toks[i].kind == numToken && !v.isKeptNumber(i) {
				continue
			}
			w := v.word(i)
			if open {
				if openStops[w] {
					break
				}
				continue
			}
			if !linkWords[w] && !periodWords[w] && !(fw == forwardChange && (riseWords[w] || fallWords[w])) {
				break
			}
		}
		if open {
			return ""
		}
	}
	if m := v.nearestBefore(n.first); m >= 0 {
		mm := v.mentions[m]
		if mm.generic {
			// "Robbery: 214 crimes, down 12.3% on last year, with a
			// solvency rate of 78.0%": the crimes are the robberies.
			if s := v.specificBefore(mm.first); s >= 0 && !v.claimedBy(v.mentions[s], r.measure) {
				mm = v.mentions[s]
			}
		}
		r.first = min(r.first, mm.first)
		return mm.slug
	}
	// Nothing before: a category right after ("12% increase" already
	// tried); "the rate was 5% for burglary".
	if m := v.mentionStartingIn(n.last+1, min(len(v.toks), n.last+6)); m >= 0 && fw != forwardNone {
		r.last = max(r.last, v.mentions[m].last)
		return v.mentions[m].slug
	}
	if v.refersBack() {
		return v.prevSlug()
	}
	return ""
}

// nearestBefore returns the mention ending nearest before token i, or -1.
// A blocked topic that only qualifies what comes before it ("reoffending
// among young people", "the rate for children") is passed over.
func (v *view) nearestBefore(i int) int {
	for k := sort.Search(len(v.mentions), func(k int) bool { return v.mentions[k].last >= i }) - 1; k >= 0; k-- {
		m := v.mentions[k]
		if m.slug == blocked && k > 0 && modifierWords[v.word(m.first-1)] {
			continue
		}
		return k
	}
	return -1
}

// openStops end the noun phrase after "a 12% increase in": past them the
// words are about something else ("the budget for ASB services").
var openStops = map[string]bool{
	"and": true, "but": true, "which": true, "while": true, "whilst": true,
	"for": true, "on": true, "by": true, "to": true, "from": true, "with": true,
	"compared": true, "than": true, "since": true, "over": true, "during": true,
}

// modifierWords before a topic make it a qualifier: "among young people".
var modifierWords = map[string]bool{
	"among": true, "amongst": true, "for": true, "by": true, "involving": true,
	"against": true, "to": true, "with": true, "of": true, "on": true, "from": true,
	"the": false,
}

// placeAt reports whether a place's name starts at token i: a capitalised
// word, or "the" and one, or "the borough".
func (v *view) placeAt(i int) bool {
	if i >= len(v.toks) {
		return false
	}
	w := v.toks[i]
	if w.norm == "the" {
		return v.word(i+1) == "borough" || i+1 < len(v.toks) && capitalised(v.toks[i+1].text) && v.mentionAt(i+1) < 0
	}
	return w.kind == wordToken && capitalised(w.text) && v.mentionAt(i) < 0 || w.norm == "borough"
}

// specificBefore returns the nearest non-generic, non-blocked mention
// ending before token i, or -1.
func (v *view) specificBefore(i int) int {
	for k := sort.Search(len(v.mentions), func(k int) bool { return v.mentions[k].last >= i }) - 1; k >= 0; k-- {
		if m := v.mentions[k]; !m.generic && m.slug != blocked {
			return k
		}
	}
	return -1
}

// numberBetween reports whether a kept percentage lies between tokens a and b:
// a category named before one change is not the subject of the next.
func (v *view) numberBetween(a, b int) bool {
	for _, n := range v.nums {
		if n.core > a && n.core < b && n.percent {
			return true
		}
	}
	return false
}

// claimedBy reports whether a mention is already the category of a figure
// of the same measure read from this sentence.
func (v *view) claimedBy(m mention, measure Measure) bool {
	for _, p := range v.done {
		if p.measure == measure && p.first <= m.first && m.last <= p.last {
			return true
		}
	}
	return false
}

// claimedByCount reports whether a mention is the category of an earlier
// count of the sentence ("four reports of anti-social behaviour ..., and
// only two crimes": the crimes are not anti-social behaviour).
func claimedByCount(prev []reading, m mention) bool {
	for _, p := range prev {
		if p.measure == Count && p.first <= m.first && m.last <= p.last {
			return true
		}
	}
	return false
}

// keptNumberBetween reports whether any kept number lies between tokens a and b.
func (v *view) keptNumberBetween(a, b int) bool {
	for _, n := range v.nums {
		if n.core > a && n.core < b {
			return true
		}
	}
	return false
}

func (v *view) hasMentionInSentence() bool {
	for _, m := range v.mentions {
		if m.slug != blocked {
			return true
		}
	}
	return false
}

// refersBack reports whether the sentence opens with a word that refers to
// the previous sentence's subject.
func (v *view) refersBack() bool {
	if len(v.toks) == 0 || v.prevSlug == nil {
		return false
	}
	switch v.word(0) {
	case "it", "this", "these", "they", "that", "which":
		return v.prevSlug() != ""
	}
	return false
}

// readCount reads a plain number: a change in a count, a rate per 1,000, a
// number of sign-ups, or a count.
func (v *view) readCount(k int, prev []reading) (reading, bool) {
	n := v.nums[k]
	r := reading{num: k, value: n.value, first: n.first, last: n.last}
	after := v.word(n.last + 1)
	before := v.word(n.first - 1)
	// "the ASB team had opened 327 new cases" is casework; "largely due
	// to two incidents" explains a figure rather than reports one.
	if caseworkVerbs[before] && v.countsCases(n.last+1) || before == "to" && (v.word(n.first-2) == "due" || v.word(n.first-2) == "owing") ||
		before == "of" && v.word(n.first-2) == "because" {
		return r, false
	}
	if notCountFollowers[v.word(n.last+2)] && after == "of" {
		// "640 thefts ..., with 215 of these taking place in Brent": a
		// share of a count that is placed is that place's count.
		if len(prev) > 0 && prev[len(prev)-1].measure == Count && v.placeWithin(n.last+3, 5) {
			r.measure, r.last, r.slug = Count, n.last+2, prev[len(prev)-1].slug
			return r, true
		}
		return r, false
	}

	// "30.9 crimes per 1000 head of population"
	if j := v.perThousand(n.last + 1); j > 0 {
		r.measure, r.last = RatePer1000, j
		r.slug = v.countCategory(k, &r, nil)
		if r.slug == "" {
			r.slug = genericCrime
		}
		return r, true
	}

	// "(989 fewer offences)", "128 more offences", "54 fewer burglaries"
	if fallWords[after] || riseWords[after] {
		if j := v.countNounAfter(n.last + 2); j >= 0 && after != "up" && after != "down" {
			sign := 1
			if fallWords[after] {
				sign = -1
			}
			r.measure, r.value, r.last = ChangeCount, n.value*float64(sign), j
			r.slug = v.changeCountCategory(k, &r, prev)
			return r, true
		}
	}
	// "4,512 ASB incidents ..., 312 fewer than the same period last year"
	if (fallWords[after] || riseWords[after]) && v.word(n.last+2) == "than" && len(prev) > 0 && prev[len(prev)-1].measure == Count {
		sign := 1
		if fallWords[after] {
			sign = -1
		}
		r.measure, r.value, r.last, r.slug = ChangeCount, n.value*float64(sign), n.last+1, prev[len(prev)-1].slug
		return r, true
	}
	// "reduced by 39 offences", "an increase of 50 crimes", "down 20 offences"
	if j := v.countNounAfter(n.last + 1); j >= 0 {
		if sign, cue := v.changeLead(n.first); sign != 0 {
			r.measure, r.value, r.last = ChangeCount, signed(n, sign), j
			r.first = min(r.first, cue)
			r.slug = v.changeCountCategory(k, &r, prev)
			return r, true
		}
	}

	// "a decrease of 5.2% (or 120 offences)", "down 8%, equating to 95
	// crimes": a count completing the change before it is its size.
	if len(prev) > 0 && prev[len(prev)-1].measure == ChangePercent {
		p := prev[len(prev)-1]
		if j := v.countNounAfter(n.last + 1); j >= 0 && p.num >= 0 && v.onlyConnectors(v.nums[p.num].last+1, n.first) {
			sign := 1
			if p.value < 0 {
				sign = -1
			}
			r.measure, r.value, r.last, r.slug, r.inherit = ChangeCount, signed(n, sign), j, p.slug, true
			return r, true
		}
	}

	// "17,000 residents had signed up to OWL" (but "368 registered
	// Neighbourhood Watch schemes" are schemes)
	if j := v.signupAfter(n.last+1, 8); j >= 0 && v.countNounAfter(n.last+1) < 0 {
		if s := v.schemeNear(j); s >= 0 {
			r.measure, r.last = Signups, max(j, n.last)
			r.slug = v.mentions[s].slug
			r.first = min(r.first, v.mentions[s].first)
			r.last = max(r.last, v.mentions[s].last)
			return r, true
		}
	}

	// "Membership of OWL stood at 12,500 residents"
	if signupNouns[after] || after == "" || after == "." {
		if j := v.signupBefore(n.first, 10); j >= 0 {
			if s := v.schemeMention(); s >= 0 {
				r.measure = Signups
				r.slug = v.mentions[s].slug
				r.first = min(r.first, j, v.mentions[s].first)
				if signupNouns[after] {
					r.last = n.last + 1
				}
				return r, true
			}
		}
	}

	// "business robbery: 97 offences (+14)": a signed count in brackets
	// after a count is its change.
	if n.sign != 0 && v.word(n.first-1) == "(" && len(prev) > 0 && prev[len(prev)-1].measure == Count {
		r.measure, r.value, r.slug = ChangeCount, n.value*float64(n.sign), prev[len(prev)-1].slug
		r.inherit = true
		return r, true
	}
	// "of which 96 were in the city centre", "of which 512 were racist
	// and religious hate crimes"
	if before == "which" && v.word(n.first-2) == "of" && len(prev) > 0 && prev[len(prev)-1].measure == Count {
		if w := v.word(n.last + 1); w == "were" || w == "was" {
			if m := v.mentionStartingIn(n.last+2, n.last+5); m >= 0 && v.mentions[m].slug != blocked {
				r.measure, r.slug, r.last = Count, v.mentions[m].slug, v.mentions[m].last
				if v.mentions[m].generic {
					r.slug = prev[len(prev)-1].slug // "of which 9,380 were recorded as crimes"
				}
				return r, true
			}
		}
		if v.placeWithin(n.last+1, 5) {
			r.measure, r.slug = Count, prev[len(prev)-1].slug
			return r, true
		}
	}
	// "compared with 96.0 across London", "the Sussex average of 71.4"
	if p, ok := v.comparedRate(n, prev, false); ok {
		r.measure, r.slug = p.measure, p.slug
		return r, true
	}
	// "had fallen by 1,214 (–13.7%)", "a reduction of 41 on the previous
	// year": a change in a count whose noun is understood.
	if v.countNounAfter(n.last+1) < 0 && (v.clauseEndsAt(n.last+1) || v.word(n.last+1) == "(" || v.word(n.last+1) == "on" ||
		v.word(n.last+1) == "compared" || v.word(n.last+1) == "to" && v.word(n.first-1) == "by") {
		if sign, cue := v.changeLead(n.first); sign != 0 {
			if m := v.nearestBefore(cue); m >= 0 && v.mentions[m].slug != blocked {
				r.measure, r.value, r.first = ChangeCount, signed(n, sign), min(r.first, cue)
				r.slug = v.pickSpecific(m)
				return r, true
			}
		}
	}
	// "had risen by 21% to 388", "had fallen to 41": the level a change
	// reached.
	if before == "to" && v.countNounAfter(n.last+1) < 0 {
		if sign, _ := v.changeBefore(n.first-1, 5, true); sign != 0 {
			if len(prev) > 0 && prev[len(prev)-1].measure == ChangePercent && v.nums[prev[len(prev)-1].num].last >= n.first-4 {
				r.measure, r.slug = Count, prev[len(prev)-1].slug
				return r, true
			}
			if m := v.nearestBefore(n.first); m >= 0 && v.mentions[m].slug != blocked {
				r.measure, r.slug, r.first = Count, v.pickSpecific(m), min(r.first, v.mentions[m].first)
				return r, true
			}
		}
	}
	// "Antisocial behaviour incidents: 21,407"
	if before == ":" && v.countNounAfter(n.last+1) < 0 && !n.word {
		if m := v.mentionAt(n.first - 2); m >= 0 && v.mentions[m].slug != blocked {
			r.measure, r.first = Count, v.mentions[m].first
			r.slug = v.pickSpecific(m)
			return r, true
		}
	}

	// "accounted for 1,103 of the MOPAC 7 offences"
	if after == "of" && v.word(n.last+2) == "the" {
		if m := v.mentionAt(n.last + 3); m >= 0 && v.mentions[m].slug != blocked && !v.mentions[m].generic && v.countNounAfter(n.last+3) >= 0 {
			r.measure, r.slug, r.last = Count, v.mentions[m].slug, v.mentions[m].last
			return r, !n.word
		}
	}

	// "393 cases of residential burglary", "811 offences", "four reports of ASB"
	if j := v.countNounAfter(n.last + 1); j >= 0 {
		r.measure, r.last = Count, j
		r.slug = v.countCategory(k, &r, prev)
		return r, n.value == float64(int64(n.value))
	}
	// "the crime rate per 1,000 population was 72.4"
	if j := v.perThousandBefore(n.first); j >= 0 && !n.word && statedWords[before] || j >= 0 && before == "is" {
		if m := v.nearestBefore(j); m >= 0 && v.mentions[m].slug != blocked {
			r.measure, r.first = RatePer1000, min(r.first, v.mentions[m].first)
			r.slug = v.pickSpecific(m)
			return r, true
		}
	}
	// "a total of 2146", "recorded crime is running at 328 this year",
	// "an increase in drugs offences of 25 this year compared to 15 last",
	// "ASB calls were 1,234, down 8% on last year"
	if before == "of" && v.word(n.first-2) == "total" ||
		copulaWords[before] && v.periodAfter(n.last+1) ||
		statedWords[before] && (v.clauseEndsAt(n.last+1) || statedFollowers[v.word(n.last+1)]) {
		if m := v.nearestBefore(n.first); m >= 0 && n.first-v.mentions[m].last <= 12 {
			r.measure = Count
			r.slug = v.pickSpecific(m)
			r.first = min(r.first, v.mentions[m].first)
			return r, true
		}
	}
	if n.word && !(len(prev) > 0 && prev[len(prev)-1].measure == Count) {
		return r, false
	}
	// "from 162 to 314": both counts of the category before.
	if before == "from" && k+1 < len(v.nums) && !v.nums[k+1].percent && v.word(v.nums[k+1].first-1) == "to" && v.nums[k+1].first-n.last <= 5 {
		if m := v.nearestBefore(n.first); m >= 0 {
			r.measure, r.previous = Count, true
			r.slug = v.pickSpecific(m)
			r.first = min(r.first, v.mentions[m].first)
			return r, true
		}
	}
	// The second of a comparison takes the first's category:
	// "328 this year vs 309 for last year", "from 162 to 314".
	if len(prev) > 0 {
		p := prev[len(prev)-1]
		if (p.measure == Count || p.measure == Signups) && v.comparesWith(p, n) {
			r.measure, r.slug = p.measure, p.slug
			r.previous = !p.previous
			if before == "to" && v.word(n.first-3) == "from" {
				r.previous = false
			}
			return r, true
		}
	}
	return r, false
}

// perThousandBefore returns the token of "per" in a "per 1,000
// (population)" within the few words before i, or -1.
func (v *view) perThousandBefore(i int) int {
	for j := i - 1; j >= 0 && j >= i-7; j-- {
		if v.isKeptNumber(j) || v.isStrongBreak(j) {
			return -1
		}
		if v.word(j) == "per" {
			if t := v.word(j + 1); t == "1000" || t == "thousand" || t == "1" && v.word(j+2) == "," && v.word(j+3) == "000" {
				return j
			}
		}
	}
	return -1
}

// clauseEndsAt reports whether the clause ends at token i.
func (v *view) clauseEndsAt(i int) bool {
	if i >= len(v.toks) {
		return true
	}
	switch v.toks[i].text {
	case ",", ".", ";", ":", ")":
		return true
	}
	return false
}

// onlyConnectors reports whether tokens [a, b) are only the words that join
// a change to its size in counts: "(or", ", equating to", "which is".
func (v *view) onlyConnectors(a, b int) bool {
	if b-a > 5 {
		return false
	}
	for i := a; i < b; i++ {
		t := v.toks[i]
		if t.kind == punctToken {
			if t.text == "(" || t.text == "," || t.text == "-" || t.text == "–" {
				continue
			}
			return false
		}
		switch t.norm {
		case "or", "equating", "equates", "equivalent", "representing", "which", "is", "an",
			"a", "of", "some", "around", "approximately", "about", "nearly", "almost", "this":
		default:
			return false
		}
	}
	return true
}

// perThousand reports the last token of "per 1,000", "per 1000 population",
// "per thousand" starting within two words of i, or 0.
func (v *view) perThousand(i int) int {
	for j := i; j < len(v.toks) && j < i+4; j++ {
		if v.word(j) == "per" {
			t := v.word(j + 1)
			switch {
			case t == "1000" || t == "thousand":
				return j + 1
			case t == "1" && v.word(j+2) == "," && v.word(j+3) == "000":
				return j + 3
			}
			return 0
		}
		if !eventNouns[v.toks[j].stem] && v.mentionAt(j) < 0 {
			return 0
		}
	}
	return 0
}

// countNounAfter returns the last token of the noun that makes a number at
// i-1 a count ("offences", "cases of burglary", "knife crime offences",
// "residential burglaries"), or -1. A blocked topic ("stop and searches",
// "arrests") is no count.
func (v *view) countNounAfter(i int) int {
	for j := i; j < len(v.toks) && j < i+3; j++ {
		t := v.toks[j]
		if t.kind != wordToken {
			return -1
		}
		if m := v.mentionAt(j); m >= 0 {
			mm := v.mentions[m]
			if mm.slug == blocked {
				return -1
			}
			if caseworkNouns[v.word(mm.last+1)] {
				return -1
			}
			if mm.generic || v.hasCountableHead(mm) {
				return mm.last
			}
			return -1
		}
		if eventNouns[t.stem] {
			if caseworkNouns[v.word(j+1)] {
				return -1
			}
			return j
		}
		// "17 schemes" in a sentence about Neighbourhood Watch
		if t.stem == "scheme" && v.schemeNear(j) >= 0 {
			return j
		}
		if !countAdjectives[t.norm] {
			return -1
		}
	}
	return -1
}

// countsCases reports whether the count noun starting at i is "cases".
func (v *view) countsCases(i int) bool {
	j := v.countNounAfter(i)
	return j >= 0 && v.toks[j].stem == "case"
}

// hasCountableHead reports whether a mention names things that can be
// counted: "thefts from vehicles", "knife crime offences", "burglaries".
func (v *view) hasCountableHead(m mention) bool {
	for i := m.first; i <= m.last; i++ {
		if s := v.toks[i].stem; eventNouns[s] || countable(s) {
			return true
		}
	}
	return false
}

// countable reports whether a category's head noun counts offences by
// itself: "12 burglaries", "3 rapes", "40 muggings".
func countable(stem string) bool {
	switch stem {
	case "burglary", "robbery", "theft", "assault", "rape", "mugging", "shooting",
		"stabbing", "discharge", "offence", "crime", "incident", "shoplifting", "converter", "convertor",
		"scheme", "watch", "stolen":
		return true
	}
	return false
}

// changeLead returns the sign and cue of a change that governs a count
// right after it: "reduced by 39", "an increase of 50", "down 20".
func (v *view) changeLead(first int) (int, int) {
	b := v.word(first - 1)
	switch {
	case b == "by":
		return v.changeBefore(first-1, 6, false)
	case b == "of" && changeNouns[v.word(first-2)]:
		return v.changeBefore(first-1, 2, false)
	case b == "up" || b == "down":
		return v.changeBefore(first, 1, false)
	}
	return 0, -1
}

// changeCountCategory picks the category of a change in a count: the
// figure it completes when there is one ("Burglary had reduced by 39% (989
// fewer offences)"), else the noun it counts, else the category before.
func (v *view) changeCountCategory(k int, r *reading, prev []reading) string {
	noun := -1
	for i := v.nums[k].last + 1; i <= r.last; i++ {
		if m := v.mentionAt(i); m >= 0 {
			noun = m
			break
		}
	}
	if len(prev) > 0 {
		p := prev[len(prev)-1]
		if p.measure == ChangePercent && (noun < 0 || v.mentions[noun].generic || strings.Contains(p.slug, v.mentions[noun].slug)) {
			r.inherit = true
			return p.slug
		}
	}
	if noun >= 0 && !v.mentions[noun].generic {
		return v.mentions[noun].slug
	}
	// "120 fewer victims of burglary"
	if m := v.ofCategory(r.last + 1); m >= 0 {
		r.last = max(r.last, v.mentions[m].last)
		return v.mentions[m].slug
	}
	if s := v.specificBefore(v.nums[k].first); s >= 0 {
		return v.mentions[s].slug
	}
	if noun >= 0 {
		return v.mentions[noun].slug
	}
	if v.refersBack() {
		return v.prevSlug()
	}
	return ""
}

// countCategory picks the category of a count: the category it counts
// ("12 burglaries", "393 cases of residential burglary"), or the specific
// category named before it when its noun is generic ("Catalytic converter
// theft ... 811 offences").
func (v *view) countCategory(k int, r *reading, prev []reading) string {
	n := v.nums[k]
	// Category within the noun phrase: "12 knife crime offences".
	for i := n.last + 1; i <= r.last; i++ {
		if m := v.mentionAt(i); m >= 0 && !v.mentions[m].generic {
			r.last = max(r.last, v.mentions[m].last)
			return v.mentions[m].slug
		}
	}
	// "cases of X", "reports of X", "offences of X", "crimes classified as X"
	for i := r.last + 1; i < len(v.toks) && i < r.last+6; i++ {
		if v.isStrongBreak(i) {
			break
		}
		if m := v.mentionAt(i); m >= 0 {
			if v.mentions[m].slug == blocked && modifierSuffixes[v.word(v.mentions[m].last+1)] {
				i = v.mentions[m].last + 1 // "alcohol-related": qualifies what follows
				continue
			}
			if !v.mentions[m].generic {
				r.last = max(r.last, v.mentions[m].last)
				return v.mentions[m].slug
			}
			break
		}
		w := v.word(i)
		if v.toks[i].kind == punctToken {
			continue
		}
		if w != "of" && w != "involving" && w != "relating" && w != "related" && w != "to" &&
			w != "classified" && w != "as" && w != "for" && w != "the" && w != "in" && w != "recorded" {
			break
		}
	}
	// "811 offences year to date with 308 offences taking place in
	// Barnet": the same noun again counts the same category; so does the
	// second number of "from 84 to 112 offences".
	if len(prev) > 0 {
		p := prev[len(prev)-1]
		if p.measure == Count && !v.specificBetween(p.last, n.first) && (v.toks[p.last].stem == v.toks[r.last].stem ||
			p.previous && v.word(n.first-1) == "to" && v.nums[p.num].last == n.first-2) {
			return p.slug
		}
	}
	// "there had been 5 similar offences": like the ones just told of.
	for i := n.last + 1; i < r.last; i++ {
		if w := v.word(i); w == "similar" || w == "such" {
			if s := v.prevSlug(); s != "" {
				return s
			}
		}
	}
	if s := v.specificBefore(n.first); s >= 0 && !claimedByCount(prev, v.mentions[s]) {
		r.first = min(r.first, v.mentions[s].first)
		return v.mentions[s].slug
	}
	if m := v.mentionAt(r.last); m >= 0 {
		return v.mentions[m].slug
	}
	if eventNouns[v.toks[r.last].stem] && genericCrimeNoun(v.toks[r.last].stem) {
		return genericCrime
	}
	if v.refersBack() {
		return v.prevSlug()
	}
	return ""
}

// specificBetween reports whether a specific category is named strictly
// between tokens a and b.
func (v *view) specificBetween(a, b int) bool {
	for _, m := range v.mentions {
		if m.first > a && m.last < b && !m.generic && m.slug != blocked {
			return true
		}
	}
	return false
}

// ofCategory returns the specific category named by "of X", "involving X"
// or "relating to X" starting at token i, or -1.
func (v *view) ofCategory(i int) int {
	for j := i; j < len(v.toks) && j < i+4; j++ {
		if m := v.mentionAt(j); m >= 0 {
			if v.mentions[m].generic || v.mentions[m].slug == blocked {
				return -1
			}
			return m
		}
		switch v.word(j) {
		case "of", "involving", "relating", "related", "to", "the":
		default:
			return -1
		}
	}
	return -1
}

// genericCrimeNoun reports whether a bare count noun means crime in general.
func genericCrimeNoun(stem string) bool {
	return stem == "crime" || stem == "offence" || stem == "offense"
}

// pickSpecific returns mention m's slug, or the nearest specific one before
// it when m is generic.
func (v *view) pickSpecific(m int) string {
	if v.mentions[m].generic {
		if s := v.specificBefore(v.mentions[m].first); s >= 0 {
			return v.mentions[s].slug
		}
	}
	return v.mentions[m].slug
}

// signupAfter returns the token of a sign-up word within limit tokens after i, or -1.
func (v *view) signupAfter(i, limit int) int {
	for j := i; j < len(v.toks) && j < i+limit; j++ {
		if v.isStrongBreak(j) || v.isKeptNumber(j) {
			return -1
		}
		w := v.word(j)
		if signupWords[w] {
			if w == "sign" || w == "signed" {
				if v.word(j+1) != "up" && v.word(j+1) != "on" {
					continue
				}
				return j + 1
			}
			return j
		}
	}
	return -1
}

// placeWithin reports whether a place is named in the limit tokens from i,
// within the clause.
func (v *view) placeWithin(i, limit int) bool {
	for j := i; j < len(v.toks) && j < i+limit; j++ {
		if v.isStrongBreak(j) || v.toks[j].text == "," {
			return false
		}
		if placePrepositions[v.word(j)] && v.placeAt(j+1) {
			return true
		}
	}
	return false
}

// signupBefore returns the token of a sign-up word within limit tokens
// before i ("membership of the scheme stood at"), or -1.
func (v *view) signupBefore(i, limit int) int {
	for j := i - 1; j >= 0 && j >= i-limit; j-- {
		if v.isStrongBreak(j) || v.isKeptNumber(j) {
			return -1
		}
		if w := v.word(j); signupWords[w] && w != "sign" && w != "signed" || w == "ups" && v.word(j-2) == "sign" {
			return j
		}
	}
	return -1
}

// schemeNear returns the scheme mention nearest token i ("signed up to
// OWL"), or -1.
func (v *view) schemeNear(i int) int {
	best, dist := -1, len(v.toks)+1
	for k, m := range v.mentions {
		if m.slug != "online_watch_link" && m.slug != "neighbourhood_watch" {
			continue
		}
		d := m.first - i
		if d < 0 {
			d = i - m.last
		}
		if d < dist {
			best, dist = k, d
		}
	}
	return best
}

// schemeMention returns the mention of a crime-prevention scheme in the
// sentence, or -1.
func (v *view) schemeMention() int {
	for k, m := range v.mentions {
		if m.slug == "online_watch_link" || m.slug == "neighbourhood_watch" {
			return k
		}
	}
	return -1
}

// periodAfter reports whether a period phrase starts at token i: "this
// year", "last year", "year to date", "so far".
func (v *view) periodAfter(i int) bool {
	a, b := v.word(i), v.word(i+1)
	switch {
	case i >= len(v.toks):
		return true
	case a == "this" || a == "last" || a == "so" || a == "for" && (b == "last" || b == "this" || b == "the"):
		return b == "year" || b == "month" || b == "quarter" || b == "far" || a == "for" || b == "financial" || b == "week"
	case a == "year" && b == "to":
		return true
	case a == "in" && (b == "the" || b == "this" || b == "last"):
		return v.word(i+2) == "last" || v.word(i+2) == "past" || v.word(i+2) == "year" || v.word(i+2) == "previous"
	case v.toks[i].text == "." || v.toks[i].text == ";" || v.toks[i].text == ",":
		return false
	}
	return false
}

// comparesWith reports whether n is the second count of a comparison whose
// first is p: "328 this year vs 309 for last year", "25 this year compared
// to 15 last", "2 offences compared with 15 last year", "from 162 to 314".
func (v *view) comparesWith(p reading, n number) bool {
	pn := v.nums[p.num]
	if n.first-pn.last > 20 {
		return false
	}
	b := v.word(n.first - 1)
	if !comparisonWords[b] && b != "for" {
		return false
	}
	if b == "for" && !comparisonWords[v.word(n.first-2)] {
		return false
	}
	if b == "to" || b == "with" {
		c := v.word(n.first - 2)
		if c == "compared" || c == "comparison" || c == "up" || c == "down" || pn.last == n.first-2 {
			return true
		}
		// "from 131 offences to 104", "from 388 in 2022 to 97 in 2023"
		return b == "to" && v.word(pn.first-1) == "from" && n.first-pn.last <= 5
	}
	return true
}

// readMultipliers reads changes written as words: "Levels of gun and knife
// crime had been halved", "ASB has doubled", "reduced by half".
func (v *view) readMultipliers() []reading {
	var out []reading
	for i, t := range v.toks {
		val, ok := multiplierWords[t.norm]
		if !ok {
			frac, isFrac := fractionWords[t.norm]
			if !isFrac {
				continue
			}
			by := i - 1
			if v.word(by) == "a" {
				by--
			}
			if v.word(by) != "by" {
				continue
			}
			sign, _ := v.changeBefore(by, 6, false)
			if sign == 0 {
				continue
			}
			val = frac * float64(sign)
		}
		m := v.nearestBefore(i)
		if m < 0 {
			continue
		}
		mm := v.mentions[m]
		if mm.slug == blocked {
			continue
		}
		out = append(out, reading{num: -1, measure: ChangePercent, value: val, slug: v.pickSpecific(m), first: mm.first, last: i})
	}
	return out
}
