// Package formula renders pushbacks from the five-step formula and from the
// documents' named scenarios, at a chosen level.
//
// Render builds the message from the guide's formula step templates
// ("I hear you wanting [their goal]...") and the level's phrases
// (mild: "Have we considered...?", moderate: "I have some reservations...",
// strong: "I need to be transparent with you...", escalated: the escalation
// phrases, including putting it in writing). Fields read best as:
//
//	goal         a noun phrase in their terms: "a launch on the 1st"
//	concern      a clause: "QA needs two weeks for a release this size"
//	impact       a clause: "we ship payment code nobody has tested"
//	alternative  a noun or -ing phrase: "a phased launch with the core flows on the 1st"
//	invitation   optional; a question that hands the decision back
//
// RenderScenario fills a scenario template from guide.Default().Scenarios
// (data/scenarios.json). Templates are text/template with
// Option("missingkey=error"); users' values are data, never parsed as
// template, so "{{" in a value stays text. Template functions:
//
//	part "step"   marks where a formula step starts (for Result.Parts)
//	opener        the level's opening sentence ("" at mild)
//	writing       at escalated, the "put this in writing" sentence; "" otherwise
//	agency        at strong and escalated, "But ultimately, it's your call. "; "" otherwise
//	invite        the default invitation for the level
//
// A scenario whose fields include team_size, items and capacity gets the
// capacity arithmetic: per_person (items / team_size), capacity_max,
// covered (team_size × capacity_max), shortfall (items − covered) and
// needed (people needed at capacity_max).
package formula

import (
	"errors"
	"fmt"
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
	Goal        string         `json:"goal" jsonschema:"description=What they want\\, in their terms."`
	Concern     string         `json:"concern" jsonschema:"description=What concerns you and why\\, as a sentence."`
	Impact      string         `json:"impact" jsonschema:"description=What happens if we go ahead\\, as a sentence."`
	Alternative string         `json:"alternative" jsonschema:"description=What you propose instead\\, as what we would do."`
	Invitation  string         `json:"invitation,omitempty" jsonschema:"description=The closing question (default: one that fits)."`
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
	// The audience changes how the message ends (who decides) and how to
	// deliver it.
	AudienceAdvice string `json:"audience_advice,omitempty" jsonschema:"description=How the documents say to deliver it to this audience (present when the audience is given)."`
}

// Render fills the formula at f.Level (moderate when empty) for f.Audience.
// The goal in the acknowledgement is only what the user gave; the ending
// follows who decides (guide.AudienceInfo.Decides): a client or a leader is
// handed the decision, someone who reports to you is told it and the way
// forward.
func Render(g *guide.Guide, f Fields) (Result, error) {
	lvl, err := guide.ParseLevel(string(f.Level))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	if lvl == "" {
		lvl = guide.LevelModerate
	}
	aud, err := guide.ParseAudience(string(f.Audience))
	if err != nil {
		return Result{}, fmt.Errorf("formula: %w", err)
	}
	given := map[string]string{"goal": f.Goal, "concern": f.Concern, "impact": f.Impact, "alternative": f.Alternative, "invitation": f.Invitation}
	vals := map[string]string{}
	for _, fd := range g.Formula.Fields {
		v, err := cleanValue(fd.Name, given[fd.Name])
		if err != nil {
			return Result{}, err
		}
		if v == "" && fd.Required {
			return Result{}, fmt.Errorf("formula: %w: %s (%s, e.g. %q)", ErrMissingField, fd.Name, lowerFirst(strings.TrimSuffix(fd.Description, ".")), fd.Example)
		}
		if v, err = fit(fd, v); err != nil {
			return Result{}, err
		}
		vals[fd.Name] = v
	}
	ph := newPhrasing(g, lvl)
	end := newEnding(g, aud, lvl, ph)
	step := func(id string) string {
		s, _ := g.Step(id)
		return s.Template
	}

	var b builder
	b.part("acknowledge", "I hear you wanting "+vals["goal"]+".")
	if ph.question != "" { // mild: the concern as a question
		b.part("context", ph.question+" that "+lowerFirst(vals["concern"])+"?")
	} else {
		ctx := ph.opener
		if ph.filler != "" {
			ctx = join(ctx, ph.filler+": "+lowerFirst(vals["concern"])+".")
		} else {
			ctx = join(ctx, fill(pickSlash(step("context")), "")+": "+lowerFirst(vals["concern"])+".")
		}
		b.part("context", ctx)
	}
	b.part("impact", join(fill(step("impact"), "")+": "+lowerFirst(vals["impact"])+".", ph.writing))
	if end.decision != "" {
		b.part("alternative", end.decision+" Instead, let's "+vals["alternative"]+".")
	} else {
		b.part("alternative", "What if we "+vals["alternative"]+"?")
	}
	inv := vals["invitation"]
	if inv == "" {
		inv = end.invite
	} else if r, _ := utf8.DecodeLastRuneInString(inv); !strings.ContainsRune(".?!", r) {
		inv += "?"
	}
	b.part("invite", join(end.agency, inv))
	res := Result{Text: b.text.String(), Level: lvl, Parts: b.parts}
	if info, ok := g.Audience(aud); ok {
		res.AudienceAdvice = info.Advice
	}
	return res, nil
}

