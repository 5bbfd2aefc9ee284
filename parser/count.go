package parser

// Reading a plain number: a count, a change in a count, a rate per 1,000
// or a number of sign-ups, by the words around it.

import "strings"

// readCount reads a plain number by the first of countRules that decides it.
func (v *view) readCount(k int, prev []reading) (reading, bool) {
	return v.walk(countRules, k, prev)
}

// cntCasework: "the ASB team had opened 327 new cases" is casework;
// "largely due to two incidents" explains a figure rather than reports one.
func (v *view) cntCasework(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	before := v.word(n.first - 1)
	if caseworkVerbs.has(before) && v.countsCases(n.last+1) || before == "to" && (v.word(n.first-2) == "due" || v.word(n.first-2) == "owing") ||
		before == "of" && v.word(n.first-2) == "because" {
		return drop
	}
	return pass
}

// cntBreakdown: "92 incidents were reported, 74 of which related to race
// and 9 of which related to religion": a part of the count before it, of
// its category or of the subtype the clause names.
func (v *view) cntBreakdown(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.last+1) != "of" {
		return v.cntBreakdownLed(k, prev, r)
	}
	// "21 of them relate to ...", and "6 of the 15 reported incidents
	// relate to ...": the verb after the whole it is part of.
	verb := n.last + 3
	if w := v.word(n.last + 2); w == "the" && k+1 < len(v.nums) && v.nums[k+1].first == n.last+3 {
		verb = v.nums[k+1].last + 1
		for verb < len(v.toks) && verb <= v.nums[k+1].last+3 && !breakdownVerbs.has(v.word(verb)) {
			verb++
		}
	} else if !notCountFollowers.has(w) || w == "whom" {
		return pass
	}
	if !breakdownVerbs.has(v.word(verb)) {
		return pass
	}
	parent := ""
	if len(prev) > 0 && prev[len(prev)-1].measure == Count {
		parent = prev[len(prev)-1].slug
	}
	r.measure, r.last = Count, verb
	if r.slug = v.subtypeOf(parent, verb+1, r); r.slug == "" {
		return pass
	}
	return take
}

// cntBreakdownLed: "Of the 120 robberies, 85 were personal robberies":
// a part of the count the sentence opens on.
func (v *view) cntBreakdownLed(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	verb := n.last + 1
	if !breakdownVerbs.has(v.word(verb)) || len(prev) == 0 || prev[len(prev)-1].measure != Count || prev[len(prev)-1].num < 0 {
		return pass
	}
	p := prev[len(prev)-1]
	whole := v.nums[p.num]
	// The sentence opens on the whole: "Of (the) 120 robberies, ...".
	if v.word(n.first-1) != "," || whole.first > 2 || !(v.word(whole.first-1) == "of" || v.word(whole.first-1) == "the" && v.word(whole.first-2) == "of") {
		return pass
	}
	r.measure, r.last = Count, verb
	if r.slug = v.subtypeOf(p.slug, verb+1, r); r.slug == "" {
		return pass
	}
	return take
}

// breakdownVerbs say what a part of a count is: "74 of which related to
// race", "12 of these were dwellings".
var breakdownVerbs = newWordSet(map[string]bool{
	"related": true, "relating": true, "relate": true, "relates": true, "were": true, "was": true, "involved": true, "concerned": true,
	"linked": true, "motivated": true, "classed": true, "classified": true, "recorded": true, "are": true,
	"targeted": true,
})

// subtypeOf returns the category of a part of a parent count whose clause
// starts at token i: the category the clause names, or the subtype its kind
// word gives ("race", "religion", "sexual orientation", "disability" of
// hate crime; "dwellings" of burglary), or the parent's.
func (v *view) subtypeOf(parent string, i int, r *reading) string {
	for j := i; j < len(v.toks) && j < i+5; j++ {
		if v.isStrongBreak(j) || v.toks[j].text == "," {
			break
		}
		if m := v.mentionAt(j); m >= 0 && v.mentions[m].slug != blocked && !v.mentions[m].generic {
			r.last = max(r.last, v.mentions[m].last)
			return v.mentions[m].slug
		}
		if kinds, ok := subtypeKinds[v.word(j)]; ok {
			if sub, ok := kinds[parent]; ok {
				r.last = max(r.last, j)
				return sub
			}
		}
	}
	return parent
}

// subtypeKinds maps a kind word to the subtype it makes of a parent
// category.
var subtypeKinds = func() map[string]map[string]string {
	hate := map[string]string{"hate_crime": "hate_crime", genericCrime: "hate_crime"}
	m := map[string]map[string]string{}
	for _, w := range []string{"race", "racial", "racist", "racially", "religion", "religious", "religiously", "faith",
		"belief", "sexual", "homophobic", "disability", "disabled", "transgender", "transphobic", "sectarian", "gender"} {
		m[w] = hate
	}
	for _, w := range []string{"dwelling", "dwellings", "residential", "homes", "houses", "domestic"} {
		m[w] = map[string]string{"burglary": "residential_burglary"}
	}
	for _, w := range []string{"commercial", "business", "businesses", "shops", "garages", "non-dwelling"} {
		m[w] = map[string]string{"burglary": "business_burglary", "robbery": "business_robbery"}
	}
	for _, w := range []string{"personal", "street"} {
		m[w] = map[string]string{"robbery": "personal_robbery"}
	}
	return m
}()

