package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
	"github.com/pushback/pushback/internal/server"
)

func init() {
	register(command{name: "serve", summary: "run the MCP server (stdio, or streamable HTTP with --http)", run: runServe})
}

const serveUsage = `Usage: pushback serve [flags]

Runs the pushback MCP server. By default it speaks MCP over stdio (stdout is
the protocol; logs go to stderr). With --http it serves streamable HTTP at
%s, a health check at GET %s, and the drafting studio, a web page
that checks, rewrites and templates your reply as you type, at / (its
address is printed on start; --studio=false leaves it out).

HTTP hardening: loopback binds only, unless a bearer token is set
(PUSHBACK_TOKEN, or --token, which shows in ps), which every request must then
send as "Authorization: Bearer <token>". Requests on a loopback address must
carry a loopback Host, and a browser Origin must be loopback or listed in
--origin.
Request bodies over --max-body bytes get 413 (on stdio, a longer message is
answered with an error and dropped); a body must arrive within 30 s, headers
within 10 s, and an idle kept-alive connection closes after 60 s.
Sessions: an idle session closes after --session-ttl; at most --max-sessions
are open at once (a further initialize gets 503); an unknown, closed or
expired session id gets 404. SIGINT/SIGTERM shut down gracefully.

Tools: %s.
rewrite_draft uses a language model when OPENAI_API_KEY or OPENAI_BASE_URL
is set (see PUSHBACK_ENGINE, PUSHBACK_MODEL), else the offline rules engine;
--offline (or PUSHBACK_OFFLINE=1) keeps it on the rules engine regardless, so
no tool calls a model.

Flags:
`

func runServe(env *Env, args []string) int {
	fs := newFlagSet(env, "serve")
	var (
		httpAddr = fs.String("http", "", "serve streamable HTTP on `ADDR` (e.g. 127.0.0.1:8080) instead of stdio")
		token    = fs.String("token", "", "bearer `TOKEN` required on every HTTP request (default $PUSHBACK_TOKEN); needed to bind a non-loopback address")
		tools    = fs.String("tools", "", "comma-separated `NAMES` of the tools to serve (default $PUSHBACK_TOOLS, else all)")
		offline  = fs.Bool("offline", false, "call no language model: rewrite_draft runs on the rules engine (default true when $PUSHBACK_OFFLINE=1)")
		maxBody  = fs.Int64("max-body", server.DefaultMaxBodyBytes, "largest HTTP request body or stdio message in `BYTES`")
		ttl      = fs.Duration("session-ttl", server.DefaultSessionTTL, "close an HTTP session after this long without a request (`DURATION`)")
		maxSess  = fs.Int("max-sessions", server.DefaultMaxSessions, "most HTTP sessions open at once (`N`)")
		rwTime   = fs.Duration("rewrite-timeout", rewrite.DefaultTimeout, "time limit for one rewrite_draft call, model retries and waits included (`DURATION`)")
		logLevel = fs.String("log-level", "info", "stderr log level: debug, info, warn or error")
		studio   = fs.Bool("studio", true, "with --http, serve the drafting studio (a web page) at /")
		origins  listFlag
	)
	fs.Var(&origins, "origin", "also accept this browser `ORIGIN` (scheme://host:port) over HTTP; repeatable")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), serveUsage, server.EndpointPath, server.HealthPath, strings.Join(server.ToolNames(), ", "))
		fs.PrintDefaults()
	}
	pos, code := parseFlags(env, fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageErr(env, fmt.Errorf("unexpected argument %q; serve takes flags only", pos[0]))
	}
	getenv := env.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["token"] {
		*token = getenv("PUSHBACK_TOKEN")
	}
	if !set["tools"] {
		*tools = getenv("PUSHBACK_TOOLS")
	}
	if !set["offline"] {
		switch strings.ToLower(getenv("PUSHBACK_OFFLINE")) {
		case "1", "true", "yes":
			*offline = true
		}
	}
	switch {
	case *maxBody <= 0:
		return usageErr(env, fmt.Errorf("--max-body %d: must be positive", *maxBody))
	case *ttl <= 0:
		return usageErr(env, fmt.Errorf("--session-ttl %s: must be positive", *ttl))
	case *maxSess <= 0:
		return usageErr(env, fmt.Errorf("--max-sessions %d: must be positive", *maxSess))
	case *rwTime <= 0:
		return usageErr(env, fmt.Errorf("--rewrite-timeout %s: must be positive", *rwTime))
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usageErr(env, fmt.Errorf("--log-level %q: use debug, info, warn or error", *logLevel))
	}
	var names []string
	for _, n := range strings.Split(*tools, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	opts := server.Options{
		Version:        Version,
		Tools:          names,
		Offline:        *offline,
		Getenv:         getenv,
		Logger:         slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level})),
		HTTPAddr:       *httpAddr,
		Token:          strings.TrimSpace(*token),
		AllowedOrigins: origins,
		MaxBodyBytes:   *maxBody,
		SessionTTL:     *ttl,
		MaxSessions:    *maxSess,
		RewriteTimeout: *rwTime,
		Studio:         *studio,
		Stdin:          env.Stdin,
		Stdout:         env.Stdout,
	}
	if opts.HTTPAddr != "" && opts.Studio {
		opts.Ready = func(a net.Addr) {
			fmt.Fprintf(env.Stderr, "pushback: drafting studio at %s\n", server.StudioURL(a))
			if opts.Token != "" {
				fmt.Fprintf(env.Stderr, "pushback: the page needs the token: open it as %s#token=<your token>\n", server.StudioURL(a))
			}
		}
	}
	if opts.HTTPAddr != "" {
		if err := server.CheckBind(opts.HTTPAddr, opts.Token); err != nil {
			return usageErr(env, err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := server.Serve(ctx, opts); err != nil {
		// Configuration mistakes surface before anything is served.
		if errors.Is(err, server.ErrUnknownTool) || errors.Is(err, server.ErrInsecureBind) ||
			errors.Is(err, rewrite.ErrNotConfigured) || errors.Is(err, guide.ErrUnknownValue) {
			return usageErr(env, err)
		}
		fmt.Fprintf(env.Stderr, "pushback serve: %v\n", err)
		return ExitFail
	}
	return ExitOK
}
