package collector

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

// yamlBlock is a fenced YAML block of a Markdown file.
var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// TestREADMEConfigurations decodes every configuration and manifest the
// README shows, as the exporter would: an example that no longer loads
// fails here.
func TestREADMEConfigurations(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlock.FindAllStringSubmatch(string(readme), -1)
	configs := 0
	for _, b := range blocks {
		text := b[1]
		switch {
		case strings.HasPrefix(text, "documents:"):
			if _, err := source.ParseManifest([]byte(text)); err != nil {
				t.Errorf("README manifest:\n%s\n%v", text, err)
			}
		case strings.Contains(text, "\nsources:") || strings.HasPrefix(text, "sources:"):
			configs++
			if _, err := ParseConfig([]byte(text)); err != nil {
				t.Errorf("README configuration:\n%s\n%v", text, err)
			}
		default:
			t.Errorf("README YAML block is neither a configuration nor a manifest:\n%s", text)
		}
	}
	if configs < 3 {
		t.Errorf("found %d configurations in the README, want at least 3 (the main one, ModernGov, passwords)", configs)
	}
}
