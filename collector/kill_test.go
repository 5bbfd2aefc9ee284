package collector

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

// killDocs is how many documents the killed refresh is given: enough that
// it is killed between two commits, and within one, at every kill point.
const killDocs = 5000

// killParser is the parser version the killed refresh parses with; a
// second refresh with killParserNext parses every stored document again.
const (
	killParser     = "kill-1"
	killParserNext = "kill-2"
)

// killSource returns the documents of the killed refresh: document i has
// 1 + i%7 figures, so that a document stored without some of them shows.
func killSource() *memSource {
	docs := make([]source.Document, killDocs)
	for i := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "Minutes %d\n", i)
		for j := range 1 + i%7 {
			fmt.Fprintf(&b, "%s %d\n", []string{"burglary", "robbery", "vehicle_crime"}[j%3], -(i*10 + j))
			b.WriteString(strings.Repeat("Nothing to read here, only words to make the text long. ", 20) + "\n")
		}
		docs[i] = memDoc(fmt.Sprintf("kill/%05d.txt", i), b.String(), 1+i%28)
	}
	return &memSource{docs: docs}
}

// killParse is fakeParse, with the parser version in every figure's rule,
// so that figures of a document parsed again show which parse they are of.
func killParse(version string) ParseFunc {
	return func(text string, opts parser.Options) []parser.Figure {
		figs := fakeParse(nil)(text, opts)
		for i := range figs {
			figs[i].Rule = version
		}
		return figs
	}
}

// TestKilledRefreshKeepsStore kills, with SIGKILL, a child process that
// refreshes many documents into a store, at moments that vary from run to
// run: after its first commit, part way, and while it parses the stored
// documents again with a new parser. It then opens the store the child
// left and checks that it opens cleanly, that every document it holds is
// whole (all its figures, as parsing its text again gives them, all of
// one parse), that every document seen committed before the kill is
// there, and that a refresh over it completes the store.
func TestKilledRefreshKeepsStore(t *testing.T) {
	if path := os.Getenv("MINUTES_EXPORTER_KILL_STORE"); path != "" {
		killChild(t, path, os.Getenv("MINUTES_EXPORTER_KILL_PARSER"))
		return
	}
	if testing.Short() {
		t.Skip("kills child processes; slow")
	}
	for _, tc := range []struct {
		name string
		// after is how many documents the child must have committed
		// before it is killed.
		after int
		// wait is how long after that it is killed.
		wait time.Duration
		// reparse first fills the store, then kills a refresh that
		// parses every document again with a new parser.
		reparse bool
	}{
		{name: "after the first commit", after: 1},
		{name: "a quarter in", after: killDocs / 4},
		{name: "half way, a moment later", after: killDocs / 2, wait: 7 * time.Millisecond},
		{name: "near the end", after: killDocs * 9 / 10, wait: 3 * time.Millisecond},
		{name: "while parsing again", after: 1, reparse: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), store.FileName)
			version := killParser
			if tc.reparse {
				fill := openKillStore(t, path)
				c := newKillCollector(t, fill, killParser)
				if err := c.Refresh(context.Background()); err != nil {
					t.Fatal(err)
				}
				fill.Close()
				version = killParserNext
			}
			committed := killRefreshAt(t, path, version, tc.after, tc.wait)

			st := openKillStore(t, path)
			defer st.Close()
			held := checkWhole(t, st)
			for address, stamp := range committed {
				if held[address] != stamp {
					t.Errorf("%s was committed before the kill as %q; after it, %q", address, stamp, held[address])
				}
			}
			t.Logf("killed after %d documents were seen committed; the store holds %d", len(committed), len(held))

			// The refresh after a crash stores or parses again what the
			// killed one did not get to.
			c := newKillCollector(t, st, killParserNext)
			if err := c.Refresh(context.Background()); err != nil {
				t.Fatal(err)
			}
			if held := checkWhole(t, st); len(held) != killDocs {
				t.Errorf("after a refresh over the store the kill left, %d documents, want %d", len(held), killDocs)
			}
		})
	}
}

