package collector

import (
	"slices"

	"github.com/minutes-exporter/minutes_exporter/collector/population"
	"github.com/minutes-exporter/minutes_exporter/collector/series"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

// residentsOf returns the population of every borough of boroughs or that
// a source names, in borough order: the one a source's configuration
// gives (population:), else the borough's district's at the Census
// (population.Lookup). The boroughs of neither come back in unpeopled.
func residentsOf(boroughs []string, sources []source.Config) (residents []resident, unpeopled []string) {
	given := map[string]*source.Population{}
	boroughs = slices.Clone(boroughs)
	for _, s := range sources {
		if s.Borough == "" || !series.ValidPlace(s.Borough) {
			continue
		}
		boroughs = append(boroughs, s.Borough)
		if s.Population != nil {
			given[s.Borough] = s.Population
		}
	}
	slices.Sort(boroughs)
	for _, b := range slices.Compact(boroughs) {
		if !series.ValidPlace(b) {
			continue // no series has it
		}
		if p := given[b]; p != nil {
			residents = append(residents, resident{borough: b, people: p.Residents, year: p.Year, source: p.Source})
			continue
		}
		d, ok := population.Lookup(b)
		if !ok {
			unpeopled = append(unpeopled, b)
			continue
		}
		residents = append(residents, resident{borough: b, people: d.Residents2021, year: population.CensusYear,
			source: population.Census + ", " + d.Name + " (" + d.Code + ")"})
	}
	return residents, unpeopled
}

// Populations returns the population of each of the boroughs, and of those
// cfg's sources name, as /metrics serves them (community_safety_population):
// what cfg gives, else the Census's. Boroughs of neither are left out,
// and come back in unknown.
func Populations(cfg *Config, boroughs []string) (people map[string]int, unknown []string) {
	var sources []source.Config
	if cfg != nil {
		sources = cfg.Sources
	}
	residents, unknown := residentsOf(boroughs, sources)
	people = make(map[string]int, len(residents))
	for _, r := range residents {
		people[r.borough] = r.people
	}
	return people, unknown
}
