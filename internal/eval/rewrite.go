package eval

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// Rewriter produces a rewrite; EngineRewriter wraps rewrite.Run.
type Rewriter interface {
	Rewrite(ctx context.Context, req rewrite.Request) (rewrite.Result, error)
}

// EngineRewriter runs rewrite.Run with an engine and the checker.
type EngineRewriter struct {
	Engine  rewrite.Engine
	Checker Checker
	Options rewrite.Options
}

// Rewrite implements Rewriter.
func (e EngineRewriter) Rewrite(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
	return rewrite.Run(ctx, e.Engine, e.Checker, req, e.Options)
}

// Length bounds of a rewrite, in characters: long enough to hold a reason and
// an alternative; no longer than the case's max_chars or, without one, the
// channel's bound (chat is short), raised to twice the longer of the draft
// and the reference for long inputs.
const (
	minRewriteChars = 40
	maxChatChars    = 500
	maxOtherChars   = 1000
	maxRewriteRatio = 2
)

func maxChars(c Case) int {
	if c.MaxChars > 0 {
		return c.MaxChars
	}
	hi := maxOtherChars
	if c.Channel == "chat" {
		hi = maxChatChars
	}
	return max(hi, maxRewriteRatio*max(utf8.RuneCountInString(c.Draft), utf8.RuneCountInString(c.Reference)))
}

// RewriteOptions configure the rewrite suite.
type RewriteOptions struct {
	Engine      string // reported name
	Repeat      int    // runs per case; 1 when zero
	Concurrency int    // cases run at once; 4 when zero
	Timeout     time.Duration
	Margin      int // see Thresholds.Margin
	PriceIn     float64
	PriceOut    float64
	Judge       *Judge
	// Progress, when set, is called after each case run.
	Progress func(done, total int, caseID string)
}

type job struct{ ci, rep int }

// RunRewrite rewrites every case with rw and scores each output: first
// with the independent checks a reader would apply (rewrite.Inspect:
// nothing blunt kept, stock lines within budget, their goal named, the
// draft's alternative kept, no broken splice, the limit met or explained),
// then for every fact kept, the length bounds and no sign of following
// instructions hidden in its input (canaries), then with chk: it must
// pass, score at least the reference's score minus the margin and more
// than the blunt draft's, and read at the expected level.
func RunRewrite(ctx context.Context, rw Rewriter, chk Checker, cases []Case, canaries []Canary, o RewriteOptions) *RewriteSuite {
	if o.Repeat < 1 {
		o.Repeat = 1
	}
	if o.Concurrency < 1 {
		o.Concurrency = 4
	}
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	s := &RewriteSuite{Engine: o.Engine, Flaky: []string{}, CheckRates: []CheckRate{}, Cases: make([]RewriteCase, len(cases))}
	refs := make([]baseScores, len(cases))
	for i, c := range cases {
		refs[i] = scoreBases(chk, c)
		s.Cases[i] = RewriteCase{ID: c.ID, Set: c.Set, Tags: c.Tags, Level: c.Level, ReferenceScore: refs[i].ref, DraftScore: refs[i].draft, Runs: make([]RewriteRun, o.Repeat)}
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done, total := 0, len(cases)*o.Repeat
	for w := 0; w < min(o.Concurrency, max(total, 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				run := runOne(ctx, rw, chk, cases[j.ci], refs[j.ci], canaries, j.rep, o)
				var label *JudgeVerdict
				if o.Judge != nil && j.rep == 0 && cases[j.ci].Reference != "" {
					label = judgeLabels(ctx, o, cases[j.ci])
				}
				mu.Lock()
				s.Cases[j.ci].Runs[j.rep] = run
				if label != nil {
					s.Cases[j.ci].LabelJudge = label
				}
				done++
				if o.Progress != nil {
					o.Progress(done, total, cases[j.ci].ID)
				}
				mu.Unlock()
			}
		}()
	}
	for rep := 0; rep < o.Repeat; rep++ {
		for ci := range cases {
			jobs <- job{ci, rep}
		}
	}
	close(jobs)
	wg.Wait()

	var scoreSum float64
	for i := range s.Cases {
		rc := &s.Cases[i]
		summarise(rc)
		s.Runs += len(rc.Runs)
		for _, r := range rc.Runs {
			if r.Pass {
				s.Passed++
			}
			scoreSum += float64(r.Score)
		}
		if rc.Flaky {
			s.Flaky = append(s.Flaky, rc.ID)
		}
	}
	s.PassRate = ratio(s.Passed, s.Runs)
	s.CheckRates = checkRates(s)
	if s.Runs > 0 {
		s.MeanScore = round2(scoreSum / float64(s.Runs))
	}
	return s
}

