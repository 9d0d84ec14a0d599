package check

import (
	"bytes"
	"encoding/json"
	"errors"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

func TestCheckInputErrors(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want error
	}{
		{"empty", Input{Draft: ""}, draft.ErrEmpty},
		{"blank", Input{Draft: " \n\t "}, draft.ErrEmpty},
		{"too long", Input{Draft: strings.Repeat("é", draft.MaxChars+1)}, draft.ErrTooLong},
		{"invalid utf8", Input{Draft: "ok \xff"}, draft.ErrInvalidUTF8},
		{"situation too long", Input{Draft: "Could we wait?", Situation: strings.Repeat("a", draft.MaxChars+1)}, draft.ErrTooLong},
		{"situation invalid utf8", Input{Draft: "Could we wait?", Situation: "\xc3"}, draft.ErrInvalidUTF8},
		{"bad audience", Input{Draft: "Could we wait?", Audience: "board"}, guide.ErrUnknownValue},
		{"bad stakes", Input{Draft: "Could we wait?", Stakes: "huge"}, guide.ErrUnknownValue},
		{"bad level", Input{Draft: "Could we wait?", Level: "loud"}, guide.ErrUnknownValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Default().Check(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// Enum values are normalised, not rejected, when only their case differs.
	if _, err := Default().Check(Input{Draft: "Could we wait?", Audience: "Client", Stakes: " LOW ", Level: "Mild"}); err != nil {
		t.Errorf("mixed-case enums: %v", err)
	}
}

func TestNewRejectsBadCues(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("New(nil) succeeded")
	}
	g := *guide.Default()
	g.AntiPatterns = append([]guide.AntiPattern{}, g.AntiPatterns...)
	g.AntiPatterns[0].Cues = []guide.Cue{{Pattern: "(unclosed"}}
	if _, err := New(&g); err == nil {
		t.Error("New accepted a broken pattern")
	}
}

// checkSpans asserts every span in r is inside text and says what it covers.
func checkSpans(t *testing.T, text string, r Report) {
	t.Helper()
	runes := []rune(text)
	check := func(where string, s draft.Span) {
		if s.Start < 0 || s.Start > s.End || s.End > len(runes) {
			t.Fatalf("%s: span [%d,%d) outside text of %d characters", where, s.Start, s.End, len(runes))
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Fatalf("%s: span [%d,%d) text %q, rune slice %q", where, s.Start, s.End, s.Text, got)
		}
	}
	for _, c := range r.Components {
		for _, s := range c.Spans {
			check("component "+c.Step, s)
		}
	}
	for _, sg := range r.Signals {
		for _, s := range sg.Spans {
			check("signal "+sg.Name, s)
		}
	}
	for _, f := range r.Findings {
		check("finding "+f.Rule, draft.Span{Start: f.Start, End: f.End, Text: f.Excerpt})
	}
}

func TestSpansNonASCII(t *testing.T) {
	tests := []struct {
		name, text, wantStep, wantSpan, wantRule string
	}{
		{"accents", "Je comprends, café owners want speed. Because the café’s Wi‑Fi drops at noon, what if we ship offline mode first? What do you think?", "alternative", "what if we", ""},
		{"emoji", "🚀🚀 I hear you 🙏 — but no, we’re not doing that. 😅", "acknowledge", "I hear you", "dismissive_no"},
		{"curly quotes", "“Trust me,” I’ve been doing this for 10 years — it’s “the only way”.", "", "", "aggressive_expert"},
		{"cjk", "我明白。 Based on 3 tests, the API fails at 2× load. Could we run a 1-week pilot instead? 谢谢", "alternative", "instead", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Default().Check(Input{Draft: tt.text, Audience: guide.AudienceClient})
			if err != nil {
				t.Fatal(err)
			}
			checkSpans(t, tt.text, r)
			if tt.wantStep != "" {
				found := false
				for _, c := range r.Components {
					for _, s := range c.Spans {
						if c.Step == tt.wantStep && s.Text == tt.wantSpan {
							found = true
						}
					}
				}
				if !found {
					t.Errorf("no %s span %q in %+v", tt.wantStep, tt.wantSpan, r.Components)
				}
			}
			if tt.wantRule != "" && firstAnti(r) != tt.wantRule {
				t.Errorf("first anti-pattern %q, want %q", firstAnti(r), tt.wantRule)
			}
		})
	}
}

// TestReportShape checks the invariants every report keeps.
func TestReportShape(t *testing.T) {
	texts := []string{"No.", "ok", "Could we wait a week? We have 3 open bugs.", "I disagree with this approach.", "¿Y si esperamos?"}
	for _, e := range guide.Default().Examples {
		texts = append(texts, e.Text)
	}
	steps := guide.Default().Formula.Steps
	for _, text := range texts {
		r, err := Default().Check(Input{Draft: text, Stakes: guide.StakesMedium})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("null")) {
			t.Errorf("%q: report JSON has null: %s", text, b)
		}
		if len(r.Components) != len(steps) {
			t.Fatalf("%q: %d components", text, len(r.Components))
		}
		for i, c := range r.Components {
			if c.Step != steps[i].ID || c.Present != (len(c.Spans) > 0) {
				t.Errorf("%q: component %d = %+v", text, i, c)
			}
		}
		if len(r.Signals) != 4 {
			t.Errorf("%q: %d signals", text, len(r.Signals))
		}
		if r.Score < 0 || r.Score > 100 || len(r.TopFixes) > 3 || r.Summary == "" || (r.Level == "") == (r.ReadsAs == "") {
			t.Errorf("%q: bad report %+v", text, r)
		}
		for _, f := range r.Findings {
			if f.Kind == KindCalibration && !strings.HasPrefix(f.Message, "Reads as "+string(r.Level)+" ") {
				t.Errorf("%q: reads %s, but the calibration finding says %q", text, r.Level, f.Message)
			}
		}
		for i := 1; i < len(r.Findings); i++ {
			if severityRank[r.Findings[i-1].Severity] > severityRank[r.Findings[i].Severity] {
				t.Errorf("%q: findings not sorted by severity: %+v", text, r.Findings)
			}
		}
		if r.Pass && len(r.Findings) > 0 && r.Findings[0].Severity == SeverityError {
			t.Errorf("%q: passes with an error finding", text)
		}
		checkSpans(t, text, r)
	}
}

