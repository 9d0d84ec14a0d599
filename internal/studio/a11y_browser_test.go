package studio_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/server"
)

// focused describes the focused element: what a keyboard user lands on.
type focused struct {
	ID      string `json:"id"`
	Tag     string `json:"tag"`
	Name    string `json:"name"`
	Visible bool   `json:"visible"` // a focus indicator is drawn
}

// describeFocus names the focused element the way assistive technology
// would find its name (aria-label, aria-labelledby, its label, its text),
// and says whether a focus ring shows (on it, or on the editor around the
// draft).
const describeFocus = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {id: '', tag: 'body', name: '', visible: false};
	const text = n => (n ? n.textContent : '').replace(/\s+/g, ' ').trim();
	let name = e.getAttribute('aria-label') || '';
	if (!name && e.getAttribute('aria-labelledby')) name = e.getAttribute('aria-labelledby').split(' ').map(id => text(document.getElementById(id))).join(' ');
	if (!name && e.labels && e.labels.length) name = text(e.labels[0]);
	if (!name && e.closest('fieldset') && e.type === 'radio') name = text(e.closest('fieldset').querySelector('legend')) + ': ' + text(e.labels && e.labels[0]);
	if (!name) name = text(e);
	const ring = el => { const s = getComputedStyle(el); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; };
	let visible = ring(e) || (e.id === 'draft' && ring(e.closest('.editor')));
	if (!visible && e.type === 'radio') visible = ring(e.labels[0]);
	return {id: e.id, tag: e.tagName.toLowerCase(), name: name, visible: visible};
})()`

// walk presses Tab (or Shift+Tab) up to n times from where focus is and
// records where it lands, stopping when it leaves the page.
func walk(t *testing.T, ctx context.Context, n int) []focused {
	t.Helper()
	var out []focused
	for range n {
		do(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		f := eval[focused](t, ctx, describeFocus)
		if f.Tag == "body" {
			break
		}
		out = append(out, f)
	}
	return out
}

// tabTo presses Tab until the element with id has focus.
func tabTo(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	for range 60 {
		if eval[string](t, ctx, `document.activeElement ? document.activeElement.id : ''`) == id {
			return
		}
		do(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reached #%s", id)
}

func TestStudioKeyboardOnly(t *testing.T) {
	b := newBrowser(t)
	base := startServer(t, server.Options{})
	ctx := open(t, b, base)

	// The page in tab order: every stop named and visibly focused.
	order := walk(t, ctx, 40)
	var ids []string
	for _, f := range order {
		ids = append(ids, f.ID)
		if f.Name == "" {
			t.Errorf("tab stop %s <%s> has no accessible name", f.ID, f.Tag)
		}
		if !f.Visible {
			t.Errorf("tab stop %s <%s> %q shows no focus indicator", f.ID, f.Tag, f.Name)
		}
	}
	want := []string{"", "theme", "keys", "audience", "stakes", "level", "situation", "draft", "check-now", "rewrite-btn", "copy-btn", "version-btn", "tab-check", "panel-check"}
	if !slices.Equal(ids, want) {
		t.Errorf("tab order %q, want %q", ids, want)
	}
	if len(order) > 0 && order[0].Name != "Skip to the draft" {
		t.Errorf("the first tab stop is %q, want the skip link", order[0].Name)
	}

	// Write, check, rewrite and accept without a mouse.
	do(t, ctx, "reload", chromedp.Reload())
	waitReady(t, ctx)
	tabTo(t, ctx, "draft")
	blunt := firstExampleOf(t, guide.Default(), "client-bad-abdication").Text
	do(t, ctx, "type", chromedp.KeyEvent(blunt))
	do(t, ctx, "check with Ctrl+Enter", chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitChecked(t, ctx, blunt)
	if n := eval[int](t, ctx, `document.querySelectorAll('#backdrop mark[data-rule]').length`); n == 0 {
		t.Fatalf("the draft typed from the keyboard is not highlighted")
	}
	// The caret inside a highlight explains it.
	do(t, ctx, "move the caret home", chromedp.KeyEvent(kb.Home, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	waitFor(t, ctx, "the explanation at the caret", `!document.getElementById('tip').hidden`)
	do(t, ctx, "hide it with Escape", chromedp.KeyEvent(kb.Escape))
	waitFor(t, ctx, "the explanation to hide", `document.getElementById('tip').hidden`)

	tabTo(t, ctx, "rewrite-btn")
	do(t, ctx, "press Enter on Rewrite", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the rewrite", `!!document.querySelector('#rewrite-out .diff') && !!document.getElementById('rewrite-accept')`)
	tabTo(t, ctx, "rewrite-accept")
	rewrite := eval[string](t, ctx, `window.pushbackStudio.state.rewrite.result.text`)
	do(t, ctx, "accept with Enter", chromedp.KeyEvent(kb.Enter))
	waitChecked(t, ctx, rewrite)
	if f := eval[focused](t, ctx, describeFocus); f.ID != "draft" {
		t.Errorf("after accepting, focus is on %q, want back on the draft", f.ID)
	}

	// The coach's tabs move with the arrow keys; Decide answers from the
	// keyboard.
	tabTo(t, ctx, "tab-check")
	do(t, ctx, "arrow right twice", chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if f := eval[focused](t, ctx, describeFocus); f.ID != "tab-decide" {
		t.Fatalf("arrows moved focus to %q, want the Decide tab", f.ID)
	}
	if hidden := eval[bool](t, ctx, `document.getElementById('panel-decide').hidden`); hidden {
		t.Fatalf("the Decide panel did not open from the keyboard")
	}
	waitFor(t, ctx, "the questions", `document.querySelectorAll('#decide-questions fieldset').length === 5`)
	tabTo(t, ctx, "q-material-unsure")
	do(t, ctx, "answer yes with the arrows", chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft))
	waitFor(t, ctx, "the answer to count", `document.getElementById('q-material-yes').checked && document.getElementById('q-material-out').textContent !== ''`)
}

// axeRun scans the page with axe-core for WCAG 2.1 A and AA and returns the
// serious and critical violations, each with the elements it found.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})
	.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\s+/g, ' '))})))`

