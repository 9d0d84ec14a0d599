package formula

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/guide"
)

// sampleItem is one rendering for blind readers (../shared/RUBRIC.md): the
// scenario ("formula" for the five-step formula), who it is to, the level,
// the user's values and the text. A formula item's matter, when given, is
// in its values as "matter".
type sampleItem struct {
	ID       string            `json:"id"`
	Scenario string            `json:"scenario"`
	Audience guide.Audience    `json:"audience"`
	Level    guide.Level       `json:"level"`
	Values   map[string]string `json:"values"`
	Text     string            `json:"text"`
}

func (it sampleItem) fields() Fields {
	return Fields{Goal: it.Values["goal"], Concern: it.Values["concern"], Impact: it.Values["impact"], Alternative: it.Values["alternative"],
		Invitation: it.Values["invitation"], Matter: guide.Matter(it.Values["matter"]), Level: it.Level, Audience: it.Audience}
}

func (it sampleItem) render(g *guide.Guide) (Result, error) {
	if it.Scenario == "formula" {
		return Render(g, it.fields())
	}
	return RenderScenario(g, ScenarioInput{ID: it.Scenario, Values: it.Values, Level: it.Level, Audience: it.Audience})
}

// sample2 is the second blind sample: 30 situations written after the
// first sample was rated, with people, fields and situations it does not
// hold, covering every scenario, every audience and every level. Each
// level is the one a skilled professional would pick for the situation:
// escalated only where the stakes are critical (lost data, wrong pay,
// a privacy law, a security report) and gentler pushback has been tried.
var sample2 = []sampleItem{
	// the formula
	{Scenario: "formula", Audience: guide.AudienceReport, Level: guide.LevelModerate, Values: map[string]string{"matter": "rule",
		"goal": "to skip the second calibration check so the Hendricks batch finishes by Thursday", "concern": "our accreditation requires that check before every client batch",
		"impact": "results run without it couldn't be reported, and we'd have to rerun the whole batch", "alternative": "run the check first thing Thursday while I cover the sample prep"}},
	{Scenario: "formula", Audience: guide.AudienceClient, Level: guide.LevelStrong, Values: map[string]string{"matter": "integrity",
		"goal": "to claim the Lisbon trip as a business expense", "concern": "only the two days of supplier meetings count as business travel; the family days don't",
		"impact": "if the return is checked, you'd owe tax on the whole trip plus a penalty", "alternative": "claim the flights and the two meeting days and keep the rest personal"}},
	{Scenario: "formula", Audience: guide.AudiencePeer, Level: guide.LevelMild, Values: map[string]string{
		"goal": "to drop the inline validation so the signup form ships this week", "concern": "the inline errors are what cut our form abandonment last quarter",
		"impact": "sign-up drop-offs could climb back to where they were", "alternative": "keep the inline errors on email and password and add the rest next week"}},
	{Scenario: "formula", Audience: guide.AudienceLeadership, Level: guide.LevelEscalated, Values: map[string]string{
		"goal": "to move the database migration up to this weekend", "concern": "we haven't run the failover drill on the new cluster, and last month's dry run lost 40 minutes of writes",
		"impact": "a failed cutover could lose customer orders with no clean way back", "alternative": "run the failover drill on Thursday and migrate the weekend after"}},
	// added scope
	{Scenario: "added_scope", Audience: guide.AudienceClient, Level: guide.LevelModerate, Values: map[string]string{
		"feature": "Apple Watch support", "other_work": "the class booking reminders", "delay": "about ten days", "launch": "the January membership drive"}},
	{Scenario: "added_scope", Audience: guide.AudienceLeadership, Level: guide.LevelStrong, Values: map[string]string{
		"feature": "single sign-on for the Northwind deal", "other_work": "the accessibility fixes from the council audit", "delay": "three weeks",
		"risk": "we'd miss the accessibility deadline in our council contract", "alternative": "give Northwind a firm date for SSO in the next release"}},
	// unrealistic timeline
	{Scenario: "unrealistic_timeline", Audience: guide.AudienceClient, Level: guide.LevelMild, Values: map[string]string{
		"deadline": "the opening on 3 May", "estimate": "eight weeks", "available": "five weeks", "at_risk": "testing the kiosk with real visitors",
		"alternative": "open with the touchscreen map and add the audio guide in June", "goal": "to have the interactive kiosk ready"}},
	{Scenario: "unrealistic_timeline", Audience: guide.AudienceReport, Level: guide.LevelStrong, Values: map[string]string{
		"deadline": "Friday", "estimate": "three weeks", "available": "four days", "at_risk": "validating the model on last quarter's data",
		"consequence": "sales would act on churn scores nobody has checked", "alternative": "send sales the top 50 at-risk accounts from our current rules on Friday and the model in three weeks",
		"goal": "to give sales the churn model"}},
	{Scenario: "unrealistic_timeline", Audience: guide.AudienceLeadership, Level: guide.LevelEscalated, Values: map[string]string{
		"deadline": "the January payroll", "estimate": "ten weeks with a parallel run", "available": "three weeks", "at_risk": "the parallel payroll run",
		"consequence": "1,200 people could be paid wrongly in January with no system to fall back on", "alternative": "keep the old system for January and switch after one clean parallel run in February",
		"goal": "to have the new payroll system live"}},
	// questionable technical choice
	{Scenario: "questionable_technical_choice", Audience: guide.AudiencePeer, Level: guide.LevelModerate, Values: map[string]string{
		"choice": "writing our own job scheduler", "goal": "full control over retries", "evidence": "the last in-house scheduler we ran needed someone on call for it every week",
		"alternative": "use Airflow's retry policies", "benefit": "give us per-task retries this sprint"}},
	{Scenario: "questionable_technical_choice", Audience: guide.AudienceClient, Level: guide.LevelStrong, Values: map[string]string{
		"choice": "rebuilding the site as a single-page app", "goal": "a faster, more app-like site",
		"evidence":    "client-rendered content sites typically lose a large share of their search traffic until server rendering is added back",
		"alternative": "keep the pages server-rendered and build the interactive parts as components", "benefit": "protect your search traffic and ship in about half the time",
		"core_goals": "the app-like feel you're after"}},
	{Scenario: "questionable_technical_choice", Audience: guide.AudienceReport, Level: guide.LevelMild, Values: map[string]string{
		"choice": "adding MongoDB just for the activity feed", "goal": "a flexible schema for the feed",
		"evidence":    "every datastore we've added needed its own backups, monitoring and on-call runbook",
		"alternative": "store the feed in a JSONB column in Postgres", "benefit": "give you the flexible schema without a new system to run"}},
	// meeting going off track
	{Scenario: "meeting_off_track", Audience: guide.AudienceClient, Level: guide.LevelMild, Values: map[string]string{
		"topic": "the launch content calendar", "tangent": "the new colour palette", "time_left": "twenty minutes"}},
	{Scenario: "meeting_off_track", Audience: guide.AudienceLeadership, Level: guide.LevelStrong, Values: map[string]string{
		"topic": "the Q2 headcount plan", "tangent": "the reorg rumours", "time_left": "fifteen minutes"}},
	{Scenario: "meeting_off_track", Audience: guide.AudiencePeer, Level: guide.LevelModerate, Values: map[string]string{
		"topic": "the December on-call rota", "tangent": "trying a new monitoring tool"}},
	// "why is this taking so long?"
	{Scenario: "why_so_long", Audience: guide.AudienceClient, Level: guide.LevelModerate, Values: map[string]string{
		"original": "a booking form", "added": "online payments, a waiting list and SMS reminders", "impact": "it adds about four weeks"}},
	{Scenario: "why_so_long", Audience: guide.AudienceLeadership, Level: guide.LevelStrong, Values: map[string]string{
		"original": "a quarterly sales dashboard", "added": "live data from three CRMs and row-level permissions",
		"impact": "the first version lands at the end of next month instead of this Friday"}},
	{Scenario: "why_so_long", Audience: guide.AudiencePeer, Level: guide.LevelMild, Values: map[string]string{
		"original": "a script to rename the product photos", "added": "resizing, watermarking and an upload to the CDN"}},
	// a product gap, told to the client
	{Scenario: "product_gap", Audience: guide.AudienceClient, Level: guide.LevelModerate, Values: map[string]string{
		"request": "Spanish-language support", "today": "the interface and all patient notifications are in English only",
		"roadmap": "Spanish is scheduled for the autumn release", "goal": "to roll it out to your clinics in Puerto Rico", "product": "the app",
		"alternative": "start the pilot at your mainland clinics"}},
	{Scenario: "product_gap", Audience: guide.AudienceClient, Level: guide.LevelStrong, Values: map[string]string{
		"request": "real-time sync with SAP", "today": "orders sync with SAP in batches every four hours", "goal": "to see stock levels as they change",
		"product": "the platform", "alternative": "run the pilot at the two warehouses where four-hourly sync is enough"}},
	{Scenario: "product_gap", Audience: guide.AudienceClient, Level: guide.LevelEscalated, Values: map[string]string{
		"request": "Canadian data hosting", "today": "all customer data is stored in our US East region", "goal": "to meet your provincial privacy rules",
		"alternative": "hold the contract until your privacy officer has reviewed the US hosting"}},
	// a product limitation being hidden
	{Scenario: "hidden_limitation", Audience: guide.AudienceLeadership, Level: guide.LevelStrong, Values: map[string]string{
		"limitation": "the two-hour sync delay in the mobile app", "goal": "to keep the demos focused on the new dashboards",
		"discovery": "the first week of the pilot", "roadmap": "real-time sync is planned for Q3"}},
	{Scenario: "hidden_limitation", Audience: guide.AudiencePeer, Level: guide.LevelMild, Values: map[string]string{
		"limitation": "the 100-requests-per-minute API limit", "discovery": "their load testing"}},
	{Scenario: "hidden_limitation", Audience: guide.AudienceLeadership, Level: guide.LevelEscalated, Values: map[string]string{
		"limitation": "our unfinished SOC 2 report", "goal": "to close the bank deal this quarter", "discovery": "their vendor security review"}},
	// an over-committed team
	{Scenario: "overcommitted_team", Audience: guide.AudienceLeadership, Level: guide.LevelModerate, Values: map[string]string{
		"team_size": "5", "items": "60", "capacity": "8-10", "role": "support engineer", "item": "account",
		"alternative": "move the 15 smallest accounts to the pooled support queue", "goal": "to give every enterprise account a named engineer"}},
	{Scenario: "overcommitted_team", Audience: guide.AudiencePeer, Level: guide.LevelStrong, Values: map[string]string{
		"team_size": "3", "items": "14", "capacity": "3-4", "role": "paralegal", "item": "case",
		"alternative": "ask the partners to move two cases to the Leeds office"}},
	{Scenario: "overcommitted_team", Audience: guide.AudienceLeadership, Level: guide.LevelEscalated, Values: map[string]string{
		"team_size": "4", "items": "26", "capacity": "5", "role": "auditor", "item": "client file",
		"alternative": "move the six smallest client files past the filing deadline with the clients' agreement", "goal": "to sign off every client before the filing deadline"}},
	// the one-page memo to leadership
	{Scenario: "leadership_memo", Audience: guide.AudienceLeadership, Level: guide.LevelModerate, Values: map[string]string{
		"support": "moving the whole sales team to the new CRM", "request": "a company-wide rollout in March", "cost": "six weeks of sales operations time",
		"gap": "no agreed plan for migrating the open pipeline", "alternative": "a four-week pilot with the two inside-sales teams",
		"purpose": "test the migration and the training on real deals", "next": "we roll out to everyone in May with the fixes in place"}},
	{Scenario: "leadership_memo", Audience: guide.AudienceLeadership, Level: guide.LevelStrong, Values: map[string]string{
		"support": "going after public-sector work", "request": "bidding on the state health contract", "cost": "three people for two months",
		"gap": "none of the security certifications the tender asks for", "alternative": "a certification readiness review with our security lead",
		"purpose": "find out how far we are from what the tender requires", "next": "we bid in the next round with the gaps closed"}},
	{Scenario: "leadership_memo", Audience: guide.AudienceLeadership, Level: guide.LevelMild, Values: map[string]string{
		"support": "investing in the partner channel", "request": "building a full partner portal", "cost": "a quarter of the web team's time",
		"gap": "only two partners signed up so far", "alternative": "a shared-drive starter kit and a monthly partner call",
		"purpose": "see which material partners actually use", "next": "we build the portal around what they use"}},
}

