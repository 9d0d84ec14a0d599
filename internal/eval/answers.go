package eval

import (
	"context"
	"fmt"

	"github.com/pushback/pushback/internal/rewrite"
)

// EngineAnswers names the answers of a team's own model in reports, where
// an engine's name would be.
const EngineAnswers = "answers"

// Answers is the Rewriter for cases whose rewrite a team's own model
// already produced (Case.Answer): it returns the answer as it is, with no
// engine call and no repair, so the suite scores exactly what the model
// wrote. Cases without an answer go to Next.
type Answers struct {
	ByCase map[string]string // case id -> answer
	Next   Rewriter          // nil: every case must have an answer
}

// NewAnswers collects the answers of cases; ok is false when none has one.
func NewAnswers(cases []Case, next Rewriter) (a Answers, all, ok bool) {
	a = Answers{ByCase: map[string]string{}, Next: next}
	for _, c := range cases {
		if c.Answer != "" {
			a.ByCase[c.ID] = c.Answer
		}
	}
	return a, len(a.ByCase) == len(cases), len(a.ByCase) > 0
}

// Rewrite implements Rewriter.
func (a Answers) Rewrite(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
	id, _ := caseOf(ctx)
	if text, ok := a.ByCase[id]; ok {
		return rewrite.Result{Text: text, Engine: EngineAnswers, Facts: req.Facts, Missing: []string{}, Attempts: []rewrite.Attempt{}, Notes: []string{}}, nil
	}
	if a.Next == nil {
		return rewrite.Result{}, fmt.Errorf("case %q has no answer and no engine runs", id)
	}
	return a.Next.Rewrite(ctx, req)
}
