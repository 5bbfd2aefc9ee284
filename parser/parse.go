package parser

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unsafe"
)

// Parse returns every figure in text, in the order they are written.
func Parse(text string, opts Options) []Figure {
	return parse(text, opts, nil)
}

// parse is Parse with rules switched off or observed by ctl.
func parse(text string, opts Options, ctl *control) []Figure {
	bufs := parseBufPool.Get().(*parseBufs)
	defer bufs.release()
	d := &bufs.doc
	d.start(text, opts, ctl)
	d.bits.read(text)
	bufs.newlines = d.bits.appendNewlines(bufs.newlines[:0])
	tables, spans := readTables(text, bufs.newlines, opts, ctl, &bufs.tables)
	bufs.sentences = appendSentences(bufs.sentences[:0], text, bufs.newlines, d.bits.stops)
	for _, s := range bufs.sentences {
		// The tables' spans are in order and apart, and so are the
		// sentences: those before the next span's end are passed.
		for len(spans) > 0 && spans[0][1] <= s.start {
			spans = spans[1:]
		}
		if len(spans) > 0 && spans[0][0] <= s.start {
			continue
		}
		d.sentence(s)
	}
	if len(d.figures)+len(tables) == 0 {
		return nil
	}
	// The figures are gathered in the pool's buffer and handed over in
	// a slice of their own, the size they need; a buffer grown past what
	// the pool keeps is handed over itself, and the pool goes without.
	var figs []Figure
	if cap(d.figures) > maxPooledFigures {
		figs, d.figures = append(d.figures, tables...), nil
	} else {
		figs = make([]Figure, 0, len(d.figures)+len(tables))
		figs = append(append(figs, d.figures...), tables...)
	}
	if len(tables) > 0 {
		sort.SliceStable(figs, func(a, b int) bool { return figs[a].Start < figs[b].Start })
	}
	return figs
}

// parseBufs are what a parse reads its text with, pooled for the next
// parse to reuse rather than allocate its own: the document, with the
// buffers it fills, the offsets of the text's newlines, the slice its
// sentences are cut into, and the lines the tables are read from.
type parseBufs struct {
	doc       document
	newlines  []int
	sentences []sentence
	tables    tableLines
}

var parseBufPool = sync.Pool{New: func() any {
	b := &parseBufs{}
	b.doc.toks = make([]token, 0, 64)
	b.doc.prevSlugOf, b.doc.prevTopicOf, b.doc.schemeOf = b.doc.prevSlug, b.doc.prevTopic, b.doc.passageScheme
	return b
}}

// release returns b to the pool, what holds text cleared first so that
// the pool holds on to none.
func (b *parseBufs) release() {
	d := &b.doc
	if poisonLowered {
		// Whatever still reads these bytes reads nonsense.
		for _, buf := range append(d.loweredBefore, d.lowered) {
			all := buf[:cap(buf)]
			for i := range all {
				all[i] = 0xff
			}
		}
	}
	d.loweredBefore = nil
	clear(d.figures[:cap(d.figures)])
	clear(d.toks[:cap(d.toks)])
	clear(d.prevToks[:cap(d.prevToks)])
	clear(d.mentions[:cap(d.mentions)])
	clear(d.schemeToks[:cap(d.schemeToks)])
	clear(d.passage[:cap(d.passage)])
	clear(d.periods[:cap(d.periods)])
	clear(d.places[:cap(d.places)])
	clear(d.periodsCut[:cap(d.periodsCut)])
	clear(d.view.readings[:cap(d.view.readings)])
	d.start("", Options{}, nil)
	b.tables.release()
	if cap(b.newlines) > maxPooledNewlines {
		b.newlines = nil // a text of very many lines keeps its own
	}
	if cap(d.bits.letters) > maxPooledBits {
		d.bits = textBits{} // and a long text its bits
	}
	parseBufPool.Put(b)
}

