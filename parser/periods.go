package parser

import (
	"regexp"
	"strings"
)

// periodPatterns match the phrases minutes use to say what time a figure
// covers. The first group of each, when there is one, is rewritten by
// periodText.
var periodPatterns = []*regexp.Regexp{
	// "between 2019 and 2021", "between July and September 2024"
	regexp.MustCompile(`(?i)\bbetween ((?:[A-Z][a-z]+ )?(?:19|20)\d\d|[A-Z][a-z]+) and ((?:[A-Z][a-z]+ )?(?:19|20)\d\d)\b`),
	// "July to September 2024", "April 2017-March 2018"
	regexp.MustCompile(`\b((?:January|February|March|April|May|June|July|August|September|October|November|December)(?: (?:19|20)\d\d)?) ?(?:to|-|–) ?((?:January|February|March|April|May|June|July|August|September|October|November|December) (?:19|20)\d\d)\b`),
	// "(11/12 to 15/16)", "2011/12 compared to 2010/11"
	regexp.MustCompile(`\b((?:19|20)?\d\d/\d\d) (?:to|compared (?:to|with)|vs) ((?:19|20)?\d\d/\d\d)\b`),
	regexp.MustCompile(`(?i)\b(?:in|over|during|for) the (?:last|past|previous|rolling) (?:(?:\d+|twelve|six|three|two) )?(?:months?|years?|quarters?|weeks?)\b`),
	regexp.MustCompile(`(?i)\bthe rolling (?:\d+|twelve) months\b`),
	regexp.MustCompile(`(?i)\b(?:the )?(?:financial )?year[ -]to[ -]date\b(?: \([^)]{1,40}\))?`),
	regexp.MustCompile(`(?i)\byear[ -]on[ -]year\b`),
	regexp.MustCompile(`(?i)\b(?:compared (?:to|with) )?the same period (?:last year|in (?:19|20)\d\d|the previous year)\b`),
	regexp.MustCompile(`(?i)\bsince (?:last year|the start of the (?:year|financial year)|April(?: (?:19|20)\d\d)?|January(?: (?:19|20)\d\d)?)\b`),
	regexp.MustCompile(`(?i)\b(?:this|last) (?:financial )?(?:year|month|quarter)\b`),
	regexp.MustCompile(`(?i)\bup to (?:the end of )?(?:January|February|March|April|May|June|July|August|September|October|November|December) (?:19|20)\d\d\b`),
	regexp.MustCompile(`\b(?:in|during|for) ((?:19|20)\d\d(?:/\d\d)?)\b`),
	regexp.MustCompile(`(?i)\b(?:Q[1-4]|quarter [1-4]) (?:19|20)\d\d(?:/\d\d)?\b`),
}

// periodMatch is a period phrase found in a sentence, with its byte offsets
// in the document.
type periodMatch struct {
	text       string
	start, end int
}

// findPeriods returns the period phrases of text[start:end].
func findPeriods(text string, start, end int) []periodMatch {
	s := text[start:end]
	var out []periodMatch
	for _, re := range periodPatterns {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, periodMatch{text: periodText(s, m), start: start + m[0], end: start + m[1]})
		}
	}
	return out
}

// periodText writes a match as the period it names: "between 2019 and
// 2021" as "2019 to 2021"; other phrases as written, minus a leading
// preposition.
func periodText(s string, m []int) string {
	if len(m) >= 6 && m[2] >= 0 && m[4] >= 0 {
		a, b := s[m[2]:m[3]], s[m[4]:m[5]]
		return a + " to " + b
	}
	if len(m) >= 4 && m[2] >= 0 {
		return s[m[2]:m[3]]
	}
	p := s[m[0]:m[1]]
	for _, lead := range []string{"in ", "over ", "during ", "for ", "In ", "Over ", "During ", "For ", "compared to ", "compared with "} {
		p = strings.TrimPrefix(p, lead)
	}
	return p
}

// periodFor picks the period of a figure at bytes [start, end): the phrase
// nearest after it within the sentence, else the nearest before it.
func periodFor(periods []periodMatch, start, end int) string {
	best, bestDist := "", -1
	for _, p := range periods {
		var d int
		switch {
		case p.start >= end:
			d = p.start - end
		case p.end <= start:
			d = start - p.end + 40 // after is the usual place; before weighs less
		default:
			d = 0
		}
		if bestDist < 0 || d < bestDist {
			best, bestDist = p.text, d
		}
	}
	return best
}
