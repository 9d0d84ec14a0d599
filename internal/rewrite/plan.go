package rewrite

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// plan is the rewrite's content before wording choices: what the draft
// keeps, in the formula's slots, with the forms that can say each part.
type plan struct {
	level    guide.Level
	greeting string
	inline   bool
	signoff  string

	acks  []string // acknowledgement sentences, in order of preference; none when the goal is unknown
	leads []string // lead-in sentences naming the request, when the message says nothing else about it
	lead  bool     // the lead-in is used by default
	// refusal says the no first, when the draft's own was a bare "No."
	// or "Not Monday": built from the request the situation names ("We
	// can't push firmware 7.2.1 to all 3,000 edge routers tonight").
	refusal string
	// body: reasons, facts, consequences, neutral judgements, and the
	// draft's refusals and hold-offs said at the level, in draft order.
	body []string
	// hasAlt: the draft's alternative is in the body, where it was.
	hasAlt bool
	// after: what follows the alternative ("I can't recommend launching
	// without it" after "I'd recommend we test Thursday").
	after    []string
	alts     [][]string
	slot     bool
	question string   // the draft's own closing question
	invites  []string // invitations, in order of preference
	// noInvite: the message ends on the way forward, with no question
	// added: the draft asks its own, or it states a must-not-do.
	noInvite bool

	notes []string
	hash  uint32
}