// buffers are the slices a parse fills, kept from parse to parse.
type buffers struct {
	figures []Figure
	// toks is reused from sentence to sentence, and prevToks for reading
	// the previous sentence again.
	toks, prevToks []token
	// nums and mentions hold a sentence's numbers and categories, reused
	// from sentence to sentence.
	nums     []number
	mentions []mention
	// schemeToks and otherMentions hold the tokens and categories of a
	// sentence read for its scheme alone.
	schemeToks    []token
	otherMentions []mention
	// lowered holds the sentences lower lower-cases, one after another,
	// and loweredBefore, as the tests keep them, the buffers it filled
	// before: see lower.
	lowered       []byte
	loweredBefore [][]byte
	// periods and places hold the period phrases and the places of the
	// sentence being read, reused from sentence to sentence.
	periods []periodMatch
	places  []place
	// periodsCut holds the period phrases before a figure's clause ends
	// (periodsBefore), reused from figure to figure.
	periodsCut []periodMatch
	// bits are the text's bytes classed a bit each (textBits), read once
	// a parse.
	bits textBits
	// passage holds the sentences read before the one being read, for the
	// scheme their passage is about: those that ended within
	// schemePassage of it, and some before.
	passage []passageSentence
}

// start readies d to read text: everything of the parse before is gone
// but its buffers, emptied, and the functions made of d's methods.
func (d *document) start(text string, opts Options, ctl *control) {
	b, prevSlugOf, prevTopicOf, schemeOf := d.buffers, d.prevSlugOf, d.prevTopicOf, d.schemeOf
	*d = document{text: text, opts: opts, ctl: ctl, prevSlugOf: prevSlugOf, prevTopicOf: prevTopicOf, schemeOf: schemeOf,
		view: d.view.emptied()}
	d.buffers = buffers{figures: b.figures[:0], toks: b.toks[:0], prevToks: b.prevToks[:0], nums: b.nums[:0],
		mentions: b.mentions[:0], schemeToks: b.schemeToks[:0], otherMentions: b.otherMentions[:0], lowered: b.lowered[:0],
		loweredBefore: b.loweredBefore[:0], periods: b.periods[:0], places: b.places[:0], periodsCut: b.periodsCut[:0], passage: b.passage[:0],
		bits: b.bits}
}

// lower returns text[start:end] lower-cased by asciiLower, written in
// d.lowered after the sentences lowered before it rather than in a string
// of its own: the buffer is the pool's, reused from parse to parse, so
// that a parse lowers its sentences allocating nothing. The string lives
// as long as the parse: nothing of it may outlast it. Tokens' norms, the
// period patterns and every lookup read it; a figure's fields are cut
// from the text as written, or are names and slugs of the parser's own,
// and the tests, which overwrite the buffer after each parse
// (poisonLowered), fail on any figure that is not.
func (d *document) lower(start, end int) string {
	s := d.text[start:end]
	if firstCapital(s) < 0 {
		return s
	}
	// A sentence that does not fit goes in a new buffer, the strings made
	// before staying on the old one, which nothing writes to again.
	if len(d.lowered)+len(s) > cap(d.lowered) {
		if poisonLowered {
			d.loweredBefore = append(d.loweredBefore, d.lowered)
		}
		d.lowered = make([]byte, 0, max(loweredBuffer, len(s)))
	}
	at := len(d.lowered)
	d.lowered = d.lowered[:at+len(s)]
	b := lowerInto(d.lowered[at:], s)
	return unsafe.String(&b[0], len(b))
}

// poisonLowered has release overwrite a parse's lowered sentences, as the
// tests set it: a figure that holds any of them then reads 0xff bytes.
var poisonLowered bool

// maxPooledNewlines is the most newlines the pool's buffer keeps room for.
const maxPooledNewlines = 1 << 18

// maxPooledBits is the most words of a text's bits the pool's buffers keep
// room for, those of a text of 16 MB (8 MB of bits, four classes of a bit
// a byte): a longer text makes its own.
const maxPooledBits = 1 << 18

// maxPooledFigures is the most figures the pool's buffer keeps room for.
const maxPooledFigures = 1024

// loweredBuffer is the size of a buffer of lowered sentences: most
// minutes lower theirs in one.
const loweredBuffer = 64 << 10

