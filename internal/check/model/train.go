package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// Example is one labelled input for training.
type Example struct {
	ID          string
	Writer      string
	Family      string
	Input       Input
	Good        bool
	AntiPattern string // bad examples: the anti-pattern, or ""
	Stance      string // good examples: the stance, or ""
	Level       string // the level it reads at, or ""
	Words       int    // length of the draft in words, for reports
	// Augmented marks a copy made for training only (the same message with
	// its stakes and audience left out, as users often leave them): it is
	// trained on, never scored.
	Augmented bool
	// Jabs: the phrases a reader would cut from the draft (quoted from it),
	// for the sentence head; set on the span-labelled drafts, which train
	// that head only (see jab.go).
	Jabs []string
}

// Options are the training settings besides the feature config.
type Options struct {
	Epochs int     // passes over the data
	Rate   float64 // AdaGrad learning rate
	L2     float64 // regularisation per update (the verdict head)
	AuxL2  float64 // the other heads' regularisation; 0 means L2
	Seed   uint64  // shuffling; the same seed and data give the same weights
	Hinge  bool    // verdict head: hinge loss (a linear SVM) instead of logistic
}

// forHead is opt as head name trains with: the auxiliary heads take AuxL2.
func (opt Options) forHead(name string) Options {
	if name != HeadVerdict && opt.AuxL2 > 0 {
		opt.L2 = opt.AuxL2
	}
	return opt
}

// DefaultOptions are the settings `make train` uses.
var DefaultOptions = Options{Epochs: 12, Rate: 0.1, L2: 3e-3, AuxL2: 1e-6, Seed: 20261128}

// DefaultConfig is the feature config `make train` uses, chosen by
// writer-held-out cross-validation (see the corpus README).
var DefaultConfig = Config{Bits: 18, AuxBits: 15, WordNGrams: 2, Shape: true, Setting: true, Cues: true, Situation: true, WordScale: 0.3, Jab: true}

// Classes of the auxiliary heads, in a fixed order.
var (
	StanceClasses = []string{"pushback", "let_it_go", "disagree_and_commit", "warranted_escalation"}
	LevelClasses  = []string{"mild", "moderate", "strong", "escalated"}
)

