package cue

import "github.com/pushback/pushback/internal/guide"

// probe is the little of a cue that Rule.Eval reads to tell that the cue
// cannot match a draft without reading the rest of it. A cue is a few
// hundred bytes and a checker reads hundreds of them on every draft, most
// of which the lead index or a sentence's first bytes rule out; a rule's
// probes lie side by side, so ruling them out costs a cache line for
// several cues rather than a few lines for each.
type probe struct {
	id    int32 // the cue's id in the index (cue.id)
	flags uint8
	// firsts and wordFirsts: for a sentence cue with starts, the first
	// bytes of its leads at a sentence's start and at its first word
	// character, folded into 64 bits (firstBit), as Text.firsts64 and
	// Text.wordFirsts64 hold those of a draft's sentences.
	firsts, wordFirsts uint64
}

const (
	probeConditional = 1 << iota // a conditional cue
	probeLead                    // a cue the index places: no candidates, no match
	probeStarts                  // a sentence cue whose starts the index can tell (starts.go)
	probeWord                    // ... and whose starts include words the index finds (id)
)

// firstBit folds byte b into one of 64 bits (ASCII letters each their
// own).
func firstBit(b byte) uint64 { return 1 << (b & 63) }

func (ls *leadSet) firstBits() uint64 {
	var m uint64
	for _, l := range ls.leads {
		m |= firstBit(l[0])
	}
	return m
}

// probe returns c's probe, once c is compiled and, if it is to be, indexed.
func (c *cue) probe() probe {
	p := probe{id: c.id}
	if c.kind == guide.CueConditional {
		p.flags |= probeConditional
	}
	switch st := c.start; {
	case !c.sentence && c.id >= 0:
		p.flags |= probeLead
	case st != nil && (st.word.leads == nil || c.id >= 0):
		p.flags |= probeStarts
		p.firsts, p.wordFirsts = st.first.firstBits(), st.skipped.firstBits()
		if st.word.leads != nil {
			p.flags |= probeWord
		}
	}
	return p
}

// rulesOut reports whether the cue cannot match t, as match would find
// (with no match), from the probe alone; false when it cannot tell.
func (p *probe) rulesOut(t *Text) bool {
	switch {
	case p.flags&probeLead != 0:
		return t.candOff[p.id] == t.candOff[p.id+1]
	case p.flags&probeStarts != 0 && t.foldFree:
		// As startSet.anyStart, with the first bytes folded.
		if p.firsts&t.firsts64 != 0 || p.wordFirsts&t.wordFirsts64 != 0 {
			return false
		}
		if p.flags&probeWord != 0 {
			return int(p.id)+1 < len(t.candOff) && t.candOff[p.id] == t.candOff[p.id+1] && !t.midWord
		}
		return true
	}
	return false
}
