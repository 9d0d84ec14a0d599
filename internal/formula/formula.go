// Package formula renders pushbacks from the five-step formula and from the
// documents' named scenarios, at a chosen level, for an audience.
//
// Both are templates in the guide's data: the formula's in formula.json
// (template), each scenario's in scenarios.json. A template is the message
// one formula step at a time (acknowledge, context, impact, alternative,
// invite); a step may read differently at each level, so the level is said
// through what the message says (a question at mild, the risk said plainly
// and a firmer ask at strong) rather than by a stock phrase put in front.
// The renderer is generic: it fits the user's values to the phrase each
// field takes (see fit), fills the steps and records where each starts.
//
// Steps are text/template with Option("missingkey=error"); users' values
// are data, never parsed as template, so "{{" in a value stays text. Each
// step sees the fields by name (an optional field left out is "", or its
// default) and:
//
//	.Level, .Audience, .Matter   as asked (.Matter: trade_off, rule, integrity)
//	.Theirs     the decision is theirs to make: an audience who decides
//	            (a client, a leader, or none given) on a trade-off
//	.Firm       a rule or an integrity matter: never handed back
//	.Agency     "But ultimately, it's your call." when .Theirs, at strong
//	            and escalated; "" otherwise
//	.Decision   at moderate and up, what the writer cannot agree to: for
//	            someone who reports to you, or on a rule or integrity matter
//	.Invite     the closing question for the level and audience
//	.Escalate   at escalated, how the message takes it further for the
//	            audience (in writing; to a shared manager with a colleague)
//
// and the functions lower (a value's first letter, unless a name, an
// acronym or "I"), plural ("deal" -> "deals"), count ("12" "deal" -> "12
// deals", "1" "deal" -> "1 deal") and conditional (a clause that opens with
// its own "if" or "when", which takes no "If we go ahead" in front). A scenario's snippets are named templates its
// steps call with {{template "name" .}}.
//
// A scenario whose fields include team_size, items and capacity gets the
// capacity arithmetic: per_person (items / team_size), capacity_max,
// covered (team_size × capacity_max), shortfall (items − covered), needed
// (people needed at capacity_max) and, when the alternative names how many
// items it takes off ("pause the two internal projects", "the bottom
// 30%") and that is fewer than the shortfall, remaining (how many more).
package formula

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/guide"
)

// ErrMissingField is wrapped by the error for a missing required field; the
// message names the field.
var ErrMissingField = errors.New("missing required field")

// ErrInvalidField is wrapped by the error for a field whose value cannot be
// used (not a number where one is needed, an unknown field name).
var ErrInvalidField = errors.New("invalid field")

// ErrUnknownScenario is wrapped by the error for a scenario id not in the guide.
var ErrUnknownScenario = errors.New("unknown scenario")

// MaxFieldChars bounds each field, in characters.
const MaxFieldChars = 2000

// Fields are the formula's inputs. Each field takes a phrase
// (guide.Formula.Fields): goal what they want ("a launch on the 1st" or
// "to launch by Friday"), concern and impact a sentence, alternative a verb
// phrase ("launch the core checkout first"); the renderer fits the value
// to it (see fit) or says what would fit.
type Fields struct {
	Goal        string         `json:"goal" jsonschema:"maxLength=2000,description=What they want\\, in their terms."`
	Concern     string         `json:"concern" jsonschema:"maxLength=2000,description=What concerns you and why\\, as a sentence."`
	Impact      string         `json:"impact" jsonschema:"maxLength=2000,description=What happens if we go ahead\\, as a sentence."`
	Alternative string         `json:"alternative" jsonschema:"maxLength=2000,description=What you propose instead\\, as what we would do."`
	Invitation  string         `json:"invitation,omitempty" jsonschema:"maxLength=2000,description=The closing question (default: one that fits)."`
	Level       guide.Level    `json:"level,omitempty"`
	Audience    guide.Audience `json:"audience,omitempty"`
	Matter      guide.Matter   `json:"matter,omitempty"`
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
	// The audience changes how the message ends (who decides) and how to
	// deliver it.
	AudienceAdvice string `json:"audience_advice,omitempty" jsonschema:"description=How the documents say to deliver it to this audience (present when the audience is given)."`
}

