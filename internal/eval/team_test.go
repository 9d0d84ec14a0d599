package eval

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// teamFS is a team's directory of cases: labelled messages in the corpus
// format, rewrite cases with their model's answers, and thresholds.
func teamFS() fstest.MapFS {
	return fstest.MapFS{
		"checker/support.jsonl": {Data: []byte("// labelled by the support leads\n" +
			`{"id":"s-good","label":"good","text":"I hear you. A refund is outside what I can approve, but I can credit this month. Would that help?","audience":"client"}` + "\n" +
			`{"id":"s-bad","label":"bad","anti_pattern":"dismissive_no","text":"No refunds. That's the policy."}` + "\n")},
		"checker/sales.jsonl": {Data: []byte(`{"id":"x-bad","label":"bad","text":"Sure, we'll do whatever you say."}` + "\n")},
		"rewrite/support.json": {Data: []byte(`{"cases":[` +
			`{"id":"refund","draft":"No refunds.","answer":"I hear you. A refund is outside what I can approve, but I can credit this month. Would that help?"},` +
			`{"id":"no-answer","draft":"No."}]}`)},
		"thresholds.json": {Data: []byte(`{"min_cases_accuracy": 0.9}`)},
	}
}

func TestLoadOver(t *testing.T) {
	g := guide.Default()
	base := loadEmbedded(t)
	d, err := LoadOver(teamFS(), g, base)
	if err != nil {
		t.Fatal(err)
	}
	var ids, sources []string
	for _, c := range d.Labelled {
		ids, sources = append(ids, c.ID), append(sources, c.Source)
	}
	// Files in name order; each message knows its line (comments count).
	if got := strings.Join(ids, " "); got != "x-bad s-good s-bad" {
		t.Errorf("labelled ids %q", got)
	}
	if got := strings.Join(sources, " "); got != "checker/sales.jsonl:1 checker/support.jsonl:2 checker/support.jsonl:3" {
		t.Errorf("sources %q", got)
	}
	if len(d.Cases) != 2 || d.Cases[0].Answer == "" || !contains(d.Cases[0].Tags, "answered") || d.Cases[1].Answer != "" {
		t.Errorf("rewrite cases %+v", d.Cases)
	}
	// The team's thresholds are the run's bars (what they leave out is
	// off); the canaries come from the embedded data.
	if want := (Thresholds{MinCasesAcc: 0.9, Margin: 10}); !reflect.DeepEqual(d.Thresholds, want) || len(d.Canaries) != len(base.Canaries) {
		t.Errorf("thresholds %+v, want %+v; %d canaries", d.Thresholds, want, len(d.Canaries))
	}
	// Without a thresholds.json, the embedded bars hold.
	noBars := teamFS()
	delete(noBars, "thresholds.json")
	if d2, err := LoadOver(noBars, g, base); err != nil || !reflect.DeepEqual(d2.Thresholds, base.Thresholds) {
		t.Errorf("without thresholds.json: %+v, %v", d2.Thresholds, err)
	}
	if len(d.HeldOut) != 0 {
		t.Errorf("the embedded held-out set leaked into a team's run")
	}

	for _, tt := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"nothing to run", fstest.MapFS{"thresholds.json": {Data: []byte(`{}`)}}, "no eval cases"},
		{"an unlabelled message", fstest.MapFS{"checker/a.jsonl": {Data: []byte(`{"id":"a","text":"x"}`)}}, `checker/a.jsonl:1: invalid case "a": label "" is neither good nor bad`},
		{"an unknown anti-pattern", fstest.MapFS{"checker/a.jsonl": {Data: []byte(`{"id":"a","label":"bad","anti_pattern":"rudeness","text":"x"}`)}}, `unknown anti_pattern "rudeness"`},
		{"not JSON", fstest.MapFS{"checker/a.jsonl": {Data: []byte("\n{oops\n")}}, "checker/a.jsonl:2: invalid character"},
		{"an empty file", fstest.MapFS{"checker/a.jsonl": {Data: []byte("// nothing yet\n")}}, "checker/a.jsonl: no eval cases: no labelled message in it"},
		{"an id twice", fstest.MapFS{"checker/a.jsonl": {Data: []byte(`{"id":"a","label":"good","text":"x"}`)}, "checker/b.jsonl": {Data: []byte(`{"id":"a","label":"bad","text":"y"}`)}},
			`checker/b.jsonl:1: case id "a" is also at checker/a.jsonl:1`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadOver(tt.files, g, base)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if tt.name == "nothing to run" && !errors.Is(err, ErrNoCases) {
				t.Errorf("%v does not wrap ErrNoCases", err)
			}
		})
	}
}

