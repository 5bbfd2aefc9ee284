package parser

import (
	"slices"
	"sort"
	"strings"
)

// The view of a sentence that the readings below work on: its tokens,
// the categories and numbers in it, and the questions every rule asks of
// them (what lies before or after a token, where a clause breaks).

// view is one sentence being read: its tokens, the categories it names and
// the numbers it holds.
type view struct {
	text     string
	toks     []token
	mentions []mention
	nums     []number
	// multipliersFrom is where readMultipliers starts to look for the
	// multipliers and fractions of the sentence: 0, unless it is known
	// that none comes before a later token (readNumbers).
	multipliersFrom int
	// prevSlug returns the last category the previous sentence named, for
	// a sentence that refers back to it ("It had risen by 4%").
	prevSlug func() string
	// prevTopic is prevSlug for a count that names no category, which
	// takes it only from a sentence that introduced it (see
	// document.prevTopic); nil outside a parse.
	prevTopic func() string
	// mentionOf maps each token to the mention covering it, or -1.
	mentionOf []int
	// countNoun is the answer of countNounAfter for token i, once asked.
	countNoun struct {
		asked bool
		i, j  int
	}
	// cue is the answer of percentCueBefore for the number that starts
	// at token first, once asked.
	cue struct {
		asked   bool
		first   int
		measure Measure
		at      int
	}
	// done holds the figures read so far from the sentence.
	done []reading
	// readings is where read gathers them, reused from sentence to
	// sentence.
	readings []reading
	// ctl switches rules off in tests; nil in a parse.
	ctl *control
	// schemeOf returns the crime-prevention scheme (a slug) the passage
	// is about, or "" (see passageScheme); nil outside a parse.
	schemeOf func() string
	// scratch is the reading the rules of walk fill in.
	scratch reading
	// asides is the buffer aside is made in, reused from sentence to
	// sentence.
	asides []bool
	// aside marks the tokens of asides, found when first asked.
	aside []bool
	// leadSign is the direction the lead line above gives the sentence's
	// changes, or 0.
	leadSign int
	// bullet is set for a sentence that opens an item of a list, which
	// stands on its own: it takes no category from the item before.
	bullet bool
	// meetingYear is the year of the meeting, or 0 when it is not known.
	meetingYear int
}

// emptied returns a view of no sentence that keeps v's buffers, emptied:
// the one list of what a view reuses.
func (v *view) emptied() view {
	return view{mentionOf: v.mentionOf[:0], readings: v.readings[:0], asides: v.asides[:0]}
}

// reset makes v the view of a sentence, indexing its tokens, mentions and
// numbers; a view is reused from sentence to sentence, keeping the memory
// of its index.
func (v *view) reset(text string, toks []token, mentions []mention, nums []number, prevSlug func() string, ctl *control) {
	*v = v.emptied()
	v.text, v.toks, v.mentions, v.nums, v.prevSlug, v.ctl = text, toks, mentions, nums, prevSlug, ctl
	for range toks {
		v.mentionOf = append(v.mentionOf, -1)
	}
	for k, m := range mentions {
		for i := m.first; i <= m.last; i++ {
			v.mentionOf[i] = k
		}
	}
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
	// rule names the rule that read the figure.
	rule string
}

// passageScheme returns the crime-prevention scheme (a slug) the passage
// is about, or "": what "schemes" and "members" belong to when the
// sentence does not name it. It is found when a rule asks.
func (v *view) passageScheme() string {
	if v.schemeOf == nil {
		return ""
	}
	return v.schemeOf()
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
	out := v.readings[:0]
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
	v.respectively(out)
	v.readings = append(out, v.readMultipliers()...)
	return v.readings
}

// respectively gives the figures of a list that ends "respectively" the
// categories of the list before them, in order: "burglary, robbery and
// vehicle crime fell by 5%, 8% and 2% respectively", "Burglary and robbery
// numbered 412 and 96 respectively".
func (v *view) respectively(rs []reading) {
	if len(rs) < 2 {
		return // a list of one is no list
	}
	end := -1
	for i := range v.toks {
		t := &v.toks[i]
		if t.norm == "respectively" {
			end = i
			break
		}
	}
	if end < 0 {
		return
	}
	// The readings of one measure just before "respectively".
	var list []int
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if r.num < 0 || v.nums[r.num].last >= end {
			continue
		}
		if len(list) > 0 && r.measure != rs[list[0]].measure {
			break
		}
		list = append(list, i)
	}
	if len(list) < 2 {
		return
	}
	slices.Reverse(list)
	firstNum := v.nums[rs[list[0]].num].first
	// The categories named, one after another joined by commas and "and",
	// before the first of them.
	var cats []mention
	for _, m := range v.mentions {
		if m.last >= firstNum {
			break
		}
		if m.slug == blocked || m.generic {
			continue
		}
		if len(cats) > 0 && !v.onlyListJoins(cats[len(cats)-1].last+1, m.first) {
			cats = cats[:0]
		}
		cats = append(cats, m)
	}
	if len(cats) != len(list) {
		return
	}
	for i, k := range list {
		rs[k].slug, rs[k].first = cats[i].slug, min(rs[k].first, cats[i].first)
	}
}

