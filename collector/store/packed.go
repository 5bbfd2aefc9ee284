package store

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

// packedVersion starts every packed value, so that a change of the
// format can be told from the old one.
const packedVersion = 1

// packFigures packs what the snapshot reads of figs, in their order: for
// each figure its area, category, measure, period, period start and
// period end (each a uvarint length and the bytes) and its value (the
// 8 bytes of the float64, little-endian). A figure's seq is its place.
// Quotes, offsets and rules, which only the API serves, stay in the
// figures table alone.
func packFigures(figs []parser.Figure) []byte {
	n := 1
	for _, f := range figs {
		n += 6*binary.MaxVarintLen16 + 8 + len(f.Area) + len(f.Category) + len(f.Measure) +
			len(f.Period) + len(f.PeriodStart) + len(f.PeriodEnd)
	}
	b := make([]byte, 0, n)
	b = append(b, packedVersion)
	for _, f := range figs {
		for _, s := range []string{f.Area, f.Category, string(f.Measure), f.Period, f.PeriodStart, f.PeriodEnd} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.Value))
	}
	return b
}

// errPacked is a packed value that packFigures did not write.
var errPacked = errors.New("packed figures are corrupt")

// unpackFigures returns the figures packed in b, each made by newFigure
// and with its fields read from b. The strings are intern's, so that the
// few distinct ones are held once however many figures have them.
func unpackFigures(b []byte, newFigure func(seq int) Figure, intern map[string]string) ([]Figure, error) {
	if len(b) == 0 || b[0] != packedVersion {
		return nil, errPacked
	}
	b = b[1:]
	var out []Figure
	for seq := 0; len(b) > 0; seq++ {
		g := newFigure(seq)
		var measure string
		for _, s := range []*string{&g.Area, &g.Category, &measure, &g.Period, &g.PeriodStart, &g.PeriodEnd} {
			n, k := binary.Uvarint(b)
			if k <= 0 || uint64(len(b)-k) < n {
				return nil, errPacked
			}
			*s = interned(intern, b[k:k+int(n)])
			b = b[k+int(n):]
		}
		g.Measure = parser.Measure(measure)
		if len(b) < 8 {
			return nil, errPacked
		}
		g.Value = math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
		out = append(out, g)
	}
	return out, nil
}
