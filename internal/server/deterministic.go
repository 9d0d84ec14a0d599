package server

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/guide"
)

// Tool names, stable: clients and --tools refer to them.
const (
	ToolDecide         = "decide"
	ToolCheckDraft     = "check_draft"
	ToolRenderFormula  = "render_formula"
	ToolRenderScenario = "render_scenario"
	ToolRecommendLevel = "recommend_level"
	ToolRewriteDraft   = "rewrite_draft"
)

type checkArgs struct {
	check.Input
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Add formula parts, signals, reasons (costs context)."`
}

type decideArgs struct {
	decide.Input
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Add each question's answer and the reasons."`
}

type formulaArgs struct {
	formula.Fields
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Add each part's place in the text."`
}

type scenarioArgs struct {
	Scenario string            `json:"scenario" jsonschema_description:"The scenario (see the description)."`
	Values   map[string]string `json:"values,omitempty" jsonschema_description:"The scenario's fields by name."`
	Level    guide.Level       `json:"level,omitempty"`
	Audience guide.Audience    `json:"audience,omitempty"`
	Verbose  bool              `json:"verbose,omitempty" jsonschema_description:"Add each part's place in the text."`
}

// Argument descriptions the MCP tools give in fewer words than the Go
// types they bind to (which the CLI's JSON schemas document in full):
// every token of a tool definition is paid for in every conversation.
var (
	checkShort = map[string]string{
		"draft":     "The message to check.",
		"situation": "What they asked, plus what the draft may leave unsaid: a product gap, a known risk, a decision made.",
		"level":     "The level meant; else from stakes and audience.",
	}
	rewriteShort = map[string]string{
		"draft":     "What the user means, however blunt.",
		"situation": "What they said or asked.",
		"level":     "auto (default) picks it from the stakes.",
		"max_chars": "Length limit (0: the channel's).",
		"facts":     "Facts to keep word for word (numbers, dates, names are kept anyway).",
		"channel":   "chat keeps it short.",
	}
)

// shorten returns an input-schema edit that applies descriptions.
func shorten(descriptions map[string]string) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) {
		for name, d := range descriptions {
			if p := property(s, name); p != nil {
				p.Description = d
			}
		}
	}
}

