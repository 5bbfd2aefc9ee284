package collector

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/minutes-exporter/minutes_exporter/collector/source"
	"github.com/minutes-exporter/minutes_exporter/collector/store"
	"github.com/minutes-exporter/minutes_exporter/parser"
)

func TestMarkText(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		from, to int
		spans    []span
		want     string
	}{
		{"escapes everything", `<b>"a" & 'b'</b>`, 0, 17, nil, `&lt;b&gt;&#34;a&#34; &amp; &#39;b&#39;&lt;/b&gt;`},
		{"a mark in a sentence", "One. Burglary fell 39%. Two.", 0, 28,
			[]span{{start: 5, end: 23, class: "sentence"}, {start: 5, end: 13, class: "mark"}},
			`One. <span class="sentence"><mark>Burglary</mark> fell 39%.</span> Two.`},
		{"spans given inner first", "abcdef", 0, 6,
			[]span{{start: 2, end: 3, class: "mark"}, {start: 1, end: 5, class: "sentence"}},
			`a<span class="sentence">b<mark>c</mark>de</span>f`},
		{"overlapping marks nest", "abcdef", 0, 6,
			[]span{{start: 1, end: 4, class: "mark", id: "f0"}, {start: 3, end: 6, class: "mark", id: "f1"}},
			`a<mark id="f0">bc<mark id="f1">d</mark></mark>ef`},
		{"clamped to the part shown", "abcdef", 2, 4,
			[]span{{start: 0, end: 3, class: "mark"}},
			`<mark>c</mark>d`},
		{"markup in the marked words", "x <script>alert(1)</script> y", 0, 29,
			[]span{{start: 2, end: 27, class: "mark"}},
			`x <mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark> y`},
		{"invalid UTF-8 replaced", "a\xffb", 0, 3, nil, "a\uFFFDb"},
		{"offsets past the text", "abc", -4, 99, []span{{start: 2, end: 50, class: "mark"}}, `ab<mark>c</mark>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(markText(tt.text, tt.from, tt.to, tt.spans)); got != tt.want {
				t.Errorf("markText:\n-%s\n+%s", tt.want, got)
			}
		})
	}
}

func TestFormatValue(t *testing.T) {
	for _, tt := range []struct {
		m    string
		v    float64
		want string
	}{
		{"change_percent", -39, "−39%"}, {"change_percent", 4.3, "+4.3%"}, {"change_count", -989, "−989"},
		{"count", 3921, "3,921"}, {"signups", 17000, "17,000"}, {"detection_rate_percent", 17.8, "17.8%"},
		{"rate_per_1000", 72.4, "72.4 per 1,000"}, {"count", 1234567.5, "1,234,567.5"}, {"change_count", 0, "0"},
	} {
		if got := formatValue(parser.Measure(tt.m), tt.v); got != tt.want {
			t.Errorf("formatValue(%s, %v) -want %q +got %q", tt.m, tt.v, tt.want, got)
		}
	}
}

// pageServer is a collector over documents with the real parser, serving
// its pages.
func pageServer(t *testing.T, docs ...source.Document) (*Collector, http.Handler) {
	t.Helper()
	c, _ := newTestCollector(t, nil, Named{Config: source.Config{Name: "mem", Kind: "urls"}, Source: &memSource{docs: docs}})
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c, c.PagesHandler(PageOptions{Version: "v-test", MetricsPath: "/metrics", Landing: true})
}

func get(t *testing.T, h http.Handler, path string) (int, string, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b), rec.Header()
}

// parseHTML parses a page, failing the test on what no browser would read.
func parseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the elements of n that match: a tag and, when class is not
// "", that class.
func find(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || hasClass(n, class)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestFiguresPage reads a page of figures from minutes whose text holds
// markup: each figure shows its value, labels, period, meeting, board and
// passage, the quoted words marked inside their sentence, the text around
// escaped, and links to its source page (no password in it) and to the
// text as read.
func TestFiguresPage(t *testing.T) {
	text := "Item 5: <script>alert('minutes')</script> Performance.\n" +
		"The Borough Commander gave an update. Burglary had reduced by 39% over the last 12 months. " +
		"Robbery was also discussed & noted.\n"
	d := memDoc("https://perf:s3cret@democracy.example.gov.uk/ieListDocuments.aspx?MId=7&token=abc", text, 29)
	d.Board = "Safer <Communities> Board"
	c, h := pageServer(t, d)

	code, body, header := get(t, h, "/figures?borough=Barnet&category=burglary&measure=change_percent&span=year")
	if code != 200 {
		t.Fatalf("status %d:\n%s", code, body)
	}
	if ct := header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "s3cret") || strings.Contains(body, "token=abc") {
		t.Errorf("the page holds document markup or a credential:\n%s", body)
	}
	doc := parseHTML(t, body)
	figs := find(doc, "article", "figure")
	if len(figs) != 1 {
		t.Fatalf("%d figures on the page, want 1:\n%s", len(figs), body)
	}
	f := figs[0]
	for _, want := range []string{"−39%", "burglary", "change_percent", "span year", "the last 12 months",
		"2024-11-29", "Safer <Communities> Board", "Barnet"} {
		if !strings.Contains(textOf(f), want) {
			t.Errorf("the figure does not show %q:\n%s", want, textOf(f))
		}
	}
	passages := find(f, "blockquote", "passage")
	if len(passages) != 1 {
		t.Fatalf("%d passages", len(passages))
	}
	sentences := find(passages[0], "span", "sentence")
	if len(sentences) != 1 || textOf(sentences[0]) != "Burglary had reduced by 39% over the last 12 months." {
		t.Fatalf("sentence %q, want the figure's", textOf(sentences[0]))
	}
	marks := find(sentences[0], "mark", "")
	if len(marks) != 1 || textOf(marks[0]) != "Burglary had reduced by 39%" {
		t.Errorf("marked %v, want the quote inside its sentence", marks)
	}
	all := textOf(passages[0])
	for _, around := range []string{"The Borough Commander gave an update.", "<script>alert('minutes')</script>", "Robbery was also discussed & noted."} {
		if !strings.Contains(all, around) {
			t.Errorf("the passage lacks the sentence around %q: %q", around, all)
		}
	}
	// The parser's rule that read it, as the API gives it.
	stored, err := c.store.Figures(context.Background(), store.FigureFilter{Categories: []string{"burglary"}})
	if err != nil || len(stored) != 1 || stored[0].Rule == "" {
		t.Fatalf("stored figures %+v, %v; want one, with its rule", stored, err)
	}
	if rules := find(f, "code", "rule"); len(rules) != 1 || textOf(rules[0]) != stored[0].Rule {
		t.Errorf("rule shown %v, want %q", rules, stored[0].Rule)
	}
	src := find(f, "a", "source")
	if len(src) != 1 || attr(src[0], "href") != "https://democracy.example.gov.uk/ieListDocuments.aspx?MId=7&token=xxxxx" {
		t.Errorf("source links %v, want the page without its credentials", src)
	}
	texts := find(f, "a", "text")
	if len(texts) != 1 || !regexp.MustCompile(`^/figures/document/\d+#f\d+$`).MatchString(attr(texts[0], "href")) {
		t.Fatalf("text links %v", texts)
	}

	// The text as read, the figure's words marked at the anchor linked.
	link := attr(texts[0], "href")
	path, anchor, _ := strings.Cut(link, "#")
	code, body, _ = get(t, h, path)
	if code != 200 || strings.Contains(body, "<script") || strings.Contains(body, "s3cret") {
		t.Fatalf("%s: %d, or markup or a credential in it:\n%s", path, code, body)
	}
	var target *html.Node
	for _, m := range find(parseHTML(t, body), "mark", "") {
		if attr(m, "id") == anchor {
			target = m
		}
	}
	if target == nil || textOf(target) != "Burglary had reduced by 39%" {
		t.Errorf("%s: no mark #%s of the figure's words", path, anchor)
	}
	if n := len(find(parseHTML(t, body), "dd", "withdrawn")); n != 0 {
		t.Errorf("%s: a document still in its source is shown withdrawn", path)
	}

	// Once withdrawn from its source, the text says since when.
	withdrawnAt := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	if _, _, err := c.store.SetCurrent(context.Background(), "mem", nil, withdrawnAt); err != nil {
		t.Fatal(err)
	}
	_, body, _ = get(t, h, path)
	if w := find(parseHTML(t, body), "dd", "withdrawn"); len(w) != 1 || !strings.Contains(textOf(w[0]), "since 2025-03-04") {
		t.Errorf("%s of a withdrawn document: withdrawal shown %v, want one since 2025-03-04", path, w)
	}
}

