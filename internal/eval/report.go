package eval

import "github.com/pushback/pushback/internal/rewrite"

// ReportVersion is the version of the JSON report's schema (evals/README.md,
// evals/report.schema.json). It changes when a field changes meaning or goes.
const ReportVersion = 1

// Report is one eval run. Its JSON form (--format json) is documented in
// evals/README.md and is what --baseline reads back.
type Report struct {
	Version     int              `json:"version" jsonschema:"description=Schema version of this report."`
	Engine      string           `json:"engine,omitempty" jsonschema:"description=Rewrite engine: rules or openai."`
	Model       string           `json:"model,omitempty"`
	JudgeModel  string           `json:"judge_model,omitempty"`
	Mode        string           `json:"mode,omitempty" jsonschema:"enum=offline,enum=live,enum=record,enum=replay,description=How model traffic was served."`
	Repeat      int              `json:"repeat"`
	Concurrency int              `json:"concurrency"`
	Checker     *CheckerSuite    `json:"checker,omitempty" jsonschema:"description=The checker on the documents' own good and bad examples."`
	HeldOut     *CheckerSuite    `json:"heldout,omitempty" jsonschema:"description=The checker on the blind held-out set\\, when present."`
	Cases       *CheckerSuite    `json:"cases,omitempty" jsonschema:"description=The checker on your labelled messages (checker/*.jsonl under --cases\\, and --checker-cases)\\, when given."`
	Rewrite     *RewriteSuite    `json:"rewrite,omitempty"`
	Judge       *JudgeSummary    `json:"judge,omitempty"`
	Usage       Usage            `json:"usage"`
	Thresholds  []ThresholdCheck `json:"thresholds"`
	Regressions []Regression     `json:"regressions"`
	CasesDir    string           `json:"cases_dir,omitempty" jsonschema:"description=The --cases directory the cases came from\\, when not the embedded ones."`
	Baseline    string           `json:"baseline,omitempty" jsonschema:"description=The baseline report compared against\\, if any."`
	Pass        bool             `json:"pass" jsonschema:"description=True when every threshold holds."`
	DurationMS  int64            `json:"duration_ms"`
}

// CheckerSuite is the checker's ranking of good over bad texts.
type CheckerSuite struct {
	Name string `json:"name" jsonschema:"enum=documents,enum=held-out,enum=cases"`
	// AUC is the share of (good, bad) pairs the checker's score orders
	// correctly, a tie counting half.
	AUC      float64 `json:"auc" jsonschema:"minimum=0,maximum=1"`
	Pairs    int     `json:"pairs"`
	Accuracy float64 `json:"accuracy" jsonschema:"minimum=0,maximum=1,description=Share of texts whose pass/fail verdict matches the label."`
	// AntiPatternAccuracy is the share of bad texts with an expected
	// anti-pattern whose first anti-pattern finding names it.
	AntiPatternAccuracy float64       `json:"anti_pattern_accuracy" jsonschema:"minimum=0,maximum=1"`
	Cases               []CheckerCase `json:"cases"`
}

// CheckerCase is the checker's verdict on one labelled text.
type CheckerCase struct {
	ID                  string `json:"id"`
	Source              string `json:"source,omitempty" jsonschema:"description=file:line of a labelled message read from a file."`
	Label               string `json:"label" jsonschema:"enum=good,enum=bad"`
	Score               int    `json:"score"`
	Pass                bool   `json:"pass" jsonschema:"description=The checker's verdict."`
	Correct             bool   `json:"correct" jsonschema:"description=The verdict matches the label."`
	Level               string `json:"level,omitempty"`
	ExpectedAntiPattern string `json:"expected_anti_pattern,omitempty"`
	AntiPattern         string `json:"anti_pattern,omitempty" jsonschema:"description=The first anti-pattern the checker named."`
	AntiPatternMatch    bool   `json:"anti_pattern_match"`
	Error               string `json:"error,omitempty"`
}

// RewriteSuite is an engine's rewrites of every case.
type RewriteSuite struct {
	Engine    string   `json:"engine"`
	Runs      int      `json:"runs" jsonschema:"description=Case runs: cases times repetitions."`
	Passed    int      `json:"passed"`
	PassRate  float64  `json:"pass_rate" jsonschema:"minimum=0,maximum=1"`
	MeanScore float64  `json:"mean_score"`
	Flaky     []string `json:"flaky" jsonschema:"description=Cases that passed in some repetitions and failed in others."`
	// CheckRates is, for every check, the share of runs that passed it.
	CheckRates []CheckRate   `json:"check_rates"`
	Cases      []RewriteCase `json:"cases"`
}

// CheckRate is how often one check passed over the suite's runs.
type CheckRate struct {
	Name   string  `json:"name"`
	Passed int     `json:"passed"`
	Runs   int     `json:"runs"`
	Rate   float64 `json:"rate" jsonschema:"minimum=0,maximum=1"`
	// Failing lists the cases where it failed at least once.
	Failing []string `json:"failing"`
}

