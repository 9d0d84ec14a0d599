package e2e

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestReadMemory(t *testing.T) {
	m, err := ReadMemory(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if m.RSS < 1<<20 || m.HWM < m.RSS {
		t.Errorf("ReadMemory(self) = %+v: want RSS >= 1 MiB and HWM >= RSS", m)
	}
	if _, err := ReadMemory(-1); err == nil {
		t.Error("ReadMemory(-1): want an error")
	}
}

// TestStartHTTP covers the harness's failure paths: a server that exits at
// once is reported with its stderr, not waited for until the timeout.
func TestStartHTTP(t *testing.T) {
	for _, tc := range []struct {
		name    string
		spec    HTTPSpec
		wantErr string
	}{
		{"exits at once", HTTPSpec{Path: echoTarget.bin, Args: []string{"--no-such-flag"}, Ready: "/healthz"}, "exited early"},
		{"missing binary", HTTPSpec{Path: "/nonexistent/server"}, "start /nonexistent/server"},
		{"healthz", HTTPSpec{Path: echoTarget.bin, Args: echoTarget.http, Ready: "/healthz"}, ""},
		{"tcp readiness, {port} substituted", HTTPSpec{Path: echoTarget.bin, Args: []string{"--http", "127.0.0.1:{port}"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			p, err := StartHTTP(tc.spec, 10*time.Second)
			if tc.wantErr != "" {
				if err == nil {
					p.Kill()
					t.Fatalf("want an error containing %q", tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %q lacks %q", err, tc.wantErr)
				}
				if time.Since(start) > 5*time.Second {
					t.Errorf("took %v to notice", time.Since(start))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Stop(5 * time.Second); err != nil {
				t.Errorf("SIGTERM: %v", err)
			}
		})
	}
}
