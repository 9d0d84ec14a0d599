package rewrite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/draft"
)

// This file is the little English the rules engine needs to say the other
// person's request back to them: the request and its purpose read from the
// situation ("A client wants to skip load testing to launch the ticket sale
// on Friday" -> request "skipping load testing", goal "launching the ticket
// sale on Friday"), verb phrases, and -ing forms.

// ask is what the situation asks for, in pieces the forms can use.
type ask struct {
	// who: "you" when they ask me ("Can you cover on-call?"), "we" for a
	// joint plan ("Let's ship Friday"), "they" for their own plan or a
	// third person's ("The COO wants...", "I'm merging...").
	who string
	// vp is the request as a verb phrase in the base form ("skip load
	// testing"); subj, when set, is who does it ("the São Paulo team").
	vp   string
	subj string
	// np is a request with no verb ("the new payroll system live on the
	// 1st"): said as "getting" + np.
	np string
	// ing is a request already in the -ing form ("going live without the
	// penetration test").
	ing string
	// purpose is why they want it, when the situation says ("launch the
	// ticket sale on Friday"), as a verb phrase.
	purpose string
	// purposeNP is their goal as a noun phrase, from the occasion the
	// situation opens with ("the performance sprint").
	purposeNP string
	// shared is work they have shared, as a gerund phrase ("estimating
	// the reporting ticket at 2 days"): thanked for, not asked about.
	shared string
	// approve is something they submitted for approval ("a purchase
	// order for 2,400 more units").
	approve string
	// obj is who they asked to do it, when they asked someone: "me" or
	// "us" (a team, a department, the writer's organisation).
	obj string
	// brief: read from a situation written as a brief ("..., who wants
	// to ..."), in the third person.
	brief bool
	// third: read from a sentence telling of a third person's want or
	// plan ("The COO wants ...").
	third bool
}

func (a ask) ok() bool {
	return a.vp != "" || a.np != "" || a.ing != "" || a.shared != "" || a.approve != ""
}

// request is the request as a gerund phrase: "skipping load testing".
func (a ask) request() string {
	switch {
	case a.ing != "":
		return a.ing
	case a.vp != "" && a.subj != "":
		return a.subj + " " + gerund(a.vp)
	case a.vp != "":
		return gerund(a.vp)
	case a.np != "":
		return "getting " + a.np
	case a.approve != "":
		return "approving " + definite(a.approve)
	}
	return ""
}

// definite makes "a purchase order" "the purchase order": the thing they
// sent is known to both.
func definite(np string) string {
	for _, art := range []string{"a ", "an "} {
		if strings.HasPrefix(np, art) {
			return "the " + np[len(art):]
		}
	}
	return np
}

// goal is their goal as a gerund phrase: the purpose when the situation
// names one, else the request.
func (a ask) goal() string {
	switch {
	case a.purpose != "":
		return gerund(a.purpose)
	case a.purposeNP != "":
		return a.purposeNP
	}
	return a.request()
}

// goalTo is the goal as an infinitive: "to launch the ticket sale on
// Friday", "the São Paulo team to handle support".
func (a ask) goalTo() string {
	switch {
	case a.purposeNP != "":
		return ""
	case a.purpose != "":
		return "to " + a.purpose
	case a.vp != "" && a.subj != "":
		return a.subj + " to " + a.vp
	case a.vp != "":
		return "to " + a.vp
	case a.np != "":
		return a.np
	case a.ing != "":
		if vp := baseFromGerund(a.ing); vp != "" {
			return "to " + vp
		}
	}
	return ""
}

// vpFor is the request as a verb phrase for "we" or "me" ("take over the
// Henderson migration"), or "".
func (a ask) vpFor() string {
	if a.vp != "" && a.subj == "" {
		return a.vp
	}
	if a.ing != "" {
		return baseFromGerund(a.ing)
	}
	if a.approve != "" {
		return "approve " + definite(a.approve)
	}
	return ""
}