// cntShareOf: "63 of them", "5 of which" are shares, not counts; but "640
// thefts ..., with 215 of these taking place in Brent": a share of a count
// that is placed is that place's count.
func (v *view) cntShareOf(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if !notCountFollowers.has(v.word(n.last+2)) || v.word(n.last+1) != "of" {
		return pass
	}
	if whole := v.lastCount(prev); whole >= 0 && (v.placeWithin(n.last+3, 5) || v.placeAccountsFor(n.first)) {
		r.measure, r.last, r.slug = Count, n.last+2, prev[whole].slug
		return take
	}
	// "a spate of catalytic converter thefts in the area, 23 of which had
	// been reported since October": with no count before it, a number of
	// the category named is its count.
	if v.lastCount(prev) < 0 && v.word(n.last+2) == "which" && v.word(n.first-1) == "," && !n.word {
		if m := v.specificBefore(n.first); m >= 0 && v.hasCountableHead(v.mentions[m]) {
			r.measure, r.last, r.slug = Count, n.last+2, v.mentions[m].slug
			return take
		}
	}
	return drop
}

// placeAccountsFor reports whether a place accounts for the number at token
// i: "– Banbury town centre accounted for 461 of these".
func (v *view) placeAccountsFor(i int) bool {
	if v.word(i-1) != "for" || !strings.HasPrefix(v.word(i-2), "account") {
		return false
	}
	for j := i - 3; j >= 0 && j >= i-7; j-- {
		if t := v.toks[j]; t.kind == punctToken || v.isKeptNumber(j) {
			break
		}
		if v.placeAt(j) {
			return true
		}
	}
	return false
}

// cntPerThousand: "30.9 crimes per 1000 head of population".
func (v *view) cntPerThousand(k int, prev []reading, r *reading) verdict {
	j := v.perThousand(v.nums[k].last + 1)
	if j <= 0 {
		return pass
	}
	r.measure, r.last = RatePer1000, j
	r.slug = v.countCategory(k, r, nil)
	if r.slug == "" {
		r.slug = genericCrime
	}
	return take
}

// cntFewerNoun: "(989 fewer offences)", "128 more offences", "54 fewer
// burglaries".
func (v *view) cntFewerNoun(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after := v.word(n.last + 1)
	if !(fallWords.has(after) || riseWords.has(after)) || after == "up" || after == "down" {
		return pass
	}
	j := v.countNounAfter(n.last + 2)
	if j < 0 {
		return pass
	}
	r.measure, r.value, r.last = ChangeCount, n.value*float64(wordSign(after)), j
	r.slug = v.changeCountCategory(k, r, prev)
	return take
}

// cntNounCompared: "Robbery is 23 offences lower than last year", "41
// crimes higher than the same period", "15 offences above last year", "12
// incidents down on last year": a count of offences that a comparison
// follows is how far the level moved.
func (v *view) cntNounCompared(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	j := v.countNounAfter(n.last + 1)
	if j < 0 || n.percent {
		return pass
	}
	w, next := v.word(j+1), v.word(j+2)
	switch {
	case (w == "lower" || w == "higher" || w == "fewer" || w == "more" || w == "less") && next == "than",
		w == "above" || w == "below",
		(w == "up" || w == "down") && (next == "on" || next == "compared" || next == "against" || next == "from"):
	default:
		return pass
	}
	r.measure, r.value, r.last = ChangeCount, signed(*n, wordSign(w)), j+1
	r.slug = v.changeCountCategory(k, r, prev)
	return take
}

// cntFewerThan: "4,512 ASB incidents ..., 312 fewer than the same period
// last year".
func (v *view) cntFewerThan(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after := v.word(n.last + 1)
	if !(fallWords.has(after) || riseWords.has(after)) || v.word(n.last+2) != "than" || len(prev) == 0 || prev[len(prev)-1].measure != Count {
		return pass
	}
	r.measure, r.value, r.last, r.slug = ChangeCount, n.value*float64(wordSign(after)), n.last+1, prev[len(prev)-1].slug
	return take
}

// cntChangeLead: "reduced by 39 offences", "an increase of 50 crimes",
// "down 20 offences".
func (v *view) cntChangeLead(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	j := v.countNounAfter(n.last + 1)
	if j < 0 {
		return pass
	}
	sign, cue := v.changeLead(n.first)
	if sign == 0 {
		return pass
	}
	r.measure, r.value, r.last = ChangeCount, signed(*n, sign), j
	r.first = min(r.first, cue)
	r.slug = v.changeCountCategory(k, r, prev)
	return take
}

