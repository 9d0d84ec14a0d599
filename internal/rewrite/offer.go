package rewrite

import (
	"strings"
	"unicode"
)

// This file reads what a situation told in the third person says the
// writer could offer: "Linda emails asking for the fee to be waived ...
// Tricia could waive half, give it as credit on the next job, or arrange
// to pick up keys from Linda's office in future." The person asking is
// the one whose name comes before the request ("Linda emails asking",
// "Surveyor Tom Okafor emails his manager Claire"), the writer the one it
// is asked of, else the first person the situation names; the offer is
// the writer's own "could" ("I could waive half, ... from your office in
// future."), else a sentence that says what could be done instead ("The
// indoor school is free on Saturday from 9 to 11, so either group could
// move there."). The writer is also "The writer", and "She" or "He" at
// the head of a sentence that follows one of the writer's ("She could
// cover the first and third Saturdays"), whose "his" and "himself" are
// then "my" and "myself". A situation in the first person ("I could do
// Thursday instead.") is said as written. Whatever cannot be said without guessing
// whose "she" is whose is left out.

// requestVerbRE finds who asks: a name, an optional apposition, then a
// verb of asking or telling.
var requestVerbRE = lazyRegexp(`(\p{Lu}[\p{L}'-]+)(?:\s+\p{Lu}[\p{L}'-]+)?(?:,[^,]{1,80},)?\s+(?:has\s+|had\s+|then\s+|now\s+|just\s+)*(?:asks|asked|emails|emailed|texts|texted|messages|messaged|whatsapps|rings|rang|phones|phoned|calls|called|writes|wrote|wants|wanted|requests|requested|posts|posted|tells|told|says|said|sends|sent|proposes|proposed|suggests|suggested|pushes|pushed|insists|insisted|complains|complained|replies|replied|demands|demanded|has\s+asked|comes|came)\b`)

// askedOfRE finds who is asked: the name after the verb, past a role
// ("emails his manager Claire", "asks head keeper Mary Njeri").
var askedOfRE = lazyRegexp(`^(?:\s+(?:his|her|their|the|a|an|its)\b)?(?:\s+[\p{Ll}-]+){0,3}\s+(\p{Lu}[\p{L}'-]+)`)

// writerModalOfferRE: the writer's own offer, after the name: "could
// waive half", "can offer a church discount of 30%", "is willing to
// switch to 16'8\" from today".
var writerModalOfferRE = lazyRegexp(`^(?:\s+\p{Lu}[\p{L}'-]+)?\s+(could|can|is\s+able\s+to|would\s+be\s+able\s+to|is\s+willing\s+to|would\s+be\s+willing\s+to|is\s+happy\s+to|would\s+be\s+happy\s+to|has\s+offered\s+to|offers\s+to)(?:\s+(?:also|easily|still|instead))?\s+(.+)$`)

// writerModals say the writer's modal in the first person.
var writerModals = map[string]string{
	"could": "I could", "can": "I can", "is able to": "I can", "would be able to": "I could",
	"is willing to": "I'm willing to", "would be willing to": "I'd be willing to",
	"is happy to": "I'm happy to", "would be happy to": "I'd be happy to",
	"has offered to": "I can", "offers to": "I can",
}

// writerButRE: "Janet can't carry the debt any longer, but she could
// offer a payment plan ...": the writer's could after a "but".
var writerButRE = lazyRegexp(`(?i),?\s+but\s+(?:she|he|they)\s+(could|can)(?:\s+(?:also|still))?\s+(.+)$`)

// knowsRE: "Kwame knows three labourers could dig the pit by hand":
// what the writer knows, said as a fact.
var knowsRE = lazyRegexp(`^(?:\s+\p{Lu}[\p{L}'-]+)?\s+knows\s+(?:that\s+)?(.+)$`)

// knownWayRE and riskRE: what the writer knows could be done ("three
// labourers could dig the pit by hand"), not what could go wrong ("the
// roof could collapse").
var (
	knownWayRE = lazyRegexp(`(?i)\b(?:could|can)\b`)
	riskRE     = lazyRegexp(`(?i)\b(?:could|can|might|may)\s+(?:also\s+|easily\s+)?(?:bring|cause|lead|mean|result|lose|cost|void|damage|kill|injure|hurt|fail|crash|break|collapse|spread|trigger|invalidate|expose|breach|get|go\s+wrong|be\s+(?:fined|sued|closed|prosecuted|struck|hurt|injured|killed|lost|damaged|voided|suspended|banned|liable|dangerous|fatal|serious))\b`)
)

