package rewrite

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/guide"
)

// This file reads a situation written as a brief, the way people describe
// a message they have to send: "Restaurant, Galway. WhatsApp reply from
// the head chef to sous chef Declan, who has just asked for Saturday 21
// June off. The restaurant has the Byrne wedding that day (120 covers),
// booked since February. The head chef could give him Sunday 22 and Monday
// 23 June off instead." From it the rewrite takes who it writes to (the
// name a draft may open with), the channel (a chat or a text keeps it
// short), the request (the "who ..." clause), the facts it may give when
// the draft gives none, and what the writer could offer instead. A
// situation in the other person's words ("Can we ship on Friday?") reads
// as before (readAskSentence).

// scene is a situation read as a brief.
type scene struct {
	ask ask
	// chat: the situation names a chat, text or instant-message channel.
	chat bool
	// names are the capitalised words that name the person written to
	// ("Greg", "Pattison", "Dr. Okafor"), for a draft that opens with one.
	names map[string]bool
	// org is the writer's organisation as the setting names it
	// ("restaurant", "warehouse"): "the restaurant has" reads "we have".
	org string
	// roles are how the situation names the writer ("the writer", "the
	// head chef", "the site manager").
	roles []string
	// facts are the situation's sentences said as the writer would say
	// them, in order; offers are what it says the writer could offer
	// instead ("I'd rather cap registrations at 400 and open a waitlist").
	facts  []string
	offers []string
	// told is what a situation told as a story says the writer could
	// offer ("Tricia could waive half, ..." -> "I could waive half,
	// ..."): the trim of a draft that offers nothing adds it (offer.go).
	told string
	// requestSent is the index of the sentence the request was read
	// from, -1 when none.
	requestSent int
}

// channelRE names a written channel at the start of a brief's sentence.
var channelRE = lazyRegexp(`(?i)^(?:(?:a|an|the)\s+)?(?:(?:phone[- ]call\s+)?follow[- ]up\s+by\s+|phone[- ]then[- ]email\s+)?(?:microsoft\s+)?(?:e-?mail|text(?:\s+message)?|sms|slack|teams|whatsapp|signal|telegram|discord|instant\s+message|im|dm|chat|message|note|letter|memo|reply|comment|voicemail|linkedin|wechat|imessage)\b`)

// chatChannelRE names a channel whose messages are short.
var chatChannelRE = lazyRegexp(`(?i)\b(?:text(?:\s+message)?|sms|slack|teams|whatsapp|signal|telegram|discord|instant\s+message|dm|chat|imessage|wechat)\b`)

// whoRE finds the relative clause that says what the person written to
// wants: "..., who wants to push router firmware 7.2.1 tonight".
var whoRE = lazyRegexp(`(?i)(?:^|[\s,])who\s+(.+)$`)

// sender: the words before a "who" end on the sender ("Email from the
// IT manager,", "Text from a plumber,"), not on who it goes to ("reply
// from the head chef to sous chef Declan,"): the clause is the writer's.
func sender(head string) bool {
	l := strings.ToLower(head)
	i := strings.LastIndex(l, "from ")
	if i < 0 || i > 0 && l[i-1] != ' ' {
		return false
	}
	rest := l[i+len("from "):]
	return !strings.Contains(rest, " to ") && wordCount(rest) <= 6
}

// parenRE is a parenthesis: "(event manager)", "(about 12 million rows)".
var parenRE = lazyRegexp(`\s*\([^()]{0,80}\)`)

// writerRoleRE finds how a brief names the writer: "the writer (site
// manager)", "from the head chef to".
var (
	writerParenRE = lazyRegexp(`(?i)\bthe writer\s*\(((?:a|an|the|her|his|their)\s+)?([^()]{2,40})\)`)
	writerFromRE  = lazyRegexp(`(?i)\bfrom\s+(?:the|a|an)\s+([\p{L} -]{2,40}?)\s+to\s`)
)

