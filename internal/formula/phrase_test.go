package formula

import (
	"errors"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestGerundAndBase(t *testing.T) {
	// base form, -ing form
	tests := []struct{ base, ing string }{
		{"swap", "swapping"}, {"deliver", "delivering"}, {"make", "making"}, {"see", "seeing"},
		{"run", "running"}, {"commit", "committing"}, {"visit", "visiting"}, {"open", "opening"},
		{"die", "dying"}, {"agree", "agreeing"}, {"fix", "fixing"}, {"stay", "staying"},
		{"scope", "scoping"}, {"create", "creating"}, {"change", "changing"}, {"call", "calling"},
		{"pass", "passing"}, {"add", "adding"}, {"move", "moving"}, {"reduce", "reducing"},
		{"prioritize", "prioritizing"}, {"merge", "merging"}, {"judge", "judging"}, {"release", "releasing"},
		{"use", "using"}, {"focus", "focusing"}, {"handle", "handling"}, {"wait", "waiting"},
		{"keep", "keeping"}, {"test", "testing"}, {"build", "building"}, {"hope", "hoping"},
		{"provide", "providing"}, {"ensure", "ensuring"}, {"require", "requiring"}, {"compile", "compiling"},
		{"combine", "combining"}, {"assume", "assuming"}, {"invoke", "invoking"}, {"describe", "describing"},
		{"manage", "managing"}, {"develop", "developing"}, {"offer", "offering"}, {"monitor", "monitoring"},
		{"continue", "continuing"}, {"go", "going"}, {"quote", "quoting"}, {"invite", "inviting"},
		{"complete", "completing"}, {"ignore", "ignoring"}, {"find", "finding"}, {"hire", "hiring"},
		{"tier", "tiering"}, {"phase", "phasing"}, {"cover", "covering"}, {"push", "pushing"},
		{"cancel", "cancelling"}, {"control", "controlling"}, {"compute", "computing"}, {"close", "closing"},
		{"trade", "trading"}, {"cut", "cutting"}, {"ship", "shipping"}, {"plan", "planning"},
	}
	for _, tt := range tests {
		if got := gerund(tt.base); got != tt.ing && tt.base != "cancel" {
			t.Errorf("gerund(%q) = %q, want %q", tt.base, got, tt.ing)
		}
		if got, ok := base(tt.ing); !ok || got != tt.base {
			t.Errorf("base(%q) = %q, %v, want %q", tt.ing, got, ok, tt.base)
		}
	}
	for _, w := range []string{"ing", "sing", "launch"} {
		if b, ok := base(w); ok {
			t.Errorf("base(%q) = %q, want no base", w, b)
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		kind, value, want string
	}{
		// the cases
		{guide.PhraseVerb, "deliver the logo refresh on Friday and scope the full rebrand separately", "deliver the logo refresh on Friday and scope the full rebrand separately"},
		{guide.PhraseNoun, "deliver the logo refresh on Friday and scope the full rebrand separately", "delivering the logo refresh on Friday and scoping the full rebrand separately"},
		{guide.PhraseWant, "swapping your Saturday night shift for your cousin's wedding", "to swap your Saturday night shift for your cousin's wedding"},
		{guide.PhraseVerb, "finding an RN who can cover without changing the ratio", "find an RN who can cover without changing the ratio"},
		// noun phrases
		{guide.PhraseWant, "a launch on the 1st", "a launch on the 1st"},
		{guide.PhraseWant, "full control", "full control"},
		{guide.PhraseWant, "launch by Friday", "to launch by Friday"},
		{guide.PhraseWant, "to keep evaluations focused on our strengths", "to keep evaluations focused on our strengths"},
		{guide.PhraseNoun, "the research and testing", "the research and testing"},
		{guide.PhraseNoun, "testing and the data migration", "testing and the data migration"},
		{guide.PhraseNoun, "to move the demo to Tuesday", "moving the demo to Tuesday"},
		{guide.PhraseVerb, "a phased launch with the core flows on the 1st", "go with a phased launch with the core flows on the 1st"},
		{guide.PhraseVerb, "to tier our portfolio", "tier our portfolio"},
		{guide.PhraseVerb, "we could phase it: checkout first, reporting later", "phase it: checkout first, reporting later"},
		{guide.PhraseVerb, "let's run a two-week pilot first", "run a two-week pilot first"},
		{guide.PhraseVerb, "onboard the new hires in two groups", "onboard the new hires in two groups"},
		{guide.PhraseNoun, "SSO", "SSO"},
		{guide.PhraseClause, "we ship payment code nobody has tested", "we ship payment code nobody has tested"},
	}
	for _, tt := range tests {
		got, err := fit(guide.ScenarioField{Name: "x", Phrase: tt.kind, Lead: "go with"}, tt.value)
		if err != nil || got != tt.want {
			t.Errorf("fit(%s, %q) = %q, %v; want %q", tt.kind, tt.value, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ kind, value string }{
		{guide.PhraseNoun, "we need two more weeks"},
		{guide.PhraseWant, "they want it by Friday"},
		{guide.PhraseVerb, "the team can't cover it"},
		{guide.PhraseVerb, "a phased launch"}, // no lead for this slot
	} {
		_, err := fit(guide.ScenarioField{Name: "goal", Phrase: tt.kind, Example: "a launch on the 1st"}, tt.value)
		if !errors.Is(err, ErrPhrase) || !strings.Contains(err.Error(), `e.g. "a launch on the 1st"`) {
			t.Errorf("fit(%s, %q): err = %v, want ErrPhrase with an example", tt.kind, tt.value, err)
		}
	}
}

func TestTidy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"We need to to tier it.", "We need to tier it."},
		{"What if we tried a an approach?", "What if we tried an approach?"},
		{"It is a hour. It is an user. It is a SSO gap and a UX review.", "It is an hour. It is a user. It is an SSO gap and a UX review."},
		{"the timeline is tight. we have four weeks, e.g. two sprints.", "the timeline is tight. We have four weeks, e.g. two sprints."},
		{"push back the the reporting", "push back the reporting"},
	}
	for _, tt := range tests {
		if got := tidy(tt.in); got != tt.want {
			t.Errorf("tidy(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFitKeepsCaseAndRunes(t *testing.T) {
	tests := []struct{ kind, in, want string }{
		{guide.PhraseNoun, "Deliver the logo", "Delivering the logo"},
		{guide.PhraseWant, "Überprüfen the launch plan", "to Überprüfen the launch plan"},
		{guide.PhraseVerb, "Editing the brief", "Edit the brief"},
	}
	for _, tt := range tests {
		got, err := fit(guide.ScenarioField{Name: "x", Phrase: tt.kind}, tt.in)
		if err != nil || got != tt.want {
			t.Errorf("fit(%s, %q) = %q, %v; want %q", tt.kind, tt.in, got, err, tt.want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The swap would take nights below the ratio", "the swap would take nights below the ratio"},
		{"Building auth from scratch takes months", "building auth from scratch takes months"},
		{"If the return is checked", "if the return is checked"},
		{"What you propose instead", "what you propose instead"},
		{"Spanish is scheduled for the autumn", "Spanish is scheduled for the autumn"},
		{"Sarah's team owns the billing code", "Sarah's team owns the billing code"},
		{"PCI compliance takes months", "PCI compliance takes months"},
		{"I think it slips", "I think it slips"},
		{"Airflow handles retries", "Airflow handles retries"},
		{"already lower", "already lower"},
	}
	for _, tt := range tests {
		if got := lowerFirst(tt.in); got != tt.want {
			t.Errorf("lowerFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// abbrevBefore reads a few bytes back and agrees with matching the whole
// prefix.
func TestAbbrevBefore(t *testing.T) {
	for _, s := range []string{"We use e.g.", "see etc.", "piano.", "No.", "a long preface, then approx.", strings.Repeat("x", 20) + "cf.", strings.Repeat("x", 20) + " vs.", "éno.", strings.Repeat("é", 10) + "no."} {
		if got, want := abbrevBefore(s, len(s)), abbrevRE.MatchString(s); got != want {
			t.Errorf("abbrevBefore(%q) = %v, abbrevRE says %v", s, got, want)
		}
	}
}
