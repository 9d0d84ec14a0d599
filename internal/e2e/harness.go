// Package e2e drives MCP server binaries from the outside, the way a host
// does: it builds them, starts them over stdio or streamable HTTP on a free
// loopback port, waits until they are ready, stops them with SIGTERM and
// reads their memory from /proc. The end-to-end tests in this directory and
// the measurement program in ./cmd/measure share it.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ModuleRoot returns the directory holding go.mod, walking up from dir.
func ModuleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("module root: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Build compiles the main package pkg (e.g. "./cmd/pushback") of the module
// at root into dir and returns the binary's path.
func Build(ctx context.Context, root, pkg, dir string) (string, error) {
	out := filepath.Join(dir, filepath.Base(pkg))
	if runtime.GOOS == "windows" {
		out += ".exe"
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return out, nil
}

// FreeAddr returns a 127.0.0.1 address with a port that was free a moment ago.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// SyncBuffer is a bytes.Buffer safe for one writer (a child's pipe) and
// concurrent readers.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len returns the number of bytes written so far.
func (b *SyncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

// Process is a server started by StartHTTP.
type Process struct {
	Cmd    *exec.Cmd
	Addr   string      // host:port it listens on
	Stdout *SyncBuffer // everything it wrote to stdout
	Stderr *SyncBuffer // everything it wrote to stderr
	done   chan struct{}
	err    error // Wait's error, valid after done is closed
}

// HTTPSpec says how to start a server over HTTP.
type HTTPSpec struct {
	Path string   // the executable
	Args []string // arguments; "{addr}" is replaced by the host:port and "{port}" by the port
	Env  []string // extra environment, "{addr}"/"{port}" replaced too
	// Ready is the path polled with GET until it answers 200 (e.g. "/healthz");
	// empty means "until the port accepts connections".
	Ready string
}

// StartHTTP starts spec on a free loopback port and waits until it is ready
// or timeout passes.
func StartHTTP(spec HTTPSpec, timeout time.Duration) (*Process, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	repl := strings.NewReplacer("{addr}", addr, "{port}", port)
	args := make([]string, len(spec.Args))
	for i, a := range spec.Args {
		args[i] = repl.Replace(a)
	}
	cmd := exec.Command(spec.Path, args...)
	cmd.Env = os.Environ()
	for _, e := range spec.Env {
		cmd.Env = append(cmd.Env, repl.Replace(e))
	}
	p := &Process{Cmd: cmd, Addr: addr, Stdout: &SyncBuffer{}, Stderr: &SyncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.Stdout, p.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", spec.Path, err)
	}
	go func() { p.err = cmd.Wait(); close(p.done) }()
	if err := p.waitReady(spec.Ready, timeout); err != nil {
		p.Kill()
		return nil, fmt.Errorf("%s not ready: %w; stderr:\n%s", spec.Path, err, p.Stderr.String())
	}
	return p, nil
}

func (p *Process) waitReady(path string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: time.Second}
	for {
		select {
		case <-p.done:
			return fmt.Errorf("exited early: %v", p.err)
		default:
		}
		var err error
		if path == "" {
			var c net.Conn
			if c, err = net.DialTimeout("tcp", p.Addr, time.Second); err == nil {
				c.Close()
				return nil
			}
		} else {
			var resp *http.Response
			if resp, err = client.Get("http://" + p.Addr + path); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return nil
				}
				err = fmt.Errorf("GET %s: %s", path, resp.Status)
			}
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// URL returns http://addr + path.
func (p *Process) URL(path string) string { return "http://" + p.Addr + path }

// Done is closed when the process has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Stop sends SIGTERM and waits up to timeout for the process to exit. It
// returns the exit error (nil for status 0); if the process does not exit in
// time it is killed and an error says so.
func (p *Process) Stop(timeout time.Duration) error {
	if err := p.Cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("SIGTERM: %w", err)
	}
	select {
	case <-p.done:
		return p.err
	case <-time.After(timeout):
		p.Kill()
		return fmt.Errorf("still running %s after SIGTERM; killed", timeout)
	}
}

// Kill kills the process and waits for it.
func (p *Process) Kill() {
	_ = p.Cmd.Process.Kill()
	<-p.done
}

// Memory is a process's resident memory in bytes, from /proc/PID/status.
type Memory struct {
	RSS  int64 // VmRSS: resident now
	HWM  int64 // VmHWM: peak resident
	Anon int64 // RssAnon: the part of RSS that is the process's own memory (heap, stacks)
	File int64 // RssFile: the part that is mapped files (the binary's code as it gets run)
}

// ReadMemory reads VmRSS and VmHWM of pid (Linux only).
func ReadMemory(pid int) (Memory, error) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return Memory{}, fmt.Errorf("read memory of %d: %w", pid, err)
	}
	var m Memory
	for _, line := range strings.Split(string(b), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		field := map[string]*int64{"VmRSS": &m.RSS, "VmHWM": &m.HWM, "RssAnon": &m.Anon, "RssFile": &m.File}[name]
		if !ok || field == nil {
			continue
		}
		f := strings.Fields(rest) // "12345 kB"
		if len(f) != 2 || f[1] != "kB" {
			return Memory{}, fmt.Errorf("read memory of %d: odd line %q", pid, line)
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return Memory{}, fmt.Errorf("read memory of %d: %w", pid, err)
		}
		*field = kb * 1024
	}
	if m.RSS == 0 {
		return Memory{}, fmt.Errorf("read memory of %d: no VmRSS", pid)
	}
	return m, nil
}