func TestCalibration(t *testing.T) {
	tests := []struct {
		name   string
		in     Input
		want   string // severity of the miscalibrated finding, "" for none
		intend guide.Level
	}{
		{"alarm over trivial", Input{Draft: "I need to be very direct with you because I believe this is critical: the font is wrong. Can we change it?", Stakes: guide.StakesLow}, SeverityError, guide.LevelMild},
		{"shrug over critical", Input{Draft: "Have we considered maybe looking at the SQL injection at some point?", Stakes: guide.StakesCritical}, SeverityError, guide.LevelStrong},
		{"understated but substantive", Input{Draft: "If we skip the review, we could expose 40,000 card numbers. Could we run it first?", Stakes: guide.StakesCritical}, SeverityWarning, guide.LevelStrong},
		{"fits", Input{Draft: "Have we considered testing on Safari first?", Stakes: guide.StakesLow}, "", guide.LevelMild},
		{"fits but not the starting level", Input{Draft: "Have we considered testing on Safari first?", Stakes: guide.StakesMedium}, SeveritySuggestion, guide.LevelModerate},
		{"level one off", Input{Draft: "Have we considered testing on Safari first?", Level: guide.LevelModerate}, SeveritySuggestion, guide.LevelModerate},
		{"level two off", Input{Draft: "Have we considered testing on Safari first?", Level: guide.LevelStrong}, SeverityWarning, guide.LevelStrong},
		{"no stakes no level", Input{Draft: "Have we considered testing on Safari first?"}, "", ""},
		// The audience's first-pushback cap (guide.StartLevel, as decide
		// gives it): a first message to a colleague starts at moderate
		// below critical stakes.
		{"peer at high stakes starts moderate", Input{Draft: "Have we considered testing on Safari first?", Stakes: guide.StakesHigh, Audience: guide.AudiencePeer}, SeverityWarning, guide.LevelModerate},
		{"peer at critical stakes starts strong", Input{Draft: "Have we considered testing on Safari first?", Stakes: guide.StakesCritical, Audience: guide.AudiencePeer}, SeverityError, guide.LevelStrong},
		{"client at high stakes starts strong", Input{Draft: "Have we considered testing on Safari first?", Stakes: guide.StakesHigh, Audience: guide.AudienceClient}, SeverityWarning, guide.LevelStrong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := cuesOnly(t).Check(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, f := range r.Findings {
				if f.Rule == "miscalibrated" {
					got = f.Severity
				}
			}
			if got != tt.want {
				t.Errorf("miscalibrated severity %q, want %q (reads %s)", got, tt.want, r.Level)
			}
			if r.IntendedLevel != tt.intend {
				t.Errorf("intended level %q, want %q", r.IntendedLevel, tt.intend)
			}
		})
	}
}