// plan reads the pieces into the formula's slots.
func (r *Rules) plan(rd reading, sc scene, rep check.Report, req Request, level guide.Level) *plan {
	c := classes()
	a := sc.ask
	f := c.forms
	rd.pieces = slices.Clone(rd.pieces) // the reading is shared: work on a copy
	pl := &plan{level: level, greeting: rd.greeting, inline: rd.inline, signoff: rd.signoff}
	h := fnv.New32a()
	h.Write([]byte(req.Draft))
	pl.hash = h.Sum32()
	firm := level == guide.LevelStrong || level == guide.LevelEscalated
	// High and critical stakes: a must-not-do is said as one ("We can't
	// ..."), never as a preference.
	firmStakes := req.Stakes == guide.StakesHigh || req.Stakes == guide.StakesCritical
	mustLevel := level
	if req.Stakes == guide.StakesCritical && level == guide.LevelStrong {
		mustLevel = guide.LevelEscalated
	}
	vals := map[string]string{"goal": a.goal(), "goal_to": a.goalTo(), "request": a.request(), "vp": a.vpFor(), "shared": a.shared, "obj": cmp.Or(a.obj, "me")}
	// The acknowledgement will name the request itself (no separate
	// purpose): a later "that" about it is said as "it".
	ackNamesRequest := a.purpose == "" && a.purposeNP == "" && a.shared == "" && a.ok()
	bare, stated, choice := false, false, false
	twoWays := false // one offer holds both ways ("take them or wait")
	mustCmd := false // an order that protects, at critical stakes ("Please leave them where they are")
	refuseKind, refusedTime := "", ""
	// Notes name what was left out and why; clauses of one sentence left
	// out for the same reason make one note ("No, that won't work.").
	type leftOut struct {
		sent, last int
		text, why  string
	}
	var gone []leftOut
	andLost := -1 // the sentence that lost its "and ..." clause
	leave := func(p piece, why string) {
		i := p.idx
		if strings.TrimSpace(strings.Trim(p.lead, ", ")) == "and" {
			andLost = p.sent
		}
		if p.orig == "" {
			return
		}
		if n := len(gone); n > 0 && gone[n-1].sent == p.sent && gone[n-1].why == why && gone[n-1].last == i-1 {
			gone[n-1].text += p.lead + p.orig
			gone[n-1].last = i
			return
		}
		gone = append(gone, leftOut{sent: p.sent, last: i, text: p.orig, why: why})
	}
	pl.vocative(rd, sc)
	// The last sentence's question closes the message.
	lastQ := -1
	for i := len(rd.pieces) - 1; i >= 0; i-- {
		p := rd.pieces[i]
		if p.sent == rd.nsent-1 && p.class == classQuestion && !fragmentQuestion(p.text) {
			lastQ = i
		}
		if p.sent < rd.nsent-1 {
			break
		}
	}
	offer := joinClauses(rd.pieces)
	// Clauses that follow a proposal in its sentence go with it ("put
	// it through staging, it takes 20 minutes").
	attach, seenAlts := -1, 0
	// In a long draft the proposals stay where the writer put them: its
	// sentences lean on each other.
	inPlace := rd.nsent >= 6
	var offered []string // the draft's own proposals, as written
	ackInDraft := false
	cmdBody, cmdPiece := -1, -1 // the order said in the body, and its piece
	var sent strings.Builder    // the sentence being assembled from kept clauses
	sentOf, prevKept := -1, -1
	commaAt := -1 // where the last ", " joining two kept clauses is
	flush := func() {
		// What is left of a sentence with too few words to say anything
		// ("Plus the fonts.") is a scrap, unless it carries a fact.
		s := strings.TrimSpace(sent.String())
		if andLost == sentOf && commaAt > 0 && commaAt < len(s) && !strings.Contains(s[commaAt:], " and ") && finiteVerb(s[:commaAt]) {
			// "Sharma hasn't signed off the reo, there's 40mm of rain
			// forecast, and if you'd bothered...": the list keeps its "and".
			s = s[:commaAt] + ", and " + strings.TrimLeft(s[commaAt+1:], " ")
		}
		commaAt = -1
		sent.Reset()
		if m := spliceRE.FindStringSubmatchIndex(s); m != nil && finiteVerb(s[:m[0]]) && !subordinateOpenRE.MatchString(s) {
			// "The valve is outside the MEL, it's not dispatchable": two
			// sentences' worth, joined with a semicolon.
			s = s[:m[0]] + ";" + s[m[0]+1:]
		}
		if s == "" || wordCount(s) < 3 && (!hasFacts(s) || wordCount(s) < 2) && !namedPerson(s, req.Situation) && !timeOfferRE.MatchString(s) && !clippedCantRE.MatchString(s) && !stopRE.MatchString(s) && !(wordCount(s) == 2 && req.Audience == guide.AudienceReport && imperative(s)) {
			return // (a clipped no, "Cannot skip.", a stop, "Lift stops.", or an order to a report, "Be there.", is no scrap: it is the message)
		}
		s = withArticle(s, req.Situation, req.Draft)
		if !finiteVerb(s) && !strings.HasSuffix(s, "?") {
			// "38% sell-through, 600 units sitting in the DC": facts
			// with no verb are said as what we have.
			if list := factList(s); list != "" && !byTimeRE.MatchString(list) && !timeOfferRE.MatchString(list) && !offerWhenRE.MatchString(list) {
				s = fill1(f.WeHave, "facts", list)
			}
		}
		pl.body = append(pl.body, finishSentence(s))
	}
	for i, p := range rd.pieces {
		if p.sent != sentOf {
			flush()
			sentOf, prevKept = p.sent, -1
			attach = -1
		} else if len(pl.alts) > seenAlts {
			attach = len(pl.alts) - 1 // the last clause of this sentence was a proposal
		}
		seenAlts = len(pl.alts)
		if p.orig == "" && p.class == classInjection {
			continue // said with the clause before it
		}
		if i > 0 && cmdBody >= 0 && rd.pieces[i-1].idx == cmdPiece && p.sent == rd.pieces[i-1].sent && strings.TrimSpace(strings.Trim(p.lead, ", ")) == "or" && p.class == classFact && wordCount(p.text) <= 5 {
			// "Get Ravi to issue him a YubiKey, or he waits": the order
			// and what happens without it.
			b := strings.TrimRight(pl.body[cmdBody], ".!… ")
			pl.body[cmdBody] = finishSentence(b + "; otherwise " + strings.TrimRight(p.text, ".!… "))
			continue
		}
		if attach >= 0 && (p.class == classFact || p.class == classConsequence) {
			for k := range pl.alts[attach] {
				pl.alts[attach][k] = joinTail(pl.alts[attach][k], p.lead, p.text)
			}
			continue
		}
		keep := func(text string, raw bool) {
			if sent.Len() > 0 && prevKept == i-1 {
				lead := p.lead
				// "If a kid goes into anaphylaxis and it's a recall":
				// the condition takes a comma.
				if strings.HasPrefix(sent.String(), "If ") && !strings.Contains(sent.String(), ",") && strings.TrimSpace(lead) == "and" {
					lead = ", "
				}
				if lead == ", " {
					commaAt = sent.Len()
				}
				sent.WriteString(lead)
			} else if sent.Len() > 0 {
				flush()
			}
			if sent.Len() == 0 {
				if !raw {
					text = stripLeadingConjunction(text)
				}
				text = capitalise(text)
			}
			sent.WriteString(strings.TrimRight(text, " "))
			prevKept = i
		}
		keepInSentence := func(text string) { keep(text, false) }
		standalone := func(dst *[]string, s string) {
			flush()
			if s = strings.TrimSpace(s); s != "" {
				*dst = append(*dst, finishSentence(capitalise(s)))
			}
		}
		if offer[i] {
			flush()
			if vp := weVP(p.text); vp != "" {
				pl.alts = append(pl.alts, r.proposeForms(vp, level))
			} else {
				pl.alts = append(pl.alts, []string{finishSentence(capitalise(p.text))})
			}
			continue
		}
		switch p.class {
		case classInjection:
			leave(p, c.className(p.class))
		case classInsult, classBlame, classVenting:
			if p.form == "restate" {
				if s := restate(p); s != "" {
					keepInSentence(s)
					continue
				}
			}
			if head := factHead(p); head != "" {
				// "That is a HIPAA breach, and frankly someone in your
				// position should know better": the fact stays.
				keepInSentence(head)
				if calmNoRE.MatchString(head) || keepNoRE.MatchString(head) {
					stated = true // "We do not switch off MFA for anyone", "It's not coming back"
				}
				leave(p, c.className(p.class))
				continue
			}
			if closingUltimatumRE.MatchString(p.text) {
				choice = true // "Those are the options": asked as a choice
			}
			// "Either sign off on version 3 or find another agency", "not
			// my job, ask marketing", "1.09 or find another agent": the
			// offer around the edge is kept.
			if alt := offerBeforeThreat(p.text); alt != "" {
				pl.alts = append(pl.alts, r.proposeForms(alt, level))
			} else if alt := offerAfterComma(p.text); alt != "" {
				pl.alts = append(pl.alts, r.proposeForms(alt, level))
			} else if np := npBeforeThreat(p.text); np != "" {
				pl.alts = append(pl.alts, []string{fill1(f.HowAbout, "np", np)})
			}
			leave(p, c.className(p.class))
		case classRhetorical:
			leave(p, c.className(p.class))
		case classRefusal:
			switch p.form {
			case "doubt":
				if s, alt := judgementSentence(f, p, level, vals["request"], ackNamesRequest); s != "" {
					standalone(&pl.body, s)
					if alt != "" {
						pl.alts = append(pl.alts, []string{alt})
					}
					stated = true
					continue
				}
				bare = true
				leave(p, "a flat no; the rewrite says what is at stake instead")
			case "ing":
				ing := refusalObject(p.text)
				switch {
				case ing == "":
					bare = true
					leave(p, "a flat no; the rewrite says what is at stake instead")
					continue
				case pronounRefusal(ing) && !a.ok() && !saysRefusal(rd, i):
					// "I'm not doing it and I've told Morag not to
					// either", and the situation names no request to
					// say it with: the no stays as written.
					keepInSentence(p.text)
					stated = true
					continue
				case pronounRefusal(ing):
					// "I'm not doing that": the no, said with what it refuses.
					bare, refuseKind = true, "wont"
					leave(p, "a flat no; the rewrite says what it refuses")
					continue
				}
				standalone(&pl.body, r.refusalSentence(p, ing, firmStakes, level, mustLevel, a))
				stated = true
			case "vp":
				if vp := refusalVP(p.text); vp != "" {
					if firmStakes && ownRefusalRE.MatchString(p.text) {
						standalone(&pl.body, p.text) // "I won't approve the invoice until...": firm and calm
					} else {
						standalone(&pl.body, fill(f.HoldVP[pick(firmStakes, mustLevel, level)], map[string]string{"vp": vp, "request": gerund(vp)}))
					}
					stated = true
					continue
				}
				bare = true
				leave(p, "a flat no; the rewrite says what is at stake instead")
			case "dont":
				vp := refusalVP(p.text)
				if i > 0 && rd.pieces[i-1].sent == p.sent && strings.Contains(strings.ToLower(p.lead), "or") && vp != "" && firm {
					// "We test Thursday or we don't launch": the test is
					// the proposal, the launch without it the must-not.
					flush()
					pl.after = append(pl.after, finishSentence(fill1(f.MustNotWithout[mustLevel], "request", gerund(vp))))
					stated = true
					continue
				}
				if calmRefusal(p) {
					keepInSentence(p.text)
					stated = true
					continue
				}
				leave(p, "an ultimatum; the rewrite proposes instead")
			case "time":
				// "not Monday", "not by 5": the no, said with what it refuses.
				bare, refuseKind = true, cmp.Or(refuseKind, "time")
				refusedTime = strings.TrimSpace(strings.TrimRight(p.text[len("not"):], ".!?… "))
				leave(p, "a clipped no; the rewrite says what it refuses")
			default:
				bare = true
				if wontRE.MatchString(p.orig) {
					refuseKind = "wont"
				}
				leave(p, "a flat no; the rewrite says what is at stake instead")
			}
		case classProposal:
			alt := strings.TrimSpace(p.text)
			if rest, ok := strings.CutPrefix(alt, "Either "); ok && !strings.Contains(rest, " or ") && !orKept(rd, i) {
				// "Either we send the extra there from Monday or you come
				// and find the troughs yourself", the threat left out: one
				// way, said as one.
				alt = capitalise(rest)
			}
			offered = append(offered, alt)
			if strings.TrimSpace(strings.Trim(p.lead, ", ")) == "or" && len(pl.alts) > 0 && !inPlace {
				if rest, ok := strings.CutPrefix(alt, "we "); ok {
					// "We run rep 2 Thursday..., or we present next week":
					// the second way, said as one.
					flush()
					pl.alts = append(pl.alts, []string{fill1(f.OrWe, "vp", strings.TrimRight(rest, ".!?… "))})
					choice, twoWays = true, true
					continue
				}
			}
			if opt := r.optionSentence(alt, level); opt != "" {
				// "Or pay them the $14k callout": a second option, kept
				// as one.
				choice = true
				if inPlace {
					keep(opt, true)
					continue
				}
				flush()
				pl.alts = append(pl.alts, []string{opt})
				continue
			}
			alt = stripLeadingConjunction(alt)
			if inPlace {
				keepInSentence(alt)
				continue
			}
			flush()
			if unsoundSlot(alt) {
				// ("Ask Ciara, she wants hours, bc she asked": no phrase
				// to wrap in a proposal) the writer's words.
				pl.alts = append(pl.alts, []string{finishSentence(capitalise(alt))})
				continue
			}
			if either := eitherRE.FindStringSubmatch(alt); either != nil && c.verbs[strings.ToLower(firstWordOf(either[1]))] {
				pl.alts = append(pl.alts, r.proposeForms("either "+lowerFirst(either[1]), level))
				continue
			}
			if vp := weVP(alt); vp != "" && !strings.HasSuffix(alt, "?") {
				// "We fix the access checks, then launch": the plan, put
				// as a proposal at the level.
				pl.alts = append(pl.alts, r.proposeForms(vp, level))
				continue
			}
			if c.verbs[strings.ToLower(firstWordOf(alt))] && !strings.HasSuffix(alt, "?") && !nounSubject(alt) {
				// "Ask Sam to pair with me Thursday instead": an order,
				// put as a proposal.
				pl.alts = append(pl.alts, r.commandForms(lowerFirst(alt), level, req))
				continue
			}
			pl.alts = append(pl.alts, []string{finishSentence(capitalise(alt))})
		case classCommand:
			if unsoundSlot(p.text) || condImperativeRE.MatchString(p.text) {
				// "Leave not possible.": no order, whatever its first
				// word; "Cut it and you'll save a page and lose more
				// than it costs": a condition and what follows, never
				// "I'd recommend we cut it". Either stays as written.
				keepInSentence(p.text)
				continue
			}
			if goAlongRE.MatchString(p.text) || goOnRE.MatchString(p.text) || abdicateRE.MatchString(p.text) {
				// "Go on so, use yours.", "Just load it how you see fit":
				// an order that goes along or hands the call over is no
				// proposal of ours ("Could we go on so, use yours
				// instead?", "Could you load it how you see fit?";
				// round 159): it stays as written.
				keepInSentence(p.text)
				continue
			}
			if dontThinkRE.MatchString(p.text) {
				// "Don't think we should do it like this.": the writer's
				// "I don't think ...", its "I" dropped, no order (it had
				// become "I'd rather we didn't think we should do it like
				// this."; round 152).
				keepInSentence("I " + lowerFirst(strings.TrimSpace(p.text)))
				continue
			}
			flush()
			if declinedRE.MatchString(p.text) {
				// "Please note that your request is declined": the no,
				// said with what it refuses.
				bare = true
				leave(p, "a formal no; the rewrite says what it refuses")
				continue
			}
			vp, negative, alt := commandVP(p.text)
			if m := andDontRE.FindStringIndex(vp); m != nil && !negative {
				// "put it back how it was and dont touch the template
				// again without asking": the order, without the lecture
				// hung on it ("Could we put it back how it was and don't
				// touch the template again without asking instead?";
				// round 160).
				vp = strings.TrimSpace(vp[:m[0]])
			}
			either, orB := orChoice(vp)
			switch {
			case pickRE.MatchString(p.text) && wordCount(p.text) <= 3:
				choice = true // "Pick one.": asked as a choice
				leave(p, "a bare order; the rewrite asks which they prefer")
			case vp == "" || wordCount(vp) < 2 && !negative:
				leave(p, "a bare order; the rewrite proposes instead")
			case negative && meRE.MatchString(vp) && gerund(vp) != "":
				// "stop taking my drivers in the morning": theirs to
				// stop, asked ("Could you stop taking my drivers...?").
				pl.body = append(pl.body, finishSentence(fill1(f.Command.Ask, "vp", "stop "+gerund(vp))))
				stated = true
			case negative && req.Audience == guide.AudienceReport:
				// "Stop pushing to main", to someone who reports to you: an
				// instruction, said plainly ("Please don't push to main.").
				pl.body = append(pl.body, finishSentence(fill1(f.Command.Report, "vp", "don't "+vp)))
				stated = true
			case negative:
				pl.body = append(pl.body, finishSentence(fill(f.HoldVP[pick(firmStakes, mustLevel, level)], map[string]string{"vp": vp, "request": gerund(vp)})))
				stated = true
			case !negative && ifYouWantRE.MatchString(vp):
				// "Take Monday afternoon instead if you want": an offer,
				// not an order.
				pl.alts = append(pl.alts, []string{finishSentence("You can " + vp)})
			case either != "" && !negative:
				// "take them or wait for the next batch": their choice.
				choice, twoWays = true, true
				pl.alts = append(pl.alts, []string{fill(f.Choice, map[string]string{"a": either, "b": orB})})
			case req.Stakes == guide.StakesCritical:
				// At critical stakes an order that protects is said as
				// one, calmly: "Please leave them exactly where they are."
				pl.body = append(pl.body, finishSentence(fill1(f.Command.Must, "vp", vp)))
				cmdBody, cmdPiece = len(pl.body)-1, p.idx
				pl.hasAlt, mustCmd = true, true
			case inPlace:
				pl.body = append(pl.body, r.commandForms(vp, level, req)[0])
				pl.hasAlt = true
			default:
				pl.alts = append(pl.alts, r.commandForms(vp, level, req))
			}
			if alt != "" {
				pl.alts = append(pl.alts, r.commandForms(alt, level, req))
			}
		case classQuestion:
			if fragmentQuestion(p.text) {
				// "Shipping 3,000 units with a 4.7% defect rate?": a
				// concern asked as a question.
				standalone(&pl.body, fill1(f.Worry[level], "subject", lowerStart(strings.TrimRight(p.text, "?!. "))))
				continue
			}
			if i == lastQ {
				flush()
				pl.question = finishSentence(capitalise(stripLeadingConjunction(p.text)))
				continue
			}
			keepInSentence(p.text)
		case classJudgement:
			p = p.located()
			before := p.text
			if len(p.loc) >= 2 {
				before = p.text[:p.loc[0]]
			}
			if personalRE.MatchString(before) {
				// "You're clueless": a judgement of the person is an insult.
				leave(p, c.className(classInsult))
				continue
			}
			if reportedRE.MatchString(before) {
				// "Raj thinks it's a bad idea too": someone else's verdict
				// on nothing the message names.
				leave(p, "a judgement that names nothing to keep")
				continue
			}
			if s, alt := judgementSentence(f, p, level, vals["request"], ackNamesRequest); s != "" {
				standalone(&pl.body, s)
				if alt != "" {
					pl.alts = append(pl.alts, []string{alt})
				}
				if notRealisticRE.MatchString(s) {
					stated = true // "I don't think Monday is realistic" says the no
				}
				continue
			}
			leave(p, "a judgement that names nothing to keep")
		default: // fact, consequence, greeting/sign-off words mid-text
			if ackRE.MatchString(p.text) {
				ackInDraft = true
			}
			if calmNoRE.MatchString(p.text) || stopRE.MatchString(p.text) {
				stated = true // "We do not switch off MFA for anyone, ever", "Lift stops."
			}
			if m := clippedNoRE.FindStringSubmatch(p.text); m != nil && !stated {
				// "not by 5, assays aren't back": the no, said with what
				// it refuses; the reason kept.
				bare, refuseKind = true, cmp.Or(refuseKind, "time")
				refusedTime = m[1]
				keepInSentence(capitalise(m[2]))
				continue
			}
			if m := timeOrRE.FindStringSubmatch(strings.TrimRight(p.text, ".!… ")); m != nil && wordCount(m[2]) >= 2 && bareOffer(m[1]) != "" && !unsoundSlot(m[2]) {
				// "next sprint or swap something out": two ways, asked.
				flush()
				pl.alts = append(pl.alts, []string{fill1(f.HowAbout, "np", lowerStart(m[1])) + " Or we could " + strings.TrimPrefix(m[2], "we ") + "."})
				choice, twoWays = true, true
				continue
			}
			if np := npBeforeThreat(p.text); np != "" {
				// "1.09 or find another agent": the offer, without the
				// ultimatum.
				flush()
				pl.alts = append(pl.alts, []string{fill1(f.HowAbout, "np", np)})
				leave(p, "an ultimatum; the rewrite keeps the offer")
				continue
			}
			if len(pl.alts) > 0 && !inPlace && followsOfferRE.MatchString(p.text) && (i == 0 || p.sent != rd.pieces[i-1].sent || offer[i-1] || rd.pieces[i-1].class == classProposal) {
				// "Otherwise full charges will stand", "Until then the
				// data stays where it is": said after the offer it
				// speaks of.
				flush()
				pl.after = append(pl.after, finishSentence(capitalise(p.text)))
				continue
			}
			if len(pl.alts) > 0 && !inPlace && ownOfferRE.MatchString(p.text) && i > 0 && rd.pieces[i-1].class == classProposal {
				// "If you want it in Q3, talk to Grant & Co first. I'll
				// set up the call": the offer goes with the proposal.
				flush()
				pl.after = append(pl.after, finishSentence(capitalise(p.text)))
				continue
			}
			if (ownOfferRE.MatchString(p.text) || earliestRE.MatchString(p.text)) && !strings.HasSuffix(p.text, "?") {
				pl.hasAlt = true // "I'll turn it round the same day": the writer's own offer
			}
			if i > 0 && notReadyRE.MatchString(rd.pieces[i-1].text) {
				if np := dateFragment(p, rd); np != "" {
					// "It's not ready. Thursday.": when it will be.
					flush()
					pl.body = append(pl.body, fill1(f.ReadyBy, "np", np))
					pl.hasAlt = true
					continue
				}
			}
			if np := dateFragment(p, rd); np != "" && (bare || stated || refusingDraft(rd)) {
				// "Friday.", "thurs morning, 10k": the time they can
				// have, asked about.
				flush()
				pl.alts = append(pl.alts, []string{fill1(f.HowAbout, "np", np)})
				continue
			}
			if strings.TrimSpace(strings.Trim(p.lead, ", ")) == "or" && i > 0 && rd.pieces[i-1].sent == p.sent && prevKept != i-1 && wordCount(p.text) <= 6 {
				// "Tell me which by 2pm or it's Tuesday": the clause
				// before went elsewhere, so the default is said as one
				// ("Otherwise it's Tuesday."), not left as a scrap.
				flush()
				s := finishSentence("Otherwise " + lowerStart(strings.TrimSpace(p.text)))
				if len(pl.alts) > 0 && !inPlace {
					pl.after = append(pl.after, s)
				} else {
					pl.body = append(pl.body, s)
				}
				continue
			}
			if i > 0 && len(pl.alts) > 0 && !inPlace && p.sent != rd.pieces[i-1].sent && (rd.pieces[i-1].class == classProposal || rd.pieces[i-1].class == classCommand) && anaphorRE.MatchString(p.text) {
				// "ask Dave? he owes you one": a sentence that points
				// back at the proposal goes with it, never before it
				// ("He owes you one. Could we ask Dave instead?").
				flush()
				pl.after = append(pl.after, finishSentence(capitalise(p.text)))
				continue
			}
			keepInSentence(relist(p))
		}
	}
	flush()
	var left []string
	for _, g := range gone {
		left = append(left, fmt.Sprintf("left out %q: %s", clip(g.text, 80), g.why))
	}
	if len(left) > 6 {
		left = append(left[:5], fmt.Sprintf("and %d more left out", len(left)-5))
	}
	pl.notes = left
	// The acknowledgement names their goal.
	if !ackInDraft && a.ok() && a.brief {
		pl.acks = briefAcks(f, a, sc, req, rd)
	} else if !ackInDraft && a.ok() {
		forms := f.Acknowledge.Goal
		switch {
		case a.shared != "":
			forms = f.Acknowledge.Shared
		case a.who == "you" && a.purpose == "" && a.purposeNP == "" && a.vpFor() != "":
			forms = f.Acknowledge.RequestYou
		case req.Channel == "chat":
			forms = append(append([]string{}, f.Acknowledge.Chat...), forms...)
		}
		if a.subj != "" {
			// "the São Paulo team handling support ... matters" reads
			// badly; "wanting the São Paulo team to handle support" does not.
			forms = slices.DeleteFunc(slices.Clone(forms), func(s string) bool { return strings.Contains(s, "{goal}") })
		}
		for _, form := range forms {
			// (Said back at length, a goal reads as a scrap of the brief:
			// the same bound as briefAcks.)
			if s, ok := fillAll(form, vals); ok && wordCount(s) <= 20 {
				pl.acks = append(pl.acks, s)
			}
		}
	}
	// "I understand wanting each assessment to take ...", "wanting the
	// last time new hires went live ...", "wanting to send to an outside
	// vendor": a goal that is not a verb phrase, or a verb with its
	// object missing, is a scrap of the situation, not their goal.
	pl.acks = slices.DeleteFunc(pl.acks, garbledWanting)
	// Nor one that speaks of the reader, or the writer, as the brief does
	// ("I know getting her 3-bed terrace listed matters to you", "getting
	// the writer's crew to go out").
	pl.acks = slices.DeleteFunc(pl.acks, briefVoiceRE.MatchString)
	// Nor one that names the writer's own offer as their want ("I know
	// delaying the slab pour to Thursday matters to you" beside "Thursday
	// 7am, once he has").
	if len(pl.acks) > 0 && (a.brief || a.third) {
		// (A want said in their own words, "Client: We also need ...",
		// is theirs. The forms say one want: it is read against the
		// draft once.)
		own := map[string]bool{}
		pl.acks = slices.DeleteFunc(pl.acks, func(a string) bool {
			k := strings.Join(wantTokenRE.FindAllString(a, -1), "|")
			v, ok := own[k]
			if !ok {
				v = ownWant(a, rd)
				own[k] = v
			}
			return v
		})
	}
	// No opening beats a garbled one ("... by Friday and has to the lab
	// director", "the the", a clause that ends on "to").
	pl.acks = slices.DeleteFunc(pl.acks, garbledOpening)
	// Nor one that says their goal back in sneering quotes ("I know you
	// want to tell the board it is 'in'").
	pl.acks = slices.DeleteFunc(pl.acks, func(a string) bool { return quotedWordRE.MatchString(a) })
	pl.leads = slices.DeleteFunc(pl.leads, garbledOpening)
	if !a.ok() && strings.TrimSpace(req.Situation) != "" && !ackInDraft {
		pl.notes = append(pl.notes, "found no request in the situation to say back; the rewrite does not acknowledge their goal (say what they asked for in the situation, e.g. \"Can we ship on Friday?\")")
	}
	// A flat no stays a no, said with what it refuses: the request the
	// situation names ("We can't push firmware 7.2.1 tonight"), or the
	// time the draft refused ("Monday won't work").
	if bare && !stated && a.shared == "" {
		if s := r.refuseFromAsk(a, refuseKind, firmStakes, req); s != "" && refusedInBody(pl.body, s) {
			// "We won't be signing the 30 June accounts this week" is
			// kept: the no is said, not twice.
			stated = true
		} else if s != "" && !garbledOpening(s) {
			pl.refusal = s
		} else if refusedTime != "" {
			pl.refusal = timeRefusal(f, refusedTime)
		}
		if pl.refusal != "" {
			stated = true
			if a.purpose == "" && a.purposeNP == "" {
				pl.acks = nil // it would say the request twice
			}
		}
	}
	// What the situation says the product lacks is said, not stepped
	// around (the documents: hiding a limitation only delays its discovery).
	if gap := gapSentence(req.Situation); gap != "" && !mentions(pl.body, gap) {
		pl.body = append([]string{gap}, pl.body...)
	}
	// A terse draft's reasons are said as the situation gives them: "The
	// freeze was Friday" -> "Code freeze was last Friday and there are 23
	// open crash bugs"; when the draft gives almost none, the situation's
	// own facts are added (a gap or risk only the situation names).
	pl.body = sc.fuller(pl.body)
	if thin(pl.body) {
		said := slices.Clone(pl.body)
		for _, a := range pl.alts {
			said = append(said, a[0])
		}
		// The situation's reasons go first, right after the no: after
		// the offer they would read as an afterthought ("You can have
		// Sunday off. We have the wedding that day").
		at := 0
		for at < len(pl.body) && position(pl.body[at]) {
			at++ // after the no said in the body
		}
		pl.body = slices.Insert(pl.body, at, sc.moreFacts(said, pl.refusal, req.Draft, 2)...)
	}
	// A lead-in names what worries us only when nothing else does.
	concern := stated || len(pl.body) > 0
	if !concern && a.ok() && a.shared == "" {
		forms := f.Lead[level]
		if ackNamesRequest && len(pl.acks) > 0 {
			forms = f.LeadIt[level]
		}
		for _, form := range forms {
			if s, ok := fillAll(form, vals); ok {
				pl.leads = append(pl.leads, s)
			}
		}
		pl.lead = level != guide.LevelMild && req.Channel != "chat"
	}
	// Going along ("go for it", "I'm behind 1 July"): nothing to hold
	// firm, no slot to fill, no question to add.
	goesAlong := stanceNote[rep.Stance] != "" && !stated && !bare && !choice && len(pl.alts) == 0
	if goesAlong {
		pl.noInvite = true
	}
	if !reasoned(pl.body) && !goesAlong {
		// Nothing of the draft's own reasoning survives: one marked slot
		// for the reason, never an invented one.
		pl.body = append(pl.body, f.ReasonForm)
		pl.notes = append(pl.notes, f.ReasonNote)
		pl.leads = nil // the reason slot voices the concern
	}
	if inPlace {
		for _, p := range rd.pieces {
			if p.class == classProposal {
				pl.hasAlt = true
			}
		}
	}
	if len(pl.alts) == 0 && !pl.hasAlt {
		// An offer in any form kept in the body ("The 09:45 has 72
		// seats left", "either X or Y", "next Monday is fine") is the
		// alternative: no slot beside it.
		for k, b := range pl.body {
			if k == 30 {
				break // (a bound on the work: an offer comes early or not at all)
			}
			if len(b) < 400 && offerInBodyRE.MatchString(b) {
				pl.hasAlt = true
				break
			}
		}
	}
	if len(pl.alts) == 0 && !pl.hasAlt && !goesAlong {
		// The situation's own alternative ("The writer would rather cap
		// registrations at 400") before a slot.
		for _, o := range sc.options(pl.body) {
			pl.alts = append(pl.alts, []string{o})
		}
	}
	// A bare time the offer says again ("7am tomorrow." beside "I could
	// have a cut version up by 7am tomorrow") is a scrap.
	said := func(t string) bool {
		for _, a := range pl.alts {
			if strings.Contains(strings.ToLower(a[0]), t) {
				return true
			}
		}
		return false
	}
	for i, b := range pl.body {
		// "... at 32:10. 7am tomorrow.": the scrap at a sentence's end.
		if k := strings.LastIndex(b, ". "); k > 0 && len(b)-k < 40 {
			t := strings.ToLower(strings.TrimRight(strings.TrimSpace(b[k+2:]), ".!… "))
			if t != "" && wordCount(t) <= 3 && heldNumberRE.MatchString(t) && said(t) {
				pl.body[i] = b[:k+1]
			}
		}
	}
	pl.body = slices.DeleteFunc(pl.body, func(b string) bool {
		if len(b) > 40 {
			return false
		}
		t := strings.ToLower(strings.TrimRight(strings.TrimSpace(b), ".!… "))
		if t == "" || wordCount(t) > 3 || !heldNumberRE.MatchString(t) {
			return false
		}
		for _, o := range append(slices.Clone(pl.body), pl.after...) {
			if o != b && strings.Contains(strings.ToLower(o), t) {
				return true
			}
		}
		return said(t)
	})
	pl.body = verbless(f, pl.body, req.Draft, req.Situation)
	pl.body = dropEchoes(pl.body, pl.acks, pl.alts)
	for _, a := range pl.alts {
		if len(a) > 0 && whichRE.MatchString(a[0]) {
			pl.noInvite = true // "Could you tell me which by 2pm?": asked already
		}
	}
	for _, b := range pl.body {
		if whichRE.MatchString(b) {
			pl.noInvite = true
		}
	}
	if len(pl.alts) > 0 {
		// "Let me know which by noon" asks of the options: after them.
		for k := 0; k < len(pl.body); k++ {
			if whichRE.MatchString(pl.body[k]) {
				pl.after = append(pl.after, pl.body[k])
				pl.body = slices.Delete(pl.body, k, k+1)
				pl.noInvite = true // asked already
				k--
			}
		}
	}
	for _, a := range pl.alts {
		for k := range a {
			a[k] = unsplicedQuestion(earliest(a[k]))
			if k == 0 && strings.Contains(a[k], "? ") {
				pl.noInvite = true // it asks already
			}
		}
	}
	for k := range pl.body {
		pl.body[k] = unsplicedQuestion(pl.body[k])
	}
	if len(pl.alts) == 0 && !pl.hasAlt && !goesAlong {
		// Any clause of the writer's with a time, a day, a date or an
		// amount it does not refuse is the offer ("Thursday 6pm
		// earliest.", "We lift tomorrow 6am"): no slot beside it.
		for k, b := range pl.body {
			if k < 30 && len(b) < 400 && timedOffer(b) && timesFromDraft(b, req.Draft) {
				pl.hasAlt = true
				break
			}
		}
	}
	if len(pl.alts) == 0 && !pl.hasAlt && !goesAlong && namesOffer(pl.body, req.Situation) {
		// "Apply for some other dates.", "Can bump headline sizes.",
		// "Janet.", "If you want it, it's 6 dishes", "Bay 7 dey free":
		// the draft names the way forward, so no slot beside it.
		pl.hasAlt = true
	}
	if len(pl.alts) == 0 && !pl.hasAlt && !goesAlong && req.Audience == guide.AudienceReport && slices.ContainsFunc(pl.body, func(b string) bool { return directive(b) || ultimatumRE.MatchString(b) }) {
		// To someone who reports to the writer, the instruction is the
		// way forward ("Rugs on by 5, every horse", "Be there.", "Refit
		// hid afore hid goes back on or thoo're gaan hame."): no slot
		// beside it, and it is not asked (see noInvite below).
		pl.hasAlt = true
	}
	if len(pl.alts) == 0 && !pl.hasAlt && !goesAlong {
		pl.slot = true
		pl.notes = append(pl.notes, f.SlotNote)
	}
	pl.invites = f.Invite[level]
	if len(pl.alts) == 0 && len(pl.after) == 0 && len(pl.body) > 0 && namedPerson(pl.body[len(pl.body)-1], req.Situation) {
		pl.noInvite = true // "..., it's over my limit. Janet.": pointed to who can, not asked
	}
	for _, a := range pl.alts {
		if !slices.Contains(offered, a[0]) {
			offered = append(offered, a[0])
		}
	}
	switch {
	case goesAlong:
	case ownInviteRE.MatchString(req.Draft):
		pl.noInvite = true // "let me know what you think": asked already
	case slices.ContainsFunc(pl.body, ultimatumRE.MatchString) || slices.ContainsFunc(pl.after, ultimatumRE.MatchString):
		// "Refit hid afore hid goes back on or thoo're gaan hame.",
		// "Otherwise look for someone else.": readers of rounds 56-57
		// found "Does that work for you?" after it the worst of the
		// rebuild's stock lines.
		pl.noInvite = true
	case choice && (len(offered) >= 2 || twoWays) || choices(offered):
		pl.invites = []string{f.InviteChoice}
	case firmStakes && (stated || mustCmd):
		pl.noInvite = true // a must-not-do ends on the way forward
	case req.Stakes == guide.StakesCritical && mustNotInBody(pl.body, pl.refusal):
		pl.noInvite = true // "You do not run the bars without the washdown": not asked
	case req.Audience == guide.AudienceReport && (instructs(pl.alts) || len(pl.alts) == 0 && slices.ContainsFunc(pl.body, directive)):
		pl.noInvite = true // "Please run one more cycle", "Be at muster station C by 1:45.": an instruction
	case req.Audience == guide.AudienceReport && stated && !choice:
		pl.noInvite = true // a manager's no to a report ends on what they can do, not on "Would that work for you?"
	}
	return pl
}

