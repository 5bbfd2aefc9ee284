package parser

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// realShapeCases are phrasings, written for this table, of the shapes real
// minutes use that the rule examples do not pin down by area: places as
// the subject of a clause, a county's or force's figures, London by any of
// its names. Each lists every figure of its text.
func realShapeCases() []phrasingCase {
	f := phrasingFig
	const (
		cp  = ChangePercent
		cnt = Count
	)
	return []phrasingCase{
		{name: "subject place/two-word place had seen a level", borough: "North Hertfordshire",
			text: "Baldock Town had seen reported crimes fall to 412 compared to 450 last year.",
			want: []Figure{f("total_offences", cnt, 412, "Baldock Town"), f("total_offences", cnt, 450, "Baldock Town")}},
		{name: "subject place/after a comma, then the county", borough: "Stevenage",
			text: "Hertfordshire Constabulary reported that burglary rose in the north, Old Town saw an increase to 61 from 40 and County overall had seen an increase to 2,020 from 1,980.",
			want: []Figure{f("burglary", cnt, 61, "Old Town"), f("burglary", cnt, 40, "Old Town"),
				f("burglary", cnt, 2020, "Hertfordshire"), f("burglary", cnt, 1980, "Hertfordshire")}},
		{name: "subject place/the county without a named force is the borough's", borough: "Dacorum",
			text: "Robbery fell by 4%, while County had seen a rise of 2%.",
			want: []Figure{f("robbery", cp, -4, "Dacorum"), f("robbery", cp, 2, "Dacorum")}},
		{name: "county/across the county, in the county, county-wide", borough: "North Hertfordshire",
			text: "Hertfordshire Constabulary presented the figures. Across the county there were 2,345 burglaries. In the county, shoplifting rose by 11%. County-wide, robbery increased by 6%.",
			want: []Figure{f("burglary", cnt, 2345, "Hertfordshire"), f("shoplifting", cp, 11, "Hertfordshire"), f("robbery", cp, 6, "Hertfordshire")}},
		{name: "county/the county borough is the borough", borough: "Wrexham",
			text: "North Wales Police reported that shoplifting across the county borough was up 33%.",
			want: []Figure{f("shoplifting", cp, 33, "Wrexham")}},
		{name: "county/the county council is no place", borough: "Dacorum",
			text: "Hertfordshire Constabulary and the county council recorded 12 fly-tipping incidents.",
			want: []Figure{f("fly_tipping", cnt, 12, "Dacorum")}},
		{name: "category/with an article inside the name", borough: "Glasgow City",
			text: "Theft of a motor vehicle rose by 5%. Theft from a motor vehicle fell by 3%.",
			want: []Figure{f("vehicle_crime", cp, 5, "Glasgow City"), f("vehicle_crime", cp, -3, "Glasgow City")}},
		{name: "category/Irish and Scottish names", borough: "Carlow",
			text: "Drugs for sale or supply detections rose by 12%. Non-domestic burglary fell 4%. Retail crime rose by 9%.",
			want: []Figure{f("drug_offences", cp, 12, "Carlow"), f("business_burglary", cp, -4, "Carlow"), f("shoplifting", cp, 9, "Carlow")}},
		{name: "category/Garda and Welsh names", borough: "Carlow",
			text: "Robbery of an establishment or institution fell by 20%. Violence against women rose by 7%.",
			want: []Figure{f("business_robbery", cp, -20, "Carlow"), f("vawg", cp, 7, "Carlow")}},
		{name: "category/theft offences are not all crime", borough: "Newry, Mourne and Down",
			text: "Theft offences remained similar to last year at 655. Theft and handling offences rose by 4%.",
			want: nil},
		{name: "category/the Police and Crime Commissioner is no crime", borough: "Wealden",
			text: "The positive outcome rate was 12.4%, a priority for the Police and Crime Commissioner. The Police and Crime Plan set a target of 15% for burglary.",
			want: []Figure{f("total_offences", DetectionRatePercent, 12.4, "Wealden"), f("burglary", TargetPercent, 15, "Wealden")}},
		{name: "list/a rate item of a list is all crime's", borough: "Cherwell",
			text: "• Vehicle crime: 702 (+3%)\n• Solved rate (charge/summons): 9.8%\n",
			want: []Figure{f("vehicle_crime", cnt, 702, "Cherwell"), f("vehicle_crime", cp, 3, "Cherwell"), f("total_offences", DetectionRatePercent, 9.8, "Cherwell")}},
		{name: "list/a rate after a sentence about one crime is its", borough: "Fife",
			text: "Housebreaking fell by 12% in the year. The solvency rate was 38%.",
			want: []Figure{f("burglary", cp, -12, "Fife"), f("burglary", DetectionRatePercent, 38, "Fife")}},
		{name: "place/a place after a dash opens the next clause", borough: "Cherwell",
			text: "Shoplifting: 1,045 (+38%) – Banbury accounted for 461 of these.",
			want: []Figure{f("shoplifting", cnt, 1045, "Cherwell"), f("shoplifting", cp, 38, "Cherwell"), f("shoplifting", cnt, 461, "Banbury")}},
		{name: "place/the town centre's share after a dash", borough: "Cherwell",
			text: "Shoplifting rose 38% to 1,045 – Banbury town centre accounted for 461 of these.",
			want: []Figure{f("shoplifting", cp, 38, "Cherwell"), f("shoplifting", cnt, 1045, "Cherwell"), f("shoplifting", cnt, 461, "Banbury town centre")}},
		{name: "multiplier/of something else in a clause of its own", borough: "Cork County",
			text: "Public order offences were up 14%, concentrated in the summer, when the population of many towns more than doubled.",
			want: []Figure{f("public_order", cp, 14, "Cork County")}},
		{name: "multiplier/of the category before it", borough: "Cork County",
			text: "Public order offences in Bandon had doubled, the Superintendent said.",
			want: []Figure{f("public_order", cp, 100, "Bandon")}},
		{name: "category/an ampersand is and", borough: "Mid Ulster",
			text: "Theft & Related Offences rose by 10%. Criminal damage & arson fell by 6%.",
			want: []Figure{f("property_crime", cp, 10, "Mid Ulster"), f("criminal_damage", cp, -6, "Mid Ulster")}},
		{name: "category/Garda categories", borough: "Cork County",
			text: "Assaults causing harm fell by 7.5%. Robbery from the person rose by 24%. 41 hate-related incidents were recorded.",
			want: []Figure{f("violence_with_injury", cp, -7.5, "Cork County"), f("personal_robbery", cp, 24, "Cork County"), f("hate_crime", cnt, 41, "Cork County")}},
		{name: "category/Group 5 is no category of ours", borough: "Fife",
			text: "Group 5 other crimes rose by 3.1%.",
			want: nil},
		{name: "topic/incidents after a sentence whose numbers were no figures", borough: "Enfield",
			text: "Burglary victims received 120 visits. The CCTV unit reviewed 340 incidents.",
			want: nil},
		{name: "topic/incidents after a sentence that introduced the topic", borough: "Enfield",
			text: "The figures for hate crime were then presented. 92 incidents had been reported since June.",
			want: []Figure{f("hate_crime", cnt, 92, "Enfield")}},
		{name: "topic/incidents after a figure of the topic", borough: "Enfield",
			text: "Hate crime rose by 12%. 92 incidents had been reported since June.",
			want: []Figure{f("hate_crime", cp, 12, "Enfield"), f("hate_crime", cnt, 92, "Enfield")}},
		{name: "scheme/people of a scheme are no schemes", borough: "Enfield",
			text: "There are 17 Neighbourhood Watch coordinators and 40 Neighbourhood Watch volunteers.",
			want: nil},
		{name: "repeat/the N told again is the same figure", borough: "Enfield",
			text: "Since the last meeting there had been 6 burglaries and 2 robberies. Of the 6 burglaries, 4 were dwellings.",
			want: []Figure{f("burglary", cnt, 6, "Enfield"), f("robbery", cnt, 2, "Enfield"), f("residential_burglary", cnt, 4, "Enfield")}},
		{name: "repeat/the N of another place is another figure", borough: "Enfield",
			text: "There were 6 burglaries in Chase ward. Of the 6 burglaries in Bush Hill Park, 4 were dwellings.",
			want: []Figure{f("burglary", cnt, 6, "Chase"), f("burglary", cnt, 6, "Bush Hill Park"), f("residential_burglary", cnt, 4, "Bush Hill Park")}},
		{name: "estate/on the X Estate", borough: "Enfield",
			text: "On the Alma Estate there were 12 reports of ASB. ASB on the Broadwater Farm estate fell by 30%.",
			want: []Figure{f("antisocial_behaviour", cnt, 12, "Alma Estate"), f("antisocial_behaviour", cp, -30, "Broadwater Farm Estate")}},
		{name: "estate/the High Street is no area", borough: "Wandsworth",
			text: "Shoplifting at the supermarkets on the High Street was up 30 per cent.",
			want: []Figure{f("shoplifting", cp, 30, "Wandsworth")}},
		{name: "place/after reflecting, a place is the reason's", borough: "Newham",
			text: "Possession of weapons offences had risen by 21% to 388, reflecting proactive policing in the Stratford and Forest Gate areas.",
			want: []Figure{f("possession_of_weapons", cp, 21, "Newham"), f("possession_of_weapons", cnt, 388, "Newham")}},
		{name: "category/homicides are no category of ours", borough: "Birmingham",
			text: "There were 3 homicides in the year, compared with 6 the year before.",
			want: nil},
		{name: "respectively/changes of a list in order", borough: "Enfield",
			text: "The priority crimes of burglary, robbery and vehicle crime all fell, by 5%, 8% and 2% respectively.",
			want: []Figure{f("burglary", cp, -5, "Enfield"), f("robbery", cp, -8, "Enfield"), f("vehicle_crime", cp, -2, "Enfield")}},
		{name: "respectively/two and two", borough: "Barnet",
			text: "Knife crime and gun crime fell 10% and 12%, respectively.",
			want: []Figure{f("knife_crime", cp, -10, "Barnet"), f("gun_crime", cp, -12, "Barnet")}},
		{name: "respectively/a list of another length is left alone", borough: "Brent",
			text: "Burglary, robbery and theft from the person rose by 4% and 7% respectively.",
			want: []Figure{f("theft_from_person", cp, 4, "Brent"), f("theft_from_person", cp, 7, "Brent")}},
		{name: "compared/in neighbouring X is X's own", borough: "Enfield",
			text: "Robbery in neighbouring Haringey rose by 14%. In neighbouring Barnet, burglary fell 3%.",
			want: []Figure{f("robbery", cp, 14, "Haringey"), f("burglary", cp, -3, "Barnet")}},
		{name: "compared/higher than neighbouring X is a comparison", borough: "Enfield",
			text: "Burglary rose by 6%, higher than neighbouring Haringey.",
			want: []Figure{f("burglary", cp, 6, "Enfield")}},
		{name: "division/the Division the minutes name", borough: "Carlow",
			text: "Superintendent Walsh presented the report for the Kilkenny/Carlow Division. Total crime in the Division was down 4%. Across the Division, burglary fell 12%.",
			want: []Figure{f("total_offences", cp, -4, "Kilkenny/Carlow Division"), f("burglary", cp, -12, "Kilkenny/Carlow Division")}},
		{name: "division/the District named after the borough is the borough", borough: "Bradford",
			text: "The Bradford District Commander reported. There were 1,409 domestic abuse incidents reported in the District.",
			want: []Figure{f("domestic_abuse", cnt, 1409, "Bradford")}},
		{name: "division/the Division unnamed is the borough's", borough: "Fife",
			text: "Across the Division, housebreaking fell by 8%.",
			want: []Figure{f("burglary", cp, -8, "Fife")}},
		{name: "division/a named district", borough: "Carlow",
			text: "In the Carlow District, assaults rose 5%. Burglary in the Tullow Garda District fell by 9%.",
			want: []Figure{f("violence_against_the_person", cp, 5, "Carlow District"), f("burglary", cp, -9, "Tullow Garda District")}},
		{name: "division/a district council is the borough", borough: "Ards and North Down",
			text: "Ards and North Down District Council reported that ASB fell by 6%.",
			want: []Figure{f("antisocial_behaviour", cp, -6, "Ards and North Down")}},
		{name: "division/two names joined by a slash", borough: "Kilkenny",
			text: "Across the Kilkenny/Carlow Division, burglary fell by 23%.",
			want: []Figure{f("burglary", cp, -23, "Kilkenny/Carlow Division")}},
		{name: "subject place/a constabulary is no place", borough: "St Albans",
			text: "Hertfordshire Constabulary recorded 1,322 domestic abuse offences.",
			want: []Figure{f("domestic_abuse", cnt, 1322, "St Albans")}},
		{name: "subject place/a one-word sentence opening is no place", borough: "Wigan",
			text: "Residents had seen a 5% rise in burglary.",
			want: []Figure{f("burglary", cp, 5, "Wigan")}},
		{name: "clause/and that starts the next thing reported", borough: "Kirklees",
			text: "He said there had been two shootings in Dewsbury Moor and that robbery had increased by 9%.",
			want: []Figure{f("gun_crime", cnt, 2, "Dewsbury Moor"), f("robbery", cp, 9, "Kirklees")}},
		{name: "person/a question from a named person is no place", borough: "Hounslow",
			text: "In answer to a question from Mary Jones, the Inspector said the borough's detection rate for burglary was 7%.",
			want: []Figure{f("burglary", DetectionRatePercent, 7, "Hounslow")}},
		{name: "person/an update from a named officer", borough: "Croydon",
			text: "Following an update from Sam Patel, it was noted that shoplifting had risen 12%.",
			want: []Figure{f("shoplifting", cp, 12, "Croydon")}},
		{name: "aside/a category that included a list", borough: "Hull",
			text: "Serious acquisitive crime, a category that included burglary, vehicle crime and robbery, had fallen by 30.4%.",
			want: []Figure{f("property_crime", cp, -30.4, "Hull")}},
		{name: "aside/including in brackets", borough: "Leeds",
			text: "Vehicle crime (including thefts of catalytic converters) fell 9%.",
			want: []Figure{f("vehicle_crime", cp, -9, "Leeds")}},
		{name: "aside/excluding in brackets", borough: "Leeds",
			text: "Total crime (excluding fraud) was down 2%.",
			want: []Figure{f("total_offences", cp, -2, "Leeds")}},
		{name: "aside/excluding between commas", borough: "Bradford",
			text: "Total crime, excluding fraud and cyber crime, rose by 4%.",
			want: []Figure{f("total_offences", cp, 4, "Bradford")}},
		{name: "aside/other than", borough: "Wakefield",
			text: "Violent crime (other than domestic abuse) fell 7%.",
			want: []Figure{f("violence_against_the_person", cp, -7, "Wakefield")}},
		{name: "aside/such as, then the change", borough: "York",
			text: "Violent crime, such as assault and robbery, rose by 6%.",
			want: []Figure{f("violence_against_the_person", cp, 6, "York")}},
		{name: "there/the place of the sentence before", borough: "Flintshire",
			text: "Hate crime in Shotton rose by 20%. There were 45 incidents there.",
			want: []Figure{f("hate_crime", cp, 20, "Shotton"), f("hate_crime", cnt, 45, "Shotton")}},
		{name: "there/crime there fell", borough: "Wrexham",
			text: "Officers patrolled in Gresford, where burglary had doubled. Crime there has since fallen by 12%.",
			want: []Figure{f("burglary", cp, 100, "Gresford"), f("total_offences", cp, -12, "Gresford")}},
		{name: "there/there were is no place", borough: "Conwy",
			text: "There were 310 burglaries.",
			want: []Figure{f("burglary", cnt, 310, "Conwy")}},
		{name: "kind of crime/an unknown kind is not all crime", borough: "Islington",
			text: "Total crime 12.9% down, moped enabled crime down 1.3% and rural crime up 4%.",
			want: []Figure{f("total_offences", cp, -12.9, "Islington")}},
		{name: "kind of crime/this type of crime after an unknown kind", borough: "Enfield",
			text: "There were concerns about moped-enabled crime, but the volume of this type of crime has been halved.",
			want: nil},
		{name: "kind of crime/this type of crime after a known category", borough: "Barnet",
			text: "Shoplifting was discussed, and this type of crime has risen by 9%.",
			want: []Figure{f("shoplifting", cp, 9, "Barnet")}},
		{name: "kind of crime/a place before crime leaves it all crime", borough: "Camden",
			text: "In the last year Camden crime fell by 4%.",
			want: []Figure{f("total_offences", cp, -4, "Camden")}},
		{name: "partnership/the PCSP area is the borough", borough: "Newry, Mourne and Down",
			text: "Total recorded crime for the PCSP area was 6,912, a decrease of 2.4% on 2022/23.",
			want: []Figure{f("total_offences", cnt, 6912, "Newry, Mourne and Down"), f("total_offences", cp, -2.4, "Newry, Mourne and Down")}},
		{name: "region/a Garda division", borough: "Kilkenny",
			text: "In the Kilkenny Garda Division, burglary fell by 12%.",
			want: []Figure{f("burglary", cp, -12, "Kilkenny Garda Division")}},
		{name: "region/a metropolitan region", borough: "Dublin City",
			text: "Within the Dublin Metropolitan Region, assaults rose 4%.",
			want: []Figure{f("violence_against_the_person", cp, 4, "Dublin Metropolitan Region")}},
		{name: "region/a lower-case region is no place", borough: "Fife",
			text: "Across the region, vandalism fell 6%.",
			want: []Figure{f("criminal_damage", cp, -6, "Fife")}},
		{name: "London/the MPS is London", borough: "Camden",
			text: "Across the MPS, knife crime was down 6%.",
			want: []Figure{f("knife_crime", cp, -6, "London")}},
		{name: "London/the Metropolitan Police Service is London", borough: "Enfield",
			text: "Robbery across the Metropolitan Police Service rose 3%.",
			want: []Figure{f("robbery", cp, 3, "London")}},
	}
}

