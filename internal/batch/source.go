// Package batch checks many drafts at once, as a linter does in CI: it
// finds them in files, directories and globs (Markdown and text, one draft
// per file or per block between "---" lines; JSON Lines, one per line),
// checks them concurrently, ties every result and finding to its file and
// line, and reports them for people (text), machines (JSON), test reports
// (JUnit), code scanning (SARIF), GitHub workflow annotations and a
// Markdown step summary.
package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Extensions are the files a directory or a glob yields; any other file is
// read only when named on its own (as text).
var Extensions = []string{".md", ".markdown", ".txt", ".jsonl"}

// Separator is the line that separates drafts in a text or Markdown file:
// three hyphens alone on a line. In Markdown, a front-matter block at the
// very top (opened and closed by the same line) is not checked; its
// audience, stakes, level and situation keys apply to the file's drafts.
const Separator = "---"

// skipDirs are directories a directory walk never enters (besides any whose
// name starts with a dot, such as .git).
var skipDirs = []string{"node_modules", "vendor"}

// ErrNoMatch is returned by Expand for a path that names nothing to check.
var ErrNoMatch = errors.New("nothing to check")

// Expand turns paths (files, directories, globs with * ? [...] and **) into
// the files to read, in the order given, each once. A directory yields its
// files with one of Extensions, recursively, skipping hidden directories,
// node_modules and vendor; so does a glob. A path that matches nothing is an
// error wrapping ErrNoMatch (a mistyped path must not pass CI silently).
func Expand(paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(f string) {
		f = filepath.Clean(f)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, p := range paths {
		if p == "" {
			return nil, fmt.Errorf("an empty path: %w", ErrNoMatch)
		}
		if hasMeta(p) {
			files, err := glob(p)
			if err != nil {
				return nil, err
			}
			if len(files) == 0 {
				return nil, fmt.Errorf("%s: no %s file matches: %w", p, strings.Join(Extensions, ", "), ErrNoMatch)
			}
			for _, f := range files {
				add(f)
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory: %w", p, ErrNoMatch)
			}
			return nil, err
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		n := len(out)
		err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if f != p && skipDir(d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && checkable(f) {
				add(f)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s: a directory with no %s files: %w", p, strings.Join(Extensions, ", "), ErrNoMatch)
		}
	}
	return out, nil
}

func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || slices.Contains(skipDirs, name)
}

func checkable(name string) bool {
	return slices.Contains(Extensions, strings.ToLower(filepath.Ext(name)))
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// glob matches pattern against the files under its fixed leading
// directories. Each path segment matches as in path.Match; a segment "**"
// matches any number of directories, including none.
func glob(pattern string) ([]string, error) {
	pat := filepath.ToSlash(filepath.Clean(pattern))
	segs := strings.Split(pat, "/")
	for _, s := range segs {
		if _, err := path.Match(s, ""); err != nil {
			return nil, fmt.Errorf("%s: bad pattern: %w", pattern, err)
		}
	}
	i := 0
	for i < len(segs) && !hasMeta(segs[i]) {
		i++
	}
	root := strings.Join(segs[:i], "/")
	switch {
	case root == "" && strings.HasPrefix(pat, "/"):
		root = "/"
	case root == "":
		root = "."
	}
	rest := segs[i:]
	var out []string
	err := filepath.WalkDir(filepath.FromSlash(root), func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && f == filepath.FromSlash(root) {
				return filepath.SkipAll
			}
			return err
		}
		rel, _ := filepath.Rel(filepath.FromSlash(root), f)
		if d.IsDir() {
			if rel != "." && skipDir(d.Name()) && !strings.HasPrefix(rest[0], ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && checkable(f) && matchSegs(rest, strings.Split(filepath.ToSlash(rel), "/")) {
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pattern, err)
	}
	return out, nil
}

func matchSegs(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for k := 0; k <= len(name); k++ {
				if matchSegs(pat[1:], name[k:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// Kind is how a file holds its drafts.
type Kind int

// The kinds of file.
const (
	Text     Kind = iota // drafts between Separator lines
	Markdown             // as Text, plus front matter skipped and a leading heading as the name
	JSONL                // one JSON object per line (corpus.Case fields)
)

// KindOf tells a file's kind from its name.
func KindOf(name string) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return Markdown
	case ".jsonl":
		return JSONL
	}
	return Text
}

// Draft is one message to check and where it came from.
type Draft struct {
	// ID names the draft in reports: the JSON Lines id, else file:line.
	ID string
	// File is the path as found ("-" for stdin, "" for text given as
	// arguments).
	File string
	// Line and Column (from 1) are where the draft's text starts in File.
	// Column is 0 for a JSON Lines draft, whose text is inside a string.
	Line, Column int
	// Name is the Markdown heading the draft stands under, if any.
	Name  string
	Input check.Input
	// Err is why this draft cannot be checked (a line that is not JSON, an
	// unknown audience); it is reported in place of a result.
	Err error
	// inline is true when positions inside the text map to file lines
	// (text and Markdown files), false for JSON Lines.
	inline bool
}

// Position returns the line and column (from 1; column in characters) in
// the draft's file of the character at offset off of its text. For a JSON
// Lines draft every offset is the draft's line, column 0.
func (d Draft) Position(off int) (line, col int) {
	if !d.inline {
		return d.Line, d.Column
	}
	line, col = d.Line, d.Column
	i := 0
	for _, r := range d.Input.Draft {
		if i == off {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i++
	}
	return line, col
}

// Read reads the drafts of one file by its kind ("-" reads r instead, as
// text). def gives every draft its audience, situation, stakes and level; a
// JSON Lines draft's own win.
func Read(name string, r io.Reader, def check.Input) ([]Draft, error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(maxFileBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > maxFileBytes {
		return nil, fmt.Errorf("%s: over %d bytes; split it into smaller files", name, maxFileBytes)
	}
	return Split(name, b, KindOf(name), def)
}

// maxFileBytes is the largest file Read takes (a glob that catches a log or
// a dump must not exhaust memory): 256 MiB, about 350,000 JSON Lines
// messages of the corpus's size.
var maxFileBytes = 256 << 20

// Split cuts a file's contents into drafts.
func Split(name string, b []byte, kind Kind, def check.Input) ([]Draft, error) {
	if kind == JSONL {
		return splitJSONL(name, b, def)
	}
	if !utf8.Valid(b) {
		d := Draft{ID: name + ":1", File: name, Line: 1, Column: 1, Input: def}
		d.Err = fmt.Errorf("%w: re-save it as UTF-8 text and try again", draft.ErrInvalidUTF8)
		return []Draft{d}, nil
	}
	lines := splitLines(string(b))
	start := 0
	var fmErr error
	if kind == Markdown && len(lines) > 0 && isSeparator(lines[0]) {
		// Front matter: skip to the line that closes it, reading the check
		// settings it gives.
		for k := 1; k < len(lines); k++ {
			if isSeparator(lines[k]) {
				def, fmErr = frontMatter(lines[1:k], def)
				start = k + 1
				break
			}
		}
	}
	var out []Draft
	blockStart := start
	for k := start; k <= len(lines); k++ {
		if k < len(lines) && !isSeparator(lines[k]) {
			continue
		}
		if d, ok := block(name, lines[blockStart:k], blockStart, kind, def); ok {
			if fmErr != nil {
				d.Err = fmErr
			}
			out = append(out, d)
		}
		blockStart = k + 1
	}
	return out, nil
}

// frontMatter reads the check settings of a Markdown file's front matter,
// one "key: value" a line: audience, stakes, level and situation (quotes
// around a value are dropped); other keys are the file's own business.
func frontMatter(lines []line, def check.Input) (check.Input, error) {
	for _, l := range lines {
		key, val, ok := strings.Cut(l.text, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
			val = val[1 : len(val)-1]
		}
		var err error
		switch strings.TrimSpace(key) {
		case "audience":
			def.Audience, err = guide.ParseAudience(val)
		case "stakes":
			def.Stakes, err = guide.ParseStakes(val)
		case "level":
			def.Level, err = guide.ParseLevel(val)
		case "situation":
			def.Situation = val
		}
		if err != nil {
			return def, fmt.Errorf("front matter: %w", err)
		}
	}
	return def, nil
}

// line is one line of a file with its terminator.
type line struct{ text, eol string }

func splitLines(s string) []line {
	var out []line
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, line{text: s})
			break
		}
		t, eol := s[:i], "\n"
		if strings.HasSuffix(t, "\r") {
			t, eol = t[:len(t)-1], "\r\n"
		}
		out = append(out, line{text: t, eol: eol})
		s = s[i+1:]
	}
	return out
}

func isSeparator(l line) bool { return strings.TrimRight(l.text, " \t") == Separator }

// block makes a draft of lines (the first being line first+1 of the file):
// leading blank lines and, in Markdown, leading headings are left out (the
// last heading names the draft), as are trailing blank lines, so the final
// newline an editor adds never counts against the length limit.
func block(file string, lines []line, first int, kind Kind, def check.Input) (Draft, bool) {
	name := ""
	i := 0
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].text)
		if kind == Markdown && isHeading(t) {
			name = strings.TrimSpace(strings.TrimRight(strings.TrimLeft(t, "#"), "#"))
		} else if t != "" {
			break
		}
	}
	j := len(lines)
	for j > i && strings.TrimSpace(lines[j-1].text) == "" {
		j--
	}
	if i == j {
		return Draft{}, false
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		b.WriteString(lines[k].text)
		if k < j-1 {
			b.WriteString(lines[k].eol)
		}
	}
	in := def
	in.Draft = b.String()
	ln := first + i + 1
	d := Draft{ID: fmt.Sprintf("%s:%d", file, ln), File: file, Line: ln, Column: 1, Name: name, Input: in, inline: true}
	d.Err = draft.Validate(in.Draft)
	return d, true
}

// isHeading reports whether a trimmed line is an ATX heading ("# Title").
func isHeading(t string) bool {
	n := len(t) - len(strings.TrimLeft(t, "#"))
	return n >= 1 && n <= 6 && (len(t) == n || t[n] == ' ' || t[n] == '\t')
}

// splitJSONL reads one draft per line: the text, with the id, situation,
// audience, stakes and level of corpus.Case when given (labels and the
// other corpus fields are allowed and ignored, so a labelled corpus can be
// checked as it is).
func splitJSONL(name string, b []byte, def check.Input) ([]Draft, error) {
	var out []Draft
	ids := map[string]int{}
	err := corpus.Scan(bytes.NewReader(b), func(n int, c corpus.Case, err error) error {
		d := Draft{ID: c.ID, File: name, Line: n, Input: def}
		if d.ID == "" {
			d.ID = fmt.Sprintf("%s:%d", name, n)
		}
		switch {
		case errors.Is(err, guide.ErrUnknownValue):
			d.Err = err
		case err != nil:
			d.Err = fmt.Errorf("not a draft (a JSON object with a \"text\" per line): %w", err)
		case c.Text == "":
			d.Err = errors.New(`no "text"`)
		case c.ID != "" && ids[c.ID] > 0:
			d.Err = fmt.Errorf("id %q is also on line %d", c.ID, ids[c.ID])
		}
		if c.ID != "" && ids[c.ID] == 0 {
			ids[c.ID] = n
		}
		d.Input.Draft = c.Text
		if c.Situation != "" {
			d.Input.Situation = c.Situation
		}
		if c.Audience != "" {
			d.Input.Audience = c.Audience
		}
		if c.Stakes != "" {
			d.Input.Stakes = c.Stakes
		}
		if c.Level != "" {
			d.Input.Level = c.Level
		}
		if d.Err == nil {
			d.Err = validate(d.Input)
		}
		out = append(out, d)
		return nil
	})
	if err != nil {
		// Only an unreadable line (over a megabyte) stops the scan: report
		// it in place of the rest of the file.
		n := 1
		if len(out) > 0 {
			n = out[len(out)-1].Line + 1
		}
		out = append(out, Draft{ID: fmt.Sprintf("%s:%d", name, n), File: name, Line: n, Input: def, Err: err})
	}
	return out, nil
}

// validate says why a JSON Lines draft cannot be checked, in the words of
// draft.Validate and the guide's enums.
func validate(in check.Input) error {
	if err := draft.Validate(in.Draft); err != nil {
		return err
	}
	if _, err := guide.ParseAudience(string(in.Audience)); err != nil {
		return err
	}
	if _, err := guide.ParseStakes(string(in.Stakes)); err != nil {
		return err
	}
	if _, err := guide.ParseLevel(string(in.Level)); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(in.Situation); n > draft.MaxChars {
		return fmt.Errorf("the situation is too long: %d characters, the limit is %d", n, draft.MaxChars)
	}
	return nil
}

// Where returns "file:line", or the id of a draft given as arguments.
func (d Draft) Where() string {
	if d.File == "" {
		return d.ID
	}
	return fmt.Sprintf("%s:%d", d.File, d.Line)
}
