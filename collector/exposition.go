package collector

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

// MetricsHandler returns the handler of /metrics: it serves what
// c.Gatherer(reg) gathers as promhttp.HandlerFor(c.Gatherer(reg), opts)
// would, with the same content negotiation (format, escaping scheme and
// compression), headers and error handling.
//
//	reg.MustRegister(c)
//	http.Handle("/metrics", c.MetricsHandler(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError, EnableOpenMetrics: true}))
//
// The figure families change only when a snapshot is swapped in, so they
// are encoded once per snapshot and format, on the first scrape that asks
// for that format or, for the formats scraped before, as the snapshot is
// swapped in, and compressed once for gzip; a scrape then gathers and
// encodes only reg's families (the self-metrics, which change between
// scrapes) and writes them around the ready bytes. For gzip, the figure
// families are a run of deflate blocks ending on a byte boundary (a sync
// flush), which the self-metrics' blocks follow in the same gzip member.
//
// The rare requests the cached bytes cannot serve go to promhttp over
// c.Gatherer(reg) as a whole: those that filter families (name[]), that
// negotiate a compression other than gzip or identity (zstd, if offered:
// by default when the binary links promhttp's support for it), and scrapes in which reg
// gathers a family whose name sorts among the figure families' (a clash,
// which promhttp reports). So do all of them when opts ask for what
// promhttp does around a scrape (a Registry for its error counter,
// CoalesceGather, MaxRequestsInFlight, Timeout).
func (c *Collector) MetricsHandler(reg prometheus.Gatherer, opts promhttp.HandlerOpts) http.Handler {
	whole := promhttp.HandlerFor(c.Gatherer(reg), opts)
	if opts.Registry != nil || opts.CoalesceGather || opts.MaxRequestsInFlight > 0 || opts.Timeout > 0 {
		return whole
	}
	h := &metricsHandler{c: c, reg: reg, opts: opts, whole: whole, formats: opts.AcceptedFormats}
	if len(h.formats) == 0 {
		h.formats = expfmt.DefaultAcceptedFormats()
		if opts.EnableOpenMetrics {
			h.formats = expfmt.DefaultOpenMetricsAcceptedFormats()
		}
	}
	if opts.EnableOpenMetricsTextCreatedSamples {
		h.encOpts = append(h.encOpts, expfmt.WithCreatedLines())
	}
	if !opts.DisableCompression {
		offers := opts.OfferedCompressions
		if len(offers) == 0 {
			// promhttp's defaults.
			offers = []promhttp.Compression{promhttp.Identity, promhttp.Gzip}
			if zstdLinked() {
				offers = append(offers, promhttp.Zstd)
			}
		}
		for _, o := range offers {
			h.compressions = append(h.compressions, string(o))
		}
	}
	c.onSwap(h.warm)
	return h
}

// zstdLinked reports whether promhttp compresses with zstd in this binary
// (whether its zstd package is linked in), asking it to.
func zstdLinked() bool {
	h := promhttp.HandlerFor(prometheus.NewRegistry(), promhttp.HandlerOpts{
		OfferedCompressions: []promhttp.Compression{promhttp.Zstd},
	})
	w := &headerOnly{header: http.Header{}}
	h.ServeHTTP(w, &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/metrics"},
		Header: http.Header{"Accept-Encoding": {string(promhttp.Zstd)}}})
	return w.header.Get("Content-Encoding") == string(promhttp.Zstd)
}

// headerOnly is a ResponseWriter that keeps the header and drops the rest.
type headerOnly struct{ header http.Header }

func (w *headerOnly) Header() http.Header         { return w.header }
func (w *headerOnly) WriteHeader(int)             {}
func (w *headerOnly) Write(p []byte) (int, error) { return len(p), nil }

// metricsHandler is the handler MetricsHandler returns.
type metricsHandler struct {
	c            *Collector
	reg          prometheus.Gatherer
	opts         promhttp.HandlerOpts
	whole        http.Handler // promhttp over c.Gatherer(reg)
	formats      []expfmt.Format
	encOpts      []expfmt.EncoderOption
	compressions []string // offered, in order of preference
	// cache holds the figure families encoded for the latest snapshot
	// scraped.
	cache atomic.Pointer[expositionCache]
}

// expositionCache is the figure families of a snapshot, encoded in each
// format asked for so far.
type expositionCache struct {
	snap    *snapshot
	mu      sync.Mutex
	formats map[expfmt.Format]*exposition
	// sizes are those of the previous snapshot's expositions, by format:
	// the next are much the same size.
	sizes map[expfmt.Format]sizes
}

// sizes are the sizes of an exposition, uncompressed and deflated; 0 if
// not made.
type sizes struct{ text, deflated int }

// exposition is a snapshot's figure families in one format, encoded on
// first use and never changed after.
type exposition struct {
	once sync.Once
	// text is the families encoded, in name order, with nothing to close
	// them (no "# EOF"); crc is its CRC-32 (IEEE).
	text []byte
	crc  uint32
	err  error // what encoding them failed on; text is then not served

	deflateOnce sync.Once
	// deflated is text compressed: deflate blocks, none final, ending on
	// a byte boundary.
	deflated []byte

	// textSize and deflatedSize are len(text) and len(deflated), once
	// they are made.
	textSize, deflatedSize atomic.Int64
	hint                   sizes // of the previous snapshot's, if any
}

func (h *metricsHandler) ServeHTTP(rsp http.ResponseWriter, req *http.Request) {
	if req.URL != nil && len(req.URL.Query()["name[]"]) > 0 {
		h.whole.ServeHTTP(rsp, req)
		return
	}
	encoding := string(promhttp.Identity)
	if len(h.compressions) > 0 {
		encoding = negotiateContentEncoding(req.Header, h.compressions)
		if encoding == string(promhttp.Zstd) {
			h.whole.ServeHTTP(rsp, req)
			return
		}
	}

	// The self-metrics first, then the snapshot, as Gatherer does.
	theirs, err := h.reg.Gather()
	snap := h.c.snap.Load()
	before, after, ok := splitAround(theirs, snap.families)
	if !ok {
		h.whole.ServeHTTP(rsp, req)
		return
	}
	if snap.familiesErr != nil {
		err = errors.Join(err, snap.familiesErr)
	}
	if !h.opts.ProcessStartTime.IsZero() {
		rsp.Header().Set("Process-Start-Time-Unix", strconv.FormatInt(h.opts.ProcessStartTime.Unix(), 10))
	}
	if err != nil {
		h.logf("error gathering metrics:", err)
		switch h.opts.ErrorHandling {
		case promhttp.PanicOnError:
			panic(err)
		case promhttp.ContinueOnError:
			if len(theirs)+len(snap.families) == 0 {
				httpError(rsp, err)
				return
			}
		default:
			httpError(rsp, err)
			return
		}
	}

	format := expfmt.NegotiateAccept(req.Header, h.formats...)
	ex := h.exposition(snap, format)
	if ex.err != nil {
		// Served, and the failure reported, as promhttp would.
		h.whole.ServeHTTP(rsp, req)
		return
	}

	rsp.Header().Add("Vary", "Accept")
	if len(h.compressions) > 0 {
		rsp.Header().Add("Vary", "Accept-Encoding")
	}
	rsp.Header().Set("Content-Type", string(format))
	switch encoding {
	case string(promhttp.Gzip):
		rsp.Header().Set("Content-Encoding", encoding)
		h.writeGzip(rsp, format, ex, before, after)
	case string(promhttp.Identity):
		h.writeIdentity(rsp, format, ex, before, after)
	default:
		// Refused or unknown: promhttp serves it uncompressed.
		h.logf("error getting writer", fmt.Errorf("content compression format not recognized: %s. Valid formats are: %s", encoding, h.compressions))
		h.writeIdentity(rsp, format, ex, before, after)
	}
}