// thingOfferRE: a sentence that says what could be done instead, about a
// thing rather than a person.
var thingOfferRE = lazyRegexp(`(?i)\bcould\s+(?:also\s+|easily\s+|still\s+)?(?:be\s+(?:moved|delivered|done|applied|used|borrowed|hired|booked|fitted|brought|run|held|split|sent|shipped|treated|certified|ready|finished|arranged|swapped|rescheduled|picked|collected|made|covered|stockpiled|offered|put|added|given|taken|installed|laid|set\s+up|pushed|bought|ordered|re-?tested|checked|repaired|fixed|replaced)|go|move|run|start|finish|come|take|use|have|help|cover|do|stand|swap|send|ship|deliver|switch|stay|wait|sit|fit|join|host|hold)\b|\bcan\s+be\s+(?:hired|booked|borrowed|moved|delivered|done|stockpiled|used|bought|fitted|arranged|ordered|collected|picked)\b|\bcan\s+usually\s+do\b|\bcan\s+(?:also\s+)?(?:deliver|offer|fit|supply|provide|lend|cover)\b|\b(?:is|are)\s+(?:free|available)\b|\balternatively\b|\bother\s+options?\b`)

// quotedRE: a sentence that quotes someone's words, which are theirs,
// not an offer ("'Load all 40 on the truck Sunday evening ...'").
var quotedRE = lazyRegexp(`["“][^"”]{12,}["”]|(?:^|[\s(:])['‘][^'’]{12,}['’](?:[\s.,;:!?)]|$)`)

// toldAskRE: a sentence that tells the request ("Lena emails asking
// whether the piano can be moved ..."), not what could be done instead.
var toldAskRE = lazyRegexp(`(?i)\b(?:asks|asked|asking|wants|wanted|requests|requested|requesting|insists|demands|demanded|told|tells|says|said)\b`)

// metaRE: a situation's words about the message itself ("but the
// draft mentions neither"), not a way forward.
var metaRE = lazyRegexp(`(?i)\b(?:mentions|offers|says|suggests)\s+neither\b|\bthe\s+(?:draft|message|reply)\b`)

// firstPersonOfferRE: the situation in the writer's own words.
var firstPersonOfferRE = lazyRegexp(`^(?:I|We)\s+(?:could|can|'d|would)\b`)

// narrativeOffer is the way forward a situation told in the third person
// (or the first) says the writer could offer, said as the writer would,
// or "".
func narrativeOffer(sents []string) string {
	asker, writer := narrativeParties(sents)
	var thing string
	cur := "" // whose sentence the last one was: "writer", "asker" or ""
	for _, whole := range sents {
		for _, s := range strings.Split(whole, "; ") {
			s = strings.TrimSpace(s)
			if s == "" || strings.HasSuffix(s, "?") || metaRE.MatchString(s) || quotedRE.MatchString(s) {
				continue
			}
			if firstPersonOfferRE.MatchString(s) && wordCount(s) <= 40 {
				return finishSentence(s)
			}
			who, rest, pron := subjectOf(s, writer, asker)
			switch who {
			case "pronoun":
				who = cur // "She could cover the first and third Saturdays" after a sentence of the writer's
			case "":
				cur = ""
			default:
				cur = who
			}
			if who == "writer" {
				if o := writerOwnOffer(rest, pron, writer, asker); o != "" {
					return o
				}
				continue
			}
			if thing == "" && who == "" && !toldAskRE.MatchString(s) {
				// "Or Kerrigan's die-cutting could go to ...": the
				// brief's link is not the message's.
				thing = thingOffer(capitalise(briefLinkRE.ReplaceAllString(s, "")), writer, asker)
			}
		}
	}
	return thing
}

// subjectOf reads whose sentence s is: the writer's (by name, or "The
// writer"), the asker's, a pronoun's ("She could ..."), or none of
// theirs; rest is what follows the subject, pron the pronoun when it is
// one.
func subjectOf(s, writer, asker string) (who, rest, pron string) {
	for _, w := range []string{"The writer", "the writer", "Writer"} {
		if strings.HasPrefix(s, w+" ") {
			return "writer", s[len(w):], ""
		}
	}
	if writer != "" && strings.HasPrefix(s, writer+" ") {
		return "writer", s[len(writer):], ""
	}
	if asker != "" && strings.HasPrefix(s, asker+" ") {
		return "asker", s[len(asker):], ""
	}
	if f := strings.Fields(s); len(f) > 1 {
		switch f[0] {
		case "She", "He":
			return "pronoun", s[len(f[0]):], strings.ToLower(f[0])
		}
	}
	return "", s, ""
}

