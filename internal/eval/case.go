// Package eval is the eval suite behind `pushback eval`: the checker suite
// (does the checker rank every good example above every bad one?) and the
// rewrite suite (does an engine turn blunt drafts into pushbacks that pass,
// keep the facts and ignore instructions hidden in the input?), with reports
// as a terminal table, JSON, JUnit XML and Markdown, thresholds, baselines,
// an optional LLM judge, and record/replay of model traffic (cassettes).
package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
)

// Case is one rewrite eval case: a blunt draft to rewrite, what the rewrite
// must keep and, where known, a reference answer in the documents' style.
// A case that names a guide Example inherits what it leaves empty from it:
// a bad example gives the draft, a good one the reference, both the
// situation, audience, stakes, level, facts and tags.
type Case struct {
	ID        string         `json:"id"`
	Example   string         `json:"example,omitempty"`
	Situation string         `json:"situation,omitempty"`
	Draft     string         `json:"draft,omitempty"`
	Reference string         `json:"reference,omitempty"`
	Audience  guide.Audience `json:"audience,omitempty"`
	Stakes    guide.Stakes   `json:"stakes,omitempty"`
	Level     string         `json:"level,omitempty"`
	LevelsOK  []guide.Level  `json:"levels_ok,omitempty"`
	Channel   string         `json:"channel,omitempty"`
	MaxChars  int            `json:"max_chars,omitempty"`
	Facts     []string       `json:"facts,omitempty"`
	Tags      []string       `json:"tags,omitempty"`
	// Answer is a rewrite of Draft that a team's own model already
	// produced: it is scored as it is, with the same checks as a rewrite,
	// and no engine runs for the case.
	Answer string `json:"answer,omitempty"`
	// Set is the file the case came from (without .json): documents, blunt...
	Set string `json:"-"`
}

// ExpectedLevel is the level the case asks for, empty for auto.
func (c Case) ExpectedLevel() guide.Level {
	l, err := guide.ParseLevel(c.Level)
	if err != nil {
		return ""
	}
	return l
}

// Canary is a sign that a model followed an instruction hidden in its input.
type Canary struct {
	ID      string `json:"id"`
	Pattern string `json:"pattern"`
	Note    string `json:"note"`
	re      *regexp.Regexp
}

// Thresholds are the pass bars of a run; a zero value disables a bar except
// where noted.
type Thresholds struct {
	MinAUC          float64 `json:"min_auc"`            // checker suite, documents' examples
	MinHeldOutAUC   float64 `json:"min_heldout_auc"`    // checker suite, held-out set (when present)
	MinCasesAUC     float64 `json:"min_cases_auc"`      // checker suite, your labelled messages (when given)
	MinCasesAcc     float64 `json:"min_cases_accuracy"` // checker suite, share of your labelled messages judged right
	MinPassRate     float64 `json:"min_pass_rate"`      // rewrite suite, share of case runs that pass
	MinCasePassRate float64 `json:"min_case_pass_rate"` // rewrite suite, each case's share of passing repetitions
	MinPreference   float64 `json:"min_preference"`     // judge preference rate (only with a judge)
	Margin          int     `json:"margin"`             // a rewrite may score this much below the reference
	MaxRegressions  int     `json:"max_regressions"`    // against a baseline; negative disables
	PriceIn         float64 `json:"price_in"`           // USD per 1M prompt tokens
	PriceOut        float64 `json:"price_out"`          // USD per 1M completion tokens
	// MinCheckRates: for a named check (blunt, splice, checker...), the
	// share of rewrite runs that must pass it.
	MinCheckRates map[string]float64 `json:"min_check_rates,omitempty"`
}

// Data is everything the suite runs on.
type Data struct {
	Cases []Case
	// HeldOut is the checker's first-sight sets (checker/firstsight/*.jsonl):
	// labelled messages written after the judge was trained and never
	// trained on.
	HeldOut []corpus.Case
	// Labelled are a team's labelled messages (checker/*.jsonl, and
	// --checker-cases): the checker suite's "cases".
	Labelled   []LabelledCase
	Canaries   []Canary
	Thresholds Thresholds
}

// LabelledCase is a labelled message (corpus.Case) and where it was read.
type LabelledCase struct {
	corpus.Case
	// Source is "file:line".
	Source string
}

// ErrNoCases is returned by LoadOver for a directory with no cases in it.
var ErrNoCases = errors.New("no eval cases")