type baseScores struct {
	ref   *int
	draft int
	// findings are the checker's on the draft: no flagged span may
	// survive into the rewrite.
	findings []check.Finding
}

func caseInput(c Case, text string) check.Input {
	return check.Input{Draft: text, Audience: c.Audience, Situation: c.Situation, Stakes: c.Stakes, Level: c.ExpectedLevel()}
}

func scoreBases(chk Checker, c Case) baseScores {
	var b baseScores
	if r, err := chk.Check(caseInput(c, c.Draft)); err == nil {
		b.draft, b.findings = r.Score, r.Findings
	}
	if c.Reference != "" {
		if r, err := chk.Check(caseInput(c, c.Reference)); err == nil {
			b.ref = &r.Score
		}
	}
	return b
}

func runOne(ctx context.Context, rw Rewriter, chk Checker, c Case, base baseScores, canaries []Canary, rep int, o RewriteOptions) RewriteRun {
	run := RewriteRun{Repetition: rep, Checks: []Check{}}
	ctx, cancel := context.WithTimeout(WithCase(ctx, c.ID, rep), o.Timeout)
	defer cancel()
	req := rewrite.Request{Draft: c.Draft, Situation: c.Situation, Audience: c.Audience, Stakes: c.Stakes, Level: c.Level, Channel: c.Channel, MaxChars: c.MaxChars, Facts: c.Facts}
	start := time.Now()
	res, err := rw.Rewrite(ctx, req)
	run.LatencyMS = time.Since(start).Milliseconds()
	if err != nil {
		run.Error = fmt.Sprintf("case %s: %v", c.ID, err)
		run.Checks = append(run.Checks, Check{Name: "checker", Detail: "no rewrite: " + err.Error()})
		return run
	}
	run.Text, run.Attempts = res.Text, len(res.Attempts)
	run.Usage = Usage{PromptTokens: res.Usage.PromptTokens, CompletionTokens: res.Usage.CompletionTokens, TotalTokens: res.Usage.TotalTokens}
	run.Usage.CostUSD = cost(run.Usage, o.PriceIn, o.PriceOut)
	rep2, err := chk.Check(caseInput(c, res.Text))
	if err != nil {
		run.Error = fmt.Sprintf("case %s: check the rewrite: %v", c.ID, err)
		run.Checks = append(run.Checks, Check{Name: "checker", Detail: err.Error()})
		return run
	}
	run.Score, run.Level = rep2.Score, string(rep2.Level)
	run.Checks = scoreRun(c, base, rep2, res, canaries, o.Margin)
	run.Pass = true
	for _, ch := range run.Checks {
		run.Pass = run.Pass && ch.Pass
	}
	if o.Judge != nil && c.Reference != "" {
		v := o.Judge.Compare(ctx, c, res.Text, c.Reference)
		run.Judge = &v
		run.Usage.add(v.usage(o.PriceIn, o.PriceOut))
	}
	return run
}

// judgeLabels asks the judge to compare the blunt draft with the reference,
// to measure how often it agrees with the labels (bad, good).
func judgeLabels(ctx context.Context, o RewriteOptions, c Case) *JudgeVerdict {
	ctx, cancel := context.WithTimeout(WithCase(ctx, c.ID, 0), o.Timeout)
	defer cancel()
	v := o.Judge.Compare(ctx, c, c.Draft, c.Reference)
	return &v
}

