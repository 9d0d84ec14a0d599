package formula

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/pushback/pushback/internal/check"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/guide"
)

// Realistic values, written for situations the documents do not hold, in
// the forms people type them: verb phrases where a noun phrase is asked for,
// gerunds, to-phrases, noun phrases where a verb phrase is asked for.
var realistic = map[string][]map[string]string{
	"added_scope": {
		{"feature": "add CSV export for the finance team", "other_work": "the onboarding emails", "delay": "about a week", "launch": "the March release"},
		{"feature": "the offline sync for the field app", "other_work": "the fixes from last month's penetration test", "delay": "two weeks"},
	},
	"unrealistic_timeline": {
		{"deadline": "Friday", "estimate": "4 weeks", "available": "5 days", "at_risk": "the research and testing", "alternative": "deliver the logo refresh on Friday and scope the full rebrand separately"},
		{"deadline": "the board meeting on the 14th", "estimate": "three sprints", "available": "one sprint", "at_risk": "load testing", "alternative": "a read-only preview for the board and the full release in April", "goal": "to show the new dashboard"},
	},
	"questionable_technical_choice": {
		{"choice": "writing our own payment processing", "goal": "to avoid the card processor's fees", "evidence": "PCI compliance alone typically takes a team several months and an annual audit", "alternative": "negotiate volume pricing with the processor", "benefit": "keep the launch on schedule", "core_goals": "lower fees and a checkout that matches your brand"},
		{"choice": "migrate the whole site to a new framework this quarter", "goal": "a faster site", "evidence": "the last two migrations we ran took twice their estimate", "alternative": "profiling the three slowest pages and fixing those first", "benefit": "get most of the speed gain in two weeks"},
	},
	"meeting_off_track": {
		{"topic": "the Q3 hiring plan", "tangent": "the office move", "time_left": "ten minutes"},
		{"topic": "the incident review"},
	},
	"why_so_long": {
		{"original": "a landing page", "added": "a blog, a newsletter signup and two languages", "impact": "the launch moves out by three weeks"},
		{"original": "a monthly report", "added": "live dashboards for every region"},
	},
	"product_gap": {
		{"request": "on-prem deployment", "today": "we run as a single-tenant cloud instance in your region with customer-managed keys", "alternative": "set up a security review with your team next week", "roadmap": "an on-prem option is planned for early next year", "goal": "to keep customer data inside your network", "product": "the platform"},
		{"request": "a Salesforce integration", "today": "you can export every record as CSV or pull it through our REST API", "alternative": "build the sync on our API with your admin during the pilot"},
	},
	"hidden_limitation": {
		{"limitation": "the missing audit log export", "goal": "to keep the demo focused on the new UI", "roadmap": "the export ships in Q2", "discovery": "the security questionnaire"},
		{"limitation": "the 10,000-row import cap"},
	},
	"overcommitted_team": {
		{"team_size": "4", "items": "30", "capacity": "5", "role": "designer", "item": "project", "alternative": "pause the two internal projects until May", "goal": "to keep every client happy"},
		{"team_size": "3", "items": "20", "capacity": "4-5", "role": "recruiter", "item": "open role"},
	},
	"leadership_memo": {
		{"support": "expanding into the German market", "request": "a localized launch in June", "cost": "two engineers for a full quarter", "gap": "no local partner or pricing research behind it", "alternative": "a four-week market test with a landing page and paid ads", "purpose": "measure real demand before we commit the team", "next": "we plan the full launch with the numbers in hand"},
	},
}

// realisticFields are formula inputs from the trial and new
// situations, in the forms people type them.
var realisticFields = []Fields{
	launch,
	{Goal: "swapping your Saturday night shift for your cousin's wedding", Concern: "the swap would take nights below our required 1:4 nurse-to-patient ratio", Impact: "patients on the ward would be less safe that night", Alternative: "finding an RN who can cover without changing the ratio"},
	{Goal: "the full rebrand by Friday", Concern: "the research and testing alone take four weeks", Impact: "we'd ship a logo nobody has tested with customers", Alternative: "deliver the logo refresh on Friday and scope the full rebrand separately"},
	{Goal: "to ship the new search on Monday", Concern: "the load test failed at twice normal traffic", Impact: "an outage on launch day would hit every customer at once", Alternative: "a canary release to 5% of traffic on Monday"},
	{Goal: "merge the refactor before the holiday", Concern: "it touches the billing code nobody on call knows", Impact: "a billing bug over the break would sit unfixed for days", Alternative: "we merge it the first Monday back, with you on call"},
}

