package cue

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"strings"
)

// A sentence cue's regexp runs on each sentence of a draft that holds its
// literals (need); RE2 then tries a match at every position of the
// sentence. Most sentence cues can only begin a match in a few places: at
// the sentence's start ("^(?:sure|ok|...)", "\AI'm done"), after its
// leading punctuation ("^\W*(?:sure|ok|...)"), or at a word that begins
// with one of a few leads ("\bI'm (?:done|over it)\W*$"). startSet says
// which, from the pattern; a sentence with no such place is skipped
// without running the regexp. Like the lead index it reads the lower-cased
// text, so it is used only on a Text with no character RE2 folds to ASCII
// (Text.foldFree), and its leads hold no cased non-ASCII character.

// startSet is where in a sentence a sentence cue's match can begin.
type startSet struct {
	first   leadSet // at the sentence's start
	skipped leadSet // at its first ASCII word character (the pattern skips the non-word ones before it)
	// word: at a word start. The index holds these leads under the cue's
	// id, so its candidates say where they occur; they are kept here for a
	// sentence that begins in the middle of a word of the text, whose
	// start the index does not list.
	word leadSet
}

// leadSet is a set of non-empty lower-cased leads, sorted, with the set of
// their first bytes and, unless one is a single byte (short), of their
// first two bytes, hashed (pairHash); the leads that begin with the k-th
// of the first bytes (in byte order) are leads[from[k]:from[k+1]].
type leadSet struct {
	firsts byteSet
	pairs  byteSet
	short  bool
	leads  []string
	from   []int32
}

func newLeadSet(leads []string) leadSet {
	ls := leadSet{leads: dedupe(slices.Clone(leads))} // sorted
	for i, l := range ls.leads {
		if !ls.firsts.has(l[0]) {
			ls.firsts.add(l[0])
			ls.from = append(ls.from, int32(i))
		}
		if len(l) == 1 {
			ls.short = true
		} else {
			ls.pairs.add(pairHash(l[0], l[1]))
		}
	}
	ls.from = append(ls.from, int32(len(ls.leads)))
	return ls
}

// pairHash hashes two bytes into one.
func pairHash(a, b byte) byte { return byte((uint32(a)<<8 | uint32(b)) * 2654435761 >> 24) }

