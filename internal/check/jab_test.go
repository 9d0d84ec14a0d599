package check

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/draft"
	"github.com/pushback/pushback/internal/guide"
)

// corpusExamples is the training corpus as the model reads it, with the
// cues alone (no judge: its features do not depend on a trained model).
func corpusExamples(t *testing.T) []model.Example {
	t.Helper()
	cs, err := corpusCases()
	if err != nil {
		t.Fatal(err)
	}
	base, err := NewWithModel(guide.Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	exs, err := base.TrainingExamples(cs)
	if err != nil {
		t.Fatal(err)
	}
	return exs
}

// TestJabHeadHeldOut: the judge's sentence head, trained without a writer
// of blunt pairs, ranks that writer's jab sentences above its plain ones
// (writer-held-out AUC at least 0.8; 0.87-0.89 when measured).
func TestJabHeadHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the jab head three times")
	}
	exs := corpusExamples(t)
	for _, w := range []string{"w44", "w46", "w48"} {
		test, train := heldOut(exs, w, func(ex model.Example) string { return ex.Writer })
		jab, plain := model.JabHeldOut(train, test, model.DefaultConfig, model.DefaultOptions)
		if len(jab) < 30 || len(plain) < 30 {
			t.Fatalf("%s: %d jab and %d plain sentences, want 30 of each", w, len(jab), len(plain))
		}
		if auc := model.AUC(jab, plain); auc < 0.8 {
			t.Errorf("%s held out: jab AUC %.3f, want >= 0.8", w, auc)
		} else {
			t.Logf("%s held out: jab AUC %.3f (%d jab, %d plain)", w, auc, len(jab), len(plain))
		}
	}
}

// clauseUnits are the clauses of k's text (the segmenter's, as the rewrite
// cuts them), each labelled a jab when a quoted jab covers at least half
// of its characters.
func clauseUnits(k corpus.Case) (texts []string, jab []bool) {
	marked := make([]bool, len(k.Text))
	for _, q := range k.Jabs {
		for from := 0; ; {
			i := strings.Index(k.Text[from:], q)
			if i < 0 {
				break
			}
			for j := from + i; j < from+i+len(q); j++ {
				marked[j] = true
			}
			from += i + 1
		}
	}
	for _, s := range draft.Split(k.Text) {
		for _, c := range s.Clauses {
			n, m := 0, 0
			for j := c.Start; j < c.End; j++ {
				if k.Text[j] != ' ' {
					n++
					if marked[j] {
						m++
					}
				}
			}
			if n > 0 {
				texts, jab = append(texts, k.Text[c.Start:c.End]), append(jab, 2*m >= n)
			}
		}
	}
	return texts, jab
}

// clauseScores scores the clauses of ks with head: those readers would
// cut (jab) and the rest (plain).
func clauseScores(head func(string) (float64, bool), ks []corpus.Case) (jab, plain []float64) {
	for _, k := range ks {
		texts, isJab := clauseUnits(k)
		for i, tx := range texts {
			z, ok := head(tx)
			if !ok {
				z = math.Inf(-1)
			}
			if isJab[i] {
				jab = append(jab, z)
			} else {
				plain = append(plain, z)
			}
		}
	}
	return jab, plain
}

// TestJabSpansHeldOut: the sentence head, trained on the corpus and the
// span-labelled drafts of every writer but one, ranks the clauses two
// readers would cut from that writer's drafts above the rest. Over the
// fifty-five writers' held-out clauses the AUC is 0.828 (floor 0.8; 0.824
// over forty-nine, 0.819 over the first twenty-three). At first sight, on drafts written and
// marked after it was trained, the head scored 0.759 (writers eight and
// nine; 0.701 for the blunt pairs alone), then 0.776 (ten and eleven),
// 0.781 (twelve), 0.854 (thirteen), 0.808 (eighteen and nineteen) and
// 0.805 (twenty-four to twenty-seven), before each joined training. Since
// stop 23 the first-sight set (evals/checker/jabs-firstsight, out of
// training) is rounds 50-55, marked by the readers of the rewrite's blind
// rounds (the draft arm's blunt phrases): the head trained through round
// 23 scored it 0.768, the head trained through round 49 0.797. Since stop
// 24 rounds 50-55 are training data and the first-sight set is rounds
// 56-62: 0.822 for the head trained through round 49, 0.827 through 55.
// Since stop 25 it also holds rounds 69-82 (the landed head: 0.740 on
// 69-74, 0.749 on 75-76, 0.814 on 77-80, 0.806 on 81-82; 0.790 over 56-62
// and 69-82), and since stop 26 rounds 83-90 (0.801 on 83-86, 0.768 on
// 87-90, 0.615 on 91-92, drafts written near the line, 0.761 on 93-96;
// 0.781 over all); a
// head with shape features and 4,800 corpus messages marked by blind
// readers scored 0.828 and 0.866 on 75-76 and 77-80 but was not landed
// (its verdict was right on fewer drafts; evals/checker/README.md).
func TestJabSpansHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the jab head once per writer")
	}
	corpusWide(t)
	g := guide.Default()
	exs := corpusExamples(t)
	jcs, err := JabCases(os.DirFS(corpusDir), g)
	if err != nil {
		t.Fatal(err)
	}
	var writers []string
	for _, k := range jcs {
		if !slices.Contains(writers, k.Writer) {
			writers = append(writers, k.Writer)
		}
	}
	if len(writers) < 5 {
		t.Fatalf("span-labelled drafts from %d writers, want 5 or more", len(writers))
	}
	// One head per held-out writer, its clauses scored together.
	var pos, neg []float64
	for _, w := range writers {
		test, train := heldOut(jcs, w, func(k corpus.Case) string { return k.Writer })
		jab, plain := clauseScores(model.JabHead(exs, JabExamples(train), model.DefaultConfig, model.DefaultOptions), test)
		pos, neg = append(pos, jab...), append(neg, plain...)
	}
	if auc := model.AUC(pos, neg); auc < 0.8 {
		t.Errorf("writer-held-out clause AUC %.3f (%d jab, %d plain clauses), want >= 0.8", auc, len(pos), len(neg))
	} else {
		t.Logf("writer-held-out clause AUC %.3f (%d jab, %d plain clauses)", auc, len(pos), len(neg))
	}
	// The first-sight set: drafts written and marked after the shipped
	// head was trained, kept out of its training (0.805 when scored once).
	fs, err := corpus.ReadDir(os.DirFS(corpusDir), JabFirstSightDir, g)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Default()
	if err != nil {
		t.Fatal(err)
	}
	jab, plain := clauseScores(m.JabScore, fs)
	if auc := model.AUC(jab, plain); auc < 0.75 {
		t.Errorf("first-sight drafts: the shipped head's clause AUC %.3f (%d jab, %d plain), want >= 0.75", auc, len(jab), len(plain))
	} else {
		t.Logf("first-sight drafts: the shipped head's clause AUC %.3f (%d jab, %d plain)", auc, len(jab), len(plain))
	}
}

// heldOut splits xs into writer w's items and the rest.
func heldOut[T any](xs []T, w string, writer func(T) string) (test, train []T) {
	for _, x := range xs {
		if writer(x) == w {
			test = append(test, x)
		} else {
			train = append(train, x)
		}
	}
	return test, train
}
