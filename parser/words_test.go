package parser

import (
	"strings"
	"testing"
)

// TestWordSetAsMap checks wordSet.has against the map it is made from,
// for every word list of the parser and every token of the labelled sets,
// and for each list's own words, cut and grown, and "".
func TestWordSetAsMap(t *testing.T) {
	texts, _ := labelledSentences(t)
	words := map[string]bool{"": true}
	for _, text := range texts {
		for _, tok := range tokenize(nil, text, 0, len(text)) {
			words[tok.norm], words[tok.stem], words[tok.text] = true, true, true
		}
	}
	// Every word list of the parser.
	sets := []*wordSet{
		asideNouns, modifierWords, totalWords, ambiguousCouncils, placePrepositions, compassWords,
		partnershipAcronyms, thereVerbs, fromPersonWords, notPlaceWords, orgWords, stopNames, comparisonLeads,
		areaBreaks, afterBreaks, roleWords, areaBodyWords, localBodies, abbreviations, danglingWords, linkWords,
		openStops, incidentNouns, fallWords, riseWords, changeNouns, detectionWords, signupWords, countAdjectives,
		copulaWords, comparisonWords, notCountFollowers, caseworkNouns, caseworkVerbs, modifierSuffixes,
		periodWords, signupNouns, statedWords, statedFollowers, directionVerbs, earlierOfPair, unitWords,
		labelWords, periodAdjectives, moneySigns, monthNames, baseVerbs, aimWords, shareVerbs, shareGroupWords,
		hedgeWords, eventNouns, kindWords, breakdownVerbs,
	}
	for _, s := range sets {
		for w := range s.words {
			words[w], words[w+"s"], words[w[:len(w)-1]], words[strings.ToUpper(w)] = true, true, true, true
		}
	}
	probes := 0
	for _, s := range sets {
		for w := range words {
			if got, want := s.has(w), s.words[w]; got != want {
				t.Fatalf("has(%q) = %v, want %v", w, got, want)
			}
			probes++
		}
	}
	if probes < 100000 {
		t.Fatalf("only %d probes", probes)
	}
	withEmpty := newWordSet(map[string]bool{"": true, "a": true})
	if !withEmpty.has("") || !withEmpty.has("a") || withEmpty.has("b") || abbreviations.has("") {
		t.Fatal(`a set holding "" or not is not told apart`)
	}
}
