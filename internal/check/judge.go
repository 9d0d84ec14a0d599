package check

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/pushback/pushback/internal/check/cue"
	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// The judge: the learned model gives the verdict (score, pass), the
// anti-pattern a failing draft shows, the stance of a passing one and the
// level it reads at; the cues give the evidence (formula parts, signals,
// findings with spans) and the suggestions. Where the two disagree, the
// report says so.

// judgeModel is the checker's model, loaded on first use.
type judgeModel struct {
	once sync.Once
	m    *model.Model
	err  error
	load func() (*model.Model, error)
}

func (j *judgeModel) get() (*model.Model, error) {
	j.once.Do(func() { j.m, j.err = j.load() })
	return j.m, j.err
}

// judgeInput is the model's input for a validated, plain-quote input whose
// cue analysis (on the draft as given) is a with report r: the stock lines
// are blanked and, when there were any, the draft analysed again.
func (c *Checker) judgeInput(in Input, a analysis, r Report, sc *cue.Scratch) model.Input {
	hits := c.stock.Eval(a.text, nil).Hits
	if len(hits) == 0 {
		return c.modelInputFrom(in, a, r)
	}
	blank := []byte(in.Draft)
	for _, h := range hits {
		for i := h.Start; i < h.End; i++ {
			blank[i] = ' '
		}
	}
	bin := in
	bin.Draft = string(blank)
	ba := c.analyse(bin, sc)
	return c.modelInputFrom(bin, ba, c.report(bin, ba))
}

// minAntiP is how sure the model must be of an anti-pattern to name it
// when no cue found it.
const minAntiP = 0.25

// cueOverrule: a cue's anti-pattern (an error it found in the words or
// the situation, not a guess) fails a draft the judge would pass with less
// than this confidence. On writer-held-out predictions this fusion is
// right slightly more often than the judge alone (0.984 against 0.983 on
// 5,264 messages; FUSION=1 go run ./internal/check/model/train -search).
const cueOverrule = 0.7

