package eval

import (
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
)

// Checker is what the suite needs of the checker (*check.Checker has it).
type Checker interface {
	Check(check.Input) (check.Report, error)
}

// Labelled is a text the checker should pass (Good) or fail.
type Labelled struct {
	ID          string
	Good        bool
	Input       check.Input
	AntiPattern string // expected for bad texts, if known
	Source      string // file:line, when read from a file
}

// ExampleTexts returns the guide's good and bad examples as labelled texts.
func ExampleTexts(g *guide.Guide) []Labelled {
	var out []Labelled
	for _, e := range g.Examples {
		out = append(out, Labelled{
			ID:          e.ID,
			Good:        e.Kind == "good",
			Input:       check.Input{Draft: e.Text, Audience: e.Audience, Situation: e.Situation, Stakes: e.Stakes},
			AntiPattern: e.AntiPattern,
		})
	}
	return out
}

// HeldOutTexts returns labelled corpus cases as labelled texts.
func HeldOutTexts(cases []corpus.Case) []Labelled {
	out := make([]Labelled, 0, len(cases))
	for _, c := range cases {
		out = append(out, Labelled{
			ID:          c.ID,
			Good:        c.IsGood(),
			Input:       check.Input{Draft: c.Text, Audience: c.Audience, Situation: c.Situation, Stakes: c.Stakes},
			AntiPattern: c.AntiPattern,
		})
	}
	return out
}

// LabelledTexts returns labelled messages as labelled texts. A message's
// level is the one it reads at (a label), not the one intended, so the
// checker is not told it.
func LabelledTexts(cases []LabelledCase) []Labelled {
	out := make([]Labelled, 0, len(cases))
	for _, c := range cases {
		out = append(out, Labelled{
			ID:          c.ID,
			Source:      c.Source,
			Good:        c.IsGood(),
			Input:       check.Input{Draft: c.Text, Audience: c.Audience, Situation: c.Situation, Stakes: c.Stakes},
			AntiPattern: c.AntiPattern,
		})
	}
	return out
}

// RunChecker judges every text and measures how well the checker separates
// good from bad: pairwise ordering (AUC), verdict accuracy and whether it
// names the expected anti-pattern.
func RunChecker(chk Checker, name string, texts []Labelled) *CheckerSuite {
	s := &CheckerSuite{Name: name, Cases: make([]CheckerCase, 0, len(texts))}
	var good, bad []int
	correct, apWant, apHit := 0, 0, 0
	for _, t := range texts {
		cc := CheckerCase{ID: t.ID, Source: t.Source, Label: "bad", ExpectedAntiPattern: t.AntiPattern}
		if t.Good {
			cc.Label = "good"
		}
		rep, err := chk.Check(t.Input)
		if err != nil {
			// A text the checker cannot judge ranks lowest and counts as wrong.
			cc.Error = err.Error()
			cc.Score = -1
		} else {
			cc.Score, cc.Pass, cc.Level = rep.Score, rep.Pass, string(rep.Level)
			cc.Correct = rep.Pass == t.Good
			cc.AntiPattern = firstAntiPattern(rep)
		}
		if cc.Correct {
			correct++
		}
		if !t.Good && t.AntiPattern != "" {
			apWant++
			cc.AntiPatternMatch = cc.AntiPattern == t.AntiPattern
			if cc.AntiPatternMatch {
				apHit++
			}
		}
		if t.Good {
			good = append(good, cc.Score)
		} else {
			bad = append(bad, cc.Score)
		}
		s.Cases = append(s.Cases, cc)
	}
	s.AUC, s.Pairs = auc(good, bad)
	s.Accuracy = ratio(correct, len(texts))
	s.AntiPatternAccuracy = ratio(apHit, apWant)
	return s
}

// auc is the probability that a random good text outscores a random bad one
// (ties count half), over every pair.
func auc(good, bad []int) (float64, int) {
	pairs := len(good) * len(bad)
	if pairs == 0 {
		return 0, 0
	}
	var won float64
	for _, g := range good {
		for _, b := range bad {
			switch {
			case g > b:
				won++
			case g == b:
				won += 0.5
			}
		}
	}
	return won / float64(pairs), pairs
}

func firstAntiPattern(r check.Report) string {
	for _, f := range r.Findings {
		if f.Kind == check.KindAntiPattern {
			return f.Rule
		}
	}
	return ""
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}
