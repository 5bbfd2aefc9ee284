package parser

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// phrasingCase is one way minutes phrase figures (or phrase numbers that are
// not figures), with exactly the figures ../shared/spec/figures.md says it
// holds. The sentences are written for this table, not taken from any
// council's minutes, so that passing them says something about minutes the
// parser has never seen.
type phrasingCase struct {
	name    string
	borough string
	text    string
	want    []Figure
	// wantPeriod, when set, must appear (case-insensitively) in the Period
	// of every figure the text gives. It is a substring and not the whole
	// period because the spec leaves the period's exact wording to the
	// parser ("between July and September 2024" may become "July to
	// September 2024").
	wantPeriod string
}

// phrasingFig builds an expected figure; only the fields TestPhrasings
// compares are set.
func phrasingFig(category string, m Measure, value float64, area string) Figure {
	return Figure{Category: category, Measure: m, Value: value, Area: area}
}

// phrasingCases returns the table of TestPhrasings. Positive cases list every
// figure the text holds; negative cases (want nil) hold numbers that the spec
// says are not figures.
func phrasingCases() []phrasingCase {
	f := phrasingFig
	const (
		cp  = ChangePercent
		cc  = ChangeCount
		cnt = Count
		det = DetectionRatePercent
		pct = RatePercent
		per = RatePer1000
		sig = Signups
		tgt = TargetPercent
	)
	return []phrasingCase{
		// Sign words, one per case.
		{
			name:    "sign/reduced by",
			borough: "Camden",
			text:    "The Borough Commander advised that burglary had reduced by 18% compared with the previous year.",
			want:    []Figure{f("burglary", cp, -18, "Camden")},
		},
		{
			name:    "sign/fell by",
			borough: "Islington",
			text:    "Members were informed that robbery fell by 11.4% over the same period.",
			want:    []Figure{f("robbery", cp, -11.4, "Islington")},
		},
		{
			name:    "sign/down",
			borough: "Haringey",
			text:    "Vehicle crime was down 9% on the previous year, which officers attributed to the recent operation.",
			want:    []Figure{f("vehicle_crime", cp, -9, "Haringey")},
		},
		{
			name:    "sign/has seen a decrease of",
			borough: "Lewisham",
			text:    "It was noted that shoplifting has seen a decrease of 14% since the introduction of the retail radio scheme.",
			want:    []Figure{f("shoplifting", cp, -14, "Lewisham")},
		},
		{
			name:    "sign/N% reduction in X",
			borough: "Ealing",
			text:    "The Inspector reported a 22% reduction in criminal damage across the borough.",
			want:    []Figure{f("criminal_damage", cp, -22, "Ealing")},
		},
		{
			name:    "sign/fewer count",
			borough: "Merton",
			text:    "There were 57 fewer residential burglaries than in the same quarter last year.",
			want:    []Figure{f("residential_burglary", cc, -57, "Merton")},
		},
		{
			name:    "sign/lower than, with a spelt-out duration",
			borough: "Bexley",
			text:    "Knife crime was 6% lower than in the previous twelve months.",
			want:    []Figure{f("knife_crime", cp, -6, "Bexley")},
		},
		{
			name:    "sign/halved",
			borough: "Sutton",
			text:    "The Chair was pleased to note that personal robberies had halved since the dispersal order was introduced.",
			want:    []Figure{f("personal_robbery", cp, -50, "Sutton")},
		},
		{
			name:    "sign/reduced by half",
			borough: "Cambridge",
			text:    "Cycle theft in the city had reduced by half following the secure parking scheme.",
			want:    []Figure{f("bicycle_theft", cp, -50, "Cambridge")},
		},
		{
			name:    "sign/dropped by",
			borough: "Redbridge",
			text:    "Reports of theft from the person dropped by 31%.",
			want:    []Figure{f("theft_from_person", cp, -31, "Redbridge")},
		},
		{
			name:       "sign/declined by, last 12 months",
			borough:    "Wandsworth",
			text:       "Drug offences had declined by 8.5% in the last 12 months.",
			want:       []Figure{f("drug_offences", cp, -8.5, "Wandsworth")},
			wantPeriod: "12 months",
		},
		{
			name:    "sign/increased by",
			borough: "Enfield",
			text:    "Domestic abuse offences had increased by 4.3% on the previous year.",
			want:    []Figure{f("domestic_abuse", cp, 4.3, "Enfield")},
		},
		{
			name:    "sign/rose by",
			borough: "Southwark",
			text:    "Hate crime rose by 17% over the year.",
			want:    []Figure{f("hate_crime", cp, 17, "Southwark")},
		},
		{
			name:    "sign/up",
			borough: "Hackney",
			text:    "Bicycle theft was up 23% on last year.",
			want:    []Figure{f("bicycle_theft", cp, 23, "Hackney")},
		},
		{
			name:    "sign/N% increase in X",
			borough: "Havering",
			text:    "There had been a 5% increase in sexual offences reported to police.",
			want:    []Figure{f("sexual_offences", cp, 5, "Havering")},
		},
		{
			name:    "sign/N% rise in X",
			borough: "Greenwich",
			text:    "Officers reported a 12% rise in public order offences in the night-time economy.",
			want:    []Figure{f("public_order", cp, 12, "Greenwich")},
		},
		{
			name:    "sign/increase with more offences",
			borough: "Brent",
			text:    "There had been a 7.5% increase in violence with injury (96 more offences).",
			want: []Figure{
				f("violence_with_injury", cp, 7.5, "Brent"),
				f("violence_with_injury", cc, 96, "Brent"),
			},
		},
		{
			name:    "sign/higher than",
			borough: "Lambeth",
			text:    "Possession of weapons offences were 19% higher than in the previous year, reflecting more proactive stop and search.",
			want:    []Figure{f("possession_of_weapons", cp, 19, "Lambeth")},
		},
		{
			name:    "sign/doubled",
			borough: "Kingston upon Thames",
			text:    "Catalytic converter thefts had doubled over the summer months.",
			want:    []Figure{f("catalytic_converter_theft", cp, 100, "Kingston upon Thames")},
		},
		{
			name:    "sign/more count",
			borough: "Tower Hamlets",
			text:    "There were 312 more shoplifting offences than last year.",
			want:    []Figure{f("shoplifting", cc, 312, "Tower Hamlets")},
		},
		{
			name:    "sign/a fall of",
			borough: "Wigan",
			text:    "Criminal damage had seen a fall of 7% compared with last year.",
			want:    []Figure{f("criminal_damage", cp, -7, "Wigan")},
		},
		{
			name:    "sign/a decrease of N% in X",
			borough: "Salford",
			text:    "There had been a decrease of 13% in personal robbery.",
			want:    []Figure{f("personal_robbery", cp, -13, "Salford")},
		},
		{
			name:    "sign/has seen an increase of",
			borough: "Stockport",
			text:    "Criminal damage has seen an increase of 7% since the summer.",
			want:    []Figure{f("criminal_damage", cp, 7, "Stockport")},
		},
		{
			name:    "sign/down by a further",
			borough: "Westminster",
			text:    "Theft from the person was down by a further 4%.",
			want:    []Figure{f("theft_from_person", cp, -4, "Westminster")},
		},

		// Signs written in the text.
		{
			name:    "written sign/reports of X (+N%)",
			borough: "Croydon",
			text:    "The Board noted that reports of rape (+14%) had continued to rise.",
			want:    []Figure{f("rape", cp, 14, "Croydon")},
		},
		{
			name:    "written sign/minus with decimal",
			borough: "Harrow",
			text:    "Home burglaries showed a year-on-year change of -7.7%.",
			want:    []Figure{f("residential_burglary", cp, -7.7, "Harrow")},
		},
		{
			name:    "written sign/en dash and space in brackets",
			borough: "Hillingdon",
			text:    "Business robbery (– 63%) showed the largest fall of any crime type.",
			want:    []Figure{f("business_robbery", cp, -63, "Hillingdon")},
		},
		{
			name:    "written sign/en dash without space in brackets",
			borough: "Hounslow",
			text:    "Reports of criminal damage (–5%) continued to fall.",
			want:    []Figure{f("criminal_damage", cp, -5, "Hounslow")},
		},
		{
			name:    "written sign/change against a target",
			borough: "Barnet",
			text:    "Non-residential burglary (-1.2% against a target of -6.5%) remained off track.",
			want: []Figure{
				f("business_burglary", cp, -1.2, "Barnet"),
				f("business_burglary", tgt, -6.5, "Barnet"),
			},
		},
		{
			name:    "written sign/open bracket with comment",
			borough: "Tower Hamlets",
			text:    "Increases were also seen in VAWG offences (+26%, largely reflecting improved reporting).",
			want:    []Figure{f("vawg", cp, 26, "Tower Hamlets")},
		},
		{
			name:    "written sign/reports of X (+N%) had also increased",
			borough: "Islington",
			text:    "Reports of sexual offences (+9%) had also increased.",
			want:    []Figure{f("sexual_offences", cp, 9, "Islington")},
		},

		// Number forms.
		{
			name:    "number/per cent",
			borough: "Westminster",
			text:    "Violence against the person fell by 3 per cent in the first quarter.",
			want:    []Figure{f("violence_against_the_person", cp, -3, "Westminster")},
		},
		{
			name:    "number/percent",
			borough: "Newham",
			text:    "Criminal damage increased by 6 percent compared with the same period last year.",
			want:    []Figure{f("criminal_damage", cp, 6, "Newham")},
		},
		{
			name:    "number/space before percent sign",
			borough: "Bromley",
			text:    "Theft from motor vehicles had fallen by 2.2 % this quarter.",
			want:    []Figure{f("vehicle_crime", cp, -2.2, "Bromley")},
		},
		{
			name:    "number/spelt-out per cent",
			borough: "Wakefield",
			text:    "Shoplifting had risen by fifteen per cent.",
			want:    []Figure{f("shoplifting", cp, 15, "Wakefield")},
		},
		{
			name:    "number/thousands comma",
			borough: "Waltham Forest",
			text:    "Police had received 3,700 anti-social behaviour calls in the last quarter.",
			want:    []Figure{f("antisocial_behaviour", cnt, 3700, "Waltham Forest")},
		},
		{
			name:    "number/no thousands separator",
			borough: "Barnet",
			text:    "Membership of the Online Watch Link scheme now stood at 12500 residents.",
			want:    []Figure{f("online_watch_link", sig, 12500, "Barnet")},
		},
		{
			name:       "number/comma then space",
			borough:    "Hounslow",
			text:       "There were 7, 675 recorded offences in the borough during 2023/24.",
			want:       []Figure{f("total_offences", cnt, 7675, "Hounslow")},
			wantPeriod: "2023/24",
		},
		{
			name:    "number/ten",
			borough: "Kensington and Chelsea",
			text:    "Ten reports of modern slavery had been received since April.",
			want:    []Figure{f("modern_slavery", cnt, 10, "Kensington and Chelsea")},
		},
		{
			name:    "number/twelve",
			borough: "Enfield",
			text:    "There had been twelve lethal barrelled firearm discharges so far this financial year.",
			want:    []Figure{f("gun_crime", cnt, 12, "Enfield")},
		},
		{
			name:    "number/eleven",
			borough: "Kirklees",
			text:    "Eleven knife crime offences had been recorded over the Christmas period.",
			want:    []Figure{f("knife_crime", cnt, 11, "Kirklees")},
		},
		{
			name:    "number/fewer calls with thousands comma",
			borough: "Hammersmith and Fulham",
			text:    "Calls to police about antisocial behaviour were 11% lower than last year, which equated to 1,681 fewer calls.",
			want: []Figure{
				f("antisocial_behaviour", cp, -11, "Hammersmith and Fulham"),
				f("antisocial_behaviour", cc, -1681, "Hammersmith and Fulham"),
			},
		},

		// Shapes.
		{
			name:    "shape/reduced by N% (M fewer offences)",
			borough: "Ealing",
			text:    "Personal robbery had reduced by 27% (412 fewer offences).",
			want: []Figure{
				f("personal_robbery", cp, -27, "Ealing"),
				f("personal_robbery", cc, -412, "Ealing"),
			},
		},
		{
			name:    "shape/two pairs with elided verb",
			borough: "Harrow",
			text:    "Burglary had reduced by 15% (210 fewer offences) and robbery by 9% (64 fewer offences).",
			want: []Figure{
				f("burglary", cp, -15, "Harrow"),
				f("burglary", cc, -210, "Harrow"),
				f("robbery", cp, -9, "Harrow"),
				f("robbery", cc, -64, "Harrow"),
			},
		},
		{
			name:    "shape/increase with more offences and a clause",
			borough: "Hull",
			text:    "Vehicle crime had increased by 14% (230 more offences), driven largely by thefts from cars.",
			want: []Figure{
				f("vehicle_crime", cp, 14, "Hull"),
				f("vehicle_crime", cc, 230, "Hull"),
			},
		},
		{
			name:       "shape/there were N cases of X between months",
			borough:    "Sutton",
			text:       "There were 246 cases of non-residential burglary between April and June 2024.",
			want:       []Figure{f("business_burglary", cnt, 246, "Sutton")},
			wantPeriod: "June 2024",
		},
		{
			name:    "shape/N year to date with M taking place in borough",
			borough: "Brent",
			text:    "Across the North West BCU there had been 640 catalytic converter thefts year to date, with 215 of these taking place in Brent.",
			want: []Figure{
				f("catalytic_converter_theft", cnt, 640, "North West BCU"),
				f("catalytic_converter_theft", cnt, 215, "Brent"),
			},
			wantPeriod: "year to date",
		},
		{
			name:       "shape/N offences year to date",
			borough:    "Coventry",
			text:       "There had been 2,118 violence with injury offences year to date.",
			want:       []Figure{f("violence_with_injury", cnt, 2118, "Coventry")},
			wantPeriod: "year to date",
		},
		{
			name:    "shape/N residents had signed up to OWL",
			borough: "Harrow",
			text:    "The Panel heard that 9,450 Harrow residents had signed up to OWL.",
			want:    []Figure{f("online_watch_link", sig, 9450, "Harrow")},
		},
		{
			name:    "shape/registered with Online Watch Link",
			borough: "Hillingdon",
			text:    "Approximately 15,200 people were now registered with Online Watch Link, an increase on last year.",
			want:    []Figure{f("online_watch_link", sig, 15200, "Hillingdon")},
		},
		{
			name:    "shape/increase in X from A to B",
			borough: "Lewisham",
			text:    "There had been an increase in serious youth violence from 84 to 112 offences.",
			want: []Figure{
				f("serious_youth_violence", cnt, 84, "Lewisham"),
				f("serious_youth_violence", cnt, 112, "Lewisham"),
			},
		},
		{
			name:    "shape/X fell from A to B with a spelt-out duration",
			borough: "Derby",
			text:    "Residential burglaries fell from 1,412 to 1,205 over the two years.",
			want: []Figure{
				f("residential_burglary", cnt, 1412, "Derby"),
				f("residential_burglary", cnt, 1205, "Derby"),
			},
		},
		{
			name:    "shape/this year compared with last year",
			borough: "Newcastle upon Tyne",
			text:    "There were 63 hate crimes this year compared with 51 last year.",
			want: []Figure{
				f("hate_crime", cnt, 63, "Newcastle upon Tyne"),
				f("hate_crime", cnt, 51, "Newcastle upon Tyne"),
			},
		},
		{
			name:    "shape/count then fewer than last year",
			borough: "Sheffield",
			text:    "There were 4,512 ASB incidents recorded in the quarter, 312 fewer than the same period last year.",
			want: []Figure{
				f("antisocial_behaviour", cnt, 4512, "Sheffield"),
				f("antisocial_behaviour", cc, -312, "Sheffield"),
			},
		},
		{
			name:    "shape/count then a rise of",
			borough: "Cardiff",
			text:    "Cardiff had recorded 2,340 shoplifting offences in the year, a rise of 27%.",
			want: []Figure{
				f("shoplifting", cnt, 2340, "Cardiff"),
				f("shoplifting", cp, 27, "Cardiff"),
			},
		},
		{
			name:    "shape/incidents were reported",
			borough: "Bolton",
			text:    "1,906 incidents of anti-social behaviour were reported to the council during the quarter.",
			want:    []Figure{f("antisocial_behaviour", cnt, 1906, "Bolton")},
		},
		{
			name:    "shape/two changes in one sentence",
			borough: "Leeds",
			text:    "Domestic burglary had risen by 6%, whilst shoplifting had fallen by 11%.",
			want: []Figure{
				f("residential_burglary", cp, 6, "Leeds"),
				f("shoplifting", cp, -11, "Leeds"),
			},
		},
		{
			name:    "shape/lower but higher",
			borough: "Manchester",
			text:    "Total crime was 3% lower than last year, but violence against the person was 5% higher.",
			want: []Figure{
				f("total_offences", cp, -3, "Manchester"),
				f("violence_against_the_person", cp, 5, "Manchester"),
			},
		},
		{
			name:    "shape/per cent twice with elided verb",
			borough: "Bristol",
			text:    "Serious youth violence was down by 12.5 per cent, and knife crime by 8 per cent.",
			want: []Figure{
				f("serious_youth_violence", cp, -12.5, "Bristol"),
				f("knife_crime", cp, -8, "Bristol"),
			},
		},
		{
			name:    "shape/a reduction of N% year on year",
			borough: "Tameside",
			text:    "Business burglary saw a reduction of 6.3% year on year.",
			want:    []Figure{f("business_burglary", cp, -6.3, "Tameside")},
		},

		// Detection, rates, targets, sign-ups.
		{
			name:    "measure/N% detection rate in relation to X",
			borough: "Camden",
			text:    "The borough was achieving a 21.4% detection rate in relation to residential burglary.",
			want:    []Figure{f("residential_burglary", det, 21.4, "Camden")},
		},
		{
			name:    "measure/solved rate",
			borough: "Islington",
			text:    "The solved rate for knife crime stood at 32%.",
			want:    []Figure{f("knife_crime", det, 32, "Islington")},
		},
		{
			name:    "measure/sanction detection rate",
			borough: "Greenwich",
			text:    "The sanction detection rate for domestic abuse offences was 14.5%, which was below the London average.",
			want:    []Figure{f("domestic_abuse", det, 14.5, "Greenwich")},
		},
		{
			name:    "measure/positive outcome rate",
			borough: "Southwark",
			text:    "It was noted that the positive outcome rate for rape remained low at 9%.",
			want:    []Figure{f("rape", det, 9, "Southwark")},
		},
		{
			name:    "measure/detection rate against a target",
			borough: "Merton",
			text:    "The detection rate for robbery was 12% against an aspirational target of 15%.",
			want: []Figure{
				f("robbery", det, 12, "Merton"),
				f("robbery", tgt, 15, "Merton"),
			},
		},
		{
			name:    "measure/reoffending rate",
			borough: "Croydon",
			text:    "The proven reoffending rate for young people in the borough was 31.2%.",
			want:    []Figure{f("reoffending", pct, 31.2, "Croydon")},
		},
		{
			name:    "measure/re-offending rate per cent",
			borough: "Camden",
			text:    "The adult re-offending rate stood at 24.8 per cent.",
			want:    []Figure{f("reoffending", pct, 24.8, "Camden")},
		},
		{
			name:    "measure/crimes per 1,000 population",
			borough: "Richmond upon Thames",
			text:    "The borough's crime rate was 58.3 crimes per 1,000 population, one of the lowest in London.",
			want:    []Figure{f("total_offences", per, 58.3, "Richmond upon Thames")},
		},
		{
			name:    "measure/per 1000 residents",
			borough: "Calderdale",
			text:    "Anti-social behaviour incidents ran at 21.7 per 1000 residents.",
			want:    []Figure{f("antisocial_behaviour", per, 21.7, "Calderdale")},
		},
		{
			name:    "measure/offences per 1,000 population",
			borough: "Walsall",
			text:    "Violence against the person ran at 24.5 offences per 1,000 population.",
			want:    []Figure{f("violence_against_the_person", per, 24.5, "Walsall")},
		},
		{
			name:    "measure/Neighbourhood Watch schemes",
			borough: "Bexley",
			text:    "There were now 1,230 Neighbourhood Watch schemes across the borough.",
			want:    []Figure{f("neighbourhood_watch", cnt, 1230, "Bexley")},
		},

		// Categories, in their many spellings.
		{
			name:    "category/overall crime",
			borough: "South Cambridgeshire",
			text:    "Overall crime in the district had fallen by 4.6% compared with last year.",
			want:    []Figure{f("total_offences", cp, -4.6, "South Cambridgeshire")},
		},
		{
			name:    "category/total notifiable offences",
			borough: "Sheffield",
			text:    "Total notifiable offences were up 2.1% on the previous year.",
			want:    []Figure{f("total_offences", cp, 2.1, "Sheffield")},
		},
		{
			name:    "category/recorded crime across the city",
			borough: "Leicester",
			text:    "Recorded crime had risen by 3% across the city.",
			want:    []Figure{f("total_offences", cp, 3, "Leicester")},
		},
		{
			name:    "category/offences overall",
			borough: "Nottingham",
			text:    "Offences overall were down 5% year on year.",
			want:    []Figure{f("total_offences", cp, -5, "Nottingham")},
		},
		{
			name:    "category/total crime",
			borough: "Birmingham",
			text:    "Total crime had decreased by 7.2%.",
			want:    []Figure{f("total_offences", cp, -7.2, "Birmingham")},
		},
		{
			name:    "category/MOPAC 7",
			borough: "Enfield",
			text:    "MOPAC 7 crimes had fallen by 4% in the last 12 months.",
			want:    []Figure{f("mopac_7", cp, -4, "Enfield")},
		},
		{
			name:    "category/MOPAC offences",
			borough: "Hounslow",
			text:    "MOPAC offences were 2.5% higher than last year.",
			want:    []Figure{f("mopac_7", cp, 2.5, "Hounslow")},
		},
		{
			name:    "category/property crime",
			borough: "Bromsgrove",
			text:    "Property crime had risen by 3.1% over the year.",
			want:    []Figure{f("property_crime", cp, 3.1, "Bromsgrove")},
		},
		{
			name:    "category/burglary dwelling",
			borough: "Rotherham",
			text:    "Burglary dwelling offences had increased by 4%.",
			want:    []Figure{f("residential_burglary", cp, 4, "Rotherham")},
		},
		{
			name:    "category/domestic burglary is not domestic abuse",
			borough: "Doncaster",
			text:    "Domestic burglary had fallen by 20%.",
			want:    []Figure{f("residential_burglary", cp, -20, "Doncaster")},
		},
		{
			name:    "category/commercial burglary",
			borough: "Swindon",
			text:    "Commercial burglary decreased by 12%.",
			want:    []Figure{f("business_burglary", cp, -12, "Swindon")},
		},
		{
			name:    "category/robberies plural",
			borough: "Luton",
			text:    "Robberies were up 7%.",
			want:    []Figure{f("robbery", cp, 7, "Luton")},
		},
		{
			name:    "category/robbery of personal property",
			borough: "Lambeth",
			text:    "Robbery of personal property had decreased by 16%.",
			want:    []Figure{f("personal_robbery", cp, -16, "Lambeth")},
		},
		{
			name:    "category/street robbery",
			borough: "Newham",
			text:    "Street robbery was down 10.5%.",
			want:    []Figure{f("personal_robbery", cp, -10.5, "Newham")},
		},
		{
			name:    "category/robbery of business property",
			borough: "Westminster",
			text:    "Robbery of business property rose by 9%.",
			want:    []Figure{f("business_robbery", cp, 9, "Westminster")},
		},
		{
			name:    "category/snatch thefts",
			borough: "Camden",
			text:    "Snatch thefts had increased by 37% since the spring.",
			want:    []Figure{f("theft_from_person", cp, 37, "Camden")},
		},
		{
			name:    "category/theft from shops",
			borough: "Leeds",
			text:    "Theft from shops and stalls increased by 24%.",
			want:    []Figure{f("shoplifting", cp, 24, "Leeds")},
		},
		{
			name:    "category/Theft of Motor Vehicle",
			borough: "Enfield",
			text:    "Theft of Motor Vehicle offences were 13% lower than the previous year.",
			want:    []Figure{f("vehicle_crime", cp, -13, "Enfield")},
		},
		{
			name:    "category/vehicle offences",
			borough: "Solihull",
			text:    "Vehicle offences had reduced by 19%.",
			want:    []Figure{f("vehicle_crime", cp, -19, "Solihull")},
		},
		{
			name:    "category/catalytic convertor misspelt",
			borough: "Wokingham",
			text:    "Catalytic convertor thefts had fallen by 45% following the marking events.",
			want:    []Figure{f("catalytic_converter_theft", cp, -45, "Wokingham")},
		},
		{
			name:    "category/cycle theft count",
			borough: "Oxford",
			text:    "Cycle theft remained a concern, with 1,150 thefts recorded in the year.",
			want:    []Figure{f("bicycle_theft", cnt, 1150, "Oxford")},
		},
		{
			name:    "category/violent crime",
			borough: "Birmingham",
			text:    "Violent crime rose by 6.4%.",
			want:    []Figure{f("violence_against_the_person", cp, 6.4, "Birmingham")},
		},
		{
			name:    "category/non domestic abuse violence is not domestic abuse",
			borough: "Bromley",
			text:    "Non domestic abuse violence was up 9% on the previous quarter.",
			want:    []Figure{f("violence_against_the_person", cp, 9, "Bromley")},
		},
		{
			name:    "category/VWI",
			borough: "Hackney",
			text:    "VWI offences had fallen by 6.8%.",
			want:    []Figure{f("violence_with_injury", cp, -6.8, "Hackney")},
		},
		{
			name:    "category/violence without injury",
			borough: "Redbridge",
			text:    "Violence without injury had increased by 2%.",
			want:    []Figure{f("violence_without_injury", cp, 2, "Redbridge")},
		},
		{
			name:    "category/common assaults",
			borough: "Ealing",
			text:    "Common assaults were down 11%.",
			want:    []Figure{f("violence_without_injury", cp, -11, "Ealing")},
		},
		{
			name:    "category/SYV",
			borough: "Haringey",
			text:    "SYV had reduced by 18% year on year.",
			want:    []Figure{f("serious_youth_violence", cp, -18, "Haringey")},
		},
		{
			name:    "category/knife crime with injury",
			borough: "Southwark",
			text:    "Knife crime with injury had fallen by 15%.",
			want:    []Figure{f("knife_crime_with_injury", cp, -15, "Southwark")},
		},
		{
			name:    "category/under-25 knife injury victims",
			borough: "Lambeth",
			text:    "There had been 19 under-25 knife injury victims this year, compared with 27 last year.",
			want: []Figure{
				f("knife_injury_victims_u25", cnt, 19, "Lambeth"),
				f("knife_injury_victims_u25", cnt, 27, "Lambeth"),
			},
		},
		{
			name:    "category/knife injury victims (U25 non-DA)",
			borough: "Croydon",
			text:    "Knife injury victims (U25 non-DA) fell by 22%.",
			want:    []Figure{f("knife_injury_victims_u25", cp, -22, "Croydon")},
		},
		{
			name:    "category/knife offences",
			borough: "Wandsworth",
			text:    "Knife offences had increased by 8%.",
			want:    []Figure{f("knife_crime", cp, 8, "Wandsworth")},
		},
		{
			name:    "category/total knife crime",
			borough: "Greenwich",
			text:    "Total knife crime was down 10%.",
			want:    []Figure{f("knife_crime", cp, -10, "Greenwich")},
		},
		{
			name:    "category/firearms offences",
			borough: "Waltham Forest",
			text:    "Firearms offences were down 30%.",
			want:    []Figure{f("gun_crime", cp, -30, "Waltham Forest")},
		},
		{
			name:    "category/gun crime halved with a spelt-out duration",
			borough: "Haringey",
			text:    "Gun crime had halved over the past two years.",
			want:    []Figure{f("gun_crime", cp, -50, "Haringey")},
		},
		{
			name:    "category/domestic violence",
			borough: "Doncaster",
			text:    "Reports of domestic violence had increased by 11%.",
			want:    []Figure{f("domestic_abuse", cp, 11, "Doncaster")},
		},
		{
			name:    "category/DA offences",
			borough: "Tower Hamlets",
			text:    "DA offences fell by 3.5%.",
			want:    []Figure{f("domestic_abuse", cp, -3.5, "Tower Hamlets")},
		},
		{
			name:    "category/VAWG offences",
			borough: "Hackney",
			text:    "VAWG offences had increased by 6%.",
			want:    []Figure{f("vawg", cp, 6, "Hackney")},
		},
		{
			name:    "category/StreetSafe reports",
			borough: "Richmond upon Thames",
			text:    "There had been 143 StreetSafe reports in the borough since the scheme launched.",
			want:    []Figure{f("vawg", cnt, 143, "Richmond upon Thames")},
		},
		{
			name:    "category/racially or religiously motivated crime",
			borough: "Newham",
			text:    "Racially or religiously motivated crime had risen by 14%.",
			want:    []Figure{f("hate_crime", cp, 14, "Newham")},
		},
		{
			name:    "category/homophobic hate crime",
			borough: "Lambeth",
			text:    "Homophobic hate crime was up 21%.",
			want:    []Figure{f("hate_crime", cp, 21, "Lambeth")},
		},
		{
			name:    "category/drugs possession",
			borough: "Lewisham",
			text:    "Drugs possession offences increased by 35% as a result of proactive policing.",
			want:    []Figure{f("drug_offences", cp, 35, "Lewisham")},
		},
		{
			name:    "category/arson and criminal damage",
			borough: "Bradford",
			text:    "Arson and criminal damage had decreased by 9.6%.",
			want:    []Figure{f("criminal_damage", cp, -9.6, "Bradford")},
		},
		{
			name:    "category/weapons possession",
			borough: "Sandwell",
			text:    "Weapons possession offences rose by 13%.",
			want:    []Figure{f("possession_of_weapons", cp, 13, "Sandwell")},
		},
		{
			name:    "category/ASB incidents",
			borough: "Hillingdon",
			text:    "ASB incidents had dropped by 20%.",
			want:    []Figure{f("antisocial_behaviour", cp, -20, "Hillingdon")},
		},
		{
			name:    "category/anti social behaviour unhyphenated",
			borough: "Gateshead",
			text:    "Reports of anti social behaviour fell by 15%.",
			want:    []Figure{f("antisocial_behaviour", cp, -15, "Gateshead")},
		},
		{
			name:    "category/fly-tipping",
			borough: "Enfield",
			text:    "Reported fly-tipping incidents had fallen by 13% since the new enforcement contract began.",
			want:    []Figure{f("fly_tipping", cp, -13, "Enfield")},
		},
		{
			name:    "category/flytipping",
			borough: "Luton",
			text:    "Flytipping was up 8%.",
			want:    []Figure{f("fly_tipping", cp, 8, "Luton")},
		},
		{
			name:    "category/littering",
			borough: "Barnet",
			text:    "Reported littering had increased by 35%.",
			want:    []Figure{f("littering", cp, 35, "Barnet")},
		},
		{
			name:    "category/modern slavery",
			borough: "Slough",
			text:    "Modern slavery offences had risen by 40%.",
			want:    []Figure{f("modern_slavery", cp, 40, "Slough")},
		},
		{
			name:    "category/proven reoffending change",
			borough: "Wirral",
			text:    "Proven reoffending among young people had fallen by 5%.",
			want:    []Figure{f("reoffending", cp, -5, "Wirral")},
		},

		// Bullet lists.
		{
			name:    "bullets/middle dot",
			borough: "Enfield",
			text:    "The Chair noted the following changes over the last 12 months:\n· Burglary: down 12%\n· Robbery: up 4%\n· Knife crime: down 7.5%",
			want: []Figure{
				f("burglary", cp, -12, "Enfield"),
				f("robbery", cp, 4, "Enfield"),
				f("knife_crime", cp, -7.5, "Enfield"),
			},
		},
		{
			name:    "bullets/hyphen is not a minus",
			borough: "Camden",
			text:    "Members were informed of the year-to-date position:\n- Shoplifting: up 18%\n- Theft from a person: down 6%\n- Residential burglary: down 9%",
			want: []Figure{
				f("shoplifting", cp, 18, "Camden"),
				f("theft_from_person", cp, -6, "Camden"),
				f("residential_burglary", cp, -9, "Camden"),
			},
		},
		{
			name:    "bullets/signed values",
			borough: "Hackney",
			text:    "The performance summary showed:\n• Theft of Motor Vehicle: -9%\n• Violence with injury: +3.5%\n• Hate crime: +12%",
			want: []Figure{
				f("vehicle_crime", cp, -9, "Hackney"),
				f("violence_with_injury", cp, 3.5, "Hackney"),
				f("hate_crime", cp, 12, "Hackney"),
			},
		},
		{
			name:    "bullets/counts and a change",
			borough: "Barking and Dagenham",
			text:    "The performance report showed:\n• 1,024 domestic abuse offences, an increase of 5%\n• 312 reports of sexual offences",
			want: []Figure{
				f("domestic_abuse", cnt, 1024, "Barking and Dagenham"),
				f("domestic_abuse", cp, 5, "Barking and Dagenham"),
				f("sexual_offences", cnt, 312, "Barking and Dagenham"),
			},
		},

		// Area.
		{
			name:    "area/the X area",
			borough: "Brent",
			text:    "Anti-social behaviour in the Kilburn area had reduced by 28%.",
			want:    []Figure{f("antisocial_behaviour", cp, -28, "Kilburn")},
		},
		{
			name:    "area/ward",
			borough: "Hackney",
			text:    "In Hackney Central ward, robbery had risen by 14%.",
			want:    []Figure{f("robbery", cp, 14, "Hackney Central")},
		},
		{
			name:    "area/ward count",
			borough: "Lambeth",
			text:    "There had been 38 reported burglaries in Brixton Hill ward this year.",
			want:    []Figure{f("burglary", cnt, 38, "Brixton Hill")},
		},
		{
			name:    "area/doubled in the X area",
			borough: "Barnet",
			text:    "Residential burglary in the Edgware area had doubled.",
			want:    []Figure{f("residential_burglary", cp, 100, "Edgware")},
		},
		{
			name:    "area/ward then borough",
			borough: "Barnet",
			text:    "In the Colindale area, vehicle crime had fallen by 21%, while across the borough it was down 7%.",
			want: []Figure{
				f("vehicle_crime", cp, -21, "Colindale"),
				f("vehicle_crime", cp, -7, "Barnet"),
			},
		},
		{
			name:    "area/across the BCU",
			borough: "Newham",
			text:    "Across the North East BCU, knife crime had fallen by 8%.",
			want:    []Figure{f("knife_crime", cp, -8, "North East BCU")},
		},
		{
			name:    "area/across the West Area BCU",
			borough: "Hounslow",
			text:    "Across the West Area BCU, residential burglary had fallen by 17%.",
			want:    []Figure{f("residential_burglary", cp, -17, "West Area BCU")},
		},
		{
			name:    "area/across London",
			borough: "Sutton",
			text:    "Across London, burglary had increased by 3%.",
			want:    []Figure{f("burglary", cp, 3, "London")},
		},
		{
			name:    "area/borough against London",
			borough: "Croydon",
			text:    "Robbery in Croydon had fallen by 12%, compared with a 4% fall across London.",
			want: []Figure{
				f("robbery", cp, -12, "Croydon"),
				f("robbery", cp, -4, "London"),
			},
		},
		{
			name:    "area/London as a whole",
			borough: "Bromley",
			text:    "Knife crime had risen by 6% in Bromley, against a 9% rise in London as a whole.",
			want: []Figure{
				f("knife_crime", cp, 6, "Bromley"),
				f("knife_crime", cp, 9, "London"),
			},
		},
		{
			name:    "area/nationally",
			borough: "Hillingdon",
			text:    "Nationally, shoplifting had increased by 30%.",
			want:    []Figure{f("shoplifting", cp, 30, "England and Wales")},
		},
		{
			name:    "area/Met-wide",
			borough: "Ealing",
			text:    "Met-wide, personal robbery was down 5%.",
			want:    []Figure{f("personal_robbery", cp, -5, "London")},
		},
		{
			name:    "area/across the Met",
			borough: "Islington",
			text:    "Violence with injury across the Met had increased by 2%.",
			want:    []Figure{f("violence_with_injury", cp, 2, "London")},
		},
		{
			name:    "area/the Met's detection rate",
			borough: "Kingston upon Thames",
			text:    "The Met's detection rate for burglary was 6%.",
			want:    []Figure{f("burglary", det, 6, "London")},
		},
		{
			name:    "area/borough named as subject",
			borough: "Harrow",
			text:    "Harrow had seen a 10% reduction in total crime.",
			want:    []Figure{f("total_offences", cp, -10, "Harrow")},
		},
		{
			name:    "area/across a Welsh city",
			borough: "Swansea",
			text:    "Anti-social behaviour had decreased by 16% across Swansea.",
			want:    []Figure{f("antisocial_behaviour", cp, -16, "Swansea")},
		},

		// Negatives: numbers that are not figures.
		{name: "not/meeting date", borough: "Barnet", text: "The minutes of the meeting held on 14th July 2023 were agreed as a correct record."},
		{name: "not/agenda item number", borough: "Brent", text: "Item 7. Community Safety Partnership Performance Report"},
		{name: "not/document size", borough: "Harrow", text: "Crime and Disorder Scrutiny Report (PDF 297 KB)"},
		{name: "not/financial years", borough: "Ealing", text: "The report covered the period 2021/22 and set out the burglary reduction priorities for 2022/23."},
		{name: "not/postcode", borough: "Barnet", text: "The meeting was held at Hendon Town Hall, The Burroughs, London NW4 4BQ."},
		{name: "not/money for a crime project", borough: "Enfield", text: "The Committee agreed to allocate £13,648 to the burglary reduction project."},
		{name: "not/money range", borough: "Camden", text: "Funding of £½m-£1m would be sought for the knife crime prevention programme."},
		{name: "not/money in millions", borough: "Lambeth", text: "The Mayor's Office for Policing and Crime had awarded £2 million to tackle violence against women and girls."},
		{name: "not/money in thousands", borough: "Croydon", text: "The council had allocated £250k for additional CCTV in response to rising shoplifting."},
		{name: "not/budget", borough: "Newham", text: "The Community Safety team's budget for 2024/25 was £1.2m."},
		{name: "not/funding cut percent", borough: "Sutton", text: "Funding for the youth service had been cut by 20%."},
		{name: "not/officer numbers", borough: "Hackney", text: "50 officers had been deployed to the town centre team to tackle anti-social behaviour."},
		{name: "not/PCSO numbers spelt out", borough: "Bexley", text: "The borough would receive ten additional PCSOs to support the response to ASB."},
		{name: "not/staff numbers from A to B", borough: "Merton", text: "The number of PCSOs had fallen from 42 to 31."},
		{name: "not/staff sickness percent", borough: "Havering", text: "Staff sickness absence had reduced by 15%."},
		{name: "not/meeting count", borough: "Richmond upon Thames", text: "The Partnership Board had met four times since the last report."},
		{name: "not/training attendees", borough: "Hounslow", text: "Over 300 taxi drivers had attended training on spotting the signs of child sexual exploitation."},
		{name: "not/training sessions", borough: "Redbridge", text: "Twelve training sessions on domestic abuse awareness had been delivered to frontline staff."},
		{name: "not/workshops", borough: "Waltham Forest", text: "The Prevent team had delivered 18 workshops to parents on radicalisation."},
		{name: "not/schools visited", borough: "Greenwich", text: "Officers had visited 27 schools as part of the knife crime awareness programme."},
		{name: "not/venues checked", borough: "Westminster", text: "Licensing officers had carried out checks at 45 venues in the night-time economy."},
		{name: "not/meeting attendance", borough: "Kingston upon Thames", text: "The meeting was attended by 35 residents and 6 councillors."},
		{name: "not/attendance percent", borough: "Wandsworth", text: "Attendance at the ward panel meetings had increased by 50%."},
		{name: "not/new board members", borough: "Islington", text: "The Chair welcomed 3 new members to the Board."},
		{name: "not/shift length", borough: "Southwark", text: "Response officers were working 12 hour shifts over the festive period."},
		{name: "not/years of funding", borough: "Lewisham", text: "The Safer Streets project had secured 3 years of funding from the Home Office."},
		{name: "not/response time target", borough: "Tower Hamlets", text: "Officers aimed to attend all urgent calls within 60 minutes."},
		{name: "not/custody minutes", borough: "Haringey", text: "The Inspector explained that it took on average 45 minutes to book a detained person into custody."},
		{name: "not/years of experience", borough: "Hillingdon", text: "The new Borough Commander had 25 years of policing experience."},
		{name: "not/review length range", borough: "Bromley", text: "It was expected that the review of the ASB policy would take 2-3 months to complete."},
		{name: "not/ranking among boroughs", borough: "Kensington and Chelsea", text: "The borough had the 4th lowest rate of burglary of the 32 London boroughs."},
		{name: "not/ranking in words", borough: "Hammersmith and Fulham", text: "Hate crime in the borough remained the second highest in the BCU."},
		{name: "not/share of referrals", borough: "Barking and Dagenham", text: "It was noted that 60% of referrals to the MARAC came from the police."},
		{name: "not/safeguarding outcomes", borough: "Camden", text: "97.5% of safeguarding enquiries had been concluded with the risk reduced or removed."},
		{name: "not/actions on track", borough: "Sheffield", text: "92% of the Partnership's actions were on track."},
		{name: "not/CCTV coverage percent", borough: "Leeds", text: "CCTV coverage had been extended by 30% across the town centre."},
		{name: "not/phone number", borough: "Barnet", text: "Residents could contact the Safer Neighbourhood team on 020 8359 2000."},
		{name: "not/age range", borough: "Brent", text: "The project worked with young people aged 12 to 24 who were at risk of criminal exploitation."},
		{name: "not/age threshold", borough: "Ealing", text: "The service supported victims of domestic abuse aged 16 and over."},
		{name: "not/school year", borough: "Harrow", text: "Year 7 pupils across the borough had received a talk on online safety and grooming."},
		{name: "not/101 service", borough: "Enfield", text: "Residents were reminded that non-emergency crimes should be reported through the 101 service."},
		{name: "not/crime class label", borough: "Highland", text: "The Inspector explained how Class 1-4 crimes were categorised in the Scottish statistics."},
		{name: "not/strategy years with en dash", borough: "Barnet", text: "The Community Safety Strategy 2022 – 2027 was approved by the Board."},
		{name: "not/future meeting dates", borough: "Camden", text: "Members noted the dates of future meetings: 3 March 2023, 9 June 2023 and 22 September 2023."},
		{name: "not/next meeting date and room", borough: "Lambeth", text: "The next meeting would be held on Tuesday, 5th November at 7pm in Committee Room 1."},
		{name: "not/meeting times", borough: "Croydon", text: "The meeting commenced at 7.00 pm and ended at 9.15 pm."},
		{name: "not/paragraph number", borough: "Hackney", text: "Paragraph 3.2 of the report set out the action plan for tackling residential burglary."},
		{name: "not/recommendation numbers", borough: "Newham", text: "The Board agreed recommendations 1 to 4 of the report on serious youth violence."},
		{name: "not/appendix number", borough: "Sutton", text: "Appendix 2 contained the crime statistics for each ward."},
		{name: "not/page number", borough: "Bexley", text: "Page 23 of the agenda pack showed the trend in hate crime since 2015."},
		{name: "not/quarter label", borough: "Merton", text: "The report for Q3 of 2023/24 would be presented at the next meeting."},
		{name: "not/24/7", borough: "Greenwich", text: "Councillor Patel asked when the 24/7 CCTV control room would open."},
		{name: "not/road and speed limit", borough: "Barnet", text: "A resident raised concerns about speeding on the A41 and asked whether the 20mph limit could be extended."},
		{name: "not/funding round", borough: "Wandsworth", text: "The council's bid to round 4 of the Safer Streets Fund had been successful."},
		{name: "not/Section 60 and hours", borough: "Southwark", text: "A Section 60 order had been in place for 24 hours following the stabbing."},
		{name: "not/Act and section", borough: "Hounslow", text: "Under section 17 of the Crime and Disorder Act 1998 the council had a duty to consider crime in all its decisions."},
		{name: "not/priorities and years in words", borough: "Redbridge", text: "The strategy set out five priorities for the next three years."},
		{name: "not/project phase", borough: "Islington", text: "Phase 2 of the knife crime project would begin in the autumn."},
		{name: "not/street address", borough: "Haringey", text: "A resident of 45 Station Road raised concerns about drug dealing in the alleyway."},
		{name: "not/neighbouring boroughs", borough: "Waltham Forest", text: "Officers from 3 neighbouring boroughs had taken part in Operation Bumblebee."},
		{name: "not/wards covered", borough: "Ealing", text: "The scheme had been rolled out to 14 wards."},
		{name: "not/panel frequency", borough: "Richmond upon Thames", text: "The ward panel met every 6 weeks to agree its crime priorities."},
		{name: "not/no number at all", borough: "Enfield", text: "Burglary remained one of the Partnership's top priorities."},
	}
}

