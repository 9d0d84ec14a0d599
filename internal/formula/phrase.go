package formula

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/guide"
)

// ErrPhrase is wrapped by the error for a value that cannot be fitted to the
// phrase its slot takes (a whole sentence where a noun phrase belongs); the
// message shows an example of what fits.
var ErrPhrase = errors.New("does not fit its slot")

// form is the shape of a user's value, read from its first words.
type form int

const (
	formNoun   form = iota // "a phased launch", "full control", "SSO"
	formGerund             // "swapping your Saturday shift"
	formVerb               // "deliver the logo refresh on Friday"
	formTo                 // "to keep evaluations focused"
	formWe                 // "we deliver the logo first", "let's phase it": a verb phrase with its subject
	formClause             // "the team can't cover it", "QA needs two weeks"
)

// fit turns v into the phrase a slot takes, or says why it cannot:
//
//	noun    a noun phrase; a verb phrase becomes a gerund ("deliver" -> "delivering")
//	verb    a verb phrase in the base form; "to x", "we x", "let's x" lose the lead,
//	        a gerund its -ing ("swapping" -> "swap"), a noun phrase gets "go with"
//	want    what someone wants: a noun phrase as it is, any verb phrase as "to x"
//	clause, number: as given
//
// An empty value stays empty.
func fit(fd guide.ScenarioField, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	kind := fd.Phrase
	f, rest := classify(v)
	bad := func(what string) error {
		return fmt.Errorf("formula: %w: %s %q reads as %s; give %s, e.g. %q", ErrPhrase, fd.Name, v, what, PhraseName(kind), fd.Example)
	}
	switch kind {
	case guide.PhraseNoun:
		switch f {
		case formVerb, formTo, formWe:
			return gerundPhrase(rest), nil
		case formClause:
			return "", bad("a sentence")
		}
	case guide.PhraseVerb:
		switch f {
		case formVerb, formTo, formWe:
			return rest, nil
		case formGerund:
			if b, ok := basePhrase(v); ok {
				return b, nil
			}
			return "try " + v, nil
		case formNoun:
			if w, _, more := strings.Cut(strings.ToLower(v), " "); more && verbs[w] {
				return v, nil // "measure real demand": a verb slot reads a known verb as one
			}
			if fd.Lead == "" {
				return "", bad("a noun phrase")
			}
			return fd.Lead + " " + v, nil
		case formClause:
			return "", bad("a sentence")
		}
	case guide.PhraseWant:
		switch f {
		case formVerb, formTo, formWe:
			return "to " + rest, nil
		case formGerund:
			if b, ok := basePhrase(v); ok {
				return "to " + b, nil
			}
			return v, nil
		case formClause:
			return "", bad("a sentence")
		}
	}
	return v, nil
}

// PhraseName says what a phrase kind is ("a noun phrase"), for error
// messages and listings.
func PhraseName(kind string) string {
	switch kind {
	case guide.PhraseNoun:
		return "a noun phrase"
	case guide.PhraseVerb:
		return "a verb phrase"
	case guide.PhraseWant:
		return "a noun phrase or a to-phrase"
	case guide.PhraseNumber:
		return "a number"
	}
	return "a sentence"
}