// readScene reads a situation as a brief. A situation that is no brief
// (the other person's words, or empty) gives a scene with only its ask,
// read as before.
func readScene(verbs map[string]bool, situation string, audience guide.Audience) scene {
	sc := scene{names: map[string]bool{}, requestSent: -1}
	s := strings.TrimSpace(stripEmoji(cleanDraft(apostrophes.Replace(situation))))
	if s == "" || strings.HasPrefix(s, "[") {
		return sc
	}
	sents := draftSentences(s)
	first := 0
	if len(sents) > 1 && settingLine(sents[0]) {
		// "Restaurant, Galway.": the writer's organisation.
		part, _, _ := strings.Cut(strings.TrimRight(sents[0], ". "), ",")
		if f := strings.Fields(part); len(f) > 0 {
			sc.org = strings.ToLower(f[len(f)-1])
		}
		first = 1
	}
	sc.roles = []string{"the writer"}
	for i := first; i < len(sents); i++ {
		t := sents[i]
		if m := writerParenRE.FindStringSubmatch(t); m != nil {
			sc.roles = append(sc.roles, "the "+strings.ToLower(strings.TrimSpace(m[2])))
		}
		if channelRE.MatchString(t) {
			if chatChannelRE.MatchString(strings.SplitN(t, " to ", 2)[0]) {
				sc.chat = true
			}
			head, _, _ := strings.Cut(t, " who ")
			if m := writerFromRE.FindStringSubmatch(head); m != nil {
				sc.roles = append(sc.roles, "the "+strings.ToLower(strings.TrimSpace(m[1])))
			}
		}
		if sc.requestSent >= 0 {
			continue
		}
		m := whoRE.FindStringSubmatchIndex(t)
		if m == nil {
			continue
		}
		for _, n := range nameWords(t[:m[0]]) {
			sc.names[n] = true
		}
		clause := t[m[2]:m[3]]
		if sender(t[:m[0]]) {
			// "Email from the IT manager, who wants to keep offsite
			// backups, to the finance director, who has asked her to
			// cancel the contract": the first "who" is the writer's; the
			// request is in the next one, or none.
			clause = ""
			if k := strings.Index(t[m[2]:], " who "); k >= 0 {
				for _, n := range nameWords(t[m[2] : m[2]+k]) {
					sc.names[n] = true
				}
				clause = t[m[2]+k+len(" who "):]
			}
		}
		if a := readWhoClause(verbs, clause, audience); clause != "" && a.ok() {
			sc.ask, sc.requestSent = a, i
		}
	}
	if sc.requestSent < 0 {
		sc.ask = readAsk(verbs, situation)
		if channelRequestRE.MatchString(sc.ask.vp) || channelRequestRE.MatchString(sc.ask.np) {
			// "Email to the chief medical officer, who has asked
			// whether...": the channel is no request to say back.
			sc.ask = ask{}
		}
		sc.told = narrativeOffer(sents[first:])
		return sc
	}
	// "the hotel manager" is also "the manager"; "the musical director
	// of a touring musical" is also "the musical director", "the
	// director" and "the MD"; "an audio editor at a podcast network",
	// "the editor".
	for _, r := range sc.roles {
		head := r
		for _, sep := range []string{" of ", " at ", " in ", " for ", " on ", " with "} {
			head, _, _ = strings.Cut(head, sep)
		}
		f := strings.Fields(head)
		if head != r && len(f) >= 2 {
			sc.roles = append(sc.roles, head)
		}
		if len(f) >= 3 {
			sc.roles = append(sc.roles, "the "+f[len(f)-1])
		}
		if len(f) == 3 || len(f) == 4 {
			acr := ""
			for _, w := range f[1:] {
				acr += w[:1]
			}
			sc.roles = append(sc.roles, "the "+acr)
		}
	}
	for i := first; i < len(sents); i++ {
		if i == sc.requestSent {
			continue
		}
		if offer, ok := sc.writerOffer(sents[i]); ok {
			if offer != "" {
				sc.offers = append(sc.offers, offer)
			}
			continue
		}
		if f := sc.factSentence(sents[i]); f != "" {
			sc.facts = append(sc.facts, f)
		}
	}
	return sc
}

// settingLine: a brief's first sentence that names a place and a trade
// and says nothing ("Restaurant, Galway.", "SaaS company, US.").
func settingLine(s string) bool {
	return strings.Contains(s, ",") && wordCount(s) <= 9 && !finiteVerb(s) ||
		wordCount(s) <= 12 && placeLineRE.MatchString(strings.TrimSpace(s))
}

// placeLineRE: a brief's opening that names a place of work, or the
// writer's role there, and where it is ("Print shop in south London.",
// "Shift supervisor at a distribution warehouse in Lagos, on WhatsApp."),
// never a request ("print shop ..." read as an order).
var placeLineRE = lazyRegexp(`^(?i:[a-z][\w'&-]*)(?: [\w'&-]+){0,6} (?:in|at|near|outside) (?:the |a |an )?[^,.;:]{0,40}?\p{Lu}[\w'-]*(?: \p{Lu}[\w'-]*)*(?:, [^.;:]{0,40})?\.$`)

