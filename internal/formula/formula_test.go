package formula

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/guide"
)

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name+".golden"), []byte(got))
}

// checkResult asserts what every rendering must satisfy. A placeholder mark
// may appear only where the user's own value, as Render cleans it (control
// characters dropped, spaces collapsed), holds it: "<no\tvalue>" typed is
// "<no value>" rendered.
func checkResult(t *testing.T, r Result, inputs ...string) {
	t.Helper()
	var given []string
	for _, in := range inputs {
		given = append(given, in)
		if v, err := cleanValue("input", in); err == nil {
			given = append(given, v)
		}
	}
	all := strings.Join(given, "\n")
	for _, p := range Placeholders {
		if strings.Contains(r.Text, p) && !strings.Contains(all, p) {
			t.Errorf("text has placeholder %q: %s", p, r.Text)
		}
	}
	n := utf8.RuneCountInString(r.Text)
	prev := 0
	for _, p := range r.Parts {
		if p.Start < prev || p.End <= p.Start || p.End > n {
			t.Errorf("part %+v out of order or outside text of %d characters", p, n)
		}
		prev = p.End
	}
}

func show(r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "level: %s\n%s\n", r.Level, r.Text)
	runes := []rune(r.Text)
	for _, p := range r.Parts {
		fmt.Fprintf(&b, "  %-11s [%d,%d) %s\n", p.Step, p.Start, p.End, string(runes[p.Start:p.End]))
	}
	return b.String()
}

var launch = Fields{
	Goal:        "a launch on the 1st",
	Concern:     "QA needs two weeks for a release this size",
	Impact:      "we ship payment code nobody has tested",
	Alternative: "a phased launch with the core checkout flow on the 1st",
}

func TestRender(t *testing.T) {
	g := guide.Default()
	for _, lvl := range guide.Levels {
		t.Run(string(lvl), func(t *testing.T) {
			f := launch
			f.Level = lvl
			r, err := Render(g, f)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, r)
			if r.Level != lvl {
				t.Errorf("level = %s", r.Level)
			}
			var steps []string
			for _, p := range r.Parts {
				steps = append(steps, p.Step)
			}
			if got := strings.Join(steps, ","); got != "acknowledge,context,impact,alternative,invite" {
				t.Errorf("parts = %s", got)
			}
			golden(t, "render_"+string(lvl), show(r))
		})
	}
}

