package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/pushback/pushback/internal/batch"
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

func init() {
	register(command{name: "check", summary: "judge a pushback draft: formula parts, level, anti-patterns, score", run: runCheck})
}

const checkUsage = `Usage: pushback check [flags] [text]
       pushback check [flags] --file PATH [--file PATH ...]
       pushback check [flags] --paths PATH...

Judges pushback drafts against the documents: the five formula parts
(acknowledge, context, impact, alternative, invite), the level each reads
at, the anti-patterns, a score from 0 to 100 and whether it passes.

One draft comes from the arguments or piped stdin (--file - reads stdin).
Many come from files: --file PATH (repeatable) or, with --paths, every
argument. A PATH is a file, a directory (its .md, .markdown, .txt and
.jsonl files, recursively, skipping hidden directories, node_modules and
vendor) or a glob (quote it: 'replies/**/*.md'). A text or Markdown file
holds one draft, or several separated by a line of three hyphens (---);
in Markdown, front matter at the top is skipped and a heading above a
draft names it. A .jsonl file holds one draft per line: {"id", "text",
"situation", "audience", "stakes", "level"} (the labelled-case fields of
evals/checker are allowed too). Every result is tied to its file and line.

One draft prints the full report (--json: the check.Report documented in
internal/cli/README.md). Many print the failing ones with their findings
and a closing count. --format chooses another report, to stdout or, as
FORMAT=PATH, to a file (repeat it for several): json, junit, sarif (GitHub
code scanning), github (workflow annotations on the right lines) or
markdown (a step summary). The terminal report (text) goes to stdout unless
another format does.

Exit status: 0 every draft passes, 1 one fails, 2 usage or input error (a
draft that cannot be checked is reported in place, and the others still are).

Examples:
  pushback check --audience client "No, that won't work. We need to do it the way I said."
  pushback check --paths replies/ 'macros/**/*.md' --min-score 60
  pushback check --file answers.jsonl --format github --format markdown=summary.md

Flags:
`

func runCheck(env *Env, args []string) int {
	fs := newFlagSet(env, "check")
	var in check.Input
	var files pathList
	var outs outputList
	fs.Var(&files, "file", "check the drafts in `PATH`: a file, directory or glob (- for stdin); repeatable")
	fs.Var(&files, "f", "shorthand for --file")
	paths := fs.Bool("paths", false, "treat every argument as a PATH to check, not as the text of a draft")
	audienceVar(fs, &in.Audience, "audience", "who the message is addressed to")
	fs.StringVar(&in.Situation, "situation", "", "what they said or asked that you are pushing back on; add a product gap or a decision already made, and the checker holds the draft to it")
	stakesVar(fs, &in.Stakes, "stakes", "how much rides on it")
	levelVar(fs, &in.Level, "level", "the level you mean the draft to read at")
	matterVar(fs, &in.Matter, "matter", "what it is about: a trade-off they may decide (default), a rule you hold to or an integrity matter; on a rule or integrity no fix hands the decision back")
	asJSON := fs.Bool("json", false, "print the report of one draft as JSON (for many, --format json)")
	fs.Var(&outs, "format", "report `FORMAT` (text, json, junit, sarif, github, markdown), or FORMAT=PATH to write it to a file; repeatable")
	minScore := fs.Int("min-score", 0, "also fail a draft the checker passes when its score is below `N` (0-100)")
	concurrency := fs.Int("concurrency", 0, "drafts checked at once (default: the number of CPUs)")
	fs.BoolVar(&in.Explain, "explain", false, "also show the features of the draft that weighed most in the verdict")
	fs.Usage = func() {
		io.WriteString(fs.Output(), checkUsage)
		fs.PrintDefaults()
	}
	pos, code := parseFlags(env, fs, args)
	if code >= 0 {
		return code
	}
	if *minScore < 0 || *minScore > 100 {
		return usageErr(env, fmt.Errorf("--min-score %d: use 0 to 100", *minScore))
	}
	if *concurrency < 0 {
		return usageErr(env, fmt.Errorf("--concurrency %d: use 1 or more (0: the number of CPUs)", *concurrency))
	}
	if err := outs.validate(checkFormats); err != nil {
		return usageErr(env, err)
	}
	if *asJSON && len(outs) > 0 {
		return usageErr(env, errors.New("--json and --format exclude each other (--json is one draft's report; --format json the report of many)"))
	}
	if *paths {
		if len(pos) == 0 {
			return usageErr(env, errors.New("--paths: name the files, directories or globs to check"))
		}
		files, pos = append(files, pos...), nil
	}
	if len(files) > 0 && len(pos) > 0 {
		return usageErr(env, fmt.Errorf("text %s given with --file: check text or files, not both (a glob the shell expanded after --file? quote it, repeat --file, or use --paths)", quoteClip(strings.Join(pos, " "), 60)))
	}
	var (
		drafts []batch.Draft
		nfiles int
	)
	if len(files) == 0 {
		text, err := readText(env, pos, "")
		if err != nil {
			return usageErr(env, err)
		}
		if len(pos) == 0 {
			text = dropFinalNewline(text) // piped stdin
		}
		if err := draft.Validate(text); err != nil {
			return usageErr(env, err)
		}
		if len(pos) == 1 {
			if _, err := os.Stat(pos[0]); err == nil {
				fmt.Fprintf(env.Stderr, "pushback check: warning: checking the text %q, which is also the name of a file; to check what the file holds, use --file %s\n", pos[0], pos[0])
			}
		}
		d := batch.Draft{ID: "draft", Line: 1, Column: 1, Input: in}
		d.Input.Draft = text
		drafts = []batch.Draft{d}
	} else {
		var err error
		if drafts, nfiles, err = readDrafts(env, files, in); err != nil {
			return usageErr(env, err)
		}
		for _, d := range drafts {
			if d.Err != nil {
				fmt.Fprintf(env.Stderr, "pushback check: %s: %s\n", d.Where(), d.Err)
			}
		}
		if len(drafts) == 1 && drafts[0].Err != nil && (*asJSON || outs.only("text")) {
			return ExitUsage // said on stderr; a report of nothing would add no more
		}
	}
	if *asJSON && len(drafts) != 1 {
		return usageErr(env, fmt.Errorf("--json prints one draft's report and there are %d; use --format json", len(drafts)))
	}
	chk := check.Default()
	if len(drafts) == 1 && drafts[0].Err == nil && (*asJSON || outs.only("text")) {
		return checkOne(env, chk, drafts[0], *asJSON, *minScore)
	}
	rep := batch.Run(chk, drafts, nfiles, batch.Options{MinScore: *minScore, Concurrency: *concurrency})
	tool := batch.Tool{Name: "pushback", Version: Version, URI: projectURI, Guide: chk.Guide()}
	if err := outs.write(env, "text", func(w io.Writer, format string, tty bool) error {
		if format == "text" {
			st := style{on: tty && colour(env)}
			writeBatchText(w, st, rep)
			return nil
		}
		return batch.Write(w, rep, format, tool)
	}); err != nil {
		printErr(env, err)
		return ExitUsage
	}
	switch {
	case rep.Errors > 0:
		return ExitUsage
	case !rep.Pass:
		return ExitFail
	}
	return ExitOK
}

