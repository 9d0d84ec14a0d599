package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/pushback/pushback/evals"
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/eval"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

func init() {
	register(command{name: "eval", summary: "run the eval suites (checker ranking, rewrites) with thresholds", run: runEval})
}

const evalUsage = `Usage: pushback eval [flags]

Runs the eval suites, on the embedded cases (evals/ in the repository) or on
your own (--cases DIR, --checker-cases FILE):
  checker  the checker must rank every good example of the documents above
           every bad one (AUC), give each the right verdict and name the
           expected anti-pattern; the held-out set and your labelled
           messages ("cases") are reported separately.
  rewrite  the engine rewrites every case's blunt draft; each rewrite is held
           to what a reader sees (nothing blunt kept, few stock lines, their
           goal named, the draft's alternative kept or a marked slot, no
           broken splice, the length limit met or explained), keeps the
           facts, stays within length bounds and follows no instruction
           hidden in the input; and to the checker (pass, score within
           --margin of the reference and above the draft, the expected
           level). Each check's pass rate is reported; --min-check-rate
           sets a bar for one (e.g. --min-check-rate splice=1). A case with
           an "answer" (your own model's rewrite) is scored as it is: no
           engine runs for it.

--cases DIR reads a directory laid out like evals/: rewrite/*.json (rewrite
cases), checker/*.jsonl (labelled messages: id, label good or bad,
anti_pattern, text, situation, audience, stakes), checker/firstsight/*.jsonl,
canaries.json and thresholds.json (the bars for those cases: a bar it
leaves out is off; without it, the embedded bars apply).
--checker-cases FILE adds labelled messages from a JSON Lines file.

The default engine is the offline rules engine: no key, no network. With
--engine openai, model traffic is replayed from recorded cassettes
(--cassettes DIR; this repository has none recorded yet, so record them
first); --record sends it to the endpoint (OPENAI_API_KEY, OPENAI_BASE_URL,
PUSHBACK_MODEL) and writes the cassettes; --live sends it without
recording.

Thresholds come from evals/thresholds.json (or --config FILE), overridden by
flags. --format chooses the report, to stdout or as FORMAT=PATH to a file
(repeatable): table, json (what --baseline reads), junit, markdown (a step
summary) or github (workflow annotations). Exit status: 0 when every
threshold holds, 1 when one fails (each failure is named on stderr), 2 on a
usage error.

Flags:
`