// TestRenderLevelPhrasing: each level says its strength through what the
// message says, and the ending follows the audience and the matter.
func TestRenderLevelPhrasing(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		level    guide.Level
		audience guide.Audience
		matter   guide.Matter
		has      []string
		not      []string
	}{
		{guide.LevelMild, "", "", []string{"Have we considered that QA needs", "here's what could happen", "What if we go with"}, []string{"concern", "transparent", "writing", "critical", "your call"}},
		{"", "", "", []string{"My concern is that QA needs", "Could we go with a phased launch", "instead?", "How does that sound?"}, []string{"reservations", "this approach", "writing", "your call"}},
		{guide.LevelStrong, guide.AudienceClient, "", []string{"I need to be transparent with you: QA", "I don't think that's a risk worth taking.", "I'd recommend we go with", "But ultimately, it's your call."}, []string{"this path", "writing", "critical"}},
		{guide.LevelStrong, guide.AudiencePeer, "", []string{"I'd recommend we go with", "What do you think?"}, []string{"your call"}},
		{guide.LevelEscalated, guide.AudienceClient, "", []string{"I need to be very direct with you, because I believe this is critical: if we go ahead", "putting this in writing", "your call"}, nil},
		{guide.LevelEscalated, guide.AudiencePeer, "", []string{"very direct", "let's take it to our manager together"}, []string{"in writing", "your call"}},
		{guide.LevelModerate, guide.AudienceReport, "", []string{"So I can't approve it as it stands. Instead, let's go with", "What do you need from me"}, []string{"your call"}},
		{guide.LevelMild, guide.AudienceClient, guide.MatterRule, []string{"One thing I have to flag: QA needs"}, []string{"your call", "Have we considered", "can't"}},
		{guide.LevelModerate, guide.AudienceClient, guide.MatterRule, []string{"QA needs two weeks", "So I can't go ahead with it as it stands. Instead, let's"}, []string{"My concern", "your call"}},
		{guide.LevelStrong, guide.AudienceLeadership, guide.MatterRule, []string{"I have to be clear about this: QA", "So I can't go ahead with it"}, []string{"risk worth taking", "your call", "transparent"}},
		{guide.LevelStrong, guide.AudienceReport, guide.MatterRule, []string{"So I can't approve it as it stands"}, []string{"your call", "go ahead with it"}},
		{guide.LevelEscalated, guide.AudienceLeadership, guide.MatterIntegrity, []string{"So I can't go along with it as it stands", "in writing"}, []string{"your call"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%s/%s", tt.level, tt.audience, tt.matter), func(t *testing.T) {
			f := launch
			f.Level, f.Audience, f.Matter = tt.level, tt.audience, tt.matter
			r, err := Render(g, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.has {
				if !strings.Contains(r.Text, s) {
					t.Errorf("text lacks %q: %s", s, r.Text)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(r.Text, s) {
					t.Errorf("text has %q: %s", s, r.Text)
				}
			}
		})
	}
}

func TestRenderInvitation(t *testing.T) {
	f := launch
	f.Invitation = "  Can we decide by Friday  "
	r, err := Render(guide.Default(), f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(r.Text, "Can we decide by Friday?") {
		t.Errorf("text = %s", r.Text)
	}
}

func TestRenderErrors(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		name  string
		edit  func(*Fields)
		is    error
		field string
	}{
		{"no goal", func(f *Fields) { f.Goal = "" }, ErrMissingField, "goal"},
		{"blank concern", func(f *Fields) { f.Concern = " \n\t" }, ErrMissingField, "concern"},
		{"only punctuation impact", func(f *Fields) { f.Impact = "..." }, ErrMissingField, "impact"},
		{"no alternative", func(f *Fields) { f.Alternative = "" }, ErrMissingField, "alternative"},
		{"bad level", func(f *Fields) { f.Level = "loud" }, guide.ErrUnknownValue, "mild"},
		{"bad audience", func(f *Fields) { f.Audience = "board" }, guide.ErrUnknownValue, "client"},
		{"bad matter", func(f *Fields) { f.Matter = "taste" }, guide.ErrUnknownValue, "integrity"},
		{"too long", func(f *Fields) { f.Goal = strings.Repeat("x", MaxFieldChars+1) }, ErrInvalidField, "goal"},
		{"bad utf-8", func(f *Fields) { f.Concern = "\xff" }, ErrInvalidField, "concern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := launch
			tt.edit(&f)
			_, err := Render(g, f)
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.field) {
				t.Errorf("err %q does not name %q", err, tt.field)
			}
		})
	}
}

func TestRenderUserBracesAreText(t *testing.T) {
	f := launch
	f.Goal = `{{.Level}} and {{printf "x"}}`
	r, err := Render(guide.Default(), f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, `{{.Level}} and {{printf "x"}}`) {
		t.Errorf("user text was interpreted: %s", r.Text)
	}
}

// examples returns each field's example value.
func examples(s guide.Scenario, requiredOnly bool) map[string]string {
	v := map[string]string{}
	for _, f := range s.Fields {
		if f.Example != "" && (f.Required || !requiredOnly) {
			v[f.Name] = f.Example
		}
	}
	return v
}

