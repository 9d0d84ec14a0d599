// Command measure compares MCP servers side by side in one run and prints a
// Markdown table: (a) `pushback serve`, (b) the minimal mcp-go echo server
// (./internal/e2e/cmd/echoserver, the floor this stack allows) and (c) the
// TypeScript reference server @modelcontextprotocol/server-everything (its
// echo tool), installed by `make node-tools`.
//
// For each server it measures the time from spawn to the initialize response
// and to the tools/list response that follows it over stdio (median of
// -coldstarts cold starts, servers interleaved), the
// tools/call rate and p50/p99 latency over stdio and over streamable HTTP
// with 1 and 16 concurrent sessions (each bounded by -calls and -duration),
// and resident memory (VmRSS, VmHWM from /proc) idle and after load.
// pushback calls its check_draft tool on the longest of the documents'
// examples; the others echo the same text. Everything stays on 127.0.0.1.
//
//	go run ./internal/e2e/cmd/measure            # or: make measure
//	go run ./internal/e2e/cmd/measure -calls 500 -coldstarts 5 -servers pushback,echo
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/pushback/pushback/internal/e2e"
	"github.com/pushback/pushback/internal/guide"
)

// protocolVersion is pinned so every server speaks the same revision.
const protocolVersion = "2025-11-25"

type server struct {
	name      string
	path      string   // executable
	stdio     []string // stdio arguments
	http      []string // HTTP arguments, "{addr}"/"{port}" replaced
	httpEnv   []string
	ready     string // readiness path, "" = TCP
	tool      string
	args      map[string]any
	available error // why it cannot run, if it cannot
}