// TestTeamRun runs a team's cases end to end with a scripted checker: the
// labelled messages make the "cases" suite and its thresholds, an answered
// case is scored as written (the engine is never asked), and a case without
// an answer goes to the engine.
func TestTeamRun(t *testing.T) {
	g := guide.Default()
	d, err := LoadOver(teamFS(), g, loadEmbedded(t))
	if err != nil {
		t.Fatal(err)
	}
	answer := d.Cases[0].Answer
	chk := byText{
		answer:                             {Score: 95, Pass: true, Level: guide.LevelModerate},
		"No refunds.":                      {Score: 5},
		"No.":                              {Score: 2},
		"No refunds. That's the policy.":   {Score: 3, Findings: []check.Finding{{Rule: "dismissive_no", Kind: check.KindAntiPattern}}},
		"Sure, we'll do whatever you say.": {Score: 80, Pass: true},
		"Could we look at the options together and pick one by Friday?": {Score: 70, Pass: true},
	}
	for _, e := range g.Examples {
		chk[e.Text] = check.Report{Score: map[bool]int{true: 100, false: 0}[e.Kind == "good"], Pass: e.Kind == "good"}
	}
	var engineCalls []string
	engine := rewriterFunc(func(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
		id, _ := caseOf(ctx)
		engineCalls = append(engineCalls, id)
		return rewrite.Result{Text: "Could we look at the options together and pick one by Friday?"}, nil
	})
	answers, all, any := NewAnswers(d.Cases, engine)
	if all || !any {
		t.Fatalf("NewAnswers: all %v, any %v; want one of two answered", all, any)
	}
	r := Run(context.Background(), Config{Guide: g, Data: d, Checker: chk, Rewriter: answers, Engine: "rules", Thresholds: d.Thresholds})
	if r.Cases == nil || len(r.Cases.Cases) != 3 {
		t.Fatalf("cases suite: %+v", r.Cases)
	}
	if r.Cases.Accuracy != 2.0/3 || r.Cases.Cases[0].Correct || r.Cases.Cases[0].Source != "checker/sales.jsonl:1" {
		t.Errorf("cases suite: accuracy %v, first %+v", r.Cases.Accuracy, r.Cases.Cases[0])
	}
	var failed []string
	for _, f := range r.Failed() {
		failed = append(failed, f.Name)
	}
	if strings.Join(failed, " ") != "min_cases_accuracy" {
		t.Errorf("failed thresholds %q, want min_cases_accuracy alone", failed)
	}
	if len(engineCalls) != 1 || engineCalls[0] != "no-answer" {
		t.Errorf("the engine was asked for %q, want only no-answer", engineCalls)
	}
	rc := r.Rewrite.Cases[0]
	if !rc.Answered || rc.Runs[0].Text != answer || !rc.Pass || rc.Runs[0].Attempts != 0 {
		t.Errorf("answered case: %+v", rc)
	}
	if r.Rewrite.Cases[1].Answered {
		t.Error("a case without an answer is marked answered")
	}

	// With every case answered no engine is needed at all.
	only, all, _ := NewAnswers(d.Cases[:1], nil)
	if !all {
		t.Fatal("NewAnswers: not all answered")
	}
	if _, err := only.Rewrite(WithCase(context.Background(), "no-answer", 0), rewrite.Request{}); err == nil || !strings.Contains(err.Error(), `"no-answer" has no answer`) {
		t.Errorf("a case without an answer and no engine: %v", err)
	}
}

func TestLabelledTexts(t *testing.T) {
	cs := []LabelledCase{{Case: corpus.Case{ID: "a", Label: corpus.Bad, AntiPattern: "abdication", Text: "Sure.", Level: guide.LevelMild,
		Audience: guide.AudienceClient, Stakes: guide.StakesHigh, Situation: "s"}, Source: "f.jsonl:4"}}
	got := LabelledTexts(cs)
	want := Labelled{ID: "a", Source: "f.jsonl:4", Input: check.Input{Draft: "Sure.", Audience: guide.AudienceClient, Stakes: guide.StakesHigh, Situation: "s"}, AntiPattern: "abdication"}
	// The level a message reads at is a label, not the level intended: the
	// checker is not told it.
	if len(got) != 1 || got[0] != want {
		t.Errorf("LabelledTexts = %+v, want %+v", got, want)
	}
}
