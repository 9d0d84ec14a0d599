package decide

import (
	"errors"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestDecide(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		name       string
		in         Input
		rec        string
		battle     string
		level      guide.Level
		reasonHas  string
		stepHas    string
		unanswered int
	}{
		{
			name:   "meeting format: preference, let it go",
			in:     Input{At: []string{"preference"}},
			rec:    LetItGo,
			battle: BattleLetGo, reasonHas: "pushback capital", unanswered: 4,
		},
		{
			name:   "CRM fields: not material, let it go",
			in:     Input{Material: no(), Right: yes()},
			rec:    LetItGo,
			battle: BattleLetGo, reasonHas: "Let it go", unanswered: 3,
		},
		{
			name:   "over-committed team: capacity, push back with data",
			in:     Input{At: []string{"capacity"}, Evidence: yes(), Alternative: yes(), Right: yes(), Stakes: guide.StakesHigh},
			rec:    PushBackWithData,
			battle: BattlePushBackOn, level: guide.LevelStrong, reasonHas: "Push back — with data", stepHas: "Acknowledge", unanswered: 1,
		},
		{
			name:   "hidden limitation: integrity, push back (critical, first raise)",
			in:     Input{At: []string{"integrity"}, Evidence: yes(), Alternative: yes(), Hill: yes()},
			rec:    PushBackWithData,
			battle: BattlePushBackOn, level: guide.LevelStrong, reasonHas: "Stakes inferred as critical",
			unanswered: 1,
		},
		{
			name:   "security review skipped again: escalate",
			in:     Input{At: []string{"quality", "integrity"}, Material: yes(), Evidence: yes(), Alternative: yes(), Hill: yes(), Right: yes(), GentleFailed: true, Stakes: guide.StakesCritical},
			rec:    Escalate,
			battle: BattlePushBackOn, level: guide.LevelEscalated, reasonHas: "Escalate if needed", stepHas: "in writing",
		},
		{
			name:   "deal forecast without discovery data: wait",
			in:     Input{At: []string{"deal_outcome"}, Evidence: no()},
			rec:    WaitForEvidence,
			battle: BattlePushBackOn, reasonHas: "Wait until you do", unanswered: 3,
		},
		{
			name:   "objection only: build an alternative",
			in:     Input{Material: yes(), Evidence: yes(), Alternative: no()},
			rec:    BuildAlternativeFirst,
			battle: BattlePushBackOn, reasonHas: "Go back and build one", stepHas: "What if we tried", unanswered: 2,
		},
		{
			name:   "uncomfortable, not right: reflect first even when material",
			in:     Input{Material: yes(), Evidence: yes(), Alternative: yes(), Right: no()},
			rec:    ReflectFirst,
			battle: BattlePushBackOn, reasonHas: "uncomfortable", unanswered: 1,
		},
		{
			name:   "not a hill and gentle failed: disagree and commit",
			in:     Input{At: []string{"timeline"}, Hill: no(), GentleFailed: true, Evidence: yes(), Alternative: yes()},
			rec:    LetItGo,
			battle: BattlePushBackOn, reasonHas: "disagree and commit", unanswered: 1,
		},
		{
			name:   "hill but stakes only high: push back, no escalation",
			in:     Input{Material: yes(), Hill: yes(), GentleFailed: true, Stakes: guide.StakesHigh},
			rec:    PushBackWithData,
			battle: BattlePushBackOn, level: guide.LevelStrong, unanswered: 3,
		},
		{
			name:   "strong feelings, valid reasoning: consider carefully, start mild",
			in:     Input{Material: yes(), StrongFeelings: true, Stakes: guide.StakesMedium},
			rec:    PushBackWithData,
			battle: BattleConsiderCarefully, level: guide.LevelMild, reasonHas: "valid reasoning", unanswered: 4,
		},
		{
			name:   "nothing answered: reflect on what is at stake first",
			in:     Input{},
			rec:    ReflectFirst,
			battle: BattleConsiderCarefully, reasonHas: "What's really at stake", stepHas: "Answer: Does this decision", unanswered: 5,
		},
		{
			name:   "evidence and alternative but unknown materiality: reflect first",
			in:     Input{Evidence: yes(), Alternative: yes(), Right: yes()},
			rec:    ReflectFirst,
			battle: BattleConsiderCarefully, reasonHas: "What's really at stake", unanswered: 2,
		},
		{
			name:   "critical stakes imply material; a hill, gentle failed: escalate",
			in:     Input{Stakes: guide.StakesCritical, Hill: yes(), GentleFailed: true},
			rec:    Escalate,
			battle: BattlePushBackOn, level: guide.LevelEscalated, reasonHas: "Material inferred from the stakes (critical)", unanswered: 3,
		},
		{
			name:   "low stakes say nothing about materiality: reflect first",
			in:     Input{Stakes: guide.StakesLow},
			rec:    ReflectFirst,
			battle: BattleConsiderCarefully, unanswered: 5,
		},
		{
			name:   "material with nothing else answered: push back, moderate",
			in:     Input{Material: yes()},
			rec:    PushBackWithData,
			battle: BattlePushBackOn, level: guide.LevelModerate, reasonHas: "Push back — with data", unanswered: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decide(g, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Recommendation != tt.rec {
				t.Errorf("recommendation = %s, want %s (reasons %q)", got.Recommendation, tt.rec, got.Reasons)
			}
			if got.Battle != tt.battle {
				t.Errorf("battle = %s, want %s", got.Battle, tt.battle)
			}
			if got.StartLevel != tt.level {
				t.Errorf("start level = %q, want %q", got.StartLevel, tt.level)
			}
			if len(got.Rows) != 5 {
				t.Fatalf("rows = %d, want 5", len(got.Rows))
			}
			n := 0
			for _, r := range got.Rows {
				if r.Answer == AnswerUnanswered {
					n++
					if !strings.HasPrefix(r.Outcome, "Not answered") {
						t.Errorf("row %s unanswered but outcome %q", r.ID, r.Outcome)
					}
				}
			}
			if n != tt.unanswered {
				t.Errorf("unanswered rows = %d, want %d", n, tt.unanswered)
			}
			if got.Headline == "" || got.Headline == got.Recommendation {
				t.Errorf("headline %q not taken from the guide", got.Headline)
			}
			if tt.reasonHas != "" && !strings.Contains(strings.Join(got.Reasons, "\n"), tt.reasonHas) {
				t.Errorf("reasons %q lack %q", got.Reasons, tt.reasonHas)
			}
			if tt.stepHas != "" && !strings.Contains(strings.Join(got.NextSteps, "\n"), tt.stepHas) {
				t.Errorf("next steps %q lack %q", got.NextSteps, tt.stepHas)
			}
			if len(got.NextSteps) == 0 {
				t.Error("no next steps")
			}
		})
	}
}

