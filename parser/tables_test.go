package parser

import (
	"fmt"
	"strings"
	"testing"
)

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
			name: "an agenda is no table",
			text: "Item\nPage\nApologies\n1\nMinutes\n3\nPolice update\n7\n",
		},
		{
			name: "a budget table is no table of crime",
			text: "Budget line | 2023/24 | 2024/25 | Change\nCCTV | £120,000 | £130,000 | £10,000\nStaffing | 400 | 410 | 10\n",
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
