package server

import (
	"fmt"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// The compact results. Each is a projection that names the fields it
// carries, so a field added to a package's result (an explanation on the
// check report, say) reaches the verbose form and not the compact one. A
// tool's outputSchema is its compact type's schema with every object open
// (see leanSchema): the verbose form, a superset, validates against it too.
//
// The text beside a compact result is one or two lines an assistant can
// quote (a verdict, a recommendation); it does not restate the structured
// content. A rendered or rewritten message is the payload itself: it is the
// text, and the structured content keeps it too, for clients that read only
// one of them.
type (
	checkLean struct {
		Score         int           `json:"score"`
		Pass          bool          `json:"pass"`
		Level         guide.Level   `json:"level,omitempty"`
		ReadsAs       string        `json:"reads_as,omitempty"`
		IntendedLevel guide.Level   `json:"intended_level,omitempty"`
		Stance        string        `json:"stance,omitempty"`
		Findings      []findingLean `json:"findings"`
		MissingSteps  []string      `json:"missing_steps,omitempty"`
		TopFixes      []string      `json:"top_fixes"`
	}
	findingLean struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		// Suggestion is left out when it is one of the top fixes (or ends
		// one: a fix that quotes the draft ends with the suggestion).
		Suggestion string `json:"suggestion,omitempty"`
	}
	decideLean struct {
		Recommendation string      `json:"recommendation"`
		Battle         string      `json:"battle"`
		StartLevel     guide.Level `json:"start_level,omitempty"`
		LevelWhy       string      `json:"level_why,omitempty"`
		// Matter is left out for a trade-off (the usual case).
		Matter         guide.Matter `json:"matter,omitempty"`
		NextSteps      []string     `json:"next_steps"`
		AudienceAdvice string       `json:"audience_advice,omitempty"`
	}
	renderLean struct {
		Text           string      `json:"text"`
		Level          guide.Level `json:"level"`
		Scenario       string      `json:"scenario,omitempty"`
		AudienceAdvice string      `json:"audience_advice,omitempty"`
	}
	rewriteLean struct {
		Text    string      `json:"text"`
		Pass    bool        `json:"pass"`
		Engine  string      `json:"engine"`
		Level   guide.Level `json:"level"`
		Missing []string    `json:"missing_facts"`
		Limit   string      `json:"limit,omitempty"`
		Check   checkLean   `json:"check"`
	}
)

// leanCheck is the compact form of a check report: findings without the
// documents' reasons or kinds, the missing formula steps as names (a
// passing report has none: they are not fixes), a finding's suggestion
// only when it is not already a top fix, and the level only when the
// judge is sure of it.
func leanCheck(r check.Report) checkLean {
	out := checkLean{
		Score: r.Score, Pass: r.Pass, Level: r.Level, ReadsAs: r.ReadsAs, IntendedLevel: r.IntendedLevel, Stance: r.Stance,
		Findings: []findingLean{}, TopFixes: r.TopFixes,
	}
	if !r.LevelSure() {
		// A level the judge is unsure of is not worth a reader's
		// attention (the verbose form keeps it, with level_confidence).
		out.Level = ""
	}
	if out.TopFixes == nil {
		out.TopFixes = []string{}
	}
	slots := r.Placeholders()
	for _, f := range r.Findings {
		if f.Kind == check.KindMissingStep {
			out.MissingSteps = append(out.MissingSteps, strings.TrimPrefix(f.Rule, "missing_"))
			continue
		}
		lf := findingLean{Rule: f.Rule, Severity: f.Severity, Message: f.Message, Start: f.Start, End: f.End}
		if f.Kind == check.KindPlaceholder {
			// One line for every slot, at the first: the top fix names
			// them all (the verbose form keeps each place).
			if slices.ContainsFunc(out.Findings, func(l findingLean) bool { return l.Rule == f.Rule }) {
				continue
			}
			if len(slots) > 1 {
				lf.Message = fmt.Sprintf("Unfilled placeholders %s: fill them in before sending", strings.Join(slots, ", "))
			}
		}
		if !slices.ContainsFunc(r.TopFixes, func(fix string) bool { return strings.HasSuffix(fix, f.Suggestion) }) {
			lf.Suggestion = f.Suggestion
		}
		out.Findings = append(out.Findings, lf)
	}
	return out
}