// TestFiguresPageOfDirSource: a figure of a file has no page on the web;
// its one link is to the text as read, named as its source.
func TestFiguresPageOfDirSource(t *testing.T) {
	_, h := pageServer(t, memDoc("minutes/2024-11.txt", "Burglary had reduced by 39%.\n", 29))
	_, body, _ := get(t, h, "/figures")
	f := find(parseHTML(t, body), "article", "figure")
	if len(f) != 1 {
		t.Fatalf("%d figures", len(f))
	}
	if n := len(find(f[0], "a", "source")); n != 0 {
		t.Errorf("%d links to a web page for a file", n)
	}
	links := find(f[0], "a", "text")
	if len(links) != 1 || !strings.Contains(textOf(links[0]), "Source document") {
		t.Errorf("want one link, to the text as read, named as the source: %v", links)
	}
}

// TestFiguresPagePages follows the page's "Next page" links with the
// filters kept: every figure once, in order, as the API gives them.
func TestFiguresPagePages(t *testing.T) {
	var docs []source.Document
	for i := range 4 {
		docs = append(docs, memDoc(fmt.Sprint("d", i), fmt.Sprintf("Burglary had reduced by %d%%.\nRobbery had reduced by %d%%.\n", 10+i, 20+i), i+1))
	}
	_, h := pageServer(t, docs...)
	var got []string
	next := "/figures?category=burglary&limit=1"
	for pages := 0; next != ""; pages++ {
		if pages > 10 {
			t.Fatal("the pages do not end")
		}
		code, body, _ := get(t, h, next)
		if code != 200 {
			t.Fatalf("%s: %d", next, code)
		}
		doc := parseHTML(t, body)
		for _, v := range find(doc, "span", "value") {
			got = append(got, textOf(v))
		}
		next = ""
		for _, a := range find(doc, "a", "next") {
			next = attr(a, "href")
			if !strings.Contains(next, "category=burglary") || !strings.Contains(next, "limit=1") {
				t.Errorf("next page %s loses the filters", next)
			}
		}
	}
	if want := "−10% −11% −12% −13%"; strings.Join(got, " ") != want {
		t.Errorf("values page by page -want %s +got %s", want, strings.Join(got, " "))
	}
}

