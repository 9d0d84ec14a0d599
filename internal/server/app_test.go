package server

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/studio"
)

// appsCaps are the capabilities of a host that renders MCP Apps.
var appsCaps = mcp.ClientCapabilities{Extensions: map[string]any{
	studio.AppExtension: map[string]any{"mimeTypes": []string{studio.AppMIMEType}},
}}

// newClientWith is newClient with the client's capabilities, returning the
// server's answer to initialize too.
func newClientWith(t *testing.T, caps mcp.ClientCapabilities) (*client.Client, *mcp.InitializeResult) {
	t.Helper()
	s, err := New(Options{})
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
	init.Params.Capabilities = caps
	res, err := c.Initialize(ctx, init)
	if err != nil {
		t.Fatalf("Initialize: %v", err)
	}
	return c, res
}

// TestAppsHost: a host that advertises MCP Apps gets the extension back,
// the scorecard's tools with _meta.ui.resourceUri, and the ui:// resource;
// a client that does not gets none of it.
func TestAppsHost(t *testing.T) {
	for _, tc := range []struct {
		name string
		caps mcp.ClientCapabilities
		apps bool
	}{
		{"MCP Apps host", appsCaps, true},
		{"plain client", mcp.ClientCapabilities{}, false},
		{"another extension", mcp.ClientCapabilities{Extensions: map[string]any{"io.example/other": map[string]any{}}}, false},
		{"the extension without our MIME type", mcp.ClientCapabilities{Extensions: map[string]any{studio.AppExtension: map[string]any{"mimeTypes": []string{"text/uri-list"}}}}, false},
		{"the extension with a malformed setting", mcp.ClientCapabilities{Extensions: map[string]any{studio.AppExtension: "yes"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, init := newClientWith(t, tc.caps)
			if _, ok := init.Capabilities.Extensions[studio.AppExtension]; ok != tc.apps {
				t.Errorf("initialize: extension advertised %v, want %v", ok, tc.apps)
			}
			meta := map[string]any{}
			for _, tl := range listTools(t, c) {
				if tl.Meta != nil {
					meta[tl.Name] = tl.Meta.AdditionalFields
				}
			}
			if tc.apps {
				golden(t, "apps-tools-meta.golden.json", indentJSON(t, meta))
			} else if len(meta) > 0 {
				t.Errorf("tools carry _meta for a client without MCP Apps: %v", meta)
			}
			res, err := c.ListResources(testCtx(t), mcp.ListResourcesRequest{})
			if err != nil {
				t.Fatal(err)
			}
			listed := slices.ContainsFunc(res.Resources, func(r mcp.Resource) bool {
				return r.URI == studio.AppURI && r.MIMEType == studio.AppMIMEType
			})
			if listed != tc.apps {
				t.Errorf("resources/list holds %s: %v, want %v", studio.AppURI, listed, tc.apps)
			}
		})
	}
}

// TestAppResource: the view reads the same for any client (a host may
// prefetch it), as one HTML document of the MCP App type, asking for a
// border and declaring no domain to reach.
func TestAppResource(t *testing.T) {
	for _, caps := range []mcp.ClientCapabilities{appsCaps, {}} {
		c, _ := newClientWith(t, caps)
		req := mcp.ReadResourceRequest{}
		req.Params.URI = studio.AppURI
		res, err := c.ReadResource(testCtx(t), req)
		if err != nil {
			t.Fatalf("resources/read %s: %v", studio.AppURI, err)
		}
		if len(res.Contents) != 1 {
			t.Fatalf("%d contents, want 1", len(res.Contents))
		}
		tc, ok := mcp.AsTextResourceContents(res.Contents[0])
		if !ok {
			t.Fatalf("not text: %T", res.Contents[0])
		}
		if tc.URI != studio.AppURI || tc.MIMEType != studio.AppMIMEType {
			t.Errorf("uri %q, mimeType %q; want %q, %q", tc.URI, tc.MIMEType, studio.AppURI, studio.AppMIMEType)
		}
		want, err := studio.AppHTML()
		if err != nil {
			t.Fatal(err)
		}
		if tc.Text != want || !strings.HasPrefix(tc.Text, "<!doctype html>") {
			t.Errorf("the resource is not the view's HTML (%.60q)", tc.Text)
		}
		b, err := json.Marshal(tc.Meta)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(b); got != `{"ui":{"prefersBorder":true}}` {
			t.Errorf("_meta %s, want the border and no domains", got)
		}
	}
}

// TestAppResultsUnchanged: check_draft and rewrite_draft answer an MCP Apps
// host exactly as any other client: the view renders the compact result
// the model sees.
func TestAppResultsUnchanged(t *testing.T) {
	apps, _ := newClientWith(t, appsCaps)
	plain, _ := newClientWith(t, mcp.ClientCapabilities{})
	g := firstExample(t, guide.Default(), "bad")
	for _, name := range []string{ToolCheckDraft, ToolRewriteDraft} {
		req := mcp.CallToolRequest{}
		req.Params.Name = name
		req.Params.Arguments = map[string]any{"draft": g.Text, "audience": string(g.Audience)}
		a, err := apps.CallTool(testCtx(t), req)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plain.CallTool(testCtx(t), req)
		if err != nil {
			t.Fatal(err)
		}
		// A rewrite's timing is the one thing that may differ.
		for _, r := range []*mcp.CallToolResult{a, p} {
			if m, ok := r.StructuredContent.(map[string]any); ok {
				delete(m, "latency_ms")
			}
		}
		if a.IsError || !reflect.DeepEqual(a.StructuredContent, p.StructuredContent) || resultText(a) != resultText(p) {
			t.Errorf("%s answers an MCP Apps host differently:\n%v\n%v", name, a.StructuredContent, p.StructuredContent)
		}
	}
}