func scoreRun(c Case, base baseScores, r check.Report, res rewrite.Result, canaries []Canary, margin int) []Check {
	var cs []Check
	add := func(name string, ok bool, format string, args ...any) {
		cs = append(cs, Check{Name: name, Pass: ok, Detail: fmt.Sprintf(format, args...)})
	}
	text := res.Text
	// What a reader sees, judged apart from the checker's score: the
	// same checks the rewrite loop holds every candidate to.
	for _, rv := range rewrite.Inspect(rewrite.InspectInput{
		Draft: c.Draft, Situation: c.Situation, Text: text, DraftFindings: base.findings,
		MaxChars: res.MaxChars, Channel: c.Channel, Stakes: c.Stakes, Limit: res.Limit,
	}) {
		add(rv.Name, rv.Pass, "%s", rv.Detail)
	}
	var lost []string
	for _, f := range c.Facts {
		if !strings.Contains(text, f) {
			lost = append(lost, f)
		}
	}
	if len(lost) > 0 {
		add("facts", false, "lost %q", lost)
	} else {
		add("facts", true, "kept %d", len(c.Facts))
	}
	n := utf8.RuneCountInString(text)
	hi := maxChars(c)
	// A draft kept as written is as long as its writer made it ("Fine
	// by me, go with Georgia.").
	asWritten := strings.TrimSpace(text) == strings.TrimSpace(c.Draft) && n <= hi
	add("length", asWritten || n >= minRewriteChars && n <= hi || n > hi && res.Limit != "", "%d characters (bounds %d..%d)%s", n, minRewriteChars, hi, limitNote(n, hi, res.Limit))
	var fired []string
	for _, cn := range canaries {
		if cn.re != nil && cn.re.MatchString(strings.TrimSpace(text)) && !cn.re.MatchString(c.Reference) {
			fired = append(fired, cn.ID)
		}
	}
	if len(fired) > 0 {
		add("injection", false, "shows signs of an instruction embedded in the input: canary %s", strings.Join(fired, ", "))
	} else {
		add("injection", true, "no canary")
	}
	// What the checker says.
	if r.Pass {
		add("checker", true, "passes (score %d)", r.Score)
	} else {
		add("checker", false, "fails: %s", failureReason(r))
	}
	okRef := base.ref == nil || r.Score >= *base.ref-margin
	okDraft := r.Score > base.draft
	switch {
	case strings.TrimSpace(text) == strings.TrimSpace(c.Draft):
		add("score", true, "kept as written (score %d)", r.Score)
	case !okDraft:
		add("score", false, "score %d is not above the blunt draft's %d", r.Score, base.draft)
	case !okRef:
		add("score", false, "score %d is below the reference's %d minus the margin %d", r.Score, *base.ref, margin)
	case base.ref != nil:
		add("score", true, "score %d vs reference %d, draft %d", r.Score, *base.ref, base.draft)
	default:
		add("score", true, "score %d vs draft %d", r.Score, base.draft)
	}
	if want := c.ExpectedLevel(); want != "" {
		ok := r.Level == want || contains(c.LevelsOK, r.Level)
		add("level", ok, "reads %s, expected %s%s", orNone(string(r.Level)), want, alsoOK(c.LevelsOK))
	}
	return cs
}

// limitNote says why a rewrite over its bound may still pass: the result
// says which limit it could not meet.
func limitNote(n, hi int, limit string) string {
	if n > hi && limit != "" {
		return "; over, and the result says why: " + limit
	}
	return ""
}

// checkRates counts, for every check, the runs that passed it.
func checkRates(s *RewriteSuite) []CheckRate {
	idx := map[string]int{}
	out := []CheckRate{}
	for _, name := range CheckNames {
		idx[name] = len(out)
		out = append(out, CheckRate{Name: name, Failing: []string{}})
	}
	for _, c := range s.Cases {
		for _, run := range c.Runs {
			for _, ch := range run.Checks {
				i, ok := idx[ch.Name]
				if !ok {
					continue
				}
				out[i].Runs++
				if ch.Pass {
					out[i].Passed++
				} else if !slices.Contains(out[i].Failing, c.ID) {
					out[i].Failing = append(out[i].Failing, c.ID)
				}
			}
		}
	}
	kept := out[:0]
	for _, r := range out {
		if r.Runs > 0 {
			r.Rate = round4(ratio(r.Passed, r.Runs))
			kept = append(kept, r)
		}
	}
	return kept
}

func failureReason(r check.Report) string {
	if len(r.Findings) > 0 {
		f := r.Findings[0]
		return fmt.Sprintf("%s (%s)", f.Rule, f.Message)
	}
	if r.Summary != "" {
		return r.Summary
	}
	return fmt.Sprintf("score %d", r.Score)
}

func alsoOK(ls []guide.Level) string {
	if len(ls) == 0 {
		return ""
	}
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l)
	}
	return " (ok: " + strings.Join(parts, ", ") + ")"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func summarise(rc *RewriteCase) {
	passed := 0
	var sum float64
	var prefs []float64
	for _, r := range rc.Runs {
		if r.Pass {
			passed++
		}
		sum += float64(r.Score)
		if r.Judge != nil && r.Judge.Error == "" {
			prefs = append(prefs, r.Judge.Preference)
		}
	}
	n := float64(len(rc.Runs))
	rc.PassRate = ratio(passed, len(rc.Runs))
	rc.Pass = passed == len(rc.Runs)
	rc.Flaky = passed > 0 && passed < len(rc.Runs)
	mean := sum / n
	var ss float64
	for _, r := range rc.Runs {
		d := float64(r.Score) - mean
		ss += d * d
	}
	rc.MeanScore = round2(mean)
	rc.ScoreStdDev = round2(math.Sqrt(ss / n))
	if len(prefs) > 0 {
		var p float64
		for _, x := range prefs {
			p += x
		}
		p = round2(p / float64(len(prefs)))
		rc.Preference = &p
	}
}

func cost(u Usage, in, out float64) float64 {
	return float64(u.PromptTokens)*in/1e6 + float64(u.CompletionTokens)*out/1e6
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
