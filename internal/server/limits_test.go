package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pushback/pushback/internal/abuse"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// Every string, array and map a tool takes is bounded in its input schema:
// a maxLength, a maxItems, a maxProperties. A field added without one
// fails here.
func TestInputSchemasAreBounded(t *testing.T) {
	c := newClient(t, Options{})
	for _, tl := range listTools(t, c) {
		raw, err := json.Marshal(tl.InputSchema)
		if tl.RawInputSchema != nil {
			raw, err = tl.RawInputSchema, nil
		}
		if err != nil {
			t.Fatal(err)
		}
		var s map[string]any
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		props, _ := s["properties"].(map[string]any)
		for name, p := range props {
			unbounded(t, tl.Name+"."+name, p.(map[string]any))
		}
	}
}

func unbounded(t *testing.T, path string, p map[string]any) {
	t.Helper()
	switch p["type"] {
	case "string":
		if _, ok := p["maxLength"]; !ok {
			t.Errorf("%s: a string without maxLength", path)
		}
	case "array":
		if _, ok := p["maxItems"]; !ok {
			t.Errorf("%s: an array without maxItems", path)
		}
		if items, ok := p["items"].(map[string]any); ok {
			unbounded(t, path+"[]", items)
		}
	case "object":
		ap, ok := p["additionalProperties"].(map[string]any)
		if !ok {
			break
		}
		if _, ok := p["maxProperties"]; !ok {
			t.Errorf("%s: a map without maxProperties", path)
		}
		unbounded(t, path+".*", ap)
	}
}

// refusingEngine fails the test if a rewrite reaches it: arguments past a
// limit must be refused before any work.
type refusingEngine struct{ t *testing.T }

func (refusingEngine) Name() string { return rewrite.EngineOpenAI }

func (e refusingEngine) Generate(context.Context, rewrite.Request, guide.Level, *rewrite.Feedback) (rewrite.Generation, error) {
	e.t.Error("the engine was called for arguments past a limit")
	return rewrite.Generation{}, fmt.Errorf("refused")
}

// Every argument one past its limit is refused before work starts with a
// tool error that names the argument and the limit, quickly, however large
// the rest of the call is; at the limit the call works.
func TestLimitsRefusedBeforeWork(t *testing.T) {
	c := newClient(t, Options{RewriteEngine: refusingEngine{t}})
	long := func(n int) string { return strings.Repeat("é", n) }
	facts := func(n, size int) []any {
		var out []any
		for _, f := range abuse.Facts(n, size) {
			out = append(out, f)
		}
		return out
	}
	values := map[string]any{}
	for i := range 8 {
		values[fmt.Sprintf("f%d", i)] = "x"
	}
	fields := map[string]any{"goal": "a launch on the 1st", "concern": "QA needs two weeks", "impact": "we ship untested code", "alternative": "a phased launch"}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{}
		for kk, vv := range m {
			out[kk] = vv
		}
		out[k] = v
		return out
	}
	cases := []toolCase{
		{name: "check draft", tool: ToolCheckDraft, args: map[string]any{"draft": long(draft.MaxChars + 1)}, wantErr: `argument "draft" has 20001 characters; the limit is 20000`},
		{name: "check situation", tool: ToolCheckDraft, args: map[string]any{"draft": "No.", "situation": long(draft.MaxChars + 1)}, wantErr: `argument "situation" has 20001 characters; the limit is 20000`},
		{name: "check audience", tool: ToolCheckDraft, args: map[string]any{"draft": "No.", "audience": long(1 << 20)}, wantErr: `argument "audience" has 1048576 characters; the limit is 32`},
		{name: "decide at_stake items", tool: ToolDecide, args: map[string]any{"at_stake": facts(17, 5)}, wantErr: `argument "at_stake" has 17 items; the limit is 16`},
		{name: "decide at_stake item", tool: ToolDecide, args: map[string]any{"at_stake": []any{"quality", long(33)}}, wantErr: `argument "at_stake[1]" has 33 characters; the limit is 32`},
		{name: "formula field", tool: ToolRenderFormula, args: with(fields, "concern", long(200_000)), wantErr: `argument "concern" has 200000 characters; the limit is 2000`},
		{name: "formula field at the limit", tool: ToolRenderFormula, args: with(fields, "concern", strings.Repeat("a", 2000))},
		{name: "scenario values", tool: ToolRenderScenario, args: map[string]any{"scenario": "overcommitted_team", "values": values}, wantErr: `argument "values" has 8 fields; the limit is 7`},
		{name: "scenario value", tool: ToolRenderScenario, args: map[string]any{"scenario": "overcommitted_team", "values": map[string]any{"goal": long(2001)}}, wantErr: `argument "values.goal" has 2001 characters; the limit is 2000`},
		{name: "scenario id", tool: ToolRenderScenario, args: map[string]any{"scenario": long(33)}, wantErr: `argument "scenario" has 33 characters; the limit is 32`},
		{name: "rewrite facts", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "facts": facts(rewrite.MaxFacts+1, 10)}, wantErr: `argument "facts" has 51 items; the limit is 50`},
		{name: "rewrite 20,000 facts", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "facts": facts(20000, 5)}, wantErr: `argument "facts" has 20000 items; the limit is 50`},
		{name: "rewrite fact", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "facts": []any{"ok", long(rewrite.MaxFactChars + 1)}}, wantErr: `argument "facts[1]" has 201 characters; the limit is 200`},
		{name: "rewrite channel", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "channel": long(100)}, wantErr: `argument "channel" has 100 characters; the limit is 32`},
		{name: "level", tool: ToolRecommendLevel, args: map[string]any{"stakes": long(40)}, wantErr: `argument "stakes" has 40 characters; the limit is 32`},
	}
	start := time.Now()
	runToolCases(t, c, cases)
	t.Logf("%d calls in %v", len(cases), time.Since(start))
}