// document carries what one sentence of a text tells the next: the last
// category named, the period a lead line sets for its bullets, the ward a
// heading sets for what follows.
type document struct {
	text string
	opts Options
	ctl  *control
	// units are the Divisions, Districts and Regions the text names, by
	// kind, found when a figure is "in the Division".
	units map[string]string
	// prevFigures is how many figures the sentence before gave.
	prevFigures int

	leadPeriod string
	// leadSign is the direction a lead line gives the items under it
	// ("Reductions were seen in:"): -1, 1, or 0 for none.
	leadSign    int
	sectionArea string
	inWards     bool
	// bcu is the command unit the minutes name, force the police force
	// area, and centres the town and city centres, in order: each found
	// in a search of the whole text, made only once a figure asks for it.
	bcu     lazy[string]
	force   lazy[string]
	centres lazy[[]namedCentre]

	// prev is the previous sentence, read again only when a sentence
	// refers back to it.
	prev sentence
	// view is the sentence being read, reused from sentence to sentence;
	// prevSlugOf is d.prevSlug, made once.
	view       view
	prevSlugOf func() string
	// prevTopicOf is d.prevTopic, and schemeOf d.passageScheme, made once.
	prevTopicOf func() string
	schemeOf    func() string
	// at is where the sentence being read starts.
	at int
	// buffers are the slices the parse fills, the pool's.
	buffers
	// lastPlace is the last place a sentence with figures named, what a
	// later "there" means.
	lastPlace    string
	lastPlaceEnd int
	// bounds is the period periodBounds read last, and its bounds.
	bounds struct {
		period, start, end string
		ok                 bool
	}
}

func (d *document) sentence(s sentence) {
	before := len(d.figures)
	d.at = s.start
	defer func() { d.prev, d.prevFigures = s, len(d.figures)-before }()
	if !s.lead && !d.bits.mayHoldFigure(d.text, s.start, s.end) {
		switch {
		case !s.heading:
			if s.lineStart && !s.bullet {
				d.leadPeriod, d.leadSign = "", 0
			}
			d.notePassage(s, nil, false)
			return
		case !d.inWards && !mayEndWithWard(d.text[s.start:s.end]):
			// A heading that holds no figure and names no ward, in no
			// list of wards: all it can tell is the scheme it names.
			d.notePassage(s, nil, false)
			return
		}
	}
	// The sentence lower-cased once serves its words and its periods.
	low := d.lower(s.start, s.end)
	toks := d.tokenize(d.toks[:0], low, s.start, s.end)
	d.toks = toks
	// mult is the sentence's first multiplier or fraction, found with
	// its numbers for the tests here and the view's reading of them.
	var mult int
	d.nums, mult = readNumbers(d.nums, toks)
	nums := d.nums
	if len(nums) == 0 && !s.heading && !s.lead && mult == len(toks) {
		if s.lineStart && !s.bullet {
			d.leadPeriod, d.leadSign = "", 0
		}
		d.notePassage(s, nil, false)
		return
	}
	d.mentions = appendMentions(d.mentions, toks)
	mentions := d.mentions
	defer d.notePassage(s, mentions, true)
	// periods are the sentence's period phrases, found here for a lead
	// line and by emit for any other.
	var periods []periodMatch

	switch {
	case s.heading:
		if w := wardHeading(toks); w != "" {
			d.sectionArea, d.inWards = w, true
		} else if d.inWards && looksLikeName(toks, mentions) {
			d.sectionArea = sourceSpan(toks, 0, len(toks)-1)
		}
	case s.lead:
		d.leadPeriod = ""
		periods = appendPeriods(d.periods[:0], d.text, low, s.start, s.end)
		d.periods = periods
		if len(periods) > 0 {
			d.leadPeriod = periods[len(periods)-1].text
		}
		d.leadSign = leadDirection(toks)
	case s.lineStart && !s.bullet:
		d.leadPeriod, d.leadSign = "", 0
	}

	if nums := d.numbers(s, toks, nums, mentions); (len(nums) > 0 || mult < len(toks)) && (readBareNumbers || !bareNumber(toks)) {
		v := &d.view
		v.reset(d.text, toks, mentions, nums, d.prevSlugOf, d.ctl)
		v.multipliersFrom = mult
		v.prevTopic, v.schemeOf = d.prevTopicOf, d.schemeOf
		v.bullet = s.bullet
		if !d.opts.MeetingDate.IsZero() {
			v.meetingYear = d.opts.MeetingDate.Year()
		}
		if !s.lead {
			v.leadSign = d.leadSign
		}
		d.emit(s, low, periods, v, v.read())
	}
}

// mayEndWithWard reports whether the heading s could end on the word
// "ward" or "wards", as a heading naming a ward does (wardHeading): false
// only for one whose last byte is an ASCII letter and that ends on
// neither.
func mayEndWithWard(s string) bool {
	n := len(s)
	if n == 0 || !isLetterByte(s[n-1]) {
		return true
	}
	return endsFold(s, "ward") || endsFold(s, "wards")
}

