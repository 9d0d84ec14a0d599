package cue

import (
	"slices"
	"strings"
)

// Index is a byte trie over every cue's lead literals. A draft is walked
// once from each word start, which finds, for every cue, the positions
// where one of its leads begins: the cue's regexp then runs anchored at
// those positions only.
//
// The trie is compacted (a node per lead end or branch, the bytes between
// on the edge) and held in a few flat arrays rather than a struct per
// node. Nodes are numbered breadth-first, so the children of node n are the
// consecutive nodes first[n] to first[n+1]-1, in byte order; node m's
// label, the bytes on the edge into it, is labels[labOff[m]:labOff[m+1]].
type Index struct {
	ncues  int32
	root   [128]int32 // the root's children by their label's first byte (ASCII), 0 when none
	first  []int32    // len nodes+1
	head   []byte     // each node's label's first byte
	labOff []int32    // len nodes+1
	labels string
	endOff []int32 // the cues whose lead ends at n: ends[endOff[n]:endOff[n+1]]
	ends   []int32
	// starts indexes the sentence cues' leads at a sentence's start (see
	// starts.go): walked from each sentence's start and first word
	// character only, not from every word. Nil in itself.
	starts *Index

	pending []leadOf // leads registered but not yet built into the trie
}

type leadOf struct {
	s  string
	id int32
}

// NewIndex indexes the leads of every cue of rules, which are then the
// index's: a Text prepared with it finds them. A rule's copies share its
// cues, so the caller's rules are the ones indexed. A rule left out (the
// situation's, read whole by HoldsIn) keeps its leads.
func NewIndex(rules []Rule) *Index {
	nleads := 0
	for _, r := range rules {
		for i := range r.cues {
			nleads += len(r.cues[i].indexLeads())
		}
	}
	ix, sx := newIndex(nleads), newIndex(0)
	for _, r := range rules {
		for i := range r.cues {
			c := &r.cues[i]
			ix.register(c)
			if st := c.start; st != nil {
				st.fid, st.sid = sx.add(st.first), sx.add(st.skipped)
			}
			r.probes[i] = c.probe()
		}
	}
	ix.finish()
	sx.finish()
	ix.starts = sx
	return ix
}

// add queues leads under a new id and returns it; -1 for no leads.
func (ix *Index) add(leads []string) int32 {
	if leads == nil {
		return -1
	}
	id := ix.ncues
	ix.ncues++
	for _, l := range leads {
		ix.pending = append(ix.pending, leadOf{l, id})
	}
	return id
}

// newIndex returns an empty index with room for nleads leads.
func newIndex(nleads int) *Index {
	return &Index{pending: make([]leadOf, 0, nleads)}
}

// register gives c an id and queues its leads; cues without leads are left
// alone (id -1). The index keeps the leads, so c's are dropped (a sentence
// cue keeps its word leads, in its startSet). Call finish once every cue
// is registered.
func (ix *Index) register(c *cue) {
	c.id = -1
	leads := c.indexLeads()
	if leads == nil {
		return
	}
	c.id = ix.add(leads)
	c.lead = nil
}

// indexLeads are the leads the index finds for c: its lead, or for a
// sentence cue the leads at a word start where its match can begin.
func (c *cue) indexLeads() []string {
	if c.start != nil {
		return c.start.word
	}
	return c.lead
}

// buildNode is a compacted trie node while the index is built: its label
// is leads[lead][from:to], to being its depth.
type buildNode struct {
	lead, from, to    int32
	child, next       int32 // first child, next sibling (by head); 0 for none (the root is no one's child)
	endFirst, endLast int32 // the leads ending here, linked through endNext; -1 for none
	head              byte  // the label's first byte
}

