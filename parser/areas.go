package parser

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// place is a place named in a sentence that a figure may apply to.
type place struct {
	name        string
	first, last int
	council     bool
	// subject marks a place that opens a clause of its own ("..., and
	// County overall had seen ..."): no figure before it is its.
	subject bool
}

// The names of wider areas, as the area label writes them.
const (
	areaLondon   = "London"
	areaNational = "National"
	// areaNation stands for the nation of the minutes' borough:
	// "nationally", "a national rate".
	areaNation = "\x00nation"
	// areaForce stands for the police force the minutes name: "the force
	// as a whole", "force-wide".
	areaForce = "\x00force"
	// areaBCU stands for the command unit the minutes name: "across the
	// BCU".
	areaBCU = "\x00bcu"
	// areaCentre stands for the town or city centre the minutes name:
	// "in the town centre".
	areaCentre = "\x00centre"
	// areaBorough stands for the minutes' own borough: "across the borough".
	areaBorough = "\x00borough"
	// areaWard stands for the ward a ward panel covers: "on the ward".
	areaWard = "\x00ward"
	// areaThere stands for the place the sentence before named: "There
	// were 45 incidents there."
	areaThere = "\x00there"
	// areaUnit, then "Division", "District" or "Region", stands for the
	// one the minutes name: "in the Division".
	areaUnit = "\x00unit "
)

// councilTrie holds the councils' names by lower-case word, forceTrie the
// police forces' areas.
var (
	councilTrie = buildNameTrie(councils)
	forceTrie   = buildNameTrie(policeForceAreas)
)

// buildNameTrie compiles names, by lower-case word, to themselves.
func buildNameTrie(names []string) *wordTrie {
	root := newWordTrie()
	for _, name := range names {
		root.add(nameWords(name), name)
	}
	return root
}

// nameWords splits a name into the lower-case words its tokens would have.
func nameWords(name string) []string {
	var out []string
	for _, t := range tokenize(nil, name, 0, len(name)) {
		if t.kind != punctToken {
			out = append(out, t.norm)
		}
	}
	return out
}

// matchCouncil returns the council named at toks[i] and the last token of
// its name, or "" when none is.
func matchCouncil(toks []token, i int) (string, int) {
	return matchName(councilTrie, toks, i)
}

// matchName returns the longest name of trie starting at toks[i].
func matchName(trie *wordTrie, toks []token, i int) (string, int) {
	if !capitalised(toks[i].text) {
		return "", -1
	}
	n := trie
	name, last := "", -1
	for j := i; j < len(toks); j++ {
		t := &toks[j]
		if t.kind == punctToken {
			if t.text == "&" {
				if c, ok := n.child("and"); ok {
					n = c
					continue
				}
			}
			if t.text == "," || t.text == "-" || t.text == "&" {
				continue
			}
			break
		}
		c, ok := n.child(t.norm)
		if !ok {
			break
		}
		n = c
		if n.value != "" {
			name, last = n.value, j
		}
	}
	return name, last
}

// ambiguousCouncils are council names that are also common words or
// surnames; they name a place only after a preposition.
var ambiguousCouncils = newWordSet(map[string]bool{
	"Reading": true, "Hart": true, "Eden": true, "Rugby": true, "Bury": true,
	"Central": true, "Wyre": true, "Bath": true, "Derby": true, "Castle Point": true,
	"Ashford": true, "Torridge": true, "Mendip": true, "Wealden": true, "Preston": true,
})

// placePrepositions introduce a place: "in Barnet", "across London".
var placePrepositions = newWordSet(map[string]bool{
	"in": true, "across": true, "within": true, "for": true, "of": true, "throughout": true,
	"at": true, "from": true, "around": true, "on": true, "covering": true, "over": true,
})

// isPlacePreposition reports whether w, lower-case, is a placePreposition.
func isPlacePreposition(w string) bool {
	return placePrepositions.has(w)
}

// compassWords name the Met's areas and command units.
var compassWords = newWordSet(map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "central": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "area": true,
})

// placeSuffixes end the name of a place narrower than a borough.
var placeSuffixes = map[string]string{
	"park": "Park", "estate": "Estate", "road": "Road", "street": "Street", "green": "Green",
	"common": "Common", "village": "Village", "broadway": "Broadway", "square": "Square",
	"lane": "Lane", "gate": "Gate", "circus": "Circus", "hill": "Hill", "parade": "Parade",
}

// placeSuffixShapes are the shapes of placeSuffixes, asked first of the
// many words that are none.
var placeSuffixShapes = shapesOf(placeSuffixes)

