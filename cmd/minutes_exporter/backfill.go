package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/alecthomas/kingpin/v2"

	"github.com/minutes-exporter/minutes_exporter/collector"
	"github.com/minutes-exporter/minutes_exporter/collector/backfill"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
)

func registerBackfill(app *kingpin.Application, runs map[string]runFunc) {
	cmd := app.Command("backfill", "Write every stored figure as OpenMetrics samples stamped with its meeting date, "+
		"for `promtool tsdb create-blocks-from openmetrics`.")
	storagePath := cmd.Flag("storage.path", "Folder of the exporter's store, as given to serve.").Default("data").String()
	configFile := cmd.Flag("config.file", "The configuration serve reads, for the populations its sources give; without one, the Census's.").
		Default("").String()
	out := cmd.Flag("out", `File to write; "-" is standard output.`).Default("-").Short('o').String()
	runs[cmd.FullCommand()] = func(logger *slog.Logger) error {
		cfg, err := loadConfig(*configFile)
		if err != nil {
			return fmt.Errorf("backfill: %w", err)
		}
		return runBackfill(context.Background(), logger, *storagePath, cfg, *out, time.Now())
	}
}

// runBackfill writes the backfill of the store under storagePath to out,
// with the populations of cfg (see collector.Populations). The file is
// written beside its final name and renamed once complete, so that a
// failed run never leaves half a backfill for promtool to load.
func runBackfill(ctx context.Context, logger *slog.Logger, storagePath string, cfg *collector.Config, out string, now time.Time) error {
	path := filepath.Join(storagePath, store.FileName)
	// store.Open creates a missing store; a backfill of nothing would hide
	// a wrong --storage.path.
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("backfill: no store at %s: run serve with the same --storage.path first", path)
		}
		return fmt.Errorf("backfill: %w", err)
	}
	st, err := store.Open(path)
	if err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	defer st.Close()
	figs, err := st.Figures(ctx, store.FigureFilter{})
	if verr := st.Verify(ctx); verr != nil {
		return fmt.Errorf("backfill: %w", verr) // the figures were read beside the store's check
	}
	if err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	boroughs := make([]string, len(figs))
	for i, f := range figs {
		boroughs[i] = f.Borough
	}
	people, unknown := collector.Populations(cfg, boroughs)
	for _, b := range unknown {
		logger.Warn("no population for borough, so no rates per 1,000 residents in its history; give its source a population:", "borough", b)
	}
	samples, skipped := backfill.FromFigures(figs, people)
	if skipped > 0 {
		logger.Warn("figures left out of the backfill", "count", skipped, "reason", "no meeting date, or a label /metrics also refuses (see minutesexporter_figures_not_served)")
	}

	if out == "-" {
		stats, err := backfill.Write(os.Stdout, backfill.Families(), samples, now)
		if err != nil {
			return err
		}
		logStats(logger, len(figs), stats, "stdout")
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	defer os.Remove(tmp.Name())
	stats, err := backfill.Write(tmp, backfill.Families(), samples, now)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("backfill: close %s: %w", tmp.Name(), cerr)
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("backfill: %w", err)
	}
	logStats(logger, len(figs), stats, out)
	return nil
}

func logStats(logger *slog.Logger, figures int, st backfill.Stats, out string) {
	logger.Info("backfill written", "out", out, "figures", figures, "samples", st.Written,
		"recent_left_out", st.Recent, "duplicates_left_out", st.Duplicates)
}
