// Package openaitest is a fake OpenAI-compatible chat-completions endpoint
// on 127.0.0.1 for tests and the soak test. It answers the way the real API
// does, faults included: 401 with invalid_api_key for a wrong key, 404 with
// model_not_found for another model, 429 with Retry-After, retry-after-ms and
// the x-ratelimit-* headers and OpenAI's error bodies, 5xx bodies, and
// replies that hang, trickle a byte at a time, run to megabytes or are not
// JSON at all. What it answers comes from a script (one Reply per request, in
// order) or from a Respond function.
package openaitest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Reply is one answer of the endpoint.
type Reply struct {
	Status  int               // 200 when zero
	Header  map[string]string // extra response headers
	Content string            // the assistant message's content (200)
	Refusal string            // the assistant message's refusal (200)
	Finish  string            // finish_reason; "stop" when empty
	// Body, when set, is sent verbatim instead of a chat completion (an
	// error body, HTML from a proxy, garbage, megabytes).
	Body string
	// Delay before the headers; Hang waits until the client gives up.
	Delay time.Duration
	Hang  bool
	// Trickle sends the body one byte at a time with this pause between.
	Trickle time.Duration
}

// ChatRequest is what the endpoint decodes from each call.
type ChatRequest struct {
	Model               string   `json:"model"`
	Temperature         *float64 `json:"temperature"`
	MaxTokens           *int     `json:"max_tokens"`
	MaxCompletionTokens *int     `json:"max_completion_tokens"`
	Messages            []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	ResponseFormat *struct {
		Type       string `json:"type"`
		JSONSchema *struct {
			Name   string          `json:"name"`
			Schema json.RawMessage `json:"schema"`
			Strict bool            `json:"strict"`
		} `json:"json_schema"`
	} `json:"response_format"`
}

// Key is the API key the endpoint accepts.
const Key = "test-key"

// Server is a running fake endpoint.
type Server struct {
	// URL is the base URL a client is configured with (it ends in /v1).
	URL   string
	Model string

	// Check, when set, vets every well-formed request beyond what the API
	// itself checks; a non-empty answer is reported through Errorf and
	// answered with a 400.
	Check func(ChatRequest) string
	// Respond, when set, answers request n (from 1) instead of the script.
	Respond func(n int, req ChatRequest) Reply
	// Errorf reports what a test should fail on (a request the script did
	// not expect, a failed Check); nil ignores it.
	Errorf func(format string, args ...any)

	srv    *http.Server
	ln     net.Listener
	mu     sync.Mutex
	script []Reply
	reqs   []ChatRequest
	n      int
}

// Start serves the script on a free loopback port until Close.
func Start(model string, script ...Reply) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("openaitest: listen: %w", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String() + "/v1", Model: model, script: script, ln: ln}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.handle), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln) //nolint:errcheck // ends with Close
	return s, nil
}

// Close stops the endpoint, ending any reply still hanging or trickling.
func (s *Server) Close() error { return s.srv.Close() }

// Requests returns the well-formed requests received so far.
func (s *Server) Requests() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChatRequest(nil), s.reqs...)
}

