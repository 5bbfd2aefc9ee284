package parser

import (
	"slices"
	"testing"
	"time"
)

func meetingOn(t *testing.T, s string) Options {
	t.Helper()
	if s == "" {
		return Options{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return Options{MeetingDate: d}
}

func TestSpanOf(t *testing.T) {
	tests := []struct {
		name, period, start, end, meeting string
		want                              Span
	}{
		{"no period", "", "", "", "2024-11-29", SpanUnstated},
		{"two years compared", "2019 to 2021", "2019-01-01", "2021-12-31", "2021-09-08", SpanMultiYear},
		{"a quarter", "July to September 2024", "2024-07-01", "2024-09-30", "2024-11-29", SpanQuarter},
		{"a quarter, no meeting", "July to September 2024", "2024-07-01", "2024-09-30", "", SpanQuarter},
		{"a month", "March 2018", "2018-03-01", "2018-03-31", "2018-05-01", SpanMonth},
		{"a financial year that has ended", "2022/23", "2022-04-01", "2023-03-31", "2023-06-14", SpanYear},
		{"a financial year the meeting is in", "2024/25", "2024-04-01", "2025-03-31", "2024-11-29", SpanYearToDate},
		{"a calendar year the meeting is in", "2021", "2021-01-01", "2021-12-31", "2021-09-08", SpanYearToDate},
		{"a calendar year that has ended", "2021", "2021-01-01", "2021-12-31", "2022-01-20", SpanYear},
		{"a year, no meeting", "2021", "2021-01-01", "2021-12-31", "", SpanYear},
		{"April to August, reported in September", "April to August 2024", "2024-04-01", "2024-08-31", "2024-09-20", SpanYearToDate},
		{"April to August, no meeting", "April to August 2024", "2024-04-01", "2024-08-31", "", SpanOther},
		{"April to August, reported a year on", "April to August 2024", "2024-04-01", "2024-08-31", "2025-06-01", SpanOther},
		{"first quarter of the financial year, reported after it", "April to June 2024", "2024-04-01", "2024-06-30", "2024-07-10", SpanQuarter},
		{"a financial year as months", "April 2017 to March 2018", "2017-04-01", "2018-03-31", "2018-05-01", SpanYear},
		{"financial years compared", "11/12 to 15/16", "2011-04-01", "2016-03-31", "2016-06-01", SpanMultiYear},
		{"six months of days", "2024-01-15 to 2024-07-14", "2024-01-15", "2024-07-14", "", SpanOther},
		{"a year of days", "the year to 14 July", "2023-07-15", "2024-07-14", "", SpanYear},
		{"only an end", "up to October 2013", "", "2013-10-31", "2013-12-01", SpanUnstated},

		{"year to date", "year to date", "", "", "2022-07-22", SpanYearToDate},
		{"year to date, no meeting", "year to date", "", "", "", SpanYearToDate},
		{"financial year to date", "financial year to date (April-June)", "", "", "2022-07-22", SpanYearToDate},
		{"the year-to-date", "the year-to-date", "", "", "", SpanYearToDate},
		{"this year", "this year", "", "", "2024-03-15", SpanYearToDate},
		{"this financial year", "this financial year", "", "", "2024-11-29", SpanYearToDate},
		{"since the start of the year", "since the start of the financial year", "", "", "2024-11-29", SpanYearToDate},
		{"this quarter", "this quarter", "", "", "", SpanQuarter},
		{"the past year", "the past year", "", "", "2019-01-25", SpanYear},
		{"last year", "last year", "", "", "", SpanYear},
		{"the previous year", "The Previous Year", "", "", "", SpanYear},
		{"the last 12 months", "the last 12 months", "", "", "2024-11-29", SpanYear},
		{"the rolling 12 months", "the rolling 12 months", "", "", "", SpanYear},
		{"the last twelve months", "the last twelve months", "", "", "", SpanYear},
		{"the past quarter", "the past quarter", "", "", "2024-11-29", SpanQuarter},
		{"the last three months", "the last three months", "", "", "", SpanQuarter},
		{"last month", "last month", "", "", "", SpanMonth},
		{"the last six months", "the last six months", "", "", "", SpanOther},
		{"the past two weeks", "the past two weeks", "", "", "", SpanOther},
		{"the last three years", "the last three years", "", "", "", SpanMultiYear},
		{"the last 24 months", "the last 24 months", "", "", "", SpanMultiYear},
		{"year on year", "year on year", "", "", "", SpanYear},
		{"year-on-year", "year-on-year", "", "", "", SpanYear},
		{"since last year", "since last year", "", "", "", SpanYear},
		{"the same period last year", "the same period last year", "", "", "2024-11-29", SpanUnstated},
		{"the same period in 2023", "the same period in 2023", "", "", "2024-11-29", SpanUnstated},
		{"a named quarter", "Q1 2024", "", "", "", SpanQuarter},
		{"a named financial quarter", "quarter 2 2022/23", "", "", "", SpanQuarter},
		{"since April", "since April", "", "", "2023-11-15", SpanYearToDate},
		{"since April 2023, that financial year", "since April 2023", "", "", "2023-11-15", SpanYearToDate},
		{"since April 2023, a year on", "since April 2023", "", "", "2024-04-20", SpanYear},
		{"since April 2023, two years on", "since April 2023", "", "", "2025-02-01", SpanMultiYear},
		{"since April 2023, no meeting", "since April 2023", "", "", "", SpanUnstated},
		{"since April 2023, told before it", "since April 2023", "", "", "2023-01-10", SpanUnstated},
		{"since January 2020", "since January 2020", "", "", "2022-03-01", SpanMultiYear},
		{"since January, that year", "since January 2024", "", "", "2024-06-01", SpanYearToDate},
		{"words the rules do not know", "the autumn", "", "", "2024-11-29", SpanUnstated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Figure{Period: tt.period, PeriodStart: tt.start, PeriodEnd: tt.end}
			got := SpanOf(f, meetingOn(t, tt.meeting))
			if got != tt.want {
				t.Errorf("SpanOf(%q [%s, %s], meeting %q) -want %q +got %q", tt.period, tt.start, tt.end, tt.meeting, tt.want, got)
			}
			if !slices.Contains(Spans(), got) {
				t.Errorf("SpanOf gave %q, not one of Spans()", got)
			}
		})
	}
}

// TestSpanOfParsedFigures reads sentences with Parse and the meeting date
// in its options, and takes the span of each figure with the same
// options: the periods SpanOf reads are the ones the parser writes.
func TestSpanOfParsedFigures(t *testing.T) {
	tests := []struct {
		sentence, meeting string
		want              Span
	}{
		{"Burglary had reduced by 39% between 2019 and 2021.", "2021-09-08", SpanMultiYear},
		{"There were 393 cases of residential burglary between July and September 2024.", "2024-11-29", SpanQuarter},
		{"Robbery had increased by 12% over the last 12 months.", "2024-11-29", SpanYear},
		{"Knife crime fell by 8% in the past quarter.", "2024-11-29", SpanQuarter},
		{"There had been 811 offences of catalytic converter theft year to date.", "2022-07-22", SpanYearToDate},
		{"Shoplifting had risen by 5% this year.", "2024-06-01", SpanYearToDate},
		{"Violence with injury was down 4% since April 2023.", "2023-11-15", SpanYearToDate},
		{"Violence with injury was down 4% since April 2023.", "2025-02-01", SpanMultiYear},
		{"Theft from the person fell by 10% last month.", "2024-11-29", SpanMonth},
		{"Antisocial behaviour fell by 20% over the last three years.", "2024-11-29", SpanMultiYear},
		{"Criminal damage was down 6% in 2022/23.", "2023-06-14", SpanYear},
		{"There were 4,100 offences of total crime in 2024/25.", "2024-11-29", SpanYearToDate},
		{"There were 4,100 offences of total crime in 2024/25.", "2025-06-10", SpanYear},
		{"Hate crime had risen by 3% year on year.", "2024-11-29", SpanYear},
		{"Vehicle crime reduced by 7% compared with the same period last year.", "2024-11-29", SpanUnstated},
		{"Robbery reduced by 9% over the last six months.", "2024-11-29", SpanOther},
		{"Sexual offences rose by 26%.", "2021-09-08", SpanUnstated},
	}
	for _, tt := range tests {
		t.Run(tt.sentence+" @"+tt.meeting, func(t *testing.T) {
			opts := meetingOn(t, tt.meeting)
			opts.Borough = "Barnet"
			figs := Parse(tt.sentence, opts)
			if len(figs) != 1 {
				t.Fatalf("Parse: %d figures, want 1: %+v", len(figs), figs)
			}
			if got := SpanOf(figs[0], opts); got != tt.want {
				t.Errorf("span of %+v at a meeting on %s: -want %q +got %q", figs[0], tt.meeting, tt.want, got)
			}
		})
	}
}
