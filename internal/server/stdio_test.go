package server

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
)

// A line past the limit is dropped, whatever its size, and answered with
// an error for its id; the lines around it are served.
func TestStdioLineLimit(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, Options{Stdin: inR, Stdout: outW, MaxBodyBytes: 64 << 10}) }()
	huge := `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"check_draft","arguments":{"draft":"` + strings.Repeat("x", 8<<20) + `"}}}`
	go func() {
		io.WriteString(inW, initBody+"\n")
		io.WriteString(inW, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n")
		io.WriteString(inW, huge+"\n")
		io.WriteString(inW, `{"jsonrpc":"2.0","id":"unfinished","method":"ping","params":{"pad":"`+strings.Repeat("y", 100<<10)+"\n")
		io.WriteString(inW, `{"jsonrpc":"2.0","id":8,"method":"ping"}`+"\n")
	}()
	lines := bufio.NewScanner(outR)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	got := map[string]string{}
	timeout := time.After(10 * time.Second)
	for len(got) < 4 {
		line := make(chan string, 1)
		go func() {
			if lines.Scan() {
				line <- lines.Text()
			}
		}()
		select {
		case l := <-line:
			var msg struct {
				ID json.RawMessage `json:"id"`
			}
			json.Unmarshal([]byte(l), &msg)
			got[string(msg.ID)] = l
		case <-timeout:
			t.Fatalf("replies so far: %v", got)
		}
	}
	if r := got["7"]; !strings.Contains(r, `"code":-32600`) || !strings.Contains(r, "at most 65536 bytes") {
		t.Errorf("reply to the 8 MB line: %s", r)
	}
	if r := got[`"unfinished"`]; !strings.Contains(r, "too large") {
		t.Errorf("reply to the over-long line: %s", r)
	}
	if r := got["8"]; !strings.Contains(r, `"result":{}`) {
		t.Errorf("the ping after them: %s", r)
	}
	cancel()
	inW.Close()
	<-done
	outR.Close()
}

func TestTopLevelID(t *testing.T) {
	for _, tt := range []struct {
		head string
		want any
	}{
		{`{"jsonrpc":"2.0","id":7,"method":"x","params":{"draft":"xxx`, json.Number("7")},
		{`{"jsonrpc":"2.0","id":"a-1","method`, "a-1"},
		{`{"method":"x","params":{"id":3,"draft":"xxxx`, nil}, // the params' id is not the message's
		{`{"jsonrpc":"2.0","method":"x","params":{"a":1},"id":9}`, json.Number("9")},
		{`not json`, nil},
	} {
		if got := topLevelID([]byte(tt.head)); got != tt.want {
			t.Errorf("topLevelID(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}