// splitAround splits theirs, the families gathered from the registry, into
// those whose names sort before the figure families' and those that sort
// after, each in name order; ok is false if a name sorts among them or is
// one of them.
func splitAround(theirs, figures []*dto.MetricFamily) (before, after []*dto.MetricFamily, ok bool) {
	theirs = slices.Clone(theirs)
	slices.SortFunc(theirs, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
	if len(figures) == 0 {
		return nil, theirs, true
	}
	first, last := figures[0].GetName(), figures[len(figures)-1].GetName()
	i, _ := slices.BinarySearchFunc(theirs, first, func(mf *dto.MetricFamily, name string) int { return strings.Compare(mf.GetName(), name) })
	before, after = theirs[:i], theirs[i:]
	if len(after) > 0 && after[0].GetName() <= last {
		return nil, nil, false
	}
	return before, after, true
}

// exposition returns snap's figure families encoded in format, encoding
// them if this is the first scrape to ask.
func (h *metricsHandler) exposition(snap *snapshot, format expfmt.Format) *exposition {
	cache := h.cache.Load()
	if cache == nil || cache.snap != snap {
		fresh := &expositionCache{snap: snap, formats: map[expfmt.Format]*exposition{}, sizes: map[expfmt.Format]sizes{}}
		if cache != nil {
			cache.mu.Lock()
			for f, ex := range cache.formats {
				fresh.sizes[f] = sizes{int(ex.textSize.Load()), int(ex.deflatedSize.Load())}
			}
			cache.mu.Unlock()
		}
		if h.cache.CompareAndSwap(cache, fresh) {
			cache = fresh
		} else if cache = h.cache.Load(); cache == nil || cache.snap != snap {
			cache = fresh // a scrape of another snapshot got in first: encode for this one alone
		}
	}
	cache.mu.Lock()
	ex := cache.formats[format]
	if ex == nil {
		ex = &exposition{hint: cache.sizes[format]}
		cache.formats[format] = ex
	}
	cache.mu.Unlock()
	ex.once.Do(func() {
		var b bytes.Buffer
		b.Grow(ex.hint.text + ex.hint.text/16)
		enc := expfmt.NewEncoder(&b, format, h.encOpts...)
		for _, mf := range snap.families {
			if err := enc.Encode(mf); err != nil {
				ex.err = err
				return
			}
		}
		ex.text = trimmed(b.Bytes())
		ex.crc = crc32.ChecksumIEEE(ex.text)
		ex.textSize.Store(int64(len(ex.text)))
	})
	return ex
}

// warm encodes snap, just swapped in, in each format scraped from the
// snapshot before it, and compresses it where that was: the scrape after
// a refresh then costs what every other does. Before any scrape there is
// nothing to warm.
func (h *metricsHandler) warm(snap *snapshot) {
	old := h.cache.Load()
	if old == nil || old.snap == snap {
		return
	}
	old.mu.Lock()
	formats := make(map[expfmt.Format]bool, len(old.formats))
	for f, ex := range old.formats {
		formats[f] = ex.deflatedSize.Load() > 0
	}
	old.mu.Unlock()
	for f, deflated := range formats {
		if ex := h.exposition(snap, f); ex.err == nil && deflated {
			ex.deflate()
		}
	}
}

// deflate returns ex.deflated, compressing ex.text if no scrape has yet.
func (ex *exposition) deflate() []byte {
	ex.deflateOnce.Do(func() {
		var b bytes.Buffer
		if ex.hint.deflated > 0 {
			b.Grow(ex.hint.deflated + ex.hint.deflated/16)
		} else {
			b.Grow(len(ex.text) / 16)
		}
		fw := flatePool.Get().(*flate.Writer)
		defer flatePool.Put(fw)
		fw.Reset(&b)
		fw.Write(ex.text) // a bytes.Buffer does not fail
		fw.Flush()        // a sync flush: the blocks end on a byte boundary
		ex.deflated = trimmed(b.Bytes())
		ex.deflatedSize.Store(int64(len(ex.deflated)))
	})
	return ex.deflated
}

// trimmed returns b, or a copy of it that holds no more memory than it
// needs if b holds much more: it is kept as long as its snapshot is
// served.
func trimmed(b []byte) []byte {
	if cap(b)-len(b) > len(b)/8 {
		return bytes.Clone(b)
	}
	return b
}

// writeIdentity writes the exposition uncompressed: before, the figure
// families, after, and what closes the format.
func (h *metricsHandler) writeIdentity(w io.Writer, format expfmt.Format, ex *exposition, before, after []*dto.MetricFamily) {
	enc := expfmt.NewEncoder(w, format, h.encOpts...)
	if h.encode(enc, before) {
		return
	}
	if _, err := w.Write(ex.text); h.failed(err) {
		return
	}
	if h.encode(enc, after) {
		return
	}
	h.close(enc)
}

// writeGzip writes the exposition as one gzip member: the self-metrics
// before the figure families compressed at this scrape, the figure
// families' blocks compressed once per snapshot, and the self-metrics
// after them compressed at this scrape, with the final block.
func (h *metricsHandler) writeGzip(w io.Writer, format expfmt.Format, ex *exposition, before, after []*dto.MetricFamily) {
	deflated := ex.deflate()
	fw := flatePool.Get().(*flate.Writer)
	defer flatePool.Put(fw)
	fw.Reset(w)
	sum := &crcWriter{w: fw}
	enc := expfmt.NewEncoder(sum, format, h.encOpts...)
	if _, err := w.Write(gzipHeader); h.failed(err) {
		return
	}
	if len(before) > 0 {
		if h.encode(enc, before) {
			return
		}
		if h.failed(fw.Flush()) {
			return
		}
		sum.crc = crc32.Update(sum.crc, crc32.IEEETable, ex.text)
	} else {
		sum.crc = ex.crc
	}
	sum.n += uint32(len(ex.text)) // the size modulo 2³², as gzip has it
	if _, err := w.Write(deflated); h.failed(err) {
		return
	}
	// A new compressor: the blocks that follow must not refer back into
	// data they did not compress.
	fw.Reset(w)
	if h.encode(enc, after) {
		return
	}
	if h.close(enc) {
		return
	}
	if h.failed(fw.Close()) {
		return
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], sum.crc)
	binary.LittleEndian.PutUint32(trailer[4:], sum.n)
	_, err := w.Write(trailer[:])
	h.failed(err)
}

