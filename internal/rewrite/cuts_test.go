package rewrite

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/cut"
	"github.com/pushback/pushback/internal/guide"
)

// TestCutModelFresh retrains the trim's cut model from the readers' marks
// under evals/checker and compares the bytes with the embedded model: the
// embedded weights are what `make train` writes from the marks as they are
// now. It runs once, without the race detector (make unit-serial).
func TestCutModelFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the cut model")
	}
	rows, err := CutCorpus(os.DirFS("../../evals/checker"), guide.Default())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cut.Prepare(rows)); n < 30000 {
		t.Fatalf("%d training rows, want the marks of every round (30,000 or more)", n)
	}
	m, err := cut.Default()
	if err != nil {
		t.Fatal(err)
	}
	if sum := fmt.Sprintf("%x", cut.Corpus(rows)); m.Corpus != sum {
		t.Fatalf("the embedded cut model is stale: trained on marks %.12s, the marks are now %.12s; run make train", m.Corpus, sum)
	}
	if !bytes.Equal(cut.Train(rows, cut.DefaultOptions), embeddedCutModel(t)) {
		t.Fatal("retraining on the same marks gives other bytes than the embedded cut model; run make train")
	}
}

func embeddedCutModel(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../cut/cut.model")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// CutRows labels each clause by the quotes in it: a clause mostly quoted
// is cut, one untouched is plain, and a clause with a quoted tail gives
// the tail as cut and the rest as plain (round 92's question).
func TestCutRows(t *testing.T) {
	draft := "Thanks for circulating the rubric. And is there a plan for moderating across the five classes, or are we just assuming the rubric will sort that out on its own? Honestly cannot believe I have to explain this."
	rows := CutRows([]corpus.Case{{
		ID:   "jab-bw06",
		Text: draft,
		Jabs: []string{"or are we just assuming the rubric will sort that out on its own?", "Honestly cannot believe I have to explain this."},
	}})
	want := []cut.Row{
		{Text: "Thanks for circulating the rubric."},
		{Text: "or are we just assuming the rubric will sort that out on its own?", Cut: true},
		{Text: "And is there a plan for moderating across the five classes,"},
		{Text: "Honestly cannot believe I have to explain this.", Cut: true},
	}
	for _, w := range want {
		if !slices.Contains(rows, w) {
			t.Errorf("no row %+v in %+v", w, rows)
		}
	}
	for _, r := range rows {
		if r.Cut && r.Text == "And is there a plan for moderating across the five classes, or are we just assuming the rubric will sort that out on its own?" {
			t.Errorf("the whole question is labelled cut: %+v", r)
		}
	}
}
