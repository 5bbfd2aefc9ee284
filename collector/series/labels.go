package series

import (
	"fmt"
	"regexp"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// MaxLabelLen caps the length of a borough or area label value.
const MaxLabelLen = 64

// MaxAreasPerBorough bounds the series of a borough: a London borough has
// about 20 wards, plus its BCU, "London" and the Met. Areas beyond it (the
// least recently reported; never the borough itself, see NewChecker) are
// not served, and their figures are counted, so that no document can grow
// the series without bound.
const MaxAreasPerBorough = 64

// placeName is the shape of a borough or area label value: a letter, then
// letters, digits, spaces and the punctuation of place names.
var placeName = regexp.MustCompile(`^\p{L}[\p{L}\p{N} '’.,&()-]*$`)

// ValidPlace reports whether s may be a borough or area label value.
func ValidPlace(s string) bool {
	return len(s) <= MaxLabelLen && placeName.MatchString(s)
}

// CheckPlace returns an error naming field and value unless value is ""
// or a valid place (ValidPlace). Configured and manifest boroughs and wards
// are checked with it, so that a value no series can take is an error
// where it is written rather than every figure it touches dropped.
func CheckPlace(field, value string) error {
	if value == "" || ValidPlace(value) {
		return nil
	}
	return fmt.Errorf("%s %q is not a place name (a letter, then letters, digits, spaces and '’.,&()-, at most %d bytes)", field, value, MaxLabelLen)
}

// categories is the parser's fixed set of category slugs, the only values
// the category label takes.
var categories = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range parser.Categories() {
		m[c] = true
	}
	return m
}()

// ValidCategory reports whether c may be a category label value: one of
// parser.Categories.
func ValidCategory(c string) bool { return categories[c] }

// ValidMeasure reports whether m may be a measure label value: one of
// parser.Measures, each of which has a family.
func ValidMeasure(m parser.Measure) bool {
	_, ok := families[m]
	return ok
}