type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func TestStudioAccessibility(t *testing.T) {
	axe := axeSource(t)
	b := newBrowser(t)
	base := startServer(t, server.Options{})
	g := guide.Default()
	blunt := firstExampleOf(t, g, "client-bad-passive-aggressive")
	states := []struct {
		name  string
		setup func(t *testing.T, ctx context.Context)
	}{
		{"empty", func(t *testing.T, ctx context.Context) {}},
		{"checked", func(t *testing.T, ctx context.Context) {
			setContext(t, ctx, blunt.Audience, guide.StakesHigh, blunt.Situation)
			replaceDraft(t, ctx, blunt.Text)
			do(t, ctx, "show the first finding", chromedp.Click(chromedp.CSS("#scorecard .finding button.link")))
			waitFor(t, ctx, "the explanation", `!document.getElementById('tip').hidden`)
		}},
		{"rewrite", func(t *testing.T, ctx context.Context) {
			replaceDraft(t, ctx, blunt.Text)
			do(t, ctx, "rewrite", chromedp.Click(chromedp.CSS("#rewrite-btn")))
			waitFor(t, ctx, "the diff", `!!document.querySelector('#rewrite-out .diff')`)
		}},
		{"decide", func(t *testing.T, ctx context.Context) {
			do(t, ctx, "open Decide", chromedp.Click(chromedp.CSS("#tab-decide")))
			waitFor(t, ctx, "the recommendation", `!!document.querySelector('#decide-out .headline')`)
		}},
		{"templates", func(t *testing.T, ctx context.Context) {
			do(t, ctx, "open Templates", chromedp.Click(chromedp.CSS("#tab-templates")))
			waitFor(t, ctx, "the fields", `document.querySelectorAll('#scenario-fields input').length > 0`)
		}},
		{"versions", func(t *testing.T, ctx context.Context) {
			replaceDraft(t, ctx, blunt.Text)
			do(t, ctx, "save a version", chromedp.Click(chromedp.CSS("#version-btn")), chromedp.Click(chromedp.CSS("#tab-versions")))
			waitFor(t, ctx, "the version", `document.querySelectorAll('#versions .version').length > 0`)
		}},
	}
	for _, theme := range []string{"light", "dark"} {
		for _, s := range states {
			t.Run(theme+"/"+s.name, func(t *testing.T) {
				ctx := open(t, b, base)
				eval[chromedp.Void](t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById('theme'); s.value = %s; s.dispatchEvent(new Event('change')); })()`, js(theme)))
				s.setup(t, ctx)
				eval[chromedp.Void](t, ctx, axe)
				vs := eval[[]violation](t, ctx, axeRun)
				for _, v := range vs {
					msg := fmt.Sprintf("%s (%s): %s\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Errorf("axe: %s", msg)
					} else {
						t.Logf("axe, %s: %s", v.Impact, msg)
					}
				}
				if theme == "dark" && s.name == "checked" {
					screenshot(t, ctx, "studio-dark")
				}
			})
		}
	}
}
