package rewrite

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/check"
)

// marginer is the learned judge's raw verdict (check.Checker's Margin):
// comparing a draft's margin with and without one sentence says how much
// better it reads without it.
type marginer interface {
	Margin(in check.Input) (float64, error)
	JabScore(text string) (float64, bool)
}

// JabGain is the gain in the judge's log-odds of a pass, read without one
// sentence, from which that sentence is a jab the rewrite leaves out
// whatever its words. Chosen on the development drafts (drafts1-4 of the
// blind rounds), where 0.5 and 1 dropped the same sentences.
const JabGain = 0.5

// MinJabScore: a statement (not a question) goes only when the judge's
// sentence head also reads it as a jab at least this much (log-odds):
// the whole-message judge alone gains from dropping some plain facts of a
// failing draft.
const MinJabScore = -2.0

// SureJabGain: from this gain a statement goes whatever the sentence head
// says of it.
const SureJabGain = 3.0

// SureJabScore: from this score of the sentence head a sentence with
// nothing the rules keep goes whatever the message gains without it (a
// draft with several jabs gains little from losing any one of them).
const SureJabScore = -1.0

// MaxJudgedChars bounds the drafts the judge reads sentence by sentence
// (one check per sentence): a longer draft (beyond the 300 words of a long
// email) keeps the rules' reading alone.
const MaxJudgedChars = 3000

// judgedJabs returns rd with the sentences the judge reads as jabs left
// out. It reads the draft as the rules would keep it (each sentence's
// clauses softened, the blame, insults and venting the rules drop already
// gone), once whole and once without each sentence. In a sentence whose
// absence gains at least JabGain, the clauses the rules keep or reword
// stay (a no by class or by keepNoRE, an order, a proposal, a judgement, a
// consequence, an offer, a clause with a number or a fact) and the others
// go: all of them when they ask a question (a rhetorical one: "No, are you
// off your head?" keeps its no), when the gain is at least SureJabGain, or
// when the sentence head scores one of them at least MinJabScore. rd is
// shared (readDraft's cache): its pieces are copied before any change.
func judgedJabs(rd reading, m marginer, in check.Input) reading {
	if utf8.RuneCountInString(in.Draft) > MaxJudgedChars {
		return rd
	}
	type group struct{ lo, hi int }
	var groups []group
	for i, p := range rd.pieces {
		if dropped(p.class) {
			continue
		}
		if n := len(groups); n > 0 && rd.pieces[groups[n-1].hi-1].sent == p.sent {
			groups[n-1].hi = i + 1
			continue
		}
		groups = append(groups, group{i, i + 1})
	}
	if len(groups) < 2 {
		return rd
	}
	say := func(skip int) string {
		var b strings.Builder
		if rd.greeting != "" {
			b.WriteString(rd.greeting + "\n\n")
		}
		for gi, g := range groups {
			if gi == skip {
				continue
			}
			first := true
			for _, p := range rd.pieces[g.lo:g.hi] {
				if dropped(p.class) {
					continue
				}
				if !first {
					b.WriteString(p.lead)
				} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
					b.WriteByte(' ')
				}
				b.WriteString(p.text)
				first = false
			}
		}
		if rd.signoff != "" {
			b.WriteString("\n\n" + rd.signoff)
		}
		return b.String()
	}
	margin := func(text string) (float64, bool) {
		x := in
		x.Draft = text
		z, err := m.Margin(x)
		return z, err == nil
	}
	// The draft whole, as read before any cut (its margin is measured on
	// first need).
	wholeText, whole, measured := say(-1), 0.0, false
	orig, copied := rd, false
	for gi, g := range groups {
		// The clauses the rules keep or reword stay: a no, an order, a
		// proposal, a judgement, a consequence, an offer with its time,
		// and any clause with a number or a fact. The rest of the
		// sentence is the jab.
		var cut []int
		worst := math.Inf(-1)
		question := false
		for i := g.lo; i < g.hi; i++ {
			p := rd.pieces[i]
			if dropped(p.class) || ruled[p.class] || keeps(p.orig) || timedOffer(p.text) ||
				heldNumberRE.get().MatchString(p.orig) || len(ExtractFacts(p.orig)) > 0 {
				continue
			}
			cut = append(cut, i)
			question = question || p.class == classQuestion || strings.HasSuffix(strings.TrimSpace(p.orig), "?")
			if z, ok := m.JabScore(p.text); ok {
				worst = max(worst, z)
			}
		}
		if len(cut) == 0 {
			continue // nothing to cut: no need to read the draft without it
		}
		all := len(cut) == countFunc(rd.pieces[g.lo:g.hi], func(p piece) bool { return !dropped(p.class) })
		if !(all && worst >= SureJabScore) {
			// Then only the gain decides: read the draft whole (once)
			// and without this sentence.
			if !measured {
				z, ok := margin(wholeText)
				if !ok {
					return orig
				}
				whole, measured = z, true
			}
			z, ok := margin(say(gi))
			if !ok {
				continue
			}
			if gain := z - whole; gain < JabGain || !question && gain < SureJabGain && worst < MinJabScore {
				// A statement the sentence head does not read as a jab
				// either, and the message gains little without it
				// ("There are three of us."): it stays.
				continue
			}
		}
		if !copied {
			rd.pieces = slices.Clone(rd.pieces)
			copied = true
		}
		for _, i := range cut {
			rd.pieces[i].match = match{class: classBlame}
		}
	}
	if copied && !slices.ContainsFunc(rd.pieces, func(p piece) bool { return !dropped(p.class) }) {
		// Nothing would be left to say: the rules' reading stands.
		return orig
	}
	return rd
}

// ruled are the classes the rules reword rather than keep as written.
// A consequence is the formula's impact step, said as the writer said it.
var ruled = map[string]bool{classRefusal: true, classCommand: true, classProposal: true, classJudgement: true, classConsequence: true}

// keepNoRE and keepTimeRE: a clause that says the no or names a day or a
// time (what the writer will not do, or can do instead), whatever class
// the rules gave it ("Sorry but this is not possible.", "next monday
// fine"); a question put to them about their past (youAskedRE: "were you
// in the shop last Saturday at all?") is no offer, whatever day it names.
var (
	keepNoRE = lazyRegexp(`(?i)\b(?:not possible|not happening|not doing|not going to|can't|cannot|can not|won't|will not|unable to|no way|` +
		`(?:don't|do not) think (?:we|I) can|not a good idea)\b`)
	keepTimeRE = lazyRegexp(`(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today|next week|\d{1,2}(?::\d\d)?\s?(?:am|pm))\b`)
	youAskedRE = lazyRegexp(`(?i)\b(?:were|was|did|have|had|are|do|does)\s+(?:you|anyone|they|he|she)\b[^?]*\?\s*$`)
)

// keeps reports whether clause s is the rules' to keep (see keepNoRE and
// keepTimeRE).
func keeps(s string) bool {
	return keepNoRE.get().MatchString(s) || keepTimeRE.get().MatchString(s) && !youAskedRE.get().MatchString(s)
}

// countFunc counts the pieces f holds for.
func countFunc(ps []piece, f func(piece) bool) int {
	n := 0
	for _, p := range ps {
		if f(p) {
			n++
		}
	}
	return n
}
