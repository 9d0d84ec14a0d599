package rewrite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/pushback/pushback/internal/guide"
)

// Structured-output modes, from strictest to loosest.
const (
	ModeJSONSchema = "json_schema"
	ModeJSONObject = "json_object"
	ModeText       = "text"
	ModeRules      = "rules"
)

// Outcomes of a model call that are not transport errors; Run records them
// on the attempt and tries again.
var (
	ErrEmptyReply = errors.New("the model returned no text")
	ErrRefusal    = errors.New("the model refused")
	ErrTruncated  = errors.New("the model's reply was cut off at its length limit")
	ErrMalformed  = errors.New("the model's reply is not the JSON asked for")
)

// OpenAIConfig configures the openai engine. Only Model is required; see
// PROVIDERS.md for each provider's values.
type OpenAIConfig struct {
	APIKey     string
	BaseURL    string // e.g. http://127.0.0.1:11434/v1 for Ollama; empty for OpenAI
	Model      string // the Azure deployment name when Azure is set
	Azure      bool
	APIVersion string // Azure only; DefaultAzureAPIVersion when empty
	// HTTPClient is used for every call; its Transport gets retries wrapped
	// around it. http.DefaultTransport when nil.
	HTTPClient *http.Client
	// MaxRetries on 429, 5xx and connection errors (3 when zero; negative
	// disables); the delay starts at RetryBase (500ms when zero), doubles
	// with jitter, and honours Retry-After up to MaxRetryAfter (20s when zero).
	MaxRetries    int
	RetryBase     time.Duration
	MaxRetryAfter time.Duration
	MaxTokens     int // completion token limit; 1024 when zero
}

// DefaultModel is the model used when none is configured.
const DefaultModel = "gpt-4o-mini"

// errAzureEndpoint is what both Config.Validate and NewOpenAI say when Azure
// is asked for without an endpoint.
var errAzureEndpoint = fmt.Errorf("%w: Azure OpenAI needs an endpoint (AZURE_OPENAI_ENDPOINT or --base-url)", ErrNotConfigured)

// DefaultAzureAPIVersion is the Azure OpenAI API version used when none is
// configured.
const DefaultAzureAPIVersion = "2024-10-21"

// OpenAI is the engine for any OpenAI-compatible chat-completions endpoint.
// It starts in json_schema mode and falls back, for the rest of its life, to
// json_object and then text when the endpoint rejects the response format.
type OpenAI struct {
	g      *guide.Guide
	client *openai.Client
	cfg    OpenAIConfig

	mu   sync.Mutex
	mode string
	// Parameters some models reject (reasoning models, strict local
	// servers), learnt from the library's validator or a 400 and then
	// left out for the rest of the engine's life.
	noTemperature       bool
	maxCompletionTokens bool
}

// NewOpenAI returns an engine for the endpoint cfg describes.
func NewOpenAI(g *guide.Guide, cfg OpenAIConfig) (*OpenAI, error) {
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 3
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = 500 * time.Millisecond
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = 20 * time.Second
	}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = 1024
	}
	var oc openai.ClientConfig
	if cfg.Azure {
		if cfg.BaseURL == "" {
			return nil, errAzureEndpoint
		}
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		oc.APIVersion = cfg.APIVersion
		if oc.APIVersion == "" {
			oc.APIVersion = DefaultAzureAPIVersion
		}
		oc.AzureModelMapperFunc = func(model string) string { return model } // the model is the deployment
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		}
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	wrapped := *hc
	wrapped.Transport = &retryTransport{base: base, max: cfg.MaxRetries, baseDelay: cfg.RetryBase, maxAfter: cfg.MaxRetryAfter}
	oc.HTTPClient = &wrapped
	return &OpenAI{g: g, client: openai.NewClientWithConfig(oc), cfg: cfg, mode: ModeJSONSchema}, nil
}

// Name is "openai".
func (e *OpenAI) Name() string { return "openai" }

// Model is the configured model (or Azure deployment).
func (e *OpenAI) Model() string { return e.cfg.Model }

// Mode is the structured-output mode the next call will use.
func (e *OpenAI) Mode() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.mode
}

