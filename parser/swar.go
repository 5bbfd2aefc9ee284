package parser

// textBits, lowerInto and firstCapital read their text eight bytes at
// a time, as a uint64 whose bytes are tested all at once: a test marks a
// byte by setting its high bit (0x80), and leaves every other bit clear.

const (
	ones  = 0x0101010101010101 // 0x01 in each byte
	highs = 0x80 * ones        // each byte's high bit
)

// load8 returns the first eight bytes of s as the little-endian uint64
// they make, s[0] the lowest byte.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// loadTail is load8 of the fewer than eight bytes of s, those missing read
// as zeros.
func loadTail(s string) uint64 {
	var x uint64
	for k := len(s) - 1; k >= 0; k-- {
		x = x<<8 | uint64(s[k])
	}
	return x
}

// inRange sets the high bit of each byte of y, whose high bits are clear,
// that is from lo to hi: a byte plus 0x80-lo reaches 0x80 from lo on, plus
// 0x7f-hi from hi+1 on, and neither sum carries into the next byte.
func inRange(y uint64, lo, hi byte) uint64 {
	return (y + uint64(0x80-lo)*ones) &^ (y + uint64(0x7f-hi)*ones) & highs
}

// letterBytes marks x's ASCII letters, in either case: a letter's case bit
// (0x20) set, they run from 'a' to 'z'. A byte with its own high bit set
// is not ASCII, and is no letter.
func letterBytes(x uint64) uint64 {
	return inRange((x|0x20*ones)&^highs, 'a', 'z') &^ x
}

// digitBytes marks x's ASCII digits.
func digitBytes(x uint64) uint64 {
	return inRange(x&^highs, '0', '9') &^ x
}

// equalBytes marks x's bytes that are c: a byte's xor with c is 0, with
// its high bit clear and nothing in its low seven bits for 0x7f to carry
// into the high bit, which no sum carries out of.
func equalBytes(x uint64, c byte) uint64 {
	y := x ^ uint64(c)*ones
	return ^((y&^highs + 0x7f*ones) | y) & highs
}

// capitalBytes marks x's ASCII capitals.
func capitalBytes(x uint64) uint64 {
	return inRange(x&^highs, 'A', 'Z') &^ x
}

// lowerEight returns the eight bytes of x with the ASCII capitals
// lower-cased: 0x20 added to each, which is its high bit shifted down two.
func lowerEight(x uint64) uint64 {
	return x | capitalBytes(x)>>2
}

// highBits gathers the eight high bits of m, marks of its bytes, into a
// byte, the lowest byte's bit the lowest: one multiply moves byte k's bit
// to bit 56+k, and no two of its products meet.
func highBits(m uint64) uint64 {
	return (m >> 7) * 0x0102040810204080 >> 56
}
