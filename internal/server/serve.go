package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	mcpserver "github.com/mark3labs/mcp-go/server"
)

// ShutdownTimeout is how long Serve waits for HTTP requests in flight after
// ctx is cancelled.
const ShutdownTimeout = 5 * time.Second

// HTTP connection timeouts (see httpServer).
const (
	// ReadHeaderTimeout bounds receiving a request's headers.
	ReadHeaderTimeout = 10 * time.Second
	// IdleTimeout closes a kept-alive connection that carries no request
	// for this long.
	IdleTimeout = 60 * time.Second
)

// Serve builds the server and serves it until ctx is cancelled: stdio on
// opts.Stdin/opts.Stdout by default, streamable HTTP when opts.HTTPAddr is
// set (opts.Ready then learns the address, useful with port 0). A
// cancelled ctx is a clean stop: Serve returns nil.
//
// The server answers the handshake at once and fills in its tools,
// resources and prompts in the background (see start); should that fail,
// Serve stops and returns the error.
func Serve(ctx context.Context, opts Options) error {
	if opts.HTTPAddr == "" && (opts.Stdin == nil || opts.Stdout == nil) {
		return errors.New("serve stdio: Stdin and Stdout are required")
	}
	s, ready, err := start(opts)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		if err := ready(); err != nil {
			cancel(fmt.Errorf("build the server: %w", err))
		}
	}()
	log := opts.logger()
	if opts.HTTPAddr == "" {
		log.Info("serving MCP over stdio", "version", opts.version())
		out := &lockedWriter{w: codeWriter{opts.Stdout}}
		in := newLineLimiter(opts.Stdin, int(opts.maxBodyBytes()), out, log)
		err := mcpserver.NewStdioServer(s).Listen(ctx, in, out)
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			return cause
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			return fmt.Errorf("serve stdio: %w", err)
		}
		return nil
	}
	if err := CheckBind(opts.HTTPAddr, opts.Token); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.HTTPAddr, err)
	}
	h := NewHTTPHandler(s, opts)
	srv := httpServer(ctx, h)
	log.Info("serving MCP over streamable HTTP", "addr", ln.Addr().String(), "endpoint", EndpointPath, "health", HealthPath, "auth", opts.Token != "")
	if opts.Ready != nil {
		opts.Ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve HTTP: %w", err)
	case <-ctx.Done():
	}
	sctx, stop := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer stop()
	log.Info("shutting down")
	// Long-lived SSE streams would hold Shutdown until the timeout.
	_ = h.Close(sctx)
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down HTTP: %w", err)
	}
	if cause := context.Cause(ctx); !errors.Is(cause, context.Canceled) {
		return cause
	}
	return nil
}

// httpServer is the net/http server Serve runs h on. Slow or idle clients
// hold a connection for bounded time: headers within ReadHeaderTimeout, a
// body within the body timeout (harden), a kept-alive connection idle for
// IdleTimeout. There is no ReadTimeout or WriteTimeout: they would also
// cut a rewrite still running (net/http cancels a handler's context when
// the connection's read deadline passes) and the listening streams.
func httpServer(ctx context.Context, h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}