func runEval(env *Env, args []string) int {
	flags := newFlagSet(env, "eval")
	var (
		suites      listFlag
		engine      = flags.String("engine", "rules", "rewrite `ENGINE`: rules or openai")
		model       = flags.String("model", "", "model for --engine openai (default $PUSHBACK_MODEL, else "+rewrite.DefaultModel+")")
		baseURL     = flags.String("base-url", "", "OpenAI-compatible endpoint `URL` (default $OPENAI_BASE_URL)")
		record      = flags.Bool("record", false, "send model traffic to the endpoint and record it into --cassettes")
		live        = flags.Bool("live", false, "send model traffic to the endpoint without recording")
		cassettes   = flags.String("cassettes", "", "cassette `DIR` to record into and replay from (default: evals/cassettes when recording, the embedded cassettes when replaying)")
		judge       = flags.Bool("judge", false, "also compare each rewrite with its reference using an LLM judge (both orders)")
		judgeModel  = flags.String("judge-model", "", "model for the judge (default: the rewrite model)")
		outs        outputList
		casesDir    = flags.String("cases", "", "run your own cases from `DIR` (laid out like evals/) instead of the embedded ones")
		checkerCase pathList
		configFile  = flags.String("config", "", "thresholds `FILE` (JSON like evals/thresholds.json; default the embedded one)")
		baseline    = flags.String("baseline", "", "previous --format json report `FILE` to compare against, case by case")
		repeat      = flags.Int("repeat", 1, "run each model case `N` times (the rules engine always runs once)")
		concurrency = flags.Int("concurrency", 4, "cases run at once")
		timeout     = flags.Duration("timeout", 2*time.Minute, "per-case time limit")
		t           eval.Thresholds
	)
	flags.Var(&suites, "suite", "suites to run: checker, rewrite (default both; repeatable or comma list)")
	flags.Var(&outs, "format", "report `FORMAT` ("+strings.Join(eval.Formats, ", ")+"), or FORMAT=PATH to write it to a file; repeatable")
	flags.Var(&checkerCase, "checker-cases", "also judge the labelled messages in `FILE` (JSON Lines, as evals/checker); repeatable")
	flags.Float64Var(&t.MinCasesAUC, "min-cases-auc", 0, "minimum checker AUC on your labelled messages")
	flags.Float64Var(&t.MinCasesAcc, "min-cases-accuracy", 0, "minimum share of your labelled messages the checker judges right")
	flags.Float64Var(&t.MinAUC, "min-auc", 0, "minimum checker AUC on the documents' examples")
	flags.Float64Var(&t.MinHeldOutAUC, "min-heldout-auc", 0, "minimum checker AUC on the held-out set")
	flags.Float64Var(&t.MinPassRate, "min-pass-rate", 0, "minimum share of rewrite runs that pass")
	flags.Float64Var(&t.MinCasePassRate, "min-case-pass-rate", 0, "minimum share of passing repetitions for every case")
	flags.Float64Var(&t.MinPreference, "min-preference", 0, "minimum judge preference for the rewrites over the references")
	flags.IntVar(&t.Margin, "margin", 10, "points a rewrite may score below its reference")
	flags.IntVar(&t.MaxRegressions, "max-regressions", 0, "most regressions allowed against --baseline (negative: no limit)")
	flags.Float64Var(&t.PriceIn, "price-in", 0, "USD per 1M prompt tokens, for the cost estimate")
	flags.Float64Var(&t.PriceOut, "price-out", 0, "USD per 1M completion tokens, for the cost estimate")
	checkRates := checkRateFlag{}
	flags.Var(checkRates, "min-check-rate", "`NAME=RATE`: minimum share of rewrite runs that pass the named check (blunt, stock, goal, alternative, splice, limit, facts, length, injection, checker, score, level); repeatable")
	flags.Usage = func() {
		io.WriteString(flags.Output(), evalUsage)
		flags.PrintDefaults()
	}
	pos, code := parseFlags(env, flags, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		return usageErr(env, fmt.Errorf("unexpected argument %q; eval takes flags only", pos[0]))
	}
	set := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, s := range suites {
		if s != "checker" && s != "rewrite" {
			return usageErr(env, fmt.Errorf("unknown suite %q (use checker or rewrite)", s))
		}
	}
	for i := range outs {
		if outs[i].format == "text" {
			outs[i].format = "table"
		}
	}
	if err := outs.validate(eval.Formats); err != nil {
		return usageErr(env, err)
	}
	if *record && *live {
		return usageErr(env, errors.New("--record and --live exclude each other"))
	}
	if *repeat < 1 || *concurrency < 1 || *timeout <= 0 {
		return usageErr(env, errors.New("--repeat, --concurrency and --timeout must be positive"))
	}

	g := guide.Default()
	data, err := eval.Load(evals.FS, g)
	if err != nil {
		return usageErr(env, fmt.Errorf("load the embedded eval data: %w", err))
	}
	if *casesDir != "" {
		if data, err = loadCases(*casesDir, g, data); err != nil {
			return usageErr(env, err)
		}
	}
	for _, f := range checkerCase {
		if data.Labelled, err = readCheckerCases(f, g, data.Labelled); err != nil {
			return usageErr(env, err)
		}
	}
	thr := data.Thresholds
	if *configFile != "" {
		if thr, err = readThresholds(*configFile, thr); err != nil {
			return usageErr(env, err)
		}
	}
	overrideThresholds(&thr, t, set)
	if len(checkRates) > 0 {
		thr.MinCheckRates = maps.Clone(thr.MinCheckRates)
		if thr.MinCheckRates == nil {
			thr.MinCheckRates = map[string]float64{}
		}
		maps.Copy(thr.MinCheckRates, checkRates)
	}

	var base *eval.Report
	if *baseline != "" {
		f, err := os.Open(*baseline)
		if err != nil {
			return usageErr(env, fmt.Errorf("baseline: %w", err))
		}
		base, err = eval.ReadReport(f)
		f.Close()
		if err != nil {
			return usageErr(env, fmt.Errorf("baseline %s: %w", *baseline, err))
		}
	}

	chk := check.Default()
	cfg := eval.Config{Guide: g, Data: data, Checker: chk, Suites: suites, Thresholds: thr, Baseline: base, BaselineName: *baseline,
		Options: eval.RewriteOptions{Repeat: *repeat, Concurrency: *concurrency, Timeout: *timeout}}
	answers, allAnswered, anyAnswered := eval.NewAnswers(data.Cases, nil)

	getenv := env.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	rcfg := rewrite.ConfigFromEnv(getenv)
	rcfg.Engine = strings.ToLower(*engine)
	if rcfg.Engine != rewrite.EngineRules && rcfg.Engine != rewrite.EngineOpenAI {
		return usageErr(env, fmt.Errorf("unknown engine %q (use rules or openai)", *engine))
	}
	if *model != "" {
		rcfg.Model = *model
	}
	if *baseURL != "" {
		rcfg.BaseURL = *baseURL
	}
	if rcfg.Model == "" {
		rcfg.Model = rewrite.DefaultModel
	}
	// Model traffic (the openai engine, the judge) is replayed from cassettes
	// unless --record or --live; the rules engine alone needs none.
	if allAnswered {
		rcfg.Engine = rewrite.EngineRules // never called: every case brings its answer
	}
	usesModel := rcfg.Engine == rewrite.EngineOpenAI || *judge
	if rcfg.Engine == rewrite.EngineRules {
		cfg.Options.Repeat = 1
	}
	var httpClient *http.Client
	switch {
	case !usesModel:
		cfg.Mode = "offline"
	case *live:
		cfg.Mode = "live"
		httpClient = &http.Client{}
	case *record:
		cfg.Mode = "record"
		if *cassettes == "" {
			*cassettes = "evals/cassettes"
		}
		httpClient = cassetteFor(*cassettes, true).Client()
	default:
		cfg.Mode = "replay"
		cas := cassetteFor(*cassettes, false)
		if len(suites) == 0 || slices.Contains(suites, "rewrite") {
			var ids []string // the cases that make model calls
			for _, c := range data.Cases {
				if (rcfg.Engine == rewrite.EngineOpenAI && c.Answer == "") || (*judge && c.Reference != "") {
					ids = append(ids, c.ID)
				}
			}
			if missing := cas.Missing(ids); len(missing) > 0 {
				return usageErr(env, fmt.Errorf("no recorded model run to replay for %d of %d cases (first: case %q); record one with --record (needs OPENAI_API_KEY or OPENAI_BASE_URL), or send live traffic with --live", len(missing), len(ids), missing[0]))
			}
		}
		httpClient = cas.Client()
		if rcfg.APIKey == "" && rcfg.BaseURL == "" {
			rcfg.APIKey = "replay" // never sent: the cassette answers
		}
	}
	if (*live || *record) && !usesModel {
		return usageErr(env, errors.New("--record and --live only matter with --engine openai or --judge"))
	}
	if (*live || *record) && rcfg.APIKey == "" && rcfg.BaseURL == "" {
		return usageErr(env, errors.New("--record and --live need OPENAI_API_KEY or OPENAI_BASE_URL"))
	}
	eng, _, err := rewrite.NewEngine(g, chk, rcfg, rewrite.OpenAIConfig{HTTPClient: httpClient})
	if err != nil {
		return usageErr(env, err)
	}
	cfg.Engine = eng.Name()
	if cfg.Engine == rewrite.EngineOpenAI {
		cfg.Model = rcfg.Model
	}
	cfg.Rewriter = eval.EngineRewriter{Engine: eng, Checker: chk, Options: rewrite.Options{Timeout: *timeout}}
	switch {
	case allAnswered:
		// Every case brings its answer: score them, run no engine.
		cfg.Rewriter, cfg.Engine, cfg.Model = answers, eval.EngineAnswers, ""
		cfg.Options.Repeat = 1
	case anyAnswered:
		answers.Next = cfg.Rewriter
		cfg.Rewriter = answers
	}
	if *judge {
		jm := *judgeModel
		if jm == "" {
			jm = rcfg.Model
		}
		key := rcfg.APIKey
		if key == "" {
			key = "replay" // a local server or a replay needs none
		}
		oc := openai.DefaultConfig(key)
		if rcfg.BaseURL != "" {
			oc.BaseURL = rcfg.BaseURL
		}
		if httpClient != nil {
			oc.HTTPClient = httpClient
		}
		j, err := eval.NewJudge(openai.NewClientWithConfig(oc), jm, g)
		if err != nil {
			return usageErr(env, err)
		}
		cfg.Options.Judge = j
	}
	if env.Terminal && outs.only("table") {
		cfg.Options.Progress = progressBar(env.Stdout)
	}

	// Ctrl-C stops the cases in flight; recorded cassettes stay consistent.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep := eval.Run(ctx, cfg)
	rep.CasesDir = *casesDir
	if err := outs.write(env, "table", func(w io.Writer, format string, _ bool) error {
		return eval.Write(w, rep, format)
	}); err != nil {
		printErr(env, err)
		return ExitFail
	}
	for _, f := range rep.Failed() {
		fmt.Fprintf(env.Stderr, "pushback eval: threshold %s failed: got %.4g, want %s %.4g (%s)", f.Name, f.Got, map[bool]string{true: "<=", false: ">="}[strings.HasPrefix(f.Name, "max_")], f.Want, f.Flag)
		if f.Detail != "" {
			fmt.Fprintf(env.Stderr, "; %s", f.Detail)
		}
		fmt.Fprintln(env.Stderr)
	}
	if !rep.Pass {
		return ExitFail
	}
	return ExitOK
}

