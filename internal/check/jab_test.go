package check

import (
	"os"
	"testing"

	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/guide"
)

// TestJabHeadHeldOut: the judge's sentence head, trained without a writer
// of blunt pairs, ranks that writer's jab sentences above its plain ones
// (writer-held-out AUC at least 0.8; 0.87-0.89 when measured).
func TestJabHeadHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the jab head three times")
	}
	g := guide.Default()
	cases, err := Cases(os.DirFS(corpusDir), g)
	if err != nil {
		t.Fatal(err)
	}
	base, err := NewWithModel(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	exs, err := base.TrainingExamples(cases)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"w44", "w46", "w48"} {
		var train, test []model.Example
		for _, ex := range exs {
			if ex.Writer == w {
				test = append(test, ex)
			} else {
				train = append(train, ex)
			}
		}
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
