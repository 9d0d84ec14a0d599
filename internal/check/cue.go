package check

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/pushback/pushback/internal/guide"
)

// threshold is the summed cue weight at which a rule (a step, a level, an
// anti-pattern) counts as present.
const threshold = 1.0

// cue is one compiled guide.Cue.
type cue struct {
	re       *regexp.Regexp
	weight   float64
	kind     string
	unless   []string
	requires []string
	// need lists lower-cased literals one of which must occur in the
	// lower-cased text for re to have a chance to match; nil when unknown.
	// It lets most cues skip the regexp entirely.
	need []string
}

// rule is a named group of cues scored together (Vale's "extends").
type rule struct {
	id   string
	cues []cue
}

// hit is one cue match that counted toward a rule.
type hit struct {
	start, end int // byte offsets
	weight     float64
}

// result is how a rule scored on one draft.
type result struct {
	score float64
	hits  []hit // in text order, positive and negative
}

func (r result) present() bool { return r.score >= threshold }

func compileRule(id string, cs []guide.Cue) (rule, error) {
	r := rule{id: id, cues: make([]cue, 0, len(cs))}
	for _, c := range cs {
		re, err := regexp.Compile("(?i)" + c.Pattern)
		if err != nil {
			return rule{}, fmt.Errorf("rule %s: cue %q: %w", id, c.Pattern, err)
		}
		w := c.Weight
		if w == 0 {
			w = 1
		}
		kind := c.Kind
		if kind == "" {
			kind = guide.CueExistence
		}
		r.cues = append(r.cues, cue{re: re, weight: w, kind: kind, unless: c.Unless, requires: c.Requires, need: literals(c.Pattern)})
	}
	return r, nil
}

// text is a draft prepared for matching.
type text struct {
	raw   string
	lower string
}

// eval scores r on t. features says which steps and signals the draft has;
// conditional cues are skipped when features is nil.
func (r rule) eval(t text, features map[string]bool) result {
	var res result
	for i := range r.cues {
		c := &r.cues[i]
		if c.kind == guide.CueConditional {
			if features == nil || !c.conditionHolds(features) {
				continue
			}
		}
		if !c.mayMatch(t.lower) {
			continue
		}
		if c.kind == guide.CueOccurrence {
			for _, m := range c.re.FindAllStringIndex(t.raw, -1) {
				res.score += c.weight
				res.hits = append(res.hits, hit{m[0], m[1], c.weight})
			}
			continue
		}
		if m := c.re.FindStringIndex(t.raw); m != nil {
			res.score += c.weight
			res.hits = append(res.hits, hit{m[0], m[1], c.weight})
		}
	}
	sortHits(res.hits)
	return res
}

func (c *cue) conditionHolds(features map[string]bool) bool {
	for _, f := range c.unless {
		if features[f] {
			return false
		}
	}
	for _, f := range c.requires {
		if !features[f] {
			return false
		}
	}
	return true
}

func (c *cue) mayMatch(lower string) bool {
	if c.need == nil {
		return true
	}
	for _, s := range c.need {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

func sortHits(h []hit) {
	// insertion sort: a rule has few hits.
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && (h[j].start < h[j-1].start || h[j].start == h[j-1].start && h[j].end < h[j-1].end); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

// literals returns lower-cased ASCII strings at least one of which occurs in
// any text the pattern matches, or nil when it cannot tell.
func literals(pattern string) []string {
	re, err := syntax.Parse("(?i)"+pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	set := required(re.Simplify())
	for _, s := range set {
		if s == "" {
			return nil
		}
	}
	return set
}

func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		s := strings.ToLower(string(re.Rune))
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return nil // case folding beyond ASCII: do not guess
			}
		}
		return []string{s}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := required(sub)
			if s == nil {
				return nil
			}
			out = append(out, s...)
		}
		return out
	case syntax.OpConcat:
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			s := required(sub)
			if s == nil {
				continue
			}
			if l := shortest(s); l > bestLen {
				best, bestLen = s, l
			}
		}
		return best
	}
	return nil
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}
