package cue

import (
	"os"
	"regexp/syntax"
	"sync"
	"testing"

	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
)

// corpusWide skips a test that reads the whole corpus under the race
// detector (it would take minutes there); make unit-serial runs these
// tests without -race.
func corpusWide(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("corpus-wide: make test runs it without -race")
	}
}

var readCorpus = sync.OnceValues(func() ([]corpus.Case, error) {
	return corpus.ReadDir(os.DirFS("../../../evals/checker"), "train", guide.Default())
})

// corpusCases is the checker's training corpus (evals/checker/train).
func corpusCases(t *testing.T) []corpus.Case {
	t.Helper()
	cs, err := readCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 1000 {
		t.Fatalf("only %d cases in the corpus", len(cs))
	}
	return cs
}

// guideRules compiles every cue list of the embedded guide, as the checker
// does: steps, signals, levels, anti-patterns and their fallbacks, the
// features read from the draft, and the stock lines.
func guideRules(t *testing.T) []Rule {
	t.Helper()
	g := guide.Default()
	type list struct {
		id   string
		cues []guide.Cue
	}
	var ls []list
	for _, s := range g.Formula.Steps {
		ls = append(ls, list{s.ID, s.Cues})
	}
	for _, s := range g.Signals {
		if s.Step == "" {
			ls = append(ls, list{s.ID, s.Cues})
		}
	}
	for _, l := range g.Levels {
		ls = append(ls, list{string(l.ID), l.Cues})
	}
	for _, a := range g.AntiPatterns {
		ls = append(ls, list{a.ID, a.Cues}, list{a.ID + " fallback", a.Fallback})
	}
	for _, f := range g.Features {
		if f.On != guide.FeatureOnSituation {
			ls = append(ls, list{f.ID, f.Cues})
		}
	}
	var rs []Rule
	for _, l := range ls {
		r, err := Compile(l.id, l.cues)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	stock, err := CompileStock(g.Stock.Lines)
	if err != nil {
		t.Fatal(err)
	}
	rs = append(rs, stock)
	if len(rs) < 30 {
		t.Fatalf("only %d rules", len(rs))
	}
	return rs
}

// rewriteRules compiles the rewrite guide's clause cues as the checker
// compiles the four classes its jab line reads: each phrase of a top-level
// alternation a cue of its own, matched sentence by sentence when it holds
// a line or text edge (^, $).
func rewriteRules(t *testing.T) []Rule {
	t.Helper()
	var cs []guide.Cue
	for _, cl := range guide.Default().Rewrite.Classes {
		for _, cu := range cl.Cues {
			re, err := syntax.Parse("(?i)"+cu.Pattern, syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			for re.Op == syntax.OpCapture && len(re.Sub) == 1 {
				re = re.Sub[0]
			}
			alts := []*syntax.Regexp{re}
			if re.Op == syntax.OpAlternate {
				alts = re.Sub
			}
			for _, alt := range alts {
				c := guide.Cue{Pattern: alt.String(), Kind: guide.CueOccurrence}
				if hasEdge(alt) {
					c.Scope = guide.ScopeSentence
				}
				cs = append(cs, c)
			}
		}
	}
	r, err := Compile("rewrite", cs)
	if err != nil {
		t.Fatal(err)
	}
	return []Rule{r}
}

func hasEdge(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, sub := range re.Sub {
		if hasEdge(sub) {
			return true
		}
	}
	return false
}
