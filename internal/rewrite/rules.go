package rewrite

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// Rules is the offline engine: no key, no network, deterministic. It reads
// the draft sentence by sentence and clause by clause (internal/draft's
// segmenter), sorts each clause into a class with the cues in
// data/rewrite.json (greeting, fact or reason, consequence, judgement,
// blame, insult, venting, rhetorical question, command, refusal, proposal,
// question, sign-off), and rebuilds the message in the formula's order:
//
//   - an acknowledgement that names their goal, read from the situation
//     ("I know launching the ticket sale on Friday matters to you"), or none
//     when the situation names no request it can say back;
//   - the draft's reasons and facts, kept; judgements made neutral ("X is
//     insane" -> "I'm worried about X"); blame, insults, venting and
//     rhetorical questions left out, each named in the notes;
//   - refusals and commands as proposals or positions at the level's
//     strength; at strong and escalated levels a must-not-do stays one,
//     said calmly ("I can't support discharging Mr. Alvarez today");
//   - the draft's own alternative put forward, or, when it has none, one
//     marked slot ("[what you can offer instead]") and a note saying so;
//   - the draft's own closing question, or an invitation; greeting and
//     sign-off where they were.
//
// It proposes several candidates (acknowledgement forms, proposal and
// invitation wording, with and without a lead-in) and keeps the best by the
// checker plus the independent checks of Inspect. A draft that already
// reads well (the checker passes it and nothing in it is blunt) is kept as
// written unless a level is asked for.
//
// Its limits: it cannot invent what the draft does not say (no reason, no
// alternative), it reads English only (a draft in another language gets
// English framing), and sarcasm its cues miss survives.
type Rules struct {
	g   *guide.Guide
	chk Checker
	// rebuild: rebuild in the formula's order on auto level too, as a
	// level asked for does (the tests of the rebuild use it).
	rebuild bool
}

// NewRules returns the offline engine. chk judges its candidates; a nil
// chk leaves only the independent checks.
func NewRules(g *guide.Guide, chk Checker) *Rules { return &Rules{g: g, chk: chk} }

// Name is "rules".
func (r *Rules) Name() string { return EngineRules }

// Generate composes the candidates and returns the best one.
func (r *Rules) Generate(ctx context.Context, req Request, level guide.Level, fb *Feedback) (Generation, error) {
	if err := ctx.Err(); err != nil {
		return Generation{Mode: ModeRules}, err
	}
	c := classes()
	clean := cleanDraft(req.Draft)
	rd := readDraft(req.Draft)
	var rep check.Report
	if r.chk != nil && strings.TrimSpace(clean) != "" {
		if got, err := checkOnce(r.chk, check.Input{Draft: clean, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes, Level: level}); err == nil {
			rep = got
		}
	}
	uncut := rd // the rules' reading before the judge's cuts
	trimming := !req.levelAsked && !r.rebuild
	m, judging := r.chk.(marginer)
	judging = judging && strings.TrimSpace(clean) != "" && utf8.RuneCountInString(clean) <= MaxJudgedChars
	// cut is the reading less what the judge cuts: the clauses its
	// sentence head is sure are jabs, and a jab hung on a clause that
	// says something (the clause stays); for the rebuild, in a draft the
	// judge fails, also the sentences it reads the draft better without,
	// whatever their words. The trim never cuts those: a whole sentence
	// the margin rises without is as often the writer's refusal ("Mate
	// I'm not signing it.") as a jab. prot: the trim of a draft the judge
	// fails also cuts the clauses the rules would keep that its cut model
	// reads as jabs from end to end (see protectedJabs).
	cut := func(whole, prot bool) reading {
		if !judging {
			return uncut
		}
		piece, seg, cd := PieceJabScore, SegJabScore, uncut
		if rep.Pass {
			piece, seg = PassedPieceJabScore, PassedSegJabScore
		} else {
			cd = rhetoricalQuestions(cd)
			if whole {
				cd = judgedJabs(cd, m, check.Input{Draft: clean, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes})
			}
		}
		// The trim of a draft the judge fails also cuts with its own
		// model (see cuts.go): whole clauses it is sure of, and heads
		// and tails of clauses. (A draft the judge passes is kept as
		// written but for the whole clauses the head or the cut model
		// is sure of: "..., which you haven't been briefed on" is the
		// reason the head reads as blame.)
		var js, sure jabScorer = m, nil
		if cm := trimCutModel(); cm != nil && trimming {
			if rep.Pass {
				// A draft the judge passes loses a clause the cut
				// model is sure of (from PassedCutScore) and nothing
				// else: "Sure we'll just bend time so."
				sure = shifted{cm, PassedCutScore - PassedPieceJabScore}
			} else {
				sure = shifted{cm, CutShift}
				js = eitherScorer{m, sure}
				if prot {
					cd = protectedJabs(cd, sure, piece+ProtectedJabGain, req.Stakes == guide.StakesCritical)
				}
			}
		}
		return trimJabs(sureJabs(cd, m, sure, piece), js, seg)
	}
	rd = cut(!trimming, true)
	if err := ctx.Err(); err != nil {
		return Generation{Mode: ModeRules}, err
	}
	if fb == nil {
		if note, ok := r.asWritten(req, rd, rep, level); ok {
			return Generation{Text: strings.TrimSpace(req.Draft), Mode: ModeRules, Notes: []string{note}}, nil
		}
	}
	if !req.levelAsked {
		// (In a repair round too: the plan would only add slots.)
		if text, ok := goingAlong(rd, req.Draft); ok {
			if d := strings.TrimSpace(req.Draft); retouchedOnly(d, text) {
				// Nothing but its emoji would go ("Ok lah, go ahead. Maybe
				// skip the 🎉 for the extraction appointments 😂"): no sigh.
				return Generation{Text: d, Mode: ModeRules, Notes: []string{"kept as written: the draft goes along, and at these stakes that is the framework's answer; ask for a level to push back anyway"}}, nil
			}
			return Generation{Text: text, Mode: ModeRules, Notes: []string{"kept, without its sigh: the draft goes along, and at these stakes that is the framework's answer; ask for a level to push back anyway"}}, nil
		}
	}
	sc := readScene(c.verbs, req.Situation, req.Audience)
	// planned plans rd, or the draft before the judge's cuts when a cut
	// took what the plan read as the way forward ("If he is not
	// comfortable he can take his money to another bank"): the offer as
	// written is worth more than an empty slot.
	planned := func(rd reading) (reading, *plan) {
		pl := r.plan(rd, sc, rep, req, level)
		if !pl.slot || ctx.Err() != nil {
			return rd, pl // (each stage of a hostile draft at the limit takes tens of ms)
		}
		if trimming && !rep.Pass {
			// A clause the rules would keep that the cut model took
			// whole may have been the way forward ("Sort out yer own
			// overbooking."): the reading without those cuts first.
			if soft := cut(false, false); len(soft.pieces) > 0 {
				if pl1 := r.plan(soft, sc, rep, req, level); !pl1.slot {
					return soft, pl1
				}
			}
		}
		if pl0 := r.plan(uncut, sc, rep, req, level); !pl0.slot {
			return uncut, pl0
		}
		return rd, pl
	}
	trd, pl := planned(rd)
	if err := ctx.Err(); err != nil {
		return Generation{Mode: ModeRules}, err
	}
	if trimming {
		trd = keepReferents(trd, uncut)
		trd = orphanConditions(trd)
		if req.Stakes == guide.StakesCritical {
			trd = keepDonts(trd, uncut)
			trd = keepWarningNo(trd)
		}
		refusal := ""
		if saidNo(trd) == noDropped {
			refusal = pl.refusal // "Nope, the Q4 numbers aren't final until Thursday."
		}
		text, ok := trimmed(trd, readText(req.Draft), refusal)
		if ok && (standsTrimmed(req, text) || pl.slot && shortStands(req, text)) {
			notes := trimNotes(trd)
			if d := strings.TrimSpace(req.Draft); len(notes) == 0 && rep.Pass && !req.levelAsked && retouchedOnly(d, text) {
				// A draft the judge passes that the trim would only
				// retouch (capitals, full stops, an emoji) reads as its
				// writer meant: readers of rounds 97-102 rated such
				// touches worse, never better ("ah go on so, ... not
				// worth a row 😂 Can you send me the full list by
				// Friday" lost its emoji and its question).
				return Generation{Text: d, Mode: ModeRules, Notes: []string{keptUntouched}, final: true}, nil
			}
			if req.Audience != guide.AudienceReport { // (an instruction to a report owes no alternative)
				// The draft offers nothing: the way forward the situation
				// names, else a note to say one.
				if t, ok := withSceneOffer(text, sc.told); ok && withinDraft(req, t) && r.wantsOffer(req, text, pl.slot) {
					text = t
					notes = append(notes, toldNote(sc.told))
				} else if pl.slot {
					notes = append(notes, "no way forward in the draft: say what you can offer instead (another date, a smaller scope, who else can help); an objection without a proposal leaves them stuck")
				}
			}
			return Generation{Text: text, Mode: ModeRules, Notes: append(notes, unnoted(req.Draft, text, notes)...), final: true}, nil
		}
		if !rep.Pass && judging {
			// The rebuild, with the judge's whole-sentence cuts.
			_, pl = planned(cut(true, true))
			if err := ctx.Err(); err != nil {
				return Generation{Mode: ModeRules}, err
			}
		}
	}
	if pl.slot && sc.told != "" && req.Audience != guide.AudienceReport {
		// The situation, told as a story, names what the writer could
		// offer: the rebuild puts it forward instead of a slot.
		pl.alts, pl.slot = append(pl.alts, []string{sc.told}), false
		pl.notes = slices.DeleteFunc(pl.notes, func(n string) bool { return n == classes().forms.SlotNote })
		pl.notes = append(pl.notes, toldNote(sc.told))
	}
	cands := pl.candidates(req)
	if err := ctx.Err(); err != nil {
		return Generation{Mode: ModeRules}, err
	}
	if len(cands) == 0 {
		// The plan has nothing to say (a draft of no clause the rules
		// can read): the draft as written, with its limit explained.
		d := strings.TrimSpace(req.Draft)
		b := r.finish(candidate{text: d, over: req.MaxChars > 0 && utf8.RuneCountInString(d) > req.MaxChars}, req)
		return Generation{Text: d, Mode: ModeRules, Notes: append(pl.notes, "kept as written: the rules found nothing in the draft to reword"), Limit: b.limit}, nil
	}
	best := r.judge(ctx, cands, req, level, rep.Findings)
	if err := ctx.Err(); err != nil {
		return Generation{Mode: ModeRules}, err
	}
	if trimming {
		// On auto, a rebuild that needed a slot ("What I'd suggest instead
		// is [what you can offer instead].") goes out without it, its
		// note saying what to add: a slot in the text is no message to
		// send, and readers rated every one broken (rounds 69-106). A
		// level asked for keeps the template's slots.
		if text, ok := r.withoutSlots(best.text, req.Draft); ok {
			best.text = text
		} else if r.onlySlots(best.text) && saidNo(uncut) == noNone && injectionIn(req.Draft, Request{}) == "" { // (an empty request: any markup or instruction to a model in the draft counts)
			// Every line of a draft that says no no went as a jab or a
			// going-along, and the rebuild is nothing but its slots ("My
			// concern is [why it worries you]. Would [what you can offer
			// instead] work for you?"): readers rated that 1, below the
			// draft itself (round 127). The draft goes back as written,
			// with a note.
			d := strings.TrimSpace(req.Draft)
			return Generation{Text: d, Mode: ModeRules, Notes: []string{nothingLeftNote}}, nil
		}
		best.text = withoutIdleAsk(best.text)
	}
	notes := append(pl.notes, best.notes...)
	g := Generation{Text: best.text, Mode: ModeRules, Notes: append(notes, unnoted(req.Draft, best.text, notes)...)}
	g.Limit = best.limit
	return g, nil
}

