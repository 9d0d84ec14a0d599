package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/guide"
)

// Resource URIs: pushback://<id> is Markdown, pushback://<id>.json is the
// same data as JSON.
const (
	resourceScheme = "pushback://"
	jsonSuffix     = ".json"
	mimeMarkdown   = "text/markdown"
	mimeJSON       = "application/json"
)

// doc is one piece of the domain served as a resource.
type doc struct {
	id, title, description string
	data                   func(g *guide.Guide) any
	markdown               func(g *guide.Guide, b *strings.Builder)
}

// docs lists the resources in a stable order.
var docs = []doc{
	{"framework", "Pushback Decision Framework", "The five-question checklist to run before pushing back, what each answer means, the overall recommendations, and the principles behind them.",
		func(g *guide.Guide) any {
			return map[string]any{"framework": g.Framework, "principles": g.Principles, "sources": g.Sources}
		}, frameworkMarkdown},
	{"formula", "The pushback formula", "The five steps of a well-built pushback (acknowledge, context, impact, alternative, invite input) with a template and the purpose of each.",
		func(g *guide.Guide) any { return g.Formula }, formulaMarkdown},
	{"levels", "Calibration levels", "The four levels of directness (mild, moderate, strong, escalated): when each fits, its phrases, and the level each stakes value starts at.",
		func(g *guide.Guide) any { return map[string]any{"levels": g.Levels, "stakes_levels": g.StakesLevels} }, levelsMarkdown},
	{"phrases", "Phrase lists", "The documents' phrases for softening, offering expertise, collaborating, showing understanding and escalating, with why each works.",
		func(g *guide.Guide) any { return g.Phrases }, phrasesMarkdown},
	{"anti-patterns", "Anti-patterns", "The ways pushback goes wrong (flat no, blame, objection without alternative, ...) with an example, why it fails and what to do instead.",
		func(g *guide.Guide) any { return g.AntiPatterns }, antiPatternsMarkdown},
	{"battles", "Choosing your battles", "What to push back on, what to let go, what to consider carefully, and what can be at stake.",
		func(g *guide.Guide) any { return g.Battles }, battlesMarkdown},
	{"scenarios", "Scenarios", "The documents' named situations, each with the fields its template needs and an example.",
		func(g *guide.Guide) any { return g.Scenarios }, scenariosMarkdown},
	{"examples", "Good and bad examples", "The documents' good and bad pushbacks with the situation, the level, and why each works or fails.",
		func(g *guide.Guide) any { return g.Examples }, examplesMarkdown},
}

// resources builds the Markdown and JSON resource for every doc.
func resources(g *guide.Guide) []mcpserver.ServerResource {
	var out []mcpserver.ServerResource
	for _, d := range docs {
		md, js := resourceScheme+d.id, resourceScheme+d.id+jsonSuffix
		out = append(out,
			mcpserver.ServerResource{
				Resource: mcp.NewResource(md, d.id, mcp.WithResourceTitle(d.title), mcp.WithResourceDescription(d.description+" Markdown; "+js+" has the same as JSON."), mcp.WithMIMEType(mimeMarkdown)),
				Handler: func(context.Context, mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
					return []mcp.ResourceContents{mcp.TextResourceContents{URI: md, MIMEType: mimeMarkdown, Text: renderMarkdown(g, d)}}, nil
				},
			},
			mcpserver.ServerResource{
				Resource: mcp.NewResource(js, d.id+jsonSuffix, mcp.WithResourceTitle(d.title+" (JSON)"), mcp.WithResourceDescription(d.description+" JSON."), mcp.WithMIMEType(mimeJSON)),
				Handler: func(context.Context, mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
					b, err := json.MarshalIndent(d.data(g), "", "  ")
					if err != nil {
						return nil, fmt.Errorf("encode %s: %w", js, err)
					}
					return []mcp.ResourceContents{mcp.TextResourceContents{URI: js, MIMEType: mimeJSON, Text: string(b)}}, nil
				},
			})
	}
	return out
}

