package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/collector"
	"github.com/minutes-exporter/minutes_exporter/collector/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldFigure is one hand-checked figure of a gold file.
type goldFigure struct {
	Doc      string   `json:"doc"`
	Measure  string   `json:"measure"`
	Category []string `json:"category"`
	Value    float64  `json:"value"`
	Area     string   `json:"area"`
	Quote    string   `json:"quote"`
	Required bool     `json:"required"`
}

// score is what the project's scoring tool reports for an extraction.
type score struct {
	precision, recall, area float64
	missed, wrong           []string
}

func (s score) String() string {
	return fmt.Sprintf("precision %.3f recall %.3f area %.3f", s.precision, s.recall, s.area)
}

// scoreFigures scores predictions against gold the way ../shared/tools/
// score-figures does: a prediction is right when an unmatched gold figure
// of the same document has its measure, lists its category and has its
// value (within 0.05 for percentages, 0.5 for counts); optional gold
// figures never count as misses.
func scoreFigures(gold []goldFigure, pred []collector.FigureJSON) score {
	order := make([]int, len(gold))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return gold[order[a]].Required && !gold[order[b]].Required })
	used := map[int]bool{}
	var s score
	tp, areaOK := 0, 0
	for _, p := range pred {
		doc := filepath.Base(p.Document)
		hit := -1
		for _, i := range order {
			g := gold[i]
			if used[i] || g.Doc != doc || g.Measure != string(p.Measure) || !contains(g.Category, p.Category) {
				continue
			}
			tol := 0.5
			if strings.HasSuffix(g.Measure, "percent") {
				tol = 0.05
			}
			if math.Abs(g.Value-p.Value) > tol {
				continue
			}
			hit = i
			break
		}
		if hit < 0 {
			s.wrong = append(s.wrong, fmt.Sprintf("%s: %s %s %v «%s»", doc, p.Measure, p.Category, p.Value, p.Quote))
			continue
		}
		used[hit] = true
		tp++
		if normArea(p.Area) == normArea(gold[hit].Area) {
			areaOK++
		}
	}
	required, found := 0, 0
	for i, g := range gold {
		if !g.Required {
			continue
		}
		required++
		if used[i] {
			found++
		} else {
			s.missed = append(s.missed, fmt.Sprintf("%s: %s %s %v «%s»", g.Doc, g.Measure, g.Category[0], g.Value, g.Quote))
		}
	}
	if len(pred) > 0 {
		s.precision = float64(tp) / float64(len(pred))
	}
	if required > 0 {
		s.recall = float64(found) / float64(required)
	}
	if tp > 0 {
		s.area = float64(areaOK) / float64(tp)
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func normArea(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(s), "the ", " ")), " ")
}

func readGold(t *testing.T, path string) []goldFigure {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldFigure
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldFigure
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, g)
	}
	return out
}

// runExtract runs the extract command over paths and decodes its output.
func runExtract(t *testing.T, paths ...string) ([]collector.FigureJSON, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := extract(w, logger, "", paths); err != nil {
		t.Fatalf("extract: %v", err)
	}
	w.Flush()
	var figs []collector.FigureJSON
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	for dec.More() {
		var f collector.FigureJSON
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("decode extract output: %v", err)
		}
		figs = append(figs, f)
	}
	return figs, buf.Bytes()
}