// Render fills the formula's template (guide.Formula.Template) at f.Level
// (moderate when empty) for f.Audience on f.Matter (a trade-off when
// empty). The goal in the acknowledgement is only what the user gave; the
// ending follows who decides: a client or a leader is handed a trade-off,
// someone who reports to you is told the decision and the way forward,
// and a rule or an integrity matter is never handed back.
func Render(g *guide.Guide, f Fields) (Result, error) {
	lvl, err := guide.ParseLevel(string(f.Level))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	if lvl == "" {
		lvl = guide.LevelModerate
	}
	given := map[string]string{"goal": f.Goal, "concern": f.Concern, "impact": f.Impact, "alternative": f.Alternative, "invitation": f.Invitation}
	data := map[string]any{}
	for _, fd := range g.Formula.Fields {
		v, err := fieldValue(fd, given[fd.Name], lvl)
		if err != nil {
			return Result{}, fmt.Errorf("formula: %w", err)
		}
		data[fd.Name] = v
	}
	return render(g, "formula", g.Formula.Template, nil, data, f.Audience, lvl, f.Matter)
}

// fieldValue cleans a value, says what to give when a field the level
// needs is empty, and fits it to the phrase the field takes.
func fieldValue(fd guide.ScenarioField, v string, lvl guide.Level) (string, error) {
	v, err := cleanValue(fd.Name, v)
	if err != nil {
		return "", err
	}
	if v == "" && fd.RequiredAt(lvl) {
		at := ""
		if !fd.Required {
			at = " at " + string(lvl)
		}
		return "", fmt.Errorf("%w%s: %s (%s, e.g. %q)", ErrMissingField, at, fd.Name, lowerFirst(strings.TrimSuffix(fd.Description, ".")), fd.Example)
	}
	if v == "" {
		return fd.Default, nil
	}
	return fit(fd, v)
}

// builder joins parts with single spaces and records their rune spans; a
// step that goes on from the one before (same step, or a sentence left
// open) is joined to it.
type builder struct {
	text  strings.Builder
	n     int
	parts []Part
}

func (b *builder) part(step, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if b.n > 0 {
		if prev := b.text.String(); strings.ContainsAny(prev[len(prev)-1:], ".?!") {
			s = upperFirst(s)
		}
		b.text.WriteByte(' ')
		b.n++
	} else {
		s = upperFirst(s)
	}
	start := b.n
	b.text.WriteString(s)
	b.n += utf8.RuneCountInString(s)
	if k := len(b.parts) - 1; k >= 0 && b.parts[k].Step == step {
		b.parts[k].End = b.n
		return
	}
	b.parts = append(b.parts, Part{Step: step, Start: start, End: b.n})
}

// lowerFirst lowercases the first letter of a clause that goes on a
// sentence, when its first word is a common word or a verb ("The swap
// would..." -> "the swap would...", "Building auth..." -> "building
// auth..."); a name, an acronym or "I" keeps its capital ("Spanish is
// planned", "PCI compliance").
// says reports whether s holds the word w (any case): a value that says
// "today" takes no "Today," before it.
func says(s, w string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if f == w {
			return true
		}
	}
	return false
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	r2, _ := utf8.DecodeRuneInString(s[n:])
	if !unicode.IsLower(r2) {
		return s
	}
	w, _, _ := strings.Cut(strings.ToLower(strings.Map(plainQuote, s)), " ")
	w = strings.TrimRight(w, ",;:")
	if w == "i" || w == "i'm" || w == "i'd" || w == "i'll" || w == "i've" {
		return s
	}
	w, _, _ = strings.Cut(w, "'") // "it's", "we'd"; "sarah's" is a name
	if !common[w] && !verbs[w] && !(strings.HasSuffix(w, "ing") && len(w) > 4) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// common are the words a clause may start with that are not names.
