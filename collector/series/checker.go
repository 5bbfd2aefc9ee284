package series

import (
	"cmp"
	"slices"
	"time"

	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

// Reasons a stored figure makes no series, the values of the reason label
// of minutesexporter_figures_not_served.
const (
	InvalidBorough  = "invalid_borough"
	InvalidArea     = "invalid_area"
	TooManyAreas    = "too_many_areas"
	UnknownCategory = "unknown_category"
	UnknownMeasure  = "unknown_measure"
)

// Reasons returns every reason Check gives.
func Reasons() []string {
	return []string{InvalidBorough, InvalidArea, TooManyAreas, UnknownCategory, UnknownMeasure}
}

// Checker checks figures against the label rules: boroughs and areas must
// look like place names, categories and measures must be in the parser's
// fixed sets, and each borough makes series of at most MaxAreasPerBorough
// areas. Which areas those are is decided over the whole list of figures
// the Checker was made from (see NewChecker), so the order figures are
// checked in does not matter.
type Checker struct {
	areas map[string]map[string]bool // borough → areas within the cap
	// places says whether each borough and area of the figures the
	// Checker was made from is a valid place: the few place names
	// repeat over many figures, and ValidPlace is a regular expression.
	places map[string]bool
}

// NewChecker returns a Checker for figs. Each borough keeps, of the areas
// its valid figures name, first the borough itself, then the areas most
// recently reported (by the latest meeting date of any of their figures),
// then, among areas last reported on the same date, those whose names sort
// first; MaxAreasPerBorough of them. So neither an old document naming
// many wards nor any number of them can hide the borough's own figures or
// the newest ones: the cap drops the areas least recently reported.
func NewChecker(figs []store.Figure) *Checker {
	c := &Checker{places: map[string]bool{}}
	latest := map[string]map[string]time.Time{} // borough → area → latest meeting
	for _, f := range figs {
		for _, p := range []string{f.Borough, f.Area} {
			if _, ok := c.places[p]; !ok {
				c.places[p] = ValidPlace(p)
			}
		}
		if c.labelReason(f) != "" {
			continue
		}
		a := latest[f.Borough]
		if a == nil {
			a = map[string]time.Time{}
			latest[f.Borough] = a
		}
		if t, ok := a[f.Area]; !ok || f.MeetingDate.After(t) {
			a[f.Area] = f.MeetingDate
		}
	}
	c.areas = make(map[string]map[string]bool, len(latest))
	for borough, dates := range latest {
		ranked := make([]string, 0, len(dates))
		for area := range dates {
			ranked = append(ranked, area)
		}
		slices.SortFunc(ranked, func(a, b string) int {
			if (a == borough) != (b == borough) {
				if a == borough {
					return -1
				}
				return 1
			}
			return cmp.Or(dates[b].Compare(dates[a]), cmp.Compare(a, b))
		})
		keep := make(map[string]bool, min(len(ranked), MaxAreasPerBorough))
		for _, area := range ranked[:min(len(ranked), MaxAreasPerBorough)] {
			keep[area] = true
		}
		c.areas[borough] = keep
	}
	return c
}

// Check returns "" if f makes a series, and otherwise the reason it makes
// none. A figure whose labels are valid but that was not among the figures
// the Checker was made from counts as beyond its borough's cap.
func (c *Checker) Check(f store.Figure) string {
	if r := c.labelReason(f); r != "" {
		return r
	}
	if !c.areas[f.Borough][f.Area] {
		return TooManyAreas
	}
	return ""
}

// labelReason checks the label values of f, one at a time: the borough,
// then the area, category and measure.
func (c *Checker) labelReason(f store.Figure) string {
	switch {
	case !c.validPlace(f.Borough):
		return InvalidBorough
	case !c.validPlace(f.Area):
		return InvalidArea
	case !ValidCategory(f.Category):
		return UnknownCategory
	case !ValidMeasure(f.Measure):
		return UnknownMeasure
	}
	return ""
}

// validPlace is ValidPlace, known already for the places of the figures
// the Checker was made from.
func (c *Checker) validPlace(p string) bool {
	if v, ok := c.places[p]; ok {
		return v
	}
	return ValidPlace(p)
}
