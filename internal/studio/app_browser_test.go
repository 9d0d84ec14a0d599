package studio_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/server"
	"github.com/pushback/pushback/internal/studio"
)

// appsClient connects to the server at base as an MCP Apps host does:
// advertising the extension with the MCP App MIME type.
func appsClient(t *testing.T, ctx context.Context, base string) *client.Client {
	t.Helper()
	c, err := client.NewStreamableHttpClient(base + "/mcp")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatalf("start client: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	res, err := c.Initialize(ctx, mcp.InitializeRequest{Params: mcp.InitializeParams{
		ProtocolVersion: "2025-11-25",
		ClientInfo:      mcp.Implementation{Name: "pushback-test-host", Version: "1"},
		Capabilities: mcp.ClientCapabilities{Extensions: map[string]any{
			studio.AppExtension: map[string]any{"mimeTypes": []string{studio.AppMIMEType}},
		}},
	}})
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if _, ok := res.Capabilities.Extensions[studio.AppExtension]; !ok {
		t.Errorf("the server does not answer an MCP Apps host with the extension: %v", res.Capabilities.Extensions)
	}
	return c
}

// asMap re-encodes v as the JSON object a host would pass on.
func asMap(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// host serves the minimal host page and its script on another loopback
// origin than the server's.
func host(t *testing.T) string {
	t.Helper()
	mux := http.NewServeMux()
	for path, file := range map[string]string{"/": "apphost.html", "/host.js": "apphost.js"} {
		body, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		typ := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript"}[filepath.Ext(file)]
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", typ)
			_, _ = w.Write(body)
		})
	}
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts.URL
}

// appShown is what the view inside the host shows.
type appShown struct {
	View     string              `json:"view"`
	Score    string              `json:"score"`
	Parts    map[string][][2]int `json:"parts"`
	Findings map[string][][2]int `json:"findings"`
	Rules    map[string]string   `json:"rules"`
	Names    map[string]string   `json:"names"`
	Diff     bool                `json:"diff"`
	Theme    string              `json:"theme"`
	Stance   string              `json:"stance"`
}

// readApp runs inside the view's frame; it is false until the view shows
// a result.
const readApp = `(() => {
	const app = document.getElementById('app');
	if (!app || !app.dataset.view || app.dataset.view === 'waiting') return false;
	const out = {view: app.dataset.view, parts: {}, findings: {}, rules: {}, names: {}, theme: document.documentElement.dataset.theme || ''};
	const g = app.querySelector('.gauge');
	out.score = g ? g.getAttribute('aria-valuenow') : '';
	out.diff = !!app.querySelector('.diff ins');
	out.stance = (app.querySelector('.chip-stance') || {}).textContent || '';
	const marked = app.querySelector('.marked');
	let pos = 0;
	for (const n of marked ? marked.childNodes : []) {
		const len = Array.from(n.textContent).length;
		if (n.nodeType === 1) {
			for (const s of (n.dataset.part || '').split(' ').filter(Boolean)) (out.parts[s] ||= []).push([pos, pos + len]);
			for (const f of (n.dataset.finding || '').split(' ').filter(Boolean)) (out.findings[f] ||= []).push([pos, pos + len]);
		}
		pos += len;
	}
	app.querySelectorAll('.finding').forEach((c, i) => { out.rules[i] = c.dataset.rule; out.names[i] = c.querySelector('.finding-name').textContent; });
	return out;
})()`