// endsFold reports whether s ends with the lower-case ASCII suffix, in
// either case.
func endsFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// leadDirection returns the way a lead line says the items under it moved:
// -1 for "Reductions in:", 1 for "Increases were seen in:", 0 when it says
// neither or both.
func leadDirection(toks []token) int {
	sign := 0
	for i := range toks {
		t := &toks[i]
		w := t.norm
		if w == "more" || w == "less" || w == "below" || w == "above" {
			continue
		}
		if (w == "up" || w == "down") && (i == 0 || !directionVerbs.has(toks[i-1].norm)) {
			continue // "up to", "set up", "down to"
		}
		s := 0
		switch {
		case fallWords.has(w):
			s = -1
		case riseWords.has(w):
			s = 1
		}
		if s != 0 && sign != 0 && s != sign {
			return 0
		}
		if s != 0 {
			sign = s
		}
	}
	return sign
}

// directionVerbs before "up" or "down" make it a direction: "gone down".
var directionVerbs = newWordSet(map[string]bool{"gone": true, "went": true, "go": true, "going": true, "come": true,
	"came": true, "are": true, "is": true, "were": true, "was": true})

// passageSentence is a sentence read before the one being read, for the
// scheme the passage after it is about: the last it names, or "". Of a
// sentence read for no figure the scheme is found only when asked (read
// is false until then): few sentences are asked it.
type passageSentence struct {
	start, end int
	scheme     string
	read       bool
	// heading is set for a heading, read for the scheme it names
	// whatever it says.
	heading bool
}

// notePassage records sentence s, read, for the scheme of the passage
// after it: read is set for a sentence read for figures, whose mentions
// are its categories.
func (d *document) notePassage(s sentence, mentions []mention, read bool) {
	if d.ctl != nil && d.ctl.passed != nil {
		d.ctl.passed(s, mentions, read)
	}
	p := passageSentence{start: s.start, end: s.end, read: read, heading: s.heading}
	if read {
		p.scheme = lastScheme(mentions)
	}
	if len(d.passage) == cap(d.passage) {
		// The sentences no later one reaches are let go before the
		// slice grows.
		k := 0
		for k < len(d.passage) && s.start-d.passage[k].end > schemePassage {
			k++
		}
		d.passage = append(d.passage[:0], d.passage[k:]...)
	}
	d.passage = append(d.passage, p)
}

// lastScheme returns the last crime-prevention scheme among mentions, or "".
func lastScheme(mentions []mention) string {
	scheme := ""
	for _, m := range mentions {
		if m.slug == "online_watch_link" || m.slug == "neighbourhood_watch" {
			scheme = m.slug
		}
	}
	return scheme
}

// schemePassage is how far past its last naming a scheme stays the
// subject of the passage.
const schemePassage = 1200

// passageScheme returns the scheme the passage of the sentence being read
// is about, or "": the last one named by a sentence before it, if that
// sentence ended within schemePassage of this one's start.
func (d *document) passageScheme() string {
	scheme := d.lookBackForScheme()
	if d.ctl != nil && d.ctl.asked != nil {
		d.ctl.asked(d.at, scheme)
	}
	return scheme
}

// lookBackForScheme is passageScheme, unobserved.
func (d *document) lookBackForScheme() string {
	for i := len(d.passage) - 1; i >= 0; i-- {
		p := &d.passage[i]
		if d.at-p.end > schemePassage {
			return "" // and so did every sentence before it
		}
		if !p.read {
			p.scheme, p.read = d.schemeNamedIn(p.start, p.end, p.heading), true
		}
		if p.scheme != "" {
			return p.scheme
		}
	}
	return ""
}

// schemeNamedIn returns the last scheme a sentence read for no figure,
// text[start:end], names ("Neighbourhood Watch schemes were designed to
// ..."), or "". Only a sentence that says "Watch" or "OWL" is read for
// it, but a heading.
func (d *document) schemeNamedIn(start, end int, heading bool) string {
	if s := d.text[start:end]; !heading && !strings.Contains(s, "atch") && !strings.Contains(s, "OWL") {
		return ""
	}
	d.schemeToks = d.tokenize(d.schemeToks[:0], d.lower(start, end), start, end)
	d.otherMentions = appendMentions(d.otherMentions, d.schemeToks)
	return lastScheme(d.otherMentions)
}

// prevTopic returns the category the previous sentence was about, for a
// count that names none ("92 incidents had been reported"): the last it
// named, if it gave a figure or had no number at all (a sentence that
// introduces a topic); "" after one whose numbers were no figures
// ("Burglary victims received 120 visits").
func (d *document) prevTopic() string {
	if d.prevFigures == 0 && strings.ContainsAny(d.text[d.prev.start:d.prev.end], "0123456789") {
		return ""
	}
	return d.prevSlug()
}

