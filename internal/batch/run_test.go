package batch

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushback/pushback/internal/check"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/guide"
)

// fakeChecker answers from a table keyed by the draft's first word, so the
// format tests do not move when the checker's judgement does (the command
// line's scripts cover the real checker).
type fakeChecker map[string]check.Report

func (f fakeChecker) Check(in check.Input) (check.Report, error) {
	word, _, _ := strings.Cut(in.Draft, " ")
	r, ok := f[word]
	if !ok {
		return check.Report{}, fmt.Errorf("check: no report for %q", word)
	}
	return r, nil
}

var fake = fakeChecker{
	"No,": {Score: 3, ReadsAs: "curt", Summary: `Not ready (score 3): The dismissive no: "No, that won't work."`,
		Findings: []check.Finding{
			{Rule: "dismissive_no", Kind: check.KindAntiPattern, Severity: check.SeverityError, Message: `The dismissive no: "No, that won't work."`, Start: 0, End: 20,
				Excerpt: "No, that won't work.", Suggestion: "Replace the flat refusal with the formula."},
			{Rule: "missing_alternative", Kind: check.KindMissingStep, Severity: check.SeverityWarning, Message: "No alternative step."},
			{Rule: "missing_impact", Kind: check.KindMissingStep, Severity: check.SeveritySuggestion, Message: "No impact step."},
		},
		TopFixes: []string{"Replace the flat refusal with the formula."}},
	"I":     {Score: 88, Pass: true, Level: guide.LevelModerate, Summary: "Ready to send (score 88).", Stance: check.StancePushback, TopFixes: []string{}},
	"Could": {Score: 55, Pass: true, Level: guide.LevelMild, Summary: "Ready to send (score 55).", TopFixes: []string{"Say what is at stake."}},
	"Hmm,":  {Score: 40, Level: guide.LevelMild, Summary: "Not ready (score 40).", Findings: []check.Finding{}},
	"Okay,": {Score: 10, ReadsAs: "compliant", Summary: "Not ready (score 10): the abdication.",
		Findings: []check.Finding{{Rule: "abdication", Kind: check.KindAntiPattern, Severity: check.SeverityError, Message: "The abdication: \"we'll do it|your way\"", Start: 13, End: 42}}},
}

// fixture is a small repository of messages: a Markdown playbook with a
// name, a passing and a failing draft, a text file, and JSON Lines with an
// input error.
var fixture = map[string]string{
	"replies/playbook.md": "---\nowner: support\n---\n# Playbook\n\n## Flat no\n\nNo, that won't work.\nWe need to do it the way I said.\n\n---\n\n## Concerned question\n\nI want to make sure we can deliver this well.\n",
	"replies/short.txt":   "Could we ship the core first?\n---\nHmm, maybe.\n",
	"bot/answers.jsonl":   `{"id":"bot-1","text":"Okay, you're the client.\nWe'll do it your way.","audience":"client"}` + "\n" + `{"id":"bot-2","text":"Sure.","audience":"boss"}` + "\n",
}

func fixtureDrafts(t *testing.T) ([]Draft, int) {
	t.Helper()
	var all []Draft
	for _, name := range []string{"replies/playbook.md", "replies/short.txt", "bot/answers.jsonl"} {
		ds, err := Split(name, []byte(fixture[name]), KindOf(name), check.Input{})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ds...)
	}
	return all, 3
}

func TestRun(t *testing.T) {
	ds, files := fixtureDrafts(t)
	r := Run(fake, ds, files, Options{MinScore: 60, Concurrency: 3})
	type row struct {
		id          string
		pass, chk   bool
		score, line int
		err         string
	}
	want := []row{
		{"replies/playbook.md:8", false, false, 3, 8, ""},
		{"replies/playbook.md:15", true, true, 88, 15, ""},
		{"replies/short.txt:1", false, true, 55, 1, ""}, // passes the checker, under --min-score 60
		{"replies/short.txt:3", false, false, 40, 3, ""},
		{"bot-1", false, false, 10, 1, ""},
		{"bot-2", false, false, 0, 2, `unknown value for audience: "boss"`},
	}
	if len(r.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(r.Results), len(want))
	}
	for i, w := range want {
		it := r.Results[i]
		if it.ID != w.id || it.Pass != w.pass || it.CheckerPass != w.chk || it.Score != w.score || it.Line != w.line || !strings.Contains(it.Error, w.err) || (w.err == "") != (it.Error == "") {
			t.Errorf("result %d: %+v\nwant %+v", i, it, w)
		}
	}
	if r.Pass || r.Passed != 1 || r.Failed != 4 || r.Errors != 1 || r.Drafts != 6 || r.Files != 3 {
		t.Errorf("totals: pass %v, %d passed, %d failed, %d errors of %d drafts in %d files", r.Pass, r.Passed, r.Failed, r.Errors, r.Drafts, r.Files)
	}
	// Findings are placed in the file: the flat no starts on line 8 and
	// its span ends on line 8; bot-1's span is inside a JSON string.
	f := r.Results[0].Findings[0]
	if f.Line != 8 || f.Column != 1 || f.EndLine != 8 || f.EndColumn != 21 {
		t.Errorf("dismissive_no at %d:%d-%d:%d, want 8:1-8:21", f.Line, f.Column, f.EndLine, f.EndColumn)
	}
	if f := r.Results[4].Findings[0]; f.Line != 1 || f.Column != 0 {
		t.Errorf("a JSON Lines finding at %d:%d, want 1:0", f.Line, f.Column)
	}
}

