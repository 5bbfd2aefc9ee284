package parser

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// ruleCases exercise the readings added for shapes the phrasing table does
// not hold: levels a change reached, comparisons, stated counts, shares,
// Scottish crime groups, wider places. Sentences are written for this
// table.
func ruleCases() []phrasingCase {
	f := phrasingFig
	const (
		cp  = ChangePercent
		cc  = ChangeCount
		cnt = Count
		det = DetectionRatePercent
		pct = RatePercent
		per = RatePer1000
		sig = Signups
	)
	return []phrasingCase{
		{name: "level/rose by N% to M offences", borough: "Luton",
			text: "Robbery rose 6.2% to 842 offences over the year.",
			want: []Figure{f("robbery", cp, 6.2, "Luton"), f("robbery", cnt, 842, "Luton")}},
		{name: "level/had fallen to a word number", borough: "Derby",
			text: "Serious assaults had fallen to eleven, from 19 the year before.",
			want: []Figure{f("violence_with_injury", cnt, 11, "Derby"), f("violence_with_injury", cnt, 19, "Derby")}},
		{name: "level/risen by N% to M without a noun", borough: "Coventry",
			text: "Possession of weapons offences had risen by 14% to 296.",
			want: []Figure{f("possession_of_weapons", cp, 14, "Coventry"), f("possession_of_weapons", cnt, 296, "Coventry")}},
		{name: "stated/numbered N in a year", borough: "York",
			text: "Domestic abuse crimes numbered 2,417 in 2023, a rise of 3%.",
			want: []Figure{f("domestic_abuse", cnt, 2417, "York"), f("domestic_abuse", cp, 3, "York")}},
		{name: "stated/were N then a change", borough: "Hull",
			text: "ASB calls were 6,210, down 11% on last year.",
			want: []Figure{f("antisocial_behaviour", cnt, 6210, "Hull"), f("antisocial_behaviour", cp, -11, "Hull")}},
		{name: "stated/label colon count", borough: "Dundee",
			text: "Shoplifting: 1,032, an increase of 18%.",
			want: []Figure{f("shoplifting", cnt, 1032, "Dundee"), f("shoplifting", cp, 18, "Dundee")}},
		{name: "change count/fallen by N with the percent in brackets", borough: "Bolton",
			text: "Criminal damage had fallen by 312 (-9.5%) since April.",
			want: []Figure{f("criminal_damage", cc, -312, "Bolton"), f("criminal_damage", cp, -9.5, "Bolton")}},
		{name: "change count/or N offences completing a change", borough: "Oldham",
			text: "Vehicle crime decreased by 7.1% (or 240 offences).",
			want: []Figure{f("vehicle_crime", cp, -7.1, "Oldham"), f("vehicle_crime", cc, -240, "Oldham")}},
		{name: "change count/signed count in brackets after a count", borough: "Salford",
			text: "Business robbery: 64 offences (+9).",
			want: []Figure{f("business_robbery", cnt, 64, "Salford"), f("business_robbery", cc, 9, "Salford")}},
		{name: "change count/N fewer than after a count", borough: "Stockport",
			text: "There were 1,870 burglaries, 203 fewer than in 2022.",
			want: []Figure{f("burglary", cnt, 1870, "Stockport"), f("burglary", cc, -203, "Stockport")}},
		{name: "change/bare percent in brackets after a change in a count", borough: "Walsall",
			text: "Hate crime went up by 41 offences (12%).",
			want: []Figure{f("hate_crime", cc, 41, "Walsall"), f("hate_crime", cp, 12, "Walsall")}},
		{name: "change/N% below an average", borough: "Angus",
			text: "Housebreaking was 17% below the five-year average.",
			want: []Figure{f("burglary", cp, -17, "Angus")}},
		{name: "change/N% more than a year before", borough: "Torbay",
			text: "The team handled 930 reports of anti-social behaviour, 9% more than the year before.",
			want: []Figure{f("antisocial_behaviour", cnt, 930, "Torbay"), f("antisocial_behaviour", cp, 9, "Torbay")}},
		{name: "change/the reduction was N%", borough: "Halton",
			text: "For total crime the reduction was 3.6%.",
			want: []Figure{f("total_offences", cp, -3.6, "Halton")}},
		{name: "change/by a third", borough: "Rutland",
			text: "Thefts of catalytic converters were down by a third.",
			want: []Figure{f("catalytic_converter_theft", cp, -100.0/3, "Rutland")}},
		{name: "change/a fraction and its percent say one figure", borough: "Crawley",
			text: "Shoplifting had fallen by a quarter (-25%) after the new scheme.",
			want: []Figure{f("shoplifting", cp, -25, "Crawley")}},
		{name: "comparison/rate up from an earlier rate", borough: "Wigan",
			text: "The solved rate for robbery was 14.2%, up from 9.8% in 2021.",
			want: []Figure{f("robbery", det, 14.2, "Wigan"), f("robbery", det, 9.8, "Wigan")}},
		{name: "comparison/rate compared with a nation", borough: "Newport",
			text: "The proven reoffending rate was 29.9%, compared with 31.4% for Wales.",
			want: []Figure{f("reoffending", pct, 29.9, "Newport"), f("reoffending", pct, 31.4, "Wales")}},
		{name: "comparison/rate per 1,000 against London", borough: "Islington",
			text: "Islington's crime rate was 121.3 crimes per 1,000 population, compared with 94.2 across London.",
			want: []Figure{f("total_offences", per, 121.3, "Islington"), f("total_offences", per, 94.2, "London")}},
		{name: "comparison/counts from A in a year to B in a year", borough: "Solihull",
			text: "Catalytic converter thefts dropped from 420 in 2022 to 133 in 2023.",
			want: []Figure{f("catalytic_converter_theft", cnt, 420, "Solihull"), f("catalytic_converter_theft", cnt, 133, "Solihull")}},
		{name: "comparison/counts from A offences to B", borough: "Bury",
			text: "Knife crime with injury was down from 58 offences to 41.",
			want: []Figure{f("knife_crime_with_injury", cnt, 58, "Bury"), f("knife_crime_with_injury", cnt, 41, "Bury")}},
		{name: "share/of which N were a category", borough: "Lewisham",
			text: "In total 910 offences were recorded, of which 377 were domestic abuse related.",
			want: []Figure{f("total_offences", cnt, 910, "Lewisham"), f("domestic_abuse", cnt, 377, "Lewisham")}},
		{name: "share/of which N were in a place", borough: "Leeds",
			text: "There were 410 knife crime offences, of which 88 were in the Headingley area.",
			want: []Figure{f("knife_crime", cnt, 410, "Leeds"), f("knife_crime", cnt, 88, "Headingley")}},
		{name: "share/N% of a category were solved", borough: "Fife",
			text: "Officers said 58% of hate crimes were solved.",
			want: []Figure{f("hate_crime", det, 58, "Fife")}},
		{name: "scotland/group 3 crimes of dishonesty", borough: "Falkirk",
			text: "Group 3 – crimes of dishonesty: 2,904 crimes, a decrease of 4.0%.",
			want: []Figure{f("property_crime", cnt, 2904, "Falkirk"), f("property_crime", cp, -4, "Falkirk")}},
		{name: "scotland/solvency after a named group", borough: "Stirling",
			text: "Group 1 – non-sexual crimes of violence: 212 crimes, solvency 77.8%.",
			want: []Figure{f("violence_against_the_person", cnt, 212, "Stirling"), f("violence_against_the_person", det, 77.8, "Stirling")}},
		{name: "scotland/solvency rate in the next sentence", borough: "Moray",
			text: "Domestic housebreaking: 61 crimes, down 8 on last year. The solvency rate was 36.1%.",
			want: []Figure{f("residential_burglary", cnt, 61, "Moray"), f("residential_burglary", cc, -8, "Moray"),
				f("residential_burglary", det, 36.1, "Moray")}},
		{name: "count/similar offences refer back", borough: "Merton",
			text: "A resident described a distraction theft at a cash machine. PC Okafor said there had been 3 similar offences in May.",
			want: []Figure{f("theft_from_person", cnt, 3, "Merton")}},
		{name: "count/complaints are counts", borough: "Perth and Kinross",
			text: "There were 1,540 antisocial behaviour complaints in the period.",
			want: []Figure{f("antisocial_behaviour", cnt, 1540, "Perth and Kinross")}},
		{name: "count/active schemes", borough: "Wokingham",
			text: "There are now 640 active Neighbourhood Watch schemes in the borough.",
			want: []Figure{f("neighbourhood_watch", cnt, 640, "Wokingham")}},
		{name: "signups/sign-ups had reached N residents", borough: "Hackney",
			text: "Sign-ups to the OWL messaging service had reached 4,120 residents, up from 2,900.",
			want: []Figure{f("online_watch_link", sig, 4120, "Hackney"), f("online_watch_link", sig, 2900, "Hackney")}},
		{name: "signups/the scheme nearest the verb", borough: "Bexley",
			text: "The Neighbourhood Watch coordinator said 3,300 residents had signed up to OWL.",
			want: []Figure{f("online_watch_link", sig, 3300, "Bexley")}},
		{name: "detection/no category means all crime", borough: "Dorset",
			text: "The force's overall charge rate was 7.9%.",
			want: []Figure{f("total_offences", det, 7.9, "Dorset")}},
		{name: "area/force-wide", borough: "Maidstone",
			text: "Crime had risen by 2.4% in the borough, compared with a 1.1% rise Kent-wide.",
			want: []Figure{f("total_offences", cp, 2.4, "Maidstone"), f("total_offences", cp, 1.1, "Kent")}},
		{name: "area/across a force area", borough: "Wigan",
			text: "Across Greater Manchester, burglary fell by 6%.",
			want: []Figure{f("burglary", cp, -6, "Greater Manchester")}},
		{name: "area/the town centre is the borough's", borough: "Crawley",
			text: "Violence in the town centre had increased by 9%.",
			want: []Figure{f("violence_against_the_person", cp, 9, "Crawley town centre")}},
		{name: "area/a named city centre", borough: "Exeter",
			text: "Shoplifting in Exeter city centre was up 22%.",
			want: []Figure{f("shoplifting", cp, 22, "Exeter city centre")}},
		{name: "area/in a named neighbourhood", borough: "Bristol",
			text: "Shoplifting in Broadmead had increased by 31%, with 980 offences.",
			want: []Figure{f("shoplifting", cp, 31, "Broadmead"), f("shoplifting", cnt, 980, "Broadmead")}},
		{name: "area/a place past another category is that category's", borough: "Greenwich",
			text: "Burglary had fallen to 1,140 offences, and theft from the person in Woolwich rose by 7%.",
			want: []Figure{f("burglary", cnt, 1140, "Greenwich"), f("theft_from_person", cp, 7, "Woolwich")}},
		{name: "area/a BCU in a title is not where a figure is", borough: "Hackney",
			text: "Hackney's Central East BCU commander said knife crime fell 9%.",
			want: []Figure{f("knife_crime", cp, -9, "Hackney")}},
		{name: "area/a place outside which is only compared", borough: "Brighton and Hove",
			text: "Cycle theft was up 12%, one of the highest rates outside London.",
			want: []Figure{f("bicycle_theft", cp, 12, "Brighton and Hove")}},
		{name: "change count/fewer victims of a category", borough: "Harrow",
			text: "The borough had 120 fewer victims of burglary than in 2022.",
			want: []Figure{f("burglary", cc, -120, "Harrow")}},
		{name: "change/by a fifth", borough: "Swale",
			text: "Criminal damage had increased by a fifth.",
			want: []Figure{f("criminal_damage", cp, 20, "Swale")}},
		{name: "count/a new category between two counts of one noun", borough: "Glasgow",
			text: "Group 5 crimes: supply of drugs 301 crimes; possession of an offensive weapon 288 crimes.",
			want: []Figure{f("drug_offences", cnt, 301, "Glasgow"), f("possession_of_weapons", cnt, 288, "Glasgow")}},
		{name: "negative/a ratio is no count", borough: "Ealing",
			text: "Around 1 in 4 victims of domestic abuse did not report to police, and one in five offences were repeats.",
		},
		{name: "area/a national rate is the nation's", borough: "Lewisham",
			text: "The positive outcome rate for domestic abuse was 9.1%, compared with a national rate of 6.4%.",
			want: []Figure{f("domestic_abuse", det, 9.1, "Lewisham"), f("domestic_abuse", det, 6.4, "England and Wales")}},
		{name: "area/nationally in Scotland", borough: "Dundee",
			text: "Nationally, antisocial behaviour fell by 3.1%.",
			want: []Figure{f("antisocial_behaviour", cp, -3.1, "Scotland")}},
		{name: "area/the force the minutes name", borough: "Birmingham",
			text: "Superintendent Ray of West Midlands Police attended. Knife crime was up 6% in the city and 4% across the force.",
			want: []Figure{f("knife_crime", cp, 6, "Birmingham"), f("knife_crime", cp, 4, "West Midlands")}},
		{name: "area/the town centre the minutes named", borough: "Redbridge",
			text: "Members discussed Ilford town centre. Shoplifting in the town centre had risen by 14%.",
			want: []Figure{f("shoplifting", cp, 14, "Ilford town centre")}},
		{name: "area/much of it around a place is still the borough's", borough: "Islington",
			text: "Theft from the person stood at 4,400 offences, much of it around Holloway Road.",
			want: []Figure{f("theft_from_person", cnt, 4400, "Islington")}},
		{name: "area/a place after another number is that number's", borough: "Sutton",
			text: "There were 150 catalytic converter thefts, 52 of them in Cheam ward.",
			want: []Figure{f("catalytic_converter_theft", cnt, 150, "Sutton"), f("catalytic_converter_theft", cnt, 52, "Cheam")}},
		{name: "area/above a place's average is the borough's", borough: "Sutton",
			text: "The youth reoffending rate was 30.5%, slightly above the London average.",
			want: []Figure{f("reoffending", pct, 30.5, "Sutton")}},
		{name: "count/cycles reported stolen", borough: "Cambridge",
			text: "Cycle theft remained high, with 1,480 cycles reported stolen in the year.",
			want: []Figure{f("bicycle_theft", cnt, 1480, "Cambridge")}},
		{name: "negative/casework a team opened", borough: "Brent",
			text: "The ASB team had opened 290 new cases and closed 301.",
		},
		{name: "negative/an explanation is no count", borough: "Harrow",
			text: "Hate crime was up by 12%, largely due to two incidents at one school.",
			want: []Figure{f("hate_crime", cp, 12, "Harrow")}},
		{name: "count/a headerless table row", borough: "St Albans",
			text: "The table below shows the main crime types.\n\n     Residential burglary      412    (-14%)\n     Shoplifting               831    (+31%)\n",
			want: []Figure{f("residential_burglary", cnt, 412, "St Albans"), f("residential_burglary", cp, -14, "St Albans"),
				f("shoplifting", cnt, 831, "St Albans"), f("shoplifting", cp, 31, "St Albans")}},
		{name: "count/from A in a quarter to B over the summer", borough: "Westminster",
			text: "ASB calls had gone from 96 in the spring quarter to 131 over the summer.",
			want: []Figure{f("antisocial_behaviour", cnt, 96, "Westminster"), f("antisocial_behaviour", cnt, 131, "Westminster")}},
		{name: "detection/SD rate", borough: "Bexley",
			text: "The SD rate for burglary is sitting at 6%.",
			want: []Figure{f("burglary", det, 6, "Bexley")}},
		{name: "scotland/groups 1-5 are all crime", borough: "Perth and Kinross",
			text: "Overall recorded crime (Groups 1-5) decreased by 4.6%, and the detection rate for Groups 1-5 was 58.2%.",
			want: []Figure{f("total_offences", cp, -4.6, "Perth and Kinross"), f("total_offences", det, 58.2, "Perth and Kinross")}},
		{name: "area/a street named after a town", borough: "Westminster",
			text: "Robbery around Leicester Square had fallen by 14%.",
			want: []Figure{f("robbery", cp, -14, "Leicester Square")}},
		{name: "area/a force speaking is no place", borough: "Thurrock",
			text: "Essex Police said ASB in the borough had fallen by 16%.",
			want: []Figure{f("antisocial_behaviour", cp, -16, "Thurrock")}},
		{name: "area/across the BCU", borough: "Hammersmith and Fulham",
			text: "Superintendent Lee of the Central West BCU attended. Across the BCU, total notifiable offences were down 6.2%.",
			want: []Figure{f("total_offences", cp, -6.2, "Central West BCU")}},
		{name: "area/the highest in a place is no figure of it", borough: "Barking and Dagenham",
			text: "Barking and Dagenham had the highest rate of domestic abuse in London, at 17.6 offences per 1,000 population.",
			want: []Figure{f("domestic_abuse", per, 17.6, "Barking and Dagenham")}},
		{name: "area/a wrapped line ending on the", borough: "Dudley",
			text: "The rate was 93.6 crimes per 1,000 residents, against 104 crimes per 1,000 residents for the\nWest Midlands as a whole.",
			want: []Figure{f("total_offences", per, 93.6, "Dudley"), f("total_offences", per, 104, "West Midlands")}},
		{name: "area/in a town and its town centre", borough: "Kirklees",
			text: "Shoplifting in Huddersfield town centre rose to 1,046 offences.",
			want: []Figure{f("shoplifting", cnt, 1046, "Huddersfield town centre")}},
		{name: "subject/a pronoun in the clause refers back", borough: "Charnwood",
			text: "A Member asked about shoplifting in the town. The Inspector said that it had gone up, around 25 per cent.",
			want: []Figure{f("shoplifting", cp, 25, "Charnwood")}},
		{name: "subject/a car park is no topic of its own", borough: "Dudley",
			text: "Vehicle crime in Brierley Hill, including the Merry Hill car park, rose by 12%.",
			want: []Figure{f("vehicle_crime", cp, 12, "Brierley Hill")}},
		{name: "count/two counts of one value are two figures", borough: "Redbridge",
			text: "Superintendent Ali of the North East BCU reported. There have been 523 offences year to date with 523 offences taking place in Redbridge.",
			want: []Figure{f("total_offences", cnt, 523, "North East BCU"), f("total_offences", cnt, 523, "Redbridge")}},
		{name: "count/N recorded against M", borough: "Bedford",
			text: "Hate crime reports had increased, with 58 recorded in the quarter against 41 in the same quarter last year.",
			want: []Figure{f("hate_crime", cnt, 58, "Bedford"), f("hate_crime", cnt, 41, "Bedford")}},
		{name: "count/cycles had been reported stolen", borough: "Luton",
			text: "The Sergeant said 62 cycles had been reported stolen from the station since January.",
			want: []Figure{f("bicycle_theft", cnt, 62, "Luton")}},
		{name: "count/a crime group's label before its noun", borough: "Aberdeen",
			text: "There had been 512 Group 2 sexual crimes recorded in the period.",
			want: []Figure{f("sexual_offences", cnt, 512, "Aberdeen")}},
		{name: "change count/a newly named category is not the previous figure's", borough: "Rotherham",
			text: "Residential burglary fell by 8%, and vehicle crime had fallen by 210 offences.",
			want: []Figure{f("residential_burglary", cp, -8, "Rotherham"), f("vehicle_crime", cc, -210, "Rotherham")}},
		{name: "area/a short form of the borough is the borough", borough: "Southend-on-Sea",
			text: "Overall crime in Southend had fallen by 1.9%.",
			want: []Figure{f("total_offences", cp, -1.9, "Southend-on-Sea")}},
		{name: "area/St in a neighbourhood's name", borough: "Hastings",
			text: "There had been 198 crimes recorded in Central St Leonards over the three months.",
			want: []Figure{f("total_offences", cnt, 198, "Central St Leonards")}},
		{name: "area/one of the safest in the country is the borough's", borough: "East Riding of Yorkshire",
			text: "The East Riding remained one of the safest areas in the country at 44.1 crimes per 1,000 residents.",
			want: []Figure{f("total_offences", per, 44.1, "East Riding of Yorkshire")}},
		{name: "negative/a month after in is no place", borough: "Sutton",
			text: "In March the Board noted that 12 officers had joined.",
		},
		{name: "negative/a parenthetical dash is no range", borough: "Milton Keynes",
			text: "Total crime had fallen by 2.8% in 2023 – 1,032 fewer offences – compared with 2022.",
			want: []Figure{f("total_offences", cp, -2.8, "Milton Keynes"), f("total_offences", cc, -1032, "Milton Keynes")}},
		{name: "negative/a dash range stays a range", borough: "Merton",
			text: "Burglary had fallen by 5-7% in the last quarter.",
		},
		{name: "negative/a budget increase in a named service", borough: "Reading",
			text: "There was a 10% reduction in the budget for ASB services.",
		},
		{name: "negative/safeguarding share", borough: "Barnet",
			text: "Of completed safeguarding enquiries, 94% had their risk reduced.",
		},
	}
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, Options{Borough: tc.borough})
			checkFigures(t, tc.text, got)
			if d := phrasingDiff(tc.want, got); d != "" {
				t.Errorf("Parse(%q) figures mismatch (-want +got):\n%s", tc.text, d)
			}
			for _, g := range got {
				if !phrasingQuoteHasNumber(g.Quote, g.Value) && !strings.ContainsAny(g.Quote, "qtha") {
					t.Errorf("figure %s: Quote %q does not contain its number", phrasingKey(g), g.Quote)
				}
			}
		})
	}
}

// TestResetReadingSetsEveryField checks that resetReading, which walk
// makes the scratch reading base again with field by field, sets every
// field of a reading: from readings with each field set in turn, the
// result is base, and base itself has no strings set.
func TestResetReadingSetsEveryField(t *testing.T) {
	base := reading{num: 3, value: 7.5, first: 2, last: 4}
	typ := reflect.TypeOf(reading{})
	for i := range typ.NumField() {
		var r reading
		// An unexported field, set through its address.
		field := reflect.ValueOf(&r).Elem().Field(i)
		f := reflect.NewAt(field.Type(), unsafe.Pointer(field.UnsafeAddr())).Elem()
		switch f.Kind() {
		case reflect.String:
			f.SetString("set")
		case reflect.Int:
			f.SetInt(99)
		case reflect.Float64:
			f.SetFloat(99)
		case reflect.Bool:
			f.SetBool(true)
		default:
			t.Fatalf("reading.%s is a %s: resetReading does not know it", typ.Field(i).Name, f.Kind())
		}
		resetReading(&r, &base)
		if r != base {
			t.Errorf("with reading.%s set, resetReading gives %+v, want %+v", typ.Field(i).Name, r, base)
		}
	}
}
