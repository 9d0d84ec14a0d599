package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// errNoInput is returned by readInput when there is no text to read.
var errNoInput = errors.New("no text given: pass the message as arguments, with --file PATH, or pipe it on stdin")

// maxInputBytes is how much readInput reads from a file or stdin: enough for
// MaxChars characters of four bytes each, plus one byte so an over-long draft
// is reported as too long rather than silently cut.
const maxInputBytes = draft.MaxChars*4 + 1

// readInput returns the text a subcommand works on, validated with
// draft.Validate. In order: file "-" reads stdin; another non-empty file is
// read from disk; otherwise non-empty args are joined with spaces; otherwise
// stdin is read when it is not a terminal. With none of those it returns
// errNoInput. Every error is meant for usageErr.
func readInput(env *Env, args []string, file string) (string, error) {
	text, err := readText(env, args, file)
	if err != nil {
		return "", err
	}
	if err := draft.Validate(text); err != nil {
		return "", err
	}
	return text, nil
}

// readText is readInput without the validation.
func readText(env *Env, args []string, file string) (string, error) {
	switch {
	case file == "-":
		if env.Stdin == nil {
			return "", errNoInput
		}
		b, err := readLimited(env.Stdin)
		if err != nil {
			return "", fmt.Errorf("read stdin: %w", err)
		}
		return string(b), nil
	case file != "":
		f, err := os.Open(file)
		if err != nil {
			return "", fmt.Errorf("read --file: %w", err)
		}
		defer f.Close()
		b, err := readLimited(f)
		if err != nil {
			return "", fmt.Errorf("read --file %s: %w", file, err)
		}
		return string(b), nil
	case len(args) > 0:
		return strings.Join(args, " "), nil
	case env.Stdin != nil && !isTerminalReader(env.Stdin):
		b, err := readLimited(env.Stdin)
		if err != nil {
			return "", fmt.Errorf("read stdin: %w", err)
		}
		return string(b), nil
	}
	return "", errNoInput
}

// dropFinalNewline removes the one line ending an editor or echo puts at the
// end of a file or of piped text: it is not part of the message a checker
// judges (nor counted against its length limit). rewrite keeps it, since it
// gives the draft back byte for byte when it cannot rewrite it.
func dropFinalNewline(text string) string {
	return strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
}

func readLimited(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, maxInputBytes))
}

// isTerminalReader reports whether r is an interactive terminal (so reading
// it would wait for the user to type).
func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// usageErr prints "pushback <cmd>: <message>" on one line to stderr (cmd is
// the running subcommand) and returns ExitUsage.
func usageErr(env *Env, err error) int {
	printErr(env, err)
	return ExitUsage
}

// printErr prints err as "pushback <cmd>: <message>" on one line to
// stderr, without the package names the error gathered on its way up
// ("decide: ", "formula: "): the command already says where it happened.
func printErr(env *Env, err error) {
	cmd := env.cmd
	if cmd == "" {
		cmd = "error"
	}
	fmt.Fprintf(env.Stderr, "pushback %s: %s\n", cmd, errText(err))
}

// packagePrefixes are the context prefixes pushback's packages put on
// their errors; errText drops them at the start of a message.
var packagePrefixes = []string{"check draft: ", "check: ", "decide: ", "formula: ", "rewrite: ", "eval: ", "guide: ", "corpus: ", "batch: ", "draft: "}

// errText is err's message on one line, without leading package prefixes.
func errText(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	for again := true; again; {
		again = false
		for _, p := range packagePrefixes {
			if rest, ok := strings.CutPrefix(msg, p); ok && rest != "" {
				msg, again = rest, true
			}
		}
	}
	return msg
}

// newFlagSet returns a FlagSet for subcommand cmd that does not exit; use
// it with parseFlags.
func newFlagSet(env *Env, cmd string) *flag.FlagSet {
	fs := flag.NewFlagSet("pushback "+cmd, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parseFlags parses args with fs, allowing flags after positional text
// ("pushback check 'some text' --json"). It returns the positional args, and
// the exit code to return (-1 to continue): ExitOK after printing fs.Usage
// to stdout for -h/--help, ExitUsage after printing a one-line error to
// stderr for a bad flag or value.
func parseFlags(env *Env, fs *flag.FlagSet, args []string) ([]string, int) {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(out)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(env.Stdout)
				fs.Usage()
				return nil, ExitOK
			}
			return nil, usageErr(env, fmt.Errorf("%w; run 'pushback %s -h' for the flags", err, env.cmd))
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			return append(pos, rest...), -1 // everything after -- is text
		}
		// Find the next flag after a run of positional arguments.
		i := 0
		for i < len(rest) && !(strings.HasPrefix(rest[i], "-") && rest[i] != "-") {
			i++
		}
		pos = append(pos, rest[:i]...)
		if i == len(rest) {
			return pos, -1
		}
		args = rest[i:]
	}
}

// enumFlag is a flag.Value for a guide enum (Audience, Stakes, Level): a bad
// value fails with the list of valid ones.
type enumFlag[T ~string] struct {
	v     *T
	parse func(string) (T, error)
}

func (e enumFlag[T]) String() string {
	if e.v == nil {
		return ""
	}
	return string(*e.v)
}

func (e enumFlag[T]) Set(s string) error {
	v, err := e.parse(s)
	if err != nil {
		return err
	}
	*e.v = v
	return nil
}

// audienceVar, stakesVar and levelVar define enum flags on fs.
func audienceVar(fs *flag.FlagSet, p *guide.Audience, name, usage string) {
	fs.Var(enumFlag[guide.Audience]{p, guide.ParseAudience}, name, usage+" ("+joinEnum(guide.Audiences)+")")
}

func stakesVar(fs *flag.FlagSet, p *guide.Stakes, name, usage string) {
	fs.Var(enumFlag[guide.Stakes]{p, guide.ParseStakes}, name, usage+" ("+joinEnum(guide.AllStakes)+")")
}

func matterVar(fs *flag.FlagSet, p *guide.Matter, name, usage string) {
	fs.Var(enumFlag[guide.Matter]{p, guide.ParseMatter}, name, usage+" ("+joinEnum(guide.Matters)+")")
}

func levelVar(fs *flag.FlagSet, p *guide.Level, name, usage string) {
	fs.Var(enumFlag[guide.Level]{p, guide.ParseLevel}, name, usage+" ("+joinEnum(guide.Levels)+")")
}

func joinEnum[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// listFlag is a repeatable flag whose values may also be comma lists:
// --at-stake quality --at-stake timeline,budget.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// writeJSON writes v as JSON indented by two spaces with a trailing newline,
// without HTML escaping (drafts contain < and &).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// colour reports whether output to env.Stdout may use ANSI colour: only on a
// terminal and when NO_COLOR is unset or empty (https://no-color.org).
func colour(env *Env) bool {
	return env.Terminal && (env.Getenv == nil || env.Getenv("NO_COLOR") == "")
}
