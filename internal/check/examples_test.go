package check

import (
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func exampleInput(e guide.Example) Input {
	return Input{Draft: e.Text, Audience: e.Audience, Situation: e.Situation, Stakes: e.Stakes}
}

func firstAnti(r Report) string {
	for _, f := range r.Findings {
		if f.Kind == KindAntiPattern {
			return f.Rule
		}
	}
	return ""
}

// TestDocumentExamples runs every example of the documents: good ones pass
// and read at a level they allow; bad ones fail and name their anti-pattern
// first.
func TestDocumentExamples(t *testing.T) {
	c := Default()
	for _, e := range guide.Default().Examples {
		t.Run(e.ID, func(t *testing.T) {
			r, err := c.Check(exampleInput(e))
			if err != nil {
				t.Fatal(err)
			}
			switch e.Kind {
			case "good":
				if !r.Pass {
					t.Errorf("good example fails: score %d, findings %+v", r.Score, r.Findings)
				}
				if ok := e.LevelsOK; len(ok) > 0 && !slices.Contains(ok, r.Level) {
					t.Errorf("reads %s, want one of %v", r.Level, ok)
				}
				if a := firstAnti(r); a != "" {
					t.Errorf("good example has anti-pattern %s", a)
				}
			case "bad":
				if r.Pass {
					t.Errorf("bad example passes: score %d", r.Score)
				}
				if a := firstAnti(r); a != e.AntiPattern {
					t.Errorf("first anti-pattern = %q, want %q (findings %+v)", a, e.AntiPattern, r.Findings)
				}
			}
		})
	}
}
