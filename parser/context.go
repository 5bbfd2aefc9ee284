package parser

// Passage is where a figure's words sit in its document's text, as byte
// offsets: the sentence that holds them, and around it a few sentences
// either side. Sentence and Context never cut a figure's words, and
// Context holds Sentence.
type Passage struct {
	Sentence, Context [2]int
}

// PassageOf returns the passage of text[start:end], a figure's Quote: the
// sentence (or sentences, for words that run over a sentence's end) that
// hold it, as the parser splits sentences, and around sentences either
// side of it. Offsets outside text are clamped to it.
func PassageOf(text string, start, end, around int) Passage {
	start = min(max(start, 0), len(text))
	end = min(max(end, start), len(text))
	ss := splitSentences(text)
	first, last := -1, -1
	for i, s := range ss {
		if s.end <= start && !(s.start == start && s.end == start) {
			continue
		}
		if s.start >= end && end > start {
			break
		}
		if first < 0 {
			first = i
		}
		last = i
		if end == start {
			break
		}
	}
	p := Passage{Sentence: [2]int{start, end}, Context: [2]int{start, end}}
	if first < 0 {
		return p
	}
	p.Sentence = [2]int{min(ss[first].start, start), max(ss[last].end, end)}
	lo, hi := max(first-around, 0), min(last+around, len(ss)-1)
	p.Context = [2]int{min(ss[lo].start, p.Sentence[0]), max(ss[hi].end, p.Sentence[1])}
	return p
}