// ultimatumRE: a sentence that ends on what happens to them otherwise
// ("... or you're going home", "Otherwise look for someone else", "or I
// can't fit you in at all").
var ultimatumRE = lazyRegexp(`(?i)\b(?:or|otherwise|else),?\s+(?:else\s+)?(?:you|ye|thoo|yous|y'all|u)(?:'re|’re|'ll|’ll|\s+(?:will|are|go|going|gaan|can't|cannot|have to|get))\b|\botherwise\b[^.?!]*\b(?:look|find|get|try)\s+(?:for\s+)?(?:someone|somebody)\b|\bor (?:I|we) (?:can'?t|won'?t|will not|cannot)\b|\bor (?:I|we)(?: will|'ll|’ll)\W*$`)

// relist gives back the "and" a list lost with the blame the softening
// took out ("Sharma hasn't signed off the reo, there's 40mm of rain
// forecast, and if you'd bothered..." -> "..., and there's 40mm of rain
// forecast").
func relist(p piece) string {
	if len(p.blunt) == 0 || !strings.Contains(p.orig, ", and ") || strings.Contains(p.text, " and ") {
		return p.text
	}
	i := strings.LastIndex(p.text, ", ")
	if i <= 0 || !clauseStartRE.MatchString(p.text[i+2:]) || !finiteVerb(p.text[:i]) {
		return p.text // ("On top of that, the teams were promised": no list)
	}
	return p.text[:i] + ", and " + p.text[i+2:]
}

