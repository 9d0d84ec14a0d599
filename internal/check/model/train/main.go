// Command train fits the checker's learned judge on the labelled corpus and
// writes the embedded model file: `make train` runs it. The same corpus
// gives byte-identical weights.
//
//	go run ./internal/check/model/train                 # cross-validate, calibrate, train, write
//	go run ./internal/check/model/train -search         # compare model families by writer-held-out CV
//	go run ./internal/check/model/train -report cv.md   # also write the CV report
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"strings"
	"time"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/check/model"
	"github.com/pushback/pushback/internal/corpus"
	"github.com/pushback/pushback/internal/guide"
)

func main() {
	corpusDir := flag.String("corpus", "evals/checker", "directory holding train/*.jsonl")
	out := flag.String("out", "internal/check/model/judge.model", "model file to write")
	report := flag.String("report", "", "write the cross-validation report (Markdown) here")
	search := flag.Bool("search", false, "compare feature sets and losses by writer-held-out cross-validation, write nothing")
	folds := flag.Int("folds", 8, "cross-validation folds (writers are held out together)")
	flag.Float64Var(&model.DefaultOptions.L2, "l2", model.DefaultOptions.L2, "L2 regularisation per update (to compare settings; make train uses the default)")
	flag.IntVar(&model.DefaultOptions.Epochs, "epochs", model.DefaultOptions.Epochs, "passes over the corpus (to compare settings; make train uses the default)")
	flag.Parse()
	if err := run(os.Stdout, *corpusDir, *out, *report, *search, *folds); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, dir, out, report string, search bool, folds int) error {
	start := time.Now()
	g := guide.Default()
	c := check.Default()
	cases, err := check.Cases(os.DirFS(dir), g)
	if err != nil {
		return err
	}
	exs, err := c.TrainingExamples(cases)
	if err != nil {
		return err
	}
	jcs, err := check.JabCases(os.DirFS(dir), g)
	if err != nil {
		return err
	}
	spans := check.JabExamples(jcs)
	slog.Info("corpus read", "examples", len(exs), "took", time.Since(start).Round(time.Millisecond))
	anti := check.AntiPatternIDs(g)
	if search {
		return searchConfigs(w, exs, spans, cases, anti, folds)
	}
	file, cv, err := model.Fit(exs, spans, model.DefaultConfig, model.DefaultOptions, anti, folds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, file, 0o644); err != nil {
		return err
	}
	slog.Info("model written", "path", out, "bytes", len(file), "took", time.Since(start).Round(time.Millisecond))
	if report != "" {
		var b bytes.Buffer
		cv.WriteMarkdown(&b)
		if err := os.WriteFile(report, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	cv.WriteMarkdown(os.Stderr)
	return nil
}

type variant struct {
	name string
	cfg  model.Config
	opt  model.Options
}

func searchConfigs(w io.Writer, exs, spans []model.Example, cases []corpus.Case, anti []string, folds int) error {
	base, opt := model.DefaultConfig, model.DefaultOptions
	words := model.Config{Bits: base.Bits, AuxBits: base.AuxBits, WordNGrams: 2}
	chars := words
	chars.CharNGrams = true
	noCues := base
	noCues.Cues = false
	noSit := base
	noSit.Situation = false
	tri := base
	tri.WordNGrams = 3
	hinge := opt
	hinge.Hinge = true
	noChars := base
	noChars.CharNGrams = false
	small := noChars
	small.Bits, small.AuxBits = 17, 14
	vs := []variant{
		{"logistic: word n-grams only", words, opt},
		{"logistic: word + character n-grams", chars, opt},
		{"logistic: all but the cue engine", noCues, opt},
		{"logistic: all but the situation", noSit, opt},
		{"logistic: all features", base, opt},
		{"logistic: all but character n-grams", noChars, opt},
		{"logistic: all but character n-grams, 2^17 / 2^14 buckets", small, opt},
		{"logistic: all, word trigrams", tri, opt},
		{"linear SVM (hinge): all features", base, hinge},
	}
	fmt.Fprintln(w, "| model | verdict accuracy | AUC | anti-pattern named | stance | level |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	if err := rulesBaseline(w, cases); err != nil {
		return err
	}
	if os.Getenv("FUSION") != "" {
		if err := fusionSearch(w, exs, spans, cases, anti, folds); err != nil {
			return err
		}
		if os.Getenv("FUSION") == "only" {
			return nil
		}
	}
	for _, v := range vs {
		oof, err := model.CrossValidate(exs, spans, v.cfg, v.opt, anti, folds)
		if err != nil {
			return err
		}
		platt := model.Platt(exs, oof)
		s := model.Score(exs, oof, platt, nil)
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |\n", v.name, s.Accuracy(), s.AUC, s.AntiAccuracy(),
			float64(s.StanceR)/float64(max(s.NStance, 1)), float64(s.LevelR)/float64(max(s.NLevel, 1)))
	}
	return nil
}

// rulesBaseline scores the cues' own verdict (the checker before the
// learned judge) on the same examples, for comparison.
func rulesBaseline(w io.Writer, cases []corpus.Case) error {
	c, err := check.NewWithModel(guide.Default(), nil)
	if err != nil {
		return err
	}
	var s model.Scores
	var pos, neg []float64
	for _, k := range cases {
		ex := model.Example{Good: k.IsGood(), AntiPattern: k.AntiPattern, Level: string(k.Level)}
		r, err := c.Check(check.Input{Draft: k.Text, Audience: k.Audience, Stakes: k.Stakes, Situation: k.Situation})
		if err != nil {
			return err
		}
		s.N++
		if r.Pass == ex.Good {
			s.Correct++
		}
		if ex.Good {
			pos = append(pos, float64(r.Score))
		} else {
			neg = append(neg, float64(r.Score))
		}
		if !ex.Good && ex.AntiPattern != "" {
			s.NAnti++
			for _, f := range r.Findings {
				if f.Kind == check.KindAntiPattern {
					if f.Rule == ex.AntiPattern {
						s.AntiRight++
					}
					break
				}
			}
		}
		if ex.Good && ex.Level != "" {
			s.NLevel++
			if string(r.Level) == ex.Level {
				s.LevelR++
			}
		}
	}
	s.AUC = model.AUC(pos, neg)
	fmt.Fprintf(w, "| the cues alone (no model; tuned on the legacy sets) | %.3f | %.3f | %.3f | - | %.3f |\n", s.Accuracy(), s.AUC, s.AntiAccuracy(),
		float64(s.LevelR)/float64(max(s.NLevel, 1)))
	return nil
}

// fusionSearch measures, on writer-held-out predictions of the default
// model, whether letting a cue's anti-pattern (an error the cue engine is
// sure of) overrule a pass the model is not sure of would help.
func fusionSearch(w io.Writer, exs, spans []model.Example, cases []corpus.Case, anti []string, folds int) error {
	oof, err := model.CrossValidate(exs, spans, model.DefaultConfig, model.DefaultOptions, anti, folds)
	if err != nil {
		return err
	}
	platt := model.Platt(exs, oof)
	c, err := check.NewWithModel(guide.Default(), nil)
	if err != nil {
		return err
	}
	cueAnti := map[string]bool{}           // by case id
	cueFound := map[string]check.CueAnti{} // by case id
	cueStance := map[string]string{}       // by case id
	for _, k := range cases {
		r, err := c.Check(check.Input{Draft: k.Text, Audience: k.Audience, Stakes: k.Stakes, Situation: k.Situation})
		if err != nil {
			return err
		}
		cueFound[k.ID] = check.CueAntiPatterns(r)
		cueStance[k.ID] = check.CueStance(r)
		for _, f := range r.Findings {
			if f.Kind == check.KindAntiPattern && f.Severity == check.SeverityError && !strings.HasPrefix(f.Message, "Leans") {
				cueAnti[k.ID] = true
			}
		}
	}
	for _, tau := range []float64{0.5, 0.6, 0.7, 0.8, 0.9} {
		correct := 0
		n := 0
		for i, ex := range exs {
			if ex.Augmented { // copies without stakes and audience are trained on, never scored
				continue
			}
			n++
			p := 1 / (1 + math.Exp(-(platt[0]*oof[i].Margin + platt[1])))
			pass := p >= 0.5 && !(cueAnti[ex.ID] && p < tau)
			if pass == ex.Good {
				correct++
			}
		}
		fmt.Fprintf(w, "| fusion: a cue's anti-pattern fails a pass below p=%.1f | %.3f | - | - | - | - |\n", tau, float64(correct)/float64(n))
	}
	// Which anti-pattern a failing draft is named for: the judge's first,
	// or one the cues found in its words when the judge is less sure of
	// its own than w (check.CueWordsWin; 0 is the judge's whenever it is
	// at least 25% sure). Over the labelled failing drafts.
	for _, below := range []float64{0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01} {
		n, right, differ := 0, 0, 0
		for i, ex := range exs {
			if ex.Good || ex.AntiPattern == "" || ex.Augmented {
				continue
			}
			n++
			named := check.FuseAntiPattern(oof[i].Anti, oof[i].AntiP, cueFound[ex.ID], below)
			if named == ex.AntiPattern {
				right++
			}
			if named != check.FuseAntiPattern(oof[i].Anti, oof[i].AntiP, cueFound[ex.ID], 0) {
				differ++
			}
		}
		fmt.Fprintf(w, "| fusion: the cues' anti-pattern in words names it below judge p=%.2f | - | - | %.3f (%d/%d; %d changed) | - | - |\n", below, float64(right)/float64(n), right, n, differ)
	}
	// The stance of a passing draft: the judge's alone, or fused with the
	// cues' let_it_go and disagree_and_commit (check.FuseStance). Over
	// the labelled passing drafts.
	{
		n, alone, fused, changed := 0, 0, 0, 0
		for i, ex := range exs {
			if !ex.Good || ex.Stance == "" || ex.Augmented {
				continue
			}
			n++
			f := check.FuseStance(oof[i].Stance, cueStance[ex.ID])
			if oof[i].Stance == ex.Stance {
				alone++
			}
			if f == ex.Stance {
				fused++
			}
			if f != oof[i].Stance {
				changed++
			}
		}
		fmt.Fprintf(w, "| stance: the judge's alone | - | - | - | %.3f (%d/%d) | - |\n", float64(alone)/float64(max(n, 1)), alone, n)
		fmt.Fprintf(w, "| stance: the cues' let_it_go or disagree_and_commit over the judge's pushback | - | - | - | %.3f (%d/%d; %d changed) | - |\n", float64(fused)/float64(max(n, 1)), fused, n, changed)
	}
	// The level a passing draft reads at, kept only when the judge is at
	// least this sure: how often it is the labelled level, and how many
	// keep one (check.MinLevelP).
	for _, t := range []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9} {
		n, kept, right := 0, 0, 0
		for i, ex := range exs {
			if !ex.Good || ex.Level == "" || ex.Augmented {
				continue
			}
			n++
			if oof[i].LevelP < t {
				continue
			}
			kept++
			if oof[i].Level == ex.Level {
				right++
			}
		}
		fmt.Fprintf(w, "| level reported only when p >= %.1f | - | - | - | - | %.3f of %d kept (of %d) |\n", t, float64(right)/float64(max(kept, 1)), kept, n)
	}
	return nil
}
