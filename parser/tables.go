package parser

import (
	"strings"
)

// Tables reach the parser flattened: one cell a line (as HTML tables are
// converted), or one row a line with cells split by "|" or tabs. A table is
// read when a header names what its columns measure ("% change",
// "Change", "12 months to Mar 2024", "Detection rate"), and each row's
// first cell names a category.

// cell is one table cell with its byte offsets.
type cell struct {
	text       string
	start, end int
}

// column says what a table column measures.
type column struct {
	measure Measure
	period  string
	known   bool
}

// tableLine is one line of the document split into cells.
type tableLine struct {
	cells []cell
	start int
}

// maxTableLineBytes bounds the lines considered as table rows.
const maxTableLineBytes = 200

// splitTableLines cuts text into lines of cells.
func splitTableLines(text string) []tableLine {
	var out []tableLine
	for start := 0; start <= len(text); {
		nl := strings.IndexByte(text[start:], '\n')
		end := len(text)
		if nl >= 0 {
			end = start + nl
		}
		out = append(out, tableLine{cells: splitCells(text, start, end), start: start})
		if nl < 0 {
			break
		}
		start = end + 1
	}
	return out
}

func splitCells(text string, start, end int) []cell {
	s, e := trimSpace(text, start, end)
	if s >= e || e-s > maxTableLineBytes {
		return nil
	}
	line := text[s:e]
	sep := ""
	switch {
	case strings.Count(line, "|") >= 1:
		sep = "|"
	case strings.Count(line, "\t") >= 1:
		sep = "\t"
	}
	if sep == "" {
		return []cell{{text: line, start: s, end: e}}
	}
	var out []cell
	for at := s; at <= e; {
		k := strings.Index(text[at:e], sep)
		ce := e
		if k >= 0 {
			ce = at + k
		}
		cs, cee := trimSpace(text, at, ce)
		if cs < cee {
			out = append(out, cell{text: text[cs:cee], start: cs, end: cee})
		}
		if k < 0 {
			break
		}
		at = ce + len(sep)
	}
	return out
}

// classifyColumn reads a column header.
func classifyColumn(h string) column {
	low := strings.ToLower(h)
	hasPct := strings.Contains(low, "%") || strings.Contains(low, "percent") || strings.Contains(low, "per cent")
	switch {
	case strings.Contains(low, "detection") || strings.Contains(low, "solved") || strings.Contains(low, "outcome") ||
		strings.Contains(low, "solvency") || strings.Contains(low, "sd rate"):
		return column{measure: DetectionRatePercent, known: true}
	case strings.Contains(low, "target"):
		return column{measure: TargetPercent, known: true}
	case strings.Contains(low, "per 1,000") || strings.Contains(low, "per 1000") || strings.Contains(low, "per thousand"):
		return column{measure: RatePer1000, known: true}
	case strings.Contains(low, "change") || strings.Contains(low, "difference") || strings.Contains(low, "+/-") ||
		strings.Contains(low, "variance") || strings.Contains(low, "var") && len(low) <= 6:
		if hasPct {
			return column{measure: ChangePercent, known: true}
		}
		return column{measure: ChangeCount, known: true}
	case isPeriodHeader(low):
		return column{measure: Count, period: h, known: true}
	}
	return column{}
}