func TestScenariosData(t *testing.T) {
	g := guide.Default()
	want := []string{"added_scope", "unrealistic_timeline", "questionable_technical_choice", "meeting_off_track", "why_so_long", "product_gap", "hidden_limitation", "overcommitted_team", "leadership_memo"}
	var got []string
	for _, s := range Scenarios(g) {
		got = append(got, s.ID)
		if s.Name == "" || s.Description == "" || len(s.Template) == 0 {
			t.Errorf("scenario %s: empty name, description or template", s.ID)
		}
		seen := map[string]bool{}
		for _, f := range s.Fields {
			if f.Name == "" || seen[f.Name] || f.Description == "" || f.Example == "" {
				t.Errorf("scenario %s: field %+v: empty, duplicate, or no description/example", s.ID, f)
			}
			seen[f.Name] = true
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("scenarios = %v, want %v", got, want)
	}
}

func TestRenderScenario(t *testing.T) {
	g := guide.Default()
	for _, s := range Scenarios(g) {
		for _, lvl := range append([]guide.Level{""}, guide.Levels...) {
			for _, requiredOnly := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/required-only=%v", s.ID, lvl, requiredOnly)
				t.Run(name, func(t *testing.T) {
					at := lvl
					if at == "" {
						at = DefaultLevel(g, s.ID)
					}
					vals := valuesAt(s, requiredOnly, at)
					r, err := RenderScenario(g, ScenarioInput{ID: s.ID, Values: vals, Level: lvl})
					if err != nil {
						t.Fatal(err)
					}
					checkResult(t, r)
					if r.Scenario != s.ID {
						t.Errorf("scenario = %q", r.Scenario)
					}
					if lvl == "" && r.Level != DefaultLevel(g, s.ID) {
						t.Errorf("level = %s, want the default %s", r.Level, DefaultLevel(g, s.ID))
					}
					steps := map[string]bool{}
					for _, p := range r.Parts {
						steps[p.Step] = true
					}
					for _, st := range g.Formula.Steps {
						if !steps[st.ID] && !requiredOnly { // an optional value may carry a step (why_so_long's impact)
							t.Errorf("no %s part: %s", st.ID, show(r))
						}
					}
					for _, v := range vals {
						if !strings.Contains(r.Text, strings.TrimRight(v, ".")) && !strings.ContainsAny(v, "0123456789") {
							t.Errorf("value %q not in text: %s", v, r.Text)
						}
					}
					if strings.Contains(r.Text, "  ") || strings.Contains(r.Text, " .") || strings.Contains(r.Text, "..") {
						t.Errorf("bad spacing or punctuation: %q", r.Text)
					}
					for _, f := range readingFaults(r, "", s.Matter, mapValues(vals)) {
						t.Errorf("%s in: %s", f, r.Text)
					}
					if !requiredOnly && lvl == "" {
						golden(t, "scenario_"+s.ID, show(r))
					}
				})
			}
		}
	}
}