// ending is how a message closes for an audience at a level.
type ending struct {
	agency   string // "But ultimately, it's your call." when the decision is theirs (strong and up)
	decision string // the writer's decision, when it is the writer's (moderate and up)
	invite   string // the closing question
}

func newEnding(g *guide.Guide, aud guide.Audience, lvl guide.Level, ph phrasing) ending {
	e := ending{invite: ph.invite}
	info, ok := g.Audience(aud)
	decides := guide.DecidesThem
	if ok {
		decides = info.Decides
	}
	switch decides {
	case guide.DecidesThem:
		e.agency = ph.agency
	case guide.DecidesMe:
		e.invite = info.Invite
		if lvl.Rank() >= guide.LevelModerate.Rank() {
			e.decision = info.Decision
		}
	}
	return e
}

// builder joins parts with single spaces and records their rune spans.
type builder struct {
	text  strings.Builder
	n     int
	parts []Part
}

func (b *builder) part(step, s string) {
	s = tidy(strings.TrimSpace(s))
	if s == "" {
		return
	}
	if b.n > 0 {
		b.text.WriteByte(' ')
		b.n++
	}
	start := b.n
	b.text.WriteString(s)
	b.n += utf8.RuneCountInString(s)
	b.parts = append(b.parts, Part{Step: step, Start: start, End: b.n})
}