// finish builds the trie from the registered leads, inserting them one by
// one into a compacted trie (splitting an edge where a lead leaves it),
// then lays it out breadth-first with each node's children in byte order.
func (ix *Index) finish() {
	leads := ix.pending
	ix.pending = nil

	nodes := make([]buildNode, 1, 2*len(leads)+1)
	nodes[0] = buildNode{endFirst: -1, endLast: -1}
	var rootKids [256]int32
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
	// addLeaf adds a child to n, after prev among n's children (0: first),
	// for lead i from depth from on.
	addLeaf := func(n, prev, i, from int32) {
		l := buildNode{lead: i, from: from, to: int32(len(leads[i].s)), endFirst: -1, endLast: -1, head: leads[i].s[from]}
		leaf := int32(len(nodes))
		switch {
		case n == 0:
			rootKids[l.head] = leaf
		case prev == 0:
			l.next, nodes[n].child = nodes[n].child, leaf
		default:
			l.next, nodes[prev].next = nodes[prev].next, leaf
		}
		nodes = append(nodes, l)
		addEnd(leaf, i)
	}
	for i := range leads {
		s, li := leads[i].s, int32(i)
		n, d := int32(0), int32(0) // the node reached and its depth
		for {
			if int(d) == len(s) {
				addEnd(n, li)
				break
			}
			b := s[d]
			c, prev := int32(0), int32(0)
			if n == 0 {
				c = rootKids[b]
			} else {
				// Children are kept in byte order.
				for c = nodes[n].child; c != 0 && nodes[c].head < b; c = nodes[c].next {
					prev = c
				}
				if c != 0 && nodes[c].head != b {
					c = 0
				}
			}
			if c == 0 {
				addLeaf(n, prev, li, d)
				break
			}
			nd := nodes[c]
			lab := leads[nd.lead].s[nd.from:nd.to]
			k := 1 // the first byte matched
			for k < len(lab) && int(d)+k < len(s) && lab[k] == s[int(d)+k] {
				k++
			}
			if k < len(lab) {
				// The lead leaves c's edge: split it. c keeps its place as
				// the upper half; a new node takes the lower half, with c's
				// children and ends.
				low := nd
				low.from, low.next, low.head = nd.from+int32(k), 0, lab[k]
				nodes = append(nodes, low)
				nodes[c].to, nodes[c].child = nd.from+int32(k), int32(len(nodes)-1)
				nodes[c].endFirst, nodes[c].endLast = -1, -1
			}
			n, d = c, d+int32(k)
		}
	}

	// Breadth-first layout.
	order := make([]int32, 1, len(nodes))
	ix.first = make([]int32, len(nodes)+1)
	for q := 0; q < len(order); q++ {
		ix.first[q] = int32(len(order))
		if q == 0 {
			for _, c := range rootKids {
				if c != 0 {
					order = append(order, c)
				}
			}
			continue
		}
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
	size := 0
	for _, nd := range nodes {
		size += int(nd.to - nd.from)
	}
	labels.Grow(size)
	for q, b := range order {
		nd := &nodes[b]
		ix.labOff[q] = int32(labels.Len())
		if q > 0 {
			labels.WriteString(leads[nd.lead].s[nd.from:nd.to])
			ix.head[q] = nd.head
		}
		for e := nd.endFirst; e >= 0; e = endNext[e] {
			// Leads came by cue id: drop a cue's repeats.
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
func (ix *Index) child(n int32, b byte) int32 {
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
// occurs in lower, into cs (see candSet.sort).
func (ix *Index) candidates(lower string, cs *candSet) {
	pairs := cs.pairs[:0]
	prevWord := false
	for p := 0; p < len(lower); p++ {
		word := isWordByte(lower[p])
		if !word || prevWord {
			prevWord = word
			continue
		}
		prevWord = true
		pairs = ix.walk(lower, p, pairs)
	}
	cs.pairs = pairs
	cs.sort(ix.ncues)
}

// candidatesAt is candidates from the places ps (ascending) only.
func (ix *Index) candidatesAt(lower string, ps []int32, cs *candSet) {
	pairs := cs.pairs[:0]
	for _, p := range ps {
		pairs = ix.walk(lower, int(p), pairs)
	}
	cs.pairs = pairs
	cs.sort(ix.ncues)
}

// walk appends to pairs every lead that occurs at p in lower, with its
// cues.
func (ix *Index) walk(lower string, p int, pairs []pair) []pair {
	n, i := int32(0), p
	for i < len(lower) {
		m := ix.child(n, lower[i])
		if m < 0 {
			break
		}
		// The label's first byte is lower[i] (child found it by it):
		// compare the rest byte by byte, as labels are short.
		lab := ix.labels[ix.labOff[m]:ix.labOff[m+1]]
		if len(lower)-i < len(lab) {
			break
		}
		j := 1
		for j < len(lab) && lower[i+j] == lab[j] {
			j++
		}
		if j < len(lab) {
			break
		}
		n, i = m, i+len(lab)
		for _, id := range ix.ends[ix.endOff[n]:ix.endOff[n+1]] {
			pairs = append(pairs, pair{id, int32(p), int32(i - p)})
		}
	}
	return pairs
}

// candSet is where an index's leads occur in a text: the occurrences of
// cue id are cands[off[id]:off[id+1]], by ascending position, then length.
type candSet struct {
	pairs []pair
	off   []int32
	cands []cand
}

// sort counting-sorts pairs (in order of position) by cue into off and
// cands.
func (cs *candSet) sort(ncues int32) {
	cs.off = resize(cs.off, int(2*ncues+1)) // offsets, then fill counters
	clear(cs.off)
	off, fill := cs.off[:ncues+1], cs.off[ncues+1:]
	for _, pr := range cs.pairs {
		off[pr.id+1]++
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	c := resize(cs.cands, len(cs.pairs))
	for _, pr := range cs.pairs {
		c[off[pr.id]+fill[pr.id]] = cand{pr.p, pr.n}
		fill[pr.id]++
	}
	cs.cands = c
	cs.off = cs.off[:ncues+1]
}

type pair struct{ id, p, n int32 }

// Scratch is the working memory of NewText, reused from draft to draft
// (the checker pools it) so that preparing a draft allocates little.
type Scratch struct {
	grams   gramSet
	sgrams  []gramSet
	sfilled []bool
	// hits is Eval's arena, hitsWanted how many hits the last text had.
	hits       []Hit
	hitsWanted int
	leads      candSet // the lead index's candidates
	starts     candSet // the sentence-start index's
	startAt    []int32 // the places the latter is walked from
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
