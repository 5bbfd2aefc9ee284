package parser

import "testing"

// TestNumbersAsWritten reads numbers in the forms minutes type them.
func TestNumbersAsWritten(t *testing.T) {
	tests := []struct {
		text    string
		want    float64
		percent bool
	}{
		{"up 1·6% on the year", 1.6, true},
		{"down 17·9 per cent", 17.9, true},
		{"a rise of 1,5% in detections", 1.5, true},
		{"up 12,25 percent", 12.25, true},
		{"some 5.5k offences", 5500, false},
		{"about 12k crimes", 12000, false},
		{"1,500 burglaries", 1500, false},
		{"3,700 fewer offences", 3700, false},
		{"12,5 offences", 12, false}, // no percent: not a decimal comma
		{"999 calls were answered in ten seconds", -1, false},
		{"the 101 number", -1, false},
	}
	for _, tt := range tests {
		toks := tokenize(nil, tt.text, 0, len(tt.text))
		nums := findNumbers(toks)
		if tt.want < 0 {
			if len(nums) > 0 {
				t.Errorf("%q: read %v, want no number", tt.text, nums[0].value)
			}
			continue
		}
		if len(nums) == 0 {
			t.Errorf("%q: no number", tt.text)
			continue
		}
		if n := nums[0]; n.value != tt.want || n.percent != tt.percent {
			t.Errorf("%q: read %v (percent %v), want %v (percent %v)", tt.text, n.value, n.percent, tt.want, tt.percent)
		}
	}
}
