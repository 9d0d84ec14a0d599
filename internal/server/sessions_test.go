package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// initSession opens a session over raw HTTP and returns its id.
func initSession(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	resp, body := doHTTP(t, ts, httpCase{method: http.MethodPost, path: EndpointPath, body: post(initBody)})
	id := resp.Header.Get("Mcp-Session-Id")
	if resp.StatusCode != http.StatusOK || id == "" {
		t.Fatalf("initialize: %d %q, session %q", resp.StatusCode, body, id)
	}
	return id
}

const listBody = `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`

// Session ids are the server's to issue: a forged, missing, deleted or
// expired one is refused as the spec says (404, or 400 when missing), for
// POST, GET and DELETE alike; a live one works.
func TestSessionsUnknownIDs(t *testing.T) {
	ts := newHTTP(t, Options{})
	live := initSession(t, ts)
	deleted := initSession(t, ts)
	if resp, body := doHTTP(t, ts, httpCase{method: http.MethodDelete, path: EndpointPath, header: map[string]string{"Mcp-Session-Id": deleted}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE: %d %s", resp.StatusCode, body)
	}
	sid := func(id string) map[string]string { return map[string]string{"Mcp-Session-Id": id} }
	forged := "mcp-session-" + strings.Repeat("0", 32)
	runHTTPCases(t, ts, []httpCase{
		{name: "live session", method: http.MethodPost, path: EndpointPath, body: post(listBody), header: sid(live), wantStatus: 200, wantBody: "check_draft"},
		{name: "forged id", method: http.MethodPost, path: EndpointPath, body: post(listBody), header: sid(forged), wantStatus: 404, wantBody: `"id":2`},
		{name: "mcp-go's id format, never issued", method: http.MethodPost, path: EndpointPath, body: post(listBody), header: sid("mcp-session-0b5f6a2e-8d4c-4f7a-9b1e-2c3d4e5f6a7b"), wantStatus: 404},
		{name: "deleted id", method: http.MethodPost, path: EndpointPath, body: post(listBody), header: sid(deleted), wantStatus: 404, wantBody: "start a new one with initialize"},
		{name: "no id", method: http.MethodPost, path: EndpointPath, body: post(listBody), wantStatus: 400, wantBody: "Mcp-Session-Id"},
		{name: "GET with a forged id", method: http.MethodGet, path: EndpointPath, header: sid(forged), wantStatus: 404},
		{name: "GET with no id", method: http.MethodGet, path: EndpointPath, wantStatus: 400},
		{name: "DELETE a forged id", method: http.MethodDelete, path: EndpointPath, header: sid(forged), wantStatus: 404},
		{name: "DELETE twice", method: http.MethodDelete, path: EndpointPath, header: sid(deleted), wantStatus: 404},
	})
}

// Idle sessions expire after the TTL (their memory freed, their id then
// unknown), and a listening stream ends with its session.
func TestSessionsExpire(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := NewHTTPHandler(s, Options{SessionTTL: time.Second})
	ts := httptest.NewServer(h)
	defer ts.Close()
	defer h.Close(context.Background())
	idle := initSession(t, ts)
	streaming := initSession(t, ts)
	req, _ := http.NewRequestWithContext(testCtx(t), http.MethodGet, ts.URL+EndpointPath, nil)
	req.Header.Set("Mcp-Session-Id", streaming)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := ts.Client().Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET stream: %v %v", err, resp)
	}
	streamEnded := make(chan struct{})
	go func() {
		io.Copy(io.Discard, resp.Body)
		close(streamEnded)
	}()
	if n := h.sessions.Len(); n != 2 {
		t.Fatalf("%d live sessions, want 2", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for h.sessions.Len() > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := h.sessions.Len(); n != 0 {
		t.Fatalf("%d sessions still live 5 s after a 1 s TTL", n)
	}
	select {
	case <-streamEnded:
	case <-time.After(2 * time.Second):
		t.Error("the listening stream outlived its session")
	}
	if r, _ := doHTTP(t, ts, httpCase{method: http.MethodPost, path: EndpointPath, body: post(listBody), header: map[string]string{"Mcp-Session-Id": idle}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("an expired session: status %d, want 404", r.StatusCode)
	}
}

// Past the cap, initialize is refused with 503, a Retry-After and a
// message that says why; closing a session makes room.
func TestSessionsCap(t *testing.T) {
	ts := newHTTP(t, Options{MaxSessions: 3})
	var ids []string
	for range 3 {
		ids = append(ids, initSession(t, ts))
	}
	resp, body := doHTTP(t, ts, httpCase{method: http.MethodPost, path: EndpointPath, body: post(initBody)})
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "at most 3") {
		t.Fatalf("initialize past the cap: %d Retry-After %q body %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	var rpc struct {
		ID    int `json:"id"`
		Error struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &rpc); err != nil || rpc.ID != 1 || rpc.Error.Code != -32000 {
		t.Errorf("body %s is not a JSON-RPC error for id 1: %v", body, err)
	}
	doHTTP(t, ts, httpCase{method: http.MethodDelete, path: EndpointPath, header: map[string]string{"Mcp-Session-Id": ids[0]}})
	initSession(t, ts)
}

// A client that trickles its body is answered 408 once the body timeout
// passes, instead of holding the connection; the server Serve runs has
// header and idle timeouts.
func TestSlowClientsAreCutOff(t *testing.T) {
	ts := newHTTP(t, Options{BodyTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", EndpointPath)
	go func() { // a byte every 100 ms: it would take 100 s
		for range 20 {
			time.Sleep(100 * time.Millisecond)
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
		}
	}()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(status, "408") {
		t.Fatalf("status line %q, %v: want 408", status, err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a trickled body held the connection for %v", took)
	}
	srv := httpServer(context.Background(), http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 || srv.ReadTimeout != 0 || srv.WriteTimeout != 0 {
		t.Errorf("server timeouts: header %v idle %v max header %d read %v write %v", srv.ReadHeaderTimeout, srv.IdleTimeout, srv.MaxHeaderBytes, srv.ReadTimeout, srv.WriteTimeout)
	}
}
