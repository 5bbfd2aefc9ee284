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

// TestComparedCountsKeepTheirPeriods gives each count of a comparison its
// own period: the one named after the second number is the second's.
func TestComparedCountsKeepTheirPeriods(t *testing.T) {
	for _, tt := range []struct {
		text          string
		first, second string
	}{
		{"There were 112 burglaries compared to 146 in the same period last year.", "", "the same period last year"},
		{"Burglaries were down 23% year to date, with 112 burglaries recorded compared to 146 in the same period last year.", "year to date", "the same period last year"},
		{"There were 12 knife crime offences against 9 last year.", "", "last year"},
		{"Shoplifting: 230 this year vs 198 last year.", "this year", "last year"},
	} {
		var counts []Figure
		for _, f := range Parse(tt.text, Options{Borough: "Barnet"}) {
			if f.Measure == Count {
				counts = append(counts, f)
			}
		}
		if len(counts) != 2 || counts[0].Period != tt.first || counts[1].Period != tt.second {
			t.Errorf("%q: counts %+v, want periods %q then %q", tt.text, counts, tt.first, tt.second)
		}
	}
}
