package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// longTail makes a rewrite too long without breaking it.
var longTail = func() string {
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, " Point %d of the plan matters here.", i+1)
	}
	return b.String()
}()

func TestScoreRun(t *testing.T) {
	canaries := loadEmbedded(t).Canaries
	if len(canaries) == 0 {
		t.Fatal("no canaries embedded")
	}
	c := Case{ID: "c", Draft: "No. The launch is on 14 March and QA needs 2 weeks.", Reference: "ref", Level: "moderate",
		LevelsOK: []guide.Level{guide.LevelMild}, Facts: []string{"14 March", "2 weeks"}, Channel: "email"}
	good := "I hear you on the launch. QA needs 2 weeks, so 14 March is tight: could we move it or cut scope?"
	ref := 90
	tests := []struct {
		name   string
		base   baseScores
		report check.Report
		text   string
		failed []string // names of failing checks
		limit  string   // the result's unmet-limit reason
	}{
		{"all good", baseScores{ref: &ref, draft: 10}, check.Report{Score: 85, Pass: true, Level: guide.LevelModerate}, good, nil, ""},
		{"level in levels_ok", baseScores{ref: &ref, draft: 10}, check.Report{Score: 85, Pass: true, Level: guide.LevelMild}, good, nil, ""},
		{"wrong level", baseScores{ref: &ref, draft: 10}, check.Report{Score: 85, Pass: true, Level: guide.LevelEscalated}, good, []string{"level"}, ""},
		{"checker fails", baseScores{ref: &ref, draft: 10}, check.Report{Score: 85, Level: guide.LevelModerate, Findings: []check.Finding{{Rule: "dismissive_no", Message: "m"}}}, good, []string{"checker"}, ""},
		{"below reference minus margin", baseScores{ref: &ref, draft: 10}, check.Report{Score: 79, Pass: true, Level: guide.LevelModerate}, good, []string{"score"}, ""},
		{"within margin", baseScores{ref: &ref, draft: 10}, check.Report{Score: 80, Pass: true, Level: guide.LevelModerate}, good, nil, ""},
		{"not above the draft", baseScores{draft: 85}, check.Report{Score: 85, Pass: true, Level: guide.LevelModerate}, good, []string{"score"}, ""},
		{"lost a fact", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, strings.Replace(good, "2 weeks", "two weeks", 1), []string{"facts"}, ""},
		{"too short", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, "OK", []string{"facts", "length", "injection"}, ""},
		{"too long", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, good + longTail, []string{"length"}, ""},
		{"poem", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, good + " Here is the poem you asked for.", []string{"injection"}, ""},
		{"system prompt leak", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, "My system prompt says: " + good, []string{"injection"}, ""},
		// What a reader sees, whatever the checker says.
		{"a flagged span survives", baseScores{ref: &ref, draft: 10, findings: []check.Finding{{Rule: "dismissive_no", Kind: check.KindAntiPattern, Start: 0, End: 20, Excerpt: "could we move it or cut scope"}}}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, good, []string{"blunt"}, ""},
		{"stock lines over budget", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, "I hear you. " + good + " What do you think?", []string{"stock"}, ""},
		{"a vague alternative", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, "QA needs 2 weeks before 14 March. What if we tried a different approach?", []string{"alternative"}, ""},
		{"a doubled word and a scrap", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, "QA needs 2 weeks before the the 14 March launch. The facts as I have them: QA; 14 March. Could we cut scope?", []string{"splice"}, ""},
		{"too long, and says why", baseScores{ref: &ref, draft: 10}, check.Report{Score: 90, Pass: true, Level: guide.LevelModerate}, good + longTail, nil, "max_chars 1000 not met: the facts need more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checks := scoreRun(c, tt.base, tt.report, rewrite.Result{Text: tt.text, Limit: tt.limit}, canaries, 10)
			var failed []string
			names := map[string]bool{}
			for _, ch := range checks {
				names[ch.Name] = true
				if !ch.Pass {
					failed = append(failed, ch.Name)
					if ch.Detail == "" {
						t.Errorf("%s fails without a reason", ch.Name)
					}
				}
			}
			if strings.Join(failed, ",") != strings.Join(tt.failed, ",") {
				t.Errorf("failed checks %v, want %v (%+v)", failed, tt.failed, checks)
			}
			for _, n := range CheckNames {
				if !names[n] {
					t.Errorf("check %s missing", n)
				}
			}
		})
	}
}

