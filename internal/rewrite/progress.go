package rewrite

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Progress is what a running rewrite reports: before each attempt, and
// while the engine works (a model call, a back-off before a retry) every
// Options.ProgressEvery and whenever what it waits for changes.
type Progress struct {
	Attempt, Attempts int
	Elapsed, Timeout  time.Duration
	// Message says what is happening: "drafting", "repairing", "waiting for
	// the openai engine", "HTTP 429 from the model endpoint; retrying in 3 s".
	Message string
}

// String is a one-line status for people.
func (p Progress) String() string {
	return fmt.Sprintf("attempt %d of %d: %s (%d s of %d s)", p.Attempt, p.Attempts, p.Message,
		int(p.Elapsed/time.Second), int((p.Timeout+time.Second-1)/time.Second))
}

// DefaultProgressEvery is how often a waiting rewrite reports by default:
// a person (or an MCP host's progress bar) hears something within a few
// seconds however long the model takes.
const DefaultProgressEvery = 2 * time.Second

// status is what the engine is waiting for right now; the retry transport
// sets it through the context, the heartbeat reports it.
type status struct {
	mu      sync.Mutex
	msg     string
	changed chan struct{}
}

type statusKey struct{}

// setStatus records what the call in ctx waits for ("" for the engine
// itself) and wakes the heartbeat.
func setStatus(ctx context.Context, msg string) {
	st, ok := ctx.Value(statusKey{}).(*status)
	if !ok {
		return
	}
	st.mu.Lock()
	st.msg = msg
	st.mu.Unlock()
	select {
	case st.changed <- struct{}{}:
	default:
	}
}

func (st *status) get() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.msg
}

// heartbeat reports p (with the time and the current status) every
// opts.ProgressEvery, and at once when the status changes, until stop is
// called; stop returns once the last report is done, so reports never
// overlap the caller's own.
func heartbeat(ctx context.Context, opts Options, p Progress, start time.Time, waiting string) (context.Context, func()) {
	if opts.Progress == nil {
		return ctx, func() {}
	}
	st := &status{changed: make(chan struct{}, 1)}
	ctx = context.WithValue(ctx, statusKey{}, st)
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(opts.ProgressEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			case <-st.changed:
			}
			p.Elapsed, p.Message = time.Since(start), st.get()
			if p.Message == "" {
				p.Message = waiting
			}
			opts.Progress(p)
		}
	}()
	return ctx, func() { close(done); <-stopped }
}