var common = func() map[string]bool {
	m := words(`what how who whom whose which why where here there then first last next
		if when unless once because since although though while whether after before until as so
		only just even also still already never always often every each all both either neither none nobody
		everyone everything something nothing most many much more less few several some any no not`)
	for _, set := range []map[string]bool{determiners, objects, preps, subjects, modifiers, finite} {
		for w := range set {
			m[w] = true
		}
	}
	return m
}()

// conditional reports whether a clause opens with a condition of its own
// ("if the return is checked, ..."), so a template does not put another
// in front of it.
func conditional(s string) bool {
	w, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), " ")
	switch w {
	case "if", "when", "unless", "once", "should", "whenever":
		return true
	}
	return false
}

// cleanValue trims a field, collapses its spaces, drops control characters
// and trailing sentence punctuation, and bounds its length.
func cleanValue(name, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", fmt.Errorf("%w: %s is not valid UTF-8", ErrInvalidField, name)
	}
	v = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, v)
	v = strings.Join(strings.Fields(v), " ")
	v = strings.TrimRight(v, ".!?,;: …")
	if n := utf8.RuneCountInString(v); n > MaxFieldChars {
		return "", fmt.Errorf("%w: %s is %d characters, the limit is %d", ErrInvalidField, name, n, MaxFieldChars)
	}
	return v, nil
}

// Scenarios lists the guide's scenarios in their data order.
func Scenarios(g *guide.Guide) []guide.Scenario {
	return slices.Clone(g.Scenarios)
}

// DefaultLevel is the level a scenario renders at when none is asked for:
// the level of the documents' own good example of it, else moderate.
func DefaultLevel(g *guide.Guide, id string) guide.Level {
	for _, e := range g.Examples {
		if e.Kind == "good" && e.Scenario == id && e.Level != "" {
			return e.Level
		}
	}
	return guide.LevelModerate
}

// ScenarioInput is a scenario to render: its id, the values of its fields
// by name, the level (the documents' own when empty) and the audience.
type ScenarioInput struct {
	ID       string
	Values   map[string]string
	Level    guide.Level
	Audience guide.Audience
}

// ErrAudience is wrapped by the error for a scenario rendered for an
// audience it is not written to; the message names the scenario to use.
var ErrAudience = errors.New("scenario not written for this audience")

// RenderScenario fills a named scenario's template with values by field
// name, each fitted to the phrase its field takes.
func RenderScenario(g *guide.Guide, in ScenarioInput) (Result, error) {
	id := in.ID
	sc, ok := g.Scenario(id)
	if !ok {
		ids := make([]string, len(g.Scenarios))
		for i, s := range g.Scenarios {
			ids[i] = s.ID
		}
		return Result{}, fmt.Errorf("formula: %w %q (use one of %s)", ErrUnknownScenario, id, strings.Join(ids, ", "))
	}
	id = sc.ID // as the guide spells it
	lvl, err := guide.ParseLevel(string(in.Level))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	if lvl == "" {
		lvl = DefaultLevel(g, id)
	}
	aud, err := guide.ParseAudience(string(in.Audience))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	if aud != "" && len(sc.Audiences) > 0 && !slices.Contains(sc.Audiences, aud) {
		instead := ""
		if sc.Instead != "" {
			instead = "; for " + string(aud) + " use " + sc.Instead
		}
		return Result{}, fmt.Errorf("formula: scenario %s: %w: it is written to %s%s", id, ErrAudience, joinAudiences(sc.Audiences), instead)
	}
	data := map[string]any{}
	known := map[string]bool{}
	for _, f := range sc.Fields {
		known[f.Name] = true
		v, err := fieldValue(f, in.Values[f.Name], lvl)
		if err != nil {
			hint := ""
			if f.Phrase == guide.PhraseNumber {
				hint = numbersHint(sc)
			}
			return Result{}, fmt.Errorf("formula: scenario %s: %w%s", id, err, hint)
		}
		data[f.Name] = v
	}
	for k := range in.Values {
		if !known[k] {
			names := make([]string, len(sc.Fields))
			for i, f := range sc.Fields {
				names[i] = f.Name
			}
			return Result{}, fmt.Errorf("formula: scenario %s: %w: unknown field %q (fields: %s)", id, ErrInvalidField, k, strings.Join(names, ", "))
		}
	}
	if known["team_size"] && known["items"] && known["capacity"] {
		if err := capacity(data); errors.As(err, new(notANumber)) {
			return Result{}, fmt.Errorf("formula: scenario %s: %w%s", id, err, numbersHint(sc))
		} else if err != nil {
			return Result{}, fmt.Errorf("formula: scenario %s: %w", id, err)
		}
	}
	res, err := render(g, id, sc.Template, sc.Snippets, data, aud, lvl, sc.Matter)
	if err != nil {
		return Result{}, err
	}
	res.Scenario = id
	return res, nil
}

