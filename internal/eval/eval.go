package eval

import (
	"context"
	"time"

	"github.com/pushback/pushback/internal/guide"
)

// Config is one eval run.
type Config struct {
	Guide   *guide.Guide
	Data    *Data
	Checker Checker
	// Rewriter runs the rewrite suite; nil skips it.
	Rewriter   Rewriter
	Engine     string
	Model      string
	Mode       string
	Suites     []string // checker, rewrite; both when empty
	Thresholds Thresholds
	Options    RewriteOptions
	Baseline   *Report
	// BaselineName is reported as Report.Baseline.
	BaselineName string
}

// Run runs the suites, checks the thresholds and compares with the baseline.
func Run(ctx context.Context, cfg Config) *Report {
	start := time.Now()
	if cfg.Data == nil {
		cfg.Data = &Data{}
	}
	if cfg.Guide == nil {
		cfg.Guide = guide.Default()
	}
	r := &Report{
		Version: ReportVersion, Engine: cfg.Engine, Model: cfg.Model, Mode: cfg.Mode,
		Repeat: max(cfg.Options.Repeat, 1), Concurrency: max(cfg.Options.Concurrency, 1),
		Thresholds: []ThresholdCheck{}, Regressions: []Regression{}, Baseline: cfg.BaselineName,
	}
	want := func(s string) bool { return len(cfg.Suites) == 0 || contains(cfg.Suites, s) }
	if want("checker") {
		r.Checker = RunChecker(cfg.Checker, "documents", ExampleTexts(cfg.Guide))
		if len(cfg.Data.HeldOut) > 0 {
			r.HeldOut = RunChecker(cfg.Checker, "held-out", HeldOutTexts(cfg.Data.HeldOut))
		}
		if len(cfg.Data.Labelled) > 0 {
			r.Cases = RunChecker(cfg.Checker, "cases", LabelledTexts(cfg.Data.Labelled))
		}
	}
	if want("rewrite") && cfg.Rewriter != nil {
		o := cfg.Options
		o.Engine = cfg.Engine
		o.Margin = cfg.Thresholds.Margin
		o.PriceIn, o.PriceOut = cfg.Thresholds.PriceIn, cfg.Thresholds.PriceOut
		r.Rewrite = RunRewrite(ctx, cfg.Rewriter, cfg.Checker, cfg.Data.Cases, cfg.Data.Canaries, o)
		for i := range r.Rewrite.Cases {
			r.Rewrite.Cases[i].Answered = cfg.Data.Cases[i].Answer != ""
		}
		for _, c := range r.Rewrite.Cases {
			for _, run := range c.Runs {
				r.Usage.add(run.Usage)
			}
			if c.LabelJudge != nil {
				r.Usage.add(c.LabelJudge.usage(o.PriceIn, o.PriceOut))
			}
		}
		r.Usage.CostUSD = round6(r.Usage.CostUSD)
		if o.Judge != nil {
			r.JudgeModel = o.Judge.Model
			r.Judge = summariseJudge(o.Judge.Model, r.Rewrite)
		}
	}
	if cfg.Baseline != nil {
		r.Regressions = Compare(cfg.Baseline, r, cfg.Thresholds.Margin)
	}
	r.Thresholds = Evaluate(r, cfg.Thresholds, cfg.Baseline != nil)
	r.Pass = true
	for _, t := range r.Thresholds {
		r.Pass = r.Pass && t.Pass
	}
	r.DurationMS = time.Since(start).Milliseconds()
	return r
}

func summariseJudge(model string, s *RewriteSuite) *JudgeSummary {
	j := &JudgeSummary{Model: model}
	var pref float64
	agreeChk, labelAgree := 0, 0
	for _, c := range s.Cases {
		if c.LabelJudge != nil && c.LabelJudge.Error == "" {
			j.LabelPairs++
			if c.LabelJudge.Preference < 0.5 {
				labelAgree++
			}
		}
		for _, run := range c.Runs {
			v := run.Judge
			if v == nil || v.Error != "" || c.ReferenceScore == nil {
				continue
			}
			j.Compared++
			pref += v.Preference
			if len(v.Winners) == 2 && v.Winners[0] != v.Winners[1] {
				j.PositionFlips++
			}
			if sign(float64(run.Score-*c.ReferenceScore)) == sign(v.Preference-0.5) {
				agreeChk++
			}
		}
	}
	if j.Compared > 0 {
		j.Preference = round2(pref / float64(j.Compared))
	}
	j.AgreeChecker = round2(ratio(agreeChk, j.Compared))
	j.AgreeLabels = round2(ratio(labelAgree, j.LabelPairs))
	return j
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

func round6(x float64) float64 { return float64(int64(x*1e6+0.5)) / 1e6 }
