package rewrite

import (
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// A need is what a text must hold for an expression to match anywhere in
// it: the literals and characters every match is made of. Most of the
// package's expressions run on clauses that lack what they need (a clause
// without "day" holds no weekday), yet the matcher tries every
// alternative at every position to find that out; a need is checked
// against a sketch of the text, a few bit tests. The check is sound: a
// text it rejects is one the expression cannot match, so a call it skips
// returns what the matcher would have.
type need struct {
	kind needKind
	// needGrams: the grams (see sketch) of a case-folded literal: its byte
	// when it has one, its pair when two, else each of its trigrams; and
	// how common each is likely to be in text (see gramsOf).
	grams   []uint32
	weights []int
	lit     []byte // the literal, folded
	// needClass: the class's ASCII members (bitmap), and whether it has
	// others.
	ascii    [2]uint64
	nonASCII bool
	subs     []*need // needAll, needAny
}

type needKind uint8

const (
	needNothing needKind = iota // any text may match
	needNever                   // no text matches
	needGrams                   // the text holds a literal (grams)
	needClass                   // the text holds a character of a class
	needAll                     // every sub holds
	needAny                     // some sub holds
)

var (
	needsNothing = &need{kind: needNothing}
	needsNever   = &need{kind: needNever}
)

// needOf parses expr as regexp.Compile does and returns its need;
// needsNothing when it cannot be parsed (regexp.Compile reports that).
func needOf(expr string) *need {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return needsNothing
	}
	return needIn(re.Simplify())
}

// needIn derives the need of a parsed expression: a concatenation needs
// all its parts, an alternation one of its branches, a repetition what
// one repeat needs when it must repeat at least once; anything that may
// match the empty string needs nothing.
func needIn(re *syntax.Regexp) *need {
	switch re.Op {
	case syntax.OpNoMatch:
		return needsNever
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return needsNothing
		}
		// A literal, case-folded or not, is in the folded text folded
		// (foldRune), whatever the case it is written in there.
		var b []byte
		for _, r := range re.Rune {
			b = utf8.AppendRune(b, foldRune(r))
		}
		return gramsNeed(b)
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return needsNever
		}
		n := &need{kind: needClass}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1] && r < utf8.RuneSelf; r++ {
				n.ascii[r/64] |= 1 << (r % 64)
			}
			if re.Rune[i+1] >= utf8.RuneSelf {
				n.nonASCII = true
			}
		}
		return n
	case syntax.OpCapture, syntax.OpPlus:
		return needIn(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needIn(re.Sub[0])
		}
		return needsNothing
	case syntax.OpConcat:
		var subs []*need
		// Runs of parts with few strings are read as the strings they
		// make together: "t(?:mrw?|omoz)" needs "tmr", "tmw" or
		// "tomoz", not just a "t".
		run := []string{""}
		flush := func() {
			subs = append(subs, litsNeed(run))
			run = []string{""}
		}
		for _, sub := range re.Sub {
			if set, ok := exactSet(sub); ok {
				if next := cross(run, set); len(next) <= maxExact {
					run = next
					continue
				}
				flush()
				run = set
				continue
			}
			flush()
			switch n := needIn(sub); n.kind {
			case needNothing:
			case needNever:
				return needsNever
			case needAll:
				subs = append(subs, n.subs...)
			default:
				subs = append(subs, n)
			}
		}
		flush()
		subs = slices.DeleteFunc(subs, func(n *need) bool { return n.kind == needNothing })
		if slices.ContainsFunc(subs, func(n *need) bool { return n.kind == needNever }) {
			return needsNever
		}
		switch len(subs) {
		case 0:
			return needsNothing
		case 1:
			return subs[0]
		}
		// The cheapest first: a text lacking one literal is rejected
		// before an alternation of many is looked at.
		slices.SortStableFunc(subs, func(a, b *need) int { return a.cost() - b.cost() })
		return &need{kind: needAll, subs: subs}
	case syntax.OpAlternate:
		if set, ok := exactSet(re); ok {
			return litsNeed(set)
		}
		var subs []*need
		for _, sub := range re.Sub {
			switch n := needIn(sub); n.kind {
			case needNothing:
				return needsNothing
			case needNever:
			case needAny:
				subs = append(subs, n.subs...)
			default:
				subs = append(subs, n)
			}
		}
		switch len(subs) {
		case 0:
			return needsNever
		case 1:
			return subs[0]
		}
		return &need{kind: needAny, subs: subs}
	}
	// Empty-width assertions, the empty string, any character, stars and
	// questions: nothing a text must hold.
	return needsNothing
}