func TestDecideRowsFollowAnswers(t *testing.T) {
	g := guide.Default()
	got, err := Decide(g, Input{Material: yes(), Evidence: no(), Right: yes()})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"material": "Push back — with data", "evidence": "Wait until you do", "motive": "Proceed"}
	for _, r := range got.Rows {
		if w, ok := want[r.ID]; ok && r.Outcome != w {
			t.Errorf("row %s outcome = %q, want %q", r.ID, r.Outcome, w)
		}
	}
}

func TestDecideErrors(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		name string
		in   Input
		msg  string
	}{
		{"unknown at_stake", Input{At: []string{"vibes"}}, "capacity"},
		{"unknown stakes", Input{Stakes: "huge"}, "critical"},
		{"unknown audience", Input{Audience: "board"}, "leadership"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decide(g, tt.in)
			if !errors.Is(err, guide.ErrUnknownValue) {
				t.Fatalf("err = %v, want ErrUnknownValue", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err %q does not list valid values (%s)", err, tt.msg)
			}
		})
	}
}

func TestDecideAtStakeSpelling(t *testing.T) {
	got, err := Decide(guide.Default(), Input{At: []string{" Deal-Outcome ", "deal outcome", ""}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Battle != BattlePushBackOn {
		t.Errorf("battle = %s", got.Battle)
	}
}

func TestRecommendLevel(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		in      LevelInput
		want    guide.Level
		phrase  string
		allowed int
	}{
		{LevelInput{Stakes: guide.StakesLow}, guide.LevelMild, "Have we considered", 2},
		{LevelInput{Stakes: guide.StakesMedium}, guide.LevelModerate, "reservations", 3},
		{LevelInput{Stakes: guide.StakesHigh}, guide.LevelStrong, "transparent", 3},
		{LevelInput{Stakes: guide.StakesHigh, GentleFailed: true}, guide.LevelStrong, "transparent", 3},
		{LevelInput{Stakes: guide.StakesCritical}, guide.LevelStrong, "transparent", 2},
		{LevelInput{Stakes: guide.StakesCritical, GentleFailed: true}, guide.LevelEscalated, "in writing", 2},
		{LevelInput{Stakes: guide.StakesCritical, GentleFailed: true, FirstRaise: true}, guide.LevelStrong, "transparent", 2},
		// a repeated pushback is one step more direct, short of escalated
		{LevelInput{Stakes: guide.StakesLow, GentleFailed: true}, guide.LevelModerate, "reservations", 2},
		{LevelInput{Stakes: guide.StakesMedium, GentleFailed: true}, guide.LevelStrong, "transparent", 3},
		// a first message to a peer is rarely strong
		{LevelInput{Stakes: guide.StakesHigh, Audience: guide.AudiencePeer}, guide.LevelModerate, "reservations", 3},
		{LevelInput{Stakes: guide.StakesHigh, Audience: guide.AudiencePeer, FirstRaise: true}, guide.LevelModerate, "reservations", 3},
		{LevelInput{Stakes: guide.StakesHigh, Audience: guide.AudiencePeer, GentleFailed: true}, guide.LevelStrong, "transparent", 3},
		{LevelInput{Stakes: guide.StakesCritical, Audience: guide.AudiencePeer}, guide.LevelStrong, "transparent", 2},
		{LevelInput{Stakes: guide.StakesHigh, Audience: guide.AudienceClient}, guide.LevelStrong, "transparent", 3},
		{LevelInput{Stakes: guide.StakesHigh, Audience: guide.AudienceReport}, guide.LevelStrong, "transparent", 3},
	}
	for _, tt := range tests {
		name := string(tt.in.Stakes) + "/" + string(tt.in.Audience)
		if tt.in.GentleFailed {
			name += "/gentle-failed"
		}
		if tt.in.FirstRaise {
			name += "/first"
		}
		t.Run(name, func(t *testing.T) {
			got, err := RecommendLevel(g, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Level != tt.want {
				t.Errorf("level = %s, want %s", got.Level, tt.want)
			}
			if !strings.Contains(strings.Join(got.Phrases, " "), tt.phrase) {
				t.Errorf("phrases %q lack %q", got.Phrases, tt.phrase)
			}
			if len(got.Allowed) != tt.allowed {
				t.Errorf("allowed = %v", got.Allowed)
			}
			if got.Why == "" {
				t.Error("no why")
			}
			if tt.in.Audience == guide.AudiencePeer && got.Level == guide.LevelModerate && !strings.Contains(got.Why, "rarely strong") {
				t.Errorf("why %q does not say a first message to a peer is rarely strong", got.Why)
			}
		})
	}
	if _, err := RecommendLevel(g, LevelInput{}); !errors.Is(err, ErrNoStakes) {
		t.Errorf("no stakes: err = %v", err)
	}
	if _, err := RecommendLevel(g, LevelInput{Stakes: "extreme"}); !errors.Is(err, guide.ErrUnknownValue) {
		t.Errorf("bad stakes: err = %v", err)
	}
}

// TestAudienceAdvice: the stakes set the level whoever the audience; the
// audience adds how the documents say to deliver it, in decide and in
// recommend_level alike, and only when it is given.
func TestAudienceAdvice(t *testing.T) {
	g := guide.Default()
	yes := true
	for _, aud := range append([]guide.Audience{""}, guide.Audiences...) {
		want := ""
		if info, ok := g.Audience(aud); ok {
			want = info.Advice
		}
		if aud != "" && want == "" {
			t.Fatalf("guide has no advice for %s", aud)
		}
		d, err := Decide(g, Input{Material: &yes, Evidence: &yes, Alternative: &yes, Stakes: guide.StakesHigh, Audience: aud})
		if err != nil {
			t.Fatal(err)
		}
		l, err := RecommendLevel(g, LevelInput{Stakes: guide.StakesHigh, Audience: aud})
		if err != nil {
			t.Fatal(err)
		}
		if d.AudienceAdvice != want || l.AudienceAdvice != want {
			t.Errorf("audience %q: decide advice %q, level advice %q, want %q", aud, d.AudienceAdvice, l.AudienceAdvice, want)
		}
		if l.Level != guide.LevelStrong && l.Level != guide.LevelModerate {
			t.Errorf("audience %q changed the level: %s", aud, l.Level)
		}
	}
	// Parsed like every enum: case and spaces do not matter.
	if d, err := Decide(g, Input{Audience: " Leadership "}); err != nil || !strings.Contains(d.AudienceAdvice, "Numbers beat opinions") && !strings.Contains(d.AudienceAdvice, "numbers beat opinions") {
		t.Errorf("Decide(Audience: \" Leadership \") = %q, %v", d.AudienceAdvice, err)
	}
}

// TestDecideCalibrates: decide returns the level with its reason, so
// recommend_level is needed only on its own; the reason takes the audience
// and a repeated pushback into account, as recommend_level does.
func TestDecideCalibrates(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		name  string
		in    Input
		level guide.Level
		why   string
	}{
		{"first chat to a peer at high stakes", Input{Material: yes(), Evidence: yes(), Alternative: yes(), Stakes: guide.StakesHigh, Audience: guide.AudiencePeer}, guide.LevelModerate, "rarely strong"},
		{"the same after gentle pushback failed", Input{Material: yes(), Evidence: yes(), Alternative: yes(), Stakes: guide.StakesHigh, Audience: guide.AudiencePeer, GentleFailed: true}, guide.LevelStrong, "raised before"},
		{"a client at high stakes", Input{Material: yes(), Evidence: yes(), Alternative: yes(), Stakes: guide.StakesHigh, Audience: guide.AudienceClient}, guide.LevelStrong, "Stakes high"},
		{"no stakes", Input{Material: yes(), Evidence: yes(), Alternative: yes()}, guide.LevelModerate, "No stakes given"},
		{"strong feelings against valid reasoning", Input{Material: yes(), Stakes: guide.StakesMedium, StrongFeelings: true}, guide.LevelMild, "valid reasoning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decide(g, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.StartLevel != tt.level || !strings.Contains(d.LevelWhy, tt.why) {
				t.Errorf("start %s (%q), want %s with %q", d.StartLevel, d.LevelWhy, tt.level, tt.why)
			}
			if tt.in.Stakes != "" {
				l, err := RecommendLevel(g, LevelInput{Stakes: tt.in.Stakes, Audience: tt.in.Audience, GentleFailed: tt.in.GentleFailed})
				if err != nil {
					t.Fatal(err)
				}
				if !tt.in.StrongFeelings && (l.Level != d.StartLevel || l.Why != d.LevelWhy) {
					t.Errorf("decide says %s (%q), recommend_level %s (%q)", d.StartLevel, d.LevelWhy, l.Level, l.Why)
				}
			}
		})
	}
	if d, _ := Decide(g, Input{Material: no()}); d.StartLevel != "" || d.LevelWhy != "" {
		t.Errorf("let it go has a level: %s %q", d.StartLevel, d.LevelWhy)
	}
}

