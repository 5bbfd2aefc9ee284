package parser

// Reading a percentage: a change, a detection rate, a rate, a target, by
// the words around it; and changes written as words ("halved").

import "strconv"

// changeWordJustBefore reports whether a word saying which way something
// moved stands within two words before token i ("had risen from",
// "fallen to").
func (v *view) changeWordJustBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if w := v.word(j); fallWords.has(w) || riseWords.has(w) || w == "moved" || w == "gone" || w == "went" || w == "improved" || w == "worsened" {
			return true
		}
	}
	return false
}

// pointsChangeBefore returns where "by N percentage points" ends before
// token i ("improved by 2.1 percentage points to 14.6%"): the "by", so
// that the verb before it is just before; else i.
func (v *view) pointsChangeBefore(i int) int {
	j := i - 1
	switch v.word(j) {
	case "points", "point", "pts", "pp", "ppts":
	default:
		return i
	}
	j--
	if w := v.word(j); w == "percentage" || w == "%" {
		j--
	}
	if j < 1 || v.toks[j].kind != numToken || v.word(j-1) != "by" {
		return i
	}
	return j - 1
}

// rateCueBefore finds a detection or rate cue earlier in the clause than
// token i, and its token.
func (v *view) rateCueBefore(i int) (Measure, int) {
	for j := i - 1; j >= 0 && j >= i-14; j-- {
		if v.isClauseBreak(j) {
			break
		}
		w := v.word(j)
		if detectionWords.has(w) {
			return DetectionRatePercent, j
		}
		if w == "rate" || w == "rates" {
			if detectionWords.has(v.word(j-1)) || v.word(j-1) == "outcome" || v.clearUpAt(j-1) {
				return DetectionRatePercent, j - 1
			}
			return RatePercent, j
		}
	}
	return "", -1
}

// readPercent reads a percentage by the first of percentRules that decides it.
func (v *view) readPercent(k int, prev []reading) (reading, bool) {
	return v.walk(percentRules, k, prev)
}

// anyHypothetical: no number of a sentence that supposes is a figure.
func (v *view) anyHypothetical(k int, prev []reading, r *reading) verdict {
	if v.hypothetical() {
		return drop
	}
	return pass
}

// pctCompared: "The solved rate was 10.3%, up from 6.9% two years
// earlier", "33.7%, compared with 32.2% for Wales": the same rate,
// elsewhere or earlier.
func (v *view) pctCompared(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	p, ok := v.comparedRate(*n, prev, true)
	if !ok {
		return pass
	}
	r.measure, r.slug, r.previous = p.measure, p.slug, v.word(n.first-1) == "from"
	if p.measure == ChangePercent && n.sign == 0 && p.value < 0 {
		// "fell 5%, compared with 2% across London": the same way.
		r.value = -n.value
	}
	return take
}

// pctAgain: "up 6% in the city and 4% across the force": the same change
// again.
func (v *view) pctAgain(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	before := v.word(n.first - 1)
	if !(before == "and" || before == "," || before == "but" || before == "or") || len(prev) == 0 {
		return pass
	}
	p := prev[len(prev)-1]
	// "were up by 51, or 7.2%": the same change, as a percentage.
	if before == "or" && p.measure == ChangeCount && p.num >= 0 && n.first-v.nums[p.num].last <= 3 {
		r.measure, r.slug, r.value, r.inherit = ChangePercent, p.slug, signed(*n, sign(p.value)), true
		return take
	}
	if p.measure == ChangePercent && p.num >= 0 && n.first-v.nums[p.num].last <= 6 && v.mentionStartingIn(v.nums[p.num].last+1, n.first) < 0 {
		r.measure, r.slug, r.value = ChangePercent, p.slug, signed(*n, sign(p.value))
		return take
	}
	return pass
}

// pctTargetVerb: "targets to: reduce key crimes by 20%", "the plan aims to
// cut burglary by 10%", "we will reduce ASB by 5%": a change still to come
// is a target, signed as the change would be.
func (v *view) pctTargetVerb(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.first-1) != "by" {
		return pass
	}
	sign, cue := v.changeBefore(n.first-1, 20, true)
	if sign == 0 || !(baseVerbs.has(v.word(cue)) && v.intendedAt(cue) || v.intendedNoun(cue) || v.intendedGerund(cue)) {
		return pass
	}
	r.measure, r.value = TargetPercent, signed(*n, sign)
	r.first = min(r.first, cue)
	if m := v.mentionStartingIn(cue+1, n.first); m >= 0 && v.mentions[m].slug != blocked {
		r.slug = v.pickSpecific(m)
	}
	return takeIf(r.slug != "")
}

