// Package backfill writes stored figures as OpenMetrics text with
// timestamps, the input of `promtool tsdb create-blocks-from openmetrics`,
// so that Prometheus holds the years of history that minutes reach back.
//
// promtool is strict in ways it does not report: it reads timestamps as
// seconds (milliseconds give blocks dated thousands of years ahead), drops
// samples that come out of order within a series, and refuses data that
// overlaps the head block of a running Prometheus. Write takes care of all
// three.
package backfill

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// HeadWindow is how far back from now samples are left out of a backfill:
// the range of Prometheus's head block, which already holds what the
// exporter served recently.
const HeadWindow = 3 * time.Hour

// Label is one label of a series.
type Label struct {
	Name, Value string
}

// Sample is one value of one series at one time.
type Sample struct {
	// Name is the metric family's name.
	Name string
	// Labels are the series' labels, in any order.
	Labels []Label
	Value  float64
	Time   time.Time
}

// Family is the metadata of a metric family.
type Family struct {
	Name string
	Help string
	// Type is an OpenMetrics type such as "gauge".
	Type string
}

// Stats says what Write did with its samples.
type Stats struct {
	// Written counts the samples written.
	Written int
	// Recent counts the samples left out because they fall within
	// HeadWindow of now.
	Recent int
	// Duplicates counts samples left out because an earlier sample of the
	// same series had the same timestamp.
	Duplicates int
}

// Write writes samples to w as OpenMetrics text: families in name order,
// each with its TYPE and HELP, its samples sorted by series and then by
// time, timestamps in seconds, and a final "# EOF". Samples later than
// now minus HeadWindow are left out. Of two samples of one series at the
// same time, the one that comes first in samples is kept, so callers order
// samples by preference. Every sample's family must be in families.
func Write(w io.Writer, families []Family, samples []Sample, now time.Time) (Stats, error) {
	var st Stats
	meta := make(map[string]Family, len(families))
	for _, f := range families {
		meta[f.Name] = f
	}
	cutoff := now.Add(-HeadWindow)
	type keyed struct {
		series string
		s      Sample
	}
	rows := make([]keyed, 0, len(samples))
	for _, s := range samples {
		if _, ok := meta[s.Name]; !ok {
			return st, fmt.Errorf("backfill: sample of unknown family %q", s.Name)
		}
		if s.Time.After(cutoff) {
			st.Recent++
			continue
		}
		rows = append(rows, keyed{series: seriesText(s.Name, s.Labels), s: s})
	}
	slices.SortStableFunc(rows, func(a, b keyed) int {
		return cmp.Or(
			strings.Compare(a.s.Name, b.s.Name),
			strings.Compare(a.series, b.series),
			cmp.Compare(a.s.Time.UnixMilli(), b.s.Time.UnixMilli()),
		)
	})

	bw := bufio.NewWriter(w)
	family := ""
	var last keyed
	for i, r := range rows {
		if i > 0 && r.series == last.series && r.s.Time.UnixMilli() == last.s.Time.UnixMilli() {
			st.Duplicates++
			continue
		}
		if r.s.Name != family {
			family = r.s.Name
			f := meta[family]
			typ := f.Type
			if typ == "" {
				typ = "unknown"
			}
			fmt.Fprintf(bw, "# TYPE %s %s\n", family, typ)
			if f.Help != "" {
				fmt.Fprintf(bw, "# HELP %s %s\n", family, escapeHelp(f.Help))
			}
		}
		fmt.Fprintf(bw, "%s %s %s\n", r.series, formatValue(r.s.Value), formatTimestamp(r.s.Time))
		st.Written++
		last = r
	}
	bw.WriteString("# EOF\n")
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("backfill: write: %w", err)
	}
	return st, nil
}

// seriesText renders a series as OpenMetrics writes it: the name, then the
// labels sorted by name. Sorting by this text keeps each series' samples
// together.
func seriesText(name string, labels []Label) string {
	ls := slices.Clone(labels)
	slices.SortFunc(ls, func(a, b Label) int { return strings.Compare(a.Name, b.Name) })
	var b strings.Builder
	b.WriteString(name)
	if len(ls) == 0 {
		return b.String()
	}
	b.WriteByte('{')
	for i, l := range ls {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(l.Name)
		b.WriteString(`="`)
		b.WriteString(escapeLabelValue(l.Value))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

var (
	labelValueEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper       = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func escapeLabelValue(s string) string { return labelValueEscaper.Replace(s) }

func escapeHelp(s string) string { return helpEscaper.Replace(s) }

// formatValue writes a value the way OpenMetrics spells floats.
func formatValue(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		// Whole numbers (counts, timestamps) read best without an exponent.
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatTimestamp writes t in seconds since the epoch, keeping
// milliseconds, Prometheus's resolution.
func formatTimestamp(t time.Time) string {
	ms := t.UnixMilli()
	if ms%1000 == 0 {
		return strconv.FormatInt(ms/1000, 10)
	}
	return strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64)
}