// cntCompletesChange: "a decrease of 5.2% (or 120 offences)", "down 8%,
// equating to 95 crimes": a count completing the change before it is its
// size.
func (v *view) cntCompletesChange(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if len(prev) == 0 || prev[len(prev)-1].measure != ChangePercent {
		return pass
	}
	p := prev[len(prev)-1]
	j := v.countNounAfter(n.last + 1)
	// "fallen by 3.4% (4,512 crimes compared with 4,671)": the levels.
	if j >= 0 && (v.word(j+1) == "compared" || v.word(j+1) == "against" || v.word(j+1) == "from" || v.word(j+1) == "vs") {
		return pass
	}
	// Connectors follow the change's number or its phrase: "down 8% (or
	// 95 offences)", "a 10.3% rise (3.3k offences)".
	if j < 0 || p.num < 0 || !v.onlyConnectors(v.nums[p.num].last+1, n.first) && !v.onlyConnectors(p.last+1, n.first) {
		return pass
	}
	r.measure, r.value, r.last, r.slug, r.inherit = ChangeCount, signed(*n, sign(p.value)), j, p.slug, true
	return take
}

// cntSignedAside: "down 9.6% (-148)", "up 12% (+45)": a signed count
// alone in brackets straight after a change is that change's size. A sign
// against the change's leaves the number to no rule.
func (v *view) cntSignedAside(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if n.sign == 0 || n.percent || len(prev) == 0 || prev[len(prev)-1].measure != ChangePercent ||
		v.word(n.first-1) != "(" || v.word(n.last+1) != ")" {
		return pass
	}
	p := prev[len(prev)-1]
	if p.num < 0 || v.nums[p.num].last != n.first-2 {
		return pass
	}
	if n.sign != sign(p.value) || n.value != float64(int64(n.value)) {
		return drop
	}
	r.measure, r.value, r.slug, r.inherit = ChangeCount, signed(*n, n.sign), p.slug, true
	return take
}

// cntBracketFromTo: "crimes had increased by 6.7% (3,935 offences to
// 4,199)": the levels a change went between, in brackets after it; the
// first is the earlier period's.
func (v *view) cntBracketFromTo(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.first-1) != "(" || k+1 >= len(v.nums) || len(prev) == 0 || prev[len(prev)-1].measure != ChangePercent {
		return pass
	}
	j := v.countNounAfter(n.last + 1)
	to := n.last + 1
	if j >= 0 {
		to = j + 1
	}
	if v.word(to) != "to" || v.nums[k+1].first != to+1 || v.nums[k+1].percent {
		return pass
	}
	r.measure, r.slug, r.previous = Count, prev[len(prev)-1].slug, true
	if j >= 0 {
		r.last = j
	}
	return take
}

// cntBracketEarlier: "Residential burglaries – 45 (previous year 61)",
// "Robbery 120 (2022/23: 131)": the earlier period's count in brackets
// after a count.
func (v *view) cntBracketEarlier(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if len(prev) == 0 || prev[len(prev)-1].measure != Count || n.sign != 0 {
		return pass
	}
	open := -1
	for j := n.first - 1; j >= 0 && j >= n.first-5; j-- {
		if v.word(j) == "(" {
			open = j
			break
		}
		if v.isKeptNumber(j) && j != n.core {
			return pass
		}
	}
	p := prev[len(prev)-1]
	if open < 0 || v.nums[p.num].last != open-1 && p.last != open-1 || !earlierPeriodWords(v, open+1, n.first) {
		return pass
	}
	r.measure, r.slug, r.previous = Count, prev[len(prev)-1].slug, true
	r.first = open + 1
	return take
}

// earlierPeriodWords reports whether tokens [a, b) name an earlier period:
// "previous year", "last year", "2022/23:", "same period last year".
func earlierPeriodWords(v *view, a, b int) bool {
	for j := a; j < b; j++ {
		switch v.word(j) {
		case "previous", "last", "prior", "before", "earlier":
			return true
		}
		if v.toks[j].kind == numToken && len(v.toks[j].text) == 4 {
			return true
		}
	}
	return false
}

// cntChangeAside: "a small increase in violent crime (10 cases over last
// year)", "a fall in burglary (down 40 offences)": a count in brackets
// after a change with no size of its own is the change's size.
func (v *view) cntChangeAside(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	open := n.first - 1
	if v.word(open) != "(" {
		return pass
	}
	j := v.countNounAfter(n.last + 1)
	if j < 0 {
		return pass
	}
	for i := open - 1; i >= 0 && i >= open-8; i-- {
		if v.isClauseBreak(i) || v.isKeptNumber(i) || v.toks[i].text == "," {
			return pass
		}
		if w := v.word(i); changeNouns.has(w) && w != "change" {
			r.measure, r.value, r.last = ChangeCount, signed(*n, wordSign(w)), j
			r.first = i
			r.slug = v.changeCountCategory(k, r, prev)
			return take
		}
	}
	return pass
}

