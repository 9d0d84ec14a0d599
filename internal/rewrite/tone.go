package rewrite

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/guide"
)

// tone is the rules engine's compiled tone heuristics (guide.Tone, from
// internal/guide/data/tone.json).
type tone struct {
	interjection *regexp.Regexp // leading interjections, repeated
	injection    []*regexp.Regexp
	injectNeed   [][]string // each injection pattern's prefilter literals (nil: none)
	injectMay    []*need    // what a text must hold for each to match (see need)
	shouting     map[string]bool
	replace      []replacement
	replaceIndex *needIndex    // the replacements' needs, indexed
	judgements   []replacement // the trim's alone (see neutral)
}

type replacement struct {
	re    *regexp.Regexp
	with  string
	blunt bool
	// whole: applied only to a clause that is its whole sentence as
	// written (see guide.Replacement.WholeSentence).
	whole bool
	// unless: matched against the text before a match, anchored at its
	// end; a match it finds is left alone. Nil for most.
	unless *regexp.Regexp
	// need: literals one of which every match holds (lower case), a
	// prefilter; nil when it cannot tell.
	need []string
	// may: what a text must hold for re to match in it (see need).
	may *need
}

var loadTone = sync.OnceValues(func() (*tone, error) {
	raw := guide.Default().Tone
	var err error
	t := &tone{shouting: map[string]bool{}}
	compile := func(ps []string) ([]*regexp.Regexp, error) {
		var out []*regexp.Regexp
		for _, p := range ps {
			re, err := regexp.Compile("(?i)" + p)
			if err != nil {
				return nil, fmt.Errorf("tone: %q: %w", p, err)
			}
			out = append(out, re)
		}
		return out, nil
	}
	if t.injection, err = compile(raw.Injection); err != nil {
		return nil, err
	}
	for _, p := range raw.Injection {
		var need []string
		if ast, err := syntax.Parse("(?i)"+p, syntax.Perl); err == nil {
			need = needed(ast.Simplify())
		}
		t.injectNeed = append(t.injectNeed, need)
		t.injectMay = append(t.injectMay, needOf("(?i)"+p))
	}
	alt := func(ws []string) string { return "(?:" + strings.Join(ws, "|") + ")" }
	if t.interjection, err = regexp.Compile(`(?i)^\s*` + alt(raw.Interjections) + `(?:\b|$)[\s,.!:;…—-]*`); err != nil {
		return nil, fmt.Errorf("tone interjections: %w", err)
	}
	compileAll := func(rs []guide.Replacement) ([]replacement, error) {
		var out []replacement
		for _, r := range rs {
			re, err := regexp.Compile("(?i)" + r.Pattern)
			if err != nil {
				return nil, fmt.Errorf("tone replacement %q: %w", r.Pattern, err)
			}
			rp := replacement{re: re, with: r.With, blunt: r.Blunt, whole: r.WholeSentence, may: needOf("(?i)" + r.Pattern)}
			if r.UnlessAfter != "" {
				if rp.unless, err = regexp.Compile(`(?i)(?:` + r.UnlessAfter + `)$`); err != nil {
					return nil, fmt.Errorf("tone replacement %q unless_after: %w", r.Pattern, err)
				}
			}
			if ast, err := syntax.Parse("(?i)"+r.Pattern, syntax.Perl); err == nil {
				rp.need = needed(ast.Simplify())
			}
			out = append(out, rp)
		}
		return out, nil
	}
	if t.replace, err = compileAll(raw.Replacements); err != nil {
		return nil, err
	}
	var needs []*need
	for _, r := range t.replace {
		needs = append(needs, r.may)
	}
	t.replaceIndex = newNeedIndex(needs)
	if t.judgements, err = compileAll(raw.Judgements); err != nil {
		return nil, err
	}
	for _, w := range raw.Shouting {
		t.shouting[strings.ToLower(w)] = true
	}
	return t, nil
})

func toneData() *tone {
	t, err := loadTone()
	if err != nil {
		panic(fmt.Sprintf("rewrite: embedded tone data is invalid: %v", err)) // tested; a broken build
	}
	return t
}

