package check

import "sync"

// leadIndex is a byte trie over every cue's lead literals. A draft is walked
// once from each word start, which finds, for every cue, the positions
// where one of its leads begins: the cue's regexp then runs anchored at
// those positions only.
type leadIndex struct {
	nodes []trieNode
	ncues int32
	root  [128]int32 // the root's children by ASCII byte, 0 when none
}

type trieNode struct {
	edges []trieEdge
	dense []int32 // for nodes with many edges: child by ASCII byte, 0 when none
	ends  []int32 // cue ids whose lead ends here
}

// denseFrom is the edge count from which a node gets a lookup table.
const denseFrom = 6

type trieEdge struct {
	b  byte
	to int32
}

func newLeadIndex() *leadIndex { return &leadIndex{nodes: []trieNode{{}}} }

// register gives c an id and adds its leads; cues without leads are left
// alone (id -1).
func (ix *leadIndex) register(c *cue) {
	c.id = -1
	if c.lead == nil {
		return
	}
	c.id = ix.ncues
	ix.ncues++
	for _, l := range c.lead {
		n := int32(0)
		for i := 0; i < len(l); i++ {
			n = ix.child(n, l[i])
		}
		if k := len(ix.nodes[n].ends); k == 0 || ix.nodes[n].ends[k-1] != c.id {
			ix.nodes[n].ends = append(ix.nodes[n].ends, c.id)
		}
	}
}

func (ix *leadIndex) child(n int32, b byte) int32 {
	for _, e := range ix.nodes[n].edges {
		if e.b == b {
			return e.to
		}
	}
	ix.nodes = append(ix.nodes, trieNode{})
	to := int32(len(ix.nodes) - 1)
	ix.nodes[n].edges = append(ix.nodes[n].edges, trieEdge{b, to})
	if n == 0 && b < 128 {
		ix.root[b] = to
	}
	return to
}

func (ix *leadIndex) next(n int32, b byte) int32 {
	if n == 0 {
		if b < 128 && ix.root[b] != 0 {
			return ix.root[b]
		}
		return -1
	}
	if d := ix.nodes[n].dense; d != nil {
		if b < 128 && d[b] != 0 {
			return d[b]
		}
		return -1
	}
	for _, e := range ix.nodes[n].edges {
		if e.b == b {
			return e.to
		}
	}
	return -1
}

// cand is one place a cue's lead occurs: at byte p, n bytes long.
type cand struct{ p, n int32 }

// finish gives busy nodes a lookup table; call it once all leads are in.
func (ix *leadIndex) finish() {
	for i := range ix.nodes {
		nd := &ix.nodes[i]
		if len(nd.edges) < denseFrom {
			continue
		}
		ascii := true
		for _, e := range nd.edges {
			ascii = ascii && e.b < 128
		}
		if !ascii {
			continue
		}
		nd.dense = make([]int32, 128)
		for _, e := range nd.edges {
			nd.dense[e.b] = e.to
		}
	}
}

// candidates finds every (cue, word start) where one of the cue's leads
// occurs in lower. It fills sc.off and sc.cands, counting-sorted by cue: the
// occurrences of cue id are sc.cands[sc.off[id]:sc.off[id+1]], by ascending
// position, then length.
func (ix *leadIndex) candidates(lower string, sc *scratch) {
	pairs := sc.pairs[:0]
	for p := 0; p < len(lower); p++ {
		if !isWordByte(lower[p]) || p > 0 && isWordByte(lower[p-1]) {
			continue
		}
		n := int32(0)
		for i := p; i < len(lower); i++ {
			if n = ix.next(n, lower[i]); n < 0 {
				break
			}
			for _, id := range ix.nodes[n].ends {
				pairs = append(pairs, pair{id, int32(p), int32(i + 1 - p)})
			}
		}
	}
	sc.pairs = pairs
	sc.off = resize(sc.off, int(2*ix.ncues+1)) // offsets, then fill counters
	clear(sc.off)
	off, fill := sc.off[:ix.ncues+1], sc.off[ix.ncues+1:]
	for _, pr := range pairs {
		off[pr.id+1]++
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	cs := resize(sc.cands, len(pairs))
	for _, pr := range pairs {
		cs[off[pr.id]+fill[pr.id]] = cand{pr.p, pr.n}
		fill[pr.id]++
	}
	sc.cands = cs
}

type pair struct{ id, p, n int32 }

// scratch is the per-Check working memory, pooled so that checking a draft
// allocates little.
type scratch struct {
	pairs []pair
	off   []int32
	cands []cand
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
