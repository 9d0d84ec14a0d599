package cli

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/pushback/pushback/internal/eval"
	"github.com/pushback/pushback/internal/guide"
)

func init() {
	register(command{name: "completion", summary: "print a shell completion script: bash, zsh or fish", run: runCompletion})
}

const completionUsage = `Usage: pushback completion bash|zsh|fish

Prints a script that completes pushback's commands, their flags, the values
of enum flags (audience, stakes, level, format, ...) and file names. It is
made from the commands this binary has, so it never lists a flag that is
not there.

  bash:  source <(pushback completion bash)       # or save it in /etc/bash_completion.d/pushback
  zsh:   source <(pushback completion zsh)        # or save it as _pushback in a directory of $fpath
  fish:  pushback completion fish > ~/.config/fish/completions/pushback.fish
`

func runCompletion(env *Env, args []string) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		io.WriteString(env.Stdout, completionUsage)
		return ExitOK
	}
	if len(args) != 1 {
		return usageErr(env, fmt.Errorf("name one shell: bash, zsh or fish (pushback completion -h)"))
	}
	cmds := completionSpec()
	var err error
	switch args[0] {
	case "bash":
		err = writeBash(env.Stdout, cmds)
	case "zsh":
		err = writeZsh(env.Stdout, cmds)
	case "fish":
		err = writeFish(env.Stdout, cmds)
	default:
		return usageErr(env, fmt.Errorf("unknown shell %q (use bash, zsh or fish)", args[0]))
	}
	if err != nil {
		printErr(env, err)
		return ExitFail
	}
	return ExitOK
}

// compCommand is a subcommand as a completion script sees it.
type compCommand struct {
	name, summary string
	flags         []compFlag
	files         bool // positional arguments are paths
}

// compFlag is one flag: its name, whether it takes a value, what to
// complete the value with (a word list, files or directories) and its help.
type compFlag struct {
	name   string
	value  bool
	words  []string
	files  bool
	dirs   bool
	usage  string
	single bool // a one-letter shorthand (-f)
}

// flagLine matches a flag in flag.PrintDefaults' output: "  -name" for a
// boolean, "  -name VALUE" for the rest; the usage is on the next line.
var flagLine = regexp.MustCompile(`^  -([A-Za-z0-9][A-Za-z0-9-]*)(?: (\S+))?$`)

// enumList is the list of values an enum flag's usage ends with: "(low,
// medium, high, critical)".
var enumList = regexp.MustCompile(`\(([a-z_]+(?:, [a-z_]+)+)\)$`)

