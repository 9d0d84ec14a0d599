package studio

import (
	"fmt"
	"strings"
	"sync"
)

// The scorecard as an MCP App (SEP-1865): hosts that support MCP Apps
// render AppURI for the tools that declare it in _meta.ui.resourceUri.
const (
	// AppURI is the scorecard view's resource.
	AppURI = "ui://pushback/scorecard"
	// AppMIMEType is the MIME type SEP-1865 gives an MCP App's HTML.
	AppMIMEType = "text/html;profile=mcp-app"
	// AppExtension is the extension id hosts advertise MCP Apps support
	// under, in the initialize request's capabilities.extensions.
	AppExtension = "io.modelcontextprotocol/ui"
)

// appPolicy is the view's own Content-Security-Policy besides its inline
// script and style (by hash): no connection, no frame, no form; the host
// adds its own on top.
const appPolicy = "img-src data:; connect-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"

// AppHTML returns the scorecard view: one self-contained HTML document (the
// page's own scorecard script and styles with the host bridge, inlined). It
// is assembled on first use, so a stdio server that is never asked for it
// never reads it.
func AppHTML() (string, error) { return appHTML() }

var appHTML = sync.OnceValues(func() (string, error) {
	doc, err := assemble(webFiles(), "app.html")
	if err != nil {
		return "", err
	}
	const placeholder = `content="CSP"`
	if strings.Count(doc.html, placeholder) != 1 {
		return "", fmt.Errorf("studio: app.html must hold %s exactly once", placeholder)
	}
	return strings.Replace(doc.html, placeholder, `content="`+doc.csp(appPolicy)+`"`, 1), nil
})
