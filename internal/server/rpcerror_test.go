package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// promptCases are prompt requests with the code each must be answered
// with: the caller's mistakes are -32602 (invalid params), not -32603.
var promptCases = []struct {
	name, params string
	code         int // 0: a result
}{
	{"missing required argument", `{"name":"coach","arguments":{"audience":"client"}}`, -32602},
	{"audience=boss", `{"name":"coach","arguments":{"situation":"Ship it Friday.","audience":"boss"}}`, -32602},
	{"unknown argument", `{"name":"roleplay","arguments":{"mood":"grumpy"}}`, -32602},
	{"bad level", `{"name":"roleplay","arguments":{"level":"11"}}`, -32602},
	{"unknown prompt", `{"name":"nope"}`, -32602},
	{"good", `{"name":"coach","arguments":{"situation":"Ship it Friday.","audience":"peer"}}`, 0},
}

func checkRPCCode(t *testing.T, name string, reply []byte, want int) {
	t.Helper()
	var msg struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(reply, &msg); err != nil {
		t.Fatalf("%s: reply %q: %v", name, reply, err)
	}
	switch {
	case want == 0 && msg.Error != nil:
		t.Errorf("%s: error %+v, want a result", name, *msg.Error)
	case want != 0 && (msg.Error == nil || msg.Error.Code != want):
		t.Errorf("%s: reply %s, want error code %d", name, reply, want)
	case want != 0 && strings.Contains(msg.Error.Message, "failed inside"):
		t.Errorf("%s: message blames the server: %q", name, msg.Error.Message)
	}
}

func TestPromptErrorCodesStdio(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, Options{Stdin: inR, Stdout: outW}) }()
	replies := make(chan []byte, 16)
	go func() {
		sc := bufio.NewScanner(outR)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			replies <- append([]byte(nil), sc.Bytes()...)
		}
	}()
	read := func() []byte {
		select {
		case r := <-replies:
			return r
		case <-time.After(5 * time.Second):
			t.Fatal("no reply on stdout")
		}
		return nil
	}
	io.WriteString(inW, initBody+"\n")
	read()
	io.WriteString(inW, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n")
	for i, tc := range promptCases {
		io.WriteString(inW, `{"jsonrpc":"2.0","id":`+itoa(i+10)+`,"method":"prompts/get","params":`+tc.params+"}\n")
		checkRPCCode(t, tc.name, read(), tc.code)
	}
	cancel()
	inW.Close()
	<-done
	outR.Close()
}

func TestPromptErrorCodesHTTP(t *testing.T) {
	ts := newHTTP(t, Options{})
	resp, _ := doHTTP(t, ts, httpCase{method: http.MethodPost, path: EndpointPath, body: post(initBody)})
	session := resp.Header.Get("Mcp-Session-Id")
	for i, tc := range promptCases {
		body := `{"jsonrpc":"2.0","id":` + itoa(i+10) + `,"method":"prompts/get","params":` + tc.params + `}`
		_, reply := doHTTP(t, ts, httpCase{method: http.MethodPost, path: EndpointPath, body: post(body),
			header: map[string]string{"Mcp-Session-Id": session, "Mcp-Protocol-Version": "2025-06-18"}})
		// an SSE reply carries the message on its data line
		if i := strings.Index(reply, "data: "); i >= 0 {
			reply = strings.TrimSpace(strings.SplitN(reply[i+len("data: "):], "\n", 2)[0])
		}
		checkRPCCode(t, tc.name, []byte(reply), tc.code)
	}
}

func TestFixCodeLeavesOthersAlone(t *testing.T) {
	for _, in := range []string{
		`{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"render prompt coach: boom"}}`,
		`{"jsonrpc":"2.0","id":1,"result":{"text":"{\"code\":-32603,\"message\":\"invalid params: \"}"}}`,
	} {
		if got := string(fixCode([]byte(in))); got != in {
			t.Errorf("fixCode changed %s to %s", in, got)
		}
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }
