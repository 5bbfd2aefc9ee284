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
}

// The names of wider areas, as the area label writes them.
const (
	areaLondon   = "London"
	areaMet      = "Met"
	areaNational = "National"
	// areaBorough stands for the minutes' own borough: "across the borough".
	areaBorough = "\x00borough"
	// areaWard stands for the ward a ward panel covers: "on the ward".
	areaWard = "\x00ward"
)

// councilTrie holds the councils' names by lower-case word.
var councilTrie = buildNameTrie(councils)

type nameNode struct {
	next map[string]*nameNode
	name string
}

func buildNameTrie(names []string) *nameNode {
	root := &nameNode{next: map[string]*nameNode{}}
	for _, name := range names {
		n := root
		for _, w := range nameWords(name) {
			c, ok := n.next[w]
			if !ok {
				c = &nameNode{next: map[string]*nameNode{}}
				n.next[w] = c
			}
			n = c
		}
		n.name = name
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
	if !capitalised(toks[i].text) {
		return "", -1
	}
	n := councilTrie
	name, last := "", -1
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if t.kind == punctToken {
			if t.text == "," || t.text == "-" || t.text == "&" {
				continue
			}
			break
		}
		c, ok := n.next[t.norm]
		if !ok {
			break
		}
		n = c
		if n.name != "" {
			name, last = n.name, j
		}
	}
	return name, last
}

// ambiguousCouncils are council names that are also common words or
// surnames; they name a place only after a preposition.
var ambiguousCouncils = map[string]bool{
	"Reading": true, "Hart": true, "Eden": true, "Rugby": true, "Bury": true,
	"Central": true, "Wyre": true, "Bath": true, "Derby": true, "Castle Point": true,
	"Ashford": true, "Torridge": true, "Mendip": true, "Wealden": true, "Preston": true,
}

// placePrepositions introduce a place: "in Barnet", "across London".
var placePrepositions = map[string]bool{
	"in": true, "across": true, "within": true, "for": true, "of": true, "throughout": true,
	"at": true, "from": true, "around": true, "on": true, "covering": true, "over": true,
}

// compassWords name the Met's areas and command units.
var compassWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "central": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "area": true,
}

// placeSuffixes end the name of a place narrower than a borough.
var placeSuffixes = map[string]string{
	"park": "Park", "estate": "Estate", "road": "Road", "street": "Street", "green": "Green",
	"common": "Common", "village": "Village", "broadway": "Broadway", "square": "Square",
}

// findPlaces returns the places a sentence names, left to right.
func findPlaces(toks []token) []place {
	var out []place
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != wordToken {
			continue
		}
		switch t.norm {
		case "bcu", "command":
			if p, ok := commandUnit(toks, i); ok {
				out = append(out, p)
			}
			continue
		case "division":
			if p, ok := namedBefore(toks, i, 4, " Division"); ok && toks[i].text == "Division" {
				out = append(out, p)
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
			if p, ok := namedBefore(toks, i, 3, ""); ok && strings.EqualFold(wordAt(toks, p.first-1), "the") &&
				!isCompassName(p.name) && !strings.EqualFold(wordAt(toks, i+1), "bcu") && !strings.EqualFold(wordAt(toks, i+1), "command") {
				p.last = i
				out = append(out, p)
			}
			continue
		case "centre":
			if strings.EqualFold(wordAt(toks, i-1), "town") {
				if p, ok := namedBefore(toks, i-1, 3, " town centre"); ok {
					p.last = i
					out = append(out, p)
				}
			}
			continue
		case "borough", "boroughwide":
			if t.norm == "boroughwide" || strings.EqualFold(wordAt(toks, i-1), "the") && placePrepositions[strings.ToLower(wordAt(toks, i-2))] ||
				wordAt(toks, i+1) == "-" && strings.EqualFold(wordAt(toks, i+2), "wide") {
				out = append(out, place{name: areaBorough, first: i, last: i})
			}
			continue
		case "nationally":
			out = append(out, place{name: areaNational, first: i, last: i})
			continue
		case "london":
			if t.text == "London" && !followedByName(toks, i) {
				out = append(out, place{name: areaLondon, first: i, last: i})
			}
			continue
		case "met", "mps":
			if t.text == "Met" || t.text == "MPS" {
				out = append(out, place{name: areaMet, first: i, last: i})
				continue
			}
		case "metropolitan":
			if strings.EqualFold(wordAt(toks, i+1), "police") {
				out = append(out, place{name: areaMet, first: i, last: i + 1})
				i++
				continue
			}
		}
		if suffix, ok := placeSuffixes[t.norm]; ok && capitalised(t.text) {
			if p, ok := namedBefore(toks, i, 3, " "+suffix); ok && placePrepositions[strings.ToLower(wordAt(toks, p.first-1))] {
				p.last = i
				out = append(out, p)
			}
			continue
		}
		if name, last := matchCouncil(toks, i); name != "" {
			if ambiguousCouncils[name] && !placePrepositions[strings.ToLower(wordAt(toks, i-1))] {
				i = last
				continue
			}
			if strings.EqualFold(wordAt(toks, last+1), "ward") || strings.EqualFold(wordAt(toks, last+1), "area") {
				continue // a ward or area named after the town
			}
			out = append(out, place{name: name, first: i, last: last, council: true})
			i = last
		}
	}
	return out
}

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
	p, ok := namedBefore(toks, i, 3, " BCU")
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
		t := toks[j]
		if t.kind == punctToken {
			if t.text == "&" || t.text == "'" || t.text == "’" || t.text == "-" {
				continue
			}
			break
		}
		if t.norm == "and" && first >= 0 && j > 0 && capitalised(toks[j-1].text) {
			continue
		}
		if !capitalised(t.text) || stopNames[t.norm] {
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

// stopNames are capitalised words that start sentences or titles and are
// never part of a place's name.
var stopNames = map[string]bool{
	"the": true, "in": true, "a": true, "an": true, "this": true, "that": true, "their": true,
	"our": true, "his": true, "her": true, "each": true, "every": true, "one": true,
	"local": true, "same": true, "whole": true, "wider": true, "his/her": true, "its": true,
	"cllr": true, "councillor": true, "inspector": true, "sergeant": true, "sgt": true,
	"it": true, "there": true, "however": true, "members": true, "safer": true,
	"neighbourhood": true, "my": true, "your": true, "which": true, "what": true,
	"overall": true, "whilst": true, "while": true, "also": true, "and": false,
}

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

func wordAt(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].text
}

func isCompassName(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !compassWords[w] {
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
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// comparisonLeads before a place make it a point of comparison, not where
// the figure applies: "the highest in the Met", "higher than London".
var comparisonLeads = map[string]bool{
	"highest": true, "lowest": true, "than": true, "compared": true, "average": true,
	"best": true, "worst": true, "other": true, "second": true, "third": true,
	"largest": true, "smallest": true, "biggest": true, "most": true, "least": true,
	"neighbouring": true, "like": true, "similar": true,
}

// areaBreaks end the clause a place and a figure must share.
var areaBreaks = map[string]bool{
	";": true, ":": true, "which": true, "whereas": true, "while": true, "whilst": true,
	"but": true, "however": true, "compared": true, "than": true, "vs": true,
	"versus": true, "although": true, "with": true, "against": true,
}

// areaFor returns the place of the sentence that a figure spanning tokens
// [first, last] applies to, or "" when the sentence ties it to none.
func areaFor(toks []token, places []place, first, last int) string {
	best, bestDist := "", len(toks)+1
	for _, p := range places {
		if comparedPlace(toks, p) {
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
			if breakBetween(toks, last, p.first) {
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

func comparedPlace(toks []token, p place) bool {
	for j := p.first - 1; j >= 0 && j >= p.first-4; j-- {
		if comparisonLeads[toks[j].norm] {
			return true
		}
	}
	return false
}

func breakBetween(toks []token, a, b int) bool {
	for j := a + 1; j < b; j++ {
		if areaBreaks[toks[j].norm] {
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
	for _, t := range toks {
		switch {
		case t.kind == numToken:
			return false
		case t.kind == punctToken:
			if t.text != "&" && t.text != "-" && t.text != "'" && t.text != "’" {
				return false
			}
		case t.norm == "and" || t.norm == "upon" || t.norm == "on" || t.norm == "the":
		case !capitalised(t.text) || stopNames[t.norm]:
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
	for _, s := range splitSentences(text) {
		toks := tokenize(nil, text, s.start, s.end)
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
	" District Council", " City Council", " County Council", " Council",
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

// WardOf returns the ward a board's name says it covers ("St Margarets &
// North Twickenham Ward Police Liaison Group" → "St Margarets & North
// Twickenham"), or "".
func WardOf(board string) string {
	toks := tokenize(nil, board, 0, len(board))
	for i, t := range toks {
		if t.text != "Ward" {
			continue
		}
		if p, ok := namedBefore(toks, i, 6, ""); ok && p.first == 0 {
			return p.name
		}
	}
	return ""
}
