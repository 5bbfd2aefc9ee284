package pdftext_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file is a minimal PDF writer, just enough to make the fixtures in
// testdata/: A4 pages of Courier text (so that characters per line are
// exact), a running header and a "Page N of M" footer on every page, and
// long words hyphenated at line ends, as a word processor would.

const (
	pageWidth    = 595
	pageHeight   = 842
	fontSize     = 10
	leading      = 12
	marginLeft   = 56
	bodyTop      = 770
	bodyBottom   = 70
	columns      = 80 // Courier is 0.6 em wide: 80 × 6 pt = 480 pt.
	linesPerPage = (bodyTop - bodyBottom) / leading
)

// pdfPage is one page: its text lines, and whether it is an image only.
type pdfPage struct {
	lines []string
	image bool
}

// layoutText wraps each line of text (a paragraph) to columns characters
// and cuts the result into pages.
func layoutText(text string) []pdfPage {
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		lines = append(lines, wrapParagraph(para)...)
	}
	var pages []pdfPage
	for len(lines) > 0 {
		n := min(linesPerPage, len(lines))
		pages = append(pages, pdfPage{lines: lines[:n]})
		lines = lines[n:]
	}
	return pages
}

// wrapParagraph breaks para into lines of at most columns characters,
// hyphenating a long word that does not fit.
func wrapParagraph(para string) []string {
	words := strings.Fields(strings.ReplaceAll(para, "\u00a0", " "))
	if len(words) == 0 {
		return []string{""}
	}
	var out []string
	line := ""
	for _, w := range words {
		for {
			sep := 0
			if line != "" {
				sep = 1
			}
			room := columns - utf8.RuneCountInString(line) - sep
			if utf8.RuneCountInString(w) <= room {
				if sep == 1 {
					line += " "
				}
				line += w
				break
			}
			r := []rune(w)
			if cut := room - 1; len(r) >= 10 && cut >= 4 && len(r)-cut >= 4 && allLetters(r[:cut+1]) {
				if sep == 1 {
					line += " "
				}
				out = append(out, line+string(r[:cut])+"-")
				line, w = "", string(r[cut:])
				continue
			}
			out = append(out, line)
			line = ""
			if utf8.RuneCountInString(w) > columns {
				out = append(out, string(r[:columns]))
				w = string(r[columns:])
			}
		}
	}
	return append(out, line)
}

func allLetters(r []rune) bool {
	for _, c := range r {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// writePDF renders pages with header on top of each and a page footer.
func writePDF(header string, pages []pdfPage) []byte {
	var objs [][]byte // objs[i] is object i+1
	add := func(s []byte) int { objs = append(objs, s); return len(objs) }
	catalog := add(nil)
	pagesObj := add(nil)
	font := add([]byte("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"))
	image := add(imageObject())
	var kids []string
	for i, p := range pages {
		var c bytes.Buffer
		if p.image {
			fmt.Fprintf(&c, "q 480 0 0 600 %d 150 cm /Im1 Do Q\n", marginLeft)
		} else {
			text(&c, marginLeft, 800, header)
			for j, l := range p.lines {
				text(&c, marginLeft, bodyTop-j*leading, l)
			}
			text(&c, marginLeft+200, 40, fmt.Sprintf("Page %d of %d", i+1, len(pages)))
		}
		contents := add(stream(c.Bytes()))
		page := add([]byte(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "+
			"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>",
			pagesObj, pageWidth, pageHeight, font, image, contents)))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = []byte(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj))
	objs[pagesObj-1] = []byte(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))

	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return out.Bytes()
}

// text writes one line of text at x, y in the content stream.
func text(c *bytes.Buffer, x, y int, s string) {
	if s == "" {
		return
	}
	fmt.Fprintf(c, "BT /F1 %d Tf %d %d Td (%s) Tj ET\n", fontSize, x, y, winAnsi(s))
}

// winAnsi encodes s as a PDF string body in WinAnsiEncoding, escaping what
// must be and writing every non-ASCII byte as an octal escape.
func winAnsi(s string) string {
	special := map[rune]byte{'’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '•': 0x95, '€': 0x80, '…': 0x85}
	var b strings.Builder
	for _, r := range s {
		var c byte
		switch {
		case r < 0x80:
			c = byte(r)
		case r <= 0xff:
			c = byte(r)
		default:
			var ok bool
			if c, ok = special[r]; !ok {
				c = '?'
			}
		}
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// stream makes a Flate-compressed stream object from data.
func stream(data []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return append([]byte(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())),
		append(z.Bytes(), "\nendstream"...)...)
}

// imageObject is a small grey gradient, standing in for a scanned page.
func imageObject() []byte {
	const n = 16
	px := make([]byte, n*n)
	for i := range px {
		px[i] = byte(i * 255 / len(px))
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(px)
	w.Close()
	return append([]byte(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d "+
		"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n", n, n, z.Len())),
		append(z.Bytes(), "\nendstream"...)...)
}
