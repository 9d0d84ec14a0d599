package check

import (
	"errors"
	"fmt"

	"github.com/pushback/pushback/internal/check/cue"
)

// Margin is the learned judge's verdict on in as log-odds (its raw score
// before calibration: above 0 it leans to pass). Comparing the margins of
// two versions of a draft says which reads better, and by how much: the
// rewrite reads a draft once without each of its sentences to find the one
// a professional would cut. Without a learned judge it returns 0 and
// ErrNoJudge. Input errors are Check's.
func (c *Checker) Margin(in Input) (float64, error) {
	in, err := c.validate(in)
	if err != nil {
		return 0, err
	}
	if c.judge == nil {
		return 0, ErrNoJudge
	}
	m, err := c.judge.get()
	if err != nil {
		return 0, fmt.Errorf("check: %w", err)
	}
	sc := scratchPool.Get().(*cue.Scratch)
	defer scratchPool.Put(sc)
	in.Draft = plainQuotes.Replace(in.Draft)
	in.Situation = plainQuotes.Replace(in.Situation)
	a := c.analyse(in, sc)
	return m.Predict(c.judgeInput(in, a, c.report(in, a))).Margin, nil
}

// ErrNoJudge: the checker has no learned judge (the cue engine alone).
var ErrNoJudge = errors.New("check: no learned judge")

// JabScore is the judge's sentence head on text (one sentence, or the
// worst of its sentences): the log-odds that it is the sentence a
// professional would cut from a message otherwise worth sending (a dig,
// sarcasm, blame, an ultimatum). ok is false without a learned judge or a
// sentence to read.
func (c *Checker) JabScore(text string) (z float64, ok bool) {
	if c.judge == nil {
		return 0, false
	}
	m, err := c.judge.get()
	if err != nil {
		return 0, false
	}
	return m.JabScore(plainQuotes.Replace(text))
}