func join(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

var placeholderRE = regexp.MustCompile(`\[[^\]]*\]`)

// fill replaces the bracketed placeholders of a guide template, in order,
// with vals (the last value repeats) and turns a trailing "..." into nothing
// so the caller can end the sentence.
func fill(tmpl string, vals ...string) string {
	i := 0
	out := placeholderRE.ReplaceAllStringFunc(tmpl, func(string) string {
		if len(vals) == 0 {
			return ""
		}
		v := vals[min(i, len(vals)-1)]
		i++
		return v
	})
	out = strings.TrimSuffix(strings.TrimSpace(out), "...")
	out = strings.TrimSuffix(out, "…")
	return strings.TrimSpace(out)
}

var slashRE = regexp.MustCompile(`\b\w+/(\w+)\b`)

// pickSlash turns "considering/concerned" into "concerned".
func pickSlash(s string) string { return slashRE.ReplaceAllString(s, "$1") }

// lowerFirst lowercases the first letter of a clause unless the first word
// is "I" or an acronym.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	r2, _ := utf8.DecodeRuneInString(s[n:])
	if !unicode.IsLower(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// cleanValue trims a field, strips the private-use markers the templates use
// and trailing sentence punctuation, and bounds its length.
func cleanValue(name, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", fmt.Errorf("formula: %w: %s is not valid UTF-8", ErrInvalidField, name)
	}
	v = strings.Map(func(r rune) rune {
		if r == markStart || r == markEnd {
			return -1
		}
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, v)
	v = strings.Join(strings.Fields(v), " ")
	v = strings.TrimRight(v, ".!?,;: …")
	if n := utf8.RuneCountInString(v); n > MaxFieldChars {
		return "", fmt.Errorf("formula: %w: %s is %d characters, the limit is %d", ErrInvalidField, name, n, MaxFieldChars)
	}
	return v, nil
}

// phrasing is how a level sounds, read from the guide's level and phrase lists.
type phrasing struct {
	opener   string // a full opening sentence ("I have some reservations about this approach.")
	filler   string // a lead-in that takes the concern ("Here's why")
	question string // mild: "Have we considered"
	writing  string // escalated: the put-it-in-writing sentence
	agency   string // strong, escalated: "But ultimately, it's your call."
	invite   string // the default invitation
}

var sentenceRE = regexp.MustCompile(`[^.?!…]+(?:\.\.\.\??|…\??|[.?!])`)

type phrasingKey struct {
	g   *guide.Guide
	lvl guide.Level
}

// phrasings caches newPhrasing per guide and level; a Guide is not changed
// after it is loaded.
var phrasings sync.Map

// sentence is the level's opening as a sentence of its own: the opener, or
// at escalated the lead-in ("I need to be very direct with you because I
// believe this is critical."); "" at mild.
func (p phrasing) sentence() string {
	if p.opener != "" || p.filler == "" || p.question != "" {
		return p.opener
	}
	return p.filler + "."
}

func newPhrasing(g *guide.Guide, lvl guide.Level) phrasing {
	k := phrasingKey{g, lvl}
	if p, ok := phrasings.Load(k); ok {
		return p.(phrasing)
	}
	p := buildPhrasing(g, lvl)
	phrasings.Store(k, p)
	return p
}

func buildPhrasing(g *guide.Guide, lvl guide.Level) phrasing {
	var p phrasing
	li, _ := g.Level(lvl)
	if len(li.Phrases) > 0 {
		for _, s := range sentenceRE.FindAllString(li.Phrases[0], -1) {
			s = strings.TrimSpace(s)
			switch {
			case strings.HasSuffix(s, "...?"):
				if p.question == "" && p.opener == "" {
					p.question = strings.TrimSuffix(s, "...?")
				}
			case strings.HasSuffix(s, "..."):
				if p.filler == "" {
					p.filler = strings.TrimSuffix(s, "...")
				}
			case p.opener == "":
				p.opener = s
			}
		}
	}
	if lvl == guide.LevelEscalated && len(li.Phrases) > 1 {
		for _, ph := range li.Phrases[1:] {
			if strings.Contains(ph, "writing") {
				p.writing = strings.TrimSuffix(ph, "...") + "."
			}
		}
		if g.Formula.Writing != "" {
			p.writing = g.Formula.Writing
		}
	}
	if lvl.Rank() >= guide.LevelStrong.Rank() {
		for _, ph := range g.Phrases.Offer.Items {
			if i := strings.Index(ph, "But ultimately"); i >= 0 {
				p.agency = strings.TrimSpace(ph[i:])
				break
			}
		}
	}
	invites := []string{"What do you think?"}
	if s, ok := g.Step("invite"); ok {
		invites = strings.Split(s.Template, " / ")
	}
	p.invite = strings.TrimSpace(invites[0])
	if lvl == guide.LevelModerate && len(invites) > 1 {
		p.invite = strings.TrimSpace(invites[1])
	}
	return p
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

const (
	markStart = '\uE000'
	markEnd   = '\uE001'
)

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
	data := map[string]any{"Level": string(lvl), "Audience": string(aud)}
	known := map[string]bool{}
	for _, f := range sc.Fields {
		known[f.Name] = true
		v, err := cleanValue(f.Name, in.Values[f.Name])
		if err != nil {
			return Result{}, err
		}
		if v == "" && f.Required {
			return Result{}, fmt.Errorf("formula: scenario %s: %w: %s (%s, e.g. %q)", id, ErrMissingField, f.Name, lowerFirst(strings.TrimSuffix(f.Description, ".")), f.Example)
		}
		if v, err = fit(f, v); err != nil {
			return Result{}, fmt.Errorf("scenario %s: %w", id, err)
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
		if err := capacity(data); err != nil {
			return Result{}, fmt.Errorf("formula: scenario %s: %w", id, err)
		}
	}
	ph := newPhrasing(g, lvl)
	end := newEnding(g, aud, lvl, ph)
	funcs := template.FuncMap{
		"part":    func(step string) string { return string(markStart) + step + string(markEnd) },
		"opener":  func() string { return ph.sentence() },
		"writing": func() string { return ph.writing },
		"agency":  func() string { return end.agency },
		"invite":  func() string { return end.invite },
	}
	t, err := parsed(id, sc.Template)
	if err != nil {
		return Result{}, fmt.Errorf("formula: scenario %s: parse template: %w", id, err)
	}
	if t, err = t.Clone(); err != nil {
		return Result{}, fmt.Errorf("formula: scenario %s: %w", id, err)
	}
	t.Funcs(funcs)
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		return Result{}, fmt.Errorf("formula: scenario %s: %w", id, err)
	}
	res := extractParts(tidy(out.String()))
	res.Text = upperFirst(res.Text)
	res.Level, res.Scenario = lvl, id
	if p := leftover(res.Text, data); p != "" {
		return Result{}, fmt.Errorf("formula: scenario %s: output has an unfilled placeholder %q", id, p)
	}
	if info, ok := g.Audience(aud); ok {
		res.AudienceAdvice = info.Advice
	}
	return res, nil
}

func joinAudiences(as []guide.Audience) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = string(a)
	}
	return strings.Join(s, " or ")
}