// numbersHint is what to do instead when a scenario's number field is
// missing or not a number: its figures are computed from numbers a
// situation often does not give, and the formula takes the concern in the
// user's own words.
func numbersHint(sc guide.Scenario) string {
	var nums []string
	for _, x := range sc.Fields {
		if x.Phrase == guide.PhraseNumber && x.Required {
			nums = append(nums, x.Name)
		}
	}
	return fmt.Sprintf(". Scenario %s computes its figures from numbers (%s); when the situation does not give them, use the formula instead (render_formula, or pushback template without --scenario) with the goal, concern, impact and alternative in the user's words",
		sc.ID, strings.Join(nums, ", "))
}

func joinAudiences(as []guide.Audience) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = string(a)
	}
	return strings.Join(s, " or ")
}

// render fills a template's steps at a level for an audience on a matter:
// data holds the fitted fields, to which it adds the values the package
// comment lists.
func render(g *guide.Guide, scope string, steps []guide.TemplateStep, snippets map[string]string, data map[string]any, audience guide.Audience, lvl guide.Level, matter guide.Matter) (Result, error) {
	aud, err := guide.ParseAudience(string(audience))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	mat, err := guide.ParseMatter(string(matter))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	for k, v := range ending(g, aud, lvl, mat) {
		data[k] = v
	}
	var b builder
	var out strings.Builder
	for i, st := range steps {
		text := st.At(lvl)
		if text == "" {
			continue
		}
		t, err := parsed(scope, text, snippets)
		if err != nil {
			return Result{}, fmt.Errorf("formula: %s: step %d (%s): parse template: %w", scope, i+1, st.Step, err)
		}
		out.Reset()
		if err := t.Execute(&out, data); err != nil {
			return Result{}, fmt.Errorf("formula: %s: step %d (%s): %w", scope, i+1, st.Step, err)
		}
		b.part(st.Step, tidy(strings.Join(strings.Fields(out.String()), " ")))
	}
	res := Result{Text: b.text.String(), Level: lvl, Parts: b.parts}
	if res.Parts == nil {
		res.Parts = []Part{}
	}
	if p := leftover(res.Text, data); p != "" {
		return Result{}, fmt.Errorf("formula: %s: output has an unfilled placeholder %q", scope, p)
	}
	res.AudienceAdvice = g.AudienceAdvice(aud, mat)
	return res, nil
}

