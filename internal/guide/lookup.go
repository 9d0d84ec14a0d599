package guide

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// AntiPattern returns the anti-pattern with the given id.
func (g *Guide) AntiPattern(id string) (AntiPattern, bool) {
	for _, a := range g.AntiPatterns {
		if a.ID == id {
			return a, true
		}
	}
	return AntiPattern{}, false
}

// Audience returns how to deliver pushback to a.
func (g *Guide) Audience(a Audience) (AudienceInfo, bool) {
	for _, x := range g.Audiences {
		if x.ID == a {
			return x, true
		}
	}
	return AudienceInfo{}, false
}

// LongestExample is the longest of the documents' examples, in bytes: the
// realistic worst-case draft that benchmarks and the measure command time.
func (g *Guide) LongestExample() Example {
	var best Example
	for _, e := range g.Examples {
		if len(e.Text) > len(best.Text) {
			best = e
		}
	}
	return best
}

// Level returns the description of a level.
func (g *Guide) Level(l Level) (LevelInfo, bool) {
	for _, li := range g.Levels {
		if li.ID == l {
			return li, true
		}
	}
	return LevelInfo{}, false
}

// Step returns a formula step by id.
func (g *Guide) Step(id string) (Step, bool) {
	for _, s := range g.Formula.Steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// Scenario returns a scenario by id.
func (g *Guide) Scenario(id string) (Scenario, bool) {
	id = NormaliseID(id)
	for _, s := range g.Scenarios {
		if s.ID == id {
			return s, true
		}
	}
	return Scenario{}, false
}

// Matter returns how a matter changes a message's ending; the empty matter
// is a trade-off.
func (g *Guide) Matter(m Matter) (MatterInfo, bool) {
	if m == "" {
		m = MatterTradeOff
	}
	for _, x := range g.Formula.Matters {
		if x.ID == m {
			return x, true
		}
	}
	return MatterInfo{}, false
}

// AudienceAdvice is how the documents say to deliver a pushback on matter
// m to audience a, or "" when a is not given. A trade-off gets the
// audience's advice as it is; a rule or an integrity matter, which is not
// theirs to decide, never gets advice to hand it back or accept their
// call: the audience's firm advice, else its advice and the matter's.
func (g *Guide) AudienceAdvice(a Audience, m Matter) string {
	info, ok := g.Audience(a)
	if !ok {
		return ""
	}
	minfo, _ := g.Matter(m)
	switch {
	case minfo.HandsBack || minfo.ID == "":
		return info.Advice
	case info.FirmAdvice != "":
		return info.FirmAdvice
	case minfo.Advice != "":
		return info.Advice + " " + minfo.Advice
	}
	return info.Advice
}

// StakesLevel returns the calibration row for a stakes value.
func (g *Guide) StakesLevel(s Stakes) (StakesLevel, bool) {
	for _, r := range g.StakesLevels {
		if r.Stakes == s {
			return r, true
		}
	}
	return StakesLevel{}, false
}

// Source returns a source document by id.
func (g *Guide) Source(id string) (Source, bool) {
	for _, s := range g.Sources {
		if s.ID == id {
			return s, true
		}
	}
	return Source{}, false
}

var fieldNameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func (g *Guide) validate(parsePatterns bool) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	sources := map[string]bool{}
	for _, s := range g.Sources {
		sources[s.ID] = true
	}
	checkSource := func(where, id string) {
		if !sources[id] {
			bad("%s: unknown source %q", where, id)
		}
	}
	features := map[string]bool{}
	for _, s := range g.Formula.Steps {
		features[s.ID] = true
	}
	for _, s := range g.Signals {
		features[s.ID] = true
	}
	for _, f := range g.Features {
		if features[f.ID] {
			bad("feature %s: the id is taken by a step, a signal or another feature", f.ID)
		}
		features[f.ID] = true
	}
	checkCues := func(where string, cues []Cue) {
		for _, c := range cues {
			if parsePatterns {
				if _, err := syntax.Parse(c.Pattern, syntax.Perl|syntax.FoldCase); err != nil {
					bad("%s: cue %q: %v", where, c.Pattern, err)
				}
			}
			switch c.Kind {
			case "", CueExistence, CueOccurrence, CueConditional:
			default:
				bad("%s: cue %q: kind %q", where, c.Pattern, c.Kind)
			}
			if c.Pattern == "^" && c.Note == "" {
				bad("%s: a shape cue (pattern ^) needs a note: it is the finding's message", where)
			}
			if c.Scope != "" && c.Scope != ScopeSentence {
				bad("%s: cue %q: scope %q", where, c.Pattern, c.Scope)
			}
			for _, f := range append(append([]string{}, c.Unless...), c.Requires...) {
				if !features[f] {
					bad("%s: cue %q: unknown feature %q", where, c.Pattern, f)
				}
			}
		}
	}
	if parsePatterns {
		if err := g.Placeholders.validate(); err != nil {
			bad("%v", err)
		}
	}
	for _, l := range g.Stock.Lines {
		if !parsePatterns {
			break
		}
		re, err := regexp.Compile("(?i)" + l.Pattern)
		if err != nil {
			bad("stock line %s: %v", l.ID, err)
			continue
		}
		if len(l.Examples) == 0 {
			bad("stock line %s: no examples", l.ID)
		}
		if len(l.Needs) == 0 {
			bad("stock line %s: no needs", l.ID)
		}
		for _, ex := range l.Examples {
			if !re.MatchString(ex) {
				bad("stock line %s: does not match its example %q", l.ID, ex)
			}
			if m := strings.ToLower(re.FindString(ex)); !slices.ContainsFunc(l.Needs, func(n string) bool { return strings.Contains(m, n) }) {
				bad("stock line %s: its match in %q holds none of its needs %q", l.ID, ex, l.Needs)
			}
		}
		for _, ex := range l.Not {
			if re.MatchString(ex) {
				bad("stock line %s: matches %q, which it must not", l.ID, ex)
			}
		}
	}
	if len(g.Framework.Questions) != 5 {
		bad("framework: want 5 questions, have %d", len(g.Framework.Questions))
	}
	if len(g.Levels) != len(Levels) {
		bad("levels: want %d, have %d", len(Levels), len(g.Levels))
	}
	for i, l := range g.Levels {
		if l.ID != Levels[i] || l.Rank != i+1 {
			bad("levels[%d]: want %s with rank %d, have %s rank %d", i, Levels[i], i+1, l.ID, l.Rank)
		}
		checkSource("level "+string(l.ID), l.Source)
		if l.Fix == "" {
			bad("level %s: no fix", l.ID)
		}
		checkCues("level "+string(l.ID), l.Cues)
	}
	for _, s := range AllStakes {
		if _, ok := g.StakesLevel(s); !ok {
			bad("stakes_levels: no row for %s", s)
		}
	}
	wantSteps := []string{"acknowledge", "context", "impact", "alternative", "invite"}
	if len(g.Formula.Steps) != len(wantSteps) {
		bad("formula: want %d steps, have %d", len(wantSteps), len(g.Formula.Steps))
	} else {
		for i, s := range g.Formula.Steps {
			if s.ID != wantSteps[i] {
				bad("formula step %d: want %s, have %s", i, wantSteps[i], s.ID)
			}
			checkCues("step "+s.ID, s.Cues)
			if s.Fix == "" {
				bad("formula step %s: no fix", s.ID)
			}
		}
	}
	for _, a := range g.AntiPatterns {
		checkSource("anti-pattern "+a.ID, a.Source)
		checkCues("anti-pattern "+a.ID, a.Cues)
		checkCues("anti-pattern "+a.ID+" fallback", a.Fallback)
		switch a.Severity {
		case "error", "warning", "suggestion":
		default:
			bad("anti-pattern %s: severity %q", a.ID, a.Severity)
		}
	}
	ids := map[string]bool{}
	for _, e := range g.Examples {
		if ids[e.ID] {
			bad("example %s: duplicate id", e.ID)
		}
		ids[e.ID] = true
		checkSource("example "+e.ID, e.Source)
		switch e.Kind {
		case "good":
		case "bad":
			if _, ok := g.AntiPattern(e.AntiPattern); !ok {
				bad("example %s: unknown anti_pattern %q", e.ID, e.AntiPattern)
			}
		default:
			bad("example %s: kind %q", e.ID, e.Kind)
		}
		if e.Text == "" {
			bad("example %s: empty text", e.ID)
		}
	}
	checkTemplate := func(where string, steps []TemplateStep) {
		if len(steps) == 0 {
			bad("%s: empty template", where)
		}
		for _, st := range steps {
			if _, ok := g.Step(st.Step); !ok {
				bad("%s: template step %q is no formula step", where, st.Step)
			}
			if st.Text == "" && len(st.Levels) < len(Levels) {
				bad("%s: template step %s: no text for the levels it does not name", where, st.Step)
			}
			for l := range st.Levels {
				if l.Rank() == 0 {
					bad("%s: template step %s: unknown level %q", where, st.Step, l)
				}
			}
		}
	}
	checkField := func(where string, f ScenarioField) {
		if !slices.Contains(PhraseKinds, f.Phrase) {
			bad("%s: field %s: phrase %q (use one of %v)", where, f.Name, f.Phrase, PhraseKinds)
		}
		if f.Default != "" && (f.Required || f.RequiredFrom != "") {
			bad("%s: field %s: a default is for an optional field", where, f.Name)
		}
		if f.RequiredFrom != "" && (f.Required || f.RequiredFrom.Rank() == 0) {
			bad("%s: field %s: required_from %q needs a known level and an optional field", where, f.Name, f.RequiredFrom)
		}
	}
	scenarioIDs := map[string]bool{}
	for _, s := range g.Scenarios {
		checkSource("scenario "+s.ID, s.Source)
		if s.ID == "" || scenarioIDs[s.ID] {
			bad("scenario %q: empty or duplicate id", s.ID)
		}
		scenarioIDs[s.ID] = true
		checkTemplate("scenario "+s.ID, s.Template)
		fields := map[string]bool{}
		for _, f := range s.Fields {
			// Templates reach fields as {{.name}}: names must be lower-case
			// identifiers (capitalised names are the renderer's own).
			if !fieldNameRE.MatchString(f.Name) || fields[f.Name] {
				bad("scenario %s: field %q: not an identifier, reserved or duplicate", s.ID, f.Name)
			}
			fields[f.Name] = true
			checkField("scenario "+s.ID, f)
		}
		for _, a := range s.Audiences {
			if !slices.Contains(Audiences, a) {
				bad("scenario %s: unknown audience %q", s.ID, a)
			}
		}
		if s.Instead != "" && !slices.ContainsFunc(g.Scenarios, func(o Scenario) bool { return o.ID == s.Instead }) {
			bad("scenario %s: instead names unknown scenario %q", s.ID, s.Instead)
		}
	}
	for _, a := range g.Audiences {
		switch a.Decides {
		case DecidesThem, DecidesTogether:
		case DecidesMe:
			if a.Decision == "" || a.Invite == "" {
				bad("audience %s: decides me needs a decision and an invite", a.ID)
			}
		default:
			bad("audience %s: decides %q (use them, together or me)", a.ID, a.Decides)
		}
		if a.Escalate == "" {
			bad("audience %s: no escalate sentence", a.ID)
		}
		if a.FirstCap != "" && (!slices.Contains(Levels, a.FirstCap) || a.FirstNote == "") {
			bad("audience %s: first_cap %q needs a known level and a first_note", a.ID, a.FirstCap)
		}
	}
	for _, f := range g.Formula.Fields {
		checkField("formula", f)
	}
	checkTemplate("formula", g.Formula.Template)
	for _, m := range Matters {
		info, ok := g.Matter(m)
		switch {
		case !ok:
			bad("formula: matters: no entry for %s", m)
		case !info.HandsBack && info.Decision == "":
			bad("formula: matter %s: not handed back, so it needs a decision", m)
		}
	}
	if len(g.Formula.Matters) != len(Matters) {
		bad("formula: matters: want %d entries, have %d", len(Matters), len(g.Formula.Matters))
	}
	for _, s := range g.Signals {
		checkCues("signal "+s.ID, s.Cues)
		if s.Step != "" {
			if _, ok := g.Step(s.Step); !ok {
				bad("signal %s: unknown step %q", s.ID, s.Step)
			}
		} else if len(s.Cues) == 0 {
			bad("signal %s: no cues and no step", s.ID)
		}
	}
	for _, a := range Audiences {
		info, ok := g.Audience(a)
		if !ok {
			bad("audiences: no entry for %s", a)
			continue
		}
		checkSource("audience "+string(a), info.Source)
		if info.Advice == "" {
			bad("audience %s: no advice", a)
		}
		for _, p := range info.Principles {
			if !slices.ContainsFunc(g.Principles, func(x Principle) bool { return x.ID == p }) {
				bad("audience %s: unknown principle %q", a, p)
			}
		}
	}
	if len(g.Audiences) != len(Audiences) {
		bad("audiences: want %d entries, have %d", len(Audiences), len(g.Audiences))
	}
	for _, f := range g.Features {
		checkCues("feature "+f.ID, f.Cues)
		if f.On != FeatureOnDraft && f.On != FeatureOnSituation {
			bad("feature %s: on %q, want %s or %s", f.ID, f.On, FeatureOnDraft, FeatureOnSituation)
		}
		if len(f.Cues) == 0 {
			bad("feature %s: no cues", f.ID)
		}
		for _, c := range f.Cues {
			if c.Kind == CueConditional {
				bad("feature %s: cue %q: a feature's cues cannot be conditional", f.ID, c.Pattern)
			}
		}
	}
	for _, list := range [][]string{g.Tone.Injection, g.Tone.Interjections} {
		for _, p := range list {
			checkCues("tone", []Cue{{Pattern: p}})
		}
	}
	for _, r := range append(slices.Clone(g.Tone.Replacements), g.Tone.Judgements...) {
		checkCues("tone replacement", []Cue{{Pattern: r.Pattern}})
	}
	g.Rewrite.validate(bad, parsePatterns)
	return errors.Join(errs...)
}

