package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/pushback/pushback/internal/golden"
)

// actionRun is one run of the GitHub Action's step (action/run.sh) in a
// copy of the fixture repository, as the runner would start it.
type actionRun struct {
	code            int
	stdout, stderr  string
	summary, output string
	dir             string
}

// runAction runs action/run.sh with the INPUT_* variables of inputs in a
// fresh copy of examples/team (the fixture repository of drafts and evals),
// with GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files as the runner sets them.
// bin is passed as PUSHBACK_BIN; "" makes the script build pushback itself.
func runAction(t *testing.T, root, bin string, inputs map[string]string) actionRun {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(repo, os.DirFS(filepath.Join(root, "examples", "team"))); err != nil {
		t.Fatal(err)
	}
	runner := t.TempDir()
	summary, output := filepath.Join(runner, "summary.md"), filepath.Join(runner, "output")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "action", "run.sh"))
	cmd.Dir = repo
	cmd.Env = append(os.Environ(),
		"GITHUB_ACTION_PATH="+root, "RUNNER_TEMP="+runner,
		"GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+output,
		"PUSHBACK_BIN="+bin, "NO_COLOR=1")
	for k, v := range inputs {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	r := actionRun{stdout: stdout.String(), stderr: stderr.String(), dir: repo}
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("run the action: %v\n%s", err, stderr.String())
	}
	s, _ := os.ReadFile(summary)
	o, _ := os.ReadFile(output)
	r.summary, r.output = string(s), string(o)
	if left, _ := filepath.Glob(filepath.Join(runner, "pushback.*")); len(left) > 0 {
		t.Errorf("the action left %v behind", left)
	}
	return r
}

