package parser

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// bitsPlainly is what textBits hold for byte c: whether it is an ASCII
// letter, an ASCII letter or digit, a stop, a newline.
func bitsPlainly(c byte) [4]bool {
	letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	return [4]bool{letter, letter || c >= '0' && c <= '9', c == '.' || c == '?' || c == '!', c == '\n'}
}

// checkBits fails unless b holds the bits of text, byte by byte, with the
// word past its end and every bit past its end clear.
func checkBits(t *testing.T, b *textBits, text string) {
	t.Helper()
	classes := [4][]uint64{b.letters, b.alnums, b.stops, b.newlines}
	for c, m := range classes {
		if n := len(text)/64 + 1; len(m) != n {
			t.Fatalf("%d bytes: %d words of bits of class %d, want %d", len(text), len(m), c, n)
		}
	}
	for k := range len(b.letters) * 64 {
		var want [4]bool
		if k < len(text) {
			want = bitsPlainly(text[k])
		}
		for c, m := range classes {
			if got := m[k>>6]>>(k&63)&1 == 1; got != want[c] {
				t.Fatalf("byte %d of %q (%q): bit of class %d %v, want %v", k, text, text[min(k, len(text)-1)], c, got, want[c])
			}
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
		var b textBits
		b.letters, b.alnums, b.stops, b.newlines = make([]uint64, n+1), make([]uint64, n+1), make([]uint64, n+1), make([]uint64, n+1)
		classes := [4][]uint64{b.letters, b.alnums, b.stops, b.newlines}
		for _, m := range classes {
			m[n] = 7 // past the blocks: left as it is
		}
		classifyBlocks(unsafe.StringData(blocks), n, &b.letters[0], &b.alnums[0], &b.stops[0], &b.newlines[0])
		for _, m := range classes {
			if m[n] != 7 {
				t.Fatalf("classifyBlocks wrote past its %d blocks", n)
			}
			m[n] = 0 // as read leaves the word past a text's end
		}
		for k := range n {
			if m := blockMasks(blocks[k*64 : k*64+64]); m != (masks{b.letters[k], b.alnums[k], b.stops[k], b.newlines[k]}) {
				t.Fatalf("block %d of %q: classifyBlocks %#x %#x %#x %#x, blockMasks %+v", k, blocks, b.letters[k], b.alnums[k], b.stops[k], b.newlines[k], m)
			}
		}
		checkBits(t, &b, blocks)
	}
	for _, fill := range []byte{'a', 'Z', ' ', '0', 0xff, 0x80, '@', '`', '.', '\n', '!' ^ 0x80} {
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
// into the same bits, a long text before a short one, and the newlines,
// stops and ends of words read off them.
func TestTextBitsByteByByte(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	const alphabet = "aZm0 9.,?!\xc3\xa9\xe2\x80\x99\xff\x00\n\x8a\xae"
	var b textBits
	for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 300, 1000, 3, 70} {
		for range 50 {
			text := make([]byte, n)
			for k := range text {
				text[k] = alphabet[r.Intn(len(alphabet))]
			}
			b.read(string(text))
			checkBits(t, &b, string(text))
			var newlines []int
			for k, c := range text {
				if c == '\n' {
					newlines = append(newlines, k)
				}
			}
			if got := b.appendNewlines([]int{-1}); !slices.Equal(got, append([]int{-1}, newlines...)) {
				t.Fatalf("%q: newlines %v, want %v", text, got[1:], newlines)
			}
			// The next stop and the end of a run of letters and digits
			// from every byte, up to every limit a few bytes on.
			for j := range n {
				for limit := j; limit <= min(n, j+70); limit += 1 + limit%5 {
					stop, end := j, j
					for stop < limit && !bitsPlainly(text[stop])[2] {
						stop++
					}
					for end < limit && bitsPlainly(text[end])[1] {
						end++
					}
					if got := nextSet(b.stops, j, limit); got != stop {
						t.Fatalf("%q: nextSet from %d to %d = %d, want %d", text, j, limit, got, stop)
					}
					if got := runEnd(b.alnums, j, limit); got != end {
						t.Fatalf("%q: runEnd from %d to %d = %d, want %d", text, j, limit, got, end)
					}
				}
			}
		}
	}
}

// TestPooledBits checks that a parse's buffers go back to the pool with the
// bits of a text they read, made again for the next, unless the text was
// longer than the pool keeps bits for.
func TestPooledBits(t *testing.T) {
	for _, c := range []struct {
		bytes int
		kept  bool
	}{{100, true}, {(maxPooledBits - 1) * 64, true}, {maxPooledBits * 64, false}} {
		b := &parseBufs{}
		b.doc.start(strings.Repeat("a", c.bytes), Options{}, nil)
		b.doc.bits.read(b.doc.text)
		b.release()
		if kept := b.doc.bits.letters != nil; kept != c.kept {
			t.Errorf("the bits of a text of %d bytes kept: %v, want %v", c.bytes, kept, c.kept)
		}
		if c.kept {
			b.doc.bits.read("x1.")
			checkBits(t, &b.doc.bits, "x1.")
		}
	}
}