// prevSlug returns the last category the previous sentence named, or "".
func (d *document) prevSlug() string {
	if d.prev.end <= d.prev.start {
		return ""
	}
	d.prevToks = d.tokenize(d.prevToks[:0], d.lower(d.prev.start, d.prev.end), d.prev.start, d.prev.end)
	mentions := findMentions(d.prevToks)
	generic := ""
	for k := len(mentions) - 1; k >= 0; k-- {
		switch m := mentions[k]; {
		case m.slug == blocked:
		case m.generic:
			generic = m.slug
		default:
			return m.slug
		}
	}
	return generic
}

// emit turns a sentence's readings into figures with their area, period
// and quote. low is the sentence lower-cased; periods are its period
// phrases if it is a lead line, which has them found already.
func (d *document) emit(s sentence, low string, periods []periodMatch, v *view, rs []reading) {
	if len(rs) == 0 {
		return
	}
	// A category's name is no place: "Theft of Motor Vehicle".
	places := appendPlaces(d.places[:0], v.toks)
	d.places = places
	kept := places[:0]
	for _, p := range places {
		if m := v.mentionAt(p.first); m < 0 || v.mentions[m].slug == blocked {
			kept = append(kept, p)
		}
	}
	places = d.resolveThere(kept)
	if !s.lead {
		periods = appendPeriods(d.periods[:0], d.text, low, s.start, s.end)
		d.periods = periods
	}
	base := len(d.figures)
	// figureOf maps each reading to the index of its figure, or -1.
	figureOf := make([]int, len(rs))
	for i := range figureOf {
		figureOf[i] = -1
	}
	for i, r := range rs {
		f := Figure{Category: r.slug, Measure: r.measure, Value: r.value, Rule: r.rule}
		if math.IsNaN(f.Value) || math.IsInf(f.Value, 0) {
			continue
		}
		first, last := r.first, r.last
		f.Start, f.End = v.toks[first].start, v.toks[last].end
		f.Quote = d.text[f.Start:f.End]
		numStart, numEnd := f.Start, f.End
		nFirst, nLast := first, last
		if r.num >= 0 {
			n := v.nums[r.num]
			numStart, numEnd = v.toks[n.first].start, v.toks[n.last].end
			nFirst, nLast = n.first, n.last
		}
		if i > 0 && r.inherit && len(d.figures) > base {
			p := d.figures[len(d.figures)-1]
			f.Area, f.Period = p.Area, p.Period
		} else {
			// A place past another category's name belongs to that
			// category's figure: "…, and theft from the person in Woolwich
			// town centre".
			other := func(j int) bool {
				if v.isKeptNumber(j) && (r.num < 0 || j != v.nums[r.num].core) {
					return true // "164 thefts, 61 of them in Cheam ward"
				}
				m := v.mentionAt(j)
				return m >= 0 && v.mentions[m].slug != r.slug && v.mentions[m].slug != blocked && !v.mentions[m].generic
			}
			f.Area = areaFor(v.toks, places, nFirst, nLast, other)
			f.Area = d.resolveArea(f.Area, f.Start)
			f.Period = periodFor(periodsBefore(&d.periodsCut, periods, v, rs, i), numStart, numEnd)
		}
		// The second of a pair ("1,561 crimes last year compared to 1,420
		// this year") is of the first's place unless its clause names one.
		if f.Area == "" && len(d.figures) > base {
			if p := d.figures[len(d.figures)-1]; p.Category == f.Category && p.Measure == f.Measure {
				f.Area = p.Area
			}
		}
		if f.Area == "" {
			f.Area = d.sectionArea
		}
		if f.Area == "" {
			f.Area = d.opts.Ward
		}
		if f.Area == "" {
			f.Area = d.opts.Borough
		}
		if f.Period == "" {
			f.Period = d.leadPeriod
		}
		if r.previous && f.Period == "" {
			f.Period = "previous period"
		}
		f.PeriodStart, f.PeriodEnd = d.periodBounds(f.Period)
		// "fallen by a quarter (–25%)" says one figure twice, in words
		// and in digits (words are read last); two numbers of the same
		// value are two figures.
		if r.num < 0 && dup(d.figures[base:], f) {
			continue
		}
		// "Of the 6 burglaries, 4 were attempts": a count told again as
		// "the N", shortly after the figure it repeats, is that figure.
		if r.num >= 0 && v.word(v.nums[r.num].first-1) == "the" && dup(d.figures[max(0, base-recentFigures):base], f) {
			continue
		}
		figureOf[i] = len(d.figures)
		d.figures = append(d.figures, f)
	}
	d.widenTotals(v, rs, figureOf, places)
	for _, p := range places {
		if p.name != "" && p.name[0] != 0 {
			d.lastPlace, d.lastPlaceEnd = p.name, s.end
		}
	}
}

