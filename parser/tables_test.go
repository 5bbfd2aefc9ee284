package parser

import (
	"fmt"
	"strings"
	"testing"
)

// TestTables reads tables of crime categories by their columns; the
// tables of places under category columns are in TestPlaceTables.
func TestTables(t *testing.T) {
	type fig struct {
		cat     string
		measure Measure
		value   float64
		period  string
	}
	tests := []struct {
		name string
		text string
		want []fig
	}{
		{
			name: "one cell a line, counts, change and percent change",
			text: "The table below compares the two years.\n\nOffence\n2022/23\n2023/24\nChange\n% change\n" +
				"Robbery\n1,204\n1,050\n-154\n-12.8%\nKnife crime\n310\n344\n34\n11.0%\n\nMembers noted the report.",
			want: []fig{
				{"robbery", Count, 1204, "2022/23"}, {"robbery", Count, 1050, "2023/24"},
				{"robbery", ChangeCount, -154, ""}, {"robbery", ChangePercent, -12.8, ""},
				{"knife_crime", Count, 310, "2022/23"}, {"knife_crime", Count, 344, "2023/24"},
				{"knife_crime", ChangeCount, 34, ""}, {"knife_crime", ChangePercent, 11, ""},
			},
		},
		{
			name: "pipes, with a detection rate column",
			text: "Crime type | Previous year | Current year | Detection rate\n" +
				"Burglary | 900 | 850 | 6.1%\nShoplifting | 2,100 | 2,400 | 18%\n",
			want: []fig{
				{"burglary", Count, 900, "Previous year"}, {"burglary", Count, 850, "Current year"},
				{"burglary", DetectionRatePercent, 6.1, ""},
				{"shoplifting", Count, 2100, "Previous year"}, {"shoplifting", Count, 2400, "Current year"},
				{"shoplifting", DetectionRatePercent, 18, ""},
			},
		},
		{
			name: "tabs, percent change only",
			text: "Category\t% change\nAnti-social behaviour\t-8.4%\nHate crime\t+3.0%\n",
			want: []fig{{"antisocial_behaviour", ChangePercent, -8.4, ""}, {"hate_crime", ChangePercent, 3, ""}},
		},
		{
			name: "rows stop at a label that names no category",
			text: "Measure\n% change\nBurglary\n-5%\nPublic confidence\n-2%\nRobbery\n-9%\n",
			want: []fig{{"burglary", ChangePercent, -5, ""}},
		},
		{
			name: "a row of a category not read is passed over",
			text: "Offence | 2015 | 2016\nCriminal damage | 6 | 7\nTheft & Handling | 21 | 29\nRobbery | 5 | 0\n",
			want: []fig{
				{"criminal_damage", Count, 6, "2015"}, {"criminal_damage", Count, 7, "2016"},
				{"robbery", Count, 5, "2015"}, {"robbery", Count, 0, "2016"},
			},
		},
		{
			name: "an agenda is no table",
			text: "Item\nPage\nApologies\n1\nMinutes\n3\nPolice update\n7\n",
		},
		{
			name: "a budget table is no table of crime",
			text: "Budget line | 2023/24 | 2024/25 | Change\nCCTV | £120,000 | £130,000 | £10,000\nStaffing | 400 | 410 | 10\n",
		},
		{
			name: "pipes with a blank first header cell, a rank column and a zero",
			text: "| | 2015 | 2016 | Rank |\n|---|---|---|---|\n| Robbery | 410 | 0 | 12 |\n| Knife crime | 88 | 97 | 3 |\n",
			want: []fig{
				{"robbery", Count, 410, "2015"}, {"robbery", Count, 0, "2016"},
				{"knife_crime", Count, 88, "2015"}, {"knife_crime", Count, 97, "2016"},
			},
		},
		{
			name: "a header of columns only, its label cell left out",
			text: "Reporting period. | ||\nyear 2015 | year 2016 | |\nCriminal Damage | 6 | 7 |\nAssaults | 19 | 15 |\nTotal | 61 | 55 |\n",
			want: []fig{
				{"criminal_damage", Count, 6, "year 2015"}, {"criminal_damage", Count, 7, "year 2016"},
				{"violence_against_the_person", Count, 19, "year 2015"}, {"violence_against_the_person", Count, 15, "year 2016"},
				{"total_offences", Count, 61, "year 2015"}, {"total_offences", Count, 55, "year 2016"},
			},
		},
		{
			name: "a count in brackets after a percentage in one cell",
			text: "Offence | This year | Change\nShoplifting | 1,210 | -12% (165)\nRobbery | 300 | +5% (14)\n",
			want: []fig{
				{"shoplifting", Count, 1210, "This year"}, {"shoplifting", ChangePercent, -12, ""}, {"shoplifting", ChangeCount, -165, ""},
				{"robbery", Count, 300, "This year"}, {"robbery", ChangePercent, 5, ""}, {"robbery", ChangeCount, 14, ""},
			},
		},
		{
			name: "sub-rows refine the row above",
			text: "Crime\tLast year\tThis year\nBurglary\t500\t450\nResidential\t350\t300\nBusiness\t150\t150\nRobbery\t90\t99\nPersonal\t80\t85\n",
			want: []fig{
				{"burglary", Count, 500, "Last year"}, {"burglary", Count, 450, "This year"},
				{"residential_burglary", Count, 350, "Last year"}, {"residential_burglary", Count, 300, "This year"},
				{"business_burglary", Count, 150, "Last year"}, {"business_burglary", Count, 150, "This year"},
				{"robbery", Count, 90, "Last year"}, {"robbery", Count, 99, "This year"},
				{"personal_robbery", Count, 80, "Last year"}, {"personal_robbery", Count, 85, "This year"},
			},
		},
		{
			name: "columns laid out with runs of spaces",
			text: "Offence          2022/23     2023/24     % change\nVehicle crime    1,433       1,290       -10.0%\nHate crime       212         240         +13.2%\n",
			want: []fig{
				{"vehicle_crime", Count, 1433, "2022/23"}, {"vehicle_crime", Count, 1290, "2023/24"}, {"vehicle_crime", ChangePercent, -10, ""},
				{"hate_crime", Count, 212, "2022/23"}, {"hate_crime", Count, 240, "2023/24"}, {"hate_crime", ChangePercent, 13.2, ""},
			},
		},
		{
			name: "a prose line of two categories is no header",
			text: "Burglary Robbery\nWe discussed both at length and 12 members attended.\n",
		},
		{
			name: "a header with no column we know is no table",
			text: "Crime type\nNotes\nBurglary\n12\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs := Parse(tt.text, Options{Borough: "Harrow"})
			checkFigures(t, tt.text, figs)
			var got, want []string
			for _, f := range figs {
				got = append(got, fmt.Sprintf("%s %s %v %q %s", f.Category, f.Measure, f.Value, f.Period, f.Area))
			}
			for _, f := range tt.want {
				want = append(want, fmt.Sprintf("%s %s %v %q Harrow", f.cat, f.measure, f.value, f.period))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("figures (-want +got):\n-%s\n+%s", strings.Join(want, "\n-"), strings.Join(got, "\n+"))
			}
		})
	}
}

