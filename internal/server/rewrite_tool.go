package server

import (
	"context"
	"fmt"
	"log/slog"
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
	engineNote := "Offline rules engine here: deterministic, the wording stays close to the draft's."
	if !offline {
		engineNote = "Calls a language model (" + why + "): seconds, with progress per attempt; cancellable."
	}
	t, err := build(log, spec[rewriteArgs]{
		name:  ToolRewriteDraft,
		title: "Rewrite a blunt draft as a calibrated pushback",
		description: "Rewrites the user's blunt draft as a calibrated pushback, keeping numbers, dates and names, checked as check_draft does and by a reader's checks, repaired up to three times; [bracketed] slots are for the user to fill. " +
			"For when the user has written what they mean. " + engineNote,
		closedWorld: offline, idempotent: offline,
		llm:    !offline,
		out:    rewriteLean{},
		editIn: shorten(rewriteShort),
		run: func(ctx context.Context, req mcp.CallToolRequest, in *rewriteArgs) (any, string, error) {
			ropts := rewrite.Options{Progress: progressReporter(ctx, log, req)}
			res, err := rewrite.Run(ctx, eng, chk, in.Request, ropts)
			if err != nil {
				return nil, "", err
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

// progressReporter sends notifications/progress for each rewrite attempt
// when the request carries a progress token, and nothing otherwise.
func progressReporter(ctx context.Context, log *slog.Logger, req mcp.CallToolRequest) func(attempt, total int, message string) {
	if req.Params.Meta == nil || req.Params.Meta.ProgressToken == nil {
		return nil
	}
	token := req.Params.Meta.ProgressToken
	srv := mcpserver.ServerFromContext(ctx)
	if srv == nil {
		return nil
	}
	return func(attempt, total int, message string) {
		err := srv.SendNotificationToClient(ctx, string(mcp.MethodNotificationProgress), map[string]any{
			"progressToken": token,
			"progress":      attempt - 1,
			"total":         total,
			"message":       fmt.Sprintf("attempt %d of %d: %s", attempt, total, message),
		})
		if err != nil {
			log.Debug("progress notification not sent", "err", err)
		}
	}
}

func rewriteText(r rewrite.Result) string {
	var b strings.Builder
	b.WriteString(r.Text)
	verdict := "passes the check"
	if !r.Pass {
		verdict = "does not pass the check yet"
	}
	fmt.Fprintf(&b, "\n\n(%s level, score %d/100, %s", r.Level, r.Check.Score, verdict)
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
