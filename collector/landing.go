package collector

import (
	"net/http"
	"net/url"
	"time"
)

// landingData is what the landing template reads.
type landingData struct {
	pageBase
	Version   string
	Refresh   refreshView
	Sources   []sourceView
	Residents []residentView
	Unpeopled []string
}

// refreshView is the last refresh, as the landing page shows it.
type refreshView struct {
	Ended, Duration     string
	Failed              bool
	Refreshes, Failures int
}

// sourceView is a configured source and how its latest refresh went.
type sourceView struct {
	Name, Kind         string
	Tried, Up          bool
	LastSuccess        string
	Documents, Figures int
	FiguresURL         string
}

// residentView is a borough's population as served.
type residentView struct {
	Borough, People, Source string
	Year                    int
}

// pageTime is how the pages write a moment.
func pageTime(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// landingPage serves GET /: links to what the exporter serves, each
// source's health (up, last success, documents and figures held), the
// last refresh, and the populations served with where each comes from.
func (c *Collector) landingPage(opts PageOptions) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		snap := c.snap.Load()
		data := landingData{
			pageBase:  pageBase{Title: "Minutes Exporter", Nav: "home", MetricsPath: opts.MetricsPath},
			Version:   opts.Version,
			Unpeopled: snap.unpeopled,
		}
		for _, p := range snap.residents {
			data.Residents = append(data.Residents, residentView{Borough: p.borough, People: number(float64(p.people)), Source: p.source, Year: p.year})
		}
		c.mu.Lock()
		st := c.stats
		for _, s := range c.sources {
			name := s.Config.Name
			v := sourceView{Name: name, Kind: s.Config.Kind, Documents: snap.counts[name].Documents,
				Figures: snap.counts[name].Figures, FiguresURL: "/figures?" + url.Values{"source": {name}}.Encode()}
			if h, ok := c.health[name]; ok {
				v.Tried, v.Up = true, h.up
				if !h.lastSuccess.IsZero() {
					v.LastSuccess = pageTime(h.lastSuccess)
				}
			}
			data.Sources = append(data.Sources, v)
		}
		c.mu.Unlock()
		if !st.lastEnd.IsZero() {
			data.Refresh = refreshView{Ended: pageTime(st.lastEnd), Duration: st.lastDuration.Round(time.Millisecond).String(),
				Failed: st.lastFailed, Refreshes: st.refreshes, Failures: st.failures}
		}
		c.writePage(w, http.StatusOK, "landing", data)
	})
}