func cassetteFor(dir string, record bool) *eval.Cassette {
	c := &eval.Cassette{Mode: eval.Replay, Dir: dir}
	if record {
		c.Mode = eval.Record
	}
	if dir == "" {
		if sub, err := fs.Sub(evals.FS, "cassettes"); err == nil {
			c.Read = sub
		}
	}
	return c
}

// readThresholds reads a thresholds file over the defaults.
func readThresholds(name string, def eval.Thresholds) (eval.Thresholds, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return def, fmt.Errorf("config: %w", err)
	}
	t, err := eval.ParseThresholds(b, def)
	if err != nil {
		return def, fmt.Errorf("config %s: %w", name, err)
	}
	return t, nil
}

// overrideThresholds copies the flags the user set over the configured bars.
func overrideThresholds(dst *eval.Thresholds, flags eval.Thresholds, set map[string]bool) {
	if set["min-auc"] {
		dst.MinAUC = flags.MinAUC
	}
	if set["min-heldout-auc"] {
		dst.MinHeldOutAUC = flags.MinHeldOutAUC
	}
	if set["min-cases-auc"] {
		dst.MinCasesAUC = flags.MinCasesAUC
	}
	if set["min-cases-accuracy"] {
		dst.MinCasesAcc = flags.MinCasesAcc
	}
	if set["min-pass-rate"] {
		dst.MinPassRate = flags.MinPassRate
	}
	if set["min-case-pass-rate"] {
		dst.MinCasePassRate = flags.MinCasePassRate
	}
	if set["min-preference"] {
		dst.MinPreference = flags.MinPreference
	}
	if set["margin"] {
		dst.Margin = flags.Margin
	}
	if set["max-regressions"] {
		dst.MaxRegressions = flags.MaxRegressions
	}
	if set["price-in"] {
		dst.PriceIn = flags.PriceIn
	}
	if set["price-out"] {
		dst.PriceOut = flags.PriceOut
	}
}

