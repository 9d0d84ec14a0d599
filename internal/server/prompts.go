package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/prompts"
)

// promptArg is one argument of an MCP prompt. Arguments named audience,
// stakes, level or scenario take a fixed set of values: they are validated
// and completed from the guide.
type promptArg struct {
	name, description string
	required          bool
}

// promptDef is an MCP prompt whose text is prompts/<file>.
type promptDef struct {
	name, title, description, file string
	args                           []promptArg
}

var promptDefs = []promptDef{
	{
		name: "coach", title: "Coach me through a pushback", file: "mcp_coach.tmpl",
		description: "Coaches the user through a pushback: whether it is worth it (decide), a message the assistant writes in the user's voice, check_draft as a second opinion, and stop once it passes.",
		args: []promptArg{
			{"situation", "What the client, leader or colleague asked for or decided, in a sentence or two.", true},
			{"audience", "Who the pushback is for: " + joinValues(guide.Audiences) + ".", false},
			{"stakes", "How much rides on it: " + joinValues(guide.AllStakes) + ".", false},
			{"draft", "A draft the user already has, if any.", false},
		},
	},
	{
		name: "leadership_note", title: "Data-backed note to leadership", file: "mcp_leadership_note.tmpl",
		description: "Writes a short note to a manager or executive that questions a decision with data and proposes an alternative, then checks it.",
		args: []promptArg{
			{"decision", "The decision or request you are pushing back on.", true},
			{"data", "The numbers or evidence you have (e.g. 6 SEs covering 48 deals).", false},
			{"alternative", "What you propose instead.", false},
			{"stakes", "How much rides on it: " + joinValues(guide.AllStakes) + ".", false},
		},
	},
	{
		name: "roleplay", title: "Rehearse a pushback", file: "mcp_roleplay.tmpl",
		description: "Role-play practice: the assistant plays the client or leader so the user can rehearse pushing back, with a coaching note after each reply and a debrief.",
		args: []promptArg{
			{"audience", "Who the assistant plays: " + joinValues(guide.Audiences) + " (client when omitted).", false},
			{"scenario", "A documented scenario to rehearse (see pushback://scenarios).", false},
			{"situation", "What the other person asks for, if not a documented scenario.", false},
			{"level", "The level to practise: " + joinValues(guide.Levels) + ".", false},
		},
	},
}

// promptData is what a prompt template sees.
type promptData struct {
	Args     map[string]string
	G        *guide.Guide
	Scenario *guide.Scenario
	Level    *guide.LevelInfo
	Audience *guide.AudienceInfo
	// Asks are the framework's questions in the situation's words: "deal
	// outcomes" only in a sale.
	Asks []string
	// AtStake are the values decide's at_stake takes, in the guide's
	// words: deal_outcome only in a sale.
	AtStake string
}

func allPrompts(g *guide.Guide) ([]mcpserver.ServerPrompt, error) {
	var out []mcpserver.ServerPrompt
	for _, d := range promptDefs {
		tmpl, err := template.New(d.file).Option("missingkey=zero").ParseFS(prompts.FS, d.file)
		if err != nil {
			return nil, fmt.Errorf("prompt %s: %w", d.name, err)
		}
		opts := []mcp.PromptOption{mcp.WithPromptTitle(d.title), mcp.WithPromptDescription(d.description)}
		for _, a := range d.args {
			aopts := []mcp.ArgumentOption{mcp.ArgumentDescription(a.description)}
			if a.required {
				aopts = append(aopts, mcp.RequiredArgument())
			}
			opts = append(opts, mcp.WithArgument(a.name, aopts...))
		}
		out = append(out, mcpserver.ServerPrompt{
			Prompt: mcp.NewPrompt(d.name, opts...),
			Handler: func(_ context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
				data, err := promptArgs(g, d, req.Params.Arguments)
				if err != nil {
					return nil, err
				}
				var b strings.Builder
				if err := tmpl.Execute(&b, data); err != nil {
					return nil, fmt.Errorf("render prompt %s: %w", d.name, err)
				}
				return mcp.NewGetPromptResult(d.title, []mcp.PromptMessage{
					mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(strings.TrimSpace(b.String()))),
				}), nil
			},
		})
	}
	return out, nil
}

// promptArgs validates a prompt's arguments: required ones present, known
// names only, enum values from the guide.
func promptArgs(g *guide.Guide, d promptDef, args map[string]string) (promptData, error) {
	data := promptData{Args: map[string]string{}, G: g}
	var names []string
	for _, a := range d.args {
		names = append(names, a.name)
	}
	for _, k := range sortedKeys(args) {
		if !slices.Contains(names, k) {
			return data, &invalidParams{fmt.Sprintf("prompt %s has no argument %q; it takes: %s", d.name, k, strings.Join(names, ", "))}
		}
	}
	for _, a := range d.args {
		v := strings.TrimSpace(args[a.name])
		if v == "" {
			if a.required {
				return data, &invalidParams{fmt.Sprintf("prompt %s needs the argument %q: %s", d.name, a.name, a.description)}
			}
			continue
		}
		var err error
		switch a.name {
		case "audience":
			var x guide.Audience
			x, err = guide.ParseAudience(v)
			v = string(x)
			if info, ok := g.Audience(x); ok {
				data.Audience = &info
			}
		case "stakes":
			var x guide.Stakes
			x, err = guide.ParseStakes(v)
			v = string(x)
		case "level":
			var x guide.Level
			x, err = guide.ParseLevel(v)
			v = string(x)
			if li, ok := g.Level(x); ok {
				data.Level = &li
			}
		case "scenario":
			s, ok := g.Scenario(v)
			if !ok {
				err = fmt.Errorf("unknown scenario %q (use one of %s)", v, strings.Join(scenarioIDs(g), ", "))
			}
			data.Scenario = &s
		}
		if err != nil {
			return data, &invalidParams{fmt.Sprintf("prompt %s: %v", d.name, err)}
		}
		data.Args[a.name] = v
	}
	situation := data.Args["situation"] + " " + data.Args["decision"]
	for _, q := range g.Framework.Questions {
		data.Asks = append(data.Asks, g.Framework.Asks(q, situation))
	}
	var at []string
	for _, st := range g.Battles.Stakes {
		if st.Source == "leadership" && st.ID == "deal_outcome" && !g.Framework.InSale(situation) {
			continue
		}
		at = append(at, st.ID)
	}
	data.AtStake = strings.Join(at, ", ")
	return data, nil
}

// completer completes the prompt arguments that take a fixed set of values.
// completer answers completion/complete; g is set before any request
// reaches it (start holds requests until the server is full).
type completer struct{ g *guide.Guide }

// CompletePromptArgument implements server.PromptCompletionProvider.
func (c *completer) CompletePromptArgument(_ context.Context, _ string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	var all []string
	switch arg.Name {
	case "audience":
		all = strings.Split(joinValues(guide.Audiences), ", ")
	case "stakes":
		all = strings.Split(joinValues(guide.AllStakes), ", ")
	case "level":
		all = strings.Split(joinValues(guide.Levels), ", ")
	case "scenario":
		all = scenarioIDs(c.g)
	}
	values := []string{}
	prefix := strings.ToLower(arg.Value)
	for _, v := range all {
		if strings.HasPrefix(v, prefix) {
			values = append(values, v)
		}
	}
	return &mcp.Completion{Values: values, Total: len(values)}, nil
}
