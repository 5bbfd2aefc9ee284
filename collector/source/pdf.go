package source

import (
	"context"

	"github.com/minutes-exporter/minutes_exporter/collector/pdftext"
)

// pdfText is the TextFunc of application/pdf: printed minutes from
// ModernGov and .pdf entries of urls and dir sources. pdftext's own size and
// time limits bound what one document can cost, as a TextFunc has no
// context.
func pdfText(body []byte) (string, string, error) {
	text, err := pdftext.Text(context.Background(), body)
	if err != nil {
		return "", "", err
	}
	return text, "", nil
}