// nameWords are the capitalised words of a brief's "to ..." part that may
// name the person: "Text message to the client, developer Greg Pattison"
// -> Greg, Pattison. A title keeps its name ("Dr. Okafor").
func nameWords(s string) []string {
	var out []string
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.Trim(w, ",.;:()'\"")
		if i == 0 || core == "" || !unicode.IsUpper(firstRune(core)) || notNames[strings.ToLower(core)] || channelRE.MatchString(core) {
			continue
		}
		if nameTitles[strings.ToLower(strings.TrimSuffix(core, "."))] && i+1 < len(words) {
			out = append(out, strings.TrimSuffix(core, ".")+". "+strings.Trim(words[i+1], ",.;:()'\""))
			continue
		}
		out = append(out, core)
	}
	return out
}

var nameTitles = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "mx": true, "prof": true}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// The requests a brief's "who ..." clause states, in the order tried:
// each regexp's groups are named for the parts of an ask.
var whoPatterns = []struct {
	re   *lazyRE
	kind string
}{
	// "has rung the site foreman twice asking to pour the house slab on Monday"
	{lazyRegexp(`(?i)^(?:has\s+|had\s+|is\s+)?(?:just\s+|now\s+|already\s+|repeatedly\s+)?(?:rung|rang|called|phoned|emailed|messaged|texted|written|been\s+\w+ing)\b.{0,60}?\basking\s+(?P<obj>us\s+|me\s+|the\s+[\p{L} ]{1,30}?\s+)?to\s+(?P<vp>.+)$`), "you"},
	// "asks whether she can present her churn model to the VP tomorrow"
	{lazyRegexp(`(?i)^(?:has\s+)?(?:just\s+)?(?:asks|asked|is\s+asking|wants\s+to\s+know)\s+(?:whether|if)\s+(?:he|she|they)\s+(?:can|could|may|might)\s+(?P<vp>.+)$`), "they"},
	// "asks to leave at 3pm today", "has requested approval to buy a camera"
	{lazyRegexp(`(?i)^(?:has\s+|is\s+)?(?:just\s+)?(?:asks|asked|asking|requested|requests|is\s+requesting|has\s+requested)\s+(?:approval\s+|permission\s+|leave\s+)?to\s+(?P<vp>.+)$`), "they"},
	// "asks the writer (event manager) to book a second venue", "is asking the warehouse to waive ..."
	{lazyRegexp(`(?i)^(?:has\s+|is\s+|had\s+)?(?:just\s+|now\s+|still\s+|repeatedly\s+)?(?:asks|asked|asking|wants|wanted|would\s+like|needs|expects|is\s+pushing|pushes|pressed|is\s+pressing|told|tells|instructed)\s+(?P<obj>the\s+writer|me|us|the\s+team|the\s+[\p{L}-]+(?:\s+[\p{L}-]+){0,3}?|[\p{L}-]+)\s+to\s+(?P<vp>.+)$`), "you"},
	// "wants to merge and deploy a migration", "says he is going to delete ..."
	{lazyRegexp(`(?i)^(?:has\s+|is\s+)?(?:just\s+|now\s+|still\s+|really\s+)?(?:wants|wanted|would\s+like|plans|planned|is\s+planning|intends|has\s+decided|decided|is\s+about|is\s+going|is\s+determined|is\s+keen|hopes|says\s+(?:he|she|they)\s+(?:is|are|will\s+be)\s+going|says\s+(?:he|she|they)\s+(?:will|wants))\s+to\s+(?P<vp>.+)$`), "they"},
	// "insists on listing their house at $1.25M"
	{lazyRegexp(`(?i)^(?:has\s+|is\s+)?(?:just\s+)?(?:insists|insisted|is\s+insisting|keeps\s+pushing|is\s+set)\s+on\s+(?P<ing>\p{L}+ing\b.+)$`), "they"},
	// "asks for an 18,000-word manual to be translated by Monday"
	{lazyRegexp(`(?i)^(?:has\s+|is\s+)?(?:just\s+)?(?:asks|asked|asking|wants|wanted|would\s+like|needs|is\s+pushing|expects|requested|requests|has\s+requested)\s+(?:for\s+)?(?P<np>.+?)\s+to\s+be\s+(?P<pp>\p{L}+)\b(?P<rest>.*)$`), "you"},
	// "has just asked for Saturday 21 June off", "wants reactor Line 3 restarted tonight"
	{lazyRegexp(`(?i)^(?:has\s+|is\s+)?(?:just\s+|now\s+|still\s+)?(?:asks\s+for|asked\s+for|is\s+asking\s+for|wants|wanted|would\s+like|needs|expects|is\s+pushing\s+for|requested|requests|has\s+requested|is\s+demanding|demands)\s+(?P<np>.+)$`), "you"},
	// "has submitted a purchase order for 2,400 more units"
	{lazyRegexp(`(?i)^(?:has\s+)?(?:just\s+)?(?:submitted|sent\s+in|put\s+in|raised|filed)\s+(?P<approve>.+)$`), "they"},
	// "proposed switching her team to a 4-on-4-off rota", "has moved the review to Monday"
	{lazyRegexp(`(?i)^(?:has\s+)?(?:just\s+)?(?:proposed|proposes|suggested|suggests)\s+(?P<ing>\p{L}+ing\b.+)$`), "they"},
}

