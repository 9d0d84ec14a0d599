// Package server is pushback's MCP server: the deterministic capabilities
// (decide, check, the formula and scenario templates, level calibration) as
// tools, the domain as resources, and coaching workflows as prompts, over
// stdio or streamable HTTP. All protocol work is done by mark3labs/mcp-go.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// Name is the server's name in the MCP handshake and the registry.
const Name = "pushback"

// ErrUnknownTool is wrapped by the error for a --tools name that does not
// exist; the CLI maps it to a usage error.
var ErrUnknownTool = errors.New("unknown tool")

// Options configure the server. The zero value serves every tool over
// stdio with the embedded guide.
type Options struct {
	// Version is reported in the MCP handshake.
	Version string
	// Guide is the domain; nil means guide.Default().
	Guide *guide.Guide
	// Tools, when not empty, is the set of tools to serve, by name.
	Tools []string
	// Offline serves no tool that calls a language model: the rewrite tool
	// runs on the offline rules engine even when a model is configured.
	Offline bool
	// Getenv reads the rewrite engine's configuration (OPENAI_API_KEY,
	// PUSHBACK_ENGINE, ...; see rewrite.ConfigFromEnv); nil reads nothing,
	// which means the rules engine.
	Getenv func(string) string
	// RewriteEngine, when set, replaces the engine the environment would
	// choose (tests, evals).
	RewriteEngine rewrite.Engine
	// RewriteTimeout bounds one rewrite_draft call, retries and waits
	// included; rewrite.DefaultTimeout when zero.
	RewriteTimeout time.Duration
	// Logger receives the server's logs; nil discards them. It must not
	// write to stdout when serving stdio.
	Logger *slog.Logger

	// HTTPAddr, when set, serves streamable HTTP at /mcp on this address
	// instead of stdio.
	HTTPAddr string
	// Token, when set, is the bearer token every HTTP request must carry.
	// Required for a non-loopback HTTPAddr.
	Token string
	// AllowedOrigins are browser origins (scheme://host[:port]) accepted
	// besides loopback ones.
	AllowedOrigins []string
	// MaxBodyBytes bounds an HTTP request body and a stdio message (a
	// line); 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// SessionTTL closes an HTTP session idle for this long;
	// DefaultSessionTTL when zero.
	SessionTTL time.Duration
	// MaxSessions caps the HTTP sessions open at once; DefaultMaxSessions
	// when zero, no cap when negative.
	MaxSessions int
	// BodyTimeout bounds reading an HTTP request body;
	// DefaultBodyTimeout when zero.
	BodyTimeout time.Duration
	// Studio serves the drafting studio (internal/studio) at / beside the
	// MCP endpoint over HTTP.
	Studio bool
	// Ready, when set, is called with the listening address once HTTP
	// accepts connections.
	Ready func(net.Addr)

	// ValidateOutput makes mcp-go check every structured result against
	// its tool's outputSchema before sending it. The tests turn it on (and
	// check results against the schemas themselves); serving leaves it
	// off: results are built from the same types the schemas come from,
	// and validating each one cost a tenth of a check_draft call.
	ValidateOutput bool

	// Stdin and Stdout carry the protocol on stdio.
	Stdin  io.Reader
	Stdout io.Writer
}