// earlierOfPair names the rules that read the second of a pair of
// figures, compared with the first.
var earlierOfPair = newWordSet(map[string]bool{ruleCountComparedSecond: true, ruleCountBracketEarlier: true, ruleRateBracketEarlier: true})

// periodsBefore returns the periods that reading i of rs may take. A
// figure compared with the next ("112 burglaries compared to 146 in the
// same period last year", "73.6% (68.9% in 2022/23)") takes none the
// comparison names after the second number, which are the second's; and
// none takes a period after a clause that starts something else ("ASB was
// down by 17%, and that the order would be reviewed in 2024"). Those it
// keeps of fewer than all are written in *buf, which it grows.
func periodsBefore(buf *[]periodMatch, periods []periodMatch, v *view, rs []reading, i int) []periodMatch {
	if rs[i].num < 0 {
		return periods
	}
	cut := -1
	for j := v.nums[rs[i].num].last + 1; j < len(v.toks); j++ {
		if w := v.word(j); w == ";" || w == "that" && (v.word(j-1) == "and" || v.word(j-1) == ",") || v.isClauseBreak(j) {
			cut = v.toks[j].start
			break
		}
	}
	if i+1 < len(rs) && earlierOfPair.has(rs[i+1].rule) && rs[i+1].num >= 0 {
		second := v.nums[rs[i+1].num].first
		for j := second - 1; j >= 0 && j >= second-5; j-- {
			if v.toks[j].text == "(" {
				second = j // "9.1% (last year 7.4%)": the bracket is the second's
				break
			}
		}
		if c := v.toks[second].start; cut < 0 || c < cut {
			cut = c
		}
	}
	if cut < 0 {
		return periods
	}
	out := (*buf)[:0]
	for _, p := range periods {
		if p.start < cut {
			out = append(out, p)
		}
	}
	*buf = out
	return out
}

// periodBounds is periodBounds(p), remembered for the period asked for
// last: the figures of a sentence, and of a passage, mostly share one.
func (d *document) periodBounds(p string) (string, string) {
	if p != d.bounds.period || !d.bounds.ok {
		d.bounds.start, d.bounds.end = periodBounds(p)
		d.bounds.period, d.bounds.ok = p, true
	}
	return d.bounds.start, d.bounds.end
}

// resolveThere names the place each "there" of a sentence stands for: the
// last place named before it in the sentence, else the last the sentence
// before named. A "there" that stands for none is dropped.
func (d *document) resolveThere(places []place) []place {
	out := places[:0]
	last := ""
	if d.lastPlaceEnd == d.prev.end && d.prev.end > 0 {
		last = d.lastPlace
	}
	for _, p := range places {
		if p.name == areaThere {
			if last == "" {
				continue
			}
			p.name = last
		} else if p.name != "" && p.name[0] != 0 {
			last = p.name
		}
		out = append(out, p)
	}
	return out
}

// widenTotals applies the rule "N offences ... with M taking place in
// <borough>": the first count is of a wider area than the borough, the
// command unit the minutes name when they name one.
func (d *document) widenTotals(v *view, rs []reading, figureOf []int, places []place) {
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		if a.measure != Count || b.measure != Count || a.slug != b.slug || figureOf[i-1] < 0 || figureOf[i] < 0 {
			continue
		}
		fa, fb := &d.figures[figureOf[i-1]], &d.figures[figureOf[i]]
		if fb.Area != d.opts.Borough || fa.Area != d.opts.Borough || d.opts.Borough == "" {
			continue
		}
		if !placeBetween(places, a.last, v.nums[b.num].last+8, d.opts.Borough) {
			continue
		}
		for j := a.last + 1; j < v.nums[b.num].first; j++ {
			if w := v.word(j); w == "with" || w == "including" || w == "of" && v.word(j+1) == "which" {
				bcu := d.bcu.get(d.text, firstCommandUnit)
				if bcu == "" {
					return // no command unit is named: the totals stay the borough's
				}
				fa.Area = bcu
				break
			}
		}
	}
}

