// Package rewrite turns a blunt draft into a calibrated pushback: an Engine
// proposes candidates, the deterministic checker and a fact check judge each
// one, and failing candidates go back for a bounded number of repair rounds.
package rewrite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Request is what to rewrite and how.
type Request struct {
	Draft     string         `json:"draft" jsonschema:"minLength=1,maxLength=5000,description=What you want to say\\, however blunt (up to 5000 characters)."`
	Situation string         `json:"situation,omitempty" jsonschema:"maxLength=5000,description=What the other person said or asked (up to 5000 characters)."`
	Audience  guide.Audience `json:"audience,omitempty"`
	Stakes    guide.Stakes   `json:"stakes,omitempty"`
	Level     string         `json:"level,omitempty" jsonschema:"enum=auto,enum=mild,enum=moderate,enum=strong,enum=escalated,description=Target level; auto (the default) picks it from the stakes."`
	Channel   string         `json:"channel,omitempty" jsonschema:"enum=email,enum=chat,enum=spoken,description=Where the message will be sent; chat keeps it short."`
	MaxChars  int            `json:"max_chars,omitempty" jsonschema:"minimum=0,maximum=20000,description=Upper bound on the rewrite's length in characters (0 = no limit beyond the channel's)."`
	Facts     []string       `json:"facts,omitempty" jsonschema:"maxItems=50,maxLength=200,description=Facts that must survive word for word (up to 50 of up to 200 characters each); numbers\\, dates\\, amounts and names in the draft are kept automatically."`

	// levelAsked: the caller named a level rather than auto. Set by
	// Resolve, which replaces Level with the resolved one (so a request
	// resolved twice reads as one that named its level).
	levelAsked bool
	// facts indexes Facts, built once by Resolve: every candidate (and
	// every sentence the rules engine weighs) is checked against it.
	facts *factIndex
	// memo is the rewrite's own (see runMemo), set by Run; nil outside
	// it.
	memo *runMemo
}

// missingFacts returns the facts text lacks, with the index Resolve built
// when it still describes r.Facts.
func (r Request) missingFacts(text string) []string { return r.factIndex().missing(text) }

func (r Request) factIndex() *factIndex {
	ix := r.facts
	if ix == nil || len(ix.facts) != len(r.Facts) || len(r.Facts) > 0 && &ix.facts[0] != &r.Facts[0] {
		ix = newFactIndex(r.Facts)
	}
	return ix
}

// Usage is token usage as reported by the endpoint.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Generation is one candidate from an engine.
type Generation struct {
	Text  string `json:"text"`
	Model string `json:"model,omitempty"`
	// Mode is how structured output was obtained: json_schema, json_object,
	// text, or rules for the offline engine.
	Mode  string   `json:"mode"`
	Usage Usage    `json:"usage"`
	Notes []string `json:"notes,omitempty"`
	// Limit says which length limit the text could not meet and why
	// (empty when it fits).
	Limit string `json:"limit,omitempty"`
	// final: the engine would give the same text again whatever the
	// feedback (the rules engine's trim), so no repair round is asked.
	final bool
}

// Feedback is what a repair round sends back to the engine.
type Feedback struct {
	Previous     string          `json:"previous"`
	Findings     []check.Finding `json:"findings"`
	MissingFacts []string        `json:"missing_facts"`
	// Issues are problems outside the checker's findings: over length,
	// an invalid previous reply.
	Issues []string `json:"issues,omitempty"`
}

// Engine proposes a rewrite. fb is nil on the first attempt. Generate gets
// the resolved request: Level is the target level, Facts every fact that
// must survive (given and found), Channel and MaxChars the length limit.
type Engine interface {
	Name() string
	Generate(ctx context.Context, req Request, level guide.Level, fb *Feedback) (Generation, error)
}

// Checker judges a candidate; *check.Checker satisfies it.
type Checker interface {
	Check(in check.Input) (check.Report, error)
}

