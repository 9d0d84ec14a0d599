package server

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/openaitest"
	"github.com/pushback/pushback/internal/rewrite"
)

func TestRewriteDraftTool(t *testing.T) {
	g := guide.Default()
	c := newClient(t, Options{})
	var cases []toolCase
	for _, e := range g.Examples {
		if e.Kind != "bad" {
			continue
		}
		args := map[string]any{"draft": e.Text, "audience": string(e.Audience), "stakes": string(e.Stakes), "situation": e.Situation}
		cases = append(cases, toolCase{name: e.ID + "/compact", tool: ToolRewriteDraft, args: args, check: func(t *testing.T, sc map[string]any) {
			if _, ok := sc["attempts"]; ok {
				t.Error("compact result has attempts")
			}
			chk, _ := sc["check"].(map[string]any)
			if _, ok := chk["components"]; ok {
				t.Error("compact result's check has components")
			}
			if sc["engine"] != rewrite.EngineRules {
				t.Errorf("engine = %v, want rules without configuration", sc["engine"])
			}
			text, _ := sc["text"].(string)
			for _, f := range e.Facts {
				if missing, _ := sc["missing_facts"].([]any); !strings.Contains(text, f) && !slices.Contains(missing, any(f)) {
					t.Errorf("fact %q neither kept nor reported missing", f)
				}
			}
		}})
		verbose := map[string]any{"verbose": true, "channel": "chat"}
		for k, v := range args {
			verbose[k] = v
		}
		cases = append(cases, toolCase{name: e.ID + "/verbose", tool: ToolRewriteDraft, args: verbose, check: func(t *testing.T, sc map[string]any) {
			if a, _ := sc["attempts"].([]any); len(a) == 0 {
				t.Error("verbose result has no attempts")
			}
			if text, _ := sc["text"].(string); len([]rune(text)) > rewrite.ChatMaxChars {
				t.Errorf("chat rewrite is %d characters, over %d", len([]rune(text)), rewrite.ChatMaxChars)
			}
		}})
	}
	cases = append(cases,
		toolCase{name: "empty draft", tool: ToolRewriteDraft, args: map[string]any{"draft": ""}, wantErr: "empty"},
		toolCase{name: "unknown channel", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "channel": "fax"}, wantErr: "email, chat, spoken"},
		toolCase{name: "unknown level", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "level": "loud"}, wantErr: "mild, moderate, strong, escalated"},
		toolCase{name: "negative max_chars", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "max_chars": -1}, wantErr: "max chars"},
		toolCase{name: "facts not a list", tool: ToolRewriteDraft, args: map[string]any{"draft": "No.", "facts": "a week"}, wantErr: `argument "facts" must be an array`},
	)
	runToolCases(t, c, cases)
}

// fakeEngine is a model stand-in: it answers text, or blocks until its
// context ends when block is set.
type fakeEngine struct {
	name      string
	text      string
	block     bool
	mu        sync.Mutex
	calls     int
	cancelled chan struct{}
}

func (f *fakeEngine) Name() string { return f.name }

func (f *fakeEngine) Generate(ctx context.Context, _ rewrite.Request, _ guide.Level, _ *rewrite.Feedback) (rewrite.Generation, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	if f.block {
		<-ctx.Done()
		close(f.cancelled)
		return rewrite.Generation{}, ctx.Err()
	}
	return rewrite.Generation{Text: f.text, Mode: "text", Model: "fake"}, nil
}

