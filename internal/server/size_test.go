package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// What a session pays in context for pushback, as the README states it:
// tools/list whole (with output schemas), the tools' descriptions and input
// schemas, and a failing compact check_draft result (the whole JSON-RPC
// response). The budgets leave room for the arguments' length limits.
const (
	budgetToolsList   = 16 << 10
	budgetDescInputs  = 8 << 10
	budgetFailedCheck = 2 << 10
)

// wire builds the server and answers requests with the bytes a transport
// sends back.
func wire(t *testing.T) func(method string, params any) []byte {
	t.Helper()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	id := 0
	call := func(method string, params any) []byte {
		id++
		req, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
		if err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(s.HandleMessage(testCtx(t), req))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	call("initialize", map[string]any{"protocolVersion": "2025-06-18", "capabilities": map[string]any{}, "clientInfo": map[string]any{"name": "size-test", "version": "1"}})
	return call
}

// TestContextBudget guards the figures the README states.
func TestContextBudget(t *testing.T) {
	call := wire(t)
	list := call("tools/list", map[string]any{})
	var res struct {
		Result struct {
			Tools []struct {
				Description string          `json:"description"`
				InputSchema json.RawMessage `json:"inputSchema"`
			} `json:"tools"`
		} `json:"result"`
	}
	if err := json.Unmarshal(list, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Result.Tools) != len(ToolNames()) {
		t.Fatalf("tools/list has %d tools, want %d", len(res.Result.Tools), len(ToolNames()))
	}
	descInputs := 0
	for _, tl := range res.Result.Tools {
		descInputs += len(tl.Description) + len(tl.InputSchema)
	}
	t.Logf("tools/list response: %d bytes; descriptions and input schemas: %d bytes", len(list), descInputs)
	if len(list) > budgetToolsList {
		t.Errorf("tools/list is %d bytes, over the %d budget", len(list), budgetToolsList)
	}
	if descInputs > budgetDescInputs {
		t.Errorf("descriptions and input schemas are %d bytes, over the %d budget", descInputs, budgetDescInputs)
	}

	g := guide.Default()
	drafts := []map[string]any{{"draft": "No, that won't work. We need to do it the way I said.", "audience": "client"}}
	for _, e := range g.Examples {
		if e.Kind == "bad" {
			drafts = append(drafts, map[string]any{"draft": e.Text, "audience": string(e.Audience), "stakes": string(e.Stakes), "situation": e.Situation})
		}
	}
	largest := 0
	for _, args := range drafts {
		out := call("tools/call", map[string]any{"name": ToolCheckDraft, "arguments": args})
		if !strings.Contains(string(out), `"pass":false`) {
			t.Errorf("%q passes; the budget is for failing drafts", args["draft"])
			continue
		}
		largest = max(largest, len(out))
		if len(out) > budgetFailedCheck {
			t.Errorf("failing compact check_draft of %q is %d bytes, over the %d budget:\n%s", args["draft"], len(out), budgetFailedCheck, out)
		}
	}
	t.Logf("largest failing compact check_draft response over %d drafts: %d bytes", len(drafts), largest)
}

// TestCompactTextDoesNotRepeat: the text beside a compact result is a line
// or two, and does not restate the structured content (no top fix, no
// finding message in it).
func TestCompactTextDoesNotRepeat(t *testing.T) {
	call := wire(t)
	g := guide.Default()
	for _, e := range g.Examples {
		out := call("tools/call", map[string]any{"name": ToolCheckDraft, "arguments": map[string]any{"draft": e.Text, "audience": string(e.Audience), "stakes": string(e.Stakes)}})
		var res struct {
			Result struct {
				Content []struct {
					Text string `json:"text"`
				} `json:"content"`
				Structured struct {
					TopFixes []string `json:"top_fixes"`
					Findings []struct {
						Message string `json:"message"`
					} `json:"findings"`
				} `json:"structuredContent"`
			} `json:"result"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		text := res.Result.Content[0].Text
		if n := strings.Count(text, "\n"); n > 1 || len(text) > 300 {
			t.Errorf("%s: text is %d lines, %d bytes: %q", e.ID, n+1, len(text), text)
		}
		for _, s := range res.Result.Structured.TopFixes {
			if strings.Contains(text, s) {
				t.Errorf("%s: text repeats a top fix: %q", e.ID, text)
			}
		}
		for _, f := range res.Result.Structured.Findings {
			if strings.Contains(text, f.Message) {
				t.Errorf("%s: text repeats a finding: %q", e.ID, text)
			}
		}
	}
	if len(g.Examples) == 0 {
		t.Fatal("no examples")
	}
}