// readWhoClause reads the request in a brief's "who ..." clause.
func readWhoClause(verbs map[string]bool, clause string, audience guide.Audience) ask {
	c := strings.TrimSpace(parenRE.ReplaceAllString(clause, ""))
	if m := secondPredicateRE.FindStringIndex(c); m != nil {
		// "who wants the report by Friday and has escalated to the lab
		// director": the request is the first predicate.
		c = c[:m[0]]
	}
	c = strings.TrimRight(c, ".!?… ")
	for _, p := range whoPatterns {
		re := p.re.get()
		m := re.FindStringSubmatch(c)
		if m == nil {
			continue
		}
		g := func(name string) string {
			if i := re.SubexpIndex(name); i > 0 {
				return strings.TrimSpace(m[i])
			}
			return ""
		}
		a := ask{who: p.kind, brief: true}
		if p.kind == "you" {
			a.obj = "us"
		}
		if obj := strings.ToLower(g("obj")); obj != "" {
			if obj == "the writer" || obj == "me" {
				a.obj = "me"
			} else {
				a.obj = "us"
			}
		}
		vp, np, pp, ing := g("vp"), g("np"), strings.ToLower(g("pp")), g("ing")
		switch {
		case vp != "":
			vp, a.purpose, a.purposeNP = briefPurpose(verbs, vp)
			a.vp = tidyRequest(addressee(leadAdverbRE.ReplaceAllString(vp, ""), audience))
			if !verbs[strings.ToLower(firstWordOf(a.vp))] && !looksLikeVerb(firstWordOf(a.vp)) {
				continue
			}
		case ing != "":
			ing, a.purpose, a.purposeNP = briefPurpose(verbs, ing)
			a.ing = tidyRequest(addressee(ing, audience))
		case g("approve") != "":
			a.approve = tidyRequest(addressee(strings.TrimSpace(g("approve")), audience))
		case np != "" && pp != "":
			// "an export of all 8,400 patient records to be emailed to
			// his personal Gmail so he can do a quality review".
			rest, purpose, purposeNP := briefPurpose(verbs, g("rest"))
			a.purpose, a.purposeNP = purpose, purposeNP
			a.np = tidyRequest(addressee(np+" "+pp+" "+strings.TrimSpace(rest), audience))
			if base := baseFromParticiple(verbs, pp); base != "" {
				a.vp = tidyRequest(addressee(base+" "+np+" "+strings.TrimSpace(rest), audience))
			}
		case np != "":
			np, a.purpose, a.purposeNP = briefPurpose(verbs, np)
			a.np = tidyRequest(addressee(np, audience))
			// "reactor Line 3 restarted tonight": a thing and what to do
			// with it.
			if m := verbParticiple(a.np); m != nil {
				if base := baseFromParticiple(verbs, strings.ToLower(a.np[m[2]:m[3]])); base != "" && m[0] > 0 {
					a.vp = strings.TrimSpace(base + " " + strings.TrimSpace(a.np[:m[0]]) + a.np[m[3]:])
				}
			}
		}
		if max(wordCount(a.vp), wordCount(a.np), wordCount(a.ing), wordCount(a.approve)) > 26 || !a.ok() {
			continue
		}
		return a
	}
	return ask{}
}

// leadAdverbRE is an adverb before a request's verb ("temporarily
// disable MFA").
var leadAdverbRE = lazyRegexp(`(?i)^(?:just|temporarily|quickly|simply|briefly|urgently|also|immediately|still|now)\s+`)

// channelRequestRE: a "request" that is the message's channel ("email to
// the chief medical officer", "email reply").
var channelRequestRE = lazyRegexp(`(?i)^(?:an? )?(?:email|e-mail|text|sms|message|reply|slack|dm|letter|note|call|voice note|whatsapp|teams|linkedin)\b(?:\s+(?:message|reply|to|from)\b|$)`)

