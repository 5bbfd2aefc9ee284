package parser

import "testing"

func TestPeriodBounds(t *testing.T) {
	tests := []struct{ period, start, end string }{
		{"2019 to 2021", "2019-01-01", "2021-12-31"},
		{"July to September 2024", "2024-07-01", "2024-09-30"},
		{"April 2017 to March 2018", "2017-04-01", "2018-03-31"},
		{"April 2017-March 2018", "2017-04-01", "2018-03-31"},
		{"2022/23", "2022-04-01", "2023-03-31"},
		{"11/12 to 15/16", "2011-04-01", "2016-03-31"},
		{"2011/12 compared to 2010/11", "", ""},
		{"2018", "2018-01-01", "2018-12-31"},
		{"February 2024", "2024-02-01", "2024-02-29"},
		{"up to October 2013", "", "2013-10-31"},
		{"this year", "", ""},
		{"the last 12 months", "", ""},
		{"year to date", "", ""},
		{"2021 to 2019", "", ""},
		{"2022/24", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		s, e := periodBounds(tt.period)
		if s != tt.start || e != tt.end {
			t.Errorf("periodBounds(%q) = %q, %q; want %q, %q", tt.period, s, e, tt.start, tt.end)
		}
	}
}

func TestFiguresCarryPeriodBounds(t *testing.T) {
	text := "There were 393 cases of residential burglary between July and September 2024."
	figs := Parse(text, Options{Borough: "Barnet"})
	if len(figs) != 1 {
		t.Fatalf("got %d figures, want 1: %+v", len(figs), figs)
	}
	if f := figs[0]; f.Period != "July to September 2024" || f.PeriodStart != "2024-07-01" || f.PeriodEnd != "2024-09-30" {
		t.Errorf("got period %q [%s, %s], want July to September 2024 [2024-07-01, 2024-09-30]", f.Period, f.PeriodStart, f.PeriodEnd)
	}
}

// TestASCIILower checks that asciiLower lower-cases ASCII capitals and
// leaves every other byte, valid UTF-8 or not, where it was.
func TestASCIILower(t *testing.T) {
	for _, s := range append(seedTexts(t), "", "A", "aB", "ABC", "\xffA\xc3", "Ünïcode ÀB", "MOPAC 7") {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		if got := asciiLower(s); got != string(b) {
			t.Errorf("asciiLower(%.40q) = %.40q, want %.40q", s, got, b)
		}
	}
}