// TestFiguresPageFilters filters the page by meeting dates and source,
// shows 50 figures a page unless asked for another number, and offers the
// filters given back in its form and the same query as JSON.
func TestFiguresPageFilters(t *testing.T) {
	var docs []source.Document
	for day := 1; day <= 28; day++ {
		docs = append(docs, memDoc(fmt.Sprint("d", day),
			fmt.Sprintf("Burglary had reduced by %d%%.\nRobbery had reduced by %d%%.\nVehicle crime had reduced by %d%%.\n", day, 30+day, 60+day), day))
	}
	_, h := pageServer(t, docs...)
	values := func(path string) (*html.Node, []string) {
		t.Helper()
		code, body, _ := get(t, h, path)
		if code != 200 {
			t.Fatalf("%s: %d\n%s", path, code, body)
		}
		doc := parseHTML(t, body)
		var got []string
		for _, v := range find(doc, "span", "value") {
			got = append(got, textOf(v))
		}
		return doc, got
	}
	if _, got := values("/figures?category=burglary&from=2024-11-03&to=2024-11-05"); strings.Join(got, " ") != "−3% −4% −5%" {
		t.Errorf("meetings from the 3rd to the 5th: %v, want the three of those days", got)
	}
	if _, got := values("/figures?category=robbery&to=2024-11-01"); strings.Join(got, " ") != "−31%" {
		t.Errorf("meetings to the 1st: %v", got)
	}
	if _, got := values("/figures?source=elsewhere"); len(got) != 0 {
		t.Errorf("a source with no figures shows %v", got)
	}
	if _, got := values("/figures?source=mem&category=burglary&from=2024-11-28"); strings.Join(got, " ") != "−28%" {
		t.Errorf("the source's figures of the 28th: %v", got)
	}
	doc, got := values("/figures")
	if len(got) != 50 {
		t.Errorf("%d figures on the first page of 84, want 50", len(got))
	}
	if n := len(find(doc, "a", "next")); n != 1 {
		t.Errorf("%d next-page links under 50 of 84 figures", n)
	}
	if _, got := values("/figures?limit=84"); len(got) != 84 {
		t.Errorf("limit=84 shows %d figures", len(got))
	}

	doc, _ = values("/figures?borough=Barnet&category=burglary&from=2024-11-03&source=mem")
	form := map[string]string{}
	for _, in := range find(doc, "input", "") {
		form[attr(in, "name")] = attr(in, "value")
	}
	for _, sel := range find(doc, "select", "") {
		for _, o := range find(sel, "option", "") {
			for _, a := range o.Attr {
				if a.Key == "selected" {
					form[attr(sel, "name")] = textOf(o)
				}
			}
		}
	}
	want := map[string]string{"borough": "Barnet", "area": "", "category": "burglary", "source": "mem", "from": "2024-11-03", "to": ""}
	for k, v := range want {
		if got, ok := form[k]; !ok || got != v {
			t.Errorf("form field %s = %q (present %v), want %q", k, got, ok, v)
		}
	}
	var api string
	for _, a := range find(doc, "a", "") {
		if strings.HasPrefix(attr(a, "href"), "/api/v1/figures") {
			api = attr(a, "href")
		}
	}
	for _, part := range []string{"borough=Barnet", "category=burglary", "from=2024-11-03", "source=mem"} {
		if !strings.Contains(api, part) {
			t.Errorf("the JSON link %q does not carry %s", api, part)
		}
	}
}