// verbParticiple finds the participle that says what to do ("all 1,200
// edited photos delivered within one week": "delivered", not the
// "edited" before its noun), as participleRE's submatch indexes, or nil.
func verbParticiple(np string) []int {
	for _, m := range participleRE.FindAllStringSubmatchIndex(np, -1) {
		next := strings.ToLower(firstWordOf(strings.TrimLeft(np[m[3]:], " ")))
		if next == "" || strings.HasPrefix(strings.TrimLeft(np[m[3]:], " "), ",") || prepositions[next] || timeWords[next] {
			return m
		}
	}
	return nil
}

var timeWords = setOf(`today tonight tomorrow now immediately straight this next within before after on by to as asap first back up down off out over`)

// participleRE finds the participle in "reactor Line 3 restarted tonight".
var participleRE = lazyRegexp(`\s(\p{Ll}+(?:ed|en)|run|done|sent|put|set|cut|made|built|kept|held|paid|shut|moved)\b`)

// briefPurpose splits what a brief says they want from why: "submit the
// permit set this Friday so he can tell the board it is 'in'" -> request,
// purpose ("tell the board it is 'in'"); "the results summary by 5pm for
// a board pack" -> request, purpose NP ("the board pack").
func briefPurpose(verbs map[string]bool, s string) (rest, purpose, purposeNP string) {
	if m := soCanRE.FindStringSubmatchIndex(s); m != nil {
		return strings.TrimSpace(s[:m[0]]), tidyRequest(s[m[2]:m[3]]), ""
	}
	if m := soOtherRE.FindStringIndex(s); m != nil {
		s = s[:m[0]] // "so a contractor whose phone broke can finish": someone else's purpose
	}
	if m := forNPRE.FindStringSubmatchIndex(s); m != nil && m[0] > 0 {
		return strings.TrimSpace(s[:m[0]]), "", "the " + strings.TrimSpace(s[m[2]:m[3]])
	}
	cut := s
	if m := unlessRE.FindStringIndex(cut); m != nil {
		cut = cut[:m[0]]
	}
	rest, purpose = splitPurpose(verbs, cut)
	return strings.TrimRight(strings.TrimSpace(rest), ", "), purpose, ""
}

var (
	soCanRE   = lazyRegexp(`(?i),?\s+so\s+(?:that\s+)?(?:he|she|they)\s+(?:can|could|will)\s+(.+)$`)
	soOtherRE = lazyRegexp(`(?i),?\s+so\s+(?:that\s+)?(?:a|an|the|his|her|their|its|some|one)\s.*$`)
	forNPRE   = lazyRegexp(`(?i)\s+for\s+(?:a|an|the|his|her|their)\s+((?:board|client|sales|investor|team|budget|press|quarterly|monthly|weekly)\s+(?:pack|meeting|deck|review|update|report|call|presentation|demo))\s*$`)
	unlessRE  = lazyRegexp(`(?i),?\s+(?:even\s+though|although|though|despite|because|since|while|rather\s+than|without\s+asking)\b`)
)

// addressee says a brief's words about the person written to as the
// writer says them to that person: "his personal Gmail" -> "your personal
// Gmail", "mentor him" -> "mentor you", "the client's bars" (to a client)
// -> "your bars".
func addressee(s string, audience guide.Audience) string {
	if audience == guide.AudienceClient {
		s = clientsRE.ReplaceAllString(s, "your")
	}
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimRight(w, ",.;:!?")
		var to string
		switch strings.ToLower(core) {
		case "his", "their":
			to = "your"
		case "her":
			// "her team" -> "your team"; "give her the day" -> "give you".
			to = "you"
			if i+1 < len(words) && core == w && !stopWords[strings.ToLower(words[i+1])] {
				to = "your"
			}
		case "him", "them", "he", "she", "they":
			to = "you"
		case "himself", "herself", "themselves":
			to = "yourself"
		}
		if to != "" {
			words[i] = to + w[len(core):]
		}
	}
	return strings.Join(words, " ")
}

var clientsRE = lazyRegexp(`(?i)\bthe (?:client|customer)(?:'s|’s)`)

// baseFromParticiple is a verb's base form from its past participle
// ("restarted" -> "restart", "run" -> "run"), or "" when unsure.
func baseFromParticiple(verbs map[string]bool, pp string) string {
	if b, ok := irregularParticiples[pp]; ok {
		return b
	}
	if verbs[pp] {
		return pp
	}
	switch {
	case strings.HasSuffix(pp, "ied"):
		if b := pp[:len(pp)-3] + "y"; verbs[b] {
			return b
		}
	case strings.HasSuffix(pp, "ed"):
		stem := pp[:len(pp)-2]
		for _, b := range []string{stem, pp[:len(pp)-1], undouble(stem)} {
			if verbs[b] {
				return b
			}
		}
	}
	return ""
}