func TestPhrasings(t *testing.T) {
	cases := phrasingCases()
	seen := make(map[string]bool, len(cases))
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		for _, w := range tc.want {
			covered[w.Category] = true
			if !phrasingSpecSlugs[w.Category] {
				t.Errorf("case %q: want category %q is not a slug of the spec", tc.name, w.Category)
			}
			if !phrasingQuoteHasNumber(tc.text, w.Value) {
				t.Errorf("case %q: want value %v is not written in the text", tc.name, w.Value)
			}
		}
	}
	for slug := range phrasingSpecSlugs {
		if !covered[slug] {
			t.Errorf("no case wants category %q", slug)
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, Options{Borough: tc.borough})
			if d := phrasingDiff(tc.want, got); d != "" {
				t.Errorf("Parse(%q) figures mismatch (-want +got):\n%s", tc.text, d)
			}
			for _, g := range got {
				if g.Start < 0 || g.End > len(tc.text) || g.Start > g.End {
					t.Errorf("figure %s: offsets [%d:%d] outside text of %d bytes", phrasingKey(g), g.Start, g.End, len(tc.text))
					continue
				}
				if q := tc.text[g.Start:g.End]; g.Quote != q {
					t.Errorf("figure %s: Quote = %q, text[%d:%d] = %q", phrasingKey(g), g.Quote, g.Start, g.End, q)
				}
				if !phrasingQuoteHasNumber(g.Quote, g.Value) {
					t.Errorf("figure %s: Quote %q does not contain its number", phrasingKey(g), g.Quote)
				}
				if tc.wantPeriod != "" && !strings.Contains(strings.ToLower(g.Period), strings.ToLower(tc.wantPeriod)) {
					t.Errorf("figure %s: Period = %q, want it to mention %q", phrasingKey(g), g.Period, tc.wantPeriod)
				}
			}
		})
	}
}