// withoutSlots returns text less each sentence that holds an unfilled
// slot, and the invitation that asks about the slot's offer right after
// it ("Would that work for you?"); ok is false when there is none, or too
// little would be left to send.
func (r *Rules) withoutSlots(text, draftText string) (string, bool) {
	if len(r.g.Placeholders.Find(text)) == 0 {
		return "", false
	}
	var b strings.Builder
	runes := []rune(text)
	dropped, prev := false, -1
	for _, s := range draft.Split(text) {
		gone := len(r.g.Placeholders.Find(s.Text)) > 0 || dropped && askAboutItRE.MatchString(s.Text)
		dropped = gone
		if gone {
			continue
		}
		if prev >= 0 {
			b.WriteString(gap(runes, prev, s.CharStart))
		}
		b.WriteString(s.Text)
		prev = s.CharEnd
	}
	out := strings.TrimSpace(b.String())
	if wordCount(out) < 3 || !finiteVerb(out) && !wordsOf(out, draftText) {
		// (What is left in the draft's own words is theirs to send, verb
		// or none: "Ok fine, your call. Il mark inventory complete" kept
		// its slot when "Il" hid the verb; round 112.)
		return "", false
	}
	return out, true
}

// wordsOf: every word of s is a word of the draft.
func wordsOf(s, draftText string) bool {
	have := map[string]bool{}
	for _, w := range wordsIn(draftText) {
		have[w] = true
	}
	for _, w := range wordsIn(s) {
		if !have[w] {
			return false
		}
	}
	return true
}

// withoutIdleAsk drops an invitation that asks about an offer ("Would
// that work for you?") when the sentence before it offers nothing: after
// a no, a going-along or a question of its own it asks about nothing
// ("Mate, we'll make it work. Would that work for you?", "Lime green's
// fine by me, go for it. Would that work for you?" (round 190), "We're not
// redoing icons bc marketing likes theirs better. Would that work for
// you?"): readers of rounds 111-114 marked every such line broken.
func withoutIdleAsk(text string) string {
	sents := draft.Split(text)
	for i, s := range sents {
		if i == 0 || !askAboutItRE.MatchString(s.Text) {
			continue
		}
		prev := strings.TrimSpace(sents[i-1].Text)
		if !strings.HasSuffix(prev, "?") && !acceptsRE.MatchString(prev) && (offerInBodyRE.MatchString(prev) || proposesRE.MatchString(prev)) {
			continue
		}
		runes := []rune(text)
		start, end := sents[i-1].CharEnd, s.CharEnd
		return strings.TrimSpace(string(runes[:start]) + string(runes[end:]))
	}
	return text
}