// BuildVocab lists the words the examples write in lower case at least
// twice (drafts and situations): a capitalised word outside it is read as a
// name.
func BuildVocab(exs []Example) []string {
	n := map[string]int{}
	for _, ex := range exs {
		for _, s := range []string{ex.Input.Draft, ex.Input.Situation} {
			for _, w := range strings.FieldsFunc(s, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'')
			}) {
				if w != strings.ToLower(w) {
					continue
				}
				n[strings.Trim(w, "'")]++
			}
		}
	}
	var out []string
	for w, c := range n {
		if c >= 2 && w != "" {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// encoded is one example's features, merged by bucket per head space.
type encoded struct {
	idx  []uint32  // verdict space
	val  []float64 // signed values
	aidx []uint32  // auxiliary space
	aval []float64
}

func encodeExample(fs []feature, bits, auxBits uint8) encoded {
	merge := func(mask uint32) ([]uint32, []float64) {
		m := map[uint32]float64{}
		for _, f := range fs {
			m[f.h&mask] += float64(signed(f))
		}
		idx := make([]uint32, 0, len(m))
		for i := range m {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		val := make([]float64, len(idx))
		for j, i := range idx {
			val[j] = m[i]
		}
		return idx, val
	}
	var e encoded
	e.idx, e.val = merge(uint32(1)<<bits - 1)
	e.aidx, e.aval = merge(uint32(1)<<auxBits - 1)
	return e
}

// Trained is the result of training: the model file and the heads' float
// weights (kept for margins during cross-validation).
type Trained struct {
	File   []byte
	Model  *Model
	header Header
}

// Featurize extracts the features of each example under cfg with vocab.
func featurize(exs []Example, cfg Config, vocab map[string]bool, jab *jabScorer) []encoded {
	out := make([]encoded, len(exs))
	var buf []token
	for i, ex := range exs {
		e := extractor{cfg: cfg, vocab: vocab, jab: jab}
		buf = e.extract(ex.Input, buf)
		out[i] = encodeExample(e.out, cfg.Bits, cfg.AuxBits)
	}
	return out
}

// headData is one head's training set: example indices and their class.
type headData struct {
	name    string
	classes []string
	bits    uint8
	rows    []int
	class   []int
}

func heads(exs []Example, antiClasses []string, cfg Config) []headData {
	hs := []headData{
		{name: HeadVerdict, classes: []string{"good"}, bits: cfg.Bits},
		{name: HeadAntiPattern, classes: antiClasses, bits: cfg.AuxBits},
		{name: HeadStance, classes: StanceClasses, bits: cfg.AuxBits},
		{name: HeadLevel, classes: LevelClasses, bits: cfg.AuxBits},
	}
	for i, ex := range exs {
		hs[0].rows = append(hs[0].rows, i)
		hs[0].class = append(hs[0].class, b2i(ex.Good))
		if !ex.Good && ex.AntiPattern != "" {
			if k := slices.Index(antiClasses, ex.AntiPattern); k >= 0 {
				hs[1].rows, hs[1].class = append(hs[1].rows, i), append(hs[1].class, k)
			}
		}
		if ex.Good && ex.Stance != "" {
			if k := slices.Index(StanceClasses, ex.Stance); k >= 0 {
				hs[2].rows, hs[2].class = append(hs[2].rows, i), append(hs[2].class, k)
			}
		}
		if ex.Good && ex.Level != "" {
			if k := slices.Index(LevelClasses, ex.Level); k >= 0 {
				hs[3].rows, hs[3].class = append(hs[3].rows, i), append(hs[3].class, k)
			}
		}
	}
	return hs
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// trainHead fits one head with AdaGrad over a deterministic shuffle. The
// verdict head (one class) is logistic (or hinge); the others are softmax.
// Products are converted explicitly so no platform fuses them: the same
// data gives the same weights everywhere.
func trainHead(h headData, enc []encoded, opt Options) []float64 {
	k := len(h.classes)
	size := 1 << h.bits
	w := make([]float64, k*size)
	g2 := make([]float64, k*size)
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(len(h.rows))*31+uint64(k)))
	order := make([]int, len(h.rows))
	for i := range order {
		order[i] = i
	}
	aux := h.name != HeadVerdict
	zs := make([]float64, k)
	grads := make([]float64, k)
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, o := range order {
			e := enc[h.rows[o]]
			idx, val := e.idx, e.val
			if aux {
				idx, val = e.aidx, e.aval
			}
			for c := range zs {
				zs[c] = 0
			}
			for j, i := range idx {
				row := w[int(i)*k:][:k]
				for c, x := range row {
					zs[c] += float64(x * val[j])
				}
			}
			y := h.class[o]
			if k == 1 {
				switch {
				case opt.Hinge:
					t := float64(2*y - 1)
					grads[0] = 0
					if float64(t*zs[0]) < 1 {
						grads[0] = -t
					}
				default:
					grads[0] = sigmoid(zs[0]) - float64(y)
				}
			} else {
				p := softmax(zs)
				for c := range grads {
					grads[c] = p[c]
					if c == y {
						grads[c] -= 1
					}
				}
			}
			for j, i := range idx {
				for c := 0; c < k; c++ {
					at := int(i)*k + c
					g := float64(grads[c]*val[j]) + float64(opt.L2*w[at])
					if g == 0 {
						continue
					}
					g2[at] += float64(g * g)
					w[at] -= float64(opt.Rate*g) / (math.Sqrt(g2[at]) + 1e-8)
				}
			}
		}
	}
	return w
}

// Train fits every head on exs and returns the encoded model file; spans
// (drafts with the phrases a reader would cut marked) train the sentence
// head alone. platt is the verdict's calibration (a, b), from
// CrossValidate; antiClasses the anti-pattern ids in the guide's order.
func Train(exs, spans []Example, cfg Config, opt Options, antiClasses []string, platt [2]float64, corpusHash string) (*Trained, error) {
	if len(exs) == 0 {
		return nil, fmt.Errorf("train: no examples")
	}
	vocab := BuildVocab(exs)
	vset := setOf(vocab)
	hdr := Header{Format: formatNumber, Config: cfg, Corpus: corpusHash, Cases: len(exs), Writers: countWriters(exs),
		PlattA: platt[0], PlattB: platt[1], Vocab: vocab, TrainedWith: "make train"}
	// The jab head first: the verdict reads its (quantised) scores.
	var js *jabScorer
	var jq []int16
	if cfg.Jab {
		js = fitJab(exs, spans, vset, cfg.AuxBits, opt)
		jq = js.w
		hdr.Jab = &Head{Name: HeadJab, Classes: jabClasses, Bits: cfg.AuxBits, Scale: js.scale}
	}
	enc := featurize(exs, cfg, vset, js)
	hs := heads(exs, antiClasses, cfg)
	weights := make([][]float64, len(hs))
	for i, h := range hs {
		weights[i] = trainHead(h, enc, opt.forHead(h.name))
		hdr.Heads = append(hdr.Heads, Head{Name: h.name, Classes: h.classes, Bits: h.bits})
	}
	file, err := encode(hdr, weights, jq)
	if err != nil {
		return nil, err
	}
	m, err := Load(file)
	if err != nil {
		return nil, fmt.Errorf("train: reload: %w", err)
	}
	return &Trained{File: file, Model: m, header: hdr}, nil
}

func setOf(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func countWriters(exs []Example) int {
	m := map[string]bool{}
	for _, ex := range exs {
		m[ex.Writer] = true
	}
	return len(m)
}

// HashCorpus is the sha256 of the examples as training reads them.
func HashCorpus(exs, spans []Example) string {
	h := sha256.New()
	for _, ex := range spans {
		fmt.Fprintf(h, "span\x00%s\x00%s\x00%s\x00%q\n", ex.ID, ex.Writer, ex.Input.Draft, ex.Jabs)
	}
	for _, ex := range exs {
		fmt.Fprintf(h, "%s\x00%s\x00%t\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\n", ex.ID, ex.Writer, ex.Good, ex.AntiPattern,
			ex.Stance, ex.Level, ex.Input.Audience, ex.Input.Stakes, ex.Input.Situation, ex.Input.Draft)
		for _, c := range ex.Input.Cues {
			fmt.Fprintf(h, "%s=%g;", c.Name, c.Value)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
