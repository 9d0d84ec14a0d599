package check

import (
	"errors"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// TestMarginWithout: read without its jab, a draft gains more than read
// without any other sentence; without its reason or its proposal it loses.
// Drafts from the blind rounds' writers (development data).
func TestMarginWithout(t *testing.T) {
	c := Default()
	tests := []struct {
		name, situation string
		sents           []string
		audience        guide.Audience
		stakes          guide.Stakes
		jab             int // the sentence whose removal gains most
		carries         int // a sentence whose removal loses (-1: none checked)
	}{
		{
			name:      "sarcasm before the numbers",
			sents:     []string{"Yeah sure, 4 staff on Boxing Day, what could possibly go wrong.", "We did $38k with 7 on and the queue was still 40 minutes at 11.", "Give me 6 and I'll shut the fitting rooms at 2pm so we can run the afternoon on 4."},
			situation: "The area manager wants Boxing Day rostered with 4 staff instead of last year's 7 to hit a wage target.",
			audience:  guide.AudienceLeadership, stakes: guide.StakesMedium,
			jab: 0, carries: 2,
		},
		{
			name:      "disbelief opener",
			sents:     []string{"Are you having a laugh?", "40 covers of brunch at 11 and then Sunday lunch at 1 with one KP.", "If you want it, it's 6 dishes, max 30 covers, and I get another KP from 9."},
			situation: "The owner wants a full a la carte brunch added on Sundays before lunch service.",
			audience:  guide.AudienceLeadership, stakes: guide.StakesMedium,
			jab: 0, carries: -1,
		},
		{
			name:      "a dig between the facts and the plan",
			sents:     []string{"I found two bad cites in section II yesterday.", "Did you even read what you wrote?", "Judge Okafor criticised the other side's brief for citation errors in March.", "You do I and II by 3pm Thursday, I'll take III and IV."},
			situation: "A junior associate asks to skip the full cite-check on a summary judgment opposition to make Friday's filing deadline.",
			audience:  guide.AudienceReport, stakes: guide.StakesHigh,
			jab: 1, carries: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Draft: strings.Join(tt.sents, " "), Situation: tt.situation, Audience: tt.audience, Stakes: tt.stakes}
			whole, err := c.Margin(in)
			if err != nil {
				t.Fatal(err)
			}
			gains := make([]float64, len(tt.sents))
			for i := range tt.sents {
				rest := append(append([]string{}, tt.sents[:i]...), tt.sents[i+1:]...)
				x := in
				x.Draft = strings.Join(rest, " ")
				m, err := c.Margin(x)
				if err != nil {
					t.Fatal(err)
				}
				gains[i] = m - whole
			}
			for i, g := range gains {
				if i != tt.jab && g >= gains[tt.jab] {
					t.Errorf("without %q: %+.2f, not below the jab's %+.2f (%q)", tt.sents[i], g, gains[tt.jab], tt.sents[tt.jab])
				}
			}
			if gains[tt.jab] <= 0 {
				t.Errorf("without the jab %q: %+.2f, want a gain", tt.sents[tt.jab], gains[tt.jab])
			}
			if tt.carries >= 0 && gains[tt.carries] >= 0 {
				t.Errorf("without %q: %+.2f, want a loss (it carries the proposal)", tt.sents[tt.carries], gains[tt.carries])
			}
		})
	}
}

// TestMarginInput: bad input is Check's error; the cue engine alone has
// no margin.
func TestMarginInput(t *testing.T) {
	c := Default()
	if _, err := c.Margin(Input{Draft: "  "}); !errors.Is(err, draft.ErrEmpty) {
		t.Errorf("empty: %v, want draft.ErrEmpty", err)
	}
	if _, err := c.Margin(Input{Draft: "Fine. Go.", Stakes: "enormous"}); !errors.Is(err, guide.ErrUnknownValue) {
		t.Errorf("unknown stakes: %v, want guide.ErrUnknownValue", err)
	}
	cues, err := NewWithModel(guide.Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cues.Margin(Input{Draft: "Fine. Go."}); !errors.Is(err, ErrNoJudge) {
		t.Errorf("cue engine alone: %v, want ErrNoJudge", err)
	}
}
