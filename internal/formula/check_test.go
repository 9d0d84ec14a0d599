package formula

import (
	"fmt"
	"testing"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// TestRenderedPassesChecker: everything the templater writes must pass the
// checker at the level it was written for.
func TestRenderedPassesChecker(t *testing.T) {
	g := guide.Default()
	c := check.Default()
	type tc struct {
		name string
		r    func() (Result, error)
		aud  guide.Audience
	}
	var cases []tc
	for _, lvl := range guide.Levels {
		f := launch
		f.Level = lvl
		cases = append(cases, tc{"render/" + string(lvl), func() (Result, error) { return Render(g, f) }, guide.AudienceClient})
	}
	for _, s := range g.Scenarios {
		aud := guide.AudienceClient
		if s.Source == "leadership" {
			aud = guide.AudienceLeadership
		}
		for _, lvl := range append([]guide.Level{""}, guide.Levels...) {
			cases = append(cases, tc{fmt.Sprintf("%s/%s", s.ID, lvl), func() (Result, error) {
				return RenderScenario(g, s.ID, examples(s, false), lvl)
			}, aud})
		}
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.r()
			if err != nil {
				t.Fatal(err)
			}
			rep, err := c.Check(check.Input{Draft: r.Text, Audience: tt.aud, Level: r.Level})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Pass {
				var fs []string
				for _, f := range rep.Findings {
					fs = append(fs, fmt.Sprintf("%s(%s): %s [%q]", f.Rule, f.Severity, f.Message, f.Excerpt))
				}
				t.Errorf("does not pass (score %d, reads %s):\n%s\n%q", rep.Score, rep.Level, r.Text, fs)
			}
		})
	}
}

// TestCheckerCanFail guards the test above: a bare objection must not pass.
func TestCheckerCanFail(t *testing.T) {
	rep, err := check.Default().Check(check.Input{Draft: "No, that won't work. We need to do it the way I said."})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pass {
		t.Fatal("the checker passes a dismissive no; TestRenderedPassesChecker proves nothing")
	}
}
