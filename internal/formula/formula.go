// Package formula renders pushbacks from the five-step formula and from the
// documents' named scenarios, at a chosen level.
package formula

import (
	"errors"

	"github.com/pushback/pushback/internal/guide"
)

// ErrMissingField is wrapped by the error for a missing required field; the
// message names the field.
var ErrMissingField = errors.New("missing required field")

// Fields are the formula's inputs.
type Fields struct {
	Goal        string         `json:"goal" jsonschema:"description=Their goal, in their terms (acknowledge): e.g. launching on the 1st."`
	Concern     string         `json:"concern" jsonschema:"description=What you are concerned about and why (context)."`
	Impact      string         `json:"impact" jsonschema:"description=What happens if we go this route, quantified where possible (impact)."`
	Alternative string         `json:"alternative" jsonschema:"description=The approach you propose instead, which still serves their goal."`
	Invitation  string         `json:"invitation,omitempty" jsonschema:"description=How you hand the decision back; a default question fits the level when omitted."`
	Level       guide.Level    `json:"level,omitempty"`
	Audience    guide.Audience `json:"audience,omitempty"`
}

// Part is one rendered formula step with its place in the text.
type Part struct {
	Step  string `json:"step"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Result is a rendered pushback.
type Result struct {
	Text     string      `json:"text"`
	Level    guide.Level `json:"level"`
	Scenario string      `json:"scenario,omitempty"`
	Parts    []Part      `json:"parts"`
}

// Render fills the formula at f.Level (moderate when empty).
func Render(g *guide.Guide, f Fields) (Result, error) {
	return Result{}, errors.New("formula: not implemented yet")
}

// RenderScenario fills a named scenario's template with values by field name.
func RenderScenario(g *guide.Guide, id string, values map[string]string, level guide.Level) (Result, error) {
	return Result{}, errors.New("formula: not implemented yet")
}
