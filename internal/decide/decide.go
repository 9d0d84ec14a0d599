// Package decide runs the Pushback Decision Framework ("should I push back at
// all?"), the choosing-battles guidance and the calibration rules that say
// which level to start at.
package decide

import (
	"errors"

	"github.com/pushback/pushback/internal/guide"
)

// Input holds the framework's five answers (nil = not answered) and, where
// known, what is at stake.
type Input struct {
	Material       *bool          `json:"material,omitempty" jsonschema:"description=Does this decision materially affect outcomes (deal outcomes, quality, timeline, budget, project success, team capacity, integrity)?"`
	Evidence       *bool          `json:"evidence,omitempty" jsonschema:"description=Do I have evidence to support my alternative?"`
	Hill           *bool          `json:"hill,omitempty" jsonschema:"description=Is this a hill worth dying on?"`
	Alternative    *bool          `json:"alternative,omitempty" jsonschema:"description=Have I proposed (or can I propose) a better alternative?"`
	Right          *bool          `json:"right,omitempty" jsonschema:"description=Am I pushing back because I'm right (true) rather than because I'm uncomfortable (false)?"`
	At             []string       `json:"at_stake,omitempty" jsonschema:"description=What the decision puts at risk: quality, timeline, budget, success, deal_outcome, capacity, integrity or preference."`
	Stakes         guide.Stakes   `json:"stakes,omitempty"`
	Audience       guide.Audience `json:"audience,omitempty"`
	GentleFailed   bool           `json:"gentle_failed,omitempty" jsonschema:"description=True when gentler pushback on this has already been tried and did not work."`
	StrongFeelings bool           `json:"strong_feelings_valid_reasoning,omitempty" jsonschema:"description=True when you feel strongly but the other person has valid reasoning (consider carefully)."`
}

// Row is one framework question with its answer and what it means.
type Row struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Answer   string `json:"answer" jsonschema:"enum=yes,enum=no,enum=unanswered"`
	Outcome  string `json:"outcome" jsonschema:"description=What the framework says to do given this answer."`
}

// Result is the framework's recommendation.
type Result struct {
	Recommendation string      `json:"recommendation" jsonschema:"enum=push_back_with_data,enum=let_it_go,enum=wait_for_evidence,enum=build_alternative_first,enum=reflect_first,enum=escalate"`
	Headline       string      `json:"headline"`
	Battle         string      `json:"battle" jsonschema:"enum=push_back_on,enum=let_go,enum=consider_carefully,description=Where this falls in choosing your battles."`
	StartLevel     guide.Level `json:"start_level,omitempty" jsonschema:"description=The level to start at (absent when the advice is not to push back now)."`
	Rows           []Row       `json:"rows"`
	Reasons        []string    `json:"reasons"`
	NextSteps      []string    `json:"next_steps"`
}

// Decide runs the framework. Unknown at_stake, stakes or audience values are
// errors wrapping guide.ErrUnknownValue.
func Decide(g *guide.Guide, in Input) (Result, error) {
	return Result{}, errors.New("decide: not implemented yet")
}

// LevelInput is what the calibration rules need.
type LevelInput struct {
	Stakes       guide.Stakes   `json:"stakes"`
	Audience     guide.Audience `json:"audience,omitempty"`
	GentleFailed bool           `json:"gentle_failed,omitempty" jsonschema:"description=True when gentler pushback on this has already been tried and did not work."`
	FirstRaise   bool           `json:"first_raise,omitempty" jsonschema:"description=True when this is the first time you raise it."`
}

// LevelResult is a recommended level with the documents' guidance for it.
type LevelResult struct {
	Level   guide.Level   `json:"level"`
	Allowed []guide.Level `json:"allowed" jsonschema:"description=Levels that also fit these stakes."`
	Why     string        `json:"why"`
	Phrases []string      `json:"phrases" jsonschema:"description=The documents' phrases for this level."`
}

// RecommendLevel applies the calibration rules.
func RecommendLevel(g *guide.Guide, in LevelInput) (LevelResult, error) {
	return LevelResult{}, errors.New("decide: not implemented yet")
}
