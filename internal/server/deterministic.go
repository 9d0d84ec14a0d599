package server

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
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
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Return the full report (formula components with character spans, supporting signals, and the documents' reason for every finding) instead of the compact one. Leave false unless you need the detail: it costs context."`
}

type decideArgs struct {
	decide.Input
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Return every framework question with its answer and outcome, and the reasons, besides the recommendation. Leave false unless you need the detail: it costs context."`
}

type scenarioArgs struct {
	Scenario string            `json:"scenario" jsonschema_description:"Id of the scenario to fill (see the tool description for the list and each one's fields)."`
	Values   map[string]string `json:"values,omitempty" jsonschema_description:"The scenario's fields by name, e.g. {\"goal\": \"launch on the 1st\"}. Required fields missing here are reported back by name."`
	Level    guide.Level       `json:"level,omitempty"`
}

// Fields a compact result leaves out.
var (
	checkVerboseOnly  = []string{"components", "signals"}
	decideVerboseOnly = []string{"rows", "reasons"}
)

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
		description: "Runs the Pushback Decision Framework: given yes/no answers to its five questions (material impact, evidence, hill worth dying on, alternative ready, right vs. uncomfortable) and what is at stake, it says whether to push back now, let it go, wait for evidence, build an alternative first, reflect first or escalate, and the level to start at. " +
			"Use it first, before drafting, when the user is unsure whether a request from a client, leader or colleague is worth challenging. Leave unknown answers out. " +
			"Do not use it to judge a written message (use check_draft) or to write one (use render_formula or rewrite_draft).",
		closedWorld: true, idempotent: true,
		out:     decide.Result{},
		editOut: func(s *jsonschema.Schema) { optional(s, decideVerboseOnly...) },
		run: func(_ context.Context, _ mcp.CallToolRequest, in *decideArgs) (any, string, error) {
			res, err := decide.Decide(g, in.Input)
			if err != nil {
				return nil, "", err
			}
			if in.Verbose {
				return res, decideText(res), nil
			}
			return decideCompact{Result: res}, decideText(res), nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[checkArgs]{
		name:  ToolCheckDraft,
		title: "Check a pushback draft",
		description: "Checks a draft message that pushes back on a request: finds the five formula parts (acknowledge, context, impact, alternative, invite input), the level it reads at, and the anti-patterns (" + antiPatternNames(g) + "), each with character offsets and a fix. Returns a 0-100 score, pass/fail and the top fixes. " +
			"Use it on every draft before the user sends it, and again after each revision. Give the audience and stakes (or the intended level) when known: calibration depends on them, and at low stakes a plain yes passes as letting it go. " +
			"Deterministic and offline. It judges; it does not rewrite (use rewrite_draft or render_formula for a new text).",
		closedWorld: true, idempotent: true,
		out:     check.Report{},
		editOut: func(s *jsonschema.Schema) { optional(s, checkVerboseOnly...) },
		run: func(_ context.Context, _ mcp.CallToolRequest, in *checkArgs) (any, string, error) {
			rep, err := chk.Check(in.Input)
			if err != nil {
				return nil, "", err
			}
			if in.Verbose {
				return rep, checkText(rep), nil
			}
			return compactReport(rep), checkText(rep), nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[formula.Fields]{
		name:  ToolRenderFormula,
		title: "Write a pushback from the formula",
		description: "Writes a pushback message from the five-step formula (acknowledge their goal, give the context of your concern, state the impact, propose an alternative, invite their input) at a chosen level, and returns the text with where each part sits. " +
			"Use it when the user knows what they want to say (their goal, the concern, the impact, the alternative) and needs a well-built first draft. " +
			"Deterministic template filling, no language model: the wording is only as good as the fields. For a documented situation use render_scenario; to polish the user's own words use rewrite_draft.",
		closedWorld: true, idempotent: true,
		out: formula.Result{},
		run: func(_ context.Context, _ mcp.CallToolRequest, in *formula.Fields) (any, string, error) {
			res, err := formula.Render(g, *in)
			if err != nil {
				return nil, "", err
			}
			if res.AudienceAdvice != "" {
				return res, res.Text + "\n\nDelivering it: " + res.AudienceAdvice, nil
			}
			return res, res.Text, nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[scenarioArgs]{
		name:        ToolRenderScenario,
		title:       "Write a pushback for a known scenario",
		description: scenarioDescription(g),
		closedWorld: true, idempotent: true,
		out:    formula.Result{},
		editIn: func(s *jsonschema.Schema) { scenarioEnum(s, g) },
		run: func(_ context.Context, _ mcp.CallToolRequest, in *scenarioArgs) (any, string, error) {
			if _, ok := g.Scenario(in.Scenario); !ok {
				return nil, "", argErrorf("unknown scenario %q; use one of: %s", in.Scenario, strings.Join(scenarioIDs(g), ", "))
			}
			res, err := formula.RenderScenario(g, in.Scenario, in.Values, in.Level)
			if err != nil {
				return nil, "", err
			}
			return res, res.Text, nil
		},
	})); err != nil {
		return nil, err
	}
	if err := add(build(log, spec[decide.LevelInput]{
		name:  ToolRecommendLevel,
		title: "Recommend how direct to be",
		description: "Recommends the calibration level (mild, moderate, strong or escalated) for a pushback from the stakes, the audience and whether gentler pushback already failed, with the levels that also fit, the reason and the documents' phrases for that level. " +
			"Use it when the user knows they will push back and asks how hard, or before render_formula / rewrite_draft to pick the level. " +
			"It does not decide whether to push back at all (use decide).",
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
			return res, levelText(res), nil
		},
	})); err != nil {
		return nil, err
	}
	return tools, nil
}

// The compact forms: each shadows the verbose-only fields of the result it
// embeds (checkVerboseOnly, decideVerboseOnly, rewriteVerboseOnly) with nil
// ones that encoding leaves out, so a result is encoded once, without them.
type (
	checkCompact struct {
		check.Report
		Components []check.Component `json:"components,omitzero"`
		Signals    []check.Signal    `json:"signals,omitzero"`
	}
	decideCompact struct {
		decide.Result
		Rows    []decide.Row `json:"rows,omitzero"`
		Reasons []string     `json:"reasons,omitzero"`
	}
)

// compactReport is r's compact form: no components or signals, and no
// finding's why.
func compactReport(r check.Report) checkCompact {
	r.Findings = slices.Clone(r.Findings)
	for i := range r.Findings {
		r.Findings[i].Why = ""
	}
	return checkCompact{Report: r}
}

// antiPatternNames lists the guide's anti-patterns for a description.
func antiPatternNames(g *guide.Guide) string {
	names := make([]string, len(g.AntiPatterns))
	for i, a := range g.AntiPatterns {
		names[i] = strings.ToLower(a.Name)
	}
	return strings.Join(names, "; ")
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
	b.WriteString("Writes a pushback for one of the documents' named scenarios (listed below) from its template, filled with the user's details in values, at a chosen level. " +
		"Use it when the user's situation matches a scenario below; otherwise use render_formula. Deterministic, no language model.\n\nScenarios (id: fields, * = required):")
	if len(g.Scenarios) == 0 {
		b.WriteString("\n(none defined)")
	}
	for _, s := range g.Scenarios {
		fmt.Fprintf(&b, "\n- %s (%s):", s.ID, s.Name)
		for i, f := range s.Fields {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(" " + f.Name)
			if f.Required {
				b.WriteString("*")
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
	fmt.Fprintf(&b, "Score %d/100, %s; reads as %s", r.Score, verdict, r.Level)
	if r.IntendedLevel != "" && r.IntendedLevel != r.Level {
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

func levelText(r decide.LevelResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Recommended level: %s (also fits: %s). %s", r.Level, joinValues(r.Allowed), r.Why)
	for _, p := range r.Phrases {
		b.WriteString("\n- " + p)
	}
	if r.AudienceAdvice != "" {
		b.WriteString("\nDelivering it: " + r.AudienceAdvice)
	}
	return b.String()
}
