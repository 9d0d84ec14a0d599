package cue

import "github.com/pushback/pushback/internal/guide"

// probe is the little of a cue that Rule.Eval reads to tell that the cue
// cannot match a draft without reading the rest of it. A cue is a few
// hundred bytes and a checker reads hundreds of them on every draft, most
// of which the lead indexes rule out; a rule's probes lie side by side, so
// ruling them out costs a cache line for a few cues rather than a few
// lines for each.
type probe struct {
	id       int32 // the cue's id in the lead index (cue.id)
	fid, sid int32 // a sentence cue's startSet.fid and sid
	flags    uint8
}

const (
	probeConditional = 1 << iota // a conditional cue
	probeLead                    // a cue the index places: no candidates, no match
	probeStarts                  // a sentence cue whose starts the indexes find (starts.go)
	probeWord                    // ... some of them at words
)

// probe returns c's probe, once c is compiled and, if it is to be, indexed.
func (c *cue) probe() probe {
	p := probe{id: c.id, fid: -1, sid: -1}
	if c.kind == guide.CueConditional {
		p.flags |= probeConditional
	}
	switch st := c.start; {
	case !c.sentence && c.id >= 0:
		p.flags |= probeLead
	case st != nil && st.indexed(c.id):
		p.flags |= probeStarts
		p.fid, p.sid = st.fid, st.sid
		if st.word != nil {
			p.flags |= probeWord
		}
	}
	return p
}

// rulesOut reports whether the cue cannot match t, as match would find
// (with no hits), from the probe alone; false when it cannot tell.
func (p *probe) rulesOut(t *Text) bool {
	switch {
	case p.flags&probeLead != 0:
		return t.candOff[p.id] == t.candOff[p.id+1]
	case p.flags&probeStarts != 0 && t.foldFree:
		// As startCursor.any.
		return none(t.startOff, p.fid) && none(t.startOff, p.sid) &&
			(p.flags&probeWord == 0 || none(t.candOff, p.id) && !t.midWord)
	}
	return false
}

// none reports whether off (candidate offsets by id) holds id, with no
// candidates; -1 holds none.
func none(off []int32, id int32) bool {
	return id < 0 || int(id)+1 < len(off) && off[id] == off[id+1]
}
