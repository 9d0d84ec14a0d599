package rewrite

import (
	"slices"
	"strings"
	"unicode"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Invariants: tests of a clause's or a sentence's shape that hold whatever
// its words, for what three rounds of phrase cues kept missing on the next
// writer's drafts (issue 9, round 4):
//
//   - a jab is a sentence whose point is people, not the work: a
//     generalisation about someone's past or habits ("Every time Derek gets
//     excited...", "someone who hasn't done a late shift in ten years",
//     "Nobody who made this call has taught..."), a question asking who
//     did it ("Who thought ... was a good idea?"), telling the reader what
//     they know ("your team knows it very well"), or the writer's
//     astonishment at them ("I'm a bit surprised you'd expect it"). It goes
//     as a whole, never hedged;
//   - an offer is any clause of the writer's that holds a time, a day, a
//     date or an amount and does not refuse it ("Thursday 6pm earliest.",
//     "We lift tomorrow 6am", "One email on the 1st."): then the draft has
//     its alternative and no slot is added beside it.

// jabSentenceRE: a sentence whose point is a jab at people, by its shape:
// a generalisation about people's past or habits, or a question asking
// who did it.
var jabSentenceRE = lazyRegexp(`(?i)\b(?:nobody|no one|no-one|someone|somebody|anyone|anybody)\s+(?:who|that)\s+(?:\w+\s+){0,2}?(?:has|have|had|hasn't|haven't|hadn't|did|didn't|ever|made|thought|decided|signed|agreed|approved)\b` +
	`|\bnobody (?:thought|bothered|asked|checked|cared|seems|seemed|ever)\b` +
	`|\b(?:every (?:single )?time|whenever|each time)\s+(?:(?-i:\p{Lu}\p{Ll}+)|he|she|they|you|your \w+|someone|somebody|anyone|management|the board|the client)\b` +
	`|^\W*(?:\w+\W+){0,2}who\s+(?:(?:\w+ly|really|even|actually)\s+)?(?:thought|decided|said|told|made|came up|signed off|agreed|approved|let|put|sent|gave|promised|sold|booked|planned|asked)\b[^?]*\?` +
	`|\bwhose (?:idea|call|decision|bright idea)\b` +
	// their past, had it gone otherwise ("If your team had sent the draft when we asked, we wouldn't be here")
	`|^\W*(?:\w+,?\s+)?if (?:you|your \w+|they|he|she)(?:'d| had)\b[^,]*,\s*(?:we|I)(?:'d|\s+would)?\s*(?:not|n't|wouldn't|have)\b` +
	// disbelief at them ("You cannot be serious", "You've got to be kidding")
	`|^\W*you(?:'ve| have)?\s+(?:can't|cannot|must|got to|have to|gotta)\s+be\s+(?:serious|kidding|joking|mad|crazy)\b` +
	// their chasing, said to be futile ("Ringing me four times a day won't dry it")
	`|^\W*\p{L}+ing (?:me|us|my \w+|our \w+)\b[^.?!]*\b(?:won't|will not|isn't going to|doesn't|does not|never)\b` +
	// a verdict on a group ("Typical sports desk, always last minute")
	`|^\W*typical\b` +
	// a deictic closer that only shuts the door ("That's as far as I'll go.")
	`|^\W*(?:that's|that is|those are|this is)\s+(?:as far as|all I|it\W*$|final|my final|my last|the only|the best you)\b[^.?!]{0,30}[.!]?\s*$` +
	// a no to contacting us "again" ("Kindly do not escalate to our director again")
	`|^\W*(?:please |kindly )?(?:do not|don't|dont|stop|quit)\s+(?:\S+\s+){0,4}?(?:me|us|our \w+|my \w+)\b[^.?!]*\bagain\b` +
	// the writer's no with a motive pinned on the reader ("I'm not losing my job so you can work from your sofa")
	`|\bI(?:'m| am)? (?:not|won't|will not)\b[^.?!]{0,60}\bso (?:that )?you can\b` +
	// the cost of their plan laid on us ("Your 'savings' plan just dumps the cost on my team")
	`|^\W*your\b[^.?!]{0,60}\b(?:on|onto) (?:me|us|my team|our team|my people|my desk)\W*$`)

// jabClauseRE: a clause that tells the reader what they know or should
// ("you know that", "they knew full well"; not "They know our ships"), or
// says the writer's astonishment at them.
var jabClauseRE = lazyRegexp(`(?i)(?:^|[^\w'])(?:you|your \w+(?: \w+)?|they|he|she)\s+(?:(?:already|obviously|clearly|surely) )?(?:(?:knows?|knew)(?:\s+(?:it|that|this|full well|very well|perfectly well|better)\b|\W*$)|(?:do remember|must know|must realise|must realize|are well aware|is well aware|should know|should have known)\b(?:\s+(?:it|that|this|full well|very well|perfectly well|better))?(?:[\s.,;!]|$))` +
	// who they know, said to wave it away ("not who he know in Cabinet")
	`|\bwho (?:you|they|he|she) (?:knows?|knew)\b` +
	// what they know, said to close the matter ("you know where I am", "you
	// know what our order book looks like")
	`|\byou know where (?:I am|to find me)\b|\byou know what (?:our|the|my) [\p{L} ]{1,30} (?:looks|is) like\b|\b(?:I'm|I am) sure you (?:already )?know\b` +
	`|\bI(?:'m| am| was|'ve been| have been)\s+(?:(?:a bit|a little|quite|honestly|frankly|really|pretty|genuinely|somewhat|rather)\s+)?(?:surprised|shocked|amazed|stunned|astonished|baffled|disappointed|gobsmacked)\b` +
	`|\b(?:we|I)(?:'ll| will| would|'d)? (?:again )?(?:be|get|gets|got) (?:blamed|the blame|scapegoated)\b` +
	// their failing, asserted ("they clearly haven't looked at our rota"), and an insinuation ("I don't know who came up with it")
	`|\b(?:they|you|he|she|whoever)\s+(?:clearly|obviously|evidently|plainly)\s+(?:haven't|hasn't|didn't|don't|doesn't|never|can't|couldn't|have no|had no)\b` +
	`|\bI (?:don't|do not) know (?:who|whose|what you(?:'ve| have) been (?:told|promised|sold|smoking))\b`)

// jabSentence reports whether a sentence's point is a jab at people.
func jabSentence(s string) bool {
	l := strings.ToLower(s)
	if !containsAny(l, jabSentenceNeeds) {
		return false // (a word every shape needs: most sentences skip the regexp)
	}
	return jabSentenceRE.MatchString(straight(s))
}

// jabClause reports whether a clause tells the reader what they know, or
// says the writer's astonishment at them. "Let you know" and "as you
// know" are not that.
func jabClause(s string) bool {
	if !containsAny(strings.ToLower(s), jabClauseNeeds) {
		return false
	}
	s = straight(s)
	loc := jabClauseRE.FindStringIndex(s)
	if loc == nil {
		return false
	}
	before := strings.ToLower(strings.TrimSpace(s[:loc[0]+1]))
	for _, w := range []string{"let", "as", "to", "will", "'ll", "i'll", "we'll", "if", "so", "make sure", "letting"} {
		if strings.HasSuffix(before, " "+w) || before == w {
			return false
		}
	}
	return true
}

// timeOfferRE: a time, a day, a date or an amount.
var timeOfferRE = lazyRegexp(`(?i)\b(?:mon|tues?|wed|weds|thu|thurs?|fri|sat|sun)(?:day)?\b|\b(?:january|february|april|june|july|august|september|october|november|december)\b|\b(?:tomorrow|tmrw|tonight|this (?:afternoon|evening|week|month)|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b|\b(?:the )?\d{1,2}(?:st|nd|rd|th)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b`)

// amountRE: an amount.
var amountRE = lazyRegexp(`[£$€¥]\s?\d|\b\d+\s?(?:k|%|units|max|hours|hrs|days|weeks)\b|\b(?:half|a third|a quarter)\b`)

// refusesRE: a clause that refuses or denies, or speaks of the past.
var refusesRE = lazyRegexp(`(?i)\b(?:no|not|never|nothing|nobody|can't|cannot|cant|won't|wont|don't|dont|isn't|isnt|aren't|wasn't|weren't|didn't|hasn't|hasnt|haven't|doesn't|shouldn't|couldn't|last|ago|was|were|had|did|yesterday|already)\b|\w+n't\b`)

// timedOffer reports whether a sentence of the writer's holds a time, a
// day, a date or an amount it does not refuse: the writer's offer, said
// however tersely.
func timedOffer(s string) bool { return offeredPart(s) != "" }

// offeredPart returns the part of s (between commas, semicolons and
// full stops) that offers a time, a day, a date or an amount, or "".
func offeredPart(s string) string {
	s = straight(s)
	if strings.HasSuffix(strings.TrimSpace(s), "?") && !strings.Contains(strings.ToLower(s), "can we") && !strings.Contains(strings.ToLower(s), "could we") && !strings.Contains(strings.ToLower(s), "how about") {
		return ""
	}
	for _, sent := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '.' || r == '!' }) {
		// A sentence that tells of the past ("Mrs. Haddad asked to stay
		// anonymous, in writing, on 2 June"; "that's how the June
		// outage happened") offers nothing, unless the writer says they
		// will or can.
		past := -1 // tellsPast(sent), read when a part would offer: 0 no, 1 yes
		for _, part := range strings.Split(sent, ",") {
			if !(timeOfferRE.MatchString(part) || amountRE.MatchString(part) && offerVerbRE.MatchString(part)) || refusesRE.MatchString(part) {
				continue
			}
			if past < 0 {
				past = 0
				if tellsPast(sent) {
					past = 1
				}
			}
			if past == 0 || offerVerbRE.MatchString(part) {
				return part
			}
		}
	}
	return ""
}