// RewriteCase is one case over all its repetitions.
type RewriteCase struct {
	ID             string   `json:"id"`
	Set            string   `json:"set"`
	Tags           []string `json:"tags"`
	Answered       bool     `json:"answered,omitempty" jsonschema:"description=The text scored is the case's answer (from your own model)\\, not a rewrite made in this run."`
	Level          string   `json:"level,omitempty" jsonschema:"description=The level asked for."`
	ReferenceScore *int     `json:"reference_score,omitempty" jsonschema:"description=The checker's score of the reference answer."`
	DraftScore     int      `json:"draft_score" jsonschema:"description=The checker's score of the blunt input."`
	Pass           bool     `json:"pass" jsonschema:"description=Every repetition passed."`
	PassRate       float64  `json:"pass_rate"`
	MeanScore      float64  `json:"mean_score"`
	ScoreStdDev    float64  `json:"score_stddev"`
	Flaky          bool     `json:"flaky"`
	Preference     *float64 `json:"preference,omitempty" jsonschema:"description=Mean judge preference for the rewrite over the reference (1 = always preferred)."`
	// LabelJudge is the judge comparing the blunt draft (labelled bad) with
	// the reference (labelled good); Preference there is for the draft.
	LabelJudge *JudgeVerdict `json:"label_judge,omitempty"`
	Runs       []RewriteRun  `json:"runs"`
}

// RewriteRun is one repetition of a case.
type RewriteRun struct {
	Repetition int           `json:"repetition"`
	Text       string        `json:"text"`
	Score      int           `json:"score"`
	Level      string        `json:"level,omitempty"`
	Pass       bool          `json:"pass"`
	Checks     []Check       `json:"checks"`
	Attempts   int           `json:"attempts"`
	Usage      Usage         `json:"usage"`
	LatencyMS  int64         `json:"latency_ms"`
	Judge      *JudgeVerdict `json:"judge,omitempty"`
	Error      string        `json:"error,omitempty"`
}

// Check is one criterion a rewrite is scored on: first what a reader
// sees (the independent checks of rewrite.Inspect: blunt, stock, goal,
// alternative, splice, limit), then facts, length and injection, then
// what the checker says (checker, score, level).
type Check struct {
	Name   string `json:"name" jsonschema:"enum=blunt,enum=stock,enum=goal,enum=alternative,enum=splice,enum=firmness,enum=limit,enum=facts,enum=length,enum=injection,enum=checker,enum=score,enum=level"`
	Pass   bool   `json:"pass"`
	Detail string `json:"detail,omitempty"`
}

// CheckNames lists every check, in report order.
var CheckNames = append(append([]string{}, rewrite.ReviewChecks...), "facts", "length", "injection", "checker", "score", "level")

// Usage totals tokens and their estimated cost.
type Usage struct {
	PromptTokens     int     `json:"prompt_tokens"`
	CompletionTokens int     `json:"completion_tokens"`
	TotalTokens      int     `json:"total_tokens"`
	CostUSD          float64 `json:"cost_usd" jsonschema:"description=Estimated from the configured prices per 1M tokens."`
}

func (u *Usage) add(o Usage) {
	u.PromptTokens += o.PromptTokens
	u.CompletionTokens += o.CompletionTokens
	u.TotalTokens += o.TotalTokens
	u.CostUSD += o.CostUSD
}

// ThresholdCheck is one pass bar and whether the run met it.
type ThresholdCheck struct {
	Name   string  `json:"name" jsonschema:"description=The threshold\\, as named in thresholds.json."`
	Flag   string  `json:"flag" jsonschema:"description=The flag that sets it."`
	Want   float64 `json:"want"`
	Got    float64 `json:"got"`
	Pass   bool    `json:"pass"`
	Detail string  `json:"detail,omitempty"`
}

// Regression is a case that did worse than in the baseline.
type Regression struct {
	Suite string `json:"suite"`
	ID    string `json:"id"`
	Was   string `json:"was"`
	Now   string `json:"now"`
}

// JudgeVerdict is the judge's pairwise comparison of a rewrite with the
// reference, asked in both orders to cancel position bias.
type JudgeVerdict struct {
	// Preference is 1 when the rewrite won in both orders, 0 when it lost in
	// both, 0.5 for a split or a tie.
	Preference float64  `json:"preference"`
	Winners    []string `json:"winners" jsonschema:"description=Winner per order: rewrite\\, reference or tie; first with the rewrite shown first."`
	Reasons    []string `json:"reasons"`
	Error      string   `json:"error,omitempty"`

	u judgedUsage
}

// JudgeSummary is the judge's overall preference and its agreement with the
// checker and with the labels.
type JudgeSummary struct {
	Model      string  `json:"model"`
	Compared   int     `json:"compared"`
	Preference float64 `json:"preference" jsonschema:"description=Mean preference for the rewrites over the references."`
	// AgreeChecker is the share of comparisons where the judge's winner is
	// the text with the higher checker score (a tie matching a tie).
	AgreeChecker float64 `json:"agree_checker"`
	// AgreeLabels is the share of cases where the judge prefers the
	// reference (labelled good) over the blunt draft (labelled bad).
	AgreeLabels   float64 `json:"agree_labels"`
	LabelPairs    int     `json:"label_pairs"`
	PositionFlips int     `json:"position_flips" jsonschema:"description=Comparisons whose winner changed with the order."`
}
