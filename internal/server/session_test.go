package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/pushback/pushback/internal/golden"
)

// The README's worked session: real calls answered by this server, written
// into the README between these markers by go test -update, so the
// session shown is the one the server gives.
const (
	sessionBegin = "<!-- session:begin -->"
	sessionEnd   = "<!-- session:end -->"
)

const sessionSituation = "Dana (a prospect) asked whether we support on-prem deployment. The product is cloud-only; there is no on-prem option yet."

var session = []struct {
	why, tool string
	args      map[string]any
}{
	{"The user, a sales engineer, answered the framework questions the situation left open: it affects the deal and their integrity, they have evidence and an alternative, and they are right rather than uncomfortable. One call gives the recommendation and the level.",
		ToolDecide, map[string]any{"material": true, "evidence": true, "alternative": true, "right": true, "at_stake": []any{"deal_outcome", "integrity"}, "audience": "client", "stakes": "high"}},
	{"The user's own first draft, checked as a second opinion, with the gap the reply must not step around named in the situation.",
		ToolCheckDraft, map[string]any{"draft": "Hi Dana, good question on on-prem. We can definitely work something out for on-prem, let's get the contract signed first and figure out the details after.", "audience": "client", "stakes": "high", "situation": sessionSituation}},
	{"The message the assistant wrote in the user's voice from what the user told it (the single-tenant option, the two banks). It passes: the assistant stops here rather than paste in the stock line an optional suggestion offers.",
		ToolCheckDraft, map[string]any{"draft": "Hi Dana, thanks for asking about on-prem directly. I want to be upfront, because it matters for your decision: we don't support on-prem deployment today. What we do offer is a single-tenant instance in your region with customer-managed keys, which is how two other banks met their data-residency rules. If on-prem is a hard requirement from day one, you'd hit that gap mid-rollout, and I'd rather you hear it from me now. Could we set up a call with your security team next week to check whether the single-tenant setup covers what they need?", "audience": "client", "stakes": "high", "situation": sessionSituation}},
}

// TestREADMESession keeps the README's worked session true to the server.
func TestREADMESession(t *testing.T) {
	call := wire(t)
	var b strings.Builder
	total := 0
	for i, step := range session {
		out := call("tools/call", map[string]any{"name": step.tool, "arguments": step.args})
		total += len(out)
		var res struct {
			Result struct {
				IsError bool `json:"isError"`
				Content []struct {
					Text string `json:"text"`
				} `json:"content"`
				Structured json.RawMessage `json:"structuredContent"`
			} `json:"result"`
		}
		if err := json.Unmarshal(out, &res); err != nil || res.Result.IsError || len(res.Result.Content) == 0 {
			t.Fatalf("step %d: %s (%v)", i+1, out, err)
		}
		args, err := json.Marshal(step.args)
		if err != nil {
			t.Fatal(err)
		}
		var structured bytes.Buffer
		if err := json.Compact(&structured, res.Result.Structured); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "**%d. `%s`**: %s\n\n```json\n%s\n```\n\nThe answer (%s bytes with its JSON-RPC envelope) is this text:\n\n> %s\n\nand this structured content:\n\n```json\n%s\n```\n\n",
			i+1, step.tool, step.why, args, thousands(len(out)), strings.ReplaceAll(res.Result.Content[0].Text, "\n", "\n> "), structured.String())
	}
	fmt.Fprintf(&b, "The three answers come to %s bytes; `tools/list`, read once per session, is the rest of what pushback costs the context (figures above).\n", thousands(total))

	path := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok := strings.Cut(string(readme), sessionBegin+"\n")
	_, after, ok2 := strings.Cut(rest, sessionEnd)
	if !ok || !ok2 {
		t.Fatalf("README.md has no %s ... %s section", sessionBegin, sessionEnd)
	}
	want := before + sessionBegin + "\n" + b.String() + sessionEnd + after
	if goldenfile.Update() {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != string(readme) {
		t.Errorf("README.md's worked session is out of date: run go test ./internal/server -update")
	}
}

// thousands writes n with comma separators, as the README writes figures.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