// tellsPast reports whether a sentence has a verb in the past tense, by
// its form; the states a plan is in ("booked", "scheduled", "agreed",
// "confirmed") are not the past.
func tellsPast(s string) bool {
	for _, w := range pastRE.FindAllString(s, -1) {
		if !planStates[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

var planStates = setOf(`booked scheduled planned agreed confirmed reserved arranged fixed finished sorted signed approved needed based limited qualified guaranteed expected`)

// pastRE: a verb in the past tense, by its form.
var pastRE = lazyRegexp(`(?i)\b(?:asked|happened|failed|crashed|went|came|said|told|decided|promised|sent|got|took|made|left|lost|broke|missed|skipped|ended|started|\w{3,}ed)\b`)

// markJabs applies the jab invariants to the clauses of one sentence
// (text): a jab sentence goes whole, but for an offer in it; a clause
// that tells the reader what they know goes, or, when it holds a number,
// loses the words that do; "If your CEO can't handle a phone prompt,
// fine, give him a YubiKey" loses its contemptuous condition.
func markJabs(ps []piece, text string) {
	blame := func(p *piece) {
		if p.class != classInjection {
			p.match = match{class: classBlame}
		}
	}
	for i := range ps {
		cutJabWords(&ps[i])
	}
	if jabSentence(text) || reproach(text) {
		dropJab(ps)
		return
	}
	for i := range ps {
		p := &ps[i]
		if i+1 < len(ps) && strings.HasPrefix(ps[i+1].lead, ":") && ps[i+1].class == classCommand && p.class == classProposal && wordCount(p.text) <= 7 && !heldNumberRE.MatchString(p.text) {
			// "What I'd do instead: pilot it in 2 sections": the lead-in
			// is no proposal of its own (verbless leaves it out when
			// what follows is said as the alternative).
			p.match = match{class: classFact}
		}
		if dropped(p.class) {
			continue
		}
		if jabClause(p.text) {
			loc := jabClauseRE.FindStringIndex(straight(p.text))
			if heldNumberRE.MatchString(p.text) {
				// "you do remember we spent £38,000 on it": the facts stay.
				rest := strings.TrimSpace(p.text[min(loc[1], len(p.text)):])
				rest = strings.TrimPrefix(strings.TrimPrefix(rest, "but "), "and ")
				// At the clause's start, or after a word addressed to
				// them ("Mate I don't know what you've been promised but
				// the wheat's at 14.5%").
				if (loc[0] <= 1 || wordCount(p.text[:loc[0]]) == 1) && wordCount(rest) >= 3 && !noVerbAtAll(rest) {
					p.text = rest
				}
				continue
			}
			// (The jab may hang on the writer's no: "dat kitchen ain
			// serving one plate Saturday on nobody's word, not yours, not
			// the owner, not who he know in Cabinet" keeps its no.)
			if !keepOfJab(p, false) || jabClause(p.text) {
				blame(p)
			}
			continue
		}
		if i > 0 && strings.Contains(strings.ToLower(p.lead), "or") && orNotRE.MatchString(p.text) {
			blame(p) // the threat after a request
			continue
		}
		if notTheirsRE.MatchString(p.text) && !heldNumberRE.MatchString(p.text) {
			// (The blame may hang on the writer's no: "I am not touching
			// even one rupee of it for carpets, then ... it is my name on
			// the cheques, not yours" keeps its no.)
			if !keepOfJab(p, false) {
				blame(p)
			}
			continue
		}
		if m := ifFineRE.FindStringSubmatchIndex(p.text); m != nil && wordCount(p.text[m[1]:]) >= 2 && grudgingIfRE.MatchString(p.text[:m[1]]) {
			// "If your CEO can't handle a phone prompt, fine, give him
			// a YubiKey": what follows the contempt stays, said of them
			// ("give your CEO a YubiKey").
			rest := p.text[m[1]:]
			if m[2] >= 0 {
				rest = himRE.ReplaceAllStringFunc(rest, func(string) string { return " " + p.text[m[2]:m[3]] + " " })
			}
			p.text = capitalise(rest)
			p.match = classes().classify(p.text)
			continue
		}
		if i > 0 && fineRE.MatchString(p.text) && strings.HasPrefix(strings.ToLower(strings.TrimSpace(ps[i-1].text)), "if ") && grudgingIfRE.MatchString(ps[i-1].text) {
			blame(&ps[i-1])
			blame(p)
		}
	}
}

// ifFineRE: a condition conceded with contempt ("If your CEO can't
// handle a phone prompt, fine, ").
var ifFineRE = lazyRegexp(`(?i)^\W*if\s+(?:((?:your|the|our|their|his|her)\s+\p{L}+(?:\s+\p{L}+)?)\s+(?:can't|cannot|won't|doesn't|isn't|can|is|does|will|wants|needs)\b)?[^,]{3,80},\s*fine,\s*`)

// grudgingIfRE: a condition conceded with a shrug, about what someone
// can't or insists on ("If your CEO can't handle a phone prompt", "if
// you really want it"), not a condition of the plan ("If it holds up,
// fine, switch the lot." keeps its condition; round 188).
var grudgingIfRE = lazyRegexp(`(?i)\b(?:can't|cannot|can’t|won't|won’t|doesn't|doesn’t|isn't|isn’t|don't|don’t|not|insists?|insisting|wants?|must|really|needs?|rather|prefers?|keen|so be it|that's what|you say so)\b`)

// himRE: the pronoun that stands for the condition's subject.
var himRE = lazyRegexp(`\s(?:him|her|them)\s`)

// fineRE: a clause that is only "fine" ("If he can't cope, fine, ...").
var fineRE = lazyRegexp(`(?i)^\W*fine\W*$`)

// offerVerbRE: a clause in which the writer does or gives something.
var offerVerbRE = lazyRegexp(`(?i)\b(?:I|we)(?:'ll| will| can| could|'d| would)\b|\b(?:I|we) (?:can|could)\b`)

// timesFromDraft reports whether a time, day, date or amount of s is in
// the draft: the offer is the writer's, not a fact of the situation's.
func timesFromDraft(s, d string) bool {
	s = offeredPart(s)
	ms := timeOfferRE.FindAllString(s, -1)
	if len(ms) == 0 {
		ms = amountRE.FindAllString(s, -1)
	}
	if len(ms) == 0 {
		return false
	}
	ld := strings.ToLower(d)
	for _, m := range ms {
		m = strings.ToLower(m)
		if strings.Contains(ld, m) || len(m) >= 4 && unicode.IsLetter(rune(m[0])) && strings.Contains(ld, m[:3]) {
			return true // ("Thursday" for the draft's "thurs")
		}
	}
	return false
}

// writerSubjectRE: a brief's sentence about the writer ("The writer
// wants to pilot it in 2 sections"), which never states the request.
var writerSubjectRE = lazyRegexp(`(?i)^\W*the writer\b`)

// secondPredicateRE: a second predicate joined to a brief's "who ..."
// clause ("... by Friday and has escalated to the lab director").
var secondPredicateRE = lazyRegexp(`(?i),?\s+and\s+(?:has|have|had|is|was|keeps|kept|says|said|already|now|then)\b`)

// negationRE: a sentence in which the writer says no ("We won't be
// signing", "I'm not posting it", "we can't").
var negationRE = lazyRegexp(`(?i)\b(?:I|we)(?:'m|'re|'ll| am| are| will| can| do| shall)?\s?(?:not|never|cannot|can't|won't|cant|wont|don't|dont)\b`)

// refusedInBody reports whether a kept sentence already refuses what the
// refusal s names: it says no and shares two content words with s.
func refusedInBody(body []string, s string) bool {
	want := contentWords(s)
	for _, b := range body {
		if !negationRE.MatchString(b) {
			continue
		}
		n := 0
		for w := range contentWords(b) {
			if want[w] {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// orNotRE: an "or" clause that says what will not happen ("Let me
// know which by tomorrow noon or neither will happen this week").
var orNotRE = lazyRegexp(`(?i)^\W*(?:neither|nothing|none of (?:it|this|them))\b.*\b(?:will|'ll|happens?|goes|moves)\b|\b(?:won't|will not|doesn't|does not|don't) (?:happen|go ahead|move)\b`)

// notTheirsRE: blame or credit sent elsewhere ("it will be my
// department's numbers that look bad, not the district office's").
var notTheirsRE = lazyRegexp(`(?i),\s*not (?:me|us|you|them|him|her|mine|ours|yours|theirs|the [\p{L} -]{1,30}?'s|\p{L}+'s)\W*$`)

// atEarliestRE: a time said as the earliest or the latest ("Thursday 6pm
// earliest").
var atEarliestRE = lazyRegexp(`(?i)^(.+?),?\s+(?:at the\s+)?(earliest|latest)(,\s+[^,]+?)?\W*$`)

// clippedNotRE: a clipped no with a time or a condition ("Not before
// cert.", "Not until Monday.").
var clippedNotRE = lazyRegexp(`(?i)^not\s+((?:before|until|till|by|on|this|today|tonight|tomorrow|without)\b.+?)\W*$`)

// verbless says every body sentence with a verb of its own: "Thursday
// 6pm earliest." -> "The earliest is Thursday 6pm."; "Not before cert."
// -> "It can't happen before cert."; an offer with no verb ("One email
// on the 1st.") is asked as one; a colon's lead-in whose content went
// elsewhere ("What I'd do instead:") is left out, and so is a short
// scrap with no verb, number, time or refusal ("Budgeting, frankly.").
// A question stands as asked.
func verbless(f guide.RewriteForms, body []string, d, situation string) []string {
	out := body[:0:0]
	for _, entry := range body {
		sents := splitStops(entry) // "I'm worried about X. Budgeting, frankly."
		var kept []string
		for _, s := range sents {
			if namedPerson(s, situation) {
				kept = append(kept, s) // "Janet.": who can do it, as written
				continue
			}
			kept = append(kept, verblessSentence(f, s, d)...)
		}
		if len(kept) > 0 {
			out = append(out, strings.Join(kept, " "))
		}
	}
	return out
}

// verblessSentence is verbless for one sentence: none, it, or it said
// with a verb.
func verblessSentence(f guide.RewriteForms, b, d string) []string {
	t := strings.TrimSpace(b)
	core := strings.TrimRight(t, ".!… ")
	if !strings.Contains(core, " to me by ") && !strings.Contains(core, " to us by ") {
		// (no order for something by a time)
	} else if m := sendMeByRE.FindStringSubmatch(core); m != nil && !finiteVerb(m[1]) {
		// "Fixed roster to me by 3 today please" -> "Could you send me
		// the fixed roster by 3 today?"
		np := lowerFirst(strings.TrimSpace(m[1]))
		if !npHeads[strings.ToLower(firstWordOf(np))] {
			np = "the " + np
		}
		return []string{"Could you send me " + np + " by " + strings.TrimSpace(m[2]) + "?"}
	}
	switch {
	case strings.HasPrefix(core, "Re ") && !finiteVerb(core):
		return nil // a subject line ("Re your request for ..."): the message names it
	case core == "" || strings.HasSuffix(t, "?"):
		return []string{b}
	case wordCount(core) <= 7 && strings.Contains(straight(d), core+":") && !heldNumberRE.MatchString(core):
		return nil // the lead-in of a colon whose content is said as the alternative
	}
	if e := earliest(core); e != core {
		return []string{e}
	}
	if finiteVerb(core) || !noVerbAtAll(core) {
		return []string{b}
	}
	if m := clippedNotRE.FindStringSubmatch(core); m != nil {
		return []string{"It can't happen " + m[1] + "."}
	}
	switch {
	case quantityRE.MatchString(core) && f.HowAbout != "" && timedOffer(core) && bareOffer(core) != "":
		return []string{fill1(f.HowAbout, "np", lowerFirst(core))}
	// (The cheap tests first: a hostile draft at the limit is one long
	// sentence.)
	case wordCount(core) > 4, heldNumberRE.MatchString(core), noNPRE.MatchString(core), eitherFineRE.MatchString(core), stopRE.MatchString(core), timedOffer(core):
		return []string{b}
	}
	return nil
}

// noNPRE: a refusal said as "No" and a noun ("No new features.", "No
// launch without the load test.").
var noNPRE = lazyRegexp(`^No \p{L}`)

// quantityRE: a noun phrase that opens with a quantity ("One email on
// the 1st", "2 max from Monday").
var quantityRE = lazyRegexp(`(?i)^(?:one|two|three|four|five|six|a|an|\d)\b`)

// noVerbAtAll reports whether no word of s can be a verb: no auxiliary,
// contraction, past tense or form of a verb the rewrite knows, wherever
// it stands. finiteVerb asks more (a verb in a verb's place); a sentence
// is left out or reworded only when it has none at all.
func noVerbAtAll(s string) bool {
	verbs := verbSet()
	if l := strings.ToLower(s); strings.ContainsAny(s, "0123456789") || containsAny(l, []string{"sat", "may", "march"}) {
		s = strings.Join(timeOfferRE.get().Split(s, -1), " ") // "10am" holds no "am"; "Sat" is no verb
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(straight(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '-'
	}) {
		w = strings.Trim(w, "'-")
		if w == "" {
			continue
		}
		if auxWords[w] || pastTense[w] || verbs[w] || strings.Contains(w, "'") && !strings.HasSuffix(w, "s'") {
			return false
		}
		if n := len(w); n > 3 && w[n-1] == 's' && (verbs[w[:n-1]] || n > 4 && w[n-2] == 'e' && verbs[w[:n-2]] || strings.HasSuffix(w, "ies") && verbs[w[:n-3]+"y"]) {
			return false
		}
		if len(w) > 3 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed")) {
			return false // "nothing breaks", "MFA stays on": the rewrite's verb list is short
		}
	}
	return true
}

// earliest says a verbless time "at the earliest" with a verb: "Thursday
// 6pm earliest." -> "The earliest is Thursday 6pm."; anything else is
// returned as it is.
func earliest(s string) string {
	if !strings.Contains(s, "earliest") && !strings.Contains(s, "latest") {
		return s
	}
	core := strings.TrimRight(strings.TrimSpace(s), ".!… ")
	m := atEarliestRE.FindStringSubmatch(core)
	if m == nil || !noVerbAtAll(m[1]) || !heldNumberRE.MatchString(m[1]) && !timeOfferRE.MatchString(m[1]) {
		return s
	}
	return "The " + strings.ToLower(m[2]) + " is " + strings.TrimSpace(m[1]) + m[3] + "."
}

// jabWordsRE: the words of a clause that only carry a jab, cut out of
// it: an oath in a question ("Why the hell is T7 back?"), a side swipe
// ("..., not from you, which is a bit much, ..."), a threat after a
// request ("Let me know which by noon or neither will happen this
// week").
var jabWordsRE = lazyRegexp(`(?i)\b((?:what|why|how|where|who|when|whatever|wherever|whoever)(?:'s|’s)?)\s+(?:the hell|on earth|the heck|the fuck|in god's name)\b|,\s*not from (?:you|him|her|them)\b|,\s*which (?:is|was) (?:a bit|a little|rather|quite|pretty|frankly) (?:much|rich)\b|\s+or (?:else )?(?:neither|nothing|none of (?:it|this|them))(?:[^\w'’][^.?!]*|$)|,\s*not (?:tomorrow|later|next week)\b`)

// scareQuoteRE: their word in quotes ("your 'savings' plan"); one or two
// words, and a closing quote that is no apostrophe ("the 'she won't come
// back' line" is a quotation).
var scareQuoteRE = lazyRegexp(`(?i)\b(your|their|his|her|the) ['"‘“]([^'"’”\s]{2,24}(?: [^'"’”\s]{2,24})?)['"’”]([^\p{L}]|$)`)

// addressWords are said to the reader between a "no" and its clause.
var addressWords = setOf(`sir madam ma'am mate boss man bro pal love dear`)

// leadNoRE: a "no" before a no of the writer's own ("no we're not
// emailing all 22k donors"): one is enough.
var leadNoRE = lazyRegexp(`(?i)^\W*no[,.!]*\s+`)

// subjectNext: s opens on a clause's subject, so a "no" before it is one
// of its own ("no we're not emailing ..."), not the "No" of "No one out
// there means we can't witness it" (round 67: it had become "One out
// there ...").
func subjectNext(s string) bool {
	w := strings.ToLower(straight(firstWordOf(s)))
	if addressWords[strings.Trim(w, ",")] {
		// ("No sir I will not jumper that door lock": the no before
		// the name said to is the writer's own too.)
		s = strings.TrimSpace(s[len(firstWordOf(s)):])
		w = strings.ToLower(straight(firstWordOf(s)))
	}
	return subjectWords[w] || strings.HasPrefix(w, "i'") || strings.HasPrefix(w, "we'") || strings.HasPrefix(w, "you'") || strings.HasPrefix(w, "they'") || strings.HasPrefix(w, "it'") || strings.HasPrefix(w, "that'")
}

// rhetoricalLeadRE: a rhetorical question before what it is about, in
// one clause ("How many times do I have to say it, a nurse on the
// monitor for every GA, no exceptions").
var rhetoricalLeadRE = lazyRegexp(`(?i)^\W*(?:how many (?:more )?times[^,?]*|[^,?]{3,60}\?)\s*,\s*(.+)$`)

// cutJabWords takes the jab's words out of a clause, and keeps what a
// rhetorical lead-in was about ("We need a nurse on the monitor for
// every GA, no exceptions").
func cutJabWords(p *piece) {
	if p.class == classInjection {
		return
	}
	l := strings.ToLower(p.text)
	t := p.text
	if containsAny(l, jabWordsNeeds) {
		t = jabWordsRE.ReplaceAllString(t, "${1}") // (the oath only after a question word: "It tripped on earth fault" is a fault to earth; round 115)
	}
	if t != p.text {
		t = strings.ReplaceAll(t, ", that ", " that ") // "from Helen, that the tapestry"
	}
	if strings.ContainsAny(t, "'\"‘“") {
		t = scareQuoteRE.ReplaceAllString(t, "$1 $2$3")
	}
	if !strings.HasPrefix(strings.TrimLeft(l, " \t\"'(“‘"), "no") {
		// (the rest need a "no" first)
	} else if m := leadNoRE.FindStringIndex(t); m != nil && negationRE.MatchString(t[m[1]:]) && subjectNext(t[m[1]:]) {
		t = capitalise(t[m[1]:])
	}
	// (read from the clause as written: softening takes "No way" out
	// and would leave "We transfer in this", the opposite)
	if m := noWayWeRE.FindStringSubmatch(straight(strings.TrimSpace(p.orig))); m != nil && !auxWords[strings.ToLower(m[2])] {
		t = capitalise(strings.ToLower(m[1])) + " can't " + strings.ToLower(m[2]) + m[3]
		if m[1] == "I" || m[1] == "i" {
			t = "I can't " + strings.ToLower(m[2]) + m[3]
		}
	}
	if dropped(p.class) {
		if m := rhetoricalLeadRE.FindStringSubmatch(t); m != nil && wordCount(m[1]) >= 4 && !finiteVerb(m[1]) {
			t = "We need " + lowerFirst(m[1])
		} else if t == p.text {
			return
		} else {
			p.text = t
			return
		}
	}
	if t != p.text {
		t = strings.TrimSpace(t)
		if t != "" && !strings.ContainsAny(t[len(t)-1:], ".!?") && strings.ContainsAny(p.text[len(p.text)-1:], ".!?") {
			t += p.text[len(p.text)-1:]
		}
		p.text = t
		p.match = classes().classify(t)
	}
}

// whichRE: a sentence that asks which of the options ("Let me know which
// by tomorrow noon").
var whichRE = lazyRegexp(`(?i)^\W*(?:please |could you |can you )?(?:let me know|tell me|confirm|say|decide) which\b`)

// personRE: a clause about people, or the writer's aside ("I suspect I
// can guess").
var personRE = lazyRegexp(`(?i)\b(?:I|you|your|yours|he|she|him|her|his|they|them|their|someone|somebody|anyone|nobody|everyone)\b`)

// mustNotRE: a sentence that says a must-not-do ("You do not run the
// nut-free bars without the full washdown", "We can't lift in this").
var mustNotRE = lazyRegexp(`(?i)\b(?:do not|don't|must not|mustn't|cannot|can't|won't|will not|never|illegal|unlawful)\b|\bnot (?:allowed|permitted|legal)\b|^\W*no \p{L}+ without\b`)

// mustNotInBody reports whether the message states a must-not-do.
func mustNotInBody(body []string, refusal string) bool {
	if mustNotRE.MatchString(refusal) {
		return true
	}
	for _, b := range body {
		if mustNotRE.MatchString(b) {
			return true
		}
	}
	return false
}

// noWayWeRE: "No way(s) we lift in this" -> "We can't lift in this".
var noWayWeRE = lazyRegexp(`(?i)^\W*no ways? (we|I) (\p{L}+)\b(.*)$`)

// sendMeByRE: a verbless order for something by a time ("Fixed roster
// to me by 3 today please").
var sendMeByRE = lazyRegexp(`(?i)^(?:the )?([\p{L} -]{2,40}?) to (?:me|us) by ([^,.!?]+?)(?:,? please)?$`)

// nextTimeRE: an order about next time is a reproach ("And check the
// dates next time, it isn't hard").
var nextTimeRE = lazyRegexp(`(?i)\bnext time\b`)

// aimedRE: a sentence aimed at people (a quoted word in "'later' often
// doesn't come" is a saying, not a sneer).
var aimedRE = lazyRegexp(`(?i)\b(?:you|your|nobody|no one|they|their|he|she|his|her)\b`)

// quotedWordRE: their word in single quotes, a sneer ("Nobody 'lost'
// anything").
var quotedWordRE = lazyRegexp(`(?:^|\s)['‘]\p{Ll}{2,15}['’](?:\s|[.,!?]|$)`)

// reproach: an order about next time ("Please check the data before it
// gets to me next time"), or a sentence with their word in sneering
// quotes, aimed at people and with no number ("Nobody 'lost' anything
// Declan").
func reproach(text string) bool {
	t := straight(strings.TrimSpace(text))
	if strings.Contains(t, "ext time") && nextTimeRE.MatchString(t) {
		f := strings.Fields(strings.ToLower(t))
		for len(f) > 0 && (f[0] == "and" || f[0] == "but" || f[0] == "please" || f[0] == "kindly" || f[0] == "also") {
			f = f[1:]
		}
		if len(f) > 0 && verbSet()[strings.Trim(f[0], ",.")] {
			return true
		}
	}
	return strings.ContainsAny(text, "'‘") && quotedWordRE.MatchString(text) && !heldNumberRE.MatchString(text) && aimedRE.MatchString(text)
}

// questionSpliceRE: a question with a statement spliced on ("Could you
// get a VPN laptop from the IT desk, I can have one ready by 4?").
var questionSpliceRE = lazyRegexp(`^(.+?),\s+((?:I|we|We|they|he|she|\p{Lu}\p{Ll}+) (?:can|can't|will|'ll|could|would|should|is|are)\b[^?]*)\?$`)

// unsplicedQuestion asks the question and says the statement after it:
// "Could you get a VPN laptop from the IT desk? I can have one ready by
// 4."
func unsplicedQuestion(s string) string {
	if !strings.HasSuffix(s, "?") || !strings.Contains(s, ", ") {
		return s
	}
	m := questionSpliceRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || !questionStartRE.MatchString(m[1]) {
		// "Could you revert before 6pm, pickup is tomorrow 14th?": any
		// clause with its own subject is said after the question.
		if head, clause, own, ok := splicedClause(strings.TrimSpace(s)); ok && own && questionStartRE.MatchString(head) {
			return head + "? " + finishSentence(capitalise(strings.TrimRight(clause, "?")))
		}
		return s
	}
	return m[1] + "? " + capitalise(m[2]) + "."
}

// questionStartRE: a question's opening words.
var questionStartRE = lazyRegexp(`(?i)^(?:could|can|would|will|shall|should|do|does|is|are|how about|what if|why|when|where|who|which)\b`)

// npComplementRE: a request said as a thing and the state they want it
// in ("the new payroll system live on the 1st", "reactor Line 3
// restarted tonight"), which "We can't have ..." says; a bare thing
// ("root access to a shared production server") is not had by us but
// given ("I'm afraid I can't get you ...").
var npComplementRE = lazyRegexp(`(?i)\b(?:live|ready|done|open|back|off|up|running|\w{3,}ed|\w+en)(?:\s+(?:on|by|at|in|for|before|after|from|this|tonight|today|tomorrow|next|early|now)\b.*)?$`)

// The words the shapes need, to skip their regexps on most clauses.
var (
	jabSentenceNeeds = []string{"ing me", "ing us", "ing my", "ing our", "who", "nobody", "no one", "no-one", "someone", "somebody", "anyone", "anybody", "every", "whenever", "each time",
		"that", "those", "this is", "again", "so you can", "your", "typical", "serious", "kidding", "joking", "mad", "crazy", "if "}
	jabClauseNeeds = []string{"know", "clearly", "obviously", "evidently", "plainly", "knew", "remember", "realis", "realiz", "aware", "surprised", "shocked", "amazed", "stunned", "astonished",
		"baffled", "disappointed", "gobsmacked", "blame", "scapegoat"}
	jabWordsNeeds = []string{"hell", "earth", "heck", "fuck", "god", "not from", "which", "neither", "nothing", "none of", "not tomorrow", "not later", "not next"}
)

// splitStops splits a body entry the rewrite assembled at its full stops
// before a capital ("I'm worried about X. Budgeting, frankly."): the
// entry is the rewrite's own, so the draft's segmenter is not needed.
func splitStops(s string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' && !draft.AbbreviationBefore(s, i) {
			out = append(out, s[start:i+1])
			start = i + 2
		}
	}
	return append(out, s[start:])
}

// garbledOpeningRE: the marks of a sentence built from the situation
// that is no clause: the brief's narration leaked into it ("... shift
// lead Kyle asked his production supervisor"), an auxiliary left without
// its verb ("and has to the lab director"), a word doubled, a sentence
// that ends on a word that needs one after it. garbledOpening asks its
// three alternatives apart (TestGarbledOpeningSplit holds them to it): an
// alternation matches where one of its alternatives does, and apart the
// first two are most often ruled out by their literals, while the third,
// which ends the text, is read from the end (endsOnLinkWord) rather than
// tried at every position.
var garbledOpeningRE = lazyRegexp(`(?i)\b(?:asked|asks|told|tells|emailed|emails|messaged|texted|wrote|rang|phoned)\s+(?:his|her|their|the|my|our|its)\s+\w+|\band (?:has|have|had|is|are|was|were)\s+(?:to|for|at|on|in|with|by)\s+(?:the|a|an|our|your|their|his|her)\b|\b(?:to|of|and|or|the|a|an|with|for|by|at|in|on|from|that)\s*[.?!]\s*$`)

var (
	garbledNarrationRE = lazyRegexp(`(?i)\b(?:asked|asks|told|tells|emailed|emails|messaged|texted|wrote|rang|phoned)\s+(?:his|her|their|the|my|our|its)\s+\w+`)
	garbledAuxRE       = lazyRegexp(`(?i)\band (?:has|have|had|is|are|was|were)\s+(?:to|for|at|on|in|with|by)\s+(?:the|a|an|our|your|their|his|her)\b`)
)

// linkWords are the words garbledOpeningRE's third alternative finds
// ending a text: \b(?:to|of|and|or|the|a|an|with|for|by|at|in|on|from|that)\s*[.?!]\s*$
var linkWords = []string{"to", "of", "and", "or", "the", "a", "an", "with", "for", "by", "at", "in", "on", "from", "that"}

// endsOnLinkWord is garbledOpeningRE's third alternative,
// (?i)\b(?:to|of|and|or|the|a|an|with|for|by|at|in|on|from|that)\s*[.?!]\s*$, read
// from the end of s: a run of \s (ASCII space, tab, newline, form feed or
// carriage return), one of . ? !, another run, and before them one of
// linkWords in any case, at a word boundary. (No letter of the words has
// a case beyond ASCII's two, so comparing bytes folded as ASCII is
// comparing them as (?i) does.)
func endsOnLinkWord(s string) bool {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	i := len(s)
	for i > 0 && isSpace(s[i-1]) {
		i--
	}
	if i == 0 || s[i-1] != '.' && s[i-1] != '?' && s[i-1] != '!' {
		return false
	}
	i--
	for i > 0 && isSpace(s[i-1]) {
		i--
	}
	for _, w := range linkWords {
		if at := i - len(w); at >= 0 && asciiEqualFold(s[at:i], w) && (at == 0 || !isWordByte(s[at-1])) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether s is w, a lower-case ASCII word, in any
// ASCII case.
func asciiEqualFold(s, w string) bool {
	for i := 0; i < len(w); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// garbledOpening reports whether an opening built from the situation is
// no grammatical clause.
func garbledOpening(s string) bool {
	return garbledNarrationRE.MatchString(s) || garbledAuxRE.MatchString(s) || endsOnLinkWord(s) || doubledWord(s) != ""
}

// echoNumberRE: a number as written.
var echoNumberRE = lazyRegexp(`\d[\d,.]*`)

// dropEchoes leaves out a verbless question that only echoes their
// request back in disbelief ("Three days before a 200-cover dinner?"),
// when every number in it is said elsewhere in the message (the
// acknowledgement names the request): the facts stay, the incredulity
// goes.
func dropEchoes(body, acks []string, alts [][]string) []string {
	var rest strings.Builder
	for _, a := range acks {
		rest.WriteString(a + " ")
	}
	for _, a := range alts {
		if len(a) > 0 {
			rest.WriteString(a[0] + " ")
		}
	}
	for _, b := range body {
		rest.WriteString(b + " ")
	}
	all := rest.String()
	return slices.DeleteFunc(body, func(b string) bool {
		t := strings.TrimSpace(b)
		if !strings.HasSuffix(t, "?") || strings.Count(t, "?") > 1 || finiteVerb(t) || questionStartRE.MatchString(t) || strings.Contains(strings.ToLower(t), "about") {
			return false
		}
		ns := echoNumberRE.FindAllString(t, -1)
		if len(ns) == 0 {
			// "Seriously?" and "Dark mode by fri??" go; "Friday ok?"
			// offers a day, and stays.
			return !offerQuestionRE.MatchString(t) || !timeOfferRE.MatchString(t) && !offerWhenRE.MatchString(t)
		}
		others := strings.Replace(all, b, "", 1)
		for _, n := range ns {
			if !strings.Contains(others, strings.TrimRight(n, ",.")) {
				return false
			}
		}
		return true
	})
}

// offerQuestionRE: a question that offers a time ("Friday ok?", "Thurs
// am any good?", "Thursday?").
var offerQuestionRE = lazyRegexp(`(?i)\b(?:ok|okay|work|works|suit|suits|good|fine|any good|alright|instead)\W*$|^\W*\p{L}+\W*\?+\W*$`)

// stopOrderRE: an order to stop ("stop booking", "don't book", "no more
// overtime").
var stopOrderRE = lazyRegexp(`(?i)^\W*(?:please\s+)?(?:stop|quit|don't|do not|dont|never|no more)\b`)

// subjectlessNoRE: a no said without its subject ("can't take Harlow's
// 40t this week", "won't list at 1.25").
var subjectlessNoRE = lazyRegexp(`(?i)^\W*(?:can't|cannot|cant|won't|wont|not)\s+\p{L}`)

// straight is s with straight apostrophes, without a copy when it has
// none to straighten.
func straight(s string) string {
	if !strings.ContainsAny(s, "’‘") {
		return s
	}
	return apostrophes.Replace(s)
}

// dropJab drops the clauses of a jab sentence (ps): the clauses
// jabSentence finds the jab in go, and the rest go with them unless they carry a number (the
// facts of "I lost two full days because ..., which nobody seems to want
// to talk about"); an offer with a time or an amount, and a plain fact of
// no one beside the jab, stay.
func dropJab(ps []piece) {
	blame := func(p *piece) {
		if p.class != classInjection {
			p.match = match{class: classBlame}
		}
	}
	// The clauses the jab is in go; the rest go with them unless
	// they carry a number (the facts of "I lost two full days
	// because ..., which nobody seems to want to talk about").
	in := make([]bool, len(ps))
	some, facts := false, false
	for i := range ps {
		in[i] = jabSentence(ps[i].orig)
		some = some || in[i]
	}
	for i := range ps {
		if !in[i] && heldNumberRE.MatchString(ps[i].text) {
			facts = true
		}
	}
	for i := range ps {
		offer := timedOffer(ps[i].text) && (ps[i].class != classFact || offerVerbRE.MatchString(ps[i].text))
		// A plain fact beside the jab, of no one ("That's a
		// reportable breach and I'm not losing my job so you can
		// ..."), stays.
		plain := some && !in[i] && (ps[i].class == classFact || ps[i].class == classConsequence) && wordCount(ps[i].text) >= 3 &&
			!personRE.MatchString(ps[i].text) && !refusesRE.MatchString(ps[i].text)
		if !offer && !plain && (in[i] || !some || !facts) {
			if in[i] && keepOfJab(&ps[i], true) {
				continue
			}
			blame(&ps[i])
		}
	}
}

// keepOfJab keeps what a clause of a jab sentence says beside the jab, as
// its text (the rest is its blunt): a tail from a comma or an "and" on
// that holds a number and stands alone ("Every time Ward 7 only, never
// Ward 11, and Ward 11 has 4 empty beds" keeps "Ward 11 has 4 empty
// beds"; only when tails is set), else a head that is the writer's no or
// order ("I am not touching
// even one rupee of it for carpets, then the auditor comes ... it is my
// name on the cheques, not yours" keeps its no). It reports whether it
// kept anything.
func keepOfJab(p *piece, tails bool) bool {
	seps := segSeps(p.text)
	if len(seps) == 0 {
		return false
	}
	for k := len(seps) - 1; tails && k >= 0; k-- {
		sep := seps[k]
		rest := leadConjRE.ReplaceAllString(strings.TrimSpace(p.text[sep[1]:]), "")
		if heldNumberRE.MatchString(rest) && standsAlone(rest, true) && !jabSentence(rest) && !reproach(rest) {
			p.blunt = append(slices.Clone(p.blunt), strings.TrimSpace(p.text[:sep[0]]))
			p.text = capitalise(rest)
			return true
		}
	}
	head := strings.TrimSpace(p.text[:seps[0][0]])
	if m := classes().classify(head); (m.class == classRefusal || m.class == classCommand) && wordCount(head) >= 3 && !jabSentence(head) && !reproach(head) {
		p.blunt = append(slices.Clone(p.blunt), strings.TrimSpace(p.text[seps[0][1]:]))
		p.text = finishSentence(head)
		p.match = m
		return true
	}
	return false
}

// Sound rebuilds (issue 9, round 5): a phrase the engine wraps in a form
// of its own ("Could you {vp}?", "How about {np}?", "Could we hold off on
// {request}?") must be a phrase of that kind. Four rounds of readers met
// the wraps of what was no such phrase: a verbless statement read as an
// order ("Leave not possible" -> "Could you leave not possible?"), a
// reason read as an offer ("18mm forecast" -> "How about 18mm
// forecast?"), a no with its reason spliced on ("Not doing a double Sat,
// did 3 last wk" -> "Could we hold off on doing a double Sat, did 3 last
// wk?"). Such a sentence stays as the writer wrote it.

// reasonInSlotRE: a reason joined to the phrase ("bc brad has feelings").
var reasonInSlotRE = lazyRegexp(`(?i)\b(?:bc|bcos|bcoz|cos|coz|cuz|because)\s+\p{L}`)

// verblessPredicateRE: a statement whose "is" was left out ("leave not
// possible", "dates not available", "budget impossible").
var verblessPredicateRE = lazyRegexp(`(?i)\b(?:not|no longer|never)\s+(?:possible|allowed|approved|available|feasible|doable|an option|ok|okay|happening|permitted|on)\b|^\W*(?:\p{L}+\s+){1,3}impossible\b`)

// spliceLeadRE: the words that may open a joined clause inside a phrase
// ("give me 6, and then I'll shut the fitting rooms").
var spliceLeadRE = lazyRegexp(`(?i)^(?:and|or|then|so|plus|but|please|ideally|if|when|before|after|until|till|by|from|with|without|including|say|as|which|who|where|while|unless|otherwise)\b`)

// unsoundSlot reports whether s, a phrase the engine would wrap, is no
// phrase: it holds a reason ("bc brad has feelings") or a statement that
// lost its "is" ("leave not possible").
func unsoundSlot(s string) bool {
	t := straight(strings.TrimSpace(s))
	return t == "" || reasonInSlotRE.MatchString(t) || verblessPredicateRE.MatchString(t)
}

// splicedClause finds a clause spliced on after a comma ("revert before
// 6pm, pickup is tomorrow 14th", "doing a double Sat, did 3 last wk"):
// the part before it and the clause. own says the clause has its own
// subject and can stand as a sentence; a list of orders ("pull the
// report, reorder for 14 stores, and send it") is no splice.
func splicedClause(s string) (head, clause string, own, ok bool) {
	t := straight(s)
	verbs := verbSet()
	at := 0
	for {
		i := strings.Index(t[at:], ", ")
		if i < 0 {
			return "", "", false, false
		}
		i += at
		part := t[i+2:]
		at = i + 2
		first := strings.ToLower(strings.Trim(firstWordOf(part), ".,;:!?"))
		if n := len(first); n > 3 && first[n-1] == 's' && (verbs[first[:n-1]] || verbs[strings.TrimSuffix(first, "es")]) && !spliceLeadRE.MatchString(part) {
			return s[:i], s[i+2:], false, true // "saves 5k": no subject
		}
		if spliceLeadRE.MatchString(part) || !finiteVerb(part) || wordCount(part) < 2 {
			continue
		}
		switch {
		case auxWords[first] || pastTense[first] || strings.HasSuffix(first, "ed") || strings.HasSuffix(first, "n't"):
			return s[:i], s[i+2:], false, true // "did 3 last wk": no subject
		case verbs[first]:
			continue // an order in a list
		}
		return s[:i], s[i+2:], true, true
	}
}

// availableRE: an offer said as the time and its state ("Free Thursday").
var availableRE = lazyRegexp(`(?i)^(?:free|open|available|clear|ok|okay|fine)\s+`)

// offerWhenRE: a time said in words ("Wednesday", "next sprint", "the
// following release", "end of day").
var offerWhenRE = lazyRegexp(`(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|weekend|eod|cob|end of (?:day|play|week|month))\b|\b(?:next|this|the following|following) (?:sprint|quarter|release|cycle|term|season|batch|run|shift|phase|build|window|slot|iteration)\b`)

// digitRE: a figure.
var digitRE = lazyRegexp(`\d`)

// offerAmountRE: a price, or a bare figure ("1.09"); a share is no offer
// said alone ("90% humidity forecast" is a reason).
var offerAmountRE = lazyRegexp(`[£$€¥]\s?\d|\b\d+(?:\.\d+)?k\b|^\W*\d+(?:[.,:]\d+)*\W*$`)

// bareOffer returns s as an offer to wrap in "How about ...?" when it
// holds a time, a day, a date or a price ("Free Thursday" -> "Thursday",
// "One email on the 1st", "1.09"), or "" when it does not ("18mm
// forecast" is a reason, not an offer).
func bareOffer(s string) string {
	t := strings.TrimSpace(availableRE.ReplaceAllString(strings.TrimSpace(s), ""))
	for _, part := range strings.Split(t, ",") {
		// Every part a time or a price ("thurs morning, 10k"); "Cheaper
		// provider at £7,000, done" ends on an ultimatum.
		if part = strings.TrimSpace(part); part != "" && !timeOfferRE.MatchString(part) && !offerAmountRE.MatchString(part) && !offerWhenRE.MatchString(part) && !digitRE.MatchString(part) {
			return ""
		}
	}
	if !timeOfferRE.MatchString(t) && !offerAmountRE.MatchString(t) && !offerWhenRE.MatchString(t) {
		return ""
	}
	return t
}

// namedPerson: a sentence that is only the name of someone the
// situation names ("Janet." beside "the service manager, Janet Cole"):
// who can do it, a fact, never a scrap.
func namedPerson(s, situation string) bool {
	core := strings.TrimRight(strings.TrimSpace(s), ".!… ")
	f := strings.Fields(core)
	if len(f) == 0 || len(f) > 3 || situation == "" {
		return false
	}
	for _, w := range f {
		if !unicode.IsUpper(firstRune(w)) || notVocative[strings.ToLower(w)] || !strings.Contains(situation, w) {
			return false
		}
	}
	return !finiteVerb(core)
}

// offerOrderRE: a sentence that names the way forward, whatever its
// form: an order that redirects ("Apply for some other dates"), a
// clipped "can" ("Can bump headline sizes"), their condition and what it
// takes ("If you want it, it's 6 dishes, max 30 covers"), a condition and
// who they can turn to or what the route is ("If her mam wants something
// different she can ring the office and talk to Mrs Kelly", "If he wants
// records he puts in a subject access request", "If wunna need papers
// signed the lawyer could come in the morning"); never what I or we will
// do then, which may be a threat.
var offerOrderRE = lazyRegexp(`(?i)^\W*(?:(?:I|we)\s+)?(?:can|could)\s+\p{L}+|^\W*if you (?:want|need|'d like|would like)\b[^,]{0,60},|^\W*if\b[^.;]{0,80}\b(?:you|he|she|they|the \p{L}+)\s+(?:(?:can|could)\s+)?(?:ring|call|phone|talk|speak|ask|email|write|apply|book|go|come|take|use|send|contact|puts|goes|sends|applies|rings|calls|phones|emails|writes|books|comes|takes|uses)\b`)

// offerSaidRE: an offer said any other way ("It can be claimed in the
// next return", "Period 5 I'm free", "120 by 6, rest by 8", "..., or we
// freeze the plan as is").
var offerSaidRE = lazyRegexp(`(?i)\b(?:it|this|that|they|these|those)\s+(?:can|could)\s+(?:be|go|wait|run|ship|move)\b|\b(?:I'm|I am|we're|we are)\s+(?:free|around|available|happy to)\b|^\W*\d[\d,]*\s+(?:\p{L}+\s+)?(?:by|till|until|from)\s+\d|,?\s+or (?:we|I)\s+(?:can\s+|could\s+)?\p{L}{3,}`)

// weResumeRE: the writer's plan for when it goes ahead ("We go again
// when it drops under 30", "We start at 6").
var weResumeRE = lazyRegexp(`(?i)^\W*(?:we|I)(?:'ll| will)?\s+(?:go|start|restart|resume|try|lift|pour|open|reopen|run|ship|launch|fly|sail|begin)\b(?:\s+again)?\b`)

// resumeWhenRE: the condition it goes ahead on ("again when it drops
// under 30", "once the report is in").
var resumeWhenRE = lazyRegexp(`(?i)\b(?:again|when|once|as soon as|after)\b`)

// eitherFineRE: two ways forward said as fine with the writer ("Garden or
// chapel, fine."): an offer with no verb.
var eitherFineRE = lazyRegexp(`(?i)^\W*[\p{L}' ]{2,30} or [\p{L}' ]{2,30},?\s+(?:fine|ok|okay|no problem|sure|works|that's fine|is fine)\W*$`)

// namesOffer reports whether a kept sentence of the draft names the way
// forward, so that no slot is put beside it.
func namesOffer(body []string, situation string) bool {
	verbs := verbSet()
	for _, b := range body {
		if heldNumberRE.MatchString(b) && freeOfferRE.MatchString(b) {
			return true // "Bay 7 dey free, use am.", "Room 12 is open": a numbered thing said to be free
		}
		t := straight(strings.TrimSpace(b))
		if strings.HasSuffix(t, "?") {
			continue
		}
		first := strings.ToLower(strings.Trim(firstWordOf(t), ",.!"))
		if first == "can" || first == "could" || first == "i" || first == "we" || first == "if" {
			if offerOrderRE.MatchString(t) && !negationRE.MatchString(t) && !strings.HasPrefix(strings.ToLower(t), "can't") {
				return true
			}
			if (first == "i" || first == "we") && weResumeRE.MatchString(t) && (resumeWhenRE.MatchString(t) || timedOffer(t)) && !negationRE.MatchString(t) {
				return true // "We go again when it drops under 30, forecast say 0400": when it goes ahead
			}
			continue
		}
		refuses := refusalWordsRE.MatchString(straight(t)) // ("200 patients by 14 March isn't realistic")
		if verbs[first] && !notOffers[first] || namedPerson(t, situation) || eitherFineRE.MatchString(t) || !refuses && (offerSaidRE.MatchString(straight(t)) || len(t) < 400 && noVerbAtAll(t) && (timedOffer(t) || offerAmountRE.MatchString(t))) {
			return true
		}
	}
	return false
}

// freeOfferRE: something said to be free for them to use.
var freeOfferRE = lazyRegexp(`(?i)\b(?:free|available|open|spare|empty)\b`)

// refusalWordsRE: a sentence that refuses or doubts what it names.
var refusalWordsRE = lazyRegexp(`(?i)\b(?:not|no|never|cannot|unrealistic|impossible|isn't|aren't|won't|can't|don't|doesn't)\b|n't\b`)

// notOffers are orders that name no way forward ("Let me know", "Stop
// ...", "Check the dates").
var notOffers = setOf(`let stop be check make keep tell remember note read look understand`)

// An acknowledgement names their want, never the writer's (issue 9,
// round 5): "I know delaying the slab pour to Thursday matters to you"
// where the draft offers "Thursday 7am", "I can see why getting 6 staff
// matters" where it asks "Give me 6". A brief can tell of both sides'
// wants; the draft says which is whose. Their want is what the draft
// refuses ("We're not pouring Monday"), asks back ("...and now you
// expect us to absorb Rs 4.2 lakh?") or grants on a condition ("If you
// want the 06:10 to go, ..."); the writer's is what it offers.

// wantTokenRE: the numbers, days and months that tie a want to a clause.
var wantTokenRE = lazyRegexp(`(?i)\d[\d,.:]*|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:january|february|march|april|june|july|august|september|october|november|december|tonight|tomorrow|weekend)\b`)

// theirsRE: a clause that gives a want to them ("if you want", "you're
// asking for", "marketing is desperate for"), or judges it ("Monday is
// impossible", "Launching on the 1st is dumb").
var theirsRE = lazyRegexp(`(?i)\b(?:you|they|he|she)(?:'re| are| were| is)? (?:want|wants|wanted|need|needs|asked|asking|expect|expecting|insist|insisting|hoping)\b|\bif (?:\w+\s+){1,3}(?:want|wants|need|needs|is desperate|are desperate|insist|insists)\b|\bmoving (?:it )?to\b|\b(?:impossible|dumb|crazy|insane|madness|unrealistic|won't work|too (?:soon|early|late|tight))\b|^\W*\p{L}+ing\b`)

// ownWant reports whether the acknowledgement ack names what the draft
// d offers, not what it refuses or grants them: then it is the
// writer's want said back as theirs.
func ownWant(ack string, rd reading) bool {
	toks := map[string]bool{}
	for _, t := range wantTokenRE.FindAllString(ack, -1) {
		toks[wantToken(t)] = true
	}
	if len(toks) == 0 {
		return false
	}
	// The sentences that ask: "... and now you expect us to absorb Rs
	// 4.2 lakh?".
	asks := map[int]bool{}
	for _, p := range rd.pieces {
		if strings.HasSuffix(strings.TrimRight(p.orig, " \"'”’)"), "?") {
			asks[p.sent] = true
		}
	}
	theirs, offered := false, false
	for _, p := range rd.pieces {
		lp := strings.ToLower(strings.ReplaceAll(p.orig, ",", ""))
		hit := false
		for tok := range toks {
			if strings.Contains(lp, tok) {
				hit = true // (a cheap test first: most clauses hold none)
				break
			}
		}
		if hit {
			hit = false
			for _, t := range wantTokenRE.FindAllString(p.orig, -1) {
				hit = hit || toks[wantToken(t)]
			}
		}
		if !hit {
			continue
		}
		t := straight(p.orig)
		switch {
		case asks[p.sent], refusesRE.MatchString(t), theirsRE.MatchString(t):
			theirs = true
		case offerVerbRE.MatchString(t), verbSet()[strings.ToLower(firstWordOf(t))]:
			offered = true // "Give me 6 and I'll shut the fitting rooms"
		default:
			// "Thursday 7am, once he has": a time said as the offer.
			head, _, _ := strings.Cut(t, ",")
			offered = offered || timedOffer(head) && noVerbAtAll(head)
		}
	}
	return offered && !theirs
}

// wantToken is a token as compared: "14,000" and "14000", "Thursday"
// and "thursday" are one.
func wantToken(t string) string {
	return strings.ToLower(strings.TrimRight(strings.ReplaceAll(t, ",", ""), ".:"))
}