// proposesRE: a sentence that puts something forward ("I'd suggest we
// ...", "What if we ...", "Let's ...", "We could ...").
var proposesRE = lazyRegexp(`(?i)\b(?:I'?d|I would|I) (?:strongly )?(?:suggest|recommend|propose)\b|^\W*(?:what if|let'?s|how about|we could|I could|could we|can we|we need to|what I'?d (?:suggest|propose))\b|\b(?:instead|alternatively)\b`)

// acceptsRE: a sentence that accepts rather than offers ("we'll make it
// work", "no problem", "I'll squeeze it in"); goAlongRE, below, is a
// whole reply that goes along.
var acceptsRE = lazyRegexp(`(?i)\bmake it work\b|\bno problem\b|\bwhatever you\b|\bsqueeze it in\b|\byour call\b|\bgo for it\b|\bgo ahead\b|\bfine by me\b|\bworks for me\b`)

// onlySlots: every sentence of text is a slot, or asks about one.
func (r *Rules) onlySlots(text string) bool {
	sents := draft.Split(text)
	for _, s := range sents {
		if len(r.g.Placeholders.Find(s.Text)) == 0 && !askAboutItRE.MatchString(s.Text) {
			return false
		}
	}
	return len(sents) > 0
}

// nothingLeftNote explains a draft given back as written because nothing
// of it was left to rebuild from.
const nothingLeftNote = "kept as written: every line reads as a jab or a going-along, so nothing was left to rebuild from; say why it worries you and what you can offer, in your own words"

// askAboutItRE: an invitation that asks about the offer before it.
var askAboutItRE = lazyRegexp(`(?i)^\W*(?:would|does|will|could) (?:that|this|it) (?:work|suit) (?:for )?you\W*$|^\W*how does (?:that|this) sound\W*$`)

// keptUntouched is the note for a passing draft the trim found nothing
// to cut from.
const keptUntouched = "kept as written: the checker passes it and nothing in it is cut as blunt; ask for a level to have it rewritten"

// retouchedOnly: text is the draft d with nothing but its capitals,
// punctuation or emoji changed, and d holds nothing the rules take out
// whatever (a stage direction, markup aimed at a model).
func retouchedOnly(d, text string) bool { return cleanDraft(d) == d && sameWords(d, text) }

// sameWords says whether a and b say the same words in the same order,
// whatever their capitals, punctuation and emoji.
func sameWords(a, b string) bool { return slices.Equal(wordsIn(a), wordsIn(b)) }

// wordsIn are s's words, lower-cased, without their capitals,
// punctuation and emoji.
func wordsIn(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' })
}

// asWritten says whether the draft can go out unchanged, and the note
// saying why: the checker passes it, the clause cues find nothing blunt,
// nothing aimed at a model, no emoji, it fits the length limit, and, when
// a level was asked for, it reads at that level; or it rightly goes along
// (letting it go, disagree and commit) and no level was asked for.
func (r *Rules) asWritten(req Request, rd reading, rep check.Report, level guide.Level) (string, bool) {
	d := strings.TrimSpace(req.Draft)
	if cleanDraft(d) != d || stripEmoji(d) != d || (req.MaxChars > 0 && utf8.RuneCountInString(d) > req.MaxChars) || !rep.Pass {
		return "", false
	}
	// An order, a judgement or a flat no is said better as a proposal;
	// an order that goes along ("Sure, go for it") may stand.
	edgy, refuses := false, false
	for _, p := range rd.pieces {
		switch {
		case dropped(p.class), len(p.blunt) > 0, len(p.lost) > 0:
			// Blame the softening took out ("..., not you") is still in
			// the draft as written.
			return "", false
		case p.class == classRefusal && !calmRefusal(p):
			edgy, refuses = true, true
		case p.class == classJudgement:
			// "Mondays are a bit mad with student queries": in a draft
			// that goes along, the reservation it goes along despite.
			edgy = true
		case p.class == classCommand:
			edgy = true
			// "stop booking 3 an hour for Sarah": an order that stops
			// them is a no, not going along.
			refuses = refuses || stopOrderRE.MatchString(p.text)
		case subjectlessNoRE.MatchString(p.text):
			// "can't take Harlow's 40t this week": a no without its "I"
			// is no going along (it may stand as a pushback).
			refuses = true
		}
	}
	goesAlong := stanceNote[rep.Stance] != ""
	note := stanceNote[rep.Stance]
	if !goesAlong && !refuses && req.Stakes == guide.StakesLow && len(rd.pieces) > 0 && saysYesRE.MatchString(rd.pieces[0].text) {
		// "Grand, Monday at 9 suits. Mondays are a bit mad ...": a draft
		// that opens on its yes and refuses nothing goes along, whatever
		// stance the judge reads in its reservation.
		goesAlong, note = true, stanceNote[check.StanceLetGo]
	}
	switch {
	case goesAlong && req.levelAsked:
		return "", false // asked for a level, it pushes back instead of going along
	case goesAlong && !refuses:
		return note, true // "Sure, go for it" at low stakes
	case edgy, req.levelAsked && rep.Level != level:
		return "", false
	}
	return "kept as written: the draft already reads well (the checker passes it and nothing in it is blunt); ask for another level to have it rewritten", true
}

// goingAlong returns a short draft that goes along ("honestly whatever,
// go for it") without its sigh ("Go for it."): nothing in it refuses,
// blames or insults, only an interjection or venting is left out.
func goingAlong(rd reading, d string) (string, bool) {
	if wordCount(d) > 25 || !goAlongRE.MatchString(d) || len(rd.pieces) == 0 {
		return "", false
	}
	var b strings.Builder
	prev := -1 // the sentence of the last clause kept
	for _, p := range rd.pieces {
		switch {
		case p.class == classVenting:
		case dropped(p.class), p.class == classRefusal, p.class == classJudgement:
			return "", false
		default:
			if b.Len() > 0 {
				b.WriteString(joinLead(p, prev))
			}
			b.WriteString(p.text)
			prev = p.sent
		}
	}
	text := strings.TrimSpace(b.String())
	if text == "" {
		return "", false
	}
	return finishSentence(capitalise(text)), true
}

// joinLead is what goes before clause p when the clause kept before it
// is of sentence prev: its own comma or conjunction within a sentence
// ("Fine by me, you're the one on nights" had lost its comma, and "...
// by Friday and I'll sign it off" its "and"; round 135), else a space.
func joinLead(p piece, prev int) string {
	l := strings.TrimSpace(p.lead)
	switch {
	case p.sent != prev || l == "":
		return " "
	case strings.HasPrefix(l, ",") || strings.HasPrefix(l, ";"):
		return l + " "
	default:
		return " " + l + " "
	}
}

// saysYesRE: a first clause that says yes ("Grand, Monday at 9 suits",
// "Sure, happy to").
var saysYesRE = lazyRegexp(`(?i)^\W*(?:(?:grand|sure|fine|ok|okay|yes|yep|yeah|of course|absolutely|no problem|no worries|no bother|happy to|that works|fair enough|sounds good)\b|[^.?!]{0,40}\b(?:suits(?: me)?|works for me|is fine|fine by me)\W*$)`)

