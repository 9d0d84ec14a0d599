package batch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// want is one expected draft: where it starts, its name and text, or the
// error it carries.
type want struct {
	line int
	name string
	text string
	err  string
}

func TestSplit(t *testing.T) {
	dismissive := "No, that won't work. We need to do it the way I said."
	concerned := "I want to make sure we can deliver this well. If we add this now, we'd need to push back [other feature] or extend the timeline by a week. What's most important to prioritize for the launch? I want to help us make that trade-off consciously."
	tests := []struct {
		name string
		file string
		in   string
		want []want
	}{
		{"one draft, final newline dropped", "a.txt", dismissive + "\n", []want{{line: 1, text: dismissive}}},
		{"blank lines around", "a.txt", "\n\n  \n" + dismissive + "\n\n\n", []want{{line: 4, text: dismissive}}},
		{"several lines kept as written", "a.txt", "Hi Sam,\r\n\r\n" + dismissive + "\r\n", []want{{line: 1, text: "Hi Sam,\r\n\r\n" + dismissive}}},
		{"blocks between separators", "a.txt", dismissive + "\n---\n\n" + concerned + "\n--- \n", []want{{line: 1, text: dismissive}, {line: 4, text: concerned}}},
		{"empty blocks skipped", "a.txt", "---\n\n---\n" + dismissive + "\n---\n", []want{{line: 4, text: dismissive}}},
		{"nothing at all", "a.txt", "\n \n", nil},
		{"a longer rule is text", "a.txt", "----\n" + dismissive, []want{{line: 1, text: "----\n" + dismissive}}},
		{"markdown front matter skipped", "a.md", "---\ntitle: replies\n---\n" + dismissive + "\n", []want{{line: 4, text: dismissive}}},
		{"markdown headings name drafts", "a.md", "# Replies\n\n## Flat no\n\n" + dismissive + "\n\n---\n\n### Concerned question ###\n" + concerned + "\n",
			[]want{{line: 5, name: "Flat no", text: dismissive}, {line: 10, name: "Concerned question", text: concerned}}},
		{"front matter sets the audience", "a.md", "---\ntitle: x\naudience: client\nstakes: 'high'\n---\n" + dismissive, []want{{line: 6, text: dismissive}}},
		{"a bad value in front matter", "a.md", "---\naudience: boss\n---\n" + dismissive + "\n---\n" + concerned, []want{{line: 4, err: `front matter: unknown value for audience: "boss"`}, {line: 6, err: "front matter"}}},
		{"a heading inside a draft stays", "a.md", dismissive + "\n\n## Not a name\n", []want{{line: 1, text: dismissive + "\n\n## Not a name"}}},
		{"hashtags are not headings", "a.md", "#launch " + dismissive, []want{{line: 1, text: "#launch " + dismissive}}},
		{"text files have no headings", "a.txt", "# Title\n" + dismissive, []want{{line: 1, text: "# Title\n" + dismissive}}},
		{"invalid UTF-8", "a.txt", "caf\xe9", []want{{line: 1, err: "not valid UTF-8"}}},
		{"too long", "a.txt", strings.Repeat("é", draft.MaxChars+1), []want{{line: 1, err: "too long: 20001 characters"}}},
		{"exactly the limit plus the final newline", "a.txt", strings.Repeat("é", draft.MaxChars) + "\r\n", []want{{line: 1, text: strings.Repeat("é", draft.MaxChars)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Split(tt.file, []byte(tt.in), KindOf(tt.file), check.Input{Audience: guide.AudienceClient})
			if err != nil {
				t.Fatal(err)
			}
			checkDrafts(t, ds, tt.want)
			for _, d := range ds {
				if d.Err == nil && d.Input.Audience != guide.AudienceClient {
					t.Errorf("%s: audience %q, want the default", d.ID, d.Input.Audience)
				}
			}
		})
	}
}

func checkDrafts(t *testing.T, ds []Draft, ws []want) {
	t.Helper()
	if len(ds) != len(ws) {
		t.Fatalf("got %d drafts, want %d: %+v", len(ds), len(ws), ds)
	}
	for i, w := range ws {
		d := ds[i]
		if d.Line != w.line || d.Name != w.name {
			t.Errorf("draft %d at line %d named %q, want line %d named %q", i, d.Line, d.Name, w.line, w.name)
		}
		switch {
		case w.err != "" && (d.Err == nil || !strings.Contains(d.Err.Error(), w.err)):
			t.Errorf("draft %d: error %v, want one containing %q", i, d.Err, w.err)
		case w.err == "" && d.Err != nil:
			t.Errorf("draft %d: %v", i, d.Err)
		case w.err == "" && d.Input.Draft != w.text:
			t.Errorf("draft %d text %q, want %q", i, d.Input.Draft, w.text)
		}
	}
}

func TestSplitJSONL(t *testing.T) {
	in := `// a team's canned replies` + "\n" +
		`{"id":"refund","text":"No, that won't work.","audience":"client","stakes":"high","situation":"Can we get a refund?"}` + "\n" +
		`{"text":"Okay, you're the client.","level":"mild","label":"bad","anti_pattern":"abdication"}` + "\n" +
		"\n" +
		`{"id":"refund","text":"Again."}` + "\n" +
		`{"text":"Sure.","audience":"boss"}` + "\n" +
		`{"text":"Sure.","stakes":"huge"}` + "\n" +
		`{"text":"Sure.","colour":"red"}` + "\n" +
		`{"id":"empty","text":""}` + "\n" +
		`{"text":"   "}` + "\n" +
		`not json` + "\n"
	ds, err := Split("replies.jsonl", []byte(in), JSONL, check.Input{Audience: guide.AudiencePeer, Situation: "default"})
	if err != nil {
		t.Fatal(err)
	}
	ws := []struct {
		id, err string
		line    int
		in      check.Input
	}{
		{"refund", "", 2, check.Input{Draft: "No, that won't work.", Audience: guide.AudienceClient, Stakes: guide.StakesHigh, Situation: "Can we get a refund?"}},
		{"replies.jsonl:3", "", 3, check.Input{Draft: "Okay, you're the client.", Audience: guide.AudiencePeer, Level: guide.LevelMild, Situation: "default"}},
		{"refund", `id "refund" is also on line 2`, 5, check.Input{}},
		{"replies.jsonl:6", `unknown value for audience: "boss"`, 6, check.Input{}},
		{"replies.jsonl:7", `unknown value for stakes: "huge"`, 7, check.Input{}},
		{"replies.jsonl:8", `not a draft (a JSON object with a "text" per line): json: unknown field "colour"`, 8, check.Input{}},
		{"empty", `no "text"`, 9, check.Input{}},
		{"replies.jsonl:10", "the draft is empty", 10, check.Input{}},
		{"replies.jsonl:11", "not a draft", 11, check.Input{}},
	}
	if len(ds) != len(ws) {
		t.Fatalf("got %d drafts, want %d", len(ds), len(ws))
	}
	for i, w := range ws {
		d := ds[i]
		if d.ID != w.id || d.Line != w.line || d.Column != 0 || d.File != "replies.jsonl" {
			t.Errorf("draft %d: id %q at %s:%d:%d, want %q at line %d, column 0", i, d.ID, d.File, d.Line, d.Column, w.id, w.line)
		}
		switch {
		case w.err == "" && d.Err != nil:
			t.Errorf("%s: %v", w.id, d.Err)
		case w.err != "" && (d.Err == nil || !strings.Contains(d.Err.Error(), w.err)):
			t.Errorf("%s: error %v, want %q", w.id, d.Err, w.err)
		case w.err == "" && d.Input != w.in:
			t.Errorf("%s: input %+v, want %+v", w.id, d.Input, w.in)
		}
	}
	// A JSON Lines draft's findings all sit on its line.
	if l, c := ds[0].Position(5); l != 2 || c != 0 {
		t.Errorf("Position in a JSON Lines draft: %d:%d, want 2:0", l, c)
	}
}

func TestPosition(t *testing.T) {
	ds, err := Split("a.md", []byte("# Name\n\nHi Sam,\n\nNo, that won’t work.\nThanks\n"), Markdown, check.Input{})
	if err != nil || len(ds) != 1 {
		t.Fatalf("Split: %v, %d drafts", err, len(ds))
	}
	d := ds[0]
	for _, tt := range []struct{ off, line, col int }{
		{0, 3, 1},  // H
		{6, 3, 7},  // ,
		{7, 3, 8},  // the newline ends line 3
		{8, 4, 1},  // the blank line
		{9, 5, 1},  // N
		{17, 5, 9}, // ’ is one character
		{20, 5, 12},
		{30, 6, 1},
		{36, 6, 7}, // just past the end
	} {
		if l, c := d.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func TestExpand(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"replies/a.md", "replies/b.txt", "replies/notes.pdf", "replies/deep/c.markdown", "replies/deep/deeper/d.jsonl",
		"replies/.hidden/e.md", "replies/node_modules/f.md", "other/g.md", "top.txt", "README",
	} {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	tests := []struct {
		name  string
		paths []string
		want  []string
		err   string
	}{
		{"a directory, recursively, only drafts, no hidden or vendored", []string{"replies"},
			[]string{"replies/a.md", "replies/b.txt", "replies/deep/c.markdown", "replies/deep/deeper/d.jsonl"}, ""},
		{"a file named on its own is read whatever its name", []string{"README", "replies/notes.pdf"}, []string{"README", "replies/notes.pdf"}, ""},
		{"a glob", []string{"replies/*.md"}, []string{"replies/a.md"}, ""},
		{"** matches any depth", []string{"replies/**/*.md", "**/*.jsonl"}, []string{"replies/a.md", "replies/deep/deeper/d.jsonl"}, ""},
		{"** at the end", []string{"replies/deep/**"}, []string{"replies/deep/c.markdown", "replies/deep/deeper/d.jsonl"}, ""},
		{"a hidden directory named in the glob", []string{"replies/.hidden/*.md"}, []string{"replies/.hidden/e.md"}, ""},
		{"each file once, in the order given", []string{"top.txt", "replies/a.md", "replies", "./top.txt"},
			[]string{"top.txt", "replies/a.md", "replies/b.txt", "replies/deep/c.markdown", "replies/deep/deeper/d.jsonl"}, ""},
		{"a mistyped path", []string{"replise"}, nil, "replise: no such file or directory"},
		{"a glob matching nothing", []string{"replies/*.docx"}, nil, "replies/*.docx: no .md, .markdown, .txt, .jsonl file matches"},
		{"a glob under a missing directory", []string{"nope/**/*.md"}, nil, "no .md"},
		{"an unclean path", []string{"replies/node_modules/../../other/.."}, []string{"other/g.md", "replies/a.md", "replies/b.txt", "replies/deep/c.markdown", "replies/deep/deeper/d.jsonl", "top.txt"}, ""},
		{"a bad pattern", []string{"replies/[.md"}, nil, "bad pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.paths)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Expand(%q) = %q, %v; want an error containing %q", tt.paths, got, err, tt.err)
				}
				if strings.Contains(tt.err, "no ") && !errors.Is(err, ErrNoMatch) {
					t.Errorf("error %v does not wrap ErrNoMatch", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				got[i] = filepath.ToSlash(got[i])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Expand(%q) =\n %q\nwant\n %q", tt.paths, got, tt.want)
			}
		})
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Expand([]string{"empty"}); !errors.Is(err, ErrNoMatch) {
		t.Errorf("an empty directory: %v, want ErrNoMatch", err)
	}
}

func TestFrontMatter(t *testing.T) {
	in := "---\ntitle: Replies\naudience: leadership\nstakes: \"critical\"\nlevel: strong\nsituation: VP: ship it Friday.\n---\nI need to be direct: shipping Friday risks the data migration. Can we ship Monday instead?\n"
	ds, err := Split("a.md", []byte(in), Markdown, check.Input{Audience: guide.AudienceClient, Stakes: guide.StakesLow})
	if err != nil || len(ds) != 1 || ds[0].Err != nil {
		t.Fatalf("Split: %v %+v", err, ds)
	}
	want := check.Input{Draft: "I need to be direct: shipping Friday risks the data migration. Can we ship Monday instead?",
		Audience: guide.AudienceLeadership, Stakes: guide.StakesCritical, Level: guide.LevelStrong, Situation: "VP: ship it Friday."}
	if ds[0].Input != want {
		t.Errorf("input %+v\nwant  %+v", ds[0].Input, want)
	}
	// A text file has no front matter: its first --- separates drafts.
	ds, _ = Split("a.txt", []byte(in), Text, check.Input{})
	if len(ds) != 2 || ds[0].Input.Audience != "" {
		t.Errorf("a text file read front matter: %+v", ds)
	}
}

func TestReadBounded(t *testing.T) {
	defer func(n int) { maxFileBytes = n }(maxFileBytes)
	maxFileBytes = 64
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.txt"), filepath.Join(dir, "big.txt")
	os.WriteFile(small, []byte(strings.Repeat("a", 64)), 0o644)
	os.WriteFile(big, []byte(strings.Repeat("a", 65)), 0o644)
	if ds, err := Read(small, nil, check.Input{}); err != nil || len(ds) != 1 {
		t.Errorf("a file at the limit: %v, %d drafts", err, len(ds))
	}
	if _, err := Read(big, nil, check.Input{}); err == nil || !strings.Contains(err.Error(), "over 64 bytes; split it") {
		t.Errorf("a file over the limit: %v", err)
	}
	if _, err := Read("-", strings.NewReader(strings.Repeat("b", 100)), check.Input{}); err == nil {
		t.Error("stdin over the limit was read")
	}
	if _, err := Read(filepath.Join(dir, "nope.md"), nil, check.Input{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
