package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pushback/pushback/internal/annotate"
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// Formats are the machine formats Write renders (the terminal report is the
// command line's).
var Formats = []string{"json", "junit", "sarif", "github", "markdown"}

// Tool describes the program in SARIF and JUnit output.
type Tool struct {
	Name    string
	Version string
	URI     string
	Guide   *guide.Guide // rule names and help for SARIF
}

// Write renders r in format ("md" is markdown).
func Write(w io.Writer, r *Report, format string, t Tool) error {
	var err error
	switch format {
	case "json":
		err = writeReportJSON(w, r)
	case "junit":
		err = writeJUnit(w, r, t)
	case "sarif":
		err = writeSARIF(w, r, t)
	case "github":
		err = writeGitHub(w, r)
	case "markdown", "md":
		err = writeMarkdown(w, r)
	default:
		return fmt.Errorf("unknown format %q (use one of %s)", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("write %s report: %w", format, err)
	}
	return nil
}

// writeReportJSON writes r as indented JSON, exactly as one Encode of r
// would, but a result at a time: a report of 10,000 drafts is tens of
// megabytes, and indenting it whole took longer than checking a third of
// them.
func writeReportJSON(w io.Writer, r *Report) error {
	head := *r
	head.Results = nil
	var b bytes.Buffer
	if err := writeJSON(&b, head); err != nil {
		return err
	}
	// b ends `"results": null` + "\n}\n"; the results go in its place.
	const tail = "null\n}\n"
	if !bytes.HasSuffix(b.Bytes(), []byte(tail)) {
		return fmt.Errorf("unexpected report layout")
	}
	b.Truncate(b.Len() - len(tail))
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(b.Bytes())
	if len(r.Results) == 0 {
		bw.WriteString("[]\n}\n")
		return bw.Flush()
	}
	bw.WriteString("[\n    ")
	var item bytes.Buffer
	ienc := json.NewEncoder(&item)
	ienc.SetIndent("    ", "  ")
	ienc.SetEscapeHTML(false)
	for i := range r.Results {
		item.Reset()
		if err := ienc.Encode(&r.Results[i]); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
		if i < len(r.Results)-1 {
			bw.WriteString(",\n    ")
		}
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Where returns "file:line" for an item, or its id when it has no file.
func (it Item) Where() string {
	if it.File == "" {
		return it.ID
	}
	return fmt.Sprintf("%s:%d", it.File, it.Line)
}

// Headline is a failing item's one-line reason: its first finding's rule,
// or its error, or the min-score note.
func (it Item) Headline() string {
	switch {
	case it.Error != "":
		return "input error"
	case it.CheckerPass && !it.Pass:
		return "below min score"
	case len(it.Findings) > 0:
		return it.Findings[0].Rule
	}
	return "fails"
}

// anchor is where an annotation for a failing item goes: its first finding
// with a span, else the draft's start.
func (it Item) anchor() (line, col, endLine, endCol int) {
	for _, f := range it.Findings {
		if f.End > f.Start {
			return f.Line, f.Column, f.EndLine, f.EndColumn
		}
	}
	return it.Line, it.Column, it.Line, it.Column
}

// failing returns the items that failed or could not be checked.
func (r *Report) failing() []Item {
	var out []Item
	for _, it := range r.Results {
		if !it.Pass || it.Error != "" {
			out = append(out, it)
		}
	}
	return out
}

// details is a failing item's explanation: its summary, its findings other
// than missing steps (one a line, "line:col severity rule: message"), the
// missing steps on one line, then its first fix.
func details(it Item) string {
	if it.Error != "" {
		return it.Error
	}
	var b strings.Builder
	b.WriteString(it.Summary)
	for _, f := range it.Placed() {
		fmt.Fprintf(&b, "\n%s %s %s: %s", position(f.Line, f.Column), f.Severity, f.Rule, f.Message)
	}
	if m := it.Missing(); m != "" {
		b.WriteString("\n" + m)
	}
	if len(it.TopFixes) > 0 {
		b.WriteString("\nTry: " + it.TopFixes[0])
	}
	return b.String()
}

// Placed returns the item's findings other than missing formula steps:
// the ones that point at words or judge the whole draft's tone.
func (it Item) Placed() []Finding {
	var out []Finding
	for _, f := range it.Findings {
		if f.Kind != check.KindMissingStep {
			out = append(out, f)
		}
	}
	return out
}

// Missing says on one line which formula steps the draft lacks, by
// severity: "missing: context, alternative (warning); impact (suggestion)",
// or "" when none.
func (it Item) Missing() string {
	var order []string
	by := map[string][]string{}
	for _, f := range it.Findings {
		if f.Kind != check.KindMissingStep {
			continue
		}
		if by[f.Severity] == nil {
			order = append(order, f.Severity)
		}
		by[f.Severity] = append(by[f.Severity], strings.TrimPrefix(f.Rule, "missing_"))
	}
	if len(order) == 0 {
		return ""
	}
	parts := make([]string, len(order))
	for i, sev := range order {
		parts[i] = fmt.Sprintf("%s (%s)", strings.Join(by[sev], ", "), sev)
	}
	return "missing: " + strings.Join(parts, "; ")
}

func position(line, col int) string {
	if col == 0 {
		return fmt.Sprintf("%d", line)
	}
	return fmt.Sprintf("%d:%d", line, col)
}

// --- GitHub workflow annotations ---

// writeGitHub prints one ::error workflow command per failing draft, on the
// line of its first finding, and one per input error; GitHub shows them on
// the pull request's diff. Passing drafts print nothing.
func writeGitHub(w io.Writer, r *Report) error {
	for _, it := range r.failing() {
		a := annotate.Annotation{Level: annotate.Error, Title: "pushback: " + it.Headline(), Message: details(it)}
		if it.Error == "" {
			a.Title = fmt.Sprintf("%s (score %d/100)", a.Title, it.Score)
		}
		if it.Name != "" {
			a.Message = it.Name + ": " + a.Message
		}
		if it.File != "" && it.File != "-" {
			a.File = it.File
			a.Line, a.Column, a.EndLine, a.EndColumn = it.anchor()
		}
		if err := annotate.Write(w, a); err != nil {
			return err
		}
	}
	return nil
}

// --- Markdown step summary ---

// maxSummaryRows bounds the failing drafts listed in the Markdown summary
// (GitHub caps a step summary at 1 MiB).
const maxSummaryRows = 200

func writeMarkdown(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	icon := map[bool]string{true: "✅", false: "❌"}
	fmt.Fprintf(ew, "## pushback check %s\n\n", icon[r.Pass])
	fmt.Fprint(ew, plural(r.Drafts, "draft"))
	if r.Files > 0 {
		fmt.Fprintf(ew, " in %s", plural(r.Files, "file"))
	}
	fmt.Fprintf(ew, ": **%d passed**, **%d failed**", r.Passed, r.Failed)
	if r.Errors > 0 {
		fmt.Fprintf(ew, ", **%s**", plural(r.Errors, "input error"))
	}
	if r.MinScore > 0 {
		fmt.Fprintf(ew, " (min score %d)", r.MinScore)
	}
	fmt.Fprintln(ew, ".")
	fails := r.failing()
	if len(fails) == 0 {
		return ew.err
	}
	fmt.Fprintln(ew, "\n| | Draft | Score | Why | Try |\n|---|---|---|---|---|")
	for i, it := range fails {
		if i == maxSummaryRows {
			fmt.Fprintf(ew, "\n…and %d more failing drafts (see the job log or the JSON report).\n", len(fails)-i)
			break
		}
		draft := "`" + mdCode(it.Where()) + "`"
		if it.Name != "" {
			draft += " " + mdCell(it.Name)
		}
		score, why, try := fmt.Sprint(it.Score), "", ""
		if it.Error != "" {
			score, why = "–", "input error: "+it.Error
		} else {
			why = it.Headline() + ": " + it.Summary
			if len(it.TopFixes) > 0 {
				try = it.TopFixes[0]
			}
		}
		fmt.Fprintf(ew, "| %s | %s | %s | %s | %s |\n", icon[false], draft, score, mdCell(clip(why, 240)), mdCell(clip(try, 200)))
	}
	return ew.err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// --- JUnit XML ---

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one <testsuite> per file and one <testcase> per draft,
// with a <failure> (its findings) when it fails and an <error> when it
// could not be checked: what GitLab, Jenkins and the test-report actions
// read.
func writeJUnit(w io.Writer, r *Report, t Tool) error {
	root := junitSuites{Name: t.Name + " check"}
	index := map[string]int{}
	for _, it := range r.Results {
		file := it.File
		if file == "" {
			file = "arguments"
		}
		si, ok := index[file]
		if !ok {
			si = len(root.Suites)
			index[file] = si
			root.Suites = append(root.Suites, junitSuite{Name: file})
		}
		s := &root.Suites[si]
		name := it.ID
		if it.Name != "" {
			name = fmt.Sprintf("%s (%s)", it.Name, it.ID)
		}
		jc := junitCase{Name: name, Classname: strings.TrimSuffix(filepath.ToSlash(file), filepath.Ext(file)), File: it.File, Line: it.Line}
		switch {
		case it.Error != "":
			jc.Error = &junitFailure{Message: it.Error, Type: "input"}
			s.Errors++
		case !it.Pass:
			jc.Failure = &junitFailure{Message: fmt.Sprintf("score %d/100: %s", it.Score, it.Summary), Type: it.Headline(), Text: details(it)}
			s.Failures++
		}
		s.Cases = append(s.Cases, jc)
		s.Tests++
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
	}
	ew := &errWriter{w: w}
	io.WriteString(ew, xml.Header)
	enc := xml.NewEncoder(ew)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	io.WriteString(ew, "\n")
	return ew.err
}

// --- SARIF 2.1.0 (GitHub code scanning) ---

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name,omitempty"`
	ShortDescription sarifMessage `json:"shortDescription"`
	FullDescription  sarifMessage `json:"fullDescription"`
	Help             sarifMessage `json:"help"`
	Default          sarifConfig  `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	Physical sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// Rule ids of results that are not a checker finding.
const (
	ruleFails    = "fails"           // failed with no finding to show
	ruleMinScore = "below_min_score" // passed the checker, under --min-score
	ruleInput    = "input_error"     // could not be checked
)

// writeSARIF writes a SARIF 2.1.0 log: one result per finding of each
// failing draft (level from the finding's severity), one for a failing draft
// with no finding or under --min-score, and one per input error. Rules are
// the guide's anti-patterns, missing formula steps and miscalibration.
func writeSARIF(w io.Writer, r *Report, t Tool) error {
	rules, index := sarifRules(t.Guide)
	add := func(id, name, short, help, level string) int {
		if i, ok := index[id]; ok {
			return i
		}
		index[id] = len(rules)
		rules = append(rules, sarifRule{ID: id, Name: name, ShortDescription: sarifMessage{short}, FullDescription: sarifMessage{short}, Help: sarifMessage{help}, Default: sarifConfig{level}})
		return index[id]
	}
	run := sarifRun{ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, it := range r.failing() {
		where := func(line, col, endLine, endCol int) []sarifLocation {
			if it.File == "" || it.File == "-" {
				return nil
			}
			reg := sarifRegion{StartLine: max(line, 1), StartColumn: col}
			if endLine >= line && (endLine > line || endCol > col) {
				reg.EndLine, reg.EndColumn = endLine, endCol
			}
			return []sarifLocation{{sarifPhysical{sarifArtifact{filepath.ToSlash(it.File)}, reg}}}
		}
		prefix := ""
		if it.Name != "" {
			prefix = it.Name + ": "
		}
		switch {
		case it.Error != "":
			i := add(ruleInput, "InputError", "The draft could not be checked.", "Fix the input: the message says what is wrong.", "error")
			run.Results = append(run.Results, sarifResult{RuleID: ruleInput, RuleIndex: i, Level: "error", Message: sarifMessage{prefix + it.Error}, Locations: where(it.Line, it.Column, it.Line, it.Column)})
			continue
		case it.CheckerPass:
			i := add(ruleMinScore, "BelowMinScore", "The draft passes the checker but scores below --min-score.", "Raise the score: see the findings of `pushback check` on the draft.", "error")
			run.Results = append(run.Results, sarifResult{RuleID: ruleMinScore, RuleIndex: i, Level: "error", Message: sarifMessage{prefix + it.Summary}, Locations: where(it.Line, it.Column, it.Line, it.Column)})
			continue
		case len(it.Findings) == 0:
			i := add(ruleFails, "Fails", "The checker fails the draft.", "See the summary.", "error")
			run.Results = append(run.Results, sarifResult{RuleID: ruleFails, RuleIndex: i, Level: "error", Message: sarifMessage{prefix + it.Summary}, Locations: where(it.Line, it.Column, it.Line, it.Column)})
			continue
		}
		for _, f := range it.Findings {
			level := sarifLevel(f.Severity)
			i := add(f.Rule, f.Rule, f.Message, f.Suggestion, level)
			msg := prefix + f.Message
			if f.Suggestion != "" {
				msg += " Try: " + f.Suggestion
			}
			run.Results = append(run.Results, sarifResult{RuleID: f.Rule, RuleIndex: i, Level: level, Message: sarifMessage{msg}, Locations: where(f.Line, f.Column, f.EndLine, f.EndColumn)})
		}
	}
	run.Tool = sarifTool{sarifDriver{Name: t.Name, Version: t.Version, InformationURI: t.URI, Rules: rules}}
	return writeJSON(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifRules lists the rules a finding can name, from the guide.
func sarifRules(g *guide.Guide) ([]sarifRule, map[string]int) {
	rules := []sarifRule{}
	index := map[string]int{}
	if g == nil {
		return rules, index
	}
	for _, a := range g.AntiPatterns {
		index[a.ID] = len(rules)
		rules = append(rules, sarifRule{ID: a.ID, Name: ruleName(a.ID), ShortDescription: sarifMessage{a.Name}, FullDescription: sarifMessage{a.Why},
			Help: sarifMessage{a.Suggestion}, Default: sarifConfig{sarifLevel(a.Severity)}})
	}
	for _, s := range g.Formula.Steps {
		id := "missing_" + s.ID
		index[id] = len(rules)
		rules = append(rules, sarifRule{ID: id, Name: ruleName(id), ShortDescription: sarifMessage{"No " + strings.ToLower(s.Name) + " step."},
			FullDescription: sarifMessage{s.Purpose}, Help: sarifMessage{s.Fix}, Default: sarifConfig{"warning"}})
	}
	id := "miscalibrated"
	index[id] = len(rules)
	rules = append(rules, sarifRule{ID: id, Name: ruleName(id), ShortDescription: sarifMessage{"The draft reads at a different level than the stakes or the intended level call for."},
		FullDescription: sarifMessage{"Different situations require different intensities: mild, moderate, strong or escalated."}, Help: sarifMessage{"Soften or sharpen the wording to the intended level."}, Default: sarifConfig{"warning"}})
	return rules, index
}

// ruleName is a rule id in the CamelCase SARIF viewers show.
func ruleName(id string) string {
	var b strings.Builder
	for _, p := range strings.Split(id, "_") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

func sarifLevel(severity string) string {
	switch severity {
	case check.SeverityError:
		return "error"
	case check.SeverityWarning:
		return "warning"
	}
	return "note"
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
