package rewrite

import (
	"math/bits"
	"slices"
)

// A keyGroup is grams one of which a text holds whenever it holds what a
// need needs, with how common they are likely to be together (the sum of
// their weights: see gramsOf).
type keyGroup struct {
	grams  []uint32
	weight int
}

// maxGroups is how many key groups a need is indexed under at most: a
// text must hold a gram of each to be checked further.
const maxGroups = 3

// groups returns the key groups of n, the rarest first; none when there
// are none to name (a class, or nothing needed).
func (n *need) groups() []keyGroup {
	switch n.kind {
	case needNever:
		return []keyGroup{{}} // (no gram holds it: never named)
	case needGrams:
		// Every trigram of a literal is in a text that holds it.
		var gs []keyGroup
		for i, g := range n.grams {
			gs = append(gs, keyGroup{[]uint32{g}, n.weights[i]})
		}
		return rarest(gs)
	case needAny:
		var any keyGroup
		for _, sub := range n.subs {
			gs := sub.groups()
			if len(gs) == 0 {
				return nil
			}
			any.grams, any.weight = append(any.grams, gs[0].grams...), any.weight+gs[0].weight
		}
		return []keyGroup{any}
	case needAll:
		var gs []keyGroup
		for _, sub := range n.subs {
			gs = append(gs, sub.groups()...)
		}
		return rarest(gs)
	}
	return nil
}

// rarest returns the maxGroups groups of gs that weigh least, lightest
// first.
func rarest(gs []keyGroup) []keyGroup {
	slices.SortStableFunc(gs, func(a, b keyGroup) int { return a.weight - b.weight })
	return gs[:min(len(gs), maxGroups)]
}

// A needIndex finds, among many needs (the rewrite classes' cues, the
// tone's replacements), those a text may hold without checking each. A
// need is indexed by branch (each alternative of an alternation, or the
// need whole), and a branch by its key groups, each listed under its
// grams: a text names a need when it holds a gram of every group of one
// of its branches. A need with a branch without groups is always named.
type needIndex struct {
	start    []uint32 // the groups listed under gram g: group[start[g]:start[g+1]]
	group    []uint32 // a key group, by number (a branch's are consecutive)
	branches []uint32 // need i's branches are branches[i]..branches[i+1]-1
	groups   []uint32 // branch b's groups are groups[b]..groups[b+1]-1
	always   []bool   // need i is always named
}

func newNeedIndex(needs []*need) *needIndex {
	x := &needIndex{start: make([]uint32, gramSpace+1), always: make([]bool, len(needs))}
	lists := map[uint32][]uint32{}
	ngroups := uint32(0)
	for i, n := range needs {
		x.branches = append(x.branches, uint32(len(x.groups)))
		branches := []*need{n}
		if n.kind == needAny {
			branches = n.subs
		}
		for _, b := range branches {
			gs := b.groups()
			if len(gs) == 0 {
				x.always[i] = true
			}
			x.groups = append(x.groups, ngroups)
			for _, gr := range gs {
				for _, g := range gr.grams {
					if l := lists[g]; len(l) == 0 || l[len(l)-1] != ngroups {
						lists[g] = append(l, ngroups)
					}
				}
				ngroups++
			}
		}
	}
	x.branches = append(x.branches, uint32(len(x.groups)))
	x.groups = append(x.groups, ngroups)
	for g := range uint32(gramSpace) {
		x.start[g] = uint32(len(x.group))
		x.group = append(x.group, lists[g]...)
	}
	x.start[gramSpace] = uint32(len(x.group))
	return x
}

// keyHits is which key groups of an index a text holds a gram of.
type keyHits struct {
	x   *needIndex
	hit []uint64 // a bit for each group
}

// hits returns the groups t holds a gram of, in buf when it is long
// enough (a caller's array, to spare an allocation for each text).
func (x *needIndex) hits(t *sketched, buf []uint64) keyHits {
	n := (int(x.groups[len(x.groups)-1]) + 63) / 64
	if cap(buf) < n {
		buf = make([]uint64, n)
	}
	hit := buf[:n]
	clear(hit)
	k := t.sketch()
	for i, w := range k.grams {
		for ; w != 0; w &= w - 1 {
			g := uint32(i*64 + bits.TrailingZeros64(w))
			for _, id := range x.group[x.start[g]:x.start[g+1]] {
				hit[id/64] |= 1 << (id % 64)
			}
		}
	}
	return keyHits{x, hit}
}

// named reports whether the text names need i.
func (ns keyHits) named(i int) bool {
	x := ns.x
	if x.always[i] {
		return true
	}
	for b := x.branches[i]; b < x.branches[i+1]; b++ {
		all := true
		for g := x.groups[b]; g < x.groups[b+1] && all; g++ {
			all = ns.hit[g/64]&(1<<(g%64)) != 0
		}
		if all {
			return true
		}
	}
	return false
}
