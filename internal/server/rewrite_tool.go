package server

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

type rewriteArgs struct {
	rewrite.Request
	Verbose bool `json:"verbose,omitempty" jsonschema_description:"Return every attempt and the full check report of the result instead of the compact answer. Leave false unless you need the detail: it costs context."`
}

// Fields of a rewrite result only the verbose form carries.
var rewriteVerboseOnly = []string{"attempts"}

// rewriteCompact is a rewrite result's compact form (see checkCompact).
type rewriteCompact struct {
	rewrite.Result
	Check    checkCompact      `json:"check"`
	Attempts []rewrite.Attempt `json:"attempts,omitzero"`
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
	engineNote := "It runs on the offline rules engine here: deterministic, no language model, so the wording stays close to the draft's."
	if !offline {
		engineNote = "It calls a language model (" + why + "): it may take seconds, reports progress per attempt and can be cancelled."
	}
	t, err := build(log, spec[rewriteArgs]{
		name:  ToolRewriteDraft,
		title: "Rewrite a blunt draft as a calibrated pushback",
		description: "Rewrites the user's own blunt or badly built message into a respectful pushback at the right level (auto from the stakes, or the level given): it names their goal from the situation, keeps the draft's reasons, facts (numbers, dates, amounts, names, word for word) and its own alternative, drops blame, insults and venting, and keeps a must-not-do firm at high stakes. A draft that already reads well comes back as written. Where the draft gives no reason or no alternative, the rewrite holds a marked slot ([why it worries you], [what you can offer instead]) for the user to fill, and the notes say so: pass them on. Each candidate is checked with the same checker as check_draft and with independent checks a reader would apply (nothing blunt kept, few stock lines, no broken splice, the length limit met or the result saying why in limit), and repaired up to three times. " +
			"Use it when the user has written what they want to say and wants it said well. " +
			"Do not use it to decide whether to push back (decide) or to build a message from parts (render_formula). " + engineNote,
		closedWorld: offline, idempotent: offline,
		llm: !offline,
		out: rewrite.Result{},
		editOut: func(s *jsonschema.Schema) {
			optional(s, rewriteVerboseOnly...)
			if c := property(s, "check"); c != nil {
				optional(c, checkVerboseOnly...)
			}
		},
		run: func(ctx context.Context, req mcp.CallToolRequest, in *rewriteArgs) (any, string, error) {
			ropts := rewrite.Options{Progress: progressReporter(ctx, log, req)}
			res, err := rewrite.Run(ctx, eng, chk, in.Request, ropts)
			if err != nil {
				return nil, "", err
			}
			text := rewriteText(res)
			if in.Verbose {
				return res, text, nil
			}
			return rewriteCompact{Result: res, Check: compactReport(res.Check)}, text, nil
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
	for _, n := range r.Notes {
		if strings.Contains(n, "[") {
			// The slots to fill in are the user's to-do: say so.
			fmt.Fprintf(&b, "\nNote: %s.", n)
		}
	}
	for i, f := range r.Check.TopFixes {
		if !r.Pass {
			fmt.Fprintf(&b, "\n%d. %s", i+1, f)
		}
	}
	return b.String()
}