// TestNearMissNaming: in the cue engine, a failing draft with no
// anti-pattern over its threshold is told, as a warning, which one it leans
// toward (the judge then names the anti-pattern from the whole message).
func TestNearMissNaming(t *testing.T) {
	tests := []struct {
		text, want string
		severity   string
	}{
		{"Sure. I'll go ahead.", "abdication", SeverityWarning},
		{"Okay, you're the client. We'll do it your way.", "abdication", SeverityError},
		{"Sounds good, will do!", "abdication", SeverityWarning}, // no words of abdication over half its threshold: named by its shape, compliance with no concern
	}
	for _, tt := range tests {
		r, err := cuesOnly(t).Check(Input{Draft: tt.text, Audience: guide.AudienceClient, Stakes: guide.StakesHigh})
		if err != nil {
			t.Fatal(err)
		}
		if r.Pass {
			t.Errorf("%q passes", tt.text)
		}
		got, sev := "", ""
		for _, f := range r.Findings {
			if f.Kind == KindAntiPattern {
				got, sev = f.Rule, f.Severity
				break
			}
		}
		if got != tt.want || sev != tt.severity {
			t.Errorf("%q: first anti-pattern %q (%s), want %q (%s)", tt.text, got, sev, tt.want, tt.severity)
		}
	}
}

// TestGolden keeps the full JSON report of a handful of the documents'
// examples under review: go test ./internal/check -run TestGolden -update.
func TestGolden(t *testing.T) {
	ids := []string{"client-good-expert-perspective", "client-bad-dismissive-no", "client-bad-abdication", "leadership-good-overcommit", "leadership-bad-objection-only", "client-good-escalated"}
	g := guide.Default()
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			var ex *guide.Example
			for i := range g.Examples {
				if g.Examples[i].ID == id {
					ex = &g.Examples[i]
				}
			}
			if ex == nil {
				t.Fatalf("no example %s", id)
			}
			r, err := Default().Check(exampleInput(*ex))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", id+".golden")
			if goldenfile.Update() {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("report for %s differs from %s (run with -update after review):\n%s", id, path, got)
			}
		})
	}
}

func FuzzCheck(f *testing.F) {
	for _, e := range guide.Default().Examples {
		f.Add(e.Text, string(e.Audience), string(e.Stakes), string(e.Level))
	}
	f.Add("🚀 “no,” café…", "", "", "")
	f.Fuzz(func(t *testing.T, text, aud, stakes, level string) {
		r, err := Default().Check(Input{Draft: text, Audience: guide.Audience(aud), Stakes: guide.Stakes(stakes), Level: guide.Level(level)})
		if err != nil {
			return
		}
		if r.Score < 0 || r.Score > 100 {
			t.Fatalf("score %d", r.Score)
		}
		checkSpans(t, text, r)
	})
}

