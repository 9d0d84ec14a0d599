// Package decide runs the Pushback Decision Framework ("should I push back at
// all?"), the choosing-battles guidance and the calibration rules that say
// which level to start at.
//
// The framework's five questions each carry an outcome in the guide, but the
// documents do not say which answer wins when they disagree. Decide weighs
// them the way a seasoned mentor would, first match wins:
//
//  1. Pushing back because you are uncomfortable, not because you are right
//     (motive = no): reflect_first. A bad motive taints everything else.
//  2. It does not materially affect outcomes (material = no, or everything at
//     stake is a personal preference): let_it_go. Save your pushback capital.
//  3. Material, but no evidence for your alternative (evidence = no):
//     wait_for_evidence. Numbers beat opinions; get them first.
//  4. No better alternative (alternative = no): build_alternative_first. An
//     objection without a proposal is complaint.
//  5. Not a hill worth dying on (hill = no) and gentle pushback has already
//     failed: let_it_go. You made your case; disagree and commit.
//  6. A hill worth dying on (hill = yes), gentle pushback failed and the
//     stakes are critical: escalate.
//  7. Whether it matters is unknown (material unanswered and nothing at
//     stake given): reflect_first. "What's really at stake here?" comes
//     before any pushback.
//  8. Otherwise: push_back_with_data, at the calibrated level.
//
// When material is unanswered it is inferred from what is at stake (any
// material stake: yes; only preference: no), else from the stakes (medium or
// more: yes; low says nothing either way). When stakes are unanswered they
// are inferred from what is at stake too: integrity is critical, any other
// material stake medium, a preference low. Strong feelings against someone's
// valid reasoning put the battle in "consider carefully" and start you at
// the mildest allowed level.
package decide

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pushback/pushback/internal/guide"
)

// Input holds the framework's five answers (nil = not answered) and, where
// known, what is at stake.
type Input struct {
	Material       *bool          `json:"material,omitempty" jsonschema:"description=Does it materially affect outcomes?"`
	Evidence       *bool          `json:"evidence,omitempty" jsonschema:"description=Is there evidence for the alternative?"`
	Hill           *bool          `json:"hill,omitempty" jsonschema:"description=A hill worth dying on?"`
	Alternative    *bool          `json:"alternative,omitempty" jsonschema:"description=Is a better alternative ready?"`
	Right          *bool          `json:"right,omitempty" jsonschema:"description=Because right (true) or uncomfortable (false)?"`
	At             []string       `json:"at_stake,omitempty" jsonschema:"maxItems=16,maxLength=32,description=Any of quality\\, timeline\\, budget\\, success\\, deal_outcome\\, capacity\\, integrity\\, preference."`
	Stakes         guide.Stakes   `json:"stakes,omitempty"`
	Audience       guide.Audience `json:"audience,omitempty"`
	Matter         guide.Matter   `json:"matter,omitempty"`
	GentleFailed   bool           `json:"gentle_failed,omitempty" jsonschema:"description=Gentler pushback on this was tried and failed."`
	StrongFeelings bool           `json:"strong_feelings_valid_reasoning,omitempty" jsonschema:"description=You feel strongly but they have valid reasoning."`
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
	Recommendation string       `json:"recommendation" jsonschema:"enum=push_back_with_data,enum=let_it_go,enum=wait_for_evidence,enum=build_alternative_first,enum=reflect_first,enum=escalate"`
	Headline       string       `json:"headline"`
	Battle         string       `json:"battle" jsonschema:"enum=push_back_on,enum=let_go,enum=consider_carefully,description=Where this falls in choosing your battles."`
	StartLevel     guide.Level  `json:"start_level,omitempty" jsonschema:"description=The level to start at (absent when the advice is not to push back now)."`
	LevelWhy       string       `json:"level_why,omitempty" jsonschema:"description=Why that level: the stakes\\, the audience and whether this is a first or repeated pushback."`
	Matter         guide.Matter `json:"matter" jsonschema:"description=What kind of question it is\\, as given or inferred (integrity when integrity is at stake\\, else a trade-off): a rule or an integrity matter is not theirs to decide."`
	Rows           []Row        `json:"rows"`
	Reasons        []string     `json:"reasons"`
	NextSteps      []string     `json:"next_steps"`
	AudienceAdvice string       `json:"audience_advice,omitempty" jsonschema:"description=How the documents say to deliver it to this audience (present when the audience is given)."`
}