// Attempt records one round of generate-and-check.
type Attempt struct {
	N            int             `json:"n"`
	Text         string          `json:"text"`
	Pass         bool            `json:"pass"`
	Score        int             `json:"score"`
	Level        guide.Level     `json:"level,omitempty" jsonschema:"description=The level the candidate reads at."`
	MissingFacts []string        `json:"missing_facts"`
	Findings     []check.Finding `json:"findings"`
	Issues       []string        `json:"issues,omitempty" jsonschema:"description=Problems beyond the checker's pass: an independent check that failed (blunt\\, stock\\, goal\\, alternative\\, splice\\, limit)\\, over the length limit or reading at another level than the target."`
	Mode         string          `json:"mode,omitempty"`
	Usage        Usage           `json:"usage"`
	Error        string          `json:"error,omitempty"`
	// Injection says what made the candidate fail the injection check;
	// its text is then withheld (empty) and never returned.
	Injection string `json:"injection,omitempty" jsonschema:"description=What in the candidate read as a prompt injection (prompt markup or an instruction to a model that is not in the draft); such a candidate's text is withheld and never returned."`
	LatencyMS int64  `json:"latency_ms"`
}

// Result is the best candidate with its report.
type Result struct {
	// Draft is the draft exactly as given, so a caller always has it back.
	Draft     string       `json:"draft" jsonschema:"description=The draft exactly as given."`
	Text      string       `json:"text"`
	Pass      bool         `json:"pass" jsonschema:"description=True when the rewrite passes the checker without a calibration warning at the target level\\, keeps every fact within the length limit and passes every independent check (review)."`
	Engine    string       `json:"engine" jsonschema:"enum=rules,enum=openai"`
	Model     string       `json:"model,omitempty"`
	Mode      string       `json:"mode" jsonschema:"enum=rules,enum=json_schema,enum=json_object,enum=text,description=How the text was obtained: the offline rules\\, or the model's structured-output mode."`
	Level     guide.Level  `json:"level" jsonschema:"description=The target level."`
	Channel   string       `json:"channel,omitempty"`
	MaxChars  int          `json:"max_chars,omitempty" jsonschema:"description=The length limit applied (0 = none)."`
	Facts     []string     `json:"facts" jsonschema:"description=Facts that had to survive."`
	Missing   []string     `json:"missing_facts" jsonschema:"description=Facts the returned text lost (empty when none)."`
	Check     check.Report `json:"check"`
	Attempts  []Attempt    `json:"attempts"`
	Usage     Usage        `json:"usage"`
	LatencyMS int64        `json:"latency_ms"`
	Notes     []string     `json:"notes"`
	Limit     string       `json:"limit,omitempty" jsonschema:"description=When the text is over the length limit (max_chars\\, or the chat channel's): which limit could not be met and why."`
	Review    []Review     `json:"review" jsonschema:"description=The independent checks of the returned text\\, beyond the checker's score: what a reader would see."`
}

