package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
)

// firstSight are the sets scored once, after the judge was trained, by
// writers who saw only the documents: their first figures (the honest
// estimate of the judge on new text) and the floors that guard them.
var firstSight = map[string]struct {
	first               string
	verdictMin, antiMin float64
}{}

// TestFirstSightSets scores every set in evals/checker/firstsight.
func TestFirstSightSets(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(corpusDir, "firstsight", "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Skip("no first-sight set yet")
	}
	for _, name := range names {
		set := strings.TrimSuffix(filepath.Base(name), ".jsonl")
		t.Run(set, func(t *testing.T) {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cs, err := corpus.Read(f, name, set, guide.Default())
			if err != nil {
				t.Fatal(err)
			}
			n, right, nAnti, antiRight := 0, 0, 0, 0
			for _, k := range cs {
				r := checkCase(t, k, k.Text)
				n++
				if r.Pass == k.IsGood() {
					right++
				} else {
					t.Logf("MISS %s: want %s, got pass=%v score=%d first=%q", k.ID, k.Label, r.Pass, r.Score, firstAnti(r))
				}
				if !k.IsGood() && k.AntiPattern != "" {
					nAnti++
					if firstAnti(r) == k.AntiPattern {
						antiRight++
					}
				}
			}
			v, a := float64(right)/float64(n), float64(antiRight)/float64(max(nAnti, 1))
			want, ok := firstSight[set]
			t.Logf("%s: verdict %.3f (%d/%d), anti-pattern %.3f (%d/%d); first sight: %s", set, v, right, n, a, antiRight, nAnti, want.first)
			if !ok {
				t.Fatalf("%s has no recorded first-sight figure: score it once, record it in firstSight", set)
			}
			if v < want.verdictMin || a < want.antiMin {
				t.Errorf("%s fell below its floors (verdict %.2f, anti-pattern %.2f)", set, want.verdictMin, want.antiMin)
			}
		})
	}
}
