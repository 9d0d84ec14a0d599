package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/guide"
)

// target is a server binary driven by the tests: pushback itself, and the
// minimal mcp-go echo server that checks the harness and sets the floor.
type target struct {
	name     string
	bin      string
	stdio    []string // arguments for stdio
	http     []string // arguments for HTTP; "{addr}" is the listen address
	pushback bool     // pushback's own tools, resources and prompts are asserted
}

var (
	echoTarget     target
	pushbackTarget target
	// pushbackServes is false while `pushback serve` has not landed yet.
	pushbackServes bool
	nodeTools      string // internal/e2e/conformance, holding node_modules
)

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "pushback-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	root, err := ModuleRoot(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	nodeTools = root + "/internal/e2e/conformance"
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pb, err := Build(ctx, root, "./cmd/pushback", dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	echo, err := Build(ctx, root, "./internal/e2e/cmd/echoserver", dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	echoTarget = target{name: "echoserver", bin: echo, http: []string{"--http", "{addr}"}}
	pushbackTarget = target{name: "pushback", bin: pb, stdio: []string{"serve"}, http: []string{"serve", "--http", "{addr}"}, pushback: true}
	// `pushback serve -h` exits 0 once the serve command exists.
	pushbackServes = exec.CommandContext(ctx, pb, "serve", "-h").Run() == nil
	return m.Run()
}

// targets returns the servers to test: always the echo server, and pushback
// once `pushback serve` exists.
func targets(t *testing.T) []target {
	t.Helper()
	if !pushbackServes {
		t.Log("pushback serve does not exist yet: testing the echo server only")
		return []target{echoTarget}
	}
	return []target{echoTarget, pushbackTarget}
}

func requirePushback(t *testing.T) {
	t.Helper()
	if !pushbackServes {
		t.Skip("pushback serve does not exist yet")
	}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestStdio drives each server over stdio with mcp-go's client, the way a
// desktop host does.
func TestStdio(t *testing.T) {
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			ctx := testContext(t)
			var stderr SyncBuffer
			c, err := client.NewStdioMCPClientWithOptions(tg.bin, os.Environ(), tg.stdio, transport.WithCommandStderrWriter(&stderr))
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if err := c.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
				if t.Failed() {
					t.Logf("server stderr:\n%s", stderr.String())
				}
			}()
			exercise(ctx, t, c, tg)
		})
	}
}

// TestHTTP starts each server on a free loopback port, waits for /healthz,
// drives it with mcp-go's streamable HTTP client (two sessions at once), and
// stops it with SIGTERM while a session's event stream is still open.
func TestHTTP(t *testing.T) {
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			ctx := testContext(t)
			p, err := StartHTTP(HTTPSpec{Path: tg.bin, Args: tg.http, Ready: "/healthz"}, 15*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			stopped := false
			defer func() {
				if !stopped {
					p.Kill()
				}
				if t.Failed() {
					t.Logf("server stderr:\n%s", p.Stderr.String())
				}
			}()
			if tg.pushback {
				checkHealthz(t, p.URL("/healthz"))
			}

			clients := make([]*client.Client, 2)
			for i := range clients {
				// Continuous listening keeps the session on a protocol version
				// before 2026-07-28, the one hosts in use today open.
				//lint:ignore SA1019 deliberate, see above
				c, err := client.NewStreamableHttpClient(p.URL("/mcp"), transport.WithContinuousListening(),
					transport.WithHTTPLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
				if err != nil {
					t.Fatal(err)
				}
				if err := c.Start(ctx); err != nil {
					t.Fatalf("start client: %v", err)
				}
				clients[i] = c
			}
			done := make(chan struct{})
			go func() { // a second session at the same time as the first
				defer close(done)
				initialize(ctx, t, clients[1])
				//lint:ignore SA1019 ping is sent on sessions before 2026-07-28 (a no-op after)
				if err := clients[1].Ping(ctx); err != nil {
					t.Errorf("second session ping: %v", err)
				}
			}()
			exercise(ctx, t, clients[0], tg)
			<-done

			// Graceful shutdown with sessions still open.
			start := time.Now()
			err = p.Stop(10 * time.Second)
			stopped = true
			if err != nil {
				t.Fatalf("SIGTERM: want exit status 0, got %v", err)
			}
			t.Logf("exited %v after SIGTERM", time.Since(start).Round(time.Millisecond))
			if out := p.Stdout.String(); tg.pushback && strings.TrimSpace(out) != "" {
				t.Errorf("pushback serve --http wrote to stdout (logs belong on stderr):\n%s", out)
			}
			for _, c := range clients {
				_ = c.Close()
			}
		})
	}
}