// askPatterns recognise a request in a situation's sentence; the first
// that matches wins. kind says how the captured text reads.
var askPatterns = []struct {
	re   *lazyRE
	who  string
	kind string // vp, np, ing, subjvp (group 1 subject, group 2 vp)
	// third: the sentence tells of a third person's want or plan ("The
	// COO wants ...", "The roofing firm charges ..."): in a brief only
	// its opening sentence names the request; later ones tell of the
	// writer or the facts ("The store manager wants 6 staff", "The
	// trainee suggests Raj"), whose want an acknowledgement would
	// wrongly give to the person written to.
	third bool
}{
	{lazyRegexp(`(?i)^(?:so,?\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:just\s+)?(.+)$`), "you", "vp", false},
	{lazyRegexp(`(?i)^(?:so,?\s+)?what if we\s+(?:just\s+)?(.+)$`), "we", "vp", false},
	{lazyRegexp(`(?i)^(?:so,?\s+)?(?:why don't we|why don’t we|how about we)\s+(.+)$`), "we", "vp", false},
	{lazyRegexp(`(?i)^(?:please\s+)?(?:just\s+)?(?:can|could|shall|should)\s+we\s+(?:please\s+)?(?:just\s+)?(.+)$`), "we", "vp", false},
	{lazyRegexp(`(?i)^(?:ok,?\s+|okay,?\s+|so,?\s+|right,?\s+)?(?:let's|let’s|let us)\s+(?:just\s+)?(?:go ahead and\s+)?(.+)$`), "we", "vp", false},
	{lazyRegexp(`(?i)^(?:i think\s+)?we(?:'ll|’ll|'re going to|’re going to|\s+(?:should|need to|must|have to|want to|will|are going to|can|could))\s+(?:just\s+)?(.+)$`), "we", "vp", false},
	{lazyRegexp(`(?i)^i(?:'d|’d| would)? (?:want|like|need) you to\s+(.+)$`), "you", "vp", false},
	{lazyRegexp(`(?i)^(?:so,?\s+)?(?:can|could|may|should)\s+I\s+(?:please\s+)?(?:just\s+)?(.+)$`), "they", "vp", false},
	{lazyRegexp(`(?i)^(?:i|we)(?:'ve|’ve| have)?\s+(?:just\s+|already\s+)?(estimated|sent|drafted|written|wrote|prepared|finished|attached|made|added|changed|updated|shared|submitted|planned|scheduled|booked)\s+(.+)$`), "they", "shared", false},
	{lazyRegexp(`(?i)^i(?:'d|’d| would)? (?:want|like|need|plan|intend|hope) to\s+(.+)$`), "they", "vp", false},
	{lazyRegexp(`(?i)^(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:just\s+)?(?:about to\s+|planning to\s+|going to\s+)(.+)$`), "they", "vp", false},
	{lazyRegexp(`(?i)^(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:just\s+)?(\p{L}+ing\b.*)$`), "they", "ing", false},
	{lazyRegexp(`(?i)^(?:i think\s+)?(?:i|we)\s+(?:also\s+|really\s+|still\s+|now\s+|just\s+|urgently\s+)?(?:need|want|would like|expect)\s+(.+)$`), "they", "np", false},
	{lazyRegexp(`(?i)^(?:i|we)(?:'d|’d)\s+(?:also\s+|really\s+)?like\s+(.+)$`), "they", "np", false},
	{lazyRegexp(`(?i)^(?:i|we)(?:'ll|’ll| will|'m going to|’m going to| am going to|'re going to|’re going to| are going to)\s+(?:just\s+)?(.+)$`), "they", "vp", false},
	{lazyRegexp(`(?i)^(?:can|could|will)\s+(?:everyone|everybody|the team|you all|we all|the whole team)\s+(?:please\s+)?(.+)$`), "you", "vp", false},
	{lazyRegexp(`(?i)^(?:the|our|my|your|their|a|an)?\s*[\p{L}' ]{1,40}?\s+(?:still\s+|really\s+|now\s+)?(?:wants|would like|needs|is asking|asked|is pushing|expects)\s+(?:me|us)\s+to\s+(.+)$`), "you", "vp", false},
	{lazyRegexp(`(?i)^((?:the|our|my|your|their|a|an)?\s*[\p{L}' ]{1,40}?)\s+(?:still\s+|really\s+|now\s+)?(?:wants|would like|needs|is asking|asked|is pushing|expects|plans|is planning|has decided|decided|intends)\s+(?:us\s+|you\s+|me\s+|them\s+|the team\s+)?to\s+(.+)$`), "they", "vp2", true},
	{lazyRegexp(`(?i)^((?:the|our|my|your|their|a|an)?\s*[\p{L}' ]{1,40}?)\s+(?:suggests|suggested|proposes|proposed|recommends|is suggesting|is proposing)\s+(?:that\s+)?(?:we|us)\s+(.+)$`), "they", "vp2", true},
	{lazyRegexp(`(?i)^((?:the|our|my|your|their|a|an)?\s*[\p{L}' ]{1,40}?)\s+(?:still\s+|really\s+|now\s+)?(?:wants|needs|asked for|is asking for|expects|is pushing for|would like)\s+(.+)$`), "they", "np2", true},
	{lazyRegexp(`(?i)^(?:the|our|my|your)\s+[\p{L}' ]{1,30}?\s+(?:asks|asked|is asking|wants|needs|expects)\s+(?:you|me)\s+to\s+(.+)$`), "you", "vp", false},
	{lazyRegexp(`(?i)^((?:the|our|my|your|their)\s+[\p{L}' ]{1,40}?)\s+(?:will|is going to|are going to)\s+(.+)$`), "they", "subjvp", true},
	{lazyRegexp(`(?i)^(?:from\s+(?:next|this)\s+\p{L}+,?\s+|starting\s+\p{L}+,?\s+)?((?:every|each|all|the|our|your)\s+[\p{L}' ]{1,30}?)\s+(\p{L}+s)\s+(.+)$`), "they", "subjverb", true},
}

