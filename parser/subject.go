package parser

import "strings"

// Choosing the category a figure is about: after its number where the
// phrase reads that way, else the nearest named before it.

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
var linkWords = newWordSet(map[string]bool{
	"in": true, "of": true, "the": true, "number": true, "level": true, "levels": true,
	"for": true, "relation": true, "to": true, "on": true, "reported": true,
	"recorded": true, "volume": true, "amount": true, "reports": true, "incidents": true,
	"relating": true, "regard": true, "with": true, "cases": true, "all": true,
	"respect": true, "rate": true, "total": true, "overall": true, "instances": true,
	"offences": true, "crimes": true, "across": true, "against": true, "a": true,
})

// categoryFor picks the category of a number: after it where the phrase
// reads that way ("a 35% reduction in antisocial behaviour"), else the
// nearest category named before it in the sentence, else the previous
// sentence's when this one refers back to it.
func (v *view) categoryFor(k int, r *reading, fw forwardKind) string {
	n := &v.nums[k]
	if fw != forwardNone {
		start := r.last + 1
		// "a 12% increase in <X>": the phrase after "in" is the subject,
		// whatever words it takes to name it.
		open := fw == forwardChange && v.word(start) == "in" && !v.placeAt(start+1) && !v.inTotal(start+1)
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
				if openStops.has(w) {
					break
				}
				continue
			}
			if !linkWords.has(w) && !periodWords.has(w) && !(fw == forwardChange && (riseWords.has(w) || fallWords.has(w))) {
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

// inTotal reports whether "in total", "in all" or "overall" ends the clause
// at token i: "a 14% increase in total" names no subject of its own.
func (v *view) inTotal(i int) bool {
	switch v.word(i) {
	case "total", "all", "overall", "sum":
		return v.clauseEndsAt(i+1) || v.word(i+1) == "and"
	}
	return false
}

// openStops end the noun phrase after "a 12% increase in": past them the
// words are about something else ("the budget for ASB services").
var openStops = newWordSet(map[string]bool{
	"and": true, "but": true, "which": true, "while": true, "whilst": true,
	"for": true, "on": true, "by": true, "to": true, "from": true, "with": true,
	"compared": true, "than": true, "since": true, "over": true, "during": true,
})

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
		if p.measure == ChangePercent && !v.specificBetween(p.last, v.nums[k].first) &&
			(noun < 0 || v.mentions[noun].generic || strings.Contains(p.slug, v.mentions[noun].slug)) {
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
	// "300 fewer victims of crime": of crime as a whole.
	if m := v.mentionStartingIn(r.last+1, r.last+3); m >= 0 && v.mentions[m].generic && v.word(r.last+1) == "of" {
		r.last = max(r.last, v.mentions[m].last)
		return v.mentions[m].slug
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
	n := &v.nums[k]
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
			if v.mentions[m].slug == blocked && modifierSuffixes.has(v.word(v.mentions[m].last+1)) {
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
	// "The total now stood at 2,250 offences": the category the sentence
	// before was about, when this one names none.
	if st := v.toks[r.last].stem; (genericCrimeNoun(st) || incidentNouns.has(st)) && !v.hasSpecificMention() && (v.refersBack() || v.refersToTotal()) {
		return v.prevSlug()
	}
	if m := v.mentionAt(r.last); m >= 0 {
		return v.mentions[m].slug
	}
	if v.toks[r.last].stem == "scheme" {
		if scheme := v.passageScheme(); scheme != "" {
			return scheme // "124 schemes" in a passage about Neighbourhood Watch
		}
	}
	if eventNouns.has(v.toks[r.last].stem) && genericCrimeNoun(v.toks[r.last].stem) {
		return genericCrime
	}
	if v.refersBack() {
		return v.prevSlug()
	}
	// "The latest figures for hate crime were given. 92 incidents had
	// been reported": a bare count of incidents in a sentence naming no
	// category counts the one the sentence before was about.
	if !v.hasMentionInSentence() && incidentNouns.has(v.toks[r.last].stem) && r.last == n.last+1 && v.prevTopic != nil {
		return v.prevTopic()
	}
	return ""
}

// incidentNouns count incidents of whatever the minutes are speaking of
// ("92 incidents", "40 reports"); victims, calls and cases are counted for
// other reasons too often to stand for a category unnamed.
var incidentNouns = newWordSet(map[string]bool{"incident": true, "report": true, "allegation": true, "occurrence": true})

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
