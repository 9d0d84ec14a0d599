package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pushback/pushback/internal/check/cue"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// PassScore is the lowest score a draft with no anti-pattern and no error
// can pass with.
const PassScore = 60

// Score weights. A pushback earns its points from substance (a reason,
// evidence, a consequence), direction (an alternative or a question that
// hands the decision back), relationship (acknowledging, inviting, "we") and
// calibration; anti-patterns cost points.
const (
	pointsReason       = 30
	pointsEvidence     = 10
	pointsImpact       = 10
	pointsAlternative  = 25
	pointsQuestion     = 18
	pointsAcknowledge  = 8
	pointsInvite       = 7
	pointsWe           = 3
	pointsRelationship = 15 // cap
	pointsCalibration  = 10
	penaltyError       = 35
	penaltyWarning     = 20
)

var severityRank = map[string]int{SeverityError: 0, SeverityWarning: 1, SeveritySuggestion: 2}
var kindRank = map[string]int{KindAntiPattern: 0, KindCalibration: 1, KindMissingStep: 2}

func (c *Checker) report(in Input, a analysis) Report {
	ix := draft.NewIndex(in.Draft)
	r := Report{
		Level:      a.read,
		Components: make([]Component, len(c.steps)),
		Signals:    make([]Signal, len(c.signals)),
		Findings:   []Finding{},
		TopFixes:   []string{},
	}
	for i, s := range c.steps {
		res := a.steps[i]
		r.Components[i] = Component{Step: s.ID, Present: res.Present(), Spans: spans(ix, res)}
	}
	for i, s := range c.signals {
		res := a.signals[i]
		r.Signals[i] = Signal{Name: s.id, Present: res.Present(), Spans: spans(ix, res)}
	}
	f := a.features

	// Anti-patterns.
	strength := map[int]float64{} // finding index -> rule score, for ordering
	for i, ar := range c.antis {
		res := a.antis[i]
		if !res.Present() {
			continue
		}
		strength[len(r.Findings)] = res.Score
		r.Findings = append(r.Findings, matchFinding(ar.ap, ar.ap.Severity, ar.ap.Name, ar.rule, ar.ap.Cues, res, a, ix))
	}

	// Calibration.
	r.IntendedLevel = c.intended(in)
	// Disagree and commit (the draft says the case was made and commits
	// to the decision; the documents' advice for that moment: support it
	// fully), and letting it go (low stakes, nothing at risk named, the
	// draft goes along): neither is judged against the stakes nor asked
	// for an alternative. Going along is the way forward.
	var stance string
	switch {
	case committed(f):
		stance = StanceCommit
	case lettingGo(in, f):
		stance = StanceLetGo
	}
	committing := stance != ""
	calib := c.calibration(in, a.read, f)
	if calib != nil && !committing {
		r.Findings = append(r.Findings, *calib)
	}

	// Missing steps.
	for i, s := range c.g.Formula.Steps {
		if r.Components[i].Present {
			continue
		}
		sev := missingSeverity(in.Audience, s.ID, f)
		if sev == "" {
			continue
		}
		if committing && sev != SeveritySuggestion {
			sev = SeveritySuggestion
		}
		r.Findings = append(r.Findings, Finding{
			Rule:       "missing_" + s.ID,
			Kind:       KindMissingStep,
			Severity:   sev,
			Message:    fmt.Sprintf("No %s step: %s", strings.ToLower(s.Name), s.Purpose),
			Source:     c.g.Formula.Source,
			Suggestion: s.Fix,
		})
	}

	r.Score = score(in.Audience, f, committing, r.Findings)
	r.Pass = r.Score >= PassScore
	named := false
	for _, fd := range r.Findings {
		if fd.Kind == KindAntiPattern || fd.Severity == SeverityError {
			r.Pass = false
		}
		named = named || fd.Kind == KindAntiPattern
	}
	// A draft that fails with no anti-pattern over its threshold is told
	// which one it leans toward, when one reached half its threshold.
	if !r.Pass && !named {
		best := -1
		for i := range c.antis {
			if sc := a.antis[i].Score; sc >= cue.Threshold/2 && (best < 0 || sc > a.antis[best].Score) {
				best = i
			}
		}
		lean, fallback := cue.Result{}, false
		if best >= 0 {
			lean = a.antis[best]
		} else {
			// No anti-pattern's words came near: judge the draft's shape
			// by the fallback cues (a no with no reason, compliance with
			// no concern, a yes that puts things off).
			for i := range c.antis {
				if res := c.antis[i].fallback.Eval(a.text, a.features); res.Score > 0 && (best < 0 || res.Score > lean.Score) {
					best, lean, fallback = i, res, true
				}
			}
		}
		if best >= 0 {
			ar := c.antis[best]
			rl, src := ar.rule, ar.ap.Cues
			if fallback {
				rl, src = ar.fallback, ar.ap.Fallback
			}
			strength[len(r.Findings)] = lean.Score
			r.Findings = append(r.Findings, matchFinding(ar.ap, SeverityWarning, "Leans toward "+strings.ToLower(ar.ap.Name), rl, src, lean, a, ix))
		}
	}

	// Order: most severe first, anti-patterns before calibration before
	// missing steps, stronger matches first, then by position.
	idx := make([]int, len(r.Findings))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		p, q := r.Findings[idx[x]], r.Findings[idx[y]]
		if severityRank[p.Severity] != severityRank[q.Severity] {
			return severityRank[p.Severity] < severityRank[q.Severity]
		}
		if kindRank[p.Kind] != kindRank[q.Kind] {
			return kindRank[p.Kind] < kindRank[q.Kind]
		}
		if strength[idx[x]] != strength[idx[y]] {
			return strength[idx[x]] > strength[idx[y]]
		}
		return p.Start < q.Start
	})
	sorted := make([]Finding, len(idx))
	for i, j := range idx {
		sorted[i] = r.Findings[j]
	}
	r.Findings = sorted

	c.firm(in.Matter, r.Findings)
	r.TopFixes = topFixes(r.Findings, r.Pass)
	r.cueStance = stance
	if stance == StanceLetGo && (f["context"] || f["impact"] || f["alternative"] || c.catch.Eval(a.text, nil).Present()) {
		// A yes that goes on to a concern, its cost or a counter-offer
		// ("happy to, but eight in a row breaks the rota rules; two blocks
		// of four?", "if so I need to add $100") is a pushback, whatever the
		// cues' score makes of it. (A date or a number in a yes is a
		// detail, not a concern.)
		r.cueStance = ""
	}
	if r.Pass {
		r.Stance = stance
	}
	return r // Summary: the caller's, once the verdict is final
}

