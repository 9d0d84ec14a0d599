// Package check is the draft checker: it finds the formula's parts, the
// level a draft reads at, the anti-patterns and the supporting signals, with
// character spans, and judges the draft (score, pass, the anti-pattern or
// the stance) into a Report.
//
// The checker has three parts, each in its own place:
//
//   - The matcher, package check/cue: the guide's cues (RE2 patterns in
//     internal/guide/data/*.json) compiled into rules, the lead index over
//     them, and their matches over a draft. It knows how a cue matches, not
//     what a rule means.
//   - The learned model, package check/model: its features, the embedded
//     weights (judge.model), training and writer-held-out cross-validation
//     (check/model/train, run by make train).
//   - The judge, this package: it reads a draft with the rules (analyse,
//     here), builds the cues' report (verdict.go: formula parts, signals,
//     findings with spans, suggestions, the cues' own score), gives the
//     model what the cues found (features.go; training.go turns the corpus
//     into the model's examples) and fuses the model's reading into the
//     Report (judge.go): score, pass, the anti-pattern and the stance come
//     from the model; spans, parts, signals and suggestions from the cues;
//     where they disagree the report says so. report.go holds the Report.
//
// A rule is a formula step, a signal, a level or an anti-pattern; it is
// present when the summed weight of its matching cues reaches 1 (the cue
// kinds, existence, occurrence, conditional, sentence scope and shape cues,
// are described in package cue). A conditional cue looks at features: the
// step ids and signal names the draft shows (context, impact, evidence,
// alternative, ...) and the guide's features in signals.json, read from the
// draft or from the situation (known_gap, known_risk, settled, names_gap,
// made_case, commits). This is how structure is judged rather than words: a
// refusal with no reasons is a dismissive no, "your call" with no concern
// stated is an abdication, an objection with no alternative is a complaint.
//
// Steps, signals and features are found first from their unconditional
// cues; levels and anti-patterns, whose conditional cues look at them,
// second. The level read is the most direct one present (mild when none
// is). An anti-pattern's fallback cues are weighed only for a draft that
// fails with nothing named. To add knowledge, add cues to
// internal/guide/data/*.json; the tests over the documents' examples and
// the labelled corpus in evals/checker show what a change does.
package check

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check/cue"
	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Checker judges drafts against a guide. It is safe for concurrent use.
type Checker struct {
	g        *guide.Guide
	steps    []cue.Rule // formula steps, in order
	signals  []signalRule
	levels   []cue.Rule // in ascending directness
	antis    []antiRule
	features []featureRule
	leads    *cue.Index
	stock    cue.Rule    // the guide's stock lines, blanked before the judge reads a draft
	catch    cue.Rule    // goes_along's catch: a yes with a condition or a concern (stance only)
	jabs     cue.Rule    // the rewrite's jab classes: what it leaves out as blame, an insult, venting or a rhetorical question
	jabNotes []string    // each jab cue's note, in the rule's order
	judge    *judgeModel // nil: the cues' verdict alone

	namesOnce   sync.Once
	names       *modelCueNames // see modelNames
	startLevels sync.Map       // [2]string{stakes, audience} -> guide.Level: see intended
}

// featureRule is a guide.FeatureDef compiled: read from the draft like a
// signal, or from the situation.
type featureRule struct {
	id          string
	onSituation bool
	rule        cue.Rule
}

type signalRule struct {
	id   string
	step int // index into steps when the signal mirrors a step, else -1
	rule cue.Rule
}

type antiRule struct {
	ap       guide.AntiPattern
	rule     cue.Rule
	fallback cue.Rule // weighed only when a failing draft names nothing
}

// New compiles the guide's cues into a Checker whose verdict comes from
// the embedded learned judge (model.Default), loaded on first use.
func New(g *guide.Guide) (*Checker, error) { return NewWithModel(g, model.Default) }