func (s *Server) errorf(format string, args ...any) {
	if s.Errorf != nil {
		s.Errorf(format, args...)
	}
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-request-id", "req_"+strconv.FormatInt(time.Now().UnixNano(), 36))
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		Error(http.StatusNotFound, "invalid_request_error", "", "unknown_url", "Invalid URL ("+r.Method+" "+r.URL.Path+")").write(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+Key {
		Error(http.StatusUnauthorized, "invalid_request_error", "", "invalid_api_key",
			"Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.").write(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	var req ChatRequest
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil {
		Error(http.StatusBadRequest, "invalid_request_error", "", "", "We could not parse the JSON body of your request.").write(w, r)
		return
	}
	if req.Model != s.Model {
		Error(http.StatusNotFound, "invalid_request_error", "model", "model_not_found",
			fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", req.Model)).write(w, r)
		return
	}
	if len(req.Messages) == 0 {
		Error(http.StatusBadRequest, "invalid_request_error", "messages", "empty_array", "[] is too short - 'messages'").write(w, r)
		return
	}
	if s.Check != nil {
		if problem := s.Check(req); problem != "" {
			s.errorf("openaitest: bad request: %s", problem)
			Error(http.StatusBadRequest, "invalid_request_error", "messages", "", problem).write(w, r)
			return
		}
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	s.n++
	n := s.n
	var rp Reply
	switch {
	case s.Respond != nil:
		s.mu.Unlock()
		rp = s.Respond(n, req)
	case len(s.script) > 0:
		rp = s.script[0]
		s.script = s.script[1:]
		s.mu.Unlock()
	default:
		s.mu.Unlock()
		s.errorf("openaitest: unexpected request %d: the script is exhausted", n)
		rp = ServerError(http.StatusInternalServerError)
	}
	rp.completion(req, len(body)).write(w, r)
}

// completion fills in a 200 reply's body: a chat.completion object with
// usage, as the API returns it.
func (rp Reply) completion(req ChatRequest, promptBytes int) Reply {
	if rp.Body != "" || (rp.Status != 0 && rp.Status != http.StatusOK) || rp.Hang {
		return rp
	}
	finish := rp.Finish
	if finish == "" {
		finish = "stop"
	}
	msg := map[string]any{"role": "assistant", "content": rp.Content, "refusal": nil, "annotations": []any{}}
	if rp.Refusal != "" {
		msg["content"], msg["refusal"] = nil, rp.Refusal
	}
	prompt, completion := promptBytes/4, len(rp.Content)/4+1
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 1764000000, "model": req.Model + "-2024-07-18",
		"choices":            []any{map[string]any{"index": 0, "message": msg, "logprobs": nil, "finish_reason": finish}},
		"usage":              map[string]any{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
		"system_fingerprint": "fp_test",
	})
	rp.Body = string(b)
	return rp
}

func (rp Reply) write(w http.ResponseWriter, r *http.Request) {
	if rp.Hang {
		<-r.Context().Done()
		return
	}
	if rp.Delay > 0 {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(rp.Delay):
		}
	}
	for k, v := range rp.Header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	status := rp.Status
	if status == 0 {
		status = http.StatusOK
	}
	if rp.Trickle <= 0 {
		w.Header().Set("Content-Length", strconv.Itoa(len(rp.Body)))
		w.WriteHeader(status)
		io.WriteString(w, rp.Body) //nolint:errcheck // the client may be gone
		return
	}
	w.WriteHeader(status)
	flusher, _ := w.(http.Flusher)
	for i := 0; i < len(rp.Body); i++ {
		if _, err := w.Write([]byte{rp.Body[i]}); err != nil {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(rp.Trickle):
		}
	}
}

// JSON is a 200 reply whose content is the structured output pushback asks
// for: {"rewrite": text, "level": level, "kept_facts": facts}.
func JSON(text, level string, facts ...string) Reply {
	if facts == nil {
		facts = []string{}
	}
	b, _ := json.Marshal(map[string]any{"rewrite": text, "level": level, "kept_facts": facts})
	return Reply{Content: string(b)}
}

// Error is an error reply with OpenAI's body:
// {"error": {"message", "type", "param", "code"}}.
func Error(status int, typ, param, code, msg string) Reply {
	e := map[string]any{"message": msg, "type": typ, "param": nil, "code": nil}
	if param != "" {
		e["param"] = param
	}
	if code != "" {
		e["code"] = code
	}
	b, _ := json.Marshal(map[string]any{"error": e})
	return Reply{Status: status, Body: string(b)}
}

// RateLimited is a 429 for too many requests. retryAfter > 0 sends
// Retry-After (whole seconds, rounded up) and retry-after-ms, as Azure
// OpenAI does; 0 sends only OpenAI's x-ratelimit-* headers and the wait in
// the message, as api.openai.com does.
func RateLimited(retryAfter time.Duration) Reply {
	wait := retryAfter
	if wait <= 0 {
		wait = 20 * time.Second
	}
	rp := Error(http.StatusTooManyRequests, "requests", "", "rate_limit_exceeded",
		fmt.Sprintf("Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in %s. Visit https://platform.openai.com/account/rate-limits to learn more.", wait))
	rp.Header = map[string]string{
		"x-ratelimit-limit-requests":     "3",
		"x-ratelimit-remaining-requests": "0",
		"x-ratelimit-reset-requests":     wait.String(),
		"x-ratelimit-limit-tokens":       "40000",
		"x-ratelimit-remaining-tokens":   "39000",
		"x-ratelimit-reset-tokens":       "1.5s",
	}
	if retryAfter > 0 {
		secs := (retryAfter + time.Second - 1) / time.Second
		rp.Header["Retry-After"] = strconv.FormatInt(int64(secs), 10)
		rp.Header["retry-after-ms"] = strconv.FormatInt(retryAfter.Milliseconds(), 10)
	}
	return rp
}

// QuotaExhausted is the 429 OpenAI sends when the account is out of
// credit: waiting does not help.
func QuotaExhausted() Reply {
	return Error(http.StatusTooManyRequests, "insufficient_quota", "", "insufficient_quota",
		"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.")
}

// ServerError is a 5xx with the body OpenAI sends for it (502 comes from a
// proxy, as HTML).
func ServerError(status int) Reply {
	switch status {
	case http.StatusBadGateway:
		return Reply{Status: status, Header: map[string]string{"Content-Type": "text/html"},
			Body: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"}
	case http.StatusServiceUnavailable:
		return Error(status, "server_error", "", "", "The engine is currently overloaded, please try again later.")
	}
	return Error(status, "server_error", "", "", "The server had an error while processing your request. Sorry about that!")
}

// Garbage is a 200 whose body is not a chat completion.
func Garbage() Reply {
	return Reply{Header: map[string]string{"Content-Type": "text/plain"}, Body: "upstream connect error or disconnect/reset before headers. reset reason: overflow"}
}

// Huge is a 200 chat completion whose content is n bytes long.
func Huge(n int) Reply {
	return Reply{Content: strings.Repeat("x", n)}
}