var (
	determiners = words("a an the this that these those my your our their his her its some any every each all both no more less fewer most another other such one two three four five six seven eight nine ten half several many few")
	objects     = words("it them us me him her everyone everybody everything something anything nothing someone anyone nobody")
	preps       = words("by on in at for with from to into onto over under before after until till during without within across through about around up out off back down away together")
	subjects    = words("i we you they he she there")
	// words that start a noun phrase of quantity or degree: "about a week"
	modifiers = words("about around roughly nearly almost over under just only approximately at least up")
	// finite verbs that make "it/this/that ..." a clause
	finite = words("is are was were will would can could should must may might has have had does do did needs need takes take means mean won't can't isn't aren't wasn't doesn't don't didn't wouldn't couldn't shouldn't")
	// -ing words that are nouns unless an object follows
	ingNouns = words("thing something nothing anything everything morning evening wedding ceiling king ring spring string during building meeting offering setting bearing feeling painting drawing clothing sibling darling pudding")
	// common verbs, for verb phrases whose second word is no determiner
	// ("launch by Friday", "move quickly") and for coordinated verbs
	// ("deliver X and scope Y")
	verbs = words(`accept add adjust adopt agree aim align allocate announce approve arrange ask assess assign audit automate
		avoid backfill book bring build buy call cancel cap change check choose clean close collect combine commit
		communicate compare complete confirm consolidate cover cut decide decline defer define delay delegate deliver
		demonstrate deploy design discuss document double draft drop earn email escalate establish estimate evaluate
		expand explore extend find finish fix flag focus forecast freeze fund gather gauge get give go grow hand
		handle help hire hit hold improve include increase interview invest keep know launch lead learn limit lock log
		lower make manage map measure meet merge migrate mock model monitor move name narrow negotiate offer open
		organise organize outsource pair pause pay phase pick pilot plan postpone prepare present prioritise
		prioritize propose protect prototype prove provide publish pull push put quantify raise reach read rebuild
		recommend record reduce refactor refuse reject release remove repair replace report request reschedule
		research reserve reset resolve restructure resume retire return review revisit rewrite roll rotate run save
		scale schedule scope secure see select sell send serve set share ship shorten show sign simplify sketch skip
		slip sort speed spend split spread staff stage start stay stop streamline study suggest support surface survey
		swap switch table take talk target tell test tidy tier track trade train trim try turn understand update
		upgrade use validate verify wait walk win work write`)
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// weLeads are the openings of a proposal written with its subject; the
// verb phrase after them is the proposal.
var weLeads = []string{"let's", "let us", "we could", "we can", "we should", "we'd", "we would", "we'll", "we will", "we need to", "we", "i could", "i can", "i'll", "i will", "i'd", "i"}

// classify reads v's form and returns the verb phrase without its lead
// ("to", "we could", ...) when it has one, else v.
func classify(v string) (form, string) {
	ws := strings.Fields(strings.ToLower(strings.Map(plainQuote, v)))
	if len(ws) == 0 {
		return formNoun, v
	}
	w0 := strings.Trim(ws[0], ",;:")
	w1 := ""
	if len(ws) > 1 {
		w1 = strings.Trim(ws[1], ",;:")
	}
	lower := strings.ToLower(strings.Map(plainQuote, v))
	for _, lead := range weLeads {
		if strings.HasPrefix(lower, lead+" ") {
			rest := strings.TrimSpace(v[len(lead):])
			if r0, _, _ := strings.Cut(strings.ToLower(rest), " "); finite[r0] {
				break // "we need two more weeks" says something; it proposes nothing
			}
			rf, _ := classify(rest)
			if rf == formVerb || (rf == formNoun && looksVerb(rest)) {
				return formWe, rest
			}
		}
	}
	switch {
	case w0 == "to" && w1 != "" && !determiners[w1]:
		return formTo, strings.TrimSpace(v[len(ws[0]):])
	case subjects[w0] || strings.HasPrefix(w0, "i'") || strings.HasPrefix(w0, "we'") || strings.HasPrefix(w0, "they'") || strings.HasPrefix(w0, "you'"):
		return formClause, v
	case (w0 == "it" || w0 == "this" || w0 == "that" || w0 == "nobody" || w0 == "everyone") && finite[w1]:
		return formClause, v
	case modifiers[w0]:
		return formNoun, v
	case determiners[w0] || objects[w0]:
		if finite[w1] || (len(ws) > 2 && finite[strings.Trim(ws[2], ",;:")] && !strings.HasSuffix(w1, "ing")) {
			return formClause, v
		}
		return formNoun, v
	case strings.HasSuffix(w0, "ing") && len(w0) > 4 && (!ingNouns[w0] || determiners[w1] || objects[w1]):
		return formGerund, v
	case verbs[w0] && (w1 == "" || determiners[w1] || objects[w1] || preps[w1] || startsDigit(w1) || properNoun(v)):
		if w1 == "" {
			return formNoun, v // a lone "launch" or "control" reads as a noun
		}
		return formVerb, v
	case !verbs[w0] && !determiners[w0] && (determiners[w1] && w1 != "one" && w1 != "more" && w1 != "less" || objects[w1]):
		return formVerb, v // "onboard the new hires"
	}
	return formNoun, v
}

// properNoun: the second word of v, as typed, starts with a capital ("add
// CSV export", "migrate Postgres"), so a known verb before it is a verb.
func properNoun(v string) bool {
	f := strings.Fields(v)
	if len(f) < 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[1])
	return unicode.IsUpper(r)
}

func startsDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// looksVerb: a phrase after "we" or "let's" is a verb phrase unless it
// starts with a determiner.
func looksVerb(s string) bool {
	w, _, _ := strings.Cut(strings.ToLower(s), " ")
	return w != "" && !determiners[w] && !objects[w]
}

func plainQuote(r rune) rune {
	switch r {
	case '‘', '’', 'ʼ':
		return '\''
	}
	return r
}

// gerundPhrase turns a verb phrase into a gerund phrase: its first verb and
// every verb coordinated with it ("deliver X and scope Y" -> "delivering X
// and scoping Y").
func gerundPhrase(vp string) string {
	ws := strings.Split(vp, " ")
	ws[0] = keepCase(ws[0], gerund(strings.ToLower(ws[0])))
	for i := 1; i+1 < len(ws); i++ {
		if c := strings.ToLower(strings.Trim(ws[i], ",")); c == "and" || c == "or" || c == "then" {
			next := strings.ToLower(ws[i+1])
			after := ""
			if i+2 < len(ws) {
				after = strings.ToLower(ws[i+2])
			}
			if verbs[next] && (after == "" || determiners[after] || objects[after] || preps[after]) {
				ws[i+1] = keepCase(ws[i+1], gerund(next))
			}
		}
	}
	return strings.Join(ws, " ")
}

// basePhrase turns a gerund phrase into a verb phrase ("swapping your
// shift" -> "swap your shift"), with coordinated gerunds; ok is false when
// the first word's base form cannot be worked out.
func basePhrase(gp string) (string, bool) {
	ws := strings.Split(gp, " ")
	b, ok := base(strings.ToLower(ws[0]))
	if !ok {
		return "", false
	}
	ws[0] = keepCase(ws[0], b)
	for i := 1; i+1 < len(ws); i++ {
		if c := strings.ToLower(strings.Trim(ws[i], ",")); c == "and" || c == "or" || c == "then" {
			if next := strings.ToLower(ws[i+1]); strings.HasSuffix(next, "ing") && !ingNouns[next] {
				if b, ok := base(next); ok {
					ws[i+1] = keepCase(ws[i+1], b)
				}
			}
		}
	}
	return strings.Join(ws, " "), true
}

// keepCase gives w the capital orig starts with, if any.
func keepCase(orig, w string) string {
	r, _ := utf8.DecodeRuneInString(orig)
	if unicode.IsUpper(r) {
		return upperFirst(w)
	}
	return w
}

// Verbs that double their last consonant before -ing although they have
// more than one syllable (the stress falls on the last one).
var doubling = words("commit admit omit permit submit transmit emit refer prefer confer defer infer deter occur incur recur concur begin forget regret control patrol equip compel expel propel repel excel rebel upset abet outrun rerun forbid format unplug unwrap rebut embed outbid overrun underpin")

const vowels = "aeiou"

func isVowel(b byte) bool { return strings.IndexByte(vowels, b) >= 0 }

// syllables counts vowel groups, with "qu" a consonant and "y" a vowel
// after a consonant; a final silent e does not count.
func syllables(w string) int {
	w = strings.ReplaceAll(w, "qu", "q")
	n, prevV := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i]) || (w[i] == 'y' && i > 0 && !isVowel(w[i-1]))
		if v && !prevV {
			n++
		}
		prevV = v
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && n > 1 {
		n--
	}
	return n
}

// endsCVC: the word ends in a single vowel and a single consonant other
// than w, x or y ("swap", "commit"); "qu" counts as a consonant.
func endsCVC(w string) bool {
	w = strings.ReplaceAll(w, "qu", "q")
	n := len(w)
	if n < 2 {
		return false
	}
	c, v := w[n-1], w[n-2]
	if isVowel(c) || c == 'w' || c == 'x' || c == 'y' || !isVowel(v) {
		return false
	}
	return n == 2 || !isVowel(w[n-3])
}