func renderMarkdown(g *guide.Guide, d doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", d.title)
	d.markdown(g, &b)
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// sourceTitle names a source document for attribution.
func sourceTitle(g *guide.Guide, id string) string {
	if s, ok := g.Source(id); ok {
		return s.Title
	}
	return id
}

func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

func frameworkMarkdown(g *guide.Guide, b *strings.Builder) {
	f := g.Framework
	fmt.Fprintf(b, "%s\n\n| Question | If yes | If no |\n|---|---|---|\n", f.Intro)
	for _, q := range f.Questions {
		fmt.Fprintf(b, "| %s | %s | %s |\n", cell(q.Question), cell(q.IfYes), cell(q.IfNo))
	}
	b.WriteString("\n## Recommendations\n\n")
	for _, r := range f.Recommendations {
		fmt.Fprintf(b, "- `%s`: %s\n", r.ID, r.Text)
	}
	if len(g.Principles) > 0 {
		b.WriteString("\n## Principles\n\n")
		for _, p := range g.Principles {
			fmt.Fprintf(b, "- **%s**: %s\n", p.Name, p.Text)
		}
	}
	fmt.Fprintf(b, "\nSource: %s.\n", sourceTitle(g, f.Source))
}

func formulaMarkdown(g *guide.Guide, b *strings.Builder) {
	f := g.Formula
	fmt.Fprintf(b, "%s.\n\n", f.Name)
	for i, s := range f.Steps {
		fmt.Fprintf(b, "%d. **%s** (`%s`): \"%s\"  \n   %s\n", i+1, s.Name, s.ID, s.Template, s.Purpose)
	}
	fmt.Fprintf(b, "\nSource: %s.\n", sourceTitle(g, f.Source))
}

func levelsMarkdown(g *guide.Guide, b *strings.Builder) {
	for _, l := range g.Levels {
		fmt.Fprintf(b, "## %d. %s (`%s`)\n\n%s\n\n", l.Rank, l.Name, l.ID, l.When)
		for _, p := range l.Phrases {
			fmt.Fprintf(b, "- \"%s\"\n", p)
		}
		b.WriteString("\n")
	}
	b.WriteString("## Where to start, by stakes\n\n| Stakes | Start at | Also fits | After gentle pushback failed |\n|---|---|---|---|\n")
	for _, r := range g.StakesLevels {
		esc := string(r.EscalateWhenGentleFailed)
		if esc == "" {
			esc = "-"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", r.Stakes, r.Level, joinValues(r.Allowed), esc)
	}
}

func phrasesMarkdown(g *guide.Guide, b *strings.Builder) {
	p := g.Phrases
	for _, l := range []struct {
		name string
		list guide.PhraseList
	}{
		{"Softening", p.Softening}, {"Offering your expertise", p.Offer}, {"Collaborative", p.Collaborative},
		{"Understanding", p.Understanding}, {"Escalation", p.Escalation},
	} {
		fmt.Fprintf(b, "## %s\n\n%s\n\n", l.name, l.list.Why)
		for _, it := range l.list.Items {
			fmt.Fprintf(b, "- \"%s\"\n", it)
		}
		b.WriteString("\n")
	}
}

func antiPatternsMarkdown(g *guide.Guide, b *strings.Builder) {
	for _, a := range g.AntiPatterns {
		fmt.Fprintf(b, "## %s (`%s`, %s)\n\n", a.Name, a.ID, a.Severity)
		if a.Example != "" {
			fmt.Fprintf(b, "> %s\n\n", a.Example)
		}
		fmt.Fprintf(b, "Why it fails: %s\n\nInstead: %s\n\nSource: %s.\n\n", a.Why, a.Suggestion, sourceTitle(g, a.Source))
	}
}

func battlesMarkdown(g *guide.Guide, b *strings.Builder) {
	bt := g.Battles
	fmt.Fprintf(b, "Ask: *%s*\n\n", bt.Question)
	for _, grp := range []struct {
		name string
		g    guide.BattleGroup
	}{{"Push back on", bt.PushBackOn}, {"Let go", bt.LetGo}, {"Consider carefully", bt.ConsiderCarefully}} {
		fmt.Fprintf(b, "## %s\n\n%s\n", grp.name, grp.g.Text)
		for _, e := range grp.g.Examples {
			fmt.Fprintf(b, "\n- %s", e)
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(b, "## Pushback capital\n\n%s\n\n## What can be at stake\n\n| Id | Stake | Material |\n|---|---|---|\n", bt.Capital)
	for _, s := range bt.Stakes {
		fmt.Fprintf(b, "| `%s` | %s | %t |\n", s.ID, s.Name, s.Material)
	}
}

func scenariosMarkdown(g *guide.Guide, b *strings.Builder) {
	if len(g.Scenarios) == 0 {
		b.WriteString("No scenarios are defined.\n")
	}
	for _, s := range g.Scenarios {
		fmt.Fprintf(b, "## %s (`%s`)\n\n%s\n\n| Field | Required | Description | Example |\n|---|---|---|---|\n", s.Name, s.ID, s.Description)
		for _, f := range s.Fields {
			req := fmt.Sprint(f.Required)
			if f.RequiredFrom != "" {
				req = "from " + string(f.RequiredFrom)
			}
			fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", f.Name, req, cell(f.Description), cell(f.Example))
		}
		if s.Example != "" {
			fmt.Fprintf(b, "\nExample:\n\n> %s\n", s.Example)
		}
		fmt.Fprintf(b, "\nSource: %s.\n\n", sourceTitle(g, s.Source))
	}
}

func examplesMarkdown(g *guide.Guide, b *strings.Builder) {
	for _, kind := range []string{"good", "bad"} {
		fmt.Fprintf(b, "## %s examples\n\n", strings.ToUpper(kind[:1])+kind[1:])
		for _, e := range g.Examples {
			if e.Kind != kind {
				continue
			}
			fmt.Fprintf(b, "### %s (`%s`)\n\n", e.Name, e.ID)
			fmt.Fprintf(b, "Audience: %s; stakes: %s; level: %s", e.Audience, e.Stakes, e.Level)
			if e.AntiPattern != "" {
				fmt.Fprintf(b, "; anti-pattern: `%s`", e.AntiPattern)
			}
			b.WriteString(".\n\n")
			if e.Situation != "" {
				fmt.Fprintf(b, "Situation: %s\n\n", e.Situation)
			}
			fmt.Fprintf(b, "> %s\n\n", strings.ReplaceAll(e.Text, "\n", "\n> "))
			if e.Rendered && e.Original != "" {
				fmt.Fprintf(b, "(Written out from the document's description: %s)\n\n", e.Original)
			}
			fmt.Fprintf(b, "Why: %s\n\nSource: %s.\n\n", e.Why, sourceTitle(g, e.Source))
		}
	}
}
