package eval

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/schema"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sjs "github.com/santhosh-tekuri/jsonschema/v6"
)

func intp(i int) *int           { return &i }
func floatp(f float64) *float64 { return &f }

// sampleReport is a small report with a failure of every kind, so every
// branch of every format shows in the goldens.
func sampleReport() *Report {
	r := &Report{
		Version: ReportVersion, Engine: "openai", Model: "gpt-4o-mini", JudgeModel: "gpt-4o-mini", Mode: "replay",
		Repeat: 2, Concurrency: 4, DurationMS: 1234, Baseline: "base.json",
		Checker: &CheckerSuite{Name: "documents", AUC: 0.95, Pairs: 4, Accuracy: 0.75, AntiPatternAccuracy: 0.5, Cases: []CheckerCase{
			{ID: "client-good-redirect", Label: "good", Score: 80, Pass: true, Correct: true, Level: "mild"},
			{ID: "leadership-good-evidence", Label: "good", Score: 45, Pass: false, Correct: false, Level: "moderate"},
			{ID: "client-bad-dismissive-no", Label: "bad", Score: 0, ExpectedAntiPattern: "dismissive_no", AntiPattern: "dismissive_no", AntiPatternMatch: true, Correct: true},
			{ID: "client-bad-abdication", Label: "bad", Score: 20, ExpectedAntiPattern: "abdication", AntiPattern: "dismissive_no", Correct: true},
		}},
		HeldOut: &CheckerSuite{Name: "held-out", AUC: 1, Pairs: 1, Accuracy: 1, Cases: []CheckerCase{
			{ID: "h-good", Label: "good", Score: 90, Pass: true, Correct: true},
			{ID: "h-bad", Label: "bad", Score: -1, Error: "draft is empty"},
		}},
		Cases: &CheckerSuite{Name: "cases", AUC: 0.5, Pairs: 1, Accuracy: 0.5, Cases: []CheckerCase{
			{ID: "support-refund-good", Source: "team/checker/labelled.jsonl:2", Label: "good", Score: 91, Pass: true, Correct: true},
			{ID: "support-refund-flat", Source: "team/checker/labelled.jsonl:3", Label: "bad", Score: 95, Pass: true, ExpectedAntiPattern: "dismissive_no"},
		}},
		CasesDir: "team",
		Rewrite: &RewriteSuite{Engine: "openai", Runs: 4, Passed: 3, PassRate: 0.75, MeanScore: 87.5, Flaky: []string{"doc-client-abdication"}, Cases: []RewriteCase{
			{ID: "doc-client-dismissive-no", Set: "documents", Tags: []string{"audience:client"}, Level: "moderate", ReferenceScore: intp(100), DraftScore: 0,
				Pass: true, PassRate: 1, MeanScore: 95, ScoreStdDev: 5, Preference: floatp(0.75),
				LabelJudge: &JudgeVerdict{Preference: 0, Winners: []string{"reference", "reference"}, Reasons: []string{"B is respectful", "A is respectful"}},
				Runs: []RewriteRun{
					{Repetition: 0, Text: "I hear you & I see why <this> matters. Could we try it on one screen first?", Score: 100, Level: "moderate", Pass: true, Attempts: 1,
						Checks: []Check{{Name: "checker", Pass: true, Detail: "passes (score 100)"}}, Usage: Usage{PromptTokens: 1000, CompletionTokens: 100, TotalTokens: 1100, CostUSD: 0.00021}, LatencyMS: 800,
						Judge: &JudgeVerdict{Preference: 1, Winners: []string{"rewrite", "rewrite"}, Reasons: []string{"A offers a choice", "B offers a choice"}}},
					{Repetition: 1, Text: "I appreciate the idea. Can we test it first?", Score: 90, Level: "moderate", Pass: true, Attempts: 2,
						Checks: []Check{{Name: "checker", Pass: true, Detail: "passes (score 90)"}}, Usage: Usage{PromptTokens: 900, CompletionTokens: 90, TotalTokens: 990, CostUSD: 0.00019}, LatencyMS: 700,
						Judge: &JudgeVerdict{Preference: 0.5, Winners: []string{"rewrite", "reference"}, Reasons: []string{"A is warmer", "A is clearer"}}},
				}},
			{ID: "doc-client-abdication", Set: "documents", Tags: []string{"audience:client"}, Level: "strong", ReferenceScore: intp(100), DraftScore: 0,
				Pass: false, PassRate: 0.5, MeanScore: 80, ScoreStdDev: 20, Flaky: true,
				Runs: []RewriteRun{
					{Repetition: 0, Text: "I need to be transparent with you: this path carries risk. Could we talk?", Score: 100, Level: "strong", Pass: true, Attempts: 1, Checks: []Check{{Name: "level", Pass: true, Detail: "reads strong, expected strong"}}},
					{Repetition: 1, Text: "Sure | whatever you say.", Score: 60, Level: "mild", Attempts: 3, Checks: []Check{{Name: "checker", Pass: true}, {Name: "level", Pass: false, Detail: "reads mild, expected strong"}}},
				}},
			{ID: "team-refund", Set: "support", Tags: []string{"answered", "set:support"}, Answered: true, DraftScore: 7, PassRate: 0, MeanScore: 6,
				Runs: []RewriteRun{{Repetition: 0, Text: "40% is not possible.", Score: 6, Checks: []Check{{Name: "checker", Pass: false, Detail: "fails: dismissive_no"}}}}},
		}},
		Judge:       &JudgeSummary{Model: "gpt-4o-mini", Compared: 2, Preference: 0.75, AgreeChecker: 0.5, AgreeLabels: 1, LabelPairs: 1, PositionFlips: 1},
		Usage:       Usage{PromptTokens: 1900, CompletionTokens: 190, TotalTokens: 2090, CostUSD: 0.0004},
		Regressions: []Regression{{Suite: "rewrite", ID: "doc-client-abdication", Was: "pass rate 1.00", Now: "pass rate 0.50: level: reads mild, expected strong"}},
	}
	r.Rewrite.CheckRates = checkRates(r.Rewrite)
	r.Thresholds = Evaluate(r, Thresholds{MinAUC: 1, MinHeldOutAUC: 0.8, MinCasesAUC: 0.5, MinCasesAcc: 0.9, MinPassRate: 0.7, MinCasePassRate: 0.6, MinPreference: 0.5, MaxRegressions: 0, MinCheckRates: map[string]float64{"level": 1}}, true)
	r.Pass = len(r.Failed()) == 0
	return r
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func TestFormatsGolden(t *testing.T) {
	for _, f := range []struct{ format, file string }{
		{"table", "report.txt.golden"},
		{"json", "report.json.golden"},
		{"markdown", "report.md.golden"},
		{"junit", "report.xml.golden"},
		{"github", "report.github.golden"},
	} {
		t.Run(f.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, sampleReport(), f.format); err != nil {
				t.Fatal(err)
			}
			golden(t, f.file, b.Bytes())
		})
	}
	if err := Write(&bytes.Buffer{}, sampleReport(), "yaml"); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("Write(yaml) = %v, want an unknown-format error", err)
	}
}

