// Command minutes_exporter reads crime figures out of community-safety
// meeting minutes and serves them as Prometheus metrics.
package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/alecthomas/kingpin/v2"
	"github.com/prometheus/common/promslog"
	promslogflag "github.com/prometheus/common/promslog/flag"
	"github.com/prometheus/common/version"

	"github.com/minutes-exporter/minutes_exporter/collector/redact"
)

// runFunc runs one subcommand once its flags are parsed.
type runFunc func(logger *slog.Logger) error

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	app := kingpin.New("minutes_exporter",
		"Reads crime figures out of community-safety meeting minutes and serves them as Prometheus metrics.")
	app.Version(version.Print("minutes_exporter"))
	app.HelpFlag.Short('h')
	logConfig := &promslog.Config{}
	promslogflag.AddFlags(app, logConfig)

	runs := map[string]runFunc{}
	registerServe(app, runs)
	registerExtract(app, runs)
	registerBackfill(app, runs)
	registerHealthcheck(app, runs)

	cmd, err := app.Parse(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "minutes_exporter: %s\n", redact.Text(err.Error()))
		return 2
	}
	logger := newLogger(logConfig)
	if err := runs[cmd](logger); err != nil {
		logger.Error("failed", "command", cmd, "err", err)
		return 1
	}
	return 0
}

// newLogger returns the logger of cfg, with the credentials of every
// address it is given to log masked (see package redact): sources'
// addresses reach the logs in messages, attributes and errors from every
// layer, and none may show a password or a key.
func newLogger(cfg *promslog.Config) *slog.Logger {
	return slog.New(redact.Handler(promslog.New(cfg).Handler()))
}