// Recommendations, as ids in guide.Framework.Recommendations.
const (
	PushBackWithData      = "push_back_with_data"
	LetItGo               = "let_it_go"
	WaitForEvidence       = "wait_for_evidence"
	BuildAlternativeFirst = "build_alternative_first"
	ReflectFirst          = "reflect_first"
	Escalate              = "escalate"
)

// Battles, as in guide.Battles.
const (
	BattlePushBackOn        = "push_back_on"
	BattleLetGo             = "let_go"
	BattleConsiderCarefully = "consider_carefully"
)

// Answers in a Row.
const (
	AnswerYes        = "yes"
	AnswerNo         = "no"
	AnswerUnanswered = "unanswered"
)

// Decide runs the framework. Unknown at_stake, stakes or audience values are
// errors wrapping guide.ErrUnknownValue.
func Decide(g *guide.Guide, in Input) (Result, error) {
	if _, err := guide.ParseStakes(string(in.Stakes)); err != nil {
		return Result{}, fmt.Errorf("decide: %w", err)
	}
	aud, err := guide.ParseAudience(string(in.Audience))
	if err != nil {
		return Result{}, fmt.Errorf("decide: %w", err)
	}
	mat, err := guide.ParseMatter(string(in.Matter))
	if err != nil {
		return Result{}, fmt.Errorf("decide: %w", err)
	}
	at, err := stakesAt(g, in.At)
	if err != nil {
		return Result{}, err
	}
	var reasons []string
	if mat == "" {
		mat = inferMatter(at)
	}

	// Infer what was not answered from what is at stake.
	material := in.Material
	if material == nil && len(at) > 0 {
		m := slices.ContainsFunc(at, func(s guide.Stake) bool { return s.Material })
		material = &m
		reasons = append(reasons, fmt.Sprintf("Material inferred from what is at stake (%s).", names(at)))
	}
	stakes := guide.Stakes(strings.ToLower(strings.TrimSpace(string(in.Stakes))))
	if stakes == "" && len(at) > 0 {
		stakes = inferStakes(at)
		reasons = append(reasons, fmt.Sprintf("Stakes inferred as %s from what is at stake.", stakes))
	}
	if material == nil && stakes.Rank() >= guide.StakesMedium.Rank() {
		m := true
		material = &m
		reasons = append(reasons, fmt.Sprintf("Material inferred from the stakes (%s).", stakes))
	}

	rows := make([]Row, 0, len(g.Framework.Questions))
	answers := map[string]*bool{
		"material": material, "evidence": in.Evidence, "hill": in.Hill,
		"alternative": in.Alternative, "motive": in.Right,
	}
	for _, q := range g.Framework.Questions {
		rows = append(rows, row(q, answers[q.ID]))
	}

	battle := BattleConsiderCarefully
	switch {
	case material != nil && !*material:
		battle = BattleLetGo
	case in.StrongFeelings:
		battle = BattleConsiderCarefully
	case material != nil && *material:
		battle = BattlePushBackOn
	}

	isNo := func(b *bool) bool { return b != nil && !*b }
	isYes := func(b *bool) bool { return b != nil && *b }
	var rec string
	switch {
	case isNo(in.Right) && isNo(material):
		// Discomfort over something that does not matter: the answer is
		// to let it go, not to reflect and then decide.
		rec = LetItGo
		reasons = append(reasons, outcomeReason(g, "motive", false), outcomeReason(g, "material", false), g.Battles.LetGo.Text, g.Battles.Capital)
	case isNo(in.Right):
		rec = ReflectFirst
		reasons = append(reasons, outcomeReason(g, "motive", false))
	case isNo(material):
		rec = LetItGo
		reasons = append(reasons, outcomeReason(g, "material", false), g.Battles.LetGo.Text, g.Battles.Capital)
	case isNo(in.Evidence):
		rec = WaitForEvidence
		reasons = append(reasons, outcomeReason(g, "evidence", false))
	case isNo(in.Alternative):
		rec = BuildAlternativeFirst
		reasons = append(reasons, outcomeReason(g, "alternative", false))
	case isNo(in.Hill) && in.GentleFailed:
		rec = LetItGo
		reasons = append(reasons, outcomeReason(g, "hill", false), "You have already made your case and it is not a hill worth dying on: accept the decision gracefully (disagree and commit).")
	case isYes(in.Hill) && in.GentleFailed && stakes == guide.StakesCritical:
		rec = Escalate
		reasons = append(reasons, outcomeReason(g, "hill", true), "The stakes are critical and gentler pushback has not worked.")
	case material == nil:
		rec = ReflectFirst
		reasons = append(reasons, "Whether this materially affects outcomes is unanswered, and nothing at stake is given. Ask yourself: "+g.Battles.Question)
	default:
		rec = PushBackWithData
		reasons = append(reasons, outcomeReason(g, "material", true), g.Battles.PushBackOn.Text)
		if isYes(in.Evidence) {
			reasons = append(reasons, outcomeReason(g, "evidence", true))
		}
		if isYes(in.Alternative) {
			reasons = append(reasons, outcomeReason(g, "alternative", true))
		}
	}
	if battle == BattleConsiderCarefully && in.StrongFeelings {
		reasons = append(reasons, g.Battles.ConsiderCarefully.Text)
	}

	res := Result{
		Recommendation: rec,
		Headline:       headline(g, rec),
		Battle:         battle,
		Matter:         mat,
		Rows:           rows,
		Reasons:        reasons,
	}
	if rec == PushBackWithData || rec == Escalate {
		lvl := guide.LevelModerate
		why := "No stakes given: start at moderate and say how much rides on it to calibrate."
		if stakes != "" {
			lr, err := RecommendLevel(g, LevelInput{Stakes: stakes, Audience: in.Audience, GentleFailed: in.GentleFailed})
			if err != nil {
				return Result{}, err
			}
			lvl, why = lr.Level, lr.Why
			if in.StrongFeelings && len(lr.Allowed) > 0 && lr.Allowed[0] != lvl {
				lvl = lr.Allowed[0]
				why = fmt.Sprintf("You feel strongly but they have valid reasoning: start at %s, the gentlest these stakes allow.", lvl)
			}
		} else if in.StrongFeelings {
			lvl = guide.LevelMild
			why = "You feel strongly but they have valid reasoning: start mild, with a question."
		}
		if rec == Escalate {
			lvl = guide.LevelEscalated
			why = "Critical stakes, a hill worth dying on, and gentler pushback has not worked: escalate, in writing."
		}
		res.StartLevel, res.LevelWhy = lvl, why
	}
	// Letting it go (the framework's answer, or a battle that does not
	// matter whatever the motive) needs no advice on delivering a
	// pushback, nor the framework's open questions: the reply is a yes.
	letGo := rec == LetItGo || battle == BattleLetGo
	if !letGo {
		res.AudienceAdvice = g.AudienceAdvice(aud, mat)
	}
	// The audience's advice, when there is one, already says what the
	// matter asks: the next steps do not repeat it.
	res.NextSteps = nextSteps(g, rec, mat, res.AudienceAdvice == "", letGo, rows)
	return res, nil
}

