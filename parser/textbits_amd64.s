//go:build amd64 && !purego

#include "textflag.h"

// func classifyBlocks(text *byte, blocks int, letters, alnums *uint64)
//
// For each block of 64 bytes at text, the bits of its ASCII letters and of
// its ASCII letters and digits, written to letters[k] and alnums[k] for
// block k: sixteen bytes at a time, each byte tested by a signed compare
// after an add that moves its range to the bottom of the signed bytes,
// and the tests' high bits gathered by PMOVMSKB. SSE2 only, which every
// amd64 processor has.
//
// A letter, its case bit set (OR 0x20), runs from 'a' (0x61) to 'z'
// (0x7a): plus 0x1f, from 0x80 to 0x99, the signed bytes under -102
// (0x9a); no other byte, ASCII or not, lands there. A digit, '0' (0x30) to
// '9' (0x39), plus 0x50 runs from 0x80 to 0x89, under -118 (0x8a).
TEXT ·classifyBlocks(SB), NOSPLIT, $0-32
	MOVQ text+0(FP), SI
	MOVQ blocks+8(FP), CX
	MOVQ letters+16(FP), DI
	MOVQ alnums+24(FP), R8

	MOVQ $0x2020202020202020, AX
	MOVQ AX, X8
	PSHUFD $0, X8, X8 // 0x20: the case bit
	MOVQ $0x1f1f1f1f1f1f1f1f, AX
	MOVQ AX, X9
	PSHUFD $0, X9, X9 // 0x1f: 'a' to 0x80
	MOVQ $0x9a9a9a9a9a9a9a9a, AX
	MOVQ AX, X10
	PSHUFD $0, X10, X10 // -102: past 'z'
	MOVQ $0x5050505050505050, AX
	MOVQ AX, X11
	PSHUFD $0, X11, X11 // 0x50: '0' to 0x80
	MOVQ $0x8a8a8a8a8a8a8a8a, AX
	MOVQ AX, X12
	PSHUFD $0, X12, X12 // -118: past '9'

loop:
	TESTQ CX, CX
	JZ    done
	MOVOU    0(SI), X0
	MOVO     X0, X1
	POR      X8, X0
	PADDB    X9, X0
	MOVO     X10, X2
	PCMPGTB  X0, X2
	PADDB    X11, X1
	MOVO     X12, X3
	PCMPGTB  X1, X3
	POR      X2, X3
	PMOVMSKB X2, R9 // the block's letters
	PMOVMSKB X3, R10 // its letters and digits

	MOVOU    16(SI), X0
	MOVO     X0, X1
	POR      X8, X0
	PADDB    X9, X0
	MOVO     X10, X2
	PCMPGTB  X0, X2
	PADDB    X11, X1
	MOVO     X12, X3
	PCMPGTB  X1, X3
	POR      X2, X3
	PMOVMSKB X2, AX
	PMOVMSKB X3, BX
	SHLQ     $16, AX
	SHLQ     $16, BX
	ORQ      AX, R9
	ORQ      BX, R10

	MOVOU    32(SI), X0
	MOVO     X0, X1
	POR      X8, X0
	PADDB    X9, X0
	MOVO     X10, X2
	PCMPGTB  X0, X2
	PADDB    X11, X1
	MOVO     X12, X3
	PCMPGTB  X1, X3
	POR      X2, X3
	PMOVMSKB X2, AX
	PMOVMSKB X3, BX
	SHLQ     $32, AX
	SHLQ     $32, BX
	ORQ      AX, R9
	ORQ      BX, R10

	MOVOU    48(SI), X0
	MOVO     X0, X1
	POR      X8, X0
	PADDB    X9, X0
	MOVO     X10, X2
	PCMPGTB  X0, X2
	PADDB    X11, X1
	MOVO     X12, X3
	PCMPGTB  X1, X3
	POR      X2, X3
	PMOVMSKB X2, AX
	PMOVMSKB X3, BX
	SHLQ     $48, AX
	SHLQ     $48, BX
	ORQ      AX, R9
	ORQ      BX, R10

	MOVQ R9, (DI)
	MOVQ R10, (R8)
	ADDQ $64, SI
	ADDQ $8, DI
	ADDQ $8, R8
	DECQ CX
	JMP  loop

done:
	RET
