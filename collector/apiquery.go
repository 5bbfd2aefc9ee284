package collector

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// apiQuery is the query of an API request, checked against the parameters
// its endpoint knows.
type apiQuery struct {
	values url.Values
	known  []string
}

// readQuery checks that q names only known parameters: another one is
// most often a misspelt filter, which ignored would answer everything.
func readQuery(q url.Values, known ...string) (apiQuery, error) {
	// Sorted as a copy: known is an endpoint's list, shared by requests.
	known = slices.Sorted(slices.Values(known))
	for name := range q {
		if !slices.Contains(known, name) {
			return apiQuery{}, fmt.Errorf("unknown parameter %q (known: %s)", name, strings.Join(known, ", "))
		}
	}
	return apiQuery{values: q, known: known}, nil
}

// list returns the non-empty values of a filter that may be repeated: the
// answer has the items that match any of them.
func (q apiQuery) list(name string) []string {
	var out []string
	for _, v := range q.values[name] {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// one returns the value of a parameter that may be given once, "" if it
// is not given.
func (q apiQuery) one(name string) (string, error) {
	vs := q.values[name]
	if len(vs) > 1 {
		return "", fmt.Errorf("parameter %s given %d times; it takes one value", name, len(vs))
	}
	if len(vs) == 0 {
		return "", nil
	}
	return vs[0], nil
}
