package server

import (
	"bytes"
	"context"
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
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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

// HTTPHandler serves the MCP endpoint and the health check behind the
// hardening every request passes: body limit (413) and a deadline for
// reading the body, DNS-rebinding checks on Host and Origin for loopback
// connections (403), the bearer token when one is configured (401), and
// the session rules (400, 404, 503; see guardSessions). Close it to stop
// its session sweeper.
type HTTPHandler struct {
	h             http.Handler
	mcp           *mcpserver.StreamableHTTPServer
	sessions      *sessionStore
	stop, stopped chan struct{}
	once          sync.Once
	requests      atomic.Int64 // since returnMemory last looked
}

// DefaultBodyTimeout bounds reading one request body: a client trickling
// a body holds a connection no longer than this.
const DefaultBodyTimeout = 30 * time.Second

// NewHTTPHandler builds the HTTP handler for s.
func NewHTTPHandler(s *mcpserver.MCPServer, opts Options) *HTTPHandler {
	log := opts.logger()
	ttl := opts.SessionTTL
	if ttl <= 0 {
		ttl = DefaultSessionTTL
	}
	store := newSessionStore(opts.maxSessions())
	mcpHTTP := mcpserver.NewStreamableHTTPServer(s,
		mcpserver.WithEndpointPath(EndpointPath),
		mcpserver.WithStreamableHTTPLogger(log),
		mcpserver.WithSessionIdManager(store),
		mcpserver.WithSessionIdleTTL(ttl),
		mcpserver.WithHeartbeatInterval(30*time.Second),
	)
	mux := http.NewServeMux()
	mux.Handle(EndpointPath, guardSessions(fixCodesHTTP(mcpHTTP), store, min(ttl, 5*time.Minute)))
	mux.HandleFunc(HealthPath, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "ok", "name": Name, "version": opts.version(),
			"sessions": store.Len(), "goroutines": runtime.NumGoroutine()})
	})
	limit := opts.maxBodyBytes()
	bodyTimeout := opts.BodyTimeout
	if bodyTimeout <= 0 {
		bodyTimeout = DefaultBodyTimeout
	}
	h := &HTTPHandler{h: withStudio(harden(mux, opts.Token, opts.AllowedOrigins, limit, bodyTimeout, log), opts, log), mcp: mcpHTTP, sessions: store, stop: make(chan struct{}), stopped: make(chan struct{})}
	go h.returnMemory(min(max(ttl/2, time.Second), 10*time.Second), log)
	return h
}

// returnMemory gives memory the server no longer uses back to the system.
// The Go runtime returns freed heap to the OS only slowly, so after 20,000
// abandoned sessions expired, or a burst of calls ended, the server kept
// their resident memory for minutes. So, checked every tick: when at least
// minFreed sessions have closed since the last return, or when a tick
// passes without a request after some, it forces a collection and returns
// the free memory (debug.FreeOSMemory, a few milliseconds, at most once a
// tick and only when the server is idle or shedding sessions).
func (h *HTTPHandler) returnMemory(every time.Duration, log *slog.Logger) {
	defer close(h.stopped)
	const minFreed = 256
	tick := time.NewTicker(every)
	defer tick.Stop()
	busy := false // requests came since the last return
	for {
		select {
		case <-h.stop:
			return
		case <-tick.C:
		}
		requests := h.requests.Swap(0)
		closed := h.sessions.takeClosed()
		switch {
		case closed >= minFreed:
			freeMemory()
			log.Info("returned the memory of closed sessions", "sessions", closed, "live", h.sessions.Len())
			busy = requests > 0
		case requests == 0 && busy:
			freeMemory()
			log.Debug("idle: returned free memory")
			busy = false
		default:
			h.sessions.giveBack(closed) // counted towards the next check
			busy = busy || requests > 0
		}
	}
}

// freeMemory collects twice, so what sync.Pools held (kept through one
// collection as their victim cache) is freed too, and returns the free
// memory to the system.
func freeMemory() {
	runtime.GC()
	debug.FreeOSMemory()
}

func (h *HTTPHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EndpointPath { // health probes are not activity
		h.requests.Add(1)
	}
	h.h.ServeHTTP(w, r)
}

// Close closes every session (ending their listening streams) and stops
// the idle sweeper.
func (h *HTTPHandler) Close(ctx context.Context) error {
	h.once.Do(func() { close(h.stop); <-h.stopped })
	return h.mcp.Shutdown(ctx)
}

func (o Options) maxBodyBytes() int64 {
	if o.MaxBodyBytes <= 0 {
		return DefaultMaxBodyBytes
	}
	return o.MaxBodyBytes
}

func (o Options) maxSessions() int {
	switch {
	case o.MaxSessions < 0:
		return 0 // no cap
	case o.MaxSessions == 0:
		return DefaultMaxSessions
	}
	return o.MaxSessions
}

func harden(next http.Handler, token string, origins []string, limit int64, bodyTimeout time.Duration, log *slog.Logger) http.Handler {
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
			// Read the body here, within bodyTimeout, so an over-long
			// chunked body is a 413 rather than a JSON-RPC parse error
			// and a trickled one does not hold the connection. (A
			// server-wide ReadTimeout would also cancel the context of a
			// long rewrite still running after the body is read.)
			rc := http.NewResponseController(w)
			_ = rc.SetReadDeadline(time.Now().Add(bodyTimeout))
			b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			if err != nil {
				// Close the connection rather than wait for the rest of
				// a body that is not coming (net/http would try to read
				// it to keep the connection alive).
				w.Header().Set("Connection", "close")
				var tooBig *http.MaxBytesError
				var ne net.Error
				switch {
				case errors.As(err, &tooBig):
					http.Error(w, fmt.Sprintf("request body too large: limit is %d bytes", limit), http.StatusRequestEntityTooLarge)
				case errors.As(err, &ne) && ne.Timeout():
					http.Error(w, fmt.Sprintf("request body not received within %s", bodyTimeout), http.StatusRequestTimeout)
				default:
					http.Error(w, "cannot read request body: "+err.Error(), http.StatusBadRequest)
				}
				return
			}
			_ = rc.SetReadDeadline(time.Time{})
			r.Body = &bodyBuffer{bytes.NewReader(b)}
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
