package server

import (
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/guide"
)

func TestPromptsGolden(t *testing.T) {
	c := newClient(t, Options{})
	res, err := c.ListPrompts(testCtx(t), mcp.ListPromptsRequest{})
	if err != nil {
		t.Fatalf("prompts/list: %v", err)
	}
	golden(t, "prompts.golden.json", indentJSON(t, res.Prompts))
}

func TestGetPrompt(t *testing.T) {
	g := guide.Default()
	scenario := ""
	if len(g.Scenarios) > 0 {
		scenario = g.Scenarios[0].ID
	}
	cases := []struct {
		name, prompt string
		args         map[string]string
		wantErr      string
		want         []string // substrings of the rendered text
	}{
		{"coach", "coach", map[string]string{"situation": "Let's add this feature to the current sprint.", "audience": "client", "stakes": "medium"},
			"", []string{"Let's add this feature", "`decide`", "`check_draft`", g.Framework.Questions[0].General, "in my voice", "second opinion", "Once it passes, stop", "leave the decision with them"}},
		{"coach with draft", "coach", map[string]string{"situation": "Ship it Friday.", "draft": "No, that's impossible."}, "", []string{"No, that's impossible.", "keeping what already works in my draft"}},
		{"coach for a sale", "coach", map[string]string{"situation": "The VP wants a full POC for a strategic account with no champion.", "audience": "leadership"}, "", []string{g.Framework.Questions[0].Question}},
		{"coach for a report", "coach", map[string]string{"situation": "A nurse on my ward wants to swap her Saturday night shift.", "audience": "report", "stakes": "critical"}, "", []string{g.Framework.Questions[0].General, "state my decision and the way forward"}},
		{"coach without situation", "coach", map[string]string{"audience": "client"}, `needs the argument "situation"`, nil},
		{"coach bad audience", "coach", map[string]string{"situation": "x", "audience": "boss"}, "client, leadership, peer, report", nil},
		{"coach unknown argument", "coach", map[string]string{"situation": "x", "mood": "grumpy"}, `no argument "mood"`, nil},
		{"leadership note", "leadership_note", map[string]string{"decision": "Run a full POC for the strategic account.", "data": "4 weeks of SE bandwidth, no champion, no budget", "alternative": "a 2-hour executive discovery first", "stakes": "high"},
			"", []string{"4 weeks of SE bandwidth", "`audience: leadership`", "`stakes: high`"}},
		{"leadership note bad stakes", "leadership_note", map[string]string{"decision": "x", "stakes": "enormous"}, "low, medium, high, critical", nil},
		{"roleplay", "roleplay", map[string]string{"audience": "leadership", "situation": "Hide the product limitation in the evaluation.", "level": "strong"},
			"", []string{"You play the leader", "Hide the product limitation", g.Levels[2].When, "`level: strong`", "debrief"}},
		{"roleplay defaults", "roleplay", nil, "", []string{"You play the client"}},
		{"roleplay bad level", "roleplay", map[string]string{"level": "11"}, "mild, moderate, strong, escalated", nil},
		{"roleplay bad scenario", "roleplay", map[string]string{"scenario": "alien_invasion"}, `unknown scenario "alien_invasion"`, nil},
	}
	if scenario != "" {
		s, _ := g.Scenario(scenario)
		cases = append(cases, struct {
			name, prompt string
			args         map[string]string
			wantErr      string
			want         []string
		}{"roleplay scenario", "roleplay", map[string]string{"scenario": scenario}, "", []string{s.Name, s.Description}})
	}
	c := newClient(t, Options{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := mcp.GetPromptRequest{}
			req.Params.Name = tc.prompt
			req.Params.Arguments = tc.args
			res, err := c.GetPrompt(testCtx(t), req)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("prompts/get: %v", err)
			}
			if len(res.Messages) != 1 || res.Messages[0].Role != mcp.RoleUser {
				t.Fatalf("want one user message, got %+v", res.Messages)
			}
			tc0, ok := mcp.AsTextContent(res.Messages[0].Content)
			if !ok {
				t.Fatalf("message is not text: %T", res.Messages[0].Content)
			}
			for _, w := range tc.want {
				if !strings.Contains(tc0.Text, w) {
					t.Errorf("prompt lacks %q:\n%s", w, tc0.Text)
				}
			}
			if tc.prompt == "coach" && !strings.Contains(tc.name, "sale") && strings.Contains(tc0.Text, "deal outcomes") {
				t.Errorf("asks about deal outcomes outside a sale:\n%s", tc0.Text)
			}
			if tc.prompt == "coach" && strings.Contains(tc0.Text, "until it passes") {
				t.Errorf("tells the assistant to loop until it passes:\n%s", tc0.Text)
			}
			if strings.Contains(tc0.Text, "<no value>") {
				t.Errorf("prompt has an unfilled field:\n%s", tc0.Text)
			}
			golden(t, "prompts/"+strings.ReplaceAll(tc.name, " ", "_")+".txt", []byte(tc0.Text+"\n"))
		})
	}
}