// mayBegin reports whether a text whose first bytes are firsts, and whose
// first two bytes (hashed) pairs, can begin with one of the leads.
func (ls *leadSet) mayBegin(firsts, pairs *byteSet) bool {
	return ls.firsts.meets(firsts) && (ls.short || ls.pairs.meets(pairs))
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (bs *byteSet) add(b byte)            { bs[b>>6] |= 1 << (b & 63) }
func (bs *byteSet) has(b byte) bool       { return bs[b>>6]&(1<<(b&63)) != 0 }
func (bs *byteSet) meets(o *byteSet) bool { return bs[0]&o[0]|bs[1]&o[1]|bs[2]&o[2]|bs[3]&o[3] != 0 }

// rank is how many bytes of bs are below b.
func (bs *byteSet) rank(b byte) int {
	n := bits.OnesCount64(bs[b>>6] & (1<<(b&63) - 1))
	for w := range b >> 6 {
		n += bits.OnesCount64(bs[w])
	}
	return n
}

// firstWordByte is the offset of s's first ASCII word byte, or len(s).
func firstWordByte(s string) int {
	i := 0
	for i < len(s) && !isWordByte(s[i]) {
		i++
	}
	return i
}

// prefixOf reports whether s begins with one of the leads.
func (ls *leadSet) prefixOf(s string) bool {
	if len(s) == 0 || !ls.firsts.has(s[0]) || !ls.short && (len(s) < 2 || !ls.pairs.has(pairHash(s[0], s[1]))) {
		return false
	}
	k := ls.firsts.rank(s[0])
	for _, l := range ls.leads[ls.from[k]:ls.from[k+1]] {
		if strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}

// maxStartPaths bounds the alternatives sentenceStarts follows.
const maxStartPaths = 256

// sentenceStarts returns where a match of re (a sentence cue's pattern,
// simplified) can begin, or nil when it cannot tell for every match.
func sentenceStarts(re *syntax.Regexp) *startSet {
	var b startBuild
	if !b.add([]*syntax.Regexp{re}, false, false, false) {
		return nil
	}
	return &startSet{first: newLeadSet(b.first), skipped: newLeadSet(b.skipped), word: newLeadSet(b.word)}
}

type startBuild struct {
	first, skipped, word []string
	paths                int
}

// add records where a match of the sequence seq can begin, given what
// holds at that place already: begin, the text's start (\A); skip, a run
// of non-word characters skipped since; wb, a word boundary (\b). It
// reports false when some match could begin where none of the three kinds
// of place says.
func (b *startBuild) add(seq []*syntax.Regexp, begin, skip, wb bool) bool {
	if b.paths++; b.paths > maxStartPaths {
		return false
	}
	for len(seq) > 0 {
		re := seq[0]
		switch re.Op {
		case syntax.OpBeginText:
			if skip {
				return false
			}
			begin, seq = true, seq[1:]
			continue
		case syntax.OpWordBoundary:
			wb, seq = true, seq[1:]
			continue
		case syntax.OpEmptyMatch:
			seq = seq[1:]
			continue
		case syntax.OpCapture:
			seq = append([]*syntax.Regexp{re.Sub[0]}, seq[1:]...)
			continue
		case syntax.OpConcat:
			seq = append(slices.Clone(re.Sub), seq[1:]...)
			continue
		case syntax.OpAlternate:
			for _, alt := range re.Sub {
				if !b.add(append([]*syntax.Regexp{alt}, seq[1:]...), begin, skip, wb) {
					return false
				}
			}
			return true
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			if begin && !skip && nonWordClass(re.Sub[0]) {
				// ^\W*: the match goes on at the sentence's first ASCII word
				// character, if its leads begin with one (below).
				skip, seq = true, seq[1:]
				continue
			}
		}
		break
	}
	leads := seqPrefixes(seq)
	if leads == nil || contains(leads, "") || slices.ContainsFunc(leads, hasCasedNonASCII) {
		return false
	}
	wordFirst := !slices.ContainsFunc(leads, func(l string) bool { return !isWordByte(l[0]) })
	switch {
	case begin && skip:
		// The skipped characters are no ASCII word characters and a lead
		// begins with one: the lead is at the first of them.
		if !wordFirst {
			return false
		}
		b.skipped = append(b.skipped, leads...)
	case begin:
		b.first = append(b.first, leads...)
	case wb && wordFirst:
		// \b before a word character: a word starts there.
		b.word = append(b.word, leads...)
	default:
		return false
	}
	return true
}

// nonWordClass reports whether re is a character class with no ASCII word
// character (\W, \s, [^\w]).
func nonWordClass(re *syntax.Regexp) bool {
	if re.Op != syntax.OpCharClass {
		return false
	}
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		for _, w := range [][2]rune{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}} {
			if lo <= w[1] && hi >= w[0] {
				return false
			}
		}
	}
	return true
}

// anyStart reports whether a match of the cue whose starts are st, with
// index candidates cand, can begin in some sentence of t: mostly told from
// the bytes t's sentences begin with, for every sentence at once.
func (st *startSet) anyStart(t *Text, cand []cand) bool {
	return st.first.mayBegin(&t.sentFirst, &t.sentFirstPairs) || st.skipped.mayBegin(&t.sentWord, &t.sentWordPairs) ||
		len(cand) > 0 || t.midWord && st.word.leads != nil
}

// mayStart reports whether a match of the cue whose starts are st can
// begin in sentence s of t. cand holds the cue's index candidates (its
// word leads) not before s; it is advanced past those before s.
func (st *startSet) mayStart(t *Text, s [2]int, cand *[]cand) bool {
	lower := t.lower[s[0]:s[1]]
	if st.first.prefixOf(lower) {
		return true
	}
	if st.skipped.leads != nil && st.skipped.prefixOf(lower[firstWordByte(lower):]) {
		return true
	}
	if st.word.leads != nil {
		cs := *cand
		for len(cs) > 0 && int(cs[0].p) < s[0] {
			cs = cs[1:]
		}
		*cand = cs
		if len(cs) > 0 && int(cs[0].p) < s[1] {
			return true
		}
		if s[0] > 0 && isWordByte(t.lower[s[0]-1]) && st.word.prefixOf(lower) {
			return true
		}
	}
	return false
}
