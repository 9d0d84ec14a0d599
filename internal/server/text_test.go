package server

import (
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/guide"
)

// TestResultTextGolden keeps the text fallback of every tool, which is what
// a host without structuredContent support shows its model, under review.
func TestResultTextGolden(t *testing.T) {
	g := guide.Default()
	bad := firstExample(t, g, "bad")
	cases := []struct {
		name, tool string
		args       map[string]any
	}{
		{"check_draft", ToolCheckDraft, map[string]any{"draft": bad.Text, "audience": string(bad.Audience), "stakes": string(bad.Stakes)}},
		{"decide", ToolDecide, map[string]any{"material": true, "evidence": true, "hill": true, "alternative": true, "right": true, "at_stake": []any{"capacity"}, "audience": "leadership", "stakes": "high"}},
		{"recommend_level", ToolRecommendLevel, map[string]any{"stakes": "critical", "gentle_failed": true}},
		{"render_formula", ToolRenderFormula, map[string]any{"goal": "launching on the 1st", "concern": "QA needs a week for the payment flow", "impact": "we would ship untested payments to 40,000 users", "alternative": "launch on the 1st without the new checkout and add it on the 8th", "level": "strong"}},
		{"rewrite_draft", ToolRewriteDraft, map[string]any{"draft": bad.Text, "audience": string(bad.Audience), "stakes": string(bad.Stakes)}},
	}
	if len(g.Scenarios) > 0 {
		s := g.Scenarios[0]
		values := map[string]any{}
		for _, f := range s.Fields {
			values[f.Name] = f.Example
			if f.Example == "" {
				values[f.Name] = "the " + f.Name
			}
		}
		cases = append(cases, struct {
			name, tool string
			args       map[string]any
		}{"render_scenario", ToolRenderScenario, map[string]any{"scenario": s.ID, "values": values}})
	}
	c := newClient(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := mcp.CallToolRequest{}
			req.Params.Name = tc.tool
			req.Params.Arguments = tc.args
			res, err := c.CallTool(testCtx(t), req)
			if err != nil {
				t.Fatal(err)
			}
			if res.IsError {
				t.Fatalf("tool error: %s", resultText(res))
			}
			golden(t, "text/"+tc.name+".txt", []byte(resultText(res)+"\n"))
		})
	}
}