// cntSignupsAfter: "17,000 residents had signed up to OWL" (but "368
// registered Neighbourhood Watch schemes" are schemes).
func (v *view) cntSignupsAfter(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	j := v.signupAfter(n.last+1, 8)
	if j < 0 || v.countNounAfter(n.last+1) >= 0 {
		return pass
	}
	s := v.schemeNear(j)
	if s < 0 {
		// "1,200 residents have now joined" in a passage about a scheme:
		// people counted, then what they did.
		scheme := ""
		if signupNouns.has(v.word(n.last + 1)) {
			scheme = v.passageScheme()
		}
		if scheme == "" {
			return pass
		}
		r.measure, r.last, r.slug = Signups, max(j, n.last), scheme
		return take
	}
	r.measure, r.last = Signups, max(j, n.last)
	r.slug = v.mentions[s].slug
	r.first = min(r.first, v.mentions[s].first)
	r.last = max(r.last, v.mentions[s].last)
	return take
}

// cntSignupsBefore: "Membership of OWL stood at 12,500 residents".
func (v *view) cntSignupsBefore(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after := v.word(n.last + 1)
	if !(signupNouns.has(after) || after == "" || after == ".") {
		return pass
	}
	j := v.signupBefore(n.first, 10)
	if j < 0 {
		return pass
	}
	r.measure = Signups
	r.first = min(r.first, j)
	if signupNouns.has(after) {
		r.last = n.last + 1
	}
	if s := v.schemeMention(); s >= 0 {
		r.slug = v.mentions[s].slug
		r.first = min(r.first, v.mentions[s].first)
		return take
	}
	// "the membership, at 1,824 members" in a passage about a scheme.
	if r.slug = v.passageScheme(); r.slug == "" {
		return pass
	}
	return take
}

// cntSignedBracket: "business robbery: 97 offences (+14)": a signed count
// in brackets after a count is its change.
func (v *view) cntSignedBracket(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if n.sign == 0 || v.word(n.first-1) != "(" || len(prev) == 0 || prev[len(prev)-1].measure != Count {
		return pass
	}
	r.measure, r.value, r.slug = ChangeCount, n.value*float64(n.sign), prev[len(prev)-1].slug
	r.inherit = true
	return take
}

// cntOfWhich: "of which 96 were in the city centre", "of which 512 were
// racist and religious hate crimes".
func (v *view) cntOfWhich(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	// "4,386 (+8.1%); of which DA-flagged 1,211": the part named first.
	if m := v.mentionAt(n.first - 1); m >= 0 && v.mentions[m].slug != blocked && !v.mentions[m].generic &&
		v.word(v.mentions[m].first-1) == "which" && v.word(v.mentions[m].first-2) == "of" && v.lastCount(prev) >= 0 {
		r.measure, r.slug, r.first = Count, v.mentions[m].slug, v.mentions[m].first
		return take
	}
	if v.word(n.first-1) != "which" || v.word(n.first-2) != "of" || len(prev) == 0 || prev[len(prev)-1].measure != Count {
		return pass
	}
	if w := v.word(n.last + 1); w == "were" || w == "was" {
		if m := v.mentionStartingIn(n.last+2, n.last+5); m >= 0 && v.mentions[m].slug != blocked {
			r.measure, r.slug, r.last = Count, v.mentions[m].slug, v.mentions[m].last
			if v.mentions[m].generic {
				r.slug = prev[len(prev)-1].slug // "of which 9,380 were recorded as crimes"
			}
			return take
		}
		// "of which 30 were residential ones", "of which 12 were dwellings"
		parent := prev[len(prev)-1].slug
		if sub := v.subtypeOf(parent, n.last+2, r); sub != parent {
			r.measure, r.slug = Count, sub
			return take
		}
	}
	if v.placeWithin(n.last+1, 5) {
		r.measure, r.slug = Count, prev[len(prev)-1].slug
		return take
	}
	return pass
}

// lastCount returns the index of the last count among prev, or -1.
func (v *view) lastCount(prev []reading) int {
	for i := len(prev) - 1; i >= 0; i-- {
		if prev[i].measure == Count {
			return i
		}
	}
	return -1
}

// cntCompared: "compared with 96.0 across London", "the Sussex average of
// 71.4": the rate per 1,000 just read, elsewhere.
func (v *view) cntCompared(k int, prev []reading, r *reading) verdict {
	p, ok := v.comparedRate(v.nums[k], prev, false)
	if !ok {
		return pass
	}
	r.measure, r.slug = p.measure, p.slug
	return take
}

