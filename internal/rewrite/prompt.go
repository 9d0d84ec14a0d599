package rewrite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/pushback/pushback/internal/schema"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/prompts"
)

// Output is what the model must return in the json_schema and json_object
// modes. Its JSON Schema, generated from this type, is the strict
// response_format sent to the endpoint.
type Output struct {
	Rewrite   string      `json:"rewrite" jsonschema:"description=The rewritten message\\, ready to send."`
	Level     guide.Level `json:"level"`
	KeptFacts []string    `json:"kept_facts" jsonschema:"description=The facts from <facts> kept word for word."`
}

// OutputSchema returns the JSON Schema of Output as sent to the endpoint:
// inline, every property required, no additional properties.
func OutputSchema() json.RawMessage { return outputSchema() }

var outputSchema = sync.OnceValue(func() json.RawMessage {
	s := schema.Reflect(&Output{})
	s.Version, s.ID = "", ""
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("rewrite: output schema: %v", err)) // a static type: cannot fail at run time
	}
	return b
})

var templates = sync.OnceValues(func() (*template.Template, error) {
	funcs := template.FuncMap{
		"inc": func(i int) int { return i + 1 },
		"quoteAll": func(items []string) string {
			q := make([]string, len(items))
			for i, s := range items {
				q[i] = strconv.Quote(s)
			}
			return strings.Join(q, ", ")
		},
	}
	return template.New("rewrite").Funcs(funcs).ParseFS(prompts.FS, "rewrite_*.tmpl")
})

func render(name string, data any) (string, error) {
	t, err := templates()
	if err != nil {
		return "", fmt.Errorf("parse prompt templates: %w", err)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

type systemData struct {
	*guide.Guide
	Mode string
	// Slot and ReasonSlot are the marked places for what the draft does
	// not give (guide.RewriteForms), the same the offline engine writes.
	Slot, ReasonSlot string
}

type userData struct {
	Level     guide.LevelInfo
	Audience  guide.Audience
	Stakes    guide.Stakes
	Channel   string
	MaxChars  int
	Situation string
	Draft     string
	Facts     []string
}

type repairData struct {
	Findings     []check.Finding
	MissingFacts []string
	Issues       []string
}

// delimiterRE matches anything that looks like one of the prompt's own tags
// (<draft>, </ situation >, <facts foo="">, <|im_start|> ...).
var delimiterRE = lazyRegexp(`(?i)<\s*/?\s*(?:draft|situation|facts|system|instructions?|rewrite|user|assistant)\b[^<>]*>|<\|[^|<>]*\|>`)

// Neutralise makes user text safe to quote inside the prompt's delimiters:
// the '<' that opens a tag look-alike (<draft>, </ situation >, <facts
// foo="">, <|im_start|>, closed or not) becomes '‹', and the '>' that
// closes it '›', so the text can neither close the quoted block nor open a
// new one. Other angle brackets ("3 < 4", "a -> b") are left alone.
//
// It is one pass over the text. Nested look-alikes ("<draft<situation>>")
// are covered by counting the openers still waiting for their '>': a plain
// '<' in between ends the wait, as it would end a tag.
func Neutralise(s string) string {
	var b strings.Builder
	open := 0 // replaced openers waiting for their '>'
	last := 0 // s[:last] is written to b
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if !opensTag(s[i+1:]) {
				open = 0
				continue
			}
			open++
		case '>':
			if open == 0 {
				continue
			}
			open--
		default:
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 8)
		}
		b.WriteString(s[last:i])
		b.WriteString(bracketLookalike[s[i]])
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

var bracketLookalike = map[byte]string{'<': "‹", '>': "›"}

// tagNames are the prompt's own tags and the chat roles, as delimiterRE
// lists them.
var tagNames = []string{"draft", "situation", "facts", "system", "instructions", "instruction", "rewrite", "user", "assistant"}

// opensTag reports whether rest, the text after a '<', starts a tag
// look-alike the way delimiterRE sees one: '|', or optional spaces, an
// optional '/', optional spaces and one of tagNames (any case) not followed
// by a letter, digit or underscore.
func opensTag(rest string) bool {
	if strings.HasPrefix(rest, "|") {
		return true
	}
	rest = strings.TrimLeft(rest, asciiSpace)
	rest = strings.TrimPrefix(rest, "/")
	rest = strings.TrimLeft(rest, asciiSpace)
	for _, name := range tagNames {
		if after, ok := cutFold(rest, name); ok && (after == "" || !isWordByte(after[0])) {
			return true
		}
	}
	return false
}

// asciiSpace is what \s matches in Go's regexp.
const asciiSpace = " \t\n\f\r"

// cutFold reports whether s starts with the ASCII word prefix under
// Unicode simple case folding (as (?i) matches it: "ſystem" is "system"),
// and returns the rest of s.
func cutFold(s, prefix string) (string, bool) {
	for _, want := range prefix {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || !foldEqual(r, want) {
			return s, false
		}
		s = s[size:]
	}
	return s, true
}

func foldEqual(a, b rune) bool {
	if a == b {
		return true
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Prompt builds the chat messages for one call: the system prompt from the
// guide, the quoted request and, on a repair round, the previous candidate
// and what was wrong with it. mode is json_schema, json_object or text.
func Prompt(g *guide.Guide, req Request, level guide.Level, fb *Feedback, mode string) (system string, turns []Turn, err error) {
	system, err = render("rewrite_system.tmpl", systemData{Guide: g, Mode: mode, Slot: g.Rewrite.Forms.Slot, ReasonSlot: g.Rewrite.Forms.ReasonSlot})
	if err != nil {
		return "", nil, err
	}
	li, ok := g.Level(level)
	if !ok {
		return "", nil, fmt.Errorf("%w for level: %q", guide.ErrUnknownValue, level)
	}
	facts := make([]string, len(req.Facts))
	for i, f := range req.Facts {
		facts[i] = Neutralise(f)
	}
	user, err := render("rewrite_user.tmpl", userData{
		Level: li, Audience: req.Audience, Stakes: req.Stakes, Channel: req.Channel, MaxChars: req.MaxChars,
		Situation: Neutralise(req.Situation), Draft: Neutralise(req.Draft), Facts: facts,
	})
	if err != nil {
		return "", nil, err
	}
	turns = []Turn{{Role: "user", Content: user}}
	if fb == nil {
		return system, turns, nil
	}
	repair, err := render("rewrite_repair.tmpl", repairData{Findings: fb.Findings, MissingFacts: fb.MissingFacts, Issues: fb.Issues})
	if err != nil {
		return "", nil, err
	}
	if fb.Previous != "" {
		prev := Neutralise(fb.Previous)
		if mode != "text" {
			b, _ := json.Marshal(Output{Rewrite: prev, Level: level, KeptFacts: []string{}})
			prev = string(b)
		}
		turns = append(turns, Turn{Role: "assistant", Content: prev})
	}
	turns = append(turns, Turn{Role: "user", Content: repair})
	return system, turns, nil
}

// Turn is one chat message after the system prompt.
type Turn struct {
	Role    string // user or assistant
	Content string
}