func undouble(s string) string {
	if n := len(s); n >= 3 && s[n-1] == s[n-2] {
		return s[:n-1]
	}
	return s
}

var irregularParticiples = map[string]string{
	"run": "run", "done": "do", "sent": "send", "put": "put", "set": "set", "cut": "cut", "made": "make", "built": "build",
	"brought": "bring", "kept": "keep", "held": "hold", "paid": "pay", "given": "give", "taken": "take", "written": "write",
	"shown": "show", "seen": "see", "told": "tell", "sold": "sell", "bought": "buy", "found": "find", "left": "leave",
	"got": "get", "gotten": "get", "spent": "spend", "shut": "shut", "read": "read", "begun": "begin", "drawn": "draw",
	"driven": "drive", "frozen": "freeze", "chosen": "choose", "broken": "break", "sped": "speed", "redone": "redo", "rerun": "rerun",
	"split": "split", "shipped": "ship", "switched": "switch", "pushed": "push", "fixed": "fix",
}

// looksLikeVerb: a word that can start a verb phrase though the verbs
// list lacks it ("canary", "fast-track"): lower case, not a determiner,
// pronoun or preposition.
func looksLikeVerb(w string) bool {
	l := strings.ToLower(w)
	if l == "" || stopWords[l] || notUnits[l] || !unicode.IsLower(firstRune(w)) {
		return false
	}
	return !strings.HasSuffix(l, "ly") && !strings.HasSuffix(l, "'s")
}

// writerOffer reads a brief's sentence about what the writer could do
// instead ("The writer would rather cap registrations at 400 and open a
// waitlist" -> "I'd rather we cap registrations at 400 and open a
// waitlist."). ok is true for any sentence about the writer (which is not
// then a fact); offer is "" when it offers nothing the rewrite can say.
func (sc scene) writerOffer(s string) (offer string, ok bool) {
	t := strings.TrimSpace(parenRE.ReplaceAllString(s, ""))
	lower := strings.ToLower(t)
	role := ""
	for _, r := range sc.roles {
		if strings.HasPrefix(lower, r+" ") {
			role = r
			break
		}
	}
	if role == "" {
		return "", strings.Contains(lower, "the writer")
	}
	rest := strings.TrimSpace(t[len(role):])
	m := writerModalRE.FindStringSubmatch(rest)
	if m == nil {
		return "", true
	}
	vp := strings.TrimRight(strings.TrimSpace(m[2]), ".")
	if subjectPronounRE.MatchString(vp) {
		return "", true // "... so she can ...": whose is whose is not for a rule to guess
	}
	vp = addressee(vp, "")
	var say string
	switch strings.ToLower(strings.Join(strings.Fields(m[1]), " ")) {
	case "would be open to":
		say = "I'd be open to " + vp
	case "would rather", "prefers to", "would prefer to":
		say = "I'd rather " + vp
	case "could", "can", "is able to", "would be able to":
		say = "I could " + vp
	case "would be willing to", "is willing to", "is happy to", "would be happy to", "offers to", "has offered to":
		say = "I'd be happy to " + vp
	case "proposes", "suggests", "recommends":
		say = "I'd propose " + vp
	default:
		return "", true
	}
	if wordCount(say) > 30 {
		return "", true
	}
	return finishSentence(say), true
}

var (
	writerModalRE    = lazyRegexp(`(?i)^(would\s+rather|prefers\s+to|would\s+prefer\s+to|could|can|is\s+able\s+to|would\s+be\s+able\s+to|would\s+be\s+open\s+to|would\s+be\s+willing\s+to|is\s+willing\s+to|is\s+happy\s+to|would\s+be\s+happy\s+to|offers\s+to|has\s+offered\s+to|proposes|suggests|recommends)\s+(.+)$`)
	personPronounRE  = lazyRegexp(`(?i)\b(?:he|she|his|her|hers|him|they|them|their)\b`)
	subjectPronounRE = lazyRegexp(`(?i)\b(?:he|she|they)\b`)
)