func TestSampleThresholdsFailAndSayWhich(t *testing.T) {
	r := sampleReport()
	var names []string
	for _, f := range r.Failed() {
		names = append(names, f.Name)
	}
	want := "min_auc min_cases_accuracy min_case_pass_rate min_check_rates.level max_regressions"
	if strings.Join(names, " ") != want {
		t.Fatalf("failed thresholds = %v, want %s", names, want)
	}
}

// The JSON report's schema is generated from the Go types into
// evals/report.schema.json (a golden file), and reports validate against it.
func TestJSONReportSchema(t *testing.T) {
	s := schema.Reflect(&Report{})
	s.ID = "https://github.com/pushback/pushback/evals/report.schema.json"
	s.Title = "pushback eval report"
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("..", "..", "evals", "report.schema.json")
	if goldenfile.Update() {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(path); err != nil || !bytes.Equal(b, want) {
		t.Fatalf("%s is stale or missing (%v); run go test ./internal/eval -update", path, err)
	}
	sch := reportSchema(t)
	var out bytes.Buffer
	if err := WriteJSON(&out, sampleReport()); err != nil {
		t.Fatal(err)
	}
	validateReport(t, out.Bytes())
	// and the schema can fail: a report without its version does not match
	var m map[string]any
	var again bytes.Buffer
	WriteJSON(&again, sampleReport())
	json.Unmarshal(again.Bytes(), &m)
	delete(m, "version")
	if err := sch.Validate(m); err == nil {
		t.Fatal("a report without version validated")
	}
}

func TestJSONRoundTripAsBaseline(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadReport(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rewrite.Cases) != 3 || *got.Rewrite.Cases[0].ReferenceScore != 100 || got.Checker.AUC != 0.95 || !got.Rewrite.Cases[2].Answered || got.Cases.Cases[1].Source != "team/checker/labelled.jsonl:3" || got.CasesDir != "team" {
		t.Fatalf("round trip lost data: %+v", got)
	}
	if _, err := ReadReport(strings.NewReader(`{"version": 99}`)); err == nil {
		t.Error("a report of another version was accepted")
	}
	if _, err := ReadReport(strings.NewReader(`not json`)); err == nil {
		t.Error("garbage was accepted")
	}
}

// JUnit XML: one <testcase> per case, a <failure message> on each failing one.
func TestJUnitStructure(t *testing.T) {
	var b bytes.Buffer
	r := sampleReport()
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
			Cases    []struct {
				Name      string `xml:"name,attr"`
				Classname string `xml:"classname,attr"`
				Time      string `xml:"time,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
				Error *struct {
					Message string `xml:"message,attr"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	wantCases := len(r.Checker.Cases) + len(r.HeldOut.Cases) + len(r.Cases.Cases) + len(r.Rewrite.Cases)
	if doc.Tests != wantCases || len(doc.Suites) != 4 {
		t.Fatalf("tests=%d suites=%d, want %d tests in 4 suites", doc.Tests, len(doc.Suites), wantCases)
	}
	total, failures, errs := 0, 0, 0
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d but %d testcases", s.Name, s.Tests, len(s.Cases))
		}
		nf, ne := 0, 0
		for _, c := range s.Cases {
			if c.Name == "" || c.Classname == "" || c.Time == "" {
				t.Errorf("suite %s: testcase without name/classname/time: %+v", s.Name, c)
			}
			if c.Failure != nil {
				nf++
				if c.Failure.Message == "" {
					t.Errorf("%s: failure without a message", c.Name)
				}
			}
			if c.Error != nil {
				ne++
			}
		}
		if nf != s.Failures || ne != s.Errors {
			t.Errorf("suite %s: failures=%d errors=%d attributes, %d and %d elements", s.Name, s.Failures, s.Errors, nf, ne)
		}
		total, failures, errs = total+len(s.Cases), failures+nf, errs+ne
	}
	// leadership-good-evidence and support-refund-flat (wrong verdicts),
	// doc-client-abdication (flaky), team-refund (its answer fails); h-bad is
	// an error.
	if failures != 4 || errs != 1 || doc.Failures != 4 || doc.Errors != 1 {
		t.Errorf("failures=%d/%d errors=%d/%d, want 4 and 1", failures, doc.Failures, errs, doc.Errors)
	}
	rw := doc.Suites[3]
	if f := rw.Cases[1].Failure; f == nil || !strings.Contains(f.Message, "level: reads mild, expected strong") {
		t.Errorf("rewrite failure message = %+v, want the reason", f)
	}
}

// reportSchema compiles evals/report.schema.json.
func reportSchema(t *testing.T) *sjs.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "evals", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := sjs.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := sjs.NewCompiler()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return sch
}

// validateReport checks a JSON report against the published schema.
func validateReport(t *testing.T, report []byte) {
	t.Helper()
	inst, err := sjs.UnmarshalJSON(bytes.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	if err := reportSchema(t).Validate(inst); err != nil {
		t.Fatalf("report does not match evals/report.schema.json: %v", err)
	}
}