// projectURI is where pushback lives, for reports that link the tool.
const projectURI = "https://github.com/pushback/pushback"

// checkFormats are the formats of pushback check's --format.
var checkFormats = append([]string{"text"}, batch.Formats...)

// readDrafts expands the --file paths and reads their drafts; "-" reads
// stdin as one text. It returns the drafts and how many files they came
// from; a path that names nothing is an error, a file with nothing to check
// a warning.
func readDrafts(env *Env, paths []string, def check.Input) ([]batch.Draft, int, error) {
	var named []string
	stdin := false
	for _, p := range paths {
		if p == "-" {
			stdin = true
		} else {
			named = append(named, p)
		}
	}
	var files []string
	if len(named) > 0 {
		var err error
		if files, err = batch.Expand(named); err != nil {
			return nil, 0, err
		}
	}
	if stdin {
		files = append(files, "-")
	}
	var all []batch.Draft
	var empty []string
	for _, f := range files {
		var r io.Reader
		if f == "-" {
			if env.Stdin == nil {
				return nil, 0, errNoInput
			}
			r = io.LimitReader(env.Stdin, maxInputBytes)
		}
		ds, err := batch.Read(f, r, def)
		if err != nil {
			return nil, 0, err
		}
		if len(ds) == 0 {
			empty = append(empty, f)
		}
		all = append(all, ds...)
	}
	if len(all) == 0 {
		return nil, 0, fmt.Errorf("%w: there is no text in %s", draft.ErrEmpty, strings.Join(files, ", "))
	}
	for _, f := range empty {
		fmt.Fprintf(env.Stderr, "pushback check: warning: %s: no draft in it\n", f)
	}
	return all, len(files), nil
}

