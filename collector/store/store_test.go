package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector/store/storetest"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func doc(address string, day int, text string) Document {
	return Document{
		Source: "test", Address: address, Title: address, Borough: "Barnet",
		Board: "SCPB", ContentType: "text/plain", ContentHash: "h-" + text, Stamp: "s-" + text,
		FetchedAt:   time.Date(2025, 1, 1, 6, 0, 0, 0, time.UTC),
		MeetingDate: time.Date(2024, 11, day, 0, 0, 0, 0, time.UTC),
		DateFrom:    "manifest", ParserVersion: parser.Version, Text: text,
	}
}

func fig(cat string, v float64) parser.Figure {
	return parser.Figure{Category: cat, Measure: parser.ChangePercent, Value: v, Area: "Barnet",
		Quote: cat + " fell", Start: 0, End: len(cat) + 5}
}

func TestPutAndRead(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if err := s.Put(ctx, doc("b.txt", 29, "two"), []parser.Figure{fig("robbery", -3), fig("burglary", -7.3)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, doc("a.txt", 1, "one"), []parser.Figure{fig("burglary", -39)}); err != nil {
		t.Fatal(err)
	}
	// A second Put of a document replaces its figures.
	if err := s.Put(ctx, doc("a.txt", 1, "one again"), []parser.Figure{fig("burglary", -40)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Figures(ctx, FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Address, Category string
		Seq               int
		Value             float64
		Day               int
	}
	var rows []row
	for _, f := range got {
		rows = append(rows, row{f.Address, f.Category, f.Seq, f.Value, f.MeetingDate.Day()})
	}
	want := []row{
		{"a.txt", "burglary", 0, -40, 1},
		{"b.txt", "robbery", 0, -3, 29},
		{"b.txt", "burglary", 1, -7.3, 29},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("Figures (-want +got):\n%s", diff)
	}

	filtered, err := s.Figures(ctx, FigureFilter{Categories: []string{"burglary"}, From: time.Date(2024, 11, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(filtered) != 1 || filtered[0].Value != -7.3 {
		t.Errorf("Figures(burglary from 2 Nov) = %+v, want the one of b.txt", filtered)
	}

	stamps, err := s.Stamps(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a.txt": "s-one again", "b.txt": "s-two"}, stamps); diff != "" {
		t.Errorf("Stamps (-want +got):\n%s", diff)
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]Counts{"test": {Documents: 2, Figures: 3}}, counts); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
	docs, err := s.Documents(ctx, DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Address != "a.txt" || docs[0].Figures != 1 || docs[1].Figures != 2 {
		t.Errorf("Documents = %+v, want a.txt (1 figure) then b.txt (2)", docs)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, doc("a.txt", 1, "one"), []parser.Figure{fig("burglary", -39)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Figures(ctx, FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Value != -39 {
		t.Errorf("after reopening, Figures = %+v, want the one stored", got)
	}
}

func TestOpenRefusesWhatIsNotAStore(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    string
	}{
		{
			name: "not sqlite",
			prepare: func(t *testing.T, path string) {
				writeFile(t, path, []byte("these are not the minutes you are looking for\n"))
			},
			want: "not an SQLite database",
		},
		{
			name: "truncated sqlite header",
			prepare: func(t *testing.T, path string) {
				writeFile(t, path, []byte("SQLite for"))
			},
			want: "not an SQLite database",
		},
		{
			name: "corrupt pages",
			prepare: func(t *testing.T, path string) {
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 50 {
					s.Put(context.Background(), doc(strings.Repeat("x", i+1), 1, strings.Repeat("text ", 500)), nil)
				}
				s.Close()
				os.Remove(path + "-wal")
				os.Remove(path + "-shm")
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				// Keep the header, scribble over the schema page and the rest.
				for i := 100; i < len(data); i++ {
					data[i] = byte(i * 7)
				}
				writeFile(t, path, data)
			},
			want: "minutes_exporter.db",
		},
		{
			name: "another program's database",
			prepare: func(t *testing.T, path string) {
				db, err := sql.Open("sqlite", path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec("CREATE TABLE recipes (name TEXT)"); err != nil {
					t.Fatal(err)
				}
				db.Close()
			},
			want: "not a minutes_exporter store",
		},
		{
			name: "newer schema",
			prepare: func(t *testing.T, path string) {
				db, err := sql.Open("sqlite", path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
					t.Fatal(err)
				}
				db.Close()
			},
			want: "schema version 99 is newer",
		},
		{
			name: "unreadable",
			prepare: func(t *testing.T, path string) {
				if os.Geteuid() == 0 {
					// Root reads any file; make it a directory instead.
					if err := os.Mkdir(path, 0o755); err != nil {
						t.Fatal(err)
					}
					return
				}
				writeFile(t, path, []byte("x"))
				os.Chmod(path, 0)
			},
			want: "minutes_exporter.db",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			tt.prepare(t, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded, want an error containing %q", path, tt.want)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open error = %q, want it to name %s and contain %q", err, path, tt.want)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Errorf("Open changed the file it refused")
			}
		})
	}
}

// TestVerifyRefusesCorruptPages checks a store whose schema is whole but
// whose other pages are not: Open, which checks the file beside the first
// reads, opens it, but Verify fails naming the file, every write fails
// with it and writes nothing, and the file is as it was.
func TestVerifyRefusesCorruptPages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := s.Put(ctx, doc(strings.Repeat("x", i+1), 1, strings.Repeat("text ", 5000)), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatalf("a whole store: Verify = %v", err)
	}
	s.Close()
	data := storetest.CorruptPages(t, path)
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open of a store with a whole schema: %v", err)
	}
	defer s.Close()
	err = s.Verify(ctx)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "integrity check") {
		t.Fatalf("Verify = %v, want an integrity check's error naming %s", err, path)
	}
	if perr := s.Put(ctx, doc("y", 2, "text"), nil); perr == nil || !strings.Contains(perr.Error(), err.Error()) {
		t.Errorf("Put on a corrupt store = %v, want %v", perr, err)
	}
	if _, _, serr := s.SetCurrent(ctx, "test", nil, time.Now()); serr == nil || !strings.Contains(serr.Error(), err.Error()) {
		t.Errorf("SetCurrent on a corrupt store = %v, want %v", serr, err)
	}
	if ferr := s.SetFigures(ctx, parser.Version, []Refigured{{ID: 1}}); ferr == nil || !strings.Contains(ferr.Error(), err.Error()) {
		t.Errorf("SetFigures on a corrupt store = %v, want %v", ferr, err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(data) {
		t.Errorf("the corrupt store was written")
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// reparse parses again, with parse, the documents of s that a parser
// other than version read, as a refresh does, and returns how many it
// parsed.
func reparse(t *testing.T, s *Store, version string, parse func(Reading) []parser.Figure) int {
	t.Helper()
	ctx := context.Background()
	ids, err := s.Stale(ctx, version)
	if err != nil {
		t.Fatal(err)
	}
	readings, err := s.Readings(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Refigured
	for _, r := range readings {
		docs = append(docs, Refigured{ID: r.ID, Figures: parse(r)})
	}
	if err := s.SetFigures(ctx, version, docs); err != nil {
		t.Fatal(err)
	}
	return len(readings)
}

// TestSetFigures: the documents an older parser read are found with their
// text and options, and take the figures read again with the new
// parser's version.
func TestSetFigures(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	old := doc("a.txt", 1, "Burglary fell 39%")
	old.ParserVersion = "0"
	old.Ward = "Burnt Oak"
	if err := s.Put(ctx, old, []parser.Figure{fig("robbery", -1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, doc("b.txt", 2, "current"), []parser.Figure{fig("robbery", -2)}); err != nil {
		t.Fatal(err)
	}
	var parsed []string
	n := reparse(t, s, parser.Version, func(r Reading) []parser.Figure {
		parsed = append(parsed, r.Text+"/"+r.Options.Borough+"/"+r.Options.Ward+"/"+r.Options.MeetingDate.Format(time.DateOnly))
		return []parser.Figure{fig("burglary", -39), fig("burglary", -40)}
	})
	if diff := cmp.Diff([]string{"Burglary fell 39%/Barnet/Burnt Oak/2024-11-01"}, parsed); n != 1 || diff != "" {
		t.Errorf("parsed %d documents again (-want +got texts):\n%s", n, diff)
	}
	got, err := s.Figures(ctx, FigureFilter{Sources: []string{"test"}})
	if err != nil {
		t.Fatal(err)
	}
	var cats []string
	for _, f := range got {
		cats = append(cats, f.Address+":"+f.Category)
	}
	if diff := cmp.Diff([]string{"a.txt:burglary", "a.txt:burglary", "b.txt:robbery"}, cats); diff != "" {
		t.Errorf("figures after SetFigures (-want +got):\n%s", diff)
	}
	if ids, err := s.Stale(ctx, parser.Version); err != nil || len(ids) != 0 {
		t.Errorf("Stale after SetFigures = %v (%v), want none", ids, err)
	}
}

// TestCurrentFigures: the snapshot's read gives the figures of documents
// in their source as Figures does, in its order, without quotes, offsets
// and rules, and the same counts as Counts.
func TestCurrentFigures(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for i, d := range []Document{doc("c.txt", 3, "three"), doc("a.txt", 1, "one"), doc("b.txt", 1, "two"), doc("d.txt", 2, "none")} {
		var figs []parser.Figure
		for j := range 3 - i%4 {
			f := fig([]string{"burglary", "robbery", "arson"}[j], -float64(10*i+j))
			f.Period, f.PeriodStart, f.PeriodEnd, f.Rule = "2024", "2024-01-01", "2024-12-31", "percent-by"
			figs = append(figs, f)
		}
		if i == 3 {
			figs = nil
		}
		if err := s.Put(ctx, d, figs); err != nil {
			t.Fatal(err)
		}
	}
	other := doc("a.txt", 1, "other source")
	other.Source = "other"
	if err := s.Put(ctx, other, []parser.Figure{fig("robbery", -9)}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name    string
		current []string
	}{{"all in their source", []string{"a.txt", "b.txt", "c.txt", "d.txt"}}, {"b withdrawn", []string{"a.txt", "c.txt", "d.txt"}}} {
		if _, _, err := s.SetCurrent(ctx, "test", step.current, time.Now()); err != nil {
			t.Fatal(err)
		}
		want, err := s.Figures(ctx, FigureFilter{Current: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			want[i].Quote, want[i].Start, want[i].End, want[i].Rule = "", 0, 0, ""
		}
		wantCounts, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, counts, err := s.CurrentFigures(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: CurrentFigures (-Figures +got):\n%s", step.name, diff)
		}
		if diff := cmp.Diff(wantCounts, counts); diff != "" {
			t.Errorf("%s: CurrentFigures' counts (-Counts +got):\n%s", step.name, diff)
		}
	}
}

// TestPutAllIsOneTransaction: a batch with a document that cannot be
// stored stores none of its documents.
func TestPutAllIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	good := Entry{Document: doc("a.txt", 1, "one"), Figures: []parser.Figure{fig("burglary", -1)}}
	bad := Entry{Document: doc("b.txt", 2, "two"), Figures: []parser.Figure{fig("robbery", -2)}}
	if _, err := s.db.ExecContext(ctx, `CREATE TRIGGER refuse BEFORE INSERT ON documents
WHEN NEW.address = 'b.txt' BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	if err := s.PutAll(ctx, []Entry{good, bad}); err == nil || !strings.Contains(err.Error(), "b.txt") {
		t.Fatalf("PutAll with a document refused = %v, want its error", err)
	}
	if docs, err := s.Documents(ctx, DocumentFilter{}); err != nil || len(docs) != 0 {
		t.Errorf("documents after a PutAll that failed = %v (%v), want none", docs, err)
	}
	if err := s.PutAll(ctx, []Entry{good}); err != nil {
		t.Fatal(err)
	}
	if figs, err := s.Figures(ctx, FigureFilter{}); err != nil || len(figs) != 1 {
		t.Errorf("figures after a PutAll = %v (%v), want one", figs, err)
	}
}

// TestCrashMidRefresh kills a child process inside the transaction of its
// third document, then opens the store it left: the two documents before it
// are whole, the third is absent, not half-written.
func TestCrashMidRefresh(t *testing.T) {
	if path := os.Getenv("STORE_CRASH_PATH"); path != "" {
		crashChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidRefresh$")
	cmd.Env = append(os.Environ(), "STORE_CRASH_PATH="+path)
	out, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	if err == nil || !errors.As(err, &exitErr) || exitErr.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child: err %v, want killed by SIGKILL; output:\n%s", err, out)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open the store a crash left: %v", err)
	}
	defer s.Close()
	docs, err := s.Documents(context.Background(), DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Address+":"+string(rune('0'+d.Figures)))
	}
	if diff := cmp.Diff([]string{"doc0:2", "doc1:2"}, got); diff != "" {
		t.Errorf("documents after the crash (-want +got):\n%s", diff)
	}
}

func crashChild(path string) {
	s, err := Open(path)
	if err != nil {
		os.Exit(3)
	}
	testHookBeforeCommit = func(d Document) {
		if d.Address == "doc2" {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			time.Sleep(time.Minute)
		}
	}
	for i := range 4 {
		d := doc("doc"+string(rune('0'+i)), 1+i, "text")
		if err := s.Put(context.Background(), d, []parser.Figure{fig("burglary", -1), fig("robbery", -2)}); err != nil {
			os.Exit(4)
		}
	}
	os.Exit(5)
}

// schemaV1 is the schema of version 1 stores, before documents had a ward.
const schemaV1 = `
CREATE TABLE documents (
	id INTEGER PRIMARY KEY, source TEXT NOT NULL, address TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '', borough TEXT NOT NULL DEFAULT '', board TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL DEFAULT '', content_hash TEXT NOT NULL, stamp TEXT NOT NULL,
	fetched_at INTEGER NOT NULL, meeting_date TEXT NOT NULL, date_from TEXT NOT NULL,
	parser_version TEXT NOT NULL, text TEXT NOT NULL, UNIQUE (source, address));
CREATE TABLE figures (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
	area TEXT NOT NULL, category TEXT NOT NULL, measure TEXT NOT NULL, value REAL NOT NULL,
	period TEXT NOT NULL, quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
	PRIMARY KEY (document_id, seq)) WITHOUT ROWID;
INSERT INTO documents VALUES (1, 'test', 'old.txt', 'old.txt', 'Barnet', 'SCPB', 'text/plain', 'h', 's',
	1735711200, '2024-11-01', 'manifest', '1', 'Burglary fell 39%');
INSERT INTO figures VALUES (1, 0, 'Barnet', 'burglary', 'change_percent', -39, '', 'Burglary fell 39%', 0, 17);
PRAGMA user_version = 1;
`

// TestMigrateFromV1 opens a store an exporter without wards wrote: it keeps
// its documents and figures, and takes documents with wards from then on.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(schemaV1); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open of a version 1 store: %v", err)
	}
	defer s.Close()
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != schemaVersion {
		t.Errorf("schema version after Open = %d (%v), want %d", version, err, schemaVersion)
	}
	figs, err := s.Figures(ctx, FigureFilter{})
	if err != nil || len(figs) != 1 || figs[0].Category != "burglary" {
		t.Errorf("figures kept from version 1 = %+v (%v), want the one burglary figure", figs, err)
	}
	// Stored before periods had bounds: parsed again, to gain them.
	n := reparse(t, s, parser.Version, func(Reading) []parser.Figure {
		f := fig("burglary", -39)
		f.Period, f.PeriodStart, f.PeriodEnd = "2024", "2024-01-01", "2024-12-31"
		return []parser.Figure{f}
	})
	if n != 1 {
		t.Errorf("parsed again after migrating %d documents, want the one", n)
	}
	figs, err = s.Figures(ctx, FigureFilter{})
	if err != nil || len(figs) != 1 || figs[0].PeriodStart != "2024-01-01" || figs[0].PeriodEnd != "2024-12-31" {
		t.Errorf("figures parsed again = %+v (%v), want their period's bounds", figs, err)
	}
	d := doc("ward.txt", 2, "Robbery fell 5% in the ward")
	d.Ward = "Burnt Oak"
	if err := s.Put(ctx, d, []parser.Figure{fig("robbery", -5)}); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx, DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var wards []string
	for _, d := range docs {
		wards = append(wards, d.Address+":"+d.Ward)
	}
	if diff := cmp.Diff([]string{"old.txt:", "ward.txt:Burnt Oak"}, wards); diff != "" {
		t.Errorf("documents' wards (-want +got):\n%s", diff)
	}
	// Migrated on to withdrawn_at: the old document is in its source until
	// the source no longer lists it.
	for _, d := range docs {
		if !d.WithdrawnAt.IsZero() {
			t.Errorf("%s: WithdrawnAt %v after migrating, want zero", d.Address, d.WithdrawnAt)
		}
	}
	if withdrawn, _, err := s.SetCurrent(ctx, "test", []string{"ward.txt"}, time.Now()); err != nil ||
		!cmp.Equal(withdrawn, []string{"old.txt"}) {
		t.Errorf("SetCurrent after migrating withdrew %v (%v), want [old.txt]", withdrawn, err)
	}
}

// schemaV5 is the schema of version 5 stores, before documents kept when
// they were withdrawn: documents have wards, figures their period's
// bounds and rule, and documents are indexed in the API's order.
const schemaV5 = `
CREATE TABLE documents (
	id INTEGER PRIMARY KEY, source TEXT NOT NULL, address TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '', borough TEXT NOT NULL DEFAULT '', board TEXT NOT NULL DEFAULT '',
	content_type TEXT NOT NULL DEFAULT '', content_hash TEXT NOT NULL, stamp TEXT NOT NULL,
	fetched_at INTEGER NOT NULL, meeting_date TEXT NOT NULL, date_from TEXT NOT NULL,
	parser_version TEXT NOT NULL, text TEXT NOT NULL, ward TEXT NOT NULL DEFAULT '',
	UNIQUE (source, address));
CREATE TABLE figures (
	document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
	area TEXT NOT NULL, category TEXT NOT NULL, measure TEXT NOT NULL, value REAL NOT NULL,
	period TEXT NOT NULL, quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
	period_start TEXT NOT NULL DEFAULT '', period_end TEXT NOT NULL DEFAULT '', rule TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, seq)) WITHOUT ROWID;
CREATE INDEX figures_series ON figures (category, measure, area);
CREATE UNIQUE INDEX documents_order ON documents (meeting_date, source, address);
INSERT INTO documents VALUES (1, 'test', 'a.txt', 'a.txt', 'Barnet', 'SCPB', 'text/plain', 'h', 's',
	1735711200, '2024-11-01', 'manifest', ?, 'Burglary fell 39%', '');
INSERT INTO documents VALUES (2, 'test', 'b.txt', 'b.txt', 'Barnet', 'SCPB', 'text/plain', 'h', 's',
	1735711200, '2024-11-02', 'manifest', ?, 'Robbery fell 3%', 'Burnt Oak');
INSERT INTO figures VALUES (1, 0, 'Barnet', 'burglary', 'change_percent', -39, '2024', 'Burglary fell 39%', 0, 17,
	'2024-01-01', '2024-12-31', 'percent-by');
INSERT INTO figures VALUES (2, 0, 'Burnt Oak', 'robbery', 'change_percent', -3, '', 'Robbery fell 3%', 0, 15, '', '', 'percent-by');
PRAGMA user_version = 5;
`

// TestMigrateFromV5 opens a store an exporter without withdrawals wrote:
// it keeps its documents and figures as they were (nothing to parse
// again), every document in its source, and withdraws from then on.
func TestMigrateFromV5(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(schemaV5, parser.Version, parser.Version); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open of a version 5 store: %v", err)
	}
	defer s.Close()
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != schemaVersion {
		t.Errorf("schema version after Open = %d (%v), want %d", version, err, schemaVersion)
	}
	if ids, err := s.Stale(ctx, parser.Version); err != nil || len(ids) != 0 {
		t.Errorf("Stale after migrating = %v (%v), want nothing to parse again", ids, err)
	}
	// Migrated on to texts kept apart: each document keeps its text.
	for id, want := range map[int64]string{1: "Burglary fell 39%", 2: "Robbery fell 3%"} {
		if d, err := s.DocumentByID(ctx, id); err != nil || d.Text != want {
			t.Errorf("document %d's text after migrating = %q (%v), want %q", id, d.Text, err, want)
		}
	}
	type row struct{ Address, Area, Category, PeriodStart, PeriodEnd, Rule string }
	read := func(current bool) []row {
		t.Helper()
		figs, err := s.Figures(ctx, FigureFilter{Current: current})
		if err != nil {
			t.Fatal(err)
		}
		var out []row
		for _, f := range figs {
			out = append(out, row{f.Address, f.Area, f.Category, f.PeriodStart, f.PeriodEnd, f.Rule})
		}
		return out
	}
	want := []row{
		{"a.txt", "Barnet", "burglary", "2024-01-01", "2024-12-31", "percent-by"},
		{"b.txt", "Burnt Oak", "robbery", "", "", "percent-by"},
	}
	if diff := cmp.Diff(want, read(false)); diff != "" {
		t.Errorf("figures kept from version 5 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, read(true)); diff != "" {
		t.Errorf("current figures after migrating, every document in its source (-want +got):\n%s", diff)
	}
	counts, err := s.Counts(ctx)
	if err != nil || !cmp.Equal(counts, map[string]Counts{"test": {2, 2}}) {
		t.Errorf("Counts after migrating = %v (%v), want both documents", counts, err)
	}

	now := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	withdrawn, _, err := s.SetCurrent(ctx, "test", []string{"b.txt"}, now)
	if err != nil || !cmp.Equal(withdrawn, []string{"a.txt"}) {
		t.Errorf("SetCurrent after migrating withdrew %v (%v), want [a.txt]", withdrawn, err)
	}
	if diff := cmp.Diff(want[1:], read(true)); diff != "" {
		t.Errorf("current figures after a.txt is withdrawn (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, read(false)); diff != "" {
		t.Errorf("all figures after a.txt is withdrawn, still stored (-want +got):\n%s", diff)
	}
	docs, err := s.Documents(ctx, DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Address+":"+d.Ward+":"+d.WithdrawnAt.Format(time.RFC3339))
	}
	if diff := cmp.Diff([]string{"a.txt::2025-03-01T06:00:00Z", "b.txt:Burnt Oak:0001-01-01T00:00:00Z"}, got); diff != "" {
		t.Errorf("documents after migrating and withdrawing (-want +got):\n%s", diff)
	}
	// Stored before figures were packed: the snapshot reads their rows,
	// beside the packed figures of a document stored since.
	if err := s.Put(ctx, doc("c.txt", 3, "Arson fell 2%"), []parser.Figure{fig("arson", -2)}); err != nil {
		t.Fatal(err)
	}
	current, _, err := s.CurrentFigures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var snap []row
	for _, f := range current {
		snap = append(snap, row{f.Address, f.Area, f.Category, f.PeriodStart, f.PeriodEnd, ""})
	}
	wantSnap := []row{{"b.txt", "Burnt Oak", "robbery", "", "", ""}, {"c.txt", "Barnet", "arson", "", "", ""}}
	if diff := cmp.Diff(wantSnap, snap); diff != "" {
		t.Errorf("CurrentFigures after migrating (-want +got):\n%s", diff)
	}
}

// TestPeriodBounds: a figure's period bounds and rule are stored and read
// back, and a figure without them reads back without them.
func TestPeriodBounds(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	with := fig("burglary", -39)
	with.Period, with.PeriodStart, with.PeriodEnd = "July to September 2024", "2024-07-01", "2024-09-30"
	with.Rule = "percent-by"
	if err := s.Put(ctx, doc("a.txt", 1, "one"), []parser.Figure{with, fig("robbery", -3)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Figures(ctx, FigureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var bounds [][3]string
	for _, g := range got {
		bounds = append(bounds, [3]string{g.PeriodStart, g.PeriodEnd, g.Rule})
	}
	if diff := cmp.Diff([][3]string{{"2024-07-01", "2024-09-30", "percent-by"}, {"", "", ""}}, bounds); diff != "" {
		t.Errorf("period bounds and rules (-want +got):\n%s", diff)
	}
}

// TestSetCurrent withdraws a document its source no longer has and puts it
// back when the source has it again: withdrawn, it is out of the current
// figures and counts but still stored, figures and all.
func TestSetCurrent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, d := range []Document{doc("a.txt", 1, "one"), doc("b.txt", 2, "two"), doc("c.txt", 3, "three")} {
		if err := s.Put(ctx, d, []parser.Figure{fig("burglary", -float64(d.MeetingDate.Day()))}); err != nil {
			t.Fatal(err)
		}
	}
	other := doc("b.txt", 2, "other source")
	other.Source = "other"
	if err := s.Put(ctx, other, []parser.Figure{fig("robbery", -9)}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	addresses := func(current bool) []string {
		t.Helper()
		figs, err := s.Figures(ctx, FigureFilter{Sources: []string{"test"}, Current: current})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range figs {
			out = append(out, f.Address)
		}
		return out
	}
	type state struct {
		Withdrawn, Restored []string
		Current, All        []string
		Counts              map[string]Counts
	}
	steps := []struct {
		name string
		set  func() ([]string, []string, error)
		want state
	}{
		{"b is gone", func() ([]string, []string, error) { return s.SetCurrent(ctx, "test", []string{"a.txt", "c.txt"}, now) },
			state{Withdrawn: []string{"b.txt"}, Current: []string{"a.txt", "c.txt"}, All: []string{"a.txt", "b.txt", "c.txt"},
				Counts: map[string]Counts{"test": {2, 2}, "other": {1, 1}}}},
		{"still gone: nothing changes", func() ([]string, []string, error) { return s.SetCurrent(ctx, "test", []string{"a.txt", "c.txt"}, now) },
			state{Current: []string{"a.txt", "c.txt"}, All: []string{"a.txt", "b.txt", "c.txt"},
				Counts: map[string]Counts{"test": {2, 2}, "other": {1, 1}}}},
		{"b is back", func() ([]string, []string, error) {
			return s.SetCurrent(ctx, "test", []string{"a.txt", "b.txt", "c.txt", "new.txt"}, now)
		},
			state{Restored: []string{"b.txt"}, Current: []string{"a.txt", "b.txt", "c.txt"}, All: []string{"a.txt", "b.txt", "c.txt"},
				Counts: map[string]Counts{"test": {3, 3}, "other": {1, 1}}}},
		{"everything gone", func() ([]string, []string, error) { return s.SetCurrent(ctx, "test", nil, now) },
			state{Withdrawn: []string{"a.txt", "b.txt", "c.txt"}, All: []string{"a.txt", "b.txt", "c.txt"},
				Counts: map[string]Counts{"other": {1, 1}}}},
		{"a stored again is back", func() ([]string, []string, error) {
			return nil, nil, s.Put(ctx, doc("a.txt", 1, "one, edited"), []parser.Figure{fig("burglary", -1)})
		},
			state{Current: []string{"a.txt"}, All: []string{"a.txt", "b.txt", "c.txt"},
				Counts: map[string]Counts{"test": {1, 1}, "other": {1, 1}}}},
	}
	for _, st := range steps {
		var got state
		var err error
		if got.Withdrawn, got.Restored, err = st.set(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got.Current, got.All = addresses(true), addresses(false)
		if got.Counts, err = s.Counts(ctx); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}
	docs, err := s.Documents(ctx, DocumentFilter{Sources: []string{"test"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		want := now
		if d.Address == "a.txt" {
			want = time.Time{}
		}
		if !d.WithdrawnAt.Equal(want) {
			t.Errorf("%s: WithdrawnAt %v, want %v", d.Address, d.WithdrawnAt, want)
		}
	}
}

// TestNewStoreSettings: a new store is in write-ahead-log mode, which
// with synchronous=NORMAL keeps every commit across a crash of the
// process, and has large pages.
func TestNewStoreSettings(t *testing.T) {
	s := openTemp(t)
	if err := s.Put(context.Background(), doc("a.txt", 1, "one"), nil); err != nil {
		t.Fatal(err)
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "1", "page_size": "65536"} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
}