// isInjection reports whether s reads as an instruction to a model rather
// than part of the message.
func (t *tone) isInjection(s string) bool {
	tx := sketched{s: s}
	lower := strings.ToLower(s)
	for i, re := range t.injection {
		if !tx.may(t.injectMay[i]) {
			continue // re cannot match s
		}
		if n := t.injectNeed[i]; n != nil && !containsAny(lower, n) {
			continue
		}
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// noForRE: what a curt no refuses, said after it with no comma ("no way
// for Friday").
var noForRE = lazyRegexp(`(?i)^(?:for|by|before)\s`)

// soften strips leading interjections and emoji and lowers shouted words.
func (t *tone) soften(s string) string {
	out, _ := t.softenBlunt(s)
	return out
}

// softenBlunt is soften, also returning the blunt words its replacements
// removed ("not you", "if you'd bothered reading my email").
func (t *tone) softenBlunt(s string) (string, []string) {
	s = stripEmoji(s)
	var said []string
	if neg, no, ok := negatedNo(s); ok {
		// "No chance I'm signing off on that": the no is the clause's
		// own, said in it ("I'm not signing off on that"), never just
		// left out.
		s, said = neg, []string{no}
	}
	for {
		loc := t.interjection.FindStringIndex(s)
		if loc == nil || loc[1] == 0 || determinerUse(s, loc[1]) || hyphened(s, loc[1]) {
			break
		}
		// Only when a word boundary follows: "Nobody" is not "no".
		if curtNoRE.MatchString(s[:loc[1]]) {
			said = append(said, strings.Trim(s[:loc[1]], " ,.!:;…—-"))
			if noForRE.MatchString(s[loc[1]:]) && !strings.ContainsAny(s[:loc[1]], ",.!:;…—-") {
				// "so no way for Friday" is "so not for Friday", not "so
				// for Friday" (round 191).
				s = "not " + s[loc[1]:]
				break
			}
		}
		s = s[loc[1]:]
	}
	if !subjectLineRE.MatchString(s) {
		// (A subject line is in capitals by custom, names and all: "RE:
		// KILIFI-MTWAPA PIPELINE CORRIDOR TOPOGRAPHIC SURVEY" had lost
		// the capitals of its place names, "RE: REQUEST FOR REFUND" had
		// become "RE: REQUEST for REFUND"; rounds 134 and 170.)
		s = t.lowerShouting(s)
	}
	s, blunt := replaceAll(t.replace, t.replaceIndex, strings.TrimSpace(s), false)
	return strings.TrimSpace(s), append(said, blunt...)
}

// lowerShouting lowers the words of s shouted in capitals (see
// lowerShoutedRuns, shouting and shoutedPlain), but acronyms and names
// ("your IT team", "the OR desk", "US English").
func (t *tone) lowerShouting(s string) string {
	words := strings.Fields(s)
	lowerShoutedRuns(words, t.shouting)
	for i, w := range words {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		if core == "IT" && !shoutedNear(words, i) {
			continue // "your IT team": the department, not "it" shouted
		}
		if strings.ContainsAny(w, "$£€0123456789") {
			continue // "US$650": a currency, not "us" shouted
		}
		if (core == "OR" || core == "ER" || core == "ICU" || core == "A&E") && i > 0 && strings.EqualFold(strings.Trim(words[i-1], ",;:"), "the") {
			continue // "the OR desk": the operating room, not "or" shouted (round 167)
		}
		if core == "US" && (i > 0 && strings.EqualFold(words[i-1], "the") || i+1 < len(words) && titleWord(words[i+1])) {
			continue // "written for US English", "the US": the country (round 154)
		}
		if len([]rune(core)) > 1 && strings.ToUpper(core) == core && (t.shouting[strings.ToLower(strings.ReplaceAll(core, "’", "'"))] || shoutedContractionRE.MatchString(core)) {
			words[i] = strings.Replace(w, core, strings.ToLower(core), 1)
		}
	}
	for i, w := range words {
		// A word shouted beside a shouted contraction ("the stout ISN'T
		// READY", "DON'T SEND it"): a verb or one of a few plain words
		// is no acronym (round 117 readers quoted "ISN'T READY").
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if len([]rune(core)) < 3 || strings.ToUpper(core) != core || !nextToContraction(words, i) {
			continue
		}
		if l := strings.ToLower(core); classes().verbs[l] || shoutedPlain[l] {
			words[i] = strings.Replace(w, core, l, 1)
		}
	}
	return strings.Join(words, " ")
}

// curtNoRE: an interjection that is a curt no ("No chance Saturday"): the
// draft is not kept as written without it.
var curtNoRE = lazyRegexp(`(?i)^\W*(?:no way|no chance|not a chance|hell no)\b`)

// hyphened: the interjection that ends at s[:end] is the first half of a
// hyphened word ("No-shows in July"), not a no.
func hyphened(s string, end int) bool {
	if end < 2 || end >= len(s) || s[end-1] != '-' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:end-1])
	after, _ := utf8.DecodeRuneInString(s[end:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// noClauseRE: a no whose clause follows it with its subject ("No chance
// I'm signing off on that", "No way we're doing Friday"): the no negates
// the clause.
var noClauseRE = lazyRegexp(`(?i)^\W*(no way|no chance|not a chance|fat chance)[,!]?\s+((?:i|we|you|they|he|she|it|that|this)(?:['’]m|['’]re|['’]s|['’]ll| am| are| is| will| can)?)\b\s*`)

// negations say a clause's subject and verb negated ("I'm" -> "I'm not",
// "we'll" -> "we won't").
var negations = map[string]string{
	"i'm": "I'm not", "i am": "I am not", "we're": "we're not", "we are": "we are not",
	"you're": "you're not", "you are": "you are not", "they're": "they're not", "they are": "they are not",
	"he's": "he's not", "he is": "he is not", "she's": "she's not", "she is": "she is not",
	"it's": "it's not", "it is": "it is not", "that's": "that's not", "that is": "that is not",
	"this is": "this is not", "i'll": "I won't", "i will": "I won't", "we'll": "we won't", "we will": "we won't",
	"they'll": "they won't", "i can": "I can't", "we can": "we can't", "you can": "you can't",
}

// negatedNo says "No chance I'm signing off on that" as "I'm not signing
// off on that", returning the no it took out; ok is false when s does not
// start with such a no, or its verb is not one negations knows (the no
// then stays: determinerUse).
func negatedNo(s string) (out, no string, ok bool) {
	m := noClauseRE.FindStringSubmatchIndex(s)
	if m == nil {
		return "", "", false
	}
	neg, found := negations[strings.ToLower(straight(s[m[4]:m[5]]))]
	if !found {
		return "", "", false
	}
	return capitalise(neg) + " " + s[m[1]:], s[m[2]:m[3]], true
}

// neutral says a kept clause's contemptuous verdict plainly ("Your
// estimate of 2 days is a joke" -> "... isn't realistic"), returning the
// words it replaced: the trim's, after softening. alone says the clause
// is its whole sentence as written.
func (t *tone) neutral(s string, alone bool) (string, []string) {
	return replaceAll(t.judgements, nil, s, alone)
}

// replaceAll applies rs in order, returning the words the blunt ones
// matched. x, when not nil, indexes the replacements' needs; alone says
// s is its whole sentence as written (a replacement marked whole applies
// only then).
func replaceAll(rs []replacement, x *needIndex, s string, alone bool) (string, []string) {
	var blunt []string
	lower := strings.ToLower(s)
	tx := sketched{s: s}
	var buf [32]uint64
	var ns keyHits // (x's names for s, read when s changes)
	for i, r := range rs {
		if x != nil && ns.hit == nil {
			ns = x.hits(&tx, buf[:0])
		}
		if r.whole && !alone || x != nil && !ns.named(i) || !tx.may(r.may) {
			continue // r.re cannot match s: it leaves s as it is
		}
		if r.need != nil && !containsAny(lower, r.need) {
			continue // cannot match: most replacements, most clauses
		}
		if r.blunt {
			for _, m := range r.matches(s) {
				if m = strings.Trim(m, " ,.;:!?"); m != "" {
					blunt = append(blunt, m)
				}
			}
		}
		if out := r.replace(s); out != s {
			s, lower, tx, ns = out, strings.ToLower(out), sketched{s: out}, keyHits{}
		}
	}
	return s, blunt
}

// matches returns what r takes out of s: each match its unless allows,
// less what its replacement puts back.
func (r replacement) matches(s string) []string {
	var out []string
	for _, loc := range r.re.FindAllStringSubmatchIndex(s, -1) {
		if r.unless != nil && r.unless.MatchString(s[:loc[0]]) {
			continue
		}
		m := s[loc[0]:loc[1]]
		if strings.Contains(r.with, "$") {
			// What a group puts back is not left out: "With respect
			// Graham" left out "With respect".
			for g := 2; g+1 < len(loc); g += 2 {
				if loc[g] >= 0 && loc[g+1] > loc[g] {
					m = strings.Replace(m, s[loc[g]:loc[g+1]], "", 1)
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// replace is r applied to every match in s that its unless allows.
func (r replacement) replace(s string) string {
	if r.unless == nil {
		return r.re.ReplaceAllString(s, r.with)
	}
	var b []byte
	last := 0
	for _, loc := range r.re.FindAllStringSubmatchIndex(s, -1) {
		if r.unless.MatchString(s[:loc[0]]) {
			continue
		}
		b = append(b, s[last:loc[0]]...)
		b = r.re.ExpandString(b, r.with, s, loc)
		last = loc[1]
	}
	if last == 0 && b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// emojiBetweenRE is a run of pictographs between two words, where it stood
// for a pause: "14 open bugs 🐛 two of them" -> "14 open bugs, two of them".
var emojiBetweenRE = lazyRegexp(`([\p{L}\d%])\s*[\x{1F000}-\x{1FAFF}\x{2600}-\x{27BF}\x{1F1E6}-\x{1F1FF}\x{FE0F}\x{200D}]+\s+(\p{Ll})`)

// shoutedContractionRE: a contraction in capitals ("ISN'T", "WE'RE"): no
// acronym carries an apostrophe and a contraction's ending.
var shoutedContractionRE = lazyRegexp(`^\p{Lu}+['’](?:T|RE|LL|VE|M|D|S)$`)

// shoutedPlain are words other than verbs that a shouted no is said with.
var shoutedPlain = setOf(`ready done finished safe possible happening working ok okay fine sure enough allowed acceptable optional`)

// nextToContraction: the word before or after words[i] is a contraction
// (as written, or already lowered from capitals).
func nextToContraction(words []string, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(words) {
			continue
		}
		w := strings.TrimFunc(words[j], func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		if shoutedContractionRE.MatchString(strings.ToUpper(w)) && strings.ContainsAny(w, "'’") {
			return true
		}
	}
	return false
}

// lowerShoutedRuns lowers the words of four letters or more, and the
// words shouting lists and the verbs, in each run of three or more words
// in capitals, or of two when one of them is such a word: a shouted
// stretch, not acronyms ("DONT YOU DARE MOVE THE BOAT" had been said
// "DON't you DARE MOVE the BOAT"; round 153; "SAML SSO" stays). A
// shorter word outside the lists keeps its capitals ("CHECK THE PPE").
func lowerShoutedRuns(words []string, shouting map[string]bool) {
	caps := func(w string) (string, bool) {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		letters := utf8.RuneCountInString(core) - strings.Count(core, "'") - strings.Count(core, "’")
		return core, letters >= 2 && !strings.ContainsAny(w, "$£€0123456789") && strings.ToUpper(core) == core && strings.ToLower(core) != core
	}
	plain := func(core string) bool {
		l := strings.ToLower(core)
		return shouting[strings.ReplaceAll(l, "’", "'")] || classes().verbs[l]
	}
	for i := 0; i < len(words); {
		j := i
		for j < len(words) {
			if _, ok := caps(words[j]); !ok {
				break
			}
			j++
		}
		anchored := false // a word of the run is a plain word shouted ("THE", "MOVE"), not all acronyms ("SAML SSO")
		for k := i; k < j; k++ {
			core, _ := caps(words[k])
			anchored = anchored || plain(core)
		}
		if j-i >= 3 || j-i == 2 && anchored {
			for k := i; k < j; k++ {
				core, _ := caps(words[k])
				if utf8.RuneCountInString(core) >= 4 || plain(core) {
					words[k] = strings.Replace(words[k], core, strings.ToLower(core), 1)
				}
			}
		}
		i = max(j, i+1)
	}
}

// titleWord: w is written with a capital and then lower case ("English").
func titleWord(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && n < len(w) && strings.ToLower(w[n:]) == w[n:]
}

// shoutedNear: a word next to words[i] is in capitals too ("DO IT NOW").
func shoutedNear(words []string, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(words) {
			continue
		}
		w := strings.TrimFunc(words[j], func(r rune) bool { return !unicode.IsLetter(r) })
		if len([]rune(w)) > 1 && strings.ToUpper(w) == w {
			return true
		}
	}
	return false
}

// emojiNounRE: pictographs after a determiner stand for a noun ("Maybe
// skip the 🎉 for the extraction appointments"): a word of the sentence,
// kept, or the sentence is left with a hole ("skip the, for").
var emojiNounRE = lazyRegexp(`(?i)\b(?:the|a|an|your|my|our|their|his|her|its|some|any|these|those|more)\s+[\x{1F000}-\x{1FAFF}\x{2600}-\x{27BF}\x{1F1E6}-\x{1F1FF}\x{FE0F}\x{200D}]+`)

// stripEmoji removes pictographs, their variation selectors and joiners,
// but those that stand for a noun; a run of them between two words
// becomes a comma.
func stripEmoji(s string) string {
	if !strings.ContainsFunc(s, isPictograph) {
		return s // the common case, without the regular expressions' scan
	}
	locs := emojiNounRE.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return stripPictographs(s)
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		b.WriteString(stripPictographs(s[last:l[0]]))
		b.WriteString(s[l[0]:l[1]])
		last = l[1]
	}
	b.WriteString(stripPictographs(s[last:]))
	return b.String()
}

// stripPictographs removes every pictograph of s; a run of them between
// two words becomes a comma.
func stripPictographs(s string) string {
	s = emojiBetweenRE.ReplaceAllString(s, "$1, $2")
	return strings.Map(func(r rune) rune {
		if isPictograph(r) {
			return -1
		}
		return r
	}, s)
}

// isPictograph: a pictograph, a variation selector or a zero-width joiner.
func isPictograph(r rune) bool {
	return r == 0x200D || r == 0xFE0F || r == 0xFE0E ||
		r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x1F1E6 && r <= 0x1F1FF
}

// determinerUse reports whether the interjection that ends at s[:end]
// is a word of the sentence rather than an aside: "No new features",
// "Fine by me", "Look at the numbers" (no punctuation after it, and no
// subject of its own following, as in "no we can't").
func determinerUse(s string, end int) bool {
	w := strings.ToLower(strings.TrimSpace(s[:end]))
	switch w {
	case "no way", "no chance", "not a chance":
		// "No way are my lot doing your mackerel": the no itself, its
		// verb put first; without it the refusal reads as a question.
		// So is "No chance he signs that" (its subject next): without
		// the no it says the opposite.
		next := strings.ToLower(straight(firstWordOf(s[end:])))
		return inverted[next] || subjectWords[next] || strings.HasPrefix(next, "i'")
	case "no", "fine", "sure", "look", "listen", "ok", "okay", "so", "also", "plus", "and":
	default:
		return false
	}
	next := strings.ToLower(firstWordOf(s[end:]))
	return next != "" && !subjectWords[next] && !strings.HasPrefix(next, "i'")
}

// inverted: the verbs that come first after "no way" when it is the no
// itself ("No way is that going out tonight").
var inverted = setOf(`am are is was were will would can could do does did shall should have has had`)

// subjectWords can start a clause after an interjection ("no we can't").
var subjectWords = setOf(`i we you they it that this he she there let's lets`)
