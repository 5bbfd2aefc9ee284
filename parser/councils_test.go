package parser

import "testing"

func TestCouncilName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"London Borough of Barnet", "Barnet"},
		{"South Cambridgeshire District Council", "South Cambridgeshire"},
		{"Sheffield City Council", "Sheffield"},
		{"Bromsgrove District Council", "Bromsgrove"},
		{"London Borough of Richmond upon Thames", "Richmond upon Thames"},
		{"Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"},
		{"Scottish Borders Council", "Scottish Borders"},
		{"Highland Council", "Highland"},
		{"Hillingdon", "Hillingdon"},
		{"City of Bradford Metropolitan District Council", "Bradford"},
		{"Newcastle upon Tyne City Council", "Newcastle upon Tyne"},
		{"Nowhere Parish Meeting", "Nowhere Parish Meeting"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CouncilName(tt.in); got != tt.want {
			t.Errorf("CouncilName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWardOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"St Margarets & North Twickenham Ward Police Liaison Group (ward panel)", "St Margarets & North Twickenham"},
		{"Hampstead Town Ward Panel", "Hampstead Town"},
		{"Safer Communities Partnership Board", ""},
		{"Ward Panel Chairs Forum", ""},
		{"Kirkcaldy Area Committee", "Kirkcaldy"},
		{"Caithness & Sutherland Area Committee (Police - Area Performance Summary)", "Caithness & Sutherland"},
		{"Area Committee item: Police Update (Arboretum, Radford and Park wards)", ""},
		{"Southall Broadway Ward Panel", "Southall Broadway"},
		{"South Area Committee", "South Area"},
		{"Broad Street Area Community Council", "Broad Street"},
		{"Riverside Area Neighbourhood Forum", "Riverside"},
		{"Area Community Council Chairs", ""},
	}
	for _, tt := range tests {
		if got := WardOf(tt.in); got != tt.want {
			t.Errorf("WardOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNationListsNameKnownCouncils(t *testing.T) {
	known := nationSet(councils)
	for _, list := range [][]string{scottishCouncils, northernIrishCouncils} {
		for _, c := range list {
			if !known[c] {
				t.Errorf("%q is in a nation's list but not in councils", c)
			}
		}
	}
	for borough, want := range map[string]string{"Fife": "Scotland", "Belfast": "Northern Ireland",
		"Cardiff": "England and Wales", "Barnet": "England and Wales", "": "National"} {
		if got := nationOf(borough); got != want {
			t.Errorf("nationOf(%q) = %q, want %q", borough, got, want)
		}
	}
}

func TestBoardArea(t *testing.T) {
	tests := []struct{ board, borough, want string }{
		{"Hampstead Town Ward Panel", "Camden", "Hampstead Town"},
		{"Maidstone Community Safety Partnership", "Kent", "Maidstone"},
		{"Tonbridge and Malling Local Engagement Forum", "Kent", "Tonbridge and Malling"},
		{"Kent Community Safety Partnership", "Kent", ""},
		{"Worcestershire Safer Communities Board", "Redditch", ""},
		{"Barnet Safer Communities Partnership Board", "Barnet", ""},
		{"Police and Crime Panel", "Essex", ""},
		{"Colchester update on policing", "Essex", ""},
	}
	for _, tt := range tests {
		if got := BoardArea(tt.board, tt.borough); got != tt.want {
			t.Errorf("BoardArea(%q, %q) = %q, want %q", tt.board, tt.borough, got, tt.want)
		}
	}
}