// templates caches parsed scenario templates by their text; each render
// clones one and binds the level's functions.
var templates sync.Map

var templateFuncNames = template.FuncMap{
	"part": func(string) string { return "" }, "opener": func() string { return "" },
	"writing": func() string { return "" }, "agency": func() string { return "" },
	"invite": func() string { return "" },
}

func parsed(id, text string) (*template.Template, error) {
	if t, ok := templates.Load(text); ok {
		return t.(*template.Template), nil
	}
	t, err := template.New(id).Funcs(templateFuncNames).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, err
	}
	templates.Store(text, t)
	return t, nil
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

// extractParts removes the part markers, collapses runs of spaces (and of
// more than one blank line) that empty template branches leave, and records
// where each marked part starts and ends in the result, in characters.
func extractParts(s string) Result {
	var out []rune
	var parts []Part
	pending := 0   // parts whose start is the next character written
	space := false // a space is owed before the next character
	newlines := 0  // newlines owed before the next character
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		switch {
		case r == markStart:
			j := strings.IndexRune(s, markEnd)
			if j < 0 {
				continue
			}
			parts = append(parts, Part{Step: s[:j]})
			pending++
			s = s[j+len(string(markEnd)):]
		case r == '\n':
			newlines++
		case unicode.IsSpace(r):
			space = true
		default:
			if len(out) > 0 {
				switch {
				case newlines > 0:
					for range min(newlines, 2) {
						out = append(out, '\n')
					}
				case space:
					out = append(out, ' ')
				}
			}
			space, newlines = false, 0
			for k := len(parts) - pending; k < len(parts); k++ {
				parts[k].Start = len(out)
			}
			pending = 0
			out = append(out, r)
		}
	}
	for k := len(parts) - pending; k < len(parts); k++ {
		parts[k].Start = len(out)
	}
	for i := range parts {
		end := len(out)
		if i+1 < len(parts) {
			end = parts[i+1].Start
		}
		for end > parts[i].Start && unicode.IsSpace(out[end-1]) {
			end--
		}
		parts[i].End = end
	}
	parts = slices.DeleteFunc(parts, func(p Part) bool { return p.End <= p.Start })
	if parts == nil {
		parts = []Part{}
	}
	return Result{Text: string(out), Parts: parts}
}

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
	return nil
}

func positiveInt(name, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 || n > 1_000_000 {
		return 0, fmt.Errorf("%w: %s must be a whole number above 0, not %q", ErrInvalidField, name, s)
	}
	return n, nil
}

var rangeRE = regexp.MustCompile(`^\s*(\d+)\s*(?:(?:-|–|—|to)\s*(\d+))?\s*$`)

// parseRange reads "6", "5-6", "5–6" or "5 to 6".
func parseRange(s string) (lo, hi int, err error) {
	m := rangeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, fmt.Errorf("%w: capacity must be a number or a range like 5-6, not %q", ErrInvalidField, s)
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