func TestFiguresPageErrors(t *testing.T) {
	_, h := pageServer(t, memDoc("a", "Burglary had reduced by 39%.\n", 1))
	for _, tt := range []struct {
		path     string
		wantCode int
		want     string
	}{
		{"/figures?span=fortnight", 400, `unknown span &#34;fortnight&#34;`},
		{"/figures?boro=Barnet", 400, `unknown parameter &#34;boro&#34;`},
		{"/figures?limit=501", 400, `parameter limit=&#34;501&#34; is not a number from 1 to 500`},
		{"/figures?category=%3Cb%3E", 400, `unknown category &#34;&lt;b&gt;&#34;`},
		{"/figures?cursor=" + cursor{Document: 1 << 40}.String(), 400, "no longer stored"},
		{"/figures/document/999999", 404, "no document 999999 is stored"},
		{"/figures/document/x", 404, `no document &#34;x&#34;`},
	} {
		code, body, header := get(t, h, tt.path)
		if code != tt.wantCode || !strings.Contains(body, tt.want) || !strings.HasPrefix(header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s, want %d and an HTML page saying %s", tt.path, code, header.Get("Content-Type"), tt.wantCode, tt.want)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/figures", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /figures: %d, want 405", rec.Code)
	}
}

// failingSource fails with err when it is set, and has no documents.
type failingSource struct{ err error }

func (f *failingSource) Fetch(context.Context, func(source.Document) error) error { return f.err }

// TestLandingPage shows each source's health, the last refresh and the
// populations with their sources.
func TestLandingPage(t *testing.T) {
	flaky := &failingSource{}
	d := memDoc("a", "Burglary had reduced by 39%.\n", 1)
	d.Source = "good"
	c, _ := newTestCollector(t, nil,
		Named{Config: source.Config{Name: "good", Kind: "dir"}, Source: &memSource{docs: []source.Document{d}}},
		Named{Config: source.Config{Name: "flaky", Kind: "urls", Borough: "Edinburgh"}, Source: flaky},
	)
	h := c.PagesHandler(PageOptions{Version: "v-test", MetricsPath: "/metrics", Landing: true})
	code, body, _ := get(t, h, "/")
	if code != 200 || !strings.Contains(body, "None has ended yet") || !strings.Contains(body, "not refreshed yet") {
		t.Errorf("before any refresh: %d, want the page to say none has ended and no source was tried:\n%s", code, body)
	}
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	flaky.err = errors.New("the site is down")
	if err := c.Refresh(context.Background()); err == nil {
		t.Fatal("the second refresh did not fail")
	}
	code, body, _ = get(t, h, "/")
	if code != 200 {
		t.Fatalf("GET / = %d", code)
	}
	rows := map[string]string{}
	for _, tr := range find(parseHTML(t, body), "tr", "") {
		cells := find(tr, "td", "")
		if len(cells) > 0 {
			var texts []string
			for _, td := range cells {
				texts = append(texts, strings.TrimSpace(textOf(td)))
			}
			rows[texts[0]] = strings.Join(texts, " | ")
		}
	}
	when := pageTime(fixedNow)
	for name, want := range map[string]string{
		"good":      "good | dir | up | " + when + " | 1 | 1 | figures",
		"flaky":     "flaky | urls | down | " + when + " | 0 | 0 | figures",
		"Barnet":    "Barnet | 388,400 | 2021 | ONS, Census 2021, Barnet (E09000003)",
		"Edinburgh": "Edinburgh | not known: give its source a population:",
	} {
		if rows[name] != want {
			t.Errorf("row %s:\n-%s\n+%s", name, want, rows[name])
		}
	}
	for _, want := range []string{"Ended " + when, "with errors", "2 refreshes since the start, 1 with errors", "v-test"} {
		if !strings.Contains(body, want) {
			t.Errorf("the landing page does not say %q", want)
		}
	}
}
