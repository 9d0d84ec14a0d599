package eval

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/pushback/pushback/internal/annotate"
)

// Formats lists the report formats.
var Formats = []string{"table", "json", "junit", "markdown", "github"}

// Write renders the report in a format.
func Write(w io.Writer, r *Report, format string) error {
	switch format {
	case "", "table":
		return WriteTable(w, r)
	case "json":
		return WriteJSON(w, r)
	case "junit":
		return WriteJUnit(w, r)
	case "markdown", "md":
		return WriteMarkdown(w, r)
	case "github":
		return WriteGitHub(w, r)
	}
	return fmt.Errorf("unknown format %q (use one of %s)", format, strings.Join(Formats, ", "))
}

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// ReadReport reads a report written by WriteJSON (a --baseline).
func ReadReport(rd io.Reader) (*Report, error) {
	var r Report
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if r.Version != ReportVersion {
		return nil, fmt.Errorf("read report: version %d, this pushback reads version %d", r.Version, ReportVersion)
	}
	return &r, nil
}

func mark(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

// WriteTable writes the human report: one line per case, then the totals.
func WriteTable(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	for _, s := range r.checkerSuites() {
		if s == nil {
			continue
		}
		fmt.Fprintf(ew, "checker suite: %s (%d texts)\n", s.Name, len(s.Cases))
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  \tID\tLABEL\tSCORE\tVERDICT\tANTI-PATTERN (EXPECTED)")
		for _, c := range s.Cases {
			ap := ""
			if c.Label == "bad" {
				ap = fmt.Sprintf("%s (%s)", orNone(c.AntiPattern), orNone(c.ExpectedAntiPattern))
			}
			v := verdict(c.Pass)
			if c.Error != "" {
				v = "error: " + c.Error
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\t%s\n", okMark(c.Correct), c.ID, c.Label, c.Score, v, ap)
		}
		tw.Flush()
		fmt.Fprintf(ew, "  AUC %.3f over %d pairs · verdict accuracy %.2f · anti-pattern named %.2f\n\n", s.AUC, s.Pairs, s.Accuracy, s.AntiPatternAccuracy)
	}
	if s := r.Rewrite; s != nil {
		fmt.Fprintf(ew, "rewrite suite: engine %s%s, %d cases × %d%s\n", s.Engine, modelNote(r), len(s.Cases), r.Repeat, answeredNote(s))
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  \tID\tSCORE\tREF\tDRAFT\tPASS RATE\tWHY")
		for _, c := range s.Cases {
			ref := "-"
			if c.ReferenceScore != nil {
				ref = fmt.Sprint(*c.ReferenceScore)
			}
			why := firstFailure(c)
			if c.Flaky {
				why = "flaky; " + why
			}
			fmt.Fprintf(tw, "  %s\t%s\t%.0f±%.0f\t%s\t%d\t%.2f\t%s\n", okMark(c.Pass), c.ID, c.MeanScore, c.ScoreStdDev, ref, c.DraftScore, c.PassRate, clip(why, 90))
		}
		tw.Flush()
		fmt.Fprintf(ew, "  pass rate %.2f (%d/%d) · mean score %.1f", s.PassRate, s.Passed, s.Runs, s.MeanScore)
		if len(s.Flaky) > 0 {
			fmt.Fprintf(ew, " · flaky: %s", strings.Join(s.Flaky, ", "))
		}
		fmt.Fprintln(ew)
		if rates := checkRateLine(s.CheckRates); rates != "" {
			fmt.Fprintf(ew, "  checks passed: %s\n", rates)
		}
		if r.Usage.TotalTokens > 0 {
			fmt.Fprintf(ew, "  tokens %d in + %d out · est. cost $%.4f\n", r.Usage.PromptTokens, r.Usage.CompletionTokens, r.Usage.CostUSD)
		}
		fmt.Fprintln(ew)
	}
	if j := r.Judge; j != nil {
		fmt.Fprintf(ew, "judge %s: preference for rewrites %.2f over %d comparisons · agrees with checker %.2f · with labels %.2f (%d pairs) · position flips %d\n\n",
			j.Model, j.Preference, j.Compared, j.AgreeChecker, j.AgreeLabels, j.LabelPairs, j.PositionFlips)
	}
	if r.Baseline != "" {
		fmt.Fprintf(ew, "baseline %s: %d regression(s)\n", r.Baseline, len(r.Regressions))
		for _, g := range r.Regressions {
			fmt.Fprintf(ew, "  %s/%s: was %s, now %s\n", g.Suite, g.ID, g.Was, g.Now)
		}
		fmt.Fprintln(ew)
	}
	for _, t := range r.Thresholds {
		fmt.Fprintf(ew, "%s %s: %.4g (want %s %.4g)", mark(t.Pass), t.Name, t.Got, cmpWord(t.Name), t.Want)
		if t.Detail != "" {
			fmt.Fprintf(ew, " — %s", t.Detail)
		}
		fmt.Fprintln(ew)
	}
	fmt.Fprintf(ew, "eval: %s\n", mark(r.Pass))
	return ew.err
}

// checkRateLine is "blunt 1.00 · stock 0.98 · ...": the share of runs
// that passed each check.
func checkRateLine(rates []CheckRate) string {
	parts := make([]string, 0, len(rates))
	for _, r := range rates {
		parts = append(parts, fmt.Sprintf("%s %.2f", r.Name, r.Rate))
	}
	return strings.Join(parts, " · ")
}

func cmpWord(name string) string {
	if strings.HasPrefix(name, "max_") {
		return "<="
	}
	return ">="
}

func okMark(ok bool) string {
	if ok {
		return "ok"
	}
	return "✗"
}

func modelNote(r *Report) string {
	var parts []string
	if r.Model != "" {
		parts = append(parts, r.Model)
	}
	if r.Mode != "" {
		parts = append(parts, r.Mode)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// JUnit XML, as read by Jenkins, GitLab and the GitHub test-report actions.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string      `xml:"name,attr"`
	Tests      int         `xml:"tests,attr"`
	Failures   int         `xml:"failures,attr"`
	Errors     int         `xml:"errors,attr"`
	Time       string      `xml:"time,attr"`
	Properties *junitProps `xml:"properties,omitempty"`
	Cases      []junitCase `xml:"testcase"`
}

type junitProps struct {
	Props []junitProp `xml:"property"`
}

type junitProp struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes one <testcase> per case (checker texts, held-out texts,
// rewrite cases), a <failure message="reason"> on each that failed, and the
// thresholds as properties of the first suite.
func WriteJUnit(w io.Writer, r *Report) error {
	root := junitSuites{Name: "pushback eval", Time: secs(r.DurationMS)}
	for _, s := range r.checkerSuites() {
		if s == nil {
			continue
		}
		js := junitSuite{Name: "checker/" + s.Name, Time: "0"}
		for _, c := range s.Cases {
			jc := junitCase{Name: c.ID, Classname: "checker." + s.Name, Time: "0"}
			switch {
			case c.Error != "":
				jc.Error = &junitFailure{Message: c.Error, Type: "error"}
				js.Errors++
			case !c.Correct:
				jc.Failure = &junitFailure{Message: fmt.Sprintf("%s text judged %s (score %d)", c.Label, verdict(c.Pass), c.Score), Type: "verdict"}
				js.Failures++
			}
			js.Cases = append(js.Cases, jc)
		}
		js.Tests = len(js.Cases)
		root.Suites = append(root.Suites, js)
	}
	if s := r.Rewrite; s != nil {
		js := junitSuite{Name: "rewrite/" + s.Engine}
		var ms int64
		for _, c := range s.Cases {
			var cms int64
			var out strings.Builder
			for _, run := range c.Runs {
				cms += run.LatencyMS
				fmt.Fprintf(&out, "repetition %d (score %d, %s):\n%s\n", run.Repetition, run.Score, verdict(run.Pass), run.Text)
			}
			ms += cms
			jc := junitCase{Name: c.ID, Classname: "rewrite." + c.Set, Time: secs(cms), SystemOut: out.String()}
			if !c.Pass {
				reason := firstFailure(c)
				if len(c.Runs) > 1 {
					reason = fmt.Sprintf("pass rate %.2f: %s", c.PassRate, reason)
				}
				jc.Failure = &junitFailure{Message: reason, Type: "rewrite", Text: failureDetail(c)}
				js.Failures++
			}
			js.Cases = append(js.Cases, jc)
		}
		js.Tests, js.Time = len(js.Cases), secs(ms)
		root.Suites = append(root.Suites, js)
	}
	if len(root.Suites) > 0 && len(r.Thresholds) > 0 {
		p := &junitProps{}
		for _, t := range r.Thresholds {
			p.Props = append(p.Props, junitProp{Name: "threshold." + t.Name, Value: fmt.Sprintf("%s got %.4g want %s %.4g", mark(t.Pass), t.Got, cmpWord(t.Name), t.Want)})
		}
		root.Suites[0].Properties = p
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func failureDetail(c RewriteCase) string {
	var b strings.Builder
	for _, r := range c.Runs {
		if r.Error != "" {
			fmt.Fprintf(&b, "repetition %d: %s\n", r.Repetition, r.Error)
		}
		for _, ch := range r.Checks {
			if !ch.Pass {
				fmt.Fprintf(&b, "repetition %d: %s: %s\n", r.Repetition, ch.Name, ch.Detail)
			}
		}
	}
	return b.String()
}

func secs(ms int64) string { return fmt.Sprintf("%.3f", float64(ms)/1000) }

// WriteMarkdown writes a summary for a pull request or $GITHUB_STEP_SUMMARY:
// the verdict, the thresholds, the failing cases and the regressions.
func WriteMarkdown(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	icon := map[bool]string{true: "✅", false: "❌"}
	fmt.Fprintf(ew, "## pushback eval %s\n\n", icon[r.Pass])
	fmt.Fprintln(ew, "| Suite | Result |")
	fmt.Fprintln(ew, "|---|---|")
	for _, s := range r.checkerSuites() {
		if s != nil {
			fmt.Fprintf(ew, "| checker (%s) | AUC %.3f · accuracy %.2f · anti-pattern named %.2f · %d texts |\n", s.Name, s.AUC, s.Accuracy, s.AntiPatternAccuracy, len(s.Cases))
		}
	}
	if s := r.Rewrite; s != nil {
		fmt.Fprintf(ew, "| rewrite (%s) | pass rate %.2f (%d/%d) · mean score %.1f%s |\n", strings.Join(nonEmpty(s.Engine, r.Model, r.Mode), ", "), s.PassRate, s.Passed, s.Runs, s.MeanScore, answeredNote(s))
		if rates := checkRateLine(s.CheckRates); rates != "" {
			fmt.Fprintf(ew, "| rewrite checks | %s |\n", rates)
		}
	}
	if j := r.Judge; j != nil {
		fmt.Fprintf(ew, "| judge (%s) | preference %.2f · agrees with checker %.2f · with labels %.2f |\n", j.Model, j.Preference, j.AgreeChecker, j.AgreeLabels)
	}
	if r.Usage.TotalTokens > 0 {
		fmt.Fprintf(ew, "| usage | %d tokens · est. $%.4f |\n", r.Usage.TotalTokens, r.Usage.CostUSD)
	}
	if len(r.Thresholds) > 0 {
		fmt.Fprintln(ew, "\n### Thresholds\n\n| | Threshold | Got | Want |\n|---|---|---|---|")
		for _, t := range r.Thresholds {
			fmt.Fprintf(ew, "| %s | `%s` | %.4g | %s %.4g |\n", icon[t.Pass], t.Name, t.Got, cmpWord(t.Name), t.Want)
		}
	}
	var fails []string
	for _, s := range r.checkerSuites() {
		if s == nil {
			continue
		}
		for _, c := range s.Cases {
			if !c.Correct {
				fails = append(fails, fmt.Sprintf("| checker/%s | `%s` | %s text judged %s (score %d) |", s.Name, c.ID, c.Label, verdict(c.Pass), c.Score))
			}
		}
	}
	if s := r.Rewrite; s != nil {
		for _, c := range s.Cases {
			if !c.Pass {
				fails = append(fails, fmt.Sprintf("| rewrite | `%s` | %s |", c.ID, mdEscape(clip(firstFailure(c), 160))))
			}
		}
	}
	if len(fails) > 0 {
		sort.Strings(fails)
		fmt.Fprintf(ew, "\n### Failing cases (%d)\n\n| Suite | Case | Why |\n|---|---|---|\n%s\n", len(fails), strings.Join(fails, "\n"))
	}
	if r.Baseline != "" {
		fmt.Fprintf(ew, "\n### Against baseline `%s`: %d regression(s)\n", r.Baseline, len(r.Regressions))
		if len(r.Regressions) > 0 {
			fmt.Fprintln(ew, "\n| Suite | Case | Was | Now |\n|---|---|---|---|")
			for _, g := range r.Regressions {
				fmt.Fprintf(ew, "| %s | `%s` | %s | %s |\n", g.Suite, g.ID, mdEscape(g.Was), mdEscape(g.Now))
			}
		}
	}
	return ew.err
}

func mdEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

// checkerSuites are the checker suites that ran, in report order.
func (r *Report) checkerSuites() []*CheckerSuite {
	var out []*CheckerSuite
	for _, s := range []*CheckerSuite{r.Checker, r.HeldOut, r.Cases} {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// WriteGitHub writes GitHub workflow annotations: a ::warning for every
// checker text judged wrong (on its line, for labelled messages read from a
// file) and every failing rewrite case (on its file under CasesDir), and an
// ::error for every regression and every failed threshold, the failures
// that fail the run.
func WriteGitHub(w io.Writer, r *Report) error {
	var as []annotate.Annotation
	for _, s := range r.checkerSuites() {
		for _, c := range s.Cases {
			if c.Correct {
				continue
			}
			a := annotate.Annotation{Level: annotate.Warning, Title: fmt.Sprintf("pushback eval: checker/%s %s", s.Name, c.ID),
				Message: fmt.Sprintf("%s text judged %s (score %d)", c.Label, verdict(c.Pass), c.Score)}
			if c.Error != "" {
				a.Message = "could not be judged: " + c.Error
			}
			a.File, a.Line = splitSource(c.Source)
			as = append(as, a)
		}
	}
	if s := r.Rewrite; s != nil {
		for _, c := range s.Cases {
			if c.Pass {
				continue
			}
			a := annotate.Annotation{Level: annotate.Warning, Title: "pushback eval: rewrite " + c.ID, Message: firstFailure(c)}
			if r.CasesDir != "" {
				a.File = filepath.Join(r.CasesDir, "rewrite", c.Set+".json")
			}
			as = append(as, a)
		}
	}
	for _, g := range r.Regressions {
		as = append(as, annotate.Annotation{Level: annotate.Error, Title: fmt.Sprintf("pushback eval: regression %s/%s", g.Suite, g.ID),
			Message: fmt.Sprintf("was %s, now %s", g.Was, g.Now)})
	}
	for _, t := range r.Failed() {
		msg := fmt.Sprintf("got %.4g, want %s %.4g (%s)", t.Got, cmpWord(t.Name), t.Want, t.Flag)
		if t.Detail != "" {
			msg += "; " + t.Detail
		}
		as = append(as, annotate.Annotation{Level: annotate.Error, Title: "pushback eval: threshold " + t.Name, Message: msg})
	}
	for _, a := range as {
		if err := annotate.Write(w, a); err != nil {
			return fmt.Errorf("write annotations: %w", err)
		}
	}
	return nil
}

// splitSource splits "file:line" into its parts ("" and 0 when empty).
func splitSource(src string) (string, int) {
	i := strings.LastIndexByte(src, ':')
	if i < 0 {
		return src, 0
	}
	n, err := strconv.Atoi(src[i+1:])
	if err != nil {
		return src, 0
	}
	return src[:i], n
}

// answeredNote says how many rewrite cases were scored from their answer
// (your own model's) rather than rewritten in this run.
func answeredNote(s *RewriteSuite) string {
	n := 0
	for _, c := range s.Cases {
		if c.Answered {
			n++
		}
	}
	switch {
	case n == 0 || s.Engine == EngineAnswers:
		return ""
	case n == 1:
		return " · 1 case scored from its answer"
	}
	return fmt.Sprintf(" · %d cases scored from their answers", n)
}