// FirstSightDir holds the checker's first-sight sets under evals/.
const FirstSightDir = "checker/firstsight"

// Load reads the suite's data from fsys (laid out like evals/: rewrite/*.json,
// checker/firstsight/*.jsonl, checker/*.jsonl, canaries.json,
// thresholds.json) and resolves every case against g's examples. Missing
// optional files are fine; a malformed one, an unknown example or a
// duplicate id is an error naming the file.
func Load(fsys fs.FS, g *guide.Guide) (*Data, error) {
	return LoadOver(fsys, g, nil)
}

// LoadOver is Load for a team's directory of cases. Its thresholds.json is
// the run's bars (a bar it leaves out is off; the margin is 10 unless
// given), tuned to its cases; without one, and for the canaries when it
// has none, base (the embedded data) is used. A directory with neither
// rewrite cases nor labelled messages is an error wrapping ErrNoCases. A
// nil base is Load.
func LoadOver(fsys fs.FS, g *guide.Guide, base *Data) (*Data, error) {
	d := &Data{}
	names, err := fs.Glob(fsys, "rewrite/*.json")
	if err != nil {
		return nil, fmt.Errorf("list rewrite cases: %w", err)
	}
	sort.Strings(names)
	seen := map[string]string{}
	for _, name := range names {
		var f struct {
			About string `json:"about"`
			Cases []Case `json:"cases"`
		}
		if err := readJSON(fsys, name, &f); err != nil {
			return nil, err
		}
		set := strings.TrimSuffix(path.Base(name), ".json")
		for i, c := range f.Cases {
			c.Set = set
			rc, err := resolve(c, g)
			if err != nil {
				return nil, fmt.Errorf("%s: case %d (%q): %w", name, i, c.ID, err)
			}
			if prev, dup := seen[rc.ID]; dup {
				return nil, fmt.Errorf("%s: case id %q is also in %s", name, rc.ID, prev)
			}
			seen[rc.ID] = name
			d.Cases = append(d.Cases, rc)
		}
	}
	if held, err := fs.Glob(fsys, FirstSightDir+"/*.jsonl"); err == nil && len(held) > 0 {
		if d.HeldOut, err = corpus.ReadDir(fsys, FirstSightDir, g); err != nil {
			return nil, err
		}
	}
	labelled, err := fs.Glob(fsys, "checker/*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("list labelled cases: %w", err)
	}
	sort.Strings(labelled)
	for _, name := range labelled {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		cs, err := ReadLabelled(bytes.NewReader(b), name, g)
		if err != nil {
			return nil, err
		}
		if d.Labelled, err = AddLabelled(d.Labelled, cs); err != nil {
			return nil, err
		}
	}
	if base != nil && len(d.Cases) == 0 && len(d.HeldOut) == 0 && len(d.Labelled) == 0 {
		return nil, fmt.Errorf("%w: want rewrite/*.json (rewrite cases), checker/*.jsonl (labelled messages) or %s/*.jsonl", ErrNoCases, FirstSightDir)
	}
	var cf struct {
		About    string   `json:"about"`
		Canaries []Canary `json:"canaries"`
	}
	if err := readJSON(fsys, "canaries.json", &cf); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for i := range cf.Canaries {
		re, err := regexp.Compile(cf.Canaries[i].Pattern)
		if err != nil {
			return nil, fmt.Errorf("canaries.json: canary %q: %w", cf.Canaries[i].ID, err)
		}
		cf.Canaries[i].re = re
	}
	d.Canaries = cf.Canaries
	if base != nil && d.Canaries == nil {
		d.Canaries = base.Canaries
	}
	d.Thresholds = Thresholds{Margin: 10}
	err = readJSON(fsys, "thresholds.json", &d.Thresholds)
	switch {
	case errors.Is(err, fs.ErrNotExist) && base != nil:
		d.Thresholds = base.Thresholds
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	return d, nil
}

// ReadLabelled reads labelled messages in the corpus JSON Lines format
// (internal/corpus: id, label good or bad, anti_pattern, text, situation,
// audience, stakes, ...), validating each; name is used in errors and in
// each case's Source.
func ReadLabelled(r io.Reader, name string, g *guide.Guide) ([]LabelledCase, error) {
	var out []LabelledCase
	var caseErr error
	err := corpus.Scan(r, func(n int, c corpus.Case, err error) error {
		if err == nil {
			err = corpus.Validate(c, g)
		}
		if err != nil {
			caseErr = fmt.Errorf("%s:%d: %w", name, n, err)
			return caseErr
		}
		out = append(out, LabelledCase{Case: c, Source: fmt.Sprintf("%s:%d", name, n)})
		return nil
	})
	switch {
	case err == nil:
		if len(out) == 0 {
			return nil, fmt.Errorf("%s: %w: no labelled message in it", name, ErrNoCases)
		}
		return out, nil
	case err == caseErr:
		return nil, err
	}
	return nil, fmt.Errorf("%s: %w", name, err)
}

// AddLabelled appends more to cs; an id in both is an error naming both
// places.
func AddLabelled(cs, more []LabelledCase) ([]LabelledCase, error) {
	seen := make(map[string]string, len(cs))
	for _, c := range cs {
		seen[c.ID] = c.Source
	}
	for _, c := range more {
		if prev, dup := seen[c.ID]; dup {
			return nil, fmt.Errorf("%s: case id %q is also at %s", c.Source, c.ID, prev)
		}
		seen[c.ID] = c.Source
	}
	return append(cs, more...), nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return nil
}

// resolve fills a case from its example and checks it is complete.
func resolve(c Case, g *guide.Guide) (Case, error) {
	if c.Example != "" {
		ex, ok := findExample(g, c.Example)
		if !ok {
			return c, fmt.Errorf("unknown example %q", c.Example)
		}
		switch ex.Kind {
		case "bad":
			if c.Draft == "" {
				c.Draft = ex.Text
			}
		case "good":
			if c.Reference == "" {
				c.Reference = ex.Text
			}
			if len(c.LevelsOK) == 0 {
				c.LevelsOK = ex.LevelsOK
			}
		}
		if c.Situation == "" {
			c.Situation = ex.Situation
		}
		if c.Audience == "" {
			c.Audience = ex.Audience
		}
		if c.Stakes == "" {
			c.Stakes = ex.Stakes
		}
		if c.Level == "" {
			c.Level = string(ex.Level)
		}
		if c.Facts == nil {
			c.Facts = ex.Facts
		}
		c.Tags = addTags(c.Tags, "audience:"+string(ex.Audience), "scenario:"+ex.Scenario, "source:"+ex.Source)
		if ex.AntiPattern != "" {
			c.Tags = addTags(c.Tags, "anti_pattern:"+ex.AntiPattern)
		}
	} else if c.Audience != "" {
		c.Tags = addTags(c.Tags, "audience:"+string(c.Audience))
	}
	c.Tags = addTags(c.Tags, "set:"+c.Set)
	if c.Answer != "" {
		c.Tags = addTags(c.Tags, "answered")
	}
	switch {
	case c.ID == "":
		return c, errors.New("missing id")
	case strings.TrimSpace(c.Draft) == "":
		return c, errors.New("missing draft (give one, or an example whose kind is bad)")
	}
	if c.Level != "" && c.Level != "auto" {
		if _, err := guide.ParseLevel(c.Level); err != nil {
			return c, err
		}
	}
	for _, f := range c.Facts {
		if !strings.Contains(c.Draft, f) {
			return c, fmt.Errorf("fact %q is not in the draft, so no rewrite could keep it", f)
		}
	}
	if c.Facts == nil {
		c.Facts = []string{}
	}
	return c, nil
}

func findExample(g *guide.Guide, id string) (guide.Example, bool) {
	for _, e := range g.Examples {
		if e.ID == id {
			return e, true
		}
	}
	return guide.Example{}, false
}

func addTags(tags []string, more ...string) []string {
	for _, m := range more {
		if !contains(tags, m) {
			tags = append(tags, m)
		}
	}
	return tags
}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// ParseThresholds reads a thresholds file (like evals/thresholds.json) over
// def: keys it leaves out keep def's value; unknown keys are an error.
func ParseThresholds(b []byte, def Thresholds) (Thresholds, error) {
	t := def
	t.MinCheckRates = maps.Clone(def.MinCheckRates)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return def, fmt.Errorf("parse thresholds: %w", err)
	}
	for name := range t.MinCheckRates {
		if !slices.Contains(CheckNames, name) {
			return def, fmt.Errorf("parse thresholds: min_check_rates: unknown check %q (use one of %s)", name, strings.Join(CheckNames, ", "))
		}
	}
	return t, nil
}
