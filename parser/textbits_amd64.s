//go:build amd64 && !purego

#include "textflag.h"

// EVERY sets each byte of X to the byte repeated in the constant c.
#define EVERY(c, X) \
	MOVQ   c, AX; \
	MOVQ   AX, X; \
	PSHUFD $0, X, X

// SIXTEEN classes the sixteen bytes at off(SI), their bits written at
// byte at of the block's word of each class: X4 the stops, X6 the
// newlines, X2 the letters, X3 the letters and digits.
#define SIXTEEN(off, at) \
	MOVOU    off(SI), X0; \
	MOVO     X0, X4; \
	PCMPEQB  X13, X4; \
	MOVO     X0, X5; \
	PCMPEQB  X14, X5; \
	POR      X5, X4; \
	MOVO     X0, X5; \
	PCMPEQB  X15, X5; \
	POR      X5, X4; \
	MOVO     X0, X6; \
	PCMPEQB  X7, X6; \
	MOVO     X0, X1; \
	POR      X8, X0; \
	PADDB    X9, X0; \
	MOVO     X10, X2; \
	PCMPGTB  X0, X2; \
	PADDB    X11, X1; \
	MOVO     X12, X3; \
	PCMPGTB  X1, X3; \
	POR      X2, X3; \
	PMOVMSKB X2, AX; \
	MOVW     AX, at(DI); \
	PMOVMSKB X3, AX; \
	MOVW     AX, at(R8); \
	PMOVMSKB X4, AX; \
	MOVW     AX, at(R11); \
	PMOVMSKB X6, AX; \
	MOVW     AX, at(R12)

// func classifyBlocks(text *byte, blocks int, letters, alnums, stops, newlines *uint64)
//
// For each block of 64 bytes at text, the bits of its ASCII letters, of
// its ASCII letters and digits, of its stops (".", "?", "!") and of its
// newlines, written to letters[k], alnums[k], stops[k] and newlines[k] for
// block k: sixteen bytes at a time, a letter or digit told by a signed
// compare after an add that moves its range to the bottom of the signed
// bytes, a stop or newline by compares for equality, and the tests' high
// bits gathered by PMOVMSKB, sixteen bits written at once to each class's
// word. SSE2 only, which every amd64 processor has.
//
// A letter, its case bit set (OR 0x20), runs from 'a' (0x61) to 'z'
// (0x7a): plus 0x1f, from 0x80 to 0x99, the signed bytes under -102
// (0x9a); no other byte, ASCII or not, lands there. A digit, '0' (0x30) to
// '9' (0x39), plus 0x50 runs from 0x80 to 0x89, under -118 (0x8a).
//
// X15, which Go's internal ABI keeps zero, is scratch in an assembly
// (ABI0) function: the call's wrapper makes it zero again on return.
TEXT ·classifyBlocks(SB), NOSPLIT, $0-48
	MOVQ text+0(FP), SI
	MOVQ blocks+8(FP), CX
	MOVQ letters+16(FP), DI
	MOVQ alnums+24(FP), R8
	MOVQ stops+32(FP), R11
	MOVQ newlines+40(FP), R12

	EVERY($0x2020202020202020, X8) // 0x20: the case bit
	EVERY($0x1f1f1f1f1f1f1f1f, X9) // 0x1f: 'a' to 0x80
	EVERY($0x9a9a9a9a9a9a9a9a, X10) // -102: past 'z'
	EVERY($0x5050505050505050, X11) // 0x50: '0' to 0x80
	EVERY($0x8a8a8a8a8a8a8a8a, X12) // -118: past '9'
	EVERY($0x2e2e2e2e2e2e2e2e, X13) // '.'
	EVERY($0x3f3f3f3f3f3f3f3f, X14) // '?'
	EVERY($0x2121212121212121, X15) // '!'
	EVERY($0x0a0a0a0a0a0a0a0a, X7) // '\n'

loop:
	TESTQ CX, CX
	JZ    done
	SIXTEEN(0, 0)
	SIXTEEN(16, 2)
	SIXTEEN(32, 4)
	SIXTEEN(48, 6)
	ADDQ $64, SI
	ADDQ $8, DI
	ADDQ $8, R8
	ADDQ $8, R11
	ADDQ $8, R12
	DECQ CX
	JMP  loop

done:
	RET
