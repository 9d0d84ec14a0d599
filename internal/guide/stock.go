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
	res := make([]*regexp.Regexp, 0, len(s.Lines))
	for _, l := range s.Lines {
		// Load validated every pattern.
		if re, err := regexp.Compile("(?i)" + l.Pattern); err == nil {
			res = append(res, re)
		}
	}
	v, _ := stockCache.LoadOrStore(s, res)
	return v.([]*regexp.Regexp)
}

// Find returns the byte ranges of the stock lines in text, sorted and
// merged where they overlap. text should have plain quotes (’ as ').
func (s *Stock) Find(text string) [][2]int {
	var out [][2]int
	for _, re := range s.regexps() {
		for _, m := range re.FindAllStringIndex(text, -1) {
			out = append(out, [2]int{m[0], m[1]})
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
