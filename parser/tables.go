package parser

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Tables reach the parser flattened: one cell a line (as HTML tables are
// converted), one row a line with cells split by "|", tabs or runs of
// spaces (as PDF text keeps a layout), or one row a line with single spaces
// between a row's name and its values. A table is read when a header names
// what its columns are: what they measure ("% change", "Change", "12
// months to Mar 2024", "Detection rate", "2015"), or which category each
// counts ("Ward | Knife crime | Robbery"). In the first kind each row's
// first cell names a category, or refines the category of the row above
// ("Residential" under "Burglary"); in the second it names a place.

// cell is one table cell with its byte offsets.
type cell struct {
	text       string
	start, end int
}

// column says what a table column holds.
type column struct {
	measure Measure
	period  string
	known   bool
	// category is set for a column of one category's figures, in a
	// table whose rows are places.
	category string
	// skip marks a column that holds no figure: a rank, a position.
	skip bool
}

// tableLine is one line of the document split into cells.
type tableLine struct {
	cells []cell
	start int
	// split reports whether the cells came from separators ("|", tabs,
	// runs of spaces) rather than the whole line being one cell.
	split bool
}

// maxTableLineBytes bounds the lines considered as table rows.
const maxTableLineBytes = 200

// tableLines are the lines of a text cut into cells, and the array that
// the lines of one cell share, kept from parse to parse.
type tableLines struct {
	lines   []tableLine
	singles []cell
}

// maxPooledTableLines is the most lines the pool's tableLines keep room
// for: a longer text's are let go. It is room for the lines of a document
// of about 20 MB (some 19 MB of slices), which the pool lets go in its
// turn two collections after its last use: a reader of long documents
// reuses their lines rather than allocating and zeroing them afresh.
const maxPooledTableLines = 1 << 18

// release empties b for the next text, holding on to none of this one's:
// what split wrote is cleared, all past it having been cleared before.
func (b *tableLines) release() {
	if cap(b.lines) > maxPooledTableLines {
		*b = tableLines{}
		return
	}
	clear(b.lines)
	clear(b.singles)
	b.lines, b.singles = b.lines[:0], b.singles[:0]
}

// split cuts text into lines of cells, in b's slices, given its newlines
// (appendNewlines) and whether any line is split into cells (separated):
// of a text with no separator every line is one cell.
func (b *tableLines) split(text string, newlines []int, separated bool) []tableLine {
	n := len(newlines) + 1
	out := slices.Grow(b.lines[:0], n)
	// Most lines are one cell; they share one array rather than each
	// allocating its own.
	if cap(b.singles) < n {
		b.singles = make([]cell, n)
	}
	singles := b.singles[:n]
	b.singles = singles
	for k, start := 0, 0; k < n; k++ {
		end := len(text)
		if k < len(newlines) {
			end = newlines[k]
		}
		cells, split := splitCells(text, start, end, separated, singles[k:k+1:k+1])
		out = append(out, tableLine{cells: cells, start: start, split: split})
		start = end + 1
	}
	b.lines = out
	return out
}

// splitCells splits a line at "|", tabs, or runs of two or more spaces. A
// cell left empty between separators is kept ("| | 2015 | 2016 |" has a
// blank first header cell); the empty ends outside a row's outer pipes are
// not. A line that is one cell is returned in one, a slice of length 1;
// so is every line of a text that is not separated (see separated), not
// looked at for separators.
func splitCells(text string, start, end int, separated bool, one []cell) ([]cell, bool) {
	s, e := trimSpace(text, start, end)
	if s >= e || e-s > maxTableLineBytes {
		return nil, false
	}
	line := text[s:e]
	var sep func(at int) (int, int) // the next separator at or after at, and its end
	switch {
	case !separated:
	case strings.IndexByte(line, '|') >= 0:
		sep = func(at int) (int, int) {
			if k := strings.IndexByte(text[at:e], '|'); k >= 0 {
				return at + k, at + k + 1
			}
			return -1, -1
		}
	case strings.IndexByte(line, '\t') >= 0:
		sep = func(at int) (int, int) {
			if k := strings.IndexByte(text[at:e], '\t'); k >= 0 {
				j := at + k + 1
				for j < e && text[j] == '\t' {
					j++
				}
				return at + k, j
			}
			return -1, -1
		}
	case strings.Contains(line, "   "):
		sep = func(at int) (int, int) {
			if k := strings.Index(text[at:e], "   "); k >= 0 {
				j := at + k
				for j < e && text[j] == ' ' {
					j++
				}
				return at + k, j
			}
			return -1, -1
		}
	}
	if sep == nil {
		one[0] = cell{text: line, start: s, end: e}
		return one, false
	}
	var out []cell
	for at := s; at <= e; {
		cs, next := sep(at)
		ce := e
		if cs >= 0 {
			ce = cs
		}
		a, b := trimSpace(text, at, ce)
		out = append(out, cell{text: text[a:b], start: a, end: b})
		if cs < 0 {
			break
		}
		at = next
	}
	// The empty ends outside "| a | b |".
	if len(out) > 0 && out[0].text == "" && strings.HasPrefix(line, "|") {
		out = out[1:]
	}
	if len(out) > 0 && out[len(out)-1].text == "" && strings.HasSuffix(line, "|") {
		out = out[:len(out)-1]
	}
	return out, len(out) > 1
}

// classifyColumn reads a column header.
func classifyColumn(h string) column {
	low, lowBuf := headerToLower(h)
	defer releaseHeader(lowBuf)
	// Every word the cases below look for is found in one pass.
	var keys keySet
	var buf [16]keyEnd
	for _, o := range columnKeys.appendAll(buf[:0], low) {
		keys.add(o.key)
	}
	has := func(words ...uint8) bool { return keys.hasAny(words) }
	hasPct := has(colPercentSign, colPercent, colPerCent)
	switch {
	case low == "rank" || strings.HasPrefix(low, "rank ") || has(colPosition) || low == "pos" || has(colRanking):
		return column{known: true, skip: true}
	case has(colDetection, colSolved, colOutcome, colSolvency, colSDRate):
		return column{measure: DetectionRatePercent, known: true}
	case has(colTarget):
		return column{measure: TargetPercent, known: true}
	case has(colPer1000Comma, colPer1000, colPerThousand):
		return column{measure: RatePer1000, known: true}
	case has(colChange, colDifference, colPlusMinus, colVariance) || has(colVar) && len(low) <= 6 || low == "diff":
		if hasPct {
			return column{measure: ChangePercent, known: true}
		}
		return column{measure: ChangeCount, known: true}
	case keys.hasAny(periodHeaderWords) || periodHeaderTokens(low):
		return column{measure: Count, period: h, known: true}
	}
	if slug := headerCategory(h); slug != "" {
		return column{category: slug, known: true}
	}
	return column{}
}

// mayBeKnownColumn reports whether classifyColumn could read h as a
// column it knows: false only for an ASCII header that holds none of the
// words it looks for and no digit, is not a rank's or a difference's
// short name, and cannot be a category's phrase (mayBeCategory). Most
// short lines are turned down so, before the lowered copy and the
// lookups classifyColumn makes.
func mayBeKnownColumn(h string) bool {
	switch {
	case !isASCII(h) || columnKeys.anyFold(h) || strings.IndexFunc(h, isDigit) >= 0:
		return true
	case strings.EqualFold(h, "rank") || strings.EqualFold(h, "pos") || strings.EqualFold(h, "diff"):
		return true
	case len(h) >= 5 && strings.EqualFold(h[:5], "rank "):
		return true
	}
	return mayBeCategory(h)
}

// The words classifyColumn looks for in a header, by their numbers in
// columnKeys; the words of a period follow them.
const (
	colPercentSign uint8 = iota
	colPercent
	colPerCent
	colPosition
	colRanking
	colDetection
	colSolved
	colOutcome
	colSolvency
	colSDRate
	colTarget
	colPer1000Comma
	colPer1000
	colPerThousand
	colChange
	colDifference
	colPlusMinus
	colVariance
	colVar
	colPeriodWords // the first of columnPeriodWords
)

// columnPeriodWords are words of a header that names a period.
var columnPeriodWords = []string{"year", "month", "ytd", "quarter", "fy", "previous", "current", "last", "this", "period",
	"rolling", "12m", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// columnKeys finds the words classifyColumn looks for, numbered as the
// constants above.
var columnKeys = newMultiIndex(append([]string{"%", "percent", "per cent", "position", "ranking", "detection", "solved",
	"outcome", "solvency", "sd rate", "target", "per 1,000", "per 1000", "per thousand", "change", "difference", "+/-",
	"variance", "var"}, columnPeriodWords...))

// periodHeaderWords are the numbers of columnPeriodWords in columnKeys.
var periodHeaderWords = func() []uint8 {
	out := make([]uint8, len(columnPeriodWords))
	for i := range columnPeriodWords {
		out[i] = colPeriodWords + uint8(i)
	}
	return out
}()

// headerCategory returns the category a column header names as a whole
// ("Knife Crime", "Robbery"), or "".
func headerCategory(h string) string {
	if !mayBeCategory(h) {
		return ""
	}
	return readHeaderCategory(h)
}

// readHeaderCategory is headerCategory without its look at the first and
// last words.
func readHeaderCategory(h string) string {
	var buf [9]token
	low, lowBuf := headerLower(h, 0, len(h))
	defer releaseHeader(lowBuf)
	toks := tokenizeUpTo(buf[:0], h, low, 0, len(h), len(buf))
	if len(toks) == 0 || len(toks) > 8 {
		return ""
	}
	ms := findMentions(toks)
	if len(ms) != 1 || ms[0].slug == blocked || ms[0].generic || ms[0].first != 0 || ms[0].last != len(toks)-1 {
		return ""
	}
	return ms[0].slug
}

// mayBeCategory reports whether h could be one category's phrase and
// nothing more, told from its first and last words where they are ASCII
// letters: the first starts a phrase, and the last ends one or is a
// noun of events a mention takes in ("Burglary offences").
func mayBeCategory(h string) bool {
	var buf [maxTokenBytes]byte
	if w, ok := firstLetterWord(h, &buf); ok {
		if _, starts := categoryTrie.child(stemWord(w)); !starts {
			return false
		}
	}
	if w, ok := lastLetterWord(h, &buf); ok {
		w = stemWord(w)
		return categoryEndWords.has(w) || eventNouns.has(w)
	}
	return true
}

// categoryEndWords are the last words of the categories' phrases, as stems.
var categoryEndWords = func() *wordSet {
	m := map[string]bool{}
	categoryTrie.eachLast(func(w string) { m[w] = true })
	return newWordSet(m)
}()

// namesRowKind reports whether a header cell ends on a word that names
// what the rows are: "MOPAC 7 offence", "Burglary type", "Offence group".
func namesRowKind(h string) bool {
	f := strings.Fields(strings.ToLower(h))
	if len(f) < 2 {
		return false
	}
	switch f[len(f)-1] {
	case "offence", "offense", "type", "types", "category", "categories", "group", "groups", "breakdown":
		return true
	}
	return false
}

// periodHeaderTokens reports whether a header has a year ("2023") or a
// quarter ("Q2") among its words.
func periodHeaderTokens(low string) bool {
	if strings.IndexFunc(low, isDigit) < 0 {
		return false // a year and a quarter each have a digit
	}
	var buf [16]token
	toks := tokenize(buf[:0], low, 0, len(low))
	for i := range toks {
		t := &toks[i]
		if t.kind == numToken && len(t.text) == 4 && (strings.HasPrefix(t.text, "19") || strings.HasPrefix(t.text, "20")) {
			return true
		}
		if t.kind == wordToken && len(t.norm) == 2 && t.norm[0] == 'q' && t.norm[1] >= '1' && t.norm[1] <= '4' {
			return true
		}
	}
	return false
}

// cellValue is what a cell of a table holds: one number, and a count in
// brackets after a percentage ("-12% (45)").
type cellValue struct {
	n        number
	count    number
	hasCount bool
}

// cellNumber reads a cell that holds one number and nothing else of note,
// or a percentage with a count in brackets after it.
func cellNumber(text string, c cell) (cellValue, bool) {
	toks := tokenize(nil, text, c.start, c.end)
	nums := findNumbers(toks)
	switch {
	case len(nums) == 1 && len(toks) == nums[0].last-nums[0].first+1:
		return cellValue{n: nums[0]}, true
	case len(nums) == 2 && nums[0].percent && !nums[1].percent && nums[0].first == 0 &&
		nums[1].first == nums[0].last+2 && toks[nums[0].last+1].text == "(" &&
		nums[1].last+2 == len(toks) && toks[len(toks)-1].text == ")":
		return cellValue{n: nums[0], count: nums[1], hasCount: true}, true
	}
	return cellValue{}, false
}

// isEmptyCell reports whether a cell says it has no value: "-", "n/a".
func isEmptyCell(s string) bool {
	return s == "-" || s == "–" || s == "—" || strings.EqualFold(s, "n/a") || strings.EqualFold(s, "na")
}

// readTables returns the figures of the tables in text, whose newlines
// are at newlines (appendNewlines), and the byte spans they cover so that
// the prose reader passes over them.
func readTables(text string, newlines []int, opts Options, ctl *control, bufs *tableLines) ([]Figure, [][2]int) {
	sep := separated(text)
	if !sep && !hasShortHeader(text, newlines) {
		return nil, nil
	}
	lines := bufs.split(text, newlines, sep)
	var figs []Figure
	var spans [][2]int
	for i := 0; i < len(lines); i++ {
		var n int
		var fs []Figure
		var end int
		if len(lines[i].cells) >= 2 && !ctl.isOff(ruleTableRows) {
			fs, n, end = readRowTable(text, lines, i, opts, labelledHeader(lines[i].cells), ruleTableRows)
		}
		if n == 0 && len(lines[i].cells) == 1 && !ctl.isOff(ruleTableSpaced) {
			if head := spaceHeader(text, lines[i].cells[0]); head != nil {
				fs, n, end = readRowTable(text, lines, i, opts, head, ruleTableSpaced)
			}
		}
		if n == 0 && len(lines[i].cells) == 1 && !ctl.isOff(ruleTableCells) {
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

// labelledHeader returns a header row with a cell for the rows' labels:
// "year 2015 | year 2016 | |" names only its columns, its label cell left
// out, and gains a blank one in front.
func labelledHeader(head []cell) []cell {
	if len(head) < 2 || head[0].text == "" || !classifyColumn(head[0].text).known || classifyColumn(head[0].text).category != "" {
		return head
	}
	cols := head
	if cols[len(cols)-1].text == "" {
		cols = cols[:len(cols)-1]
	}
	out := make([]cell, 0, len(cols)+1)
	out = append(out, cell{start: head[0].start, end: head[0].start})
	return append(out, cols...)
}

// readCellTable reads a table flattened one cell a line, its header
// starting at lines[i]. It returns the figures, the number of lines read
// (0 if there is no table here) and the end of the last.
func readCellTable(text string, lines []tableLine, i int, opts Options) ([]Figure, int, int) {
	// The header: a label cell then column headers, none a number.
	var cols []column
	j := i + 1
	for ; j < len(lines) && j-i <= 8; j++ {
		if len(lines[j].cells) != 1 {
			break
		}
		c := lines[j].cells[0]
		if _, ok := cellNumber(text, c); ok {
			break
		}
		col := classifyColumn(c.text)
		if !col.known || col.category != "" {
			break
		}
		cols = append(cols, col)
	}
	if len(cols) < 1 {
		return nil, 0, 0
	}
	var figs []Figure
	rows, end := 0, 0
	parent := ""
	for j < len(lines) {
		if len(lines[j].cells) != 1 || j+len(cols) >= len(lines) {
			break
		}
		label := lines[j].cells[0]
		slug := rowCategory(text, label, parent)
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
		fs, ok := rowFigures(text, label, slug, defaultArea(opts), cells, cols, ruleTableCells)
		if !ok {
			break
		}
		figs = append(figs, fs...)
		if tableCategory(text, label) != "" {
			parent = slug
		}
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

// defaultArea is the area of a table row that names no place.
func defaultArea(opts Options) string {
	if opts.Ward != "" {
		return opts.Ward
	}
	return opts.Borough
}

// readRowTable reads a table written one row a line, its header head at
// lines[i]: rows of categories under measure and period columns, or rows
// of places under category columns.
func readRowTable(text string, lines []tableLine, i int, opts Options, head []cell, rule string) ([]Figure, int, int) {
	cols := make([]column, len(head)-1)
	measures, categories := 0, 0
	for k, h := range head[1:] {
		if _, ok := cellNumber(text, h); ok {
			return nil, 0, 0
		}
		cols[k] = classifyColumn(h.text)
		switch {
		case cols[k].category != "":
			categories++
		case cols[k].known && !cols[k].skip:
			measures++
		}
	}
	// The first header cell names the rows ("Crime type", "Ward") or is
	// blank; a category there makes the line a row, not a header, unless
	// it names the kind of the rows over period and measure columns
	// ("MOPAC 7 offence | FYTD 14/15 | % change").
	if headerCategory(head[0].text) != "" && !(measures > 0 && categories == 0 && namesRowKind(head[0].text)) {
		return nil, 0, 0
	}
	places := categories > 0
	switch {
	case measures == 0 && categories == 0:
		return nil, 0, 0
	case places && (measures > 0 || categories < 2 && len(cols) > 1):
		return nil, 0, 0 // a mix, or one category among unknown columns
	}
	measure := Measure("")
	if places {
		measure = leadMeasure(text, lines, i)
	}
	var figs []Figure
	j, end := i+1, 0
	if j < len(lines) && isRule(lines[j].cells) {
		j++ // a markdown table's |---|---| under the header
	}
	parent := ""
	for ; j < len(lines); j++ {
		row := lines[j].cells
		if len(row) != len(head) {
			if len(row) != 1 {
				break
			}
			if row = spaceRow(text, row[0], len(head)-1); row == nil {
				break
			}
		}
		var fs []Figure
		var ok bool
		if places {
			area := rowPlace(text, row[0], opts)
			if area == "" {
				break
			}
			fs, ok = placeRowFigures(text, row[0], area, row[1:], cols, measure, rule)
		} else {
			slug := rowCategory(text, row[0], parent)
			if slug == "" {
				// A row of a category we do not know ("Theft &
				// Handling") is passed over if it holds only values.
				if unknownRow(text, row[1:]) {
					end = row[len(row)-1].end
					continue
				}
				break
			}
			if tableCategory(text, row[0]) != "" {
				parent = slug
			}
			fs, ok = rowFigures(text, row[0], slug, defaultArea(opts), row[1:], cols, rule)
		}
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

// unknownRow reports whether a row's cells are all values or empty, so
// that a row whose label names no category we read is still a row.
func unknownRow(text string, cells []cell) bool {
	any := false
	for _, c := range cells {
		if c.text == "" || isEmptyCell(c.text) {
			continue
		}
		if _, ok := cellNumber(text, c); !ok {
			return false
		}
		any = true
	}
	return any
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

// rowCategory returns the category of a row of a category table: the one
// its label names, or the subtype a label refines its parent row's category
// to ("Residential" under "Burglary", "Dwelling", "Personal"), or "".
func rowCategory(text string, label cell, parent string) string {
	if slug := tableCategory(text, label); slug != "" {
		return slug
	}
	if parent == "" {
		return ""
	}
	toks := tokenize(nil, text, label.start, label.end)
	if len(toks) == 0 || len(toks) > 3 {
		return ""
	}
	// "Burglary" then "Residential": read as "burglary residential".
	var words []token
	for _, w := range strings.Split(parent, "_") {
		words = append(words, token{kind: wordToken, text: w, norm: w, stem: stemWord(w)})
	}
	words = append(words, toks...)
	if ms := findMentions(words); len(ms) == 1 && ms[0].first == 0 && ms[0].last == len(words)-1 && ms[0].slug != blocked {
		return ms[0].slug
	}
	if kinds, ok := subtypeKinds[toks[0].norm]; ok {
		if sub, ok := kinds[parent]; ok {
			return sub
		}
	}
	return ""
}

// rowPlace returns the place a row of a place table names: its label when
// it reads as a place's name, or the borough for "Total" and the like.
func rowPlace(text string, label cell, opts Options) string {
	toks := tokenize(nil, text, label.start, label.end)
	if len(toks) == 0 || len(toks) > 6 {
		return ""
	}
	if len(toks) == 1 {
		switch toks[0].norm {
		case "total", "overall", "all", "borough":
			return opts.Borough
		}
	}
	if len(findMentions(toks)) > 0 {
		return ""
	}
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == numToken:
			return ""
		case t.kind == punctToken:
			if t.text != "&" && t.text != "-" && t.text != "'" && t.text != "’" && t.text != "," {
				return ""
			}
		case t.norm == "and" || t.norm == "upon" || t.norm == "on" || t.norm == "the" || t.norm == "of":
		case !capitalised(t.text) || notPlaceWords.has(t.norm):
			return ""
		}
	}
	return label.text
}

// leadMeasure returns the measure the lines before a place table's header
// say its percentages are ("Here are the year on year increases:"), or ""
// when they say none: then only signed percentages, changes, are read.
func leadMeasure(text string, lines []tableLine, i int) Measure {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if len(lines[j].cells) == 0 {
			continue
		}
		low := strings.ToLower(text[lines[j].start:lines[j].cells[len(lines[j].cells)-1].end])
		for _, w := range []string{"increase", "decrease", "change", "rise", "fall", "reduction", "year on year"} {
			if strings.Contains(low, w) {
				return ChangePercent
			}
		}
		for _, w := range []string{"detection", "solved", "outcome rate"} {
			if strings.Contains(low, w) {
				return DetectionRatePercent
			}
		}
		return ""
	}
	return ""
}

// placeRowFigures turns a row of a place table into figures, one a
// category column.
func placeRowFigures(text string, label cell, area string, cells []cell, cols []column, measure Measure, rule string) ([]Figure, bool) {
	var out []Figure
	for k, c := range cells {
		if k >= len(cols) || cols[k].skip {
			continue
		}
		if isEmptyCell(c.text) || c.text == "" {
			continue
		}
		cv, ok := cellNumber(text, c)
		if !ok {
			return nil, false
		}
		n := cv.n
		f := Figure{Category: cols[k].category, Value: n.value, Area: area,
			Quote: text[label.start:c.end], Start: label.start, End: c.end, Rule: rule}
		switch {
		case n.percent && n.sign != 0:
			f.Measure, f.Value = ChangePercent, n.value*float64(n.sign)
		case n.percent && measure != "":
			f.Measure = measure
		case n.percent:
			continue
		case n.sign != 0:
			f.Measure, f.Value = ChangeCount, n.value*float64(n.sign)
		default:
			f.Measure = Count
		}
		out = append(out, f)
	}
	return out, true
}

// rowFigures turns a row's cells into figures by their columns. A cell
// that is not one number ends the table.
func rowFigures(text string, label cell, slug, area string, cells []cell, cols []column, rule string) ([]Figure, bool) {
	var out []Figure
	for k, c := range cells {
		if k >= len(cols) {
			break
		}
		if isEmptyCell(c.text) || c.text == "" {
			continue
		}
		cv, ok := cellNumber(text, c)
		if !ok {
			return nil, false
		}
		col := cols[k]
		if !col.known || col.skip {
			continue
		}
		n := cv.n
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
		f := Figure{Category: slug, Measure: m, Value: v, Area: area, Period: col.period,
			Quote: text[label.start:c.end], Start: label.start, End: c.end, Rule: rule}
		f.PeriodStart, f.PeriodEnd = periodBounds(f.Period)
		out = append(out, f)
		if cv.hasCount && m == ChangePercent {
			// "-12% (45)": the change in the count beside its percentage.
			g := f
			g.Measure, g.Value = ChangeCount, cv.count.value*float64(sign(v))
			out = append(out, g)
		}
	}
	return out, true
}

// headerLower returns text[start:end] lower-cased, for tokenizing, if it
// is short enough to be a header: one copy for the span, where words
// lower-cased one by one make one for each word with a capital. The copy
// is made in a buffer of headerBuffers, returned too, which the caller
// hands back with releaseHeader: nothing read from it may outlast that.
// A longer span, of which a header reader tokenizes only the start, gets
// "", for words lower-cased one by one.
func headerLower(text string, start, end int) (string, *[maxHeaderBytes]byte) {
	s := text[start:end]
	if firstCapital(s) < 0 {
		return s, nil
	}
	if len(s) > maxHeaderBytes {
		return "", nil
	}
	buf := headerBuffers.Get().(*[maxHeaderBytes]byte)
	return unsafe.String(&lowerInto(buf[:], s)[0], len(s)), buf
}

// releaseHeader hands back a buffer of headerLower (nil for none).
func releaseHeader(buf *[maxHeaderBytes]byte) {
	if buf == nil {
		return
	}
	if poisonLowered {
		for i := range buf {
			buf[i] = 0xff
		}
	}
	headerBuffers.Put(buf)
}

// headerToLower is strings.ToLower(h), made as headerLower makes its copy
// where h is ASCII and short; the buffer returned (nil for none) goes back
// with releaseHeader.
func headerToLower(h string) (string, *[maxHeaderBytes]byte) {
	if isASCII(h) && len(h) <= maxHeaderBytes {
		return headerLower(h, 0, len(h))
	}
	return strings.ToLower(h), nil
}

// maxHeaderBytes is the longest span headerLower lowers.
const maxHeaderBytes = 256

// headerBuffers are the buffers headerLower writes in.
var headerBuffers = sync.Pool{New: func() any { return new([maxHeaderBytes]byte) }}

// spaceHeader splits a header line written with single spaces into its
// label and columns: "Ward Knife Crime Robbery" → "Ward", "Knife Crime",
// "Robbery"; "Crime type 2022/23 2023/24 Change" → "Crime type",
// "2022/23", "2023/24", "Change". It returns nil unless at least two
// columns are read to the end of the line.
func spaceHeader(text string, c cell) []cell {
	// Most lines are prose, too long to be a header: tokenizing stops
	// at the first token too many.
	if line := text[c.start:c.end]; !mayEndColumnText(line) || moreWordsThan(line, maxSpaceHeaderTokens) {
		return nil
	}
	return readSpaceHeader(text, c)
}

// maxSpaceHeaderTokens is the most tokens a header written with spaces
// has.
const maxSpaceHeaderTokens = 16

// moreWordsThan reports whether s has more than n words that start with
// an ASCII byte that is no white space, each of which is a token or more
// (a word of bytes that are not ASCII may be none): a line of prose, too
// long for a header, is told so without being tokenized.
func moreWordsThan(s string, n int) bool {
	words := 0
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			space = false
			continue
		}
		isSpace := asciiClass[c] == asciiSpace
		if space && !isSpace {
			if words++; words > n {
				return true
			}
		}
		space = isSpace
	}
	return false
}

// readSpaceHeader is spaceHeader without its look at the last word.
func readSpaceHeader(text string, c cell) []cell {
	var buf [maxSpaceHeaderTokens + 1]token
	low, lowBuf := headerLower(text, c.start, c.end)
	defer releaseHeader(lowBuf)
	toks := tokenizeUpTo(buf[:0], text, low, c.start, c.end, len(buf))
	if len(toks) < 2 || len(toks) > maxSpaceHeaderTokens {
		return nil
	}
	mentions := findMentions(toks)
	for p := 0; p < len(toks) && p <= 4; p++ {
		cols, ok := spaceColumns(text, toks, p)
		if !ok || len(cols) < 2 {
			continue
		}
		label := cell{start: c.start, end: c.start}
		if p > 0 {
			label = cell{text: text[toks[0].start:toks[p-1].end], start: toks[0].start, end: toks[p-1].end}
			for _, m := range mentions {
				if m.first < p && !m.generic && m.slug != blocked {
					return nil // a category in the label: a row, not a header
				}
			}
		}
		return append([]cell{label}, cols...)
	}
	return nil
}

// mayEndColumnText reports whether a column header read by spaceColumns
// could end on the last token of s, where that token is a word of ASCII
// letters (of any other it reports true, leaving the answer to the
// tokens). The header's columns cover it to its last token, which ends a
// category's phrase (matchPhrase) or a measure or period phrase
// (columnPhrase). Most short lines are no header, and are told so by
// their last word before they are tokenized.
func mayEndColumnText(s string) bool {
	var buf [maxTokenBytes]byte
	w, ok := lastLetterWord(s, &buf)
	return !ok || columnEndWords.has(w) || columnEndWords.has(stemWord(w))
}

// lastLetterWord returns the last token of s lower-cased in buf, when it
// is a word of ASCII letters alone, told from the bytes before it: ok is
// false for any other token (a number, punctuation, a word with digits or
// letters not ASCII, or one too long), left to the tokenizer.
func lastLetterWord(s string, buf *[maxTokenBytes]byte) (w string, ok bool) {
	j := len(s)
	for j > 0 && isLetterByte(s[j-1]) {
		j--
	}
	if j == len(s) || j > 0 && (isDigitByte(s[j-1]) || s[j-1] >= utf8.RuneSelf) || len(s)-j > len(buf) {
		return "", false
	}
	return lowerLetters(s[j:], buf), true
}

// firstLetterWord is lastLetterWord of the first token of s.
func firstLetterWord(s string, buf *[maxTokenBytes]byte) (w string, ok bool) {
	j := 0
	for j < len(s) && isLetterByte(s[j]) {
		j++
	}
	if j == 0 || j < len(s) && (isDigitByte(s[j]) || s[j] >= utf8.RuneSelf) || j > len(buf) {
		return "", false
	}
	return lowerLetters(s[:j], buf), true
}

// lowerLetters returns s, not empty, lower-cased into buf (lowerInto), as
// a string that lives in buf.
func lowerLetters(s string, buf *[maxTokenBytes]byte) string {
	b := lowerInto(buf[:], s)
	return unsafe.String(&b[0], len(b))
}

// columnEndWords are the words a column header can end on: the last word
// of a category's phrase, as a stem, and of each phrase columnPhrase reads.
var columnEndWords = func() *wordSet {
	m := map[string]bool{}
	for _, w := range []string{"change", "diff", "difference", "variance", "year", "quarter", "month", "period",
		"ytd", "rank", "target", "rate", "date"} {
		m[w] = true
	}
	categoryTrie.eachLast(func(w string) { m[w] = true })
	return newWordSet(m)
}()

// spaceColumns reads toks[p:] as a run of column headers, each a category
// or a measure or period phrase, and reports whether they cover it all.
func spaceColumns(text string, toks []token, p int) ([]cell, bool) {
	var cols []cell
	kinds := 0
	for q := p; q < len(toks); {
		// The phrase alone, not a mention: a mention takes in a count
		// noun after it, and "Burglary Robbery" are two columns.
		end := -1
		isCategory := false
		if slug, last := matchPhrase(toks, q); slug != "" && slug != blocked && slug != generic {
			end, isCategory = last, true
		}
		if end < 0 {
			end = columnPhrase(toks, q)
		}
		if end < 0 {
			return nil, false
		}
		if isCategory {
			kinds |= 1
		} else {
			kinds |= 2
		}
		cols = append(cols, cell{text: text[toks[q].start:toks[end].end], start: toks[q].start, end: toks[end].end})
		q = end + 1
	}
	return cols, kinds != 3
}

// columnPhrase returns the last token of a measure or period column
// header starting at toks[q] ("% change", "Last year", "2022/23", "YTD",
// "Detection rate", "Rank"), or -1.
func columnPhrase(toks []token, q int) int {
	w := func(i int) string {
		if i < len(toks) {
			return toks[i].norm
		}
		return ""
	}
	switch a := w(q); {
	case a == "%" && (w(q+1) == "change" || w(q+1) == "diff" || w(q+1) == "difference"):
		return q + 1
	case (a == "last" || a == "this" || a == "previous" || a == "current") && (w(q+1) == "year" || w(q+1) == "quarter" || w(q+1) == "month" || w(q+1) == "period"):
		return q + 1
	case a == "change" || a == "difference" || a == "variance" || a == "ytd" || a == "rank" || a == "target":
		if w(q+1) == "%" {
			return q + 1 // "Change %"
		}
		return q
	case (a == "detection" || a == "solved" || a == "sd" || a == "outcome") && w(q+1) == "rate":
		return q + 1
	case a == "year" && w(q+1) == "to" && w(q+2) == "date":
		return q + 2
	case toks[q].kind == numToken && len(toks[q].text) == 4 && (strings.HasPrefix(toks[q].text, "19") || strings.HasPrefix(toks[q].text, "20")):
		// "2015", "2022/23", "2022-23"
		if (w(q+1) == "/" || w(q+1) == "-") && q+2 < len(toks) && toks[q+2].kind == numToken && toks[q+1].start == toks[q].end {
			return q + 2
		}
		return q
	case len(a) == 2 && a[0] == 'q' && a[1] >= '1' && a[1] <= '4':
		return q
	}
	return -1
}

// spaceRow splits a row written with single spaces into its label and its
// last n values ("Fulham Broadway +58% +41%", "Burglary 1,020 884 -13%
// (136)"), or returns nil.
func spaceRow(text string, c cell, n int) []cell {
	toks := tokenize(nil, text, c.start, c.end)
	for i := 1; i < len(toks); i++ {
		if toks[i-1].kind == numToken || toks[i].kind != numToken && !isSignTok(toks[i]) && !isEmptyCell(toks[i].text) {
			continue
		}
		vals, ok := tableValues(text, toks, i)
		if !ok || len(vals) != n {
			continue
		}
		out := []cell{{text: text[toks[0].start:toks[i-1].end], start: toks[0].start, end: toks[i-1].end}}
		return append(out, vals...)
	}
	return nil
}

func isSignTok(t token) bool {
	switch t.text {
	case "+", "-", "–", "−":
		return true
	}
	return false
}

// tableValues reads toks[i:] as a run of table values, each a number
// with its sign, thousands groups, "%" and a count in brackets after it,
// or a dash for none.
func tableValues(text string, toks []token, i int) ([]cell, bool) {
	var out []cell
	for i < len(toks) {
		first := i
		if isEmptyCell(toks[i].text) && (i+1 == len(toks) || toks[i+1].start > toks[i].end) {
			out = append(out, cell{text: toks[i].text, start: toks[i].start, end: toks[i].end})
			i++
			continue
		}
		end, ok := tableNumber(toks, i)
		if !ok {
			return nil, false
		}
		i = end + 1
		if i+2 < len(toks) && toks[i].text == "(" {
			if e, ok := tableNumber(toks, i+1); ok && e+1 < len(toks) && toks[e+1].text == ")" {
				i = e + 2
			}
		}
		out = append(out, cell{text: text[toks[first].start:toks[i-1].end], start: toks[first].start, end: toks[i-1].end})
	}
	return out, true
}

// tableNumber returns the last token of a number starting at toks[i]:
// "+58%", "1,020", "-13.3%".
func tableNumber(toks []token, i int) (int, bool) {
	if i < len(toks) && isSignTok(toks[i]) {
		if i+1 >= len(toks) || toks[i+1].start != toks[i].end {
			return 0, false
		}
		i++
	}
	if i >= len(toks) || toks[i].kind != numToken {
		return 0, false
	}
	for i+2 < len(toks) && toks[i+1].text == "," && toks[i+1].start == toks[i].end && toks[i+2].kind == numToken &&
		toks[i+2].start == toks[i+1].end && len(toks[i+2].text) == 3 {
		i += 2
	}
	if i+1 < len(toks) && (toks[i+1].text == "%" || toks[i+1].norm == "percent") {
		i++
	}
	return i, true
}

// hasColumnHeader reports, cheaply, whether any line could be a table's
// header: a short line naming a column we read, or a line split by "|",
// tabs or runs of spaces, or a line ending in two values under a line
// that could name their columns.
func hasColumnHeader(text string, newlines []int) bool {
	return separated(text) || hasShortHeader(text, newlines)
}

// separated reports whether any line of text is split into cells: it
// holds a "|", a tab or a run of three spaces, the separators splitCells
// splits at. A separator in any line answers for the whole text: one
// search of the text for each costs less than three of every line.
func separated(text string) bool {
	return strings.IndexByte(text, '|') >= 0 || strings.IndexByte(text, '\t') >= 0 || strings.Contains(text, "   ")
}

// hasShortHeader reports whether a short line of text could be a header
// of one cell a line or written with single spaces.
func hasShortHeader(text string, newlines []int) bool {
	prevShort := false
	for k, start := 0, 0; start < len(text); k++ {
		end := len(text)
		if k < len(newlines) {
			end = newlines[k]
		}
		from := start
		start = end + 1
		// trimSpace trims what strings.TrimSpace does, on offsets.
		if end-from > 40 {
			// A long line is no header, and one that starts with a
			// letter or a digit (most) is not blank either.
			if c := text[from]; asciiClass[c] >= asciiLetter {
				prevShort = false
			} else if s, e := trimSpace(text, from, end); s < e {
				prevShort = false
			}
			continue
		}
		// A header one cell a line is a short line under another short
		// line (the label column's header); a header written with single
		// spaces is a short line of column names.
		s, e := trimSpace(text, from, end)
		trimmed := text[s:e]
		short := trimmed != ""
		if short && prevShort && mayBeKnownColumn(trimmed) && classifyColumn(trimmed).known {
			return true
		}
		if short && !strings.ContainsAny(trimmed, ".,;:") && spaceHeader(trimmed, cell{text: trimmed, start: 0, end: len(trimmed)}) != nil {
			return true
		}
		if trimmed != "" {
			prevShort = short
		}
	}
	return false
}
