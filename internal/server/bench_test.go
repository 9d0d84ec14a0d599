package server

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/check"
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

// BenchmarkServing splits a check_draft call into the check itself and the
// cost of serving it, against the floor this stack allows: a bare mcp-go
// server with one echo tool, handed the same JSON-RPC message size. The
// serving overhead is pushback_check_draft - check_alone - mcpgo_echo
// (what pushback's argument decoding, limits, result shaping and logging
// add over mcp-go's own work). cpu-ns/op is process CPU per call, steadier
// than ns/op on a shared machine.
//
//	go test -run '^$' -bench BenchmarkServing -benchmem -count 5 ./internal/server
func BenchmarkServing(b *testing.B) {
	g := guide.Default()
	text := g.LongestExample().Text
	ctx := context.Background()
	message := func(tool string, args map[string]any) []byte {
		params, err := json.Marshal(map[string]any{"name": tool, "arguments": args})
		if err != nil {
			b.Fatal(err)
		}
		return []byte(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":` + string(params) + `}`)
	}
	run := func(b *testing.B, call func()) {
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			call()
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	}
	b.Run("pushback_check_draft", func(b *testing.B) {
		s, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		msg := message(ToolCheckDraft, map[string]any{"draft": text, "audience": "leadership"})
		run(b, func() {
			if _, err := json.Marshal(s.HandleMessage(ctx, msg)); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("check_alone", func(b *testing.B) {
		chk := check.Default()
		run(b, func() {
			if _, err := chk.Check(check.Input{Draft: text, Audience: guide.AudienceLeadership}); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("mcpgo_echo", func(b *testing.B) {
		s := mcpserver.NewMCPServer("echo", "1", mcpserver.WithToolCapabilities(false))
		s.AddTool(mcp.NewTool("echo", mcp.WithString("message", mcp.Required())), func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			msg, err := req.RequireString("message")
			if err != nil {
				return mcp.NewToolResultError(err.Error()), nil
			}
			return mcp.NewToolResultText("Echo: " + msg), nil
		})
		msg := message("echo", map[string]any{"message": text})
		run(b, func() {
			if _, err := json.Marshal(s.HandleMessage(ctx, msg)); err != nil {
				b.Fatal(err)
			}
		})
	})
}