// ending is what a template knows of who decides and how the message
// closes (see the package comment).
func ending(g *guide.Guide, aud guide.Audience, lvl guide.Level, mat guide.Matter) map[string]any {
	minfo, _ := g.Matter(mat)
	if mat == "" {
		mat = guide.MatterTradeOff
	}
	decides := guide.DecidesThem
	info, ok := g.Audience(aud)
	if ok {
		decides = info.Decides
	}
	theirs := decides == guide.DecidesThem && minfo.HandsBack
	firm := !minfo.HandsBack
	invites := []string{"What do you think?"}
	if s, ok := g.Step("invite"); ok {
		invites = strings.Split(s.Template, " / ")
	}
	invite := strings.TrimSpace(invites[0])
	if lvl == guide.LevelModerate && len(invites) > 1 {
		invite = strings.TrimSpace(invites[1])
	}
	decision := ""
	if lvl.Rank() >= guide.LevelModerate.Rank() {
		switch {
		case decides == guide.DecidesMe:
			decision, invite = info.Decision, info.Invite
		case firm:
			decision = minfo.Decision
		}
	}
	agency := ""
	if theirs && lvl.Rank() >= guide.LevelStrong.Rank() {
		agency = agencyLine(g)
	}
	escalate := ""
	if lvl == guide.LevelEscalated {
		if !ok {
			info, _ = g.Audience(guide.AudienceClient) // the documents' own line
		}
		escalate = info.Escalate
	}
	return map[string]any{
		"Level": string(lvl), "Audience": string(aud), "Matter": string(mat),
		"Theirs": theirs, "Firm": firm, "Agency": agency, "Decision": decision,
		"Invite": invite, "Escalate": escalate,
	}
}

// agencyLine is the documents' "But ultimately, it's your call." from the
// offer phrases.
func agencyLine(g *guide.Guide) string {
	for _, ph := range g.Phrases.Offer.Items {
		if i := strings.Index(ph, "But ultimately"); i >= 0 {
			return strings.TrimSpace(ph[i:])
		}
	}
	return ""
}

// templates caches parsed step templates by scope and text.
var templates sync.Map

type templateKey struct{ scope, text string }

var funcs = template.FuncMap{
	"lower":       lowerFirst,
	"sentence":    upperFirst,
	"says":        says,
	"plural":      plural,
	"count":       count,
	"conditional": conditional,
}

func parsed(scope, text string, snippets map[string]string) (*template.Template, error) {
	k := templateKey{scope, text}
	if t, ok := templates.Load(k); ok {
		return t.(*template.Template), nil
	}
	t, err := template.New(scope).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(snippets)) {
		if _, err := t.New(name).Parse(snippets[name]); err != nil {
			return nil, fmt.Errorf("snippet %s: %w", name, err)
		}
	}
	templates.Store(k, t)
	return t, nil
}

