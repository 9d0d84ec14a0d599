package server

import (
	"bytes"
	"context"
	"encoding/json"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/guide"
	"path/filepath"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// testCtx bounds every client call: a broken tool can hang tools/list.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newClient starts the server built from opts and an initialised
// in-process client talking to it.
func newClient(t *testing.T, opts Options) *client.Client {
	t.Helper()
	opts.ValidateOutput = true
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c, err := client.NewInProcessClient(s)
	if err != nil {
		t.Fatalf("NewInProcessClient: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	ctx := testCtx(t)
	if err := c.Start(ctx); err != nil {
		t.Fatalf("Start: %v", err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "server-test", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("Initialize: %v", err)
	}
	return c
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func indentJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func resultText(r *mcp.CallToolResult) string {
	var s string
	for _, c := range r.Content {
		if tc, ok := mcp.AsTextContent(c); ok {
			s += tc.Text
		}
	}
	return s
}

// firstExample returns the documents' first example of a kind (good or bad).
func firstExample(t testing.TB, g *guide.Guide, kind string) guide.Example {
	t.Helper()
	for _, e := range g.Examples {
		if e.Kind == kind {
			return e
		}
	}
	t.Fatalf("no %s example in the guide", kind)
	return guide.Example{}
}