var goAlongRE = lazyRegexp(`(?i)\b(?:go for it|go ahead|fine by me|works for me|sounds good|happy with that|that's fine|fair enough)\b`)

// calmRefusal: a refusal that already says what it protects, calmly
// ("We don't ship until it's tested").
func calmRefusal(p piece) bool { return p.form == "dont" && wordCount(p.text) >= 5 }

// stanceNote says why a draft that goes along was kept as written.
var stanceNote = map[string]string{
	check.StanceLetGo:  "kept as written: at these low stakes, with no risk named, letting it go is the framework's answer; ask for a level to push back anyway",
	check.StanceCommit: "kept as written: the case was made and the draft commits to the decision (disagree and commit); ask for a level to push back anyway",
}

// briefAcks are the acknowledgements of a request read from a brief, in
// order of preference: their purpose when the brief gives one ("I know you
// want to tell the board it is 'in'"), else the request itself ("I
// understand you'd like Saturday 21 June off"). None for a short chat
// message, where it would be padding, or when what it would say back runs
// long.
func briefAcks(f guide.RewriteForms, a ask, sc scene, req Request, rd reading) []string {
	if (sc.chat || req.Channel == "chat" || req.Channel == "spoken") && draftWords(rd) < 40 {
		return nil
	}
	vals := map[string]string{"obj": a.obj}
	var forms []string
	switch {
	case a.purpose != "":
		forms, vals["vp"] = f.Acknowledge.WantVP, a.purpose
	case a.purposeNP != "":
		forms, vals["goal"] = f.Acknowledge.Goal[:1], a.purposeNP
	case a.who == "you" && a.vp != "" && a.obj != "":
		forms, vals["vp"] = f.Acknowledge.RequestYou, a.vp
	case a.np != "":
		forms, vals["np"] = f.Acknowledge.WantNP, a.np
	case a.who == "they" && a.vp != "":
		forms, vals["vp"] = f.Acknowledge.WantVP, a.vp
	case a.ing != "":
		if vp := baseFromGerund(a.ing); vp != "" {
			forms, vals["vp"] = f.Acknowledge.WantVP, vp
		}
	}
	var out []string
	for _, form := range forms {
		if s, ok := fillAll(form, vals); ok && wordCount(s) <= 20 && !channelWordsRE.MatchString(s) {
			out = append(out, finishSentence(s))
		}
	}
	return out
}

// channelWordsRE is a brief's scaffolding ("email reply", "text message
// to"), which never belongs in the message.
var channelWordsRE = lazyRegexp(`(?i)\b(?:e-?mail|text|sms|slack|teams|whatsapp|discord|dm|message|comment|reply|note)\s+(?:reply|message|dm|to|from)\b|\bthe writer\b|\(no greeting\)`)

// draftWords counts the words of the draft's body.
func draftWords(rd reading) int {
	n := 0
	for _, p := range rd.pieces {
		n += wordCount(p.orig)
	}
	return n
}

// reasoned reports whether the sentences hold a reason or fact of the
// draft's own, beyond a bare concern ("We shouldn't merge that").
func reasoned(sents ...[]string) bool {
	for _, list := range sents {
		for _, b := range list {
			if wordCount(b) >= 10 || wordCount(b) >= 3 && !concernRE.MatchString(b) || hasFacts(b) {
				return true
			}
		}
	}
	return false
}

// choices: the alternatives put a choice to them ("either...or", two
// "If you want..." trade-offs).
func choices(alts []string) bool {
	ifs := 0
	for _, a := range alts {
		l := strings.ToLower(a)
		if strings.Contains(l, "either ") {
			return true
		}
		if strings.HasPrefix(l, "if you want") || strings.HasPrefix(l, "if you need") {
			ifs++
		}
	}
	return ifs >= 2
}

var (
	restateRE    = lazyRegexp(`(?i)^you(?:'ve| have) (changed|moved|added|rewritten|updated|reopened|revised) (?:the|your|our) (.+?) ((?:\w+ )?times?\b.*|again\b.*)$`)
	experienceRE = lazyRegexp(`(?i)^I'?ve been doing (?:this|it) for (\w+ (?:years|decades))\W*$`)
)

// restate says blame or bluster without its edge: "You've changed the
// requirements five times since January" -> "The requirements have
// changed five times since January"; "I've been doing this for 10 years"
// -> "I've worked on projects like this for 10 years". "" when it cannot.
func restate(p piece) string {
	if m := experienceRE.FindStringSubmatch(strings.TrimSpace(p.text)); m != nil {
		return "I've worked on projects like this for " + m[1]
	}
	m := restateRE.FindStringSubmatch(strings.TrimRight(p.text, ".!?… "))
	if m == nil {
		return ""
	}
	verb, what, rest := strings.ToLower(m[1]), m[2], m[3]
	switch verb {
	case "added":
		verb = "been added to"
	case "rewritten", "reopened", "revised", "updated", "moved":
		verb = "been " + verb
	}
	have := "has"
	if strings.HasSuffix(strings.ToLower(firstWordOf(what)), "s") || strings.HasSuffix(strings.ToLower(what), "s") {
		have = "have"
	}
	return "The " + what + " " + have + " " + verb + " " + rest
}

var (
	eitherRE   = lazyRegexp(`(?i)^either\s+(.+)$`)
	weCanRE    = lazyRegexp(`(?i)^(?:then\s+)?(?:we|I)(?:'ll|’ll| will| can| could)\b`)
	ackRE      = lazyRegexp(`(?i)\b(?:I (?:know|understand|get|see|hear|appreciate|respect|support) (?:why|that|how|you|the|your|wanting)|I can see why|thanks for|thank you for|matters to you|I love that)\b`)
	personalRE = lazyRegexp(`(?i)^\W*(?:you|you guys|you people|your team|they|he|she)\W*$`)
	concernRE  = lazyRegexp(`(?i)\b(?:worried|concern(?:ed|s)?|reservations|disagree|not sure|realistic|can'?t (?:recommend|support)|I'?d rather|hold off|shouldn'?t)\b`)
	threatRE   = lazyRegexp(`(?i)^(?:either\s+)?(.+?)\s+or\s+(?:else|find another|we walk|I walk|I'?m out|we'?re out|we'?ll find)\b`)
)

// offerAfterComma returns the order after a comma in blame or contempt
// ("not my job, ask marketing" -> "ask marketing"), or "".
func offerAfterComma(s string) string {
	for _, part := range strings.Split(strings.TrimRight(s, ".!?… "), ", ")[1:] {
		part = strings.TrimSpace(part)
		if w := strings.ToLower(firstWordOf(part)); classes().verbs[w] && wordCount(part) >= 2 && classes().classify(part).class == classCommand {
			return lowerFirst(part)
		}
	}
	return ""
}

// weVP returns the verb phrase of "We test Thursday" ("test Thursday"),
// or "".
func weVP(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".!?… ")
	rest, ok := strings.CutPrefix(strings.ToLower(s), "we ")
	if !ok || !classes().verbs[firstWordOf(rest)] {
		return ""
	}
	return s[len("we "):]
}

