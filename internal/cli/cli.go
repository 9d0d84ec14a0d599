// Package cli is the pushback command line: subcommands, flags, input and
// exit codes. cmd/pushback only calls Main.
package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes shared by every subcommand.
const (
	ExitOK    = 0 // success; for check and rewrite: the draft passes
	ExitFail  = 1 // the draft or eval did not pass
	ExitUsage = 2 // usage or input error
)

// Env is the outside world a command sees, so tests can run Main in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Terminal reports whether Stdout is a terminal (colour, progress bars).
	Terminal bool
	// StderrTerminal reports whether Stderr is a terminal (a status line
	// rewritten in place rather than one line per update).
	StderrTerminal bool

	cmd string // the running subcommand, for usageErr
}

type command struct {
	name    string
	summary string
	run     func(env *Env, args []string) int
}

var commands = map[string]command{}

// register adds a subcommand; each subcommand's file calls it from init.
func register(c command) { commands[c.name] = c }

// Main runs the pushback command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Terminal: isTerminal(stdout), StderrTerminal: isTerminal(stderr)}
	return env.Main(args)
}

// Main runs args against this environment.
func (env *Env) Main(args []string) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "--help":
		args[0] = "help"
	case "--version":
		args[0] = "version"
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "pushback: unknown command %q; run 'pushback help' for the list\n", args[0])
		return ExitUsage
	}
	env.cmd = c.name
	return c.run(env, args[1:])
}

func init() {
	register(command{name: "help", summary: "list the commands (pushback <command> -h for a command's flags)", run: func(env *Env, _ []string) int {
		usage(env.Stdout)
		return ExitOK
	}})
	register(command{name: "version", summary: "print the version", run: func(env *Env, _ []string) int {
		fmt.Fprintln(env.Stdout, "pushback", Version)
		return ExitOK
	}})
}

// Version is the program version, set at build time with -ldflags.
var Version = "0.1.0"

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("pushback coaches you to push back well: respectfully, with reasons, an alternative and the decision left open.\n\nUsage: pushback <command> [flags] [text]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nRun 'pushback <command> -h' for a command's flags. Exit status: 0 ok/pass, 1 fail, 2 usage or input error.\n")
	io.WriteString(w, b.String())
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
