package dashboards

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The browser test reads the exporter's /figures as a browser renders it:
// headless Chromium (Debian's chromium package) loads the pages and prints
// their DOM, and takes a screenshot at a phone's width. It runs with the
// end-to-end tests (MINUTES_EXPORTER_E2E, `make e2e`), and then fails
// without chromium.

// artifactsEnv names a folder for the screenshots; without it they go to
// a new folder under the system's temporary one, which the test logs and
// leaves in place.
const artifactsEnv = "MINUTES_EXPORTER_ARTIFACTS"

// kingstonMinutes is a page of minutes a urls source reads from a web
// server of the test's: its figures link to this page.
const kingstonMinutes = `<!DOCTYPE html>
<html><head><title>Safer Kingston Partnership, 14 March 2024</title></head>
<body><h1>Minutes of the Safer Kingston Partnership, 14 March 2024</h1>
<p>The Borough Commander presented the performance report &amp; answered questions.</p>
<p>Residential burglary had reduced by 21% over the last 12 months.</p>
<p>Members asked about <b>street lighting</b> in the town centre.</p>
</body></html>
`

func TestE2EBrowser(t *testing.T) {
	tools := requireE2E(t, "chromium", "make", "go")
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()

	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ieListDocuments.aspx" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, kingstonMinutes)
	}))
	defer site.Close()
	pageAddress := site.URL + "/ieListDocuments.aspx?CId=7&MId=12"

	seeds, err := filepath.Abs("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "minutes_exporter.yml")
	if err := os.WriteFile(config, []byte(fmt.Sprintf(`sources:
  - name: seeds
    kind: dir
    dir: {path: %q}
  - name: kingston-web
    kind: urls
    borough: Kingston upon Thames
    board: Safer Kingston Partnership
    urls:
      addresses: [%q]
`, seeds, pageAddress)), 0o644); err != nil {
		t.Fatal(err)
	}
	exporter := filepath.Join(dir, "minutes_exporter")
	runTool(t, tools["make"], "-s", "-C", "..", "build", "BINARY="+exporter)
	addr := freeLoopbackAddr(t)
	base := "http://" + addr
	startProcess(t, dir, "exporter", exporter, "serve", "--config.file="+config,
		"--storage.path="+filepath.Join(dir, "store"), "--web.listen-address="+addr)
	var metrics string
	waitFor(t, ctx, "the exporter's first refresh", func() error {
		body, err := httpGet(ctx, base+"/metrics")
		if err != nil {
			return err
		}
		if !strings.Contains(body, "\nminutesexporter_last_refresh_timestamp_seconds ") {
			return errors.New("no refresh has ended yet")
		}
		metrics = body
		return nil
	})

	browser := chromiumRunner{path: tools["chromium"], t: t, ctx: ctx}

	t.Run("a seed borough's figure, marked in its sentence, linked to its text", func(t *testing.T) {
		doc := browser.dom(base + "/figures?borough=Hillingdon")
		f := figureArticle(t, doc, "Burglary had reduced by 39%")
		if got := textOf(findAll(f, "span", "value")[0]); got != "−39%" {
			t.Errorf("value %q, want −39%%", got)
		}
		if w := textOf(findAll(f, "span", "what")[0]); w != "burglary · change_percent · span multi_year" {
			t.Errorf("labels %q", w)
		}
		if len(findAll(f, "a", "source")) != 0 {
			t.Error("a seed's figure links to a web page; seeds are files")
		}
		links := findAll(f, "a", "text")
		if len(links) != 1 {
			t.Fatalf("%d links to the text as read, want 1", len(links))
		}
		href := attrOf(links[0], "href")
		if !regexp.MustCompile(`^/figures/document/\d+#f\d+$`).MatchString(href) {
			t.Fatalf("text link %q", href)
		}
		_, anchor, _ := strings.Cut(href, "#")
		text := browser.dom(base + href)
		var marked *html.Node
		for _, m := range findAll(text, "mark", "") {
			if attrOf(m, "id") == anchor {
				marked = m
			}
		}
		if marked == nil || textOf(marked) != "Burglary had reduced by 39%" {
			t.Errorf("%s: the words are not marked at #%s", href, anchor)
		}
		if !strings.Contains(textOf(text), "Hillingdon") || !strings.Contains(textOf(text), "2021-09-08") {
			t.Errorf("%s does not name the document's borough and meeting", href)
		}
	})

	t.Run("a web page's figure links to the page", func(t *testing.T) {
		doc := browser.dom(base + "/figures?borough=Kingston+upon+Thames")
		f := figureArticle(t, doc, "Residential burglary had reduced by 21%")
		src := findAll(f, "a", "source")
		if len(src) != 1 || attrOf(src[0], "href") != pageAddress {
			t.Errorf("source links %v, want one to %s", src, pageAddress)
		}
		for _, want := range []string{"2024-03-14", "Safer Kingston Partnership", "span year", "the last 12 months"} {
			if !strings.Contains(textOf(f), want) {
				t.Errorf("the figure does not show %q: %s", want, textOf(f))
			}
		}
		passage := textOf(findAll(f, "blockquote", "passage")[0])
		if !strings.Contains(passage, "performance report & answered questions.") || !strings.Contains(passage, "street lighting") {
			t.Errorf("the passage lacks the sentences around: %q", passage)
		}
	})

	// Data links, their variables filled as Grafana fills them: the
	// series' labels and the dashboard's variables, percent-encoded where
	// the link says so, the exporter's address as it is.
	t.Run("a comparison panel's data link lands on the figure clicked", func(t *testing.T) {
		d := dashboardByUID(t, "minutes-borough-comparison")
		link := panelLink(t, d, "bargauge", "community_safety_${family}")
		labels := seriesLabels(t, metrics, "community_safety_change_ratio", map[string]string{"borough": "Hillingdon", "category": "burglary", "span": "multi_year"})
		u := grafanaLink(t, link, base, labels, nil, map[string]string{"family": "change_ratio"}, optionTexts(d))
		if !strings.Contains(u, "measure=change_percent") || !strings.Contains(u, "span=multi_year") {
			t.Fatalf("link %s: want the measure and span of the series", u)
		}
		doc := browser.dom(u)
		figs := findAll(doc, "article", "figure")
		if len(figs) != 1 {
			t.Fatalf("%s: %d figures, want the one behind the bar", u, len(figs))
		}
		for _, want := range []string{"−39%", "burglary · change_percent · span multi_year", "Hillingdon", "2021-09-08"} {
			if !strings.Contains(textOf(figs[0]), want) {
				t.Errorf("%s: the figure does not show %q", u, want)
			}
		}
		if m := findAll(figs[0], "mark", ""); len(m) != 1 || textOf(m[0]) != "Burglary had reduced by 39%" {
			t.Errorf("%s: marked %v", u, m)
		}
	})

	t.Run("an overview table row's data link lands on its figure", func(t *testing.T) {
		d := dashboardByUID(t, "minutes-borough-overview")
		link := panelLink(t, d, "table", "community_safety_change_ratio")
		// The row of the table: a borough whose name has spaces.
		row := seriesLabels(t, metrics, "community_safety_change_ratio", map[string]string{"borough": "Kingston upon Thames"})
		row["measure"] = "change_percent"
		u := grafanaLink(t, link, base, nil, row, map[string]string{"borough": "Kingston upon Thames"}, optionTexts(d))
		if !strings.Contains(u, "borough=Kingston%20upon%20Thames") {
			t.Fatalf("link %s: the borough is not percent-encoded", u)
		}
		doc := browser.dom(u)
		figs := findAll(doc, "article", "figure")
		if len(figs) != 1 || !strings.Contains(textOf(figs[0]), "−21%") || !strings.Contains(textOf(figs[0]), "Kingston upon Thames") {
			t.Fatalf("%s: want the one figure of Kingston upon Thames, −21%%; got %d", u, len(figs))
		}
	})

	t.Run("a screenshot at a phone's width", func(t *testing.T) {
		out := os.Getenv(artifactsEnv)
		if out == "" {
			var err error
			if out, err = os.MkdirTemp("", "minutes_exporter-browser-"); err != nil {
				t.Fatal(err)
			}
		} else if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		shot := filepath.Join(out, "figures-hillingdon-burglary.png")
		browser.run("--hide-scrollbars", "--window-size=412,1800", "--screenshot="+shot,
			base+"/figures?borough=Hillingdon&category=burglary&measure=change_percent")
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("no screenshot: %v", err)
		}
		defer f.Close()
		cfg, err := png.DecodeConfig(f)
		if err != nil {
			t.Fatalf("%s: %v", shot, err)
		}
		if cfg.Width != 412 || cfg.Height != 1800 {
			t.Errorf("%s: %dx%d, want 412x1800", shot, cfg.Width, cfg.Height)
		}
		if st, _ := f.Stat(); st.Size() < 20_000 {
			t.Errorf("%s: %d bytes, too few for a page of text", shot, st.Size())
		}
		t.Logf("screenshot of /figures at a phone's width: %s", shot)
	})
}