// offerBeforeThreat returns the offer in "Either sign off on version 3 or
// find another agency" as a verb phrase, or "".
func offerBeforeThreat(s string) string {
	m := threatRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	vp := strings.TrimSpace(m[1])
	if !classes().verbs[strings.ToLower(firstWordOf(vp))] {
		return ""
	}
	return lowerFirst(vp)
}

// proposeForms are the ways to put forward a verb phrase as a proposal at
// the level ("I'd recommend we run one more cycle.").
func (r *Rules) proposeForms(vp string, level guide.Level) []string {
	vp = commandObjects(strings.TrimRight(vp, ".!?… "))
	var out []string
	for _, form := range classes().forms.Propose[level] {
		out = append(out, finishSentence(fill1(form, "vp", vp)))
	}
	return out
}

// commandObjects makes an order to them a plan for us: "fix your tests"
// -> "fix the tests".
func commandObjects(vp string) string {
	words := strings.Fields(vp)
	for i, w := range words {
		switch strings.ToLower(w) {
		case "your":
			words[i] = "the"
		case "yourself", "yourselves":
			words[i] = "ourselves"
		}
	}
	return strings.Join(words, " ")
}

var commandRE = lazyRegexp(`(?i)^(?:please\s+|just\s+|so\s+)*(?:(do not|don'?t|don’t|never)\s+)?(.*)$`)
var youMustRE = lazyRegexp(`(?i)^you(?:'ll|’ll| will)?\s+(?:need to|have to|must|should|better)\s+(.+)$`)

// commandVP returns an order's verb phrase, whether it forbids ("Don't
// sign it" -> "sign it", true), and an alternative it offers after "or"
// ("Stop accepting every request or drop the bottom 30%" -> "accept every
// request", true, "drop the bottom 30%"). A threat after "or" ("...or
// don't bother") is left out.
func commandVP(s string) (vp string, negative bool, alt string) {
	s = strings.TrimRight(strings.TrimSpace(s), ".!?… ")
	if m := youMustRE.FindStringSubmatch(s); m != nil {
		return lowerFirst(m[1]), false, ""
	}
	m := commandRE.FindStringSubmatch(s)
	if m == nil {
		return "", false, ""
	}
	vp, negative = strings.TrimSpace(m[2]), m[1] != ""
	if strings.EqualFold(firstWordOf(vp), "stop") && wordCount(vp) > 1 {
		// "Stop merging that": a must-not with a gerund.
		if base := baseFromGerund(strings.TrimSpace(vp[len(firstWordOf(vp)):])); base != "" {
			vp, negative = base, true
		}
	}
	if loc := orRE.FindStringSubmatchIndex(vp); loc != nil {
		rest := vp[loc[2]:]
		switch {
		case threatTailRE.MatchString(rest):
		case negative && verbSet()[strings.ToLower(firstWordOf(rest))]:
			alt = lowerFirst(rest)
		default:
			return lowerFirst(vp), negative, ""
		}
		vp = strings.TrimSpace(vp[:loc[0]])
	}
	return lowerFirst(vp), negative, alt
}

var (
	orRE         = lazyRegexp(`(?i),?\s+or\s+(\S.*)$`)
	threatTailRE = lazyRegexp(`(?i)^(?:else|don'?t|do not|never|we don'?t|I don'?t|I won'?t|I'?m|forget)\b`)
)

// pronounObject says what "we're not doing it" refuses: the request, when
// the situation names one.
func pronounObject(ing string, a ask) string {
	switch strings.ToLower(strings.TrimRight(ing, ".!? ")) {
	case "doing it", "doing that", "doing this", "doing that anymore", "doing it anymore":
		if r := a.request(); r != "" {
			return r
		}
	}
	return ing
}

// gapSentence returns what the situation says the product lacks, as a
// sentence ("The app has no offline mode yet."), or "".
func gapSentence(situation string) string {
	s := stripEmoji(cleanDraft(situation))
	for _, sent := range draftSentences(s) {
		t := strings.Trim(sent, " ()[]")
		if !gapRE.MatchString(t) || wordCount(t) > 25 || freeRE.MatchString(t) || thirdPersonRE.MatchString(t) || namesWriter(t, s) {
			// (Nor one that tells of a person: "Callum can't do Friday
			// because he is invigilating ..." and "The cabinet job has no
			// deadline; he could help Thursday." were said by Callum and
			// Kyle of themselves; round 148-149.)
			continue
		}
		if strings.HasPrefix(t, "It ") {
			if m := gapSubjectRE.FindStringSubmatch(s); m != nil {
				t = capitalise(m[1]) + t[len("It"):]
			}
		}
		return finishSentence(t)
	}
	return ""
}

// namesWriter reports whether sentence t opens on the name the situation
// opens on, the writer's as a brief names them ("Callum teaches at ...").
func namesWriter(t, situation string) bool {
	w := firstWordOf(t)
	return w != "" && unicode.IsUpper([]rune(w)[0]) && w == firstWordOf(strings.TrimSpace(situation)) && !commonWord(strings.ToLower(w))
}

var (
	thirdPersonRE = lazyRegexp(`(?i)\b(?:he|she|him|his|her|hers|himself|herself)\b`)
	gapRE         = lazyRegexp(`(?i)\b(?:has no|have no|doesn'?t have|does not have|doesn'?t support|does not support|lacks|isn'?t available|is not available|not (?:yet )?(?:supported|available)|can'?t do|cannot do)\b`)
	gapSubjectRE  = lazyRegexp(`(?i)\b(the (?:app|product|tool|platform|system|software|service|api|portal|device|feature|model))\b`)
)

// covers reports whether request says at least four fifths of what
// subject says: "launching on the 1st" in "launching on the 1st".
func covers(request, subject string) bool {
	want, have := contentWords(subject), contentWords(request)
	n := 0
	for w := range want {
		if have[w] {
			n++
		}
	}
	return len(want) > 0 && n*5 >= len(want)*4
}

// mentions reports whether sents already say most of s.
func mentions(sents []string, s string) bool {
	want := contentWords(s)
	have := contentWords(strings.Join(sents, " "))
	n := 0
	for w := range want {
		if have[w] {
			n++
		}
	}
	return len(want) > 0 && n*2 >= len(want)
}

var refusalIngRE = lazyRegexp(`(?i)^(?:I|we|you)(?:'m|’m| am|'re|’re| are)\s+not\s+(?:going\s+to\s+be\s+)?(.+)$`)
var refusalVPRE = lazyRegexp(`(?i)^(?:I|we|you)\s+(?:won'?t|won’t|will not|refuse to|am not going to|are not going to|can'?t|can’t|cannot|don'?t|don’t|do not)\s+(.+)$`)

// refusalObject returns what "I'm not redoing the deck" refuses as a
// gerund phrase ("redoing the deck"), or "".
func refusalObject(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".!?… ")
	if m := refusalIngRE.FindStringSubmatch(s); m != nil {
		obj := strings.TrimSpace(m[1])
		if rest, ok := strings.CutPrefix(obj, "going to "); ok && wordCount(rest) >= 1 {
			// "I'm not going to have four people rush it": "having ...".
			obj = gerund(rest)
		}
		if w := firstWordOf(obj); strings.HasSuffix(strings.ToLower(w), "ing") {
			return obj
		}
	}
	if vp := refusalVP(s); vp != "" {
		return gerund(vp)
	}
	return ""
}