// Generate asks the model for one candidate.
func (e *OpenAI) Generate(ctx context.Context, req Request, level guide.Level, fb *Feedback) (Generation, error) {
	gen := Generation{Model: e.cfg.Model}
	stats := &retryStats{}
	ctx = context.WithValue(ctx, retryStatsKey{}, stats)
	for {
		mode := e.Mode()
		gen.Mode = mode
		creq, err := e.request(req, level, fb, mode)
		if err != nil {
			return gen, err
		}
		resp, err := e.client.CreateChatCompletion(ctx, creq)
		if err != nil && e.adaptParams(err) {
			gen.Notes = appendOnce(gen.Notes, "the model rejects temperature or max_tokens; sent without them")
			continue
		}
		if stats.retries > 0 {
			gen.Notes = appendOnce(gen.Notes, fmt.Sprintf("retried %d time(s) after %s", stats.retries, strings.Join(stats.reasons, ", ")))
		}
		if err != nil {
			if next, ok := fallback(mode, err); ok {
				e.mu.Lock()
				if e.mode == mode {
					e.mode = next
				}
				e.mu.Unlock()
				gen.Notes = appendOnce(gen.Notes, fmt.Sprintf("the endpoint does not support %s output; fell back to %s", mode, next))
				continue
			}
			return gen, classify(err)
		}
		if resp.Model != "" {
			gen.Model = resp.Model
		}
		gen.Usage = Usage{PromptTokens: resp.Usage.PromptTokens, CompletionTokens: resp.Usage.CompletionTokens, TotalTokens: resp.Usage.TotalTokens}
		text, err := parseReply(resp, mode)
		gen.Text = text
		return gen, err
	}
}

func (e *OpenAI) request(req Request, level guide.Level, fb *Feedback, mode string) (openai.ChatCompletionRequest, error) {
	system, turns, err := Prompt(e.g, req, level, fb, mode)
	if err != nil {
		return openai.ChatCompletionRequest{}, err
	}
	msgs := []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleSystem, Content: system}}
	for _, t := range turns {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: t.Role, Content: t.Content})
	}
	// max_tokens, which OpenAI deprecated, is the limit Ollama, vLLM and
	// llama.cpp's server read; reasoning models get max_completion_tokens.
	//lint:ignore SA1019 deliberate, see above
	creq := openai.ChatCompletionRequest{Model: e.cfg.Model, Messages: msgs, MaxTokens: e.cfg.MaxTokens, Temperature: 0.3}
	e.mu.Lock()
	noTemp, mct := e.noTemperature, e.maxCompletionTokens
	e.mu.Unlock()
	if mct || openai.NewReasoningValidator().Validate(creq) != nil {
		// Reasoning models (o-series, gpt-5) take max_completion_tokens and
		// no sampling parameters.
		//lint:ignore SA1019 clears the deprecated field for these models
		creq.MaxTokens, creq.MaxCompletionTokens, creq.Temperature = 0, e.cfg.MaxTokens*4, 0
	}
	if noTemp {
		creq.Temperature = 0
	}
	switch mode {
	case ModeJSONSchema:
		creq.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: "pushback_rewrite", Description: "A rewritten pushback message.",
				Schema: OutputSchema(), Strict: true,
			},
		}
	case ModeJSONObject:
		creq.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	return creq, nil
}

// adaptParams learns from a 400 that names temperature or max_tokens (or
// the library's own reasoning-model check) and reports whether to retry.
func (e *OpenAI) adaptParams(err error) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusBadRequest {
		text := strings.ToLower(apiErr.Message)
		if apiErr.Param != nil {
			text += " " + strings.ToLower(*apiErr.Param)
		}
		switch {
		case strings.Contains(text, "temperature") && !e.noTemperature:
			e.noTemperature = true
			return true
		case strings.Contains(text, "max_tokens") && !e.maxCompletionTokens:
			e.maxCompletionTokens = true
			return true
		}
	}
	return false
}

// fallback says which mode to try when err says the endpoint rejects mode.
func fallback(mode string, err error) (string, bool) {
	if mode == ModeText {
		return "", false
	}
	status, msg := 0, ""
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status, msg = apiErr.HTTPStatusCode, apiErr.Message
		if apiErr.Param != nil {
			msg += " " + *apiErr.Param
		}
	case errors.As(err, &reqErr):
		status, msg = reqErr.HTTPStatusCode, string(reqErr.Body)
	}
	if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity && status != http.StatusNotImplemented {
		return "", false
	}
	msg = strings.ToLower(msg)
	if !strings.Contains(msg, "response_format") && !strings.Contains(msg, "json_schema") && !strings.Contains(msg, "json_object") &&
		!strings.Contains(msg, "structured output") && !strings.Contains(msg, "response format") {
		return "", false
	}
	if mode == ModeJSONSchema {
		return ModeJSONObject, true
	}
	return ModeText, true
}