// chromiumRunner runs headless Chromium, each run with a profile of its
// own, its process group killed at the end.
type chromiumRunner struct {
	path string
	t    *testing.T
	ctx  context.Context
}

func (c chromiumRunner) run(args ...string) []byte {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + c.t.TempDir()}
	cmd := exec.CommandContext(ctx, c.path, append(base, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.Process != nil {
		// Whatever it left running of its own.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if err != nil {
		c.t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, tail(stderr.String(), 3000))
	}
	return stdout.Bytes()
}

// dom returns the DOM of the page at u as Chromium renders it.
func (c chromiumRunner) dom(u string) *html.Node {
	c.t.Helper()
	out := c.run("--dump-dom", u)
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		c.t.Fatalf("%s: %v", u, err)
	}
	if len(findAll(doc, "main", "")) == 0 {
		c.t.Fatalf("%s: no page rendered:\n%s", u, tail(string(out), 2000))
	}
	return doc
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// figureArticle returns the figure of the page whose marked words are
// quote, checking that they are marked inside their sentence.
func figureArticle(t *testing.T, doc *html.Node, quote string) *html.Node {
	t.Helper()
	for _, f := range findAll(doc, "article", "figure") {
		for _, s := range findAll(f, "span", "sentence") {
			for _, m := range findAll(s, "mark", "") {
				if textOf(m) == quote {
					if !strings.Contains(textOf(s), quote) || len(textOf(s)) <= len(quote) {
						t.Errorf("the sentence %q does not hold more than the words %q", textOf(s), quote)
					}
					if len(findAll(f, "blockquote", "passage")) != 1 {
						t.Error("the sentence is not in a passage")
					}
					return f
				}
			}
		}
	}
	t.Fatalf("no figure with %q marked inside its sentence", quote)
	return nil
}