// Every enum value a tool takes is read the same way (guide.NormaliseID):
// case, surrounding spaces and a hyphen or space for an underscore do not
// matter, in any field of any tool; an unknown value is an error naming the
// field and the values.
func TestEnumsReadAlikeEverywhere(t *testing.T) {
	c := newClient(t, Options{})
	cases := []toolCase{
		{name: "check audience, stakes, level", tool: ToolCheckDraft, args: map[string]any{"draft": "No.", "audience": " Client ", "stakes": "HIGH", "level": "Strong"}},
		{name: "decide at_stake, stakes, audience", tool: ToolDecide, args: map[string]any{"at_stake": []any{"Deal-Outcome", " QUALITY"}, "stakes": "Medium", "audience": "Leadership"}},
		{name: "formula level, audience", tool: ToolRenderFormula, args: map[string]any{"goal": "a launch", "concern": "QA needs time", "impact": "bugs ship", "alternative": "a phased launch", "level": "MILD", "audience": "Peer"}},
		{name: "scenario id and level", tool: ToolRenderScenario, args: map[string]any{"scenario": "Overcommitted-Team", "level": " Strong", "values": map[string]any{"team_size": "6", "items": "48", "capacity": "5-6", "role": "SE", "item": "deal"}}, check: func(t *testing.T, sc map[string]any) {
			if sc["scenario"] != "overcommitted_team" || sc["level"] != "strong" {
				t.Errorf("scenario %v level %v: want the guide's spelling", sc["scenario"], sc["level"])
			}
		}},
		{name: "recommend stakes, audience", tool: ToolRecommendLevel, args: map[string]any{"stakes": "CRITICAL", "audience": "Report"}},
		{name: "rewrite level, channel, audience", tool: ToolRewriteDraft, args: map[string]any{"draft": "No, that won't work.", "level": "AUTO", "channel": "Chat", "audience": "CLIENT", "stakes": "Low"}},
		{name: "unknown audience", tool: ToolCheckDraft, args: map[string]any{"draft": "No.", "audience": "boss"}, wantErr: `unknown value for audience: "boss" (use one of client, leadership, peer, report)`},
		{name: "unknown scenario", tool: ToolRenderScenario, args: map[string]any{"scenario": "alien"}, wantErr: `unknown scenario "alien"`},
		{name: "unknown channel", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "channel": "fax"}, wantErr: `unknown value for channel: "fax"`},
	}
	runToolCases(t, c, cases)
}
