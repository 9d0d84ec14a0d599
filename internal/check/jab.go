package check

import (
	"fmt"
	"regexp/syntax"

	"github.com/pushback/pushback/internal/check/cue"
	"github.com/pushback/pushback/internal/guide"
)

// The jab line: a passing draft that says something the rewrite would
// leave out as a jab at the reader (blame, an insult, contempt or a threat,
// venting, a rhetorical question: the clause classes of
// data/rewrite.json, whose cues readers' quotes wrote) fails, whatever the
// judge's confidence. Readers fail a useful message for one such line
// ("That went sooo great last January ... lol" before a real offer), and
// the judge, reading the whole message, passes many of them. On rounds
// 97-106 of the rewrite's blind rounds the rewrite's classifier found such
// a clause in 43 of the 140 drafts both readers would not send and in
// none of the 99 they would send as written (evals/checker/README.md).

// jabClasses are the clause classes the rewrite leaves out whole.
var jabClasses = []string{"blame", "venting", "rhetorical", "insult"}

// compileJabs compiles the cues of the rewrite guide's jab classes into
// one rule. A cue anchored to its clause (^, $) is matched sentence by
// sentence, its edges the sentence's.
func compileJabs(rg guide.RewriteGuide) (cue.Rule, []string, error) {
	var cs []guide.Cue
	var notes []string
	for _, id := range jabClasses {
		cl, ok := rg.Class(id)
		if !ok {
			return cue.Rule{}, nil, fmt.Errorf("rewrite guide: no clause class %q", id)
		}
		for _, cu := range cl.Cues {
			ast, err := syntax.Parse("(?i)"+cu.Pattern, syntax.Perl)
			if err != nil {
				return cue.Rule{}, nil, fmt.Errorf("class %s: cue %q: %w", id, cu.Pattern, err)
			}
			// Each phrase of an alternation is a cue of its own, so the
			// index places each by its own words (and a phrase anchored
			// to its clause does not send the others sentence by
			// sentence): any match fails the draft, as any match of the
			// whole pattern would.
			for _, alt := range branches(ast) {
				c := guide.Cue{Pattern: alt.String(), Kind: guide.CueOccurrence, Note: cu.Note}
				if anchored(alt) {
					c.Scope = guide.ScopeSentence
				}
				cs, notes = append(cs, c), append(notes, cu.Note)
			}
		}
	}
	r, err := cue.Compile("jab", cs)
	return r, notes, err
}

// jabAntiPattern is the anti-pattern a jab line fails a draft for.
const jabAntiPattern = "confrontational"

// branches are re's top-level alternatives (re itself when it is none).
func branches(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture && len(re.Sub) == 1 {
		re = re.Sub[0]
	}
	if re.Op == syntax.OpAlternate {
		return re.Sub
	}
	return []*syntax.Regexp{re}
}

// anchored reports whether re holds a text or line edge (^, $, \A, \z).
func anchored(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, sub := range re.Sub {
		if anchored(sub) {
			return true
		}
	}
	return false
}
