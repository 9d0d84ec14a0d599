package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/pushback/pushback/internal/schema"
	"strings"
	"text/template"

	"github.com/sashabaranov/go-openai"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/prompts"
)

// Verdict is the judge model's structured answer; its JSON Schema is the
// response format the judge asks for.
type Verdict struct {
	Winner string `json:"winner" jsonschema:"enum=A,enum=B,enum=tie,description=The better reply: A\\, B or tie."`
	Reason string `json:"reason" jsonschema:"description=One sentence on why."`
}

// ChatClient is the part of go-openai's client the judge uses.
type ChatClient interface {
	CreateChatCompletion(ctx context.Context, req openai.ChatCompletionRequest) (openai.ChatCompletionResponse, error)
}

// judgeTemperature is near-greedy: go-openai drops a zero temperature
// (omitempty), which would leave the endpoint's default, usually 1.
const judgeTemperature = 0.01

// Judge compares two replies with an LLM, using a rubric built from the
// guide (formula steps, anti-patterns, levels).
type Judge struct {
	Client ChatClient
	Model  string
	system string
	format *openai.ChatCompletionResponseFormat
}

// NewJudge builds a judge whose rubric comes from g.
func NewJudge(client ChatClient, model string, g *guide.Guide) (*Judge, error) {
	t, err := template.ParseFS(prompts.FS, "eval_judge.tmpl")
	if err != nil {
		return nil, fmt.Errorf("judge prompt: %w", err)
	}
	var b strings.Builder
	if err := t.Execute(&b, g); err != nil {
		return nil, fmt.Errorf("judge prompt: %w", err)
	}
	s := schema.Reflect(&Verdict{})
	s.Version = ""
	return &Judge{
		Client: client,
		Model:  model,
		system: b.String(),
		format: &openai.ChatCompletionResponseFormat{
			Type:       openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: "verdict", Schema: s, Strict: true},
		},
	}, nil
}

// Rubric is the judge's system prompt.
func (j *Judge) Rubric() string { return j.system }

// judged carries token usage beside the verdict without putting it in JSON.
type judgedUsage struct{ prompt, completion int }

// Compare asks which of candidate and reference is better, once in each
// order, and combines the answers so position bias cancels out.
func (j *Judge) Compare(ctx context.Context, c Case, candidate, reference string) JudgeVerdict {
	v := JudgeVerdict{Winners: []string{}, Reasons: []string{}}
	var pref float64
	for order := 0; order < 2; order++ {
		a, b := candidate, reference
		if order == 1 {
			a, b = reference, candidate
		}
		w, reason, u, err := j.ask(ctx, c, a, b)
		v.u.prompt += u.prompt
		v.u.completion += u.completion
		if err != nil {
			v.Error = err.Error()
			return v
		}
		// Map A/B back to rewrite/reference.
		who := "tie"
		switch {
		case w == "A" && order == 0, w == "B" && order == 1:
			who, pref = "rewrite", pref+0.5
		case w == "B" && order == 0, w == "A" && order == 1:
			who = "reference"
		default:
			pref += 0.25
		}
		v.Winners = append(v.Winners, who)
		v.Reasons = append(v.Reasons, reason)
	}
	v.Preference = pref
	return v
}

func (v JudgeVerdict) usage(in, out float64) Usage {
	u := Usage{PromptTokens: v.u.prompt, CompletionTokens: v.u.completion, TotalTokens: v.u.prompt + v.u.completion}
	u.CostUSD = cost(u, in, out)
	return u
}

func (j *Judge) ask(ctx context.Context, c Case, a, b string) (string, string, judgedUsage, error) {
	var user bytes.Buffer
	fmt.Fprintf(&user, "Audience: %s\nStakes: %s\n", orNone(string(c.Audience)), orNone(string(c.Stakes)))
	fmt.Fprintf(&user, "<situation>\n%s\n</situation>\n<reply_A>\n%s\n</reply_A>\n<reply_B>\n%s\n</reply_B>\n", neutralise(c.Situation), neutralise(a), neutralise(b))
	resp, err := j.Client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model:       j.Model,
		Temperature: judgeTemperature,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: j.system},
			{Role: openai.ChatMessageRoleUser, Content: user.String()},
		},
		ResponseFormat: j.format,
	})
	var u judgedUsage
	if err != nil {
		return "", "", u, fmt.Errorf("judge: %w", err)
	}
	u = judgedUsage{resp.Usage.PromptTokens, resp.Usage.CompletionTokens}
	if len(resp.Choices) == 0 {
		return "", "", u, fmt.Errorf("judge: the model returned no choices")
	}
	var out Verdict
	text := strings.TrimSpace(resp.Choices[0].Message.Content)
	text = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(text, "```json"), "```"), "```")
	if err := json.Unmarshal([]byte(strings.TrimSpace(text)), &out); err != nil {
		return "", "", u, fmt.Errorf("judge: the verdict is not the JSON asked for: %w", err)
	}
	switch out.Winner {
	case "A", "B", "tie":
	default:
		return "", "", u, fmt.Errorf("judge: winner %q is none of A, B, tie", out.Winner)
	}
	return out.Winner, out.Reason, u, nil
}

// neutralise keeps user text from closing the delimiters around it.
func neutralise(s string) string {
	r := strings.NewReplacer("<situation>", "(situation)", "</situation>", "(/situation)",
		"<reply_A>", "(reply_A)", "</reply_A>", "(/reply_A)", "<reply_B>", "(reply_B)", "</reply_B>", "(/reply_B)")
	return r.Replace(s)
}