// completionSpec reads every command's flags from its own -h output (so it
// cannot drift from the flags a command defines) and adds the values the
// guide and the report formats allow.
func completionSpec() []compCommand {
	values := map[string][]string{
		"audience":  enumWords(guide.Audiences),
		"stakes":    enumWords(guide.AllStakes),
		"level":     enumWords(guide.Levels),
		"engine":    {"rules", "openai"},
		"channel":   {"email", "chat", "spoken"},
		"suite":     {"checker", "rewrite"},
		"log-level": {"debug", "info", "warn", "error"},
	}
	formats := map[string][]string{"check": checkFormats, "eval": eval.Formats}
	fileFlags := []string{"file", "f", "config", "baseline", "checker-cases"}
	dirFlags := []string{"cases", "cassettes"}
	scenarios := []string{}
	for _, s := range guide.Default().Scenarios {
		scenarios = append(scenarios, s.ID)
	}
	values["scenario"] = scenarios

	var out []compCommand
	for _, name := range commandNames() {
		c := compCommand{name: name, summary: commands[name].summary, files: name == "check"}
		if name == "help" || name == "version" || name == "completion" {
			out = append(out, c) // no flags
			continue
		}
		var stdout, stderr bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, cmd: name}
		commands[name].run(env, []string{"-h"})
		lines := strings.Split(stdout.String(), "\n")
		for i, l := range lines {
			m := flagLine.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			f := compFlag{name: m[1], value: m[2] != "", single: len(m[1]) == 1}
			if i+1 < len(lines) {
				f.usage = strings.TrimSpace(lines[i+1])
			}
			switch {
			case f.name == "format":
				f.words = formats[name]
			case f.name == "level" && name == "rewrite":
				f.words = append([]string{"auto"}, values["level"]...)
			case slices.Contains(fileFlags, f.name):
				f.files = true
			case slices.Contains(dirFlags, f.name):
				f.dirs = true
			case strings.HasPrefix(f.usage, "yes|no:"):
				f.words = []string{"yes", "no"}
			default:
				f.words = values[f.name]
				if m := enumList.FindStringSubmatch(f.usage); f.words == nil && m != nil {
					f.words = strings.Split(m[1], ", ")
				}
			}
			c.flags = append(c.flags, f)
		}
		out = append(out, c)
	}
	return out
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func enumWords[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// dash is how a flag is written: --name, or -f for a one-letter shorthand.
func (f compFlag) dash() string {
	if f.single {
		return "-" + f.name
	}
	return "--" + f.name
}

// shortUsage is a flag's help cut at its first clause, for menus.
func shortUsage(s string) string {
	if i := strings.IndexAny(s, ";("); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func writeBash(w io.Writer, cmds []compCommand) error {
	var b strings.Builder
	b.WriteString("# bash completion for pushback: source <(pushback completion bash)\n")
	b.WriteString("_pushback() {\n")
	b.WriteString("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n")
	b.WriteString("  COMPREPLY=()\n")
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.name
	}
	fmt.Fprintf(&b, "  if [[ $COMP_CWORD -eq 1 ]]; then\n    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    return\n  fi\n", strings.Join(names, " "))
	b.WriteString("  case \"${COMP_WORDS[1]}\" in\n")
	for _, c := range cmds {
		if len(c.flags) == 0 && c.name != "completion" {
			continue
		}
		fmt.Fprintf(&b, "  %s)\n", c.name)
		if c.name == "completion" {
			b.WriteString("    COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\"))\n    ;;\n")
			continue
		}
		b.WriteString("    case \"$prev\" in\n")
		var flags []string
		for _, f := range c.flags {
			flags = append(flags, f.dash())
			switch {
			case !f.value:
			case f.words != nil:
				fmt.Fprintf(&b, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", f.dash(), strings.Join(f.words, " "))
			case f.dirs:
				fmt.Fprintf(&b, "    %s) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n", f.dash())
			case f.files:
				fmt.Fprintf(&b, "    %s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", f.dash())
			default:
				fmt.Fprintf(&b, "    %s) return ;;\n", f.dash())
			}
		}
		b.WriteString("    esac\n")
		fmt.Fprintf(&b, "    [[ \"$cur\" == -* ]] && COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    ;;\n", strings.Join(flags, " "))
	}
	b.WriteString("  esac\n}\n")
	// -o default: with nothing to offer (a path after check), bash
	// completes file names.
	b.WriteString("complete -o default -F _pushback pushback\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// zshQuote escapes text for a description inside single quotes, in an
// _arguments spec's [...] or a _describe entry (colons after the first are
// plain text there).
func zshQuote(s string) string {
	return strings.NewReplacer(`'`, `'\''`, "[", `\[`, "]", `\]`).Replace(s)
}

func writeZsh(w io.Writer, cmds []compCommand) error {
	var b strings.Builder
	b.WriteString("#compdef pushback\n# zsh completion for pushback: source <(pushback completion zsh), or save as _pushback in $fpath\n")
	b.WriteString("_pushback() {\n  local -a commands\n  commands=(\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "    '%s:%s'\n", c.name, zshQuote(c.summary))
	}
	b.WriteString("  )\n  if (( CURRENT == 2 )); then\n    _describe -t commands 'pushback command' commands\n    return\n  fi\n")
	b.WriteString("  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $cmd in\n")
	for _, c := range cmds {
		if c.name == "completion" {
			b.WriteString("  completion) _arguments '1:shell:(bash zsh fish)' ;;\n")
			continue
		}
		if len(c.flags) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s)\n    _arguments -s \\\n", c.name)
		for _, f := range c.flags {
			spec := fmt.Sprintf("'%s[%s]", f.dash(), zshQuote(shortUsage(f.usage)))
			switch {
			case !f.value:
			case f.words != nil:
				spec += fmt.Sprintf(":%s:(%s)", f.name, strings.Join(f.words, " "))
			case f.dirs:
				spec += ":directory:_directories"
			case f.files:
				spec += ":file:_files"
			default:
				spec += fmt.Sprintf(":%s: ", f.name)
			}
			fmt.Fprintf(&b, "      %s' \\\n", spec)
		}
		if c.files {
			b.WriteString("      '*:path:_files'\n    ;;\n")
		} else {
			b.WriteString("      '*:text: '\n    ;;\n")
		}
	}
	b.WriteString("  esac\n}\n")
	b.WriteString("if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _pushback \"$@\"\nelse\n  compdef _pushback pushback\nfi\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// fishQuote quotes a word for fish's single quotes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func writeFish(w io.Writer, cmds []compCommand) error {
	var b strings.Builder
	b.WriteString("# fish completion for pushback: pushback completion fish > ~/.config/fish/completions/pushback.fish\n")
	b.WriteString("complete -c pushback -f\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c pushback -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range cmds {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		if c.name == "completion" {
			fmt.Fprintf(&b, "complete -c pushback -n %s -a 'bash zsh fish'\n", cond)
			continue
		}
		if c.files {
			fmt.Fprintf(&b, "complete -c pushback -n %s -F\n", cond)
		}
		for _, f := range c.flags {
			opt := "-l " + f.name
			if f.single {
				opt = "-s " + f.name
			}
			line := fmt.Sprintf("complete -c pushback -n %s %s", cond, opt)
			switch {
			case !f.value:
			case f.words != nil:
				line += " -x -a " + fishQuote(strings.Join(f.words, " "))
			case f.dirs:
				line += " -x -a '(__fish_complete_directories)'"
			case f.files:
				line += " -r -F"
			default:
				line += " -x"
			}
			fmt.Fprintf(&b, "%s -d %s\n", line, fishQuote(shortUsage(f.usage)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
