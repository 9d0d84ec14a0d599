package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

func init() {
	register(command{name: "check", summary: "judge a pushback draft: formula parts, level, anti-patterns, score", run: runCheck})
}

const checkUsage = `Usage: pushback check [flags] [text]

Judges a pushback draft against the documents: the five formula parts
(acknowledge, context, impact, alternative, invite), the level it reads at,
the anti-patterns, a score from 0 to 100 and whether it passes. The draft
comes from the arguments, --file (- for stdin) or piped stdin.

Exit status: 0 the draft passes, 1 it does not, 2 usage or input error.
--json prints the check.Report documented in internal/cli/README.md.

Example:
  pushback check --audience client "No, that won't work. We need to do it the way I said."

Flags:
`

func runCheck(env *Env, args []string) int {
	fs := newFlagSet(env, "check")
	var in check.Input
	var file string
	fs.StringVar(&file, "file", "", "read the draft from `PATH` (- for stdin)")
	fs.StringVar(&file, "f", "", "shorthand for --file")
	audienceVar(fs, &in.Audience, "audience", "who the message is addressed to")
	fs.StringVar(&in.Situation, "situation", "", "what they said or asked that you are pushing back on; add a product gap or a decision already made, and the checker holds the draft to it")
	stakesVar(fs, &in.Stakes, "stakes", "how much rides on it")
	levelVar(fs, &in.Level, "level", "the level you mean the draft to read at")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.BoolVar(&in.Explain, "explain", false, "also show the features of the draft that weighed most in the verdict")
	fs.Usage = func() {
		io.WriteString(fs.Output(), checkUsage)
		fs.PrintDefaults()
	}
	pos, code := parseFlags(env, fs, args)
	if code >= 0 {
		return code
	}
	text, err := readInput(env, pos, file)
	if err != nil {
		return usageErr(env, err)
	}
	in.Draft = text
	rep, err := check.Default().Check(in)
	if err != nil {
		if isInputErr(err) {
			return usageErr(env, err)
		}
		fmt.Fprintf(env.Stderr, "pushback check: %v\n", err)
		return ExitFail
	}
	if *asJSON {
		if c := jsonOut(env, rep); c != ExitOK {
			return c
		}
	} else {
		writeReport(env.Stdout, newStyle(env), text, rep)
	}
	if !rep.Pass {
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
	if r.IntendedLevel != "" && r.IntendedLevel != r.Level {
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