// TestPlaceTables reads tables whose rows are places and whose columns are
// categories: each cell is a figure of its column's category in its row's
// place.
func TestPlaceTables(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "pipes, signed changes",
			text: "Ward | Burglary | Robbery\nCentral | +12% | -3%\nNorth Hill | -8% | +20%\n",
			want: []string{"burglary change_percent 12 Central", "robbery change_percent -3 Central",
				"burglary change_percent -8 North Hill", "robbery change_percent 20 North Hill"},
		},
		{
			name: "single spaces, counts, and a total row",
			text: "Area Shoplifting Vehicle crime\nTown Centre 410 88\nRiverside 97 43\nTotal 507 131\n",
			want: []string{"shoplifting count 410 Town Centre", "vehicle_crime count 88 Town Centre",
				"shoplifting count 97 Riverside", "vehicle_crime count 43 Riverside",
				"shoplifting count 507 Harrow", "vehicle_crime count 131 Harrow"},
		},
		{
			name: "unsigned percentages under a lead that says they are increases",
			text: "The increases by ward were:\nWard Knife crime Robbery\nEast 40% 12%\n",
			want: []string{"knife_crime change_percent 40 East", "robbery change_percent 12 East"},
		},
		{
			name: "unsigned percentages with no lead are not read",
			text: "Ward Knife crime Robbery\nEast 40% 12%\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs := Parse(tt.text, Options{Borough: "Harrow"})
			checkFigures(t, tt.text, figs)
			var got []string
			for _, f := range figs {
				got = append(got, fmt.Sprintf("%s %s %v %s", f.Category, f.Measure, f.Value, f.Area))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("figures (-want +got):\n-%s\n+%s", strings.Join(tt.want, "\n-"), strings.Join(got, "\n+"))
			}
		})
	}
}

