package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	goldenfile "github.com/pushback/pushback/internal/golden"
)

// sampleMarker precedes a README example whose output a test keeps true:
// "<!-- sample -->" runs it in the repository root, "<!-- sample: DIR -->"
// in DIR. The block after it is ```console, its first line "$ pushback
// ARGS", the rest what the command prints on stdout.
var sampleMarker = regexp.MustCompile("(?m)^<!-- sample(?:: ([^ ]+))? -->\n```console\n\\$ pushback ([^\n]*)\n((?s:.*?))```\n")

// TestREADMESamples runs every marked example of the README and compares
// what it prints with what the README shows; -update rewrites them.
func TestREADMESamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	matches := sampleMarker.FindAllSubmatchIndex(readme, -1)
	if len(matches) < 3 {
		t.Fatalf("only %d marked samples in README.md", len(matches))
	}
	var out bytes.Buffer
	last := 0
	for _, m := range matches {
		dir := root
		if m[2] >= 0 {
			dir = filepath.Join(root, string(readme[m[2]:m[3]]))
		}
		cmdline := string(readme[m[4]:m[5]])
		args, err := shellWords(cmdline)
		if err != nil {
			t.Fatalf("README sample %q: %v", cmdline, err)
		}
		var stdout, stderr bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
		code := inDir(dir, func() int { return env.Main(args) })
		if code == ExitUsage {
			t.Errorf("README sample %q: exit %d: %s", cmdline, code, stderr.String())
		}
		got := stdout.String()
		if want := string(readme[m[6]:m[7]]); got != want && !goldenfile.Update() {
			t.Errorf("README sample %q is out of date (go test ./internal/cli -run TestREADMESamples -update):\n--- README ---\n%s\n--- now ---\n%s", cmdline, want, got)
		}
		out.Write(readme[last:m[6]])
		out.WriteString(got)
		last = m[7]
	}
	out.Write(readme[last:])
	if goldenfile.Update() && !bytes.Equal(out.Bytes(), readme) {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shellWords splits a command line as a POSIX shell would for the README's
// examples: words separated by spaces, '...' and "..." quoting (with \" and
// \\ inside double quotes).
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated ' in %q", s)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, fmt.Errorf("unterminated \" in %q", s)
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`check --audience client "No, that won't work."`, []string{"check", "--audience", "client", "No, that won't work."}},
		{`check --paths replies 'bot/*.jsonl'`, []string{"check", "--paths", "replies", "bot/*.jsonl"}},
		{`a "say \"hi\"" b\c`, []string{"a", `say "hi"`, `b\c`}},
		{`  spaced   out  `, []string{"spaced", "out"}},
		{`x'y'"z"`, []string{"xyz"}},
	} {
		got, err := shellWords(tt.in)
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := shellWords(`"open`); err == nil {
		t.Error("an unterminated quote was accepted")
	}
}