// Options bound the generate-check-repair loop.
type Options struct {
	MaxAttempts int // total attempts including the first; 3 when zero
	// Timeout bounds the whole rewrite: every attempt, every retry of a
	// model call and every wait a rate limit asks for. DefaultTimeout when
	// zero.
	Timeout time.Duration
	// Progress, when set, is told before each attempt and, while the
	// engine works, every ProgressEvery (DefaultProgressEvery when zero)
	// and whenever what it waits for changes. Calls never overlap.
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Limits on what a caller may ask to rewrite and keep; the schema of
// Request states them too (a test holds the two together). A rewrite's
// draft is shorter than a check's (draft.MaxChars): a model writes about
// 4,000 characters within its reply budget (MaxTokens), and the offline
// engine's work on 5,000 hostile characters stays within 200 ms of CPU.
const (
	MaxDraftChars     = 5000
	MaxSituationChars = 5000
	MaxFacts          = 50
	MaxFactChars      = 200
)

// Channels a rewrite can be written for.
var Channels = []string{"email", "chat", "spoken"}

// ChatMaxChars is the length limit of the chat channel when no smaller
// MaxChars is given: chat messages stay short.
const ChatMaxChars = 600

// Resolve validates req and fills what Run and the engines need: the target
// level (auto from the stakes), the channel's length limit and every fact
// that must survive. Input errors wrap draft's sentinels or
// guide.ErrUnknownValue.
func Resolve(g *guide.Guide, req Request) (Request, guide.Level, error) {
	if err := draft.Validate(req.Draft); err != nil {
		return req, "", err
	}
	if n := utf8.RuneCountInString(req.Draft); n > MaxDraftChars {
		return req, "", &draft.LimitError{Field: "the draft to rewrite", Got: n, Limit: MaxDraftChars, Unit: "characters"}
	}
	if n := utf8.RuneCountInString(req.Situation); n > MaxSituationChars {
		return req, "", &draft.LimitError{Field: "the situation", Got: n, Limit: MaxSituationChars, Unit: "characters"}
	}
	if len(req.Facts) > MaxFacts {
		return req, "", &draft.LimitError{Field: "facts", Got: len(req.Facts), Limit: MaxFacts, Unit: "items"}
	}
	for i, f := range req.Facts {
		if !utf8.ValidString(f) {
			return req, "", fmt.Errorf("fact %d: %w", i+1, draft.ErrInvalidUTF8)
		}
		if n := utf8.RuneCountInString(f); n > MaxFactChars {
			return req, "", &draft.LimitError{Field: fmt.Sprintf("fact %d", i+1), Got: n, Limit: MaxFactChars, Unit: "characters"}
		}
	}
	if _, err := guide.ParseAudience(string(req.Audience)); err != nil {
		return req, "", err
	}
	if _, err := guide.ParseStakes(string(req.Stakes)); err != nil {
		return req, "", err
	}
	req.Channel = guide.NormaliseID(req.Channel)
	switch req.Channel {
	case "", "email", "chat", "spoken":
	default:
		return req, "", fmt.Errorf("%w for channel: %q (use one of %s)", guide.ErrUnknownValue, req.Channel, strings.Join(Channels, ", "))
	}
	if req.MaxChars < 0 || req.MaxChars > draft.MaxChars {
		return req, "", fmt.Errorf("max chars %d: %w: use 0 (no limit) up to %d", req.MaxChars, guide.ErrUnknownValue, draft.MaxChars)
	}
	if req.Channel == "chat" && (req.MaxChars == 0 || req.MaxChars > ChatMaxChars) {
		req.MaxChars = ChatMaxChars
	}
	level, err := targetLevel(g, req)
	if err != nil {
		return req, "", err
	}
	if l := guide.NormaliseID(req.Level); l != "" && l != "auto" {
		req.levelAsked = true
	}
	req.Level = string(level)
	req.Facts = keptFacts(req.Facts, req.Draft)
	req.facts = newFactIndex(req.Facts)
	return req, level, nil
}

func targetLevel(g *guide.Guide, req Request) (guide.Level, error) {
	s := guide.NormaliseID(req.Level)
	if s != "" && s != "auto" {
		return guide.ParseLevel(s)
	}
	stakes := req.Stakes
	if stakes == "" {
		stakes = guide.StakesMedium
	}
	if r, err := decide.RecommendLevel(g, decide.LevelInput{Stakes: stakes, Audience: req.Audience}); err == nil && r.Level != "" {
		return r.Level, nil
	}
	row, ok := g.StakesLevel(stakes)
	if !ok {
		return "", fmt.Errorf("%w for stakes: %q", guide.ErrUnknownValue, stakes)
	}
	return row.Level, nil
}

// Run rewrites req with eng, checking every candidate with chk at the target
// level and for the facts; a failing candidate goes back to the engine with
// the findings for up to opts.MaxAttempts attempts in all, all within
// opts.Timeout. It returns the best candidate (passing first, then fewest
// lost facts, then highest score); a candidate that fails the injection
// check is never it.
//
// The error is non-nil for bad input, when ctx is cancelled, when the
// deadline passes (ErrTimeout), when the endpoint rate limits
// (ErrRateLimited), is down (ErrUnavailable) or refuses (ErrPermanent), and
// when no attempt produced usable text (ErrNoCandidate, ErrWithheld). The
// Result then still holds the draft and the attempts made: NewFailure
// describes it.
func Run(ctx context.Context, eng Engine, chk Checker, req Request, opts Options) (Result, error) {
	return run(ctx, guide.Default(), eng, chk, req, opts)
}

func run(parent context.Context, g *guide.Guide, eng Engine, chk Checker, req Request, opts Options) (Result, error) {
	start := time.Now()
	res := Result{Draft: req.Draft, Engine: eng.Name(), Attempts: []Attempt{}, Facts: []string{}, Missing: []string{}, Notes: []string{}, Review: []Review{}}
	if chk == nil {
		return res, errors.New("rewrite: no checker given")
	}
	req, level, err := Resolve(g, req)
	if err != nil {
		return res, err
	}
	res.Level, res.Channel, res.MaxChars, res.Facts = level, req.Channel, req.MaxChars, req.Facts
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 3
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = DefaultProgressEvery
	}
	ctx, cancel := context.WithTimeoutCause(parent, opts.Timeout,
		fmt.Errorf("%w: the %s engine did not finish within %s", ErrTimeout, eng.Name(), opts.Timeout))
	defer cancel()
	// stopped is why the rewrite cannot go on: the caller cancelled it or
	// its deadline passed.
	stopped := func() error {
		switch {
		case parent.Err() != nil:
			return fmt.Errorf("%w: %w", errCancelled, context.Cause(parent))
		case ctx.Err() != nil:
			return context.Cause(ctx)
		}
		return nil
	}
	finish := func(err error) (Result, error) {
		res.LatencyMS = time.Since(start).Milliseconds()
		return res, err
	}
	in := InspectInput{Draft: req.Draft, Situation: req.Situation, MaxChars: req.MaxChars, Channel: req.Channel, Stakes: req.Stakes}
	if rep, err := checkOnce(chk, check.Input{Draft: cleanDraft(req.Draft), Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes, Level: level}); err == nil {
		in.DraftFindings = rep.Findings
	}
	// (The engine and the inspector share what they work out about the
	// same candidate text.)
	req.memo = &runMemo{}
	inspector := NewInspector(in)
	inspector.memo = req.memo
	var fb *Feedback
	best := -1
	var bestReport check.Report
	var bestReview []Review
	var bestNotes, loopNotes []string
	bestFinal := false // the best attempt is the rules engine's trim
	notes := map[string]bool{}
	for n := 1; n <= opts.MaxAttempts; n++ {
		if err := stopped(); err != nil {
			return finish(err)
		}
		p := Progress{Attempt: n, Attempts: opts.MaxAttempts, Elapsed: time.Since(start), Timeout: opts.Timeout, Message: "drafting"}
		if fb != nil {
			p.Message = "repairing"
		}
		if opts.Progress != nil {
			opts.Progress(p)
		}
		actx, stop := heartbeat(ctx, opts, p, start, "waiting for the "+eng.Name()+" engine")
		a, rep, review := attempt(actx, eng, chk, req, level, inspector, fb, n)
		stop()
		res.Usage.add(a.Usage)
		if a.gen.Model != "" {
			res.Model = a.gen.Model
		}
		// A model's notes (modes, retries) hold for the whole run; the
		// offline engine's describe the text they came with.
		for _, note := range a.gen.Notes {
			if !notes[note] && eng.Name() != EngineRules {
				notes[note] = true
				loopNotes = append(loopNotes, note)
			}
		}
		if a.err != nil {
			// The call failed: the caller or the deadline ended it, or
			// the endpoint cannot serve it (another attempt would fail the
			// same way); otherwise try again with what went wrong.
			a.Error = a.err.Error()
			if err := stopped(); err != nil {
				res.Attempts = append(res.Attempts, a.Attempt)
				return finish(err)
			}
			if errors.Is(a.err, ErrRateLimited) || errors.Is(a.err, ErrUnavailable) || errors.Is(a.err, ErrPermanent) || a.fatal {
				res.Attempts = append(res.Attempts, a.Attempt)
				return finish(a.err)
			}
		}
		res.Attempts = append(res.Attempts, a.Attempt)
		if a.Error != "" || a.Injection != "" {
			// No usable text this round: try again with the same feedback
			// plus what went wrong, without the withheld text.
			if fb == nil {
				fb = &Feedback{Findings: []check.Finding{}, MissingFacts: []string{}}
			}
			fb.Previous = ""
			if a.Injection != "" {
				fb.Issues = []string{"the previous reply was withheld: it contained " + a.Injection + "; write only the rewritten message"}
				res.Notes = append(res.Notes, fmt.Sprintf("attempt %d was withheld: it contained %s", n, a.Injection))
			} else {
				fb.Issues = []string{"the previous reply was unusable: " + a.Error}
			}
			continue
		}
		i := len(res.Attempts) - 1
		if best < 0 || better(a.Attempt, res.Attempts[best]) {
			best, bestReport, bestReview = i, rep, review
			res.Mode, res.Limit = a.Mode, a.gen.Limit
			if eng.Name() == EngineRules {
				bestNotes = a.gen.Notes
			}
			bestFinal = a.gen.final
		}
		if a.Pass || a.gen.final {
			break
		}
		if i > 0 && res.Attempts[i-1].Text == a.Text {
			loopNotes = append(loopNotes, fmt.Sprintf("the %s engine returned the same text again; stopped repairing", eng.Name()))
			break
		}
		fb = &Feedback{Previous: a.Text, Findings: a.Findings, MissingFacts: a.MissingFacts, Issues: a.Issues}
	}
	if best < 0 {
		last := res.Attempts[len(res.Attempts)-1]
		if last.Injection != "" {
			return finish(fmt.Errorf("%w: the %s engine's last candidate contained %s", ErrWithheld, eng.Name(), last.Injection))
		}
		return finish(fmt.Errorf("%w by the %s engine after %d attempts; last error: %s", ErrNoCandidate, eng.Name(), len(res.Attempts), last.Error))
	}
	res.Notes = append(append(res.Notes, bestNotes...), loopNotes...)
	b := res.Attempts[best]
	res.Text, res.Pass, res.Check, res.Missing, res.Review = b.Text, b.Pass, bestReport, b.MissingFacts, bestReview
	if n := utf8.RuneCountInString(res.Text); res.MaxChars > 0 && n > res.MaxChars && res.Limit == "" {
		res.Limit = fmt.Sprintf("max_chars %d not met: the best rewrite the %s engine gave in %d attempt(s) is %d characters", res.MaxChars, eng.Name(), len(res.Attempts), n)
	}
	switch {
	case !res.Pass && bestFinal:
		res.Notes = append(res.Notes, "the checker still fails the trimmed draft: its findings say what a reader may miss (ask for a level to have it rebuilt in the formula's order)")
	case !res.Pass:
		res.Notes = append(res.Notes, fmt.Sprintf("no candidate passed in %d attempt(s); returning the best one with its findings", len(res.Attempts)))
	}
	return finish(nil)
}

