package server

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

type rewriteArgs struct {
	rewrite.Request
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Add every attempt and the full check (costs context)."`
}

// rewriteEngine picks the engine the rewrite tool uses: opts.RewriteEngine
// when set; the offline rules engine with --offline; else what the
// environment configures (openai with OPENAI_API_KEY or OPENAI_BASE_URL,
// rules otherwise). It also says which, for the tool description and logs.
func rewriteEngine(opts Options, g *guide.Guide, chk checker) (rewrite.Engine, string, error) {
	if opts.RewriteEngine != nil {
		return opts.RewriteEngine, opts.RewriteEngine.Name(), nil
	}
	eng, why, err := rewrite.NewEngine(g, chk, rewriteConfig(opts), rewrite.OpenAIConfig{})
	if err != nil {
		return nil, "", fmt.Errorf("rewrite engine: %w", err)
	}
	return eng, why, nil
}

// rewriteConfig is the engine configuration opts and the environment give.
func rewriteConfig(opts Options) rewrite.Config {
	cfg := rewrite.ConfigFromEnv(opts.Getenv)
	if opts.Offline {
		cfg.Engine = rewrite.EngineRules
	}
	return cfg
}

func rewriteTool(log *slog.Logger, opts Options, g *guide.Guide, chk checker) (tool, error) {
	eng, why, err := rewriteEngine(opts, g, chk)
	if err != nil {
		return tool{}, err
	}
	offline := eng.Name() == rewrite.EngineRules
	engineNote := "Offline rules engine here: deterministic; cuts the jabs, keeps the writer's words; a level rebuilds it."
	if !offline {
		engineNote = "Calls a language model (" + why + "): seconds, with progress per attempt; cancellable."
	}
	t, err := build(log, spec[rewriteArgs]{
		name:  ToolRewriteDraft,
		title: "Rewrite a blunt draft as a calibrated pushback",
		description: "Rewrites the user's blunt draft as a calibrated pushback, keeping numbers, dates and names, checked like check_draft plus a reader's checks, repaired up to 3 times; [slots] are the user's to fill. " +
			"For when the user has written what they mean. " + engineNote,
		closedWorld: offline, idempotent: offline,
		llm:    !offline,
		out:    rewriteLean{},
		editIn: shorten(rewriteShort),
		run: func(ctx context.Context, req mcp.CallToolRequest, in *rewriteArgs) (any, string, error) {
			ropts := rewrite.Options{Timeout: opts.RewriteTimeout, Progress: progressReporter(ctx, log, req)}
			res, err := rewrite.Run(ctx, eng, chk, in.Request, ropts)
			if err != nil {
				if isInputError(err) {
					return nil, "", err
				}
				return nil, "", &rewriteFailure{rewrite.NewFailure(res, err), err}
			}
			if in.Verbose {
				return res, rewriteText(res), nil
			}
			return leanRewrite(res), rewriteLine(res), nil
		},
	})
	if err != nil {
		return tool{}, err
	}
	log.Debug("rewrite tool ready", "engine", why)
	return t, nil
}

// progressReporter sends notifications/progress while a rewrite runs
// (before each attempt and every few seconds while the model is waited
// for) when the request carries a progress token, and nothing otherwise.
// progress is the seconds spent and total the rewrite's deadline in
// seconds, so a host's bar shows how much of the time is used; the message
// says what it is doing.
func progressReporter(ctx context.Context, log *slog.Logger, req mcp.CallToolRequest) func(rewrite.Progress) {
	if req.Params.Meta == nil || req.Params.Meta.ProgressToken == nil {
		return nil
	}
	token := req.Params.Meta.ProgressToken
	srv := mcpserver.ServerFromContext(ctx)
	if srv == nil {
		return nil
	}
	last := -1.0
	return func(p rewrite.Progress) {
		// Progress must increase with every notification.
		done := max(math.Round(p.Elapsed.Seconds()*10)/10, last+0.1)
		last = done
		err := srv.SendNotificationToClient(ctx, string(mcp.MethodNotificationProgress), map[string]any{
			"progressToken": token,
			"progress":      done,
			"total":         math.Ceil(p.Timeout.Seconds()),
			"message":       fmt.Sprintf("attempt %d of %d: %s", p.Attempt, p.Attempts, p.Message),
		})
		if err != nil {
			log.Debug("progress notification not sent", "err", err)
		}
	}
}

// rewriteFailure is a rewrite that could not finish. The tool answers it
// with an error result that says what went wrong and what was tried, and
// hands the user's draft back unchanged in a content block of its own.
type rewriteFailure struct {
	rewrite.Failure
	err error
}

func (f *rewriteFailure) Error() string { return f.err.Error() }
func (f *rewriteFailure) Unwrap() error { return f.err }

func (f *rewriteFailure) result() *mcp.CallToolResult {
	var b strings.Builder
	fmt.Fprintf(&b, "%s could not finish: %s.", ToolRewriteDraft, strings.TrimSuffix(f.Failure.Error, "."))
	if f.RetryAfterS > 0 {
		fmt.Fprintf(&b, " Try again in %d s or more.", f.RetryAfterS)
	}
	fmt.Fprintf(&b, "\nTried: %s.", f.Tried())
	b.WriteString("\nThe user's draft is unchanged; it follows in the next content block, so nothing is lost.")
	return &mcp.CallToolResult{
		IsError: true,
		Content: []mcp.Content{mcp.NewTextContent(b.String()), mcp.NewTextContent(f.Draft)},
	}
}

func rewriteText(r rewrite.Result) string {
	var b strings.Builder
	b.WriteString(r.Text)
	fmt.Fprintf(&b, "\n\n(%s level, score %d/100, %s", r.Level, r.Check.Score, rewriteVerdict(r))
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "; lost facts: %s", strings.Join(r.Missing, "; "))
	}
	for _, rv := range r.Review {
		if !rv.Pass {
			fmt.Fprintf(&b, "; %s: %s", rv.Name, rv.Detail)
		}
	}
	b.WriteString(".)")
	if r.Limit != "" {
		fmt.Fprintf(&b, "\nLimit not met: %s.", r.Limit)
	}
	for _, n := range slotNotes(r) {
		fmt.Fprintf(&b, "\nNote: %s.", n)
	}
	for i, f := range r.Check.TopFixes {
		if !r.Pass {
			fmt.Fprintf(&b, "\n%d. %s", i+1, f)
		}
	}
	return b.String()
}
