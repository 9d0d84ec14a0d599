package guide

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Placeholders are the slots a template, an article or a rewrite leaves for
// the sender to fill: a message holding one is not ready to send.
type Placeholders struct {
	About       string   `json:"about"`
	Patterns    []string `json:"patterns"`
	Not         []string `json:"not"` // words that make a bracket a stage direction, not a slot
	Examples    []string `json:"examples"`
	NotExamples []string `json:"not_examples"`
}

var placeholderCache sync.Map // *Placeholders -> []*regexp.Regexp

// regexps compiles each pattern on its own: each starts with a literal
// ('[', '(', '_') the regexp package then searches for directly, so a
// draft with none of them costs a few byte scans.
func (p *Placeholders) regexps() ([]*regexp.Regexp, error) {
	if v, ok := placeholderCache.Load(p); ok {
		return v.([]*regexp.Regexp), nil
	}
	res := make([]*regexp.Regexp, 0, len(p.Patterns))
	for _, pat := range p.Patterns {
		re, err := regexp.Compile("(?i)" + pat)
		if err != nil {
			return nil, fmt.Errorf("placeholders: %w", err)
		}
		res = append(res, re)
	}
	v, _ := placeholderCache.LoadOrStore(p, res)
	return v.([]*regexp.Regexp), nil
}

// Find returns the byte ranges of the unfilled placeholders in text, in
// order.
func (p *Placeholders) Find(text string) [][2]int {
	res, err := p.regexps()
	if err != nil {
		return nil
	}
	var out [][2]int
	for _, re := range res {
		for _, m := range re.FindAllStringIndex(text, -1) {
			inner := strings.ToLower(strings.Trim(text[m[0]:m[1]], "[]() "))
			if p.stageDirection(inner) || overlaps(out, m) {
				continue
			}
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

func overlaps(rs [][2]int, m []int) bool {
	for _, r := range rs {
		if m[0] < r[1] && r[0] < m[1] {
			return true
		}
	}
	return false
}

// stageDirection: a bracket holding one of Not's words ("[heavy sigh]",
// "[laughs]") says how it is said, and is no slot.
func (p *Placeholders) stageDirection(inner string) bool {
	for _, w := range strings.Fields(inner) {
		for _, n := range p.Not {
			if w == n {
				return true
			}
		}
	}
	return false
}

// validate checks the patterns parse and hold their examples.
func (p *Placeholders) validate() error {
	if _, err := p.regexps(); err != nil {
		return err
	}
	for _, ex := range p.Examples {
		if len(p.Find(ex)) == 0 {
			return fmt.Errorf("placeholders: example %q has none", ex)
		}
	}
	for _, ex := range p.NotExamples {
		if f := p.Find(ex); len(f) > 0 {
			return fmt.Errorf("placeholders: %q is not a placeholder in %q", ex[f[0][0]:f[0][1]], ex)
		}
	}
	return nil
}
