package model

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// OOF is one example's out-of-fold prediction: made by a model that never
// saw any message by the example's writer.
type OOF struct {
	Margin float64
	Anti   string  // argmax of the anti-pattern head
	AntiP  float64 // its probability
	Stance string
	Level  string
	LevelP float64 // the level's probability
}

// CrossValidate trains on all writers but a fold's and predicts that
// fold, for every fold: writer-held-out predictions for every example.
// spans (the sentence head's own drafts) train every fold.
func CrossValidate(exs, spans []Example, cfg Config, opt Options, antiClasses []string, folds int) ([]OOF, error) {
	writers := map[string]bool{}
	for _, ex := range exs {
		writers[ex.Writer] = true
	}
	ws := make([]string, 0, len(writers))
	for w := range writers {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	if len(ws) < folds {
		return nil, fmt.Errorf("cross-validate: %d writers for %d folds", len(ws), folds)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 7))
	rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
	fold := map[string]int{}
	for i, w := range ws {
		fold[w] = i % folds
	}
	out := make([]OOF, len(exs))
	for f := 0; f < folds; f++ {
		var train []Example
		var test []int
		for i, ex := range exs {
			switch {
			case fold[ex.Writer] != f:
				train = append(train, ex)
			case !ex.Augmented:
				test = append(test, i)
			}
		}
		t, err := Train(train, spans, cfg, opt, antiClasses, [2]float64{1, 0}, "")
		if err != nil {
			return nil, fmt.Errorf("cross-validate fold %d: %w", f, err)
		}
		for _, i := range test {
			p := t.Model.Predict(exs[i].Input)
			out[i] = OOF{Margin: p.Margin, Anti: top(p.AntiPattern), AntiP: topP(p.AntiPattern), Stance: top(p.Stance), Level: top(p.Level), LevelP: topP(p.Level)}
		}
	}
	return out, nil
}

func topP(ps []Prob) float64 {
	if len(ps) == 0 {
		return 0
	}
	return ps[0].P
}

func top(ps []Prob) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].Class
}

// Platt fits P(good) = sigmoid(a*margin + b) to out-of-fold margins by
// Newton's method on the log loss (with Platt's target smoothing).
func Platt(exs []Example, oof []OOF) [2]float64 {
	npos, nneg := 0.0, 0.0
	for _, ex := range exs {
		if ex.Augmented {
			continue
		}
		if ex.Good {
			npos++
		} else {
			nneg++
		}
	}
	hi, lo := (npos+1)/(npos+2), 1/(nneg+2)
	a, b := 1.0, 0.0
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, ex := range exs {
			if ex.Augmented {
				continue
			}
			t := lo
			if ex.Good {
				t = hi
			}
			z := oof[i].Margin
			p := sigmoid(a*z + b)
			d := p - t
			ga += d * z
			gb += d
			w := max(p*(1-p), 1e-12)
			haa += w * z * z
			hab += w * z
			hbb += w
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det == 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a, b = a-da, b-db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	return [2]float64{a, b}
}

// Scores summarises predictions against labels.
type Scores struct {
	N, Correct       int
	AUC              float64
	NAnti, AntiRight int
	NStance, StanceR int
	NLevel, LevelR   int
}

// Accuracy is the verdict accuracy.
func (s Scores) Accuracy() float64 { return ratio(s.Correct, s.N) }

// AntiAccuracy is the share of bad examples with a named anti-pattern
// whose anti-pattern the model named first.
func (s Scores) AntiAccuracy() float64 { return ratio(s.AntiRight, s.NAnti) }

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// Score computes Scores for the examples selected by keep, predicting good
// when sigmoid(a*margin+b) >= 0.5.
func Score(exs []Example, oof []OOF, platt [2]float64, keep func(Example) bool) Scores {
	var s Scores
	var pos, neg []float64
	for i, ex := range exs {
		if ex.Augmented || keep != nil && !keep(ex) {
			continue
		}
		o := oof[i]
		good := sigmoid(platt[0]*o.Margin+platt[1]) >= 0.5
		s.N++
		if good == ex.Good {
			s.Correct++
		}
		if ex.Good {
			pos = append(pos, o.Margin)
		} else {
			neg = append(neg, o.Margin)
		}
		if !ex.Good && ex.AntiPattern != "" {
			s.NAnti++
			if o.Anti == ex.AntiPattern {
				s.AntiRight++
			}
		}
		if ex.Good && ex.Stance != "" {
			s.NStance++
			if o.Stance == ex.Stance {
				s.StanceR++
			}
		}
		if ex.Good && ex.Level != "" {
			s.NLevel++
			if o.Level == ex.Level {
				s.LevelR++
			}
		}
	}
	s.AUC = AUC(pos, neg)
	return s
}

// AUC is the probability that a random positive scores above a random
// negative (ties count half).
func AUC(pos, neg []float64) float64 {
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	type sc struct {
		v   float64
		pos bool
	}
	all := make([]sc, 0, len(pos)+len(neg))
	for _, v := range pos {
		all = append(all, sc{v, true})
	}
	for _, v := range neg {
		all = append(all, sc{v, false})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v < all[j].v })
	// Rank-sum with ties averaged.
	rankSum := 0.0
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		r := float64(i+j+1) / 2 // average 1-based rank
		for k := i; k < j; k++ {
			if all[k].pos {
				rankSum += r
			}
		}
		i = j
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// LengthBucket names an example's length group.
func LengthBucket(words int) string {
	switch {
	case words < 60:
		return "short (<60 words)"
	case words < 150:
		return "medium (60-149)"
	}
	return "long (150+)"
}

// WriteReport writes a Markdown report of out-of-fold scores: overall, by
// family, by length and by anti-pattern.
func WriteReport(w io.Writer, exs []Example, oof []OOF, platt [2]float64) {
	row := func(name string, s Scores) {
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %s |\n", name, s.N, s.Accuracy(), s.AUC, pct(s.AntiRight, s.NAnti))
	}
	fmt.Fprintln(w, "| group | n | verdict accuracy | AUC | anti-pattern named |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	all := Score(exs, oof, platt, nil)
	row("all", all)
	groups := func(key func(Example) string) {
		seen := map[string]bool{}
		var keys []string
		for _, ex := range exs {
			if ex.Augmented {
				continue
			}
			if k := key(ex); !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			row(k, Score(exs, oof, platt, func(ex Example) bool { return key(ex) == k }))
		}
	}
	groups(func(ex Example) string { return "family: " + orNone(ex.Family) })
	groups(func(ex Example) string { return "length: " + LengthBucket(ex.Words) })
	groups(func(ex Example) string {
		if ex.Good {
			return "good: " + orNone(ex.Stance)
		}
		return "bad: " + orNone(ex.AntiPattern)
	})
	fmt.Fprintf(w, "\nStance of good messages named right: %s. Level of good messages read right: %s.\n",
		pct(all.StanceR, all.NStance), pct(all.LevelR, all.NLevel))
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f (%d/%d)", float64(a)/float64(b), a, b)
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	return s
}