// baseVerbs are the plain forms of change verbs, which a target or plan
// puts after "to" or "will": "to reduce", "will cut".
var baseVerbs = newWordSet(map[string]bool{
	"reduce": true, "cut": true, "lower": true, "decrease": true, "halve": true,
	"increase": true, "raise": true, "boost": true, "grow": true, "drop": true,
})

// intendedGerund reports whether the change verb at token i names a
// target: "its aim of reducing ASB by 5%", "the objective of cutting
// robbery by 10%", "committed to reducing burglary by 15%".
func (v *view) intendedGerund(i int) bool {
	switch v.word(i) {
	case "reducing", "cutting", "lowering", "decreasing", "halving", "increasing", "raising", "boosting":
	default:
		return false
	}
	switch b := v.word(i - 1); {
	case b == "of":
		w := v.word(i - 2)
		return aimWords.has(w) || w == "target" || w == "objective" || w == "priority" || w == "intention"
	case b == "to":
		return v.word(i-2) == "committed" || v.word(i-2) == "commitment"
	}
	return false
}

// intendedNoun reports whether the change noun at token i is one still to
// be achieved: "to achieve a reduction in X by 13%", "to deliver a 5%
// cut".
func (v *view) intendedNoun(i int) bool {
	if !changeNouns.has(v.word(i)) {
		return false
	}
	j := i - 1
	if w := v.word(j); w == "a" || w == "an" || w == "the" {
		j--
	}
	switch v.word(j) {
	case "achieve", "deliver", "secure", "see", "make", "drive", "bring":
		return v.word(j-1) == "to" || v.intendedAt(j)
	}
	return false
}

// intendedAt reports whether the verb at token i is intended, not done:
// after "to", a modal, or opening an item of a list of targets.
func (v *view) intendedAt(i int) bool {
	switch v.word(i - 1) {
	case "to", "will", "would", "shall", "should", "must", "aim", "aims", "aiming", "plan", "plans", "pledged", "pledge", ":", ";":
		return true
	case "":
		return false
	case "and", "or", ",":
		// "to reduce burglary by 20%; and cut robbery by 10%": the next
		// item of the same list of targets.
		for _, p := range v.done {
			if p.measure == TargetPercent {
				return true
			}
		}
		return false
	}
	// "the target is to further reduce", "aims to significantly cut"
	return v.toks[i-1].kind == wordToken && len(v.word(i-1)) > 2 && v.word(i - 1)[len(v.word(i-1))-2:] == "ly" && v.word(i-2) == "to"
}

// pctBy: a "by N%" is a difference: a change if a change verb governs it,
// otherwise ("the highest in the Met by 6%") nothing.
func (v *view) pctBy(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.first-1) != "by" {
		return pass
	}
	sign, cue := v.changeBefore(n.first-1, 20, true)
	if sign == 0 {
		return drop
	}
	r.measure, r.value = ChangePercent, signed(*n, sign)
	r.first = min(r.first, cue)
	r.slug = v.categoryFor(k, r, forwardNone)
	return take
}

// pctTargetBefore: "an aspirational target of a 12% positive outcome
// rate": the target is named just before.
func (v *view) pctTargetBefore(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	for i := n.first - 1; i >= 0 && i >= n.first-3; i-- {
		if w := v.word(i); w == "target" || w == "targets" {
			r.measure, r.value = TargetPercent, signed(*n, 1)
			r.first = i
			if m := v.cueCategory(n.last + 1); m >= 0 {
				r.slug = v.mentions[m].slug
				r.last = v.mentions[m].last
			} else {
				r.slug = v.categoryFor(k, r, forwardRate)
			}
			return takeIf(v.hasMentionInSentence())
		}
	}
	return pass
}

// takeIf returns take when ok, else drop.
func takeIf(ok bool) verdict {
	if ok {
		return take
	}
	return drop
}