// Who each realistic situation is naturally written to, for the blind
// sample (the table test renders every audience).
var (
	naturalFields = [][]guide.Audience{
		{guide.AudienceClient}, {guide.AudienceReport}, {guide.AudienceClient},
		{guide.AudienceLeadership, guide.AudiencePeer}, {guide.AudiencePeer},
	}
	naturalScenario = map[string][]guide.Audience{
		"added_scope":                   {guide.AudienceClient, guide.AudienceLeadership},
		"unrealistic_timeline":          {guide.AudienceClient, guide.AudienceLeadership},
		"questionable_technical_choice": {guide.AudienceClient, guide.AudiencePeer},
		"meeting_off_track":             {guide.AudienceClient, guide.AudiencePeer},
		"why_so_long":                   {guide.AudienceClient, guide.AudienceLeadership},
		"product_gap":                   {guide.AudienceClient},
		"hidden_limitation":             {guide.AudienceLeadership},
		"overcommitted_team":            {guide.AudienceLeadership},
		"leadership_memo":               {guide.AudienceLeadership},
	}
)

var (
	wordRE         = regexp.MustCompile(`[\p{L}\d'’]+`)
	wantingIngRE   = regexp.MustCompile(`(?i)\bwanting (\w+ing)\b`)
	triedRE        = regexp.MustCompile(`(?i)\btried (\w+)\b`)
	toIngRE        = regexp.MustCompile(`(?i)\b(?:need|needs|want|wants|wanting|going|have|has|able|try|let's) to (\w+ing)\b`)
	toDetRE        = regexp.MustCompile(`(?i)\b(?:need|needs|want|wants|wanting|going|have|has|able|try) to (?:a|an|the|our|your|their)\b`)
	danglingToRE   = regexp.MustCompile(`(?i)\bto\s*(?:[.?!,;:]|$)`)
	lowerStartRE   = regexp.MustCompile(`[.?!]["”’)]?\s+\p{Ll}`)
	articleCheckRE = regexp.MustCompile(`\b([Aa]n?) ([\p{L}\d][\p{L}\d'’-]*)`)
	spacingRE      = regexp.MustCompile(`  | [.,;:?!]|\.\.|,,|[.?!],`)
)

// grammarFaults lists the mechanical slot faults in a rendered text.
func grammarFaults(text string) []string {
	var faults []string
	add := func(format string, a ...any) { faults = append(faults, fmt.Sprintf(format, a...)) }
	ws := wordRE.FindAllString(text, -1)
	for i := 1; i < len(ws); i++ {
		if strings.EqualFold(ws[i], ws[i-1]) && !strings.EqualFold(ws[i], "that") {
			add("doubled word %q", ws[i])
		}
	}
	for _, m := range wantingIngRE.FindAllStringSubmatch(text, -1) {
		if !ingNouns[strings.ToLower(m[1])] {
			add("a gerund after wanting: %q", m[0])
		}
	}
	for _, m := range triedRE.FindAllStringSubmatch(text, -1) {
		if verbs[strings.ToLower(m[1])] {
			add("a bare verb after tried: %q", m[0])
		}
	}
	for _, m := range toIngRE.FindAllStringSubmatch(text, -1) {
		if !ingNouns[strings.ToLower(m[1])] && strings.ToLower(m[1]) != "bring" {
			add("a gerund after to: %q", m[0])
		}
	}
	for _, m := range toDetRE.FindAllString(text, -1) {
		add("a noun phrase where a verb belongs: %q", m)
	}
	for _, m := range danglingToRE.FindAllString(text, -1) {
		add("dangling to: %q", m)
	}
	for _, p := range Placeholders {
		if strings.Contains(text, p) {
			add("unfilled %q", p)
		}
	}
	for _, m := range articleCheckRE.FindAllStringSubmatch(text, -1) {
		an := strings.EqualFold(m[1], "an")
		if an != vowelSound(m[2]) {
			add("article: %q", m[0])
		}
	}
	for _, m := range lowerStartRE.FindAllStringIndex(text, -1) {
		if !abbrevRE.MatchString(text[:m[0]+1]) {
			add("lowercase after a sentence end: %q", text[m[0]:m[1]])
		}
	}
	for _, m := range spacingRE.FindAllString(text, -1) {
		add("spacing or punctuation: %q", m)
	}
	if r := []rune(text); len(r) == 0 || !unicode.IsUpper(r[0]) {
		add("does not start with a capital")
	}
	if !strings.ContainsAny(text[len(text)-1:], ".?!") {
		add("does not end a sentence")
	}
	return faults
}

