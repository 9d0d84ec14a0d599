package cue

import (
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// TestSituationPrefilterAgrees: reading the situation with the word-start
// prefilter gives what running every cue's regexp gives, on every situation
// of the corpus and the documents (and a few made to start words oddly).
func TestSituationPrefilterAgrees(t *testing.T) {
	situations := []string{"", "It has no offline mode yet.", "IT HAS NO OFFLINE MODE", "(no offline mode)", "décision finale: it's decided", "x-no offline"}
	for _, e := range guide.Default().Examples {
		situations = append(situations, e.Situation)
	}
	corpusWide(t)
	for _, k := range corpusCases(t) {
		situations = append(situations, k.Situation)
	}
	held, checked := 0, 0
	for _, f := range guide.Default().Features {
		if f.On != guide.FeatureOnSituation {
			continue
		}
		r, err := Compile(f.ID, f.Cues)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range situations {
			if s == "" {
				continue
			}
			want := 0.0
			for i := range r.cues {
				if cu := &r.cues[i]; cu.kind != guide.CueConditional && cu.re.get().MatchString(s) {
					want += cu.weight
				}
			}
			got := r.HoldsIn(s)
			if got != (want >= Threshold) {
				t.Errorf("%s on %q: prefiltered %v, every regexp %v", r.ID, s, got, want >= Threshold)
			}
			if got {
				held++
			}
			checked++
		}
	}
	if checked < 1000 || held == 0 {
		t.Fatalf("only %d situation checks, %d holding: the test is not testing", checked, held)
	}
	t.Logf("%d situation features read, %d hold", checked, held)
}