// placeSuffix returns placeSuffixes[w] and whether w is one.
func placeSuffix(w string) (string, bool) {
	if !placeSuffixShapes.mayHold(w) {
		return "", false
	}
	suffix, ok := placeSuffixes[w]
	return suffix, ok
}

// findPlaces returns the places a sentence names, left to right.
func findPlaces(toks []token) []place { return appendPlaces(nil, toks) }

// appendPlaces is findPlaces appending to dst, so that a parse can reuse
// one slice from sentence to sentence.
func appendPlaces(dst []place, toks []token) []place {
	out := dst
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != wordToken {
			continue
		}
		// "across the county", "in the county", "county-wide": the
		// force's area, as "County overall" is (see subjectPlace); "the
		// county borough" is the borough itself
		// (A token's norm is its text lower-cased, made once: no word
		// is lower-cased again here.)
		if next := normAt(toks, i+1); t.norm == "county" && next != "borough" && next != "council" && (t.text == "county" && strings.EqualFold(wordAt(toks, i-1), "the") && placePrepositions.has(normAt(toks, i-2)) ||
			wordAt(toks, i+1) == "-" && strings.EqualFold(wordAt(toks, i+2), "wide")) {
			out = append(out, place{name: areaForce, first: i, last: i})
			continue
		}
		switch t.norm {
		case "bcu", "command":
			if p, ok := commandUnit(toks, i); ok {
				out = append(out, p)
			} else if t.text == "BCU" && strings.EqualFold(wordAt(toks, i-1), "the") {
				out = append(out, place{name: areaBCU, first: i - 1, last: i}) // "across the BCU"
			}
			continue
		case "division", "region", "district":
			// "the Kilkenny Garda Division", "the Dublin Metropolitan
			// Region", "the Carlow District"
			if suffix := " " + t.text; (t.text == "Division" || t.text == "Region" || t.text == "District") && !strings.EqualFold(wordAt(toks, i+1), "council") {
				if p, ok := namedBefore(toks, i, 4, suffix); ok {
					out = append(out, p)
				} else if strings.EqualFold(wordAt(toks, i-1), "the") && placePrepositions.has(strings.ToLower(wordAt(toks, i-2))) {
					out = append(out, place{name: areaUnit + t.text, first: i - 1, last: i}) // "in the Division"
				}
			}
			continue
		case "ward":
			if p, ok := namedBefore(toks, i, 4, ""); ok {
				out = append(out, p)
			} else if strings.EqualFold(wordAt(toks, i-1), "the") && !capitalised(wordAt(toks, i+1)) {
				out = append(out, place{name: areaWard, first: i - 1, last: i})
			}
			continue
		case "area":
			// "the PCSP area", "the CSP area": the partnership's area is
			// the borough's.
			if j := i - 1; j >= 1 && partnershipAcronyms.has(toks[j].text) && strings.EqualFold(wordAt(toks, j-1), "the") {
				out = append(out, place{name: areaBorough, first: j - 1, last: i})
				continue
			}
			if p, ok := namedBefore(toks, i, 3, ""); ok && strings.EqualFold(wordAt(toks, p.first-1), "the") &&
				!isCompassName(p.name) && !strings.EqualFold(wordAt(toks, i+1), "bcu") && !strings.EqualFold(wordAt(toks, i+1), "command") {
				p.last = i
				out = append(out, p)
			}
			continue
		case "centre", "center":
			kind := normAt(toks, i-1)
			if kind != "town" && kind != "city" {
				continue
			}
			if p, ok := namedBefore(toks, i-1, 3, " "+kind+" centre"); ok {
				p.last = i
				out = append(out, p)
			} else if strings.EqualFold(wordAt(toks, i-2), "the") {
				// "in the town centre": the one the minutes named, or the
				// borough's own.
				out = append(out, place{name: areaCentre + " " + kind + " centre", first: i - 2, last: i})
			}
			continue
		case "borough", "boroughwide":
			possessive := strings.EqualFold(wordAt(toks, i-1), "the") && (wordAt(toks, i+1) == "'" || wordAt(toks, i+1) == "’") && strings.EqualFold(wordAt(toks, i+2), "s")
			if t.norm == "boroughwide" || possessive || strings.EqualFold(wordAt(toks, i-1), "the") && placePrepositions.has(normAt(toks, i-2)) ||
				wordAt(toks, i+1) == "-" && strings.EqualFold(wordAt(toks, i+2), "wide") {
				out = append(out, place{name: areaBorough, first: i, last: i})
			}
			continue
		case "there":
			// "45 incidents there", "crime there fell", not "there were".
			if i > 0 && locativeThere(toks, i) {
				out = append(out, place{name: areaThere, first: i, last: i})
			}
			continue
		case "nationally":
			out = append(out, place{name: areaNation, first: i, last: i})
			continue
		case "national":
			if n := normAt(toks, i+1); n == "rate" || n == "average" || n == "figure" || n == "charge" ||
				n == "level" || n == "picture" || n == "trend" || n == "increase" || n == "rise" || n == "fall" {
				out = append(out, place{name: areaNation, first: i, last: i})
			}
			continue
		case "country":
			if strings.EqualFold(wordAt(toks, i-1), "the") && placePrepositions.has(normAt(toks, i-2)) {
				out = append(out, place{name: areaNation, first: i - 1, last: i})
			}
			continue
		case "countywide":
			out = append(out, place{name: areaForce, first: i, last: i})
			continue
		case "force":
			// "the force as a whole", "across the force", "force-wide",
			// "the force average"
			if t.text == "force" && (strings.EqualFold(wordAt(toks, i-1), "the") || wordAt(toks, i+1) == "-" && strings.EqualFold(wordAt(toks, i+2), "wide")) {
				out = append(out, place{name: areaForce, first: i, last: i})
			}
			continue
		case "psni":
			out = append(out, place{name: "Northern Ireland", first: i, last: i})
			continue
		case "england", "scotland", "wales", "uk":
			if !capitalised(t.text) {
				continue
			}
			name, last := t.text, i
			switch {
			case t.norm == "england" && strings.EqualFold(wordAt(toks, i+1), "and") && strings.EqualFold(wordAt(toks, i+2), "wales"):
				name, last = "England and Wales", i+2
			case t.norm == "uk":
				name = "United Kingdom"
			case t.norm == "wales" && strings.EqualFold(wordAt(toks, i-1), "north") || strings.EqualFold(wordAt(toks, i-1), "south"):
				continue // a police force, read below
			}
			if orgWords.has(normAt(toks, last+1)) {
				continue // "Police Scotland", "Wales Probation"
			}
			out = append(out, place{name: name, first: i, last: last})
			i = last
			continue
		case "london":
			if t.text == "London" && !followedByName(toks, i) {
				out = append(out, place{name: areaLondon, first: i, last: i})
			}
			continue
		case "met", "mps":
			if t.text == "Met" || t.text == "MPS" {
				out = append(out, place{name: areaLondon, first: i, last: i})
				continue
			}
		case "metropolitan":
			if strings.EqualFold(wordAt(toks, i+1), "police") {
				out = append(out, place{name: areaLondon, first: i, last: i + 1})
				i++
				continue
			}
		}
		// Every name below starts with a capital, but for "estate":
		// most words are none of them, and are passed over here.
		if !capitalised(t.text) && t.norm != "estate" {
			continue
		}
		// "in Broadwater Park", "on the Alma Estate", "on the Broadwater
		// Farm estate"
		if suffix, ok := placeSuffix(t.norm); ok {
			if p, ok := namedBefore(toks, i, 3, " "+suffix); ok && (placePrepositions.has(normAt(toks, p.first-1)) ||
				t.norm == "estate" && normAt(toks, p.first-1) == "the" && placePrepositions.has(normAt(toks, p.first-2))) {
				p.last = i
				out = append(out, p)
			}
			continue
		}
		if name, last := matchName(forceTrie, toks, i); name != "" && !strings.EqualFold(wordAt(toks, last+1), "street") &&
			!orgWords.has(normAt(toks, last+1)) {
			if _, clast := matchCouncil(toks, i); clast <= last {
				out = append(out, place{name: name, first: i, last: last})
				i = last
				continue
			}
		}
		if name, last := matchCouncil(toks, i); name != "" {
			if ambiguousCouncils.has(name) && !placePrepositions.has(normAt(toks, i-1)) {
				i = last
				continue
			}
			next := normAt(toks, last+1)
			if next == "ward" || next == "area" || next == "areas" || (next == "town" || next == "city") && strings.EqualFold(wordAt(toks, last+2), "centre") {
				continue // a ward, area or centre named after the town
			}
			if _, street := placeSuffixes[next]; street && capitalised(wordAt(toks, last+1)) || next == "street" || next == "road" {
				i = last // "Leicester Square", "Oxford Street": a street, not the town
				continue
			}
			out = append(out, place{name: name, first: i, last: last, council: true})
			i = last
			continue
		}
		if isPlacePreposition(normAt(toks, i-1)) {
			// "a question from Elaine Hosier": a person, not a place.
			if strings.EqualFold(wordAt(toks, i-1), "from") && fromPersonWords.has(normAt(toks, i-2)) {
				continue
			}
			if p, ok := namedAfter(toks, i); ok {
				out = append(out, p)
				i = p.last
			}
			continue
		}
		if p, ok := subjectPlace(toks, i); ok {
			out = append(out, p)
			i = p.last
		}
	}
	return out
}

