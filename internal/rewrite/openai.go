package rewrite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
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
	// around it. When nil, a transport like http.DefaultTransport that
	// gives up connecting after DialTimeout.
	HTTPClient *http.Client
	// MaxRetries on 429, 5xx and connection errors (3 when zero; negative
	// disables); the delay starts at RetryBase (500ms when zero) and
	// doubles with jitter. A Retry-After (or retry-after-ms, or OpenAI's
	// x-ratelimit-reset-*) is honoured when it fits the rewrite's deadline;
	// when it does not, the call ends at once with a RateLimitError.
	MaxRetries int
	RetryBase  time.Duration
	MaxTokens  int // completion token limit; 1024 when zero
	// MaxReplyBytes bounds the body of a reply read from the endpoint
	// (DefaultMaxReplyBytes when zero): a longer one ends the attempt with
	// ErrReplyTooLarge instead of being read into memory.
	MaxReplyBytes int64
}

// DefaultMaxReplyBytes bounds a model's reply: a 20,000-character rewrite
// written entirely in \u escapes, in its JSON envelope, is under 150 KB.
const DefaultMaxReplyBytes = 1 << 20

// DialTimeout is how long the default transport waits to connect to the
// endpoint: one that does not accept a connection in this time is down.
const DialTimeout = 5 * time.Second

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
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = 1024
	}
	if cfg.MaxReplyBytes <= 0 {
		cfg.MaxReplyBytes = DefaultMaxReplyBytes
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
		base = defaultTransport()
	}
	wrapped := *hc
	wrapped.Transport = &retryTransport{base: base, max: cfg.MaxRetries, baseDelay: cfg.RetryBase, maxReply: cfg.MaxReplyBytes}
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

// classify sorts a failed call: errors another attempt cannot fix wrap
// ErrPermanent; an endpoint that is rate limiting is a *RateLimitError and
// one that is down or failing wraps ErrUnavailable (the retries are spent,
// so the rewrite stops there); anything else (a reply too large or not
// JSON) is left for the next attempt.
func classify(err error) error {
	var rl *RateLimitError
	if errors.As(err, &rl) {
		return rl
	}
	if errors.Is(err, ErrUnavailable) || errors.Is(err, ErrReplyTooLarge) {
		// Drop the client's `Post "https://..."` prefix: the engine's
		// description already says where it calls.
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err
		}
		return err
	}
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
	case status == http.StatusTooManyRequests:
		rl := &RateLimitError{}
		if apiErr != nil {
			rl.Message = apiErr.Message
		}
		return rl
	case status >= 400 && status < 500 && status != http.StatusRequestTimeout:
		return fmt.Errorf("%w: the endpoint rejected the request: %v", ErrPermanent, err)
	case status >= 500 || status == http.StatusRequestTimeout:
		return fmt.Errorf("%w: the endpoint kept failing after retries: %v", ErrUnavailable, err)
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

// defaultTransport is http.DefaultTransport with a short connect timeout:
// a model endpoint that does not accept a connection in seconds is down,
// and waiting the default 30 s for it leaves the user without an answer.
func defaultTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: DialTimeout, KeepAlive: 30 * time.Second}).DialContext
	return t
}

// retryTransport retries 429, 5xx and connection errors with jittered
// exponential backoff, honouring Retry-After when it fits the request's
// deadline, and bounds the replies it passes on.
type retryTransport struct {
	base      http.RoundTripper
	max       int
	baseDelay time.Duration
	maxReply  int64
}

type retryStatsKey struct{}

type retryStats struct {
	retries int
	reasons []string
}

// maxErrorBody bounds an error reply read from the endpoint (an API error
// is a few hundred bytes; a proxy's HTML page a few kilobytes).
const maxErrorBody = 64 << 10

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	stats, _ := ctx.Value(retryStatsKey{}).(*retryStats)
	for n := 0; ; n++ {
		if n > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, fmt.Errorf("rewind request body: %w", err)
			}
			req.Body = body
		}
		resp, err := t.base.RoundTrip(req)
		if ctx.Err() != nil {
			if resp != nil {
				resp.Body.Close()
			}
			return nil, err
		}
		var reason, status string
		var wait time.Duration
		asked := false // the endpoint said how long to wait
		switch {
		case err != nil:
			reason, status = "a connection error", "could not connect to the model endpoint"
		case resp.StatusCode == http.StatusTooManyRequests && quotaExhausted(resp):
			return resp, nil // waiting does not refill a quota
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			reason = "HTTP " + strconv.Itoa(resp.StatusCode)
			status = "the model endpoint answered " + reason
			if resp.StatusCode == http.StatusTooManyRequests {
				status = "rate limited by the model endpoint (HTTP 429)"
			}
			wait, asked = retryAfter(resp.Header)
		default:
			if resp.StatusCode < 300 {
				resp.Body = &boundedBody{rc: resp.Body, left: t.maxReply, limit: t.maxReply}
			} else {
				resp.Body = &boundedBody{rc: resp.Body, left: maxErrorBody, limit: maxErrorBody}
			}
			return resp, nil
		}
		if !asked {
			// Full jitter over an exponential window.
			window := t.baseDelay << n
			wait = window/2 + rand.N(window/2+1)
		}
		deadline, hasDeadline := ctx.Deadline()
		fits := !hasDeadline || time.Until(deadline) > wait+minCallTime
		if n >= t.max || (req.Body != nil && req.GetBody == nil) || !fits {
			return t.giveUp(resp, err, wait, asked)
		}
		discard(resp)
		if stats != nil {
			stats.retries++
			stats.reasons = appendOnce(stats.reasons, reason)
		}
		setStatus(ctx, fmt.Sprintf("%s; retrying in %s", status, roundUp(wait)))
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
		setStatus(ctx, "")
	}
}

