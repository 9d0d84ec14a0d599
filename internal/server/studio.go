package server

import (
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/pushback/pushback/internal/studio"
)

// withStudio serves the drafting studio (internal/studio) at / in front of
// next, which serves everything else. The page is an MCP client of
// EndpointPath: every check, rewrite, decision and template it shows goes
// through next, so through the same handlers and the same hardening as an
// assistant's calls (Host and Origin checks, the bearer token, the body
// limit). The page's own files hold no data and are served without the
// token (a browser opening a URL cannot send one; the page then sends it
// with every call), but after the same Host and Origin checks, and with a
// strict Content-Security-Policy. A failure to read the embedded files
// leaves the studio out and logs why; the MCP endpoint is served regardless.
func withStudio(next http.Handler, opts Options, log *slog.Logger) http.Handler {
	if !opts.Studio {
		return next
	}
	page, err := studio.Handler()
	if err != nil {
		log.Error("studio not served", "err", err)
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !page.Serves(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		if status, msg := screen(r, opts.AllowedOrigins); status != 0 {
			log.Warn("http request refused", "status", status, "reason", msg, "host", r.Host, "origin", r.Header.Get("Origin"))
			http.Error(w, msg, status)
			return
		}
		page.ServeHTTP(w, r)
	})
}

// StudioURL is the address to open the studio at, for a server listening
// on addr: a wildcard bind (0.0.0.0, ::) is shown as localhost, which
// reaches it from this machine.
func StudioURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return "http://" + host + ":" + port + "/"
}
