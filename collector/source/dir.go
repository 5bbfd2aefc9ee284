package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// DirConfig is the section of a `kind: dir` source: a folder of minutes,
// with an optional manifest.yaml giving each file's meeting date, borough
// and board.
type DirConfig struct {
	// Path is the folder, as the configuration writes it. Subfolders are
	// read too. It names the documents (their addresses start with it), so
	// that they keep their names wherever the exporter runs.
	Path string `yaml:"path"`
	// Root is the folder read: Path resolved against the configuration
	// file's folder (Config.SetDirectory). Empty means Path.
	Root string `yaml:"-"`
	// FS, when set, is read instead of the operating system's files, with
	// Path used only to name documents. The embedded seeds use it.
	FS fs.FS `yaml:"-"`
}

// Extensions maps the file name extensions a dir source reads to their
// media types. Other files are ignored.
var Extensions = map[string]string{
	".txt":  "text/plain",
	".text": "text/plain",
	".html": "text/html",
	".htm":  "text/html",
	".pdf":  "application/pdf",
}

type dirSource struct {
	cfg      Config
	fsys     fs.FS
	maxBytes int64
}

func newDir(cfg Config, env Env) (Source, error) {
	if cfg.Dir == nil {
		return nil, errors.New("kind dir needs a dir: section")
	}
	if cfg.Dir.Path == "" {
		return nil, errors.New("dir: field path is required")
	}
	fsys := cfg.Dir.FS
	if fsys == nil {
		fsys = os.DirFS(cfg.Dir.root())
	}
	return &dirSource{cfg: cfg, fsys: fsys, maxBytes: env.HTTP.MaxBytes}, nil
}

// root returns the folder to read.
func (c *DirConfig) root() string {
	if c.Root != "" {
		return c.Root
	}
	return c.Path
}

// check checks that the folder exists and that its manifest, if it has
// one, can be read.
func (c *DirConfig) check() error {
	if c.FS != nil {
		return nil
	}
	root := c.root()
	info, err := os.Stat(root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("dir: path %q: folder %s does not exist", c.Path, root)
	case err != nil:
		return fmt.Errorf("dir: path %q: %w", c.Path, err)
	case !info.IsDir():
		return fmt.Errorf("dir: path %q: %s is not a folder", c.Path, root)
	}
	if _, err := ReadManifest(os.DirFS(root)); err != nil {
		return fmt.Errorf("dir: path %q: %w", c.Path, err)
	}
	return nil
}

// Fetch reads every file with a known extension, in lexical order of their
// paths. A file larger than the fetcher's size limit is skipped with an
// error, like a page that is too large.
func (d *dirSource) Fetch(ctx context.Context, emit func(Document) error) error {
	m, err := ReadManifest(d.fsys)
	if err != nil {
		return fmt.Errorf("dir %s: %w", d.cfg.Dir.Path, err)
	}
	var files []string
	err = fs.WalkDir(d.fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != "." && strings.HasPrefix(e.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if _, ok := Extensions[strings.ToLower(path.Ext(p))]; ok && !strings.HasPrefix(e.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("dir %s: %w", d.cfg.Dir.Path, err)
	}
	// fs.WalkDir walks in lexical order already.
	var errs []error
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := d.read(p, m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := emit(doc); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

func (d *dirSource) read(p string, m *Manifest) (Document, error) {
	address := path.Join(filepathToSlash(d.cfg.Dir.Path), p)
	info, err := fs.Stat(d.fsys, p)
	if err != nil {
		return Document{}, fmt.Errorf("read %s: %w", address, err)
	}
	if d.maxBytes > 0 && info.Size() > d.maxBytes {
		return Document{}, fmt.Errorf("read %s: %w: %d bytes exceeds %d", address, ErrTooLarge, info.Size(), d.maxBytes)
	}
	body, err := fs.ReadFile(d.fsys, p)
	if err != nil {
		return Document{}, fmt.Errorf("read %s: %w", address, err)
	}
	doc := Document{
		Source:      d.cfg.Name,
		Address:     address,
		Title:       path.Base(p),
		Body:        body,
		ContentType: Extensions[strings.ToLower(path.Ext(p))],
		ModTime:     info.ModTime(),
		Borough:     d.cfg.Borough,
		Board:       d.cfg.Board,
		Ward:        d.cfg.Ward,
	}
	// Manifest entries name files relative to the folder; a bare name
	// also matches a file in a subfolder.
	e, ok := m.Lookup(p)
	if !ok {
		e, ok = m.Lookup(path.Base(p))
	}
	if ok {
		if e.Borough != "" {
			doc.Borough = e.Borough
		}
		if e.Board != "" {
			doc.Board = e.Board
		}
		if e.Ward != "" {
			doc.Ward = e.Ward
		}
		if !e.MeetingDate.IsZero() {
			doc.MeetingDate = e.MeetingDate.Time
			doc.DateFrom = DateManifest
		}
	}
	return doc, nil
}

// filepathToSlash writes an operating-system path with forward slashes, so
// that document addresses are the same on every platform.
func filepathToSlash(p string) string {
	return path.Clean(strings.ReplaceAll(p, string(os.PathSeparator), "/"))
}
