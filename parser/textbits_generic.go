//go:build !amd64 || purego

package parser

import "unsafe"

// classifyBlocks writes the bits of each of the blocks blocks of 64 bytes
// at text, made by blockMasks, to letters[k], alnums[k], stops[k] and
// newlines[k] for block k.
func classifyBlocks(text *byte, blocks int, letters, alnums, stops, newlines *uint64) {
	src := unsafe.String(text, blocks*64)
	l, a := unsafe.Slice(letters, blocks), unsafe.Slice(alnums, blocks)
	s, n := unsafe.Slice(stops, blocks), unsafe.Slice(newlines, blocks)
	for k := range blocks {
		m := blockMasks(src[k*64 : k*64+64])
		l[k], a[k], s[k], n[k] = m.letters, m.alnums, m.stops, m.newlines
	}
}
