package check

import (
	"slices"
	"strings"
	"testing"
)

// smartQuotes types a text as phones and word processors do.
var smartQuotes = strings.NewReplacer("'", "\u2019")

// TestTypographicQuotes: every document example typed with curly
// apostrophes gets the same verdict and findings as with straight ones, and
// every span and excerpt shows the draft as given.
func TestTypographicQuotes(t *testing.T) {
	c := Default()
	for _, e := range c.Guide().Examples {
		if !strings.Contains(e.Text, "'") {
			continue
		}
		t.Run(e.ID, func(t *testing.T) {
			in := Input{Draft: e.Text, Audience: e.Audience, Stakes: e.Stakes, Situation: e.Situation}
			straight, err := c.Check(in)
			if err != nil {
				t.Fatal(err)
			}
			in.Draft = smartQuotes.Replace(e.Text)
			curly, err := c.Check(in)
			if err != nil {
				t.Fatal(err)
			}
			if curly.Pass != straight.Pass || curly.Score != straight.Score || curly.Level != straight.Level {
				t.Errorf("curly: pass %v score %d level %s; straight: pass %v score %d level %s",
					curly.Pass, curly.Score, curly.Level, straight.Pass, straight.Score, straight.Level)
			}
			if got, want := rules(curly), rules(straight); !slices.Equal(got, want) {
				t.Errorf("curly findings %v, straight %v", got, want)
			}
			runes := []rune(in.Draft)
			for _, f := range curly.Findings {
				if f.Excerpt != "" && f.Excerpt != string(runes[f.Start:f.End]) {
					t.Errorf("%s: excerpt %q is not the draft's characters %d-%d", f.Rule, f.Excerpt, f.Start, f.End)
				}
				if f.Excerpt != "" && strings.Contains(f.Excerpt, "'") {
					t.Errorf("%s: excerpt %q lost the draft's curly apostrophe", f.Rule, f.Excerpt)
				}
			}
			for _, comp := range curly.Components {
				for _, sp := range comp.Spans {
					if sp.Text != string(runes[sp.Start:sp.End]) {
						t.Errorf("%s span %q is not the draft's characters %d-%d", comp.Step, sp.Text, sp.Start, sp.End)
					}
				}
			}
		})
	}
}

func rules(r Report) []string {
	out := make([]string, len(r.Findings))
	for i, f := range r.Findings {
		out[i] = f.Rule
	}
	return out
}

func TestHasTypographicQuote(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"plain 'quotes' and \"double\"", false}, {"em—dash and … ellipsis", false}, {"ʼn", true},
		{"you’re", true}, {"‘single’", true}, {"“double”", true}, {"café 😊 naïve", false}, {"end\xe2", false},
	} {
		if got := hasTypographicQuote(tt.s); got != tt.want || got != strings.ContainsAny(tt.s, typographicQuotes) {
			t.Errorf("hasTypographicQuote(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