// spliceRE: a comma before a clause of its own ("..., it's not a
// dispatchable item").
var spliceRE = lazyRegexp(`, (?:it(?:'s| is)|that(?:'s| is)|this is|there(?:'s| is)|it \p{Ll}+ed) `)

var clauseStartRE = lazyRegexp(`(?i)^(?:there(?:'s| is| are)|it(?:'s| is)|we|I|they|he|she|the|this|that)\b`)

// factHead returns the fact or the no a blaming clause opens with ("That
// is a HIPAA breach, and frankly someone in your position should know
// better" -> "That is a HIPAA breach"; "It's not coming back, don't ask
// again" -> "It's not coming back"), or "".
func factHead(p piece) string {
	m := headSplitRE.FindStringIndex(p.text)
	if m == nil {
		return ""
	}
	head := strings.TrimSpace(p.text[:m[0]])
	if rest, ok := strings.CutPrefix(head, "Never "); ok && wordCount(rest) >= 3 {
		// "Never skip the second check on IV potassium, I don't care how
		// busy it is": the rule, said as ours.
		return "We never " + rest
	}
	if wordCount(head) < 4 || !finiteVerb(head) && !keepNoRE.MatchString(head) {
		return ""
	}
	if k := classes().classify(head).class; k != classFact && k != classConsequence && !calmNoRE.MatchString(head) && !keepNoRE.MatchString(head) {
		return ""
	}
	return head
}