type options struct {
	coldStarts  int
	calls       int
	duration    time.Duration
	concurrency []int
	servers     []string
	pushbackBin string // prebuilt pushback to measure instead of building ./cmd/pushback
	rounds      int    // load rounds; each figure is the best round's
	phases      map[string]bool
	load        [2]string // load average before and after the load phases
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.coldStarts, "coldstarts", 21, "cold starts per server for the startup median")
	fs.IntVar(&o.calls, "calls", 2000, "tools/call requests per load phase (a phase also stops at -duration)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "time bound per load phase")
	conc := fs.String("concurrency", "1,16", "concurrent sessions for the load phases, comma-separated")
	servers := fs.String("servers", "pushback,echo,everything", "servers to measure, comma-separated")
	fs.IntVar(&o.rounds, "rounds", 1, "repeat the stdio and HTTP phases, servers interleaved, and keep each phase's best round (less noise from other load on the machine)")
	fs.StringVar(&o.pushbackBin, "pushback-bin", "", "measure this pushback binary (e.g. a patched build) instead of building ./cmd/pushback")
	phases := fs.String("phases", "cold,stdio,http", "what to measure, comma-separated: cold (start), stdio, http")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, c := range strings.Split(*conc, ",") {
		var n int
		if _, err := fmt.Sscan(c, &n); err != nil || n < 1 {
			return fmt.Errorf("-concurrency: bad value %q", c)
		}
		o.concurrency = append(o.concurrency, n)
	}
	o.servers = strings.Split(*servers, ",")
	o.phases = map[string]bool{}
	for _, p := range strings.Split(*phases, ",") {
		if p != "cold" && p != "stdio" && p != "http" {
			return fmt.Errorf("-phases: unknown phase %q (want cold, stdio, http)", p)
		}
		o.phases[p] = true
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

	root, err := e2e.ModuleRoot(".")
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pushback-measure-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	draft := guide.Default().LongestExample().Text
	all := map[string]*server{}
	for _, name := range o.servers {
		s, err := newServer(ctx, name, root, dir, draft, o.pushbackBin)
		if err != nil {
			return err
		}
		if s.available != nil {
			fmt.Fprintf(stderr, "measure: skipping %s: %v\n", name, s.available)
			continue
		}
		all[name] = s
	}
	var list []*server
	for _, name := range o.servers {
		if s, ok := all[name]; ok {
			list = append(list, s)
		}
	}
	if len(list) == 0 {
		return errors.New("no server to measure")
	}

	results := make([]*result, len(list))
	for i := range results {
		results[i] = &result{loads: map[string]load{}}
	}
	if !o.phases["cold"] {
		o.coldStarts = 0
	}
	fmt.Fprintf(stderr, "measure: %d cold starts each (interleaved)\n", o.coldStarts)
	for i := 0; i < o.coldStarts; i++ {
		for j, s := range list {
			d, listed, err := coldStart(ctx, s)
			if err != nil {
				return fmt.Errorf("%s cold start: %w", s.name, err)
			}
			results[j].starts = append(results[j].starts, d)
			results[j].listed = append(results[j].listed, listed)
		}
	}
	load0 := loadAvg()
	for round := 1; round <= max(1, o.rounds); round++ {
		for j, s := range list {
			r := &result{loads: map[string]load{}}
			if o.phases["stdio"] {
				fmt.Fprintf(stderr, "measure: round %d: %s over stdio\n", round, s.name)
				if err := measureStdio(ctx, s, o, r); err != nil {
					return fmt.Errorf("%s stdio: %w", s.name, err)
				}
			}
			if o.phases["http"] {
				fmt.Fprintf(stderr, "measure: round %d: %s over HTTP\n", round, s.name)
				if err := measureHTTP(ctx, s, o, r); err != nil {
					return fmt.Errorf("%s http: %w", s.name, err)
				}
			}
			results[j].merge(r)
		}
	}
	o.load = [2]string{load0, loadAvg()}
	printTable(stdout, list, results, o, len(draft))
	return nil
}

func newServer(ctx context.Context, name, root, dir, draft, pushbackBin string) (*server, error) {
	switch name {
	case "pushback":
		bin := pushbackBin
		if bin == "" {
			var err error
			if bin, err = e2e.Build(ctx, root, "./cmd/pushback", dir); err != nil {
				return nil, err
			}
		}
		return &server{name: "pushback serve", path: bin, stdio: []string{"serve"},
			http: []string{"serve", "--http", "{addr}"}, ready: "/healthz",
			tool: "check_draft", args: map[string]any{"draft": draft, "audience": "leadership"}}, nil
	case "echo":
		bin, err := e2e.Build(ctx, root, "./internal/e2e/cmd/echoserver", dir)
		if err != nil {
			return nil, err
		}
		return &server{name: "mcp-go echo (floor)", path: bin, http: []string{"--http", "{addr}"}, ready: "/healthz",
			tool: "echo", args: map[string]any{"message": draft}}, nil
	case "everything":
		nm := filepath.Join(root, "internal", "e2e", "conformance", "node_modules")
		node := filepath.Join(nm, ".bin", "node")
		script := filepath.Join(nm, "@modelcontextprotocol", "server-everything", "dist", "index.js")
		s := &server{name: "TS server-everything", path: node, stdio: []string{script, "stdio"},
			http: []string{script, "streamableHttp"}, httpEnv: []string{"PORT={port}"},
			tool: "echo", args: map[string]any{"message": draft}}
		for _, f := range []string{node, script} {
			if _, err := os.Stat(f); err != nil {
				s.available = fmt.Errorf("%w (run make node-tools)", err)
			}
		}
		return s, nil
	}
	return nil, fmt.Errorf("unknown server %q (want pushback, echo or everything)", name)
}

type load struct {
	calls   int
	errors  int
	elapsed time.Duration
	lat     []time.Duration
}

func (l load) rate() float64 { return float64(l.calls) / l.elapsed.Seconds() }

func (l load) pct(p float64) time.Duration {
	if len(l.lat) == 0 {
		return 0
	}
	s := slices.Clone(l.lat)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

type result struct {
	starts, listed         []time.Duration // spawn to the initialize and to the tools/list response
	loads                  map[string]load // "stdio 1", "http 16", ...
	stdioIdle, stdioLoaded e2e.Memory
	httpIdle, httpLoaded   e2e.Memory
}

// coldStart spawns the server, writes initialize and times the response,
// then does what a client does next (notifications/initialized, tools/list)
// and times the tools/list response too: the point a host can offer the
// tools.
func coldStart(ctx context.Context, s *server) (initialized, listed time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.path, s.stdio...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return 0, 0, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	req := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"` + protocolVersion +
		`","capabilities":{},"clientInfo":{"name":"measure","version":"1"}}}` + "\n"
	next := `{"jsonrpc":"2.0","method":"notifications/initialized"}` + "\n" +
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}` + "\n"
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	if _, err := io.WriteString(in, req); err != nil {
		return 0, 0, err
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var msg struct {
			ID     json.RawMessage `json:"id"`
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) != nil {
			continue
		}
		switch string(msg.ID) {
		case "1":
			if msg.Result == nil {
				return 0, 0, fmt.Errorf("initialize failed: %s", sc.Text())
			}
			initialized = time.Since(start)
			if _, err := io.WriteString(in, next); err != nil {
				return 0, 0, err
			}
		case "2":
			if msg.Result == nil {
				return 0, 0, fmt.Errorf("tools/list failed: %s", sc.Text())
			}
			return initialized, time.Since(start), nil
		}
	}
	return 0, 0, fmt.Errorf("no initialize and tools/list responses (%v)", sc.Err())
}

func newClient(ctx context.Context, t transport.Interface) (*client.Client, error) {
	c := client.NewClient(t, client.WithProtocolVersion(protocolVersion))
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	_, err := c.Initialize(ctx, mcp.InitializeRequest{Params: mcp.InitializeParams{
		ProtocolVersion: protocolVersion,
		ClientInfo:      mcp.Implementation{Name: "measure", Version: "1"},
	}})
	if err != nil {
		return nil, fmt.Errorf("initialize: %w", err)
	}
	if _, err := c.ListTools(ctx, mcp.ListToolsRequest{}); err != nil {
		return nil, fmt.Errorf("tools/list: %w", err)
	}
	return c, nil
}

// drive calls the tool from len(clients) goroutines until o.calls calls or
// o.duration, after a short warm-up.
func drive(ctx context.Context, s *server, clients []*client.Client, o options) (load, error) {
	req := mcp.CallToolRequest{Params: mcp.CallToolParams{Name: s.tool, Arguments: s.args}}
	for _, c := range clients { // warm-up, and a check the call works
		for range 20 {
			res, err := c.CallTool(ctx, req)
			if err != nil {
				return load{}, fmt.Errorf("warm-up %s: %w", s.tool, err)
			}
			if res.IsError {
				return load{}, fmt.Errorf("warm-up %s: tool error %v", s.tool, res.Content)
			}
		}
	}
	var (
		next     atomic.Int64
		mu       sync.Mutex
		l        load
		wg       sync.WaitGroup
		deadline = time.Now().Add(o.duration)
	)
	start := time.Now()
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, o.calls/len(clients)+1)
			errs := 0
			for next.Add(1) <= int64(o.calls) && time.Now().Before(deadline) {
				t0 := time.Now()
				res, err := c.CallTool(ctx, req)
				if err != nil || res.IsError {
					errs++
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			l.lat = append(l.lat, lat...)
			l.errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	l.elapsed = time.Since(start)
	l.calls = len(l.lat)
	if l.errors > 0 {
		return l, fmt.Errorf("%d of %d calls failed", l.errors, l.errors+l.calls)
	}
	return l, nil
}

func settle() {
	runtime.GC()
	time.Sleep(300 * time.Millisecond)
}

// measureStdio runs one stdio session: idle memory, load with 1 and then n
// requests in flight (stdio has one session per process), loaded memory.
func measureStdio(ctx context.Context, s *server, o options, r *result) error {
	var cmd *exec.Cmd
	t := transport.NewStdioWithOptions(s.path, nil, s.stdio,
		transport.WithCommandStderrWriter(io.Discard),
		transport.WithCommandFunc(func(ctx context.Context, command string, env, args []string) (*exec.Cmd, error) {
			cmd = exec.CommandContext(ctx, command, args...)
			cmd.Env = append(os.Environ(), env...)
			return cmd, nil
		}))
	c, err := newClient(ctx, t)
	if err != nil {
		return err
	}
	defer c.Close()
	settle()
	if r.stdioIdle, err = e2e.ReadMemory(cmd.Process.Pid); err != nil {
		return err
	}
	for _, n := range o.concurrency {
		clients := make([]*client.Client, n) // n goroutines share the one session
		for i := range clients {
			clients[i] = c
		}
		l, err := drive(ctx, s, clients, o)
		if err != nil {
			return err
		}
		r.loads[fmt.Sprintf("stdio %d", n)] = l
	}
	settle()
	r.stdioLoaded, err = e2e.ReadMemory(cmd.Process.Pid)
	return err
}

// measureHTTP starts the server on a loopback port and loads it with 1 and
// then n sessions, each calling in a loop.
func measureHTTP(ctx context.Context, s *server, o options, r *result) error {
	p, err := e2e.StartHTTP(e2e.HTTPSpec{Path: s.path, Args: s.http, Env: s.httpEnv, Ready: s.ready}, 30*time.Second)
	if err != nil {
		return err
	}
	defer func() { _ = p.Stop(10 * time.Second) }()
	settle()
	if r.httpIdle, err = e2e.ReadMemory(p.Cmd.Process.Pid); err != nil {
		return err
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, n := range o.concurrency {
		clients := make([]*client.Client, n)
		for i := range clients {
			t, err := transport.NewStreamableHTTP(p.URL("/mcp"), transport.WithHTTPLogger(quiet))
			if err != nil {
				return err
			}
			if clients[i], err = newClient(ctx, t); err != nil {
				return fmt.Errorf("session %d: %w", i, err)
			}
		}
		l, err := drive(ctx, s, clients, o)
		for _, c := range clients {
			_ = c.Close()
		}
		if err != nil {
			return err
		}
		r.loads[fmt.Sprintf("http %d", n)] = l
	}
	settle()
	r.httpLoaded, err = e2e.ReadMemory(p.Cmd.Process.Pid)
	return err
}

// merge keeps each load phase's best round (highest rate), the latest
// idle and after-load memory, and the highest peak.
func (r *result) merge(n *result) {
	for k, l := range n.loads {
		if old, ok := r.loads[k]; !ok || l.rate() > old.rate() {
			r.loads[k] = l
		}
	}
	hwm := func(a, b e2e.Memory) e2e.Memory { b.HWM = max(a.HWM, b.HWM); return b }
	r.stdioIdle, r.stdioLoaded = n.stdioIdle, hwm(r.stdioLoaded, n.stdioLoaded)
	r.httpIdle, r.httpLoaded = n.httpIdle, hwm(r.httpLoaded, n.httpLoaded)
}

// loadAvg is the machine's 1-minute load average, to judge the noise.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
func mib(b int64) string        { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func printTable(w io.Writer, list []*server, results []*result, o options, draftLen int) {
	var b strings.Builder
	b.WriteString("| measure |")
	for _, s := range list {
		fmt.Fprintf(&b, " %s |", s.name)
	}
	b.WriteString("\n|---|")
	for range list {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	row := func(name string, cell func(r *result) string) {
		fmt.Fprintf(&b, "| %s |", name)
		for _, r := range results {
			fmt.Fprintf(&b, " %s |", cell(r))
		}
		b.WriteString("\n")
	}
	if o.coldStarts > 0 {
		row(fmt.Sprintf("stdio cold start to initialize response, median of %d", o.coldStarts), func(r *result) string {
			return ms(median(r.starts))
		})
		row("stdio cold start, fastest / slowest", func(r *result) string {
			return ms(slices.Min(r.starts)) + " / " + ms(slices.Max(r.starts))
		})
		row(fmt.Sprintf("stdio cold start to tools/list response (sent after initialize), median of %d", o.coldStarts), func(r *result) string {
			return ms(median(r.listed))
		})
	}
	for _, tr := range []string{"stdio", "http"} {
		if !o.phases[tr] {
			continue
		}
		for _, n := range o.concurrency {
			key := fmt.Sprintf("%s %d", tr, n)
			label := fmt.Sprintf("HTTP, %d session(s)", n)
			if tr == "stdio" {
				label = fmt.Sprintf("stdio, %d call(s) in flight", n)
			}
			row(label+": calls/s", func(r *result) string { return fmt.Sprintf("%.0f", r.loads[key].rate()) })
			row(label+": p50 / p99", func(r *result) string {
				l := r.loads[key]
				return ms(l.pct(0.50)) + " / " + ms(l.pct(0.99))
			})
		}
	}
	if o.phases["stdio"] {
		row("stdio RSS idle / after load", func(r *result) string { return mib(r.stdioIdle.RSS) + " / " + mib(r.stdioLoaded.RSS) })
		row("stdio peak RSS (VmHWM)", func(r *result) string { return mib(r.stdioLoaded.HWM) })
	}
	if o.phases["http"] {
		row("HTTP RSS idle / after load", func(r *result) string { return mib(r.httpIdle.RSS) + " / " + mib(r.httpLoaded.RSS) })
		row("HTTP peak RSS (VmHWM)", func(r *result) string { return mib(r.httpLoaded.HWM) })
	}
	fmt.Fprintf(&b, "\nEach load phase: up to %d tools/call or %s, after 20 warm-up calls per session, best of %d round(s); client: mcp-go in the same process (protocol %s); %d CPUs, load average %s before and %s after the load phases; %s.\n",
		o.calls, o.duration, max(1, o.rounds), protocolVersion, runtime.NumCPU(), o.load[0], o.load[1], runtime.Version())
	fmt.Fprintf(&b, "pushback calls check_draft on the longest document example (%d bytes); the others echo the same text.\n", draftLen)
	io.WriteString(w, b.String())
}
