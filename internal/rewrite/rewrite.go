// Package rewrite turns a blunt draft into a calibrated pushback: an Engine
// proposes candidates, the deterministic checker and a fact check judge each
// one, and failing candidates go back for a bounded number of repair rounds.
package rewrite

import (
	"context"
	"errors"
	"time"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// Request is what to rewrite and how.
type Request struct {
	Draft     string         `json:"draft" jsonschema:"minLength=1,maxLength=20000,description=What you want to say, however blunt (up to 20000 characters)."`
	Situation string         `json:"situation,omitempty" jsonschema:"maxLength=20000,description=What the other person said or asked."`
	Audience  guide.Audience `json:"audience,omitempty"`
	Stakes    guide.Stakes   `json:"stakes,omitempty"`
	Level     string         `json:"level,omitempty" jsonschema:"enum=auto,enum=mild,enum=moderate,enum=strong,enum=escalated,description=Target level; auto (the default) picks it from the stakes."`
	Channel   string         `json:"channel,omitempty" jsonschema:"enum=email,enum=chat,enum=spoken,description=Where the message will be sent; chat keeps it short."`
	MaxChars  int            `json:"max_chars,omitempty" jsonschema:"minimum=0,maximum=20000,description=Upper bound on the rewrite's length in characters (0 = no limit beyond the channel's)."`
	Facts     []string       `json:"facts,omitempty" jsonschema:"description=Facts that must survive word for word; numbers, dates, amounts and names in the draft are kept automatically."`
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
}

// Feedback is what a repair round sends back to the engine.
type Feedback struct {
	Previous     string          `json:"previous"`
	Findings     []check.Finding `json:"findings"`
	MissingFacts []string        `json:"missing_facts"`
}

// Engine proposes a rewrite. fb is nil on the first attempt.
type Engine interface {
	Name() string
	Generate(ctx context.Context, req Request, level guide.Level, fb *Feedback) (Generation, error)
}

// Attempt records one round of generate-and-check.
type Attempt struct {
	N            int             `json:"n"`
	Text         string          `json:"text"`
	Pass         bool            `json:"pass"`
	Score        int             `json:"score"`
	MissingFacts []string        `json:"missing_facts"`
	Findings     []check.Finding `json:"findings"`
	Error        string          `json:"error,omitempty"`
	LatencyMS    int64           `json:"latency_ms"`
}

// Result is the best candidate with its report.
type Result struct {
	Text      string       `json:"text"`
	Pass      bool         `json:"pass" jsonschema:"description=True when the rewrite passes the checker at the target level and keeps every fact."`
	Engine    string       `json:"engine" jsonschema:"enum=rules,enum=openai"`
	Model     string       `json:"model,omitempty"`
	Mode      string       `json:"mode"`
	Level     guide.Level  `json:"level"`
	Facts     []string     `json:"facts" jsonschema:"description=Facts that had to survive."`
	Missing   []string     `json:"missing_facts" jsonschema:"description=Facts the returned text lost (empty when none)."`
	Check     check.Report `json:"check"`
	Attempts  []Attempt    `json:"attempts"`
	Usage     Usage        `json:"usage"`
	LatencyMS int64        `json:"latency_ms"`
	Notes     []string     `json:"notes"`
}

// Options bound the generate-check-repair loop.
type Options struct {
	MaxAttempts int           // total attempts including the first; 3 when zero
	Timeout     time.Duration // per engine call; 60s when zero
	// Progress, when set, is called before each attempt.
	Progress func(attempt, total int, message string)
}

// Run rewrites req with eng, checking every candidate.
func Run(ctx context.Context, eng Engine, chk *check.Checker, req Request, opts Options) (Result, error) {
	return Result{}, errors.New("rewrite: not implemented yet")
}
