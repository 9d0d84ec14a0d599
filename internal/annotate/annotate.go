// Package annotate writes GitHub Actions workflow commands that annotate a
// pull request: ::error, ::warning and ::notice lines the runner turns into
// messages on the right lines of the diff
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
package annotate

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Levels of an annotation.
const (
	Error   = "error"
	Warning = "warning"
	Notice  = "notice"
)

// Annotation is one message, on a file's line or columns when File is set.
// Lines and columns count from 1; zero leaves them out.
type Annotation struct {
	Level     string // Error, Warning or Notice
	File      string // relative to the repository root
	Line      int
	EndLine   int
	Column    int
	EndColumn int
	Title     string
	Message   string
}

// Write prints a as one workflow command. GitHub takes a column range only
// within one line, so a range over several lines keeps just its lines.
func Write(w io.Writer, a Annotation) error {
	var props []string
	if a.File != "" {
		props = append(props, "file="+prop(filepath.ToSlash(a.File)))
		if a.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", a.Line))
			switch {
			case a.EndLine > a.Line:
				props = append(props, fmt.Sprintf("endLine=%d", a.EndLine))
			case a.Column > 0 && a.EndColumn > a.Column:
				props = append(props, fmt.Sprintf("col=%d", a.Column), fmt.Sprintf("endColumn=%d", a.EndColumn))
			}
		}
	}
	if a.Title != "" {
		props = append(props, "title="+prop(a.Title))
	}
	cmd := "::" + a.Level
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	_, err := fmt.Fprintf(w, "%s::%s\n", cmd, data(a.Message))
	return err
}

// data and prop escape a command's message and property values as the
// runner unescapes them.
func data(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func prop(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
