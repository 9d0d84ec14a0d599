package server

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	mcpserver "github.com/mark3labs/mcp-go/server"
)

// HTTP paths.
const (
	EndpointPath = "/mcp"
	HealthPath   = "/healthz"
)

// DefaultMaxBodyBytes bounds an HTTP request body: a 20000-character draft
// in JSON needs far less than 1 MiB.
const DefaultMaxBodyBytes = 1 << 20

// ErrInsecureBind is returned for a non-loopback address without a token.
var ErrInsecureBind = errors.New("refusing to serve HTTP on a non-loopback address without a bearer token")

// CheckBind reports whether addr may be served with token: a loopback host
// always, any other host (including an empty one, which means every
// interface) only with a token.
func CheckBind(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--http %q: want host:port, e.g. 127.0.0.1:8080: %w", addr, err)
	}
	if isLoopback(host) || token != "" {
		return nil
	}
	return fmt.Errorf("%w: %s listens beyond this machine; bind 127.0.0.1 or set --token / PUSHBACK_TOKEN", ErrInsecureBind, addr)
}

func isLoopback(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// hostOnly strips the port from a Host header or origin host.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// Handler serves the MCP endpoint, the health check and, with
// opts.Studio, the drafting studio at / (see withStudio), behind the
// hardening every request passes: body limit (413), DNS-rebinding checks on
// Host and Origin for loopback connections (403), and the bearer token when
// one is configured (401).
func Handler(s *mcpserver.MCPServer, opts Options) http.Handler {
	h, _ := newHandler(s, opts)
	return h
}

func newHandler(s *mcpserver.MCPServer, opts Options) (http.Handler, *mcpserver.StreamableHTTPServer) {
	log := opts.logger()
	mcpHTTP := mcpserver.NewStreamableHTTPServer(s,
		mcpserver.WithEndpointPath(EndpointPath),
		mcpserver.WithStreamableHTTPLogger(log),
	)
	mux := http.NewServeMux()
	mux.Handle(EndpointPath, fixCodesHTTP(mcpHTTP))
	mux.HandleFunc(HealthPath, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "name": Name, "version": opts.version()})
	})
	limit := opts.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	return withStudio(harden(mux, opts.Token, opts.AllowedOrigins, limit, log), opts, log), mcpHTTP
}

func harden(next http.Handler, token string, origins []string, limit int64, log *slog.Logger) http.Handler {
	want := []byte(token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status, msg := screen(r, origins); status != 0 {
			log.Warn("http request refused", "status", status, "reason", msg, "host", r.Host, "origin", r.Header.Get("Origin"))
			http.Error(w, msg, status)
			return
		}
		if token != "" && subtle.ConstantTimeCompare(bearer(r), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pushback"`)
			http.Error(w, "missing or wrong bearer token: send Authorization: Bearer <token>", http.StatusUnauthorized)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			if r.ContentLength > limit {
				http.Error(w, fmt.Sprintf("request body too large: limit is %d bytes", limit), http.StatusRequestEntityTooLarge)
				return
			}
			// Read the body here so an over-long chunked body is a 413,
			// not a JSON-RPC parse error from the transport.
			b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					http.Error(w, fmt.Sprintf("request body too large: limit is %d bytes", limit), http.StatusRequestEntityTooLarge)
					return
				}
				http.Error(w, "cannot read request body: "+err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		next.ServeHTTP(w, r)
	})
}

// bearer returns the token of an "Authorization: Bearer <token>" header
// (the scheme is case-insensitive), or nil.
func bearer(r *http.Request) []byte {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil
	}
	return []byte(strings.TrimSpace(tok))
}

// screen applies the DNS-rebinding protection: on a connection to a
// loopback address the Host must be a loopback name, and a browser Origin,
// when sent, must be loopback or explicitly allowed. It returns the status
// and message to refuse with, or 0.
func screen(r *http.Request, origins []string) (int, string) {
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	onLoopback := local != nil && isLoopback(hostOnly(local.String()))
	if onLoopback && !isLoopback(hostOnly(r.Host)) {
		return http.StatusForbidden, fmt.Sprintf("forbidden: Host %q is not a loopback name (DNS-rebinding protection)", r.Host)
	}
	origin := r.Header.Get("Origin")
	if origin == "" || slices.Contains(origins, origin) {
		return 0, ""
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || !isLoopback(hostOnly(u.Host)) {
		return http.StatusForbidden, fmt.Sprintf("forbidden: Origin %q is not allowed (DNS-rebinding protection)", origin)
	}
	return 0, ""
}
