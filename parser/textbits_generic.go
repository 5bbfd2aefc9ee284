//go:build !amd64 || purego

package parser

import "unsafe"

// classifyBlocks writes the bits of each of the blocks blocks of 64 bytes
// at text, made by blockMasks, to letters[k] and alnums[k] for block k.
func classifyBlocks(text *byte, blocks int, letters, alnums *uint64) {
	src := unsafe.String(text, blocks*64)
	l, a := unsafe.Slice(letters, blocks), unsafe.Slice(alnums, blocks)
	for k := range blocks {
		l[k], a[k] = blockMasks(src[k*64 : k*64+64])
	}
}
