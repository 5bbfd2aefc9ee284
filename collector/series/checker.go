package series

import "github.com/minutes-exporter/minutes_exporter/collector/store"

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

// Checker checks figures, one at a time and in order, against the label
// rules: boroughs and areas must look like place names, categories and
// measures must be in the parser's fixed sets, and each borough makes
// series of at most MaxAreasPerBorough areas, the first it meets. The zero
// value is ready to use; a Checker remembers the areas it has let through,
// so one serves one pass over a list of figures.
type Checker struct {
	areas map[string]map[string]bool // borough → areas let through
}

// Check returns "" if f makes a series, and otherwise the reason it makes
// none. A figure let through counts its area against its borough's cap.
func (c *Checker) Check(f store.Figure) string {
	switch {
	case !ValidPlace(f.Borough):
		return InvalidBorough
	case !ValidPlace(f.Area):
		return InvalidArea
	case !ValidCategory(f.Category):
		return UnknownCategory
	case !ValidMeasure(f.Measure):
		return UnknownMeasure
	}
	if c.areas == nil {
		c.areas = map[string]map[string]bool{}
	}
	a := c.areas[f.Borough]
	if a == nil {
		a = map[string]bool{}
		c.areas[f.Borough] = a
	}
	if !a[f.Area] {
		if len(a) >= MaxAreasPerBorough {
			return TooManyAreas
		}
		a[f.Area] = true
	}
	return ""
}
