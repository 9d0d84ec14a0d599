package eval

import (
	"errors"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

func TestAUC(t *testing.T) {
	tests := []struct {
		name      string
		good, bad []int
		want      float64
		pairs     int
	}{
		{"perfect", []int{90, 80}, []int{10, 20, 30}, 1, 6},
		{"inverted", []int{10}, []int{90, 80}, 0, 2},
		{"all ties", []int{50, 50}, []int{50}, 0.5, 2},
		{"one misordered pair of four", []int{90, 40}, []int{50, 10}, 0.75, 4},
		{"no bad texts", []int{90}, nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pairs := auc(tt.good, tt.bad)
			if got != tt.want || pairs != tt.pairs {
				t.Fatalf("auc = %v over %d pairs, want %v over %d", got, pairs, tt.want, tt.pairs)
			}
		})
	}
}

// scripted is a checker whose verdicts the test decides.
type scripted map[string]check.Report

func (s scripted) Check(in check.Input) (check.Report, error) {
	r, ok := s[in.Draft]
	if !ok {
		return check.Report{}, errors.New("no verdict scripted")
	}
	return r, nil
}

func TestRunCheckerVerdicts(t *testing.T) {
	ap := func(rule string) []check.Finding {
		return []check.Finding{{Rule: "missing_invite", Kind: check.KindMissingStep}, {Rule: rule, Kind: check.KindAntiPattern}}
	}
	chk := scripted{
		"good one": {Score: 90, Pass: true},
		"good two": {Score: 40, Pass: false},
		"bad one":  {Score: 10, Findings: ap("dismissive_no")},
		"bad two":  {Score: 60, Findings: ap("abdication")},
	}
	texts := []Labelled{
		{ID: "g1", Good: true, Input: check.Input{Draft: "good one"}},
		{ID: "g2", Good: true, Input: check.Input{Draft: "good two"}},
		{ID: "b1", Input: check.Input{Draft: "bad one"}, AntiPattern: "dismissive_no"},
		{ID: "b2", Input: check.Input{Draft: "bad two"}, AntiPattern: "passive_resistance"},
		{ID: "e", Input: check.Input{Draft: "unscripted"}},
	}
	s := RunChecker(chk, "documents", texts)
	// g1 beats b1, b2, e; g2 beats b1 and e, loses to b2: 5 of 6.
	if s.Pairs != 6 || s.AUC != 5.0/6 {
		t.Errorf("AUC = %v over %d pairs, want 5/6 over 6", s.AUC, s.Pairs)
	}
	if s.Accuracy != 3.0/5 { // g1, b1, b2 right; g2 wrong; e is an error
		t.Errorf("accuracy = %v, want 0.6", s.Accuracy)
	}
	if s.AntiPatternAccuracy != 0.5 {
		t.Errorf("anti-pattern accuracy = %v, want 0.5", s.AntiPatternAccuracy)
	}
	if c := s.Cases[2]; c.AntiPattern != "dismissive_no" || !c.AntiPatternMatch {
		t.Errorf("b1 = %+v: the first anti_pattern finding should be named and matched", c)
	}
	if c := s.Cases[4]; c.Error == "" || c.Correct {
		t.Errorf("e = %+v: a checker error should be reported and count as wrong", c)
	}
}

// The real checker on the documents' own examples: every good one above
// every bad one, each with the right verdict and anti-pattern.
func TestRunCheckerOnTheDocuments(t *testing.T) {
	s := RunChecker(testChecker(t), "documents", ExampleTexts(guide.Default()))
	t.Logf("documents: AUC %.3f over %d pairs, accuracy %.2f, anti-pattern %.2f", s.AUC, s.Pairs, s.Accuracy, s.AntiPatternAccuracy)
	if len(s.Cases) != len(guide.Default().Examples) {
		t.Fatalf("%d cases for %d examples", len(s.Cases), len(guide.Default().Examples))
	}
	if s.AUC < 1 {
		t.Errorf("AUC %.3f < 1: %s", s.AUC, misordered(s))
	}
}
