package eval

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/pushback/pushback/internal/rewrite"
)

// TestConcurrencySchedule is the concurrency wall-time test made exact:
// in a synctest bubble the clock moves only when every goroutine waits, so
// the model's latency is the only time that passes and checking costs
// none. 40 one-call cases at concurrency 8 against a model that takes 200ms
// must take exactly ceil(40/8) x 200ms = 1s, whatever the machine's load;
// one at a time would take 8s. The whole stack runs: the openai engine, the
// cassette recording, net/http, and the fake model behind an in-memory
// connection (real sockets are not durably blocking, pipes are).
func TestConcurrencySchedule(t *testing.T) {
	const n, conc, delay = 40, 8, 200 * time.Millisecond
	docs := oneCallCases(t, documentCases(t))
	var cases []Case
	for i := 0; len(cases) < n; i++ {
		c := docs[i%len(docs)]
		c.ID = fmt.Sprintf("%s-%02d", c.ID, i)
		cases = append(cases, c)
	}
	testChecker(t) // built outside the bubble, as a process does once
	synctest.Test(t, func(t *testing.T) {
		model := &fakeModel{refs: refsOf(cases), delay: delay}
		ln := newPipeListener()
		srv := &http.Server{Handler: model}
		go srv.Serve(ln)
		tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return ln.dial(ctx) }}
		defer func() {
			tr.CloseIdleConnections()
			srv.Close()
		}()
		cfg := newModelRun(t, &Cassette{Mode: Record, Dir: t.TempDir(), Next: tr}, "http://model.test/v1", cases, 1)
		cfg.Options.Judge = nil
		cfg.Options.Concurrency = conc
		var mu sync.Mutex
		peak, inFlight := 0, 0
		inner := cfg.Rewriter
		cfg.Rewriter = rewriterFunc(func(ctx context.Context, req rewrite.Request) (rewrite.Result, error) {
			mu.Lock()
			inFlight++
			peak = max(peak, inFlight)
			mu.Unlock()
			defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
			return inner.Rewrite(ctx, req)
		})
		start := time.Now()
		r := Run(context.Background(), cfg)
		wall := time.Since(start)
		for _, c := range r.Rewrite.Cases {
			if c.Runs[0].Error != "" {
				t.Fatalf("%s: %s", c.ID, c.Runs[0].Error)
			}
		}
		want := time.Duration((n+conc-1)/conc) * delay
		t.Logf("%d cases, concurrency %d, %d model calls of %v: %v on the bubble's clock, peak in flight %d", n, conc, model.calls.Load(), delay, wall, peak)
		if wall != want {
			t.Errorf("took %v on the bubble's clock, want exactly %v", wall, want)
		}
		if peak != conc {
			t.Errorf("%d cases ran at once, want %d", peak, conc)
		}
		if calls := model.calls.Load(); calls != n {
			t.Errorf("%d model calls for %d one-call cases", calls, n)
		}
	})
}

// pipeListener is a net.Listener whose connections are in-memory pipes, so
// an HTTP server and client can talk inside a synctest bubble.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *pipeListener) dial(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "model.test" }