// plural is the plural of a noun phrase's last word: "deal" -> "deals",
// "open role" -> "open roles", "company" -> "companies".
func plural(s string) string {
	i := strings.LastIndexByte(s, ' ') + 1
	w := s[i:]
	lw := strings.ToLower(w)
	switch {
	case w == "" || strings.ToUpper(w) == w && len(w) > 1:
		return s + "s" // SEs, PMs
	case strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "x") || strings.HasSuffix(lw, "ch") || strings.HasSuffix(lw, "sh"):
		return s + "es"
	case strings.HasSuffix(lw, "y") && len(lw) > 1 && !isVowel(lw[len(lw)-2]):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// count is a number with its noun, plural unless the number is 1.
func count(n any, noun string) string {
	s := fmt.Sprint(n)
	if s == "1" {
		return s + " " + noun
	}
	return s + " " + plural(noun)
}

// leftover returns a placeholder left in text that no value supplied.
func leftover(text string, data map[string]any) string {
	var given strings.Builder
	for _, v := range data {
		fmt.Fprint(&given, v, "\n")
	}
	for _, p := range Placeholders {
		if strings.Contains(text, p) && !strings.Contains(given.String(), p) {
			return p
		}
	}
	return ""
}

// Placeholders are the marks of an unfilled template; rendered output never
// contains them unless the user's own values do.
var Placeholders = []string{"{{", "}}", "<no value>", "[", "]"}

// capacity adds the capacity arithmetic to data (see the package comment).
func capacity(data map[string]any) error {
	team, err := positiveInt("team_size", data["team_size"].(string))
	if err != nil {
		return err
	}
	items, err := positiveInt("items", data["items"].(string))
	if err != nil {
		return err
	}
	capStr := data["capacity"].(string)
	lo, hi, err := parseRange(capStr)
	if err != nil {
		return err
	}
	per := float64(items) / float64(team)
	covered := team * hi
	if per <= float64(hi) {
		return fmt.Errorf("%w: %d for %d is %s each, within the capacity of %s: the team is not over-committed", ErrInvalidField, items, team, number(per), capStr)
	}
	data["team_size"] = strconv.Itoa(team)
	data["items"] = strconv.Itoa(items)
	data["per_person"] = number(per)
	data["capacity"] = strconv.Itoa(lo)
	if lo != hi {
		data["capacity"] = fmt.Sprintf("%d–%d", lo, hi)
	}
	data["capacity_max"] = strconv.Itoa(hi)
	data["covered"] = strconv.Itoa(covered)
	data["shortfall"] = strconv.Itoa(items - covered)
	data["needed"] = strconv.Itoa(int(math.Ceil(float64(items) / float64(hi))))
	data["remaining"] = ""
	alt, _ := data["alternative"].(string)
	item, _ := data["item"].(string)
	if taken := itemsTaken(alt, item, items); taken > 0 && taken < items-covered {
		data["remaining"] = strconv.Itoa(items - covered - taken)
	}
	return nil
}

var (
	numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a couple of": 2, "a dozen": 12}
	percentRE = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b)`)
)

// itemsTaken is how many of the items an alternative takes off the team's
// plate, as it names them: "pause the two internal projects" (with item
// "project") is 2, "invest minimally in the bottom 30%" of 48 is 14; 0
// when it names no number.
func itemsTaken(alt, item string, items int) int {
	if alt == "" {
		return 0
	}
	if m := percentRE.FindStringSubmatch(alt); m != nil {
		pct, _ := strconv.ParseFloat(m[1], 64)
		return int(float64(items) * pct / 100)
	}
	if item == "" {
		return 0
	}
	nouns := regexp.QuoteMeta(strings.ToLower(item)) + "|" + regexp.QuoteMeta(strings.ToLower(plural(item)))
	re, err := regexp.Compile(`(?i)\b(\d+|` + strings.Join(slices.Sorted(maps.Keys(numberWords)), "|") + `)\s+(?:[\w-]+\s+){0,2}?(?:` + nouns + `)\b`)
	if err != nil {
		return 0
	}
	m := re.FindStringSubmatch(alt)
	if m == nil {
		return 0
	}
	if n, ok := numberWords[strings.ToLower(m[1])]; ok {
		return n
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// notANumber is a number field's value that is not one: an
// ErrInvalidField that numbersHint can follow.
type notANumber struct{ error }

func (e notANumber) Unwrap() error { return e.error }

func positiveInt(name, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 || n > 1_000_000 {
		return 0, notANumber{fmt.Errorf("%w: %s must be a whole number above 0, not %q", ErrInvalidField, name, s)}
	}
	return n, nil
}

var rangeRE = regexp.MustCompile(`^\s*(\d+)\s*(?:(?:-|–|—|to)\s*(\d+))?\s*$`)

// parseRange reads "6", "5-6", "5–6" or "5 to 6".
func parseRange(s string) (lo, hi int, err error) {
	m := rangeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, notANumber{fmt.Errorf("%w: capacity must be a number or a range like 5-6, not %q", ErrInvalidField, s)}
	}
	lo, _ = strconv.Atoi(m[1])
	hi = lo
	if m[2] != "" {
		hi, _ = strconv.Atoi(m[2])
	}
	if lo <= 0 || hi < lo || hi > 1_000_000 {
		return 0, 0, fmt.Errorf("%w: capacity must be above 0, low to high, not %q", ErrInvalidField, s)
	}
	return lo, hi, nil
}

// number formats a load: whole numbers plainly, else one decimal.
func number(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}