// partnershipAcronyms name a council's own partnership, whose area is
// the borough: "the PCSP area".
var partnershipAcronyms = newWordSet(map[string]bool{"CSP": true, "PCSP": true, "SCP": true, "CDRP": true, "SSP": true, "LPA": true})

// thereVerbs after "there" make it the subject of a sentence, not a place:
// "there were", "there has been".
var thereVerbs = newWordSet(map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "seems": true, "seemed": true, "appears": true, "appeared": true,
	"remain": true, "remains": true, "remained": true, "been": true, "being": true, "may": true,
	"might": true, "could": true, "should": true, "must": true, "continue": true, "continues": true,
	"'": true, "’": true, "-": true, "and": true, "had been": true,
})

// locativeThere reports whether "there" at toks[i] names a place ("45
// incidents there", "crime there has fallen") rather than opens a clause
// ("there were", "there has been").
func locativeThere(toks []token, i int) bool {
	next := normAt(toks, i+1)
	switch next {
	case "has", "have", "had":
		after := normAt(toks, i+2)
		return after != "been" && after != "a" && after != "an" && after != "no" && after != "some" && after != "also" && after != ""
	}
	return !thereVerbs.has(next)
}

// fromPersonWords before "from" make the name after it a person's: "a
// question from", "an update from", "a presentation from".
var fromPersonWords = newWordSet(map[string]bool{
	"question": true, "questions": true, "update": true, "presentation": true, "report": true,
	"comments": true, "letter": true, "email": true, "representative": true, "officers": true,
	"colleagues": true, "apologies": true, "thanks": true, "response": true, "submission": true,
})