// NewWithModel is New with the judge's model from load (called once, on
// first use); a nil load gives a checker whose verdict is the cues' alone,
// which is what the model is trained from.
func NewWithModel(g *guide.Guide, load func() (*model.Model, error)) (*Checker, error) {
	if g == nil {
		return nil, fmt.Errorf("check: nil guide")
	}
	c := &Checker{g: g}
	if load != nil {
		c.judge = &judgeModel{load: load}
	}
	for _, s := range g.Formula.Steps {
		r, err := cue.Compile(s.ID, s.Cues)
		if err != nil {
			return nil, fmt.Errorf("compile step cues: %w", err)
		}
		c.steps = append(c.steps, r)
	}
	for _, s := range g.Signals {
		sr := signalRule{id: s.ID, step: -1}
		if s.Step != "" {
			for i, st := range g.Formula.Steps {
				if st.ID == s.Step {
					sr.step = i
				}
			}
			if sr.step < 0 {
				return nil, fmt.Errorf("compile signal %s: unknown step %q", s.ID, s.Step)
			}
		} else {
			r, err := cue.Compile(s.ID, s.Cues)
			if err != nil {
				return nil, fmt.Errorf("compile signal cues: %w", err)
			}
			sr.rule = r
		}
		c.signals = append(c.signals, sr)
	}
	for _, l := range g.Levels {
		r, err := cue.Compile(string(l.ID), l.Cues)
		if err != nil {
			return nil, fmt.Errorf("compile level cues: %w", err)
		}
		c.levels = append(c.levels, r)
	}
	for _, a := range g.AntiPatterns {
		r, err := cue.Compile(a.ID, a.Cues)
		if err != nil {
			return nil, fmt.Errorf("compile anti-pattern cues: %w", err)
		}
		fb, err := cue.Compile(a.ID+" fallback", a.Fallback)
		if err != nil {
			return nil, fmt.Errorf("compile anti-pattern fallback cues: %w", err)
		}
		c.antis = append(c.antis, antiRule{ap: a, rule: r, fallback: fb})
	}
	for _, f := range g.Features {
		r, err := cue.Compile(f.ID, f.Cues)
		if err != nil {
			return nil, fmt.Errorf("compile feature cues: %w", err)
		}
		c.features = append(c.features, featureRule{id: f.ID, onSituation: f.On == guide.FeatureOnSituation, rule: r})
		if f.ID == featureGoesAlong {
			if c.catch, err = cue.Compile(f.ID+" catch", f.Catch); err != nil {
				return nil, fmt.Errorf("compile feature catch cues: %w", err)
			}
		}
	}
	var err error
	if c.stock, err = cue.CompileStock(g.Stock.Lines); err != nil {
		return nil, fmt.Errorf("compile stock lines: %w", err)
	}
	if c.jabs, c.jabNotes, err = compileJabs(g.Rewrite); err != nil {
		return nil, fmt.Errorf("compile jab cues: %w", err)
	}
	c.leads = cue.NewIndex(c.rules())
	return c, nil
}

// rules lists every compiled rule the draft is read with (sharing the
// cues, not copying them): the ones the lead index holds.
func (c *Checker) rules() []cue.Rule {
	var rs []cue.Rule
	rs = append(rs, c.steps...)
	for _, s := range c.signals {
		if s.step < 0 {
			rs = append(rs, s.rule)
		}
	}
	rs = append(rs, c.levels...)
	for _, a := range c.antis {
		rs = append(rs, a.rule, a.fallback)
	}
	for _, f := range c.features {
		if !f.onSituation {
			rs = append(rs, f.rule)
		}
	}
	return append(rs, c.stock, c.catch, c.jabs)
}

var defaultChecker = sync.OnceValue(func() *Checker {
	c, err := New(guide.Default())
	if err != nil {
		panic(fmt.Sprintf("check: embedded guide cues do not compile: %v", err))
	}
	return c
})

// Default returns a Checker for the embedded guide, compiled once. The
// embedded cues are covered by tests, so a panic here means a broken build.
func Default() *Checker { return defaultChecker() }

// Guide returns the guide the checker was built from.
func (c *Checker) Guide() *guide.Guide { return c.g }

// Check judges one draft. Input errors wrap draft.ErrEmpty, draft.ErrTooLong,
// draft.ErrInvalidUTF8 or guide.ErrUnknownValue.
func (c *Checker) Check(in Input) (Report, error) {
	in, err := c.validate(in)
	if err != nil {
		return Report{}, err
	}
	sc := scratchPool.Get().(*cue.Scratch)
	defer scratchPool.Put(sc)
	orig := in.Draft
	if hasTypographicQuote(orig) {
		in.Draft = plainQuotes.Replace(orig)
	}
	if hasTypographicQuote(in.Situation) {
		in.Situation = plainQuotes.Replace(in.Situation)
	}
	a := c.analyse(in, sc)
	r := c.report(in, a)
	if c.judge != nil {
		m, err := c.judge.get()
		if err != nil {
			return Report{}, fmt.Errorf("check: %w", err)
		}
		mi := c.judgeInput(in, a, r)
		c.judgeReport(&r, in, a.features, m.Predict(mi), a.text)
		if in.Explain {
			r.Explanation = m.Explain(mi, 12)
		}
	}
	r.Summary = c.summary(r)
	c.unfilled(&r, in.Draft)
	if in.Draft != orig {
		c.restoreQuotes(&r, in.Draft, orig)
	}
	return r, nil
}

// plainQuotes maps typographic quotes and apostrophes to plain ones before
// matching, so a cue written "you'?re" also finds "you’re" as phones and
// word processors type it. Each replacement is one character for one
// character, so character offsets into the plain text are offsets into the
// draft as given.
const typographicQuotes = "\u2019\u2018\u02bc\u201c\u201d"

