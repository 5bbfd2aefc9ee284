package parser

// wordTrie maps sequences of words (phrases, place names) to a value, so
// that the longest one starting at a token is found in one walk.
type wordTrie struct {
	next map[string]*wordTrie
	// value is set where a sequence ends.
	value string
}

func newWordTrie() *wordTrie { return &wordTrie{next: map[string]*wordTrie{}} }

// add records words as one sequence with value.
func (t *wordTrie) add(words []string, value string) {
	n := t
	for _, w := range words {
		child, ok := n.next[w]
		if !ok {
			child = newWordTrie()
			n.next[w] = child
		}
		n = child
	}
	n.value = value
}
