package studio_test

// The harness of the browser tests: a real pushback server on 127.0.0.1,
// and headless Chromium (the Debian package) driven through chromedp. The
// tests skip with one line when Chromium is missing, and fail instead in CI
// (CI=true), where .ci/run installs it.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/server"
)

// chromium finds the browser: $PUSHBACK_CHROMIUM, else chromium on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PUSHBACK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found: CI needs it for the browser tests (.ci/run installs it with apt-get install chromium)")
	}
	t.Skip("chromium not found: browser tests skipped (apt-get install chromium, or set PUSHBACK_CHROMIUM)")
	return ""
}

// axeSource is axe-core from npm (make browser-tools), or "" locally when
// it is not installed; CI fails without it.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "node", "node_modules", "axe-core", "axe.min.js"))
	if err == nil {
		return string(b)
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("axe-core not installed (run make browser-tools): %v", err)
	}
	t.Skip("axe-core not installed: accessibility scan skipped (make browser-tools)")
	return ""
}

// startServer serves pushback over HTTP on a free loopback port with the
// studio on, as `pushback serve --http 127.0.0.1:0` does, and returns its
// base URL.
func startServer(t *testing.T, opts server.Options) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	opts.HTTPAddr = "127.0.0.1:0"
	opts.Studio = true
	opts.Offline = true
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	opts.Ready = func(a net.Addr) { addrc <- a }
	go func() { done <- server.Serve(ctx, opts) }()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v", err)
	case <-time.After(15 * time.Second):
		cancel()
		t.Fatal("the server did not start within 15 s")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + addr.String()
}

// browser is one headless Chromium with a fresh profile; each test opens
// its tabs in it.
type browser struct {
	ctx context.Context
	t   *testing.T
}

func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) *browser {
	t.Helper()
	path := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1360, 960),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium (%s): %v", path, err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return &browser{ctx: ctx, t: t}
}

// tab opens a new tab in a browser context of its own (its own storage:
// no other tab's saved draft leaks in), whose console is watched: an
// uncaught exception, a console.error or a browser log error (a
// Content-Security-Policy violation, a failed request) fails the test when
// it ends.
func (b *browser) tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s (%s:%d)", m.Text, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			if allowedConsoleError(p) {
				continue
			}
			t.Errorf("browser console: %s", p)
		}
		cancelTimeout()
		cancel()
	})
	return ctx
}

// allowedConsoleError lists the errors a test causes on purpose.
func allowedConsoleError(msg string) bool {
	return strings.Contains(msg, "401 (Unauthorized)")
}

// do runs actions, failing the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into T.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", firstLine(expr), err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		// A poll begun just after a navigation or a reload can land in the
		// page's old execution context, which the browser has destroyed
		// ("Cannot find context with specified id"; seen in CI under
		// load): poll again in the new one, within the same deadline.
		if lostContext(err) && time.Until(deadline) > 100*time.Millisecond {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		t.Fatalf("waiting for %s (%s): %v", what, firstLine(cond), err)
	}
}

// lostContext reports whether err says the page's execution context went
// away under a call (a navigation or reload replaced it).
func lostContext(err error) bool {
	s := err.Error()
	return strings.Contains(s, "Cannot find context with specified id") || strings.Contains(s, "Execution context was destroyed")
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	if len(s) > 120 {
		return s[:120] + " …"
	}
	return s
}

// readmeShots are the screenshots the README shows: -update writes them
// into testdata/screenshots.
var readmeShots = map[string]bool{"studio-check": true, "app-check": true}

// screenshot saves a PNG of what the tab shows: into $PUSHBACK_SCREENSHOTS
// or the temporary directory, or, for the README's with -update, into
// testdata/screenshots; and logs where.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("PUSHBACK_SCREENSHOTS")
	switch {
	case golden.Update() && readmeShots[name]:
		dir = filepath.Join("testdata", "screenshots")
	case dir == "":
		dir = filepath.Join(os.TempDir(), "pushback-studio-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