// phrasingSpecSlugs are the category slugs of ../shared/spec/figures.md.
// The table must want only these, and every one of them somewhere.
var phrasingSpecSlugs = map[string]bool{
	"total_offences": true, "mopac_7": true, "property_crime": true,
	"burglary": true, "residential_burglary": true, "business_burglary": true,
	"robbery": true, "personal_robbery": true, "business_robbery": true,
	"theft_from_person": true, "shoplifting": true, "vehicle_crime": true,
	"catalytic_converter_theft": true, "bicycle_theft": true,
	"violence_against_the_person": true, "violence_with_injury": true,
	"violence_without_injury": true, "serious_youth_violence": true,
	"knife_crime": true, "knife_crime_with_injury": true,
	"knife_injury_victims_u25": true, "gun_crime": true,
	"domestic_abuse": true, "sexual_offences": true, "rape": true,
	"vawg": true, "hate_crime": true, "drug_offences": true,
	"criminal_damage": true, "public_order": true,
	"possession_of_weapons": true, "antisocial_behaviour": true,
	"fly_tipping": true, "littering": true, "modern_slavery": true,
	"reoffending": true, "online_watch_link": true,
	"neighbourhood_watch": true,
}

// phrasingKey is the part of a figure TestPhrasings compares, as one line.
// Values are rounded to six decimals so that 0.1+0.2-style noise in a
// parser's arithmetic does not count as a difference.
func phrasingKey(f Figure) string {
	v := math.Round(f.Value*1e6) / 1e6
	if v == 0 {
		v = 0 // no "-0"
	}
	return fmt.Sprintf("%s %s %s area=%q", f.Category, f.Measure, strconv.FormatFloat(v, 'f', -1, 64), f.Area)
}

