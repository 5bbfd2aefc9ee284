// Package pdftext turns PDF minutes into plain text in reading order, with
// the headers and footers that repeat on every page dropped and words
// hyphenated across line breaks joined again.
//
// It runs Debian's pdftotext (package poppler-utils) in a child process: a
// malformed or hostile PDF can then at worst make that process fail or be
// killed at its deadline, never panic or hang the exporter. The README says
// why this was chosen over a pure-Go library.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Errors a caller can tell apart with errors.Is. Each is wrapped with what
// was being done when it happened.
var (
	// ErrNotInstalled means the pdftotext command could not be found.
	ErrNotInstalled = errors.New("pdftotext not found: install Debian's poppler-utils package to read PDF minutes")
	// ErrNotPDF means the bytes do not start like a PDF file.
	ErrNotPDF = errors.New("not a PDF file")
	// ErrTruncated means the file has no end-of-file marker: it was cut
	// short, typically by an interrupted download.
	ErrTruncated = errors.New("PDF is truncated (no %%EOF marker at its end)")
	// ErrEncrypted means the PDF needs a password to be read.
	ErrEncrypted = errors.New("PDF is encrypted with a password")
	// ErrNoText means the PDF has pages but no text layer, as a scan has;
	// it would need OCR, which this exporter does not do.
	ErrNoText = errors.New("PDF has no text layer (scanned?)")
	// ErrTooLarge means the PDF, or the text it gives, is over the limit.
	ErrTooLarge = errors.New("PDF is too large")
	// ErrTimeout means pdftotext did not finish within the time allowed.
	ErrTimeout = errors.New("PDF text extraction timed out")
	// ErrDamaged means pdftotext could not read the file.
	ErrDamaged = errors.New("PDF is damaged or unreadable")
)

// Defaults for an Extractor's zero fields.
const (
	DefaultCommand  = "pdftotext"
	DefaultMaxBytes = 50 << 20
	DefaultTimeout  = time.Minute
)

// Extractor reads the text of PDFs. The zero value uses the defaults.
type Extractor struct {
	// Command is the pdftotext executable, looked up in PATH when it has no
	// slash. Empty means DefaultCommand.
	Command string
	// MaxBytes limits the size of a PDF; its text may be at most four times
	// as large. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds one extraction. Zero means DefaultTimeout.
	Timeout time.Duration
}

// Text returns the plain text of pdf using the default Extractor.
func Text(ctx context.Context, pdf []byte) (string, error) {
	return Extractor{}.Text(ctx, pdf)
}

// Available reports whether the Extractor's pdftotext can be found, with
// ErrNotInstalled when it cannot.
func (e Extractor) Available() error {
	if _, err := exec.LookPath(e.command()); err != nil {
		return fmt.Errorf("%w (%v)", ErrNotInstalled, err)
	}
	return nil
}

// Text returns the plain text of pdf in reading order, pages joined by a
// blank line, repeated page headers and footers dropped and hyphenated line
// breaks joined. It never returns text together with an error.
func (e Extractor) Text(ctx context.Context, pdf []byte) (string, error) {
	if err := Check(pdf, e.maxBytes()); err != nil {
		return "", err
	}
	if err := e.Available(); err != nil {
		return "", err
	}
	raw, err := e.run(ctx, pdf)
	if err != nil {
		return "", err
	}
	text := Clean(raw)
	if strings.TrimSpace(text) == "" {
		return "", ErrNoText
	}
	return text, nil
}

// Check rejects, without running anything, bytes that are over maxBytes,
// are not a PDF, or were cut short.
func Check(pdf []byte, maxBytes int64) error {
	if maxBytes > 0 && int64(len(pdf)) > maxBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(pdf), maxBytes)
	}
	head := pdf[:min(len(pdf), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return ErrNotPDF
	}
	// Writers end a PDF with %%EOF; some add a little padding after it.
	tail := pdf[max(0, len(pdf)-2048):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return ErrTruncated
	}
	return nil
}

func (e Extractor) run(ctx context.Context, pdf []byte) (string, error) {
	// pdftotext needs a seekable file, not a pipe.
	f, err := os.CreateTemp("", "minutes-*.pdf")
	if err != nil {
		return "", fmt.Errorf("pdftext: temporary file: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(pdf); err != nil {
		f.Close()
		return "", fmt.Errorf("pdftext: write temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("pdftext: write temporary file: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, e.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, e.command(), "-enc", "UTF-8", "-eol", "unix", f.Name(), "-")
	// A child that ignores the kill still cannot hold us past this.
	cmd.WaitDelay = time.Second
	stdout := &limitedBuffer{limit: 4 * e.maxBytes()}
	stderr := &limitedBuffer{limit: 64 << 10}
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	err = cmd.Run()
	switch {
	case stdout.over:
		return "", fmt.Errorf("%w: text is over %d bytes", ErrTooLarge, stdout.limit)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", fmt.Errorf("%w after %s", ErrTimeout, e.timeout())
	case ctx.Err() != nil:
		return "", fmt.Errorf("pdftext: %w", ctx.Err())
	case err != nil:
		msg := firstLine(stderr.buf.String())
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return "", fmt.Errorf("pdftext: run %s: %w", e.command(), err)
		}
		if strings.Contains(msg, "password") || exitErr.ExitCode() == 3 {
			return "", fmt.Errorf("%w: %s", ErrEncrypted, msg)
		}
		return "", fmt.Errorf("%w: %s", ErrDamaged, msg)
	}
	return stdout.buf.String(), nil
}

func (e Extractor) command() string {
	if e.Command == "" {
		return DefaultCommand
	}
	return e.Command
}

func (e Extractor) maxBytes() int64 {
	if e.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return e.MaxBytes
}

func (e Extractor) timeout() time.Duration {
	if e.Timeout <= 0 {
		return DefaultTimeout
	}
	return e.Timeout
}

// limitedBuffer keeps at most limit bytes and remembers that more came.
// It accepts everything written so the child is never blocked on a pipe.
type limitedBuffer struct {
	buf   bytes.Buffer
	limit int64
	over  bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	room := b.limit - int64(b.buf.Len())
	if int64(len(p)) > room {
		b.over = true
		if room > 0 {
			b.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return b.buf.Write(p)
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return "pdftotext failed without a message"
}
