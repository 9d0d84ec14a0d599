package server

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check"
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
		s, text := compactCheck(t, out)
		if n := strings.Count(text, "\n"); n > 1 || len(text) > 300 {
			t.Errorf("%s: text is %d lines, %d bytes: %q", e.ID, n+1, len(text), text)
		}
		for _, fix := range s.TopFixes {
			if strings.Contains(text, fix) {
				t.Errorf("%s: text repeats a top fix: %q", e.ID, text)
			}
		}
		for _, f := range s.Findings {
			if strings.Contains(text, f.Message) {
				t.Errorf("%s: text repeats a finding: %q", e.ID, text)
			}
		}
	}
	if len(g.Examples) == 0 {
		t.Fatal("no examples")
	}
}

// TestCompactPassSaysOnlyWhatHolds: on a passing draft the compact result
// names no missing formula parts and no general fix, and says "wanted"
// only for a calibration finding. The drafts are messages an assistant
// wrote in the issue 13 trial: the teacher's firm "I can't change the
// mark" (told it read mild, wanted strong, and lacked context), and a
// first pushback to a colleague at high stakes (told it wanted strong
// where decide said moderate); and from the second trial, an analyst's
// refusal on integrity (given, at 100, an "endless debate" finding whose
// fix was "it's your call, and I'll fully support whichever way you go"),
// with and without the matter, and a gracious yes at low stakes (labelled
// pushback, not let_it_go).
func TestCompactPassSaysOnlyWhatHolds(t *testing.T) {
	call := wire(t)
	wei := map[string]any{"audience": "leadership", "stakes": "critical",
		"situation": "Team lead wants the quarterly dashboard to count active users as anyone who logged in once in 90 days instead of the agreed 30 days, so the growth number looks better before the board meeting. Integrity issue: the definition was agreed and the board would be misled.",
		"draft":     "I get that we want the growth to land well with the board. But I can't put a 90-day count on the dashboard as \"active users\": we agreed on 30 days, and switching the definition just before the board meeting would make the growth look bigger than it is, and I can't sign off on that. If the change came out later, it would cast doubt on every other number we show them. What I can do: keep the 30-day figure as the headline and add the 90-day figure next to it, clearly labelled with its definition, if reach over the quarter is part of the story. I'm also happy to dig into what's driving the 30-day trend so we have a strong story we can stand behind. Can we go through it together today?"}
	weiMatter := map[string]any{"matter": "integrity"}
	for k, v := range wei {
		weiMatter[k] = v
	}
	tests := []struct {
		name   string
		args   map[string]any
		stance string // "": any
	}{
		{"analyst refusing on integrity", wei, ""},
		{"analyst refusing on integrity, matter given", weiMatter, ""},
		{"a gracious yes at low stakes", map[string]any{"audience": "peer", "stakes": "low",
			"situation": "Colleague in another department wants the big meeting room every Tuesday for a new weekly session; my team books it alternate Tuesdays; swapping to the smaller room is only a minor inconvenience, so I am letting it go.",
			"draft":     "Sure, that works. Go ahead and book the big room every Tuesday for your new session, and we'll move our alternate-Tuesday meetings to the smaller room. When's your first one? I'll update our bookings so there's no clash."}, "let_it_go"},
		{"teacher to a parent", map[string]any{"audience": "client", "stakes": "high",
			"situation": "A parent asked me to raise their son's coursework mark from a C to a B because he worked really hard. The mark was moderated by two teachers against the exam board's criteria.",
			"draft":     "Dear [parent's name],\n\nThank you for your email. I know how hard [student's name] worked on his coursework, and I understand why a C is disappointing after all that effort.\n\nI can't change the mark, though, and I'd like to explain why. Coursework is graded against the exam board's criteria, not on effort, and his piece was moderated by two teachers against those criteria before the C was confirmed. Changing a moderated mark on request wouldn't be fair to the other students marked the same way, and it isn't something I'm able to do.\n\nWhat I can do is go through the marking criteria with you and [student's name], show where his work sits, and what would take the next piece to a B. That effort deserves to count where it can. Would a short meeting or call next week suit you?\n\nKind regards,\nAma"}, ""},
		{"designer to a senior colleague", map[string]any{"audience": "peer", "stakes": "high",
			"situation": "A senior colleague wants to skip the usability tests planned for the new checkout so it launches two weeks earlier. Last year's untested redesign cut conversion 12%.",
			"draft":     "Hi Jo, I get the appeal of launching the new checkout two weeks earlier. My worry is that last year's redesign went out untested and cut conversion by 12%, and a drop like that on checkout could easily cost more than the two weeks gain. Could we keep a slimmed-down round instead: test just the riskiest steps with a handful of users, so we lose a few days rather than two weeks? I'm happy to set it up and share results quickly. What do you think?"}, ""},
	}
	for _, tt := range tests {
		out := call("tools/call", map[string]any{"name": ToolCheckDraft, "arguments": tt.args})
		s, text := compactCheck(t, out)
		// Every slot in one line: the teacher's letter has three, two of
		// them the same.
		var slotLines []string
		for _, f := range s.Findings {
			if f.Rule == check.RuleUnfilled {
				slotLines = append(slotLines, f.Message)
			}
		}
		if strings.Contains(tt.args["draft"].(string), "[") {
			slots := regexp.MustCompile(`\[[^\]]+\]`).FindAllString(tt.args["draft"].(string), -1)
			if len(slotLines) != 1 || !strings.Contains(slotLines[0], slots[0]) || !strings.Contains(slotLines[0], slots[len(slots)-1]) {
				t.Errorf("%s: placeholder lines %q, want one naming %v", tt.name, slotLines, slots)
			}
		}
		if !s.Pass {
			t.Errorf("%s: does not pass: %s", tt.name, text)
			continue
		}
		// The only advice a pass may carry is to fill in a placeholder.
		var other []string
		for _, f := range s.Findings {
			if f.Rule != check.RuleUnfilled {
				other = append(other, f.Rule)
			}
		}
		fixes := slices.DeleteFunc(slices.Clone(s.TopFixes), func(f string) bool { return strings.HasPrefix(f, "Fill in [") })
		if len(s.MissingSteps) > 0 || len(fixes) > 0 || len(other) > 0 || strings.Contains(text, "wanted") {
			t.Errorf("%s: level %q, intended %q, missing %v, fixes %v, findings %v; text %q", tt.name, s.Level, s.IntendedLevel, s.MissingSteps, s.TopFixes, s.Findings, text)
		}
		if tt.stance != "" && s.Stance != tt.stance {
			t.Errorf("%s: stance %q, want %q", tt.name, s.Stance, tt.stance)
		}
	}
}