// phrasingDiff compares want and got as multisets of phrasingKey lines and
// returns "" when they are equal, else every line of both, sorted, marked
// "-" (wanted, missing), "+" (got, unwanted) or " " (in both).
func phrasingDiff(want, got []Figure) string {
	keys := func(fs []Figure) []string {
		ks := make([]string, len(fs))
		for i, f := range fs {
			ks[i] = phrasingKey(f)
		}
		sort.Strings(ks)
		return ks
	}
	w, g := keys(want), keys(got)
	var b strings.Builder
	differ := false
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			b.WriteString("  " + w[i] + "\n")
			i++
			j++
		case j >= len(g) || (i < len(w) && w[i] < g[j]):
			b.WriteString("- " + w[i] + "\n")
			differ = true
			i++
		default:
			b.WriteString("+ " + g[j] + "\n")
			differ = true
			j++
		}
	}
	if !differ {
		return ""
	}
	return b.String()
}

// phrasingNumberWords are the number words the cases spell figures with.
var phrasingNumberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}

// phrasingQuoteHasNumber reports whether quote writes v: its digits (with
// thousands separators such as "3,700" or "7, 675" closed up), its number
// word, or "halved"/"half" for 50 and "doubled" for 100.
func phrasingQuoteHasNumber(quote string, v float64) bool {
	a := math.Abs(v)
	if strings.Contains(phrasingCloseUpDigits(quote), strconv.FormatFloat(a, 'f', -1, 64)) {
		return true
	}
	words := strings.FieldsFunc(strings.ToLower(quote), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if n, ok := phrasingNumberWords[w]; ok && n == a {
			return true
		}
		switch w {
		case "halved", "half":
			if a == 50 {
				return true
			}
		case "doubled", "double":
			if a == 100 {
				return true
			}
		}
	}
	return false
}