// TestRequiredFrom: a value a level needs (the risk a strong message says
// plainly) may be left out below that level and is asked for from it.
func TestRequiredFrom(t *testing.T) {
	g := guide.Default()
	n := 0
	for _, s := range g.Scenarios {
		for _, f := range s.Fields {
			if f.RequiredFrom == "" {
				continue
			}
			n++
			for _, lvl := range guide.Levels {
				vals := valuesAt(s, false, lvl)
				delete(vals, f.Name)
				_, err := RenderScenario(g, ScenarioInput{ID: s.ID, Values: vals, Level: lvl})
				switch {
				case lvl.Rank() < f.RequiredFrom.Rank() && err != nil:
					t.Errorf("%s at %s without %s: %v", s.ID, lvl, f.Name, err)
				case lvl.Rank() >= f.RequiredFrom.Rank() && (!errors.Is(err, ErrMissingField) || !strings.Contains(err.Error(), f.Name) || !strings.Contains(err.Error(), "at "+string(lvl))):
					t.Errorf("%s at %s without %s: err = %v, want ErrMissingField naming the field and the level", s.ID, lvl, f.Name, err)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no field is required from a level")
	}
}

func TestOvercommittedArithmetic(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		team, items, capacity, alternative string
		has, not                           []string
	}{
		{"6", "48", "5-6", "", []string{"We have 6 SEs covering 48 deals. That's 8 deals per SE.", "each SE can effectively manage 5–6 deals", "That leaves 12 deals", "agree which deals get our full attention"}, nil},
		{"4", "30", "6", "", []string{"We have 4 SEs covering 30 deals. That's 7.5 deals per SE.", "That leaves 6 deals"}, nil},
		{" 3 ", "10", "2 to 3", "", []string{"That's 3.3 deals per SE", "manage 2–3 deals", "That leaves 1 deal beyond"}, nil},
		// an alternative that names fewer than the shortfall says what else it takes
		{"6", "48", "5-6", "pause the two smallest deals", []string{"pause the two smallest deals and agree which 10 more deals get minimal attention"}, nil},
		{"6", "48", "5-6", "drop 11 deals", []string{"drop 11 deals and agree which 1 more deal get"}, nil},
		{"6", "48", "5-6", "tier our portfolio and invest minimally in the bottom 30%", []string{"bottom 30%."}, []string{"agree which"}},
		{"6", "48", "5-6", "invest minimally in the bottom 10%", []string{"bottom 10% and agree which 8 more deals"}, nil},
		{"6", "48", "5-6", "hand 12 deals to the partner team", nil, []string{"agree which"}},
	}
	for _, tt := range tests {
		t.Run(tt.team+"/"+tt.items+"/"+tt.capacity+"/"+tt.alternative, func(t *testing.T) {
			vals := map[string]string{"team_size": tt.team, "items": tt.items, "capacity": tt.capacity, "role": "SE", "item": "deal"}
			if tt.alternative != "" {
				vals["alternative"] = tt.alternative
			}
			r, err := RenderScenario(g, ScenarioInput{ID: "overcommitted_team", Values: vals})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.has {
				if !strings.Contains(r.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, r.Text)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(r.Text, s) {
					t.Errorf("text has %q:\n%s", s, r.Text)
				}
			}
		})
	}
}

func TestRenderScenarioErrors(t *testing.T) {
	g := guide.Default()
	over := map[string]string{"team_size": "6", "items": "48", "capacity": "5-6"}
	with := func(m map[string]string, k, v string) map[string]string {
		c := map[string]string{}
		for a, b := range m {
			c[a] = b
		}
		if v == "" {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	tests := []struct {
		name   string
		id     string
		vals   map[string]string
		level  guide.Level
		is     error
		naming string
	}{
		{"unknown scenario", "scope_creep", nil, "", ErrUnknownScenario, "added_scope"},
		{"missing items", "overcommitted_team", with(over, "items", ""), "", ErrMissingField, "items"},
		{"blank team", "overcommitted_team", with(over, "team_size", "   "), "", ErrMissingField, "team_size"},
		{"team not a number", "overcommitted_team", with(over, "team_size", "six"), "", ErrInvalidField, "team_size"},
		{"zero team", "overcommitted_team", with(over, "team_size", "0"), "", ErrInvalidField, "team_size"},
		{"bad capacity", "overcommitted_team", with(over, "capacity", "lots"), "", ErrInvalidField, "capacity"},
		{"reversed capacity", "overcommitted_team", with(over, "capacity", "6-5"), "", ErrInvalidField, "capacity"},
		{"not over capacity", "overcommitted_team", with(over, "items", "30"), "", ErrInvalidField, "not over-committed"},
		{"unknown field", "overcommitted_team", with(over, "colour", "red"), "", ErrInvalidField, "colour"},
		// A situation without the numbers is pointed to the formula.
		{"team in words points to the formula", "overcommitted_team", with(over, "team_size", "the on-call rota, now two people short"), "", ErrInvalidField, "use the formula instead (render_formula"},
		{"no team points to the formula", "overcommitted_team", with(over, "team_size", ""), "", ErrMissingField, "use the formula instead (render_formula"},
		{"bad level", "overcommitted_team", over, "loud", guide.ErrUnknownValue, "escalated"},
		{"missing memo cost", "leadership_memo", map[string]string{"support": "x", "request": "y"}, "", ErrMissingField, "cost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RenderScenario(g, ScenarioInput{ID: tt.id, Values: tt.vals, Level: tt.level})
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.naming) {
				t.Errorf("err %q does not name %q", err, tt.naming)
			}
		})
	}
}

// TestRenderUserMarksCleaned: a value that becomes a placeholder mark only
// once Render cleans it (a tab collapsed, a control character dropped) is
// still the user's text, kept and not refused as an unfilled template.
func TestRenderUserMarksCleaned(t *testing.T) {
	g := guide.Default()
	tests := []struct {
		name  string
		f     Fields
		wants string
	}{
		{"tab in <no value>", Fields{Goal: "0", Concern: "0", Impact: "<no\tvalue>", Alternative: "0"}, "go this route, <no value>."},
		{"NUL between braces", Fields{Goal: "a launch", Concern: "QA needs {\x00{time}\x00}", Impact: "bugs", Alternative: "a phased launch"}, "QA needs {{time}}"},
		{"newline in brackets", Fields{Goal: "a launch", Concern: "QA", Impact: "bugs [\nTBD\n]", Alternative: "a phased launch"}, "bugs [ TBD ]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Render(g, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(r.Text, tt.wants) {
				t.Errorf("text lacks %q: %s", tt.wants, r.Text)
			}
			checkResult(t, r, tt.f.Goal, tt.f.Concern, tt.f.Impact, tt.f.Alternative, tt.f.Invitation)
		})
	}
}

