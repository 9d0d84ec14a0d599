package eval

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Evaluate checks the report against the thresholds; a bar whose suite did
// not run is left out. withBaseline turns on max_regressions.
func Evaluate(r *Report, t Thresholds, withBaseline bool) []ThresholdCheck {
	out := []ThresholdCheck{}
	atLeast := func(name, flag string, want, got float64, detail string) {
		if want <= 0 {
			return
		}
		c := ThresholdCheck{Name: name, Flag: flag, Want: want, Got: round4(got), Pass: got >= want}
		switch {
		case c.Pass:
		case want > 1:
			c.Detail = "the bar is above the best possible value, 1"
		default:
			c.Detail = detail
		}
		out = append(out, c)
	}
	if r.Checker != nil {
		atLeast("min_auc", "--min-auc", t.MinAUC, r.Checker.AUC, misordered(r.Checker))
	}
	if r.HeldOut != nil {
		atLeast("min_heldout_auc", "--min-heldout-auc", t.MinHeldOutAUC, r.HeldOut.AUC, misordered(r.HeldOut))
	}
	if r.Cases != nil {
		atLeast("min_cases_auc", "--min-cases-auc", t.MinCasesAUC, r.Cases.AUC, misordered(r.Cases))
		atLeast("min_cases_accuracy", "--min-cases-accuracy", t.MinCasesAcc, r.Cases.Accuracy, misordered(r.Cases))
	}
	if s := r.Rewrite; s != nil {
		atLeast("min_pass_rate", "--min-pass-rate", t.MinPassRate, s.PassRate, "failing: "+listIDs(failingCases(s, 1)))
		if t.MinCasePassRate > 0 {
			worst := 1.0
			for _, c := range s.Cases {
				worst = min(worst, c.PassRate)
			}
			atLeast("min_case_pass_rate", "--min-case-pass-rate", t.MinCasePassRate, worst, "below the bar: "+listIDs(failingCases(s, t.MinCasePassRate)))
		}
	}
	if s := r.Rewrite; s != nil {
		for _, name := range slices.Sorted(maps.Keys(t.MinCheckRates)) {
			for _, cr := range s.CheckRates {
				if cr.Name == name {
					atLeast("min_check_rates."+name, "--min-check-rate "+name+"=", t.MinCheckRates[name], cr.Rate, "failing: "+listIDs(cr.Failing))
				}
			}
		}
	}
	if r.Judge != nil && r.Judge.Compared > 0 {
		atLeast("min_preference", "--min-preference", t.MinPreference, r.Judge.Preference, "the judge prefers the references")
	}
	if withBaseline && t.MaxRegressions >= 0 {
		c := ThresholdCheck{Name: "max_regressions", Flag: "--max-regressions", Want: float64(t.MaxRegressions), Got: float64(len(r.Regressions)), Pass: len(r.Regressions) <= t.MaxRegressions}
		if !c.Pass {
			ids := make([]string, len(r.Regressions))
			for i, g := range r.Regressions {
				ids[i] = g.Suite + "/" + g.ID
			}
			c.Detail = "regressed: " + listIDs(ids)
		}
		out = append(out, c)
	}
	return out
}

// Failed returns the thresholds the report missed.
func (r *Report) Failed() []ThresholdCheck {
	var out []ThresholdCheck
	for _, t := range r.Thresholds {
		if !t.Pass {
			out = append(out, t)
		}
	}
	return out
}

func misordered(s *CheckerSuite) string {
	var wrong []string
	for _, c := range s.Cases {
		if !c.Correct {
			wrong = append(wrong, fmt.Sprintf("%s (%s, score %d)", c.ID, c.Label, c.Score))
		}
	}
	if len(wrong) == 0 {
		return "every verdict matches its label, but some good text scores at or below a bad one"
	}
	return "wrong verdicts: " + strings.Join(wrong, ", ")
}

// listIDs joins ids, at most ten of them.
func listIDs(ids []string) string {
	const most = 10
	if len(ids) <= most {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:most], ", "), len(ids)-most)
}

func failingCases(s *RewriteSuite, below float64) []string {
	var ids []string
	for _, c := range s.Cases {
		if c.PassRate < below {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// Compare lists, case by case, what got worse since the baseline: a checker
// verdict that was right and is now wrong, a rewrite case that passed and now
// fails, or whose mean score dropped by more than margin.
func Compare(base, now *Report, margin int) []Regression {
	out := []Regression{}
	for _, pair := range [][2]*CheckerSuite{{base.Checker, now.Checker}, {base.HeldOut, now.HeldOut}, {base.Cases, now.Cases}} {
		if pair[0] == nil || pair[1] == nil {
			continue
		}
		was := map[string]CheckerCase{}
		for _, c := range pair[0].Cases {
			was[c.ID] = c
		}
		for _, c := range pair[1].Cases {
			w, ok := was[c.ID]
			if ok && w.Correct && !c.Correct {
				out = append(out, Regression{Suite: pair[1].Name, ID: c.ID,
					Was: fmt.Sprintf("correct (%s, score %d)", verdict(w.Pass), w.Score),
					Now: fmt.Sprintf("wrong (%s, score %d)", verdict(c.Pass), c.Score)})
			}
		}
	}
	if base.Rewrite != nil && now.Rewrite != nil {
		was := map[string]RewriteCase{}
		for _, c := range base.Rewrite.Cases {
			was[c.ID] = c
		}
		for _, c := range now.Rewrite.Cases {
			w, ok := was[c.ID]
			if !ok {
				continue
			}
			switch {
			case w.PassRate > c.PassRate:
				out = append(out, Regression{Suite: "rewrite", ID: c.ID,
					Was: fmt.Sprintf("pass rate %.2f", w.PassRate), Now: fmt.Sprintf("pass rate %.2f: %s", c.PassRate, firstFailure(c))})
			case w.MeanScore-c.MeanScore > float64(margin):
				out = append(out, Regression{Suite: "rewrite", ID: c.ID,
					Was: fmt.Sprintf("mean score %.1f", w.MeanScore), Now: fmt.Sprintf("mean score %.1f", c.MeanScore)})
			}
		}
	}
	return out
}

func verdict(pass bool) string {
	if pass {
		return "pass"
	}
	return "fail"
}

// firstFailure is why a case failed, for reports: every failing check of
// its first failing run, each named, the first with its detail.
func firstFailure(c RewriteCase) string {
	for _, r := range c.Runs {
		if r.Error != "" {
			return r.Error
		}
		var names []string
		detail := ""
		for _, ch := range r.Checks {
			if !ch.Pass {
				if detail == "" {
					detail = ch.Detail
				}
				names = append(names, ch.Name)
			}
		}
		if len(names) > 0 {
			return strings.Join(names, ", ") + ": " + detail
		}
	}
	return ""
}

func round4(x float64) float64 { return float64(int64(x*1e4+0.5)) / 1e4 }