// readAsk reads the request in a situation, or returns the zero ask.
func readAsk(verbs map[string]bool, situation string) ask {
	s := strings.TrimSpace(stripEmoji(cleanDraft(apostrophes.Replace(situation))))
	if s == "" || strings.HasPrefix(s, "[") {
		return ask{}
	}
	s = speakerRE.ReplaceAllString(s, "")
	// "For the performance sprint we're turning off audit logging": the
	// occasion is their goal, the rest the request.
	var occasion string
	if m := leadPhraseRE.FindStringSubmatchIndex(s); m != nil {
		if o := s[m[2]:m[3]]; forRE.MatchString(s) {
			occasion = swapPronouns(o, "they")
		}
		s = s[m[4]:]
	}
	t := toneData()
	sents := draft.Split(s)
	opened := false // a sentence that could say the request was read
	for k, sent := range sents {
		if k == 0 && len(sents) > 1 && (wordCount(sent.Text) <= 2 && strings.HasSuffix(strings.TrimSpace(sent.Text), ".") || settingLine(sent.Text)) {
			continue // "Call centre.", "Print shop in south London.": the setting, no request
		}
		if t.isInjection(sent.Text) || writerSubjectRE.MatchString(sent.Text) {
			// "The writer wants co-op in the May patch": what the
			// writer wants is the alternative, never the request.
			continue
		}
		a := readAskSentence(verbs, sent.Text)
		if a.third && opened {
			continue
		}
		opened = true
		if a.ok() {
			if a.purpose == "" && a.purposeNP == "" && occasion != "" {
				a.purposeNP = occasion
			}
			return a
		}
	}
	return ask{}
}

