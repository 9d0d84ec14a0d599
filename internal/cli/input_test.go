package cli

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "draft.txt")
	if err := os.WriteFile(file, []byte("From the file."), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin *string
		args  []string
		file  string
		want  string
		err   error
	}{
		{name: "args joined", args: []string{"I hear", "you."}, want: "I hear you."},
		{name: "file", file: file, args: []string{"ignored"}, want: "From the file."},
		{name: "dash is stdin", file: "-", stdin: ptr("From stdin."), want: "From stdin."},
		{name: "piped stdin", stdin: ptr("Piped."), want: "Piped."},
		{name: "args win over stdin", stdin: ptr("Piped."), args: []string{"Args."}, want: "Args."},
		{name: "nothing at all", err: errNoInput},
		{name: "dash without stdin", file: "-", err: errNoInput},
		{name: "empty stdin", stdin: ptr(""), err: draft.ErrEmpty},
		{name: "whitespace args", args: []string{" ", "\t"}, err: draft.ErrEmpty},
		{name: "invalid utf-8", args: []string{"caf\xe9"}, err: draft.ErrInvalidUTF8},
		{name: "too long", stdin: ptr(strings.Repeat("é", draft.MaxChars+1)), err: draft.ErrTooLong},
		{name: "far too long is bounded", stdin: ptr(strings.Repeat("x", maxInputBytes*3)), err: draft.ErrTooLong},
		{name: "missing file", file: filepath.Join(dir, "nope.txt"), err: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := &Env{}
			if tt.stdin != nil {
				env.Stdin = strings.NewReader(*tt.stdin)
			}
			got, err := readInput(env, tt.args, tt.file)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestUsageErrIsOneLine(t *testing.T) {
	var stderr bytes.Buffer
	env := &Env{Stderr: &stderr, cmd: "check"}
	if code := usageErr(env, errors.New("first line\nsecond  line")); code != ExitUsage {
		t.Errorf("code = %d", code)
	}
	if got := stderr.String(); got != "pushback check: first line second line\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		pos  string
		json bool
		lvl  guide.Level
		code int
	}{
		{args: []string{"text", "--json"}, pos: "text", json: true, code: -1},
		{args: []string{"--level", "strong", "a", "b", "--json"}, pos: "a b", json: true, lvl: guide.LevelStrong, code: -1},
		{args: []string{"--", "--json", "-x"}, pos: "--json -x", code: -1},
		{args: []string{"a", "-", "b"}, pos: "a - b", code: -1},
		{args: []string{"--level", "LOUD"}, code: ExitUsage},
		{args: []string{"--level", "Strong"}, lvl: guide.LevelStrong, code: -1},
		{args: []string{"--nope"}, code: ExitUsage},
		{args: []string{"-h"}, code: ExitOK},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &Env{Stdout: &out, Stderr: &errb, cmd: "test"}
			fs := newFlagSet(env, "test")
			j := fs.Bool("json", false, "")
			var lvl guide.Level
			levelVar(fs, &lvl, "level", "")
			pos, code := parseFlags(env, fs, tt.args)
			if code != tt.code {
				t.Fatalf("code = %d, want %d (stderr %q)", code, tt.code, errb.String())
			}
			if code == ExitUsage && strings.Count(errb.String(), "\n") != 1 {
				t.Errorf("stderr not one line: %q", errb.String())
			}
			if code == ExitOK && !strings.Contains(out.String(), "-level") {
				t.Errorf("help not on stdout: %q", out.String())
			}
			if code != -1 {
				return
			}
			if got := strings.Join(pos, " "); got != tt.pos || *j != tt.json || lvl != tt.lvl {
				t.Errorf("pos %q json %v level %q", got, *j, lvl)
			}
		})
	}
}

func TestListFlag(t *testing.T) {
	var l listFlag
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Var(&l, "at", "")
	if err := fs.Parse([]string{"--at", "quality, timeline", "--at", "budget", "--at", ","}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(l, "|"); got != "quality|timeline|budget" {
		t.Errorf("list = %q", got)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := writeJSON(&b, map[string]any{"draft": "a < b & c", "n": []int{1}}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"draft\": \"a < b & c\",\n  \"n\": [\n    1\n  ]\n}\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestColour(t *testing.T) {
	tests := []struct {
		terminal bool
		noColor  string
		want     bool
	}{
		{true, "", true},
		{true, "1", false},
		{false, "", false},
	}
	for _, tt := range tests {
		env := &Env{Terminal: tt.terminal, Getenv: func(k string) string {
			if k == "NO_COLOR" {
				return tt.noColor
			}
			return ""
		}}
		if got := colour(env); got != tt.want {
			t.Errorf("terminal=%v NO_COLOR=%q: colour = %v", tt.terminal, tt.noColor, got)
		}
	}
}

// FuzzCheckCLI: any text and flags give exit 0, 1 or 2 and never panic;
// exit 2 always comes with exactly one line on stderr.
func FuzzCheckCLI(f *testing.F) {
	f.Add("No, that won't work.", "client", false)
	f.Add("", "", true)
	f.Add("\xff", "board", false)
	f.Add("[1>x<1]\n\n", "peer", true)
	f.Fuzz(func(t *testing.T, text, audience string, asJSON bool) {
		var out, errb bytes.Buffer
		args := []string{"check", "--audience", audience}
		if asJSON {
			args = append(args, "--json")
		}
		args = append(args, "--", text)
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
		code := env.Main(args)
		switch code {
		case ExitOK, ExitFail:
		case ExitUsage:
			if strings.Count(errb.String(), "\n") != 1 {
				t.Fatalf("usage error not one line: %q", errb.String())
			}
		default:
			t.Fatalf("exit %d", code)
		}
	})
}

// runMain runs the command line in-process and returns stdout and the code.
func runMain(args ...string) (string, int) {
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := env.Main(args)
	return out.String(), code
}

func bytesReader(s string) *strings.Reader { return strings.NewReader(s) }

// TestHelpListsEveryCommand: `pushback help` names every registered
// command with its summary.
func TestHelpListsEveryCommand(t *testing.T) {
	out, code := runMain("help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for name, c := range commands {
		if !strings.Contains(out, "  "+name+" ") || !strings.Contains(out, c.summary) {
			t.Errorf("help does not list %s (%s):\n%s", name, c.summary, out)
		}
	}
	if len(commands) < 9 {
		t.Errorf("only %d commands registered", len(commands))
	}
}