func TestScorecardApp(t *testing.T) {
	// The view runs in a sandboxed frame of an opaque origin; with site
	// isolation off, the test reaches into it from the host page.
	b := newBrowser(t,
		chromedp.Flag("disable-features", "IsolateSandboxedIframes,SitePerProcess,IsolateOrigins"),
		chromedp.Flag("disable-site-isolation-trials", true))
	base := startServer(t, server.Options{})
	hostURL := host(t)
	g := guide.Default()
	blunt := firstExampleOf(t, g, "client-bad-dismissive-no")
	input := map[string]any{"draft": blunt.Text, "audience": string(blunt.Audience), "stakes": string(guide.StakesHigh), "situation": blunt.Situation}

	for _, tc := range []struct {
		tool, theme string
	}{
		{server.ToolCheckDraft, "light"},
		{server.ToolRewriteDraft, "dark"},
	} {
		t.Run(tc.tool, func(t *testing.T) {
			cctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			c := appsClient(t, cctx, base)

			// What a host does: find the tool's view, read it, call the tool.
			tools, err := c.ListTools(cctx, mcp.ListToolsRequest{})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(tools.Tools, func(x mcp.Tool) bool { return x.Name == tc.tool })
			if i < 0 {
				t.Fatalf("no %s tool", tc.tool)
			}
			tool := tools.Tools[i]
			ui, _ := tool.Meta.AdditionalFields["ui"].(map[string]any)
			uri, _ := ui["resourceUri"].(string)
			if uri != studio.AppURI {
				t.Fatalf("%s declares _meta.ui.resourceUri %q, want %q", tc.tool, uri, studio.AppURI)
			}
			res, err := c.ReadResource(cctx, mcp.ReadResourceRequest{Params: mcp.ReadResourceParams{URI: uri}})
			if err != nil {
				t.Fatal(err)
			}
			view, ok := res.Contents[0].(mcp.TextResourceContents)
			if !ok || view.MIMEType != studio.AppMIMEType {
				t.Fatalf("%s: want text of type %s, got %#v", uri, studio.AppMIMEType, res.Contents[0])
			}
			result, err := c.CallTool(cctx, mcp.CallToolRequest{Params: mcp.CallToolParams{Name: tc.tool, Arguments: input}})
			if err != nil || result.IsError {
				t.Fatalf("call %s: %v %v", tc.tool, err, result)
			}

			var mu sync.Mutex
			var calls []string
			ctx := b.tab(t)
			do(t, ctx, "load the host",
				chromedp.ExposeFunc("hostSetup", func(context.Context, map[string]any) (map[string]any, error) {
					return map[string]any{"html": view.Text, "tool": asMap(t, tool), "input": input, "result": asMap(t, result), "theme": tc.theme}, nil
				}),
				chromedp.ExposeFunc("hostCall", func(ctx context.Context, p struct {
					Name      string         `json:"name"`
					Arguments map[string]any `json:"arguments"`
				}) (map[string]any, error) {
					mu.Lock()
					calls = append(calls, p.Name)
					mu.Unlock()
					r, err := c.CallTool(ctx, mcp.CallToolRequest{Params: mcp.CallToolParams{Name: p.Name, Arguments: p.Arguments}})
					if err != nil {
						return nil, err
					}
					return asMap(t, r), nil
				}),
				chromedp.ExposeFunc("hostRead", func(ctx context.Context, p struct {
					URI string `json:"uri"`
				}) (map[string]any, error) {
					r, err := c.ReadResource(ctx, mcp.ReadResourceRequest{Params: mcp.ReadResourceParams{URI: p.URI}})
					if err != nil {
						return nil, err
					}
					return asMap(t, r), nil
				}),
				chromedp.Navigate(hostURL+"/"),
			)
			// Once the view has spoken, its document is the one to read.
			waitFor(t, ctx, "the view's handshake", `(window.hostLog || []).includes('ui/notifications/initialized')`)
			frames, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#view")))
			if err != nil || len(frames) == 0 {
				t.Fatalf("no view frame: %v", err)
			}
			frame := frames[0]
			poll := func(what, expr string) appShown {
				t.Helper()
				v, err := chromedp.Run(ctx, chromedp.Poll[appShown](expr, chromedp.WithPollingInFrame(frame), chromedp.WithPollingTimeout(20*time.Second)))
				if err != nil {
					t.Fatalf("waiting for %s in the view: %v", what, err)
				}
				return v
			}

			if tc.tool == server.ToolCheckDraft {
				// The compact result first, then the full one the view asks the
				// host for: formula parts and reasons.
				got := poll("the full check", `(() => { const s = `+readApp+`; return s && s.view === 'check' && document.querySelector('#app .parts') && document.getElementById('app').dataset.guide === 'read' ? s : false; })()`)
				want, err := check.Default().Check(check.Input{Draft: blunt.Text, Audience: blunt.Audience, Stakes: guide.StakesHigh, Situation: blunt.Situation})
				if err != nil {
					t.Fatal(err)
				}
				assertShown(t, shown{Parts: got.Parts, Findings: got.Findings, Rules: got.Rules, Names: got.Names, Score: got.Score,
					Verdict: map[bool]string{true: "Passes", false: "Does not pass"}[want.Pass], Level: "Reads as " + want.ReadsAs + " " + string(want.Level), Stance: got.Stance}, want, g)
				if got.Theme != tc.theme {
					t.Errorf("the view took theme %q, the host said %q", got.Theme, tc.theme)
				}
				screenshot(t, ctx, "app-check")
				axeFrame(t, ctx, frame)
				// The button asks the host to call rewrite_draft.
				do(t, ctx, "press Rewrite it", chromedp.Click(chromedp.CSS("#app-rewrite"), chromedp.FromNode(frame)))
			}
			got := poll("the rewrite", `(() => { const s = `+readApp+`; return s && s.view === 'rewrite' && s.diff ? s : false; })()`)
			if got.Theme != tc.theme {
				t.Errorf("the view took theme %q, the host said %q", got.Theme, tc.theme)
			}
			log := eval[[]string](t, ctx, `window.hostLog`)
			for _, m := range []string{"ui/initialize", "ui/notifications/initialized", "ui/notifications/size-changed", "resources/read"} {
				if !slices.Contains(log, m) {
					t.Errorf("the view never sent %s (it sent %q)", m, log)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			wantCalls := map[string][]string{
				server.ToolCheckDraft:   {server.ToolCheckDraft, server.ToolRewriteDraft},
				server.ToolRewriteDraft: nil,
			}[tc.tool]
			if !slices.Equal(calls, wantCalls) {
				t.Errorf("the view asked the host to call %q, want %q", calls, wantCalls)
			}
			// The host sizes the frame to what the view reports.
			waitFor(t, ctx, "the frame to take the view's height", `document.getElementById('view').getBoundingClientRect().height > 300`)
			screenshot(t, ctx, fmt.Sprintf("app-%s", tc.tool))
			axeFrame(t, ctx, frame)
		})
	}
}

// axeFrame scans the view inside its frame with axe-core: no serious or
// critical violation.
func axeFrame(t *testing.T, ctx context.Context, frame *chromedp.Node) {
	t.Helper()
	src := axeSource(t)
	inFrame := func(expr string) []violation {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Poll[[]violation](expr, chromedp.WithPollingInFrame(frame), chromedp.WithPollingTimeout(30*time.Second)))
		if err != nil {
			t.Fatalf("axe in the view: %v", err)
		}
		return v
	}
	inFrame(`(() => { if (!window.axe) { ` + src + `; window.__axe = null; (` + axeRun + `).then(v => { window.__axe = v; }); } return window.__axe; })()`)
	for _, v := range inFrame(`window.__axe`) {
		msg := fmt.Sprintf("%s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe in the view: %s", msg)
		} else {
			t.Logf("axe in the view, %s: %s", v.Impact, msg)
		}
	}
}
