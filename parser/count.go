package parser

// Reading a plain number: a count, a change in a count, a rate per 1,000
// or a number of sign-ups, by the words around it.

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
			sign := wordSign(after)
			r.measure, r.value, r.last = ChangeCount, n.value*float64(sign), j
			r.slug = v.changeCountCategory(k, &r, prev)
			return r, true
		}
	}
	// "4,512 ASB incidents ..., 312 fewer than the same period last year"
	if (fallWords[after] || riseWords[after]) && v.word(n.last+2) == "than" && len(prev) > 0 && prev[len(prev)-1].measure == Count {
		sign := wordSign(after)
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
			r.measure, r.value, r.last, r.slug, r.inherit = ChangeCount, signed(n, sign(p.value)), j, p.slug, true
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
	// "Residential burglary      412    (-14%)": a row of a table without
	// a header, the number right after the category it counts.
	if m := v.mentionAt(n.first - 1); m >= 0 && len(v.toks) <= 14 && !n.word && v.mentions[m].first == 0 &&
		v.mentions[m].slug != blocked && (n.last+1 == len(v.toks) || v.word(n.last+1) == "(") {
		r.measure, r.first, r.slug = Count, v.mentions[m].first, v.pickSpecific(m)
		return r, true
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

	// "with 58 recorded in the quarter against 41", "just 31 reported":
	// a count whose noun is the category named before.
	if (after == "recorded" || after == "reported") && !n.word && v.countNounAfter(n.last+1) < 0 {
		if s := v.specificBefore(n.first); s >= 0 && !claimedByCount(prev, v.mentions[s]) {
			r.measure, r.last, r.slug = Count, n.last+1, v.mentions[s].slug
			r.first = min(r.first, v.mentions[s].first)
			return r, true
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
	if before == "from" && k+1 < len(v.nums) && !v.nums[k+1].percent && v.word(v.nums[k+1].first-1) == "to" && v.nums[k+1].first-n.last <= 8 {
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
			// "962 Group 2 sexual crimes": a label before the counted noun.
			if j := v.nextCountable(mm.last + 1); j >= 0 {
				return j
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
		return b == "to" && v.word(pn.first-1) == "from" && n.first-pn.last <= 8
	}
	return true
}