func checkHealthz(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %s %s", resp.Status, body)
	}
	if !json.Valid(body) {
		t.Errorf("GET /healthz: want a JSON body, got %q", body)
	}
}

func initialize(ctx context.Context, t *testing.T, c *client.Client) *mcp.InitializeResult {
	t.Helper()
	res, err := c.Initialize(ctx, mcp.InitializeRequest{Params: mcp.InitializeParams{
		ClientInfo: mcp.Implementation{Name: "pushback-e2e", Version: "1.0.0"},
	}})
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if res.ServerInfo.Name == "" {
		t.Errorf("initialize: empty serverInfo.name")
	}
	return res
}

// exercise runs one session: initialize, ping, tools/list and tool calls,
// and for pushback resources/read and prompts/get.
func exercise(ctx context.Context, t *testing.T, c *client.Client, tg target) {
	t.Helper()
	res := initialize(ctx, t, c)
	t.Logf("server %s %s, protocol %s", res.ServerInfo.Name, res.ServerInfo.Version, res.ProtocolVersion)
	//lint:ignore SA1019 ping is sent on sessions before 2026-07-28 (a no-op after)
	if err := c.Ping(ctx); err != nil {
		t.Errorf("ping: %v", err)
	}
	tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	if len(tools.Tools) == 0 {
		t.Fatal("tools/list: no tools")
	}
	if !tg.pushback {
		exerciseEcho(ctx, t, c)
		return
	}
	exerciseCheck(ctx, t, c, tools.Tools)
	exerciseResources(ctx, t, c)
	exercisePrompts(ctx, t, c)
}

func callTool(ctx context.Context, t *testing.T, c *client.Client, name string, args map[string]any) *mcp.CallToolResult {
	t.Helper()
	res, err := c.CallTool(ctx, mcp.CallToolRequest{Params: mcp.CallToolParams{Name: name, Arguments: args}})
	if err != nil {
		t.Fatalf("tools/call %s: protocol error %v (bad arguments must come back as isError results)", name, err)
	}
	return res
}

func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		b.WriteString(mcp.GetTextFromContent(c))
	}
	return b.String()
}

func exerciseEcho(ctx context.Context, t *testing.T, c *client.Client) {
	res := callTool(ctx, t, c, "echo", map[string]any{"message": "hello"})
	if res.IsError || text(res) != "Echo: hello" {
		t.Errorf("echo: got isError=%v %q", res.IsError, text(res))
	}
	if res := callTool(ctx, t, c, "echo", map[string]any{}); !res.IsError {
		t.Errorf("echo without message: want isError, got %q", text(res))
	}
}

// checkResult is the part of the check tool's structured result the test
// asserts on.
type checkResult struct {
	Score    *int  `json:"score"`
	Pass     *bool `json:"pass"`
	Findings []struct {
		Rule string `json:"rule"`
	} `json:"findings"`
}

func findTool(t *testing.T, tools []mcp.Tool, name string) mcp.Tool {
	t.Helper()
	var names []string
	for _, tool := range tools {
		if tool.Name == name || tool.Name == name+"_draft" {
			return tool
		}
		names = append(names, tool.Name)
	}
	t.Fatalf("no %q tool among %v", name, names)
	return mcp.Tool{}
}