// gerund is the -ing form of a base verb.
func gerund(w string) string {
	switch {
	case w == "be" || w == "see" || strings.HasSuffix(w, "ee") || strings.HasSuffix(w, "ye") || strings.HasSuffix(w, "oe"):
		return w + "ing"
	case strings.HasSuffix(w, "ie"):
		return w[:len(w)-2] + "ying"
	case strings.HasSuffix(w, "e") && len(w) > 2:
		return w[:len(w)-1] + "ing"
	case strings.HasSuffix(w, "ic") && len(w) > 4:
		return w + "king" // panic -> panicking
	case endsCVC(w) && (syllables(w) == 1 || doubling[w]):
		return w + w[len(w)-1:] + "ing"
	}
	return w + "ing"
}

// Base forms the rules below would get wrong, by the -ing word's stem.
var stemBase = map[string]string{
	"be": "be", "see": "see", "dy": "die", "ly": "lie", "ty": "tie", "vy": "vie",
	"add": "add", "err": "err", "ebb": "ebb", "egg": "egg", "creat": "create", "recreat": "recreate",
	"invit": "invite", "unit": "unite", "excit": "excite", "ignit": "ignite", "recit": "recite", "incit": "incite", "expedit": "expedite",
	"complet": "complete", "delet": "delete", "compet": "compete", "deplet": "deplete",
	"promot": "promote", "devot": "devote", "denot": "denote",
	"ignor": "ignore", "restor": "restore", "explor": "explore", "ador": "adore", "implor": "implore", "deplor": "deplore",
	"interfer": "interfere", "adher": "adhere", "persever": "persevere",
	"chang": "change", "arrang": "arrange", "exchang": "exchange", "rang": "range", "challeng": "challenge", "plung": "plunge", "loung": "lounge", "aveng": "avenge",
	"escap": "escape", "guid": "guide", "wast": "waste", "tast": "taste", "past": "paste", "postpon": "postpone", "aton": "atone",
	"breath": "breathe", "bath": "bathe", "loath": "loathe", "sooth": "soothe", "cloth": "clothe",
	"panick": "panic", "picnick": "picnic", "mimick": "mimic", "traffick": "traffic",
	"focus": "focus", "bias": "bias",
	"install": "install", "recall": "recall", "enroll": "enroll", "fulfill": "fulfill", "distill": "distill", "instill": "instill",
}

// base is the base form of an -ing word; ok is false when w is not one.
func base(w string) (string, bool) {
	s, ok := strings.CutSuffix(w, "ing")
	if !ok || len(s) < 2 || !strings.ContainsAny(s, vowels+"y") {
		return "", false
	}
	if b, ok := stemBase[s]; ok {
		return b, true
	}
	n := len(s)
	last := s[n-1]
	// a doubled consonant: undouble it unless the base keeps it
	if n >= 3 && s[n-2] == last && !isVowel(last) {
		switch last {
		case 'l':
			if syllables(s) > 1 {
				return s[:n-1], true // travelling, controlling
			}
			return s, true // calling, selling
		case 's', 'f', 'z':
			return s, true // passing, staffing, buzzing
		}
		return s[:n-1], true // swapping, committing
	}
	e := s + "e"
	switch {
	case isVowel(last):
		if last == 'u' {
			return e, true // continuing, valuing
		}
		return s, true // going, vetoing
	case last == 'y' || last == 'w' || last == 'x':
		return s, true // paying, showing, fixing
	case last == 'v', last == 'c', last == 'z':
		return e, true // moving, reducing, prioritizing
	case strings.HasSuffix(s, "dg"), strings.HasSuffix(s, "rg"), strings.HasSuffix(s, "lg"):
		return e, true // judging, merging
	case last == 's':
		if strings.HasSuffix(s, "us") && syllables(s) > 1 {
			return s, true
		}
		return e, true // releasing, using, closing
	case last == 'l' && !isVowel(s[n-2]) && s[n-2] != 'r' && s[n-2] != 'l':
		return e, true // handling, sampling
	}
	vv := n >= 3 && (isVowel(s[n-2]) || s[n-2] == 'y') && isVowel(s[n-3]) && !(s[n-3] == 'u' && n >= 4 && s[n-4] == 'q')
	if vv {
		return s, true // waiting, meeting, keeping
	}
	if !endsCVC(s) {
		return s, true // testing, building, starting
	}
	// a single vowel and consonant at the end
	if syllables(s) == 1 {
		return e, true // making, hoping, using, voting
	}
	suffix2 := s[n-2:]
	switch {
	case suffix2 == "at" || suffix2 == "ut" || suffix2 == "id" || suffix2 == "ud" || suffix2 == "od" ||
		suffix2 == "ur" || suffix2 == "ir" || suffix2 == "ar" || suffix2 == "il" || suffix2 == "in" ||
		suffix2 == "um" || suffix2 == "om" || last == 'k' || last == 'b' || last == 'g':
		return e, true // creating, computing, providing, ensuring, requiring, compiling, combining, assuming, invoking, describing, managing
	}
	return s, true // visiting, opening, developing, offering, monitoring
}

