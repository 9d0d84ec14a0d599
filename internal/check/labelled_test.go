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
}{
	// 150 messages each, by writers who saw only the documents and
	// RUBRIC.md, written after training; a second blind reader agreed with
	// every writer's good/bad label (150/150 in each set).
	"fsA": {"scored once at a522623: verdict 1.000 (150/150), AUC 1.000, anti-pattern 0.947 (71/75); the cue checker at session start (53e169e): 0.767, AUC 0.830, 0.387", 0.95, 0.85},
	// fsC: 120 messages (30 blunt: a jab in a useful message), written
	// while the blunt writers wrote; scored once with the judge trained on
	// them (the corpus of 1711555, before the sentence head), then used to
	// keep the sentence head: development data since.
	"fsC": {"scored once with the corpus of 1711555 (make train there): verdict 0.867 (104/120), AUC 0.951; the judge before (6cc3f97): 0.800, AUC 0.907", 0.84, 0.55},
	// drafts6366: the same, rounds 63-66 (four more writers; 90 of 96
	// agreed), scored once with the judge as landed at stop 24.
	"drafts6366": {"scored once at 664da4b: verdict 0.778 (70/90), AUC 0.889; stop 23's judge (afe24ee): 0.644 (58/90), AUC 0.761; once more with the drafts of rounds 56-62 in training: 0.811 (73/90), AUC 0.891", 0.75, 0},
	// drafts6768: the same, rounds 67-68 (40 of 48 agreed), scored once
	// with the judge before and after the drafts of rounds 56-62 joined
	// training.
	"drafts6768": {"scored once: 0.775 (31/40), AUC 0.866 at 7eefced; 0.725 (29/40), AUC 0.875 with the drafts of rounds 56-62 in training (landed: 63-68 together 102/130 against 101/130)", 0.65, 0},
	// drafts6974, drafts7576, drafts7780: the untouched drafts of rewrite
	// rounds 69-80 (twelve more writers, stop 25), labelled by each round's
	// two blind readers by the same rule (287 of 288 agreed), scored once
	// with the landed judge (06e85f7), never trained on. Three judges
	// trained with them and this stop's other data were each scored once
	// against it and none was right on as many (see evals/checker/README.md).
	"drafts6974": {"scored once at 06e85f7: verdict 0.923 (132/143), AUC 0.978; C2 (the readers' drafts weighed 8 times): 0.902 (129/143)", 0.88, 0},
	"drafts7576": {"scored once at 06e85f7: verdict 0.917 (44/48), AUC 0.968; C3 (sentence-head shape, corpus marks, pairs, drafts 63-74): 0.875 (42/48), AUC 0.971", 0.85, 0},
	"drafts7780": {"scored once at 06e85f7: verdict 0.927 (89/96), AUC 0.984; C4 (C3 with drafts 75-76): 0.917 (88/96), AUC 0.969", 0.88, 0},
	// drafts8182: rounds 81-82 (two more writers, 48 of 48 agreed), the
	// same rule, scored once with the landed judge after the three above.
	"drafts8182": {"scored once at 06e85f7's judge (unchanged at 9c452fe): verdict 0.979 (47/48), AUC 0.986", 0.9, 0},
	// drafts8386: rounds 83-86 (four more writers, stop 26; 96 of 96
	// agreed), the same rule, scored once with the landed judge and once
	// with C5 (the drafts of rounds 63-82 in training), pre-registered:
	// C5 was right on one more but failed TestLettingGo (a plain yes at
	// high stakes passed at 54), so it did not land.
	"drafts8386": {"scored once at 7d51625 (06e85f7's judge): verdict 0.948 (91/96), AUC 0.974; C5: 0.958 (92/96), AUC 0.978, not landed", 0.9, 0},
	// drafts8790: rounds 87-90 (four more writers, 94 of 96 agreed), the
	// same rule, scored once with the landed judge; no candidate.
	"drafts8790": {"scored once at 12b4669 (06e85f7's judge): verdict 0.936 (88/94), AUC 0.971", 0.88, 0},
	// drafts9192: rounds 91-92, two writers briefed for drafts near the
	// line (12 probably fine but not obviously, 12 probably not but
	// polished); the readers still agreed on all 48. Scored once with the
	// landed judge; no candidate.
	"drafts9192": {"scored once at aa865cb (06e85f7's judge): verdict 0.875 (42/48), AUC 0.908", 0.8, 0},
	// drafts9396: rounds 93-96 (four more writers, the standard brief; 96
	// of 96 agreed), scored once with the landed judge; no candidate.
	"drafts9396": {"scored once at 93783d5 (06e85f7's judge): verdict 0.938 (90/96), AUC 0.990", 0.88, 0},
	// drafts97100, drafts101102: rounds 97-100 (four more writers, the
	// standard brief; 96 of 96 agreed) and 101-102 (two writers briefed
	// for drafts near the line; 47 of 48 agreed), stop 27, the same rule,
	// scored once with the landed judge and with C7 (the drafts of rounds
	// 63-96 in training), pre-registered: C7 was right on one more of the
	// 143 but failed the suite (the trim's jab cuts moved), so it did not
	// land (evals/checker/README.md).
	"drafts97100":  {"scored once at 5f0185d (06e85f7's judge): verdict 0.906 (87/96), AUC 0.971; C7 0.906 (87/96), AUC 0.969, not landed", 0.86, 0},
	"drafts101102": {"scored once at 5f0185d (06e85f7's judge): verdict 0.809 (38/47), AUC 0.872; C7 0.830 (39/47), AUC 0.906, not landed", 0.76, 0},
	// drafts103106: rounds 103-106 (four more writers, the standard
	// brief; 96 of 96 agreed), read after this stop's judge and trim were
	// settled. J (the landed judge, failing every draft in which the
	// rewrite's clause classifier reads blame, an insult, venting or a
	// rhetorical question) was pre-registered as a measurement.
	"drafts103106": {"scored once at cf14331 (06e85f7's judge): verdict 0.917 (88/96), AUC 0.963; J 0.927 (89/96), AUC 0.974; C7 0.927 (89/96)", 0.87, 0},
	// drafts107110: rounds 107-110 (four more writers, the standard
	// brief; 96 of 96 agreed), scored once with the landed judge and
	// with J' (a line the rewrite leaves out as a jab fails a draft the
	// judge passes; jab.go), pre-registered: J' was right on two more,
	// and landed.
	"drafts107110": {"scored once at e5e46af: J' 0.927 (89/96), AUC 0.958; the judge without the jab line (06e85f7's) 0.906 (87/96), AUC 0.946", 0.88, 0},
	// drafts111114: rounds 111-114 (four more writers, the standard
	// brief; 95 of 96 agreed), read last, the second first-sight test of
	// the jab line, pre-registered: it changed no draft's verdict.
	"drafts111114": {"scored once at c9f6238: verdict 0.958 (91/95), AUC 0.981; the judge without the jab line the same", 0.9, 0},
	// drafts115118: rounds 115-118 (four more writers, the standard
	// brief; 96 of 96 agreed), read after this stop's trim was settled:
	// the third first-sight test of the jab line (right on 3 more).
	"drafts115118": {"scored once at 7de51d2: J' 0.927 (89/96), AUC 0.973; the judge without the jab line 0.896 (86/96), AUC 0.969", 0.88, 0},
	// drafts119122: rounds 119-122 (four more writers, the standard
	// brief; 96 of 96 agreed), read last at stop 28, the jab line with
	// the cues of rounds 115-118 pre-registered to stay if right on as
	// many as without them (it was: the same on every draft).
	"drafts119122": {"scored once at cb745dd: verdict 0.938 (90/96), AUC 0.973; 7de51d2 the same; the judge without the jab line 0.927 (89/96), AUC 0.969", 0.89, 0},
	// drafts123126: rounds 123-126 (four more writers, the standard
	// brief; 94 of 96 agreed), read last at stop 28.
	"drafts123126": {"scored once at aa5f3be: verdict 0.968 (91/94), AUC 0.993; cb745dd and the judge without the jab line the same", 0.92, 0},
	// drafts127130: rounds 127-130 (four more writers, the standard
	// brief; 95 of 96 agreed), read last at stop 28, with the jab cues
	// learned from the blunt lines readers quoted in rounds 115-126.
	"drafts127130": {"scored once at 0e284b9: verdict 0.937 (89/95), AUC 0.985; aa5f3be the same; the judge without the jab line 0.916 (87/95), AUC 0.969", 0.89, 0},
	// drafts131134: rounds 131-134 (four more writers, the standard
	// brief; 96 of 96 agreed), stop 29, read with the trim's cut model;
	// scored once with the landed judge, measured only.
	"drafts131134": {"scored once at e92eb90 (563e300's judge): verdict 0.927 (89/96), AUC 0.992; the judge without the jab line 0.917 (88/96), AUC 0.992", 0.89, 0},
	// drafts135138: rounds 135-138 (four more writers, the standard
	// brief; 95 of 96 agreed), read last at stop 29, measured only.
	"drafts135138": {"scored once at b98702a (the retrained judge of 73d0969): verdict 0.926 (88/95), AUC 0.978; 563e300's judge and the judge without the jab line the same", 0.88, 0},
	// drafts139142: rounds 139-142 (four more writers, the standard
	// brief; 95 of 96 agreed), stop 30, measured only.
	"drafts139142": {"scored once at db0fd54 (the judge of 73d0969): verdict 0.926 (88/95), AUC 0.975", 0.88, 0},
	// drafts143146: rounds 143-146 (four more writers, the standard
	// brief; 95 of 96 agreed), stop 31, measured only. Seven of the eight
	// misses are drafts the readers would not send that the judge passes
	// at 64-100: most leave out what the situation names.
	"drafts143146": {"scored once at ce0f82e (the judge of 73d0969): verdict 0.916 (87/95), AUC 0.975", 0.87, 0},
	// drafts147150: rounds 147-150 (four more writers, the standard
	// brief; 96 of 96 agreed), stop 31, measured only.
	"drafts147150": {"scored once at 4bc89b0 (the judge of 73d0969): verdict 0.927 (89/96), AUC 0.974", 0.88, 0},
	// drafts151154, drafts155158: rounds 151-158 (eight more writers,
	// the standard brief; 96 of 96 agreed in each), stop 32, measured
	// with the landed judge. A judge trained with the reader-agreed drafts
	// of rounds 63-150 as verdict-only rows (C8) was scored beside it,
	// pre-registered, and was right on three more drafts of each (0.958
	// and 0.948) but did not pass the suite, so it did not land
	// (evals/checker/README.md, "Tried at stop 32").
	"drafts151154": {"scored once at 08dd445 (the judge of 73d0969): verdict 0.927 (89/96), AUC 0.984", 0.88, 0},
	"drafts155158": {"scored once at 08dd445 (the judge of 73d0969): verdict 0.917 (88/96), AUC 0.972", 0.87, 0},
	// drafts159162: rounds 159-162 (four more writers; 95 of 96 agreed),
	// read last at stop 32, measured only.
	"drafts159162": {"scored once at 08dd445 (the judge of 73d0969): verdict 0.979 (93/95), AUC 0.994", 0.93, 0},
	// drafts163166: rounds 163-166 (four more writers; 96 of 96
	// agreed), stop 32, measured only (C8 0.948, AUC 0.994).
	"drafts163166": {"scored once at 4b49759 (the judge of 73d0969): verdict 0.927 (89/96), AUC 0.982", 0.88, 0},
	// drafts167170: rounds 167-170 (four more writers; 96 of 96
	// agreed), read last at stop 32, measured only (C8 the same, AUC
	// 0.984).
	"drafts167170": {"scored once at f9e72d7 (the judge of 73d0969): verdict 0.948 (91/96), AUC 0.978", 0.9, 0},
	// drafts171174: rounds 171-174 (four more writers; 96 of 96
	// agreed), read last at stop 32, after the lecture cues (learned from
	// the quotes of rounds 151-170) joined the jab line; they changed no
	// verdict here (C8 0.958, AUC 0.992).
	"drafts171174": {"scored once at 9383d6e (the judge of 73d0969) and with the lecture cues: verdict 0.938 (90/96), AUC 0.992 both", 0.89, 0},
	// drafts175178: rounds 175-178 (four more writers; 96 of 96
	// agreed), read last at stop 32, measured only (C8 0.948, AUC 0.961).
	"drafts175178": {"scored once at a3f38e4 (the judge of 73d0969): verdict 0.938 (90/96), AUC 0.958", 0.89, 0},
	// drafts179182: rounds 179-182 (four more writers; 96 of 96
	// agreed), stop 33, measured only (C8b 0.958, AUC 0.972).
	"drafts179182": {"scored once at 059f796 (the judge of 73d0969): verdict 0.948 (91/96), AUC 0.968", 0.89, 0},
	// drafts183186: rounds 183-186 (four more writers; 96 of 96
	// agreed), read last at stop 33, measured only (C8b 0.958, AUC 0.984).
	"drafts183186": {"scored once at 1cf6015 (the judge of 73d0969): verdict 0.958 (92/96), AUC 0.984", 0.89, 0},
	// drafts187190, drafts191194: rounds 187-194 (eight more writers;
	// 96 of 96 agreed in each), stop 34, measured only.
	"drafts187190": {"scored once at f8c42fc (the judge of 73d0969): verdict 0.906 (87/96), AUC 0.965", 0.85, 0},
	"drafts191194": {"scored once at f8c42fc (the judge of 73d0969): verdict 0.927 (89/96), AUC 0.973", 0.87, 0},
	// fsD, fsE: 120 messages each (stop 29), written by two more writers
	// with the labelled-set brief (stock-wrapped 24, short natural 38,
	// critical firmness 18, letting go 18, the situation's gap 12, other
	// 10), two blind readers each agreeing with every label (120/120),
	// scored once with the landed judge (this stop changes no verdict).
	// Of the 18 misses, 17 are good messages failed: short let-it-go
	// replies read as passive-aggressive, "Postgres it is" as the endless
	// debate.
	"fsD": {"scored once at e92eb90 (563e300's judge): verdict 0.925 (111/120), AUC 0.998, anti-pattern 0.868 (46/53); stock-wrapped bad failing 20/20, short natural good passing 27/30; the judge without the jab line 0.942 (113/120)", 0.88, 0.75},
	"fsE": {"scored once at e92eb90 (563e300's judge): verdict 0.925 (111/120), AUC 0.993, anti-pattern 0.750 (39/52); stock-wrapped bad failing 20/20, short natural good passing 25/30; the judge without the jab line the same", 0.88, 0.65},
	// fsF, fsG: 120 messages each by two more writers, the same brief
	// (two blind readers each agreeing with all 240 labels), written after
	// the cue changes made from fsD, fsE and rounds 131-134, and scored
	// once with the landed judge (O) and the candidate (N: the commits and
	// goes_along cues, retrained), pre-registered: N lands if right on at
	// least as many and passing as many short natural good replies. It
	// was (229 and 56 against 228 and 56), and landed.
	"fsF": {"scored once: N 0.975 (117/120), AUC 0.999, anti-pattern 0.712 (37/52), stock-wrapped bad failing 19/20, short natural good passing 29/30; O (563e300's judge) 0.967 (116/120), AUC 0.999, anti-pattern 0.712, 19/20, 29/30", 0.92, 0.65},
	"fsG": {"scored once: N 0.933 (112/120), AUC 0.995, anti-pattern 0.774 (41/53), stock-wrapped bad failing 20/20, short natural good passing 27/30; O the same", 0.88, 0.7},
	"fsB": {"scored once at a522623: verdict 0.993 (149/150), AUC 0.999, anti-pattern 0.973 (73/75); the cue checker at session start (53e169e): 0.787, AUC 0.853, 0.400", 0.95, 0.85},
}

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