// pctRateMoving: "the solved rate for rape had risen from 4% to 7.5%",
// "the positive outcome rate had fallen to 6.5%": a rate moving is the
// rate, twice.
func (v *view) pctRateMoving(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	before := v.word(n.first - 1)
	moved := n.first - 1
	if before == "to" {
		moved = v.pointsChangeBefore(moved)
	}
	if !(before == "from" && v.word(n.last+1) == "to" || before == "to") || !v.changeWordJustBefore(moved) {
		return pass
	}
	if cue, at := v.rateCueBefore(n.first); cue != "" {
		r.measure, r.first = cue, min(r.first, at)
		r.previous = before == "from"
		if m := v.cueCategory(at); m >= 0 {
			r.slug = v.mentions[m].slug
		} else {
			r.slug = v.categoryFor(k, r, forwardRate)
		}
		return take
	}
	if before == "to" {
		return drop // "had fallen to 6.5%": a level of something unnamed
	}
	return pass
}

// clearUpAt reports whether token j ends "clear-up" (a detection rate's
// older name).
func (v *view) clearUpAt(j int) bool {
	return v.word(j) == "up" && v.word(j-1) == "-" && v.word(j-2) == "clear"
}

// pctDetectionAfter: "17.8% detection rate", "a 31% positive outcome
// rate", "14% were detected".
func (v *view) pctDetectionAfter(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after, after2 := v.word(n.last+1), v.word(n.last+2)
	if (after == "were" || after == "was") && (after2 == "detected" || after2 == "solved" || after2 == "charged") {
		r.measure, r.last = DetectionRatePercent, n.last+2
		r.slug = v.categoryFor(k, r, forwardNone)
		if r.slug == "" && !v.hasMentionInSentence() {
			// "The good news was that 12.1% were detected", after a
			// sentence about burglary.
			r.slug = v.prevSlug()
		}
		return take
	}
	if !(detectionWords.has(after) || after == "detection" || (after == "positive" && after2 == "outcome")) {
		return pass
	}
	r.measure = DetectionRatePercent
	r.last = n.last + 1
	r.slug = v.categoryFor(k, r, forwardRate)
	return take
}

// pctTargetAfter: "a 10% target", "a 5% reduction target".
func (v *view) pctTargetAfter(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after, after2 := v.word(n.last+1), v.word(n.last+2)
	if !(after == "target" || (after == "reduction" && after2 == "target") || (after == "increase" && after2 == "target")) {
		return pass
	}
	r.measure, r.value = TargetPercent, signed(*n, 1)
	r.slug = v.categoryFor(k, r, forwardNone)
	return takeIf(v.hasMentionInSentence())
}

// pctChangeAfter: "a 12% increase in X", "20% down".
func (v *view) pctChangeAfter(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after, after2 := v.word(n.last+1), v.word(n.last+2)
	if !(fallWords.has(after) || riseWords.has(after)) || after == "up" && after2 == "to" {
		return pass
	}
	// "3% below target", "5% above the target", "2% lower than target":
	// how far from a target, not a change.
	t := n.last + 2
	if v.word(t) == "than" || v.word(t) == "on" {
		t++
	}
	if w := v.word(t); w == "the" || w == "its" || w == "our" {
		t++
	}
	if v.word(t) == "target" {
		return drop
	}
	// "a 0.5% increase in the burglary solved rate": a change of a
	// detection rate, in points or of itself, is no change of the crime.
	for i := n.last + 2; i < len(v.toks) && i <= n.last+8 && !v.isClauseBreak(i); i++ {
		if w := v.word(i); (w == "rate" || w == "rates") && (detectionWords.has(v.word(i-1)) || v.word(i-1) == "outcome") {
			return drop
		}
	}
	r.measure, r.value = ChangePercent, signed(*n, wordSign(after))
	r.last = n.last + 1
	r.slug = v.categoryFor(k, r, forwardChange)
	if v.word(n.last+2) == "in" {
		parent := r.slug
		if m := v.nearestBefore(n.first); parent == "" && m >= 0 {
			parent = v.mentions[m].slug
		}
		if sub, last := v.onesOf(parent, n.last+3); sub != "" {
			r.slug, r.last = sub, last // "a 14% rise in non-residential ones"
		}
	}
	return take
}