// TestScore scores the extractor on every hand-labelled set: the seeds and
// the two corpora of real minutes at their targets, and the synthetic sets of
// testdata/synthetic just under the scores they reach now, so that a change
// that loses figures, gains wrong ones or misplaces them fails here.
func TestScore(t *testing.T) {
	tests := []struct {
		name, docs, gold        string
		wantDocs                int
		precision, recall, area float64
	}{
		{"seeds", "../../seeds", "../../testdata/gold/seeds.jsonl", 5, 1, 1, 0.95},
		{"dev corpus", "../../testdata/corpus/docs", "../../testdata/gold/dev.jsonl", 18, 0.95, 0.90, 0.90},
		{"second corpus", "../../testdata/corpus2/docs", "../../testdata/gold/dev2.jsonl", 44, 0.95, 0.90, 0.90},
		{"synthetic set1", "../../testdata/synthetic/set1/docs", "../../testdata/synthetic/set1/gold.jsonl", 24, 0.98, 0.96, 0.90},
		{"synthetic set2", "../../testdata/synthetic/set2/docs", "../../testdata/synthetic/set2/gold.jsonl", 24, 0.98, 0.96, 0.87},
		{"synthetic set3", "../../testdata/synthetic/set3/docs", "../../testdata/synthetic/set3/gold.jsonl", 20, 0.96, 0.95, 0.90},
		{"synthetic set4", "../../testdata/synthetic/set4/docs", "../../testdata/synthetic/set4/gold.jsonl", 30, 0.98, 0.98, 0.86},
		{"synthetic set5", "../../testdata/synthetic/set5/docs", "../../testdata/synthetic/set5/gold.jsonl", 16, 0.96, 0.95, 0.88},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := filepath.Glob(filepath.Join(tt.docs, "*.txt"))
			if err != nil || len(docs) != tt.wantDocs {
				t.Fatalf("want %d documents in %s, got %d (%v)", tt.wantDocs, tt.docs, len(docs), err)
			}
			pred, _ := runExtract(t, docs...)
			s := scoreFigures(readGold(t, tt.gold), pred)
			t.Logf("%s: %v", tt.name, s)
			if s.precision < tt.precision || s.recall < tt.recall || s.area < tt.area {
				t.Errorf("%s: %v; want precision >= %.2f recall >= %.2f area >= %.2f\nmissed:\n  %s\nwrong:\n  %s",
					tt.name, s, tt.precision, tt.recall, tt.area, strings.Join(s.missed, "\n  "), strings.Join(s.wrong, "\n  "))
			}
		})
	}
}

// TestExtractSeedsGolden pins what extract prints for every shipped seed,
// figure for figure, so that a change to the parser shows in review.
func TestExtractSeedsGolden(t *testing.T) {
	_, out := runExtract(t, "../../seeds")
	// Documents are named as given; make them stable across checkouts.
	got := bytes.ReplaceAll(out, []byte(`"document":"../../seeds/`), []byte(`"document":"seeds/`))
	const golden = "../../testdata/seeds.golden.jsonl"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("extract seeds/ differs from %s (-want +got):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	in := func(list []string) map[string]int {
		m := map[string]int{}
		for _, l := range list {
			m[l]++
		}
		return m
	}
	wm, gm := in(wl), in(gl)
	var b strings.Builder
	for _, l := range wl {
		if gm[l] == 0 {
			fmt.Fprintf(&b, "- %s\n", l)
		} else {
			gm[l]--
		}
	}
	for _, l := range gl {
		if wm[l] == 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
		} else {
			wm[l]--
		}
	}
	return b.String()
}

func TestExtractUnreadableDocumentIsSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Burglary had reduced by 12% over the year."), 0o644); err != nil {
		t.Fatal(err)
	}
	// A dangling link cannot be read, whoever runs the test.
	if err := os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	if err := extract(w, logger, "Camden", []string{dir}); err != nil {
		t.Fatalf("extract: %v", err)
	}
	w.Flush()
	var f collector.FigureJSON
	if err := json.Unmarshal(bytes.TrimSpace(buf.Bytes()), &f); err != nil {
		t.Fatalf("want exactly one figure, got %q: %v", buf.String(), err)
	}
	if f.Category != "burglary" || f.Value != -12 || f.Borough != "Camden" || f.Area != "Camden" {
		t.Errorf("got %+v, want burglary -12 in Camden", f)
	}
	if !strings.Contains(logs.String(), "b.txt") {
		t.Errorf("the unreadable document is not named in the log: %q", logs.String())
	}
	// A path that does not exist is an error of the call itself.
	if err := extract(w, logger, "", []string{filepath.Join(dir, "missing")}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("extract of a missing path: got %v, want an error naming it", err)
	}
}