// panelLink returns the data link to /figures of the first panel of that
// type whose query holds expr.
func panelLink(t *testing.T, d dashboard, panelType, expr string) string {
	t.Helper()
	for _, p := range d.allPanels() {
		if p.Type != panelType {
			continue
		}
		for _, tg := range p.Targets {
			if !strings.Contains(tg.Expr, expr) {
				continue
			}
			for _, l := range p.links() {
				if strings.HasPrefix(l.URL, figuresLinkPrefix) {
					return l.URL
				}
			}
		}
	}
	t.Fatalf("%s: no %s panel of %s with a link to /figures", d.UID, panelType, expr)
	return ""
}

// seriesLabels returns the labels of the one series of family on an
// exposition that has the labels of want.
func seriesLabels(t *testing.T, exposition, family string, want map[string]string) map[string]string {
	t.Helper()
	var found []map[string]string
	for _, line := range strings.Split(exposition, "\n") {
		if !strings.HasPrefix(line, family+"{") {
			continue
		}
		end := strings.LastIndex(line, "}")
		labels := map[string]string{}
		for _, m := range regexp.MustCompile(`([a-z_]+)="((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(line[len(family)+1:end], -1) {
			var v string
			if err := json.Unmarshal([]byte(`"`+m[2]+`"`), &v); err != nil {
				t.Fatal(err)
			}
			labels[m[1]] = v
		}
		if matchesLabels(labels, want) {
			found = append(found, labels)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d series of %s with %v on /metrics, want 1", len(found), family, want)
	}
	return found[0]
}

// grafanaLink fills a data link's variables as Grafana does: ${name:fmt}
// of the series' labels (__field.labels), the table row's fields
// (__data.fields) and the dashboard's variables, formatted by fmt: raw as
// it is, percentencode as encodeURIComponent (and !'()*), text as the
// custom option's text; a plain one, as the link's href is, encoded.
func grafanaLink(t *testing.T, link, exporter string, labels, fields, vars map[string]string, texts map[string]map[string]string) string {
	t.Helper()
	vars["exporter_url"] = exporter
	var missing []string
	out := linkVariableRE.ReplaceAllStringFunc(link, func(s string) string {
		m := linkVariableRE.FindStringSubmatch(s)
		name, format := m[1], m[2]
		var v string
		var ok bool
		switch {
		case strings.HasPrefix(name, "__field.labels."):
			v, ok = labels[strings.TrimPrefix(name, "__field.labels.")]
		case strings.HasPrefix(name, "__data.fields."):
			v, ok = fields[strings.TrimPrefix(name, "__data.fields.")]
		default:
			v, ok = vars[name]
			if format == "text" {
				v, ok = texts[name][v]
			}
		}
		if !ok {
			missing = append(missing, name)
			return s
		}
		switch format {
		case "raw", "text":
			return v
		default:
			return percentEncode(v)
		}
	})
	if len(missing) > 0 {
		t.Fatalf("%s: no value for %v", link, missing)
	}
	return out
}

// percentEncode is Grafana's percentencode: every byte but the letters,
// digits and -_.~ as %XX.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func findAll(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || strings.Contains(" "+attrOf(n, "class")+" ", " "+class+" ")) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attrOf(n *html.Node, key string) string {
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