// refusalVP returns the verb phrase of "I won't approve the invoice" ->
// "approve the invoice", or "".
func refusalVP(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".!?… ")
	if m := refusalVPRE.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// taggedJudgementRE: a clause with a verdict tagged on ("..., that").
var taggedJudgementRE = lazyRegexp(`(?i)^(.{12,}?),\s*(?:and\s+)?(?:that|this|it)$`)

// judgementSentence says a judgement neutrally at the level: "Skipping
// load tests before a 50,000-ticket drop is insane" -> "I'm seriously
// worried about skipping load tests before a 50,000-ticket drop". A
// judgement of "that" speaks of the request when it is known ("it" when
// the acknowledgement already named it); else it names nothing and is left
// out ("").
func judgementSentence(f guide.RewriteForms, p piece, level guide.Level, request string, sayIt bool) (string, string) {
	subject, tail := judged(p)
	if m := taggedJudgementRE.FindStringSubmatch(subject); m != nil && finiteVerb(m[1]) {
		// "We can't do 1,200 edited photos in a week, that's
		// ridiculous, the contract says 6 weeks": the clause stands, the
		// verdict on it goes.
		s := capitalise(strings.TrimSpace(m[1]))
		if tail = strings.TrimLeft(tail, ",;: "); tail != "" && finiteVerb(tail) {
			s += ". " + capitalise(tail) // "..., the contract says 6 weeks"; not "garbage data"'s "data"
		}
		return s, ""
	}
	if pronounSubject(subject) {
		switch {
		case sayIt && len(f.LeadIt[level]) > 0:
			return strings.TrimRight(f.LeadIt[level][0], "."), ""
		case request == "":
			return "", ""
		}
		subject = request
	} else if sayIt && tail == "" && p.form == "worry" && covers(request, subject) && len(f.LeadIt[level]) > 0 {
		// "Launching on the 1st is dumb" after "I can see why launching
		// on the 1st matters": say "it", not the request again.
		return strings.TrimRight(f.LeadIt[level][0], "."), ""
	}
	subject = lowerStart(strings.Trim(subject, " \"“”"))
	form := f.Worry[level]
	vals := map[string]string{"subject": subject, "Subject": capitalise(subject)}
	switch p.form {
	case "doubt":
		form = f.Doubt[level]
	case "risk":
		form, vals["object"] = f.Risk[level], p.group(1)
	}
	s := strings.TrimRight(fill(form, vals), ".")
	tail = strings.TrimLeft(tail, ",;: ")
	switch {
	case tail == "":
	case prepRE.MatchString(tail):
		s += " " + tail
	case classes().classify(tail).class == classProposal:
		// "…is impossible, we need until 4 April": the tail is the offer.
		return s, finishSentence(capitalise(tail))
	default:
		s += ". " + capitalise(tail)
	}
	return s, ""
}

var prepRE = lazyRegexp(`(?i)^(?:with|without|for|given|by|before|after|in|on|at|unless|until|when|while|if|because|since|as|from|to)\b`)

// fragmentQuestion: a question with no verb of its own ("Shipping 3,000
// units with a 4.7% defect rate?"), which voices a concern.
func fragmentQuestion(s string) bool {
	w := strings.ToLower(firstWordOf(s))
	if !strings.HasSuffix(w, "ing") || len(w) < 5 || !strings.HasSuffix(strings.TrimSpace(s), "?") {
		return false
	}
	return !auxRE.MatchString(s)
}

var auxRE = lazyRegexp(`(?i)\b(?:is|are|was|were|will|would|can|could|do|does|did|should|has|have|had|must|might|may)\b`)

// stripLeadingConjunction drops "and", "but", "so" that joined a clause to
// one that was left out.
func stripLeadingConjunction(s string) string {
	return strings.TrimSpace(leadConjRE.ReplaceAllString(strings.TrimSpace(s), ""))
}

var leadConjRE = lazyRegexp(`(?i)^(?:and|but|so|or|also|plus|then)\b[,\s]*`)

// finishSentence ends a sentence calmly: one full stop, question mark
// kept, exclamations and ellipses made full stops.
func finishSentence(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " ,;:—–-")
	if s == "" {
		return s
	}
	q := strings.HasSuffix(strings.TrimRight(s, "\"'”’)"), "?") || strings.HasSuffix(s, "?!") || strings.HasSuffix(s, "!?")
	closers := ""
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		if strings.ContainsRune("\"'”’)", r) {
			closers = s[len(s)-n:] + closers
			s = s[:len(s)-n]
			continue
		}
		break
	}
	trimmed := strings.TrimRight(s, ".!?… ")
	if closers != "" && trimmed != s {
		// "…not “almost done.”": the stop stays inside the quote.
		return trimmed + "." + closers
	}
	if q {
		return trimmed + "?" + closers
	}
	return trimmed + closers + "."
}

// fill replaces {name} placeholders with vals.
func fill(form string, vals map[string]string) string {
	s, _ := fillAll(form, vals)
	return s
}

func fill1(form, k, v string) string { return fill(form, map[string]string{k: v}) }

var formFieldRE = lazyRegexp(`\{([A-Za-z_]+)\}`)

// fillAll fills every placeholder, reporting false when one has no value.
func fillAll(form string, vals map[string]string) (string, bool) {
	ok := true
	out := formFieldRE.ReplaceAllStringFunc(form, func(m string) string {
		v := vals[m[1:len(m)-1]]
		if v == "" {
			ok = false
		}
		return v
	})
	return out, ok
}

// choice is one set of wording choices for a candidate.
type choice struct {
	ack, prop, invite int
	lead              bool
	plain             bool // escalated without the escalation phrase
	short             int  // 0 full; 1 no lead; 2 no invite; 3 no acknowledgement; 4 facts only
}

// candidates words the plan several ways; the first is the default.
func (pl *plan) candidates(req Request) []candidate {
	base := choice{ack: int(pl.hash % uint32(max(len(pl.acks), 1))), prop: int(pl.hash>>4) % 2, invite: int(pl.hash>>8) % 2, lead: pl.lead}
	choices := []choice{base}
	if len(pl.acks) > 1 {
		// One other acknowledgement form: enough for the judge to
		// choose, without checking every form.
		ch := base
		ch.ack = (base.ack + 1) % len(pl.acks)
		choices = append(choices, ch)
	}
	alt := base
	alt.prop = 1 - base.prop
	choices = append(choices, alt)
	inv := base
	inv.invite = 1 - base.invite
	choices = append(choices, inv)
	if len(pl.leads) > 0 {
		l := base
		l.lead = !base.lead
		choices = append(choices, l)
	}
	if pl.level == guide.LevelEscalated {
		p := base
		p.plain = true
		choices = append(choices, p)
	}
	if req.MaxChars > 0 {
		for s := 1; s <= 4; s++ {
			ch := base
			ch.short = s
			choices = append(choices, ch)
		}
	}
	var out []candidate
	seen := map[string]bool{}
	for i, ch := range choices {
		text := pl.render(ch, req)
		if seen[text] || strings.TrimSpace(text) == "" {
			// (An empty wording, such as "facts only" of a draft with
			// none, is no candidate.)
			continue
		}
		seen[text] = true
		out = append(out, candidate{text: text, order: i, short: ch.short})
	}
	return out
}

