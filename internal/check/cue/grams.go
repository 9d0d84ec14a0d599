package cue

// gramSet is a set of hashed byte trigrams of a text, 4,096 bits: a
// literal with a trigram not in the set is not in the text. A hash
// collision only lets a literal through to strings.Contains.
type gramSet [64]uint64

func gramHash(a, b, c byte) uint16 {
	return uint16((uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 2654435761 >> 20)
}

// fill makes g the set of s's trigrams.
func (g *gramSet) fill(s string) {
	clear(g[:])
	for i := 0; i+2 < len(s); i++ {
		h := gramHash(s[i], s[i+1], s[i+2])
		g[h>>6] |= 1 << (h & 63)
	}
}

// hasAll reports whether every trigram hash of hs is in g.
func (g *gramSet) hasAll(hs []uint16) bool {
	for _, h := range hs {
		if g[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// trigrams are the hashes of s's distinct trigrams, at most eight of
// them spread over s (enough to rule most absent literals out).
func trigrams(s string) []uint16 {
	n := len(s) - 2
	if n <= 0 {
		return nil
	}
	step := 1
	if n > 8 {
		step = (n + 7) / 8
	}
	var out []uint16
	for i := 0; i < n; i += step {
		h := gramHash(s[i], s[i+1], s[i+2])
		dup := false
		for _, o := range out {
			dup = dup || o == h
		}
		if !dup {
			out = append(out, h)
		}
	}
	return out
}