// firm replaces, on a matter that is not theirs to decide (a rule, an
// integrity matter), every suggestion that would hand the decision back
// or ask the writer to accept or support theirs with the guide's firm
// one: state the limit and what you can do. On a trade-off (or no matter
// given) the findings keep the documents' advice.
func (c *Checker) firm(m guide.Matter, fs []Finding) {
	info, ok := c.g.Matter(m)
	if !ok || info.HandsBack {
		return
	}
	for i := range fs {
		f := &fs[i]
		switch f.Kind {
		case KindAntiPattern:
			if ap, ok := c.g.AntiPattern(f.Rule); ok && ap.FirmSuggestion != "" {
				// The documents' reason ("accept their decision
				// gracefully") gives way to the matter's too.
				f.Suggestion = ap.FirmSuggestion
				if info.Advice != "" {
					f.Why = info.Advice
				}
			}
		case KindMissingStep:
			if st, ok := c.g.Step(strings.TrimPrefix(f.Rule, "missing_")); ok && st.FirmFix != "" {
				f.Suggestion = st.FirmFix
			}
		}
	}
}

// calibration judges the read level against the intended level and the
// stakes, and returns a finding when it does not fit.
func (c *Checker) calibration(in Input, read guide.Level, f map[string]bool) *Finding {
	sev, why := "", ""
	if in.Level != "" && in.Level != read {
		d := abs(in.Level.Rank() - read.Rank())
		sev = SeveritySuggestion
		if d >= 2 {
			sev = SeverityWarning
		}
		why = fmt.Sprintf("you meant it to read %s", in.Level)
	}
	if in.Stakes != "" {
		if sl, ok := c.g.StakesLevel(in.Stakes); ok {
			d := 99
			for _, l := range sl.Allowed {
				d = min(d, abs(l.Rank()-read.Rank()))
			}
			if d > 0 {
				// Far off the stakes is an error, except a gently worded
				// draft that states the consequence with evidence: that is
				// understated, not a shrug. Alarm over a trivial change
				// stays an error.
				under := read.Rank() < sl.Allowed[0].Rank()
				s := SeverityWarning
				if d >= 2 && !(under && f["impact"] && f["evidence"]) {
					s = SeverityError
				}
				if sev == "" || severityRank[s] < severityRank[sev] {
					sev = s
				}
				if why != "" {
					why += " and "
				}
				why += fmt.Sprintf("%s stakes call for %s", in.Stakes, joinLevels(sl.Allowed))
			} else if start := c.intended(in); in.Level == "" && read != start && read != sl.EscalateWhenGentleFailed {
				// Fits the stakes, but not the level they start at.
				sev = SeveritySuggestion
				why = fmt.Sprintf("%s stakes usually start at %s (%s fits too)", in.Stakes, start, read)
			}
		}
	}
	if sev == "" {
		return nil
	}
	target := c.intended(in)
	readInfo, _ := c.g.Level(read)
	tInfo, _ := c.g.Level(target)
	aim := "Aim for"
	if sev == SeveritySuggestion {
		aim = "Optional: keep it if deliberate, or aim for"
	}
	sugg := fmt.Sprintf("%s %s: %s", aim, strings.ToLower(tInfo.Name), tInfo.Fix)
	return &Finding{
		Rule:       "miscalibrated",
		Kind:       KindCalibration,
		Severity:   sev,
		Message:    fmt.Sprintf("Reads as %s (%s), but %s.", read, strings.ToLower(readInfo.Name), why),
		Why:        "Different situations require different intensities: alarm over a trivial change is as wrong as a shrug over a critical issue.",
		Source:     readInfo.Source,
		Suggestion: sugg,
	}
}