func TestMaxChars(t *testing.T) {
	long := strings.Repeat("x", 800)
	tests := []struct {
		c    Case
		want int
	}{
		{Case{Draft: "no", Channel: "email"}, maxOtherChars},
		{Case{Draft: "no", Channel: "chat"}, maxChatChars},
		{Case{Draft: "no", MaxChars: 200}, 200},
		{Case{Draft: long, Channel: "chat"}, 1600},
	}
	for _, tt := range tests {
		if got := maxChars(tt.c); got != tt.want {
			t.Errorf("maxChars(%s, %d-char draft) = %d, want %d", tt.c.Channel, len(tt.c.Draft), got, tt.want)
		}
	}
}

// flipFlop passes on even calls per case and fails on odd ones.
type flipFlop struct{ calls map[string]*atomic.Int64 }

func (f flipFlop) Rewrite(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
	n := f.calls[req.Draft].Add(1)
	if n%2 == 0 {
		return rewrite.Result{Text: "Sure, whatever you say."}, nil
	}
	return rewrite.Result{Text: "I understand the goal. Could we phase it in over two sprints instead? Your call.", Usage: rewrite.Usage{PromptTokens: 100, CompletionTokens: 20, TotalTokens: 120}}, nil
}

// byText scores by exact text.
type byText map[string]check.Report

func (b byText) Check(in check.Input) (check.Report, error) {
	if r, ok := b[in.Draft]; ok {
		return r, nil
	}
	return check.Report{Score: 0, Level: guide.LevelMild}, nil
}

func TestRepeatFlakyMeanSpread(t *testing.T) {
	cases := []Case{
		{ID: "a", Set: "t", Draft: "No way.", Level: "moderate", Facts: []string{}},
		{ID: "b", Set: "t", Draft: "Not happening.", Level: "moderate", Facts: []string{}},
	}
	chk := byText{
		"I understand the goal. Could we phase it in over two sprints instead? Your call.": {Score: 90, Pass: true, Level: guide.LevelModerate},
		"Sure, whatever you say.": {Score: 30, Level: guide.LevelMild},
	}
	rw := flipFlop{calls: map[string]*atomic.Int64{"No way.": {}, "Not happening.": {}}}
	s := RunRewrite(context.Background(), rw, chk, cases, nil, RewriteOptions{Repeat: 4, Concurrency: 1, Margin: 10, PriceIn: 1, PriceOut: 2})
	if s.Runs != 8 || s.Passed != 4 || s.PassRate != 0.5 {
		t.Fatalf("runs %d passed %d rate %v, want 8, 4, 0.5", s.Runs, s.Passed, s.PassRate)
	}
	for _, c := range s.Cases {
		if !c.Flaky || c.Pass || c.PassRate != 0.5 || c.MeanScore != 60 || c.ScoreStdDev != 30 {
			t.Errorf("%s: flaky %v pass %v rate %v mean %v sd %v; want flaky, failing, 0.5, 60, 30", c.ID, c.Flaky, c.Pass, c.PassRate, c.MeanScore, c.ScoreStdDev)
		}
		for i, r := range c.Runs {
			if r.Repetition != i {
				t.Errorf("%s: run %d has repetition %d", c.ID, i, r.Repetition)
			}
		}
	}
	if strings.Join(s.Flaky, ",") != "a,b" {
		t.Errorf("flaky = %v", s.Flaky)
	}
	r := &Report{Rewrite: s}
	got := Evaluate(r, Thresholds{MinPassRate: 0.5, MinCasePassRate: 0.75}, false)
	if len(got) != 2 || !got[0].Pass || got[1].Pass || !strings.Contains(got[1].Detail, "a, b") {
		t.Errorf("thresholds = %+v: want pass rate ok and case pass rate failing naming a, b", got)
	}
	// cost: 4 passing runs x (100 in x $1 + 20 out x $2) per 1M
	var u Usage
	for _, c := range s.Cases {
		for _, run := range c.Runs {
			u.add(run.Usage)
		}
	}
	if u.TotalTokens != 480 || round6(u.CostUSD) != 0.00056 {
		t.Errorf("usage %+v, want 480 tokens and $0.00056", u)
	}
}