// TestTableSpansInOrder checks what Parse relies on to pass over the
// sentences of tables in one walk: the spans readTables returns are in
// order and do not overlap.
func TestTableSpansInOrder(t *testing.T) {
	part := "The table below compares the two years.\n\nOffence\n2022/23\n2023/24\nChange\n% change\n" +
		"Robbery\n1,204\n1,050\n-154\n-12.8%\n\nCrime type | Previous year | Current year | Detection rate\n" +
		"Burglary | 900 | 850 | 6.1%\nShoplifting | 2,100 | 2,400 | 18%\n\nMembers noted the report.\n"
	text := strings.Repeat(part, 50)
	_, spans := readTables(text, appendNewlines(nil, text), Options{Borough: "Barnet"}, nil, &tableLines{})
	if len(spans) < 100 {
		t.Fatalf("got %d table spans, want at least 100", len(spans))
	}
	for i, s := range spans {
		if s[0] >= s[1] || i > 0 && s[0] < spans[i-1][1] {
			t.Fatalf("span %d %v after %v: not in order, or overlapping", i, s, spans[max(0, i-1)])
		}
	}
}

// TestTableLinesReleaseHoldsNoText checks that the table lines a parse
// hands back to the pool keep no cell of its text, and that a text longer
// than the pool keeps room for is let go.
func TestTableLinesReleaseHoldsNoText(t *testing.T) {
	var b tableLines
	text := "Crime | 2023 | 2024\nBurglary | 10 | 12\nRobbery\n"
	if lines := b.split(text, appendNewlines(nil, text), separated(text)); len(lines) != 4 || len(lines[1].cells) != 3 || lines[2].cells[0].text != "Robbery" {
		t.Fatalf("split(%q) = %+v", text, lines)
	}
	b.release()
	for _, l := range b.lines[:cap(b.lines)] {
		if l.cells != nil {
			t.Fatalf("a released line keeps its cells: %+v", l)
		}
	}
	for _, c := range b.singles[:cap(b.singles)] {
		if c.text != "" {
			t.Fatalf("a released cell keeps its text: %+v", c)
		}
	}
	// Split again, the lines are the new text's alone.
	if lines := b.split("a\nb", []int{1}, false); len(lines) != 2 || len(lines[0].cells) != 1 || lines[0].cells[0].text != "a" || lines[1].cells[0].text != "b" {
		t.Fatalf("split again: %+v", lines)
	}
	b.release()
	b.split(strings.Repeat("row\n", maxPooledTableLines+1), appendNewlines(nil, strings.Repeat("row\n", maxPooledTableLines+1)), false)
	if b.release(); b.lines != nil || b.singles != nil {
		t.Fatalf("the lines of a long text are kept: cap %d", cap(b.lines))
	}
}