// checkOne prints one draft's full report (or its JSON) and returns the
// exit code.
func checkOne(env *Env, chk *check.Checker, d batch.Draft, asJSON bool, minScore int) int {
	rep, err := chk.Check(d.Input)
	if err != nil {
		if isInputErr(err) {
			return usageErr(env, err)
		}
		printErr(env, err)
		return ExitFail
	}
	if asJSON {
		if c := jsonOut(env, rep); c != ExitOK {
			return c
		}
	} else {
		writeReport(env.Stdout, newStyle(env), d.Input.Draft, rep)
		if rep.Pass && rep.Score < minScore {
			fmt.Fprintf(env.Stdout, "\nFAIL under --min-score %d: the checker passes it, but its score is %d.\n", minScore, rep.Score)
		}
	}
	if !rep.Pass || rep.Score < minScore {
		return ExitFail
	}
	return ExitOK
}

// isInputErr reports whether err is the user's to fix (exit 2).
func isInputErr(err error) bool {
	for _, e := range []error{draft.ErrEmpty, draft.ErrTooLong, draft.ErrTooMany, draft.ErrInvalidUTF8, guide.ErrUnknownValue} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// stepColour is the ANSI colour of each formula part in the marked draft.
var stepColour = map[string]string{
	"acknowledge": "36", "context": "34", "impact": "35", "alternative": "32", "invite": "33",
}

// writeReport prints a check.Report for people: the draft with its spans
// marked, the verdict, the formula parts, the findings and the top fixes.
//
// Plain output (no colour) marks finding N's span as [N>...<N]; with colour,
// formula parts are coloured by step and findings underlined in red.
func writeReport(w io.Writer, st style, text string, r check.Report) {
	var b strings.Builder
	b.WriteString(st.bold("Draft") + "\n")
	for _, line := range strings.Split(strings.TrimRight(markDraft(st, text, r), "\n\r\t "), "\n") {
		b.WriteString("  " + line + "\n")
	}
	verdict := st.red("FAIL")
	if r.Pass {
		verdict = st.green("PASS")
	}
	if r.Level != "" {
		fmt.Fprintf(&b, "\n%s  score %d/100  reads %s", verdict, r.Score, r.Level)
	} else {
		fmt.Fprintf(&b, "\n%s  score %d/100  reads as %s", verdict, r.Score, r.ReadsAs)
	}
	if r.Miscalibrated() && r.IntendedLevel != "" && r.IntendedLevel != r.Level {
		fmt.Fprintf(&b, " (intended %s)", r.IntendedLevel)
	}
	b.WriteString("\n")
	if r.Summary != "" {
		b.WriteString(r.Summary + "\n")
	}
	if r.Disagreement != "" {
		b.WriteString(st.dim("Cues and judge: ") + r.Disagreement + "\n")
	}
	b.WriteString("\n" + st.bold("Formula") + "\n")
	for _, c := range r.Components {
		mark := st.red("✗")
		if c.Present {
			mark = st.green("✓")
		}
		fmt.Fprintf(&b, "  %s %s", mark, c.Step)
		if len(c.Spans) > 0 {
			pad := strings.Repeat(" ", max(1, 12-len(c.Step)))
			fmt.Fprintf(&b, "%s%s", pad, st.wrap(stepColour[c.Step], quoteClip(c.Spans[0].Text, 60)))
		}
		b.WriteString("\n")
	}
	var sig []string
	for _, s := range r.Signals {
		mark := "✗"
		if s.Present {
			mark = "✓"
		}
		sig = append(sig, mark+" "+s.Name)
	}
	if len(sig) > 0 {
		fmt.Fprintf(&b, "  %s %s\n", st.dim("signals:"), strings.Join(sig, "  "))
	}
	if len(r.Findings) > 0 {
		fmt.Fprintf(&b, "\n%s (%d)\n", st.bold("Findings"), len(r.Findings))
		for i, f := range r.Findings {
			sev := f.Severity
			switch f.Severity {
			case check.SeverityError:
				sev = st.red(sev)
			case check.SeverityWarning:
				sev = st.yellow(sev)
			}
			where := ""
			if f.End > f.Start {
				where = fmt.Sprintf("  at %d-%d", f.Start, f.End)
			}
			fmt.Fprintf(&b, "  %d. %s %s%s\n", i+1, sev, f.Rule, where)
			fmt.Fprintf(&b, "     %s\n", f.Message)
			if f.Why != "" {
				fmt.Fprintf(&b, "     Why: %s\n", f.Why)
			}
			if f.Suggestion != "" {
				fmt.Fprintf(&b, "     Try: %s\n", f.Suggestion)
			}
		}
	}
	if len(r.TopFixes) > 0 {
		b.WriteString("\n" + st.bold("Top fixes") + "\n")
		for i, f := range r.TopFixes {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, f)
		}
	}
	if len(r.Explanation) > 0 {
		b.WriteString("\n" + st.bold("What weighed most") + " (toward pass +, toward fail -)\n")
		for _, c := range r.Explanation {
			fmt.Fprintf(&b, "  %+6.2f  %s\n", c.Weight, c.Feature)
		}
	}
	io.WriteString(w, b.String())
}

