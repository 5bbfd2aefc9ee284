package population

import (
	"strings"
	"testing"
)

func TestCensusFile(t *testing.T) {
	ds := Districts()
	if len(ds) != 331 {
		t.Fatalf("%d districts, want the 331 of England and Wales in 2021", len(ds))
	}
	seen := map[string]string{}
	for _, d := range ds {
		if !strings.HasPrefix(d.Code, "E0") && !strings.HasPrefix(d.Code, "W0") {
			t.Errorf("%s: code %q is not an English or Welsh district's", d.Name, d.Code)
		}
		if other, dup := seen[Key(d.Name)]; dup {
			t.Errorf("%q and %q have the same key %q: one would hide the other", d.Name, other, Key(d.Name))
		}
		seen[Key(d.Name)] = d.Name
		if got, ok := Lookup(d.Name); !ok || got != d {
			t.Errorf("Lookup(%q) = %+v, %v: want the district itself", d.Name, got, ok)
		}
	}
}

func TestParseCensusErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"no header column", "lad_code,name,population_2011\nE1,A,3\n", "no column population_2021"},
		{"not a number", "lad_code,name,population_2011,population_2021\nE1,Barnet,356386,many\n", `line 2 (Barnet): population_2021 "many" is not a population`},
		{"empty", "lad_code,name,population_2011,population_2021\n", "no districts"},
		{"ragged", "lad_code,name,population_2011,population_2021\nE1,A\n", "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCensus([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseCensus: error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestLookup maps the names configurations give boroughs (short names,
// formal council names, common spellings) to the census districts.
func TestLookup(t *testing.T) {
	tests := []struct {
		borough string
		want    string // census name; "" for none
		want21  int
	}{
		{"Barnet", "Barnet", 388400},
		{"London Borough of Barnet", "Barnet", 388400},
		{"Hillingdon", "Hillingdon", 305200},
		{"Hammersmith and Fulham", "Hammersmith and Fulham", 182700},
		{"Hammersmith & Fulham", "Hammersmith and Fulham", 182700},
		{"Kingston upon Thames", "Kingston upon Thames", 167100},
		{"Royal Borough of Kingston upon Thames", "Kingston upon Thames", 167100},
		{"City of London", "City of London", 8500},
		{"City of London Corporation", "City of London", 8500},
		{"Westminster", "Westminster", 202400},
		{"City of Westminster", "Westminster", 202400},
		{"Westminster City Council", "Westminster", 202400},
		{"Bristol", "Bristol", 471100},
		{"Bristol, City of", "Bristol", 471100},
		{"Bristol City Council", "Bristol", 471100},
		{"Kingston upon Hull", "Kingston upon Hull", 266700},
		{"Kingston upon Hull, City of", "Kingston upon Hull", 266700},
		{"Hull", "Kingston upon Hull", 266700},
		{"Hull City Council", "Kingston upon Hull", 266700},
		{"Rhondda Cynon Taf", "Rhondda Cynon Taf", 236700},
		{"Rhondda Cynon Taff", "Rhondda Cynon Taf", 236700},
		{"Rhondda Cynon Taf County Borough Council", "Rhondda Cynon Taf", 236700},
		{"St Helens", "St. Helens", 183100},
		{"Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch & Poole", 399600},
		{"Durham County Council", "County Durham", 519700},
		{"Herefordshire, County of", "Herefordshire", 186800},
		{"Stoke-on-Trent", "Stoke-on-Trent", 257900},
		{"stoke on trent", "Stoke-on-Trent", 257900},
		{"  Barnet ", "Barnet", 388400},
		// Not a district of England and Wales, or not one district.
		{"London", "", 0},
		{"Kingston", "", 0},
		{"Newcastle", "", 0},
		{"Edinburgh", "", 0},
		{"Belfast", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.borough, func(t *testing.T) {
			d, ok := Lookup(tt.borough)
			if tt.want == "" {
				if ok {
					t.Errorf("Lookup(%q) = %+v, want no district", tt.borough, d)
				}
				return
			}
			if !ok || d.Name != tt.want || d.Residents2021 != tt.want21 {
				t.Errorf("Lookup(%q) = %+v, %v; want %s with %d residents in 2021", tt.borough, d, ok, tt.want, tt.want21)
			}
		})
	}
}