// judge fuses the model's reading p into the cues' report r.
func (c *Checker) judgeReport(r *Report, in Input, f map[string]bool, p model.Prediction) {
	rulesPass := r.Pass
	r.Score = int(math.Round(100 * p.Good))
	r.Pass = p.Good >= 0.5
	r.Stance = ""
	overruled := false
	var notes []string
	// The cues' anti-pattern findings, and their "leans toward" guesses
	// for a failing draft that named none.
	leans := map[string]Finding{}
	cueAnti := map[string]bool{}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		switch {
		case f.Kind == KindAntiPattern && strings.HasPrefix(f.Message, leanPrefix):
			leans[f.Rule] = f
			continue
		case f.Kind == KindAntiPattern:
			cueAnti[f.Rule] = true
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	unreadable := p.Known == 0
	if unreadable && r.Pass {
		// Nothing in it is a word the judge has seen in a message: it
		// cannot vouch for it.
		r.Pass, r.Score = false, min(r.Score, 10)
		notes = append(notes, "none of its words are ones the judge knows from workplace messages, so it cannot pass it")
	}
	if r.Pass && p.Good < cueOverrule && len(cueAnti) > 0 {
		r.Pass, overruled = false, true
		r.Score = min(r.Score, 49)
	}
	// The level is the judge's reading (it reads the corpus's labels of
	// level better than the cues do); calibration is judged against it.
	r.Findings = slices.DeleteFunc(r.Findings, func(f Finding) bool { return f.Kind == KindCalibration })
	if l := guide.Level(topClass(p.Level)); l != "" {
		r.Level = l
	}
	if r.Pass {
		r.Stance = topClass(p.Stance)
		if cal := c.calibration(in, r.Level, f); cal != nil {
			if cal.Severity == SeverityError {
				cal.Severity = SeverityWarning
			}
			r.Findings = append(r.Findings, *cal)
		}
		// A passing draft's cue findings are advice, not verdicts.
		for i := range r.Findings {
			f := &r.Findings[i]
			switch {
			case f.Kind == KindAntiPattern:
				f.Severity = SeverityWarning
				notes = append(notes, fmt.Sprintf("the cues flag %s, but read as a whole the message works", c.antiName(f.Rule)))
			case f.Kind == KindMissingStep:
				f.Severity = SeveritySuggestion
			case f.Severity == SeverityError:
				f.Severity = SeverityWarning
			}
		}
		if !rulesPass && len(notes) == 0 {
			notes = append(notes, "the formula's parts are not all there, but read as a whole the message works: a good pushback need not show all five steps")
		}
	} else if unreadable {
		r.Level = ""
		r.ReadsAs = "unreadable"
	} else if overruled {
		var names []string
		for id := range cueAnti {
			names = append(names, c.antiName(id))
		}
		notes = append(notes, fmt.Sprintf("read as a whole the message could pass (%.0f%% sure), but the cues find %s, so it fails", 100*p.Good,
			strings.Join(slices.Sorted(slices.Values(names)), " and ")))
	} else {
		anti := topClass(p.AntiPattern)
		ap, ok := c.g.AntiPattern(anti)
		pAnti := 0.0
		if len(p.AntiPattern) > 0 {
			pAnti = p.AntiPattern[0].P
		}
		lean, leaned := leans[anti]
		switch {
		case cueAnti[anti]:
			// Move the cues' finding of the model's anti-pattern first.
			for i, f := range r.Findings {
				if f.Kind == KindAntiPattern && f.Rule == anti {
					f.Severity = SeverityError
					r.Findings = append([]Finding{f}, append(r.Findings[:i:i], r.Findings[i+1:]...)...)
					break
				}
			}
		case ok && leaned:
			// The cues leaned the same way: their words or shape show it.
			lean.Severity = SeverityError
			lean.Message = ap.Name + strings.TrimPrefix(lean.Message, leanPrefix+strings.ToLower(ap.Name))
			r.Findings = append([]Finding{lean}, r.Findings...)
		case ok && (pAnti >= minAntiP || len(cueAnti) == 0):
			f := antiFinding(ap, SeverityError, ap.Name, draft.Span{})
			f.Message = fmt.Sprintf("%s: read from the whole message, not from any one phrase.", ap.Name)
			r.Findings = append([]Finding{f}, r.Findings...)
			if len(cueAnti) > 0 {
				var names []string
				for id := range cueAnti {
					names = append(names, c.antiName(id))
				}
				notes = append(notes, fmt.Sprintf("the cues point to %s; read as a whole, the message is %s", strings.Join(slices.Sorted(slices.Values(names)), " and "), strings.ToLower(ap.Name)))
			}
		}
		if rulesPass && len(cueAnti) == 0 {
			notes = append(notes, "the cues find a well-built pushback, but read as a whole the message would not be sent as is")
		}
	}
	sortBySeverity(r.Findings)
	// A draft that fails for an anti-pattern has no level worth
	// calibrating: say how it comes across instead.
	for _, f := range r.Findings {
		if r.Pass {
			break
		}
		if f.Kind == KindAntiPattern {
			if fap, ok := c.g.AntiPattern(f.Rule); ok {
				r.Level, r.ReadsAs = "", fap.ReadsAs
				r.Findings = slices.DeleteFunc(r.Findings, func(f Finding) bool { return f.Kind == KindCalibration })
			}
			break
		}
	}
	if len(notes) > 0 {
		r.Disagreement = capitalise(strings.Join(notes, "; ")) + "."
	}
	r.TopFixes = topFixes(r.Findings, r.Pass)
}

// leanPrefix starts the cues' guess at the anti-pattern a failing draft
// leans toward when none passed its threshold.
const leanPrefix = "Leans toward "

func (c *Checker) antiName(id string) string {
	if ap, ok := c.g.AntiPattern(id); ok {
		return strings.ToLower(ap.Name)
	}
	return id
}

func topClass(ps []model.Prob) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].Class
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// topFixes are up to three fixes, most important first, each about this
// draft: a finding that points at words quotes them. A passing draft gets
// only what is more than a suggestion.
func topFixes(fs []Finding, pass bool) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, f := range fs {
		if len(out) == 3 {
			break
		}
		if f.Suggestion == "" || seen[f.Rule] || pass && f.Severity == SeveritySuggestion {
			continue
		}
		seen[f.Rule] = true
		fix := f.Suggestion
		if f.Kind == KindAntiPattern && f.Excerpt != "" {
			fix = fmt.Sprintf("Instead of %q: %s", clip(f.Excerpt, 80), f.Suggestion)
		}
		out = append(out, fix)
	}
	return out
}

// sortBySeverity orders findings most severe first, anti-patterns before
// calibration before missing steps, keeping the order within each group.
func sortBySeverity(fs []Finding) {
	slices.SortStableFunc(fs, func(p, q Finding) int {
		if d := severityRank[p.Severity] - severityRank[q.Severity]; d != 0 {
			return d
		}
		return kindRank[p.Kind] - kindRank[q.Kind]
	})
}

// Warm loads the learned judge now rather than on the first Check (about
// 10 ms): a server calls it in the background once it has answered the
// handshake, so neither the handshake nor the first check waits for it.
func (c *Checker) Warm() error {
	if c.judge == nil {
		return nil
	}
	_, err := c.judge.get()
	return err
}
