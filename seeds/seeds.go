// Package seeds embeds the five seed minutes and their manifest: the
// exporter's default source, so it has something true to show the first
// time it runs.
package seeds

import "embed"

// FS holds the seed texts (*.txt) and manifest.yaml.
//
//go:embed *.txt manifest.yaml
var FS embed.FS