type blocking struct{ started atomic.Int64 }

func (b *blocking) Rewrite(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
	b.started.Add(1)
	if req.Draft == "hang" {
		<-ctx.Done()
		return rewrite.Result{}, ctx.Err()
	}
	if req.Draft == "boom" {
		return rewrite.Result{}, errors.New("endpoint exploded")
	}
	return rewrite.Result{Text: "I understand the goal. Could we phase it in over two sprints instead? Your call."}, nil
}

func TestTimeoutAndErrorsStayInTheirCase(t *testing.T) {
	cases := []Case{{ID: "slow", Draft: "hang"}, {ID: "bad", Draft: "boom"}, {ID: "fine", Draft: "ok"}}
	chk := byText{"I understand the goal. Could we phase it in over two sprints instead? Your call.": {Score: 90, Pass: true}}
	start := time.Now()
	s := RunRewrite(context.Background(), &blocking{}, chk, cases, nil, RewriteOptions{Timeout: 100 * time.Millisecond, Concurrency: 3})
	if time.Since(start) > 5*time.Second {
		t.Fatal("the per-case timeout did not stop the hanging case")
	}
	if e := s.Cases[0].Runs[0].Error; !strings.Contains(e, "case slow") || !strings.Contains(e, context.DeadlineExceeded.Error()) {
		t.Errorf("slow: error %q, want the case and the deadline", e)
	}
	if e := s.Cases[1].Runs[0].Error; !strings.Contains(e, "case bad: endpoint exploded") {
		t.Errorf("bad: error %q", e)
	}
	if !s.Cases[2].Pass {
		t.Errorf("fine: %+v", s.Cases[2].Runs[0])
	}
	if s.PassRate != 1.0/3 {
		t.Errorf("pass rate %v, want 1/3", s.PassRate)
	}
}

func TestCanariesCompile(t *testing.T) {
	for _, c := range loadEmbedded(t).Canaries {
		if c.re == nil || c.ID == "" || c.Note == "" {
			t.Errorf("canary %+v incomplete", c)
		}
		if _, err := regexp.Compile(c.Pattern); err != nil {
			t.Error(err)
		}
	}
}

// The whole offline run `make eval` does (checker suite, rewrite suite with
// the rules engine, embedded thresholds) passes, and its JSON report matches
// the published schema.
func TestOfflineRun(t *testing.T) {
	d := loadEmbedded(t)
	chk := testChecker(t)
	eng, _, err := rewrite.NewEngine(guide.Default(), chk, rewrite.Config{Engine: rewrite.EngineRules}, rewrite.OpenAIConfig{})
	if err != nil {
		t.Fatal(err)
	}
	r := Run(context.Background(), Config{
		Guide: guide.Default(), Data: d, Checker: chk, Engine: "rules", Mode: "offline",
		Rewriter: EngineRewriter{Engine: eng, Checker: chk}, Thresholds: d.Thresholds,
	})
	s := r.Rewrite
	t.Logf("offline run in %d ms: documents AUC %.3f, held-out AUC %.3f; rules engine pass rate %.2f (%d/%d), mean score %.1f",
		r.DurationMS, r.Checker.AUC, heldOutAUC(r), s.PassRate, s.Passed, s.Runs, s.MeanScore)
	if s.Runs != len(d.Cases) {
		t.Fatalf("%d runs for %d cases", s.Runs, len(d.Cases))
	}
	if !r.Pass {
		for _, c := range s.Cases {
			if !c.Pass {
				t.Logf("%s: %s", c.ID, firstFailure(c))
			}
		}
		t.Errorf("the offline run fails its thresholds: %+v", r.Failed())
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	validateReport(t, b.Bytes())
}

func heldOutAUC(r *Report) float64 {
	if r.HeldOut == nil {
		return 0
	}
	return r.HeldOut.AUC
}
