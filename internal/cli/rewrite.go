package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

func init() {
	register(command{name: "rewrite", summary: "rewrite a blunt draft into a calibrated pushback (offline rules, or a model)", run: runRewrite})
}

const rewriteUsage = `Usage: pushback rewrite [flags] [text]

Rewrites a blunt draft into a pushback that acknowledges what they want,
gives your reasons and their consequence, offers an alternative and leaves
the decision open, at the level the stakes call for. Every candidate is
judged by the checker and by a fact check (numbers, dates, amounts and names
in the draft must survive); a failing one is sent back for repair.

Engines: rules (offline, no key, deterministic; the default) or openai (any
OpenAI-compatible endpoint; chosen automatically when OPENAI_API_KEY or
OPENAI_BASE_URL is set). See internal/rewrite/PROVIDERS.md.

Exit status: 0 the rewrite passes, 1 it is returned failing (or no rewrite
could be made), 2 usage or input error.

Examples:
  pushback rewrite "No, that won't work."
  pushback rewrite --situation "Can we add this feature?" --stakes high --fact "2 weeks" -f draft.txt
  OPENAI_BASE_URL=http://127.0.0.1:11434/v1 PUSHBACK_MODEL=llama3.1 pushback rewrite --json "Nope."

Flags:
`

// factFlag is a repeatable flag whose values are kept whole: facts such as
// "$1,200" contain commas.
type factFlag []string

func (f *factFlag) String() string { return strings.Join(*f, "; ") }

func (f *factFlag) Set(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return errors.New("a fact cannot be empty")
	}
	*f = append(*f, s)
	return nil
}

func runRewrite(env *Env, args []string) int {
	fs := newFlagSet(env, "rewrite")
	var req rewrite.Request
	var file, engine, model, baseURL string
	var facts factFlag
	fs.StringVar(&file, "file", "", "read the draft from `PATH` (- for stdin)")
	fs.StringVar(&file, "f", "", "shorthand for --file")
	asJSON := fs.Bool("json", false, "print the rewrite.Result as JSON")
	fs.StringVar(&engine, "engine", "", "`ENGINE` to use: rules or openai (default: openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, else rules)")
	fs.StringVar(&req.Level, "level", "auto", "target level: auto (from the stakes), mild, moderate, strong or escalated")
	audienceVar(fs, &req.Audience, "audience", "who the message is addressed to")
	fs.StringVar(&req.Situation, "situation", "", "what they said or asked that you are pushing back on")
	stakesVar(fs, &req.Stakes, "stakes", "how much rides on it")
	fs.StringVar(&req.Channel, "channel", "", "where it will be sent: email, chat (kept short) or spoken")
	fs.IntVar(&req.MaxChars, "max-chars", 0, "upper bound on the rewrite's length in characters (0 = none beyond the channel's)")
	fs.Var(&facts, "fact", "a fact that must survive word for word (repeatable); numbers, dates, amounts and names in the draft are kept automatically")
	fs.StringVar(&model, "model", "", "model or Azure deployment for the openai engine (default $PUSHBACK_MODEL, else "+rewrite.DefaultModel+")")
	fs.StringVar(&baseURL, "base-url", "", "OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (default $OPENAI_BASE_URL)")
	attempts := fs.Int("attempts", 3, "attempts in all, including repairs (1-10)")
	timeout := fs.Duration("timeout", 60*time.Second, "time limit for each model call")
	fs.Usage = func() {
		io.WriteString(fs.Output(), rewriteUsage)
		fs.PrintDefaults()
	}
	pos, code := parseFlags(env, fs, args)
	if code >= 0 {
		return code
	}
	if *attempts < 1 || *attempts > 10 {
		return usageErr(env, fmt.Errorf("--attempts %d: use 1 to 10", *attempts))
	}
	if *timeout <= 0 {
		return usageErr(env, fmt.Errorf("--timeout %s: must be positive", *timeout))
	}
	text, err := readInput(env, pos, file)
	if err != nil {
		return usageErr(env, err)
	}
	req.Draft, req.Facts = text, facts

	cfg := rewrite.ConfigFromEnv(env.Getenv)
	if engine != "" {
		cfg.Engine = strings.ToLower(engine)
	}
	if model != "" {
		cfg.Model = model
	}
	if baseURL != "" {
		cfg.BaseURL = baseURL
	}
	chk := check.Default()
	eng, why, err := rewrite.NewEngine(guide.Default(), chk, cfg, rewrite.OpenAIConfig{})
	if err != nil {
		return usageErr(env, err)
	}
	opts := rewrite.Options{MaxAttempts: *attempts, Timeout: *timeout}
	if env.Terminal && eng.Name() != rewrite.EngineRules {
		opts.Progress = func(n, total int, msg string) {
			fmt.Fprintf(env.Stderr, "pushback rewrite: attempt %d/%d: %s…\n", n, total, msg)
		}
	}
	res, err := rewrite.Run(context.Background(), eng, chk, req, opts)
	if err != nil {
		if isInputErr(err) || errors.Is(err, rewrite.ErrNotConfigured) {
			return usageErr(env, err)
		}
		fmt.Fprintf(env.Stderr, "pushback rewrite: %s: %v\n", why, err)
		return ExitFail
	}
	if *asJSON {
		if c := jsonOut(env, res); c != ExitOK {
			return c
		}
	} else {
		writeRewrite(env.Stdout, newStyle(env), why, res)
	}
	if !res.Pass {
		return ExitFail
	}
	return ExitOK
}

// writeRewrite prints a rewrite.Result for people: the rewrite, then the
// engine, the verdict and, when it fails, why.
func writeRewrite(w io.Writer, st style, why string, r rewrite.Result) {
	var b strings.Builder
	b.WriteString(r.Text + "\n\n")
	fmt.Fprintf(&b, "engine: %s\n", why)
	verdict := st.red("FAIL")
	if r.Pass {
		verdict = st.green("PASS")
	}
	reads := string(r.Check.Level)
	if reads == "" {
		reads = "as " + r.Check.ReadsAs
	}
	fmt.Fprintf(&b, "%s  score %d/100  reads %s (target %s)  attempts %d", verdict, r.Check.Score, reads, r.Level, len(r.Attempts))
	if r.Usage.TotalTokens > 0 {
		fmt.Fprintf(&b, "  tokens %d", r.Usage.TotalTokens)
	}
	b.WriteString("\n")
	if len(r.Facts) > 0 {
		fmt.Fprintf(&b, "facts kept: %d/%d\n", len(r.Facts)-len(r.Missing), len(r.Facts))
	}
	if r.Limit != "" {
		fmt.Fprintf(&b, "limit: %s\n", r.Limit)
	}
	for _, rv := range r.Review {
		if !rv.Pass {
			fmt.Fprintf(&b, "- %s: %s\n", rv.Name, rv.Detail)
		}
	}
	if !r.Pass {
		for _, m := range r.Missing {
			fmt.Fprintf(&b, "- lost fact: %q\n", m)
		}
		for _, f := range r.Check.Findings {
			if f.Severity == check.SeveritySuggestion {
				continue
			}
			fmt.Fprintf(&b, "- %s: %s\n", f.Severity, f.Message)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	io.WriteString(w, b.String())
}
