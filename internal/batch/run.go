package batch

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/pushback/pushback/internal/check"
)

// Checker is what a batch needs of the checker (*check.Checker has it, and
// is safe for concurrent use).
type Checker interface {
	Check(check.Input) (check.Report, error)
}

// Options configure a run.
type Options struct {
	// MinScore also fails a draft the checker passes when its score is
	// lower (0: the checker's verdict alone).
	MinScore int
	// Concurrency is how many drafts are checked at once; GOMAXPROCS when 0.
	Concurrency int
}

// ReportVersion is the version of the JSON report's schema; it changes when
// a field changes meaning or goes.
const ReportVersion = 1

// Report is the outcome of checking many drafts. Its JSON form is
// `pushback check --format json`.
type Report struct {
	Version  int    `json:"version" jsonschema:"description=Schema version of this report."`
	Pass     bool   `json:"pass" jsonschema:"description=True when every draft passes and none had an input error."`
	Drafts   int    `json:"drafts" jsonschema:"description=Drafts found (input errors included)."`
	Passed   int    `json:"passed"`
	Failed   int    `json:"failed"`
	Errors   int    `json:"errors" jsonschema:"description=Drafts that could not be checked (see each result's error)."`
	Files    int    `json:"files" jsonschema:"description=Files read."`
	MinScore int    `json:"min_score,omitempty" jsonschema:"description=The --min-score bar\\, when set."`
	Results  []Item `json:"results" jsonschema:"description=One per draft\\, in the order found."`
	// Duration is not in the JSON, so reports are reproducible.
	Duration time.Duration `json:"-"`
}

// Item is one draft's result.
type Item struct {
	ID     string `json:"id" jsonschema:"description=The JSON Lines id\\, else file:line."`
	File   string `json:"file,omitempty" jsonschema:"description=The file the draft is in (- for stdin; empty for text given as arguments)."`
	Line   int    `json:"line" jsonschema:"description=Line (from 1) where the draft's text starts."`
	Column int    `json:"column,omitempty" jsonschema:"description=Column (from 1\\, in characters) where it starts; left out for JSON Lines."`
	Name   string `json:"name,omitempty" jsonschema:"description=The Markdown heading the draft stands under."`
	Pass   bool   `json:"pass" jsonschema:"description=The checker passes it and its score reaches min_score."`
	// CheckerPass is the checker's own verdict, before MinScore.
	CheckerPass   bool      `json:"checker_pass" jsonschema:"description=The checker's own verdict\\, before min_score."`
	Score         int       `json:"score" jsonschema:"minimum=0,maximum=100"`
	Level         string    `json:"level,omitempty" jsonschema:"description=The level the draft reads at."`
	ReadsAs       string    `json:"reads_as,omitempty" jsonschema:"description=How a draft failing for an anti-pattern comes across instead."`
	IntendedLevel string    `json:"intended_level,omitempty"`
	Stance        string    `json:"stance,omitempty"`
	Summary       string    `json:"summary,omitempty" jsonschema:"description=The checker's one-sentence verdict."`
	Findings      []Finding `json:"findings" jsonschema:"description=The checker's findings\\, most severe first\\, each placed in the file."`
	TopFixes      []string  `json:"top_fixes"`
	Error         string    `json:"error,omitempty" jsonschema:"description=Why the draft could not be checked."`

	draft Draft
}

// Finding is a check.Finding placed in the file: Line and Column (from 1)
// of its first character, EndLine and EndColumn just past its last. A
// finding about the whole draft (no span) is placed at the draft's start.
type Finding struct {
	check.Finding
	Line      int `json:"line"`
	Column    int `json:"column,omitempty"`
	EndLine   int `json:"end_line"`
	EndColumn int `json:"end_column,omitempty"`
}

// Draft returns the draft the item judges.
func (it Item) Draft() Draft { return it.draft }

// Run checks every draft, Concurrency at once, and returns the results in
// the drafts' order. files is how many files they came from.
func Run(chk Checker, drafts []Draft, files int, o Options) *Report {
	start := time.Now()
	r := &Report{Version: ReportVersion, Drafts: len(drafts), Files: files, MinScore: o.MinScore, Results: make([]Item, len(drafts))}
	workers := o.Concurrency
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(drafts)))
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r.Results[i] = judge(chk, drafts[i], o.MinScore)
			}
		}()
	}
	for i := range drafts {
		next <- i
	}
	close(next)
	wg.Wait()
	r.Pass = true
	for _, it := range r.Results {
		switch {
		case it.Error != "":
			r.Errors++
		case it.Pass:
			r.Passed++
		default:
			r.Failed++
		}
		r.Pass = r.Pass && it.Pass && it.Error == ""
	}
	r.Duration = time.Since(start)
	return r
}

func judge(chk Checker, d Draft, minScore int) Item {
	it := Item{ID: d.ID, File: d.File, Line: d.Line, Column: d.Column, Name: d.Name, Findings: []Finding{}, TopFixes: []string{}, draft: d}
	if d.Err != nil {
		it.Error = oneLine(d.Err.Error())
		return it
	}
	rep, err := chk.Check(d.Input)
	if err != nil {
		it.Error = oneLine(err.Error())
		return it
	}
	it.CheckerPass, it.Score = rep.Pass, rep.Score
	it.Pass = rep.Pass && rep.Score >= minScore
	it.Level, it.ReadsAs, it.IntendedLevel, it.Stance = string(rep.Level), rep.ReadsAs, string(rep.IntendedLevel), rep.Stance
	it.Summary = rep.Summary
	if rep.Pass && !it.Pass {
		it.Summary = fmt.Sprintf("The checker passes it, but its score %d is below --min-score %d.", rep.Score, minScore)
	}
	if len(rep.TopFixes) > 0 {
		it.TopFixes = rep.TopFixes
	}
	for _, f := range rep.Findings {
		lf := Finding{Finding: f}
		if f.End > f.Start {
			lf.Line, lf.Column = d.Position(f.Start)
			lf.EndLine, lf.EndColumn = d.Position(f.End)
		} else {
			lf.Line, lf.Column = d.Line, d.Column
			lf.EndLine, lf.EndColumn = d.Line, d.Column
		}
		it.Findings = append(it.Findings, lf)
	}
	return it
}

// oneLine folds an error message onto one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