func readAskSentence(verbs map[string]bool, s string) ask {
	s = strings.Trim(strings.TrimSpace(s), "\"“”'‘’")
	if i := strings.IndexAny(s, "—;("); i > 0 {
		s = s[:i]
	}
	if m := clauseCommaRE.FindStringIndex(s); m != nil {
		s = s[:m[0]]
	}
	if i := strings.Index(s, ", "); i > 0 {
		if rest := s[i+2:]; !strings.Contains(rest, " and ") && !strings.Contains(rest, " or ") {
			s = s[:i]
		}
	}
	s = strings.TrimRight(s, ".!?… ")
	if s == "" || wordCount(s) > 30 {
		return ask{}
	}
	for _, p := range askPatterns {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		a := ask{who: p.who, third: p.third}
		switch p.kind {
		case "vp":
			a.vp = m[1]
		case "ing":
			a.ing = m[1]
		case "np":
			a.np = m[1]
		case "vp2":
			a.vp = m[2]
		case "np2":
			a.np = m[2]
		case "subjvp":
			a.subj, a.vp = lowerFirstWord(m[1]), m[2]
		case "subjverb":
			base := baseFromThird(verbs, strings.ToLower(m[2]))
			if base == "" {
				continue
			}
			a.subj, a.vp = lowerFirstWord(m[1]), base+" "+m[3]
		case "shared":
			a.shared = sharedVerb(strings.ToLower(m[1])) + " " + m[2]
		}
		a.shared = tidyRequest(swapPronouns(a.shared, a.who))
		a.vp = tidyRequest(swapPronouns(opinionRE.ReplaceAllString(a.vp, ""), a.who))
		a.np = tidyRequest(swapPronouns(a.np, a.who))
		a.ing = tidyRequest(swapPronouns(a.ing, a.who))
		if a.vp != "" {
			first := strings.ToLower(firstWordOf(a.vp))
			if first == "tried" {
				a.vp = "try" + a.vp[len("tried"):]
			}
			if strings.HasPrefix(strings.ToLower(a.vp), "going ") && a.who == "they" {
				a.ing, a.vp = a.vp, ""
			}
		}
		if strings.HasPrefix(strings.ToLower(a.np), "to ") {
			a.vp, a.np = a.np[3:], ""
		}
		if a.np != "" && (strings.HasSuffix(firstWordOf(a.np), "ing") && utf8.RuneCountInString(firstWordOf(a.np)) > 5) {
			a.ing, a.np = a.np, ""
		}
		a.vp, a.purpose = splitPurpose(verbs, a.vp)
		if a.ing != "" {
			a.ing, a.purpose = splitPurpose(verbs, a.ing)
		}
		if a.vp != "" && !verbs[strings.ToLower(firstWordOf(a.vp))] && p.kind != "vp" && p.kind != "vp2" && p.kind != "subjvp" {
			return ask{}
		}
		if wordCount(a.vp+" "+a.np+" "+a.ing) > 22 {
			return ask{}
		}
		return a
	}
	// An instruction: "Ship all 3,000 units this week", "Fire her by
	// Friday", "Just approve the new font licence".
	t := strings.TrimSpace(justRE.ReplaceAllString(s, ""))
	if w := strings.ToLower(firstWordOf(t)); verbs[w] && wordCount(t) >= 2 && !tellsRE.MatchString(t) && !namedSubjectRE.MatchString(t) {
		a := ask{who: "you", vp: tidyRequest(swapPronouns(w+t[len(w):], "you"))}
		a.vp, a.purpose = splitPurpose(verbs, a.vp)
		return a
	}
	return ask{}
}

// tellsRE: a sentence that tells of someone's message rather than gives
// an order, though it opens on a word that can be a verb ("Call handler
// Rhys Hughes texts at 15:00 asking to leave", "Mark now messages Kev:
// 'Can you just do the amendment quietly?'"): its verb is a third
// person's, or it quotes what was said. Read as an order, it had become
// "I'm afraid I can't call handler Rhys Hughes texts at 15:00 asking"
// (round 113) and "I know you want me to mark now messages Kev" (round
// 112).
var tellsRE = lazyRegexp(`[:"“”]|\s'|\b(?:texts|messages|emails|asks|calls|rings|phones|writes|says|tells|pings|wants|needs|emailed|texted|messaged|asked|rang|phoned|wrote|said|told|wanted|needed)\b`)

// namedSubjectRE: a sentence whose first word is its subject, a name
// that can also be a verb, with a verb of its own right after it ("Mark
// runs a small electrical and maintenance contractor." had become "I
// understand you'd like me to mark runs a small electrical ...", round
// 136).
var namedSubjectRE = lazyRegexp(`^\p{Lu}\p{Ll}+\s+(?:runs|owns|manages|leads|heads|works|teaches|coaches|supervises|oversees|chairs|coordinates|is|was|has|had)\b`)