// phrasingCloseUpDigits drops the commas and spaces between two digits, so
// that "7, 675" and "3,700" read 7675 and 3700.
func phrasingCloseUpDigits(s string) string {
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == ',' || c == ' ') && i > 0 && digit(s[i-1]) {
			j := i
			for j < len(s) && (s[j] == ',' || s[j] == ' ') {
				j++
			}
			if j < len(s) && digit(s[j]) {
				i = j - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// TestCouncilsSortedUnique keeps councils and metBCUs binary-searchable and
// free of the stray spaces and duplicates that hand-edited lists collect.
func TestCouncilsSortedUnique(t *testing.T) {
	for name, list := range map[string][]string{"councils": councils, "metBCUs": metBCUs} {
		if len(list) == 0 {
			t.Errorf("%s is empty", name)
		}
		for i, s := range list {
			if s == "" {
				t.Errorf("%s[%d] is empty", name, i)
			}
			if strings.TrimSpace(s) != s {
				t.Errorf("%s[%d] = %q has leading or trailing space", name, i, s)
			}
			if i > 0 && list[i-1] == s {
				t.Errorf("%s[%d] = %q is a duplicate", name, i, s)
			}
		}
		if !slices.IsSorted(list) {
			for i := 1; i < len(list); i++ {
				if list[i-1] > list[i] {
					t.Errorf("%s is not sorted: %q before %q", name, list[i-1], list[i])
				}
			}
		}
	}
	// The 33 London authorities, and a few others minutes name.
	for _, want := range []string{
		"Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley",
		"Camden", "City of London", "Croydon", "Ealing", "Enfield",
		"Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
		"Harrow", "Havering", "Hillingdon", "Hounslow", "Islington",
		"Kensington and Chelsea", "Kingston upon Thames", "Lambeth",
		"Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames",
		"Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
		"Wandsworth", "Westminster",
		"South Cambridgeshire", "Bromsgrove", "Sheffield", "Leicester",
		"Nottingham", "Manchester", "Scottish Borders", "Highland",
		"Cardiff", "Belfast",
	} {
		if _, ok := slices.BinarySearch(councils, want); !ok {
			t.Errorf("councils lacks %q", want)
		}
	}
	for _, want := range []string{"North West BCU", "West Area BCU", "Central North BCU"} {
		if _, ok := slices.BinarySearch(metBCUs, want); !ok {
			t.Errorf("metBCUs lacks %q", want)
		}
	}
}