// validate checks the rewrite data: every class the engine needs, once;
// every cue parses (with @verbs expanded) and has examples; every level
// has its forms.
func (r *RewriteGuide) validate(bad func(string, ...any), parse bool) {
	seen := map[string]bool{}
	for _, c := range r.Classes {
		if seen[c.ID] {
			bad("rewrite class %s: duplicate", c.ID)
		}
		seen[c.ID] = true
		if !slices.Contains(ClauseClasses, c.ID) {
			bad("rewrite class %q: unknown (want one of %v)", c.ID, ClauseClasses)
		}
		for _, cu := range c.Cues {
			if len(cu.Examples) == 0 {
				bad("rewrite class %s: cue %q has no examples", c.ID, cu.Pattern)
			}
			if cu.Form != "" && !slices.Contains(ClauseForms, cu.Form) {
				bad("rewrite class %s: cue %q: form %q (want one of %v)", c.ID, cu.Pattern, cu.Form, ClauseForms)
			}
			if parse {
				if _, err := syntax.Parse(r.Expand(cu.Pattern), syntax.Perl|syntax.FoldCase); err != nil {
					bad("rewrite class %s: cue %q: %v", c.ID, cu.Pattern, err)
				}
			}
		}
	}
	for _, id := range ClauseClasses {
		if !seen[id] {
			bad("rewrite: class %s missing", id)
		}
	}
	if len(r.Verbs) == 0 {
		bad("rewrite: no verbs")
	}
	f := r.Forms
	if len(f.Acknowledge.Goal) == 0 || len(f.Acknowledge.RequestYou) == 0 || len(f.Acknowledge.Shared) == 0 || len(f.Acknowledge.Chat) == 0 {
		bad("rewrite forms: acknowledge needs goal, request_you, shared and chat forms")
	}
	if f.Slot == "" || f.Escalate == "" || f.SlotNote == "" || f.ReasonSlot == "" || f.ReasonNote == "" || f.InviteChoice == "" || !strings.Contains(f.ReasonForm, f.ReasonSlot) {
		bad("rewrite forms: slot, slot_note, reason_slot, reason_form (holding the reason slot), reason_note and invite_choice are required")
	}
	for _, l := range Levels {
		if len(f.Lead[l]) == 0 || len(f.LeadIt[l]) == 0 || len(f.Propose[l]) == 0 || len(f.Invite[l]) == 0 ||
			f.Worry[l] == "" || f.Doubt[l] == "" || f.Risk[l] == "" || f.HoldIng[l] == "" || f.HoldVP[l] == "" || f.SlotForms[l] == "" {
			bad("rewrite forms: level %s lacks lead, lead_it, propose, invite, worry, doubt, risk, hold_ing, hold_vp or slot_forms", l)
		}
		if !strings.Contains(f.SlotForms[l], f.Slot) {
			bad("rewrite forms: slot_forms %s does not hold the slot %q", l, f.Slot)
		}
	}
	for _, l := range []Level{LevelStrong, LevelEscalated} {
		if f.MustNot[l] == "" || f.MustNotWithout[l] == "" {
			bad("rewrite forms: level %s lacks must_not or must_not_without", l)
		}
	}
	rf, cf := f.Refuse, f.Command
	for name, form := range map[string]string{
		"refuse.cant_firm": rf.CantFirm, "refuse.have_firm": rf.HaveFirm, "refuse.cant": rf.Cant, "refuse.wont": rf.Wont, "refuse.let": rf.Let, "refuse.hold": rf.Hold,
		"refuse.give": rf.Give, "refuse.get": rf.Get, "refuse.approve": rf.Approve, "refuse.not_ing": rf.NotIng, "refuse.time": rf.Time,
		"refuse.time_by": rf.TimeBy, "command.report": cf.Report, "command.peer": cf.Peer, "command.ask": cf.Ask, "command.must": cf.Must,
		"choice": f.Choice, "how_about": f.HowAbout, "or_we": f.OrWe, "otherwise_we": f.OtherwiseWe, "we_have": f.WeHave,
	} {
		if !strings.Contains(form, "{") {
			bad("rewrite forms: %s is missing or has no placeholder", name)
		}
	}
	if len(f.Acknowledge.WantVP) == 0 || len(f.Acknowledge.WantNP) == 0 {
		bad("rewrite forms: acknowledge needs want_vp and want_np forms")
	}
}

