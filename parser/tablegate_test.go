package parser

import (
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// headerCandidates are lines that are or could be a table's header: every
// line of every labelled set, and the categories' phrases and the column
// phrases in every case, alone, with a count noun after them and joined
// at random with labels, numbers and punctuation.
func headerCandidates(t *testing.T) []string {
	t.Helper()
	var out []string
	texts, _ := labelledSentences(t)
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && len(line) <= 120 {
				out = append(out, line)
			}
		}
	}
	labels := []string{"", "Ward ", "Crime type ", "Offence ", "Area ", "Month "}
	columns := []string{"2022/23", "2023", "2021-22", "Q1", "q4", "% change", "Change %", "Last year", "This quarter",
		"Year to date", "YTD", "Rank", "Target", "Detection rate", "SD rate", "Difference", "Variance", "% diff"}
	var categories []string
	parts := []string{"Ward", "Crime type", "Offence", "2022/23", "2023", "Q1", "q4", "% change", "Change %", "Last year",
		"Year to date", "YTD", "Rank", "Target", "Detection rate", "SD rate", "+/-", "-", "&", "12m", "NW4", "é", "Total",
		"offences", "Crimes", "incidents", "–", "Numbers", "per 1,000"}
	for _, list := range categoryPhrases {
		for _, p := range list {
			for _, v := range []string{p, strings.ToUpper(p), titled(p), p + "s", p + " offences", p + " Crimes", p + " incidents", p + " Calls", p + " cases", p + " Allegations"} {
				out = append(out, v)
				parts = append(parts, v)
				categories = append(categories, v)
			}
		}
	}
	for _, s := range randomJoins(21, 30000, 4, parts) {
		out = append(out, strings.Join(strings.Fields(strings.ReplaceAll(s, "  ", " ")), " "))
	}
	// Headers of one kind of column, categories or measures, after a label.
	rng := rand.New(rand.NewSource(23))
	for k := range 20000 {
		list := columns
		if k%2 == 0 {
			list = categories
		}
		words := []string{labels[rng.Intn(len(labels))]}
		for n := 2 + rng.Intn(3); n > 0; n-- {
			words = append(words, list[rng.Intn(len(list))])
		}
		out = append(out, strings.TrimSpace(strings.Join(words, " ")))
	}
	return append(out, randomJoins(22, 5000, 5, append(parts, " ", ""))...)
}

