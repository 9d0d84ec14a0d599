package server

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/studio"
)

// The scorecard as an MCP App (SEP-1865). A host that advertises the MCP
// Apps extension (capabilities.extensions["io.modelcontextprotocol/ui"]
// with our MIME type) sees check_draft and rewrite_draft declare
// _meta.ui.resourceUri and the ui:// resource in resources/list, reads the
// view with resources/read and renders each result in it. Any other client
// sees exactly what it saw before: the same tools/list, the same
// resources/list, the same results.

// appTools are the tools whose results the scorecard renders.
var appTools = []string{ToolCheckDraft, ToolRewriteDraft}

// appResourceMeta is the view's _meta.ui: it connects nowhere (the default
// CSP of the spec: no connectDomains, resourceDomains or frameDomains) and
// asks for the host's border around it.
var appResourceMeta = map[string]any{"ui": map[string]any{"prefersBorder": true}}

// appResource is the ui:// resource holding the scorecard view.
func appResource() mcpserver.ServerResource {
	res := mcp.NewResource(studio.AppURI, "pushback-scorecard",
		mcp.WithResourceTitle("pushback scorecard"),
		mcp.WithResourceDescription("The check_draft and rewrite_draft results as a view (an MCP App): the draft with its spans highlighted, the score gauge, the level, the fixes, and a rewrite as a word-level diff."),
		mcp.WithMIMEType(studio.AppMIMEType))
	res.Meta = &mcp.Meta{AdditionalFields: appResourceMeta}
	return mcpserver.ServerResource{
		Resource: res,
		Handler: func(context.Context, mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			html, err := studio.AppHTML()
			if err != nil {
				return nil, fmt.Errorf("scorecard view: %w", err)
			}
			return []mcp.ResourceContents{mcp.TextResourceContents{
				URI: studio.AppURI, MIMEType: studio.AppMIMEType, Text: html,
				Meta: appResourceMeta,
			}}, nil
		},
	}
}

// appsHost reports whether the client of ctx's session renders MCP Apps of
// our MIME type.
func appsHost(ctx context.Context) bool {
	s, ok := mcpserver.ClientSessionFromContext(ctx).(mcpserver.SessionWithClientInfo)
	return ok && rendersApps(s.GetClientCapabilities())
}

// rendersApps reports whether caps advertise the MCP Apps extension with
// our MIME type.
func rendersApps(caps mcp.ClientCapabilities) bool {
	ext, _ := caps.Extensions[studio.AppExtension].(map[string]any)
	switch types := ext["mimeTypes"].(type) {
	case []any:
		return slices.Contains(types, any(studio.AppMIMEType))
	case []string:
		return slices.Contains(types, studio.AppMIMEType)
	}
	return false
}

// advertiseApps answers a host that advertises MCP Apps with the extension
// in the server's capabilities too; other clients' handshake is unchanged.
func advertiseApps(_ context.Context, _ any, req *mcp.InitializeRequest, res *mcp.InitializeResult) {
	if req != nil && res != nil && rendersApps(req.Params.Capabilities) {
		res.Capabilities.Extensions = withAppExtension(res.Capabilities.Extensions)
	}
}

// advertiseAppsOnDiscover is advertiseApps for server/discover, the
// handshake of protocol versions without initialize.
func advertiseAppsOnDiscover(ctx context.Context, _ any, _ *mcp.DiscoverRequest, res *mcp.DiscoverResult) {
	if res != nil && appsHost(ctx) {
		res.Capabilities.Extensions = withAppExtension(res.Capabilities.Extensions)
	}
}

func withAppExtension(ext map[string]any) map[string]any {
	ext = maps.Clone(ext)
	if ext == nil {
		ext = map[string]any{}
	}
	ext[studio.AppExtension] = map[string]any{"mimeTypes": []string{studio.AppMIMEType}}
	return ext
}

// withAppMeta is a tools/list filter: for a host that renders MCP Apps, it
// gives the scorecard's tools their _meta.ui.resourceUri (and the flat
// "ui/resourceUri" key older hosts read); every other client gets the
// tools as they are.
func withAppMeta(ctx context.Context, tools []mcp.Tool) []mcp.Tool {
	if !appsHost(ctx) {
		return tools
	}
	out := make([]mcp.Tool, len(tools))
	for i, t := range tools {
		if slices.Contains(appTools, t.Name) {
			fields := map[string]any{}
			if t.Meta != nil {
				for k, v := range t.Meta.AdditionalFields {
					fields[k] = v
				}
			}
			fields["ui"] = map[string]any{"resourceUri": studio.AppURI}
			fields["ui/resourceUri"] = studio.AppURI
			t.Meta = &mcp.Meta{AdditionalFields: fields}
		}
		out[i] = t
	}
	return out
}

// hideAppResource leaves the ui:// resource out of resources/list for a
// client that does not render MCP Apps (SEP-1865 allows omitting it; the
// host discovers it through the tools' _meta).
func hideAppResource(ctx context.Context, _ any, _ *mcp.ListResourcesRequest, res *mcp.ListResourcesResult) {
	if res == nil || appsHost(ctx) {
		return
	}
	res.Resources = slices.DeleteFunc(slices.Clone(res.Resources), func(r mcp.Resource) bool { return r.URI == studio.AppURI })
}