// Expand replaces @verbs in a clause cue pattern with the verbs list.
func (r *RewriteGuide) Expand(pattern string) string {
	if !strings.Contains(pattern, "@verbs") {
		return pattern
	}
	return strings.ReplaceAll(pattern, "@verbs", strings.Join(r.Verbs, "|"))
}

// StartLevel is the level a pushback starts at, with why: the one rule
// for the intended level wherever it is needed (decide, recommend_level,
// the checker's intended level, the rewrite's target). The stakes give
// the level; a repeated pushback (gentler pushback has failed) is one step
// more direct within the levels they allow, and escalated only where the
// stakes table says so (critical); a first pushback to an audience with a
// cap (a colleague: moderate) starts no higher than the cap below critical
// stakes. ok is false when the stakes are not given or not in the data.
func (g *Guide) StartLevel(s Stakes, a Audience, repeated bool) (lvl Level, why string, ok bool) {
	row, ok := g.StakesLevel(s)
	if !ok {
		return "", "", false
	}
	lvl = row.Level
	why = fmt.Sprintf("Stakes %s: start at %s.", s, lvl)
	info, _ := g.Audience(a)
	switch {
	case repeated && row.EscalateWhenGentleFailed != "":
		lvl = row.EscalateWhenGentleFailed
		why = fmt.Sprintf("Stakes %s and gentler pushback has not worked: %s.", s, lvl)
	case repeated:
		stepped := false
		for _, l := range row.Allowed {
			if l.Rank() == lvl.Rank()+1 && l != LevelEscalated {
				lvl, stepped = l, true
				break
			}
		}
		if stepped {
			why = fmt.Sprintf("Stakes %s, raised before without effect: one step more direct, %s.", s, lvl)
		} else {
			why = fmt.Sprintf("Stakes %s, raised before without effect: stay at %s, the most direct these stakes allow; escalating is for critical issues.", s, lvl)
		}
	case info.FirstCap != "" && s != StakesCritical && lvl.Rank() > info.FirstCap.Rank():
		lvl = info.FirstCap
		why = fmt.Sprintf("Stakes %s, a first pushback to a %s: %s. %s", s, a, lvl, info.FirstNote)
	}
	return lvl, why, true
}

// Class returns the rewrite guide's clause class id.
func (rg RewriteGuide) Class(id string) (ClauseClass, bool) {
	for _, c := range rg.Classes {
		if c.ID == id {
			return c, true
		}
	}
	return ClauseClass{}, false
}