// narrativeParties reads who asks and who writes: the name before the
// first verb of asking, and the name it is asked of (else the first name
// the situation gives that is not the asker's).
func narrativeParties(sents []string) (asker, writer string) {
	for _, s := range sents {
		m := requestVerbRE.FindStringSubmatchIndex(s)
		if m == nil || !personName(s[m[2]:m[3]]) {
			continue
		}
		asker = s[m[2]:m[3]]
		if o := askedOfRE.FindStringSubmatch(s[m[1]:]); o != nil && personName(o[1]) && o[1] != asker {
			writer = o[1]
		}
		break
	}
	if writer != "" {
		return asker, writer
	}
	if len(sents) == 0 {
		return asker, ""
	}
	// The writer is named in the first sentence or not at all.
	for _, w := range nameWords(". " + sents[0]) {
		if w != asker && !strings.Contains(w, ". ") && personName(w) {
			return asker, w
		}
	}
	return asker, ""
}

// writerOwnOffer says the writer's "could" in the sentence s as the
// writer would ("Tricia could waive half" -> "I could waive half."), or
// "".
func writerOwnOffer(rest, pron, writer, asker string) string {
	var say, vp string
	if m := writerModalOfferRE.FindStringSubmatch(rest); m != nil {
		say, vp = writerModals[strings.Join(strings.Fields(m[1]), " ")], m[2]
	} else if m := writerButRE.FindStringSubmatch(rest); m != nil {
		say, vp = "I "+strings.ToLower(m[1]), m[2]
	} else if m := knowsRE.FindStringSubmatch(rest); m != nil {
		known := strings.Replace(m[1], ", and that ", ", and ", 1)
		known = strings.Replace(known, " and that ", " and ", 1)
		if k := knowsSelfRE.FindStringSubmatch(known); k != nil {
			// "Brynn knows she could cover his Saturday closing shift":
			// the writer's own could.
			say, vp = "I "+strings.ToLower(k[1]), k[2]
		} else if thingOfferRE.MatchString(known) || knownWayRE.MatchString(known) && !riskRE.MatchString(known) {
			if toldAskRE.MatchString(known) {
				return ""
			}
			return saidAsWriter(capitalise(known), pron, writer, asker)
		}
	}
	if vp == "" {
		return ""
	}
	if m := secondVerbRE.FindStringIndex(vp); m != nil {
		vp = vp[:m[0]] // "is willing to switch to 16'8\" from today and wants the mill to ..."
	}
	if toldAskRE.MatchString(vp) || bareVPRE.MatchString(vp) || vagueVPRE.MatchString(vp) {
		return "" // (nothing named: "Nadia is willing to move it.")
	}
	return saidAsWriter(say+" "+vp, pron, writer, asker)
}

// bareVPRE: an offer that names nothing but a pronoun ("move it", "do
// that").
var bareVPRE = lazyRegexp(`(?i)^\s*\p{L}+\s+(?:it|that|this|them|so)\W*$`)

// vagueVPRE: an offer that only announces offers ("could offer two
// things:", its list cut off at the colon; round 200).
var vagueVPRE = lazyRegexp(`(?i)^\s*(?:offer|suggest|propose|do)?\s*(?:two|three|a couple of|a few|some|several)\s+(?:things|options|ways|alternatives|ideas)\W*$`)

// abbrevEndRE: a sentence the splitter cut at an abbreviation ("Rs.",
// "approx.").
var abbrevEndRE = lazyRegexp(`(?i)\b(?:rs|no|approx|est|vs|etc|incl|excl|dept|st|ave|rd)\.?\s*$`)

// briefLinkRE: a brief's sentence that opens on a link to the one before
// ("Or ...", "Alternatively, ...").
var briefLinkRE = lazyRegexp(`(?i)^(?:or|and|but|alternatively|otherwise),?\s+`)

// knowsSelfRE: what the writer knows they could do ("she could cover his
// Saturday closing shift", "they could offer the locked gear cage").
var knowsSelfRE = lazyRegexp(`^(?:she|he|they)\s+(could|can)(?:\s+(?:also|easily|still|simply))?\s+(.+)$`)

