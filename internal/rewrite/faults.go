package rewrite

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DefaultTimeout bounds a whole rewrite, every attempt, retry and wait
// included: well under the 60 s after which common MCP hosts give up on a
// tool call, so the user hears the outcome (and gets the draft back) from
// pushback rather than a time-out from the host.
const DefaultTimeout = 45 * time.Second

// Errors Run returns when a rewrite cannot finish; each wraps the detail.
// The Result returned with them still holds the draft and the attempts.
var (
	// ErrNoCandidate: every attempt failed to produce usable text.
	ErrNoCandidate = errors.New("no rewrite produced")
	// ErrWithheld: every candidate failed the injection check, so none
	// is shown (the attempts say what was found).
	ErrWithheld = errors.New("every candidate failed the injection check")
	// ErrTimeout: the rewrite's deadline (Options.Timeout) passed.
	ErrTimeout = errors.New("the rewrite ran out of time")
	// ErrRateLimited is matched by every *RateLimitError.
	ErrRateLimited = errors.New("rate limited")
	// ErrUnavailable: the endpoint cannot be reached, or kept failing
	// (5xx) through every retry the deadline allowed.
	ErrUnavailable = errors.New("the model endpoint is unavailable")
	// ErrPermanent is wrapped by engine errors that another attempt cannot
	// fix (bad credentials, unknown model, a request the endpoint rejects).
	ErrPermanent = errors.New("permanent engine error")
)

// RateLimitError is an endpoint that rate limits (HTTP 429) for longer than
// the rewrite's deadline allows, or through every retry.
type RateLimitError struct {
	// RetryAfter is how long the endpoint asked to wait; 0 when it did
	// not say.
	RetryAfter time.Duration
	// Message is the endpoint's own explanation, when it gave one.
	Message string
}

func (e *RateLimitError) Error() string {
	if e.RetryAfter > 0 {
		return "rate limited, retry after " + roundUp(e.RetryAfter)
	}
	return "rate limited by the model endpoint; try again in a minute"
}

// Is makes errors.Is(err, ErrRateLimited) true.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// Failure is what a rewrite that could not finish reports: the draft as
// given, what went wrong and what was tried. `pushback rewrite --json`
// prints it; the MCP tool says the same in its error result.
type Failure struct {
	Draft  string `json:"draft" jsonschema:"description=The draft exactly as given."`
	Error  string `json:"error" jsonschema:"description=What went wrong\\, in a sentence."`
	Reason string `json:"reason" jsonschema:"enum=timeout,enum=rate_limited,enum=unavailable,enum=rejected,enum=withheld,enum=no_candidate,enum=cancelled,enum=invalid_input,enum=failed,description=The kind of failure: timeout (the deadline passed)\\, rate_limited\\, unavailable (the endpoint is down or failing)\\, rejected (credentials\\, model or request refused)\\, withheld (every candidate failed the injection check)\\, no_candidate (no usable text)\\, cancelled\\, invalid_input (a mistake in the arguments)\\, failed (anything else)."`
	// RetryAfterS is the wait a rate-limited endpoint asked for, in whole
	// seconds.
	RetryAfterS int       `json:"retry_after_s,omitempty" jsonschema:"description=How long the endpoint asked to wait before trying again\\, in seconds (rate_limited only)."`
	Engine      string    `json:"engine"`
	Model       string    `json:"model,omitempty"`
	Attempts    []Attempt `json:"attempts" jsonschema:"description=What was tried\\, in order."`
	Notes       []string  `json:"notes"`
	LatencyMS   int64     `json:"latency_ms"`
}

// NewFailure describes err, returned by Run with res.
func NewFailure(res Result, err error) Failure {
	f := Failure{Draft: res.Draft, Error: err.Error(), Reason: reason(err), Engine: res.Engine, Model: res.Model,
		Attempts: res.Attempts, Notes: res.Notes, LatencyMS: res.LatencyMS}
	var rl *RateLimitError
	if errors.As(err, &rl) && rl.RetryAfter > 0 {
		f.RetryAfterS = int((rl.RetryAfter + time.Second - 1) / time.Second)
	}
	if f.Attempts == nil {
		f.Attempts = []Attempt{}
	}
	if f.Notes == nil {
		f.Notes = []string{}
	}
	return f
}

func reason(err error) string {
	switch {
	case errors.Is(err, ErrTimeout):
		return "timeout"
	case errors.Is(err, ErrRateLimited):
		return "rate_limited"
	case errors.Is(err, ErrUnavailable):
		return "unavailable"
	case errors.Is(err, ErrPermanent):
		return "rejected"
	case errors.Is(err, ErrWithheld):
		return "withheld"
	case errors.Is(err, ErrNoCandidate):
		return "no_candidate"
	case errors.Is(err, errCancelled):
		return "cancelled"
	}
	return "failed"
}

// errCancelled is wrapped when the caller cancels the rewrite.
var errCancelled = errors.New("the rewrite was cancelled")

// Tried says in a few lines what each attempt ended with, for people.
func (f Failure) Tried() string {
	if len(f.Attempts) == 0 {
		return "nothing was sent to the engine"
	}
	var b strings.Builder
	for i, a := range f.Attempts {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "attempt %d (%.1f s): ", a.N, float64(a.LatencyMS)/1000)
		switch {
		case a.Injection != "":
			b.WriteString("withheld, " + a.Injection)
		case a.Error != "":
			b.WriteString(a.Error)
		case a.Pass:
			b.WriteString("passed")
		default:
			fmt.Fprintf(&b, "score %d, did not pass", a.Score)
		}
	}
	return b.String()
}