// checkLine is the verdict in a line: the checker's summary, with the
// level when it is not the one wanted.
func checkLine(r check.Report) string {
	var b strings.Builder
	verdict := "Does not pass"
	if r.Pass {
		verdict = "Passes"
	}
	fmt.Fprintf(&b, "%s (score %d/100", verdict, r.Score)
	antiPattern := slices.ContainsFunc(r.Findings, func(f check.Finding) bool {
		return f.Kind == check.KindAntiPattern && f.Severity == check.SeverityError
	})
	// A draft that fails on an anti-pattern is that, whatever level it
	// might be said to read at.
	if !antiPattern && r.Miscalibrated() && r.Level != "" && r.IntendedLevel != "" && r.IntendedLevel != r.Level {
		fmt.Fprintf(&b, "; reads %s, wanted %s", r.Level, r.IntendedLevel)
	}
	b.WriteString(").")
	if r.Pass {
		if slots := r.Placeholders(); len(slots) > 0 {
			fmt.Fprintf(&b, " Ready once %s %s filled in; further edits would only chase the score.", strings.Join(slots, ", "), isAre(len(slots)))
			return b.String()
		}
		b.WriteString(" Ready to send; further edits would only chase the score.")
		return b.String()
	}
	names, guess := []string{}, ""
	for _, f := range r.Findings {
		switch {
		case f.Kind != check.KindAntiPattern:
		case f.Severity == check.SeverityError:
			names = append(names, f.Rule)
		case guess == "":
			guess = f.Rule
		}
	}
	switch {
	case r.ReadsAs == "" && len(names) == 0 && guess != "":
		fmt.Fprintf(&b, " Not sure why: the judge leans to %s (a guess, see findings).", guess)
	case r.ReadsAs != "" && len(names) > 0:
		fmt.Fprintf(&b, " Reads as %s (%s).", r.ReadsAs, strings.Join(names, ", "))
	case r.ReadsAs != "":
		fmt.Fprintf(&b, " Reads as %s.", r.ReadsAs)
	case len(names) > 0:
		fmt.Fprintf(&b, " Reads as %s.", strings.Join(names, ", "))
	}
	b.WriteString(" Start with the first of top_fixes.")
	return b.String()
}

func leanDecide(r decide.Result) decideLean {
	out := decideLean{
		Recommendation: r.Recommendation, Battle: r.Battle, StartLevel: r.StartLevel, LevelWhy: r.LevelWhy,
		NextSteps: r.NextSteps, AudienceAdvice: r.AudienceAdvice,
	}
	if r.Matter != guide.MatterTradeOff {
		out.Matter = r.Matter
	}
	return out
}

// decideLine is the recommendation in a line or two.
func decideLine(r decide.Result) string {
	s := r.Headline
	if r.StartLevel != "" {
		s += fmt.Sprintf(" Start at %s.", r.StartLevel)
	}
	return s
}

func levelLine(r decide.LevelResult) string {
	return fmt.Sprintf("Start at %s (these stakes also allow %s).", r.Level, joinValues(r.Allowed))
}

func leanRender(r formula.Result) renderLean {
	return renderLean{Text: r.Text, Level: r.Level, Scenario: r.Scenario, AudienceAdvice: r.AudienceAdvice}
}

func leanRewrite(r rewrite.Result) rewriteLean {
	m := r.Missing
	if m == nil {
		m = []string{}
	}
	return rewriteLean{Text: r.Text, Pass: r.Pass, Engine: r.Engine, Level: r.Level, Missing: m, Limit: r.Limit, Check: leanCheck(r.Check)}
}

// slotNotes are the notes that ask the user to fill in a [slot].
func slotNotes(r rewrite.Result) []string {
	var out []string
	for _, n := range r.Notes {
		if strings.Contains(n, "[") {
			out = append(out, n)
		}
	}
	return out
}

// rewriteLine is the rewritten message and one line of verdict.
func rewriteLine(r rewrite.Result) string {
	verdict := rewriteVerdict(r)
	if !r.Pass {
		verdict += ": see check.top_fixes"
	}
	s := fmt.Sprintf("%s\n\n(%s, score %d/100, %s", r.Text, r.Level, r.Check.Score, verdict)
	if len(r.Missing) > 0 {
		s += "; lost facts: " + strings.Join(r.Missing, "; ")
	}
	for _, rv := range r.Review {
		if !rv.Pass {
			s += "; " + rv.Name + ": " + rv.Detail
		}
	}
	s += ".)"
	if r.Limit != "" {
		s += "\nLimit not met: " + r.Limit + "."
	}
	if len(slotNotes(r)) > 0 {
		s += "\nFill in the [bracketed] slots before sending: the draft gave no reason or no alternative."
	}
	return s
}

// leanSchema makes an output schema fit both forms of a result and cost
// little: descriptions go (the tool description and the field names say
// it), and every object is open, so the verbose form's extra fields
// validate.
func leanSchema(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	s.Description = ""
	s.AdditionalProperties = nil
	if s.Properties != nil {
		for p := s.Properties.Oldest(); p != nil; p = p.Next() {
			leanSchema(p.Value)
		}
	}
	leanSchema(s.Items)
	for _, sub := range s.AnyOf {
		leanSchema(sub)
	}
	for _, sub := range s.OneOf {
		leanSchema(sub)
	}
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// rewriteVerdict says in words whether a rewrite can go out: it passes the
// check, it does not yet, or it holds slots the user must fill first.
func rewriteVerdict(r rewrite.Result) string {
	switch slots := r.Check.Placeholders(); {
	case !r.Pass:
		return "does not pass the check yet"
	case len(slots) > 0:
		return "not ready to send: fill in " + strings.Join(slots, ", ") + " first"
	}
	return "passes the check"
}
