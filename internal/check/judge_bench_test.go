package check

import (
	"os"
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/check/cue"
	"github.com/pushback/pushback/internal/guide"
)

// The parts of a check on the benchmark draft, to see where time goes.
func BenchmarkStockFind(b *testing.B) {
	s := &guide.Default().Stock
	for b.Loop() {
		s.Find(benchDraft)
	}
}

func BenchmarkJudgePredict(b *testing.B) {
	c := Default()
	m, err := c.judge.get()
	if err != nil {
		b.Fatal(err)
	}
	mi, err := c.ModelInput(Input{Draft: benchDraft, Audience: guide.AudienceClient, Stakes: guide.StakesHigh})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.Predict(mi)
	}
}

// TestStockSpansAgree: the checker finds the stock lines (through its cue
// index) exactly where the guide's own matcher does, on every message of
// the corpus and the documents.
func TestStockSpansAgree(t *testing.T) {
	corpusWide(t)
	cases, err := Cases(os.DirFS("../../evals/checker"), guide.Default())
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	g := guide.Default()
	n := 0
	for _, k := range cases {
		plain := plainQuotes.Replace(k.Text)
		want := g.Stock.Find(plain)
		tx := cue.NewText(plain, c.leads, new(cue.Scratch))
		var got [][2]int
		for _, h := range c.stock.Eval(tx, nil).Hits {
			if l := len(got); l > 0 && h.Start <= got[l-1][1] {
				got[l-1][1] = max(got[l-1][1], h.End)
				continue
			}
			got = append(got, [2]int{h.Start, h.End})
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the checker blanks %v, the guide finds %v in %q", k.ID, got, want, k.Text)
		}
		n += len(want)
	}
	t.Logf("%d stock lines in %d messages", n, len(cases))
}
