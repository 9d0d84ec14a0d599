// Package studio is pushback's drafting studio: the web page that
// `pushback serve --http` serves at /, and the scorecard view that MCP Apps
// hosts render for check_draft and rewrite_draft. Both are plain HTML, CSS
// and JavaScript embedded in the binary: no CDN, no network at run time, no
// build step.
//
// The studio holds no rule of its own. The page is an MCP client of the same
// server's /mcp endpoint: every check, rewrite, decision and template it
// shows comes from the tools an assistant calls, and the names, colours and
// questions it lays out come from the server's resources and tool schemas.
// The MCP App view renders the structuredContent its host hands it and asks
// the host to call the tools for anything more.
package studio

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

//go:embed web
var web embed.FS

// webFiles is web/ itself. (fs.Sub fails only for an invalid path name,
// and "web" is a valid one.)
func webFiles() fs.FS {
	sub, _ := fs.Sub(web, "web")
	return sub
}

// Prefix is the path under which the page's other files are served (its
// icon); the page itself is at /.
const Prefix = "/studio/"

// pagePolicy is the page's Content-Security-Policy besides its own inline
// script and style (by hash): it talks only to its own origin (the MCP
// endpoint), and cannot be framed, submit forms or change its base.
const pagePolicy = "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Site serves the studio page and its icon. Build it with Handler.
type Site struct {
	csp   string
	files map[string]file // by URL path
}

type file struct {
	body        []byte
	contentType string
	etag        string
}

// Handler returns the studio's HTTP handler. The page is assembled from the
// embedded files when it is called, so a server that never serves HTTP
// never touches them.
func Handler() (*Site, error) {
	page, err := assemble(webFiles(), "index.html")
	if err != nil {
		return nil, err
	}
	icon, err := fs.ReadFile(webFiles(), "icon.svg")
	if err != nil {
		return nil, fmt.Errorf("studio: read icon.svg: %w", err)
	}
	s := &Site{csp: page.csp(pagePolicy), files: map[string]file{}}
	add := func(urlPath string, body []byte, contentType string) {
		sum := sha256.Sum256(body)
		s.files[urlPath] = file{body: body, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	add("/", []byte(page.html), "text/html; charset=utf-8")
	add(Prefix+"icon.svg", icon, "image/svg+xml")
	return s, nil
}

// CSP is the Content-Security-Policy the site sends with every answer.
func (s *Site) CSP() string { return s.csp }

// Serves reports whether path is one of the studio's: / or a file under
// Prefix (an unknown file there is a 404 from the studio).
func (s *Site) Serves(urlPath string) bool {
	return urlPath == "/" || strings.HasPrefix(urlPath, Prefix)
}

// PageBytes is the weight of the page: the HTML, with its styles and
// scripts, and its icon.
func (s *Site) PageBytes() int {
	n := 0
	for _, f := range s.files {
		n += len(f.body)
	}
	return n
}

// ServeHTTP serves GET and HEAD for the page and its icon, with the
// security headers on every answer, errors included.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	// No Cross-Origin-Opener-Policy: the page opens no window and cannot be
	// framed, and that header makes Chromium start a new renderer for it,
	// which cost a measured 150-400 ms of first render on a busy machine.
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: the studio's files are read with GET", http.StatusMethodNotAllowed)
		return
	}
	f, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h.Set("Content-Type", f.contentType)
	// The files change only with the binary: revalidate, cheaply.
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", f.etag)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, f.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