// intended is the level a draft is meant to read at: the one asked for,
// else the one the stakes and the audience start at (guide.StartLevel,
// the rule decide and recommend_level give), else none.
func (c *Checker) intended(in Input) guide.Level {
	if in.Level != "" {
		return in.Level
	}
	// StartLevel also writes out why; a check asks for the level a few
	// times, so it is kept by stakes and audience.
	key := [2]string{string(in.Stakes), string(in.Audience)}
	if lvl, ok := c.startLevels.Load(key); ok {
		return lvl.(guide.Level)
	}
	lvl, _, _ := c.g.StartLevel(in.Stakes, in.Audience, false)
	c.startLevels.Store(key, lvl)
	return lvl
}

// missingSeverity says how much a missing step matters for an audience, or
// "" when it is not worth reporting. To a client, leading with understanding
// and leaving the decision with them matter; to leadership, data and a
// counter-proposal carry the message.
func missingSeverity(aud guide.Audience, step string, f map[string]bool) string {
	reason := f["context"] || f["impact"] || f["evidence"]
	switch step {
	case "acknowledge":
		if aud == guide.AudienceClient && !f["we_framing"] {
			return SeverityWarning
		}
		return SeveritySuggestion
	case "context":
		if !reason {
			return SeverityWarning
		}
		return SeveritySuggestion
	case "impact":
		return SeveritySuggestion
	case "alternative":
		if f["question"] && aud != guide.AudienceLeadership {
			return SeveritySuggestion
		}
		return SeverityWarning
	case "invite":
		if aud == guide.AudienceClient {
			return SeverityWarning
		}
		return SeveritySuggestion
	}
	return ""
}

// score adds up a draft's points. committing (disagree and commit, or
// letting a low-stakes request go) counts as reasoned and as a way forward:
// the reasoning came before, or the framework's answer is to let it go.
func score(aud guide.Audience, f map[string]bool, committing bool, findings []Finding) int {
	s := 0
	if f["context"] || f["impact"] || f["evidence"] || committing {
		s += pointsReason
		if f["evidence"] {
			s += pointsEvidence
		}
		if f["impact"] {
			s += pointsImpact
		}
	}
	switch {
	case f["alternative"], committing:
		s += pointsAlternative
	case f["question"]:
		s += pointsQuestion
	}
	if aud == guide.AudienceLeadership {
		s += pointsRelationship
	} else {
		rel := 0
		if f["acknowledge"] {
			rel += pointsAcknowledge
		}
		if f["invite"] {
			rel += pointsInvite
		}
		if f["we_framing"] {
			rel += pointsWe
		}
		s += min(rel, pointsRelationship)
	}
	calib := pointsCalibration
	for _, fd := range findings {
		switch {
		case fd.Kind == KindCalibration:
			if fd.Severity != SeveritySuggestion {
				calib = 0
			}
		case fd.Kind == KindAntiPattern && fd.Severity == SeverityError:
			s -= penaltyError
		case fd.Kind == KindAntiPattern:
			s -= penaltyWarning
		}
	}
	s += calib
	return max(0, min(100, s))
}

// stanceSays is what a passing report's summary says for its stance.
var stanceSays = map[string]string{
	StanceCommit: "disagree and commit: the case was made, and the draft backs the decision",
	StanceLetGo:  "letting it go: nothing here is worth a fight and no known risk is named, so a plain yes fits",
}