// TestMatter: a rule or an integrity matter is not the other person's to
// decide, so decide's advice never hands it back or asks them to accept
// their call; it says to state the limit plainly and offer what can be
// done. Integrity at stake makes it an integrity matter when none is
// given; a trade-off keeps the audience's advice as the documents give it.
func TestMatter(t *testing.T) {
	g := guide.Default()
	handsBack := []string{"accept their call", "decision stays theirs", "put the agency back", "as a decision you make together"}
	tests := []struct {
		name string
		in   Input
		want guide.Matter
	}{
		{"a moderated grade, to a parent", Input{Material: yes(), Evidence: yes(), Alternative: yes(), Stakes: guide.StakesHigh, Audience: guide.AudienceClient, At: []string{"quality"}, Matter: guide.MatterRule}, guide.MatterRule},
		{"booking revenue early, to the CFO", Input{Material: yes(), Evidence: yes(), Stakes: guide.StakesCritical, Audience: guide.AudienceLeadership, At: []string{"integrity"}}, guide.MatterIntegrity},
		{"a safety ratio, to a report", Input{Material: yes(), Stakes: guide.StakesCritical, Audience: guide.AudienceReport, Matter: guide.MatterRule}, guide.MatterRule},
		{"hiding a gap from a prospect", Input{Material: yes(), Stakes: guide.StakesHigh, Audience: guide.AudienceClient, At: []string{"deal_outcome", "integrity"}}, guide.MatterIntegrity},
		{"a contract term, with a colleague", Input{Material: yes(), Stakes: guide.StakesMedium, Audience: guide.AudiencePeer, Matter: "Rule"}, guide.MatterRule},
		{"integrity, no audience", Input{Material: yes(), Stakes: guide.StakesCritical, At: []string{"integrity"}}, guide.MatterIntegrity},
		{"escalating a rule", Input{Material: yes(), Evidence: yes(), Alternative: yes(), Hill: yes(), GentleFailed: true, Stakes: guide.StakesCritical, Audience: guide.AudienceClient, Matter: guide.MatterRule}, guide.MatterRule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decide(g, tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.Matter != tt.want {
				t.Errorf("matter %q, want %q", d.Matter, tt.want)
			}
			all := d.AudienceAdvice + " " + strings.Join(d.NextSteps, " ")
			for _, p := range handsBack {
				if strings.Contains(strings.ToLower(all), p) {
					t.Errorf("advice hands it back (%q): %s", p, all)
				}
			}
			if !strings.Contains(all, "plainly") {
				t.Errorf("advice does not say to state the limit plainly: %s", all)
			}
		})
	}
	// Escalating a rule puts it in writing; it does not leave the
	// decision with them.
	d, err := Decide(g, Input{Material: yes(), Evidence: yes(), Alternative: yes(), Hill: yes(), GentleFailed: true, Stakes: guide.StakesCritical, Audience: guide.AudienceClient, Matter: guide.MatterRule})
	if err != nil || d.Recommendation != Escalate || strings.Contains(strings.Join(d.NextSteps, " "), "leave the decision with them") {
		t.Errorf("escalating a rule: %s, %q, %v", d.Recommendation, d.NextSteps, err)
	}
	// A trade-off to a client keeps the documents' advice, handing back.
	d, err = Decide(g, Input{Material: yes(), Stakes: guide.StakesHigh, Audience: guide.AudienceClient, At: []string{"timeline"}})
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := g.Audience(guide.AudienceClient); d.Matter != guide.MatterTradeOff || d.AudienceAdvice != info.Advice {
		t.Errorf("trade-off to a client: matter %q, advice %q", d.Matter, d.AudienceAdvice)
	}
	if _, err := Decide(g, Input{Matter: "ethics"}); !errors.Is(err, guide.ErrUnknownValue) {
		t.Errorf("unknown matter: %v", err)
	}
}