// isPeriodHeader reports whether a header names a period: "2023/24", "12
// months to Mar 2024", "Previous year", "YTD", "Q2 2023".
func isPeriodHeader(low string) bool {
	for _, w := range []string{"year", "month", "ytd", "quarter", "fy", "previous", "current", "last", "this", "period",
		"rolling", "12m", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	toks := tokenize(nil, low, 0, len(low))
	for _, t := range toks {
		if t.kind == numToken && len(t.text) == 4 && (strings.HasPrefix(t.text, "19") || strings.HasPrefix(t.text, "20")) {
			return true
		}
		if t.kind == wordToken && len(t.norm) == 2 && t.norm[0] == 'q' && t.norm[1] >= '1' && t.norm[1] <= '4' {
			return true
		}
	}
	return false
}

// cellNumber reads a cell that holds one number and nothing else of note.
func cellNumber(text string, c cell) (number, []token, bool) {
	toks := tokenize(nil, text, c.start, c.end)
	nums := findNumbers(toks)
	if len(nums) != 1 || len(toks) > nums[0].last-nums[0].first+1 {
		return number{}, nil, false
	}
	return nums[0], toks, true
}

// readTables returns the figures of the tables in text, and the byte
// spans they cover so that the prose reader passes over them.
func readTables(text string, opts Options, ctl *control) ([]Figure, [][2]int) {
	if !hasColumnHeader(text) {
		return nil, nil
	}
	lines := splitTableLines(text)
	var figs []Figure
	var spans [][2]int
	for i := 0; i < len(lines); i++ {
		var n int
		var fs []Figure
		var end int
		if len(lines[i].cells) >= 3 && !ctl.isOff(ruleTableRows) {
			fs, n, end = readRowTable(text, lines, i, opts)
		} else if len(lines[i].cells) == 1 && !ctl.isOff(ruleTableCells) {
			fs, n, end = readCellTable(text, lines, i, opts)
		}
		if n > 0 {
			figs = append(figs, fs...)
			spans = append(spans, [2]int{lines[i].start, end})
			i += n - 1
		}
	}
	return figs, spans
}

// readCellTable reads a table flattened one cell a line, its header
// starting at lines[i]. It returns the figures, the number of lines read
// (0 if there is no table here) and the end of the last.
func readCellTable(text string, lines []tableLine, i int, opts Options) ([]Figure, int, int) {
	// The header: a label cell then column headers, none a number.
	var cols []column
	j := i + 1
	known := 0
	for ; j < len(lines) && j-i <= 8; j++ {
		if len(lines[j].cells) != 1 {
			break
		}
		c := lines[j].cells[0]
		if _, _, ok := cellNumber(text, c); ok {
			break
		}
		col := classifyColumn(c.text)
		if !col.known {
			break
		}
		cols = append(cols, col)
		known++
	}
	if known < 1 || len(cols) < 1 {
		return nil, 0, 0
	}
	var figs []Figure
	rows, end := 0, 0
	for j < len(lines) {
		if len(lines[j].cells) != 1 || j+len(cols) >= len(lines) {
			break
		}
		label := lines[j].cells[0]
		slug := tableCategory(text, label)
		if slug == "" {
			break
		}
		var cells []cell
		for k := 1; k <= len(cols); k++ {
			if len(lines[j+k].cells) != 1 {
				return figs, endOrZero(rows, j-i), end
			}
			cells = append(cells, lines[j+k].cells[0])
		}
		fs, ok := rowFigures(text, label, slug, cells, cols, opts, ruleTableCells)
		if !ok {
			break
		}
		figs = append(figs, fs...)
		rows++
		end = cells[len(cells)-1].end
		j += len(cols) + 1
	}
	if rows == 0 {
		return nil, 0, 0
	}
	return figs, j - i, end
}

func endOrZero(rows, n int) int {
	if rows == 0 {
		return 0
	}
	return n
}

// readRowTable reads a table written one row a line, its header at
// lines[i].
func readRowTable(text string, lines []tableLine, i int, opts Options) ([]Figure, int, int) {
	head := lines[i].cells
	cols := make([]column, len(head)-1)
	known := 0
	for k, h := range head[1:] {
		if _, _, ok := cellNumber(text, h); ok {
			return nil, 0, 0
		}
		cols[k] = classifyColumn(h.text)
		if cols[k].known {
			known++
		}
	}
	if known == 0 {
		return nil, 0, 0
	}
	var figs []Figure
	j, end := i+1, 0
	if j < len(lines) && isRule(lines[j].cells) {
		j++ // a markdown table's |---|---| under the header
	}
	for ; j < len(lines); j++ {
		row := lines[j].cells
		if len(row) != len(head) {
			break
		}
		slug := tableCategory(text, row[0])
		if slug == "" {
			break
		}
		fs, ok := rowFigures(text, row[0], slug, row[1:], cols, opts, ruleTableRows)
		if !ok {
			break
		}
		figs = append(figs, fs...)
		end = row[len(row)-1].end
	}
	if len(figs) == 0 {
		return nil, 0, 0
	}
	return figs, j - i, end
}

// isRule reports whether a row only draws a line: "|---|:---:|".
func isRule(cells []cell) bool {
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		if strings.Trim(c.text, "-:= ") != "" {
			return false
		}
	}
	return true
}

// tableCategory returns the category a row's label names, or "".
func tableCategory(text string, label cell) string {
	toks := tokenize(nil, text, label.start, label.end)
	if len(toks) == 0 || len(toks) > 10 {
		return ""
	}
	if len(toks) == 1 && (toks[0].norm == "total" || toks[0].norm == "all") {
		return genericCrime
	}
	mentions := findMentions(toks)
	if len(mentions) == 0 || mentions[0].slug == blocked {
		return ""
	}
	return mentions[0].slug
}

// rowFigures turns a row's cells into figures by their columns. A cell
// that is not one number ends the table.
func rowFigures(text string, label cell, slug string, cells []cell, cols []column, opts Options, rule string) ([]Figure, bool) {
	var out []Figure
	for k, c := range cells {
		if k >= len(cols) {
			break
		}
		if c.text == "-" || c.text == "–" || strings.EqualFold(c.text, "n/a") {
			continue
		}
		n, _, ok := cellNumber(text, c)
		if !ok {
			return nil, false
		}
		col := cols[k]
		if !col.known {
			continue
		}
		m := col.measure
		v := n.value
		if n.sign != 0 {
			v *= float64(n.sign)
		}
		switch {
		case n.percent && m == ChangeCount:
			m = ChangePercent
		case n.percent && m == Count:
			continue // a share in a column of counts: not read
		case !n.percent && m.IsPercent() && m != ChangePercent:
			continue
		}
		area := opts.Ward
		if area == "" {
			area = opts.Borough
		}
		f := Figure{Category: slug, Measure: m, Value: v, Area: area, Period: col.period,
			Quote: text[label.start:c.end], Start: label.start, End: c.end, Rule: rule}
		f.PeriodStart, f.PeriodEnd = periodBounds(f.Period)
		out = append(out, f)
	}
	return out, true
}

// hasColumnHeader reports, cheaply, whether any line could be a table's
// header: a short line naming a column we read, or a line split by "|" or
// tabs.
func hasColumnHeader(text string) bool {
	prevShort := false
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		start = end + 1
		if strings.IndexByte(line, '|') >= 0 || strings.IndexByte(line, '\t') >= 0 {
			return true
		}
		// A header one cell a line is a short line under another short
		// line (the label column's header).
		short := len(line) <= 40 && strings.TrimSpace(line) != ""
		if short && prevShort && classifyColumn(strings.TrimSpace(line)).known {
			return true
		}
		if strings.TrimSpace(line) != "" {
			prevShort = short
		}
	}
	return false
}