// minCallTime is the least a model call needs after a wait for a retry to
// be worth making before the deadline.
const minCallTime = time.Second

// giveUp ends the retries: a rate limit becomes a RateLimitError with the
// wait the endpoint asked for, a connection error wraps ErrUnavailable, and
// a 5xx is passed on (classify makes it ErrUnavailable).
func (t *retryTransport) giveUp(resp *http.Response, err error, wait time.Duration, asked bool) (*http.Response, error) {
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	case resp.StatusCode == http.StatusTooManyRequests:
		rl := &RateLimitError{Message: errorMessage(resp)}
		if asked {
			rl.RetryAfter = wait
		}
		discard(resp)
		return nil, rl
	case asked && resp.StatusCode == http.StatusServiceUnavailable:
		discard(resp)
		return nil, fmt.Errorf("%w: HTTP 503, retry after %s", ErrUnavailable, roundUp(wait))
	}
	resp.Body = &boundedBody{rc: resp.Body, left: maxErrorBody, limit: maxErrorBody}
	return resp, nil
}

// discard drains a little of an unwanted response, so the connection can be
// reused, and closes it.
func discard(resp *http.Response) *http.Response {
	if resp != nil {
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody)) //nolint:errcheck // best effort
		resp.Body.Close()
	}
	return nil
}

// errorMessage is the message of an OpenAI error body, or "".
func errorMessage(resp *http.Response) string {
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if err != nil || json.Unmarshal(b, &e) != nil {
		return ""
	}
	return clip(e.Error.Message, 300)
}

// ErrReplyTooLarge ends an attempt whose reply is longer than
// OpenAIConfig.MaxReplyBytes.
var ErrReplyTooLarge = errors.New("the model's reply is too large")

// boundedBody reads at most limit bytes of a reply and then fails with
// ErrReplyTooLarge, so a runaway reply costs its limit and no more.
type boundedBody struct {
	rc          io.ReadCloser
	left, limit int64
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells a reply of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, fmt.Errorf("%w: over %d bytes", ErrReplyTooLarge, b.limit)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error { return b.rc.Close() }

// quotaExhausted reports whether a 429 says the account is out of quota
// (OpenAI's insufficient_quota) rather than rate limited. The body is read
// and put back.
func quotaExhausted(resp *http.Response) bool {
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return err == nil && bytes.Contains(b, []byte("insufficient_quota"))
}

// retryAfter reads how long the endpoint asks to wait: retry-after-ms,
// Retry-After (seconds or an HTTP date), or OpenAI's x-ratelimit-reset-*
// (the later of requests and tokens, e.g. "6m0s"). ok is false when it does
// not say.
func retryAfter(h http.Header) (d time.Duration, ok bool) {
	if ms := h.Get("Retry-After-Ms"); ms != "" {
		if v, err := strconv.ParseFloat(ms, 64); err == nil && v >= 0 {
			return time.Duration(v * float64(time.Millisecond)), true
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
			return time.Duration(s * float64(time.Second)), true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(0, time.Until(t)), true
		}
	}
	for _, k := range []string{"X-Ratelimit-Reset-Requests", "X-Ratelimit-Reset-Tokens"} {
		if v, err := time.ParseDuration(h.Get(k)); err == nil && v > 0 && (h.Get("X-Ratelimit-Remaining-"+strings.TrimPrefix(k, "X-Ratelimit-Reset-")) == "0") {
			d, ok = max(d, v), true
		}
	}
	return d, ok
}

// roundUp says a wait in whole seconds, rounded up ("3 s").
func roundUp(d time.Duration) string {
	return fmt.Sprintf("%d s", int64((d+time.Second-1)/time.Second))
}
