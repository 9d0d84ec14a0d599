package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/guide"
)

func init() {
	register(command{name: "decide", summary: "should I push back? run the Pushback Decision Framework", run: runDecide})
}

const decideUsage = `Usage: pushback decide [flags]

Runs the Pushback Decision Framework: answer its questions with flags (yes or
no; leave out what you don't know) and get one recommendation
(push_back_with_data, let_it_go, wait_for_evidence, build_alternative_first,
reflect_first or escalate), the reasons row by row, next steps and the level
to start at.

Example:
  pushback decide --at-stake capacity --evidence=yes --alternative=yes --stakes high

Flags:
`

// yesNo is a flag.Value for an optional yes/no answer (nil = unanswered).
type yesNo struct{ p **bool }

func (y yesNo) String() string {
	if y.p == nil || *y.p == nil {
		return ""
	}
	if **y.p {
		return "yes"
	}
	return "no"
}

func (y yesNo) Set(s string) error {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1":
		b := true
		*y.p = &b
	case "no", "n", "false", "0":
		b := false
		*y.p = &b
	default:
		return fmt.Errorf("%q is not yes or no", s)
	}
	return nil
}

func runDecide(env *Env, args []string) int {
	fs := newFlagSet(env, "decide")
	var in decide.Input
	var at listFlag
	qs := guide.Default().Framework.Questions
	question := func(id string) string {
		for _, q := range qs {
			if q.ID == id {
				return q.Question
			}
		}
		return id
	}
	fs.Var(yesNo{&in.Material}, "material", "yes|no: "+question("material"))
	fs.Var(yesNo{&in.Evidence}, "evidence", "yes|no: "+question("evidence"))
	fs.Var(yesNo{&in.Hill}, "hill", "yes|no: "+question("hill"))
	fs.Var(yesNo{&in.Alternative}, "alternative", "yes|no: "+question("alternative"))
	fs.Var(yesNo{&in.Right}, "right", "yes|no: "+question("motive")+" (yes = right, no = uncomfortable)")
	fs.Var(&at, "at-stake", "what the decision puts at risk; repeatable or comma list ("+stakeIDs()+")")
	stakesVar(fs, &in.Stakes, "stakes", "how much rides on it")
	audienceVar(fs, &in.Audience, "audience", "who you would push back on")
	matterVar(fs, &in.Matter, "matter", "what it is about: a trade-off they may decide (default; integrity when integrity is at stake), a rule you hold to or an integrity matter, not theirs to decide")
	fs.BoolVar(&in.GentleFailed, "gentle-failed", false, "gentler pushback on this has already been tried and did not work")
	fs.BoolVar(&in.StrongFeelings, "strong-feelings", false, "you feel strongly but they have valid reasoning")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	fs.Usage = func() {
		io.WriteString(fs.Output(), decideUsage)
		fs.PrintDefaults()
	}
	pos, code := parseFlags(env, fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageErr(env, fmt.Errorf("unexpected argument %q: decide takes its answers as flags (see pushback decide -h)", pos[0]))
	}
	in.At = at
	res, err := decide.Decide(guide.Default(), in)
	if err != nil {
		if errors.Is(err, guide.ErrUnknownValue) {
			return usageErr(env, err)
		}
		printErr(env, err)
		return ExitFail
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, res); err != nil {
			printErr(env, err)
			return ExitFail
		}
		return ExitOK
	}
	writeDecision(env.Stdout, newStyle(env), res)
	return ExitOK
}

func stakeIDs() string {
	var ids []string
	for _, s := range guide.Default().Battles.Stakes {
		ids = append(ids, s.ID)
	}
	return strings.Join(ids, ", ")
}

// writeDecision prints a decide.Result for people.
func writeDecision(w io.Writer, st style, r decide.Result) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", st.bold("Recommendation:"), st.bold(strings.ReplaceAll(r.Recommendation, "_", " ")))
	fmt.Fprintf(&b, "%s\n", r.Headline)
	fmt.Fprintf(&b, "Battle: %s", strings.ReplaceAll(r.Battle, "_", " "))
	if r.StartLevel != "" {
		fmt.Fprintf(&b, "    Start at: %s", r.StartLevel)
	}
	if r.LevelWhy != "" {
		fmt.Fprintf(&b, "\n%s", r.LevelWhy)
	}
	b.WriteString("\n\nFramework:\n")
	for _, row := range r.Rows {
		mark := "[ ? ]"
		switch row.Answer {
		case decide.AnswerYes:
			mark = st.green("[yes]")
		case decide.AnswerNo:
			mark = st.red("[no ]")
		}
		fmt.Fprintf(&b, "  %s %s\n        -> %s\n", mark, row.Question, row.Outcome)
	}
	if len(r.Reasons) > 0 {
		b.WriteString("\nWhy:\n")
		for _, s := range r.Reasons {
			fmt.Fprintf(&b, "  - %s\n", s)
		}
	}
	if len(r.NextSteps) > 0 {
		b.WriteString("\nNext steps:\n")
		for i, s := range r.NextSteps {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, s)
		}
	}
	if r.AudienceAdvice != "" {
		fmt.Fprintf(&b, "\n%s %s\n", st.bold("Delivering it:"), r.AudienceAdvice)
	}
	io.WriteString(w, b.String())
}
