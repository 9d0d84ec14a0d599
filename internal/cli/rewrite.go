package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
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
OPENAI_BASE_URL is set). See internal/rewrite/PROVIDERS.md. On the default
level the rules engine trims: your words and order, less the blame, insults,
venting and jabs, each named in a note (blind readers preferred this to a
rebuilt message), plus, when the draft offers no way forward, the one your
--situation names ("I could do Thursday instead"); --level has it rebuild
the draft in the formula's order.

Waiting: a model call, its retries and any rate-limit wait share one
deadline (--timeout, default %s). While the model is waited for, a status
line on stderr says what is happening. A rate limit that asks for a longer
wait than the deadline leaves is reported at once ("rate limited, retry
after N s").

Nothing is lost: when no rewrite can be made (the model is down, rate
limited, too slow, or every candidate failed a check), the draft is printed
unchanged on stdout and what went wrong on stderr; with --json, an object
with the draft, the error and every attempt. A candidate that carries prompt
markup or an instruction to a model is never printed as the rewrite.

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
	timeout := fs.Duration("timeout", rewrite.DefaultTimeout, "time limit for the whole rewrite: every model call, retry and wait")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), rewriteUsage, rewrite.DefaultTimeout)
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
	// From here on the draft is never lost: every way out that is not a
	// rewrite gives it back.
	giveBack := func(code int, res rewrite.Result, err error) int {
		res.Draft = text
		f := rewrite.NewFailure(res, err)
		if code == ExitUsage {
			f.Reason = "invalid_input"
		}
		if *asJSON {
			if c := jsonOut(env, f); c != ExitOK {
				return c
			}
			return code
		}
		io.WriteString(env.Stdout, text)
		if !strings.HasSuffix(text, "\n") {
			io.WriteString(env.Stdout, "\n")
		}
		return code
	}

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
		return giveBack(usageErr(env, err), rewrite.Result{Engine: cfg.Engine}, err)
	}
	opts := rewrite.Options{MaxAttempts: *attempts, Timeout: *timeout}
	var status *statusLine
	if eng.Name() != rewrite.EngineRules {
		status = newStatusLine(env.Stderr, env.StderrTerminal)
		opts.Progress = status.show
		if !env.StderrTerminal {
			opts.ProgressEvery = 5 * time.Second // a line per report in a log: fewer of them
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := rewrite.Run(ctx, eng, chk, req, opts)
	status.clear()
	if err != nil {
		if isInputErr(err) || errors.Is(err, rewrite.ErrNotConfigured) {
			return giveBack(usageErr(env, err), res, err)
		}
		fmt.Fprintf(env.Stderr, "pushback rewrite: %s: %v\n", why, err)
		f := rewrite.NewFailure(res, err)
		fmt.Fprintf(env.Stderr, "pushback rewrite: tried: %s\n", f.Tried())
		if !*asJSON {
			fmt.Fprintln(env.Stderr, "pushback rewrite: your draft is printed unchanged on stdout")
		}
		return giveBack(ExitFail, res, err)
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
	switch {
	case r.Pass && len(r.Check.Placeholders()) > 0:
		verdict = st.yellow("FILL IN " + strings.Join(r.Check.Placeholders(), ", "))
	case r.Pass:
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

// statusLine shows a running rewrite's progress on stderr: one line
// rewritten in place on a terminal, a line per report otherwise (a log
// keeps them all). A nil statusLine shows nothing.
type statusLine struct {
	w        io.Writer
	terminal bool
	shown    bool
}

func newStatusLine(w io.Writer, terminal bool) *statusLine {
	return &statusLine{w: w, terminal: terminal}
}

func (s *statusLine) show(p rewrite.Progress) {
	if s.terminal {
		fmt.Fprintf(s.w, "\r\033[Kpushback rewrite: %s…", p)
		s.shown = true
		return
	}
	fmt.Fprintf(s.w, "pushback rewrite: %s\n", p)
}

// clear ends the status line so what follows starts on a line of its own.
func (s *statusLine) clear() {
	if s != nil && s.shown {
		io.WriteString(s.w, "\r\033[K")
		s.shown = false
	}
}