// cntChangeUnderstood: "had fallen by 1,214 (–13.7%)", "a reduction of 41
// on the previous year": a change in a count whose noun is understood.
func (v *view) cntChangeUnderstood(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.countNounAfter(n.last+1) >= 0 || !(v.clauseEndsAt(n.last+1) || v.word(n.last+1) == "(" || v.word(n.last+1) == "on" ||
		v.word(n.last+1) == "compared" || v.word(n.last+1) == "to" && v.word(n.first-1) == "by") {
		return pass
	}
	sign, cue := v.changeLead(n.first)
	if sign == 0 {
		return pass
	}
	m := v.nearestBefore(cue)
	if m < 0 || v.mentions[m].slug == blocked {
		return pass
	}
	r.measure, r.value, r.first = ChangeCount, signed(*n, sign), min(r.first, cue)
	r.slug = v.pickSpecific(m)
	return take
}

// cntLevelReached: "had risen by 21% to 388", "had fallen to 41": the
// level a change reached.
func (v *view) cntLevelReached(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	to := n.first - 1
	if hedgeWords.has(v.word(to)) && v.word(to-1) == "to" {
		to-- // "increased to almost 2,000"
	}
	if v.word(to) != "to" && !(v.word(to) == "at" && v.changeWordJustBefore(to)) {
		return pass
	}
	// "an increase to 138 cases from 94": a noun may name what rose when
	// the earlier level follows.
	noun := v.countNounAfter(n.last + 1)
	if noun >= 0 && v.word(noun+1) != "from" && v.word(noun+1) != "compared" {
		return pass
	}
	// "increased in the rolling year to January 2020 to 28,587"
	if sign, _ := v.changeBefore(to, 9, true); sign == 0 {
		return pass
	}
	r.measure = Count
	if noun >= 0 {
		r.last = noun
		if m := v.mentionAt(noun); m >= 0 && !v.mentions[m].generic && v.mentions[m].slug != blocked {
			r.slug = v.mentions[m].slug
			return take
		}
	}
	if len(prev) > 0 && prev[len(prev)-1].measure == ChangePercent && v.nums[prev[len(prev)-1].num].last >= n.first-4 {
		r.slug = prev[len(prev)-1].slug
		return take
	}
	if m := v.nearestBefore(n.first); m >= 0 && v.mentions[m].slug != blocked {
		r.slug, r.first = v.pickSpecific(m), min(r.first, v.mentions[m].first)
		return take
	}
	// "North Hertfordshire had seen an increase to 271 from 235": the
	// category of the sentence before, in a run of sentences that name it
	// once.
	if !v.hasMentionInSentence() && changeNouns.has(v.word(n.first-2)) {
		r.slug = v.prevSlug()
		return takeIf(r.slug != "")
	}
	return pass
}

// cntRowNoHeader: "Residential burglary      412    (-14%)": a row of a
// table without a header, the number right after the category it counts.
func (v *view) cntRowNoHeader(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	at := n.first - 1
	if t := v.word(at); t == "," || t == "–" || t == "-" {
		at-- // "Burglary, 2,198 (down 1%)"
	}
	if v.word(at-1) == "/" && v.mentionAt(at) < 0 {
		at -= 2 // "theft from shop/stall 1,612"
	}
	if v.word(at) == ")" && v.word(at-2) == "(" {
		at -= 3 // "Housebreaking (dwellings) 145"
	}
	for j := at; j > 0 && j >= at-3; j-- {
		if v.word(j-1) == "in" && v.placeAt(j) && v.mentionAt(j-2) >= 0 {
			at = j - 2 // "TNOs in Lambeth 38,120"
			break
		}
		if v.toks[j].kind != wordToken || !capitalised(v.toks[j].text) {
			break
		}
	}
	m := v.mentionAt(at)
	if m < 0 || n.word || v.mentions[m].slug == blocked || v.mentions[m].generic {
		return pass
	}
	end := n.last + 1
	dash := v.word(end) == "–" || v.word(end) == "-"                                                          // "Robbery – 87 – up 4%"
	versus := (v.word(end) == "v" || v.word(end) == "vs" || v.word(end) == "versus") && v.isKeptNumber(end+1) // "Robbery 45 v 61"
	if !(end == len(v.toks) || v.word(end) == "(" || v.word(end) == ";" || versus ||
		(v.word(end) == "," || dash) && (v.mentionAt(end+1) >= 0 || v.changeWordAt(end+1) || v.signedPercentAt(end+1)) ||
		end == len(v.toks)-1 && v.isStrongBreak(end)) {
		return pass
	}
	// A short line of its own, or an item of a list: "The main offences
	// were theft from motor vehicles 2,385 (up 12%); common assault,
	// 2,198 (up 24%); ...".
	if !(v.mentions[m].first == 0 && len(v.toks) <= 20 || v.listItemAt(v.mentions[m].first)) {
		return pass
	}
	r.measure, r.first, r.slug = Count, v.mentions[m].first, v.pickSpecific(m)
	return take
}

// changeWordAt reports whether a change is told from token i: "down 1%",
// "an increase of 4.4%", "a fall of 12".
func (v *view) changeWordAt(i int) bool {
	if w := v.word(i); w == "a" || w == "an" {
		i++
	}
	return fallWords.has(v.word(i)) || riseWords.has(v.word(i))
}

