package rewrite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// Rules is the offline engine: no key, no network, deterministic. It reads
// the draft with the checker (which sentences are anti-patterns, which give
// context, impact or an alternative), keeps the draft's own reasons,
// consequences, alternatives and facts, leaves out what the checker flags
// and what data/tone.json marks as contempt, threats, bare orders,
// rhetorical questions or instructions aimed at a model (saying so in the
// notes), and lays the rest out along the formula at the target level with
// prompts/rewrite_rules.tmpl, whose wording comes from the guide's formula
// templates and level phrases. A draft that is already a complete pushback
// at the target level is kept as written.
//
// Its limits: it cannot invent what the draft does not say. Where the draft
// gives no reason, consequence or alternative, it says so honestly in
// neutral words ("I have some concerns about that approach") and asks for
// an alternative instead of proposing one; the goal it acknowledges is
// taken from the situation only when that is a request it can rephrase
// ("Can we add this feature?"), else it acknowledges the request in general.
// Kept sentences change little (leading interjections, emoji and shouting
// go; "Don't X" becomes "I'd suggest we don't X"), so sarcasm the heuristics
// miss survives, and a draft in another language gets English framing. A
// model (the openai engine) writes better prose; this engine is the safe,
// reproducible floor.
type Rules struct {
	g   *guide.Guide
	chk Checker
}

// NewRules returns the offline engine. chk reads the draft; a nil chk (or a
// checker that fails) leaves only the engine's own sentence heuristics.
func NewRules(g *guide.Guide, chk Checker) *Rules { return &Rules{g: g, chk: chk} }

// Name is "rules".
func (r *Rules) Name() string { return EngineRules }

// sentence is a stretch of the draft, with character offsets.
type sentence struct {
	text       string
	start, end int // runes in the draft
	role       string
}

var sentenceEndRE = lazyRegexp(`[.!?…]+["'”’)\]}]*(?:\s+|$)|\n+|\s*[;—]\s+`)

// splitSentences splits text into sentences with rune offsets.
func splitSentences(text string) []sentence {
	var out []sentence
	prev := 0
	add := func(b0, b1 int) {
		seg := text[b0:b1]
		trimmed := strings.TrimSpace(seg)
		if trimmed == "" {
			return
		}
		lead := len(seg) - len(strings.TrimLeft(seg, " \t\r\n"))
		s0 := utf8.RuneCountInString(text[:b0+lead])
		out = append(out, sentence{text: trimmed, start: s0, end: s0 + utf8.RuneCountInString(trimmed)})
	}
	for _, m := range sentenceEndRE.get().FindAllStringIndex(text, -1) {
		end := m[1]
		if abbreviation(text[:m[0]]) && text[m[0]] == '.' && !strings.Contains(text[m[0]:m[1]], "\n") {
			continue
		}
		// Keep the terminal punctuation, drop separators.
		seg := text[m[0]:m[1]]
		keep := len(strings.TrimRight(seg, " \t\r\n"))
		if strings.ContainsAny(seg, ";—") && !strings.ContainsAny(seg, ".!?…") {
			keep = 0
		}
		add(prev, m[0]+keep)
		prev = end
	}
	add(prev, len(text))
	return out
}

// abbreviation reports whether before ends with a title or abbreviation
// whose full stop does not end a sentence ("Dr", "Mrs", "e.g").
func abbreviation(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	w := strings.ToLower(before[i+1:])
	switch w {
	case "dr", "mr", "mrs", "ms", "mx", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "approx", "no", "inc", "ltd", "co", "corp", "dept", "fig", "mt", "ft":
		return w != "no" || strings.HasSuffix(before, "No")
	}
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(before[i+1:])[0])
}

func overlaps(s sentence, start, end int) bool {
	return start < s.end && end > s.start && !(start == 0 && end == 0)
}