// secondVerbRE: the writer's next verb after an offer ("and wants",
// "but knows"), where the offer ends.
var secondVerbRE = lazyRegexp(`,?\s+(?:and|but)\s+(?:wants|needs|has|is|says|thinks|knows|hopes|would|will|does|doesn't|isn't|hasn't|can't|won't|feels|worries|reckons)\b`)

// thingOffer is a sentence of s's kind that says what could be done
// about a thing, not a person ("A hire chipper could be delivered
// tomorrow"), or "".
func thingOffer(s, writer, asker string) string {
	if !thingOfferRE.MatchString(s) || wordCount(s) > 35 {
		return ""
	}
	first := strings.Fields(s)[0]
	switch strings.ToLower(strings.Trim(first, ",")) {
	case "it", "this", "that", "they", "he", "she", "there":
		return "" // whose "it" is not for a rule to guess
	}
	if unicode.IsUpper(firstRune(first)) && (first == writer || first == asker || !notNames[strings.ToLower(first)] && !nameTitles[strings.ToLower(first)] && !thingStart[strings.ToLower(first)]) {
		return "" // about a person
	}
	return saidAsWriter(capitalise(s), "", writer, asker)
}

// saidAsWriter turns the situation's names for the two people into "I"
// and "you", and gives up ("") on a pronoun whose person it cannot tell.
func saidAsWriter(s, pron, writer, asker string) string {
	if asker != "" {
		s = strings.ReplaceAll(s, asker+"'s", "your")
		s = strings.ReplaceAll(s, asker+"’s", "your")
	}
	if writer != "" {
		s = strings.ReplaceAll(s, writer+"'s", "my")
		s = strings.ReplaceAll(s, writer+"’s", "my")
	}
	// The writer's own pronoun, when the sentence is theirs: "He could
	// send his fitter Gaz" -> "I could send my fitter Gaz", "load the
	// run herself" -> "myself". An object "her" ("lend her the loaner")
	// may be anyone's, and is not guessed.
	own := map[string]string{"he": "his", "she": "her"}[pron]
	self := map[string]string{"he": "himself", "she": "herself"}[pron]
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.Trim(w, ",.;:!?()")
		switch {
		case self != "" && core == self:
			words[i] = strings.Replace(w, core, "myself", 1)
		case own != "" && core == own && i+1 < len(words) && own == "his":
			words[i] = strings.Replace(w, core, "my", 1)
		}
	}
	s = strings.Join(words, " ")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "the writer's", "my"), "the writer’s", "my")
	if strings.Contains(strings.ToLower(s), "writer") {
		return "" // "so the writer does 5-7pm": not said as "I" without its verb
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		switch strings.ToLower(w) {
		case "he", "she", "his", "her", "him", "hers", "they", "them", "their", "himself", "herself", "themselves":
			return ""
		}
		if asker != "" && w == asker || writer != "" && w == writer {
			return "" // a name said of itself ("so Tricia can ...")
		}
	}
	if wordCount(s) > 40 || abbrevEndRE.MatchString(s) {
		return "" // (or cut at an abbreviation: "I could pay SGS Rs."; round 200)
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".!;:,")
	s = offerAdverbRE.ReplaceAllString(s, "$1 ")
	return finishSentence(s)
}

// offerAdverbRE: the brief's hedge on an offer ("could reasonably offer",
// "could also run"), which reads oddly when the writer says it (readers
// of dev28 marked "I could reasonably offer" broken).
var offerAdverbRE = lazyRegexp(`\b(could|can)\s+(?:reasonably|also|easily|simply|probably|possibly)\s+`)

// thingStart: capitalised words that open a sentence about a thing.
var thingStart = setOf(`the a an another other next this these those our their either both each every one two three four five six any some alternatively instead last next`)

// dayOrMonth: days and months in full, not weekdayOrMonth, which also
// takes "Jan" and "Mar", a writer's name as often as a month.
var dayOrMonth = setOf(`monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december`)

// personName: a capitalised word that may be a person's name, not a
// title, a day, a pronoun, a channel or a possessive.
func personName(w string) bool {
	l := strings.ToLower(w)
	return w != "" && unicode.IsUpper(firstRune(w)) && !notNames[l] && !nameTitles[l] && !dayOrMonth[l] && !notPersons[l] &&
		!strings.HasSuffix(l, "'s") && !strings.HasSuffix(l, "’s") && !channelRE.MatchString(w)
}

var notPersons = setOf(`he she they his her their him them one two three four five six seven eight nine ten colleague general retail on in at after before when while during since as from for with by to of whatsapp slack teams email text sms chat zoom signal`)