// kindRoot is the category the kinds of a category are of.
var kindRoot = map[string]string{
	"residential_burglary": "burglary", "business_burglary": "burglary",
	"personal_robbery": "robbery", "business_robbery": "robbery",
}

// onesOf reads "non-residential ones", "personal ones" at token i: a kind
// of the category parent named before, and the token of "ones"; "" when
// the words there are not that.
func (v *view) onesOf(parent string, i int) (string, int) {
	j, non := i, false
	if v.word(j) == "non" {
		non, j = true, j+1
		if v.word(j) == "-" {
			j++
		}
	}
	if v.word(j+1) != "ones" || parent == "" {
		return "", -1
	}
	kinds, ok := subtypeKinds[v.word(j)]
	if !ok {
		return "", -1
	}
	// "a fall in residential burglaries offset by a rise in
	// non-residential ones": ones of a kind beside the one named.
	if root, ok := kindRoot[parent]; ok {
		parent = root
	}
	sub, ok := kinds[parent]
	if !ok {
		return "", -1
	}
	if non {
		// "non-residential", "non-dwelling": the other kind of burglary.
		if sub != "residential_burglary" {
			return "", -1
		}
		sub = "business_burglary"
	}
	return sub, j + 1
}

// pctTargetAim: "aims for a 10% reduction in knife crime", "an ambition
// of a 15% cut in robbery", "seeking a 5% fall in ASB": a change the
// partnership sets out to make is a target.
func (v *view) pctTargetAim(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	after := v.word(n.last + 1)
	if !(fallWords.has(after) || riseWords.has(after)) || after == "up" || after == "down" {
		return pass
	}
	j := n.first - 1
	if w := v.word(j); w == "a" || w == "an" {
		j--
	}
	if w := v.word(j); w == "for" || w == "of" {
		j--
	}
	if !aimWords.has(v.word(j)) && !v.byLaterYear(n.last+2) {
		return pass
	}
	r.measure, r.value = TargetPercent, signed(*n, wordSign(after))
	r.first, r.last = min(r.first, j), n.last+1
	r.slug = v.categoryFor(k, r, forwardChange)
	return takeIf(r.slug != "")
}

// byLaterYear reports whether the clause from token i says the change is
// to be made by a year after the meeting's: "a 20% reduction in the MOPAC
// 7 neighbourhood crimes by 2016", told in 2014.
func (v *view) byLaterYear(i int) bool {
	if v.meetingYear == 0 {
		return false
	}
	for j := i; j < len(v.toks) && j < i+10 && !v.isClauseBreak(j); j++ {
		if v.word(j) == "by" && j+1 < len(v.toks) && v.toks[j+1].kind == numToken && len(v.toks[j+1].text) == 4 {
			y, err := strconv.Atoi(v.toks[j+1].text)
			return err == nil && y > v.meetingYear
		}
	}
	return false
}

// aimWords say that what follows is still to be achieved: "aims for a
// 10% reduction", "an ambition of a 15% cut".
var aimWords = newWordSet(map[string]bool{
	"aim": true, "aims": true, "aiming": true, "aimed": true, "ambition": true, "goal": true,
	"seek": true, "seeks": true, "seeking": true, "targeting": true, "targetting": true, "targets": true,
})

// pctRateEarlier: "had risen to 73.6% (68.9% in 2022/23)", "was 9.1%
// (last year 7.4%)", "is 12% (11%)": a percentage in brackets straight
// after a rate is the same rate at an earlier time.
func (v *view) pctRateEarlier(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if len(prev) == 0 {
		return pass
	}
	p := prev[len(prev)-1]
	if p.num < 0 || p.measure != DetectionRatePercent && p.measure != RatePercent {
		return pass
	}
	open := v.nums[p.num].last + 1
	if v.word(open) != "(" || n.first-open > 4 || n.first > open+1 && !earlierPeriodWords(v, open+1, n.first) {
		return pass
	}
	r.measure, r.slug, r.previous = p.measure, p.slug, true
	return take
}

