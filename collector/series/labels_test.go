package series

import (
	"strings"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

func TestValidPlace(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"borough", "Barnet", true},
		{"two words", "Burnt Oak", true},
		{"apostrophe", "St. John's Wood", true},
		{"curly apostrophe", "Queen’s Park", true},
		{"ampersand and brackets", "Hammersmith & Fulham (BCU)", true},
		{"hyphen and digit", "Ward-2", true},
		{"accented", "Ávila", true},
		{"at the length cap", strings.Repeat("A", MaxLabelLen), true},
		{"over the length cap", strings.Repeat("A", MaxLabelLen+1), false},
		{"empty", "", false},
		{"starts with a digit", "39%", false},
		{"starts with a space", " Barnet", false},
		{"newline", "\nBarnet", false},
		{"quote and braces", `Barnet"} evil{x="`, false},
		{"a sentence", "Burglary had reduced by 39% (989 fewer offences) in the area", false},
		{"colon", "see page 4: {x}", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidPlace(tt.in); got != tt.want {
				t.Errorf("ValidPlace(%q) -want %v +got %v", tt.in, tt.want, got)
			}
		})
	}
}

func TestValidCategoryAndMeasure(t *testing.T) {
	for _, c := range parser.Categories() {
		if !ValidCategory(c) {
			t.Errorf("ValidCategory(%q) = false for a parser category", c)
		}
	}
	for _, c := range []string{"", "burglary of sheds", "Burglary"} {
		if ValidCategory(c) {
			t.Errorf("ValidCategory(%q) = true", c)
		}
	}
	for _, m := range parser.Measures() {
		if !ValidMeasure(m) {
			t.Errorf("ValidMeasure(%q) = false for a parser measure", m)
		}
	}
	for _, m := range []parser.Measure{"", "vibes"} {
		if ValidMeasure(m) {
			t.Errorf("ValidMeasure(%q) = true", m)
		}
	}
}