// opinionRE is the narrator's aside in a situation ("a demo you think is
// a waste of time"), not part of the request.
var opinionRE = lazyRegexp(`(?i)\s+(?:that |which )?(?:you|I) (?:think|feel|know|believe) (?:is|are|will be|would be)\b.*$`)

// leadPhraseRE is a time or occasion before the request ("For the
// performance sprint we're turning off..."): the request follows it.
var (
	leadPhraseRE = lazyRegexp(`(?i)^(?:for|during|in|starting|as of|over)\s+((?:the\s+|this\s+|next\s+|our\s+)?[\p{L}\d -]{1,30}?),?\s+((?:we|i|the|our)(?:'re|’re|'ll|’ll| are| will| want| need)?\s)`)
	forRE        = lazyRegexp(`(?i)^for\s+(?:the|our|this)\s`)
)

var justRE = lazyRegexp(`(?i)^(?:please\s+|just\s+|so\s+)+`)

// purposeRE finds where a purpose starts in a request: " to VERB",
// " so (that) we can VERB", " in order to VERB".
var purposeRE = lazyRegexp(`(?i)\s+(?:in order to|so that we can|so we can|so that you can|so you can|so that|to)\s+(\p{L}+)`)

// splitPurpose splits "skip load testing to launch the ticket sale on
// Friday" into the request and its purpose, when a verb follows "to".
func splitPurpose(verbs map[string]bool, vp string) (string, string) {
	for _, m := range purposeRE.FindAllStringSubmatchIndex(vp, -1) {
		w := strings.ToLower(vp[m[2]:m[3]])
		if !verbs[w] || m[0] == 0 {
			continue
		}
		if next := strings.ToLower(firstWordOf(vp[m[3]:])); next == "" || isNumber(next) || numberWords[next] {
			continue // "add the portal to phase one": a noun
		}
		head := strings.TrimSpace(vp[:m[0]])
		if wordCount(head) < 1 {
			continue
		}
		return head, strings.TrimSpace(vp[m[2]:])
	}
	return vp, ""
}

var (
	trailingRE = lazyRegexp(`(?i)(?:\s*,)?\s+(?:as well|too|also|please|for me|for us|asap|thanks)$`)
	becauseRE  = lazyRegexp(`(?i)\s+(?:because|since|as|given that|even though|although|though|despite|while|so (?:that )?(?:their|our|your|the|his|her|my)\b)\s.*$`)
)

// tidyRequest trims what a request does not need when said back: trailing
// courtesies and the reason they give ("a 30% discount because the
// launch slipped" -> "a 30% discount").
func tidyRequest(s string) string {
	s = becauseRE.ReplaceAllString(strings.TrimSpace(s), "")
	for {
		t := trailingRE.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	return strings.TrimRight(s, ",.;: ")
}

// swapPronouns turns the asker's words into the replier's: "Can you send
// me your notes" -> "send you my notes". For a joint plan, "we" and "our"
// stay.
func swapPronouns(s, who string) string {
	if s == "" {
		return s
	}
	swap := map[string]string{"my": "your", "mine": "yours", "me": "you", "i": "you", "i'm": "you're", "i’m": "you’re", "myself": "yourself", "their": "your"}
	if who == "you" {
		swap = map[string]string{"my": "your", "me": "you", "i": "you", "your": "my", "yours": "mine", "yourself": "myself"}
	}
	if who == "they" {
		swap["our"], swap["ours"], swap["us"], swap["we"] = "your", "yours", "you", "you"
	}
	delete(swap, "their") // a third person's own ("the supplier's contract")
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimRight(w, ",.;:!?")
		if v, ok := swap[strings.ToLower(core)]; ok {
			words[i] = v + w[len(core):]
		}
	}
	return strings.Join(words, " ")
}

// gerund turns a verb phrase's first word into its -ing form: "run one
// more cycle" -> "running one more cycle". A phrase that already starts
// with an -ing word is returned as is.
func gerund(vp string) string {
	w := firstWordOf(vp)
	if w == "" {
		return vp
	}
	return ingForm(strings.ToLower(w)) + vp[len(w):]
}