// pctRateListItem: "Detection rates: burglary 8%, robbery 14%, vehicle
// crime 3%": an item of a list of rates, a category then its percentage,
// is of the rate the list began with.
func (v *view) pctRateListItem(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if len(prev) == 0 || n.sign != 0 {
		return pass
	}
	p := prev[len(prev)-1]
	if p.measure != DetectionRatePercent && p.measure != RatePercent {
		return pass
	}
	m := v.mentionAt(n.first - 1)
	if m < 0 || v.mentions[m].slug == blocked || v.mentions[m].generic {
		return pass
	}
	if w := v.word(v.mentions[m].first - 1); w != "," && w != "and" && w != ";" {
		return pass
	}
	r.measure, r.slug, r.first = p.measure, v.mentions[m].slug, v.mentions[m].first
	return take
}

// pctRateAfter: "a 26% rate of re-offending".
func (v *view) pctRateAfter(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.last+1) != "rate" || detectionWords.has(v.word(n.first-1)) {
		return pass
	}
	r.measure = RatePercent
	r.last = n.last + 1
	r.slug = v.categoryFor(k, r, forwardRate)
	return take
}

// pctShareSolved: "64% of hate crimes were solved".
func (v *view) pctShareSolved(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.last+1) != "of" {
		return pass
	}
	m := v.mentionStartingIn(n.last+2, n.last+4)
	if m < 0 || v.mentions[m].slug == blocked {
		return pass
	}
	for i := v.mentions[m].last + 1; i < len(v.toks) && i <= v.mentions[m].last+6; i++ {
		if detectionWords.has(v.word(i)) {
			r.measure, r.slug, r.last = DetectionRatePercent, v.mentions[m].slug, i
			return take
		}
	}
	return pass
}

// pctShareRate: "83% of offenders in the borough had re-offended", "12%
// of recorded offences were hate crimes": the share of a group that the
// category describes.
func (v *view) pctShareRate(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.last+1) != "of" {
		return pass
	}
	for i := n.last + 2; i < len(v.toks) && i <= n.last+9; i++ {
		if v.isClauseBreak(i) || v.isKeptNumber(i) || v.toks[i].text == "," {
			return pass
		}
		m := v.mentionAt(i)
		if m < 0 {
			continue
		}
		mm := v.mentions[m]
		if mm.slug == blocked {
			if !shareGroupWords.has(v.word(mm.first)) {
				return pass
			}
			i = mm.last
			continue
		}
		if mm.generic || !shareVerbs.has(v.word(i-1)) && !shareVerbs.has(v.word(i-2)) {
			i = mm.last
			continue
		}
		// People share in reoffending; offences share in a category.
		if mm.slug != "reoffending" && !v.sharesOffences(n.last+2, i) {
			return pass
		}
		r.measure, r.slug, r.last = RatePercent, mm.slug, mm.last
		return take
	}
	return pass
}

// shareVerbs link a group to the category its share describes: "had
// re-offended", "were hate crimes".
var shareVerbs = newWordSet(map[string]bool{"had": true, "have": true, "has": true, "were": true, "was": true, "are": true, "is": true, "went": true})

// shareGroupWords are blocked topics that may still be the group of a
// share: "83% of offenders".
var shareGroupWords = newWordSet(map[string]bool{"offender": true, "offenders": true, "children": true, "young": true})

// sharesOffences reports whether the group named in tokens [a, b) is of
// offences, crimes or incidents.
func (v *view) sharesOffences(a, b int) bool {
	for j := a; j < b; j++ {
		if m := v.mentionAt(j); m >= 0 && v.mentions[m].generic || eventNouns.has(v.toks[j].stem) && v.toks[j].stem != "victim" {
			return true
		}
	}
	return false
}

// pctSigned: "rape (+10%)", "burglary -7.7%": a sign written on the number
// makes it a change.
func (v *view) pctSigned(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if n.sign == 0 {
		return pass
	}
	if cue, cueAt := v.percentCueBefore(*n); cue == TargetPercent && n.first-cueAt <= 3 {
		return pass
	}
	r.measure, r.value = ChangePercent, n.value*float64(n.sign)
	r.slug = v.categoryFor(k, r, forwardNone)
	return take
}