var (
	// followsOfferRE: a sentence that speaks of the offer before it.
	followsOfferRE = lazyRegexp(`(?i)^(?:otherwise|until then|failing that|if not)\b`)
	// notRealisticRE: a judgement that says the no ("I don't think Monday
	// is realistic").
	notRealisticRE = lazyRegexp(`(?i)\b(?:isn't|is not|not) realistic\b|\bdon't think\b.*\brealistic\b|\bwon't work\b`)
	// declinedRE: a no said as a notice.
	declinedRE = lazyRegexp(`(?i)\b(?:your|the|this) (?:request|application|proposal|order)\b.*\b(?:is|has been) (?:declined|denied|rejected|not approved|refused)\b`)
	// ifYouWantRE: an order offered, not given ("... if you want").
	ifYouWantRE = lazyRegexp(`(?i)\bif you (?:want|like|prefer|'d like|would like)\b`)
	// timeOrRE: a time, or another way ("next sprint or swap something out").
	timeOrRE = lazyRegexp(`(?i)^((?:next|this|the following) \p{L}+|tomorrow|\p{L}+day(?: \p{L}+)?) or ((?:we )?\p{Ll}+ .+)$`)
	// clippedNoRE: a clipped no before its reason ("not by 5, assays
	// aren't back").
	clippedNoRE = lazyRegexp(`(?i)^not ((?:with|without) [^,]{3,40}|(?:by|before|until) [\p{L}\d:.]+|\p{L}+day|today|tonight|tomorrow),\s+(.+)$`)
	// earliestRE: the time they can have instead ("Tuesday is the
	// earliest, if Wen gets the dims back").
	earliestRE = lazyRegexp(`(?i)^\p{L}+(?: \p{L}+)? (?:is|would be) (?:the )?earliest\b|^(?:the )?earliest\b`)
	// ownOfferRE: what the writer will do ("I'll turn it round the same
	// day", "we can send the logs").
	ownOfferRE = lazyRegexp(`(?i)^(?:then\s+)?(?:we|I)(?:'ll| will| can| could) (?:\p{L}+ )?\p{L}`)
)

var headSplitRE = lazyRegexp(`,\s+(?:and\s+)?(?:don'?t|do not|never)\s+(?:ever\s+)?(?:ask|call|ring|phone|message|email|text|push|chase|bother|contact)\b|\s+and\s+frankly\b|,\s+(?:(?:and|but)\s+)?(?:frankly\s+|honestly\s+)?(?:I (?:don't|do not|couldn't) care|whatever)\b|,\s+(?:and|but)\s+`)

// pick is a when a, else b.
func pick(a bool, x, y guide.Level) guide.Level {
	if a {
		return x
	}
	return y
}

// joinClauses reads clauses that belong together before the loop: the
// clause before an ultimatum's tail is the offer (its index is marked);
// an order joined to the threat after it is part of the threat; a
// promise after an order goes with it; an order and its colon ("Split
// it: ship the code change now, and drop the column Tuesday"); an order
// and what follows it ("Pour on a wet subgrade and you get a cracked
// slab" -> "If we pour on a wet subgrade, you get a cracked slab"); and a
// clause that only speaks of a dropped one ("stop leaning on my
// engineers, they've got enough on") goes with it.
func joinClauses(pieces []piece) map[int]bool {
	offer := map[int]bool{}
	for i := 1; i < len(pieces); i++ {
		p, q := &pieces[i], &pieces[i-1]
		if q.sent != p.sent {
			continue
		}
		lead := strings.ToLower(p.lead)
		switch {
		case p.class == classRefusal && p.form == "dont" && strings.Contains(lead, "or") && (q.class == classFact || q.class == classConsequence || q.class == classProposal):
			offer[i-1] = true
		case dropped(p.class) && q.class == classCommand && strings.Contains(lead, "and"):
			q.match = match{class: p.class}
		case q.class == classCommand && strings.Contains(lead, "and") && (p.class == classFact || p.class == classConsequence) && weCanRE.MatchString(p.text):
			// "Fix the three open bugs first and we can talk": the promise
			// goes with the proposal.
			q.text = strings.TrimRight(q.text, ".!?… ") + ", and then " + strings.TrimRight(p.text, ".!?… ")
			consume(p)
		case q.class == classCommand && strings.HasPrefix(strings.TrimSpace(p.lead), ":") && (p.class == classCommand || p.class == classFact):
			q.text = strings.TrimRight(q.text, ".!?…: ") + ": " + lowerFirst(p.text)
			consume(p)
		case strings.TrimSpace(lead) == "and" && (p.class == classFact || p.class == classConsequence) && (subjectStartRE.MatchString(p.text) || writerActsRE.MatchString(p.text)) && conditionalOrder(q) && !anySplice(q.text) && !noticeRE.MatchString(q.text):
			// "Pour on a wet subgrade and you get a cracked slab": a
			// condition and what follows from it.
			vp, neg, _ := commandVP(q.text)
			switch {
			case q.class == classCommand && !neg && vp != "" && meRE.MatchString(vp):
				// "Give us 5 working days and we launch clean": an offer
				// on a condition they meet.
				q.text = "If you " + vp + ", " + strings.TrimRight(p.text, " ")
				q.match = match{class: classProposal}
				consume(p)
				continue
			case q.class == classCommand && !neg && vp != "" && writerActsRE.MatchString(p.text):
				// "Do it again and I'm pulling your jacket": what the
				// writer does if they do it (the rebuild had asked "Could
				// you do it again?"; round 61).
				q.text = "If you " + vp + ", " + strings.TrimRight(p.text, " ")
			case q.class == classCommand && !neg && vp != "":
				q.text = "If we " + vp + ", " + strings.TrimRight(p.text, " ")
			default:
				q.text = "If " + lowerFirst(strings.TrimRight(q.text, ".!?… ")) + ", " + strings.TrimRight(p.text, " ")
			}
			q.match = match{class: classConsequence}
			consume(p)
		case dropped(q.class) && !dropped(p.class) && (p.class == classFact || p.class == classConsequence || p.class == classRefusal) && (followerRE.MatchString(p.text) && !heldNumberRE.MatchString(p.orig) || strings.Contains(lead, "because")):
			// "stop leaning on my engineers, they've got enough on",
			// "..., because I won't"; a clause with a number says
			// something of its own ("why are you asking me, it's on the
			// portal, updated 10 min ago").
			p.match = match{class: q.class}
		}
	}
	return offer
}

// consume marks a clause said with the one before it.
func consume(p *piece) {
	p.match = match{class: classInjection}
	p.orig = ""
}

// writerActsRE: a clause in which the writer says what they will do.
var writerActsRE = lazyRegexp(`(?i)^(?:I'm|I’m|I am|I'll|I’ll|I will)\s+\p{L}`)

var (
	// subjectStartRE: a clause with a subject of its own.
	subjectStartRE = lazyRegexp(`(?i)^(?:you|we|it|they|that|this|there|the \w+)\b`)
	// followerRE: a clause that only speaks of the one before it.
	followerRE = lazyRegexp(`(?i)^(?:they|them|it|that|this|he|she|which|because)\b`)
	// youDoRE: "You delete a single one of them".
	youDoRE = lazyRegexp(`(?i)^you\s+\p{L}+`)
)

// conditionalOrder: an order, or "you" doing something, before "and"
// and its outcome.
func conditionalOrder(q *piece) bool {
	if q.class == classCommand {
		_, neg, _ := commandVP(q.text)
		return !neg
	}
	if q.class != classFact {
		return false
	}
	t := strings.ToLower(q.text)
	return youDoRE.MatchString(q.text) && !strings.HasPrefix(t, "you can") && !strings.HasPrefix(t, "you'll") && !strings.HasPrefix(t, "you're") && !strings.HasPrefix(t, "you've") && !strings.HasPrefix(t, "you'd")
}