// TestNextStepsNoStockLines: decide does not know the situation's words,
// so its next steps never hand over a stock sentence to paste into a reply
// (a level's phrases, such as "this path carries significant risk"), for
// any stakes, audience or matter.
func TestNextStepsNoStockLines(t *testing.T) {
	g := guide.Default()
	for _, s := range guide.AllStakes {
		for _, a := range append([]guide.Audience{""}, guide.Audiences...) {
			for _, m := range guide.Matters {
				for _, failed := range []bool{false, true} {
					d, err := Decide(g, Input{Material: yes(), Evidence: yes(), Alternative: yes(), Hill: yes(), GentleFailed: failed, Stakes: s, Audience: a, Matter: m})
					if err != nil {
						t.Fatal(err)
					}
					for _, step := range d.NextSteps {
						for _, l := range g.Levels {
							for _, ph := range l.Phrases {
								if strings.Contains(step, strings.TrimRight(ph, ".…")) {
									t.Errorf("%s/%s/%s: next step pastes %s's phrase %q", s, a, m, l.ID, ph)
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestLetItGoIsAGraciousYes: when the answer is to let it go (or the
// battle is one to let go, whatever the motive), decide gives one next
// step, a short gracious yes, and no advice on delivering a pushback: not
// the framework's open questions about evidence and an alternative, which
// sent the second trial's assistant looking for a case to build.
func TestLetItGoIsAGraciousYes(t *testing.T) {
	g := guide.Default()
	yes, no := true, false
	for _, tc := range []struct {
		name string
		in   Input
		rec  string
	}{
		// Uncomfortable over what does not matter: let it go, not
		// "reflect before acting", which the coach prompt reads as stop
		// and which left the third trial's teacher with no reply.
		{"a room booking, uncomfortable, a preference (trial 2)", Input{Material: &no, Hill: &no, Right: &no, At: []string{"preference"}, Stakes: guide.StakesLow, Audience: guide.AudiencePeer, Matter: guide.MatterTradeOff}, LetItGo},
		{"a lunch-duty swap, uncomfortable, a preference (trial 3)", Input{Material: &no, Hill: &no, Right: &no, At: []string{"preference"}, Stakes: guide.StakesLow, Audience: guide.AudiencePeer}, LetItGo},
		{"the meeting format, not material", Input{Material: &no, Audience: guide.AudienceLeadership}, LetItGo},
		{"only a preference at stake", Input{At: []string{"preference"}, Audience: guide.AudienceClient}, LetItGo},
		{"case made, not a hill, gentle pushback failed", Input{Material: &yes, Evidence: &yes, Alternative: &yes, Hill: &no, GentleFailed: true, Stakes: guide.StakesMedium, Audience: guide.AudienceLeadership}, LetItGo},
	} {
		d, err := Decide(g, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if d.Recommendation != tc.rec {
			t.Errorf("%s: recommendation %s, want %s", tc.name, d.Recommendation, tc.rec)
		}
		if d.AudienceAdvice != "" {
			t.Errorf("%s: advice on delivering a pushback: %q", tc.name, d.AudienceAdvice)
		}
		if len(d.NextSteps) != 1 || !strings.Contains(d.NextSteps[0], "gracious yes") {
			t.Errorf("%s: next steps %q, want the one gracious yes", tc.name, d.NextSteps)
		}
		if d.StartLevel != "" {
			t.Errorf("%s: a level to start at (%s) for no pushback", tc.name, d.StartLevel)
		}
	}
}