// maxExact is how many strings an exact set holds at most.
const maxExact = 16

// exactSet returns the strings re matches, case-folded (foldRune), when
// they are few (maxExact): those of literals, small classes, and their
// alternations, concatenations and options. ok is false otherwise.
func exactSet(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		var b []byte
		for _, r := range re.Rune {
			b = utf8.AppendRune(b, foldRune(r))
		}
		return []string{string(b)}, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true // (an assertion matches no characters)
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if n += int(re.Rune[i+1]-re.Rune[i]) + 1; n > 4*maxExact {
				return nil, false
			}
		}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if f := string(utf8.AppendRune(nil, foldRune(r))); !slices.Contains(set, f) {
					set = append(set, f)
				}
			}
		}
		return set, len(set) > 0 && len(set) <= maxExact
	case syntax.OpCapture:
		return exactSet(re.Sub[0])
	case syntax.OpQuest:
		if set, ok = exactSet(re.Sub[0]); !ok {
			return nil, false
		}
		if !slices.Contains(set, "") {
			set = append(set, "")
		}
		return set, len(set) <= maxExact
	case syntax.OpConcat:
		set = []string{""}
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok {
				return nil, false
			}
			if set = cross(set, s); len(set) > maxExact {
				return nil, false
			}
		}
		return set, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok {
				return nil, false
			}
			for _, x := range s {
				if !slices.Contains(set, x) {
					set = append(set, x)
				}
			}
			if len(set) > maxExact {
				return nil, false
			}
		}
		return set, true
	}
	return nil, false
}

// cross returns every string of a followed by one of b.
func cross(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if s := x + y; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// litsNeed is the need of a text holding one of strs (folded): nothing
// when one is empty.
func litsNeed(strs []string) *need {
	var subs []*need
	for _, s := range strs {
		if s == "" {
			return needsNothing
		}
		subs = append(subs, gramsNeed([]byte(s)))
	}
	switch len(subs) {
	case 0:
		return needsNever
	case 1:
		return subs[0]
	}
	return &need{kind: needAny, subs: subs}
}

// cost is about how many bit tests checking n takes at most.
func (n *need) cost() int {
	c := 1
	for _, sub := range n.subs {
		c += sub.cost()
	}
	return c
}

// heldIn reports whether a text with sketch k may hold what n needs:
// false only when it cannot.
func (n *need) heldIn(k *sketch) bool {
	switch n.kind {
	case needNever:
		return false
	case needGrams:
		for _, g := range n.grams {
			if !k.has(g) {
				return false
			}
		}
		return true
	case needClass:
		return n.nonASCII && k.nonASCII || n.ascii[0]&k.raw[0] != 0 || n.ascii[1]&k.raw[1] != 0
	case needAll:
		for _, sub := range n.subs {
			if !sub.heldIn(k) {
				return false
			}
		}
		return true
	case needAny:
		for _, sub := range n.subs {
			// (A literal's first gram, tested here, rules out most
			// branches without a call.)
			if sub.kind == needGrams && !k.has(sub.grams[0]) {
				continue
			}
			if sub.heldIn(k) {
				return true
			}
		}
		return false
	}
	return true
}

// mayMatch reports whether s may hold what n needs: false only when the
// expression cannot match s.
func (n *need) mayMatch(s string) bool {
	t := sketched{s: s}
	return t.may(n)
}

// gramsNeed is the need of a text holding the folded literal b: its
// grams, the likely rarest first, so that a text without it is most often
// ruled out by the first test.
func gramsNeed(b []byte) *need {
	n := &need{kind: needGrams, lit: b}
	grams, weights := gramsOf(b)
	order := make([]int, len(grams))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return weights[i] - weights[j] })
	for _, i := range order {
		n.grams, n.weights = append(n.grams, grams[i]), append(n.weights, weights[i])
	}
	return n
}
