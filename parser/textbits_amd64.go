//go:build amd64 && !purego

package parser

// classifyBlocks writes the bits of each of the blocks blocks of 64 bytes
// at text, as blockMasks makes them, to letters[k], alnums[k], stops[k]
// and newlines[k] for block k (textbits_amd64.s).
//
//go:noescape
func classifyBlocks(text *byte, blocks int, letters, alnums, stops, newlines *uint64)
