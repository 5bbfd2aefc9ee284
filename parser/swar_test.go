package parser

import (
	"strings"
	"testing"
)

// TestByteMarksEveryByte checks each test of eight bytes at once against
// the byte's class, for every byte value at every position among bytes of
// each class.
func TestByteMarksEveryByte(t *testing.T) {
	const around = "a0Z9m\xc3Q.{"
	for c := 0; c < 256; c++ {
		for k := 0; k < 8; k++ {
			b := []byte(around[:8])
			b[k] = byte(c)
			x := load8(string(b))
			marks := map[string]uint64{"letter": letterBytes(x), "digit": digitBytes(x), "capital": capitalBytes(x)}
			for i, c := range b {
				want := map[string]bool{
					"letter":  isLetterByte(c),
					"digit":   isDigitByte(c),
					"capital": c >= 'A' && c <= 'Z',
				}
				for name, m := range marks {
					if m&^highs != 0 {
						t.Fatalf("%q: %s marks %#x, not only high bits", b, name, m)
					}
					if got := m>>(8*i+7)&1 == 1; got != want[name] {
						t.Fatalf("%q: %s mark of byte %d = %v", b, name, i, got)
					}
				}
				if got := highBits(marks["letter"])>>i&1 == 1; got != want["letter"] {
					t.Fatalf("%q: highBits of the letters, bit %d = %v", b, i, got)
				}
			}
			if highBits(marks["letter"]) > 0xff {
				t.Fatalf("%q: highBits %#x is more than a byte", b, highBits(marks["letter"]))
			}
		}
	}
	for n := 0; n < 8; n++ {
		s := "\xffA1b\x80z9"[:n]
		want := load8(s + strings.Repeat("\x00", 8-n))
		if got := loadTail(s); got != want {
			t.Fatalf("loadTail(%q) = %#x, want %#x", s, got, want)
		}
	}
}
