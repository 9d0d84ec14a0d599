package e2e

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// REQUIRED are the official conformance suite's generic server scenarios:
// they test the protocol, not the suite's own fixtures, so pushback must pass
// every one. The rest are listed with reasons in conformance/NOT_APPLICABLE.md.
var REQUIRED = []string{
	"server-initialize",
	"ping",
	"logging-set-level",
	"tools-list",
	"resources-list",
	"prompts-list",
	"server-sse-multiple-streams",
	"dns-rebinding-protection",
}

// conformanceTool returns the local Node 22 and the suite's entry point from
// conformance/node_modules (installed by `npm ci` in .ci/run). Without them
// the test skips locally and fails in CI (see inCI).
func conformanceTool(t *testing.T) (node, suite string) {
	t.Helper()
	node = filepath.Join(nodeTools, "node_modules", ".bin", "node")
	suite = filepath.Join(nodeTools, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js")
	for _, f := range []string{node, suite} {
		if _, err := os.Stat(f); err != nil {
			msg := "the MCP conformance suite is not installed (" + err.Error() + "); run: npm ci --prefix internal/e2e/conformance"
			if inCI() {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	return node, suite
}

// inCI reports whether the tests run in CI (CI=true, as .ci/run and most CI
// services set it), where a missing suite is a failure, not a skip.
func inCI() bool {
	switch strings.ToLower(os.Getenv("CI")) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

// TestConformance runs the required scenarios of the official MCP
// conformance suite against `pushback serve --http` on a loopback port.
func TestConformance(t *testing.T) {
	requirePushback(t)
	node, suite := conformanceTool(t)
	p, err := StartHTTP(HTTPSpec{Path: pushbackTarget.bin, Args: pushbackTarget.http, Ready: "/healthz"}, 15*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := p.Stop(10 * time.Second); err != nil {
			t.Errorf("stop pushback serve: %v", err)
		}
		if t.Failed() {
			t.Logf("pushback serve stderr:\n%s", p.Stderr.String())
		}
	}()
	for _, scenario := range REQUIRED {
		t.Run(scenario, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, node, suite, "server",
				"--url", p.URL("/mcp"), "--scenario", scenario, "-o", t.TempDir())
			cmd.Env = append(os.Environ(), "NO_COLOR=1", "FORCE_COLOR=0")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("conformance %s: %v\n%s", scenario, err, out)
			}
			if !bytes.Contains(out, []byte(", 0 failed")) {
				t.Fatalf("conformance %s: no clean pass in the output:\n%s", scenario, out)
			}
			t.Logf("%s", lastLines(out, 3))
		})
	}
}

// TestConformanceScenariosAccountedFor fails when the pinned suite lists a
// server scenario that is neither required nor explained in
// NOT_APPLICABLE.md, so an upgrade cannot silently skip new checks.
func TestConformanceScenariosAccountedFor(t *testing.T) {
	node, suite := conformanceTool(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, suite, "list", "--server").CombinedOutput()
	if err != nil {
		t.Fatalf("conformance list: %v\n%s", err, out)
	}
	listed := regexp.MustCompile(`(?m)^\s*-\s+([a-z0-9-]+)`).FindAllSubmatch(out, -1)
	if len(listed) < len(REQUIRED) {
		t.Fatalf("conformance list: only %d scenarios parsed from:\n%s", len(listed), out)
	}
	doc, err := os.ReadFile(filepath.Join(nodeTools, "NOT_APPLICABLE.md"))
	if err != nil {
		t.Fatal(err)
	}
	explained := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|").FindAllSubmatch(doc, -1) {
		explained[string(m[1])] = true
	}
	var all []string
	for _, m := range listed {
		name := string(m[1])
		all = append(all, name)
		switch {
		case slices.Contains(REQUIRED, name) && explained[name]:
			t.Errorf("%s is both required and listed as not applicable", name)
		case !slices.Contains(REQUIRED, name) && !explained[name]:
			t.Errorf("server scenario %s is neither required nor explained in conformance/NOT_APPLICABLE.md", name)
		}
	}
	for _, name := range REQUIRED {
		if !slices.Contains(all, name) {
			t.Errorf("required scenario %s is not in the suite's list", name)
		}
	}
	for name := range explained {
		if !slices.Contains(all, name) {
			t.Errorf("NOT_APPLICABLE.md explains %s, which the suite no longer lists", name)
		}
	}
}

func lastLines(b []byte, n int) string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			lines = append(lines, s)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
