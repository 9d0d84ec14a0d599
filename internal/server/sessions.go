package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"
)

// Defaults for HTTP sessions.
const (
	// DefaultSessionTTL is how long an HTTP session may sit idle (no
	// request) before it is closed and its memory freed: abandoned sessions
	// (a client that never sends DELETE) must not pile up.
	DefaultSessionTTL = 15 * time.Minute
	// DefaultMaxSessions is how many HTTP sessions may be open at once; an
	// initialize past it is refused with 503 until sessions close or
	// expire. A session costs about 10 KB.
	DefaultMaxSessions = 1000
)

// errUnknownSession is what sessionStore.Validate says of an id it did not
// issue, or that was closed or expired: mcp-go answers it with 404, as the
// spec asks, so the client starts a new session.
var errUnknownSession = errors.New("unknown or expired session")

// sessionStore issues the HTTP session ids and knows which are live: the
// SessionIdManager mcp-go's streamable HTTP transport consults on every
// request. Idle expiry is mcp-go's own (WithSessionIdleTTL sweeps idle
// sessions and calls Terminate); the store adds what mcp-go leaves open:
// ids it never issued or already closed are unknown (404), the number of
// live sessions is capped, and a session's listening (GET) streams end
// with it.
type sessionStore struct {
	max int

	mu   sync.Mutex
	live map[string][]context.CancelFunc // id -> its open GET streams
	// closed counts sessions closed since the janitor last looked.
	closed int
}

func newSessionStore(max int) *sessionStore {
	return &sessionStore{max: max, live: map[string][]context.CancelFunc{}}
}

// Generate issues a new session id: 128 random bits.
func (s *sessionStore) Generate() string {
	var b [16]byte
	rand.Read(b[:]) //nolint:errcheck // crypto/rand.Read never fails
	id := "mcp-session-" + hex.EncodeToString(b[:])
	s.mu.Lock()
	s.live[id] = nil
	s.mu.Unlock()
	return id
}

// Validate accepts only live ids.
func (s *sessionStore) Validate(id string) (isTerminated bool, err error) {
	if !s.has(id) {
		return false, errUnknownSession
	}
	return false, nil
}

// Terminate closes a session (DELETE, idle expiry, shutdown) and ends its
// listening streams.
func (s *sessionStore) Terminate(id string) (isNotAllowed bool, err error) {
	s.mu.Lock()
	streams, ok := s.live[id]
	delete(s.live, id)
	if ok {
		s.closed++
	}
	s.mu.Unlock()
	for _, cancel := range streams {
		cancel()
	}
	return false, nil
}

func (s *sessionStore) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.live[id]
	return ok
}

// Len is the number of live sessions.
func (s *sessionStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}

// full reports whether another session would pass the cap.
func (s *sessionStore) full() bool { return s.max > 0 && s.Len() >= s.max }

// stream ties a listening stream's context to its session: the context
// ends when the session does. ok is false for a session that is not live.
func (s *sessionStore) stream(ctx context.Context, id string) (context.Context, context.CancelFunc, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, live := s.live[id]; !live {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithCancel(ctx)
	s.live[id] = append(s.live[id], cancel)
	return ctx, cancel, true
}

// giveBack returns n to the closed count takeClosed took it from.
func (s *sessionStore) giveBack(n int) {
	s.mu.Lock()
	s.closed += n
	s.mu.Unlock()
}

// takeClosed returns how many sessions closed since the last call, and
// rebuilds the map of live sessions when that many left it: a Go map keeps
// the room of its largest size, which after a flood of sessions is
// megabytes.
func (s *sessionStore) takeClosed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.closed
	s.closed = 0
	if n > 0 && n >= len(s.live) {
		// Not maps.Clone: a clone keeps the room of the original.
		live := make(map[string][]context.CancelFunc, len(s.live))
		for id, streams := range s.live {
			live[id] = streams
		}
		s.live = live
	}
	return n
}

// guardSessions applies the session rules mcp-go leaves to the server, on
// the MCP endpoint, for the session-based protocol versions (2026-07-28
// has no sessions, and mcp-go serves it without one): a request other than
// initialize must name a session (400 without one) that is live (404
// otherwise, also for GET and DELETE, which mcp-go would otherwise accept
// with any id and, for GET, open a new session for); an initialize past the
// cap is refused with 503 and a Retry-After. The body has already been read
// (harden); it is only decoded when the session header does not settle it.
func guardSessions(next http.Handler, store *sessionStore, retryAfter time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != EndpointPath || mcp.IsModernProtocol(r.Header.Get(mcp.HeaderProtocolVersion)) {
			next.ServeHTTP(w, r)
			return
		}
		id := r.Header.Get(mcpserver.HeaderKeySessionID)
		if id != "" && store.has(id) {
			if r.Method == http.MethodGet {
				ctx, cancel, ok := store.stream(r.Context(), id)
				if ok {
					defer cancel()
					r = r.WithContext(ctx)
				}
			}
			next.ServeHTTP(w, r)
			return
		}
		var msg peeked
		if r.Method == http.MethodPost {
			msg = peek(r)
			if msg.modern {
				next.ServeHTTP(w, r)
				return
			}
		}
		switch {
		case r.Method != http.MethodPost && r.Method != http.MethodGet && r.Method != http.MethodDelete:
			next.ServeHTTP(w, r)
		case id == "" && msg.method == string(mcp.MethodInitialize):
			if store.full() {
				w.Header().Set("Retry-After", strconv.Itoa(int(retryAfter.Seconds())))
				writeRPCError(w, http.StatusServiceUnavailable, msg.id, fmt.Sprintf(
					"too many open sessions: this server holds at most %d at once; retry in a few minutes, and close sessions you no longer need with DELETE", store.max))
				return
			}
			next.ServeHTTP(w, r)
		case id == "" && r.Method != http.MethodDelete:
			writeRPCError(w, http.StatusBadRequest, msg.id, "missing Mcp-Session-Id header: send initialize first and then the session id it returns with every request")
		default:
			writeRPCError(w, http.StatusNotFound, msg.id, "unknown or expired session: start a new one with initialize")
		}
	})
}

// peeked is what guardSessions needs to know of a request body.
type peeked struct {
	method string
	id     any
	modern bool
}

func peek(r *http.Request) peeked {
	b, ok := r.Body.(*bodyBuffer)
	if !ok {
		return peeked{}
	}
	var m struct {
		Method string `json:"method"`
		ID     any    `json:"id"`
		Params struct {
			Meta *mcp.Meta `json:"_meta"`
		} `json:"params"`
	}
	if json.Unmarshal(b.Bytes(), &m) != nil {
		return peeked{}
	}
	return peeked{method: m.Method, id: m.ID, modern: mcp.IsModernProtocol(m.Params.Meta.ProtocolVersion())}
}

// bodyBuffer is a request body harden has read whole, kept readable.
type bodyBuffer struct{ *bytes.Reader }

func (bodyBuffer) Close() error { return nil }

func (b *bodyBuffer) Bytes() []byte {
	p := make([]byte, b.Size())
	n, _ := b.ReadAt(p, 0)
	return p[:n]
}

// writeRPCError answers with an HTTP status and a JSON-RPC error body, so
// both an HTTP client and an MCP client can tell what happened.
func writeRPCError(w http.ResponseWriter, status int, id any, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{ //nolint:errcheck // the client may be gone
		"jsonrpc": "2.0", "id": id,
		"error": map[string]any{"code": -32000, "message": msg},
	})
}