func TestGrammarFaultsCatch(t *testing.T) {
	// the faults the issue found, and the rest of the list: each must be caught
	for _, bad := range []string{
		"I hear you wanting swapping your Saturday night shift.",
		"What if we tried deliver the logo refresh on Friday?",
		"We need to to tier the portfolio.",
		"It has a {{.gap}} in it.",
		"We could use a an identity provider.",
		"It is a hour away.",
		"The sprint is full. we need a week.",
		"We need to a phased launch.",
		"The work we want to.",
		"I hear you wanting to swapping shifts.",
	} {
		if len(grammarFaults(bad)) == 0 {
			t.Errorf("no fault found in %q", bad)
		}
	}
}

// readCheck asserts a rendering reads right: no mechanical fault, and the
// checker passes it for the audience at the level it was written for.
func readCheck(t *testing.T, c *check.Checker, r Result, aud guide.Audience) {
	t.Helper()
	for _, f := range grammarFaults(r.Text) {
		t.Errorf("%s in:\n%s", f, r.Text)
	}
	// The stakes each level is for: an escalated message is for critical
	// stakes, and a judge may rightly find it too much at lower ones.
	stakes := map[guide.Level]guide.Stakes{guide.LevelMild: guide.StakesLow, guide.LevelModerate: guide.StakesMedium, guide.LevelStrong: guide.StakesHigh, guide.LevelEscalated: guide.StakesCritical}[r.Level]
	rep, err := c.Check(check.Input{Draft: r.Text, Audience: aud, Level: r.Level, Stakes: stakes})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Pass {
		var fs []string
		for _, f := range rep.Findings {
			fs = append(fs, fmt.Sprintf("%s(%s): %q", f.Rule, f.Severity, f.Excerpt))
		}
		t.Errorf("checker fails it (score %d, reads %s, %s):\n%s\n%s", rep.Score, rep.Level, aud, r.Text, strings.Join(fs, "\n"))
	}
	if aud == guide.AudienceReport && strings.Contains(r.Text, "your call") {
		t.Errorf("hands the decision back to a report:\n%s", r.Text)
	}
}

// TestTemplatesReadRight renders the formula and every scenario for every
// audience at every level with realistic values.
func TestTemplatesReadRight(t *testing.T) {
	g := guide.Default()
	c := check.Default()
	auds := append([]guide.Audience{""}, guide.Audiences...)
	levels := append([]guide.Level{""}, guide.Levels...)
	for i, f := range realisticFields {
		for _, aud := range auds {
			for _, lvl := range levels {
				t.Run(fmt.Sprintf("formula/%d/%s/%s", i, aud, lvl), func(t *testing.T) {
					f.Audience, f.Level = aud, lvl
					r, err := Render(g, f)
					if err != nil {
						t.Fatal(err)
					}
					readCheck(t, c, r, aud)
				})
			}
		}
	}
	for _, s := range g.Scenarios {
		sets := realistic[s.ID]
		if len(sets) == 0 {
			t.Errorf("scenario %s: no realistic values in this test", s.ID)
		}
		sets = append(sets, examples(s, false), examples(s, true))
		for i, vals := range sets {
			for _, aud := range auds {
				for _, lvl := range levels {
					t.Run(fmt.Sprintf("%s/%d/%s/%s", s.ID, i, aud, lvl), func(t *testing.T) {
						r, err := RenderScenario(g, ScenarioInput{ID: s.ID, Values: vals, Level: lvl, Audience: aud})
						if aud != "" && len(s.Audiences) > 0 && !containsAud(s.Audiences, aud) {
							if !errors.Is(err, ErrAudience) || (s.Instead != "" && !strings.Contains(err.Error(), s.Instead)) {
								t.Fatalf("for %s: err = %v, want ErrAudience naming %q", aud, err, s.Instead)
							}
							return
						}
						if err != nil {
							t.Fatal(err)
						}
						readCheck(t, c, r, aud)
					})
				}
			}
		}
	}
}