// subjectPlace reads a place that is the subject of a clause reporting
// its figures: "Hitchin Rural had seen an increase to 747", "..., and
// Kimpton and Codicote saw a decrease", "County overall had seen a rise".
// A name of one word must not open the sentence, where any word is
// capitalised.
func subjectPlace(toks []token, i int) (place, bool) {
	prev := wordAt(toks, i-1)
	if i > 0 && prev != "," && prev != ";" && !strings.EqualFold(prev, "and") && !strings.EqualFold(prev, "while") &&
		!strings.EqualFold(prev, "whilst") && !strings.EqualFold(prev, "whereas") && prev != "·" && prev != "•" && prev != "-" && prev != "–" && prev != "—" {
		return place{}, false
	}
	if n := toks[i].norm; (n == "county" || n == "force") && capitalised(toks[i].text) {
		// "County overall had seen an increase", "Force-wide there were"
		if j := i + 1; strings.EqualFold(wordAt(toks, j), "overall") || strings.EqualFold(wordAt(toks, j), "wide") && wordAt(toks, j-1) == "-" ||
			subjectVerbAt(toks, j) {
			return place{name: areaForce, first: i, last: i, subject: true}, true
		}
		return place{}, false
	}
	p, ok := namedAfter(toks, i)
	if !ok || !subjectVerbAt(toks, p.last+1) {
		return place{}, false
	}
	for j := p.first; j <= p.last; j++ {
		if orgWords.has(toks[j].norm) {
			return place{}, false // "Hertfordshire Constabulary recorded"
		}
	}
	if p.last == p.first && (i == 0 || prev == "·" || prev == "•" || prev == "-") {
		return place{}, false
	}
	p.subject = true
	return p, true
}

// subjectVerbAt reports whether the words at toks[j] say a place saw a
// change: "had seen", "has recorded", "saw", "experienced".
func subjectVerbAt(toks []token, j int) bool {
	w := normAt(toks, j)
	switch w {
	case "had", "has", "have":
		w = normAt(toks, j+1)
		return w == "seen" || w == "recorded" || w == "experienced" || w == "shown"
	}
	if (w == "accounted" || w == "accounts") && normAt(toks, j+1) == "for" {
		return true // "– Banbury accounted for 461 of these"
	}
	return w == "saw" || w == "recorded" || w == "experienced" || w == "showed"
}