type attemptResult struct {
	Attempt
	gen Generation
	// err is the engine's or the checker's failure; fatal marks one no
	// further attempt can get past (the checker failing).
	err   error
	fatal bool
}

// attempt asks the engine for one candidate and judges it. ctx carries the
// rewrite's deadline.
func attempt(ctx context.Context, eng Engine, chk Checker, req Request, level guide.Level, inspector *Inspector, fb *Feedback, n int) (a attemptResult, rep check.Report, review []Review) {
	t0 := time.Now()
	gen, err := eng.Generate(ctx, req, level, fb)
	a = attemptResult{Attempt: Attempt{N: n, MissingFacts: []string{}, Findings: []check.Finding{}, Mode: gen.Mode, Usage: gen.Usage}, gen: gen}
	defer func() { a.LatencyMS = time.Since(t0).Milliseconds() }()
	if err != nil {
		a.err = err
		return a, check.Report{}, nil
	}
	if err := ctx.Err(); err != nil {
		a.err = err
		return a, check.Report{}, nil
	}
	text := strings.TrimSpace(gen.Text)
	if err := draft.Validate(text); err != nil {
		a.Error = "the candidate is unusable: " + err.Error()
		return a, check.Report{}, nil
	}
	if found := injectionIn(text, req); found != "" {
		a.Injection = found
		return a, check.Report{}, nil
	}
	a.Text = text
	rep, err = checkOnce(chk, check.Input{Draft: text, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes, Level: level})
	if err != nil {
		a.err, a.fatal = fmt.Errorf("check the candidate: %w", err), true
		return a, check.Report{}, nil
	}
	a.Score, a.Level = rep.Score, rep.Level
	if rep.Findings != nil {
		a.Findings = rep.Findings
	}
	a.MissingFacts = req.missingFacts(text)
	if n := utf8.RuneCountInString(text); req.MaxChars > 0 && n > req.MaxChars {
		a.Issues = append(a.Issues, fmt.Sprintf("%d characters, over the limit of %d", n, req.MaxChars))
	}
	// The independent checks: what a reader sees that the score does not.
	review = inspector.Inspect(text, gen.Limit)
	for _, r := range review {
		if !r.Pass && r.Name != CheckLimit { // the limit is an issue above
			a.Issues = append(a.Issues, r.Name+": "+r.Detail)
		}
	}
	for _, f := range rep.Findings {
		// A level the user asked for outright is not wrong because the
		// stakes would suggest another; reading at a different level is.
		// A draft kept as written on auto reads as its writer meant.
		if text == strings.TrimSpace(req.Draft) && !req.levelAsked {
			break
		}
		if f.Kind == check.KindCalibration && rep.Level != level && (f.Severity == check.SeverityError || f.Severity == check.SeverityWarning) {
			a.Issues = append(a.Issues, fmt.Sprintf("reads %s, the target is %s", rep.Level, level))
			break
		}
	}
	a.Pass = rep.Pass && len(a.MissingFacts) == 0 && len(a.Issues) == 0
	return a, rep, review
}