// TestExtractAndAPIPrintOneForm reads the seeds with extract and with a
// server: every figure prints the same JSON, key for key and value for
// value, but for what only the store knows (the meeting's date and its
// origin, the source, the board), which the API adds.
func TestExtractAndAPIPrintOneForm(t *testing.T) {
	_, out := runExtract(t, "../../seeds")
	var extracted []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		extracted = append(extracted, strings.Replace(line, `"document":"../../seeds/`, `"document":"seeds/`, 1))
	}

	s, h := newTestServer(t, "")
	s.sched.RunOnce()
	code, body := request(t, h, "GET", fmt.Sprintf("/api/v1/figures?limit=%d", collector.MaxLimit))
	if code != 200 {
		t.Fatalf("GET /api/v1/figures = %d %s", code, body)
	}
	var answer struct {
		Figures []json.RawMessage `json:"figures"`
	}
	if err := json.Unmarshal([]byte(body), &answer); err != nil {
		t.Fatal(err)
	}
	var served []string
	for _, raw := range answer.Figures {
		var f map[string]any
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"meeting_date", "date_from", "source", "board"} {
			if _, ok := f[k]; !ok {
				t.Errorf("the API's figure lacks %s: %s", k, raw)
			}
		}
		// Back to the extract form: the API's fields removed from the
		// raw text, so that key order counts too.
		var g collector.FigureJSON
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatal(err)
		}
		g.MeetingDate, g.DateFrom, g.Source, g.Board, g.Span = "", "", "", "", ""
		b, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, b[:len(b)-1]) {
			t.Errorf("the API's figure is not the extract form and then its own fields:\n%s\n%s", raw, b)
		}
		served = append(served, string(b))
	}
	slices.Sort(extracted)
	slices.Sort(served)
	if strings.Join(extracted, "\n") != strings.Join(served, "\n") {
		t.Errorf("extract and /api/v1/figures differ (-extract +api):\n%s", lineDiff(strings.Join(extracted, "\n"), strings.Join(served, "\n")))
	}
	if !strings.Contains(body, `"period_start":`) {
		t.Errorf("no figure of the seeds has period bounds in the API: the test checks nothing of them")
	}
}

// TestExtractReadsHTMLAndPDF gives extract a folder of an HTML page, a PDF
// (seed 004 printed) and notes it does not read, and names the HTML page
// alone: both are read as serve reads them, as their text, and no markup
// reaches a figure.
func TestExtractReadsHTMLAndPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must install poppler-utils: %v", err)
		}
		t.Skip(err)
	}
	pdf, err := os.ReadFile("../../collector/pdftext/testdata/004_93a21cfc603b5b08.pdf")
	if err != nil {
		t.Fatal(err)
	}
	const page = `<!DOCTYPE html><html><head><title>Safer Camden Board</title>
<style>p { color: red } /* 12% */</style><script>var burglary = "rose by 99%";</script></head>
<body><h1>Minutes</h1><p>Burglary had <b>reduced</b> by 39%&nbsp;(989 fewer offences).</p>
<!-- Robbery rose by 77% --><p>Robbery rose by 4%.</p></body></html>`
	dir := t.TempDir()
	for name, data := range map[string][]byte{"minutes.html": []byte(page), "printed.pdf": pdf, "notes.md": []byte("Robbery rose by 5%.")} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(borough string, paths ...string) []collector.FigureJSON {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := extract(w, slog.New(slog.DiscardHandler), borough, paths); err != nil {
			t.Fatalf("extract %v: %v", paths, err)
		}
		w.Flush()
		var out []collector.FigureJSON
		dec := json.NewDecoder(&buf)
		for dec.More() {
			var f collector.FigureJSON
			if err := dec.Decode(&f); err != nil {
				t.Fatal(err)
			}
			out = append(out, f)
		}
		return out
	}
	byDoc := map[string][]string{}
	for _, f := range run("Camden", dir) {
		if strings.ContainsAny(f.Quote, "<>") || strings.Contains(f.Quote, "&nbsp;") {
			t.Errorf("markup in a quote: %q", f.Quote)
		}
		byDoc[filepath.Base(f.Document)] = append(byDoc[filepath.Base(f.Document)], fmt.Sprintf("%s %s %g", f.Category, f.Measure, f.Value))
	}
	if diff := cmp.Diff([]string{"burglary change_percent -39", "burglary change_count -989", "robbery change_percent 4"}, byDoc["minutes.html"]); diff != "" {
		t.Errorf("figures of minutes.html (-want +got):\n%s", diff)
	}
	if !slices.Contains(byDoc["printed.pdf"], "burglary change_percent -39") {
		t.Errorf("figures of printed.pdf lack Hillingdon's burglary -39%%: %v", byDoc["printed.pdf"])
	}
	if len(byDoc) != 2 {
		t.Errorf("extract read %v, want minutes.html and printed.pdf only", slices.Sorted(maps.Keys(byDoc)))
	}

	// Named alone, the page's offsets are into its text, as in the store.
	named := run("Camden", filepath.Join(dir, "minutes.html"))
	if len(named) != 3 || named[0].Quote != "Burglary had reduced by 39%" {
		t.Fatalf("extract of the named page = %+v", named)
	}
	text, _, err := source.Text(source.Document{Address: "minutes.html", Body: []byte(page), ContentType: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range named {
		if text[f.Start:f.End] != f.Quote {
			t.Errorf("text[%d:%d] = %q, want the quote %q", f.Start, f.End, text[f.Start:f.End], f.Quote)
		}
	}
}
