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
// tag look-alikes get their angle brackets replaced by look-alike
// characters, so the text can neither close the quoted block nor open a
// new one. Nothing else changes. Replacing an inner tag can expose an outer
// one ("<draft<situation>>" leaves "<draft‹situation›>"), so it repeats
// until nothing matches; every pass removes at least one '<', so it ends.
func Neutralise(s string) string {
	re := delimiterRE.get()
	for re.MatchString(s) {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			return bracketLookalikes.Replace(m)
		})
	}
	return s
}

var bracketLookalikes = strings.NewReplacer("<", "‹", ">", "›")

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
