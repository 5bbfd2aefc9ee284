package parser

import "strings"

// index is strings.Index(s, sub) found by the byte of sub that is rarest
// in English prose: strings.Index looks for sub's first byte, and stops at
// every "a" of the text to find "atch", at every space to find " 2019".
func index(s, sub string) int {
	p := rarestByte(sub)
	if p <= 0 {
		return strings.Index(s, sub)
	}
	c := sub[p]
	for at := p; at < len(s); {
		k := strings.IndexByte(s[at:], c)
		if k < 0 {
			return -1
		}
		start := at + k - p
		if start+len(sub) > len(s) {
			return -1
		}
		if s[start:start+len(sub)] == sub {
			return start
		}
		at += k + 1
	}
	return -1
}

// rarestByte returns the offset of the byte of sub least common in prose,
// the first of equals.
func rarestByte(sub string) int {
	best, rank := 0, -1
	for i := 0; i < len(sub); i++ {
		if r := byteRarity[sub[i]]; r > rank {
			best, rank = i, r
		}
	}
	return best
}

// byteRarity ranks bytes from the commonest in English prose (the space,
// then "e", "t", "a", ...) to the rarest: every byte that is not a
// lower-case letter or a space.
var byteRarity = func() (r [256]int) {
	for i := range r {
		r[i] = 100
	}
	r[' '] = 0
	for i, c := range "etaoinshrdlcumwfgypbvkjxqz" {
		r[c] = i + 1
	}
	return r
}()