// benchDraft is a realistic ~1,000-character pushback.
const benchDraft = `I understand wanting to launch before the conference, and I agree the timing would be great for visibility. I want to share some perspective from similar projects: we have 3 engineers on the payments flow, and the security review alone typically takes 2 weeks. If we skip it, we'd be launching with customer card data that hasn't been penetration-tested, and one incident would cost far more than the conference exposure is worth. Based on last quarter's numbers, about 40% of our sign-ups come in the first week after an event, so a late launch does hurt. What if we launch the read-only dashboard at the conference, which doesn't touch payments, and turn on billing on the 14th once the review is done? That way we still get the announcement and the sign-ups, without the risk. I'd recommend that path, but it's ultimately your call. Could we talk it through tomorrow morning? I'm happy to put together a one-page plan with dates so the team can see exactly what ships when.`

func BenchmarkCheck(b *testing.B) { benchmarkCheck(b, Default()) }

// BenchmarkCheckCues is the cue engine alone, for comparison.
func BenchmarkCheckCues(b *testing.B) { benchmarkCheck(b, cuesOnly(b)) }

func benchmarkCheck(b *testing.B, c *Checker) {
	in := Input{Draft: benchDraft, Audience: guide.AudienceClient, Stakes: guide.StakesHigh}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchDraft)))
	// ns/op is wall time and swings when the machine is shared; cpu-ns/op
	// (process CPU time, GC included) is steadier.
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := c.Check(in); err != nil {
			b.Fatal(err)
		}
	}
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestShapeFallback: in the cue engine, a failing draft whose words name no
// anti-pattern is judged by its shape (the guide's fallback cues). Shape alone points at no
// words: such a finding has no span and gives the cue's note as its reason.
func TestShapeFallback(t *testing.T) {
	tests := []struct {
		text, want string
		span       bool // the finding points at words
	}{
		{"Not possible.", "dismissive_no", true},
		{"I hear you. We'll pass this time.", "dismissive_no", false},
		{"Love it, on it! I'll have the team start on Monday.", "abdication", true},
		{"Okay. Sizing it off last year's numbers now.", "abdication", true},
		{"Yep, definitely. Ping me again after the quarter closes.", "passive_resistance", true},
		{"Sure. I'll fit it in once the strategic deals are squared away, probably next month-ish.", "passive_resistance", true},
		{"The team is at capacity.", "objection_without_proposal", false},
		{"That depends on the reconciliation code, and only you know it.", "objection_without_proposal", false},
	}
	for _, tt := range tests {
		r, err := cuesOnly(t).Check(Input{Draft: tt.text, Audience: guide.AudiencePeer, Stakes: guide.StakesMedium})
		if err != nil {
			t.Fatal(err)
		}
		if r.Pass {
			t.Errorf("%q passes", tt.text)
			continue
		}
		var got *Finding
		for i := range r.Findings {
			if r.Findings[i].Kind == KindAntiPattern {
				got = &r.Findings[i]
				break
			}
		}
		if got == nil || got.Rule != tt.want {
			t.Errorf("%q: first anti-pattern %v, want %s", tt.text, got, tt.want)
			continue
		}
		if hasSpan := got.End > got.Start; hasSpan != tt.span {
			t.Errorf("%q: span %d-%d, want a span: %v", tt.text, got.Start, got.End, tt.span)
		}
		if !strings.HasPrefix(got.Message, "Leans toward ") || strings.HasSuffix(got.Message, ": ") || strings.Contains(got.Message, `""`) {
			t.Errorf("%q: message %q", tt.text, got.Message)
		}
	}
}