func (o Options) guide() *guide.Guide {
	if o.Guide != nil {
		return o.Guide
	}
	return guide.Default()
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (o Options) version() string {
	if o.Version != "" {
		return o.Version
	}
	return "dev"
}

// New builds the MCP server with the tools, resources and prompts opts
// selects, and returns once all of them are in it. An unknown tool name is
// an error wrapping ErrUnknownTool.
func New(opts Options) (*mcpserver.MCPServer, error) {
	s, ready, err := start(opts)
	if err != nil {
		return nil, err
	}
	if err := ready(); err != nil {
		return nil, err
	}
	return s, nil
}

// start returns the server at once, able to answer initialize, ping and
// logging/setLevel, and fills in the tools, resources and prompts in the
// background: loading the guide and reflecting the tools' schemas is most
// of a cold start, and the handshake needs none of it. Every other request
// waits until the server is full, so no client ever sees part of it.
// ready waits for that and says what went wrong. The checker is built
// next, and its learned judge loaded, in the same background work, so the
// first check rarely waits.
func start(opts Options) (s *mcpserver.MCPServer, ready func() error, err error) {
	// Mistakes in the configuration are reported now, not from the
	// background once the client is talking to the server.
	if err := knownTools(opts.Tools); err != nil {
		return nil, nil, err
	}
	if opts.RewriteEngine == nil {
		if err := rewriteConfig(opts).Validate(); err != nil {
			return nil, nil, fmt.Errorf("rewrite engine: %w", err)
		}
	}
	done := make(chan struct{})
	var fillErr error
	// With the embedded guide and the offline engine, what tools/list
	// answers is known before anything is built (tools.json): it is
	// served at once, and calls wait for the handlers.
	early, err := earlyTools(opts)
	if err != nil {
		return nil, nil, err
	}
	hooks := &mcpserver.Hooks{}
	hooks.AddBeforeAny(func(_ context.Context, _ any, method mcp.MCPMethod, _ any) {
		switch {
		case method == mcp.MethodInitialize, method == mcp.MethodPing, method == mcp.MethodSetLogLevel:
		case method == mcp.MethodToolsList && early != nil:
		default:
			<-done
		}
	})
	hooks.AddAfterInitialize(advertiseApps)
	hooks.AddAfterDiscover(advertiseAppsOnDiscover)
	hooks.AddAfterListResources(hideAppResource)
	comp := &completer{}
	serverOpts := []mcpserver.ServerOption{
		mcpserver.WithTitle("pushback"),
		mcpserver.WithDescription("Coaches you to push back well: decide whether to push back, write it with the five-step formula at the right level, and check it before sending."),
		mcpserver.WithInstructions(instructions),
		mcpserver.WithToolCapabilities(false),
		mcpserver.WithResourceCapabilities(false, false),
		mcpserver.WithPromptCapabilities(false),
		mcpserver.WithCompletions(),
		mcpserver.WithPromptCompletionProvider(comp),
		mcpserver.WithLogging(),
		mcpserver.WithRecovery(),
		mcpserver.WithResourceRecovery(),
		mcpserver.WithHooks(hooks),
		mcpserver.WithToolFilter(withAppMeta),
	}
	if opts.ValidateOutput {
		serverOpts = append(serverOpts, mcpserver.WithOutputSchemaValidation())
	}
	s = mcpserver.NewMCPServer(Name, opts.version(), serverOpts...)
	handlers := map[string]mcpserver.ToolHandlerFunc{}
	for _, def := range early {
		s.AddTool(def, func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			<-done
			if h, ok := handlers[def.Name]; ok && fillErr == nil {
				return h(ctx, req)
			}
			return mcp.NewToolResultError(fmt.Sprintf("%s is not available: the server failed to start it (see its log)", def.Name)), nil
		})
	}
	go func() {
		chk, err := fill(s, comp, opts, handlers, early != nil)
		fillErr = err
		close(done)
		if err == nil {
			if c, err := chk.get(); err == nil {
				_ = c.Warm() // an error shows again on the first check, as a tool error
			}
		}
	}()
	return s, func() error { <-done; return fillErr }, nil
}

// fill adds the resources and prompts to s, and the tools: into s, or,
// when they are already listed from tools.json (listed), into handlers.
func fill(s *mcpserver.MCPServer, comp *completer, opts Options, handlers map[string]mcpserver.ToolHandlerFunc, listed bool) (lazyChecker, error) {
	g := opts.guide()
	log := opts.logger()
	chk := newLazyChecker(g)
	tools, err := allTools(opts, g, chk, log)
	if err != nil {
		return chk, err
	}
	tools, err = selectTools(tools, opts)
	if err != nil {
		return chk, err
	}
	prompts, err := allPrompts(g)
	if err != nil {
		return chk, err
	}
	comp.g = g
	for _, t := range tools {
		h := withLogging(log, t.def.Name, t.handler)
		if listed {
			handlers[t.def.Name] = h
		} else {
			s.AddTool(t.def, h)
		}
	}
	s.AddResources(append(resources(g), appResource())...)
	s.AddPrompts(prompts...)
	return chk, nil
}

// instructions tell a host model how the pieces fit together.
const instructions = "pushback coaches the user to push back well on a request from a client, a leader or a colleague: respectfully, with reasons, an alternative and the decision left open. " +
	"Typical flow: decide (is it worth it? at what level?) -> write the message in the user's voice (render_formula or render_scenario for a skeleton; rewrite_draft to polish the user's own blunt draft) -> check_draft as a second opinion -> fix what it finds; stop once it passes. " +
	"Resources pushback://framework, formula, levels, phrases, anti-patterns, battles, scenarios and examples hold the guidance itself (Markdown; add .json for JSON)."

// allTools builds every tool pushback offers, in a stable order.
func allTools(opts Options, g *guide.Guide, chk checker, log *slog.Logger) ([]tool, error) {
	tools, err := deterministicTools(log, g, chk)
	if err != nil {
		return nil, err
	}
	rw, err := rewriteTool(log, opts, g, chk)
	if err != nil {
		return nil, err
	}
	return append(tools, rw), nil
}

// ToolNames lists the name of every tool pushback can serve, in the order
// tools/list gives them, for --tools help and validation (a test holds it
// to the tools built).
func ToolNames() []string {
	return []string{ToolDecide, ToolCheckDraft, ToolRenderFormula, ToolRenderScenario, ToolRecommendLevel, ToolRewriteDraft}
}

// knownTools checks --tools names before anything is built.
func knownTools(names []string) error {
	all := ToolNames()
	for _, n := range names {
		if !slices.Contains(all, n) {
			return fmt.Errorf("%w %q; available tools: %s", ErrUnknownTool, n, strings.Join(all, ", "))
		}
	}
	return nil
}

// selectTools applies --offline and --tools.
func selectTools(tools []tool, opts Options) ([]tool, error) {
	if err := knownTools(opts.Tools); err != nil {
		return nil, err
	}
	var out []tool
	for _, t := range tools {
		if opts.Offline && t.llm {
			continue
		}
		if len(opts.Tools) > 0 && !slices.Contains(opts.Tools, t.def.Name) {
			continue
		}
		out = append(out, t)
	}
	return out, nil
}
