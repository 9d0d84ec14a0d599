package rewrite

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

func TestNewEngine(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name    string
		getenv  func(string) string
		flag    string
		want    string // engine name
		why     string // substring of the description
		wantErr error
	}{
		{"nothing set: offline", env(), "", "rules", "offline; set OPENAI_API_KEY", nil},
		{"key set: openai", env("OPENAI_API_KEY", "k"), "", "openai", "gpt-4o-mini via api.openai.com", nil},
		{"base URL only (Ollama)", env("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1", "PUSHBACK_MODEL", "llama3.1"), "", "openai", "llama3.1 via http://127.0.0.1:11434/v1", nil},
		{"Azure", env("AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com", "AZURE_OPENAI_API_KEY", "k", "PUSHBACK_MODEL", "prod-4o"), "", "openai", "Azure OpenAI at https://x.openai.azure.com", nil},
		{"flag beats key", env("OPENAI_API_KEY", "k"), "rules", "rules", "offline, as asked", nil},
		{"PUSHBACK_ENGINE", env("OPENAI_API_KEY", "k", "PUSHBACK_ENGINE", "rules"), "", "rules", "as asked", nil},
		{"openai without key", env(), "openai", "", "", ErrNotConfigured},
		{"unknown engine", env(), "gpt", "", "", guide.ErrUnknownValue},
		{"Azure without an endpoint", env("AZURE_OPENAI_API_KEY", "k"), "openai", "", "", ErrNotConfigured},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ConfigFromEnv(tt.getenv)
			if tt.flag != "" {
				cfg.Engine = tt.flag
			}
			// Validate, which builds nothing, refuses exactly what NewEngine refuses.
			if verr := cfg.Validate(); !errors.Is(verr, tt.wantErr) || (verr == nil) != (tt.wantErr == nil) {
				t.Errorf("Validate() = %v, want %v", verr, tt.wantErr)
			}
			eng, why, err := NewEngine(guide.Default(), nil, cfg, OpenAIConfig{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if eng.Name() != tt.want || !strings.Contains(why, tt.why) {
				t.Errorf("engine %q (%q), want %q (%q)", eng.Name(), why, tt.want, tt.why)
			}
		})
	}
}

// Azure OpenAI: the deployment goes in the path, the key in api-key, the
// version in the query.
func TestOpenAIAzure(t *testing.T) {
	var path, key, version string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, key, version = r.URL.Path, r.Header.Get("api-key"), r.URL.Query().Get("api-version")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":"x","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"{\"rewrite\":\"hello\",\"level\":\"mild\",\"kept_facts\":[]}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}`))
	}))
	defer srv.Close()
	e, err := NewOpenAI(guide.Default(), OpenAIConfig{Azure: true, BaseURL: srv.URL, APIKey: "az-key", Model: "prod-4o.v2"})
	if err != nil {
		t.Fatal(err)
	}
	req, level, err := Resolve(guide.Default(), Request{Draft: "No."})
	if err != nil {
		t.Fatal(err)
	}
	gen, err := e.Generate(context.Background(), req, level, nil)
	if err != nil {
		t.Fatal(err)
	}
	if path != "/openai/deployments/prod-4o.v2/chat/completions" || key != "az-key" || version != DefaultAzureAPIVersion || gen.Text != "hello" {
		t.Errorf("path %q key %q version %q text %q", path, key, version, gen.Text)
	}
}

func TestResolve(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		name      string
		req       Request
		wantLevel guide.Level
		wantMax   int
		wantErr   error
	}{
		{"auto from medium by default", Request{Draft: "No."}, guide.LevelModerate, 0, nil},
		{"auto from high stakes", Request{Draft: "No.", Stakes: guide.StakesHigh, Level: "auto"}, guide.LevelStrong, 0, nil},
		{"auto from low stakes", Request{Draft: "No.", Stakes: guide.StakesLow}, guide.LevelMild, 0, nil},
		{"explicit level", Request{Draft: "No.", Level: "Escalated"}, guide.LevelEscalated, 0, nil},
		{"chat caps the length", Request{Draft: "No.", Channel: "Chat", MaxChars: 5000}, guide.LevelModerate, ChatMaxChars, nil},
		{"a smaller max stays", Request{Draft: "No.", Channel: "chat", MaxChars: 200}, guide.LevelModerate, 200, nil},
		{"bad level", Request{Draft: "No.", Level: "loud"}, "", 0, guide.ErrUnknownValue},
		{"bad channel", Request{Draft: "No.", Channel: "fax"}, "", 0, guide.ErrUnknownValue},
		{"bad audience", Request{Draft: "No.", Audience: "boss"}, "", 0, guide.ErrUnknownValue},
		{"negative max", Request{Draft: "No.", MaxChars: -1}, "", 0, guide.ErrUnknownValue},
		{"empty draft", Request{Draft: " \n"}, "", 0, draft.ErrEmpty},
		{"invalid UTF-8", Request{Draft: "No\xff"}, "", 0, draft.ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, level, err := Resolve(g, tt.req)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if level != tt.wantLevel || got.MaxChars != tt.wantMax || got.Level != string(level) {
				t.Errorf("level %s max %d (req.Level %q), want %s %d", level, got.MaxChars, got.Level, tt.wantLevel, tt.wantMax)
			}
		})
	}
}

// A deterministic engine that cannot fix a failure is not asked again and
// again: the loop stops when a repair returns the same text, and the result
// is returned failing with the reason.
func TestRunStopsWithoutProgress(t *testing.T) {
	chk := newChecker(t)
	res, err := Run(context.Background(), rebuilder(guide.Default(), chk), chk, Request{Draft: "No, that won't work.", MaxChars: 40}, Options{MaxAttempts: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pass || len(res.Attempts) != 2 || len(res.Attempts[0].Issues) != 1 {
		t.Errorf("pass=%v attempts=%d issues=%q, want a failing result after 2 attempts with the length issue", res.Pass, len(res.Attempts), res.Attempts[0].Issues)
	}
	if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "same text again") || !strings.Contains(notes, "no candidate passed") {
		t.Errorf("notes %q", res.Notes)
	}
	if _, err := Run(context.Background(), NewRules(guide.Default(), chk), nil, Request{Draft: "No."}, Options{}); err == nil {
		t.Error("Run without a checker should fail")
	}
}
