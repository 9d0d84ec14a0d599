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
// The trie is compacted (a node per lead end or branch, the bytes between
// on the edge) and held in a few flat arrays rather than a struct per
// node. Nodes are numbered breadth-first, so the children of node n are the
// consecutive nodes first[n] to first[n+1]-1, in byte order; node m's
// label, the bytes on the edge into it, is labels[labOff[m]:labOff[m+1]].
type leadIndex struct {
	ncues  int32
	root   [128]int32 // the root's children by their label's first byte (ASCII), 0 when none
	first  []int32    // len nodes+1
	head   []byte     // each node's label's first byte
	labOff []int32    // len nodes+1
	labels string
	endOff []int32 // the cues whose lead ends at n: ends[endOff[n]:endOff[n+1]]
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

// buildNode is a compacted trie node while the index is built: its label
// is leads[lead].s[from:to], to being its depth.
type buildNode struct {
	lead, from, to    int32
	child, last, next int32 // first and last child, next sibling; 0 for none (the root is no one's child)
	endFirst, endLast int32 // the leads ending here, linked through endNext; -1 for none
}

// finish builds the trie from the registered leads: sorted, each lead
// shares with the one before it a prefix that is a path from the root, so
// one pass with a stack builds the compacted trie (as a suffix tree is
// built from a suffix array), and a breadth-first pass lays it out.
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

	nodes := make([]buildNode, 1, 2*len(leads)+1)
	nodes[0] = buildNode{endFirst: -1, endLast: -1}
	endNext := make([]int32, len(leads))
	addEnd := func(n, i int32) {
		endNext[i] = -1
		if nodes[n].endFirst < 0 {
			nodes[n].endFirst = i
		} else {
			endNext[nodes[n].endLast] = i
		}
		nodes[n].endLast = i
	}
	addChild := func(n, c int32) {
		if nodes[n].child == 0 {
			nodes[n].child = c
		} else {
			nodes[nodes[n].last].next = c
		}
		nodes[n].last = c
	}
	stack := []int32{0} // the path to the last lead's node
	prev := ""
	for i, l := range leads {
		k := int32(0)
		for int(k) < len(prev) && int(k) < len(l.s) && prev[k] == l.s[k] {
			k++
		}
		prev = l.s
		popped := int32(-1)
		for nodes[stack[len(stack)-1]].to > k {
			popped, stack = stack[len(stack)-1], stack[:len(stack)-1]
		}
		if top := stack[len(stack)-1]; nodes[top].to < k {
			// The shared prefix ends inside popped's edge: split it.
			// popped (top's last child) keeps its place as the upper half;
			// a new node takes its lower half, children and ends.
			low := nodes[popped]
			low.from, low.next = k, 0
			nodes = append(nodes, low)
			nodes[popped].to, nodes[popped].endFirst, nodes[popped].endLast = k, -1, -1
			nodes[popped].child, nodes[popped].last = 0, 0
			addChild(popped, int32(len(nodes)-1))
			stack = append(stack, popped)
		}
		top := stack[len(stack)-1]
		if int(k) == len(l.s) {
			addEnd(top, int32(i))
			continue
		}
		nodes = append(nodes, buildNode{lead: int32(i), from: k, to: int32(len(l.s)), endFirst: -1, endLast: -1})
		leaf := int32(len(nodes) - 1)
		addChild(top, leaf)
		addEnd(leaf, int32(i))
		stack = append(stack, leaf)
	}

	// Breadth-first layout.
	order := make([]int32, 1, len(nodes))
	ix.first = make([]int32, len(nodes)+1)
	for q := 0; q < len(order); q++ {
		ix.first[q] = int32(len(order))
		for c := nodes[order[q]].child; c != 0; c = nodes[c].next {
			order = append(order, c)
		}
	}
	ix.first[len(nodes)] = int32(len(nodes))
	ix.head = make([]byte, len(nodes))
	ix.labOff = make([]int32, len(nodes)+1)
	ix.endOff = make([]int32, len(nodes)+1)
	ix.ends = make([]int32, 0, len(leads))
	var labels strings.Builder
	for q, b := range order {
		nd := &nodes[b]
		ix.labOff[q] = int32(labels.Len())
		if q > 0 {
			lab := leads[nd.lead].s[nd.from:nd.to]
			labels.WriteString(lab)
			ix.head[q] = lab[0]
		}
		for e := nd.endFirst; e >= 0; e = endNext[e] {
			// Equal leads are adjacent and by cue id: drop repeats.
			if k := len(ix.ends); k == int(ix.endOff[q]) || ix.ends[k-1] != leads[e].id {
				ix.ends = append(ix.ends, leads[e].id)
			}
		}
		ix.endOff[q+1] = int32(len(ix.ends))
	}
	ix.labOff[len(nodes)] = int32(labels.Len())
	ix.labels = labels.String()
	ix.ends = slices.Clip(ix.ends)
	for m := ix.first[0]; m < ix.first[1]; m++ {
		if ix.head[m] < 128 {
			ix.root[ix.head[m]] = m
		}
	}
}

// linearFrom is the child count from which child searches a node's sorted
// children by bisection rather than one by one.
const linearFrom = 8

// child returns n's child whose label starts with b, or -1.
func (ix *leadIndex) child(n int32, b byte) int32 {
	if n == 0 && b < 128 {
		if m := ix.root[b]; m != 0 {
			return m
		}
		return -1
	}
	lo, hi := ix.first[n], ix.first[n+1]
	if hi-lo < linearFrom {
		for m := lo; m < hi; m++ {
			if ix.head[m] == b {
				return m
			}
		}
		return -1
	}
	end := hi
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		if ix.head[m] < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < end && ix.head[lo] == b {
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
		n, i := int32(0), p
		for i < len(lower) {
			m := ix.child(n, lower[i])
			if m < 0 {
				break
			}
			lab := ix.labels[ix.labOff[m]:ix.labOff[m+1]]
			if len(lower)-i < len(lab) || lower[i:i+len(lab)] != lab {
				break
			}
			n, i = m, i+len(lab)
			for _, id := range ix.ends[ix.endOff[n]:ix.endOff[n+1]] {
				pairs = append(pairs, pair{id, int32(p), int32(i - p)})
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
