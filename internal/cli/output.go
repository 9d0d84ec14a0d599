package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// output is one --format value: a report format and where it goes (""
// for stdout).
type output struct{ format, path string }

// outputList is a repeatable --format FORMAT[=PATH] flag, as golangci-lint
// writes several reports from one run: --format github --format
// sarif=pushback.sarif.
type outputList []output

func (o *outputList) String() string {
	var s []string
	for _, x := range *o {
		if x.path != "" {
			s = append(s, x.format+"="+x.path)
		} else {
			s = append(s, x.format)
		}
	}
	return strings.Join(s, ",")
}

func (o *outputList) Set(s string) error {
	f, p, hasPath := strings.Cut(s, "=")
	if hasPath && p == "" {
		return fmt.Errorf("%q: name the file after =", s)
	}
	f = strings.ToLower(strings.TrimSpace(f))
	if f == "md" {
		f = "markdown"
	}
	*o = append(*o, output{format: f, path: p})
	return nil
}

// validate checks every format is one of formats, that at most one goes
// to stdout and that no file is named twice.
func (o outputList) validate(formats []string) error {
	toStdout := 0
	paths := map[string]bool{}
	for _, x := range o {
		if !slices.Contains(formats, x.format) {
			return fmt.Errorf("unknown format %q (use one of %s)", x.format, strings.Join(formats, ", "))
		}
		if x.path == "" {
			toStdout++
		} else if paths[x.path] {
			return fmt.Errorf("--format: %s is named twice", x.path)
		}
		paths[x.path] = true
	}
	if toStdout > 1 {
		return errors.New("--format: only one report can go to stdout; send the others to files with FORMAT=PATH")
	}
	return nil
}

// only reports whether the outputs are just format f on stdout (the default
// when none is given).
func (o outputList) only(f string) bool {
	return len(o) == 0 || (len(o) == 1 && o[0].format == f && o[0].path == "")
}

// write renders every output with render, files first; stdout gets def
// when no output names it. tty tells render whether it writes to a
// terminal.
func (o outputList) write(env *Env, def string, render func(w io.Writer, format string, tty bool) error) error {
	outs := slices.Clone(o)
	if !slices.ContainsFunc(outs, func(x output) bool { return x.path == "" }) {
		outs = append(outs, output{format: def})
	}
	for _, x := range outs {
		if x.path == "" {
			continue
		}
		f, err := os.Create(x.path)
		if err != nil {
			return fmt.Errorf("--format %s=%s: %w", x.format, x.path, err)
		}
		err = render(f, x.format, false)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("--format %s=%s: %w", x.format, x.path, err)
		}
	}
	for _, x := range outs {
		if x.path == "" {
			return render(env.Stdout, x.format, env.Terminal)
		}
	}
	return nil
}

// pathList is a repeatable flag of paths, kept verbatim (a path may hold a
// comma).
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, " ") }

func (p *pathList) Set(s string) error {
	*p = append(*p, s)
	return nil
}