// proposalInviteRE: an invitation that asks about a proposal ("Would that
// work for you?").
var proposalInviteRE = lazyRegexp(`(?i)\bthat work\b`)

// render words the plan with one choice.
func (pl *plan) render(ch choice, req Request) string {
	var parts []string
	add := func(s ...string) {
		for _, x := range s {
			if x = strings.TrimSpace(x); x != "" {
				parts = append(parts, x)
			}
		}
	}
	// Good wishes stay with the greeting, before the acknowledgement
	// ("I know ... matters to you. Trust this meets you well." reads
	// upside down).
	rest := pl.body
	for len(rest) > 0 && pleasantryRE.MatchString(rest[0]) {
		add(rest[0])
		rest = rest[1:]
	}
	// Thanks that close the draft close the message, after any question
	// ("Thank you for your understanding. Would that work for you?"
	// asks about the thanks).
	var thanks []string
	for len(rest) > 0 && len(pl.alts) == 0 && len(pl.after) == 0 && !pl.slot && thanksRE.MatchString(rest[len(rest)-1]) {
		thanks = append([]string{rest[len(rest)-1]}, thanks...)
		rest = rest[:len(rest)-1]
	}
	if len(pl.acks) > 0 && ch.short < 3 {
		add(pl.acks[ch.ack%len(pl.acks)])
	}
	switch {
	case ch.lead && len(pl.leads) > 0 && ch.short < 1:
		add(pl.leads[0])
	case pl.level == guide.LevelEscalated && ch.short < 1 && !ch.plain:
		// Escalated: said plainly once, in the documents' words.
		add(classes().forms.Escalate)
	}
	add(pl.refusal)
	add(rest...)
	split := len(parts)
	if pl.slot {
		add(classes().forms.SlotForms[pl.level])
	}
	for _, a := range pl.alts {
		add(a[min(ch.prop, len(a)-1)])
	}
	add(pl.after...)
	last := ""
	if len(parts) > 0 {
		last = parts[len(parts)-1]
	}
	switch {
	case pl.question != "":
		add(pl.question)
	case ch.short >= 2, pl.noInvite:
	case strings.HasSuffix(last, "?"):
	case len(pl.invites) > 0:
		invites := pl.invites
		if len(pl.alts) == 0 && !pl.hasAlt && !pl.slot && len(pl.after) == 0 {
			// Nothing proposed: "Would that work for you?" would ask
			// about the no; the open question stays.
			invites = slices.DeleteFunc(slices.Clone(invites), func(s string) bool { return proposalInviteRE.MatchString(s) })
		}
		if len(invites) > 0 {
			add(invites[ch.invite%len(invites)])
		}
	}
	add(thanks...)
	body := strings.Join(parts, " ")
	if req.Channel != "chat" && req.Channel != "spoken" && utf8.RuneCountInString(body) > 500 && split > 0 && split < len(parts)-1 {
		body = strings.Join(parts[:split], " ") + "\n\n" + strings.Join(parts[split:], " ")
	}
	return pl.frame(body, req)
}

// frame puts the greeting and sign-off around the body where the draft had
// them.
func (pl *plan) frame(body string, req Request) string {
	g := strings.TrimSpace(pl.greeting)
	own := !pl.inline || (req.Channel != "chat" && req.Channel != "spoken" && utf8.RuneCountInString(body) > 240)
	switch {
	case g == "":
	case own:
		g = strings.TrimRight(g, " —–-")
		if !strings.HasSuffix(g, ",") && !strings.HasSuffix(g, "!") && !strings.HasSuffix(g, ".") && !strings.HasSuffix(g, ":") {
			g += ","
		}
		body = g + "\n\n" + body
	default:
		g = capitalise(strings.TrimRight(g, " —–-,!:"))
		body = g + ", " + lowerStart(body)
	}
	if pl.signoff != "" {
		sep := "\n\n"
		if req.Channel == "chat" || req.Channel == "spoken" {
			sep = "\n"
		}
		body += sep + pl.signoff
	}
	return body
}

// candidate is one wording of the plan and how it was judged.
type candidate struct {
	text   string
	order  int
	short  int
	pass   bool
	score  int
	failed int // independent checks failed
	over   bool
	lost   int
	stock  int
	notes  []string
	limit  string
}

// judge returns the best candidate: within the length limit, fewest lost
// facts, fewest failed independent checks, passing the checker, fewest
// stock lines, then the default order (the checker's score breaks ties
// among those it fails). A repair round gets the same answer: the
// candidates were all judged the first time, so the loop stops there.
func (r *Rules) judge(ctx context.Context, cands []candidate, req Request, level guide.Level, draftFindings []check.Finding) candidate {
	in := InspectInput{Draft: req.Draft, Situation: req.Situation, MaxChars: req.MaxChars, Channel: req.Channel, Stakes: req.Stakes, DraftFindings: draftFindings}
	x := NewInspector(in)
	check := func(c *candidate) {
		if r.chk != nil {
			if rep, err := checkOnce(r.chk, check.Input{Draft: c.text, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes, Level: level}); err == nil {
				c.pass, c.score = rep.Pass, rep.Score
			}
		}
	}
	for i := range cands {
		if ctx.Err() != nil {
			return candidate{} // cancelled: the caller returns the error
		}
		c := &cands[i]
		for _, rv := range x.Inspect(c.text, "") {
			if !rv.Pass && rv.Name != CheckLimit {
				c.failed++
			}
			if rv.Name == CheckStock {
				c.stock = rv.Count
			}
		}
		c.over = req.MaxChars > 0 && utf8.RuneCountInString(c.text) > req.MaxChars
		c.lost = len(req.missingFacts(c.text))
		if i == 0 && c.perfect() {
			// The default wording within the limit, every fact kept,
			// every check passed, no stock line: nothing can beat it
			// unless the checker fails it.
			if check(c); c.pass || r.chk == nil {
				return r.finish(*c, req)
			}
		}
	}
	// In order of everything but the checker: the first the checker
	// passes is the best (its score only breaks ties among those that
	// fail), so the checker reads as few candidates as it must.
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return cands[order[i]].before(cands[order[j]]) })
	best := -1
	for _, i := range order {
		if ctx.Err() != nil {
			break
		}
		c := &cands[i]
		check(c)
		if best < 0 || c.beats(cands[best]) {
			best = i
		}
		if c.pass || r.chk == nil {
			break
		}
	}
	if best < 0 {
		best = 0
	}
	return r.finish(cands[best], req)
}

// perfect: within the limit, every fact kept, every independent check
// passed, no stock line.
func (a candidate) perfect() bool { return !a.over && a.lost == 0 && a.failed == 0 && a.stock == 0 }

