package parser

import (
	"math/rand"
	"strings"
	"testing"
)

// classifyColumnByContains is classifyColumn as it was first written, a
// search of the header for each word: the oracle of the test below.
func classifyColumnByContains(h string) column {
	low := strings.ToLower(h)
	hasPct := strings.Contains(low, "%") || strings.Contains(low, "percent") || strings.Contains(low, "per cent")
	switch {
	case low == "rank" || strings.HasPrefix(low, "rank ") || strings.Contains(low, "position") || low == "pos" || strings.Contains(low, "ranking"):
		return column{known: true, skip: true}
	case strings.Contains(low, "detection") || strings.Contains(low, "solved") || strings.Contains(low, "outcome") ||
		strings.Contains(low, "solvency") || strings.Contains(low, "sd rate"):
		return column{measure: DetectionRatePercent, known: true}
	case strings.Contains(low, "target"):
		return column{measure: TargetPercent, known: true}
	case strings.Contains(low, "per 1,000") || strings.Contains(low, "per 1000") || strings.Contains(low, "per thousand"):
		return column{measure: RatePer1000, known: true}
	case strings.Contains(low, "change") || strings.Contains(low, "difference") || strings.Contains(low, "+/-") ||
		strings.Contains(low, "variance") || strings.Contains(low, "var") && len(low) <= 6 || low == "diff":
		if hasPct {
			return column{measure: ChangePercent, known: true}
		}
		return column{measure: ChangeCount, known: true}
	case isPeriodHeaderByContains(low):
		return column{measure: Count, period: h, known: true}
	}
	if slug := headerCategory(h); slug != "" {
		return column{category: slug, known: true}
	}
	return column{}
}

// isPeriodHeaderByContains is the period test classifyColumnByContains
// makes.
func isPeriodHeaderByContains(low string) bool {
	for _, w := range []string{"year", "month", "ytd", "quarter", "fy", "previous", "current", "last", "this", "period",
		"rolling", "12m", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	var buf [16]token
	toks := tokenize(buf[:0], low, 0, len(low))
	for _, t := range toks {
		if t.kind == numToken && len(t.text) == 4 && (strings.HasPrefix(t.text, "19") || strings.HasPrefix(t.text, "20")) {
			return true
		}
		if t.kind == wordToken && len(t.norm) == 2 && t.norm[0] == 'q' && t.norm[1] >= '1' && t.norm[1] <= '4' {
			return true
		}
	}
	return false
}

// TestClassifyColumnAsByContains checks classifyColumn, its words found
// in one pass, against a search for each: on every line of every labelled
// set, each table cell, and random joins of the words it looks for.
func TestClassifyColumnAsByContains(t *testing.T) {
	texts, _ := labelledSentences(t)
	var headers []string
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			headers = append(headers, strings.TrimSpace(line))
			for _, c := range strings.Split(line, "|") {
				headers = append(headers, strings.TrimSpace(c))
			}
		}
	}
	words := append([]string{"rank", "rank 1", "pos", "diff", "var", "Var", "SD Rate", "Per 1,000", "+/-", "%", "Q2",
		"2023", "2023/24", "Burglary", "Knife Crime", "robbery", "İ", "ÉCOLE", "change", "YTD", "12m", "percent", "per cent",
		"position", "ranking", "detection", "solved", "outcome", "solvency", "target", "per 1000", "per thousand", "difference",
		"variance"}, columnPeriodWords...)
	rng := rand.New(rand.NewSource(5))
	for range 20000 {
		var b strings.Builder
		for k := range 1 + rng.Intn(4) {
			if k > 0 {
				b.WriteString([]string{" ", "", "-", " / "}[rng.Intn(4)])
			}
			b.WriteString(words[rng.Intn(len(words))])
		}
		headers = append(headers, b.String())
	}
	known := 0
	for _, h := range headers {
		got, want := classifyColumn(h), classifyColumnByContains(h)
		if got != want {
			t.Fatalf("classifyColumn(%q) = %+v, a search for each word %+v", h, got, want)
		}
		if want.known {
			known++
		}
	}
	if known < 1000 {
		t.Fatalf("only %d headers known", known)
	}
}

// TestHeaderToLowerAsStringsToLower checks headerToLower against
// strings.ToLower, across the length headerLower copies and with letters
// that are not ASCII, and that a buffer handed back is poisoned.
func TestHeaderToLowerAsStringsToLower(t *testing.T) {
	parts := []string{"Burglary", "YTD", "% change", " ", "É", "é", "İ", "ẞ", "\xff", "2023/24", "Q", "q"}
	for _, h := range randomJoins(11, 20000, 59, parts) {
		got, buf := headerToLower(h)
		if want := strings.ToLower(h); got != want {
			t.Fatalf("headerToLower(%q) = %q, want %q", h, got, want)
		}
		if buf != nil {
			releaseHeader(buf)
			if poisonLowered && len(got) > 0 && got[0] != 0xff {
				t.Fatalf("headerToLower(%q): its buffer was handed back unpoisoned", h)
			}
		}
	}
}