// Generate composes one candidate. On a repair round it also drops kept
// sentences the checker flagged in the previous candidate.
func (r *Rules) Generate(ctx context.Context, req Request, level guide.Level, fb *Feedback) (Generation, error) {
	if err := ctx.Err(); err != nil {
		return Generation{Mode: ModeRules}, err
	}
	greeting, body, signoff := frame(cleanDraft(req.Draft))
	text := body
	sents := splitSentences(text)
	var rep check.Report
	if r.chk != nil && strings.TrimSpace(text) != "" {
		if got, err := r.chk.Check(check.Input{Draft: text, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes, Level: level}); err == nil {
			rep = got
		}
	}
	t := toneData()
	if fb == nil && complete(rep, level) && r.asWritten(req, t) {
		return Generation{Text: strings.TrimSpace(req.Draft), Mode: ModeRules,
			Notes: []string{"the draft already passes at this level; kept as written"}}, nil
	}
	// A draft that rightly goes along (letting a low-stakes request go,
	// or disagree and commit) is not turned into a pushback, unless a
	// level was asked for.
	if fb == nil && rep.Pass && rep.Stance != "" && !req.levelAsked && r.asWritten(req, t) {
		return Generation{Text: strings.TrimSpace(req.Draft), Mode: ModeRules,
			Notes: []string{stanceNote[rep.Stance]}}, nil
	}
	// Keep the draft's own sentences minus what the checker flags as an
	// anti-pattern and what reads as hostile, shouted or aimed at a model.
	var kept []sentence
	var notes []string
	for i, s := range sents {
		if i%64 == 0 && ctx.Err() != nil {
			return Generation{Mode: ModeRules}, ctx.Err()
		}
		text, why := r.keep(s, rep, req, level, t)
		if text == "" {
			if why != "" {
				notes = append(notes, fmt.Sprintf("left out %q: %s", clip(s.text, 80), why))
			}
			continue
		}
		s.text = text
		s.role = roleOf(s, rep.Components)
		kept = append(kept, s)
	}
	if len(notes) > 6 {
		notes = append(notes[:5], fmt.Sprintf("and %d more sentences left out", len(notes)-5))
	}
	if fb != nil && fb.Previous != "" {
		kept = dropFlaggedInPrevious(kept, fb.Previous, fb.Findings)
	}
	data := rulesData{Guide: r.g, Goal: goalFrom(req.Situation)}
	if fb != nil {
		data.Remedies = r.remedies(fb.Findings)
	}
	data.Level, _ = r.g.Level(level)
	data.Greeting, data.Signoff = greeting, signoff
	text, err := r.compose(data, kept, req)
	if err != nil || req.MaxChars <= 0 || utf8.RuneCountInString(text) <= req.MaxChars {
		return Generation{Text: text, Mode: ModeRules, Notes: notes}, err
	}
	// Too long for the limit: the short layout, then drop the longest kept
	// sentences that carry no fact until it fits. Which sentences may go
	// is worked out once, and each round drops, longest first, as many as
	// the excess calls for (one sentence a round, each round re-reading
	// every sentence, made a long draft quadratic).
	data.Short = true
	droppable := make([]bool, len(kept))
	for i, s := range kept {
		droppable[i] = len(ExtractFacts(s.text)) == 0 && len(req.missingFacts(s.text)) == len(req.Facts)
	}
	dropped := 0
	for {
		if ctx.Err() != nil {
			return Generation{Mode: ModeRules}, ctx.Err()
		}
		text, err = r.compose(data, kept, req)
		n := utf8.RuneCountInString(text)
		if err != nil || n <= req.MaxChars {
			break
		}
		var order []int
		for i := range kept {
			if droppable[i] {
				order = append(order, i)
			}
		}
		if len(order) == 0 {
			break
		}
		slices.SortStableFunc(order, func(a, b int) int { return len(kept[b].text) - len(kept[a].text) })
		drop := map[int]bool{}
		for freed, k := 0, 0; k < len(order) && freed < n-req.MaxChars; k++ {
			i := order[k]
			drop[i] = true
			freed += utf8.RuneCountInString(kept[i].text) + 1
			if dropped++; dropped <= 5 {
				notes = append(notes, fmt.Sprintf("left out %q: to fit %d characters", clip(kept[i].text, 80), req.MaxChars))
			}
		}
		var keptNow []sentence
		var droppableNow []bool
		for i := range kept {
			if !drop[i] {
				keptNow, droppableNow = append(keptNow, kept[i]), append(droppableNow, droppable[i])
			}
		}
		kept, droppable = keptNow, droppableNow
	}
	if dropped > 5 {
		notes = append(notes, fmt.Sprintf("and %d more sentences left out to fit %d characters", dropped-5, req.MaxChars))
	}
	return Generation{Text: text, Mode: ModeRules, Notes: notes}, err
}

