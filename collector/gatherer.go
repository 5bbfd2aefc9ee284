package collector

import (
	"errors"
	"slices"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// Gatherer returns what /metrics serves: what reg gathers (c's
// self-metrics among it, once c is registered there) and the figure
// families of the current snapshot, merged in name order.
//
//	reg.MustRegister(c)
//	promhttp.HandlerFor(c.Gatherer(reg), promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
//
// (MetricsHandler serves the same, encoding the figure families once per
// snapshot rather than at every scrape.)
//
// The figure families were built and checked when their snapshot was, so a
// scrape only merges and encodes them: prometheus.Gatherers would check
// every one of 20,000 metrics again at every scrape, which is most of a
// scrape's cost. Should reg ever gather a family of the same name, the
// scrape falls back to prometheus.Gatherers, which reports the clash and
// drops what is inconsistent, as a registry does.
func (c *Collector) Gatherer(reg prometheus.Gatherer) prometheus.Gatherer {
	return prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
		// The self-metrics first: a refresh sets its health and counters
		// only after swapping in its snapshot, so the snapshot loaded
		// next is at least as new as the refresh they report.
		theirs, err := reg.Gather()
		snap := c.snap.Load()
		figs := prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
			return snap.families, snap.familiesErr
		})
		out := make([]*dto.MetricFamily, 0, len(theirs)+len(snap.families))
		for _, mf := range theirs {
			if snap.names[mf.GetName()] {
				return prometheus.Gatherers{reg, figs}.Gather()
			}
			out = append(out, mf)
		}
		out = append(out, snap.families...)
		slices.SortFunc(out, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
		if snap.familiesErr != nil {
			err = errors.Join(err, snap.familiesErr)
		}
		return out, err
	})
}