// classify wraps errors that another attempt cannot fix in ErrPermanent.
func classify(err error) error {
	status := 0
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	switch {
	case status == http.StatusTooManyRequests && apiErr != nil && (apiErr.Type == "insufficient_quota" || apiErr.Code == "insufficient_quota"):
		return fmt.Errorf("%w: the account's quota is exhausted (check the plan and billing): %v", ErrPermanent, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return fmt.Errorf("%w: the endpoint rejected the credentials (check OPENAI_API_KEY): %v", ErrPermanent, err)
	case status == http.StatusNotFound:
		return fmt.Errorf("%w: the endpoint or model was not found (check OPENAI_BASE_URL and PUSHBACK_MODEL): %v", ErrPermanent, err)
	case status >= 400 && status < 500 && status != http.StatusTooManyRequests && status != http.StatusRequestTimeout:
		return fmt.Errorf("%w: the endpoint rejected the request: %v", ErrPermanent, err)
	case status == http.StatusTooManyRequests || status >= 500:
		return fmt.Errorf("the endpoint kept failing after retries: %w", err)
	}
	return fmt.Errorf("call the endpoint: %w", err)
}

// parseReply turns a completion into the candidate text, or a clear outcome.
func parseReply(resp openai.ChatCompletionResponse, mode string) (string, error) {
	if len(resp.Choices) == 0 {
		return "", ErrEmptyReply
	}
	c := resp.Choices[0]
	if r := strings.TrimSpace(c.Message.Refusal); r != "" {
		return "", fmt.Errorf("%w: %s", ErrRefusal, clip(r, 200))
	}
	if c.FinishReason == openai.FinishReasonContentFilter {
		return "", fmt.Errorf("%w: the reply was withheld by the endpoint's content filter", ErrRefusal)
	}
	if c.FinishReason == openai.FinishReasonLength {
		return "", ErrTruncated
	}
	content := strings.TrimSpace(c.Message.Content)
	if content == "" {
		return "", ErrEmptyReply
	}
	if mode == ModeText && !strings.HasPrefix(stripFence(content), "{") {
		return stripFence(content), nil
	}
	var out Output
	if err := json.Unmarshal([]byte(stripFence(content)), &out); err != nil {
		if mode == ModeText {
			return stripFence(content), nil
		}
		return "", fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if strings.TrimSpace(out.Rewrite) == "" {
		return "", fmt.Errorf("%w: the \"rewrite\" field is missing or empty", ErrMalformed)
	}
	return strings.TrimSpace(out.Rewrite), nil
}

// stripFence removes a Markdown code fence around the whole reply.
func stripFence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "```") || !strings.HasSuffix(s, "```") || len(s) < 6 {
		return s
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "```"), "```")
	if i := strings.IndexByte(s, '\n'); i >= 0 && !strings.ContainsAny(s[:i], "{ ") {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func appendOnce(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// retryTransport retries 429, 5xx and connection errors with jittered
// exponential backoff, honouring Retry-After (capped) and the context.
type retryTransport struct {
	base      http.RoundTripper
	max       int
	baseDelay time.Duration
	maxAfter  time.Duration
}

type retryStatsKey struct{}

type retryStats struct {
	retries int
	reasons []string
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	stats, _ := req.Context().Value(retryStatsKey{}).(*retryStats)
	for n := 0; ; n++ {
		if n > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, fmt.Errorf("rewind request body: %w", err)
			}
			req.Body = body
		}
		resp, err := t.base.RoundTrip(req)
		if req.Context().Err() != nil {
			return resp, err
		}
		var reason string
		var wait time.Duration
		switch {
		case err != nil:
			reason = "a connection error"
		case resp.StatusCode == http.StatusTooManyRequests && quotaExhausted(resp):
			return resp, nil // waiting does not refill a quota
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			reason = "HTTP " + strconv.Itoa(resp.StatusCode)
			wait = retryAfter(resp.Header, t.maxAfter)
		default:
			return resp, nil
		}
		if n >= t.max || (req.Body != nil && req.GetBody == nil) {
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		if wait == 0 {
			// Full jitter over an exponential window.
			window := t.baseDelay << n
			wait = window/2 + rand.N(window/2+1)
		}
		if stats != nil {
			stats.retries++
			stats.reasons = appendOnce(stats.reasons, reason)
		}
		timer := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return nil, req.Context().Err()
		case <-timer.C:
		}
	}
}

// quotaExhausted reports whether a 429 says the account is out of quota
// (OpenAI's insufficient_quota) rather than rate limited. The body is read
// and put back.
func quotaExhausted(resp *http.Response) bool {
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return err == nil && bytes.Contains(b, []byte("insufficient_quota"))
}

// retryAfter reads Retry-After (seconds or an HTTP date) or OpenAI's
// retry-after-ms, capped at max; 0 when absent.
func retryAfter(h http.Header, max time.Duration) time.Duration {
	var d time.Duration
	if ms := h.Get("Retry-After-Ms"); ms != "" {
		if v, err := strconv.ParseFloat(ms, 64); err == nil && v > 0 {
			d = time.Duration(v * float64(time.Millisecond))
		}
	}
	if v := h.Get("Retry-After"); d == 0 && v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
			d = time.Duration(s * float64(time.Second))
		} else if t, err := http.ParseTime(v); err == nil {
			d = time.Until(t)
		}
	}
	if d < 0 {
		d = 0
	}
	if d > max {
		d = max
	}
	return d
}