// markDraft returns the draft with finding spans (and, in colour, formula
// parts) marked. Offsets are characters, as in the report.
func markDraft(st style, text string, r check.Report) string {
	runes := []rune(text)
	n := len(runes)
	opens := make([][]string, n+1)
	closes := make([][]string, n+1)
	inFinding := make([]bool, n)
	for i, f := range r.Findings {
		s, e := max(0, f.Start), min(n, f.End)
		if e <= s {
			continue
		}
		for k := s; k < e; k++ {
			inFinding[k] = true
		}
		opens[s] = append(opens[s], fmt.Sprintf("[%d>", i+1))
		closes[e] = append([]string{fmt.Sprintf("<%d]", i+1)}, closes[e]...)
	}
	if !st.on {
		var b strings.Builder
		for k := 0; k <= n; k++ {
			for _, c := range closes[k] {
				b.WriteString(c)
			}
			for _, o := range opens[k] {
				b.WriteString(o)
			}
			if k < n {
				b.WriteRune(runes[k])
			}
		}
		return b.String()
	}
	step := make([]string, n)
	for _, c := range r.Components {
		for _, sp := range c.Spans {
			for k := max(0, sp.Start); k < min(n, sp.End); k++ {
				if step[k] == "" {
					step[k] = c.Step
				}
			}
		}
	}
	var b strings.Builder
	cur := ""
	for k := 0; k < n; k++ {
		var codes []string
		if c := stepColour[step[k]]; c != "" {
			codes = append(codes, c)
		}
		if inFinding[k] {
			codes = append(codes, "4", "31")
		}
		code := strings.Join(codes, ";")
		if runes[k] == '\n' && code != "" {
			code = "" // keep escape codes off line ends
		}
		if code != cur {
			b.WriteString("\x1b[0m")
			if code != "" {
				b.WriteString("\x1b[" + code + "m")
			}
			cur = code
		}
		b.WriteRune(runes[k])
	}
	if cur != "" {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// quoteClip quotes s on one line, cut to max characters.
func quoteClip(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// writeBatchText prints the terminal report of many drafts: each failing
// draft with its place, verdict, findings (line:column in its file) and
// first fix, then one closing line. Passing drafts are only counted, and
// input errors were already said on stderr.
func writeBatchText(w io.Writer, st style, r *batch.Report) {
	var b strings.Builder
	for _, it := range r.Results {
		if it.Pass || it.Error != "" {
			continue
		}
		b.WriteString(st.bold(it.Where()))
		if d := it.Draft(); d.File != "" && it.ID != fmt.Sprintf("%s:%d", d.File, d.Line) {
			b.WriteString(" " + it.ID)
		}
		if it.Name != "" {
			b.WriteString("  " + it.Name)
		}
		how := "reads " + it.Level
		if it.Level == "" {
			how = "reads as " + it.ReadsAs
		}
		fmt.Fprintf(&b, "\n  %s %d/100  %s", st.red("FAIL"), it.Score, how)
		if it.CheckerPass {
			fmt.Fprintf(&b, "  (below --min-score %d)", r.MinScore)
		}
		b.WriteString("\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, f := range it.Placed() {
			sev := f.Severity
			switch sev {
			case check.SeverityError:
				sev = st.red(sev)
			case check.SeverityWarning:
				sev = st.yellow(sev)
			}
			where := fmt.Sprint(f.Line)
			if f.Column > 0 {
				where = fmt.Sprintf("%d:%d", f.Line, f.Column)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", where, sev, f.Rule, f.Message)
		}
		tw.Flush()
		if m := it.Missing(); m != "" {
			fmt.Fprintf(&b, "  %s\n", m)
		}
		if len(it.TopFixes) > 0 {
			fmt.Fprintf(&b, "  Try: %s\n", it.TopFixes[0])
		}
		b.WriteString("\n")
	}
	verdict := st.green("PASS")
	if !r.Pass {
		verdict = st.red("FAIL")
	}
	fmt.Fprintf(&b, "%s  %s", verdict, count(r.Drafts, "draft"))
	if r.Files > 0 {
		fmt.Fprintf(&b, " in %s", count(r.Files, "file"))
	}
	fmt.Fprintf(&b, ": %d passed, %d failed", r.Passed, r.Failed)
	if r.Errors > 0 {
		fmt.Fprintf(&b, ", %s (said above on stderr)", count(r.Errors, "input error"))
	}
	if r.MinScore > 0 {
		fmt.Fprintf(&b, "; min score %d", r.MinScore)
	}
	b.WriteString("\n")
	io.WriteString(w, b.String())
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