// TestRunConcurrent checks that drafts are checked at once, up to the
// limit, and reported in their order: the first calls wait for each other,
// so a run that checked one at a time would time out here.
func TestRunConcurrent(t *testing.T) {
	const n, conc = 40, 4
	var ds []Draft
	for i := range n {
		ds = append(ds, Draft{ID: fmt.Sprint(i), Input: check.Input{Draft: fmt.Sprint(i)}})
	}
	chk := &barrierChecker{need: conc, release: make(chan struct{})}
	r := Run(chk, ds, 0, Options{Concurrency: conc})
	for i, it := range r.Results {
		if it.ID != fmt.Sprint(i) || it.Score != i || it.Error != "" {
			t.Fatalf("result %d is %+v", i, it)
		}
	}
	if chk.peak != conc {
		t.Errorf("at most %d drafts were checked at once, want %d", chk.peak, conc)
	}
	if chk.timedOut {
		t.Errorf("the first %d checks did not run at once", conc)
	}
}

type barrierChecker struct {
	need     int
	mu       sync.Mutex
	inFlight int
	peak     int
	arrived  int
	release  chan struct{}
	timedOut bool
}

func (b *barrierChecker) Check(in check.Input) (check.Report, error) {
	b.mu.Lock()
	b.inFlight++
	b.peak = max(b.peak, b.inFlight)
	b.arrived++
	if b.arrived == b.need {
		close(b.release)
	}
	b.mu.Unlock()
	select {
	case <-b.release:
	case <-time.After(10 * time.Second):
		b.mu.Lock()
		b.timedOut = true
		b.mu.Unlock()
	}
	b.mu.Lock()
	b.inFlight--
	b.mu.Unlock()
	var score int
	fmt.Sscan(in.Draft, &score)
	return check.Report{Score: score, Pass: true}, nil
}

// TestFormats renders the fixture in every format and compares each with
// its golden file (go test -update rewrites them; review the diff).
func TestFormats(t *testing.T) {
	ds, files := fixtureDrafts(t)
	r := Run(fake, ds, files, Options{MinScore: 60})
	tool := Tool{Name: "pushback", Version: "0.0.0-test", URI: "https://github.com/pushback/pushback", Guide: guide.Default()}
	ext := map[string]string{"json": "json", "junit": "xml", "sarif": "sarif", "github": "txt", "markdown": "md"}
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, r, f, tool); err != nil {
				t.Fatal(err)
			}
			goldenfile.Check(t, filepath.Join("testdata", "fixture."+ext[f]), b.Bytes())
			switch f {
			case "json":
				var back Report
				if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Results) != len(r.Results) {
					t.Errorf("the JSON report does not read back: %v", err)
				}
			case "junit", "sarif":
				if f == "junit" {
					var x junitSuites
					if err := xml.Unmarshal(b.Bytes(), &x); err != nil || x.Tests != 6 || x.Failures != 4 || x.Errors != 1 {
						t.Errorf("JUnit: %v; %d tests, %d failures, %d errors; want 6, 4, 1", err, x.Tests, x.Failures, x.Errors)
					}
				} else {
					checkSARIF(t, b.Bytes())
				}
			case "github":
				for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
					if !strings.HasPrefix(line, "::error ") || strings.Count(line, "::") != 2 {
						t.Errorf("not one workflow command: %q", line)
					}
				}
			}
		})
	}
	if err := Write(&bytes.Buffer{}, r, "yaml", tool); err == nil {
		t.Error("an unknown format was accepted")
	}
}

// checkSARIF holds a SARIF log to what GitHub code scanning requires of
// an upload: version 2.1.0, a driver name, every result's rule among the
// driver's rules at its index, a message, a level SARIF knows, and a
// region whose lines and columns start at 1.
func checkSARIF(t *testing.T, b []byte) {
	t.Helper()
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name == "" {
		t.Fatalf("SARIF header: %+v", log)
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	seen := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "" || seen[rule.ID] || rule.ShortDescription.Text == "" {
			t.Errorf("rule %+v: no id, a repeated one, or no description", rule)
		}
		seen[rule.ID] = true
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not name it", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" || !strings.Contains(" error warning note none ", " "+res.Level+" ") {
			t.Errorf("result %s: message %q, level %q", res.RuleID, res.Message.Text, res.Level)
		}
		for _, l := range res.Locations {
			reg := l.Physical.Region
			if l.Physical.Artifact.URI == "" || strings.Contains(l.Physical.Artifact.URI, `\`) || reg.StartLine < 1 || reg.StartColumn < 0 ||
				(reg.EndLine != 0 && (reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn)) {
				t.Errorf("result %s: location %+v", res.RuleID, l)
			}
		}
	}
}

// TestReportJSONStreams: the JSON report, written a result at a time, is
// byte for byte what one Encode of the whole report gives.
func TestReportJSONStreams(t *testing.T) {
	ds, files := fixtureDrafts(t)
	for _, r := range []*Report{Run(fake, ds, files, Options{MinScore: 60}), Run(fake, nil, 0, Options{}), Run(fake, ds[:1], 1, Options{})} {
		var whole, streamed bytes.Buffer
		if err := writeJSON(&whole, r); err != nil {
			t.Fatal(err)
		}
		if err := writeReportJSON(&streamed, r); err != nil {
			t.Fatal(err)
		}
		if whole.String() != streamed.String() {
			t.Errorf("%d results: streamed\n%s\nwhole\n%s", len(r.Results), streamed.String(), whole.String())
		}
	}
}