// TestBlindSample2 writes testdata/blind_sample2.jsonl, the second sample
// for fresh blind readers, and checks it covers every scenario, audience
// and level. It is a golden file: go test -update rewrites it.
func TestBlindSample2(t *testing.T) {
	g := guide.Default()
	if len(sample2) != 30 {
		t.Fatalf("%d items, want 30", len(sample2))
	}
	seen := map[string]bool{}
	var b strings.Builder
	for i, it := range sample2 {
		r, err := it.render(g)
		if err != nil {
			t.Fatalf("item %d: %v", i+1, err)
		}
		it.ID, it.Text = fmt.Sprintf("s%02d", i+1), r.Text
		seen[it.Scenario], seen[string(it.Audience)], seen[string(it.Level)] = true, true, true
		line, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	want := []string{"formula"}
	for _, s := range g.Scenarios {
		want = append(want, s.ID)
	}
	for _, a := range guide.Audiences {
		want = append(want, string(a))
	}
	for _, l := range guide.Levels {
		want = append(want, string(l))
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("the sample has no %s", w)
		}
	}
	goldenfile.Check(t, filepath.Join("testdata", "blind_sample2.jsonl"), []byte(b.String()))
}

// TestDevSample renders the first blind sample's items (rated by two
// readers: testdata/blind_sample.jsonl, kept as it was rated) with today's
// templates: each must read right, or be refused for a value its level
// needs and the first round let it leave out (a strong added_scope with
// no risk named, the readers' t12).
func TestDevSample(t *testing.T) {
	g := guide.Default()
	f, err := os.Open(filepath.Join("testdata", "blind_sample.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var it sampleItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatal(err)
		}
		n++
		if it.Scenario == "formula" && strings.Contains(it.Values["goal"], "Saturday night shift") {
			it.Values["matter"] = string(guide.MatterRule) // the round's own data left the matter out
		}
		if it.Scenario == "meeting_off_track" && it.Values["tangent"] == "" {
			it.Values["tangent"] = "switching monitoring vendors" // now required: the reader's t18
		}
		t.Run(it.ID, func(t *testing.T) {
			r, err := it.render(g)
			if errors.Is(err, ErrMissingField) && strings.Contains(err.Error(), " at "+string(it.Level)) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var values []string
			for _, v := range it.Values {
				values = append(values, v)
			}
			for _, f := range append(grammarFaults(r.Text), readingFaults(r, it.Audience, matterOf(g, it), values)...) {
				t.Errorf("%s in:\n%s", f, r.Text)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 30 {
		t.Errorf("%d items, want 30", n)
	}
}

func matterOf(g *guide.Guide, it sampleItem) guide.Matter {
	if it.Scenario == "formula" {
		return guide.Matter(it.Values["matter"])
	}
	s, _ := g.Scenario(it.Scenario)
	return s.Matter
}
