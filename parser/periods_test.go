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
		{"the 12 months to September 2024", "2023-10-01", "2024-09-30"},
		{"the twelve months to November 2022", "2021-12-01", "2022-11-30"},
		{"12 months to the end of September 2023", "2022-10-01", "2023-09-30"},
		{"the year ending March 2024", "2023-04-01", "2024-03-31"},
		{"the financial year ended March 2023", "2022-04-01", "2023-03-31"},
		{"the quarter to June 2024", "2024-04-01", "2024-06-30"},
		{"the six months ended June 2023", "2023-01-01", "2023-06-30"},
		{"the 48 months to June 2023", "", ""},
		{"1 April to 30 September 2023", "2023-04-01", "2023-09-30"},
		{"1st April 2023 to 31st March 2024", "2023-04-01", "2024-03-31"},
		{"30 September to 1 April 2023", "", ""},
		{"1 April to 31 September 2023", "", ""},
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

// TestPeriodsEndingWithAMonth finds the periods that count back from a
// month or run between two days, in the phrasings minutes use, and the
// span each makes.
func TestPeriodsEndingWithAMonth(t *testing.T) {
	for _, tt := range []struct {
		text, period string
		span         Span
	}{
		{"Burglary fell 5% in the 12 months to September 2024.", "the 12 months to September 2024", SpanYear},
		{"Robbery rose 3% in the year ending March 2024.", "the year ending March 2024", SpanYear},
		{"Vehicle crime fell 2% over the quarter to June 2024.", "the quarter to June 2024", SpanQuarter},
		{"Shoplifting was up 4% in the six months ended June 2023.", "the six months ended June 2023", SpanOther},
		{"Crime for the 12 months to September 2024:\n• Burglary: 2,104 offences (-6.2%)\n", "the 12 months to September 2024", SpanYear},
		{"Burglary fell by 5% between 1 April and 30 September 2023.", "1 April to 30 September 2023", SpanOther},
		{"Crimes of dishonesty (1 April – 30 September 2023) rose by 6%.", "1 April to 30 September 2023", SpanOther},
		{"Shoplifting rose 3% in the period 1st April 2023 to 31st March 2024.", "1st April 2023 to 31st March 2024", SpanYear},
	} {
		figs := Parse(tt.text, Options{Borough: "Barnet"})
		if len(figs) == 0 {
			t.Errorf("%q: no figures", tt.text)
			continue
		}
		for _, f := range figs {
			if f.Period != tt.period || SpanOf(f, Options{}) != tt.span {
				t.Errorf("%q: %s %s period %q span %s, want %q %s", tt.text, f.Category, f.Measure, f.Period, SpanOf(f, Options{}), tt.period, tt.span)
			}
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

// TestComparedCountsKeepTheirPeriods gives each count or rate of a
// comparison its own period: the one named after the second number, or in
// its brackets, is the second's.
func TestComparedCountsKeepTheirPeriods(t *testing.T) {
	for _, tt := range []struct {
		text          string
		first, second string
	}{
		{"There were 112 burglaries compared to 146 in the same period last year.", "", "the same period last year"},
		{"Burglaries were down 23% year to date, with 112 burglaries recorded compared to 146 in the same period last year.", "year to date", "the same period last year"},
		{"There were 12 knife crime offences against 9 last year.", "", "last year"},
		{"Shoplifting: 230 this year vs 198 last year.", "this year", "last year"},
		{"The detection rate for robbery had risen to 73.6% (68.9% in 2022/23).", "", "2022/23"},
		{"The solved rate for burglary was 9.1% (last year 7.4%).", "", "last year"},
		{"Residential burglaries – 45 (previous year 61).", "", "previous period"},
	} {
		var counts []Figure
		for _, f := range Parse(tt.text, Options{Borough: "Barnet"}) {
			if f.Measure == Count || f.Measure == DetectionRatePercent {
				counts = append(counts, f)
			}
		}
		if len(counts) != 2 || counts[0].Period != tt.first || counts[1].Period != tt.second {
			t.Errorf("%q: counts %+v, want periods %q then %q", tt.text, counts, tt.first, tt.second)
		}
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
		"1 april to 30 september 2023", "between 1st april 2023 and 31st march 2024", "(1 april – 30 september 2023)",
		"the 12 months to september 2024", "the year ending march 2024", "in the six months ended june 2023",
		"12 months to the end of september 2023",
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

// TestPeriodsStayInTheirClause gives a figure no period named in a clause
// after it that starts something else.
func TestPeriodsStayInTheirClause(t *testing.T) {
	for _, tt := range []struct{ text, period string }{
		{"The Superintendent said ASB incidents there were down by 17%, and that the order would be reviewed in 2024.", ""},
		{"5,860 residents had signed up to OWL, and that 46 new schemes had been set up since April 2022.", ""},
		{"Burglary was up 4%; the plan runs to 2025.", ""},
		{"Burglary was up 4% in 2023, and that the plan would be reviewed in 2024.", "2023"},
	} {
		figs := Parse(tt.text, Options{Borough: "Dudley"})
		if len(figs) == 0 || figs[0].Period != tt.period {
			t.Errorf("%q: %+v, want the first figure's period %q", tt.text, figs, tt.period)
		}
	}
}

// containsAny reports whether s holds one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if index(s, sub) >= 0 {
			return true
		}
	}
	return false
}

// TestLowerIntoAndFirstCapitalEveryByte checks lowerInto and firstCapital,
// which read eight bytes at once, against a byte at a time: every byte
// value at every offset of texts of up to 19 bytes, among capitals, small
// letters and bytes that are not ASCII.
func TestLowerIntoAndFirstCapitalEveryByte(t *testing.T) {
	const around = "aZ\xc3@[`{Mz\x80A9\xffq\xdaB.QR"
	buf := make([]byte, len(around))
	if len(lowerInto(buf, "")) != 0 || firstCapital("") != -1 {
		t.Fatal("the empty text is not lowered as empty")
	}
	for n := 1; n <= len(around); n++ {
		for k := 0; k < n; k++ {
			for c := 0; c < 256; c++ {
				b := []byte(around[:n])
				b[k] = byte(c)
				s := string(b)
				want, first := []byte(s), -1
				for i, c := range want {
					if c >= 'A' && c <= 'Z' {
						want[i] = c + 'a' - 'A'
						if first < 0 {
							first = i
						}
					}
				}
				if got := lowerInto(buf, s); string(got) != string(want) {
					t.Fatalf("lowerInto(%q) = %q, want %q", s, got, want)
				}
				if got := firstCapital(s); got != first {
					t.Fatalf("firstCapital(%q) = %d, want %d", s, got, first)
				}
			}
		}
	}
}

// TestMonthsEndingTriedWhereItCanMatch checks that periodBounds, which
// tries monthsEnding only on a period ending in a year, passes over no
// period the pattern matches: on every period of the labelled sets' figures
// and phrases of the pattern's shape, cut and joined at random.
func TestMonthsEndingTriedWhereItCanMatch(t *testing.T) {
	texts, _ := labelledSentences(t)
	var periods []string
	for _, text := range texts {
		for _, f := range Parse(text, Options{Borough: "Barnet"}) {
			periods = append(periods, f.Period)
		}
	}
	parts := []string{"the ", "12 ", "six ", "months ", "month ", "year ", "financial ", "quarter ", "to ", "ending ",
		"up to ", "the end of ", "September ", "june ", "2024", "1999", "2124", "20", "24", " ", "İ", "x"}
	periods = append(periods, randomJoins(31, 50000, 8, parts)...)
	for _, lead := range []string{"", "the ", "The "} {
		for _, kind := range []string{"12 months", "six months", "month", "year", "financial year", "Quarter", "3 months"} {
			for _, to := range []string{"to", "ending", "ended", "up to"} {
				for _, end := range []string{"", "the end of "} {
					for _, month := range []string{"January", "may", "SEPTEMBER", "December"} {
						for _, year := range []string{"2024", "1999", "2124", "24"} {
							periods = append(periods, lead+kind+" "+to+" "+end+month+" "+year+" ")
						}
					}
				}
			}
		}
	}
	matched := 0
	for _, p := range periods {
		m := monthsEnding.FindStringSubmatch(strings.ToLower(strings.TrimSpace(p)))
		if m == nil {
			continue
		}
		matched++
		start, end := monthsEndingBounds(m)
		if gotStart, gotEnd := periodBounds(p); gotStart != start || gotEnd != end {
			t.Fatalf("%q: periodBounds %s to %s, the pattern's %s to %s", p, gotStart, gotEnd, start, end)
		}
	}
	if matched < 100 {
		t.Fatalf("only %d periods of the pattern's shape", matched)
	}
}
