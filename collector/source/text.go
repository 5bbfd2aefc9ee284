package source

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/minutes-exporter/minutes_exporter/collector/htmltext"
)

// TextFunc turns a document's body into the plain text the parser reads,
// and may return a title found in it ("" if none).
type TextFunc func(body []byte) (text, title string, err error)

// Converters maps media types to the TextFunc that reads them. A new format
// (PDF) adds one line here.
var Converters = map[string]TextFunc{
	"text/plain":            plainText,
	"text/html":             htmlText,
	"application/xhtml+xml": htmlText,
	"application/pdf":       pdfText,
}

// FileType returns the media type of a file's body: the one its name's
// extension gives (Extensions), as a dir source reads it, and for another
// name what the body looks like (a PDF, HTML, else plain text).
func FileType(name string, body []byte) string {
	if t, ok := Extensions[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return mediaType("", body)
}

// ErrBinary is returned for a body that is not text: a binary file served
// as text, or a media type no converter reads.
var ErrBinary = errors.New("not text")

// Text returns the plain text of d's body and, when the body names one, a
// title. The error names the document.
func Text(d Document) (text, title string, err error) {
	if len(d.Body) == 0 {
		return "", "", fmt.Errorf("document %s: empty body", d.Address)
	}
	conv, ok := Converters[d.ContentType]
	if !ok {
		return "", "", fmt.Errorf("document %s: %w: no converter for media type %q", d.Address, ErrBinary, d.ContentType)
	}
	text, title, err = conv(d.Body)
	if err != nil {
		return "", "", fmt.Errorf("document %s: %w", d.Address, err)
	}
	if strings.TrimSpace(text) == "" {
		return "", "", fmt.Errorf("document %s: no text", d.Address)
	}
	return text, title, nil
}

// looksBinary reports whether body is binary data rather than text: it has
// NUL bytes, or many bytes that are neither valid UTF-8 nor printable.
func looksBinary(body []byte) bool {
	head := body[:min(len(body), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if (r == utf8.RuneError && n == 1 && len(head) > 3) || (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') {
			bad++
		}
		head = head[n:]
	}
	return bad*10 > min(len(body), 8<<10)
}

func plainText(body []byte) (string, string, error) {
	if looksBinary(body) {
		return "", "", ErrBinary
	}
	return strings.ToValidUTF8(string(body), "\uFFFD"), "", nil
}

func htmlText(body []byte) (string, string, error) {
	if looksBinary(body) {
		return "", "", ErrBinary
	}
	p, err := htmltext.Parse(bytes.NewReader(body))
	if err != nil {
		return "", "", err
	}
	return p.Text, p.Title, nil
}
