package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pushback/pushback/internal/studio"
)

// TestStudioOverHTTP: the studio's page is served at / beside the MCP
// endpoint, under the same Host and Origin checks; its files need no token
// (a browser opening the address cannot send one) while every call the
// page makes to the MCP endpoint does.
func TestStudioOverHTTP(t *testing.T) {
	ts := newHTTP(t, Options{Studio: true, Token: "s3cret-token"})
	runHTTPCases(t, ts, []httpCase{
		{name: "the page without the token", method: http.MethodGet, path: "/", wantStatus: 200, wantBody: "<title>pushback studio</title>"},
		{name: "the icon", method: http.MethodGet, path: "/studio/icon.svg", wantStatus: 200, wantBody: "<svg"},
		{name: "an unknown studio file", method: http.MethodGet, path: "/studio/nope.js", wantStatus: 404},
		{name: "posting to the page", method: http.MethodPost, path: "/", body: post("{}"), wantStatus: 405},
		{name: "rebinding Host on the page", method: http.MethodGet, path: "/", host: "evil.example", wantStatus: 403, wantBody: "evil.example"},
		{name: "foreign Origin on the page", method: http.MethodGet, path: "/", header: map[string]string{"Origin": "https://evil.example"}, wantStatus: 403},
		{name: "the page's calls need the token", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": ts.URL}, wantStatus: 401},
		{name: "the page's calls with the token", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": ts.URL, "Authorization": "Bearer s3cret-token"}, wantStatus: 200},
		{name: "anything else is not the studio's", method: http.MethodGet, path: "/other", header: map[string]string{"Authorization": "Bearer s3cret-token"}, wantStatus: 404},
		{name: "and needs the token first", method: http.MethodGet, path: "/other", wantStatus: 401},
	})
	resp, _ := doHTTP(t, ts, httpCase{method: http.MethodGet, path: "/"})
	if csp := resp.Header.Get("Content-Security-Policy"); csp == "" {
		t.Error("the page comes without a Content-Security-Policy")
	}
}

func TestStudioOff(t *testing.T) {
	ts := newHTTP(t, Options{})
	runHTTPCases(t, ts, []httpCase{
		{name: "no page", method: http.MethodGet, path: "/", wantStatus: 404},
		{name: "the MCP endpoint still", method: http.MethodPost, path: EndpointPath, body: post(initBody), wantStatus: 200},
	})
}

func TestStudioURL(t *testing.T) {
	for _, tc := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "http://127.0.0.1:8080/"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "http://localhost:8080/"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 9000}, "http://localhost:9000/"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 9000}, "http://[::1]:9000/"},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 10), Port: 80}, "http://192.168.1.10:80/"},
	} {
		if got := StudioURL(tc.addr); got != tc.want {
			t.Errorf("StudioURL(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

// TestStdioLeavesTheStudioAlone: serving stdio, even to an MCP Apps host,
// assembles neither the page nor the view until the host reads the view:
// the studio costs a stdio cold start nothing.
func TestStdioLeavesTheStudioAlone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, Options{Stdin: inR, Stdout: outW}) }()
	defer func() { cancel(); inW.Close(); <-done }()
	lines := bufio.NewScanner(outR)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	replies := make(chan string)
	go func() {
		for lines.Scan() {
			replies <- lines.Text()
		}
	}()
	ask := func(msg string) string {
		t.Helper()
		go io.WriteString(inW, msg+"\n")
		select {
		case r := <-replies:
			return r
		case <-time.After(10 * time.Second):
			t.Fatalf("no reply to %s", msg)
			return ""
		}
	}
	before := studio.Assembled()
	ask(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/html;profile=mcp-app"]}}},"clientInfo":{"name":"stdio-test","version":"1"}}}`)
	go io.WriteString(inW, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n")
	for _, req := range []string{
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":3,"method":"resources/list"}`,
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"check_draft","arguments":{"draft":"No, that won't work."}}}`,
	} {
		var reply struct {
			Error  *struct{ Message string } `json:"error"`
			Result json.RawMessage           `json:"result"`
		}
		if r := ask(req); json.Unmarshal([]byte(r), &reply) != nil || reply.Error != nil || len(reply.Result) == 0 {
			t.Fatalf("%s: %.300s", req, r)
		}
	}
	if n := studio.Assembled() - before; n != 0 {
		t.Errorf("serving stdio assembled %d studio documents before the view was read", n)
	}
	if r := ask(`{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"ui://pushback/scorecard"}}`); !strings.Contains(r, "text/html;profile=mcp-app") {
		t.Fatalf("resources/read of the view: %.200s", r)
	}
	if n := studio.Assembled() - before; n > 1 {
		t.Errorf("reading the view assembled %d documents, want at most 1 (it is built once per process)", n)
	}
}
