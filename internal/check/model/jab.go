package model

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/pushback/pushback/internal/fnv1a"
)

// The jab head reads one sentence at a time: how likely it is the sentence
// a professional would cut (sarcasm, a dig, blame, contempt, an ultimatum)
// from a message that is otherwise worth sending. A linear model over a
// whole message dilutes one jab among the facts and the proposal around
// it; the verdict instead reads the worst sentence's jab score as a
// feature of its own ("jab"), so one sentence can fail a message.
//
// It learns from the corpus's "blunt" pairs: the same facts and the same
// alternative said twice, once with the jab and once plainly. A sentence
// of the bad one that the good one does not say is a jab; every sentence
// of every good message is not.

// HeadJab names the sentence head in the model file.
const HeadJab = "jab"

// jabScorer scores one sentence's tokens with quantised weights.
type jabScorer struct {
	mask  uint32
	scale float64
	w     []int16
}

// sentences cuts tokens at sentence starts.
func sentences(toks []token) [][]token {
	var out [][]token
	from := 0
	for i, t := range toks {
		if t.start && i > from {
			out = append(out, toks[from:i])
			from = i
		}
	}
	if from < len(toks) {
		out = append(out, toks[from:])
	}
	return out
}

// jabFeatures calls emit with the hashed features of one sentence: its
// words and word pairs, the first word marked.
func jabFeatures(sent []token, emit func(h uint32)) {
	prev := "<s>"
	for _, t := range sent {
		h := fnv1a.Byte(fnv1a.String(fnv1a.String(fnv1a.Offset, "J"), t.s), '|')
		emit(h)
		b := fnv1a.String(fnv1a.Byte(fnv1a.String(fnv1a.String(fnv1a.Offset, "JB"), prev), '|'), t.s)
		emit(b)
		prev = t.s
	}
	emit(fnv1a.String(fnv1a.Offset, "J:bias"))
}

// score is the sentence's log-odds of being a jab.
func (j *jabScorer) score(sent []token) float64 {
	// jabFeatures written out: no closure on the hot path.
	var z float64
	prev := "<s>"
	for _, t := range sent {
		z += float64(j.w[fnv1a.Byte(fnv1a.String(fnv1a.String(fnv1a.Offset, "J"), t.s), '|')&j.mask])
		z += float64(j.w[fnv1a.String(fnv1a.Byte(fnv1a.String(fnv1a.String(fnv1a.Offset, "JB"), prev), '|'), t.s)&j.mask])
		prev = t.s
	}
	z += float64(j.w[fnv1a.String(fnv1a.Offset, "J:bias")&j.mask])
	return z * j.scale
}

// worst is the highest jab score of the draft's sentences (tokens), or
// -inf for none.
func (j *jabScorer) worst(toks []token) float64 {
	best := math.Inf(-1)
	from := 0
	for i := 1; i <= len(toks); i++ {
		if i < len(toks) && !toks[i].start {
			continue
		}
		if i-from >= 2 {
			best = max(best, j.score(toks[from:i]))
		}
		from = i
	}
	return best
}

// jabBucket names the worst sentence's score for the verdict: its floor,
// from -4 to 4.
func jabBucket(z float64) string {
	if math.IsInf(z, -1) {
		return "none"
	}
	return strconv.Itoa(int(math.Max(-4, math.Min(4, math.Floor(z)))))
}

// jabRow is one training sentence.
type jabRow struct {
	hs  []uint32
	jab bool
}

// jabData makes the jab head's training set from exs (see the package
// comment above) and spans, deduplicated and in a fixed order. A span
// draft gives each quoted jab as a jab, and what is left of the draft
// without them, sentence by sentence, as plain.
func jabData(exs, spans []Example, vocab map[string]bool) []jabRow {
	type pair struct{ good, bad []int }
	groups := map[string]*pair{}
	var keys []string
	for i, ex := range exs {
		if ex.Augmented || ex.Family != "blunt" {
			continue
		}
		k := ex.Writer + "\x00" + ex.Input.Situation
		g := groups[k]
		if g == nil {
			g = &pair{}
			groups[k] = g
			keys = append(keys, k)
		}
		if ex.Good {
			g.good = append(g.good, i)
		} else {
			g.bad = append(g.bad, i)
		}
	}
	text := func(s []token) string {
		var b strings.Builder
		for _, t := range s {
			b.WriteString(t.s)
			b.WriteByte(' ')
		}
		return b.String()
	}
	var rows []jabRow
	seen := map[string]bool{}
	add := func(s []token, jab bool) {
		k := text(s)
		if len(s) < 2 || seen[k] {
			return
		}
		seen[k] = true
		var hs []uint32
		jabFeatures(s, func(h uint32) { hs = append(hs, h) })
		rows = append(rows, jabRow{hs, jab})
	}
	for _, k := range keys {
		g := groups[k]
		if len(g.good) != 1 || len(g.bad) != 1 {
			continue
		}
		plain := sentences(tokens(exs[g.good[0]].Input.Draft, vocab, nil))
		for _, s := range sentences(tokens(exs[g.bad[0]].Input.Draft, vocab, nil)) {
			// A sentence of the bad one that says what a sentence of the
			// good one says (the facts, reworded) is not the jab; one
			// that shares little with any of them is.
			best := 0.0
			for _, p := range plain {
				best = max(best, overlap(s, p))
			}
			if best < jabOverlap {
				add(s, true)
			}
		}
	}
	for _, ex := range exs {
		if ex.Augmented || !ex.Good {
			continue
		}
		for _, s := range sentences(tokens(ex.Input.Draft, vocab, nil)) {
			add(s, false)
		}
	}
	for _, ex := range spans {
		rest := ex.Input.Draft
		for _, q := range ex.Jabs {
			add(tokens(q, vocab, nil), true)
			rest = strings.ReplaceAll(rest, q, "\n")
		}
		for _, s := range sentences(tokens(rest, vocab, nil)) {
			add(s, false)
		}
	}
	return rows
}