// TestLeanLevelOnlyWhenSure: the compact check result leaves out a level
// the judge is unsure of (the verbose report keeps it, with its
// confidence); a cue-only report (no confidence) keeps its level.
func TestLeanLevelOnlyWhenSure(t *testing.T) {
	tests := []struct {
		conf float64
		want guide.Level
	}{
		{0.59, ""},
		{check.MinLevelP, guide.LevelMild},
		{0.99, guide.LevelMild},
		{0, guide.LevelMild},
	}
	for _, tt := range tests {
		r := check.Report{Pass: true, Score: 100, Level: guide.LevelMild, LevelConfidence: tt.conf, IntendedLevel: guide.LevelStrong}
		if got := leanCheck(r).Level; got != tt.want {
			t.Errorf("confidence %.2f: level %q, want %q", tt.conf, got, tt.want)
		}
		if line := checkLine(r); strings.Contains(line, "wanted") {
			t.Errorf("confidence %.2f, no calibration finding: %q", tt.conf, line)
		}
	}
}

// TestCheckLineGuess: the compact line names a failure the report is sure
// of ("Reads as ..."), and says a guess is one: an anti-pattern the judge
// named with little confidence is a warning, never "reads as".
func TestCheckLineGuess(t *testing.T) {
	guess := check.Finding{Rule: "confrontational", Kind: check.KindAntiPattern, Severity: check.SeverityWarning}
	sure := check.Finding{Rule: "dismissive_no", Kind: check.KindAntiPattern, Severity: check.SeverityError}
	tests := []struct {
		name      string
		r         check.Report
		want, not string
	}{
		{"a guess", check.Report{Score: 4, Findings: []check.Finding{guess}}, "leans to confrontational (a guess", "Reads as"},
		{"a finding", check.Report{Score: 4, ReadsAs: "curt", Findings: []check.Finding{sure}}, "Reads as curt (dismissive_no)", "guess"},
		{"a finding and a guess", check.Report{Score: 4, ReadsAs: "curt", Findings: []check.Finding{sure, guess}}, "Reads as curt (dismissive_no).", "confrontational"},
	}
	for _, tt := range tests {
		got := checkLine(tt.r)
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
			t.Errorf("%s: %q, want %q and no %q", tt.name, got, tt.want, tt.not)
		}
	}
}

// compactCheck decodes a compact check_draft answer (a JSON-RPC response)
// into the server's own compact type, with the text beside it.
func compactCheck(t *testing.T, out []byte) (checkLean, string) {
	t.Helper()
	var res struct {
		Result struct {
			Content []struct {
				Text string `json:"text"`
			} `json:"content"`
			Structured checkLean `json:"structuredContent"`
		} `json:"result"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Result.Content) == 0 {
		t.Fatalf("no text content: %s", out)
	}
	return res.Result.Structured, res.Result.Content[0].Text
}
