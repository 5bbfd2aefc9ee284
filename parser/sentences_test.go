package parser

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// splitSentencesPlainly is splitSentences as first written: each line
// found by its newline, trimmed, and read a byte at a time for its
// stops, with nothing found once kept for the next.
func splitSentencesPlainly(text string) []sentence {
	var out []sentence
	for lineStart := 0; lineStart <= len(text); {
		lineEnd := len(text)
		for nl := lineStart; ; nl++ {
			k := strings.IndexByte(text[nl:], '\n')
			if k < 0 {
				break
			}
			nl += k
			if !runsOnPlainly(text, lineStart, nl) {
				lineEnd = nl
				break
			}
		}
		out = splitLinePlainly(out, text, lineStart, lineEnd)
		if lineEnd >= len(text) {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

// runsOnPlainly is runsOn as first written.
func runsOnPlainly(text string, start, nl int) bool {
	s, e := trimSpacePlainly(text, start, nl)
	if s >= e || nl-start >= maxSentenceBytes {
		return false
	}
	if last := text[e-1]; strings.IndexByte(".:;!?", last) >= 0 {
		return false
	}
	j := nl + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	if unicode.IsLower(r) || hangingWrap(text, start, s, e, nl, j) {
		return true
	}
	k := e
	for k > s && isLetterByte(text[k-1]) {
		k--
	}
	return danglingWords.words[strings.ToLower(text[k:e])] && e-k <= 16
}

// splitLinePlainly is splitLine as first written, given the line
// untrimmed.
func splitLinePlainly(out []sentence, text string, start, end int) []sentence {
	start, end = trimSpacePlainly(text, start, end)
	if start >= end {
		return out
	}
	bullet := isBullet(text[start:end])
	first := true
	s := start
	// At each stop, and at the end, a sentence run on from s past the
	// most a sentence holds is first cut at its last space.
	for i := start; i <= end; i++ {
		if i < end && text[i] != '.' && text[i] != '?' && text[i] != '!' {
			continue
		}
		for i-s >= maxSentenceBytes {
			cut := runeStart(text, lastSpace(text, s, s+maxSentenceBytes))
			if cut <= s {
				cut = runeStart(text, s+maxSentenceBytes)
			}
			out = appendSentence(out, text, s, cut, first, bullet)
			first, s = false, cut
		}
		if i == end {
			break
		}
		if ends, _ := sentenceEnd(text, s, i, end); ends {
			out = appendSentence(out, text, s, i+1, first, bullet)
			first, s = false, i+1
		}
	}
	if s < end {
		out = appendSentence(out, text, s, end, first, bullet)
	}
	return out
}

// TestSplitSentencesAsWrittenPlainly checks the sentence splitter, which
// finds a text's newlines and stops once and hands each line over
// trimmed, against the same written plainly: on every labelled text, and
// on random texts of words, stops, abbreviations, initials, bullets,
// colons, lines broken mid-sentence, blank and indented lines, no-break
// spaces and long runs with no stop.
func TestSplitSentencesAsWrittenPlainly(t *testing.T) {
	check := func(text string) {
		t.Helper()
		got, want := splitSentences(text), splitSentencesPlainly(text)
		if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			for k := 0; k < min(len(got), len(want)); k++ {
				if got[k] != want[k] {
					t.Fatalf("%.200q: sentence %d is %+v %q, want %+v %q", text, k, got[k], text[got[k].start:got[k].end], want[k], text[want[k].start:want[k].end])
				}
			}
			t.Fatalf("%.200q: %d sentences, want %d", text, len(got), len(want))
		}
	}
	texts, _ := labelledSentences(t)
	for _, text := range texts {
		check(text)
	}
	parts := []string{"Burglary fell", " by 12%", ".", ". ", "? ", "! ", " The", " the", "\n", "\n\n", "\n  ", "  ", "\t", " ",
		"\u00a0", "Mr. Smith", " e.g. ", " J. Smith", "1.5", " 3. ", "\n- ", "\n• ", "\n(a) ", "\n1. ", ":", ";", ",",
		" had reduced by", "\n39%", " for the\nWest", "Ward", " offences", "é", "\r\n", "…",
		strings.Repeat("word ", 30), strings.Repeat("x", 300), strings.Repeat("long line without a stop ", 20) + "\n    and on"}
	for _, s := range randomJoins(41, 20000, 12, parts) {
		check(s)
	}
	// Runs with no stop longer than a sentence can be, with and without
	// spaces.
	for _, s := range []string{strings.Repeat("a ", 3000), strings.Repeat("ab", 3000), strings.Repeat("é ", 1500) + ".",
		strings.Repeat("word ", 500) + ". Then " + strings.Repeat("more ", 500)} {
		check(s)
	}
	for n := maxSentenceBytes - 3; n <= maxSentenceBytes+3; n++ {
		for _, s := range []string{strings.Repeat("a", n), strings.Repeat("a ", n/2) + "b", strings.Repeat("a", n) + ". B",
			"x. " + strings.Repeat("a", n) + ".", strings.Repeat("a b", n/3) + "\nc"} {
			check(s)
		}
	}
}