// joinTail adds a clause that follows an alternative to it, with the
// draft's own joint: "I'd recommend we submit on the 10th, complete" +
// ", and " + "we're done with it".
func joinTail(alt, lead, text string) string {
	text = strings.TrimSpace(text)
	if strings.Trim(lead, " ,") == "or" && strings.HasSuffix(alt, "?") {
		// "Tell me which by 2pm or it's Tuesday" -> "Could you tell me
		// which by 2pm? Otherwise it's Tuesday."
		return alt + " " + finishSentence("Otherwise "+lowerStart(stripLeadingConjunction(text)))
	}
	if lead = strings.TrimRight(lead, " "); strings.TrimSpace(lead) == "" || strings.HasSuffix(alt, "?") {
		return alt + " " + finishSentence(capitalise(stripLeadingConjunction(text)))
	}
	body := strings.TrimRight(alt, ".!… ")
	return finishSentence(body + lead + " " + lowerStart(text))
}

// refusalSentence says a stated refusal at the stakes: at high and
// critical stakes the writer's own "I'm not signing the CRS" stands as
// written, and "we are not emailing the records" becomes "We can't email
// the records"; below them it is held off at the level.
func (r *Rules) refusalSentence(p piece, ing string, firmStakes bool, level, mustLevel guide.Level, a ask) string {
	f := classes().forms
	if _, _, _, spliced := splicedClause(ing); spliced || unsoundSlot(ing) || strings.Contains(ing, " and then ") {
		// "Not doing a double Sat, did 3 last wk", "not redoing 24
		// slides bc brad has feelings", "not going to have four people
		// rush it out and then get the complaints": the no and its
		// reason or its sequel, which no form of ours holds ("Could we
		// hold off on doing a double Sat, did 3 last wk?"); the writer's
		// words.
		return finishSentence(capitalise(p.text))
	}
	if firmStakes {
		if ownRefusalRE.MatchString(p.text) {
			return p.text
		}
		if base := baseFromGerund(ing); base != "" {
			subj := "We"
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(p.text)), "i") {
				subj = "I" // "I'm not signing" -> "I can't sign"
			}
			return fill(f.Refuse.CantFirm, map[string]string{"vp": base, "Subj": subj})
		}
		return fill1(f.HoldIng[mustLevel], "request", pronounObject(ing, a))
	}
	if ownRefusalRE.MatchString(p.text) && level != guide.LevelMild {
		// "I'm not bumping paying passengers": a no to what the writer
		// cannot do stays a no, said calmly, never a preference.
		if base := baseFromGerund(ing); base != "" {
			subj := "we"
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(p.text)), "i") {
				subj = "I"
			}
			return fill(f.Refuse.Cant, map[string]string{"vp": base, "subj": subj})
		}
	}
	if vp := refusalVP(p.text); vp != "" {
		return fill(f.HoldVP[level], map[string]string{"vp": vp, "request": gerund(vp)})
	}
	return fill1(f.HoldIng[level], "request", pronounObject(ing, a))
}

var (
	// notReadyRE: "It's not ready", "not done yet": a time after it is
	// when it will be.
	notReadyRE = lazyRegexp(`(?i)\b(?:not|isn'?t|aren'?t) (?:quite )?(?:ready|done|finished|there)(?: yet)?\W*$|\bnot yet\W*$`)
	// offerInBodyRE: a sentence that offers something, whatever its form.
	offerInBodyRE = lazyRegexp(`(?i)\b(?:I|we|you|she|he|they|the \w+)(?:'ll| will| can| could)(?: also| still| then)? (?:do|have|give|offer|book|film|truck|run|ship|send|take|go|get|start|tag|join|use|launch|move|deliver|put|spin|make|hold|extend|keep|turn|fit|cover|try|pay|open|arrange|set|squeeze|swap|lend|provide|bring|add)\b|\bI(?:'ve| have) already (?:booked|arranged|ordered|set up|scheduled|lined up)\b|\beither\b.+\bor\b|\bhas (?:about |only |still )?\d[\d,]* (?:\w+ )?(?:seats|places|slots|spaces|rooms|tickets|beds|tables|spots|pallets|units|copies)(?: \w+)? (?:left|free|spare|available)\b|\b(?:is|are|'s) (?:still )?(?:fine|free|open|available)\b|\bwhat (?:we|I) (?:could|can) do\b|\b(?:I|we|they|she|he)(?:'ll| will) \w+ (?:till|until|from|by|on)\b|^if [^,]{3,80}[, ] ?(?:take|use|move|book|swap|put)\b|\binstead\b|\bhow about\b|\bI'?d suggest\b|^if [^,]{3,80}, (?:launch|do|book|take|use|go|move|send|run|ship)\b|\b(?:next|on) (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: is)? (?:fine|ok|okay|works)\b`)
	// ownRefusalRE: the writer's own refusal, firm and calm as written.
	ownRefusalRE = lazyRegexp(`(?i)^I(?:'m| am) not \p{L}+ing\b|^I (?:won'?t|will not) \p{L}+`)
	// wontRE: a refusal of will ("Not doing that"), not of ability.
	wontRE = lazyRegexp(`(?i)\bnot doing (?:that|this|it)\b|\bforget it\b|\bnot (?:gonna|going to) happen\b`)
	// abdicateRE: an order that hands the call over ("do it however you
	// want", "load it how you see fit"); andDontRE: a second, negative order
	// hung on the first ("... and don't touch the template again").
	abdicateRE = lazyRegexp(`(?i)\b(?:how|however|whatever|what|wha|wherever|whichever)(?:ever)?\s+(?:you|u|ye|y'all|yall)\s+(?:see fit|want|wanna|like|think best|think|prefer|reckon|fancy|decide)\b`)
	goOnRE     = lazyRegexp(`(?i)^\W*(?:(?:aye|yeah|ok|okay|sure|right)[,\s]+)?go on(?:\s+(?:so|then|ahead))?\b`)
	andDontRE  = lazyRegexp(`(?i)\s+and\s+(?:don'?t|don’t|do not|never)\s+\p{L}`)
	// dontThinkRE: "Don't think ...", "dont reckon ...": the writer's "I
	// don't think" with its "I" dropped, not an order.
	dontThinkRE = lazyRegexp(`(?i)^\W*(?:do not|don'?t|don’t)\s+(?:think|reckon|believe|feel|see why|know if|know whether)\b`)
	// calmNoRE: a refusal already said as a rule, calmly.
	calmNoRE = lazyRegexp(`(?i)^(?:we|I) (?:do not|don'?t|never|cannot|can'?t) \p{L}+`)
	// closingUltimatumRE: "Those are the options".
	closingUltimatumRE = lazyRegexp(`(?i)\b(?:options|choices|only option)\b`)
	// pickRE: "Pick one", "Your call".
	pickRE = lazyRegexp(`(?i)^(?:pick|choose|take your pick|decide)\b`)
	// reportedRE: someone else's verdict ("Raj thinks it's").
	reportedRE = lazyRegexp(`(?i)\b(?:thinks|says|reckons|feels|believes|agrees|said|thought)\b`)
	// ownInviteRE: the draft already asks for their view.
	ownInviteRE = lazyRegexp(`(?i)\b(?:let me know (?:what you think|if|how|by|before|today|tonight|tomorrow|this|asap|as soon)|(?:please )?confirm (?:by|before)|what do you think|happy to (?:talk|discuss|chat|go through)|shall I\b|does (?:that|this) work|would (?:that|this) work|how does (?:that|this) sound|your call|your decision)`)
)

// pronounRefusal: "doing that" refuses nothing it names.
func pronounRefusal(ing string) bool {
	switch strings.ToLower(strings.TrimRight(ing, ".!? ")) {
	case "doing it", "doing that", "doing this", "doing that anymore", "doing it anymore":
		return true
	}
	return false
}

// refusingDraft: the draft refuses or judges something, so a lone date
// in it is the time it offers instead.
func refusingDraft(rd reading) bool {
	for _, p := range rd.pieces {
		if p.class == classRefusal || p.class == classJudgement {
			return true
		}
	}
	return false
}

// dateFragment returns a sentence that is only a time or an amount
// ("Friday.", "Thursday morning, 10k."), said as what they could have
// instead, or "".
func dateFragment(p piece, rd reading) string {
	for _, q := range rd.pieces {
		if q.sent == p.sent && q.idx != p.idx {
			return ""
		}
	}
	t := strings.TrimRight(strings.TrimSpace(p.text), ".!… ")
	if t == "" || wordCount(t) > 6 || finiteVerb(t) || verbLikeRE.MatchString(t) || !hasFacts(t) || strings.HasSuffix(t, "?") {
		return "" // ("Board arrives Friday" says something; "Friday." offers a time)
	}
	if w := strings.ToLower(firstWordOf(t)); verbSet()[w] || orderLeads[w] {
		return "" // "Let me know by Friday." asks, it offers no time
	}
	// "Nuh pan Saturday.": a day refused, not offered.
	if w := strings.ToLower(firstWordOf(t)); negWords[w] {
		return ""
	}
	// "Waited 52 minutes. 52.": a figure said again is emphasis, not an
	// offer.
	for _, q := range rd.pieces {
		if q.idx < p.idx && slices.Contains(strings.FieldsFunc(q.orig, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), t) {
			return ""
		}
	}
	// "Free Thursday" offers Thursday; "18mm forecast" is a reason.
	o := bareOffer(t)
	if w := firstWordOf(o); timeLeadWords[strings.ToLower(w)] {
		o = strings.ToLower(w) + o[len(w):] // "How about next Sat?", never "Next Sat"
	}
	return lowerStart(o)
}

// briefVoiceRE: words of a brief about the people in it, wrong in a
// message to one of them.
var briefVoiceRE = lazyRegexp(`(?i)\bthe writer\b|\b(?:her|his|him|she|he)\b`)

// negWords open a no in a few words ("Nuh pan Saturday.", "Not Friday.").
var negWords = setOf(`no not nuh nah never nope`)

// orderLeads open an order or a request that the verbs list does not
// hold ("Let me know by Friday.", "Please confirm by 5pm.").
var orderLeads = setOf(`let please kindly pls just do don't dont confirm`)

// npBeforeThreat returns the amount or time before an ultimatum ("1.09
// or find another agent" -> "1.09"), or "".
func npBeforeThreat(s string) string {
	m := threatRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	np := strings.TrimSpace(m[1])
	if wordCount(np) > 5 || finiteVerb(np) || !hasFacts(np) {
		return ""
	}
	return bareOffer(np)
}

