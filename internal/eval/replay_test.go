package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// fakeModel is an OpenAI-compatible chat-completions endpoint on 127.0.0.1.
// As a rewriter it answers with the reference of the case whose draft is in
// the prompt; as a judge (response format "verdict") it prefers the longer
// reply, whatever the order. Every call takes delay.
type fakeModel struct {
	refs  map[string]string // draft -> reference
	delay time.Duration
	calls atomic.Int64
}

func (m *fakeModel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
		http.Error(w, `{"error":{"message":"not found","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	m.calls.Add(1)
	var req openai.ChatCompletionRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, `{"error":{"message":"bad json","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	if m.delay > 0 {
		select {
		case <-time.After(m.delay):
		case <-r.Context().Done():
			return
		}
	}
	user := req.Messages[len(req.Messages)-1].Content
	var content string
	if req.ResponseFormat != nil && req.ResponseFormat.JSONSchema != nil && req.ResponseFormat.JSONSchema.Name == "verdict" {
		a, b := between(user, "<reply_A>", "</reply_A>"), between(user, "<reply_B>", "</reply_B>")
		w := "A"
		if len(b) > len(a) {
			w = "B"
		}
		content = fmt.Sprintf(`{"winner":%q,"reason":"the longer reply gives more reasons"}`, w)
	} else {
		text := "I hear you, and I want to get this right. Could we look at the options together?"
		for d, ref := range m.refs {
			if strings.Contains(user, d) {
				text = ref
			}
		}
		b, _ := json.Marshal(map[string]any{"rewrite": text, "level": "moderate", "kept_facts": []string{}})
		content = string(b)
	}
	resp := map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1, "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
		"usage":   map[string]any{"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

func between(s, open, close string) string {
	i := strings.Index(s, open)
	j := strings.Index(s, close)
	if i < 0 || j < i {
		return ""
	}
	return s[i+len(open) : j]
}

func documentCases(t *testing.T) []Case {
	var out []Case
	for _, c := range loadEmbedded(t).Cases {
		if c.Set == "documents" {
			out = append(out, c)
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d documents cases", len(out))
	}
	return out
}

func refsOf(cases []Case) map[string]string {
	m := map[string]string{}
	for _, c := range cases {
		m[c.Draft] = c.Reference
	}
	return m
}

// newModelRun wires the real openai engine and the judge to baseURL through
// the cassette.
func newModelRun(t *testing.T, cas *Cassette, baseURL string, cases []Case, repeat int) Config {
	t.Helper()
	g := guide.Default()
	chk := testChecker(t)
	eng, err := rewrite.NewOpenAI(g, rewrite.OpenAIConfig{APIKey: "test-key", BaseURL: baseURL, Model: "test-model", HTTPClient: cas.Client(), MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	oc := openai.DefaultConfig("test-key")
	oc.BaseURL = baseURL
	oc.HTTPClient = cas.Client()
	judge, err := NewJudge(openai.NewClientWithConfig(oc), "test-judge", g)
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Guide: g, Data: &Data{Cases: cases}, Checker: chk, Engine: "openai", Model: "test-model",
		Rewriter:   EngineRewriter{Engine: eng, Checker: chk, Options: rewrite.Options{Timeout: 10 * time.Second}},
		Suites:     []string{"rewrite"},
		Thresholds: Thresholds{Margin: 10, PriceIn: 0.15, PriceOut: 0.6},
		Options:    RewriteOptions{Repeat: repeat, Concurrency: 4, Timeout: 20 * time.Second, Judge: judge},
	}
}

// Record a model run against a live server, stop the server, replay: the
// scores, texts, checks and judge verdicts are identical and no request
// leaves the process.
func TestRecordThenReplayWithServerStopped(t *testing.T) {
	cases := documentCases(t)[:6]
	model := &fakeModel{refs: refsOf(cases)}
	srv := httptest.NewServer(model)
	dir := t.TempDir()

	rec := newModelRun(t, &Cassette{Mode: Record, Dir: dir}, srv.URL+"/v1", cases, 2)
	recorded := Run(context.Background(), rec)
	srv.Close()
	if recorded.Rewrite == nil || recorded.Rewrite.Runs != 12 {
		t.Fatalf("recorded run: %+v", recorded.Rewrite)
	}
	for _, c := range recorded.Rewrite.Cases {
		for _, r := range c.Runs {
			if r.Error != "" {
				t.Fatalf("recording %s: %s", c.ID, r.Error)
			}
			if r.Judge == nil || r.Judge.Error != "" {
				t.Fatalf("recording %s: judge %+v", c.ID, r.Judge)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != len(cases) {
		t.Fatalf("%d cassette files for %d cases", len(files), len(cases))
	}
	calls := model.calls.Load()

	rep := newModelRun(t, &Cassette{Mode: Replay, Dir: dir}, srv.URL+"/v1", cases, 2)
	replayed := Run(context.Background(), rep)
	if model.calls.Load() != calls {
		t.Fatalf("replay reached the server: %d calls after %d", model.calls.Load(), calls)
	}
	if !reflect.DeepEqual(stripTimes(recorded), stripTimes(replayed)) {
		a, _ := json.MarshalIndent(stripTimes(recorded).Rewrite, "", " ")
		b, _ := json.MarshalIndent(stripTimes(replayed).Rewrite, "", " ")
		t.Fatalf("replay differs from the recording:\n%s\n---\n%s", a, b)
	}
	if replayed.Usage.TotalTokens == 0 || replayed.Usage.CostUSD == 0 || replayed.Judge == nil || replayed.Judge.Compared != 12 {
		t.Errorf("usage %+v, judge %+v: want tokens, cost and 12 comparisons", replayed.Usage, replayed.Judge)
	}
	t.Logf("recorded %d model calls; replay: pass rate %.2f, mean score %.1f, tokens %d, cost $%.6f, judge preference %.2f, agrees with checker %.2f, with labels %.2f",
		calls, replayed.Rewrite.PassRate, replayed.Rewrite.MeanScore, replayed.Usage.TotalTokens, replayed.Usage.CostUSD, replayed.Judge.Preference, replayed.Judge.AgreeChecker, replayed.Judge.AgreeLabels)

	// A missing cassette is a clear error naming the case.
	gone := cases[0].ID
	if err := os.Remove(filepath.Join(dir, cassetteName(gone))); err != nil {
		t.Fatal(err)
	}
	again := Run(context.Background(), newModelRun(t, &Cassette{Mode: Replay, Dir: dir}, srv.URL+"/v1", cases[:1], 1))
	msg := again.Rewrite.Cases[0].Runs[0].Error
	if !strings.Contains(msg, gone) || !strings.Contains(msg, "no recorded response") || !strings.Contains(msg, "--record") {
		t.Fatalf("missing cassette error = %q, want it to name case %s and say how to record", msg, gone)
	}
}

func stripTimes(r *Report) *Report {
	c := *r
	c.DurationMS = 0
	rw := *r.Rewrite
	rw.Cases = append([]RewriteCase(nil), rw.Cases...)
	for i := range rw.Cases {
		rw.Cases[i].Runs = append([]RewriteRun(nil), rw.Cases[i].Runs...)
		for j := range rw.Cases[i].Runs {
			rw.Cases[i].Runs[j].LatencyMS = 0
		}
	}
	c.Rewrite = &rw
	return &c
}

func TestCassetteKey(t *testing.T) {
	body := func(model, content string) []byte {
		return []byte(fmt.Sprintf(`{"model":%q,"temperature":0.3,"messages":[{"role":"user","content":%q}]}`, model, content))
	}
	_, k1, err := requestKey("/v1/chat/completions", body("m", "hi"), 0)
	if err != nil {
		t.Fatal(err)
	}
	reordered := []byte(`{"messages":[{"content":"hi","role":"user"}],"temperature":0.7,"model":"m"}`)
	_, k2, _ := requestKey("/v1/chat/completions", reordered, 0)
	if k1 != k2 {
		t.Error("key depends on field order or on fields outside model/messages/response_format")
	}
	for name, other := range map[string]func() (json.RawMessage, string, error){
		"model":      func() (json.RawMessage, string, error) { return requestKey("/v1/chat/completions", body("n", "hi"), 0) },
		"messages":   func() (json.RawMessage, string, error) { return requestKey("/v1/chat/completions", body("m", "ho"), 0) },
		"repetition": func() (json.RawMessage, string, error) { return requestKey("/v1/chat/completions", body("m", "hi"), 1) },
	} {
		if _, k, _ := other(); k == k1 {
			t.Errorf("changing the %s does not change the key", name)
		}
	}
	if _, _, err := requestKey("/x", []byte("not json"), 0); err == nil {
		t.Error("a non-JSON body was keyed")
	}
}

func TestCassetteRequestWithoutCase(t *testing.T) {
	c := &Cassette{Mode: Replay}
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/v1/chat/completions", strings.NewReader(`{}`))
	if _, err := c.RoundTrip(req); err == nil || !strings.Contains(err.Error(), "not tagged with a case") {
		t.Fatalf("err = %v", err)
	}
	req = req.WithContext(WithCase(context.Background(), "nowhere", 0))
	req.Body = http.NoBody
	if _, err := c.RoundTrip(req); !errors.Is(err, ErrNotRecorded) || !strings.Contains(err.Error(), `"nowhere"`) {
		t.Fatalf("err = %v, want ErrNotRecorded naming the case", err)
	}
}

func oneCallCases(t *testing.T, cases []Case) []Case {
	model := &fakeModel{refs: refsOf(cases)}
	srv := httptest.NewServer(model)
	defer srv.Close()
	cfg := newModelRun(t, &Cassette{Mode: Record, Dir: t.TempDir()}, srv.URL+"/v1", cases, 1)
	cfg.Options.Judge = nil
	var out []Case
	for i, c := range Run(context.Background(), cfg).Rewrite.Cases {
		if c.Runs[0].Error == "" && c.Runs[0].Attempts == 1 {
			out = append(out, cases[i])
		}
	}
	if len(out) < 5 {
		t.Fatalf("only %d cases settle in one call", len(out))
	}
	return out
}

type rewriterFunc func(context.Context, rewrite.Request) (rewrite.Result, error)

func (f rewriterFunc) Rewrite(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
	return f(ctx, req)
}