// inferMatter is the matter when it is not given: integrity when
// integrity is at stake, else a trade-off (a rule cannot be told from what
// is at stake: the caller says so).
func inferMatter(at []guide.Stake) guide.Matter {
	if slices.ContainsFunc(at, func(s guide.Stake) bool { return s.ID == "integrity" }) {
		return guide.MatterIntegrity
	}
	return guide.MatterTradeOff
}

// audienceAdvice is the guide's advice for a, or "" when a is not given.
func audienceAdvice(g *guide.Guide, a guide.Audience) string {
	if info, ok := g.Audience(a); ok {
		return info.Advice
	}
	return ""
}

// stakesAt resolves at_stake ids (case-insensitive, spaces or hyphens for
// underscores) against guide.Battles.Stakes.
func stakesAt(g *guide.Guide, ids []string) ([]guide.Stake, error) {
	var out []guide.Stake
	for _, raw := range ids {
		id := guide.NormaliseID(raw)
		if id == "" {
			continue
		}
		i := slices.IndexFunc(g.Battles.Stakes, func(s guide.Stake) bool { return s.ID == id })
		if i < 0 {
			valid := make([]string, len(g.Battles.Stakes))
			for j, s := range g.Battles.Stakes {
				valid[j] = s.ID
			}
			return nil, fmt.Errorf("decide: %w for at_stake: %q (use one of %s)", guide.ErrUnknownValue, raw, strings.Join(valid, ", "))
		}
		if !slices.ContainsFunc(out, func(s guide.Stake) bool { return s.ID == id }) {
			out = append(out, g.Battles.Stakes[i])
		}
	}
	return out, nil
}