// factList joins a verbless list of facts that opens with a number
// ("38% sell-through, 600 units sitting in the DC") for "We have ...", or
// returns "".
func factList(s string) string {
	t := strings.TrimRight(strings.TrimSpace(s), ".!… ")
	if t == "" || t[0] < '0' || t[0] > '9' {
		return ""
	}
	parts := strings.Split(t, ", ")
	if len(parts) < 2 {
		// One part may be a clause whose verb the test does not know
		// ("12% of scans fail in testing"): "We have" would break it.
		return ""
	}
	for i, part := range parts {
		parts[i] = strings.TrimSpace(strings.TrimPrefix(part, "and "))
		if parts[i] == "" || !hasFacts(parts[i]) {
			return ""
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// orChoice splits an order that offers a choice ("take them or wait for
// the next batch on the 14th") into its two options, or returns "", "".
func orChoice(vp string) (string, string) {
	a, b, ok := strings.Cut(vp, " or ")
	if !ok || strings.Contains(b, " or ") {
		return "", ""
	}
	a, b = strings.TrimRight(strings.TrimSpace(a), ","), strings.TrimSpace(b)
	if !verbSet()[strings.ToLower(firstWordOf(b))] || wordCount(a) < 1 || threatTailRE.MatchString(b) || strings.HasPrefix(strings.ToLower(b), "find another") {
		return "", ""
	}
	return a, b
}

// optionSentence says a second option ("Or pay them the $14k callout",
// "Otherwise swap to G-OTRF") as one, or returns "" for any other
// proposal.
func (r *Rules) optionSentence(alt string, level guide.Level) string {
	f := classes().forms
	lower := strings.ToLower(alt)
	var rest, form string
	switch {
	case strings.HasPrefix(lower, "or "):
		rest, form = strings.TrimSpace(alt[3:]), f.OrWe
	case strings.HasPrefix(lower, "otherwise"):
		rest, form = strings.TrimLeft(alt[len("otherwise"):], ", "), f.OtherwiseWe
	default:
		return ""
	}
	if w := strings.ToLower(firstWordOf(rest)); verbSet()[w] && !nounSubject(rest) {
		vp := lowerFirst(strings.TrimRight(rest, ".!?… "))
		if meRE.MatchString(vp) {
			// "Or give me a leasing assistant": theirs to do, never
			// "Or we could give me".
			return finishSentence(capitalise(fill1(f.Command.Ask, "vp", vp)))
		}
		return finishSentence(fill1(form, "vp", commandObjects(vp)))
	}
	if strings.HasPrefix(lower, "or ") {
		return finishSentence("Or " + rest)
	}
	return finishSentence("Otherwise, " + rest)
}

// passiveToRE: "to be" and a participle ("to be cleared", "to be
// deployed").
var passiveToRE = lazyRegexp(`\bto be \p{Ll}+(?:ed|en|ne|wn|ng|lt|nt)\b`)

// clippedCantRE: a no of one verb with no subject ("Cannot skip.", "Can't
// do.").
var clippedCantRE = lazyRegexp(`(?i)^(?:cannot|can't|can not)\s+\p{L}+\W*$`)

// pleaseTailRE: the "please" an order ends on.
var pleaseTailRE = lazyRegexp(`(?i),?\s+please$`)

// commandForms say an order as the audience takes it: to someone who
// reports to you, "Please ..."; to a peer, "Let's ..."; to a leader or a
// client, a proposal at the level; "Could you ...?" when the order
// speaks of the writer ("send it to me by Thursday").
func (r *Rules) commandForms(vp string, level guide.Level, req Request) []string {
	f := classes().forms
	vp = strings.TrimRight(vp, ".!?… ")
	if splicedIn(vp) {
		// "Switch to the cheaper provider at 7k, saves 5k and we keep
		// offsite copies": no form holds the clause spliced on; the
		// order as written.
		return []string{finishSentence(capitalise(vp))}
	}
	// A reply is always to me ("Please revert before 6pm", Indian
	// English for "reply"): theirs to send, never a "Let's".
	mine := meRE.MatchString(vp) || replyVerbRE.MatchString(vp) || elsewhereRE.MatchString(vp) || yourselfRE.MatchString(vp)
	switch {
	case req.Audience == guide.AudienceReport:
		// "check there first please" is asked with one "please".
		return []string{finishSentence(fill1(f.Command.Report, "vp", pleaseTailRE.ReplaceAllString(vp, ""))), finishSentence(fill1(f.Command.Ask, "vp", vp))}
	case mine:
		return []string{finishSentence(fill1(f.Command.Ask, "vp", vp))}
	case req.Audience == guide.AudiencePeer:
		return append([]string{finishSentence(fill1(f.Command.Peer, "vp", commandObjects(vp)))}, r.proposeForms(vp, level)...)
	}
	return r.proposeForms(vp, level)
}

// elsewhereRE: an order to take the request to someone else ("ask
// someone else", "try someone else", "find somebody else"): theirs to do,
// never "Could we ask someone else instead?" (rounds 111 and 113).
var elsewhereRE = lazyRegexp(`(?i)^(?:\p{L}+\s+){0,2}(?:ask|try|find|get|use|see|go to|check with|call|ring|message)\s+(?:(?:someone|somebody|anyone|anybody)\s+else|another\s+\p{L}+|other\s+\p{L}+|a different\s+\p{L}+)\b`)

// yourselfRE: an order they are to do themselves ("swap it on the rota
// yersel"): never "Could we swap it on the rota yersel instead?" (round
// 121).
var yourselfRE = lazyRegexp(`(?i)\b(?:yourself|yourselves|yersel|yerself|yoursel|yersen|yoursen)\b`)

// subordinateOpenRE: a sentence that opens with its condition, whose
// comma joins it to what follows ("If a roofer goes through ..., it's me
// in front of the HSE"): never a semicolon.
var subordinateOpenRE = lazyRegexp(`(?i)^\W*(?:if|when|unless|because|since|although|though|while|once|until|after|before|as soon as|whenever)\b`)

// splicedIn: an order with a clause spliced on without its subject
// ("Switch to the cheaper provider at 7k, saves 5k"): no condition to
// build on ("If we switch ..., saves 5k, we keep ...").
func splicedIn(s string) bool {
	_, _, own, ok := splicedClause(s)
	return ok && !own
}

// anaphorRE: a sentence that opens by pointing back ("he owes you one",
// "she wants hours", "they're both around").
var anaphorRE = lazyRegexp(`(?i)^\W*(?:he|she|they|him|her|them)\b|^\W*(?:he|she|they)['’]`)

// timeLeadWords open a time said as a noun phrase ("next Sat", "this
// afternoon", "end of day"), lower case inside a sentence.
var timeLeadWords = setOf(`next this the tomorrow tonight today end early late first`)

// anySplice: a clause spliced on after a comma, with or without its
// subject ("Please note we cannot add 50 guests, the hall is 300 max").
func anySplice(s string) bool {
	_, _, _, ok := splicedClause(s)
	return ok
}

// noticeRE: a formal notice, never an order or a condition ("Please
// note ...", "Kindly be informed ...").
var noticeRE = lazyRegexp(`(?i)^\W*(?:please\s+|kindly\s+|just\s+)?(?:note|be (?:informed|advised|aware)|find attached|see attached|(?:ring|call|phone|text|email|message|give) (?:me|us)\b(?:\s+a\s+(?:ring|call|bell|shout))?\s+(?:on|at|with|if|when|any ?time|anytime|back))\b`)

// byTimeRE: a time said with "by", "till" or "from" ("120 by 6, rest by
// 8"): an offer, never a list of what we have ("We have 120 by 6").
var byTimeRE = lazyRegexp(`(?i)\b(?:by|till|until|from)\s+\d{1,2}(?::\d\d)?(?:\s?[ap]m)?\b`)

// replyVerbRE: an order only they can carry out: to reply ("revert by
// 6pm", "confirm by Friday"), to pay, sign, approve or apply ("Pay the
// S$18,460 first" is never "Can we pay the S$18,460 first?").
var replyVerbRE = lazyRegexp(`(?i)^\W*(?:kindly\s+|please\s+)?(?:revert|reply|respond|confirm|get back|write back|call back|ring back|pay|sign|countersign|approve|authorise|authorize|apply|submit|drop (?:it|them|the \w+) (?:in|off|round)|bring|come|pop (?:it|them|in|round))\b`)

// meRE: words for the writer, which a "we" proposal cannot hold.
var meRE = lazyRegexp(`(?i)\b(?:me|my|mine|I|us|our)\b`)

// instructs: the alternatives are instructions ("Please ...").
// orKept: a clause after the i-th in its sentence, joined by "or", is
// kept (not left out as blame or a threat).
func orKept(rd reading, i int) bool {
	for _, q := range rd.pieces[i+1:] {
		if q.sent != rd.pieces[i].sent {
			break
		}
		if strings.Contains(strings.ToLower(q.lead), "or") && !dropped(q.class) {
			return true
		}
	}
	return false
}

// saysRefusal: a clause of rd other than the i-th refuses something it
// names ("I'm not putting my name to it"), so a pronoun no ("I'm not doing
// that") adds nothing.
func saysRefusal(rd reading, i int) bool {
	for j, p := range rd.pieces {
		if j == i || p.class != classRefusal {
			continue
		}
		if ing := refusalObject(p.text); ing != "" && !pronounRefusal(ing) || refusalVP(p.text) != "" {
			return true
		}
	}
	return false
}

// condImperativeRE: an order that is a condition ("Cut it and you'll
// save a page", "Push it and it'll fall over").
var condImperativeRE = lazyRegexp(`(?i)^\W*\p{L}+(?:\s+\p{L}+){0,6}?\s+and\s+(?:you|it|we|they|that|there)(?:'ll|’ll| will| would|'d)\b`)

// imperative: sentence b gives an instruction ("Please ring the rental
// house today", "Be at muster station C by 1:45.").
func imperative(b string) bool {
	w := strings.ToLower(strings.Trim(firstWordOf(b), ",.!"))
	return strings.HasPrefix(b, "Please ") || w == "be" || verbSet()[w] && !notOffers[w]
}

// directive: sentence b instructs: an order ("Be there.") or a thing to be
// done by a time ("Rugs on by 5, every horse, check the board"), or a
// part of it starts with an order.
func directive(b string) bool {
	if imperative(b) || byTimeDirectiveRE.MatchString(b) {
		return true
	}
	for _, part := range strings.Split(b, ",")[1:] {
		if imperative(strings.TrimSpace(part)) {
			return true
		}
	}
	return false
}

// byTimeDirectiveRE: something to be in place by a time ("Rugs on by 5",
// "Timesheets in by noon Tuesday").
var byTimeDirectiveRE = lazyRegexp(`(?i)^\W*\p{L}+(?:\s+\p{L}+)?\s+(?:on|in|off|out|done|back|up|down|sorted|signed|filed)\s+(?:by|before)\s+(?:\d|noon|midday|tonight|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)`)

func instructs(alts [][]string) bool {
	return len(alts) > 0 && strings.HasPrefix(alts[len(alts)-1][0], "Please ")
}

// refuseFromAsk says a flat no with the request it refuses, at the
// stakes: "We can't push router firmware 7.2.1 to all 3,000 edge routers
// tonight" (high), "I'm afraid we can't translate the manual by Monday"
// (below), "I can't approve the purchase order for 2,400 more units", "I
// can't give you Saturday 21 June off", "Sorry, I can't let you leave at
// 3pm today" (to someone who reports to you). kind "wont" is a no of will
// ("Not doing that": "I don't think we should book a second venue").
// "" when the situation names no request.
func (r *Rules) refuseFromAsk(a ask, kind string, firmStakes bool, req Request) string {
	rf := classes().forms.Refuse
	subj := "we"
	if a.obj == "me" || a.obj == "" && a.who == "you" {
		subj = "I" // "Can you cover the weekend on-call?": asked of the writer
	}
	vals := map[string]string{"subj": subj, "Subj": capitalise(subj)}
	var form string
	switch {
	case a.approve != "":
		form, vals["np"] = rf.Approve, definite(a.approve)
	case a.vp != "" && a.subj == "" && approvalRE.MatchString(req.Situation):
		// "requested approval to buy a thermal imaging camera"
		form, vals["np"] = rf.Approve, gerund(a.vp)
	case a.vp != "" && a.subj == "" && (a.who == "they" || a.who == "we"):
		vals["vp"], vals["request"] = a.vp, gerund(a.vp)
		switch {
		case firmStakes:
			form, vals["Subj"] = rf.CantFirm, "We"
		case kind == "wont":
			form = rf.Wont
		case req.Audience == guide.AudienceReport:
			form = rf.Let
		default:
			form = rf.Hold
		}
	case a.vp != "" && a.subj == "":
		vals["vp"] = a.vp
		switch {
		case kind == "wont" && !firmStakes:
			form = rf.Wont
		case firmStakes:
			form = rf.CantFirm
		default:
			form = rf.Cant
		}
	case a.np != "":
		vals["np"] = a.np
		form = rf.Get
		toVerb := npToVerbRE.FindStringSubmatch(a.np)
		if toVerb != nil && !classes().verbs[toVerb[2]] && !plainVerbs[toVerb[2]] {
			toVerb = nil
		}
		if firmStakes && !strings.HasPrefix(a.np, "a ") && !strings.HasPrefix(a.np, "an ") && (toVerb != nil || npComplementRE.MatchString(a.np)) {
			form = rf.HaveFirm // "We can't have the new payroll system live on the 1st."
			if toVerb != nil {
				vals["np"] = toVerb[1] + " " + toVerb[2] + toVerb[3] // "the crew of flight 221 fly tonight"
			}
		}
		if strings.HasSuffix(a.np, " off") {
			form = rf.Give
		}
	case a.ing != "":
		vals["request"] = a.ing
		form = rf.Hold
		if firmStakes {
			form = rf.NotIng
			if base := baseFromGerund(a.ing); base != "" {
				// "We can't go live without the penetration test."
				form, vals["vp"], vals["Subj"] = rf.CantFirm, base, "We"
			}
		}
	default:
		return ""
	}
	s, ok := fillAll(form, vals)
	if !ok || wordCount(s) > 30 {
		return ""
	}
	return finishSentence(s)
}

// plainVerbs: common verbs the classifier's list may lack, for "X to fly
// tonight" -> "X fly tonight".
var plainVerbs = setOf(`fly go work start ship launch run leave skip use open close fly drive sail operate sign pay deploy release publish travel stay come`)

var npToVerbRE = lazyRegexp(`^(.+?) to (\p{Ll}+)(\b.*)$`)

var approvalRE = lazyRegexp(`(?i)\b(?:approval|sign-off|permission) (?:to|for)\b`)

// timeRefusal says "not Monday" or "not by 5" as a sentence: "Monday
// won't work.", "I can't do it by 5."
func timeRefusal(f guide.RewriteForms, t string) string {
	t = strings.TrimSpace(t)
	if prepRE.MatchString(t) {
		return finishSentence(fill1(f.Refuse.TimeBy, "time", t))
	}
	return finishSentence(fill1(f.Refuse.Time, "time", capitalise(t)))
}

// position: a sentence that says where we stand and no reason ("I'd
// rather we didn't list at 1.25").
func position(s string) bool { return concernRE.MatchString(s) && wordCount(s) <= 12 }

// thin: the message's own reasons are a few words at most.
func thin(body []string) bool {
	all, reasons := 0, 0
	for _, b := range body {
		all += wordCount(b)
		if !position(b) {
			reasons += wordCount(b)
		}
	}
	return all < 12 || reasons < 6
}

// vocative moves the name a draft opens with into the greeting: "Greg
// mate I don't know how many times..." -> "Greg," and the rest; "Dave we
// got bounced..." -> "Dave,"; "Are you serious Declan?" (left out) ->
// "Declan,". Only a name the situation gives for the person written to.
func (pl *plan) vocative(rd reading, sc scene) {
	if pl.greeting != "" || len(rd.pieces) == 0 || len(sc.names) == 0 {
		return
	}
	p := &rd.pieces[0]
	t := strings.TrimSpace(apostrophes.Replace(p.orig))
	t = strings.TrimSpace(toneData().interjection.ReplaceAllString(t, ""))
	words := strings.Fields(t)
	if len(words) >= 2 {
		name := strings.TrimRight(words[0], ",")
		n := 1
		if nameTitles[strings.ToLower(strings.TrimSuffix(name, "."))] && len(words) >= 3 {
			name, n = name+" "+strings.TrimRight(words[1], ","), 2 // "Mr Lin" as written
		}
		if (sc.names[name] || sc.names[strings.Replace(name, " ", ". ", 1)]) && !strings.HasSuffix(name, "'s") {
			if n < len(words) && vocativeTagRE.MatchString(words[n]) {
				n++
			}
			if rest := strings.Join(words[n:], " "); wordCount(rest) >= 2 {
				pl.greeting, pl.inline = name, true
				if !dropped(p.class) {
					reread(p, rest) // (a jab left out stays out)
				}
				return
			}
		}
	}
	if dropped(p.class) {
		// "Are you serious Declan?", "Ah here Declan, were you in the
		// shop at all?"
		if m := trailingNameRE.FindStringSubmatch(t); m != nil && sc.names[m[1]] {
			pl.greeting, pl.inline = m[1], true
			return
		}
		for i := 1; i < min(len(words), 3); i++ {
			if w := strings.Trim(words[i], ",.!?"); sc.names[w] {
				pl.greeting, pl.inline = w, true
				return
			}
		}
	}
}

var (
	vocativeTagRE  = lazyRegexp(`(?i)^(?:mate|mate,|buddy,?|pal,?)$`)
	trailingNameRE = lazyRegexp(`\s(\p{Lu}\p{Ll}+)\W*$`)
)

// reread reads a clause again after its opening words were moved away.
func reread(p *piece, text string) {
	c := classes()
	p.orig = text
	p.text, p.blunt = toneData().softenBlunt(text)
	p.text = terse(p.text, weRE.MatchString(text))
	if strings.TrimSpace(p.text) == "" {
		p.match = match{class: classVenting}
		return
	}
	p.match = c.classify(p.text)
	if p.class == classFact || p.class == classQuestion {
		if m := c.classify(text); m.class == classRefusal || dropped(m.class) && len(p.blunt) == 0 {
			p.match = m
		}
	}
}

// garbledWanting: an acknowledgement "... wanting X" whose X starts with
// neither a verb nor "to" and a verb, or whose verb's object is missing
// ("wanting to send to an outside vendor").
func garbledWanting(ack string) bool {
	if strings.Contains(ack, "getting ") && passiveToRE.MatchString(ack) {
		// "I know getting the typing backlog to be cleared by Friday
		// matters to you": a request read in the passive, said back
		// as nobody says it.
		return true
	}
	_, rest, ok := strings.Cut(ack, " wanting ")
	if !ok {
		if _, rest, ok = strings.Cut(ack, " want to "); !ok {
			return false
		}
		rest = "to " + rest
	}
	f := strings.Fields(strings.ToLower(strings.TrimRight(rest, ".!")))
	if len(f) == 0 {
		return true
	}
	if f[0] == "to" {
		// "to send to an outside vendor": the verb's object is missing.
		return len(f) < 2 || len(f) > 2 && (f[2] == "to" || f[2] == "for" || f[2] == "with")
	}
	if verbSet()[f[0]] {
		return false
	}
	// "wanting the São Paulo team to handle support" is a goal; "wanting
	// each assessment to take 45 minutes and the team has three
	// assessors" runs on into another clause.
	for _, w := range f {
		switch w {
		case "has", "have", "had", "is", "are", "was", "were", "went":
			return true
		}
	}
	for k, w := range f {
		if w == "to" && k > 0 && k <= 5 && k+1 < len(f) {
			return false
		}
	}
	return true
}