// titled returns s with the first letter of each word a capital.
func titled(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// TestHeaderShortcutsAsRead checks that the looks spaceHeader and
// headerCategory take at a header's first and last words before they
// tokenize it turn down only what the full reading turns down too.
func TestHeaderShortcutsAsRead(t *testing.T) {
	headers, categories := 0, 0
	for _, s := range headerCandidates(t) {
		c := cell{text: s, start: 0, end: len(s)}
		full := readSpaceHeader(s, c)
		if got := spaceHeader(s, c); !reflect.DeepEqual(got, full) {
			t.Fatalf("%q: spaceHeader = %v, read in full %v", s, got, full)
		}
		if full != nil {
			headers++
		}
		full2 := readHeaderCategory(s)
		if got := headerCategory(s); got != full2 {
			t.Fatalf("%q: headerCategory = %q, read in full %q", s, got, full2)
		}
		if full2 != "" {
			categories++
		}
	}
	// The candidates reach both readings' headers, not only lines that
	// are none.
	if headers < 500 || categories < 500 {
		t.Fatalf("only %d space headers and %d header categories among the candidates", headers, categories)
	}
}

// TestHeaderWordsAtTheEnds checks the first and last words of a header as
// the shortcuts read them, against its tokens.
func TestHeaderWordsAtTheEnds(t *testing.T) {
	for _, s := range headerCandidates(t)[:20000] {
		toks := tokenize(nil, s, 0, len(s))
		var buf [maxTokenBytes]byte
		if w, ok := firstLetterWord(s, &buf); ok && (len(toks) == 0 || toks[0].norm != w) {
			t.Fatalf("%q: first letter word %q, tokens %v", s, w, toks)
		}
		if w, ok := lastLetterWord(s, &buf); ok && (len(toks) == 0 || toks[len(toks)-1].norm != w) {
			t.Fatalf("%q: last letter word %q, tokens %v", s, w, toks)
		}
	}
	for _, c := range []struct {
		s           string
		first, last string
	}{
		{"Knife Crime", "knife", "crime"},
		{"Burglary 2022/23", "burglary", ""},
		{"NW4 Robbery", "", "robbery"},
		{"Crime type Q1", "crime", ""},
		{"Violence – Total", "violence", "total"},
		{"é Theft", "", "theft"},
		{"Theft é", "theft", ""},
		{"", "", ""},
	} {
		var buf [maxTokenBytes]byte
		first, _ := firstLetterWord(c.s, &buf)
		if first != c.first {
			t.Errorf("%q: first letter word %q, want %q", c.s, first, c.first)
		}
		last, _ := lastLetterWord(c.s, &buf)
		if last != c.last {
			t.Errorf("%q: last letter word %q, want %q", c.s, last, c.last)
		}
	}
}

// TestNewlinesAndTheLinesTheGateReads checks appendNewlines, and that the
// table gate, which reads its lines by them, reads the text's last line
// with or without a newline after it and no line past the last newline.
func TestNewlinesAndTheLinesTheGateReads(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int
	}{
		{"", nil},
		{"\n", []int{0}},
		{"a\nb\n\nc", []int{1, 3, 4}},
		{"no newline", nil},
		{"é\n\n", []int{2, 3}},
	} {
		if got := appendNewlines([]int{-1}, c.text); !slices.Equal(got, append([]int{-1}, c.want...)) {
			t.Errorf("appendNewlines(%q) = %v, want %v", c.text, got[1:], c.want)
		}
	}
	// "Ward Burglary Robbery" is a header written with spaces.
	const header = "Ward Burglary Robbery"
	for _, c := range []struct {
		text string
		want bool
	}{
		{header, true},
		{"The meeting opened.\n" + header, true},
		{"The meeting opened.\n" + header + "\n", true},
		{header + "\nThe meeting opened.", true},
		{"The meeting opened.\n\nIt closed at nine.\n", false},
		{"", false},
	} {
		if got := hasColumnHeader(c.text, appendNewlines(nil, c.text)); got != c.want {
			t.Errorf("hasColumnHeader(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestMoreWordsThanTokens checks moreWordsThan, which turns a line down
// for a header before it is tokenized, against the tokens: a line with
// more words than n has more tokens than n, on every candidate header and
// line of the labelled sets, and words are told apart by white space.
func TestMoreWordsThanTokens(t *testing.T) {
	told := 0
	for _, s := range append(headerCandidates(t), "a\u00a0b c", "\xff \xff \xff", "-- -- --", "x\ty\nz") {
		for _, n := range []int{0, 1, 2, 5, 16} {
			if moreWordsThan(s, n) {
				told++
				if got := len(tokenize(nil, s, 0, len(s))); got <= n {
					t.Fatalf("%q: more words than %d, and %d tokens", s, n, got)
				}
			}
		}
	}
	if told < 10000 {
		t.Fatalf("only %d lines told to have more words", told)
	}
	for _, c := range []struct {
		s    string
		n    int
		want bool
	}{
		{"one two three", 2, true},
		{"one two three", 3, false},
		{"  one   two  ", 1, true},
		{"é é é é", 1, false}, // words of bytes not ASCII are not counted
		{"", 0, false},
		{"a", 0, true},
	} {
		if got := moreWordsThan(c.s, c.n); got != c.want {
			t.Errorf("moreWordsThan(%q, %d) = %v, want %v", c.s, c.n, got, c.want)
		}
	}
}

// TestSplitWithoutSeparators checks that the table lines of a text with
// no separator, each one cell, are what splitCells makes of each line: on
// every labelled text with none, and texts of blank, long and spaced
// lines.
func TestSplitWithoutSeparators(t *testing.T) {
	texts, _ := labelledSentences(t)
	texts = append(texts, "", "\n", "a\n\n  b  \n", strings.Repeat("x", maxTableLineBytes+1)+"\nok\n", " \u00a0 \n\u00a0x\u00a0")
	checked := 0
	for _, text := range texts {
		if separated(text) {
			continue
		}
		newlines := appendNewlines(nil, text)
		var one, each tableLines
		got, want := one.split(text, newlines, false), each.split(text, newlines, true)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%.80q: lines of one cell %+v, split %+v", text, got, want)
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d texts with no separator", checked)
	}
}

// TestMayBeKnownColumnAsClassified checks that the look hasShortHeader
// takes at a short line before it classifies it turns down only lines
// classifyColumn knows no column in, and that it turns down most short
// lines of the labelled minutes that are none.
func TestMayBeKnownColumnAsClassified(t *testing.T) {
	lines := append(headerCandidates(t), "Rank", "RANK 2023", "pos", "Diff", "Var", "Variance %", "Summary",
		"Per Thousand", "+/-", "YTD", "Q3", "Mayor", "İstanbul", "Rank order", "Ranking", "rankings")
	known := 0
	for _, s := range lines {
		col := classifyColumn(s)
		if col.known && !mayBeKnownColumn(s) {
			t.Fatalf("%q: classifyColumn knows it (%+v), mayBeKnownColumn turns it down", s, col)
		}
		if col.known {
			known++
		}
	}
	if known < 1000 {
		t.Fatalf("only %d lines known", known)
	}
	// Of the short lines of the labelled minutes, which hasShortHeader
	// asks of, most are turned down.
	texts, _ := labelledSentences(t)
	short, down := 0, 0
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && len(line) <= 40 && !classifyColumn(line).known {
				short++
				if !mayBeKnownColumn(line) {
					down++
				}
			}
		}
	}
	if down < short/2 {
		t.Fatalf("%d of %d short lines that are no column turned down", down, short)
	}
	t.Logf("%d of %d short lines that are no column turned down", down, short)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Rank", true}, {"rank 2", true}, {"Pos", true}, {"DIFF", true}, {"Change", true}, {"2023/24", true},
		{"Knife Crime", true}, {"Burglary offences", true}, {"Café", true},
		{"Apologies", false}, {"Members present", false}, {"Rankin", false}, {"Position", true},
	} {
		if got := mayBeKnownColumn(c.s); got != c.want {
			t.Errorf("mayBeKnownColumn(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