func containsAud(as []guide.Audience, a guide.Audience) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// TestGoalOnlyFromUser: no acknowledgement invents a goal the user did not
// give ("launch", "say yes to every deal").
func TestGoalOnlyFromUser(t *testing.T) {
	g := guide.Default()
	for _, s := range g.Scenarios {
		vals := examples(s, true)
		r, err := RenderScenario(g, ScenarioInput{ID: s.ID, Values: vals})
		if err != nil {
			t.Fatal(err)
		}
		ack := ""
		for _, p := range r.Parts {
			if p.Step == "acknowledge" {
				ack = string([]rune(r.Text)[p.Start:p.End])
			}
		}
		for _, invented := range []string{"launch", "say yes", "focused on our strengths"} {
			if strings.Contains(ack, invented) && !strings.Contains(strings.Join(mapValues(vals), " "), invented) {
				t.Errorf("%s: the acknowledgement says %q, which the user did not give: %s", s.ID, invented, ack)
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestCheckerCanFail guards the tests above: a bare objection must not pass.
func TestCheckerCanFail(t *testing.T) {
	rep, err := check.Default().Check(check.Input{Draft: "No, that won't work. We need to do it the way I said."})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pass {
		t.Fatal("the checker passes a dismissive no; TestTemplatesReadRight proves nothing")
	}
}

// TestBlindSample writes testdata/blind_sample.jsonl: 30 renderings with
// realistic values across the formula and the scenarios, audiences and
// levels, for a blind reader (../shared/RUBRIC.md) to rate. It is a golden
// file: go test -update rewrites it, and a changed template shows in review.
func TestBlindSample(t *testing.T) {
	g := guide.Default()
	type item struct {
		ID       string            `json:"id"`
		Scenario string            `json:"scenario"`
		Audience guide.Audience    `json:"audience"`
		Level    guide.Level       `json:"level"`
		Values   map[string]string `json:"values"`
		Text     string            `json:"text"`
	}
	var items []item
	k := 0
	next := func(allowed []guide.Audience) (guide.Audience, guide.Level) {
		k++
		auds := allowed
		if len(auds) == 0 {
			auds = guide.Audiences
		}
		return auds[k%len(auds)], guide.Levels[(k/2)%len(guide.Levels)]
	}
	formula := func(i int) {
		f := realisticFields[i%len(realisticFields)]
		aud, lvl := next(naturalFields[i%len(naturalFields)])
		f.Audience, f.Level = aud, lvl
		r, err := Render(g, f)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, item{Scenario: "formula", Audience: aud, Level: r.Level, Values: map[string]string{
			"goal": f.Goal, "concern": f.Concern, "impact": f.Impact, "alternative": f.Alternative}, Text: r.Text})
	}
	for i := range realisticFields {
		formula(i)
		formula(i)
	}
	for _, s := range g.Scenarios {
		for _, vals := range realistic[s.ID] {
			for range 1 + len(realistic[s.ID])%2 {
				aud, lvl := next(naturalScenario[s.ID])
				r, err := RenderScenario(g, ScenarioInput{ID: s.ID, Values: vals, Level: lvl, Audience: aud})
				if err != nil {
					t.Fatal(err)
				}
				items = append(items, item{Scenario: s.ID, Audience: aud, Level: r.Level, Values: vals, Text: r.Text})
			}
		}
	}
	for i := 2; len(items) < 30; i++ {
		formula(i)
	}
	if len(items) != 30 {
		t.Fatalf("%d items, want 30", len(items))
	}
	var b strings.Builder
	for i, it := range items {
		it.ID = fmt.Sprintf("t%02d", i+1)
		line, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	goldenfile.Check(t, filepath.Join("testdata", "blind_sample.jsonl"), []byte(b.String()))
}
