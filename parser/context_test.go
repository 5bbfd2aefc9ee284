package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPassageOf(t *testing.T) {
	text := "Item 4. Performance.\nBurglary had reduced by 39% (989 fewer offences) between 2019 and 2021. " +
		"Robbery was down 44.7%. Knife crime fell.\nThe Chair thanked the officers. Next item."
	quote := "Burglary had reduced by 39%"
	start := strings.Index(text, quote)
	tests := []struct {
		name                  string
		start, end, around    int
		wantSentence, wantCtx string
	}{
		{"the quote's sentence alone", start, start + len(quote), 0,
			"Burglary had reduced by 39% (989 fewer offences) between 2019 and 2021.",
			"Burglary had reduced by 39% (989 fewer offences) between 2019 and 2021."},
		{"one sentence either side", start, start + len(quote), 1,
			"Burglary had reduced by 39% (989 fewer offences) between 2019 and 2021.",
			"Performance.\nBurglary had reduced by 39% (989 fewer offences) between 2019 and 2021. Robbery was down 44.7%."},
		{"more around than the text has", start, start + len(quote), 20,
			"Burglary had reduced by 39% (989 fewer offences) between 2019 and 2021.", text},
		{"words over two sentences", strings.Index(text, "2021."), strings.Index(text, "Robbery was") + len("Robbery was"), 0,
			"Burglary had reduced by 39% (989 fewer offences) between 2019 and 2021. Robbery was down 44.7%.",
			"Burglary had reduced by 39% (989 fewer offences) between 2019 and 2021. Robbery was down 44.7%."},
		{"offsets past the text are clamped", len(text) - 5, len(text) + 40, 1,
			"Next item.", "The Chair thanked the officers. Next item."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := PassageOf(text, tt.start, tt.end, tt.around)
			if got := text[p.Sentence[0]:p.Sentence[1]]; got != tt.wantSentence {
				t.Errorf("sentence:\n-%q\n+%q", tt.wantSentence, got)
			}
			if got := text[p.Context[0]:p.Context[1]]; got != tt.wantCtx {
				t.Errorf("context:\n-%q\n+%q", tt.wantCtx, got)
			}
		})
	}
}

// TestPassagesOfSeedFigures: for every figure of the seeds, the passage's
// sentence holds the figure's words and the context holds the sentence,
// with sentences either side where the text has them.
func TestPassagesOfSeedFigures(t *testing.T) {
	files, err := filepath.Glob("../seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	figures := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		for _, f := range Parse(text, Options{Borough: "Barnet"}) {
			figures++
			p := PassageOf(text, f.Start, f.End, 2)
			s, c := p.Sentence, p.Context
			if s[0] > f.Start || s[1] < f.End {
				t.Errorf("%s: sentence %v does not hold the quote %q at [%d, %d]", file, s, f.Quote, f.Start, f.End)
			}
			if c[0] > s[0] || c[1] < s[1] {
				t.Errorf("%s: context %v does not hold the sentence %v", file, c, s)
			}
			if c[0] > 0 && c == s && c[1] < len(text) {
				t.Errorf("%s: %q: no sentence around it in the context", file, f.Quote)
			}
			if !strings.Contains(text[s[0]:s[1]], f.Quote) {
				t.Errorf("%s: sentence %q lacks quote %q", file, text[s[0]:s[1]], f.Quote)
			}
		}
	}
	if figures < 40 {
		t.Errorf("%d figures in the seeds, want the 40 or so they hold", figures)
	}
}
