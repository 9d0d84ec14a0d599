package check

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
)

// DocumentsWriter is the writer credited with the documents' own examples
// when they join the training corpus.
const DocumentsWriter = "documents"

// DocumentCases returns the guide's good and bad examples as corpus cases.
func DocumentCases(g *guide.Guide) []corpus.Case {
	out := make([]corpus.Case, 0, len(g.Examples))
	for _, e := range g.Examples {
		c := corpus.Case{ID: "documents-" + e.ID, Writer: DocumentsWriter, Label: corpus.Bad, AntiPattern: e.AntiPattern,
			Audience: e.Audience, Stakes: e.Stakes, Situation: e.Situation, Text: e.Text, Level: e.Level}
		if e.Kind == "good" {
			c.Label, c.Stance = corpus.Good, corpus.StancePushback
			if e.Level == guide.LevelEscalated {
				c.Stance = corpus.StanceEscalation
			}
		}
		out = append(out, c)
	}
	return out
}

// TrainingExamples turns labelled cases into the model's examples, reading
// each with the checker's cues. A case that gives stakes or an audience is
// also trained on without them (as users often leave them out), as an
// augmented copy that is never scored.
func (c *Checker) TrainingExamples(cases []corpus.Case) ([]model.Example, error) {
	out := make([]model.Example, 0, 2*len(cases))
	for _, k := range cases {
		for _, bare := range []bool{false, true} {
			in := Input{Draft: k.Text, Audience: k.Audience, Stakes: k.Stakes, Situation: k.Situation}
			if bare {
				if in.Audience == "" && in.Stakes == "" {
					continue
				}
				in.Audience, in.Stakes = "", ""
			}
			mi, err := c.ModelInput(in)
			if err != nil {
				return nil, fmt.Errorf("case %s: %w", k.ID, err)
			}
			out = append(out, model.Example{
				ID: k.ID, Writer: k.Writer, Family: k.Family, Input: mi, Good: k.IsGood(), Augmented: bare,
				AntiPattern: k.AntiPattern, Stance: k.Stance, Level: string(k.Level), Words: len(strings.Fields(k.Text)),
			})
		}
	}
	return out, nil
}

// TrainDir is where the training corpus sits under evals/checker.
const TrainDir = "train"

// Cases reads the training corpus (TrainDir/*.jsonl in fsys) and adds the
// documents' examples: what the judge is trained on.
func Cases(fsys fs.FS, g *guide.Guide) ([]corpus.Case, error) {
	cases, err := corpus.ReadDir(fsys, TrainDir, g)
	if err != nil {
		return nil, err
	}
	return append(cases, DocumentCases(g)...), nil
}

// JabDir is where the span-labelled drafts sit under evals/checker: drafts
// whose phrases a reader would cut are quoted in each case's jabs. They
// train the judge's sentence head only.
const JabDir = "jabs"

// JabFirstSightDir holds span-labelled drafts written and marked after the
// shipped sentence head was trained, scored once and kept out of its
// training until the next round of marks joins.
const JabFirstSightDir = "jabs-firstsight"

// JabCases reads the span-labelled drafts (JabDir/*.jsonl in fsys).
func JabCases(fsys fs.FS, g *guide.Guide) ([]corpus.Case, error) {
	return corpus.ReadDir(fsys, JabDir, g)
}

// JabExamples turns span-labelled cases into the sentence head's examples:
// the draft and its quoted jabs.
func JabExamples(cases []corpus.Case) []model.Example {
	out := make([]model.Example, 0, len(cases))
	for _, k := range cases {
		out = append(out, model.Example{ID: k.ID, Writer: k.Writer, Family: k.Family, Good: k.IsGood(),
			Input: model.Input{Draft: k.Text}, Jabs: k.Jabs, Words: len(strings.Fields(k.Text))})
	}
	return out
}
