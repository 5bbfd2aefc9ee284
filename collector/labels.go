package collector

import (
	"regexp"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// maxLabelLen caps the length of a borough or area label value.
const maxLabelLen = 64

// maxAreasPerBorough bounds the series of a borough: a London borough has
// about 20 wards, plus its BCU, "London" and the Met. Areas beyond it are
// not served (and are counted), so that no document can grow the series
// without bound.
const maxAreasPerBorough = 64

// placeName is the shape of a borough or area label value: a letter, then
// letters, digits, spaces and the punctuation of place names.
var placeName = regexp.MustCompile(`^\p{L}[\p{L}\p{N} '’.,&()-]*$`)

// validLabel reports whether s may be a borough or area label value.
func validLabel(s string) bool {
	return len(s) <= maxLabelLen && placeName.MatchString(s)
}

// categorySet and measureSet are the parser's fixed sets, the only values
// the category and measure labels take.
var (
	categorySet = toSet(parser.Categories())
	measureSet  = toSet(parser.Measures())
)

func toSet[T comparable](xs []T) map[T]bool {
	m := make(map[T]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