// keep returns what survives of one draft sentence, or "" and why it was
// left out ("" when it was too short to mention).
func (r *Rules) keep(s sentence, rep check.Report, req Request, level guide.Level, t *tone) (string, string) {
	text := strings.TrimSpace(delimiterRE.get().ReplaceAllString(trimFlagged(s, rep.Findings), ""))
	if text == "" && flagged(s, rep.Findings) {
		// The whole sentence was flagged: its softened form may be clean
		// ("Absolutely not, the review cost us 3 days" -> "the review cost
		// us 3 days"); ask the checker about it alone.
		if text = r.cleanAlone(t.soften(s.text), req); text == "" {
			return "", r.flaggedAs(s, rep.Findings)
		}
	}
	switch {
	case text == "":
		return "", ""
	case t.isInjection(text):
		return "", "an instruction aimed at a model, not part of the message"
	case anyMatch(t.threats, text):
		return "", "reads as a threat or an ultimatum"
	}
	text = t.soften(text)
	switch {
	case wordCount(text) < 3:
		return "", ""
	case t.hostile(text):
		return "", "reads as contempt"
	case t.imperative.MatchString(text):
		return "", "an order; the rewrite asks instead"
	case isQuestionToThem(text):
		return "", "a rhetorical question; the rewrite asks its own"
	}
	if loc := t.negImper.FindStringIndex(text); loc != nil {
		if level == guide.LevelMild {
			return "", "an order; too direct for a mild concern"
		}
		text = "I'd suggest we don't " + text[loc[1]:]
	}
	return text, ""
}

// remedies returns, for each anti-pattern finding with no span (the
// checker judged the draft's shape, or the situation, not its words), the
// sentence its suggestion quotes, when that sentence is complete: adding it
// is the only repair there is, since there is nothing to trim.
func (r *Rules) remedies(findings []check.Finding) []string {
	var out []string
	for _, f := range findings {
		if f.Kind != check.KindAntiPattern || f.End > f.Start {
			continue
		}
		a, ok := r.g.AntiPattern(f.Rule)
		if !ok {
			continue
		}
		m := quotedRE.get().FindAllStringSubmatch(a.Suggestion, -1)
		if len(m) == 0 {
			continue
		}
		q := m[len(m)-1][1]
		if strings.Contains(q, "...") || strings.Contains(q, "[") || slices.Contains(out, q) {
			continue
		}
		out = append(out, q)
	}
	return out
}

var quotedRE = lazyRegexp(`"([^"]+)"`)

// flaggedAs names the anti-pattern the checker found in s.
func (r *Rules) flaggedAs(s sentence, findings []check.Finding) string {
	for _, f := range findings {
		if f.Kind == check.KindAntiPattern && overlaps(s, f.Start, f.End) {
			if a, ok := r.g.AntiPattern(f.Rule); ok {
				return strings.ToLower(a.Name[:1]) + a.Name[1:]
			}
			return f.Rule
		}
	}
	return "flagged by the checker"
}

