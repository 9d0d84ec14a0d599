package cue

import (
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
// which, from the pattern, and the lead index finds the leads: those at
// words among the cues' leads (under the cue's id), those at a sentence's
// start in a second index that is walked from each sentence's start and
// first word character only (Index.starts). A sentence where none occurs
// is skipped without running the regexp; a draft where none occurs rules
// the cue out from its probe. Like the lead index it reads the lower-cased
// text, so it is used only on a Text with no character RE2 folds to ASCII
// (Text.foldFree), and its leads hold no cased non-ASCII character.

// startSet is where in a sentence a sentence cue's match can begin: with
// one of first at the sentence's start, with one of skipped at its first
// ASCII word character (the pattern skips the non-word characters before
// it), or with one of word at a word start.
type startSet struct {
	first, skipped, word []string // sorted, each non-empty
	// fid and sid: first's and skipped's ids in the sentence-start index,
	// -1 when none or not indexed. The word leads are the lead index's,
	// under the cue's id; they are kept for a sentence that begins in the
	// middle of a word of the text, whose start the index does not list.
	fid, sid int32
}

func leadList(leads []string) []string {
	if len(leads) == 0 {
		return nil
	}
	return dedupe(slices.Clone(leads)) // sorted
}

// indexed reports whether the indexes c was registered with find every
// kind of lead st has (c.id is the cue's id in the lead index).
func (st *startSet) indexed(id int32) bool {
	return (st.first == nil || st.fid >= 0) && (st.skipped == nil || st.sid >= 0) && (st.word == nil || id >= 0)
}

// firstWordByte is the offset of s's first ASCII word byte, or len(s).
func firstWordByte(s string) int {
	i := 0
	for i < len(s) && !isWordByte(s[i]) {
		i++
	}
	return i
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
	return &startSet{first: leadList(b.first), skipped: leadList(b.skipped), word: leadList(b.word), fid: -1, sid: -1}
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

// startCursor is where a sentence cue's leads occur in a Text, each list
// advanced past the sentences read so far.
type startCursor struct {
	first, skipped, word []cand
}

// any reports whether a match can begin in some sentence (false only when
// none can).
func (sc *startCursor) any(st *startSet, t *Text) bool {
	return len(sc.first) > 0 || len(sc.skipped) > 0 || len(sc.word) > 0 || t.midWord && st.word != nil
}

// mayStart reports whether a match can begin in sentence s of t, given
// that it can begin in no sentence before s, and advances sc past s's
// start.
func (st *startSet) mayStart(t *Text, s [2]int, sc *startCursor) bool {
	// The sentence-start index was walked from each sentence's start and
	// its first word character only: a skipped lead in s is at the
	// latter, a first lead must be at the former.
	if from(&sc.first, s[0]) && int(sc.first[0].p) == s[0] {
		return true
	}
	if from(&sc.skipped, s[0]) && int(sc.skipped[0].p) < s[1] {
		return true
	}
	if st.word != nil {
		if from(&sc.word, s[0]) && int(sc.word[0].p) < s[1] {
			return true
		}
		if s[0] > 0 && isWordByte(t.lower[s[0]-1]) && hasPrefix(t.lower[s[0]:s[1]], st.word) {
			return true
		}
	}
	return false
}

// from drops the candidates before p and reports whether any are left.
func from(cs *[]cand, p int) bool {
	c := *cs
	for len(c) > 0 && int(c[0].p) < p {
		c = c[1:]
	}
	*cs = c
	return len(c) > 0
}

func hasPrefix(s string, leads []string) bool {
	for _, l := range leads {
		if strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}
