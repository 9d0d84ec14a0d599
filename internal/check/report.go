package check

import (
	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Input is what the checker judges. Only Draft is required.
type Input struct {
	Draft     string         `json:"draft" jsonschema:"minLength=1,maxLength=20000,description=The message you intend to send (up to 20000 characters)."`
	Audience  guide.Audience `json:"audience,omitempty"`
	Situation string         `json:"situation,omitempty" jsonschema:"maxLength=20000,description=What the other person said or asked that you are pushing back on. Add what the draft may leave out: a product gap ('it has no offline mode yet')\\, a risk you know of ('I know the migration needs a 48-hour freeze') or a decision already made ('decision is final'); the checker then flags a reply that steps around the gap\\, goes along without naming the risk or argues on without committing."`
	Stakes    guide.Stakes   `json:"stakes,omitempty"`
	Level     guide.Level    `json:"level,omitempty" jsonschema:"description=The level you intend the draft to read at; omit to judge against the stakes alone."`
	// Matter is what kind of question it is: on a rule or an integrity
	// matter no finding advises handing the decision back or supporting
	// their call (the guide's firm suggestions replace those).
	Matter guide.Matter `json:"matter,omitempty"`
	// Explain asks for the features that weighed most in the verdict
	// (Report.Explanation).
	Explain bool `json:"-"`
}

// Severity of a finding, Vale-style.
const (
	SeverityError      = "error"
	SeverityWarning    = "warning"
	SeveritySuggestion = "suggestion"
)

// Finding kinds.
const (
	KindAntiPattern = "anti_pattern" // Rule is an anti-pattern id from the guide
	KindMissingStep = "missing_step" // Rule is "missing_<step id>"
	KindCalibration = "calibration"  // Rule is "miscalibrated"
	KindPlaceholder = "placeholder"  // Rule is "unfilled_placeholder": a slot left to fill
)

// Report is the checker's verdict on a draft. Its JSON form is the stable,
// documented output of `pushback check --json` and of the MCP check tool.
type Report struct {
	Score           int                  `json:"score" jsonschema:"minimum=0,maximum=100,description=Overall quality of the pushback from 0 to 100."`
	Pass            bool                 `json:"pass" jsonschema:"description=Whether a seasoned professional would send this as is."`
	Level           guide.Level          `json:"level,omitempty" jsonschema:"description=The level of directness the draft reads at; left out when it fails for an anti-pattern (see reads_as)."`
	ReadsAs         string               `json:"reads_as,omitempty" jsonschema:"description=How a draft that fails for an anti-pattern comes across instead of a level: curt\\, resentful\\, compliant\\, condescending\\, hostile ..."`
	LevelConfidence float64              `json:"level_confidence,omitempty" jsonschema:"minimum=0,maximum=1,description=How sure the learned judge is of level (0 to 1); below 0.7 the level is not judged against the one intended."`
	IntendedLevel   guide.Level          `json:"intended_level,omitempty" jsonschema:"description=The level asked for\\, or the one the stakes and the audience start at (as decide and recommend_level give it)."`
	Components      []Component          `json:"components" jsonschema:"description=The five formula parts\\, in order\\, each present or not with the spans that show it."`
	Signals         []Signal             `json:"signals" jsonschema:"description=Supporting signals: we_framing\\, evidence\\, alternative\\, question."`
	Findings        []Finding            `json:"findings" jsonschema:"description=Problems found\\, most severe first."`
	TopFixes        []string             `json:"top_fixes" jsonschema:"description=Up to three fixes\\, most important first."`
	Summary         string               `json:"summary" jsonschema:"description=One-sentence verdict."`
	Disagreement    string               `json:"disagreement,omitempty" jsonschema:"description=Set when the cues (phrases and structure) and the learned judge (the message read as a whole) disagree: what each found. The verdict is the judge's."`
	Explanation     []model.Contribution `json:"explanation,omitempty" jsonschema:"description=With explain: the features of the draft that weighed most in the verdict\\, positive toward pass."`
	Stance          string               `json:"stance,omitempty" jsonschema:"enum=pushback,enum=let_it_go,enum=disagree_and_commit,enum=warranted_escalation,description=Why a passing draft is the right reply: pushback (it challenges with reasons and a way forward)\\, let_it_go (low stakes and no known risk: going along is right)\\, disagree_and_commit (the case was made and it backs the decision) or warranted_escalation (critical stakes or gentler pushback failed: firm and calm)."`
	// cueStance is the cues' own stance (let_it_go, disagree_and_commit or
	// ""), whether or not they pass the draft: see CueStance.
	cueStance string
}

// Stances: why a passing draft is the right reply.
const (
	StancePushback   = "pushback"
	StanceCommit     = "disagree_and_commit"
	StanceLetGo      = "let_it_go"
	StanceEscalation = "warranted_escalation"
)

// Component is one formula step as found in the draft.
type Component struct {
	Step    string       `json:"step" jsonschema:"enum=acknowledge,enum=context,enum=impact,enum=alternative,enum=invite"`
	Present bool         `json:"present"`
	Spans   []draft.Span `json:"spans"`
}

// Signal is a supporting quality of a good pushback.
type Signal struct {
	Name    string       `json:"name" jsonschema:"enum=we_framing,enum=evidence,enum=alternative,enum=question"`
	Present bool         `json:"present"`
	Spans   []draft.Span `json:"spans"`
}

// Finding is one problem, with where it is, why it matters (in the
// documents' words) and what to do instead.
type Finding struct {
	Rule       string `json:"rule" jsonschema:"description=Anti-pattern id (e.g. dismissive_no)\\, missing_<step>\\, miscalibrated or unfilled_placeholder."`
	Kind       string `json:"kind" jsonschema:"enum=anti_pattern,enum=missing_step,enum=calibration,enum=placeholder"`
	Severity   string `json:"severity" jsonschema:"enum=error,enum=warning,enum=suggestion"`
	Message    string `json:"message"`
	Why        string `json:"why,omitempty" jsonschema:"description=The source document's reason."`
	Source     string `json:"source,omitempty" jsonschema:"description=Which document: client or leadership."`
	Start      int    `json:"start" jsonschema:"description=Character offset where the problem starts (0 and 0 when it is about the whole draft)."`
	End        int    `json:"end" jsonschema:"description=Character offset just past the problem (exclusive)."`
	Excerpt    string `json:"excerpt,omitempty"`
	Suggestion string `json:"suggestion"`
}
