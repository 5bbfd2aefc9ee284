package collector

import (
	"strings"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

// kindList is how source errors print the known kinds.
func kindList() string {
	return "[" + strings.Join(source.KindNames(), " ") + "]"
}