// compose lays kept sentences out with the rules template.
func (r *Rules) compose(data rulesData, kept []sentence, req Request) (string, error) {
	data.Context, data.Impact, data.Alternative = nil, nil, nil
	for _, s := range kept {
		t := capitaliseFirst(endSentence(s.text))
		switch s.role {
		case "alternative":
			data.Alternative = append(data.Alternative, t)
		case "impact":
			data.Impact = append(data.Impact, t)
		default:
			data.Context = append(data.Context, t)
		}
	}
	var keptText strings.Builder
	keptText.WriteString(data.Goal + " " + data.Greeting + " " + data.Signoff + " ")
	for _, s := range kept {
		keptText.WriteString(s.text + " ")
	}
	data.Basis = req.basis(keptText.String())
	text, err := render("rewrite_rules.tmpl", data)
	if err != nil {
		return "", err
	}
	text = tidy(text)
	if data.Greeting != "" {
		text = data.Greeting + "\n\n" + text
	}
	if data.Signoff != "" {
		text += "\n\n" + data.Signoff
	}
	return text, nil
}

var (
	greetingRE = lazyRegexp(`(?i)^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^\n.!?]{0,60}[,!:]?\s*$`)
	signoffRE  = lazyRegexp(`(?i)^(?:thanks|thank you|many thanks|best|best regards|kind regards|regards|cheers|all the best|sincerely|warmly)\b[^\n]{0,40}$`)
)

// frame splits an email's greeting line and sign-off (with the name line
// after it) from its body; they are kept as written around the rewrite.
func frame(text string) (greeting, body, signoff string) {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) > 1 && greetingRE.get().MatchString(strings.TrimSpace(lines[0])) {
		greeting, lines = strings.TrimSpace(lines[0]), lines[1:]
	}
	for n := 1; n <= 2 && n < len(lines); n++ {
		i := len(lines) - n
		if signoffRE.get().MatchString(strings.TrimSpace(lines[i])) {
			signoff = strings.TrimSpace(strings.Join(lines[i:], "\n"))
			lines = lines[:i]
			break
		}
	}
	return greeting, strings.TrimSpace(strings.Join(lines, "\n")), signoff
}

// rulesData feeds prompts/rewrite_rules.tmpl.
type rulesData struct {
	*guide.Guide
	Level       guide.LevelInfo
	Goal        string   // their goal, rephrased from the situation ("to add this feature"), or empty
	Context     []string // the draft's own reasons
	Impact      []string // the draft's own consequences
	Alternative []string // the draft's own proposals
	Basis       []string // facts that were only in dropped sentences
	Remedies    []string // on a repair round: the guide's own remedy sentence for each shape finding (no words to trim)
	Channel     string
	Round       int    // 0 first attempt, 1 repair
	Short       bool   // the layout for a length limit: fewer courtesies
	Greeting    string // the draft's own greeting line, kept as written
	Signoff     string // the draft's own sign-off (and name), kept as written
}

// trimFlagged removes the parts of s that anti-pattern findings cover; it
// returns "" when nothing worth keeping is left.
func trimFlagged(s sentence, findings []check.Finding) string {
	runes := []rune(s.text)
	keep := make([]bool, len(runes))
	for i := range keep {
		keep[i] = true
	}
	any := false
	for _, f := range findings {
		if f.Kind != check.KindAntiPattern || !overlaps(s, f.Start, f.End) {
			continue
		}
		any = true
		for i := max(f.Start, s.start); i < min(f.End, s.end); i++ {
			keep[i-s.start] = false
		}
	}
	if !any {
		return s.text
	}
	var b strings.Builder
	for i, r := range runes {
		if keep[i] {
			b.WriteRune(r)
		}
	}
	rest := strings.TrimFunc(b.String(), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '%' && r != '$' })
	if wordCount(rest) < 4 {
		return ""
	}
	return rest
}

// stanceNote says why a draft that goes along was kept as written.
var stanceNote = map[string]string{
	check.StanceLetGo:  "kept as written: at these low stakes, with no risk named, letting it go is the framework's answer; ask for a level to push back anyway",
	check.StanceCommit: "kept as written: the case was made and the draft commits to the decision (disagree and commit); ask for a level to push back anyway",
}

