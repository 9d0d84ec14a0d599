package rewrite

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Clause classes (guide.ClauseClasses; data/rewrite.json defines their cues).
const (
	classGreeting    = "greeting"
	classSignoff     = "signoff"
	classInsult      = "insult"
	classBlame       = "blame"
	classVenting     = "venting"
	classRhetorical  = "rhetorical"
	classRefusal     = "refusal"
	classProposal    = "proposal"
	classCommand     = "command"
	classQuestion    = "question"
	classJudgement   = "judgement"
	classConsequence = "consequence"
	classFact        = "fact"
	classInjection   = "injection" // tone.json's injection patterns, never kept
)

// dropped reports whether the rewrite leaves a class out whole.
func dropped(class string) bool {
	switch class {
	case classInsult, classBlame, classVenting, classRhetorical, classInjection:
		return true
	}
	return false
}

// classifier is data/rewrite.json compiled.
type classifier struct {
	classes []compiledClass
	verbs   map[string]bool
	ing     map[string]string
	forms   guide.RewriteForms
	// cues indexes the cues' needs, numbered in data order: a clause is
	// checked against the cues its grams name only.
	cues *needIndex
}

type compiledClass struct {
	id   string
	name string
	does string
	cues []compiledCue
}

type compiledCue struct {
	re   *regexp.Regexp
	form string
	// need: lower-cased literals one of which every match contains (nil:
	// no prefilter); a clause holding none is not matched at all.
	need []string
	// verbs: each @verbs of the pattern is matched as any word (a named
	// group) and the word checked against the verbs set, which is far
	// cheaper than a 300-way alternation; these are the groups.
	verbs []int
	// may: what a clause must hold for re to match in it (see need),
	// checked before need: sound where need is a heuristic on the
	// lower-cased clause, and cheaper.
	may *need
}

var loadClassifier = sync.OnceValues(func() (*classifier, error) { return newClassifier(guide.Default().Rewrite) })

func newClassifier(rg guide.RewriteGuide) (*classifier, error) {
	c := &classifier{verbs: map[string]bool{}, ing: rg.IrregularIng, forms: rg.Forms}
	var needs []*need
	for _, v := range rg.Verbs {
		c.verbs[v] = true
	}
	for _, cl := range rg.Classes {
		cc := compiledClass{id: cl.ID, name: cl.Name, does: cl.Does}
		for _, cu := range cl.Cues {
			src := "(?i)" + cu.Pattern
			nv := strings.Count(src, "(?:@verbs)")
			for i := range nv {
				src = strings.Replace(src, "(?:@verbs)", fmt.Sprintf(`(?P<verb%d>[\p{L}']+)`, i), 1)
			}
			if strings.Contains(src, "@verbs") {
				return nil, fmt.Errorf("rewrite class %s: cue %q: write @verbs as (?:@verbs)", cl.ID, cu.Pattern)
			}
			re, err := regexp.Compile(src)
			if err != nil {
				return nil, fmt.Errorf("rewrite class %s: cue %q: %w", cl.ID, cu.Pattern, err)
			}
			cc0 := compiledCue{re: re, form: cu.Form, may: needOf(src)}
			for i := range nv {
				cc0.verbs = append(cc0.verbs, re.SubexpIndex(fmt.Sprintf("verb%d", i)))
			}
			if nv == 0 {
				if ast, err := syntax.Parse(src, syntax.Perl); err == nil {
					cc0.need = needed(ast.Simplify())
				}
			}
			cc.cues = append(cc.cues, cc0)
			needs = append(needs, cc0.may)
		}
		c.classes = append(c.classes, cc)
	}
	c.cues = newNeedIndex(needs)
	return c, nil
}

func classes() *classifier {
	c, err := loadClassifier()
	if err != nil {
		panic(fmt.Sprintf("rewrite: embedded rewrite data is invalid: %v", err)) // tested; a broken build
	}
	return c
}

func verbSet() map[string]bool        { return classes().verbs }
func irregularIng() map[string]string { return classes().ing }

// match is how one clause was classified.
type match struct {
	class string
	loc   []int  // the cue's match and its groups in the text, byte offsets
	form  string // how the rewrite says it (guide.ClauseForms)
}

// classify names a clause's class: the first class in data order whose cue
// matches; fact when none does.
// lectureTailRE: a tail that lectures the reader on next time.
var lectureTailRE = lazyRegexp(`(?i)^\W*and next time\b`)

// danglingConjRE: a conjunction a clause ends on once what followed it
// is cut.
var danglingConjRE = lazyRegexp(`(?i)\s+(?:so|and|but|or|because|cos|coz)\s*$`)

// formSarcasm marks a clause left out whole as sarcasm: its facts are
// what it mocks, not reasons to keep.
const formSarcasm = "sarcasm"

// ironicAssentRE: a clause that opens on a mocking yes ("lol sure",
// "oh right", "haha great") before what it mocks.
var ironicAssentRE = lazyRegexp(`(?i)^\W*(?:lol|lmao|haha|ha|oh)[,.!]*\s+(?:sure|right|great|yeah sure)\b`)

func (c *classifier) classify(text string) match {
	t := strings.TrimSpace(text)
	lower := strings.ToLower(t)
	tx := sketched{s: t}
	var buf [128]uint64
	hits := c.cues.hits(&tx, buf[:0])
	n := -1
	for _, cl := range c.classes {
		for _, cu := range cl.cues {
			n++
			if !hits.named(n) || !tx.may(cu.may) {
				continue // cu.re cannot match t
			}
			if cu.need != nil && !containsAny(lower, cu.need) {
				continue
			}
			loc := cu.re.FindStringSubmatchIndex(t)
			if loc == nil || !c.verbsHold(t, loc, cu.verbs) {
				continue
			}
			return match{class: cl.id, loc: loc, form: cu.form}
		}
	}
	return match{class: classFact}
}