// TestSituation: what the other person said or asked changes the verdict
// where the documents say it should: a product gap the situation names and
// the draft steps around is a hidden limitation; arguing on after the
// situation says the decision is made is the endless debate.
func TestSituation(t *testing.T) {
	const (
		gap     = "Client: Our inspectors work in basements, the app works offline, right? (It has no offline mode yet.)"
		settled = "VP, after two review meetings: “We're going with Fleetwise. Decision’s final.”"
		open    = "VP: “Should we go with Fleetwise for routing?”"
		risk    = "Client: Let's move all 40 stores to the new POS over Black Friday weekend. (I know the migration needs a 48-hour sales freeze.)"
	)
	deflect := "Great question! I'd suggest we focus the pilot on your office team first, since that's where most of the volume is. We can look at field use in phase two. Does that work for you?"
	honest := "Good question. The app doesn't work offline yet; it's on the Q3 roadmap. I'd suggest we pilot with the office team first, since that's where most of the volume is. Does that work for you?"
	argue := "Their API rate limits worry me because our peak is 3x their cap, and the exit terms lock us in for 3 years. Can we take another look on Thursday?"
	commit := "For the record, their API rate limits worry me because our peak is 3x their cap. It's your call, and I'll fully support it: I'll start the integration plan on Monday."
	tests := []struct {
		name, situation, draft, want, notWant string
		miss                                  string // a known miss of the judge: logged while it misses, an error once it no longer does
	}{
		{"gap stepped around", gap, deflect, "hiding_limitation", "", ""},
		{"gap named", gap, honest, "", "hiding_limitation", ""},
		{"no situation, no gap", "", deflect, "", "hiding_limitation", ""},
		{"settled, argues on", settled, argue, "endless_debate", "", ""},
		{"settled, commits", settled, commit, "", "endless_debate", ""},
		{"open question, argues", open, argue, "", "endless_debate", ""},
		{"known risk, goes along", risk, "Sounds like a plan! We'll get it scheduled for the 29th 👍", "abdication", "", ""},
		{"known risk, named", risk, "Happy to plan it, but the migration needs a 48-hour sales freeze, which would halt Black Friday sales. Could we run it the week after instead?", "", "abdication", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Default().Check(Input{Draft: tt.draft, Situation: tt.situation, Audience: guide.AudienceClient, Stakes: guide.StakesHigh})
			if err != nil {
				t.Fatal(err)
			}
			mt := knownMiss(t, tt.miss)
			defer mt.done()
			var got *Finding
			for i := range r.Findings {
				f := &r.Findings[i]
				if f.Kind == KindAntiPattern && f.Rule == tt.notWant {
					mt.Errorf("%s found: %s", tt.notWant, f.Message)
				}
				if f.Kind == KindAntiPattern && f.Rule == tt.want && got == nil {
					got = f
				}
			}
			if tt.want == "" {
				return
			}
			if got == nil {
				mt.Errorf("no %s; findings %+v", tt.want, r.Findings)
				return
			}
			if r.Pass || !strings.Contains(got.Message, "situation") {
				mt.Errorf("pass %v, message %q: want a fail that says the situation showed it", r.Pass, got.Message)
			}
		})
	}
}

// TestDisagreeAndCommit: once the case has been made, committing to the
// decision is what the documents ask for ("disagree and commit"), not an
// abdication; going along without ever stating the concern still is one.
func TestDisagreeAndCommit(t *testing.T) {
	tests := []struct {
		text     string
		pass     bool
		abdicate bool
	}{
		{"Thanks for hearing me out on phasing. I'd still have gone that way, but it's your call and we'll make the single cutover work. I'm adding a rehearsal weekend and a go/no-go checkpoint; the updated plan is in your inbox tonight.", true, false},
		{"For the record, I still think the phased rollout is safer. It's your decision, and I'll fully support it.", true, false},
		{"Okay, you're the client. We'll do it your way.", false, true},
		{"It's your call. I'll make it happen.", false, true},
	}
	for _, tt := range tests {
		r, err := Default().Check(Input{Draft: tt.text, Audience: guide.AudienceClient, Stakes: guide.StakesHigh})
		if err != nil {
			t.Fatal(err)
		}
		abdicate := false
		for _, f := range r.Findings {
			abdicate = abdicate || f.Rule == "abdication"
		}
		if r.Pass != tt.pass || abdicate != tt.abdicate {
			t.Errorf("%q: pass %v (want %v), abdication %v (want %v); findings %+v", tt.text, r.Pass, tt.pass, abdicate, tt.abdicate, r.Findings)
		}
	}
}