func example(t *testing.T, id string) guide.Example {
	t.Helper()
	for _, e := range guide.Default().Examples {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no example %q in the guide", id)
	return guide.Example{}
}

func exerciseCheck(ctx context.Context, t *testing.T, c *client.Client, tools []mcp.Tool) {
	tool := findTool(t, tools, "check")
	call := func(args map[string]any) (checkResult, *mcp.CallToolResult) {
		t.Helper()
		res := callTool(ctx, t, c, tool.Name, args)
		if res.IsError {
			t.Fatalf("%s %v: unexpected tool error %q", tool.Name, args, text(res))
		}
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		var r checkResult
		if err := json.Unmarshal(b, &r); err != nil || r.Score == nil || r.Pass == nil {
			t.Fatalf("%s: structuredContent %s lacks score/pass (%v)", tool.Name, b, err)
		}
		if text(res) == "" {
			t.Errorf("%s: no text fallback beside structuredContent", tool.Name)
		}
		return r, res
	}

	bad := example(t, "client-bad-dismissive-no")
	good := example(t, "client-good-concerned-question")
	badR, _ := call(map[string]any{"draft": bad.Text, "audience": bad.Audience, "situation": bad.Situation})
	goodR, _ := call(map[string]any{"draft": good.Text, "audience": good.Audience, "situation": good.Situation})
	t.Logf("check: dismissive no score=%d pass=%v; concerned question score=%d pass=%v", *badR.Score, *badR.Pass, *goodR.Score, *goodR.Pass)
	if *badR.Pass {
		t.Errorf("check %q: the dismissive no passed", bad.Text)
	}
	if !*goodR.Pass {
		t.Errorf("check %q: the document's good example failed", good.Text)
	}
	if *badR.Score >= *goodR.Score {
		t.Errorf("check: dismissive no scored %d, not below the good example's %d", *badR.Score, *goodR.Score)
	}
	rules := make([]string, len(badR.Findings))
	for i, f := range badR.Findings {
		rules[i] = f.Rule
	}
	if !slices.Contains(rules, "dismissive_no") {
		t.Errorf("check %q: findings %v lack dismissive_no", bad.Text, rules)
	}

	for _, tc := range []struct {
		name string
		args map[string]any
	}{
		{"empty draft", map[string]any{"draft": ""}},
		{"no draft", map[string]any{}},
		{"draft not a string", map[string]any{"draft": 42}},
		{"unknown audience", map[string]any{"draft": good.Text, "audience": "martians"}},
		{"oversized draft", map[string]any{"draft": strings.Repeat("a", 20001)}},
	} {
		res := callTool(ctx, t, c, tool.Name, tc.args)
		if !res.IsError {
			t.Errorf("%s with %s: want an isError result, got %q", tool.Name, tc.name, text(res))
		} else if text(res) == "" {
			t.Errorf("%s with %s: the error result has no text saying how to fix the call", tool.Name, tc.name)
		}
	}
}

func exerciseResources(ctx context.Context, t *testing.T, c *client.Client) {
	list, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatalf("resources/list: %v", err)
	}
	var uris []string
	for _, r := range list.Resources {
		uris = append(uris, r.URI)
	}
	const uri = "pushback://framework"
	if !slices.Contains(uris, uri) {
		t.Fatalf("resources/list: %s missing from %v", uri, uris)
	}
	res, err := c.ReadResource(ctx, mcp.ReadResourceRequest{Params: mcp.ReadResourceParams{URI: uri}})
	if err != nil {
		t.Fatalf("resources/read %s: %v", uri, err)
	}
	if len(res.Contents) == 0 {
		t.Fatalf("resources/read %s: no contents", uri)
	}
	tc, ok := mcp.AsTextResourceContents(res.Contents[0])
	if !ok || len(tc.Text) < 100 {
		t.Errorf("resources/read %s: want a text document, got %#v", uri, res.Contents[0])
	}
	// The framework's own words come from the guide, not from the server.
	if g := guide.Default(); len(g.Examples) > 0 && ok && !strings.Contains(strings.ToLower(tc.Text), "push") {
		t.Errorf("resources/read %s: text does not read like the framework:\n%.300s", uri, tc.Text)
	}
	if _, err := c.ReadResource(ctx, mcp.ReadResourceRequest{Params: mcp.ReadResourceParams{URI: "pushback://no-such-thing"}}); err == nil {
		t.Errorf("resources/read of an unknown URI: want an error")
	}
}

// promptArgs fills a prompt's required arguments with plausible values.
var promptArgs = map[string]string{
	"audience":  "client",
	"stakes":    "high",
	"level":     "moderate",
	"scenario":  "added_scope",
	"situation": "The client wants to add a feature to the current sprint without moving the launch date.",
	"request":   "The client wants to add a feature to the current sprint without moving the launch date.",
	"draft":     "No, that won't work. We need to do it the way I said.",
}

