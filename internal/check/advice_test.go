package check

import (
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// passingDrafts are messages a seasoned professional would send: the
// documents' good examples and, from the assistant trial of issue 13,
// messages written for real situations whose formula parts are there in
// the writer's own words.
func passingDrafts(t *testing.T) []Input {
	t.Helper()
	var ins []Input
	for _, e := range guide.Default().Examples {
		if e.Kind == "good" {
			ins = append(ins, Input{Draft: e.Text, Audience: e.Audience, Stakes: e.Stakes, Situation: e.Situation})
		}
	}
	return append(ins,
		Input{Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
			Situation: "A parent asked me to raise their son's coursework mark from a C to a B because he worked really hard. The mark was moderated by two teachers against the exam board's criteria.",
			Draft: "Dear Mrs Osei,\n\nThank you for your email. I know how hard Kwame worked on his coursework, and I understand why a C is disappointing after all that effort.\n\n" +
				"I can't change the mark, though, and I'd like to explain why. Coursework is graded against the exam board's criteria, not on effort, and his piece was moderated by two teachers against those criteria before the C was confirmed. Changing a moderated mark on request wouldn't be fair to the other students marked the same way.\n\n" +
				"What I can do is go through the marking criteria with you and Kwame, show where his work sits, and what would take the next piece to a B. Would a short meeting next week suit you?\n\nKind regards,\nAma"},
		Input{Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
			Situation: "A big client demands a 15% price cut by Friday or they will look elsewhere. Our raw material costs are up 9% this year.",
			Draft: "Dear Ms Patel,\n\nThank you for being clear about where you need pricing to be by Friday. I understand you're under cost pressure too, and I'd rather be straight with you now than agree to something we can't sustain: we can't take 15% off our prices. Our raw material costs are up 9% this year, and a cut of that size on top would put the quality and reliability of your supply at risk.\n\n" +
				"What I'd like to do instead is find savings with you. A longer contract term, larger or consolidated orders, or a change in specification could each bring your unit cost down without compromising the product. I can have costed options with you before Friday. Could we set up a call on Wednesday to go through them?\n\nBest regards,\nMarcus"},
		Input{Audience: guide.AudienceLeadership, Stakes: guide.StakesHigh,
			Situation: "My manager wants me on weekend on-call for the next six weekends because two colleagues left. I have done four of the last five weekends.",
			Draft:     "Hi Sam, I know losing two people has left the weekend rota short, and the cover still has to come from somewhere. But I can't do all of the next six weekends. I've done 4 of the last 5, and six more would make it 10 of 11, which isn't sustainable for me and isn't a safe way to run on-call either. I can take two of the six if the rest are shared across the team, and I'll write up a handover so anyone new to the rota can pick it up quickly. Can we sort out the split this week?"},
		Input{Audience: guide.AudiencePeer, Stakes: guide.StakesHigh,
			Situation: "A senior colleague wants to skip the usability tests planned for the new checkout so it launches two weeks earlier. Last year's untested redesign cut conversion 12%.",
			Draft:     "Hi Jo, I get the appeal of launching the new checkout two weeks earlier. My worry is that last year's redesign went out untested and cut conversion by 12%, and a drop like that on checkout could easily cost more than the two weeks gain. Could we keep a slimmed-down round instead: test just the riskiest steps with a handful of users, so we lose a few days rather than two weeks? I'm happy to set it up and share results quickly. What do you think?"},
		// The second trial: a refusal on integrity the cues read as an
		// endless debate (the situation says "agreed"), with and without
		// the matter given.
		weiIntegrity, withMatter(weiIntegrity, guide.MatterIntegrity),
		samLetsGo,
	)
}

func withMatter(in Input, m guide.Matter) Input { in.Matter = m; return in }

var (
	weiIntegrity = Input{Audience: guide.AudienceLeadership, Stakes: guide.StakesCritical,
		Situation: "Team lead wants the quarterly dashboard to count active users as anyone who logged in once in 90 days instead of the agreed 30 days, so the growth number looks better before the board meeting. Integrity issue: the definition was agreed and the board would be misled.",
		Draft: "I get that we want the growth to land well with the board. But I can't put a 90-day count on the dashboard as \"active users\": we agreed on 30 days, and switching the definition just before the board meeting would make the growth look bigger than it is, and I can't sign off on that. If the change came out later, it would cast doubt on every other number we show them. " +
			"What I can do: keep the 30-day figure as the headline and add the 90-day figure next to it, clearly labelled with its definition, if reach over the quarter is part of the story. I'm also happy to dig into what's driving the 30-day trend so we have a strong story we can stand behind. Can we go through it together today?"}
	samLetsGo = Input{Audience: guide.AudiencePeer, Stakes: guide.StakesLow,
		Situation: "Colleague in another department wants the big meeting room every Tuesday for a new weekly session; my team books it alternate Tuesdays; swapping to the smaller room is only a minor inconvenience, so I am letting it go.",
		Draft:     "Sure, that works. Go ahead and book the big room every Tuesday for your new session, and we'll move our alternate-Tuesday meetings to the smaller room. When's your first one? I'll update our bookings so there's no clash."}
)

// TestPassAdvisesOnlyWhatItQuotes: on a draft the judge passes, the cues'
// missing formula steps are not findings (read as a whole the message
// works, and the step may be there in other words), no top fix is general
// advice (each quotes the draft), no calibration finding carries a stock
// fix, and a level the judge is unsure of, or one the stakes allow, is no
// finding at all.
func TestPassAdvisesOnlyWhatItQuotes(t *testing.T) {
	for _, in := range passingDrafts(t) {
		r, err := Default().Check(in)
		if err != nil {
			t.Fatal(err)
		}
		name := clip(in.Draft, 50)
		if !r.Pass {
			t.Errorf("%q: does not pass (score %d): %s", name, r.Score, r.Summary)
			continue
		}
		for _, f := range r.Findings {
			switch {
			case f.Kind == KindMissingStep:
				t.Errorf("%q: passing draft told it lacks a step: %s", name, f.Message)
			case f.Kind == KindCalibration && f.Suggestion != "":
				t.Errorf("%q: passing draft given a calibration fix: %s", name, f.Suggestion)
			case f.Kind == KindCalibration && f.Severity == SeveritySuggestion:
				t.Errorf("%q: a level the stakes allow is reported: %s", name, f.Message)
			case f.Kind == KindCalibration && !r.LevelSure():
				t.Errorf("%q: a level the judge is %.0f%% sure of is reported: %s", name, 100*r.LevelConfidence, f.Message)
			case f.Kind == KindAntiPattern && f.Excerpt == "":
				// Read from the draft's shape alone and overruled by the
				// judge: the disagreement note says so, and no fix comes
				// with it.
				t.Errorf("%q: passing draft given an overruled anti-pattern with nothing to quote: %s (fix %q)", name, f.Message, f.Suggestion)
			}
		}
		for _, fix := range r.TopFixes {
			// It quotes what to change, or names the slots left to fill.
			if !strings.HasPrefix(fix, "Instead of \"") && !strings.HasPrefix(fix, "Fill in [") {
				t.Errorf("%q: passing draft given a fix that quotes nothing: %s", name, fix)
			}
		}
	}
}

// TestOneStartLevel: the level the checker holds a draft to with no level
// given is the one decide and recommend_level start at (guide.StartLevel),
// for every stakes and audience.
func TestOneStartLevel(t *testing.T) {
	g := guide.Default()
	for _, s := range guide.AllStakes {
		for _, a := range append([]guide.Audience{""}, guide.Audiences...) {
			r, err := cuesOnly(t).Check(Input{Draft: "Have we considered testing on Safari first?", Stakes: s, Audience: a})
			if err != nil {
				t.Fatal(err)
			}
			want, _, ok := g.StartLevel(s, a, false)
			if !ok || r.IntendedLevel != want {
				t.Errorf("stakes %s, audience %q: intended %q, want %q", s, a, r.IntendedLevel, want)
			}
		}
	}
}

// TestUltimatumIsConfrontational: an ultimatum is a confrontational
// pushback, never compliance, whatever else the judge's anti-pattern head
// leans to: the cues find it in the words, and where the judge is unsure
// of its own anti-pattern (the trial's "take it or leave it": abdication,
// 51%) the ultimatum names the failure.
func TestUltimatumIsConfrontational(t *testing.T) {
	tests := []struct {
		in    Input
		first bool // named first (reads hostile), not only found
	}{
		{Input{Draft: "We can't do 15%. Our costs went up. Take it or leave it.", Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
			Situation: "A big client demands a 15% price cut by Friday or they will look elsewhere. Our raw material costs are up 9% this year."}, true},
		{Input{Draft: "The rate is the rate. Like it or lump it.", Audience: guide.AudienceClient, Stakes: guide.StakesMedium}, false},
		{Input{Draft: "Pay the overdue invoices by Friday or we'll walk away from the contract.", Audience: guide.AudienceClient, Stakes: guide.StakesHigh}, false},
		{Input{Draft: "Fine, take it or leave it, but that's the only date we can do.", Audience: guide.AudienceLeadership}, false},
	}
	for _, tt := range tests {
		in := tt.in
		r, err := Default().Check(in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Pass {
			t.Errorf("%q passes", in.Draft)
			continue
		}
		found := false
		for _, f := range r.Findings {
			found = found || f.Rule == "confrontational" && f.Excerpt != ""
		}
		switch {
		case !found:
			t.Errorf("%q: no confrontational finding quoting the ultimatum: %v", in.Draft, r.Findings)
		case tt.first && (r.Findings[0].Rule != "confrontational" || r.ReadsAs != "hostile"):
			t.Errorf("%q: reads as %q, first finding %s; want confrontational (hostile)", in.Draft, r.ReadsAs, r.Findings[0].Rule)
		case r.ReadsAs == "compliant":
			t.Errorf("%q: an ultimatum reads as compliant", in.Draft)
		}
		for _, fix := range r.TopFixes {
			if strings.Contains(fix, "Before agreeing") {
				t.Errorf("%q: given the abdication's fix: %s", in.Draft, fix)
			}
		}
	}
}

func TestFuseAntiPattern(t *testing.T) {
	words := CueAnti{All: []string{"confrontational"}, Words: []string{"confrontational"}}
	shape := CueAnti{All: []string{"dismissive_no"}}
	tests := []struct {
		name  string
		judge string
		p     float64
		cues  CueAnti
		want  string
	}{
		{"judge alone", "abdication", 0.4, CueAnti{}, "abdication"},
		{"cues alone", "", 0, words, "confrontational"},
		{"agree", "confrontational", 0.9, words, "confrontational"},
		{"words beat an unsure judge", "abdication", 0.57, words, "confrontational"},
		{"a sure judge beats words", "abdication", 0.95, words, "abdication"},
		{"shape does not beat a judge over 25%", "abdication", 0.57, shape, "abdication"},
		{"shape beats a judge under 25%", "abdication", 0.2, shape, "dismissive_no"},
		{"the cues' lean agrees", "abdication", 0.3, CueAnti{All: []string{"confrontational"}, Words: []string{"confrontational"}, Lean: "abdication"}, "abdication"},
	}
	for _, tt := range tests {
		if got := FuseAntiPattern(tt.judge, tt.p, tt.cues, CueWordsWin); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// handsBack are words of advice that hand the decision back to the other
// person or ask the writer to go along with theirs.
var handsBack = []string{"it's your call", "accept their decision", "disagree and commit", "support whichever", "leave them the decision", "leave the decision with them", "let them choose", "commit fully"}

// TestFirmMatterNeverHandsBack: on a rule or an integrity matter, no
// finding's suggestion and no top fix advises handing the decision back
// or supporting their call, passing or failing; on a trade-off the
// documents' advice stands.
func TestFirmMatterNeverHandsBack(t *testing.T) {
	cases := []struct {
		name string
		in   Input
		// handBack: the advice that hands it back is expected (trade-off).
		handBack bool
	}{
		{"integrity refusal, arguing on", Input{Matter: guide.MatterIntegrity, Audience: guide.AudienceLeadership, Stakes: guide.StakesCritical,
			Situation: "The team lead has decided the dashboard will count 90-day users; the decision is final.",
			Draft:     "As I said before, I still can't agree to this. I've already told you twice the 90-day number misleads the board."}, false},
		{"rule, going along", Input{Matter: guide.MatterRule, Audience: guide.AudienceReport, Stakes: guide.StakesHigh,
			Situation: "A nurse asks to swap her Saturday night shift; the swap would take nights below the required 1:4 nurse-to-patient ratio.",
			Draft:     "Fine, whatever you want, swap it."}, false},
		{"rule, a curt no with no way forward", Input{Matter: guide.MatterRule, Audience: guide.AudienceClient, Stakes: guide.StakesHigh,
			Situation: "A client wants us to skip the contract's acceptance testing to go live on Friday.",
			Draft:     "No. Not happening."}, false},
		{"integrity, sighing compliance", Input{Matter: guide.MatterIntegrity, Audience: guide.AudienceLeadership, Stakes: guide.StakesCritical,
			Situation: "My VP wants me to leave the known SSO limitation out of the prospect's demo.",
			Draft:     "Sure, I guess we'll just leave it out then. Not like anyone asked me."}, false},
		{"trade-off, arguing on a decision made", Input{Audience: guide.AudienceClient, Stakes: guide.StakesMedium,
			Situation: "The client has decided to launch with the blue theme; the decision is final.",
			Draft:     "As I said before, I still don't agree with the blue theme. How many times do we have to go over this?"}, true},
		weiCase(),
	}
	for _, tc := range cases {
		r, err := Default().Check(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		var advice []string
		for _, f := range r.Findings {
			advice = append(advice, f.Suggestion, f.Why)
		}
		advice = append(advice, r.TopFixes...)
		found := ""
		for _, a := range advice {
			for _, w := range handsBack {
				if strings.Contains(strings.ToLower(a), w) {
					found = a
				}
			}
		}
		switch {
		case !tc.handBack && found != "":
			t.Errorf("%s (%s, pass %v): advice hands the decision back: %q", tc.name, tc.in.Matter, r.Pass, found)
		case tc.handBack && found == "":
			t.Errorf("%s: on a trade-off the documents' advice to accept their decision is gone: %q", tc.name, advice)
		}
		if !r.Pass && len(r.TopFixes) == 0 {
			t.Errorf("%s: fails with no fix", tc.name)
		}
	}
}

func weiCase() struct {
	name     string
	in       Input
	handBack bool
} {
	return struct {
		name     string
		in       Input
		handBack bool
	}{"integrity refusal that passes (trial 2)", withMatter(weiIntegrity, guide.MatterIntegrity), false}
}

// TestGoingAlongIsLetItGo: at low stakes with nothing at risk, a plain yes
// that passes is let_it_go, not pushback (the second trial's accepting
// reply); a yes that goes on to a concern and a counter-offer stays a
// pushback.
func TestGoingAlongIsLetItGo(t *testing.T) {
	cases := []struct {
		in   Input
		want string
	}{
		{samLetsGo, StanceLetGo},
		{Input{Audience: guide.AudienceLeadership, Stakes: guide.StakesLow,
			Situation: "My manager wants to move the weekly team meeting from Monday to Tuesday mornings.",
			Draft:     "Sure, Tuesday works. I'll move the invite and let the team know."}, StanceLetGo},
		{Input{Audience: guide.AudienceReport, Stakes: guide.StakesLow,
			Situation: "A staff nurse asks to work eight nights in a row next month to save on childcare.",
			Draft:     "Happy to give you more nights, but eight on the trot breaks the rota rules and puts you on nights the week of your revalidation meeting. Could we do two blocks of four?"}, StancePushback},
	}
	for _, tc := range cases {
		r, err := Default().Check(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Pass {
			t.Errorf("%q: does not pass (%d): %s", clip(tc.in.Draft, 50), r.Score, r.Summary)
			continue
		}
		if r.Stance != tc.want {
			t.Errorf("%q: stance %s, want %s", clip(tc.in.Draft, 50), r.Stance, tc.want)
		}
	}
}

// TestFuseStance: the cues' let_it_go and disagree_and_commit name the
// stance over the judge's pushback, never over its other stances.
func TestFuseStance(t *testing.T) {
	for _, tc := range []struct{ judge, cues, want string }{
		{StancePushback, StanceLetGo, StanceLetGo},
		{StancePushback, StanceCommit, StanceCommit},
		{StancePushback, "", StancePushback},
		{StanceEscalation, StanceLetGo, StanceEscalation},
		{StanceLetGo, "", StanceLetGo},
		{"", StanceCommit, StanceCommit},
	} {
		if got := FuseStance(tc.judge, tc.cues); got != tc.want {
			t.Errorf("FuseStance(%q, %q) = %q, want %q", tc.judge, tc.cues, got, tc.want)
		}
	}
}