// finish adds what the chosen candidate's notes and limit must say.
func (r *Rules) finish(b candidate, req Request) candidate {
	if b.short > 0 && !b.over {
		b.notes = append(b.notes, fmt.Sprintf("shortened to fit %d characters: %s", req.MaxChars, shortWhat[b.short]))
	}
	if b.over {
		n := utf8.RuneCountInString(b.text)
		b.limit = fmt.Sprintf("max_chars %d not met: the shortest rewrite that keeps the draft's facts, its concern and its proposal (or the slots for them) is %d characters; raise the limit or shorten the draft", req.MaxChars, n)
		if req.Channel == "chat" && req.MaxChars == ChatMaxChars {
			b.limit = fmt.Sprintf("the chat channel's %d characters not met: the shortest rewrite that keeps the draft's facts, its concern and its proposal is %d characters; send it as an email, or shorten the draft", req.MaxChars, n)
		}
	}
	return b
}

var shortWhat = map[int]string{1: "no lead-in", 2: "no lead-in or closing question", 3: "no acknowledgement, lead-in or closing question", 4: "the facts, concern and proposal only"}

// before orders candidates by what the independent checks and the limit
// say: within the limit, fewest lost facts, fewest failed checks, fewest
// stock lines, the shortest when over the limit, then the default order.
func (a candidate) before(b candidate) bool {
	switch {
	case a.over != b.over:
		return !a.over
	case a.lost != b.lost:
		return a.lost < b.lost
	case a.failed != b.failed:
		return a.failed < b.failed
	case a.stock != b.stock:
		return a.stock < b.stock
	case a.over && len(a.text) != len(b.text):
		return len(a.text) < len(b.text)
	case a.short != b.short:
		return a.short < b.short
	}
	return a.order < b.order
}

func (a candidate) beats(b candidate) bool {
	switch {
	case a.over != b.over:
		return !a.over
	case a.over && len(a.text) != len(b.text):
		return len(a.text) < len(b.text)
	case a.lost != b.lost:
		return a.lost < b.lost
	case a.failed != b.failed:
		return a.failed < b.failed
	case a.pass != b.pass:
		return a.pass
	case a.stock != b.stock:
		return a.stock < b.stock
	case a.score != b.score:
		return a.score > b.score
	case a.short != b.short:
		return a.short < b.short
	}
	return a.order < b.order
}

// wordCount is the number of runs of letters and digits in s: what
// len(strings.FieldsFunc(s, not a letter or digit)) counts, without the
// slice of fields (it is asked of every clause, part and candidate, many
// times a rewrite). An invalid byte reads as U+FFFD, no letter, as there.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		var word bool
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word && !in {
			n++
		}
		in = word
	}
	return n
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
	gerund := len(words) > 1 && strings.HasSuffix(w, "ing") && utf8.RuneCountInString(w) >= 6 &&
		(gerundObjects[strings.ToLower(words[1])] || words[1] != "" && unicode.IsDigit(firstRune(words[1])) || baseFromGerund(w) != "" && !finiteVerb(words[1]) && !strings.HasSuffix(words[1], "ed")) // "Merging 4,000 lines", "Cancelling backups", never "Sterling signed"
	if !notNames[w] && !gerund && !commonStarts[w] {
		return s
	}
	return lowerFirst(s)
}

// commonStarts are sentence-starting words that are never names.
var commonStarts = map[string]bool{"last": true, "every": true, "each": true, "most": true, "some": true, "any": true, "both": true,
	"nobody": true, "everyone": true, "one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "twelve": true, "fifteen": true, "twenty": true, "thirty": true,
	"forty": true, "fifty": true, "hundred": true, "hundreds": true, "thousands": true, "going": true, "skipping": true, "shipping": true,
	"launching": true, "firing": true, "cutting": true, "adding": true, "moving": true, "running": true, "putting": true,
	"getting": true, "having": true, "making": true, "taking": true, "building": true, "doing": true, "their": true, "his": true, "her": true,
	"tomorrow": true, "today": true, "tonight": true, "half": true, "all": true, "none": true, "nothing": true,
	// (a pronoun's contraction: "Sipho, it's on the portal")
	"it's": true, "it'll": true, "that's": true, "there's": true, "here's": true, "what's": true, "let's": true,
	"we're": true, "we'll": true, "we've": true, "you're": true, "you'll": true, "you've": true, "they're": true, "he's": true, "she's": true}

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

// speakerRE matches a leading "Client:" or "Dr. Okafor (principal investigator):".
var speakerRE = lazyRegexp(`^[\p{L}][\p{L}.'’ -]{0,40}(?:\([^)]{0,60}\))?\s*:\s+`)

// clauseCommaRE finds a comma that starts a new clause ("..., it's only for
// the website"), where the request ends.
var clauseCommaRE = lazyRegexp(`(?i),\s+(?:the|it|it's|it’s|it'll|it’ll|that|this|these|we|we'll|they|i|which|so|but|because|since|and then|she|he|i'm|i’m|i've|i’ve)\b`)

// systemBlockRE is a block of text wrapped in a system/instructions tag
// look-alike: an injection, never part of the message.
var systemBlockRE = lazyRegexp(`(?is)<\s*(system|instructions?|assistant)\b[^<>]*>.*?<\s*/\s*(?:system|instructions?|assistant)\s*>`)

// cleanDraft removes tag-wrapped injections, then any remaining tag
// look-alikes and stage directions ("[heavy sigh]", "*sigh*"), before the
// draft is read.
func cleanDraft(s string) string {
	s = systemBlockRE.ReplaceAllString(s, " ")
	s = stageRE.ReplaceAllString(s, " ")
	return strings.TrimSpace(delimiterRE.ReplaceAllString(s, " "))
}

// stageRE is a stage direction: a short bracketed or starred aside.
var stageRE = lazyRegexp(`(?i)\[[^\]\n]{0,20}\b(?:sighs?|groans?|eye[ -]?rolls?|shrugs?|laughs?|facepalms?|rolls eyes)\b[^\]\n]{0,20}\]|\*[^*\n]{0,20}\b(?:sighs?|groans?|eye[ -]?rolls?|shrugs?|laughs?|facepalms?|rolls eyes)\b[^*\n]{0,20}\*`)

// wantsOffer: the trimmed text offers no way forward, by the rules'
// reading (slot) or the checker's (no alternative step), and is no
// reply that rightly goes along (a let-go or a commit the checker
// passes): the trim may add the situation's offer.
func (r *Rules) wantsOffer(req Request, text string, slot bool) bool {
	if r.chk == nil {
		return slot
	}
	rep, err := checkOnce(r.chk, check.Input{Draft: text, Audience: req.Audience, Situation: req.Situation, Stakes: req.Stakes})
	if err != nil {
		return slot
	}
	if rep.Pass && (rep.Stance == check.StanceLetGo || rep.Stance == check.StanceCommit) {
		return false
	}
	for _, f := range rep.Findings {
		if f.Kind == "anti_pattern" && saysYes[f.Rule] {
			// "No problem, we'll make it work." with an offer after it
			// says two things at once: the yes is the writer's to take
			// back.
			return false
		}
	}
	if slot {
		return true
	}
	for _, c := range rep.Components {
		if c.Step == "alternative" {
			return !c.Present
		}
	}
	return false
}

// toldNote is the note for a way forward the rewrite took from the
// situation.
func toldNote(told string) string {
	return fmt.Sprintf("added the way forward your situation names: %q; check it is yours to offer before sending", clip(told, 120))
}

// saysYes are the anti-patterns of a reply that says yes.
var saysYes = map[string]bool{"abdication": true, "passive_aggressive_agreement": true}
