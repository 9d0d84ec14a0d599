package server

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/guide"
)

// BenchmarkCallTool measures one registered tool handler: argument
// decoding, the tool itself, the compact/verbose shaping and logging (no
// JSON-RPC transport).
func BenchmarkCallTool(b *testing.B) {
	g := guide.Default()
	bad := firstExample(b, g, "bad")
	cases := []struct {
		name string
		tool string
		args map[string]any
	}{
		{"check_draft", ToolCheckDraft, map[string]any{"draft": g.Examples[0].Text, "audience": "client", "stakes": "medium"}},
		{"check_draft_verbose", ToolCheckDraft, map[string]any{"draft": g.Examples[0].Text, "audience": "client", "stakes": "medium", "verbose": true}},
		{"decide", ToolDecide, map[string]any{"material": true, "evidence": true, "alternative": true, "right": true, "stakes": "high"}},
		{"rewrite_draft_rules", ToolRewriteDraft, map[string]any{"draft": bad.Text, "audience": string(bad.Audience), "stakes": string(bad.Stakes)}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			s, err := New(Options{})
			if err != nil {
				b.Fatal(err)
			}
			st := s.GetTool(tc.tool)
			req := mcp.CallToolRequest{}
			req.Params.Name = tc.tool
			req.Params.Arguments = tc.args
			b.ReportAllocs()
			for b.Loop() {
				res, err := st.Handler(context.Background(), req)
				if err != nil || res.IsError {
					b.Fatalf("%v %v", err, res)
				}
			}
		})
	}
}

// BenchmarkHandleMessage measures a whole tools/call as the transports see
// it: JSON-RPC decoding, input checks, the handler, mcp-go's validation of
// the structured result against the output schema, and the response.
func BenchmarkHandleMessage(b *testing.B) {
	g := guide.Default()
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	params, err := json.Marshal(map[string]any{"name": ToolCheckDraft, "arguments": map[string]any{"draft": g.LongestExample().Text, "audience": "leadership"}})
	if err != nil {
		b.Fatal(err)
	}
	msg := []byte(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":` + string(params) + `}`)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		out, err := json.Marshal(s.HandleMessage(ctx, msg))
		if err != nil || bytes.Contains(out, []byte(`"isError":true`)) || bytes.Contains(out, []byte(`"error":`)) {
			b.Fatalf("%v %s", err, out)
		}
	}
}