// gzipHeader is the header compress/gzip writes for a member with no name,
// comment or time, compressed at the default level.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// flatePool holds compressors at gzip's default level, as promhttp's gzip
// writers are.
var flatePool = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, flate.DefaultCompression)
	return fw
}}

// crcWriter passes what it is given to w, summing it for a gzip trailer.
type crcWriter struct {
	w   io.Writer
	crc uint32
	n   uint32
}

func (s *crcWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.crc = crc32.Update(s.crc, crc32.IEEETable, p[:n])
	s.n += uint32(n)
	return n, err
}

// encode encodes mfs with enc, and reports whether to stop.
func (h *metricsHandler) encode(enc expfmt.Encoder, mfs []*dto.MetricFamily) bool {
	for _, mf := range mfs {
		if h.failed(enc.Encode(mf)) {
			return true
		}
	}
	return false
}

// close closes enc (for OpenMetrics, the "# EOF" line), and reports whether
// it failed in a way that stops the response.
func (h *metricsHandler) close(enc expfmt.Encoder) bool {
	if c, ok := enc.(expfmt.Closer); ok {
		return h.failed(c.Close())
	}
	return false
}

// failed handles an error encoding or sending the response as promhttp
// does under opts.ErrorHandling, and reports whether to stop.
func (h *metricsHandler) failed(err error) bool {
	if err == nil {
		return false
	}
	h.logf("error encoding and sending metric family:", err)
	switch h.opts.ErrorHandling {
	case promhttp.PanicOnError:
		panic(err)
	case promhttp.HTTPErrorOnError:
		return true
	}
	return false
}

func (h *metricsHandler) logf(what string, err error) {
	if h.opts.ErrorLog != nil {
		h.opts.ErrorLog.Println(what, err)
	}
}

// httpError answers a scrape that failed before anything was written, as
// promhttp does.
func httpError(rsp http.ResponseWriter, err error) {
	rsp.Header().Del("Content-Encoding")
	http.Error(rsp, "An error has occurred while serving metrics:\n\n"+err.Error(), http.StatusInternalServerError)
}

// negotiateContentEncoding returns the offer, of those given in order of
// preference, that the request's Accept-Encoding accepts with the highest
// quality, as promhttp chooses: "identity" if the header accepts none and
// refuses none, "" if the best it names has a quality of 0.
func negotiateContentEncoding(header http.Header, offers []string) string {
	best, bestQ := "identity", -1.0
	specs := parseAcceptEncoding(header.Values("Accept-Encoding"))
	for _, offer := range offers {
		for _, s := range specs {
			if s.q > bestQ && (s.value == "*" || s.value == offer) {
				best, bestQ = offer, s.q
			}
		}
	}
	if bestQ == 0 {
		return ""
	}
	return best
}

type acceptSpec struct {
	value string
	q     float64
}

// parseAcceptEncoding parses Accept-Encoding headers as promhttp does: a
// list of tokens, each with an optional quality; the rest of a header
// after something else is ignored.
func parseAcceptEncoding(headers []string) []acceptSpec {
	var specs []acceptSpec
	for _, s := range headers {
		for {
			var spec acceptSpec
			spec.value, s = token(s)
			if spec.value == "" {
				break
			}
			spec.q = 1
			s = strings.TrimLeft(s, " \t\r\n")
			if strings.HasPrefix(s, ";") {
				s = strings.TrimLeft(s[1:], " \t\r\n")
				if !strings.HasPrefix(s, "q=") {
					break
				}
				spec.q, s = quality(s[2:])
				if spec.q < 0 {
					break
				}
			}
			specs = append(specs, spec)
			s = strings.TrimLeft(s, " \t\r\n")
			if !strings.HasPrefix(s, ",") {
				break
			}
			s = strings.TrimLeft(s[1:], " \t\r\n")
		}
	}
	return specs
}

// token returns the token (RFC 7230, or '/') that s starts with, and the
// rest.
func token(s string) (tok, rest string) {
	i := 0
	for ; i < len(s); i++ {
		b := s[i]
		if b != '/' && (b <= ' ' || b >= 0x7f || strings.IndexByte("\"(),:;<=>?@[\\]{}", b) >= 0) {
			break
		}
	}
	return s[:i], s[i:]
}

// quality reads the quality value s starts with: -1 if there is none.
func quality(s string) (q float64, rest string) {
	switch {
	case s == "":
		return -1, ""
	case s[0] == '0':
		q = 0
	case s[0] == '1':
		q = 1
	default:
		return -1, ""
	}
	s = s[1:]
	if !strings.HasPrefix(s, ".") {
		return q, s
	}
	s = s[1:]
	i, n, d := 0, 0, 1
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
		d *= 10
	}
	return q + float64(n)/float64(d), s[i:]
}