// TestLettingGo: the framework's "is this a hill worth dying on? No: let it
// go". At low stakes, with no risk or gap the situation names, a plain yes
// passes and says why; the same yes at higher stakes, or against a named
// risk, is still the abdication, and going along with bad grace is still
// the passive-aggressive agreement.
func TestLettingGo(t *testing.T) {
	yes := "Sure, switching to Garamond now. Revised PDF with you this afternoon."
	risk := `Client: "Put the oysters out at 1pm." (The caterer knows this is a food-safety hazard in 34°C heat.)`
	tests := []struct {
		name      string
		text      string
		stakes    guide.Stakes
		situation string
		pass      bool
		rules     []string // the first anti-pattern may be any of these (none when empty)
		miss      string   // a known miss of the judge (see knownMiss)
	}{
		{"low stakes, plain yes", yes, guide.StakesLow, "Can we switch the body font to Garamond? Our chair likes it.", true, nil, ""},
		{"low stakes, works for me", "Works for me. Monday was my favourite, but it's not worth a debate.", guide.StakesLow, "", true, nil, ""},
		{"high stakes, same yes", yes, guide.StakesHigh, "", false, []string{"abdication"}, ""},
		{"low stakes, known risk", "Of course. We'll put them out at 1pm.", guide.StakesLow, risk, false, []string{"abdication"}, "fails, but named the passive-aggressive agreement"},
		{"low stakes, whatever you want", "Sure, whatever you want.", guide.StakesLow, "", false, []string{"abdication", "passive_aggressive_agreement"}, ""},
		{"low stakes, bad grace", "Fine. I'll do it. Again. Not like I had anything on.", guide.StakesLow, "", false, []string{"passive_aggressive_agreement"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Default().Check(Input{Draft: tt.text, Audience: guide.AudienceClient, Stakes: tt.stakes, Situation: tt.situation})
			if err != nil {
				t.Fatal(err)
			}
			mt := knownMiss(t, tt.miss)
			defer mt.done()
			if got := firstAnti(r); r.Pass != tt.pass || (len(tt.rules) == 0) != (got == "") || len(tt.rules) > 0 && !slices.Contains(tt.rules, got) {
				mt.Errorf("pass %v (want %v), first anti-pattern %q (want one of %q); %s", r.Pass, tt.pass, got, tt.rules, r.Summary)
			}
			if tt.pass && (r.Stance != StanceLetGo || !strings.Contains(r.Summary, "letting it go")) {
				t.Errorf("stance %q, summary %q: neither may hide why it passes", r.Stance, r.Summary)
			}
			if !tt.pass && r.Stance != "" {
				mt.Errorf("a failing draft has stance %q", r.Stance)
			}
		})
	}
}

// cuesOnly is a checker whose verdict is the cue engine's alone (no learned
// judge): for the tests of the engine's own rules.
var cuesOnlyChecker = sync.OnceValues(func() (*Checker, error) { return NewWithModel(guide.Default(), nil) })

func cuesOnly(t testing.TB) *Checker {
	t.Helper()
	c, err := cuesOnlyChecker()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// missT reports a case's errors, or, for a known miss of the judge (why is
// not empty), logs them; done then fails the test if the case no longer
// misses, so the mark must go. The misses stay in view and cannot rot.
type missT struct {
	*testing.T
	why    string
	missed bool
}

func knownMiss(t *testing.T, why string) *missT { return &missT{T: t, why: why} }

func (m *missT) Errorf(format string, args ...any) {
	m.T.Helper()
	if m.why == "" {
		m.T.Errorf(format, args...)
		return
	}
	m.missed = true
	m.T.Logf("known miss (%s): "+format, append([]any{m.why}, args...)...)
}

func (m *missT) done() {
	if m.why != "" && !m.missed {
		m.T.Errorf("known miss %q no longer misses: remove the mark", m.why)
	}
}