// verbsHold reports whether every @verbs group that took part in the
// match holds a verb. (A word that is not one fails the cue, though the
// full alternation might have matched elsewhere: the cues are written
// anchored, so that does not arise; TestClauseCues checks the examples.)
func (c *classifier) verbsHold(t string, loc []int, groups []int) bool {
	for _, g := range groups {
		if g > 0 && loc[2*g] >= 0 && !c.verbs[strings.ToLower(t[loc[2*g]:loc[2*g+1]])] {
			return false
		}
	}
	return true
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// needed returns lower-cased literals one of which every match of re must
// contain, or nil when it cannot tell (a prefilter, as in code search).
func needed(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return needed(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needed(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if n := needed(sub); n != nil && (best == nil || shortest(n) > shortest(best)) {
				best = n
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			n := needed(sub)
			if n == nil {
				return nil
			}
			all = append(all, n...)
		}
		return all
	}
	return nil
}

func shortest(ss []string) int {
	n := -1
	for _, s := range ss {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// className is a class's name for notes ("blame", "an insult, contempt or
// a threat").
func (c *classifier) className(id string) string {
	if id == classInjection {
		return "an instruction aimed at a model, not part of the message"
	}
	for _, cl := range c.classes {
		if cl.id == id {
			return strings.ToLower(cl.name)
		}
	}
	return id
}

// piece is one clause of the draft as the rewrite reads it.
type piece struct {
	match
	text  string // softened clause text
	orig  string // the clause as written
	lead  string // separator before it in its sentence ("", ", and ", "; ")
	sent  int    // index of its sentence in the draft
	idx   int    // index of the piece in the reading
	line  bool   // its sentence is a whole line
	start int    // character offset in the draft
	end   int
	// blunt are the words the softening took out of it ("not you"),
	// which must not survive.
	blunt []string
	// lost are the parts of it the reading left out as jabs while it kept
	// the rest for its figures ("..., clearly the chancellor can wait").
	lost []string
}

// reading is a draft read clause by clause.
type reading struct {
	greeting string  // the greeting line(s) or opening courtesy, as written
	inline   bool    // the greeting shares its line with the body ("Hi Sam, ...")
	signoff  string  // the sign-off and name lines, as written
	pieces   []piece // the body's clauses, in order
	nsent    int
}

// subjectLineRE: an email's subject line.
var subjectLineRE = lazyRegexp(`^(?i:subject|re|fwd?)\s*:\s*\S`)

// nameGreetingRE: a name and a comma, alone on the first line ("Linda,",
// "Mr Addo,").
var nameGreetingRE = lazyRegexp(`^(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?\s*,\s*$`)

// greetingPrefixRE is a greeting at the start of the first sentence,
// before the body on the same line ("Hi Priya, thanks for...", "José,
// no.", "Dr. Okafor, 200 patients...").
var greetingPrefixRE = lazyRegexp(`^(?:(?i:hi|hello|hey|hiya|dear|(?:good )?(?:morning|afternoon|evening))\s+(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?[\p{Lu}][\p{L}'’-]*(?:\s+[\p{Lu}][\p{L}'’-]*)?|(?i:hi|hello|hey|hiya)(?:\s+(?i:all|team|everyone|folks|there))?|(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?[\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+)?)\s*[,!—–]\s+`)

// emojiStopRE: a run of pictographs between a word and a capital, where
// it ended a sentence ("Fully booked tmrw unfortunately 🙁 Thurs am
// ok?"): a full stop, so the two are never read, and said, as one.
var emojiStopRE = lazyRegexp(`([\p{L}\d])\s*[\x{1F000}-\x{1FAFF}\x{2600}-\x{27BF}\x{1F1E6}-\x{1F1FF}\x{FE0F}\x{200D}]+\s+(\p{Lu})`)

// bareTime: s is a time and nothing else ("Saturday", "next Friday",
// "tomorrow morning"), not a clause about one ("away that weekend").
func bareTime(s string) bool {
	if !timeOfferRE.MatchString(s) && !offerWhenRE.MatchString(s) {
		return false
	}
	rest := offerWhenRE.ReplaceAllString(timeOfferRE.ReplaceAllString(s, " "), " ")
	for _, w := range strings.Fields(strings.ToLower(rest)) {
		if !timeFillers[strings.Trim(w, ",.!?")] {
			return false
		}
	}
	return true
}

// timeFillers may stand beside a time in a bare time.
var timeFillers = setOf(`this next the on at by before after until till morning afternoon evening night am pm or`)

// endsSentence: s, a clause as written, ends on a full stop, a question
// or an exclamation mark.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \n\"'”’)")
	return s != "" && strings.ContainsAny(s[len(s)-1:], ".?!")
}

// noTimeRE: a no said with the time it refuses ("No way Saturday",
// "Nope, Friday").
var noTimeRE = lazyRegexp(`(?i)^\W*(?:no way|no chance|nope|nah|no)\b[\s,.!-]+`)

// bareCondition: text, what the softening left of orig, is a condition
// alone ("if ...", "had ..."), orig's main clause after its comma gone.
func bareCondition(text, orig string) bool {
	t := strings.TrimRight(strings.TrimSpace(straight(text)), ".!?… ")
	if !(condRE.MatchString(t) || invertedCondRE.MatchString(t)) || strings.Contains(t, ", ") || strings.Contains(t, ";") {
		return false
	}
	for _, m := range mainSubjectRE.FindAllStringIndex(t, -1) {
		if wordCount(t[:m[0]]) > 1 {
			// "unless the amount is paid by Friday we won't be doing any
			// further work": its main clause is in it.
			return false
		}
	}
	// What follows the condition's last words in orig is its comma and a
	// main clause.
	o, tail := straight(orig), t[max(0, len(t)-24):]
	at := strings.LastIndex(o, tail)
	if at < 0 {
		return false
	}
	rest := strings.TrimSpace(o[at+len(tail):])
	return strings.HasPrefix(rest, ",") && wordCount(rest) >= 2
}

// mainSubjectRE: a subject and its verb, which in a condition past its
// first words is the main clause's.
var mainSubjectRE = lazyRegexp(`(?i)\b(?:I|we|you|they|he|she|it|there)(?:'ll|'d|'re|'m|'ve|'s| will| would| won't| wouldn't| can't| cannot| can| could| should| must| am| are| is| was| were| have| has| had| need| do| don't)\b`)

// atPriceRE: "at £2.10", "for $400": a price a no refused; priceRE: a
// price alone.
var (
	atPriceRE = lazyRegexp(`(?i)^\W*(?:at|for)\s+((?:[£$€¥₹]|rs\.?\s?|ksh\s?|r\s?)?\d[\d,.]*(?:\s?(?:k|m|p|a head|each|per \w+|an hour|a day|a week|/\w+))?)\W*$`)
	priceRE   = lazyRegexp(`(?i)^\W*(?:[£$€¥₹]|rs\.?\s?|ksh\s?)\d[\d,.]*(?:\s?(?:k|m|p|a head|each|per \w+|an hour|a day|a week|/\w+))?\W*$`)
)

// npJoined gives back to the clause before it a clause the segmenter cut
// at an "and" or "or" inside a noun phrase ("We're not putting our
// sending domain | or our name on it, and ..."): what follows the
// conjunction, up to its comma, has no verb of its own. Said apart, the
// two read "We can't put our sending domain. Our name on it,".
func npJoined(text string, cls []draft.Clause) []draft.Clause {
	var out []draft.Clause
	for i, cl := range cls {
		conj := strings.TrimSpace(cl.Lead)
		if i > 0 && len(out) > 0 && (conj == ", so" || conj == "so") && soPurposeRE.MatchString(cl.Text) && out[len(out)-1].End <= cl.Start {
			// "..., so he can go home and lean on her": the purpose of
			// what comes before, never a sentence of its own ("He can
			// go home and lean on her.").
			prev := &out[len(out)-1]
			prev.End, prev.CharEnd = cl.End, cl.CharEnd
			prev.Text = text[prev.Start:cl.End]
			continue
		}
		if i > 0 && (conj == "or" || conj == "and") && len(out) > 0 && nameEndRE.MatchString(out[len(out)-1].Text) && out[len(out)-1].End <= cl.Start {
			// "Raise a PR, Sam or I will review within the hour": "Sam or
			// I" is one subject, never "Otherwise I will review".
			prev := &out[len(out)-1]
			prev.End, prev.CharEnd = cl.End, cl.CharEnd
			prev.Text = text[prev.Start:cl.End]
			continue
		}
		if i > 0 && (conj == "or" || conj == "and") && len(out) > 0 {
			head, _, _ := strings.Cut(cl.Text, ", ")
			first := strings.ToLower(straight(firstWordOf(head)))
			if !finiteVerb(head) && !sVerb(head) && !strings.Contains(first, "'") && !pronounWords[first] && out[len(out)-1].End <= cl.Start {
				prev := &out[len(out)-1]
				prev.End, prev.CharEnd = cl.End, cl.CharEnd
				prev.Text = text[prev.Start:cl.End]
				continue
			}
		}
		out = append(out, cl)
	}
	return out
}

// runOnRE: a second clause run on without its comma ("... signed off
// it's me in front of the HSE", "... turns up without it he won't be
// loaded"): a subject and its verb after a word that joins nothing, or
// an order ("If your not in Saturday dont bother coming in Monday" had
// become "There's a real risk that your not in Saturday don't bother
// ..."; round 191).
var runOnRE = lazyRegexp(`(?i)(?:^|\s)(\w+)\s+(?:it's|it’s|I'm|I’m|we're|we’re|you're|you’re|they're|they’re|he's|she's|we'll|I'll|it'll|there's|there’s|(?:he|she|they|we|I) (?:won't|won’t|will not|can't|can’t|cannot|wouldn't|wouldn’t|doesn't|doesn’t|don't|don’t|isn't|isn’t|aren't|aren’t)|(?:don't|don’t|dont) (?:bother|come|expect|turn|think|ask|call|ring))\s`)

// runOn returns where the run-on clause of s starts, or -1.
func runOn(s string) int {
	for _, m := range runOnRE.FindAllStringSubmatchIndex(s, -1) {
		if !joinWords[strings.ToLower(s[m[2]:m[3]])] {
			return m[3] + 1
		}
	}
	return -1
}

// joinWords join a clause to what comes before ("that it's", "and
// we're", "think I'm").
var joinWords = setOf(`that and but or so because if when then as until unless where what how why who which whether think know sure says said thought knew hope guess while since once though although than like`)

// courtesyRE: thanks and good wishes, which stay as written.
var courtesyRE = lazyRegexp(`(?i)^\W*(?:thank you|thanks|many thanks|cheers|appreciate (?:it|your|the)|hope (?:this|you|all)|trust (?:this|you|all)|have a (?:good|great|nice|lovely))\b`)

// thanksRE: a closing thanks ("Thank you for your understanding.",
// "Thanks in advance").
var thanksRE = lazyRegexp(`(?i)^\W*(?:thank you|thanks|many thanks)\b[^.?!]{0,50}[.!]?\s*$`)

// pleasantryRE: good wishes that go with the greeting ("Trust this meets
// you well", "Hope you and family are doing well", "Greetings from the
// hotel").
var pleasantryRE = lazyRegexp(`(?i)^\W*(?:(?:I |we )?(?:hope|trust) (?:this|you|all|your|the family|everyone)\b[^.?!]{0,60}\b(?:well|good|great|fine|nicely|safe|weekend|week)\b|greetings\b|good to hear from you|nice to hear from you)`)

// sVerb: a word in -s or -ed after a noun ("your team knows", "the
// client changed"), which finiteVerb's short list may not know.
func sVerb(s string) bool {
	f := strings.Fields(strings.ToLower(straight(s)))
	for i := 2; i < len(f); i++ {
		w := strings.Trim(f[i], ".,;:!?")
		if len(w) > 3 && (strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "ed")) &&
			!determiners[f[i-1]] && !prepositions[f[i-1]] && !strings.ContainsAny(f[i-1], "0123456789") {
			return true
		}
	}
	return false
}

// nameEndRE: a clause that ends on a name after its comma ("Raise a PR,
// Sam"): the name starts the subject the next clause goes on with.
var nameEndRE = lazyRegexp(`,\s+\p{Lu}\p{Ll}+\W*$`)

// pronounWords open a clause, never a noun phrase ("or it's Tuesday").
var pronounWords = setOf(`i we you they he she it there that this nobody everyone`)

// soPurposeRE: a clause of purpose after "so" ("he can go home", "we can
// run the arvo on 4").
var soPurposeRE = lazyRegexp(`(?i)^\W*(?:that\s+)?(?:he|she|they|you|we|I|it|the \w+)\s+(?:can|could)\s+\p{L}`)

// verbNotName: a capitalised word before a comma that is a verb said
// alone ("Can't, it's over my limit", "Didn't, sorry"), never the name of
// the person addressed.
func verbNotName(w string) bool {
	l := strings.ToLower(straight(w))
	for _, suf := range []string{"n't", "'m", "'re", "'ve", "'ll", "'d"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return l == "cannot" || l == "can" || l == "could" || l == "would" || l == "should" || l == "must" || l == "did" || l == "does" || l == "is" || l == "are" || l == "was"
}

// notVocative are capitalised words that start a sentence with a comma
// after them without naming who it is addressed to.
var notVocative = map[string]bool{
	"no": true, "yes": true, "ok": true, "okay": true, "sure": true, "fine": true, "look": true, "listen": true, "honestly": true,
	"seriously": true, "again": true, "also": true, "so": true, "well": true, "sorry": true, "thanks": true, "however": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"today": true, "tomorrow": true, "yesterday": true, "tonight": true, "first": true, "second": true, "finally": true,
	"frankly": true, "basically": true, "actually": true, "obviously": true, "clearly": true, "absolutely": true, "nope": true,
	"non": true, "nein": true, "right": true, "great": true, "wow": true, "still": true, "plus": true, "and": true, "but": true,
	// (interjections read as a name: "Man, y'all called me Tuesday",
	// "Aye, go on then"; not "Och Donald," or "Hey Mia,", which greet)
	"man": true, "brilliant": true, "aye": true, "yeah": true,
}

// readCache holds the last few readings: one rewrite reads its draft for
// the facts, the plan and every candidate's independent checks.
var readCache struct {
	sync.Mutex
	keys []string
	vals []reading
}

// readDraft is read with a small cache; the reading it returns is shared
// and must not be changed (plan works on a copy of its pieces).
func readDraft(d string) reading {
	readCache.Lock()
	for i, k := range readCache.keys {
		if k == d {
			rd := readCache.vals[i]
			readCache.Unlock()
			return rd
		}
	}
	readCache.Unlock()
	rd := classes().read(readText(d), toneData())
	readCache.Lock()
	if len(readCache.keys) >= 8 {
		readCache.keys, readCache.vals = readCache.keys[1:], readCache.vals[1:]
	}
	readCache.keys = append(readCache.keys, d)
	readCache.vals = append(readCache.vals, rd)
	readCache.Unlock()
	return rd
}

// readText is the text readDraft reads: the draft cleaned (see
// cleanDraft), a run of emoji that ended a sentence made a full stop. The
// pieces' offsets are in it.
func readText(d string) string {
	clean := cleanDraft(d)
	if strings.ContainsFunc(clean, func(r rune) bool { return r >= 0x2600 }) {
		clean = emojiStopRE.ReplaceAllString(clean, "$1. $2")
	}
	return clean
}

// read segments and classifies a draft (already cleaned of tag-wrapped
// injections).
func (c *classifier) read(text string, t *tone) reading {
	var r reading
	sents := draft.Split(text)
	// The sign-off: the last line sentences, from a sign-off line on (a
	// sign-off, a name and a title: "Thanks and regards,\nNeha\nSales
	// Manager").
	end := len(sents)
	for k := len(sents) - 1; k >= 0 && k >= len(sents)-4; k-- {
		s := sents[k]
		if !s.Line {
			break
		}
		if m := c.classify(s.Text); m.class == classSignoff {
			end = k
			break
		}
		if wordCount(s.Text) > 6 || strings.HasSuffix(strings.TrimSpace(s.Text), ".") {
			// (A name or a title, "Sales Manager, Lotus Bay Resort",
			// may follow the sign-off; a sentence may not.)
			break
		}
	}
	if end == len(sents) && len(sents) > 2 && nameLine(sents[len(sents)-1]) {
		// "...\n\nRuth": a name alone on the last line signs off; so
		// does a name above a title ("Deb Halloran\nPublic Works", which
		// had become "Deb Halloran." in the body; round 72).
		end = len(sents) - 1
		if len(sents) > 3 && nameLine(sents[end-1]) && !strings.Contains(text[sents[end-1].End:sents[end].Start], "\n\n") {
			end--
		}
	}
	if end == len(sents) && len(sents) > 3 && titleLine(sents[len(sents)-1]) && nameLine(sents[len(sents)-2]) && !strings.Contains(text[sents[len(sents)-2].End:sents[len(sents)-1].Start], "\n\n") && strings.Contains(text[sents[len(sents)-3].End:sents[len(sents)-2].Start], "\n") {
		// A name above a title with its firm ("Tasha Reed\nCharter
		// Coordinator, Front Range Air" had become "Tasha Reed.\nCharter
		// Coordinator, Front Range Air."; round 92).
		end = len(sents) - 2
	}
	if end < len(sents) {
		r.signoff = strings.TrimSpace(text[sents[end].Start:])
	}
	start := 0
	// The greeting: a first line that is one, or a greeting (or a name
	// addressed) at the start of the first sentence.
	// An email's subject line heads it, greeting or not, as written
	// ("Subject: 1 April go-live - proposal for Madurai", then "Dear Mr.
	// Iyer,").
	hdr := 0
	if len(sents) > 1 && end > 1 && sents[0].Line && subjectLineRE.MatchString(sents[0].Text) {
		hdr, start = 1, 1
		r.greeting = sents[0].Text
	}
	if len(sents) > hdr && start < end {
		s := sents[hdr]
		if k := c.classify(s.Text).class; k == classGreeting || s.Line && k != classSignoff && (nameGreetingRE.MatchString(s.Text) || nameAbove(text, sents, hdr)) && !notVocative[strings.ToLower(firstWordOf(s.Text))] {
			// ("Linda," alone on the first line greets her; so does
			// "Johan" alone above a blank line, which had become "Johan."
			// in the body; round 71.)
			r.greeting, r.inline = strings.TrimSpace(text[sents[0].Start:s.End]), !s.Line
			start = hdr + 1
		} else if m := greetingPrefixRE.FindStringIndex(s.Text); hdr == 0 && m != nil && !notVocative[strings.ToLower(firstWordOf(strings.Trim(s.Text[:m[1]], " ,!—–")))] && !verbNotName(firstWordOf(strings.Trim(s.Text[:m[1]], " ,!—–"))) && wordCount(s.Text[m[1]:]) >= 1 {
			r.greeting, r.inline = strings.TrimRight(s.Text[:m[1]], " "), true
			rest := text[s.Start+m[1] : s.End]
			sub := draft.Split(rest)
			off := s.Start + m[1]
			for i := range sub {
				shift(&sub[i], off, text)
			}
			sents = append(append(append([]draft.Sentence{}, sents[:0]...), sub...), sents[1:]...)
			end += len(sub) - 1
		}
	}
	idx := 0
	we := weRE.MatchString(text)
	for k := start; k < end; k++ {
		s := sents[k]
		first := len(r.pieces)
		for _, cl := range npJoined(text, s.Clauses) {
			p := piece{orig: cl.Text, lead: cl.Lead, sent: idx, line: s.Line, start: cl.CharStart, end: cl.CharEnd}
			p.text, p.blunt = t.softenBlunt(apostrophes.Replace(cl.Text))
			p.text = terse(p.text, we)
			if noTimeRE.MatchString(cl.Text) {
				// "No way Saturday, parts aren't in": the no went with
				// the interjection; the time it refused is said refused
				// ("Saturday won't work, parts aren't in"), never left
				// bare ("Saturday, parts aren't in").
				head, rest, _ := strings.Cut(p.text, ",")
				if h := strings.TrimRight(strings.TrimSpace(head), ".!"); h != "" && wordCount(h) <= 3 && atPriceRE.MatchString(h) {
					// "No chance at £2.10." had been left "At £2.10."
					// (round 158): the price it refused, refused.
					head = atPriceRE.ReplaceAllString(h, "$1")
				}
				if h := strings.TrimRight(strings.TrimSpace(head), ".!"); h != "" && wordCount(h) <= 3 && (bareTime(h) || priceRE.MatchString(h)) {
					p.text = capitalise(h) + " won't work"
					if rest != "" {
						p.text += "," + rest
					} else if endsSentence(cl.Text) {
						// (Not when the sentence goes on after it: "No
						// chance Saturday, we've three on" had become
						// "Saturday won't work., we've three on".)
						p.text += "."
					}
				}
			}
			switch {
			case t.isInjection(cl.Text):
				p.match = match{class: classInjection}
			case strings.TrimSpace(strings.Trim(p.text, ".,;:!?…-—– ")) == "":
				// Nothing left once softened: a bare no ("No!!!") or an
				// interjection ("Honestly", "Seriously??").
				p.match = match{class: classVenting}
				if m := c.classify(stripEmoji(apostrophes.Replace(cl.Text))); m.class == classRefusal || bareNoRE.MatchString(cl.Text) {
					p.match = match{class: classRefusal, form: "bare"}
				}
			default:
				p.match = c.classify(p.text)
				if p.class == classFact || p.class == classQuestion {
					// "No way" softens to nothing; the original names it.
					// (Blame the softening took out stays out: "..., not
					// you" is kept without it.)
					if m := c.classify(apostrophes.Replace(cl.Text)); m.class == classRefusal || dropped(m.class) && (len(p.blunt) == 0 || residueRE.MatchString(p.text)) {
						p.match = m
					}
				}
				if (p.class == classProposal || p.class == classCommand) && ironicAssentRE.MatchString(s.Text) && !slices.ContainsFunc(r.pieces[first:], func(q piece) bool { return !dropped(q.class) }) {
					// "lol sure, lets take a STEMI to Valley where the
					// cath lab's been on divert": the softening strips
					// the mocking yes and leaves the taunt as a plan
					// (round 135, on a paramedic's reply at critical
					// stakes). The whole clause is the sarcasm, facts
					// and all (see keepFacts).
					p.match = match{class: classVenting, form: formSarcasm}
				}
				if p.class == classFact && bareNoRE.MatchString(cl.Text) && apologyOnlyRE.MatchString(p.text) {
					// "no, sorry." softens to "sorry.": still a bare no.
					p.match = match{class: classRefusal, form: "bare"}
				}
				if p.class == classCommand && (courtesyRE.MatchString(p.text) || noticeRE.MatchString(p.text) && !declinedRE.MatchString(p.text)) {
					// "Thank you for your understanding.": a courtesy,
					// never an order to propose ("I'd suggest we thank
					// you for the understanding").
					p.match = match{class: classFact}
				}
				if p.class == classCommand && nounSubject(p.text) {
					// "Freeze was Friday": a noun before its verb, no order.
					p.match = match{class: classFact}
				}
				if p.class == classCommand && strings.HasSuffix(strings.TrimSpace(cl.Text), "?") && !tagQuestionRE.MatchString(cl.Text) {
					// "Cut sports to 4 pages the week of the county
					// final?": their request echoed in disbelief, never
					// an order to put forward as ours.
					p.match = match{class: classQuestion}
				}
				if conj := strings.Trim(cl.Lead, " ,;:—–-"); conj != "" && p.class != classInjection && !dropped(p.class) {
					// ", because your team rewrote it": the conjunction
					// belongs to what the clause says.
					if m := c.classify(conj + " " + p.text); dropped(m.class) {
						p.match = match{class: m.class}
					}
				}
				if p.class == classGreeting && idx > 0 {
					p.class = classFact
				}
				if p.class == classSignoff {
					p.class = classFact
				}
			}
			if p.class != classInjection {
				c.keepFacts(&p)
			}
			p.idx = len(r.pieces)
			r.pieces = append(r.pieces, p)
		}
		markJabs(r.pieces[first:], s.Text)
		for k := first; k < len(r.pieces); k++ {
			if p := &r.pieces[k]; p.class == classBlame && inChoice(r.pieces[first:], k-first) {
				// The other option of a choice, not blame (see inChoice).
				p.match = match{class: classFact}
			}
		}
		for k := first; k < len(r.pieces); k++ {
			if p := &r.pieces[k]; !dropped(p.class) && p.text != apostrophes.Replace(p.orig) && bareCondition(p.text, p.orig) {
				// "if the extra 3,500 words had been flagged earlier in
				// the week rather than on a Friday afternoon, [we
				// wouldn't be in this position now]": the condition of
				// the blame the softening took out goes with it (round
				// 154).
				p.match = match{class: classBlame}
				continue
			}
			if p := &r.pieces[k]; !dropped(p.class) && p.text != apostrophes.Replace(p.orig) && orphanRE.MatchString(p.text) {
				// "With respect, [whoever decided it clearly hasn't read
				// the guidance], or remembers the JR": what is left goes
				// on from the blame taken out, with no subject of its
				// own; it goes with it.
				p.match = match{class: classBlame}
			}
		}
		idx++
	}
	r.nsent = idx
	return r
}

// nounSubject: the clause's first word is followed by a verb of its own
// ("Freeze was Friday", "Quote's in", "File came in at 6"), so it is a
// noun, not an order.
func nounSubject(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) < 2 {
		return false
	}
	w := strings.Trim(f[1], ",.;:!?")
	// ("File came in at 6": a verb in the past follows a noun.)
	return auxWords[w] || pastTense[w] || strings.HasSuffix(f[0], "'s") || strings.HasSuffix(w, "n't") && w != "don't"
}

// orphanRE: a softened clause left starting on "or", "and" or "but" and a
// verb with no subject ("With respect, or remembers the JR we lost").
var orphanRE = lazyRegexp(`(?i)^(?:with respect|respectfully|honestly|frankly|look|sorry)?[,\s]*(?:or|and|but|nor)\s+\p{Ll}+(?:s|ed)\b`)

// tagQuestionRE: an order asked with a tag ("revert first can?", "send it
// today ok?"): still an order.
var tagQuestionRE = lazyRegexp(`(?i)\b(?:can|ok|okay|lah|please|pls|yeah|right|yes|no|alright)\W*$`)

// residueRE: what is left of blame once softened says nothing of its own
// ("Your ops guy would know that" without "if he'd read the spec").
var residueRE = lazyRegexp(`(?i)\b(?:would|'d) (?:already )?(?:have )?know(?:n)? (?:that|this|all that|all this|it|better)\b|\bshould (?:have )?know(?:n)? better\b`)

// apologyOnlyRE: what is left of "no, sorry" once the no is softened.
var apologyOnlyRE = lazyRegexp(`(?i)^\W*(?:sorry|I'?m sorry|I'?m afraid|afraid not|mate|thanks)\W*$`)

var bareNoRE = lazyRegexp(`(?i)^\W*(?:no+|nope|nah|non|nein|never|absolutely not|no way|hell no|not a chance|no chance|not on my watch|not happening|not legal|not going to happen|not gonna happen|(?:that|it)(?:'s| is) not (?:going to happen|happening))\b`)

// apostrophes are read straight: the cues, and the rewrite's own words,
// use "'".
var apostrophes = strings.NewReplacer("’", "'", "‘", "'")

// shift moves a sentence split from text[off:] to offsets in text.
func shift(s *draft.Sentence, off int, text string) {
	rs := utf8.RuneCountInString(text[:off])
	s.Start += off
	s.End += off
	s.CharStart += rs
	s.CharEnd += rs
	for i := range s.Clauses {
		s.Clauses[i].Start += off
		s.Clauses[i].End += off
		s.Clauses[i].CharStart += rs
		s.Clauses[i].CharEnd += rs
	}
}

// judged splits a judgement (or a refusal with a form) around its cue:
// what was judged before it ("Skipping load tests before a 50,000-ticket
// drop"), and what follows ("with two engineers").
func judged(p piece) (subject, tail string) {
	if p = p.located(); len(p.loc) < 2 {
		return "", ""
	}
	end := p.loc[1]
	// A cue may end on the word that starts the tail ("is impossible
	// with"): the tail keeps it.
	if i := strings.LastIndexAny(p.text[p.loc[0]:end], " ,"); i > 0 {
		if w := strings.TrimSpace(p.text[p.loc[0]+i+1 : end]); w != "" && tailWords[strings.ToLower(w)] {
			end = p.loc[0] + i
		}
	}
	subject = strings.TrimSpace(p.text[:p.loc[0]])
	tail = strings.TrimSpace(strings.TrimRight(p.text[end:], ".!?… "))
	subject = strings.TrimRight(subject, ",;: ")
	if f := strings.Fields(subject); len(f) >= 3 && unicode.IsUpper(firstRune(f[0])) && npHeads[strings.ToLower(f[1])] {
		// "Mate this roster is a mess": a word addressed to them before
		// the noun phrase is no part of it ("this roster").
		subject = strings.Join(f[1:], " ")
	}
	return subject, tail
}

// npHeads open a noun phrase: a word before one, in a subject, is
// addressed to someone.
var npHeads = setOf(`this that these those the your our their my`)

var tailWords = map[string]bool{"with": true, "without": true, "for": true, "by": true, "before": true, "given": true, "unless": true, "in": true, "on": true, "at": true}

// located returns p with its cue located in its own text: a match read
// from another text (the clause as written, before softening shortened
// it) is read again from this one, or dropped when the class no longer
// reads there. (Sliced with a stale location, "Honestly I don't know who
// calculated this" once ran past its end.)
func (p piece) located() piece {
	if len(p.loc) < 2 || p.loc[1] <= len(p.text) && p.loc[0] >= 0 {
		return p
	}
	if m := classes().classify(p.text); m.class == p.class && len(m.loc) >= 2 {
		p.match = m
		return p
	}
	p.loc = nil
	return p
}

// group returns the cue's capture group i in the piece's text, or "".
func (p piece) group(i int) string {
	p = p.located()
	if len(p.loc) < 2*i+2 || p.loc[2*i] < 0 || p.loc[2*i+1] > len(p.text) {
		return ""
	}
	return p.text[p.loc[2*i]:p.loc[2*i+1]]
}

// pronounSubject reports whether a judged subject names nothing ("That",
// "It", "This plan").
func pronounSubject(s string) bool {
	l := strings.ToLower(strings.Trim(s, " ,.\"“”'’"))
	l = strings.TrimSuffix(strings.TrimSuffix(l, "'s"), "’s")
	switch l {
	case "", "that", "this", "it", "that plan", "this plan", "that idea", "this idea", "the plan", "the idea", "your plan",
		"that approach", "this approach", "the request", "this request", "that request", "which", "that one", "this one", "so that", "and that":
		return true
	}
	return false
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	if w, _, _ := strings.Cut(s[n:], " "); strings.ContainsFunc(w, unicode.IsUpper) {
		return s // a word written with its capitals inside ("eGFR 28", "iPhone") stays as written
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// keptFacts is every fact that must survive: the given ones, and those in
// the draft outside what a rewrite leaves out whole (a number inside blame,
// "you were all over us for a week", goes with it).
func keptFacts(given []string, d string) []string {
	all := MergeFacts(given, d)
	rd := readDraft(d)
	var kept, gone strings.Builder
	kept.WriteString(rd.greeting + "\n" + rd.signoff + "\n")
	for _, p := range rd.pieces {
		switch {
		case dropped(p.class), p.class == classRefusal && p.form == "bare":
			// ("Cannot." is a no, not a name to keep.)
			gone.WriteString(p.orig + "\n")
		default:
			// What the softening took out ("if you'd asked me a month
			// ago") goes with it.
			kept.WriteString(p.text + "\n")
			gone.WriteString(strings.Join(p.blunt, "\n") + "\n")
		}
	}
	if gone.Len() == 0 {
		return all
	}
	out := []string{}
	keptNorm, goneNorm := normaliseFact(kept.String()), normaliseFact(gone.String())
	for _, f := range all {
		nf := normaliseFact(f)
		if slices.Contains(given, f) || strings.Contains(keptNorm, nf) || !strings.Contains(goneNorm, nf) {
			out = append(out, f)
		}
	}
	return out
}

var (
	// jabTailRE: a jab hung on a clause that says something ("I'm not
	// pulling Gary off the run because you can't read a screen", "... so
	// sponsors get a photo", "... to save someone's face"): the jab goes,
	// the clause stays.
	jabTailRE = lazyRegexp(`(?i),?\s+(?:(?:and )?(?:definitely|certainly|especially|least of all|and certainly) not )?(?:just )?(?:(?:your call|your choice|take it or leave it|end of story|that'?s it)\b|(?:because|'?cause|cos|coz) (?:you|y'all|you lot|your \w+(?: \w+)?|they|he|she) (?:can'?t|couldn'?t|don'?t|didn'?t|won'?t|never|clearly|obviously)\b[^.;!?]*|so (?:that )?(?:someone|somebody|sponsors|marketing|management|they|he|she|you) (?:can |could )?gets? (?:likes|a photo|a selfie|a headline|the credit)\b[^.;!?]*|to save (?:someone'?s|somebody'?s|your|their|his|her|anyone'?s) (?:face|skin|blushes)\b|for your (?:[\w-]+ ){0,2}(?:stats|numbers|figures|targets|bonus|KPIs?)\b|and next time (?:please )?(?:have a look|look|check|read|ask|think|plan|try|get|do)\b[^.;!?]*)`)
	// jabWords: one of these is in every match of jabTailRE (a cheap
	// test before the expression).
	jabWords = []string{"because", "cause ", "cos ", "coz ", " so ", "save ", "for your", "your call", "your choice", "take it", "end of story", "that's it", "thats it", "next time"}
	// copulaEndRE: text that ends on the verb a tail completes ("it's",
	// "is").
	copulaEndRE = lazyRegexp(`(?i)(?:\b(?:is|it'?s|its|was|be|are|thas|thats)|'s|’s)\s*$`) // ("thas your call": round 143's Norfolk "that's")
	// bareIfRE: a condition left without what follows from it.
	bareIfRE = lazyRegexp(`(?i)^if ((?:a|an|the|any|one|our|your|some|\d)[^;]{8,120})$`)
	// numberRE: a clause that holds a number, a time, a date or an amount.
	heldNumberRE = lazyRegexp(`\d|[£$€¥]`)
)

// startsWord: s begins with a letter or a digit (more clause follows).
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// keepFacts: a jab hung on a clause is cut off it, and a clause dropped
// for a jab it carries ("The 09:45 has 72 seats left, take it or leave
// it"; "they pay £640 for a van tonight, your call") keeps the parts
// that hold a number, a time, a date, an amount or a name.
func (c *classifier) keepFacts(p *piece) {
	if len(p.blunt) > 0 && !strings.Contains(p.text, ", ") && !strings.Contains(p.text, ";") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(p.orig)), strings.ToLower(firstWords(p.text, 2))) {
		// (Only when what went was its tail: "With all due respect, if
		// the 6 utility staff will be cut this December I will not be
		// responsible ..." lost its head, not what follows the "if", and
		// had become "There's a real risk that the 6 utility staff will
		// be cut ... I will not be responsible ..."; round 93.)
		// "If a planeload gets salmonella at 35,000 feet that's on you":
		// the blame went, the risk stays, said whole.
		if m := bareIfRE.FindStringSubmatch(p.text); m != nil {
			if at := runOn(m[1]); at > 0 {
				// "If a roofer goes through a lift that's not been
				// signed off it's me in front of the HSE": no bare
				// condition but one run on into what follows; its comma
				// is given back, the words kept.
				t := strings.TrimSpace(p.text)
				at += len(t) - len(m[1])
				p.text = strings.TrimRight(t[:at], " ") + ", " + strings.TrimLeft(t[at:], " ")
				return
			}
			p.text = fill1(c.forms.RiskIf, "clause", strings.TrimRight(m[1], ".!… "))
			p.match = match{class: classConsequence}
			return
		}
	}
	var loc []int
	if containsAny(strings.ToLower(p.text), jabWords) {
		loc = jabTailRE.FindStringIndex(p.text)
	}
	if loc != nil && copulaEndRE.MatchString(p.text[:loc[0]]) {
		// "but is your call": the call is what the clause says, no jab
		// hung on it (it had left "but is and I good with it"; round 82).
		loc = nil
	}
	if loc != nil && loc[0] > 0 && !startsWord(strings.TrimSpace(p.text[loc[1]:])) {
		// (Only a tail: "it's not your call anyway" is no clause with
		// "your call" hung on it, and cutting it glued "notanyway".)
		rest := strings.TrimSpace(p.text[loc[1]:])
		lecture := lectureTailRE.MatchString(p.text[loc[0]:loc[1]])
		// (A conjunction the tail hung on goes with it: "you're the one
		// on nights so your call" had left "... on nights so."; round
		// 135.)
		head := strings.TrimRight(p.text[:loc[0]], " ,;:")
		if strings.Trim(rest, ".!?… ") == "" {
			head = strings.TrimRight(danglingConjRE.ReplaceAllString(head, ""), " ,;:")
		}
		cut := head + rest
		if wordCount(cut) >= 3 {
			p.text = cut
			// (a full stop only where the clause ended its sentence: "Dec 3,
			// 10 and 17, that's it, and six ... as of the 12th" goes on
			// with ", so by the last rehearsal")
			if o := strings.TrimSpace(p.orig); !strings.ContainsAny(cut[len(cut)-1:], ".!?") && o != "" && strings.ContainsAny(o[len(o)-1:], ".!?") {
				p.text += "."
			}
			if !dropped(p.class) {
				p.match = c.classify(p.text)
			} else if m := c.classify(p.text); lecture && !dropped(m.class) {
				// The jab was the tail: what it hung on stays ("Its on
				// again in November, go to that one and next time have a
				// look at the calendar before you ask" had gone whole,
				// leaving a reply with no way forward; round 141).
				p.match = m
			}
		}
	}
	if dropped(p.class) && p.class != classInjection {
		// "I'm not sending Nomsa's medical file to Riaan, I don't care
		// how sure he is": the jab goes, the no before it stays.
		if head, _, ok := strings.Cut(p.text, ", "); ok && wordCount(head) >= 4 && !strings.Contains(head, " and ") {
			if m := c.classify(head); m.class == classRefusal {
				p.text, p.match = finishSentence(head), m
				return
			}
		}
	}
	if !dropped(p.class) || p.form == formSarcasm || !heldNumberRE.MatchString(p.text) {
		return
	}
	var kept, gone []string
	// (", ": a comma inside a number, "2,400", joins no clauses)
	for _, part := range strings.Split(strings.TrimRight(p.text, ".!? "), ", ") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if dropped(c.classify(part).class) {
			gone = append(gone, part)
			// "ask me properly and you'll have it by lunch": the jab
			// goes, what is promised stays.
			var sub []string
			for _, q := range strings.Split(part, " and ") {
				if q = strings.TrimSpace(q); q != "" && !dropped(c.classify(q).class) {
					sub = append(sub, q)
				}
			}
			if len(sub) == 0 {
				continue
			}
			part = strings.Join(sub, " and ")
		}
		kept = append(kept, part)
	}
	if len(kept) == 0 {
		return
	}
	text := strings.Join(kept, ", ")
	if m := c.classify(text); !dropped(m.class) && heldNumberRE.MatchString(text) {
		// (What went is recorded: the draft as written still holds it,
		// so it is not "kept as written"; round 99's "..., clearly the
		// chancellor can wait." had been.)
		p.text, p.match, p.lost = text, m, append(slices.Clone(p.lost), gone...)
	}
}

// nameAbove: sentence k is a name alone on its line ("Johan", no
// comma) with a blank line and more of the message below it.
func nameAbove(text string, sents []draft.Sentence, k int) bool {
	return k+1 < len(sents) && nameLine(sents[k]) && !strings.ContainsAny(sents[k].Text, ".!") && strings.Contains(text[sents[k].End:sents[k+1].Start], "\n\n")
}

// titleLine: a line that is a job title, perhaps with its firm after a
// comma ("Charter Coordinator, Front Range Air", "Head of Estates"): up to
// eight words, each capitalised but for a small joining word, no full
// stop and no figure.
func titleLine(s draft.Sentence) bool {
	t := strings.TrimSpace(s.Text)
	f := strings.Fields(strings.ReplaceAll(t, ",", " "))
	if !s.Line || len(f) < 2 || len(f) > 8 || strings.ContainsAny(t, ".!?:;0123456789") || strings.Count(t, ",") > 1 {
		return false
	}
	for _, w := range f {
		if !unicode.IsUpper(firstRune(w)) && !titleJoinWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// kissesRE: the kisses a name signs off with ("x", "xx").
var kissesRE = lazyRegexp(`^[xX]{1,3}$`)

var titleJoinWords = setOf(`of and at for the & - to in`)

// nameLine: a line of one to three capitalised words and nothing else
// ("Ruth", "Keisha Moore").
func nameLine(s draft.Sentence) bool {
	f := strings.Fields(strings.TrimRight(s.Text, ".,! "))
	if n := len(f); n >= 2 && kissesRE.MatchString(f[n-1]) {
		f = f[:n-1] // "Bev x": the name and its kiss (round 117)
	}
	if !s.Line || len(f) == 0 || len(f) > 3 {
		return false
	}
	for _, w := range f {
		if !unicode.IsUpper(firstRune(w)) || notVocative[strings.ToLower(w)] || strings.ContainsAny(w, "0123456789?") {
			return false
		}
	}
	return len(f) == 1 || !finiteVerb(s.Text) // ("Mark" alone is a name, not the verb; round 82)
}
