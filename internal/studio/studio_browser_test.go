package studio_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/server"
)

// js quotes a Go value for a JavaScript expression.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// open opens the studio in a new tab with nothing saved, and waits until it
// has read the server's tools and guide.
func open(t *testing.T, b *browser, base string) context.Context {
	t.Helper()
	ctx := b.tab(t)
	do(t, ctx, "open the studio", chromedp.Navigate(base+"/"))
	eval[chromedp.Void](t, ctx, `localStorage.clear()`)
	do(t, ctx, "reload", chromedp.Reload())
	waitReady(t, ctx)
	return ctx
}

func waitReady(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, "the studio to connect", `document.documentElement.dataset.ready === 'true'`)
}

// paste inserts text at the caret as a paste or an input method does.
func paste(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
		return err
	})
}

// setContext sets the reply's audience, stakes and situation as a user
// would, through the page's controls.
func setContext(t *testing.T, ctx context.Context, aud guide.Audience, stakes guide.Stakes, situation string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, fmt.Sprintf(`(() => {
		const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event(e.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true})); };
		set('audience', %s); set('stakes', %s); set('situation', %s);
	})()`, js(string(aud)), js(string(stakes)), js(situation)))
}

// replaceDraft selects the draft and pastes text over it.
func replaceDraft(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	do(t, ctx, "replace the draft",
		chromedp.Focus(chromedp.CSS("#draft")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('draft').select()`),
		paste(text))
	waitChecked(t, ctx, text)
}

// waitChecked waits until the page shows the check of exactly text.
func waitChecked(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	waitFor(t, ctx, "the check of the draft", fmt.Sprintf(
		`window.pushbackStudio.state.checked === %s && document.getElementById('scorecard').getAttribute('aria-busy') === 'false' && !!document.querySelector('#scorecard .gauge')`, js(text)))
}

// shown is what the page highlights: for each formula step and each
// finding (by index), the character ranges of the draft marked for it.
type shown struct {
	Parts    map[string][][2]int `json:"parts"`
	Findings map[string][][2]int `json:"findings"`
	Rules    map[string]string   `json:"rules"`
	Names    map[string]string   `json:"names"`
	Score    string              `json:"score"`
	Verdict  string              `json:"verdict"`
	Level    string              `json:"level"`
	Stance   string              `json:"stance"`
}

const readShown = `(() => {
	const out = {parts: {}, findings: {}, rules: {}, names: {}};
	let pos = 0;
	for (const n of document.getElementById('backdrop').childNodes) {
		const len = Array.from(n.textContent.replace(/\u200b$/, '')).length;
		if (n.nodeType === 1) {
			for (const s of (n.dataset.part || '').split(' ').filter(Boolean)) (out.parts[s] ||= []).push([pos, pos + len]);
			for (const f of (n.dataset.finding || '').split(' ').filter(Boolean)) {
				(out.findings[f] ||= []).push([pos, pos + len]);
			}
		}
		pos += len;
	}
	document.querySelectorAll('#scorecard .finding').forEach((c, i) => {
		out.rules[i] = c.dataset.rule;
		out.names[i] = c.querySelector('.finding-name').textContent;
	});
	const g = document.querySelector('#scorecard .gauge');
	out.score = g.getAttribute('aria-valuenow');
	out.verdict = g.querySelector('.gauge-label').textContent;
	out.level = document.querySelector('#scorecard .level-words').textContent;
	out.stance = (document.querySelector('#scorecard .chip-stance') || {}).textContent || '';
	return out;
})()`

// merge joins touching and overlapping ranges.
func merge(rs [][2]int) [][2]int {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	var out [][2]int
	for _, r := range rs {
		if r[1] <= r[0] {
			continue
		}
		if n := len(out); n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// findingName is how the page must name a finding: its anti-pattern's name
// in the guide.
func findingName(g *guide.Guide, f check.Finding) string {
	if f.Kind == check.KindAntiPattern {
		for _, a := range g.AntiPatterns {
			if a.ID == f.Rule {
				return a.Name
			}
		}
	}
	return ""
}

// assertShown compares what the page highlights and names with the report
// the checker gives for the same input.
func assertShown(t *testing.T, got shown, want check.Report, g *guide.Guide) {
	t.Helper()
	if got.Score != fmt.Sprint(want.Score) {
		t.Errorf("gauge shows %s, the checker says %d", got.Score, want.Score)
	}
	if verdict := map[bool]string{true: "Passes", false: "Does not pass"}[want.Pass]; got.Verdict != verdict {
		t.Errorf("verdict %q, want %q", got.Verdict, verdict)
	}
	if want.ReadsAs != "" && !strings.Contains(got.Level, "Reads as "+want.ReadsAs) {
		t.Errorf("level line %q does not say it reads as %s", got.Level, want.ReadsAs)
	}
	if want.ReadsAs == "" && want.Level != "" && !strings.Contains(got.Level, "Reads "+string(want.Level)) {
		t.Errorf("level line %q does not say it reads %s", got.Level, want.Level)
	}
	if stance := strings.ReplaceAll(want.Stance, "_", " "); got.Stance != stance {
		t.Errorf("stance shown %q, the checker says %q", got.Stance, want.Stance)
	}
	for _, c := range want.Components {
		var spans [][2]int
		for _, s := range c.Spans {
			spans = append(spans, [2]int{s.Start, s.End})
		}
		if w, h := merge(spans), merge(got.Parts[c.Step]); !slices.Equal(w, h) {
			t.Errorf("formula part %s: highlighted %v, the checker found %v", c.Step, h, w)
		}
	}
	for step := range got.Parts {
		if !slices.ContainsFunc(want.Components, func(c check.Component) bool { return c.Step == step && len(c.Spans) > 0 }) {
			t.Errorf("formula part %s highlighted, the checker found none", step)
		}
	}
	if len(got.Rules) != len(want.Findings) {
		t.Errorf("%d findings shown, the checker has %d", len(got.Rules), len(want.Findings))
	}
	for i, f := range want.Findings {
		key := fmt.Sprint(i)
		if got.Rules[key] != f.Rule {
			t.Errorf("finding %d shown as %q, the checker says %q", i, got.Rules[key], f.Rule)
		}
		if name := findingName(g, f); name != "" && got.Names[key] != name {
			t.Errorf("finding %d (%s) named %q, the guide calls it %q", i, f.Rule, got.Names[key], name)
		}
		var want [][2]int
		if f.End > f.Start {
			want = [][2]int{{f.Start, f.End}}
		}
		if h := merge(got.Findings[key]); !slices.Equal(h, want) {
			t.Errorf("finding %d (%s): highlighted %v, the checker's span is %v", i, f.Rule, h, want)
		}
	}
}

func TestStudio(t *testing.T) {
	b := newBrowser(t)
	base := startServer(t, server.Options{})
	g := guide.Default()

	t.Run("type a blunt draft", func(t *testing.T) {
		ctx := open(t, b, base)
		blunt := firstExampleOf(t, g, "client-bad-dismissive-no")
		do(t, ctx, "type the draft", chromedp.SendKeys(chromedp.CSS("#draft"), blunt.Text))
		waitChecked(t, ctx, blunt.Text)
		want, err := check.Default().Check(check.Input{Draft: blunt.Text})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(want.Findings, func(f check.Finding) bool { return f.Rule == blunt.AntiPattern }) {
			t.Fatalf("the checker no longer finds %s in the documents' example", blunt.AntiPattern)
		}
		assertShown(t, eval[shown](t, ctx, readShown), want, g)

		// Hover over the highlight: its name, why and fix show.
		box := eval[[]float64](t, ctx, fmt.Sprintf(`(() => { const r = document.querySelector('#backdrop mark[data-rule=%s]').getBoundingClientRect(); return [r.left + 8, r.top + r.height / 2]; })()`, js(blunt.AntiPattern)))
		do(t, ctx, "hover the highlight", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0], box[1]))
		waitFor(t, ctx, "the explanation on hover", `!document.getElementById('tip').hidden`)
		tip := eval[string](t, ctx, `document.getElementById('tip').textContent`)
		name := findingName(g, want.Findings[0])
		if !strings.Contains(tip, name) || !strings.Contains(tip, "Try: "+want.Findings[0].Suggestion) {
			t.Errorf("hover shows %q, want the finding's name %q and its fix", tip, name)
		}
		screenshot(t, ctx, "studio-check")
	})

	t.Run("highlights and names match the checker", func(t *testing.T) {
		ctx := open(t, b, base)
		cases := []guide.Example{
			// The stances the README names, besides the documents' examples.
			{ID: "let-it-go", Text: "Sure, switching to Garamond now.", Stakes: guide.StakesLow},
			{ID: "disagree-and-commit", Text: "I'd still have phased it, but it's your call and we'll make it work.", Situation: "Decision is final: we go with the big-bang migration."},
		}
		for _, e := range g.Examples {
			if !e.Rendered && !strings.Contains(e.Text, "[") { // not templates with placeholders
				cases = append(cases, e)
			}
		}
		for _, e := range cases {
			t.Run(e.ID, func(t *testing.T) {
				setContext(t, ctx, e.Audience, e.Stakes, e.Situation)
				replaceDraft(t, ctx, e.Text)
				want, err := check.Default().Check(check.Input{Draft: e.Text, Audience: e.Audience, Stakes: e.Stakes, Situation: e.Situation})
				if err != nil {
					t.Fatal(err)
				}
				assertShown(t, eval[shown](t, ctx, readShown), want, g)
			})
		}
	})

	t.Run("rewrite shows a word diff with the facts kept", func(t *testing.T) {
		ctx := open(t, b, base)
		draft := "No. Your timeline is a joke. SSO is 3 weeks of work and the release is on 14 March."
		replaceDraft(t, ctx, draft)
		do(t, ctx, "ask for a rewrite", chromedp.Click(chromedp.CSS("#rewrite-btn")))
		waitFor(t, ctx, "the rewrite", `!!document.querySelector('#rewrite-out .diff') && !!window.pushbackStudio.state.rewrite`)
		type rewritten struct {
			Text    string   `json:"text"`
			Facts   []string `json:"facts"`
			Missing []string `json:"missing"`
			Old     string   `json:"old"`
			New     string   `json:"new"`
			Marked  []string `json:"marked"`
			Ins     int      `json:"ins"`
			Del     int      `json:"del"`
		}
		got := eval[rewritten](t, ctx, `(() => {
			const r = window.pushbackStudio.state.rewrite.result;
			const d = document.querySelector('#rewrite-out .diff');
			const text = (n, skip) => Array.from(n.childNodes).map(c => c.nodeType === 3 ? c.textContent : (c.classList && c.classList.contains('sr-only')) || c.tagName === skip ? '' : text(c, skip)).join('');
			return {text: r.text, facts: r.facts, missing: r.missing_facts, old: text(d, 'INS'), new: text(d, 'DEL'),
				marked: Array.from(d.querySelectorAll('mark.fact')).map(m => m.textContent),
				ins: d.querySelectorAll('ins').length, del: d.querySelectorAll('del').length};
		})()`)
		if got.Old != draft {
			t.Errorf("the diff's old side reads %q, want the draft %q", got.Old, draft)
		}
		if got.New != got.Text {
			t.Errorf("the diff's new side reads %q, want the rewrite %q", got.New, got.Text)
		}
		if got.Ins == 0 {
			t.Errorf("the diff marks no added words")
		}
		for _, f := range []string{"3 weeks", "14 March"} {
			if !slices.Contains(got.Facts, f) {
				t.Errorf("facts %q: the draft's %q is not among them", got.Facts, f)
			}
		}
		for _, f := range got.Facts {
			if !slices.Contains(got.Missing, f) && !slices.Contains(got.Marked, f) {
				t.Errorf("fact %q kept but not marked in the diff (marked: %q)", f, got.Marked)
			}
		}
		screenshot(t, ctx, "studio-rewrite")

		do(t, ctx, "accept the rewrite", chromedp.Click(chromedp.CSS("#rewrite-accept")))
		waitChecked(t, ctx, got.Text)
		if v := eval[string](t, ctx, `document.getElementById('draft').value`); v != got.Text {
			t.Errorf("after accepting, the draft is %q, want the rewrite", v)
		}
		versions := eval[[]string](t, ctx, `JSON.parse(localStorage.getItem('pushback.studio.v1')).versions.map(v => v.draft)`)
		if len(versions) < 2 || versions[len(versions)-2] != draft || versions[len(versions)-1] != got.Text {
			t.Errorf("versions %q: want the draft from before the rewrite, then the rewrite", versions)
		}
	})

	t.Run("reload finds the draft", func(t *testing.T) {
		ctx := open(t, b, base)
		e := firstExampleOf(t, g, "client-bad-aggressive-expert")
		setContext(t, ctx, e.Audience, guide.StakesHigh, "They questioned my technical recommendation.")
		do(t, ctx, "type the draft", chromedp.SendKeys(chromedp.CSS("#draft"), e.Text))
		waitChecked(t, ctx, e.Text)
		waitFor(t, ctx, "the draft to be saved", fmt.Sprintf(`(JSON.parse(localStorage.getItem('pushback.studio.v1') || '{}').draft === %s)`, js(e.Text)))
		do(t, ctx, "reload the page", chromedp.Reload())
		waitReady(t, ctx)
		waitChecked(t, ctx, e.Text)
		got := eval[map[string]string](t, ctx, `({draft: draft.value, situation: situation.value, stakes: stakes.value, audience: audience.value})`)
		want := map[string]string{"draft": e.Text, "situation": "They questioned my technical recommendation.", "stakes": string(guide.StakesHigh), "audience": string(e.Audience)}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("after reload, %s is %q, want %q", k, got[k], v)
			}
		}
		if n := eval[int](t, ctx, `document.querySelectorAll('#backdrop mark[data-rule]').length`); n == 0 {
			t.Errorf("after reload, the draft is not highlighted again")
		}
		// Copy hands the draft to the clipboard.
		eval[chromedp.Void](t, ctx, `navigator.clipboard.writeText = text => { window.copied = text; return Promise.resolve(); }`)
		do(t, ctx, "copy", chromedp.Click(chromedp.CSS("#copy-btn")))
		waitFor(t, ctx, "the copy", fmt.Sprintf(`window.copied === %s`, js(e.Text)))

		// A new draft over it; the old one comes back from Versions.
		replaceDraft(t, ctx, "Fine. Whatever you want.")
		do(t, ctx, "open Versions", chromedp.Click(chromedp.CSS("#tab-versions")))
		if n := eval[int](t, ctx, `document.querySelectorAll('#versions .version').length`); n == 0 {
			t.Fatalf("no version listed after a checked draft and a reload")
		}
		do(t, ctx, "restore the oldest version", chromedp.Click(chromedp.CSS("#versions .version:last-child button")))
		waitChecked(t, ctx, e.Text)
		if got := eval[string](t, ctx, `situation.value`); got != want["situation"] {
			t.Errorf("the restored version's situation is %q, want %q", got, want["situation"])
		}
		// What the restore replaced is a version in turn.
		versions := eval[[]string](t, ctx, `JSON.parse(localStorage.getItem('pushback.studio.v1')).versions.map(v => v.reason + ': ' + v.draft)`)
		if !slices.Contains(versions, "before restore: Fine. Whatever you want.") {
			t.Errorf("versions %q do not keep the draft the restore replaced", versions)
		}
	})

	t.Run("decide", func(t *testing.T) {
		ctx := open(t, b, base)
		setContext(t, ctx, guide.AudienceLeadership, guide.StakesHigh, "")
		do(t, ctx, "open Decide", chromedp.Click(chromedp.CSS("#tab-decide")))
		waitFor(t, ctx, "the questions", `document.querySelectorAll('#decide-questions fieldset').length === 5`)
		answers := map[string]bool{"material": true, "evidence": true, "hill": true, "alternative": false, "right": true}
		for q, yes := range answers {
			id := "#q-" + q + "-no"
			if yes {
				id = "#q-" + q + "-yes"
			}
			do(t, ctx, "answer "+q, chromedp.Click(chromedp.CSS("label[for='"+id[1:]+"']")))
		}
		yes, no := true, false
		want, err := decide.Decide(g, decide.Input{Material: &yes, Evidence: &yes, Hill: &yes, Alternative: &no, Right: &yes, Stakes: guide.StakesHigh, Audience: guide.AudienceLeadership})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the recommendation", fmt.Sprintf(`(document.querySelector('#decide-out .headline') || {}).textContent === %s`, js(want.Headline)))
		screenshot(t, ctx, "studio-decide")
		if want.StartLevel != "" {
			do(t, ctx, "use the level", chromedp.Click(chromedp.CSS("#decide-use-level")))
			if v := eval[string](t, ctx, `document.getElementById('level').value`); v != string(want.StartLevel) {
				t.Errorf("level set to %q, want %q", v, want.StartLevel)
			}
		}
	})

	t.Run("templates", func(t *testing.T) {
		ctx := open(t, b, base)
		do(t, ctx, "open Templates", chromedp.Click(chromedp.CSS("#tab-templates")))
		sc := g.Scenarios[0]
		waitFor(t, ctx, "the scenarios", fmt.Sprintf(`!!document.querySelector('#scenario option[value=%s]')`, js(sc.ID)))
		eval[chromedp.Void](t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById('scenario'); s.value = %s; s.dispatchEvent(new Event('change')); })()`, js(sc.ID)))
		values := map[string]string{}
		for _, f := range sc.Fields {
			if !f.Required {
				continue
			}
			values[f.Name] = f.Example
			do(t, ctx, "fill "+f.Name, chromedp.SendKeys(chromedp.CSS("#tf-"+f.Name), f.Example))
		}
		want, err := formula.RenderScenario(g, formula.ScenarioInput{ID: sc.ID, Values: values})
		if err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the message", fmt.Sprintf(`(document.querySelector('#template-out .template-text') || {}).textContent === %s`, js(want.Text)))
		screenshot(t, ctx, "studio-templates")
		do(t, ctx, "use it", chromedp.Click(chromedp.CSS("#template-use")))
		waitChecked(t, ctx, want.Text)
	})

	t.Run("the page asks for the token when the server needs one", func(t *testing.T) {
		const token = "studio-test-token"
		tokenBase := startServer(t, server.Options{Token: token})
		ctx := b.tab(t)
		do(t, ctx, "open the studio", chromedp.Navigate(tokenBase+"/"))
		waitFor(t, ctx, "the token form", `!!document.getElementById('token-input')`)
		do(t, ctx, "enter the token", chromedp.SendKeys(chromedp.CSS("#token-input"), token+"\r"))
		waitReady(t, ctx)
		ctx = b.tab(t)
		do(t, ctx, "open it with the token in the address", chromedp.Navigate(tokenBase+"/#token="+token))
		waitReady(t, ctx)
		if h := eval[string](t, ctx, `location.hash`); h != "" {
			t.Errorf("the token stays in the address bar (%q)", h)
		}
	})
}

func firstExampleOf(t *testing.T, g *guide.Guide, id string) guide.Example {
	t.Helper()
	for _, e := range g.Examples {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no example %s in the guide", id)
	return guide.Example{}
}
