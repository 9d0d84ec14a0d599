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
	names := c.modelNames()
	add := func(name string, score float64) {
		if score > 0 {
			cues = append(cues, model.Cue{Name: name, Value: math.Min(score, 2)})
		}
	}
	for i := range c.steps {
		add(names.steps[i], a.steps[i].Score)
	}
	for i, s := range c.signals {
		if s.step < 0 {
			add(names.signals[i], a.signals[i].Score)
		}
	}
	for i := range c.levels {
		add(names.levels[i], a.levels[i].Score)
	}
	for i := range c.antis {
		add(names.antis[i], a.antis[i].Score)
	}
	// The features found, by id.
	for i, id := range names.featureIDs {
		if a.features[id] {
			cues = append(cues, model.Cue{Name: names.features[i], Value: 1})
		}
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

// modelCueNames are the names modelInputFrom gives the model's cue
// features, built once rather than on every draft.
type modelCueNames struct {
	steps, signals, levels, antis []string // "step:"+id, ... by rule
	// featureIDs holds every id analyse can set in analysis.features,
	// sorted, and features their names ("feat:"+id).
	featureIDs, features []string
}

// modelNames returns c's model cue names.
func (c *Checker) modelNames() *modelCueNames {
	c.namesOnce.Do(func() {
		n := &modelCueNames{}
		for _, s := range c.steps {
			n.steps = append(n.steps, "step:"+s.ID)
			n.featureIDs = append(n.featureIDs, s.ID)
		}
		for _, s := range c.signals {
			n.signals = append(n.signals, "sig:"+s.id)
			n.featureIDs = append(n.featureIDs, s.id)
		}
		for _, l := range c.levels {
			n.levels = append(n.levels, "lvl:"+l.ID)
		}
		for _, ar := range c.antis {
			n.antis = append(n.antis, "anti:"+ar.ap.ID)
		}
		for _, f := range c.features {
			n.featureIDs = append(n.featureIDs, f.id)
		}
		slices.Sort(n.featureIDs)
		n.featureIDs = slices.Compact(n.featureIDs)
		for _, id := range n.featureIDs {
			n.features = append(n.features, "feat:"+id)
		}
		c.names = n
	})
	return c.names
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