// complete reports whether a checker report shows a finished pushback: it
// passes, reads at the target level, has all five formula parts and no
// error or warning.
func complete(rep check.Report, level guide.Level) bool {
	if !rep.Pass || rep.Level != level || len(rep.Components) == 0 {
		return false
	}
	for _, c := range rep.Components {
		if !c.Present {
			return false
		}
	}
	for _, f := range rep.Findings {
		if f.Severity == check.SeverityError || f.Severity == check.SeverityWarning {
			return false
		}
	}
	return true
}

// asWritten reports whether a draft the checker passes can be returned
// unchanged: nothing in it looks like a prompt injection, contempt, a
// threat or an emoji, and it fits the length limit.
func (r *Rules) asWritten(req Request, t *tone) bool {
	d := strings.TrimSpace(req.Draft)
	if cleanDraft(d) != d || stripEmoji(d) != d || (req.MaxChars > 0 && utf8.RuneCountInString(d) > req.MaxChars) {
		return false
	}
	for _, s := range splitSentences(d) {
		if t.isInjection(s.text) || t.hostile(s.text) {
			return false
		}
	}
	return true
}

func flagged(s sentence, findings []check.Finding) bool {
	for _, f := range findings {
		if f.Kind == check.KindAntiPattern && overlaps(s, f.Start, f.End) {
			return true
		}
	}
	return false
}

// cleanAlone returns text when the checker finds no anti-pattern in it on
// its own and it carries something worth keeping (a fact, a reason or a
// consequence), else "".
func (r *Rules) cleanAlone(text string, req Request) string {
	if r.chk == nil || wordCount(text) < 3 {
		return ""
	}
	rep, err := r.chk.Check(check.Input{Draft: text, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes})
	if err != nil {
		return ""
	}
	all := sentence{text: text, start: 0, end: utf8.RuneCountInString(text)}
	if flagged(all, rep.Findings) {
		return ""
	}
	if len(ExtractFacts(text)) > 0 {
		return text
	}
	for _, c := range rep.Components {
		if c.Present && (c.Step == "context" || c.Step == "impact") {
			return text
		}
	}
	return ""
}

// roleOf says which formula part a kept sentence serves, from the checker's
// components on the draft.
func roleOf(s sentence, comps []check.Component) string {
	for _, want := range []string{"alternative", "impact", "context"} {
		for _, c := range comps {
			if c.Step != want || !c.Present {
				continue
			}
			for _, sp := range c.Spans {
				if overlaps(s, sp.Start, sp.End) {
					return want
				}
			}
		}
	}
	return "context"
}

// dropFlaggedInPrevious removes kept sentences that sit under an
// anti-pattern finding in the previous candidate.
func dropFlaggedInPrevious(kept []sentence, prev string, findings []check.Finding) []sentence {
	var out []sentence
	for _, s := range kept {
		i := strings.Index(prev, s.text)
		if i < 0 {
			out = append(out, s)
			continue
		}
		ps := sentence{start: utf8.RuneCountInString(prev[:i])}
		ps.end = ps.start + utf8.RuneCountInString(s.text)
		flagged := false
		for _, f := range findings {
			if f.Kind == check.KindAntiPattern && overlaps(ps, f.Start, f.End) {
				flagged = true
			}
		}
		if !flagged {
			out = append(out, s)
		}
	}
	return out
}

func wordCount(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// isQuestionToThem: rhetorical challenges ("Why would we do that?") read as
// dismissive in a rewrite; the formula's own question replaces them.
func isQuestionToThem(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), "?")
}

func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?…", r) {
		return s
	}
	if strings.ContainsRune("\"'”’)", r) {
		return s
	}
	return s + "."
}

func capitaliseFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// lowerStart lowercases the first letter when the first word is a common
// word ("The café" -> "the café") or a gerund with its object ("Switching
// to Garamond"), never a name ("Dr. Okafor", "Sterling signed") or "I".
func lowerStart(s string) string {
	words := strings.SplitN(s, " ", 3)
	w := strings.ToLower(strings.TrimRight(words[0], ",.:;"))
	if w == "i" || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "i’") {
		return s
	}
	gerund := len(words) > 1 && strings.HasSuffix(w, "ing") && utf8.RuneCountInString(w) >= 6 && gerundObjects[strings.ToLower(words[1])]
	if !notNames[w] && !gerund {
		return s
	}
	return lowerFirst(s)
}

// gerundObjects are words that follow a gerund starting a sentence
// ("Switching to", "Adding the", "Moving it") and not a name ("Sterling
// signed").
var gerundObjects = map[string]bool{
	"to": true, "the": true, "a": true, "an": true, "it": true, "this": true, "that": true, "these": true,
	"those": true, "more": true, "our": true, "your": true, "their": true, "on": true, "in": true,
	"up": true, "out": true, "off": true, "back": true, "everything": true, "all": true, "another": true,
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || size >= len(s) {
		return s
	}
	r2, _ := utf8.DecodeRuneInString(s[size:])
	if unicode.IsUpper(r2) { // an acronym: keep it
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

var spacesRE = lazyRegexp(`[ \t]+`)

// tidy joins the template's lines into one paragraph with single spaces.
func tidy(s string) string {
	return strings.TrimSpace(spacesRE.get().ReplaceAllString(strings.Join(strings.Fields(s), " "), " "))
}

// speakerRE matches a leading "Client:" or "Dr. Okafor (principal investigator):".
var speakerRE = lazyRegexp(`^[\p{L}][\p{L}.'’ -]{0,40}(?:\([^)]{0,60}\))?\s*:\s+`)

// clauseCommaRE finds a comma that starts a new clause ("..., it's only for
// the website"), where the request ends.
var clauseCommaRE = lazyRegexp(`(?i),\s+(?:the|it|it's|it’s|it'll|it’ll|that|this|these|we|we'll|they|i|which|so|but|because|since|and then)\b`)

// goalRE recognises a request in the situation and captures what is asked.
var goalRE = []struct {
	re     *lazyRE
	prefix string
}{
	{lazyRegexp(`(?i)^(?:so,?\s+)?what if we tried\s+(.+)$`), "to try "},
	{lazyRegexp(`(?i)^(?:so,?\s+)?(?:what if we|why don't we|why don’t we|how about we)\s+(.+)$`), "to "},
	{lazyRegexp(`(?i)^(?:can|could|would|will)\s+you\s+(?:please\s+)?(.+)$`), "me to "},
	{lazyRegexp(`(?i)^(?:please\s+)?(?:just\s+)?(?:can|could|shall|should)\s+we\s+(?:please\s+)?(?:just\s+)?(.+)$`), "to "},
	{lazyRegexp(`(?i)^(?:ok,?\s+|okay,?\s+|so,?\s+)?(?:let's|let’s|let us)\s+(?:just\s+)?(.+)$`), "to "},
	{lazyRegexp(`(?i)^(?:i think\s+)?we(?:'ll|’ll|'re going to|’re going to|\s+(?:should|need to|must|have to|want to|will|are going to))\s+(?:just\s+)?(.+)$`), "to "},
	{lazyRegexp(`(?i)^(?:i think\s+)?we\s+(?:need|want)\s+(.+)$`), ""},
	{lazyRegexp(`(?i)^(?:the\s+)?[\p{L}' ]{1,40}?\s+(?:still\s+)?(?:wants|would like)\s+to\s+(.+)$`), "to "},
	{lazyRegexp(`(?i)^i(?:'d| would)? (?:want|like|need) (?:you )?to\s+(.+)$`), "to "},
	{lazyRegexp(`(?i)^(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:just\s+)?(\p{L}+ing\b.*)$`), "to go ahead with "},
	{lazyRegexp(`(?i)^i(?:'d| would)? (?:want|like|need) you to\s+(.+)$`), "me to "},
	{lazyRegexp(`(?i)^please\s+(.+)$`), "me to "},
	{lazyRegexp(`(?i)^just\s+(.+)$`), "me to "},
}

var goalSwap = map[string]string{"our": "your", "ours": "yours", "my": "your", "me": "you", "i": "you", "us": "us", "mine": "yours", "i'm": "you're", "i’m": "you’re"}

// goalFrom rephrases the situation's request as the goal to acknowledge
// ("Can we add this feature?" -> "to add this feature"), or "" when the
// situation is not a request it can rephrase.
func goalFrom(situation string) string {
	s := strings.TrimSpace(stripEmoji(cleanDraft(situation)))
	if s == "" || strings.HasPrefix(s, "[") {
		return ""
	}
	s = speakerRE.get().ReplaceAllString(s, "")
	s = strings.Trim(s, "\"“”'")
	if sents := splitSentences(s); len(sents) > 0 {
		s = sents[0].text
	}
	if i := strings.IndexAny(s, "—;("); i > 0 {
		s = s[:i]
	}
	if m := clauseCommaRE.get().FindStringIndex(s); m != nil {
		s = s[:m[0]]
	}
	// Any other comma ends the request too, unless a list follows
	// ("add X, Y and Z").
	if i := strings.Index(s, ", "); i > 0 {
		if rest := s[i+2:]; !strings.Contains(rest, " and ") && !strings.Contains(rest, " or ") {
			s = s[:i]
		}
	}
	s = strings.TrimRight(s, ".!?… ")
	if s == "" {
		return ""
	}
	for _, g := range goalRE {
		m := g.re.get().FindStringSubmatch(s)
		if m == nil {
			continue
		}
		rest := strings.TrimSpace(m[1])
		words := strings.Fields(rest)
		for i, w := range words {
			if v, ok := goalSwap[strings.ToLower(w)]; ok {
				words[i] = v
			}
		}
		rest = strings.Join(words, " ")
		if rest == "" || len(words) > 25 {
			return ""
		}
		if after, ok := strings.CutPrefix(rest, "going "); ok && strings.HasSuffix(g.prefix, "with ") {
			return "to go " + after // "We're going live" -> "to go live"
		}
		return g.prefix + lowerStart(rest)
	}
	return ""
}

// Step returns the formula step's template ("I hear you wanting [their
// goal]..."), for the rules template.
func (d rulesData) Step(id string) string {
	st, _ := d.Guide.Step(id)
	return st.Template
}

// Phrase returns phrase i of the target level ("" when it has none).
func (d rulesData) Phrase(i int) string {
	if i < 0 || i >= len(d.Level.Phrases) {
		return ""
	}
	return d.Level.Phrases[i]
}

// Escalation, Offer, Softening and Understanding return the guide's phrase
// lists.
func (d rulesData) Escalation(i int) string    { return pick(d.Guide.Phrases.Escalation.Items, i) }
func (d rulesData) Offer(i int) string         { return pick(d.Guide.Phrases.Offer.Items, i) }
func (d rulesData) Softening(i int) string     { return pick(d.Guide.Phrases.Softening.Items, i) }
func (d rulesData) Understanding(i int) string { return pick(d.Guide.Phrases.Understanding.Items, i) }
func (d rulesData) Collaborative(i int) string { return pick(d.Guide.Phrases.Collaborative.Items, i) }

func pick(items []string, i int) string {
	if i < 0 || i >= len(items) {
		return ""
	}
	return items[i]
}

// systemBlockRE is a block of text wrapped in a system/instructions tag
// look-alike: an injection, never part of the message.
var systemBlockRE = lazyRegexp(`(?is)<\s*(system|instructions?|assistant)\b[^<>]*>.*?<\s*/\s*(?:system|instructions?|assistant)\s*>`)

// cleanDraft removes tag-wrapped injections, then any remaining tag
// look-alikes, before the draft is read.
func cleanDraft(s string) string {
	s = systemBlockRE.get().ReplaceAllString(s, " ")
	return strings.TrimSpace(delimiterRE.get().ReplaceAllString(s, " "))
}