// pctBracketAfterChange: "increased by 12 offences (8%)", "rose from 145
// to 167 (15%)": a bare percentage in brackets after a change is its size.
func (v *view) pctBracketAfterChange(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.word(n.first-1) != "(" {
		return pass
	}
	if cue, _ := v.percentCueBefore(*n); cue != "" {
		return pass
	}
	sign, _ := v.changeBefore(n.first-1, 14, true)
	if sign == 0 {
		return pass
	}
	r.measure, r.value = ChangePercent, signed(*n, sign)
	switch m := v.mentionAt(n.first - 2); {
	case m >= 0 && v.mentions[m].slug != blocked && !v.mentions[m].generic && !v.claimedBy(v.mentions[m], ChangePercent):
		// "reductions in burglary (12%), robbery (8%) and ASB (3%)": a
		// list item, the category just before its bracket.
		r.slug, r.first = v.mentions[m].slug, v.mentions[m].first
	case len(prev) > 0 && v.nums[prev[len(prev)-1].num].last < n.first:
		r.slug = prev[len(prev)-1].slug
		r.inherit = true
	default:
		r.slug = v.categoryFor(k, r, forwardNone)
	}
	return take
}

// pctUnderLead: "Reductions were seen in:" then "• Burglary (12%)",
// "• Robbery 8%": a bare percentage under a lead line that gives the
// direction is a change that way.
func (v *view) pctUnderLead(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if v.leadSign == 0 || n.sign != 0 {
		return pass
	}
	if cue, _ := v.percentCueBefore(*n); cue != "" {
		return pass
	}
	m := v.nearestBefore(n.first)
	if m < 0 || v.mentions[m].slug == blocked || n.first-v.mentions[m].last > 3 {
		return pass
	}
	r.measure, r.value = ChangePercent, n.value*float64(v.leadSign)
	r.slug, r.first = v.pickSpecific(m), v.mentions[m].first
	return take
}

// pctChangeBefore: "burglary had reduced by 39%", "an increase of 14%",
// "up 12%": a change word earlier in the clause.
func (v *view) pctChangeBefore(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	if cue, _ := v.percentCueBefore(*n); cue != ChangePercent {
		return pass
	}
	sign, at := v.changeBefore(n.first, 12, false)
	if sign == 0 {
		return pass
	}
	r.measure, r.value = ChangePercent, signed(*n, sign)
	r.first = min(r.first, at)
	r.slug = v.categoryFor(k, r, forwardAfterOf)
	return take
}

// pctTargetCue: "the target is 20%", "an aim of 5%".
func (v *view) pctTargetCue(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	cue, cueAt := v.percentCueBefore(*n)
	if cue != TargetPercent {
		return pass
	}
	r.measure, r.value = TargetPercent, signed(*n, 1)
	r.first = min(r.first, cueAt)
	r.slug = v.categoryFor(k, r, forwardNone)
	return takeIf(v.hasMentionInSentence())
}

// pctRateCue: "the detection rate for robbery was 17.8%", "the
// re-offending rate in Barnet was 26.3%": a rate named earlier in the
// clause.
func (v *view) pctRateCue(k int, prev []reading, r *reading) verdict {
	n := &v.nums[k]
	cue, cueAt := v.percentCueBefore(*n)
	if cue != DetectionRatePercent && cue != RatePercent {
		return pass
	}
	r.measure = cue
	r.first = min(r.first, cueAt)
	if m := v.cueCategory(cueAt); m >= 0 {
		r.slug = v.mentions[m].slug
		r.first = min(r.first, v.mentions[m].first)
		return take
	}
	r.slug = v.categoryFor(k, r, forwardRate)
	if r.slug == "" && cue == DetectionRatePercent && !v.hasMentionInSentence() {
		// "The solvency rate was 71.4%" after a sentence about one
		// crime group is that group's; with none, or as an item of a
		// list ("• Solved rate: 9.8%"), it is all crime's.
		if r.slug = v.prevSlug(); r.slug == "" || v.bullet {
			r.slug = genericCrime
		}
	}
	return take
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
	case b == "and" && (p.rule == rulePer1000Compared || p.rule == rulePercentCompared):
		// "compared with 72.1 across Sussex and 63.0 in Lewes": the list
		// of places compared goes on.
	default:
		return reading{}, false
	}
	if p.measure == ChangePercent && !(b == "with" || b == "to") {
		return reading{}, false
	}
	return p, true
}

