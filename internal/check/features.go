package check

import (
	"math"
	"slices"

	"github.com/pushback/pushback/internal/check/cue"
	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/guide"
)

// ModelInput is what the learned judge reads for in: the draft with plain
// quotes and its stock lines blanked, and the cue engine's findings on that
// same text as named features. Input errors are Check's.
func (c *Checker) ModelInput(in Input) (model.Input, error) {
	in, err := c.validate(in)
	if err != nil {
		return model.Input{}, err
	}
	sc := scratchPool.Get().(*cue.Scratch)
	defer scratchPool.Put(sc)
	in.Draft = plainQuotes.Replace(in.Draft)
	in.Situation = plainQuotes.Replace(in.Situation)
	a := c.analyse(in, sc)
	return c.judgeInput(in, a, c.report(in, a)), nil
}

// modelInputFrom names what analysis a (with report r) found in in, whose
// draft has no stock lines left.
func (c *Checker) modelInputFrom(in Input, a analysis, r Report) model.Input {
	cues := make([]model.Cue, 0, 48)
	add := func(prefix, id string, score float64) {
		if score > 0 {
			cues = append(cues, model.Cue{Name: prefix + id, Value: math.Min(score, 2)})
		}
	}
	for i, s := range c.steps {
		add("step:", s.ID, a.steps[i].Score)
	}
	for i, s := range c.signals {
		if s.step < 0 {
			add("sig:", s.id, a.signals[i].Score)
		}
	}
	for i, l := range c.levels {
		add("lvl:", l.ID, a.levels[i].Score)
	}
	for i, ar := range c.antis {
		add("anti:", ar.ap.ID, a.antis[i].Score)
	}
	var feats []string
	for id, on := range a.features {
		if on {
			feats = append(feats, id)
		}
	}
	slices.Sort(feats)
	for _, id := range feats {
		cues = append(cues, model.Cue{Name: "feat:" + id, Value: 1})
	}
	if committed(a.features) {
		cues = append(cues, model.Cue{Name: "shape:committed", Value: 1})
	}
	if lettingGo(in, a.features) {
		cues = append(cues, model.Cue{Name: "shape:letting_go", Value: 1})
	}
	cues = append(cues, model.Cue{Name: "rules:score", Value: float64(r.Score) / 100})
	if r.Pass {
		cues = append(cues, model.Cue{Name: "rules:pass", Value: 1})
	}
	return model.Input{
		Draft:     in.Draft,
		Situation: in.Situation,
		Audience:  string(in.Audience),
		Stakes:    string(in.Stakes),
		Cues:      cues,
	}
}

// AntiPatternIDs lists the guide's anti-pattern ids in order: the classes
// of the model's anti-pattern head.
func AntiPatternIDs(g *guide.Guide) []string {
	ids := make([]string, len(g.AntiPatterns))
	for i, a := range g.AntiPatterns {
		ids[i] = a.ID
	}
	return ids
}