func inferStakes(at []guide.Stake) guide.Stakes {
	s := guide.StakesLow
	for _, a := range at {
		switch {
		case a.ID == "integrity":
			return guide.StakesCritical
		case a.Material:
			s = guide.StakesMedium
		}
	}
	return s
}

func names(at []guide.Stake) string {
	n := make([]string, len(at))
	for i, s := range at {
		n[i] = s.ID
	}
	return strings.Join(n, ", ")
}

func row(q guide.Question, ans *bool) Row {
	r := Row{ID: q.ID, Question: q.Question}
	switch {
	case ans == nil:
		r.Answer = AnswerUnanswered
		r.Outcome = fmt.Sprintf("Not answered (yes: %s; no: %s).", q.IfYes, q.IfNo)
	case *ans:
		r.Answer, r.Outcome = AnswerYes, q.IfYes
	default:
		r.Answer, r.Outcome = AnswerNo, q.IfNo
	}
	return r
}

// outcomeReason quotes one framework row: "<question> yes → <outcome>".
func outcomeReason(g *guide.Guide, id string, yes bool) string {
	for _, q := range g.Framework.Questions {
		if q.ID != id {
			continue
		}
		ans, out, means := "Yes", q.IfYes, q.YesMeans
		if !yes {
			ans, out, means = "No", q.IfNo, q.NoMeans
		}
		if means != "" {
			ans += " (" + means + ")"
		}
		return fmt.Sprintf("%s %s: %s.", q.Question, ans, out)
	}
	return ""
}

func headline(g *guide.Guide, rec string) string {
	for _, r := range g.Framework.Recommendations {
		if r.ID == rec {
			return r.Text
		}
	}
	return rec
}

// nextSteps are what to do next, about this decision: the formula's
// parts, what a rule or integrity matter asks of the message, and the
// questions left open. No stock sentence to paste into a reply: decide
// does not know the situation's words, so it names what to say, not how.
func nextSteps(g *guide.Guide, rec string, mat guide.Matter, matterStep, letGo bool, rows []Row) []string {
	if letGo {
		// No case to build: the questions left open (evidence, an
		// alternative) would only send the user looking for one.
		return []string{letGoStep}
	}
	var steps []string
	switch rec {
	case ReflectFirst:
		steps = append(steps, "Write down what is at stake and the outcome you are protecting, with the evidence for it; if you cannot, the discomfort may be yours, not the decision's.")
	case WaitForEvidence:
		steps = append(steps, "Gather the data that supports your alternative (numbers, discovery notes, past projects), then run this again.")
	case BuildAlternativeFirst:
		if s, ok := g.Step("alternative"); ok {
			steps = append(steps, fmt.Sprintf("Build a counter-proposal that serves their goal: %q", s.Template))
		}
	case PushBackWithData, Escalate:
		parts := make([]string, len(g.Formula.Steps))
		for i, s := range g.Formula.Steps {
			parts[i] = s.Name
		}
		steps = append(steps, "Write it with the formula: "+strings.Join(parts, ", ")+".")
		if mi, ok := g.Matter(mat); ok && matterStep && !mi.HandsBack && mi.Step != "" {
			steps = append(steps, mi.Step)
		}
		if mi, _ := g.Matter(mat); rec == Escalate && mi.HandsBack {
			steps = append(steps, "Put the risks in writing so you are both clear on them, and leave the decision with them.")
		} else if rec == Escalate {
			steps = append(steps, "Put it in writing so you are both clear on where it stands.")
		}
		steps = append(steps, "Check the draft before you send it; once it passes it is ready: do not polish it for the score.")
	}
	for _, r := range rows {
		if r.Answer == AnswerUnanswered {
			steps = append(steps, "Answer: "+r.Question)
		}
	}
	return steps
}