// percentCueBefore finds the nearest word before a percentage that says
// what it measures, looking back within the clause. It returns the measure
// and the token of the cue.
func (v *view) percentCueBefore(n number) (Measure, int) {
	// The percentage rules ask it of a number one after another: the
	// answer for the last number asked is kept.
	if c := &v.cue; c.asked && c.first == n.first {
		return c.measure, c.at
	}
	m, at := v.findPercentCueBefore(n)
	v.cue.asked, v.cue.first, v.cue.measure, v.cue.at = true, n.first, m, at
	return m, at
}

// findPercentCueBefore is percentCueBefore, looked for.
func (v *view) findPercentCueBefore(n number) (Measure, int) {
	for i, steps := n.first-1, 0; i >= 0 && steps < 12; i-- {
		if v.isClauseBreak(i) {
			break
		}
		t := &v.toks[i]
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
		case detectionWords.has(w):
			return DetectionRatePercent, i
		case w == "rate" || w == "rates" || w == "proportion":
			if detectionWords.has(v.word(i-1)) || (v.word(i-1) == "outcome" || v.word(i-2) == "positive") || v.clearUpAt(i-1) {
				return DetectionRatePercent, i - 1
			}
			if w == "proportion" {
				return "", -1
			}
			// "solvency rate for Group 1 crime was 75%, with common
			// assault rates of 71%": a bare rate after a detection rate
			// is one too.
			for j := i - 1; j >= 0; j-- {
				if detectionWords.has(v.word(j)) {
					return DetectionRatePercent, i
				}
			}
			return RatePercent, i
		case changeNouns.has(w) && (v.word(i+1) == "of" || v.word(i+1) == "in" || v.word(i+1) == "by" ||
			(v.word(i+1) == "was" || v.word(i+1) == "is" || v.word(i+1) == "stood") && i >= n.first-4):
			return ChangePercent, i
		case (fallWords.has(w) || riseWords.has(w)) && i >= n.first-2:
			// "up 12%", "rose 5%", "down by 3%"
			if w == "more" || w == "less" {
				return "", -1
			}
			return ChangePercent, i
		case (fallWords.has(w) || riseWords.has(w)) && !(w == "more" || w == "less" || w == "up" && v.word(i+1) == "to"):
			return ChangePercent, i
		}
	}
	return "", -1
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
		t := &v.toks[i]
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
		if fallWords.has(w) {
			return -1, i
		}
		if riseWords.has(w) {
			return 1, i
		}
	}
	return 0, -1
}

// hedgeWords soften a size: "by almost a fifth", "by around a third".
var hedgeWords = newWordSet(map[string]bool{"almost": true, "nearly": true, "around": true, "about": true, "roughly": true,
	"over": true, "under": true, "approximately": true, "just": true, "some": true, "well": true})

// otherSubjectBetween reports whether a clause of its own opens between
// tokens a and b, about something else: "public order offences were up
// 14%, concentrated in the summer, when the population more than doubled".
func (v *view) otherSubjectBetween(a, b int) bool {
	for j := a + 1; j < b; j++ {
		switch v.word(j) {
		case "when", "where", "whereas", "while", "whilst", "because", "although", "but":
			return true
		}
	}
	return false
}

// readMultipliers reads changes written as words: "Levels of gun and knife
// crime had been halved", "ASB has doubled", "reduced by half".
func (v *view) readMultipliers() []reading {
	var out []reading
	for i := v.multipliersFrom; i < len(v.toks); i++ {
		t := &v.toks[i]
		if !mayBeMultiplier(t.norm) {
			continue // neither a multiplier nor a fraction
		}
		name := ruleMultiplier
		val, ok := multiplierWords[t.norm]
		if !ok {
			frac, isFrac := fractionWords[t.norm]
			if !isFrac {
				continue
			}
			name = ruleFraction
			by := i - 1
			if v.word(by) == "a" {
				by--
			}
			for h := 0; h < 2 && hedgeWords.has(v.word(by)); h++ {
				by-- // "fallen by almost a fifth", "by just over a third"
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
		if v.ctl.isOff(name) {
			continue
		}
		m := v.nearestBefore(i)
		if m < 0 {
			continue
		}
		mm := v.mentions[m]
		if mm.slug == blocked || v.otherSubjectBetween(mm.last, i) {
			continue
		}
		out = append(out, reading{num: -1, measure: ChangePercent, value: val, slug: v.pickSpecific(m), first: mm.first, last: i, rule: name})
	}
	return out
}