func TestPromptCompletion(t *testing.T) {
	g := guide.Default()
	var scenarios []string
	for _, s := range g.Scenarios {
		scenarios = append(scenarios, s.ID)
	}
	cases := []struct {
		prompt, arg, value string
		want               []string
	}{
		{"coach", "audience", "le", []string{"leadership"}},
		{"coach", "audience", "", []string{"client", "leadership", "peer", "report"}},
		{"leadership_note", "stakes", "c", []string{"critical"}},
		{"roleplay", "level", "M", []string{"mild", "moderate"}},
		{"roleplay", "level", "zzz", []string{}},
		{"roleplay", "scenario", "", scenarios},
		{"coach", "situation", "a", []string{}},
	}
	c := newClient(t, Options{})
	for _, tc := range cases {
		t.Run(tc.prompt+"/"+tc.arg+"="+tc.value, func(t *testing.T) {
			req := mcp.CompleteRequest{}
			req.Params.Ref = mcp.PromptReference{Type: "ref/prompt", Name: tc.prompt}
			req.Params.Argument.Name = tc.arg
			req.Params.Argument.Value = tc.value
			res, err := c.Complete(testCtx(t), req)
			if err != nil {
				t.Fatalf("completion/complete: %v", err)
			}
			got := res.Completion.Values
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("completions = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCoachWordsMatchTools: every at_stake value the coach prompt names is
// one decide accepts (the second trial's "safety" was not), deal_outcome
// only in a sale, and the prompt gives a path for letting it go: a short,
// gracious yes, not "stop there".
func TestCoachWordsMatchTools(t *testing.T) {
	g := guide.Default()
	c := newClient(t, Options{})
	for _, tc := range []struct {
		situation string
		sale      bool
	}{
		{"The ward manager wants me to take 10 patients tonight; our night guideline is 8 per nurse.", false},
		{"A colleague wants the big meeting room every Tuesday; my team books it alternate Tuesdays.", false},
		{"The VP wants a full POC for a strategic account with no champion.", true},
	} {
		req := mcp.GetPromptRequest{}
		req.Params.Name = "coach"
		req.Params.Arguments = map[string]string{"situation": tc.situation, "stakes": "critical"}
		res, err := c.GetPrompt(testCtx(t), req)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := mcp.AsTextContent(res.Messages[0].Content)
		_, rest, ok := strings.Cut(text.Text, "`at_stake` (")
		list, _, ok2 := strings.Cut(rest, ";")
		if !ok || !ok2 {
			t.Fatalf("%q: the prompt names no at_stake values:\n%s", tc.situation, text.Text)
		}
		at := strings.Split(list, ", ")
		for _, v := range at {
			if _, err := decide.Decide(g, decide.Input{At: []string{v}}); err != nil {
				t.Errorf("%q: the prompt names at_stake %q, which decide rejects: %v", tc.situation, v, err)
			}
		}
		if slices.Contains(at, "deal_outcome") != tc.sale {
			t.Errorf("%q: deal_outcome named %v, want %v", tc.situation, !tc.sale, tc.sale)
		}
		for _, w := range []string{"say yes graciously", "no case, evidence or alternative"} {
			if !strings.Contains(text.Text, w) {
				t.Errorf("%q: no let-it-go path (%q):\n%s", tc.situation, w, text.Text)
			}
		}
	}
}
