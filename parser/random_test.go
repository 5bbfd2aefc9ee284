package parser

import (
	"math/rand"
	"strings"
)

// randomJoins returns n strings, each of up to max pieces drawn from parts
// and joined, drawn alike from run to run (seed): the random inputs on
// which the tests check a rewrite against what it replaced.
func randomJoins(seed int64, n, max int, parts []string) []string {
	rng := rand.New(rand.NewSource(seed))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := rng.Intn(max + 1); k > 0; k-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		out[i] = b.String()
	}
	return out
}
