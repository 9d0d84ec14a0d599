package server

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// FuzzToolArguments feeds arbitrary JSON arguments to every tool: each call
// must answer with a result (success or tool error), never a Go error or a
// panic.
func FuzzToolArguments(f *testing.F) {
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	tools := s.ListTools()
	for _, seed := range []string{
		`{}`, `null`, `[]`, `"x"`, `{"draft":"No."}`, `{"draft":""}`, `{"draft":42}`,
		`{"draft":"We can't.","audience":"boss","verbose":true}`, `{"stakes":"high","gentle_failed":true}`,
		`{"scenario":"added_scope","values":{"feature":"SSO"}}`, `{"goal":"a","concern":"b","impact":"c","alternative":"d"}`,
		`{"material":true,"at_stake":["capacity",3]}`, `{"draft":"No.","max_chars":-5,"channel":"fax"}`,
	} {
		for name := range tools {
			f.Add(name, seed)
		}
	}
	f.Fuzz(func(t *testing.T, name, args string) {
		st, ok := tools[name]
		if !ok {
			return
		}
		req := mcp.CallToolRequest{}
		req.Params.Name = name
		req.Params.Arguments = json.RawMessage(args)
		res, err := st.Handler(context.Background(), req)
		if err != nil {
			t.Fatalf("%s(%s): Go error %v; mistakes must be tool errors", name, args, err)
		}
		if res == nil {
			t.Fatalf("%s(%s): nil result", name, args)
		}
	})
}