// namedAfter reads a neighbourhood's name after a preposition: "in
// Bletchley", "in Ely and Caerau", "at Stratford Westfield". Months,
// organisations, acronyms and titles are not places.
func namedAfter(toks []token, i int) (place, bool) {
	last := -1
	for j := i; j < len(toks) && j < i+5; j++ {
		t := &toks[j]
		if t.kind != wordToken {
			break
		}
		if t.norm == "and" && last >= 0 && j+1 < len(toks) && capitalised(toks[j+1].text) && !notPlaceWords.has(toks[j+1].norm) {
			continue
		}
		if !capitalised(t.text) || notPlaceWords.has(t.norm) || stopNames.has(t.norm) || monthNames.has(t.norm) || t.norm == "may" ||
			isAcronym(t.text) || len(t.text) < 3 && t.text != "St" {
			break
		}
		last = j
	}
	if last < 0 {
		return place{}, false
	}
	// A name followed by an organisation's word is the organisation; one
	// followed by "town centre", "ward" or "area" is read by their rules.
	n := normAt(toks, last+1)
	if orgWords.has(n) || n == "ward" || n == "area" || n == "estate" ||
		(n == "town" || n == "city") && strings.EqualFold(wordAt(toks, last+2), "centre") {
		return place{}, false
	}
	return place{name: sourceSpan(toks, i, last), first: i, last: last}, true
}

func isAcronym(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// notPlaceWords are capitalised words after a preposition that do not name
// a place: days, titles, organisations, documents.
var notPlaceWords = newWordSet(map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "operation": true, "op": true, "police": true,
	"council": true, "committee": true, "board": true, "partnership": true, "report": true,
	"appendix": true, "year": true, "quarter": true, "q": true, "phase": true, "section": true,
	"item": true, "mr": true, "mrs": true, "ms": true, "dr": true, "chief": true,
	"superintendent": true, "inspector": true, "sergeant": true, "councillor": true,
	"cllr": true, "members": true, "member": true, "officers": true, "government": true,
	"parliament": true, "home": true, "office": true, "christmas": true,
	"easter": true, "summer": true, "winter": true, "spring": true, "autumn": true,
	"relation": true, "addition": true, "particular": true, "total": true, "terms": true,
	"response": true, "line": true, "order": true, "respect": true, "light": true,
	"comparison": true, "contrast": true, "future": true, "practice": true, "general": true,
	"january": true, "covid": true, "lockdown": true, "crime": true, "anti": true,
	"community": true, "safer": true, "safety": true, "strategy": true, "plan": true,
	"policy": true, "act": true, "annual": true, "national": true, "public": true, "health": true,
	"group": true, "class": true, "category": true, "table": true, "figure": true, "chart": true,
	"paragraph": true, "minutes": true, "agenda": true, "meeting": true, "the": true,
})

// orgWords after a name make it an organisation's name, not a place's.
var orgWords = newWordSet(map[string]bool{
	"police": true, "council": true, "constabulary": true, "committee": true, "board": true,
	"partnership": true, "service": true, "trust": true, "group": true, "team": true,
	"association": true, "project": true, "scheme": true, "university": true, "college": true,
	"school": true, "hospital": true, "fire": true, "commander": true, "ltd": true,
})

// commandUnit reads "North West BCU", "West Area Basic Command Unit", "North
// Area Command" ending at toks[i].
func commandUnit(toks []token, i int) (place, bool) {
	end := i
	if toks[i].norm == "command" {
		if strings.EqualFold(wordAt(toks, i+1), "unit") && strings.EqualFold(wordAt(toks, i-1), "basic") {
			end = i + 1
			i--
		} else if !strings.EqualFold(wordAt(toks, i-1), "area") {
			return place{}, false
		} else {
			p, ok := namedBefore(toks, i, 4, " Command")
			if ok {
				p.last = end
			}
			return p, ok
		}
	} else if toks[i].text != "BCU" {
		return place{}, false
	}
	p, ok := namedBefore(toks, i, 5, " BCU")
	if ok {
		p.last = end
	}
	return p, ok
}

// namedBefore reads the capitalised name of up to max words ending just
// before toks[i] ("Burnt Oak" in "the Burnt Oak area"), joined by spaces,
// "and" or "&", and returns it with suffix added.
func namedBefore(toks []token, i, max int, suffix string) (place, bool) {
	first := -1
	words := 0
	for j := i - 1; j >= 0 && words < max; j-- {
		t := &toks[j]
		if t.kind == punctToken {
			if t.text == "&" || t.text == "'" || t.text == "’" || t.text == "-" ||
				t.text == "/" && first >= 0 && j > 0 && capitalised(toks[j-1].text) || // "the Kilkenny/Carlow Division"
				t.text == "," && first >= 0 && j > 0 && capitalised(toks[j-1].text) && hasAndAhead(toks, j, i) {
				continue
			}
			break
		}
		if t.norm == "and" && first >= 0 && j > 0 && capitalised(toks[j-1].text) {
			continue
		}
		if !capitalised(t.text) || stopNames.has(t.norm) {
			break
		}
		first = j
		words++
	}
	if first < 0 {
		return place{}, false
	}
	// Trim leading "and" or "&".
	for first < i && (toks[first].norm == "and" || toks[first].kind == punctToken) {
		first++
	}
	name := strings.TrimSpace(sourceSpan(toks, first, i-1)) + suffix
	return place{name: name, first: first, last: i}, true
}

// hasAndAhead reports whether an "and" lies between tokens j and i: a
// comma belongs to a name only in a list like "Camborne, Pool and Redruth".
func hasAndAhead(toks []token, j, i int) bool {
	for k := j + 1; k < i; k++ {
		if toks[k].norm == "and" || toks[k].text == "&" {
			return true
		}
	}
	return false
}

// stopNames are capitalised words that start sentences or titles and are
// never part of a place's name.
var stopNames = newWordSet(map[string]bool{
	"the": true, "in": true, "a": true, "an": true, "this": true, "that": true, "their": true,
	"our": true, "his": true, "her": true, "each": true, "every": true, "one": true,
	"local": true, "same": true, "whole": true, "wider": true, "his/her": true, "its": true,
	"cllr": true, "councillor": true, "inspector": true, "sergeant": true, "sgt": true,
	"it": true, "there": true, "however": true, "members": true, "safer": true,
	"neighbourhood": true, "my": true, "your": true, "which": true, "what": true,
	"overall": true, "whilst": true, "while": true, "also": true,
})

// sourceSpan returns the text of toks[a..b] as written, single-spaced.
func sourceSpan(toks []token, a, b int) string {
	var sb strings.Builder
	for j := a; j <= b; j++ {
		if j > a && toks[j].start > toks[j-1].end {
			sb.WriteByte(' ')
		}
		sb.WriteString(toks[j].text)
	}
	return sb.String()
}

// normAt returns the lower-case form of toks[i], or "" outside toks: what
// normAt(toks, i) is for any word a word list holds.
func normAt(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].norm
}

func wordAt(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].text
}

func isCompassName(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !compassWords.has(w) {
			return false
		}
	}
	return true
}

// followedByName reports whether "London" at toks[i] begins a longer name
// ("London Borough of Barnet", "London Fire Brigade") or describes others
// ("the 32 London boroughs").
func followedByName(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	n := toks[i+1]
	if n.kind != wordToken {
		return false
	}
	return capitalised(n.text) || n.norm == "borough" || n.norm == "boroughs" || n.norm == "councils" || n.norm == "authorities" || n.norm == "wide"
}

