package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	mcpserver "github.com/mark3labs/mcp-go/server"
)

const initBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"http-test","version":"1"}}}`

// newHTTP serves Handler on a real loopback listener (httptest binds
// 127.0.0.1), so the DNS-rebinding checks see a loopback connection.
func newHTTP(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	h := NewHTTPHandler(s, opts)
	ts := httptest.NewServer(h)
	t.Cleanup(func() {
		ts.Close()
		h.Close(context.Background())
	})
	return ts
}

type httpCase struct {
	name       string
	method     string
	path       string
	body       io.Reader
	header     map[string]string
	host       string
	chunked    bool
	wantStatus int
	wantBody   string
}

func doHTTP(t *testing.T, ts *httptest.Server, tc httpCase) (*http.Response, string) {
	t.Helper()
	ctx := testCtx(t)
	req, err := http.NewRequestWithContext(ctx, tc.method, ts.URL+tc.path, tc.body)
	if err != nil {
		t.Fatal(err)
	}
	if tc.method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
	}
	for k, v := range tc.header {
		req.Header.Set(k, v)
	}
	if tc.host != "" {
		req.Host = tc.host
	}
	if tc.chunked {
		req.ContentLength = -1
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", tc.method, tc.path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func runHTTPCases(t *testing.T, ts *httptest.Server, cases []httpCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := doHTTP(t, ts, tc)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d; body %q", resp.StatusCode, tc.wantStatus, body)
			}
			if !strings.Contains(body, tc.wantBody) {
				t.Errorf("body %q does not contain %q", body, tc.wantBody)
			}
		})
	}
}

func post(body string) io.Reader { return strings.NewReader(body) }

func TestHTTPHardening(t *testing.T) {
	ts := newHTTP(t, Options{Version: "9.9.9", AllowedOrigins: []string{"https://app.example.com"}, MaxBodyBytes: 4096})
	big := `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"` + strings.Repeat("x", 5000) + `"}}`
	runHTTPCases(t, ts, []httpCase{
		{name: "healthz", method: http.MethodGet, path: HealthPath, wantStatus: 200, wantBody: `"status":"ok"`},
		{name: "healthz reports the version", method: http.MethodGet, path: HealthPath, wantStatus: 200, wantBody: `"version":"9.9.9"`},
		{name: "healthz wrong method", method: http.MethodPost, path: HealthPath, body: post("{}"), wantStatus: 405},
		{name: "initialize", method: http.MethodPost, path: EndpointPath, body: post(initBody), wantStatus: 200, wantBody: `"name":"pushback"`},
		{name: "localhost Host", method: http.MethodPost, path: EndpointPath, body: post(initBody), host: "localhost:1234", wantStatus: 200},
		{name: "rebinding Host on the MCP endpoint", method: http.MethodPost, path: EndpointPath, body: post(initBody), host: "evil.example:80", wantStatus: 403, wantBody: "evil.example"},
		{name: "rebinding Host on healthz", method: http.MethodGet, path: HealthPath, host: "attacker.test", wantStatus: 403},
		{name: "foreign Origin", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": "https://evil.example"}, wantStatus: 403, wantBody: "Origin"},
		{name: "null Origin", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": "null"}, wantStatus: 403},
		{name: "loopback Origin", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": "http://localhost:5173"}, wantStatus: 200},
		{name: "allowed Origin", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": "https://app.example.com"}, wantStatus: 200},
		{name: "body over the limit", method: http.MethodPost, path: EndpointPath, body: post(big), wantStatus: 413, wantBody: "4096"},
		{name: "chunked body over the limit", method: http.MethodPost, path: EndpointPath, body: io.MultiReader(post(big)), chunked: true, wantStatus: 413},
		{name: "no token needed when none is set", method: http.MethodPost, path: EndpointPath, body: post(initBody), wantStatus: 200},
	})
}

func TestHTTPToken(t *testing.T) {
	ts := newHTTP(t, Options{Token: "s3cret-token"})
	runHTTPCases(t, ts, []httpCase{
		{name: "no Authorization", method: http.MethodPost, path: EndpointPath, body: post(initBody), wantStatus: 401, wantBody: "Bearer"},
		{name: "wrong token", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "Bearer nope"}, wantStatus: 401},
		{name: "token prefix only", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "Bearer s3cret"}, wantStatus: 401},
		{name: "not a bearer", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "Basic s3cret-token"}, wantStatus: 401},
		{name: "lower-case scheme", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "bearer s3cret-token"}, wantStatus: 200},
		{name: "token with a suffix", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "Bearer s3cret-token2"}, wantStatus: 401},
		{name: "empty bearer", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "Bearer "}, wantStatus: 401},
		{name: "right token", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Authorization": "Bearer s3cret-token"}, wantStatus: 200, wantBody: `"name":"pushback"`},
		{name: "healthz needs it too", method: http.MethodGet, path: HealthPath, wantStatus: 401},
		{name: "healthz with token", method: http.MethodGet, path: HealthPath, header: map[string]string{"Authorization": "Bearer s3cret-token"}, wantStatus: 200},
	})
}

func TestCheckBind(t *testing.T) {
	cases := []struct {
		addr, token string
		wantErr     error
	}{
		{"127.0.0.1:8080", "", nil},
		{"127.0.0.1:0", "", nil},
		{"localhost:8080", "", nil},
		{"[::1]:8080", "", nil},
		{":8080", "", ErrInsecureBind},
		{"0.0.0.0:8080", "", ErrInsecureBind},
		{"192.168.1.10:8080", "", ErrInsecureBind},
		{"[::]:8080", "", ErrInsecureBind},
		{"0.0.0.0:8080", "t0ken", nil},
	}
	for _, tc := range cases {
		t.Run(tc.addr, func(t *testing.T) {
			if err := CheckBind(tc.addr, tc.token); !errors.Is(err, tc.wantErr) {
				t.Fatalf("CheckBind(%q) = %v, want %v", tc.addr, err, tc.wantErr)
			}
		})
	}
	if err := CheckBind("8080", ""); err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("CheckBind(8080) = %v, want a host:port error", err)
	}
}

func TestServeHTTPGracefulShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, Options{HTTPAddr: "127.0.0.1:0", Ready: func(a net.Addr) { addrc <- a }}) }()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("Serve returned early: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("server did not start")
	}
	resp, err := http.Get("http://" + addr.String() + HealthPath)
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&health); err != nil || health["status"] != "ok" {
		t.Errorf("healthz = %v, %v", health, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve after cancel = %v, want nil", err)
		}
	case <-time.After(ShutdownTimeout + time.Second):
		t.Fatal("Serve did not shut down")
	}
	if _, err := http.Get("http://" + addr.String() + HealthPath); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestServeRefusesInsecureBind(t *testing.T) {
	err := Serve(context.Background(), Options{HTTPAddr: "0.0.0.0:0"})
	if !errors.Is(err, ErrInsecureBind) {
		t.Fatalf("Serve on 0.0.0.0 without token = %v, want ErrInsecureBind", err)
	}
}

func TestServeStdio(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	var logs strings.Builder
	logger := slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	go func() { done <- Serve(ctx, Options{Stdin: inR, Stdout: outW, Logger: logger}) }()
	go io.WriteString(inW, initBody+"\n")
	lines := bufio.NewScanner(outR)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	got := make(chan string, 1)
	go func() {
		if lines.Scan() {
			got <- lines.Text()
		}
	}()
	select {
	case line := <-got:
		var msg struct {
			ID     int `json:"id"`
			Result struct {
				ServerInfo struct{ Name string } `json:"serverInfo"`
			} `json:"result"`
		}
		if err := json.Unmarshal([]byte(line), &msg); err != nil || msg.Result.ServerInfo.Name != Name {
			t.Fatalf("initialize reply %q: %v", line, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reply on stdout")
	}
	// Everything on stdout is protocol, even while the server logs. (Tool
	// calls run concurrently, so send them only after the handshake.)
	go func() {
		io.WriteString(inW, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n")
		io.WriteString(inW, `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"check_draft","arguments":{"draft":""}}}`+"\n")
	}()
	go func() {
		for lines.Scan() {
			got <- lines.Text()
		}
	}()
	select {
	case line := <-got:
		var msg struct {
			ID     int `json:"id"`
			Result struct {
				IsError bool `json:"isError"`
			} `json:"result"`
		}
		if err := json.Unmarshal([]byte(line), &msg); err != nil || msg.ID != 2 || !msg.Result.IsError {
			t.Fatalf("tools/call reply %q (%v): want id 2 with isError", line, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no tools/call reply on stdout")
	}
	cancel()
	inW.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve stdio after cancel = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stdio server did not stop")
	}
	outR.Close()
	if !strings.Contains(logs.String(), "tool call") {
		t.Errorf("the tool call was not logged to the logger: %q", logs.String())
	}
}

// syncWriter serialises writes from the server's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// TestLibraryRebindingProtection verifies the second layer: mcp-go's own
// localhost protection, which Handler leaves on, also refuses a foreign
// Host on a loopback connection.
func TestLibraryRebindingProtection(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(mcpserver.NewStreamableHTTPServer(s, mcpserver.WithEndpointPath(EndpointPath)))
	t.Cleanup(ts.Close)
	runHTTPCases(t, ts, []httpCase{
		{name: "foreign Host", method: http.MethodPost, path: EndpointPath, body: post(initBody), host: "evil.example", wantStatus: 403},
		{name: "loopback Host", method: http.MethodPost, path: EndpointPath, body: post(initBody), wantStatus: 200},
	})
}