// summary is the report's one-sentence verdict.
func (c *Checker) summary(r Report) string {
	var parts []string
	for _, comp := range r.Components {
		if comp.Present {
			if st, ok := c.g.Step(comp.Step); ok {
				parts = append(parts, strings.ToLower(st.Name))
			}
		}
	}
	has := "no formula steps"
	if len(parts) > 0 {
		has = strings.Join(parts, ", ")
	}
	if says, ok := stanceSays[r.Stance]; r.Pass && ok {
		return fmt.Sprintf("Ready to send (score %d): %s.", r.Score, says)
	}
	if r.Pass && r.Stance == StanceEscalation {
		return fmt.Sprintf("Ready to send (score %d): firm and warranted; reads %s; has %s.", r.Score, r.Level, has)
	}
	if r.Pass {
		return fmt.Sprintf("Ready to send (score %d): reads %s; has %s.", r.Score, r.Level, has)
	}
	if len(r.Findings) > 0 {
		return fmt.Sprintf("Not ready (score %d): %s", r.Score, r.Findings[0].Message)
	}
	return fmt.Sprintf("Not ready (score %d): reads %s; has %s.", r.Score, r.Level, has)
}

func antiFinding(ap guide.AntiPattern, severity, label string, sp draft.Span) Finding {
	return Finding{
		Rule:       ap.ID,
		Kind:       KindAntiPattern,
		Severity:   severity,
		Message:    fmt.Sprintf("%s: %q", label, clip(sp.Text, 120)),
		Why:        ap.Why,
		Source:     ap.Source,
		Start:      sp.Start,
		End:        sp.End,
		Excerpt:    sp.Text,
		Suggestion: ap.Suggestion,
	}
}

// spans turns a present rule's positive hits into character spans, merging
// overlaps; a rule below its threshold shows none.
func spans(ix *draft.Index, res cue.Result) []draft.Span {
	if !res.Present() {
		return []draft.Span{}
	}
	// The positive hits, overlapping ones merged: counted first, so that
	// the spans take one allocation.
	merge := func(span func(start, end int)) {
		ls, le := -1, -1
		for _, h := range res.Hits {
			if h.Weight <= 0 {
				continue
			}
			if ls >= 0 && h.Start <= le {
				le = max(le, h.End)
				continue
			}
			if ls >= 0 {
				span(ls, le)
			}
			ls, le = h.Start, h.End
		}
		if ls >= 0 {
			span(ls, le)
		}
	}
	n := 0
	merge(func(int, int) { n++ })
	out := make([]draft.Span, 0, n)
	merge(func(start, end int) { out = append(out, ix.Span(start, end)) })
	return out
}

// committed reports disagree and commit: the draft says its case was made
// and commits to the decision.
func committed(f map[string]bool) bool { return f["commits"] && f["made_case"] }

// lettingGo reports the framework's "let it go": the stakes are low, the
// situation names no risk or gap the writer knows of, and the draft goes
// along. Not every battle is worth fighting; a prompt yes is then the right
// reply, not an abdication.
func lettingGo(in Input, f map[string]bool) bool {
	return in.Stakes == guide.StakesLow && f[featureGoesAlong] && !f["known_risk"] && !f["known_gap"]
}

// featureGoesAlong is the guide's feature for a draft that simply goes
// along; the checker reads it only for lettingGo, so it is not computed at
// other stakes.
const featureGoesAlong = "goes_along"

// matchFinding is the finding for anti-pattern ap matched by rule rl
// (compiled from src) with result res. When only shape cues held (the
// situation, what the draft lacks) there are no words to point at: the
// finding has no span and its message is the strongest such cue's note.
func matchFinding(ap guide.AntiPattern, severity, label string, rl cue.Rule, src []guide.Cue, res cue.Result, a analysis, ix *draft.Index) Finding {
	fd := antiFinding(ap, severity, label, ix.Span(findingRange(a.text, res.Hits)))
	if fd.End == fd.Start {
		fd.Message = label + ": " + shapeNote(rl, src, a)
	}
	return fd
}

// shapeNote is the note of the strongest cue of r (compiled from src) that
// holds for the draft.
func shapeNote(r cue.Rule, src []guide.Cue, a analysis) string {
	if j := r.Strongest(a.text, a.features); j >= 0 {
		return src[j].Note
	}
	return ""
}

// findingRange covers the sentences from the first to the last positive
// hit; zero-width hits (shape cues) cover nothing.
func findingRange(t *cue.Text, hits []cue.Hit) (int, int) {
	start, end := -1, -1
	for _, h := range hits {
		if h.Weight <= 0 || h.End <= h.Start {
			continue
		}
		s := t.SentenceAt(h.Start)
		if start < 0 || s[0] < start {
			start = min(s[0], h.Start)
		}
		e := t.SentenceAt(max(h.Start, h.End-1))
		end = max(end, e[1], h.End)
	}
	if start < 0 {
		return 0, 0
	}
	return start, end
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func joinLevels(ls []guide.Level) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l)
	}
	return strings.Join(parts, " or ")
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
