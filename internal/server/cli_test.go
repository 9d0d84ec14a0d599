package server_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/cli"
	"github.com/pushback/pushback/internal/server"
)

// TestServeCommand runs `pushback serve` in-process for the cases that end
// before serving: help, and every configuration mistake (exit 2).
func TestServeCommand(t *testing.T) {
	cases := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStderr []string
	}{
		{"help lists flags and tools", []string{"serve", "-h"}, nil, cli.ExitOK,
			append([]string{"-http ADDR", "-token TOKEN", "-tools NAMES", "-offline", "-max-body BYTES", "-origin ORIGIN", "PUSHBACK_TOKEN", "PUSHBACK_OFFLINE", server.EndpointPath, server.HealthPath}, server.ToolNames()...)},
		{"unknown tool", []string{"serve", "--tools", "decide,nope"}, nil, cli.ExitUsage, []string{`unknown tool "nope"`, server.ToolCheckDraft}},
		{"unknown tool from the environment", []string{"serve"}, map[string]string{"PUSHBACK_TOOLS": "nope"}, cli.ExitUsage, []string{`unknown tool "nope"`}},
		{"every interface without a token", []string{"serve", "--http", ":8080"}, nil, cli.ExitUsage, []string{"non-loopback", "PUSHBACK_TOKEN"}},
		{"LAN address without a token", []string{"serve", "--http", "192.168.1.5:8080"}, nil, cli.ExitUsage, []string{"non-loopback"}},
		{"address without a port", []string{"serve", "--http", "localhost"}, nil, cli.ExitUsage, []string{"host:port"}},
		{"model engine without a key", []string{"serve"}, map[string]string{"PUSHBACK_ENGINE": "openai"}, cli.ExitUsage, []string{"OPENAI_API_KEY"}},
		{"stray argument", []string{"serve", "now"}, nil, cli.ExitUsage, []string{`unexpected argument "now"`}},
		{"bad log level", []string{"serve", "--log-level", "loud"}, nil, cli.ExitUsage, []string{"--log-level"}},
		{"bad flag", []string{"serve", "--port", "1"}, nil, cli.ExitUsage, []string{"-port"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			env := &cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return tc.env[k] }}
			code := env.Main(tc.args)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.wantCode, stderr.String())
			}
			out := stderr.String()
			if tc.wantCode == cli.ExitOK {
				out = stdout.String() + out // help may go to either
			}
			for _, w := range tc.wantStderr {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tc.wantCode != cli.ExitOK && stdout.Len() != 0 {
				t.Errorf("stdout must stay clean (it is the protocol on stdio): %q", stdout.String())
			}
		})
	}
}
