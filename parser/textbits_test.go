package parser

import (
	"math/rand"
	"strings"
	"testing"
	"unsafe"
)

// bitsPlainly is what textBits hold for byte c: whether it is an ASCII
// letter, and whether it is an ASCII letter or digit.
func bitsPlainly(c byte) (letter, alnum bool) {
	letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	return letter, letter || c >= '0' && c <= '9'
}

// checkBits fails unless b holds the bits of text, byte by byte, with the
// word past its end and every bit past its end clear.
func checkBits(t *testing.T, b *textBits, text string) {
	t.Helper()
	if n := len(text)/64 + 1; len(b.letters) != n || len(b.alnums) != n {
		t.Fatalf("%d bytes: %d and %d words of bits, want %d", len(text), len(b.letters), len(b.alnums), n)
	}
	for k := range len(b.letters) * 64 {
		var letter, alnum bool
		if k < len(text) {
			letter, alnum = bitsPlainly(text[k])
		}
		if got := b.letters[k>>6]>>(k&63)&1 == 1; got != letter {
			t.Fatalf("byte %d of %q (%#x): letter bit %v, want %v", k, text, text[min(k, len(text)-1)], got, letter)
		}
		if got := b.alnums[k>>6]>>(k&63)&1 == 1; got != alnum {
			t.Fatalf("byte %d of %q: letter-or-digit bit %v, want %v", k, text, got, alnum)
		}
	}
}

// TestClassifyBlocksByteByByte checks classifyBlocks, on amd64 the
// assembly's sixteen bytes at a time, and blockMasks, in Go, against
// bitsPlainly: every byte value at every place of a block of each filler,
// and random blocks, three at a time.
func TestClassifyBlocksByteByByte(t *testing.T) {
	check := func(blocks string) {
		t.Helper()
		n := len(blocks) / 64
		letters, alnums := make([]uint64, n+1), make([]uint64, n+1)
		letters[n], alnums[n] = 7, 7 // past the blocks: left as they are
		classifyBlocks(unsafe.StringData(blocks), n, &letters[0], &alnums[0])
		if letters[n] != 7 || alnums[n] != 7 {
			t.Fatalf("classifyBlocks wrote past its %d blocks", n)
		}
		for k := range n {
			if l, a := blockMasks(blocks[k*64 : k*64+64]); l != letters[k] || a != alnums[k] {
				t.Fatalf("block %d of %q: classifyBlocks %#x %#x, blockMasks %#x %#x", k, blocks, letters[k], alnums[k], l, a)
			}
		}
		letters[n], alnums[n] = 0, 0 // as read leaves the word past a text's end
		checkBits(t, &textBits{letters: letters, alnums: alnums}, blocks)
	}
	for _, fill := range []byte{'a', 'Z', ' ', '0', 0xff, 0x80, '@', '`'} {
		for c := range 256 {
			for at := range 64 {
				block := []byte(strings.Repeat(string([]byte{fill}), 64))
				block[at] = byte(c)
				check(string(block))
			}
		}
	}
	r := rand.New(rand.NewSource(5))
	for range 2000 {
		b := make([]byte, 3*64)
		for k := range b {
			b[k] = byte(r.Intn(256))
		}
		check(string(b))
	}
}

// TestTextBitsByteByByte checks textBits.read on texts of every length
// about a block's, the last block partly filled, read one after another
// into the same bits, a long text before a short one.
func TestTextBitsByteByByte(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	const alphabet = "aZm0 9.,\xc3\xa9\xe2\x80\x99\xff\x00\n"
	var b textBits
	for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 300, 1000, 3, 70} {
		for range 50 {
			text := make([]byte, n)
			for k := range text {
				text[k] = alphabet[r.Intn(len(alphabet))]
			}
			b.read(string(text))
			checkBits(t, &b, string(text))
		}
	}
}
