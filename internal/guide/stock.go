package guide

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// stockRegexps compiles every stock line once per process (the embedded
// guide's lines; a guide loaded from elsewhere compiles its own).
var stockCache sync.Map // *Stock -> []*regexp.Regexp

func (s *Stock) regexps() []*regexp.Regexp {
	if v, ok := stockCache.Load(s); ok {
		return v.([]*regexp.Regexp)
	}
	res := make([]*regexp.Regexp, len(s.Lines))
	for i, l := range s.Lines {
		// Load validated every pattern; a broken one matches nothing.
		re, err := regexp.Compile("(?i)" + l.Pattern)
		if err != nil {
			re = regexp.MustCompile(`[^\x00-\x{10FFFF}]`)
		}
		res[i] = re
	}
	v, _ := stockCache.LoadOrStore(s, res)
	return v.([]*regexp.Regexp)
}

// Find returns the byte ranges of the stock lines in text, sorted and
// merged where they overlap. text should have plain quotes (’ as ').
// A stock line sits inside one sentence, so each pattern runs only on the
// sentences that hold one of its needs.
func (s *Stock) Find(text string) [][2]int {
	var out [][2]int
	res := s.regexps()
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		lower = text // case folding changed a length: match on the text itself (needs are then matched case-sensitively)
	}
	var sents [][2]int
	var marked []bool
	for i, re := range res {
		// The sentences holding one of the line's needs.
		any := false
		for _, n := range s.Lines[i].Needs {
			for off := 0; off < len(lower); {
				j := strings.Index(lower[off:], n)
				if j < 0 {
					break
				}
				if sents == nil {
					sents = sentenceRanges(text)
					marked = make([]bool, len(sents))
				}
				pos := off + j
				k := sort.Search(len(sents), func(k int) bool { return sents[k][1] > pos })
				if k < len(sents) && !marked[k] {
					marked[k], any = true, true
				}
				off = pos + len(n)
			}
		}
		if !any {
			continue
		}
		for k, sent := range sents {
			if !marked[k] {
				continue
			}
			marked[k] = false
			for _, m := range re.FindAllStringIndex(text[sent[0]:sent[1]], -1) {
				out = append(out, [2]int{sent[0] + m[0], sent[0] + m[1]})
			}
		}
	}
	if len(out) < 2 {
		return out
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	merged := out[:1]
	for _, r := range out[1:] {
		if last := &merged[len(merged)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// sentenceRanges cuts text after each run of sentence-ending marks that
// is followed by a space, and at line breaks; the ranges cover text.
func sentenceRanges(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			out = append(out, [2]int{start, i})
			start = i + 1
		case c == '.' || c == '!' || c == '?':
			j := i + 1
			for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?' || text[j] == '"' || text[j] == '\'' || text[j] == ')') {
				j++
			}
			if j < len(text) && text[j] == ' ' {
				out = append(out, [2]int{start, j})
				start = j
			}
			i = j - 1
		}
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// Blank returns text with every stock line replaced by spaces, byte for
// byte, so offsets into the result are offsets into text, and the ranges
// blanked. It returns text itself when there is none.
func (s *Stock) Blank(text string) (string, [][2]int) {
	rs := s.Find(text)
	if len(rs) == 0 {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	prev := 0
	for _, r := range rs {
		b.WriteString(text[prev:r[0]])
		b.WriteString(strings.Repeat(" ", r[1]-r[0]))
		prev = r[1]
	}
	b.WriteString(text[prev:])
	return b.String(), rs
}