// killRefreshAt runs a refresh with parser version in a child process
// over the store at path, kills it once at least after documents are seen
// committed by their parse of version and wait has passed, and returns
// what was seen committed just before the kill: each document's figures,
// rendered by renderFigures.
func killRefreshAt(t *testing.T, path, version string, after int, wait time.Duration) map[string]string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRefreshKeepsStore$", "-test.v")
	cmd.Env = append(os.Environ(), "MINUTES_EXPORTER_KILL_STORE="+path, "MINUTES_EXPORTER_KILL_PARSER="+version)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	// The child says when its store is open, so that the two never
	// both create the schema of a new file.
	lines := bufio.NewScanner(stdout)
	for lines.Scan() && lines.Text() != "store open" {
	}
	go func() {
		for lines.Scan() {
		}
	}()

	st := openKillStore(t, path)
	defer st.Close()
	for {
		if committedCount(t, st, version) >= after {
			break
		}
		if cmd.ProcessState != nil {
			t.Fatalf("the child ended before %d documents were committed", after)
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(wait)
	// What is seen committed now, from another connection, is what the
	// kill must not lose.
	seen := committedBy(t, st, version)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	killed = true
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child: %v, want killed by SIGKILL; stderr:\n%s", err, stderr.String())
	}
	if len(seen) == killDocs {
		t.Logf("the child had committed everything before it was killed")
	}
	return seen
}

// committedCount returns how many documents in st are parsed with
// version: cheaper to read than their figures.
func committedCount(t *testing.T, st *store.Store, version string) int {
	t.Helper()
	docs, err := st.Documents(context.Background(), store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		if d.ParserVersion == version {
			n++
		}
	}
	return n
}

// committedBy returns the documents in st parsed with version, each with
// its figures rendered.
func committedBy(t *testing.T, st *store.Store, version string) map[string]string {
	t.Helper()
	figs, err := st.Figures(context.Background(), store.FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for address, fs := range byAddress(figs) {
		if len(fs) > 0 && fs[0].Rule == version {
			out[address] = renderFigures(fs)
		}
	}
	return out
}

// checkWhole checks every document in st: its figures are those its text
// parses to, with one parser version, and the snapshot reads the same
// figures; it returns each document's figures rendered by address.
func checkWhole(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	docs, err := st.Documents(ctx, store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	figs, err := st.Figures(ctx, store.FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byDoc := byAddress(figs)
	out := map[string]string{}
	for _, d := range docs {
		full, err := st.DocumentByID(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := killParse(d.ParserVersion)(full.Text, parser.Options{Borough: d.Borough})
		got := make([]parser.Figure, len(byDoc[d.Address]))
		for i, f := range byDoc[d.Address] {
			got[i] = f.Figure
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s, parsed with %s, is not whole (-want +got):\n%s", d.Address, d.ParserVersion, diff)
		}
		if d.Figures != len(want) {
			t.Errorf("%s: %d figures counted, want %d", d.Address, d.Figures, len(want))
		}
		out[d.Address] = renderFigures(byDoc[d.Address])
	}
	// The packed copy the snapshot reads agrees with the figures' rows.
	packed, _, err := st.CurrentFigures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range figs {
		figs[i].Quote, figs[i].Start, figs[i].End, figs[i].Rule = "", 0, 0, ""
	}
	if diff := cmp.Diff(figs, packed); diff != "" {
		t.Errorf("the snapshot's figures differ from the stored rows (-rows +snapshot):\n%s", diff)
	}
	return out
}

func byAddress(figs []store.Figure) map[string][]store.Figure {
	out := map[string][]store.Figure{}
	for _, f := range figs {
		out[f.Address] = append(out[f.Address], f)
	}
	return out
}

func renderFigures(figs []store.Figure) string {
	var b strings.Builder
	for _, f := range figs {
		b.WriteString(f.Rule + ":" + f.Category + "=" + strconv.FormatFloat(f.Value, 'g', -1, 64) + ";")
	}
	return b.String()
}

func openKillStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatalf("open the store: %v", err)
	}
	return st
}

func newKillCollector(t *testing.T, st *store.Store, version string) *Collector {
	t.Helper()
	c, err := New(st, Options{Parse: killParse(version), ParserVersion: version, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetSources([]Named{{Config: source.Config{Name: "mem"}, Source: killSource()}}); err != nil {
		t.Fatal(err)
	}
	return c
}

// killChild is the child process: it refreshes into the store at path
// until it is killed.
func killChild(t *testing.T, path, version string) {
	st := openKillStore(t, path)
	c := newKillCollector(t, st, version)
	fmt.Println("store open")
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Done before the kill: wait for it, so that the parent kills a
	// process, not reaps one that exited.
	time.Sleep(time.Minute)
}
