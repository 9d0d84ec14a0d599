package check

import (
	"slices"
	"strings"
	"sync"
)

// leadIndex is a byte trie over every cue's lead literals. A draft is walked
// once from each word start, which finds, for every cue, the positions
// where one of its leads begins: the cue's regexp then runs anchored at
// those positions only.
//
// The trie is a few flat arrays rather than a node per struct: its nodes
// are numbered breadth-first, so the children of node n are the
// consecutive nodes first[n] to first[n+1]-1, in byte order, and label[m]
// is the byte on the edge into m. Building it sorts the leads and numbers
// the nodes level by level, with no per-node allocation.
type leadIndex struct {
	ncues  int32
	root   [128]int32 // the root's children by ASCII byte, 0 when none
	first  []int32    // len nodes+1
	label  []byte     // len nodes
	endOff []int32    // the cues whose lead ends at n: ends[endOff[n]:endOff[n+1]]
	ends   []int32

	pending []leadOf // leads registered but not yet built into the trie
}

type leadOf struct {
	s  string
	id int32
}

func newLeadIndex() *leadIndex { return &leadIndex{} }

// register gives c an id and queues its leads; cues without leads are left
// alone (id -1). The index keeps the leads, so c's are dropped. Call finish
// once every cue is registered.
func (ix *leadIndex) register(c *cue) {
	c.id = -1
	if c.lead == nil {
		return
	}
	c.id = ix.ncues
	ix.ncues++
	for _, l := range c.lead {
		ix.pending = append(ix.pending, leadOf{l, c.id})
	}
	c.lead = nil
}

// finish builds the trie from the registered leads.
func (ix *leadIndex) finish() {
	leads := ix.pending
	ix.pending = nil
	slices.SortFunc(leads, func(a, b leadOf) int {
		if c := strings.Compare(a.s, b.s); c != 0 {
			return c
		}
		return int(a.id - b.id)
	})
	leads = slices.Compact(leads)
	// Every distinct prefix of a lead is a node: count them to allocate
	// the arrays once.
	size, prev := 1, ""
	for _, l := range leads {
		k := 0
		for k < len(prev) && k < len(l.s) && prev[k] == l.s[k] {
			k++
		}
		size += len(l.s) - k
		prev = l.s
	}
	type span struct{ lo, hi, depth int32 } // the leads below a node
	spans := make([]span, 1, size)
	spans[0] = span{0, int32(len(leads)), 0}
	ix.label = make([]byte, 1, size)
	ix.first = make([]int32, 0, size+1)
	ix.endOff = make([]int32, 1, size+1)
	ix.ends = make([]int32, 0, len(leads))
	// Breadth-first: spans grows as nodes are numbered, and node n's
	// children are numbered while n is visited.
	for n := 0; n < len(spans); n++ {
		sp := spans[n]
		ix.first = append(ix.first, int32(len(spans)))
		i, d := sp.lo, sp.depth
		// Sorted, so the leads that end here come first, by cue id.
		for ; i < sp.hi && len(leads[i].s) == int(d); i++ {
			if k := len(ix.ends); k == int(ix.endOff[n]) || ix.ends[k-1] != leads[i].id {
				ix.ends = append(ix.ends, leads[i].id)
			}
		}
		ix.endOff = append(ix.endOff, int32(len(ix.ends)))
		for i < sp.hi {
			b := leads[i].s[d]
			j := i + 1
			for j < sp.hi && leads[j].s[d] == b {
				j++
			}
			if n == 0 && b < 128 {
				ix.root[b] = int32(len(spans))
			}
			spans = append(spans, span{i, j, d + 1})
			ix.label = append(ix.label, b)
			i = j
		}
	}
	ix.first = append(ix.first, int32(len(spans)))
	ix.ends = slices.Clip(ix.ends)
}

// linearFrom is the child count from which next searches a node's sorted
// children by bisection rather than one by one.
const linearFrom = 8

func (ix *leadIndex) next(n int32, b byte) int32 {
	if n == 0 {
		if b < 128 && ix.root[b] != 0 {
			return ix.root[b]
		}
		if b < 128 {
			return -1
		}
	}
	lo, hi := ix.first[n], ix.first[n+1]
	if hi-lo < linearFrom {
		for m := lo; m < hi; m++ {
			if ix.label[m] == b {
				return m
			}
		}
		return -1
	}
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		if ix.label[m] < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < ix.first[n+1] && ix.label[lo] == b {
		return lo
	}
	return -1
}

// cand is one place a cue's lead occurs: at byte p, n bytes long.
type cand struct{ p, n int32 }

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
			for _, id := range ix.ends[ix.endOff[n]:ix.endOff[n+1]] {
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
