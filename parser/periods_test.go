package parser

import (
	"strings"
	"testing"
)

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

// TestPeriodPatternsHoldWhatTheySay checks each period pattern's claims
// on what every match holds (a needle; one of within; two needles when
// twice is set), which findPeriods relies on to skip windows, over the
// phrases the patterns are for and every sentence of the seeds.
func TestPeriodPatternsHoldWhatTheySay(t *testing.T) {
	texts := []string{
		"between 2019 and 2021", "between july and september 2024", "july to september 2024",
		"april 2017-march 2018", "march 2019 – march 2020", "(11/12 to 15/16)", "2011/12 compared to 2010/11",
		"over the last 12 months", "in the past year", "the rolling 12 months", "the financial year-to-date (april to june)",
		"year on year", "compared with the same period last year", "since april 2023", "this financial year",
		"up to the end of october 2013", "in 2019/20", "during 2021", "q2 2023", "quarter 3 2022/23",
	}
	for _, s := range seedTexts(t) {
		texts = append(texts, asciiLower(s))
	}
	for i, p := range periodPatterns {
		for _, text := range texts {
			for _, m := range p.re.FindAllString(text, -1) {
				n := 0
				for _, needle := range p.needles {
					n += strings.Count(m, needle)
				}
				if n == 0 {
					t.Errorf("pattern %d: match %q holds none of its needles", i, m)
				}
				if p.twice && n < 2 {
					t.Errorf("pattern %d: match %q holds one needle, not two", i, m)
				}
				if p.within != nil && !containsAny(m, p.within) {
					t.Errorf("pattern %d: match %q holds none of %q", i, m, p.within)
				}
			}
		}
	}
}