func deterministicTools(log *slog.Logger, g *guide.Guide, chk checker) ([]tool, error) {
	var tools []tool
	add := func(t tool, err error) error {
		if err != nil {
			return err
		}
		tools = append(tools, t)
		return nil
	}
	if err := add(build(log, spec[decideArgs]{
		name:  ToolDecide,
		title: "Should I push back?",
		description: "Should the user push back at all, and how hard? The Pushback Decision Framework on yes/no answers (leave out the unknown) and what is at stake: what to do, the level to start at and why. " +
			"Call it first.",
		closedWorld: true, idempotent: true,
		out: decideLean{},
		run: func(_ context.Context, _ mcp.CallToolRequest, in *decideArgs) (any, string, error) {
			res, err := decide.Decide(g, in.Input)
			if err != nil {
				return nil, "", err
			}
			if in.Verbose {
				return res, decideText(res), nil
			}
			return leanDecide(res), decideLine(res), nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[checkArgs]{
		name:  ToolCheckDraft,
		title: "Check a pushback draft",
		description: "A second opinion on a pushback message: pass/fail, a 0-100 score, anti-patterns with spans, missing formula parts, top fixes. " +
			"Give audience, stakes, situation and matter when known. Stop once it passes; do not chase the score.",
		closedWorld: true, idempotent: true,
		out:    checkLean{},
		editIn: shorten(checkShort),
		run: func(_ context.Context, _ mcp.CallToolRequest, in *checkArgs) (any, string, error) {
			in.Input.Explain = in.Verbose // the verbose report shows what weighed most in the verdict
			rep, err := chk.Check(in.Input)
			if err != nil {
				return nil, "", err
			}
			if in.Verbose {
				return rep, checkText(rep), nil
			}
			return leanCheck(rep), checkLine(rep), nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[formulaArgs]{
		name:  ToolRenderFormula,
		title: "Write a pushback from the formula",
		description: "A template draft from the five-step formula at a level, ending as the audience and the matter need. " +
			"Fields are fitted to their slots. Better: write it yourself in the user's voice.",
		closedWorld: true, idempotent: true,
		out: renderLean{},
		run: func(_ context.Context, _ mcp.CallToolRequest, in *formulaArgs) (any, string, error) {
			res, err := formula.Render(g, in.Fields)
			if err != nil {
				return nil, "", err
			}
			if in.Verbose {
				return res, res.Text, nil
			}
			return leanRender(res), res.Text, nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[scenarioArgs]{
		name:        ToolRenderScenario,
		title:       "Write a pushback for a known scenario",
		description: scenarioDescription(g),
		closedWorld: true, idempotent: true,
		out:    renderLean{},
		editIn: func(s *jsonschema.Schema) { scenarioEnum(s, g) },
		run: func(_ context.Context, _ mcp.CallToolRequest, in *scenarioArgs) (any, string, error) {
			if _, ok := g.Scenario(in.Scenario); !ok {
				return nil, "", argErrorf("unknown scenario %q; use one of: %s", in.Scenario, strings.Join(scenarioIDs(g), ", "))
			}
			res, err := formula.RenderScenario(g, formula.ScenarioInput{ID: in.Scenario, Values: in.Values, Level: in.Level, Audience: in.Audience})
			if err != nil {
				return nil, "", err
			}
			if in.Verbose {
				return res, res.Text, nil
			}
			return leanRender(res), res.Text, nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[decide.LevelInput]{
		name:        ToolRecommendLevel,
		title:       "Recommend how direct to be",
		description: "How direct to be, with why, when that is the only question (decide gives it too), or after an ignored pushback.",
		closedWorld: true, idempotent: true,
		out: decide.LevelResult{},
		run: func(_ context.Context, _ mcp.CallToolRequest, in *decide.LevelInput) (any, string, error) {
			if in.Stakes == "" {
				return nil, "", argErrorf("stakes is required: use one of %s", joinValues(guide.AllStakes))
			}
			res, err := decide.RecommendLevel(g, *in)
			if err != nil {
				return nil, "", err
			}
			return res, levelLine(res), nil
		},
	})); err != nil {
		return nil, err
	}
	return tools, nil
}

func scenarioIDs(g *guide.Guide) []string {
	ids := make([]string, len(g.Scenarios))
	for i, s := range g.Scenarios {
		ids[i] = s.ID
	}
	return ids
}

// scenarioEnum lists the guide's scenarios as the scenario argument's enum,
// and bounds values: no more fields than the largest scenario has, none
// longer than a formula field may be.
func scenarioEnum(s *jsonschema.Schema, g *guide.Guide) {
	if p := property(s, "scenario"); p != nil {
		for _, id := range scenarioIDs(g) {
			p.Enum = append(p.Enum, id)
		}
	}
	if v := property(s, "values"); v != nil {
		fields := uint64(0)
		for _, sc := range g.Scenarios {
			fields = max(fields, uint64(len(sc.Fields)))
		}
		v.MaxProperties = &fields
		if ap := v.AdditionalProperties; ap != nil && ap != jsonschema.TrueSchema && ap != jsonschema.FalseSchema {
			n := uint64(formula.MaxFieldChars)
			ap.MaxLength = &n
		}
	}
}

// scenarioDescription is the render_scenario description, with the
// scenarios and their fields read from the guide.
func scenarioDescription(g *guide.Guide) string {
	var b strings.Builder
	b.WriteString("A template draft for a documented scenario, values fitted to their slots, at a level, for an audience.\nScenarios (id: fields, * required, + required at strong and escalated):")
	if len(g.Scenarios) == 0 {
		b.WriteString("\n(none defined)")
	}
	for _, s := range g.Scenarios {
		fmt.Fprintf(&b, "\n- %s:", s.ID)
		for i, f := range s.Fields {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(" " + f.Name)
			switch {
			case f.Required:
				b.WriteString("*")
			case f.RequiredFrom == guide.LevelStrong:
				b.WriteString("+")
			case f.RequiredFrom != "":
				b.WriteString("+" + string(f.RequiredFrom))
			}
		}
	}
	return b.String()
}

func joinValues[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

func decideText(r decide.Result) string {
	var b strings.Builder
	b.WriteString(r.Headline)
	if r.StartLevel != "" {
		fmt.Fprintf(&b, " Start at %s.", r.StartLevel)
	}
	for _, s := range r.NextSteps {
		b.WriteString("\n- " + s)
	}
	if r.AudienceAdvice != "" {
		b.WriteString("\nDelivering it: " + r.AudienceAdvice)
	}
	return b.String()
}

func checkText(r check.Report) string {
	var b strings.Builder
	verdict := "does not pass"
	if r.Pass {
		verdict = "passes"
	}
	reads := string(r.Level)
	if reads == "" {
		reads = r.ReadsAs
	}
	fmt.Fprintf(&b, "Score %d/100, %s; reads as %s", r.Score, verdict, reads)
	if r.Miscalibrated() && r.IntendedLevel != "" && r.IntendedLevel != r.Level {
		fmt.Fprintf(&b, " (wanted %s)", r.IntendedLevel)
	}
	b.WriteString(".")
	if r.Summary != "" {
		b.WriteString(" " + r.Summary)
	}
	if len(r.Findings) > 0 {
		b.WriteString("\nFindings:")
	}
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "\n- %s %s: %s", f.Severity, f.Rule, f.Message)
		if f.End > f.Start {
			fmt.Fprintf(&b, " (characters %d-%d)", f.Start, f.End)
		}
	}
	if len(r.TopFixes) > 0 {
		b.WriteString("\nTop fixes:")
	}
	for i, f := range r.TopFixes {
		fmt.Fprintf(&b, "\n%d. %s", i+1, f)
	}
	return b.String()
}