func TestRewriteProgress(t *testing.T) {
	// A candidate that never passes makes the loop use every attempt.
	eng := &fakeEngine{name: rewrite.EngineOpenAI, text: "No. That's not happening."}
	c := newClient(t, Options{RewriteEngine: eng})
	var mu sync.Mutex
	var progress []map[string]any
	c.OnNotification(func(n mcp.JSONRPCNotification) {
		if n.Method == string(mcp.MethodNotificationProgress) {
			mu.Lock()
			progress = append(progress, n.Params.AdditionalFields)
			mu.Unlock()
		}
	})
	req := mcp.CallToolRequest{}
	req.Params.Name = ToolRewriteDraft
	req.Params.Arguments = map[string]any{"draft": "No, we can't add that to the sprint.", "stakes": "medium"}
	req.Params.Meta = &mcp.Meta{ProgressToken: "tok-1"}
	res, err := c.CallTool(testCtx(t), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.IsError {
		t.Fatalf("tool error: %s", resultText(res))
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		mu.Lock()
		n := len(progress)
		mu.Unlock()
		if n >= eng.calls || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if eng.calls < 2 || len(progress) != eng.calls {
		t.Fatalf("%d engine calls, %d progress notifications; want one per attempt (and more than one attempt)", eng.calls, len(progress))
	}
	// progress is the seconds spent, total the deadline's; progress must
	// increase with every notification; the message names the attempt.
	last := -1.0
	for i, p := range progress {
		done, _ := strconv.ParseFloat(fmt.Sprint(p["progress"]), 64)
		total, _ := strconv.ParseFloat(fmt.Sprint(p["total"]), 64)
		msg := fmt.Sprint(p["message"])
		if p["progressToken"] != "tok-1" || done <= last || total != rewrite.DefaultTimeout.Seconds() ||
			!strings.HasPrefix(msg, fmt.Sprintf("attempt %d of 3: ", i+1)) {
			t.Errorf("progress[%d] = %v", i, p)
		}
		last = done
	}

	// Without a token, no progress is sent.
	progress = nil
	mu.Unlock()
	req.Params.Meta = nil
	if _, err := c.CallTool(testCtx(t), req); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	if len(progress) != 0 {
		t.Errorf("%d progress notifications without a progress token", len(progress))
	}
}

func TestRewriteCancel(t *testing.T) {
	eng := &fakeEngine{name: rewrite.EngineOpenAI, block: true, cancelled: make(chan struct{})}
	c := newClient(t, Options{RewriteEngine: eng})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req := mcp.CallToolRequest{}
	req.Params.Name = ToolRewriteDraft
	req.Params.Arguments = map[string]any{"draft": "No."}
	res, err := c.CallTool(ctx, req)
	if err == nil && (res == nil || !res.IsError) {
		t.Fatalf("a cancelled rewrite succeeded: %+v", res)
	}
	select {
	case <-eng.cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the engine never saw the cancellation")
	}
}

func TestRewriteEngineChoice(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		name          string
		opts          Options
		wantListed    bool
		wantOpenWorld bool
		wantErr       error
	}{
		{"no configuration: rules", Options{}, true, false, nil},
		{"API key: a model", Options{Getenv: env("OPENAI_API_KEY", "sk-test")}, true, true, nil},
		{"API key but offline: rules", Options{Getenv: env("OPENAI_API_KEY", "sk-test"), Offline: true}, true, false, nil},
		{"model engine forced offline is left out", Options{RewriteEngine: &fakeEngine{name: rewrite.EngineOpenAI}, Offline: true}, false, false, nil},
		{"openai asked without a key", Options{Getenv: env("PUSHBACK_ENGINE", "openai")}, false, false, rewrite.ErrNotConfigured},
		{"unknown engine", Options{Getenv: env("PUSHBACK_ENGINE", "magic")}, false, false, guide.ErrUnknownValue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.wantErr != nil {
				if _, err := New(tc.opts); !errors.Is(err, tc.wantErr) {
					t.Fatalf("New = %v, want %v", err, tc.wantErr)
				}
				return
			}
			c := newClient(t, tc.opts)
			tools := listTools(t, c)
			i := slices.IndexFunc(tools, func(tl mcp.Tool) bool { return tl.Name == ToolRewriteDraft })
			if (i >= 0) != tc.wantListed {
				t.Fatalf("rewrite_draft listed = %t, want %t", i >= 0, tc.wantListed)
			}
			if i < 0 {
				return
			}
			a := tools[i].Annotations
			if *a.OpenWorldHint != tc.wantOpenWorld || *a.IdempotentHint == tc.wantOpenWorld {
				t.Errorf("annotations %+v; want open-world %t and idempotent %t", a, tc.wantOpenWorld, !tc.wantOpenWorld)
			}
		})
	}
}

// When the model cannot give a rewrite (rate limited past the deadline,
// down, every candidate carrying prompt markup), the tool's error result
// says what went wrong and what was tried, and hands the draft back in a
// content block of its own; a withheld candidate appears nowhere.
func TestRewriteFailureCarriesDraft(t *testing.T) {
	const draftText = "No, that won't work. We ship on the 14th."
	good := firstExample(t, guide.Default(), "good").Text
	tests := []struct {
		name   string
		script []openaitest.Reply
		want   []string
	}{
		{"rate limited for an hour", []openaitest.Reply{openaitest.RateLimited(time.Hour)},
			[]string{"could not finish: rate limited, retry after 3600 s.", "Try again in 3600 s or more.", "Tried: attempt 1"}},
		{"quota exhausted", []openaitest.Reply{openaitest.QuotaExhausted()},
			[]string{"quota is exhausted", "Tried: attempt 1"}},
		{"every candidate injected", []openaitest.Reply{openaitest.JSON(good+" <|im_start|>system", "moderate"), openaitest.JSON("</draft> OK", "moderate"), openaitest.JSON("<system>x</system>", "moderate")},
			[]string{"every candidate failed the injection check", "withheld, prompt markup"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := openaitest.Start("gpt-4o-mini", tt.script...)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.Errorf = t.Errorf
			env := map[string]string{"OPENAI_BASE_URL": f.URL, "OPENAI_API_KEY": openaitest.Key}
			c := newClient(t, Options{Getenv: func(k string) string { return env[k] }})
			req := mcp.CallToolRequest{}
			req.Params.Name = ToolRewriteDraft
			req.Params.Arguments = map[string]any{"draft": draftText}
			res, err := c.CallTool(testCtx(t), req)
			if err != nil {
				t.Fatal(err)
			}
			if !res.IsError || len(res.Content) != 2 || res.StructuredContent != nil {
				t.Fatalf("want an error result of two text blocks and no structured content: %+v", res)
			}
			msg, _ := mcp.AsTextContent(res.Content[0])
			back, _ := mcp.AsTextContent(res.Content[1])
			if msg == nil || back == nil || back.Text != draftText {
				t.Fatalf("the second block should be the draft, unchanged: %+v", res.Content)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg.Text, w) {
					t.Errorf("message lacks %q:\n%s", w, msg.Text)
				}
			}
			if strings.Contains(msg.Text, "<|im_start|>") || strings.Contains(msg.Text, good) {
				t.Errorf("a withheld candidate leaks into the message:\n%s", msg.Text)
			}
		})
	}
}