// placeBetween reports whether one of places lies in tokens (a, b] and is
// the named place.
func placeBetween(places []place, a, b int, name string) bool {
	for _, p := range places {
		if p.first > a && p.first <= b && p.name == name {
			return true
		}
	}
	return false
}

// numbers returns the numbers of a sentence that could be figures: not part
// of a category's name ("MOPAC 7", "Class 1-4 crimes"), nor an item number
// opening a line ("119 Burglary and Vehicle Crime Update Report").
func (d *document) numbers(s sentence, toks []token, all []number, mentions []mention) []number {
	out := all[:0]
	for _, n := range all {
		inName := false
		for _, m := range mentions {
			if m.first <= n.core && n.core <= m.last {
				inName = true
				break
			}
		}
		if inName {
			continue
		}
		if s.lineStart && n.first == 0 && !n.percent && n.core+1 < len(toks) &&
			toks[n.core+1].kind == wordToken && capitalised(toks[n.core+1].text) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// bareNumber reports whether a sentence is a number and a full stop and
// nothing more, as agenda items are numbered ("1.", "12."): no rule reads
// a figure from one, every rule needing a word beside its number or a
// reading before it in the sentence, and none is walked through them
// all. TestBareNumbersReadNothing reads them in every context of the
// labelled minutes and finds nothing.
func bareNumber(toks []token) bool {
	return len(toks) == 2 && toks[0].kind == numToken && toks[1].kind == punctToken && toks[1].text == "."
}

// readBareNumbers has a parse read bare numbers as any other sentence, as
// TestBareNumbersReadNothing sets it to see that nothing comes of them.
var readBareNumbers bool

// isMultiplier reports whether the lower-case word w is a multiplier or a
// fraction.
func isMultiplier(w string) bool {
	if !mayBeMultiplier(w) {
		return false
	}
	_, ok := multiplierWords[w]
	if !ok {
		_, ok = fractionWords[w]
	}
	return ok
}

// firstCommandUnit returns the first police command unit the text names
// ("North West BCU"), or "".
func firstCommandUnit(text string) string {
	var buf [32]token
	toks := buf[:0]
	for at := 0; ; {
		i := strings.Index(text[at:], "BCU")
		if i < 0 {
			return ""
		}
		i += at
		// The name is a few words before "BCU": read just those.
		start := runeStart(text, max(0, i-64))
		toks = tokenize(toks[:0], text, start, i+3)
		if len(toks) > 0 {
			if p, ok := commandUnit(toks, len(toks)-1); ok {
				return p.name
			}
		}
		at = i + 3
	}
}

// recentFigures is how far back a figure told again as "the N" is looked
// for.
const recentFigures = 20

// dup reports whether figs already hold the same figure.
func dup(figs []Figure, f Figure) bool {
	for _, g := range figs {
		if g.Category == f.Category && g.Measure == f.Measure && g.Value == f.Value && g.Area == f.Area {
			return true
		}
	}
	return false
}

// resolveArea turns the placeholders areaFor returns into names, and a
// short form of the borough's own name ("Southend" in Southend-on-Sea's
// minutes) into its name.
func (d *document) resolveArea(a string, at int) string {
	if b := d.opts.Borough; b != "" && a != "" && len(a) < len(b) && strings.HasPrefix(b, a) && (b[len(a)] == ' ' || b[len(a)] == '-') {
		return b
	}
	switch {
	case a == areaBorough:
		return d.opts.Borough
	case a == areaWard:
		return d.opts.Ward
	case a == areaNation:
		return nationOf(d.opts.Borough)
	case a == areaBCU:
		return d.bcu.get(d.text, firstCommandUnit)
	case strings.HasPrefix(a, areaUnit):
		kind := strings.TrimPrefix(a, areaUnit)
		// "the Bradford District" in Bradford's minutes is Bradford.
		if u := d.namedUnit(kind); u != "" && u != d.opts.Borough+" "+kind {
			return u
		}
		return d.opts.Borough
	case a == areaForce:
		if force := d.force.get(d.text, namedForce); force != "" {
			return force
		}
		return d.opts.Borough // the minutes name no force: the borough's figure then
	case strings.HasPrefix(a, areaCentre+" "):
		if c := d.centreBefore(at); c != "" {
			return c
		}
		if d.opts.Borough == "" {
			return ""
		}
		return d.opts.Borough + strings.TrimPrefix(a, areaCentre)
	}
	return a
}

// namedUnit returns the first Division, District or Region (kind) the text
// names ("the Kilkenny/Carlow Division"), or "", remembered per kind.
func (d *document) namedUnit(kind string) string {
	if u, ok := d.units[kind]; ok {
		return u
	}
	if d.units == nil {
		d.units = map[string]string{}
	}
	d.units[kind] = ""
	for at := 0; ; {
		i := strings.Index(d.text[at:], " "+kind)
		if i < 0 {
			break
		}
		i += at + 1
		toks := tokenize(nil, d.text, runeStart(d.text, max(0, i-64)), min(len(d.text), i+len(kind)))
		if k := len(toks) - 1; k > 0 && toks[k].text == kind {
			if p, ok := namedBefore(toks, k, 4, " "+kind); ok {
				d.units[kind] = p.name
				break
			}
		}
		at = i + len(kind)
	}
	return d.units[kind]
}

// namedForce returns the police force area the text names with "Police"
// or "Constabulary" after it ("West Midlands Police"), or "".
func namedForce(text string) string {
	// The next "Police" and the next "Constabulary" are each searched for
	// once and kept until passed, so that the text is scanned once however
	// often it says "Police" and however far away its "Constabulary" is.
	police, constabulary := nextIndex(text, "Police", 0), nextIndex(text, "Constabulary", 0)
	var buf [32]token
	toks := buf[:0]
	for police >= 0 || constabulary >= 0 {
		i := police
		if constabulary >= 0 && (i < 0 || constabulary < i) {
			i = constabulary
			constabulary = nextIndex(text, "Constabulary", i+len("Constabulary"))
		} else {
			police = nextIndex(text, "Police", i+len("Police"))
		}
		toks = tokenize(toks[:0], text, runeStart(text, max(0, i-40)), i)
		for k := range toks {
			if name, last := matchName(forceTrie, toks, k); name != "" && last == len(toks)-1 {
				return name
			}
		}
	}
	return ""
}

// lazy is what a search of the whole text finds, made the first time it
// is asked for: most minutes never ask.
type lazy[T any] struct {
	v    T
	done bool
}

// get returns find(text), finding it on the first call only.
func (l *lazy[T]) get(text string, find func(string) T) T {
	if !l.done {
		l.v, l.done = find(text), true
	}
	return l.v
}

// nextIndex returns the offset of the first s in text at or after at, or -1.
func nextIndex(text, s string, at int) int {
	if at > len(text) {
		return -1
	}
	if i := index(text[at:], s); i >= 0 {
		return at + i
	}
	return -1
}

// namedCentre is a town or city centre named in the text, and where.
type namedCentre struct {
	name string
	at   int
}

// namedCentres returns the town and city centres the text names ("Ilford
// town centre"), in order.
func namedCentres(text string) []namedCentre {
	var out []namedCentre
	var buf [32]token
	toks := buf[:0]
	// "town centre" and "city centre" are searched for apart, by their
	// rarer letters ("w", "y"), and taken in the order of the text: a
	// search for "centre" stops at every "c".
	town, city := nextIndex(text, "town centre", 0), nextIndex(text, "city centre", 0)
	for town >= 0 || city >= 0 {
		var kind string
		var i int // the offset of "centre"
		if town >= 0 && (city < 0 || town < city) {
			kind, i = "town centre", town+len("town ")
			town = nextIndex(text, "town centre", town+len("town centre"))
		} else {
			kind, i = "city centre", city+len("city ")
			city = nextIndex(text, "city centre", city+len("city centre"))
		}
		at := i + len("centre")
		toks = tokenize(toks[:0], text, runeStart(text, max(0, i-45)), at)
		if len(toks) < 3 {
			continue
		}
		if p, ok := namedBefore(toks, len(toks)-2, 3, " "+kind); ok {
			out = append(out, namedCentre{name: p.name, at: i - len(kind) + len("centre")})
		}
	}
	return out
}

// centreBefore returns the centre named last before offset at, or the first
// named after it, or "".
func (d *document) centreBefore(at int) string {
	// The centres are in the order of the text.
	centres := d.centres.get(d.text, namedCentres)
	k := sort.Search(len(centres), func(k int) bool { return centres[k].at > at })
	name := ""
	if k > 0 {
		name = centres[k-1].name
	}
	if name == "" && k < len(centres) {
		return centres[k].name
	}
	return name
}