// signedPercentAt reports whether a signed percentage starts at token i:
// "Total notifiable offences 20,345, -2.3%".
func (v *view) signedPercentAt(i int) bool {
	for _, n := range v.nums {
		if n.first == i {
			return n.percent && n.sign != 0
		}
	}
	return false
}

// listItemAt reports whether a list item starts at token i: after ";",
// ":", "and" after ";", or "were" opening a list ("the main offences
// were X 2,385; Y 1,612").
func (v *view) listItemAt(i int) bool {
	// The item may open with words before its category: "assault
	// occasioning ABH 2,139".
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if w := v.word(j); w == ";" || w == ":" {
			i = j + 1
			break
		}
		if v.toks[j].kind != wordToken || v.isKeptNumber(j) {
			break
		}
	}
	switch v.word(i - 1) {
	case ";", ":":
		return true
	case "and", ",":
		// "burglary 412 (+3%), vehicle crime 1,340 (+4%) and ...": an
		// item after an item read as a row.
		for _, p := range v.done {
			if p.rule == ruleCountRow {
				return true
			}
		}
		return v.word(i-1) == "and" && (v.word(i-2) == ";" || v.word(i-2) == ",")
	case "were", "are":
		// "the main offences were X 2,385; Y 1,612", "... were X 412
		// (+3%), Y 1,340 (+4%)": a list follows.
		for j := i + 1; j < len(v.toks); j++ {
			if v.word(j) == ";" || v.word(j) == "," && v.mentionAt(j+1) >= 0 && j+1 < len(v.toks) && v.mentions[v.mentionAt(j+1)].first == j+1 {
				return true
			}
		}
	}
	return false
}

// cntLabelColon: "Antisocial behaviour incidents: 21,407".
func (v *view) cntLabelColon(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.first-1) != ":" || v.countNounAfter(n.last+1) >= 0 || n.word {
		return pass
	}
	m := v.mentionAt(n.first - 2)
	if m < 0 || v.mentions[m].slug == blocked {
		return pass
	}
	r.measure, r.first = Count, v.mentions[m].first
	r.slug = v.pickSpecific(m)
	return take
}

// cntOfThe: "accounted for 1,103 of the MOPAC 7 offences".
func (v *view) cntOfThe(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.last+1) != "of" || v.word(n.last+2) != "the" {
		return pass
	}
	m := v.mentionAt(n.last + 3)
	if m < 0 || v.mentions[m].slug == blocked || v.mentions[m].generic || v.countNounAfter(n.last+3) < 0 {
		return pass
	}
	r.measure, r.slug, r.last = Count, v.mentions[m].slug, v.mentions[m].last
	return takeIf(!n.word)
}

// cntRecorded: "with 58 recorded in the quarter against 41", "just 31
// reported": a count whose noun is the category named before.
func (v *view) cntRecorded(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if after := v.word(n.last + 1); !(after == "recorded" || after == "reported") || n.word || v.countNounAfter(n.last+1) >= 0 {
		return pass
	}
	s := v.specificBefore(n.first)
	if s < 0 || claimedByCount(prev, v.mentions[s]) {
		return pass
	}
	r.measure, r.last, r.slug = Count, n.last+1, v.mentions[s].slug
	r.first = min(r.first, v.mentions[s].first)
	return take
}

// cntNoun: "393 cases of residential burglary", "811 offences", "four
// reports of ASB". A count is whole.
func (v *view) cntNoun(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	j := v.countNounAfter(n.last + 1)
	if j < 0 {
		return pass
	}
	r.measure, r.last = Count, j
	r.slug = v.countCategory(k, r, prev)
	return takeIf(n.value == float64(int64(n.value)))
}

// cntBracketed: "the highest number of burglaries (56)", "shoplifting
// (1,203), violence with injury (987) and residential burglary (456)",
// "Hate crime (32) remained stable": a whole number alone in brackets
// straight after a category is its count, unless a change of it is told
// ("a rise in robbery (14)": the size of the change or the level, the
// text does not say).
func (v *view) cntBracketed(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if n.sign != 0 || n.percent || n.word || n.value != float64(int64(n.value)) ||
		v.word(n.first-1) != "(" || v.word(n.last+1) != ")" {
		return pass
	}
	m := v.mentionAt(n.first - 2)
	if m < 0 || v.mentions[m].slug == blocked || v.mentions[m].generic || v.mentions[m].last != n.first-2 {
		return pass
	}
	if sign, _ := v.changeBefore(v.mentions[m].first, 3, false); sign != 0 {
		return drop
	}
	r.measure, r.first, r.last, r.slug = Count, v.mentions[m].first, n.last+1, v.pickSpecific(m)
	return take
}