// TestAction runs the action's script the way the runner does, against a
// fixture repository of messages: it builds the pinned pushback, annotates
// the failing drafts on their lines, appends a step summary, writes SARIF,
// sets the exit-code output and fails the step; then the evals.
func TestAction(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	root, err := ModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	golden := func(name, got string) {
		t.Helper()
		goldenfile.Check(t, filepath.Join("testdata", "action", name), []byte(got))
	}

	// check, with pushback built by the script from this checkout, as a
	// workflow pinned to v9.9.9 of the action would.
	r := runAction(t, root, "", map[string]string{
		"INPUT_COMMAND": "check", "INPUT_PATHS": "replies\nmacros bot", "INPUT_ARGS": "--stakes medium",
		"INPUT_SARIF": "pushback.sarif", "PUSHBACK_ACTION_REF": "v9.9.9",
	})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (a draft fails)\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "pushback 9.9.9 (") {
		t.Errorf("the built pushback does not carry the action's version:\n%s", r.stderr)
	}
	annotations := strings.Split(strings.TrimSpace(r.stdout), "\n")
	for _, a := range annotations {
		if !regexp.MustCompile(`^::error file=[^,]+,line=\d+[^:]*,title=pushback%3A [^:]+::.+$`).MatchString(a) {
			t.Errorf("not an annotation on a line: %q", a)
		}
	}
	t.Logf("check: exit %d, %d annotations: %s", r.code, len(annotations), strings.Join(annotationPlaces(annotations), ", "))
	if len(annotations) != 3 {
		t.Errorf("%d annotations, want one per failing draft (3)", len(annotations))
	}
	golden("check.annotations", r.stdout)
	golden("check.summary.md", r.summary)
	if r.output != "exit-code=1\n" {
		t.Errorf("GITHUB_OUTPUT = %q", r.output)
	}
	if !strings.Contains(r.stderr, "FAIL  8 drafts in 4 files") {
		t.Errorf("the terminal report is not in the log:\n%s", r.stderr)
	}
	var sarif struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	b, err := os.ReadFile(filepath.Join(r.dir, "pushback.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
		t.Errorf("SARIF: %v, %+v", err, sarif)
	}

	// The rest reuse the build TestMain made.
	bin := pushbackTarget.bin

	// fail: false reports without failing the step.
	r = runAction(t, root, bin, map[string]string{"INPUT_PATHS": "replies macros bot", "INPUT_ARGS": "--stakes medium", "INPUT_FAIL": "false"})
	if r.code != 0 || r.output != "exit-code=1\n" || !strings.HasPrefix(r.stdout, "::error ") {
		t.Errorf("fail: false: exit %d, output %q, stdout %q", r.code, r.output, r.stdout)
	}

	// eval on the team's cases: the labelled messages and the model's
	// answers pass their thresholds, so the one failing answer is only a
	// warning.
	r = runAction(t, root, bin, map[string]string{"INPUT_COMMAND": "eval", "INPUT_CASES": "evals", "INPUT_JSON": "eval.json"})
	t.Logf("eval: exit %d, %d errors, %d warnings", r.code, strings.Count(r.stdout, "::error"), strings.Count(r.stdout, "::warning"))
	if r.code != 0 || r.stdout != "::warning file=evals/rewrite/cases.json,title=pushback eval%3A rewrite discount-40::checker: fails: dismissive_no (The dismissive no: \"40%25 is not possible.\")\n" ||
		r.output != "exit-code=0\n" || !strings.HasPrefix(r.summary, "## pushback eval ✅") {
		t.Errorf("eval: exit %d, output %q\nstdout:\n%s\nsummary:\n%s\nstderr:\n%s", r.code, r.output, r.stdout, r.summary, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "eval.json")); err != nil {
		t.Errorf("eval.json: %v", err)
	}
	// ...and with a stricter bar the failures are annotated on their files.
	r = runAction(t, root, bin, map[string]string{"INPUT_COMMAND": "eval", "INPUT_CASES": "evals", "INPUT_ARGS": `--min-pass-rate 1 --suite rewrite`})
	if r.code != 1 || !strings.Contains(r.stdout, "::warning file=evals/rewrite/cases.json,title=pushback eval%3A rewrite discount-40::") ||
		!strings.Contains(r.stdout, "::error title=pushback eval%3A threshold min_pass_rate::") {
		t.Errorf("eval with a strict bar: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}

	// Mistakes fail the step with an annotation that says what to fix.
	for _, tt := range []struct {
		inputs map[string]string
		want   string
	}{
		{map[string]string{"INPUT_COMMAND": "lint"}, "::error title=pushback action::input command must be check or eval, not 'lint'"},
		{map[string]string{"INPUT_PATHS": " \n "}, "::error title=pushback action::input paths is empty"},
		{map[string]string{"INPUT_COMMAND": "eval", "INPUT_SARIF": "x.sarif"}, "::error title=pushback action::input sarif is for check"},
	} {
		r = runAction(t, root, bin, tt.inputs)
		if r.code != 2 || !strings.HasPrefix(r.stdout, tt.want) {
			t.Errorf("%v: exit %d, stdout %q; want 2 and %q", tt.inputs, r.code, r.stdout, tt.want)
		}
	}
	r = runAction(t, root, bin, map[string]string{"INPUT_PATHS": "replise"})
	if r.code != 2 || !strings.Contains(r.stderr, "pushback check: replise: no such file or directory") {
		t.Errorf("a mistyped path: exit %d, stderr %q", r.code, r.stderr)
	}
}

// annotationPlaces lists where annotations point, for the test log.
func annotationPlaces(as []string) []string {
	re := regexp.MustCompile(`file=([^,]+),line=(\d+)`)
	var out []string
	for _, a := range as {
		if m := re.FindStringSubmatch(a); m != nil {
			out = append(out, m[1]+":"+m[2])
		}
	}
	return out
}

// TestActionInputs keeps action.yml and its script in step: every INPUT_
// variable the script reads is set from a declared input, and the
// pre-commit hook runs a command that exists.
func TestActionInputs(t *testing.T) {
	root, err := ModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	yml, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join(root, "action", "run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	inInputs := false
	for _, line := range strings.Split(string(yml), "\n") {
		switch {
		case line == "inputs:":
			inInputs = true
		case !strings.HasPrefix(line, " ") && line != "":
			inInputs = false
		case inInputs && regexp.MustCompile(`^  [a-z-]+:$`).MatchString(line):
			declared[strings.TrimSuffix(strings.TrimSpace(line), ":")] = true
		}
	}
	env := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^ +(INPUT_[A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$`).FindAllStringSubmatch(string(yml), -1) {
		env[m[1]] = m[2]
		if !declared[m[2]] {
			t.Errorf("action.yml passes inputs.%s, which it does not declare", m[2])
		}
		if want := "INPUT_" + strings.ToUpper(strings.ReplaceAll(m[2], "-", "_")); m[1] != want {
			t.Errorf("inputs.%s is passed as %s, want %s", m[2], m[1], want)
		}
	}
	var read []string
	for _, m := range regexp.MustCompile(`INPUT_[A-Z_]+`).FindAllString(string(script), -1) {
		if !slices.Contains(read, m) {
			read = append(read, m)
		}
	}
	for _, v := range read {
		if _, ok := env[v]; !ok {
			t.Errorf("action/run.sh reads %s, which action.yml does not set", v)
		}
	}
	for in := range declared {
		if !slices.Contains(read, "INPUT_"+strings.ToUpper(strings.ReplaceAll(in, "-", "_"))) {
			t.Errorf("input %s is declared but action/run.sh never reads it", in)
		}
	}
	if len(declared) == 0 || len(read) == 0 {
		t.Fatalf("found %d inputs and %d variables: the parsing is broken", len(declared), len(read))
	}
	hooks, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(hooks, []byte("entry: pushback check --paths\n")) {
		t.Error(".pre-commit-hooks.yaml does not run pushback check --paths")
	}
	// The fixture repository holds no README or other Markdown the example
	// workflow would check by mistake.
	err = filepath.WalkDir(filepath.Join(root, "examples", "team"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(d.Name(), "README.md") {
			t.Errorf("%s: a README in the fixture repository", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
