package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/alecthomas/kingpin/v2"

	"github.com/minutes-exporter/minutes_exporter/collector"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func registerExtract(app *kingpin.Application, runs map[string]runFunc) {
	cmd := app.Command("extract", "Print every figure in the given minutes (.txt, .html and .pdf files, or folders of them) as JSON lines.")
	borough := cmd.Flag("borough", "Borough of every document; by default the folder's manifest.yaml, else detected from the text.").String()
	explain := cmd.Flag("explain", "Print each figure as a line of text with the parser rule that read it, instead of JSON.").Bool()
	paths := cmd.Arg("path", "Files or folders of minutes: .txt, .html and .pdf, read as serve reads them.").Required().Strings()
	runs[cmd.FullCommand()] = func(logger *slog.Logger) error {
		out := bufio.NewWriter(os.Stdout)
		defer out.Flush()
		if *explain {
			return extractExplained(out, logger, *borough, *paths)
		}
		return extract(out, logger, *borough, *paths)
	}
}

// extract writes the figures of every document under paths to w. A document
// that cannot be read is logged and skipped; the others are still extracted.
func extract(w *bufio.Writer, logger *slog.Logger, borough string, paths []string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return eachFigure(logger, borough, paths, func(f collector.FigureJSON) error {
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("write figure: %w", err)
		}
		return nil
	})
}

// extractExplained writes the figures of every document under paths to w,
// one aligned line each with the rule that read it and the quote.
func extractExplained(w *bufio.Writer, logger *slog.Logger, borough string, paths []string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOCUMENT\tRULE\tCATEGORY\tMEASURE\tVALUE\tAREA\tPERIOD\tQUOTE")
	err := eachFigure(logger, borough, paths, func(f collector.FigureJSON) error {
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\t%s\t%s\t%s\n", filepath.Base(f.Document), f.Rule, f.Category,
			f.Measure, f.Value, f.Area, orDash(f.Period), strconv.Quote(f.Quote))
		return err
	})
	if ferr := tw.Flush(); err == nil {
		err = ferr
	}
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// eachFigure calls emit with every figure of every document under paths,
// in order. A document that cannot be read is logged and skipped; the
// others are still read.
func eachFigure(logger *slog.Logger, borough string, paths []string, emit func(collector.FigureJSON) error) error {
	files, err := expandPaths(paths)
	if err != nil {
		return err
	}
	manifests := map[string]*source.Manifest{}
	failed := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			logger.Error("skipping document", "file", file, "err", err)
			failed++
			continue
		}
		// As serve reads a dir source's files: HTML and PDF as their text.
		text, _, err := source.Text(source.Document{Address: file, Body: data, ContentType: source.FileType(file, data)})
		if err != nil {
			logger.Error("skipping document", "file", file, "err", err)
			failed++
			continue
		}
		opts := parser.Options{Borough: borough}
		if opts.Borough == "" {
			// The folder's manifest, or its parent's (a corpus keeps
			// sources.tsv beside its docs/ folder).
			for _, dir := range []string{filepath.Dir(file), filepath.Dir(filepath.Dir(file))} {
				m, ok := manifests[dir]
				if !ok {
					m, err = source.ReadManifest(os.DirFS(dir))
					if err != nil {
						logger.Warn("ignoring manifest", "dir", dir, "err", err)
					}
					manifests[dir] = m
				}
				if e, ok := m.Lookup(filepath.Base(file)); ok {
					opts.Borough, opts.Ward = e.Borough, e.Ward
					break
				}
			}
		}
		if opts.Borough == "" {
			opts.Borough = parser.DetectBorough(text)
		}
		b := opts.Borough
		for _, f := range parser.Parse(text, opts) {
			if err := emit(collector.NewFigureJSON(file, b, f)); err != nil {
				return err
			}
		}
	}
	if failed > 0 && failed == len(files) {
		return fmt.Errorf("no document could be read")
	}
	return nil
}

// expandPaths turns files and folders into the list of files to read:
// those named, and in folders (walked in lexical order) the files a dir
// source reads (source.Extensions), hidden ones left out as it does.
func expandPaths(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			hidden := strings.HasPrefix(d.Name(), ".") && path != p
			if d.IsDir() {
				if hidden {
					return fs.SkipDir
				}
				return nil
			}
			if _, ok := source.Extensions[strings.ToLower(filepath.Ext(path))]; ok && !hidden {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("extract: walk %s: %w", p, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}
