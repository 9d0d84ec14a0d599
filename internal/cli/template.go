package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/guide"
)

func init() {
	register(command{name: "template", summary: "write a pushback from the formula or a named scenario", run: runTemplate})
}

const templateUsage = `Usage:
  pushback template --goal G --concern C --impact I --alternative A [--invitation Q] [--level L] [--matter M]
  pushback template --scenario NAME --set field=value ... [--level L]
  pushback template --list

Writes a pushback with the five-step formula (acknowledge, context, impact,
alternative, invite) at a level, or fills one of the documents' scenarios
(--list shows them with their fields). Prints the message; --json adds the
level and the character span of each formula part.

Example:
  pushback template --scenario overcommitted_team --set team_size=6 --set items=48 --set capacity=5-6 --set role=SE --set item=deal

Flags:
`

// setFlag collects --set key=value pairs.
type setFlag map[string]string

func (s setFlag) String() string { return "" }

func (s setFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return fmt.Errorf("%q is not field=value", v)
	}
	s[k] = val
	return nil
}

func runTemplate(env *Env, args []string) int {
	fs := newFlagSet(env, "template")
	var f formula.Fields
	fs.StringVar(&f.Goal, "goal", "", "what they want, in their terms (e.g. \"a launch on the 1st\" or \"to launch by Friday\")")
	fs.StringVar(&f.Concern, "concern", "", "what concerns you, as a sentence (e.g. \"QA needs two weeks\")")
	fs.StringVar(&f.Impact, "impact", "", "what happens if we go ahead, as a sentence, quantified where possible")
	fs.StringVar(&f.Alternative, "alternative", "", "what you propose instead, as what we would do (e.g. \"launch the core checkout first\")")
	fs.StringVar(&f.Invitation, "invitation", "", "the question that hands the decision back (default: one that fits the level)")
	levelVar(fs, &f.Level, "level", "how direct to be (default moderate; for a scenario, the documents' level)")
	audienceVar(fs, &f.Audience, "audience", "who it is addressed to")
	matterVar(fs, &f.Matter, "matter", "what it is about: a trade-off they may decide (default), a rule you hold to or an integrity matter, never handed back as their call")
	scenario := fs.String("scenario", "", "fill the scenario `NAME` instead of the formula (see --list)")
	sets := setFlag{}
	fs.Var(sets, "set", "a scenario field as `field=value`; repeatable")
	list := fs.Bool("list", false, "list the scenarios and their fields")
	asJSON := fs.Bool("json", false, "print JSON: text, level, scenario and parts with character spans")
	fs.Usage = func() {
		io.WriteString(fs.Output(), templateUsage)
		fs.PrintDefaults()
	}
	pos, code := parseFlags(env, fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageErr(env, fmt.Errorf("unexpected argument %q: pass the parts as flags (see pushback template -h)", pos[0]))
	}
	g := guide.Default()
	if *list {
		scs := formula.Scenarios(g)
		if *asJSON {
			return jsonOut(env, scs)
		}
		writeScenarios(env.Stdout, newStyle(env), g, scs)
		return ExitOK
	}
	var res formula.Result
	var err error
	if *scenario != "" {
		if f.Goal+f.Concern+f.Impact+f.Alternative+f.Invitation != "" || f.Matter != "" {
			return usageErr(env, errors.New("--scenario takes its fields with --set field=value, not --goal/--concern/--impact/--alternative/--invitation/--matter (a scenario knows its matter)"))
		}
		res, err = formula.RenderScenario(g, formula.ScenarioInput{ID: *scenario, Values: sets, Level: f.Level, Audience: f.Audience})
	} else {
		if len(sets) > 0 {
			return usageErr(env, errors.New("--set needs --scenario NAME (see pushback template --list)"))
		}
		res, err = formula.Render(g, f)
	}
	if err != nil {
		return usageErr(env, templateHint(err, *scenario != ""))
	}
	if *asJSON {
		return jsonOut(env, res)
	}
	io.WriteString(env.Stdout, res.Text+"\n")
	if res.AudienceAdvice != "" {
		// stdout is the message, ready to paste; the advice is for the sender.
		fmt.Fprintf(env.Stderr, "Delivering it: %s\n", res.AudienceAdvice)
	}
	return ExitOK
}

// templateHint says how to supply a missing field.
func templateHint(err error, scenario bool) error {
	switch {
	case errors.Is(err, formula.ErrMissingField) && scenario:
		return fmt.Errorf("%w; pass it with --set field=value (pushback template --list shows every field)", err)
	case errors.Is(err, formula.ErrMissingField):
		return fmt.Errorf("%w; pass --goal, --concern, --impact and --alternative", err)
	case errors.Is(err, formula.ErrUnknownScenario):
		return fmt.Errorf("%w; pushback template --list shows them", err)
	}
	return err
}

func jsonOut(env *Env, v any) int {
	if err := writeJSON(env.Stdout, v); err != nil {
		printErr(env, err)
		return ExitFail
	}
	return ExitOK
}

func writeScenarios(w io.Writer, st style, g *guide.Guide, scs []guide.Scenario) {
	var b strings.Builder
	for i, s := range scs {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s  %s (%s document, %s)\n", st.bold(s.ID), s.Name, s.Source, formula.DefaultLevel(g, s.ID))
		fmt.Fprintf(&b, "  %s\n", s.Description)
		if len(s.Audiences) > 0 {
			fmt.Fprintf(&b, "  Written to: %s\n", joinAudiences(s.Audiences))
		}
		for _, f := range s.Fields {
			req := "optional"
			switch {
			case f.Required:
				req = "required"
			case f.RequiredFrom != "":
				req = "required from " + string(f.RequiredFrom)
			}
			fmt.Fprintf(&b, "  --set %s=...  %s (%s, %s; e.g. %q)\n", f.Name, f.Description, req, formula.PhraseName(f.Phrase), f.Example)
		}
	}
	io.WriteString(w, b.String())
}

func joinAudiences(as []guide.Audience) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}
