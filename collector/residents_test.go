package collector

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

// TestPopulations serves the population of every borough with figures or
// a source: the Census's for English and Welsh districts however the
// configuration writes their names, a source's own population: for
// others and over the Census, none (and a log line) for a borough that is
// neither; and a reload changes them at once.
func TestPopulations(t *testing.T) {
	var logs bytes.Buffer
	named := func(name, borough string, p *source.Population, docs ...source.Document) Named {
		for i := range docs {
			docs[i].Source = name // as a real source names its documents
		}
		return Named{Config: source.Config{Name: name, Kind: "dir", Borough: borough, Population: p}, Source: &memSource{docs: docs}}
	}
	doc := func(address, borough string) source.Document {
		d := memDoc(address, "burglary -1\n", 3)
		d.Borough = borough
		return d
	}
	edinburgh := &source.Population{Residents: 514990, Year: 2022, Source: "NRS mid-2022 estimate"}
	later := &source.Population{Residents: 391000, Year: 2023, Source: "a later estimate"}
	c, _ := newTestCollector(t, fakeParse(nil),
		named("a", "", nil, doc("a1", "Barnet"), doc("a2", "Hammersmith & Fulham"), doc("a3", "City of London")),
		named("b", "Edinburgh", edinburgh, doc("b1", "Edinburgh")),
		// A borough configured with no figures yet still has its population.
		named("c", "Rhondda Cynon Taff", nil),
		named("d", "Belfast", nil, doc("d1", "Belfast")),
	)
	c.log = slog.New(slog.NewTextHandler(&logs, nil))
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := `community_safety_population{borough="Barnet"} 388400
community_safety_population{borough="City of London"} 8500
community_safety_population{borough="Edinburgh"} 514990
community_safety_population{borough="Hammersmith & Fulham"} 182700
community_safety_population{borough="Rhondda Cynon Taff"} 236700`
	if got := metricsText(t, c, "community_safety_population"); got != want {
		t.Errorf("-want\n%s\n+got\n%s", want, got)
	}
	if !strings.Contains(logs.String(), "no population for borough") || !strings.Contains(logs.String(), "borough=Belfast") {
		t.Errorf("no log line names Belfast's missing population:\n%s", logs.String())
	}
	snap := c.snap.Load()
	for _, r := range snap.residents {
		switch r.borough {
		case "Barnet":
			if r.year != 2021 || r.source != "ONS, Census 2021, Barnet (E09000003)" {
				t.Errorf("Barnet's population from %q of %d, want the Census of 2021", r.source, r.year)
			}
		case "Edinburgh":
			if r.year != 2022 || r.source != "NRS mid-2022 estimate" {
				t.Errorf("Edinburgh's population from %q of %d, want the configured one", r.source, r.year)
			}
		}
	}
	if len(snap.unpeopled) != 1 || snap.unpeopled[0] != "Belfast" {
		t.Errorf("unpeopled = %v, want [Belfast]", snap.unpeopled)
	}

	// A reload that gives Barnet a later estimate serves it before any
	// refresh.
	c.SetSources([]Named{named("a", "Barnet", later), named("b", "Edinburgh", edinburgh)})
	want = `community_safety_population{borough="Barnet"} 391000
community_safety_population{borough="City of London"} 8500
community_safety_population{borough="Edinburgh"} 514990
community_safety_population{borough="Hammersmith & Fulham"} 182700`
	if got := metricsText(t, c, "community_safety_population"); got != want {
		t.Errorf("after a reload: -want\n%s\n+got\n%s", want, got)
	}
}