// factSentence says a brief's sentence as a fact the writer can give, or
// "": no sentence about people (whose "she" is whose is not for a rule to
// guess), the writer, or the request; one with a number, a date or a name,
// at most 30 words. The writer's organisation is "we": "The restaurant has
// the Byrne wedding that day" -> "We have the Byrne wedding that day".
func (sc scene) factSentence(s string) string {
	t := strings.TrimSpace(s)
	lower := strings.ToLower(t)
	if personPronounRE.MatchString(t) || strings.Contains(lower, "writer") || wordCount(t) > 30 || wordCount(t) < 4 || strings.HasSuffix(t, "?") {
		return ""
	}
	for _, r := range sc.roles {
		if strings.Contains(lower, r) {
			return ""
		}
	}
	if !hasFacts(t) || !finiteVerb(t) || channelRE.MatchString(t) {
		return ""
	}
	if sc.org != "" {
		t = orgRE(sc.org).ReplaceAllStringFunc(t, func(m string) string {
			we := "we"
			switch strings.ToLower(strings.Fields(m)[len(strings.Fields(m))-1]) {
			case sc.org + "'s", sc.org + "’s":
				we = "our"
			case "has":
				we = "we have"
			case "is":
				we = "we are"
			case "was":
				we = "we were"
			case "does":
				we = "we do"
			}
			if m[0] == 'T' {
				we = capitalise(we)
			}
			return we
		})
	}
	return finishSentence(capitalise(t))
}

// orgRE matches "the <org>" with the verb that follows it when it must
// change ("the restaurant has" -> "we have").
func orgRE(org string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)\bthe ` + regexp.QuoteMeta(org) + `(?:'s|’s|\s+(?:has|is|was|does))?\b`)
}

// finiteVerb: the sentence has a verb of its own: an auxiliary, a modal
// or a form of "be" or "have", a past or present tense of a verb the
// rewrite knows, or an order (a sentence that starts with a base verb).
// The verbless "10 working days as quoted" and "Thurs morning, 10k" have
// none.
func finiteVerb(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(apostrophes.Replace(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '-'
	})
	verbs := verbSet()
	for i, w := range words {
		w = strings.Trim(w, "'-")
		if auxWords[w] || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "'s") && i > 0 && !determiners[words[i-1]] ||
			strings.HasSuffix(w, "'re") || strings.HasSuffix(w, "'ve") || strings.HasSuffix(w, "'ll") || strings.HasSuffix(w, "'d") || strings.HasSuffix(w, "'m") {
			return true
		}
		if pastTense[w] {
			return true
		}
		prevDet := i > 0 && (determiners[words[i-1]] || prepositions[words[i-1]])
		if verbs[w] && (i == 0 || subjects[words[i-1]]) {
			return true
		}
		if prevDet {
			continue
		}
		if n := len(w); n > 3 && w[n-1] == 's' && (verbs[w[:n-1]] || n > 4 && w[n-2] == 'e' && verbs[w[:n-2]] || w[n-3:] == "ies" && verbs[w[:n-3]+"y"]) && i > 0 {
			return true
		}
		if n := len(w); n > 4 && strings.HasSuffix(w, "ed") && i > 0 && baseFromParticiple(verbs, w) != "" {
			return true
		}
	}
	return false
}

var (
	auxWords = setOf(`am is are was were be been has have had do does did can could will would shall should may might must cannot wont dont cant isnt arent wasnt im ive youre youve theyre weve theyve hes shes thats whats that's it's there's here's what's who's he's she's didnt doesnt couldnt wouldnt shouldnt hasnt havent werent aint cannae dinnae willnae wouldnae couldnae isnae`)
	// subjects start a clause before a base verb ("we pour", "they need").
	subjects     = setOf(`i we you they to please let's lets`)
	determiners  = setOf(`the a an this that these those my our your their his her its each every no some any another`)
	prepositions = setOf(`of for in on at by with from into over under about after before until than per`)
	pastTense    = setOf(`got went took said made came saw knew thought told found gave left lost kept sent spent paid sold built bought brought ran began held heard meant met became broke chose drove fell forgot grew rose spoke wrote won ate flew fought caught taught slept felt dealt led fled lent struck shot slid stood understood`)
)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// fuller says a terse reason of the draft as the situation gives it in
// full, when the situation's sentence holds all it says and every fact
// of it: "The freeze was Friday." -> "Code freeze was last Friday and
// there are 23 open crash bugs."
func (sc scene) fuller(body []string) []string {
	used := map[int]bool{}
	out := slices.Clone(body)
	for i, b := range out {
		if wordCount(b) > 8 || strings.Contains(b, "[") {
			continue
		}
		words := contentWords(b)
		if len(words) == 0 {
			continue
		}
	facts:
		for j, whole := range sc.facts {
			if used[j] || optionLike(whole) {
				continue
			}
			// The part of the sentence that says it ("Only 8 kegs are
			// left", not what follows its semicolon), else the whole.
			for _, f := range append(strings.Split(whole, "; "), whole) {
				have := contentWords(f)
				all := true
				for w := range words {
					if !have[w] {
						all = false
						break
					}
				}
				if all && len(MissingFacts(f, ExtractFacts(b))) == 0 {
					out[i], used[j] = finishSentence(capitalise(f)), true
					break facts
				}
			}
		}
	}
	return out
}