var (
	sentenceStartRE = regexp.MustCompile(`([.?!]["”’)]?\s+)(\p{Ll})`)
	abbrevRE        = regexp.MustCompile(`(?i)(?:\be\.g|\bi\.e|\betc|\bvs|\bapprox|\bcf|\bno)\.$`)
	doubledRE       = regexp.MustCompile(`(?i)\b(the|a|an|to|we|of|for|and|in|on|with|by|our|your|is|it)\s+(the|a|an|to|we|of|for|and|in|on|with|by|our|your|is|it)\b`)
	articleRE       = regexp.MustCompile(`\b([Aa]n?) ([\p{L}\d][\p{L}\d'’-]*)`)
)

// tidy applies the mechanical fixes a filled template needs: doubled words
// where a value meets the template ("to to", "a an"), a or an by the sound
// of the next word, and a capital after a sentence's end (a step's first
// letter is the builder's to capitalise: a step may go on a sentence).
func tidy(s string) string {
	s = doubledRE.ReplaceAllStringFunc(s, func(m string) string {
		ws := strings.Fields(m)
		a, b := strings.ToLower(ws[0]), strings.ToLower(ws[1])
		articles := map[string]bool{"a": true, "an": true, "the": true}
		switch {
		case a == b:
			return ws[0]
		case articles[a] && articles[b]:
			return keepCase(ws[0], strings.ToLower(ws[1]))
		}
		return m
	})
	s = articleRE.ReplaceAllStringFunc(s, func(m string) string {
		art, w, _ := strings.Cut(m, " ")
		want := "a"
		if vowelSound(w) {
			want = "an"
		}
		if strings.EqualFold(art, want) {
			return m
		}
		return keepCase(art, want) + " " + w
	})
	var out strings.Builder
	last := 0
	for _, m := range sentenceStartRE.FindAllStringSubmatchIndex(s, -1) {
		if abbrevBefore(s, m[2]+1) {
			continue
		}
		out.WriteString(s[last:m[4]])
		out.WriteString(strings.ToUpper(s[m[4]:m[5]]))
		last = m[5]
	}
	out.WriteString(s[last:])
	return out.String()
}

// abbrevBefore reports whether s[:end] ends with an abbreviation
// (abbrevRE). It reads a few bytes back, not all of s[:end]: matching the
// whole prefix at every sentence made a 2,000-character field of short
// sentences take seconds.
func abbrevBefore(s string, end int) bool {
	from := max(0, end-16)
	loc := abbrevRE.FindStringIndex(s[from:end])
	if loc == nil {
		return false
	}
	// A match where the window was cut is no match if a word goes on
	// before it: \b saw a boundary that is not there.
	if loc[0] == 0 && from > 0 {
		c := s[from-1] // \b is ASCII: only an ASCII word character goes on
		if c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// vowelSound reports whether w starts with a vowel sound, for a or an.
func vowelSound(w string) bool {
	if w == "" {
		return false
	}
	lw := strings.ToLower(w)
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	// an acronym is read letter by letter: "an SSO", "a UX review"
	if letters >= 2 && strings.ToUpper(w) == w && !strings.ContainsAny(w, "0123456789") {
		return strings.ContainsRune("AEFHILMNORSX", rune(w[0]))
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		return strings.HasPrefix(w, "8") || strings.HasPrefix(w, "11") || strings.HasPrefix(w, "18")
	}
	for _, p := range []string{"hour", "honest", "honor", "honour", "heir"} {
		if strings.HasPrefix(lw, p) {
			return true
		}
	}
	for _, p := range []string{"one", "once", "uni", "use", "usu", "uti", "ure", "eu", "ewe", "u-", "ubiq"} {
		if strings.HasPrefix(lw, p) {
			return false
		}
	}
	return slices.Contains([]byte(vowels), lw[0])
}