// cntPeriodLabelled: "Robbery: 2022/23 – 410; 2023/24 – 455", "Burglary
// 2023: 145, 2024: 112": each count after the period it is of, of the
// category the line names first.
func (v *view) cntPeriodLabelled(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	sep := n.first - 1
	if w := v.word(sep); w != ":" && w != "–" && w != "-" || n.percent || n.sign != 0 {
		return pass
	}
	if !v.periodLabelEndsAt(sep - 1) {
		return pass
	}
	if len(prev) > 0 && prev[len(prev)-1].rule == ruleCountPeriodLabelled {
		r.measure, r.slug = Count, prev[len(prev)-1].slug
		return take
	}
	m := v.nearestBefore(sep)
	if m < 0 || v.mentions[m].slug == blocked || v.mentions[m].generic {
		return pass
	}
	r.measure, r.slug, r.first = Count, v.pickSpecific(m), min(r.first, v.mentions[m].first)
	return take
}

// periodLabelEndsAt reports whether a year ("2023") or a financial year
// ("2022/23") ends at token i.
func (v *view) periodLabelEndsAt(i int) bool {
	if i < 0 || v.toks[i].kind != numToken {
		return false
	}
	t := v.toks[i].text
	if len(t) == 4 && (t[:2] == "19" || t[:2] == "20") {
		return true
	}
	return len(t) == 2 && i >= 2 && v.word(i-1) == "/" && len(v.toks[i-2].text) == 4 && v.toks[i-2].kind == numToken
}

// cntPerThousandBefore: "the crime rate per 1,000 population was 72.4".
func (v *view) cntPerThousandBefore(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	before := v.word(n.first - 1)
	j := v.perThousandBefore(n.first)
	if !(j >= 0 && !n.word && statedWords.has(before) || j >= 0 && before == "is") {
		return pass
	}
	m := v.nearestBefore(j)
	if m < 0 || v.mentions[m].slug == blocked {
		return pass
	}
	r.measure, r.first = RatePer1000, min(r.first, v.mentions[m].first)
	r.slug = v.pickSpecific(m)
	return take
}

// cntStated: "a total of 2146", "recorded crime is running at 328 this
// year", "an increase in drugs offences of 25 this year compared to 15
// last", "ASB calls were 1,234, down 8% on last year".
func (v *view) cntStated(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	before := v.word(n.first - 1)
	if !(before == "of" && v.word(n.first-2) == "total" ||
		copulaWords.has(before) && v.periodAfter(n.last+1) ||
		statedWords.has(before) && (v.clauseEndsAt(n.last+1) || statedFollowers.has(v.word(n.last+1)))) {
		return pass
	}
	m := v.nearestBefore(n.first)
	if m < 0 || n.first-v.mentions[m].last > 12 {
		return pass
	}
	r.measure = Count
	r.slug = v.pickSpecific(m)
	r.first = min(r.first, v.mentions[m].first)
	return take
}

// cntWordNumber: a number written as a word ("two", "eleven") that no rule
// above read is no figure, unless it follows a count it is compared with.
func (v *view) cntWordNumber(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	// "rose from nine to fourteen": the first of a change, read below;
	// "ran from two to five" is a time.
	fromTo := v.word(n.first-1) == "from" && v.changeWordJustBefore(n.first-1) && k+1 < len(v.nums) && v.word(v.nums[k+1].first-1) == "to"
	if n.word && !fromTo && !(len(prev) > 0 && prev[len(prev)-1].measure == Count) {
		return drop
	}
	return pass
}

// cntFromTo: "from 162 to 314": both counts of the category before.
func (v *view) cntFromTo(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.first-1) != "from" || k+1 >= len(v.nums) || v.nums[k+1].percent || v.word(v.nums[k+1].first-1) != "to" || v.nums[k+1].first-n.last > 8 {
		return pass
	}
	r.measure, r.previous = Count, true
	if v.perThousand(v.nums[k+1].last+1) > 0 {
		r.measure = RatePer1000 // "rose from 62.1 to 66.4 crimes per 1,000"
	}
	if m := v.nearestBefore(n.first); m >= 0 {
		r.slug = v.pickSpecific(m)
		r.first = min(r.first, v.mentions[m].first)
		return take
	}
	// "a rise from 1 to 20 knife crime offences": the category after.
	second := v.nums[k+1]
	if j := v.countNounAfter(second.last + 1); j >= 0 {
		if m := v.mentionAt(j); m >= 0 && v.mentions[m].slug != blocked {
			r.slug = v.pickSpecific(m)
			return take
		}
	}
	return pass
}

