package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/pushback/pushback/internal/guide"
)

// README markers around the generated section.
const (
	DocsBegin = "<!-- tools:begin -->"
	DocsEnd   = "<!-- tools:end -->"
)

// WriteDocs writes the README section on the MCP server: every tool with its
// arguments and annotations, every resource and every prompt, generated from
// the definitions the server registers so the README cannot drift.
func WriteDocs(w io.Writer, g *guide.Guide) error {
	tools, err := allTools(Options{}, g, newLazyChecker(g), slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("Run `pushback serve` (stdio) or `pushback serve --http 127.0.0.1:8080` (streamable HTTP at `/mcp`, health at `/healthz`); `pushback serve -h` lists the flags. ")
	b.WriteString("`--tools a,b` (or `PUSHBACK_TOOLS`) serves only some tools; `--offline` (or `PUSHBACK_OFFLINE=1`) calls no language model: `rewrite_draft` then runs on the offline rules engine even when `OPENAI_API_KEY` is set.\n\n")
	b.WriteString("### Tools\n\nEvery tool returns `structuredContent` matching its `outputSchema` plus a short text; mistakes in a call come back as a tool error that says how to fix it.\n\n")
	for _, t := range tools {
		d := t.def
		fmt.Fprintf(&b, "#### `%s` — %s\n\n%s\n\n", d.Name, d.Title, d.Description)
		args, err := schemaArgs(d.RawInputSchema)
		if err != nil {
			return fmt.Errorf("docs for %s: %w", d.Name, err)
		}
		b.WriteString("| Argument | Type | Required | Description |\n|---|---|---|---|\n")
		for _, a := range args {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", a.name, a.typ, yesNo(a.required), cell(a.description))
		}
		ann := d.Annotations
		fmt.Fprintf(&b, "\nAnnotations: read-only %s, destructive %s, idempotent %s, open-world %s.\n\n",
			yesNo(*ann.ReadOnlyHint), yesNo(*ann.DestructiveHint), yesNo(*ann.IdempotentHint), yesNo(*ann.OpenWorldHint))
	}
	b.WriteString("### Resources\n\nEach is Markdown (`text/markdown`) at `pushback://<name>` and the same data as JSON (`application/json`) at `pushback://<name>.json`, rendered from the guide data.\n\n| URI | What |\n|---|---|\n")
	for _, d := range docs {
		fmt.Fprintf(&b, "| `%s%s` | %s |\n", resourceScheme, d.id, cell(d.description))
	}
	b.WriteString("\n### Prompts\n\nArguments audience, stakes, level and scenario complete from the fixed values.\n\n| Prompt | What | Arguments (* = required) |\n|---|---|---|\n")
	for _, p := range promptDefs {
		var args []string
		for _, a := range p.args {
			s := "`" + a.name + "`"
			if a.required {
				s += "*"
			}
			args = append(args, s)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", p.name, cell(p.description), strings.Join(args, ", "))
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// ReplaceDocs returns readme with the text between the markers replaced by
// section.
func ReplaceDocs(readme, section string) (string, error) {
	i := strings.Index(readme, DocsBegin)
	j := strings.Index(readme, DocsEnd)
	if i < 0 || j < i {
		return "", fmt.Errorf("README has no %s ... %s markers", DocsBegin, DocsEnd)
	}
	return readme[:i+len(DocsBegin)] + "\n" + section + readme[j:], nil
}

type argDoc struct {
	name, typ, description string
	required               bool
}

// schemaArgs lists an input schema's properties in order.
func schemaArgs(raw json.RawMessage) ([]argDoc, error) {
	info, err := parseSchemaInfo(raw)
	if err != nil {
		return nil, err
	}
	var s struct {
		Properties map[string]struct {
			Type        string   `json:"type"`
			Enum        []string `json:"enum"`
			Description string   `json:"description"`
		} `json:"properties"`
	}
	if err := json.NewDecoder(bytes.NewReader(raw)).Decode(&s); err != nil {
		return nil, fmt.Errorf("read input schema: %w", err)
	}
	var out []argDoc
	for _, name := range info.properties {
		p := s.Properties[name]
		typ := p.Type
		if len(p.Enum) > 0 {
			typ = strings.Join(p.Enum, " \\| ")
		}
		out = append(out, argDoc{name: name, typ: typ, description: p.Description, required: slices.Contains(info.required, name)})
	}
	return out, nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
