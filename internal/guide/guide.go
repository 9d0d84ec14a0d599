// Package guide holds the domain of pushback as data: the Pushback Decision
// Framework, choosing battles, the calibration levels, the five-step formula,
// the phrase lists, the anti-patterns, the scenarios and the documents' own
// good and bad examples. It is loaded once from the embedded JSON files under
// data/; every other package interprets it and none restates it.
package guide

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/*.json
var dataFS embed.FS

// Guide is the whole domain, as loaded from data/.
type Guide struct {
	Sources      []Source       `json:"sources"`
	Principles   []Principle    `json:"principles"`
	Framework    Framework      `json:"framework"`
	Battles      Battles        `json:"battles"`
	Levels       []LevelInfo    `json:"levels"`
	StakesLevels []StakesLevel  `json:"stakes_levels"`
	Formula      Formula        `json:"formula"`
	Phrases      Phrases        `json:"phrases"`
	AntiPatterns []AntiPattern  `json:"anti_patterns"`
	Examples     []Example      `json:"examples"`
	Scenarios    []Scenario     `json:"scenarios"`
	Signals      []SignalDef    `json:"signals"`
	Features     []FeatureDef   `json:"features"`
	Audiences    []AudienceInfo `json:"audiences"`
	Tone         Tone           `json:"tone"`
	Stock        Stock          `json:"stock"`
	Placeholders Placeholders   `json:"placeholders"`
	Rewrite      RewriteGuide   `json:"rewrite"`
}

// Stock is the stock lines: whole openers, closers and fillers that fit any
// message and name nothing of the other person's goal or the writer's
// reasons ("I hear you.", "What do you think?"). The checker's verdict does
// not count them; the rewrite's eval keeps their number within a budget.
type Stock struct {
	About string      `json:"about"`
	Lines []StockLine `json:"lines"`
}

// StockLine is one stock line: an RE2 pattern, matched case-insensitively
// against a plain-quote copy of a text, covering the whole line or clause
// with its end punctuation; Examples it must match and Not texts it must not.
type StockLine struct {
	ID string `json:"id"`
	// Needs are lower-case literals of which every match holds one: the
	// pattern runs only on a text that holds one of them.
	Needs    []string `json:"needs"`
	Pattern  string   `json:"pattern"`
	Examples []string `json:"examples"`
	Not      []string `json:"not"`
}

// AudienceInfo is how the documents say to deliver pushback to one
// audience, with the principles it rests on.
type AudienceInfo struct {
	ID         Audience `json:"id"`
	Source     string   `json:"source"`
	Advice     string   `json:"advice"`
	Principles []string `json:"principles"`
	// Decides is whose decision a pushback to this audience leaves open:
	// "them" (the message hands it back: "it's your call"), "together"
	// (a colleague: decided jointly) or "me" (someone who reports to you:
	// the writer decides, states Decision and the way forward, and ends
	// on Invite instead of handing the decision back).
	Decides  string `json:"decides"`
	Decision string `json:"decision,omitempty"`
	Invite   string `json:"invite,omitempty"`
	// FirstCap is the most direct level for a first pushback to this
	// audience below critical stakes, with FirstNote saying why (a first
	// message to a colleague is rarely strong).
	FirstCap  Level  `json:"first_cap,omitempty"`
	FirstNote string `json:"first_note,omitempty"`
	// FirmAdvice replaces Advice when the matter is not theirs to decide
	// (a rule, integrity) and Advice would hand it back; when empty,
	// Advice is given with the matter's own advice after it.
	FirmAdvice string `json:"firm_advice,omitempty"`
	// Escalate is how an escalated message to this audience says it is
	// taking the matter further: in writing to a client or a leader, to a
	// shared manager with a colleague.
	Escalate string `json:"escalate"`
}

// Who decides, in AudienceInfo.Decides.
const (
	DecidesThem     = "them"
	DecidesTogether = "together"
	DecidesMe       = "me"
)

// Tone is the offline rewrite engine's own tone heuristics: what it strips
// from every clause it keeps (leading interjections, shouting, phrases it
// replaces) and what it never keeps (instructions aimed at a model).
// Patterns are RE2, matched case-insensitively; Interjections are
// alternatives the engine anchors at a clause start.
type Tone struct {
	About         string        `json:"about"`
	Interjections []string      `json:"interjections"`
	Injection     []string      `json:"injection"`
	Shouting      []string      `json:"shouting"`
	Replacements  []Replacement `json:"replacements"`
	// Judgements are replacements only the trim applies: a contemptuous
	// verdict said plainly ("is a joke" -> "isn't realistic"). The rebuild
	// reads the verdict as a judgement and says it its own way.
	Judgements []Replacement `json:"judgements"`
}

// RewriteGuide is how the offline rules engine reads a draft clause by
// clause and rebuilds it (data/rewrite.json): the classes it sorts clauses
// into, tried in order, each with cues that carry their own examples and
// counter-examples; the verbs that start a command or a request; and the
// wording of the rebuild, by level.
type RewriteGuide struct {
	About   string        `json:"about"`
	Classes []ClauseClass `json:"classes"`
	// Verbs are base forms that start a command ("Run one more cycle")
	// or a request's verb phrase; the command cue's @verbs stands for them.
	Verbs []string `json:"verbs"`
	// IrregularIng are -ing forms the spelling rules get wrong.
	IrregularIng map[string]string `json:"irregular_ing"`
	Forms        RewriteForms      `json:"forms"`
}

// ClauseClass is one kind of clause (greeting, blame, proposal, ...) and
// what the rewrite does with it.
type ClauseClass struct {
	ID   string      `json:"id"`
	Name string      `json:"name"`
	Does string      `json:"does"`
	Cues []ClauseCue `json:"cues"`
}

// ClauseCue recognises a class: Pattern (RE2, case-insensitive) must match
// every text in Examples and none in Not. Form says how the rewrite says
// what it matched: a judgement as a worry, a doubt or a risk (its first
// group is what it risks); a refusal bare (left out), as a doubt, or held
// off by its -ing phrase (ing), its verb phrase (vp) or as an ultimatum's
// tail (dont); blame restated without the "you" (restate: group 1 what
// changed, group 2 how often).
type ClauseCue struct {
	Pattern  string   `json:"pattern"`
	Note     string   `json:"note,omitempty"`
	Form     string   `json:"form,omitempty"`
	Examples []string `json:"examples"`
	Not      []string `json:"not,omitempty"`
}

// Clause classes the rules engine treats specially; data/rewrite.json must
// define each.
var ClauseClasses = []string{"greeting", "signoff", "insult", "blame", "venting", "rhetorical", "refusal", "proposal", "command", "question", "judgement", "consequence", "fact"}

// ClauseForms are the forms a clause cue may name.
var ClauseForms = []string{"worry", "doubt", "risk", "bare", "ing", "vp", "dont", "restate", "time"}

// RewriteForms is the wording the rules engine rebuilds with. Keys of the
// maps are level ids. Placeholders: {goal}, {goal_to}, {request}, {vp},
// {shared}, {subject}, {Subject} (capitalised), {object}.
type RewriteForms struct {
	Acknowledge struct {
		Goal       []string `json:"goal"`
		RequestYou []string `json:"request_you"`
		// WantVP and WantNP say back a request read from a brief: "I
		// know you want to {vp}", "I understand you'd like {np}".
		WantVP []string `json:"want_vp"`
		WantNP []string `json:"want_np"`
		Shared []string `json:"shared"`
		Chat   []string `json:"chat"`
	} `json:"acknowledge"`
	Lead           map[Level][]string `json:"lead"`
	LeadIt         map[Level][]string `json:"lead_it"`
	Risk           map[Level]string   `json:"risk"`
	Worry          map[Level]string   `json:"worry"`
	Doubt          map[Level]string   `json:"doubt"`
	Propose        map[Level][]string `json:"propose"`
	HoldIng        map[Level]string   `json:"hold_ing"`
	HoldVP         map[Level]string   `json:"hold_vp"`
	MustNot        map[Level]string   `json:"must_not"`
	MustNotWithout map[Level]string   `json:"must_not_without"`
	// Escalate opens an escalated rewrite whose draft voices no concern
	// of its own at that level (the documents' escalation phrase).
	Escalate     string             `json:"escalate"`
	Slot         string             `json:"slot"`
	SlotForms    map[Level]string   `json:"slot_forms"`
	SlotNote     string             `json:"slot_note"`
	ReasonSlot   string             `json:"reason_slot"`
	ReasonForm   string             `json:"reason_form"`
	ReasonNote   string             `json:"reason_note"`
	Invite       map[Level][]string `json:"invite"`
	InviteChoice string             `json:"invite_choice"`
	// Refuse says a flat no with what it refuses, read from the
	// situation; Command says an order as its audience takes it.
	Refuse  RefuseForms  `json:"refuse"`
	Command CommandForms `json:"command"`
	// Choice offers an order's two options ({a}, {b}); HowAbout asks
	// about a time or amount the draft offers ({np}); OrWe and
	// OtherwiseWe say a second option ({vp}); WeHave says a verbless list
	// of facts ({facts}).
	Choice   string `json:"choice"`
	HowAbout string `json:"how_about"`
	// ReadyBy says when something not ready will be ({np}: "Thursday").
	ReadyBy string `json:"ready_by"`
	// RiskIf says a condition whose consequence was blame as the risk it
	// is ({clause}: "a planeload of passengers gets salmonella").
	RiskIf      string `json:"risk_if"`
	OrWe        string `json:"or_we"`
	OtherwiseWe string `json:"otherwise_we"`
	WeHave      string `json:"we_have"`
}

// RefuseForms say a flat no with the request it refuses: {vp} the
// request as a verb phrase, {request} as a gerund phrase, {np} as a noun
// phrase, {subj}/{Subj} "we" or "I", {time} the time refused.
type RefuseForms struct {
	CantFirm string `json:"cant_firm"` // high and critical stakes
	Cant     string `json:"cant"`
	Wont     string `json:"wont"`      // a no of will ("Not doing that")
	Let      string `json:"let"`       // to someone who reports to you, about their own request
	Hold     string `json:"hold"`      // their own plan, below high stakes
	Give     string `json:"give"`      // time off
	Get      string `json:"get"`       // something to deliver
	HaveFirm string `json:"have_firm"` // something to deliver, at high and critical stakes
	Approve  string `json:"approve"`   // something submitted for approval
	NotIng   string `json:"not_ing"`   // their plan at high stakes, as a gerund
	Time     string `json:"time"`
	TimeBy   string `json:"time_by"`
}

// CommandForms say an order ({vp}) to someone who reports to you, to a
// peer, as a request when it speaks of the writer, and at critical
// stakes.
type CommandForms struct {
	Report string `json:"report"`
	Peer   string `json:"peer"`
	Ask    string `json:"ask"`
	Must   string `json:"must"`
}

// Replacement rewrites a matched phrase. Blunt marks one whose matched
// words are blame, contempt or a curt edge: the rewrite's independent
// check then holds that they do not survive. Examples are texts it must
// turn into their out (after the whole softening), checked by one fixture
// test. UnlessAfter, when set, is a pattern the text just before a match
// must not end with for the match to be replaced ("a mate" is a friend,
// not a vocative). WholeSentence, for the trim's judgements, applies it
// only to a clause that is its whole sentence as written ("Your call."
// alone is a curt edge; in "Your call, you're the boss." it goes along).
type Replacement struct {
	Pattern       string               `json:"pattern"`
	With          string               `json:"with"`
	UnlessAfter   string               `json:"unless_after,omitempty"`
	Blunt         bool                 `json:"blunt,omitempty"`
	WholeSentence bool                 `json:"whole_sentence,omitempty"`
	Examples      []ReplacementExample `json:"examples,omitempty"`
}

// ReplacementExample is a text and what the softening makes of it.
type ReplacementExample struct {
	In  string `json:"in"`
	Out string `json:"out"`
}

// Source is one of the two documents the domain comes from.
type Source struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

// Principle is a named piece of the documents' guidance, quoted.
type Principle struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Name   string `json:"name"`
	Text   string `json:"text"`
}

// Framework is the Pushback Decision Framework checklist.
type Framework struct {
	Source string `json:"source"`
	Intro  string `json:"intro"`
	// SalesCues are words that put a situation in a sale, where the
	// documents' own wording of a question (deal outcomes) applies.
	SalesCues       []string         `json:"sales_cues"`
	Questions       []Question       `json:"questions"`
	Recommendations []Recommendation `json:"recommendations"`
}

// Question is one row of the framework table.
type Question struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	// General is the question in words for any situation, when the
	// documents' own words are a sale's ("deal outcomes").
	General    string `json:"general,omitempty"`
	IfYes      string `json:"if_yes"`
	IfNo       string `json:"if_no"`
	YesOutcome string `json:"yes_outcome"`
	NoOutcome  string `json:"no_outcome"`
	YesMeans   string `json:"yes_means,omitempty"`
	NoMeans    string `json:"no_means,omitempty"`
}

// Asks is the question as it should be asked in situation: the
// documents' words in a sale (the situation names one of the framework's
// sales cues), else its general wording when it has one.
func (f Framework) Asks(q Question, situation string) string {
	if q.General == "" || f.InSale(situation) {
		return q.Question
	}
	return q.General
}

// InSale reports whether situation names one of SalesCues as a word
// (case-insensitive, except for all-capital cues such as AE and SE).
func (f Framework) InSale(situation string) bool {
	words := strings.FieldsFunc(situation, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, cue := range f.SalesCues {
		upper := strings.ToUpper(cue) == cue
		for _, w := range words {
			if (upper && w == cue) || (!upper && strings.EqualFold(w, cue)) {
				return true
			}
		}
		if strings.Contains(cue, " ") && strings.Contains(strings.ToLower(situation), strings.ToLower(cue)) {
			return true
		}
	}
	return false
}

// Recommendation is one overall verdict the framework can reach.
type Recommendation struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Battles is the "choose your battles" guidance from both documents.
type Battles struct {
	Sources           []string    `json:"sources"`
	Question          string      `json:"question"`
	PushBackOn        BattleGroup `json:"push_back_on"`
	LetGo             BattleGroup `json:"let_go"`
	ConsiderCarefully BattleGroup `json:"consider_carefully"`
	Capital           string      `json:"capital"`
	Stakes            []Stake     `json:"stakes"`
}

// BattleGroup is one of push back on / let go / consider carefully.
type BattleGroup struct {
	Text     string   `json:"text"`
	Stakes   []string `json:"stakes,omitempty"`
	Examples []string `json:"examples,omitempty"`
}

// Stake is something a decision can put at risk (quality, capacity, ...).
type Stake struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Source   string `json:"source"`
	Material bool   `json:"material"`
}

// LevelInfo describes one calibration level.
type LevelInfo struct {
	ID     Level  `json:"id"`
	Rank   int    `json:"rank"`
	Name   string `json:"name"`
	Source string `json:"source"`
	// Fix says how to move a draft to this level, in its own words.
	Fix     string   `json:"fix"`
	When    string   `json:"when"`
	Phrases []string `json:"phrases"`
	Stakes  []Stakes `json:"stakes"`
	Cues    []Cue    `json:"cues"`
}

// StakesLevel maps a stakes value to the level to start at and the levels
// that fit it.
type StakesLevel struct {
	Stakes                   Stakes  `json:"stakes"`
	Level                    Level   `json:"level"`
	EscalateWhenGentleFailed Level   `json:"escalate_when_gentle_failed,omitempty"`
	Allowed                  []Level `json:"allowed"`
}

// Formula is the five-step pushback formula, with the fields its template
// takes (goal, concern, impact, alternative, invitation).
type Formula struct {
	Source string          `json:"source"`
	Name   string          `json:"name"`
	Steps  []Step          `json:"steps"`
	Fields []ScenarioField `json:"fields"`
	// Template is the formula's own message over Fields, in the form of a
	// scenario's.
	Template []TemplateStep `json:"template"`
	// Matters are the kinds of question a pushback can be about, and how
	// each changes who decides.
	Matters []MatterInfo `json:"matters"`
}

// MatterInfo is how a kind of question changes a message's ending.
type MatterInfo struct {
	ID    Matter `json:"id"`
	About string `json:"about"`
	// HandsBack: the decision may be handed back ("it's your call") to
	// an audience who decides; a rule or an integrity matter is not.
	HandsBack bool `json:"hands_back"`
	// Decision is what the writer says they cannot do, at moderate and
	// above, when the matter is not theirs to hand back.
	Decision string `json:"decision,omitempty"`
	// Advice is how to deliver a pushback on this matter when it is not
	// theirs to decide; Step is the same as one thing to do.
	Advice string `json:"advice,omitempty"`
	Step   string `json:"step,omitempty"`
}

// Step is one part of the formula.
type Step struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Fix says what to add when a draft lacks the step: advice about the
	// draft's own content, never a stock line to paste in.
	Fix string `json:"fix"`
	// FirmFix replaces Fix on a rule or an integrity matter when Fix
	// would hand the decision back ("leave them the decision").
	FirmFix  string `json:"firm_fix,omitempty"`
	Template string `json:"template"`
	Purpose  string `json:"purpose"`
	Cues     []Cue  `json:"cues"`
}

// Cue is one textual signal the checker looks for. Pattern is an RE2
// expression matched case-insensitively; Weight is how strongly a match
// counts (1 when zero; negative weights are counter-evidence).
//
// Kind says how matches count, Vale-style: "existence" (the default: the
// cue counts once if it matches), "occurrence" (every match counts) or
// "conditional" (the cue counts only when none of the features in Unless is
// present in the draft and all those in Requires are). Features are formula
// step ids and signal names.
type Cue struct {
	Pattern  string   `json:"pattern"`
	Weight   float64  `json:"weight,omitempty"`
	Kind     string   `json:"kind,omitempty"`
	Unless   []string `json:"unless,omitempty"`
	Requires []string `json:"requires,omitempty"`
	// Scope "sentence" matches the pattern against each sentence on its
	// own (^ and $ are the sentence's edges) and marks the whole sentence.
	Scope string `json:"scope,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Cue kinds.
const (
	CueExistence   = "existence"
	CueOccurrence  = "occurrence"
	CueConditional = "conditional"

	ScopeSentence = "sentence"
)

// SignalDef is a supporting quality of a good pushback the checker reports
// (we_framing, evidence, alternative, question). A signal either mirrors a
// formula step (Step) or has its own cues.
type SignalDef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Why  string `json:"why"`
	Step string `json:"step,omitempty"`
	Cues []Cue  `json:"cues,omitempty"`
}

// FeatureDef is something the checker reads, from the draft or from the
// situation (what the other person said or asked), that conditional cues can
// test but that is not reported as a signal: the situation says the product
// lacks what was asked for, or that the decision is already made; the draft
// names a limitation, or commits to a decision. Its cues are matched like any
// other (they cannot be conditional); it holds when their weights reach 1.
type FeatureDef struct {
	ID   string `json:"id"`
	On   string `json:"on"` // FeatureOnDraft or FeatureOnSituation
	Why  string `json:"why"`
	Cues []Cue  `json:"cues"`
	// Catch (goes_along only) are the words that put a condition or a
	// concern on a yes ("happy to, but ...", "if so I need to add $100"):
	// a yes with a catch is a pushback, not letting it go. They name the
	// stance and are not among the features the learned judge reads.
	Catch []Cue `json:"catch,omitempty"`
}

// Where a feature is read.
const (
	FeatureOnDraft     = "draft"
	FeatureOnSituation = "situation"
)

// Phrases are the documents' phrase lists.
type Phrases struct {
	Softening     PhraseList `json:"softening"`
	Offer         PhraseList `json:"offer"`
	Escalation    PhraseList `json:"escalation"`
	Collaborative PhraseList `json:"collaborative"`
	Understanding PhraseList `json:"understanding"`
}

// PhraseList is a list of phrases with the documents' reason for them.
type PhraseList struct {
	Source string   `json:"source"`
	Why    string   `json:"why"`
	Items  []string `json:"items"`
}

// AntiPattern is one way pushback goes wrong, with the documents' reason.
type AntiPattern struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Source   string `json:"source"`
	Severity string `json:"severity"`
	// ReadsAs is how a draft showing it comes across, said instead of a
	// level ("curt", "hostile"): directness is not its problem.
	ReadsAs    string `json:"reads_as"`
	Example    string `json:"example"`
	Why        string `json:"why"`
	Suggestion string `json:"suggestion"`
	// FirmSuggestion replaces Suggestion on a rule or an integrity
	// matter, when Suggestion hands the decision back or asks the writer
	// to accept or support theirs: what is not theirs to decide is stated
	// as a limit, with what the writer can do.
	FirmSuggestion string `json:"firm_suggestion,omitempty"`
	Cues           []Cue  `json:"cues"`
	// Fallback cues describe the anti-pattern's shape rather than its
	// words (a no with no reason, compliance with no concern, a yes that
	// puts things off). They are weighed only for a draft that fails with
	// no anti-pattern named by Cues; the highest-scoring fallback is then
	// reported as what the draft leans toward. A fallback cue with the
	// pattern "^" judges shape alone (its conditions): it points at no
	// words, so its finding has no span and its Note is the message.
	Fallback []Cue `json:"fallback,omitempty"`
}

// Example is one of the documents' good or bad examples, with its labels.
// Rendered examples are the documents' bracketed descriptions written out as
// a message; Original then keeps the documents' words.
type Example struct {
	ID          string   `json:"id"`
	Source      string   `json:"source"`
	Kind        string   `json:"kind"` // "good" or "bad"
	Name        string   `json:"name"`
	Audience    Audience `json:"audience"`
	Scenario    string   `json:"scenario"`
	Stakes      Stakes   `json:"stakes"`
	Situation   string   `json:"situation"`
	Text        string   `json:"text"`
	Original    string   `json:"original,omitempty"`
	Rendered    bool     `json:"rendered,omitempty"`
	Why         string   `json:"why"`
	AntiPattern string   `json:"anti_pattern,omitempty"`
	Level       Level    `json:"level"`
	LevelsOK    []Level  `json:"levels_ok,omitempty"`
	Facts       []string `json:"facts"`
}

// Scenario is a named situation from the documents with a fill-in template.
type Scenario struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Source      string `json:"source"`
	Description string `json:"description"`
	// Matter is what kind of question the pushback is about: a trade-off
	// the other person may decide, or a rule or integrity matter that is
	// not handed back to them as their call.
	Matter Matter          `json:"matter,omitempty"`
	Fields []ScenarioField `json:"fields"`
	// Template is the message, one formula step after another; see
	// package formula.
	Template []TemplateStep `json:"template"`
	// Snippets are named text/templates every step may call with
	// {{template "name" .}}: wording a step says at more than one level.
	Snippets map[string]string `json:"snippets,omitempty"`
	Example  string            `json:"example,omitempty"`
	// Audiences are who the scenario is written to; empty means anyone.
	// For another audience, Instead names the scenario to use.
	Audiences []Audience `json:"audiences,omitempty"`
	Instead   string     `json:"instead,omitempty"`
}

// TemplateStep is one formula step of a template: a text/template over
// the fields (by name) and the values package formula documents (.Level,
// .Agency, .Invite ...). The level is said through what each step says,
// so a step may read differently at each level.
type TemplateStep struct {
	// Step is the formula step (acknowledge, context, impact,
	// alternative, invite) the text is.
	Step string `json:"step"`
	// Text is the step at every level Levels does not name.
	Text string `json:"text,omitempty"`
	// Levels replaces Text at a level; an empty text leaves the step out
	// at that level.
	Levels map[Level]string `json:"levels,omitempty"`
}

// At is the step's text at a level.
func (t TemplateStep) At(l Level) string {
	if s, ok := t.Levels[l]; ok {
		return s
	}
	return t.Text
}

// ScenarioField is one input a template needs, with the phrase it takes
// (Phrase*), which the renderer fits the user's value to.
type ScenarioField struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Required    bool   `json:"required"`
	// RequiredFrom makes an optional field required at this level and
	// above: what a strong message must say plainly (the risk, the
	// consequence), which a gentler one may leave out.
	RequiredFrom Level  `json:"required_from,omitempty"`
	Example      string `json:"example,omitempty"`
	// Default is the value an optional field takes when none is given
	// ("team member" for what the people are called).
	Default string `json:"default,omitempty"`
	Phrase  string `json:"phrase"`
	// Lead, for a verb slot, is the verb put before a noun phrase given
	// there ("go with" + "a phased launch"); without it a noun phrase is
	// refused.
	Lead string `json:"lead,omitempty"`
}

// RequiredAt reports whether the field must have a value at level l.
func (f ScenarioField) RequiredAt(l Level) bool {
	return f.Required || (f.RequiredFrom != "" && l.Rank() >= f.RequiredFrom.Rank())
}

// Phrase kinds a template slot takes.
const (
	PhraseNoun   = "noun"   // a noun phrase or gerund: "a phased launch", "testing the migration"
	PhraseVerb   = "verb"   // a verb phrase in the base form: "deliver the logo on Friday"
	PhraseWant   = "want"   // what someone wants: "a launch on the 1st" or "to launch by Friday"
	PhraseClause = "clause" // a clause, or any phrase after a colon
	PhraseNumber = "number" // a whole number or a range
)

// PhraseKinds lists the phrase kinds.
var PhraseKinds = []string{PhraseNoun, PhraseVerb, PhraseWant, PhraseClause, PhraseNumber}

// loadDefault skips parsing the cue patterns and looking for a top-level key
// in two files: tests run the full Load on the same embedded files, and the
// checker parses every pattern it uses anyway, so doing either here too
// would only add to the start-up cost (the key check parses every file a
// second time, a third of the load).
var loadDefault = sync.OnceValues(func() (*Guide, error) { return load(dataFS, false) })

// Default returns the embedded guide, parsed once. The embedded data is
// validated in full by tests, so an error here means a broken build.
func Default() *Guide {
	g, err := loadDefault()
	if err != nil {
		panic(fmt.Sprintf("guide: embedded data is invalid: %v", err))
	}
	return g
}

// Load reads every data/*.json file of fsys into one Guide and validates it.
// Each file holds some of the Guide's top-level keys; a key may appear in one
// file only. Every cue pattern must parse as RE2.
func Load(fsys fs.FS) (*Guide, error) { return load(fsys, true) }

// load reads and validates the guide; full adds the checks tests run on the
// embedded data (every cue parses, no key in two files).
func load(fsys fs.FS, full bool) (*Guide, error) {
	names, err := fs.Glob(fsys, "data/*.json")
	if err != nil {
		return nil, fmt.Errorf("list guide data: %w", err)
	}
	sort.Strings(names)
	seen := map[string]string{}
	g := &Guide{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if full {
			var keys map[string]json.RawMessage
			if err := json.Unmarshal(b, &keys); err != nil {
				return nil, fmt.Errorf("parse %s: %w", name, err)
			}
			for k := range keys {
				if prev, dup := seen[k]; dup {
					return nil, fmt.Errorf("key %q is in both %s and %s", k, prev, name)
				}
				seen[k] = name
			}
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(g); err != nil {
			return nil, fmt.Errorf("decode %s: %w", name, err)
		}
	}
	if err := g.validate(full); err != nil {
		return nil, fmt.Errorf("validate guide data: %w", err)
	}
	return g, nil
}