func TestRenderScenarioUserBraces(t *testing.T) {
	g := guide.Default()
	vals := map[string]string{"topic": `{{template "x"}} <no value> [TBD]`, "tangent": "the {{ braces }}"}
	r, err := RenderScenario(g, ScenarioInput{ID: "meeting_off_track", Values: vals})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, `finish discussing {{template "x"}} <no value> [TBD]`) {
		t.Errorf("user text was not kept as text: %s", r.Text)
	}
	checkResult(t, r, vals["topic"])
}

func FuzzRender(f *testing.F) {
	f.Add("a launch on the 1st", "QA needs two weeks", "we ship untested code", "a phased launch", "", "strong")
	f.Add("{{.Level}}", "[x]", "<no value>", "\uE000acknowledge\uE001", "?", "mild")
	f.Add("ü", "😀", "\x00", "\xff", "…", "escalated")
	f.Add("0", "0", "<no\tvalue>", "0", "{\x00{", "")
	g := guide.Default()
	f.Fuzz(func(t *testing.T, goal, concern, impact, alt, inv, level string) {
		r, err := Render(g, Fields{Goal: goal, Concern: concern, Impact: impact, Alternative: alt, Invitation: inv, Level: guide.Level(level)})
		if err != nil {
			if !errors.Is(err, ErrMissingField) && !errors.Is(err, ErrInvalidField) && !errors.Is(err, ErrPhrase) && !errors.Is(err, guide.ErrUnknownValue) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if !utf8.ValidString(r.Text) {
			t.Fatal("invalid UTF-8 output")
		}
		checkResult(t, r, goal, concern, impact, alt, inv)
	})
}

func FuzzScenario(f *testing.F) {
	g := guide.Default()
	for i, s := range g.Scenarios {
		ex := examples(s, false)
		var a, b, c string
		for j, fl := range s.Fields {
			switch j {
			case 0:
				a = ex[fl.Name]
			case 1:
				b = ex[fl.Name]
			case 2:
				c = ex[fl.Name]
			}
		}
		f.Add(i, a, b, c, "")
	}
	f.Add(6, "7", "100", "3-4", "{{")
	f.Fuzz(func(t *testing.T, i int, a, b, c, level string) {
		if len(g.Scenarios) == 0 {
			t.Skip()
		}
		s := g.Scenarios[(i%len(g.Scenarios)+len(g.Scenarios))%len(g.Scenarios)]
		vals := examples(s, false)
		inputs := []string{}
		for j, v := range []string{a, b, c} {
			if j < len(s.Fields) {
				vals[s.Fields[j].Name] = v
			}
		}
		for _, v := range vals {
			inputs = append(inputs, v)
		}
		r, err := RenderScenario(g, ScenarioInput{ID: s.ID, Values: vals, Level: guide.Level(level)})
		if err != nil {
			if !errors.Is(err, ErrMissingField) && !errors.Is(err, ErrInvalidField) && !errors.Is(err, ErrPhrase) && !errors.Is(err, guide.ErrUnknownValue) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		checkResult(t, r, inputs...)
	})
}

// TestRenderAudienceAdvice: the audience adds the documents' advice on
// delivering it, and changes only the ending: a client or a leader is
// handed the decision, a report is told it.
func TestRenderAudienceAdvice(t *testing.T) {
	g := guide.Default()
	base := Fields{Goal: "a launch on the 1st", Concern: "QA needs two weeks", Impact: "we ship untested payment code", Alternative: "a phased launch"}
	plain, err := Render(g, base)
	if err != nil {
		t.Fatal(err)
	}
	if plain.AudienceAdvice != "" {
		t.Errorf("no audience, advice %q", plain.AudienceAdvice)
	}
	for _, aud := range guide.Audiences {
		f := base
		f.Audience = guide.Audience(strings.ToUpper(string(aud)))
		r, err := Render(g, f)
		if err != nil {
			t.Fatal(err)
		}
		info, _ := g.Audience(aud)
		same := info.Decides != guide.DecidesMe // at moderate only a report reads differently
		if r.AudienceAdvice != info.Advice || r.AudienceAdvice == "" || (r.Text == plain.Text) != same {
			t.Errorf("%s: advice %q (want %q), text changed: %v:\n%s", aud, r.AudienceAdvice, info.Advice, r.Text != plain.Text, r.Text)
		}
	}
}