// onlyListJoins reports whether toks[a:b] hold only what joins the items
// of a list: commas, "and", "&", "or".
func (v *view) onlyListJoins(a, b int) bool {
	for j := a; j < b; j++ {
		if w := v.toks[j].norm; w != "," && w != "and" && w != "&" && w != "or" {
			return false
		}
	}
	return a < b
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

// wordSign returns -1 for a word saying something fell, else 1.
func wordSign(w string) int {
	if fallWords.has(w) {
		return -1
	}
	return 1
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

// isKeptNumber reports whether toks[i] is the digits of a number the sentence keeps.
func (v *view) isKeptNumber(i int) bool {
	for _, n := range v.nums {
		if n.core == i {
			return true
		}
	}
	return false
}

// nearestBefore returns the mention ending nearest before token i, or -1.
// A blocked topic that only qualifies what comes before it ("reoffending
// among young people", "the rate for children") is passed over.
func (v *view) nearestBefore(i int) int {
	for k := sort.Search(len(v.mentions), func(k int) bool { return v.mentions[k].last >= i }) - 1; k >= 0; k-- {
		m := v.mentions[k]
		if m.slug == blocked && k > 0 && modifierWords.has(v.word(m.first-1)) {
			continue
		}
		if v.asideFrom(m.first, i) {
			continue
		}
		return k
	}
	return -1
}

// hypothetical reports whether the sentence supposes rather than reports:
// "If a borough records one burglary and then two, it will show a 100%
// increase."
func (v *view) hypothetical() bool {
	switch v.word(0) {
	case "if", "suppose", "supposing", "imagine", "were":
	default:
		return false
	}
	for i := 1; i < len(v.toks); i++ {
		switch v.word(i) {
		case "will", "would", "could", "might", "ll":
			return true
		}
	}
	return false
}

// asideFrom reports whether token j lies in an aside that closes before
// token i: "Serious acquisitive crime, a category that included burglary
// and robbery, fell by 30%" is about serious acquisitive crime.
func (v *view) asideFrom(j, i int) bool {
	if v.aside == nil {
		v.aside = v.findAsides()
	}
	return v.aside[j] && !v.aside[i]
}

// findAsides marks the tokens of the asides of a sentence: from ",
// including", "(including", ", such as", ", which includes", ", a
// category that", "(excluding", ", other than" to the next comma or
// closing bracket.
func (v *view) findAsides() []bool {
	out := append(v.asides[:0], make([]bool, len(v.toks)+1)...)
	v.asides = out
	for i := 0; i+1 < len(v.toks); i++ {
		open := v.toks[i].text
		if open != "," && open != "(" {
			continue
		}
		j := i + 1
		switch w := v.word(j); {
		case w == "including" || w == "such" && v.word(j+1) == "as" || w == "which" && strings.HasPrefix(v.word(j+1), "includ"):
		case w == "excluding" || w == "except" || w == "exc" || w == "excl" || w == "not" && v.word(j+1) == "including" ||
			w == "other" && v.word(j+1) == "than" || w == "apart" && v.word(j+1) == "from":
			// "Total crime (excluding fraud) was down 2%"
		case (w == "a" || w == "an" || w == "the") && asideNouns.has(v.word(j+1)) && (v.word(j+2) == "that" || v.word(j+2) == "which"):
		default:
			continue
		}
		k := j
		for ; k < len(v.toks); k++ {
			t := v.toks[k].text
			// A list goes on past its commas: "including burglary,
			// vehicle crime and robbery, ...".
			if t == "," && open == "," && (v.mentionAt(k+1) >= 0 || (v.word(k+1) == "and" || v.word(k+1) == "or") && v.mentionAt(k+2) >= 0) {
				out[k] = true
				continue
			}
			if t == "," && open == "," || t == ")" || v.isStrongBreak(k) {
				break
			}
			out[k] = true
		}
		i = k
	}
	return out
}

// asideNouns name a group of categories in an aside: "a category that".
var asideNouns = newWordSet(map[string]bool{"category": true, "group": true, "basket": true, "type": true, "set": true, "grouping": true})

// modifierWords before a topic make it a qualifier: "among young people".
var modifierWords = newWordSet(map[string]bool{
	"among": true, "amongst": true, "for": true, "by": true, "involving": true,
	"against": true, "to": true, "with": true, "of": true, "on": true, "from": true,
})

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

// hasSpecificMention reports whether the sentence names a category other
// than crime in general.
func (v *view) hasSpecificMention() bool {
	for _, m := range v.mentions {
		if m.slug != blocked && !m.generic {
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
	// "The Inspector said that it had gone up, around 25 per cent": a
	// pronoun standing for the subject before any category is named.
	for i := 0; i < len(v.toks); i++ {
		if v.mentionAt(i) >= 0 || v.isKeptNumber(i) {
			return false
		}
		if w := v.word(i); w == "it" || w == "they" {
			return v.prevSlug() != ""
		}
	}
	return false
}

// refersToTotal reports whether the sentence opens with "the total" or
// the like, standing for the measure of the sentence before: "The total
// now stood at 2,250 offences".
func (v *view) refersToTotal() bool {
	return v.word(0) == "the" && (totalWords.has(v.word(1)) || v.word(1) == "overall" && totalWords.has(v.word(2))) && v.prevSlug != nil && v.prevSlug() != ""
}

// totalWords stand for the measure a sentence before gave: "the total",
// "the figure".
var totalWords = newWordSet(map[string]bool{"total": true, "figure": true, "number": true, "level": true, "count": true, "tally": true})

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

// placeWithin reports whether a place is named in the limit tokens from i,
// within the clause.
func (v *view) placeWithin(i, limit int) bool {
	for j := i; j < len(v.toks) && j < i+limit; j++ {
		if v.isStrongBreak(j) || v.toks[j].text == "," {
			return false
		}
		if placePrepositions.has(v.word(j)) && v.placeAt(j+1) {
			return true
		}
	}
	return false
}