// moreFacts are up to n of the situation's facts the message does not
// say yet, those nearest the draft's own words first: for a draft that
// gives almost no reason ("No. Canary 50 first.").
func (sc scene) moreFacts(body []string, refusal, draftText string, n int) []string {
	said := append(slices.Clone(body), refusal)
	near := contentWords(draftText + " " + refusal)
	type cand struct {
		text  string
		score int
		i     int
	}
	var cands []cand
	for i, whole := range sc.facts {
		if mentions(said, whole) || optionLike(whole) || sc.aboutPerson(whole) || freeRE.MatchString(whole) {
			continue
		}
		// Only the parts the message does not say yet ("the next batch
		// is packaged on the 14th" when the offer names it).
		var parts []string
		for _, part := range strings.Split(whole, "; ") {
			if !mentions(said, part) && !restates(said, part) {
				parts = append(parts, part)
			}
		}
		if len(parts) == 0 {
			continue
		}
		f := finishSentence(capitalise(strings.Join(parts, "; ")))
		score := 0
		for w := range contentWords(f) {
			if near[w] {
				score++
			}
		}
		cands = append(cands, cand{f, score, i})
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return b.score - a.score })
	var out []string
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, c.text)
	}
	// In the situation's order.
	slices.SortStableFunc(cands[:len(out)], func(a, b cand) int { return a.i - b.i })
	for k := range out {
		out[k] = cands[k].text
	}
	return out
}

// freeRE: a fact that someone is free ("Dave has no payroll runs due
// Thursday afternoon; his own phone shift is Tuesday"): no reason for a
// no, and said in it, it argues against it (round 112).
var freeRE = lazyRegexp(`(?i)\b(?:has|have|had) no [\p{L}-]+(?: [\p{L}-]+)? (?:due|booked|scheduled|planned|on)\b|\b(?:is|are|was) (?:free|available|quiet)\b|\bnothing (?:due|booked|scheduled|planned|on)\b`)

// restates: every date and amount of s is said already, with a word of
// it ("Capital spending is frozen until July" after "The capex is frozen
// till July").
func restates(said []string, s string) bool {
	facts := ExtractFacts(s)
	if len(facts) == 0 {
		return false
	}
	all := strings.Join(said, " ")
	if len(MissingFacts(all, facts)) > 0 {
		return false
	}
	have := contentWords(all)
	for w := range contentWords(s) {
		if have[w] && len(w) > 3 {
			return true
		}
	}
	return false
}

// options are what the situation says the writer could offer, for a
// draft that offers nothing: the writer's own ("I'd rather cap
// registrations at 400 and open a waitlist"), else a fact that offers a
// way ("A rush would need two extra translators per language and a 40%
// surcharge").
func (sc scene) options(body []string) []string {
	if len(sc.offers) > 0 {
		return sc.offers[:min(len(sc.offers), 2)]
	}
	var out []string
	for _, f := range sc.facts {
		if optionLike(f) && !mentions(body, f) && !sc.aboutPerson(f) && len(out) < 1 {
			out = append(out, f)
		}
	}
	return out
}

// optionLikeRE finds a situation's sentence that offers a way rather than
// states a fact.
var optionLikeRE = lazyRegexp(`(?i)\b(?:alternatively|instead|could (?:be|come|do|go|have)|can be (?:\w+ed|done|run|booked|milled|moved)|would need|is available|are available|can be booked)\b`)

func optionLike(s string) bool { return optionLikeRE.MatchString(s) }

// personRoleRE is a sentence about a person by their role ("The agent's
// recommended guide is $1.09M"), which may be the writer.
var personRoleRE = lazyRegexp(`(?i)^(?:the|a|an)\s+(?:[\p{L}-]+\s+)?(?:agent|manager|director|engineer|lead|supervisor|officer|chef|nurse|lecturer|editor|geologist|agronomist|rep|representative|owner|principal|head|writer|consultant|programmer|producer|analyst|coordinator)(?:'s|’s)?\b`)

// aboutPerson: the sentence speaks of the person written to by name, or
// of someone by role.
func (sc scene) aboutPerson(s string) bool {
	if personRoleRE.MatchString(s) {
		return true
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
		if sc.names[strings.TrimRight(w, ".")] {
			return true
		}
	}
	return false
}