// better reports whether a beats b.
func better(a, b Attempt) bool {
	if a.Pass != b.Pass {
		return a.Pass
	}
	if len(a.MissingFacts) != len(b.MissingFacts) {
		return len(a.MissingFacts) < len(b.MissingFacts)
	}
	if len(a.Issues) != len(b.Issues) {
		return len(a.Issues) < len(b.Issues)
	}
	return a.Score > b.Score
}

func (u *Usage) add(v Usage) {
	u.PromptTokens += v.PromptTokens
	u.CompletionTokens += v.CompletionTokens
	u.TotalTokens += v.TotalTokens
}

// checkMemo remembers the last few checks: one rewrite checks its draft in
// the loop and in the engine, and its chosen candidate in the engine's
// judge and again in the loop. Reports are shared and never changed.
var checkMemo struct {
	sync.Mutex
	keys []checkKey
	vals []check.Report
}

type checkKey struct {
	chk Checker
	in  check.Input
}

// checkOnce is chk.Check(in), remembered. Only a checker behind a pointer
// is remembered: comparing other values could panic.
func checkOnce(chk Checker, in check.Input) (check.Report, error) {
	if v := reflect.ValueOf(chk); !v.IsValid() || v.Kind() != reflect.Pointer {
		return chk.Check(in)
	}
	k := checkKey{chk, in}
	if rep, ok := recalled(k); ok {
		return rep, nil
	}
	rep, err := chk.Check(in)
	if err != nil {
		return rep, err
	}
	checkMemo.Lock()
	if len(checkMemo.keys) >= 16 {
		checkMemo.keys, checkMemo.vals = checkMemo.keys[1:], checkMemo.vals[1:]
	}
	checkMemo.keys = append(checkMemo.keys, k)
	checkMemo.vals = append(checkMemo.vals, rep)
	checkMemo.Unlock()
	return rep, nil
}

func recalled(k checkKey) (check.Report, bool) {
	checkMemo.Lock()
	defer checkMemo.Unlock()
	for i := range checkMemo.keys {
		if checkMemo.keys[i] == k {
			return checkMemo.vals[i], true
		}
	}
	return check.Report{}, false
}

// resetMemos forgets the remembered checks and readings (benchmarks: each
// run pays for its own).
func resetMemos() {
	checkMemo.Lock()
	checkMemo.keys, checkMemo.vals = nil, nil
	checkMemo.Unlock()
	readCache.Lock()
	readCache.keys, readCache.vals = nil, nil
	readCache.Unlock()
}