// cntComparedSecond: the second of a comparison takes the first's
// category: "328 this year vs 309 for last year", "from 162 to 314".
func (v *view) cntComparedSecond(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if len(prev) == 0 {
		return pass
	}
	p := prev[len(prev)-1]
	if !(p.measure == Count || p.measure == Signups) || !v.comparesWith(p, *n) {
		return pass
	}
	r.measure, r.slug = p.measure, p.slug
	r.previous = !p.previous
	if v.word(n.first-1) == "to" && v.word(n.first-3) == "from" {
		r.previous = false
	}
	return take
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

// onlyConnectors reports whether tokens [a, b) are only the words that join
// a change to its size in counts: "(or", ", equating to", "which is".
func (v *view) onlyConnectors(a, b int) bool {
	if b-a > 5 {
		return false
	}
	for i := a; i < b; i++ {
		t := &v.toks[i]
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
		if !eventNouns.has(v.toks[j].stem) && v.mentionAt(j) < 0 {
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
	// The count rules ask it one after another of the token after the
	// same number: the answer for the token last asked of is kept.
	if c := &v.countNoun; c.asked && c.i == i {
		return c.j
	}
	j := v.findCountNounAfter(i)
	v.countNoun.asked, v.countNoun.i, v.countNoun.j = true, i, j
	return j
}

// findCountNounAfter is countNounAfter, looked for.
func (v *view) findCountNounAfter(i int) int {
	for j := i; j < len(v.toks) && j < i+3; j++ {
		t := &v.toks[j]
		if t.kind != wordToken {
			return -1
		}
		if m := v.mentionAt(j); m >= 0 {
			mm := v.mentions[m]
			if mm.slug == blocked {
				return -1
			}
			if caseworkNouns.has(v.word(mm.last + 1)) {
				return -1
			}
			if mm.generic || v.hasCountableHead(mm) {
				return mm.last
			}
			// "962 Group 2 sexual crimes": a label before the counted noun.
			if j := v.nextCountable(mm.last + 1); j >= 0 {
				return j
			}
			return -1
		}
		if eventNouns.has(t.stem) {
			if caseworkNouns.has(v.word(j + 1)) {
				return -1
			}
			return j
		}
		// "17 schemes" in a sentence about Neighbourhood Watch
		if t.stem == "scheme" && (v.schemeNear(j) >= 0 || v.passageScheme() != "") {
			return j
		}
		if !countAdjectives.has(t.norm) {
			return -1
		}
	}
	return -1
}

// nextCountable returns the last token of a countable mention starting at
// token i, or -1.
func (v *view) nextCountable(i int) int {
	if m := v.mentionAt(i); m >= 0 && v.mentions[m].first == i && v.mentions[m].slug != blocked && v.hasCountableHead(v.mentions[m]) {
		return v.mentions[m].last
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
		if s := v.toks[i].stem; eventNouns.has(s) || countable(s) {
			return true
		}
	}
	return false
}

// countable reports whether a category's head noun counts offences by
// itself: "12 burglaries", "3 rapes", "40 muggings", "23 housebreakings",
// "5 woundings", "8 arsons".
func countable(stem string) bool {
	switch stem {
	case "burglary", "housebreaking", "robbery", "theft", "assault", "rape", "mugging", "shooting", "wounding", "arson",
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
	case b == "of" && changeNouns.has(v.word(first-2)):
		return v.changeBefore(first-1, 2, false)
	case b == "up" || b == "down":
		return v.changeBefore(first, 1, false)
	case (b == "additional" || b == "extra") && (v.word(first-2) == "an" || v.word(first-2) == "a"):
		// "an additional 61 crimes", "an extra 12 burglaries"
		return 1, first - 2
	}
	return 0, -1
}

// signupAfter returns the token of a sign-up word within limit tokens after i, or -1.
func (v *view) signupAfter(i, limit int) int {
	for j := i; j < len(v.toks) && j < i+limit; j++ {
		if v.isStrongBreak(j) || v.isKeptNumber(j) {
			return -1
		}
		w := v.word(j)
		if signupWords.has(w) {
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

// signupBefore returns the token of a sign-up word within limit tokens
// before i ("membership of the scheme stood at"), or -1.
func (v *view) signupBefore(i, limit int) int {
	for j := i - 1; j >= 0 && j >= i-limit; j-- {
		if v.isStrongBreak(j) || v.isKeptNumber(j) {
			return -1
		}
		if w := v.word(j); signupWords.has(w) && w != "sign" && w != "signed" || w == "ups" && v.word(j-2) == "sign" {
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
	// "against last year's figure of 356", "compared with a total of 64"
	if b == "of" && totalWords.has(v.word(n.first-2)) {
		for j := n.first - 3; j > pn.last && j >= n.first-7; j-- {
			if w := v.word(j); comparisonWords.has(w) || w == "compared" {
				return true
			}
		}
		return false
	}
	if !comparisonWords.has(b) && b != "for" {
		return false
	}
	if b == "for" && !comparisonWords.has(v.word(n.first-2)) {
		return false
	}
	if b == "to" || b == "with" {
		c := v.word(n.first - 2)
		if c == "compared" || c == "comparison" || c == "up" || c == "down" || pn.last == n.first-2 {
			return true
		}
		// "from 131 offences to 104", "from 388 in 2022 to 97 in 2023"
		return b == "to" && v.word(pn.first-1) == "from" && n.first-pn.last <= 8
	}
	return true
}