// ingForm is the -ing form of a base verb.
func ingForm(v string) string {
	if g, ok := irregularIng()[v]; ok {
		return g
	}
	n := len(v)
	switch {
	case n > 4 && strings.HasSuffix(v, "ing"):
		return v
	case strings.HasSuffix(v, "ie"):
		return v[:n-2] + "ying"
	case strings.HasSuffix(v, "ee") || strings.HasSuffix(v, "ye") || strings.HasSuffix(v, "oe"):
		return v + "ing"
	case strings.HasSuffix(v, "e") && n > 2:
		return v[:n-1] + "ing"
	case n >= 3 && cvc(v) && syllables(v) == 1:
		return v + v[n-1:] + "ing"
	}
	return v + "ing"
}

// baseFromGerund undoes ingForm for a phrase's first word ("redoing the
// deck" -> "redo the deck"), or returns "" when it cannot tell.
func baseFromGerund(phrase string) string {
	w := firstWordOf(phrase)
	lw := strings.ToLower(w)
	if !strings.HasSuffix(lw, "ing") || len(lw) < 5 {
		return ""
	}
	for base, g := range irregularIng() {
		if g == lw {
			return base + phrase[len(w):]
		}
	}
	stem := lw[:len(lw)-3]
	verbs := verbSet()
	for _, cand := range []string{stem, stem + "e", stem[:len(stem)-1]} {
		if verbs[cand] && ingForm(cand) == lw {
			return cand + phrase[len(w):]
		}
	}
	if n := len(stem); n >= 4 && stem[n-1] == stem[n-2] && !isVowel(stem[n-1]) && strings.IndexByte("slfz", stem[n-1]) < 0 && ingForm(stem[:n-1]) == lw {
		return stem[:n-1] + phrase[len(w):] // "letting" -> "let", not "lett"
	}
	if ingForm(stem) == lw {
		return stem + phrase[len(w):]
	}
	return ""
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// cvc: the word ends consonant-vowel-consonant, the last not w, x or y.
func cvc(v string) bool {
	n := len(v)
	a, b, c := v[n-3], v[n-2], v[n-1]
	return !isVowel(a) && isVowel(b) && !isVowel(c) && c != 'w' && c != 'x' && c != 'y'
}

func syllables(v string) int {
	n, prev := 0, false
	for i := 0; i < len(v); i++ {
		vw := isVowel(v[i]) || (v[i] == 'y' && i > 0)
		if vw && !prev {
			n++
		}
		prev = vw
	}
	return n
}

func firstWordOf(s string) string {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if i < 0 {
		return s
	}
	return s[:i]
}

// lowerFirstWord lowercases a phrase's first letter unless it is a name or
// an acronym ("The COO" -> "the COO", "Priya" stays).
func lowerFirstWord(s string) string { return lowerStart(s) }

var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "ten": true}

// baseFromThird turns a third-person verb into its base form ("supports"
// -> "support", "carries" -> "carry"), or "" when it is not a known verb.
func baseFromThird(verbs map[string]bool, w string) string {
	switch w {
	case "has":
		return "have"
	case "does":
		return "do"
	case "goes":
		return "go"
	}
	for _, cand := range []string{strings.TrimSuffix(w, "s"), strings.TrimSuffix(w, "es"), strings.TrimSuffix(w, "ies") + "y"} {
		if cand != w && verbs[cand] {
			return cand
		}
	}
	return ""
}

// sharedVerb says work they shared as what to thank them for: "estimated"
// -> "estimating"; changes they made -> "sending over".
func sharedVerb(v string) string {
	switch v {
	case "written", "wrote":
		return "writing"
	case "estimated":
		return "estimating"
	case "drafted":
		return "drafting"
	case "prepared":
		return "preparing"
	case "finished":
		return "finishing"
	case "planned":
		return "planning"
	case "scheduled":
		return "scheduling"
	case "booked":
		return "booking"
	}
	return "sending over"
}

// draftSentences returns the texts of s's sentences.
func draftSentences(s string) []string {
	var out []string
	for _, sent := range draft.Split(s) {
		out = append(out, sent.Text)
	}
	return out
}