// letGoStep is the next step when the answer is to let it go.
const letGoStep = "Go along with it without resistance: reply with a short, gracious yes that settles any practical detail, with no case, evidence or alternative; save your pushback capital for decisions that matter."

// LevelInput is what the calibration rules need.
type LevelInput struct {
	Stakes       guide.Stakes   `json:"stakes"`
	Audience     guide.Audience `json:"audience,omitempty"`
	GentleFailed bool           `json:"gentle_failed,omitempty" jsonschema:"description=Gentler pushback on this was tried and failed."`
	FirstRaise   bool           `json:"first_raise,omitempty" jsonschema:"description=The first time it is raised."`
}

// LevelResult is a recommended level with the documents' guidance for it.
type LevelResult struct {
	Level   guide.Level   `json:"level"`
	Allowed []guide.Level `json:"allowed" jsonschema:"description=Levels that also fit these stakes."`
	Why     string        `json:"why"`
	Phrases []string      `json:"phrases" jsonschema:"description=The documents' phrases for this level."`
	// The stakes set the level whoever the audience; the audience changes
	// how to deliver it.
	AudienceAdvice string `json:"audience_advice,omitempty" jsonschema:"description=How the documents say to deliver it to this audience (present when the audience is given)."`
}

// ErrNoStakes is returned by RecommendLevel when stakes are not given.
var ErrNoStakes = errors.New("stakes are required")

// RecommendLevel applies the calibration rules (guide.StartLevel, the one
// rule the checker and the rewrite use too): the stakes give the level to
// start at; a repeated pushback (gentler pushback failed, and this is not
// the first raise) is one step more direct, within the levels the stakes
// allow, and escalated only at critical stakes; a first pushback to an
// audience with a cap (a colleague: moderate) starts no higher than the cap
// below critical stakes.
func RecommendLevel(g *guide.Guide, in LevelInput) (LevelResult, error) {
	s, err := guide.ParseStakes(string(in.Stakes))
	if err != nil {
		return LevelResult{}, fmt.Errorf("recommend level: %w", err)
	}
	if s == "" {
		return LevelResult{}, fmt.Errorf("recommend level: %w (use one of %s)", ErrNoStakes, joinStakes())
	}
	aud, err := guide.ParseAudience(string(in.Audience))
	if err != nil {
		return LevelResult{}, fmt.Errorf("recommend level: %w", err)
	}
	row, ok := g.StakesLevel(s)
	if !ok {
		return LevelResult{}, fmt.Errorf("recommend level: no calibration for stakes %s", s)
	}
	lvl, why, _ := g.StartLevel(s, aud, in.GentleFailed && !in.FirstRaise)
	li, ok := g.Level(lvl)
	if !ok {
		return LevelResult{}, fmt.Errorf("recommend level: unknown level %s in calibration data", lvl)
	}
	why += " " + li.Name + ": " + li.When
	return LevelResult{
		Level:          lvl,
		Allowed:        append([]guide.Level{}, row.Allowed...),
		Why:            why,
		Phrases:        append([]string{}, li.Phrases...),
		AudienceAdvice: audienceAdvice(g, aud),
	}, nil
}

func joinStakes() string {
	s := make([]string, len(guide.AllStakes))
	for i, v := range guide.AllStakes {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