// hasTypographicQuote is strings.ContainsAny(s, typographicQuotes) in one
// pass: each of those characters starts with the byte 0xE2 or 0xCA, which
// plain text never holds (ContainsAny scans once per character, ~9% of a
// check).
func hasTypographicQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; (b == 0xE2 || b == 0xCA) && strings.ContainsAny(s[i:min(i+3, len(s))], typographicQuotes) {
			return true
		}
	}
	return false
}

var plainQuotes = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "“", `"`, "”", `"`)

// restoreQuotes puts the draft's own characters back into every span text,
// excerpt and message of a report made from its plain-quote copy.
func (c *Checker) restoreQuotes(r *Report, plain, orig string) {
	runes := []rune(orig)
	at := func(start, end int) string {
		if start < 0 || end > len(runes) || start > end {
			return ""
		}
		return string(runes[start:end])
	}
	restore := func(spans []draft.Span) {
		for i := range spans {
			spans[i].Text = at(spans[i].Start, spans[i].End)
		}
	}
	for i := range r.Components {
		restore(r.Components[i].Spans)
	}
	for i := range r.Signals {
		restore(r.Signals[i].Spans)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Excerpt == "" {
			continue
		}
		ex := at(f.Start, f.End)
		f.Message = strings.Replace(f.Message, fmt.Sprintf("%q", clip(f.Excerpt, 120)), fmt.Sprintf("%q", clip(ex, 120)), 1)
		f.Excerpt = ex
	}
	r.Summary = c.summary(*r)
}

func (c *Checker) validate(in Input) (Input, error) {
	if err := draft.Validate(in.Draft); err != nil {
		return in, fmt.Errorf("check draft: %w", err)
	}
	if !utf8.ValidString(in.Situation) {
		return in, fmt.Errorf("check situation: %w", draft.ErrInvalidUTF8)
	}
	if n := utf8.RuneCountInString(in.Situation); n > draft.MaxChars {
		return in, fmt.Errorf("check situation: %w: %d characters, the limit is %d", draft.ErrTooLong, n, draft.MaxChars)
	}
	var err error
	if in.Audience, err = guide.ParseAudience(string(in.Audience)); err != nil {
		return in, fmt.Errorf("check: %w", err)
	}
	if in.Stakes, err = guide.ParseStakes(string(in.Stakes)); err != nil {
		return in, fmt.Errorf("check: %w", err)
	}
	if in.Level, err = guide.ParseLevel(string(in.Level)); err != nil {
		return in, fmt.Errorf("check: %w", err)
	}
	if in.Matter, err = guide.ParseMatter(string(in.Matter)); err != nil {
		return in, fmt.Errorf("check: %w", err)
	}
	return in, nil
}

// scratchPool holds the matcher's working memory, one per Check at a time,
// so that checking a draft allocates little.
var scratchPool = sync.Pool{New: func() any { return new(cue.Scratch) }}

// analysis is what the rules found in one draft.
type analysis struct {
	text     *cue.Text
	steps    []cue.Result
	signals  []cue.Result
	levels   []cue.Result
	antis    []cue.Result
	features map[string]bool
	read     guide.Level
}

func (c *Checker) analyse(in Input, sc *cue.Scratch) analysis {
	t := cue.NewText(in.Draft, c.leads, sc)
	// One allocation for the four lists of results.
	ns, ng, nl := len(c.steps), len(c.signals), len(c.levels)
	res := make([]cue.Result, ns+ng+nl+len(c.antis))
	a := analysis{
		text:     t,
		steps:    res[:ns:ns],
		signals:  res[ns : ns+ng : ns+ng],
		levels:   res[ns+ng : ns+ng+nl : ns+ng+nl],
		antis:    res[ns+ng+nl:],
		features: make(map[string]bool, len(c.steps)+len(c.signals)+len(c.features)),
	}
	// Pass 1: steps and signals from their unconditional cues.
	for i, r := range c.steps {
		a.steps[i] = r.Eval(t, nil)
		a.features[r.ID] = a.steps[i].Present()
	}
	for i, s := range c.signals {
		if s.step >= 0 {
			a.signals[i] = a.steps[s.step]
		} else {
			a.signals[i] = s.rule.Eval(t, nil)
		}
		a.features[s.id] = a.signals[i].Present()
	}
	for _, f := range c.features {
		switch {
		case f.onSituation:
			a.features[f.id] = in.Situation != "" && f.rule.HoldsIn(in.Situation)
		case f.id == featureGoesAlong && in.Stakes != guide.StakesLow:
			// Only lettingGo reads it, and only at low stakes.
		default:
			a.features[f.id] = f.rule.Eval(t, nil).Present()
		}
	}
	// Pass 2: levels and anti-patterns, whose conditional cues look at the
	// features pass 1 found.
	a.read = guide.LevelMild
	for i, r := range c.levels {
		a.levels[i] = r.Eval(t, a.features)
		if a.levels[i].Present() {
			a.read = c.g.Levels[i].ID
		}
	}
	for i, r := range c.antis {
		a.antis[i] = r.rule.Eval(t, a.features)
	}
	return a
}