func capitalised(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z' // ASCII, told by its byte
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// comparisonLeads before a place make it a point of comparison, not where
// the figure applies: "the highest in the Met", "higher than London".
var comparisonLeads = newWordSet(map[string]bool{
	"highest": true, "lowest": true, "than": true, "compared": true, "average": true,
	"best": true, "worst": true, "other": true, "second": true, "third": true,
	"largest": true, "smallest": true, "biggest": true, "most": true, "least": true,
	"neighbouring": true, "like": true, "similar": true, "after": true, "outside": true,
	"beyond": true, "except": true, "excluding": true, "unlike": true, "above": true,
	"below": true, "higher": true, "lower": true, "ahead": true, "behind": true,
	"safest": true, "busiest": true, "quietest": true, "greatest": true, "poorest": true,
	"richest": true, "fastest": true, "slowest": true,
})

// areaBreaks end the clause a place and a figure must share.
var areaBreaks = newWordSet(map[string]bool{
	";": true, ":": true, "which": true, "whereas": true, "while": true, "whilst": true,
	"but": true, "however": true, "compared": true, "than": true, "vs": true,
	"versus": true, "although": true, "against": true,
})

// afterBreaks also end the clause for places after a figure: "811 offences
// year to date with 308 taking place in Barnet".
var afterBreaks = newWordSet(map[string]bool{
	"with": true, "including": true, "much": true, "most": true, "many": true, "some": true,
	"half": true, "majority": true, "concentrated": true, "mostly": true, "mainly": true,
	"particularly": true, "especially": true, "notably": true, "driven": true, "due": true,
	"because": true, "largely": true, "partly": true, "–": true, "—": true,
	"reflecting": true, "following": true, "thanks": true, "owing": true,
})

// areaFor returns the place of the sentence that a figure spanning tokens
// [first, last] applies to, or "" when the sentence ties it to none.
func areaFor(toks []token, places []place, first, last int, other func(int) bool) string {
	best, bestDist := "", len(toks)+1
	for _, p := range places {
		if comparedPlace(toks, p, p.first < first) || roleWords.has(normAt(toks, p.last+1)) {
			continue
		}
		var dist int
		switch {
		case p.last < first:
			if breakBetween(toks, p.last, first) {
				continue
			}
			dist = first - p.last
		case p.first > last:
			if p.subject || subjectVerbAt(toks, p.last+1) || breakBetween(toks, last, p.first) || anyBetween(last, p.first, func(j int) bool { return afterBreaks.has(toks[j].norm) }) ||
				other != nil && anyBetween(last, p.first, other) {
				continue
			}
			dist = p.first - last
		default:
			dist = 0
		}
		if dist < bestDist {
			best, bestDist = p.name, dist
		}
	}
	return best
}

// roleWords after a place make it part of a person's title: "Hackney's
// Central East BCU commander".
var roleWords = newWordSet(map[string]bool{
	"commander": true, "commanders": true, "superintendent": true, "inspector": true,
	"councillor": true, "councillors": true, "chair": true, "manager": true, "lead": true,
	"officer": true, "officers": true, "team": true, "teams": true, "coordinator": true,
	"representative": true, "director": true,
})

// anyBetween reports whether is(j) holds for a token strictly between a and b.
func anyBetween(a, b int, is func(int) bool) bool {
	for j := a + 1; j < b; j++ {
		if is(j) {
			return true
		}
	}
	return false
}

// comparedPlace reports whether a place is only a point of comparison
// ("the highest in the Met", "higher than London"). Before a figure,
// "compared with a national rate of 6.4%" names the figure's own place.
func comparedPlace(toks []token, p place, beforeFigure bool) bool {
	for j := p.first - 1; j >= 0 && j >= p.first-6; j-- {
		if toks[j].kind == numToken {
			return false // "compared with 94.2 across London": the figure is London's
		}
		if comparisonLeads.has(toks[j].norm) {
			// "Robbery in neighbouring Haringey rose": a place of its own.
			if toks[j].norm == "neighbouring" && placePrepositions.has(strings.ToLower(wordAt(toks, j-1))) {
				return false
			}
			return !(beforeFigure && (toks[j].norm == "compared" || toks[j].norm == "against"))
		}
	}
	return false
}

func breakBetween(toks []token, a, b int) bool {
	for j := a + 1; j < b; j++ {
		if areaBreaks.has(toks[j].norm) {
			return true
		}
		// "..., and that robbery had increased": the next thing reported.
		if toks[j].norm == "that" && j > 0 && (toks[j-1].norm == "and" || toks[j-1].text == ",") {
			return true
		}
	}
	return false
}

// wardHeading returns the ward or area a heading line names ("Arboretum
// Ward", "Radford and Park Ward"), or "".
func wardHeading(toks []token) string {
	if len(toks) < 2 || len(toks) > 8 {
		return ""
	}
	last := toks[len(toks)-1]
	if last.norm != "ward" && last.norm != "wards" {
		return ""
	}
	p, ok := namedBefore(toks, len(toks)-1, 6, "")
	if !ok || p.first != 0 {
		return ""
	}
	return p.name
}

// looksLikeName reports whether a heading line could be a place's name in a
// list of wards: a few capitalised words joined by "and" or "&", no digits,
// naming no category.
func looksLikeName(toks []token, mentions []mention) bool {
	if len(toks) == 0 || len(toks) > 6 || len(mentions) > 0 {
		return false
	}
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == numToken:
			return false
		case t.kind == punctToken:
			if t.text != "&" && t.text != "-" && t.text != "'" && t.text != "’" {
				return false
			}
		case t.norm == "and" || t.norm == "upon" || t.norm == "on" || t.norm == "the":
		case !capitalised(t.text) || stopNames.has(t.norm):
			return false
		}
	}
	return true
}

// DetectBorough returns the council whose minutes text most likely are: the
// council it names most, the first named breaking a tie, or "" when it
// names none.
func DetectBorough(text string) string {
	counts := map[string]int{}
	first := map[string]int{}
	var toks []token
	for _, s := range splitSentences(text) {
		toks = tokenize(toks[:0], text, s.start, s.end)
		for _, p := range findPlaces(toks) {
			if !p.council {
				continue
			}
			w := 1
			// "London Borough of Barnet", "Barnet Council" weigh more.
			if strings.EqualFold(wordAt(toks, p.last+1), "council") || strings.EqualFold(wordAt(toks, p.first-1), "of") &&
				strings.EqualFold(wordAt(toks, p.first-2), "borough") {
				w = 3
			}
			if _, ok := first[p.name]; !ok {
				first[p.name] = toks[p.first].start
			}
			counts[p.name] += w
		}
	}
	best := ""
	for name, c := range counts {
		if best == "" || c > counts[best] || c == counts[best] && first[name] < first[best] {
			best = name
		}
	}
	return best
}

