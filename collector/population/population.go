// Package population holds the usual-resident populations of the local
// authority districts of England and Wales at the 2011 and 2021 Censuses,
// so that counts of crime can be read per 1,000 residents.
//
// lad_population_census.csv is a copy of the ONS figures for the 331
// districts as of 2021 (GSS code, name, county, region, population_2011,
// population_2021; the 2021 figures rounded by ONS to the nearest 100), as
// the ONS visual team publishes them in its census-population-scrolly data
// (src/lib/poprank.js), under the Open Government Licence. Scotland and
// Northern Ireland are not in it: their estimates come from NRS and NISRA,
// and a source's configuration gives them (population:).
package population

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// Census names where the populations come from, as the README, the
// gauge's help and the landing page say it.
const Census = "ONS, Census 2021"

// CensusYear is the year of the populations Lookup gives.
const CensusYear = 2021

//go:embed lad_population_census.csv
var censusCSV []byte

// District is one district of the census file.
type District struct {
	// Code is the district's GSS code (E09000003).
	Code string
	// Name is the district's name as ONS writes it ("Kingston upon
	// Hull", "Rhondda Cynon Taf").
	Name string
	// Residents2011 and Residents2021 are its usual residents at each
	// Census.
	Residents2011, Residents2021 int
}

// Districts returns every district of the census file, in its order.
func Districts() []District {
	load()
	return districts
}

var (
	loadOnce  sync.Once
	districts []District
	byKey     map[string]int // key → index in districts
)

func load() {
	loadOnce.Do(func() {
		ds, err := parseCensus(censusCSV)
		if err != nil {
			// The file is embedded and tested: it cannot fail but by a
			// bad edit, which the package's tests catch.
			panic(err)
		}
		districts = ds
		byKey = make(map[string]int, len(ds))
		for i, d := range ds {
			byKey[Key(d.Name)] = i
		}
	})
}

// parseCensus reads the census file: a header naming lad_code, name,
// population_2011 and population_2021, then one district a row.
func parseCensus(data []byte) ([]District, error) {
	r := csv.NewReader(bytes.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("census file: %w", err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("census file: no districts")
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"lad_code", "name", "population_2011", "population_2021"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("census file: no column %s in its header %v", need, rows[0])
		}
	}
	out := make([]District, 0, len(rows)-1)
	for i, row := range rows[1:] {
		d := District{Code: row[col["lad_code"]], Name: strings.TrimSpace(row[col["name"]])}
		for _, p := range []struct {
			column string
			n      *int
		}{{"population_2011", &d.Residents2011}, {"population_2021", &d.Residents2021}} {
			v, err := strconv.Atoi(strings.TrimSpace(row[col[p.column]]))
			if err != nil || v <= 0 {
				return nil, fmt.Errorf("census file: line %d (%s): %s %q is not a population", i+2, d.Name, p.column, row[col[p.column]])
			}
			*p.n = v
		}
		out = append(out, d)
	}
	return out, nil
}

// aliases are names councils and configurations use for a district that
// its census name does not match however it is normalised: keys of the
// alias, and the census name's key.
var aliases = map[string]string{
	"hull":               "kingston upon hull",
	"durham":             "county durham",
	"rhondda cynon taff": "rhondda cynon taf",
	"anglesey":           "isle of anglesey",
	"ynys mon":           "isle of anglesey",
	"bristol city":       "bristol",
	"bcp":                "bournemouth christchurch and poole",
	// Names of two districts, or of none: never guessed.
	"london":    "", // the capital is no district, and not the City
	"kingston":  "", // upon Thames or upon Hull
	"newcastle": "", // upon Tyne or under Lyme
}

// Key returns the form in which two names of one district are equal: a
// formal council name made short (parser.CouncilName: "London Borough of
// Barnet" → "Barnet"), in lower case, "&" read as "and", "St." as "St",
// commas, full stops, apostrophes and hyphens as spaces, and an ONS
// suffix (", City of", ", County of") dropped.
func Key(name string) string {
	name = strings.TrimSpace(name)
	for _, suffix := range []string{", City of", ", County of", ", City and County of"} {
		name = strings.TrimSuffix(name, suffix)
	}
	name = parser.CouncilName(name)
	low := strings.ToLower(name)
	low = strings.NewReplacer("&", " and ", ",", " ", ".", " ", "'", "", "’", "", "-", " ", "ô", "o", "â", "a").Replace(low)
	return strings.Join(strings.Fields(low), " ")
}

// Lookup returns the district a borough's name names: the census district
// whose name has the same Key, or that a known alias names ("Hull",
// "Rhondda Cynon Taff", "Durham"). A name that could be two districts
// ("Kingston", "Newcastle") or is none ("London") finds nothing.
func Lookup(borough string) (District, bool) {
	load()
	k := Key(borough)
	if a, ok := aliases[k]; ok {
		if a == "" {
			return District{}, false
		}
		k = a
	}
	i, ok := byKey[k]
	if !ok {
		return District{}, false
	}
	return districts[i], true
}