func exercisePrompts(ctx context.Context, t *testing.T, c *client.Client) {
	list, err := c.ListPrompts(ctx, mcp.ListPromptsRequest{})
	if err != nil {
		t.Fatalf("prompts/list: %v", err)
	}
	if len(list.Prompts) == 0 {
		t.Fatal("prompts/list: no prompts")
	}
	for _, p := range list.Prompts {
		args := map[string]string{}
		for _, a := range p.Arguments {
			if !a.Required {
				continue
			}
			v, ok := promptArgs[a.Name]
			if !ok {
				v = promptArgs["situation"]
			}
			args[a.Name] = v
		}
		res, err := c.GetPrompt(ctx, mcp.GetPromptRequest{Params: mcp.GetPromptParams{Name: p.Name, Arguments: args}})
		if err != nil {
			t.Errorf("prompts/get %s %v: %v", p.Name, args, err)
			continue
		}
		if len(res.Messages) == 0 || mcp.GetTextFromContent(res.Messages[0].Content) == "" {
			t.Errorf("prompts/get %s: no message text", p.Name)
		}
	}
}

// TestStdioStdoutIsProtocol writes raw JSON-RPC to each server's stdin and
// asserts every line of stdout is a JSON-RPC message answering it: a single
// log line on stdout would break every client. Then closing stdin must end
// the server cleanly.
func TestStdioStdoutIsProtocol(t *testing.T) {
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			ctx := testContext(t)
			cmd := exec.CommandContext(ctx, tg.bin, tg.stdio...)
			var stdout, stderr bytes.Buffer
			cmd.Stderr = &stderr
			tool, args := "echo", `{}`
			if tg.pushback {
				tool, args = "check_draft", `{"draft":""}`
			}
			requests := []string{
				`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"e2e","version":"1"}}}`,
				`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
				`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
				`{"jsonrpc":"2.0","id":3,"method":"ping"}`,
				`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"` + tool + `","arguments":` + args + `}}`,
				`{"jsonrpc":"2.0","id":5,"method":"no/such/method"}`,
			}
			// Like a real client, keep stdin open until every answer is in:
			// closing stdin is the MCP shutdown signal, and mcp-go cancels
			// calls still in flight when it arrives.
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(stdin, strings.Join(requests, "\n")+"\n"); err != nil {
				t.Fatalf("write requests: %v", err)
			}
			ids := map[float64]json.RawMessage{}
			sc := bufio.NewScanner(out)
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			for n := 1; len(ids) < 5 && sc.Scan(); n++ {
				stdout.Write(sc.Bytes())
				stdout.WriteByte('\n')
				var msg struct {
					JSONRPC string          `json:"jsonrpc"`
					ID      *float64        `json:"id"`
					Method  string          `json:"method"`
					Result  json.RawMessage `json:"result"`
					Error   json.RawMessage `json:"error"`
				}
				if err := json.Unmarshal(sc.Bytes(), &msg); err != nil || msg.JSONRPC != "2.0" {
					t.Errorf("stdout line %d is not a JSON-RPC message: %q", n, sc.Text())
					continue
				}
				if msg.ID != nil && msg.Method == "" {
					ids[*msg.ID] = msg.Result
					if msg.Result == nil {
						ids[*msg.ID] = msg.Error
					}
				}
			}
			stdin.Close()
			// Anything after the answers must be protocol too.
			rest, _ := io.ReadAll(out)
			for _, line := range strings.Split(strings.TrimSpace(string(rest)), "\n") {
				if line != "" && !strings.HasPrefix(line, `{"jsonrpc":"2.0"`) {
					t.Errorf("stdout after the answers is not JSON-RPC: %q", line)
				}
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("server did not exit cleanly when stdin closed: %v\nstderr:\n%s", err, stderr.String())
			}
			for _, id := range []float64{1, 2, 3, 4, 5} {
				if ids[id] == nil {
					t.Errorf("no response to request %v on stdout:\n%s", id, stdout.String())
				}
			}
			// The bad call is a tool result with isError, not a protocol error.
			var call struct {
				IsError bool `json:"isError"`
			}
			if err := json.Unmarshal(ids[4], &call); err != nil || !call.IsError {
				t.Errorf("tools/call %s with bad arguments: want a result with isError, got %s", tool, ids[4])
			}
			if tg.pushback && strings.TrimSpace(stderr.String()) == "" {
				t.Errorf("pushback serve logged nothing on stderr; its startup log belongs there")
			}
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if strings.Contains(line, `"jsonrpc"`) {
					t.Errorf("protocol on stderr: %q", line)
				}
			}
			t.Logf("stderr (logs):\n%s", stderr.String())
		})
	}
}