func TestRealShapes(t *testing.T) {
	for _, tc := range realShapeCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := Parse(tc.text, Options{Borough: tc.borough})
			checkFigures(t, tc.text, got)
			if d := phrasingDiff(tc.want, got); d != "" {
				t.Errorf("Parse(%q) figures mismatch (-want +got):\n%s", tc.text, d)
			}
		})
	}
}

// TestChangeByALaterYearIsATarget reads a change to be made by a year
// after the meeting as a target, and one by a year gone as a change.
func TestChangeByALaterYearIsATarget(t *testing.T) {
	text := "The plan included a 20% reduction in the MOPAC 7 neighbourhood crimes by 2016 against the 2011/12 baseline."
	for _, tt := range []struct {
		meeting time.Time
		want    Measure
		value   float64
	}{
		{time.Date(2014, 12, 1, 0, 0, 0, 0, time.UTC), TargetPercent, -20},
		{time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC), ChangePercent, -20},
		{time.Time{}, ChangePercent, -20},
	} {
		figs := Parse(text, Options{Borough: "Ealing", MeetingDate: tt.meeting})
		if len(figs) != 1 || figs[0].Measure != tt.want || figs[0].Value != tt.value || figs[0].Category != "mopac_7" {
			t.Errorf("meeting %s: %+v, want one mopac_7 %s %v", tt.meeting.Format("2006"), figs, tt.want, tt.value)
		}
	}
}

// TestHardWrappedLinesRunOn reads a sentence wrapped onto an indented line
// that starts with a capital as one sentence, and leaves lines that are
// not wrapped apart.
func TestHardWrappedLinesRunOn(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"hanging indent", "  (b) 2,310 people in Banff and Buchan were now registered to receive\n      Neighbourhood Watch Scotland alerts.\n",
			[]string{"neighbourhood_watch signups 2310"}},
		{"same indent", "    Members heard that the number of residential burglaries had reached\n    Four hundred and twelve, up from 380.\n",
			[]string{"residential_burglary count 412", "residential_burglary count 380"}},
		{"an item of its own", "    Members heard a long report on the partnership's work over the year\n    (c) Burglary fell by 12%.\n",
			[]string{"burglary change_percent -12"}},
		{"a short line", "Robbery\n  Burglary fell by 12%.\n", []string{"burglary change_percent -12"}},
	} {
		var got []string
		for _, f := range Parse(tt.text, Options{Borough: "Aberdeenshire"}) {
			got = append(got, fmt.Sprintf("%s %s %v", f.Category, f.Measure, f.Value))
		}
		if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