// councilAffixes are the words around a council's short name in its formal
// name: "London Borough of Barnet", "Sheffield City Council".
var councilAffixes = []string{
	"London Borough of ", "Royal Borough of ", "Borough of ", "City and County of ",
	"City of ", "County of ", "The ", " Metropolitan Borough Council", " Borough Council",
	" Metropolitan District Council", " Metropolitan District", " District Council",
	" City Council", " County Council", " Council",
}

// CouncilName returns the short name of a council written formally
// ("London Borough of Barnet" → "Barnet", "South Cambridgeshire District
// Council" → "South Cambridgeshire"), or name unchanged when it names no
// council this package knows.
func CouncilName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	short := name
	for changed := true; changed; {
		changed = false
		for _, a := range councilAffixes {
			if strings.HasPrefix(short, a) && len(short) > len(a) {
				short, changed = short[len(a):], true
			}
			if strings.HasSuffix(short, a) && len(short) > len(a) {
				short, changed = short[:len(short)-len(a)], true
			}
		}
	}
	toks := tokenize(nil, short, 0, len(short))
	if len(toks) > 0 {
		if c, last := matchCouncil(toks, 0); c != "" && last == len(toks)-1 {
			return c
		}
	}
	if c, last := matchCouncil(tokenize(nil, name, 0, len(name)), 0); c != "" && last >= 0 {
		return c
	}
	return name
}

// WardOf returns the ward or local area a board's name says it covers: a
// ward panel's ward ("St Margarets & North Twickenham Ward Police Liaison
// Group" → "St Margarets & North Twickenham"), an area committee's area
// ("Kirkcaldy Area Committee" → "Kirkcaldy"); or "" for a borough-wide
// board.
func WardOf(board string) string {
	toks := tokenize(nil, board, 0, len(board))
	for i := range toks {
		t := &toks[i]
		area := t.text == "Area" && areaBodyAt(toks, i+1)
		if t.text != "Ward" && !area {
			continue
		}
		if p, ok := namedBefore(toks, i, 6, ""); ok && p.first == 0 {
			if area && isCompassName(p.name) {
				return p.name + " Area" // "South Area Committee"
			}
			return p.name
		}
	}
	return ""
}

// BoardArea returns the default area of a board's minutes in borough's: the
// ward or area WardOf reads from its name, or a district the name opens
// with when the borough is a county or police force area ("Swale Local
// Engagement Forum" in Kent's minutes → "Swale"); "" for a board of the
// borough as a whole.
func BoardArea(board, borough string) string {
	if w := WardOf(board); w != "" {
		return w
	}
	if borough == "" {
		return ""
	}
	btoks := tokenize(nil, borough, 0, len(borough))
	if name, last := matchName(forceTrie, btoks, 0); name == "" || last != len(btoks)-1 {
		return "" // a district's or London borough's board
	}
	toks := tokenize(nil, board, 0, len(board))
	name, last := matchCouncil(toks, 0)
	if name == "" || name == borough || !hasLocalBody(toks[last+1:]) {
		return ""
	}
	if f, _ := matchName(forceTrie, toks, 0); f != "" {
		return "" // the county's own board
	}
	return name
}

// hasLocalBody reports whether the words name a local board ("Local
// Engagement Forum", "Community Safety Partnership").
func hasLocalBody(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if localBodies.has(t.norm) {
			return true
		}
	}
	return false
}

// areaBodyAt reports whether the words at toks[i] name an area's own body:
// "Committee", "Community Council", "Neighbourhood Forum".
func areaBodyAt(toks []token, i int) bool {
	for j := i; j < len(toks) && j < i+3; j++ {
		if n := toks[j].norm; localBodies.has(n) || n == "council" || n == "meeting" || n == "group" {
			return true
		}
		if !areaBodyWords.has(toks[j].norm) {
			return false
		}
	}
	return false
}

// areaBodyWords may stand between "Area" and its body's name.
var areaBodyWords = newWordSet(map[string]bool{"community": true, "neighbourhood": true, "local": true, "action": true, "safety": true, "police": true})

// localBodies are what an area's own board is called.
var localBodies = newWordSet(map[string]bool{"committee": true, "forum": true, "board": true, "panel": true, "partnership": true})

// nationOf returns the nation whose statistics a "national" figure in a
// council's minutes covers.
func nationOf(borough string) string {
	switch {
	case borough == "":
		return areaNational
	case scottish[borough]:
		return "Scotland"
	case northernIrish[borough]:
		return "Northern Ireland"
	}
	return "England and Wales"
}

// scottish and northernIrish are built once from the lists in places.go.
var (
	scottish      = nationSet(scottishCouncils)
	northernIrish = nationSet(northernIrishCouncils)
)

func nationSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