// checkRateFlag collects --min-check-rate NAME=RATE.
type checkRateFlag map[string]float64

func (f checkRateFlag) String() string { return "" }

func (f checkRateFlag) Set(v string) error {
	name, rate, ok := strings.Cut(v, "=")
	name = strings.TrimSpace(name)
	if !ok || !slices.Contains(eval.CheckNames, name) {
		return fmt.Errorf("want NAME=RATE with NAME one of %s", strings.Join(eval.CheckNames, ", "))
	}
	r, err := strconv.ParseFloat(strings.TrimSpace(rate), 64)
	if err != nil || r < 0 || r > 1 {
		return fmt.Errorf("rate %q: want a number from 0 to 1", rate)
	}
	f[name] = r
	return nil
}

// progressBar redraws one line on a terminal as cases finish.
func progressBar(w io.Writer) func(done, total int, id string) {
	const width = 30
	return func(done, total int, id string) {
		n := width * done / max(total, 1)
		fmt.Fprintf(w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("█", n), strings.Repeat("·", width-n), done, total, id)
		if done == total {
			fmt.Fprint(w, "\r\033[K")
		}
	}
}

// loadCases reads a team's directory of cases over the embedded data (for
// canaries and thresholds), naming each labelled message by its path.
func loadCases(dir string, g *guide.Guide, embedded *eval.Data) (*eval.Data, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("--cases: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("--cases %s: not a directory (for a file of labelled messages, use --checker-cases)", dir)
	}
	d, err := eval.LoadOver(os.DirFS(dir), g, embedded)
	if err != nil {
		return nil, fmt.Errorf("--cases %s: %w", dir, err)
	}
	for i := range d.Labelled {
		d.Labelled[i].Source = filepath.Join(dir, d.Labelled[i].Source)
	}
	return d, nil
}

// readCheckerCases adds the labelled messages of a --checker-cases file.
func readCheckerCases(name string, g *guide.Guide, to []eval.LabelledCase) ([]eval.LabelledCase, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("--checker-cases: %w", err)
	}
	defer f.Close()
	cs, err := eval.ReadLabelled(f, name, g)
	if err != nil {
		return nil, fmt.Errorf("--checker-cases: %w", err)
	}
	return eval.AddLabelled(to, cs)
}
