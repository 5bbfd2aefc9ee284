package collector

import (
	"runtime"
	"sync"
	"time"
)

// A refresh stores documents through a pipeline of three stages, so that
// parsing, which wants every core, goes on while the store writes:
//
//	read ──► parse (parseWorkers goroutines) ──► write (one goroutine)
//
// The read stage is the source's Fetch (or, to parse stored documents
// again, the store's texts): it hands each document that needs work to
// the parse stage in order. The parse stage turns documents into text and
// figures on several goroutines at once. The write stage takes their
// results in the order they were read, whichever goroutine finished
// first, so that what is stored, document ids included, never depends on
// scheduling; and it stores them many to a transaction (see
// maxBatchDocuments), each document whole with its figures.

// parseWorkers is how many documents are parsed at once.
func parseWorkers() int { return runtime.GOMAXPROCS(0) }

// Batches of the write stage: a transaction is committed once it holds
// maxBatchDocuments documents or maxBatchBytes of text, or once its first
// document has waited maxBatchDelay, so that a slow source's documents are
// not held back for long. A commit has a fixed cost that 100 documents
// spread thin; larger batches would hold more in memory, and leave more
// work undone by a crash, for little more.
const (
	maxBatchDocuments = 100
	maxBatchBytes     = 16 << 20
	maxBatchDelay     = time.Second
)

// inOrder is the parse stage: it runs work on each item put to it on
// parseWorkers goroutines, and yields the results in the order the items
// were put. Up to a batch of results (maxBatchDocuments) wait to be
// taken: so many that the workers go on parsing the next batch while the
// write stage commits one, and no more, so that a write stage that falls
// behind holds back the read stage rather than filling memory.
type inOrder[T, R any] struct {
	jobs chan orderedJob[T, R]
	// results has the channel of each item's result, in the order of
	// the items.
	results chan chan R
	workers sync.WaitGroup
}

type orderedJob[T, R any] struct {
	item T
	out  chan R
}

// newInOrder starts the workers of a parse stage running work.
func newInOrder[T, R any](work func(T) R) *inOrder[T, R] {
	n := parseWorkers()
	p := &inOrder[T, R]{
		jobs:    make(chan orderedJob[T, R], n),
		results: make(chan chan R, maxBatchDocuments),
	}
	p.workers.Add(n)
	for range n {
		go func() {
			defer p.workers.Done()
			for j := range p.jobs {
				j.out <- work(j.item)
			}
		}()
	}
	return p
}

// put hands item to the workers; it blocks while the stage is full.
func (p *inOrder[T, R]) put(item T) {
	out := make(chan R, 1)
	p.results <- out
	p.jobs <- orderedJob[T, R]{item, out}
}

// close says no more items will be put: once the results of those put are
// taken, the channel results ends, and the workers stop.
func (p *inOrder[T, R]) close() {
	close(p.jobs)
	close(p.results)
}

// batcher is the write stage: it collects results and writes them with
// flush when the batch is full or its first result has waited
// maxBatchDelay. Once a flush fails it writes no more, but goes on taking
// results, so that the stages before it end.
type batcher[R any] struct {
	flush func([]R) error
	size  func(R) int // bytes a result adds to its batch
	batch []R
	bytes int

	mu  sync.Mutex
	err error // the first flush's error
}

// failure returns the error of the flush that failed, or nil.
func (b *batcher[R]) failure() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// run takes the results of a parse stage in order and writes them in
// batches, until the stage is closed and every result is written.
func (b *batcher[R]) run(results <-chan chan R) {
	timer := time.NewTimer(maxBatchDelay)
	timer.Stop()
	for {
		select {
		case out, ok := <-results:
			if !ok {
				b.write()
				return
			}
			b.add(<-out)
			if len(b.batch) == 1 {
				timer.Reset(maxBatchDelay)
			}
		case <-timer.C:
			b.write()
		}
	}
}

func (b *batcher[R]) add(r R) {
	b.batch = append(b.batch, r)
	b.bytes += b.size(r)
	if len(b.batch) >= maxBatchDocuments || b.bytes >= maxBatchBytes {
		b.write()
	}
}

// write flushes what the batch holds, if anything.
func (b *batcher[R]) write() {
	if len(b.batch) == 0 {
		return
	}
	if b.failure() == nil {
		if err := b.flush(b.batch); err != nil {
			b.mu.Lock()
			b.err = err
			b.mu.Unlock()
		}
	}
	clear(b.batch) // let the written documents go
	b.batch, b.bytes = b.batch[:0], 0
}