// trainJab fits the jab head (logistic, AdaGrad, a deterministic shuffle)
// and returns its float weights.
func trainJab(rows []jabRow, bits uint8, opt Options) []float64 {
	size := 1 << bits
	mask := uint32(size - 1)
	w := make([]float64, size)
	g2 := make([]float64, size)
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(len(rows))*17+3))
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, o := range order {
			r := rows[o]
			var z float64
			for _, h := range r.hs {
				z += w[h&mask]
			}
			y := 0.0
			if r.jab {
				y = 1
			}
			grad := sigmoid(z) - y
			for _, h := range r.hs {
				at := h & mask
				g := grad + float64(jabL2*w[at])
				if g == 0 {
					continue
				}
				g2[at] += float64(g * g)
				w[at] -= float64(opt.Rate*g) / (math.Sqrt(g2[at]) + 1e-8)
			}
		}
	}
	return w
}

// jabOverlap: a sentence of a pair's bad message sharing less than this
// (overlap) with every sentence of the good one is its jab.
const jabOverlap = 0.25

// overlap is the share of a's content words (not stop words; names and
// numbers count) that b also has.
func overlap(a, b []token) float64 {
	in := map[string]bool{}
	for _, t := range b {
		in[t.s] = true
	}
	n, hit := 0, 0
	for _, t := range a {
		if t.kind == tokPunct || t.kind == tokWord && stop[t.s] {
			continue
		}
		n++
		if in[t.s] {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

// jabL2 is the jab head's regularisation per update.
const jabL2 = 1e-5

// jabClasses is the jab head's one class.
var jabClasses = []string{"jab"}

// JabScore is the jab head's log-odds that text (one sentence, or the worst of
// the sentences in it) is the sentence a professional would cut from a
// message otherwise worth sending; ok is false when the model has no jab
// head or text has no sentence of two tokens.
func (m *Model) JabScore(text string) (z float64, ok bool) {
	if m.jab == nil {
		return 0, false
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.toks = tokens(text, m.vocab, sc.toks[:0])
	z = m.jab.worst(sc.toks)
	return z, !math.IsInf(z, -1)
}

// fitJab trains the jab head on exs and spans with vocabulary vset and
// returns it quantised, as the model file holds it.
func fitJab(exs, spans []Example, vset map[string]bool, bits uint8, opt Options) *jabScorer {
	q, scale := quantise(trainJab(jabData(exs, spans, vset), bits, opt))
	return &jabScorer{mask: uint32(1)<<bits - 1, scale: scale, w: q}
}

// JabHeldOut trains the jab head on train alone and scores the jab rows
// of test (its writers' blunt pairs and good messages): the scores of the
// jab sentences and of the plain ones, for a writer-held-out AUC.
func JabHeldOut(train, test []Example, cfg Config, opt Options) (jab, plain []float64) {
	vset := setOf(BuildVocab(train))
	js := fitJab(train, nil, vset, cfg.AuxBits, opt)
	for _, r := range jabData(test, nil, vset) {
		var z float64
		for _, h := range r.hs {
			z += float64(js.w[h&js.mask])
		}
		if z *= js.scale; r.jab {
			jab = append(jab, z)
		} else {
			plain = append(plain, z)
		}
	}
	return jab, plain
}

// JabHead trains the sentence head alone on train and spans and returns
// it as a scorer of text (as Model.JabScore reads it), for held-out
// measurement.
func JabHead(train, spans []Example, cfg Config, opt Options) func(text string) (float64, bool) {
	vset := setOf(BuildVocab(train))
	m := &Model{vocab: vset, jab: fitJab(train, spans, vset, cfg.AuxBits, opt)}
	return m.JabScore
}
