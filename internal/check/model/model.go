package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Heads, by name.
const (
	HeadVerdict     = "verdict"
	HeadAntiPattern = "anti_pattern"
	HeadStance      = "stance"
	HeadLevel       = "level"
)

// Header is the model file's description of itself: how it was trained,
// on what, and what its heads predict.
type Header struct {
	Format      int      `json:"format"`
	Config      Config   `json:"config"`
	Corpus      string   `json:"corpus"`        // sha256 of the training cases as read
	Cases       int      `json:"cases"`         // how many
	Writers     int      `json:"writers"`       // how many distinct writers
	PlattA      float64  `json:"platt_a"`       // calibration: P(good) = sigmoid(a*z + b)
	PlattB      float64  `json:"platt_b"`       // fitted on writer-held-out margins
	Heads       []Head   `json:"heads"`         // verdict first
	Vocab       []string `json:"vocab"`         // words the corpus writes in lower case (sorted)
	Jab         *Head    `json:"jab,omitempty"` // the sentence head (jab.go), after the others
	TrainedWith string   `json:"trained_with"`  // the command that made it
}

// Head is one prediction head: its classes and the scale of its int16
// weights (weight = q * Scale).
type Head struct {
	Name    string   `json:"name"`
	Classes []string `json:"classes"` // the verdict head has one: "good"
	Bits    uint8    `json:"bits"`
	Scale   float64  `json:"scale"`
}

const (
	magic        = "PBJM"
	formatNumber = 1
)

// Model is a trained judge, loaded from its file. It is read-only and safe
// for concurrent use.
type Model struct {
	Header
	vocab map[string]bool
	heads []head
	// aux holds every head after the verdict in one table, bucket-major
	// (all classes of all auxiliary heads of a bucket side by side), so a
	// feature costs one cache line for them all; auxOff is each head's
	// first column. Nil when the heads' spaces differ.
	aux    []int16
	auxK   int
	auxOff []int
	jab    *jabScorer
}

// head is a loaded head: its weights, bucket-major (the classes of one
// bucket side by side, so one feature's lookups share a cache line).
type head struct {
	mask  uint32
	k     int
	scale float64
	w     []int16 // 2^bits x k
}

// ErrFormat is wrapped when a model file cannot be read.
var ErrFormat = errors.New("model file")

// Load reads a model file. The weights are used in place, not copied.
func Load(data []byte) (*Model, error) {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: not a pushback model", ErrFormat)
	}
	data = data[len(magic):]
	n := binary.LittleEndian.Uint32(data)
	data = data[4:]
	if uint64(n) > uint64(len(data)) {
		return nil, fmt.Errorf("%w: header runs past the end", ErrFormat)
	}
	m := &Model{}
	if err := json.Unmarshal(data[:n], &m.Header); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrFormat, err)
	}
	if m.Format != formatNumber {
		return nil, fmt.Errorf("%w: format %d, this build reads %d", ErrFormat, m.Format, formatNumber)
	}
	data = data[n:]
	if len(m.Heads) == 0 || m.Heads[0].Name != HeadVerdict {
		return nil, fmt.Errorf("%w: the first head must be the verdict", ErrFormat)
	}
	for _, h := range m.Heads {
		size := len(h.Classes) * (2 << h.Bits)
		if h.Bits > 24 || size > len(data) {
			return nil, fmt.Errorf("%w: head %s runs past the end", ErrFormat, h.Name)
		}
		w := make([]int16, size/2)
		for i := range w {
			w[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
		}
		m.heads = append(m.heads, head{mask: uint32(1)<<h.Bits - 1, k: len(h.Classes), scale: h.Scale, w: w})
		data = data[size:]
	}
	if h := m.Jab; h != nil {
		size := 2 << h.Bits
		if h.Bits > 24 || size > len(data) {
			return nil, fmt.Errorf("%w: head %s runs past the end", ErrFormat, HeadJab)
		}
		w := make([]int16, size/2)
		for i := range w {
			w[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
		}
		m.jab = &jabScorer{mask: uint32(1)<<h.Bits - 1, scale: h.Scale, w: w}
		data = data[size:]
	}
	if len(data) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last head", ErrFormat, len(data))
	}
	m.joinAux()
	m.vocab = make(map[string]bool, len(m.Vocab))
	for _, w := range m.Vocab {
		m.vocab[w] = true
	}
	return m, nil
}

// encode writes the model file for a header and float weights (per head,
// classes x 2^bits), quantising each head to int16 with its own scale.
func encode(h Header, weights [][]float64, jab []int16) ([]byte, error) {
	var body bytes.Buffer
	write := func(q []int16) {
		buf := make([]byte, 2*len(q))
		for j, x := range q {
			binary.LittleEndian.PutUint16(buf[2*j:], uint16(x))
		}
		body.Write(buf)
	}
	for i := range h.Heads {
		q, scale := quantise(weights[i])
		h.Heads[i].Scale = scale
		write(q)
	}
	if h.Jab != nil {
		write(jab) // quantised before the verdict was trained on it
	}
	hdr, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("encode model header: %w", err)
	}
	var out bytes.Buffer
	out.WriteString(magic)
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(hdr)))
	out.Write(n[:])
	out.Write(hdr)
	out.Write(body.Bytes())
	return out.Bytes(), nil
}

// quantise is w as int16 with its scale (weight = q * scale).
func quantise(w []float64) ([]int16, float64) {
	mx := 0.0
	for _, x := range w {
		mx = max(mx, math.Abs(x))
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(w))
	for i, x := range w {
		q[i] = int16(math.Round(x / scale))
	}
	return q, scale
}

// weight returns head hi's weight for class k at bucket b.
func (m *Model) weight(hi, k int, b uint32) float64 {
	h := &m.heads[hi]
	if h.w == nil {
		return float64(m.aux[int(b)*m.auxK+m.auxOff[hi-1]+k]) * h.scale
	}
	return float64(h.w[int(b)*h.k+k]) * h.scale
}

// joinAux builds the combined table of the auxiliary heads when they share
// one hashed space.
func (m *Model) joinAux() {
	if len(m.heads) < 2 {
		return
	}
	mask, k := m.heads[1].mask, 0
	for _, h := range m.heads[1:] {
		if h.mask != mask {
			return
		}
		m.auxOff = append(m.auxOff, k)
		k += h.k
	}
	n := int(mask) + 1
	m.aux, m.auxK = make([]int16, n*k), k
	for hi, h := range m.heads[1:] {
		off := m.auxOff[hi]
		for b := 0; b < n; b++ {
			copy(m.aux[b*k+off:], h.w[b*h.k:(b+1)*h.k])
		}
	}
	for i := range m.heads[1:] {
		m.heads[i+1].w = nil // the combined table holds them now
	}
}

// auxScores returns the raw scores of every auxiliary head, concatenated.
func (m *Model) auxScores(fs []feature, zs []float64) []float64 {
	zs = zs[:m.auxK]
	clear(zs)
	mask := m.heads[1].mask
	for _, f := range fs {
		v := float64(signed(f))
		row := m.aux[int(f.h&mask)*m.auxK:][:m.auxK]
		zs := zs[:len(row)] // one bounds check a row, not one a weight
		for c, q := range row {
			zs[c] += v * float64(q)
		}
	}
	for hi, h := range m.heads[1:] {
		off := m.auxOff[hi]
		for c := 0; c < h.k; c++ {
			zs[off+c] *= h.scale
		}
	}
	return zs
}

// scores returns head hi's raw score for each class on features fs.
func (m *Model) scores(hi int, fs []feature, zs []float64) []float64 {
	h := &m.heads[hi]
	zs = zs[:h.k]
	clear(zs)
	for _, f := range fs {
		v := float64(signed(f))
		row := h.w[int(f.h&h.mask)*h.k:][:h.k]
		zs := zs[:len(row)]
		for c, q := range row {
			zs[c] += v * float64(q)
		}
	}
	for c := range zs {
		zs[c] *= h.scale
	}
	return zs
}

// Prob is a class with its probability.
type Prob struct {
	Class string  `json:"class"`
	P     float64 `json:"p"`
}

// Prediction is what the model reads in one input.
type Prediction struct {
	Good        float64 // calibrated probability that a skilled professional would send it
	Margin      float64 // the verdict head's raw score (before calibration)
	AntiPattern []Prob  // most likely first; meaningful when Good < 0.5
	Stance      []Prob  // most likely first; meaningful when Good >= 0.5
	Level       []Prob  // most likely first
	// Known is how many of the draft's words the corpus writes in lower
	// case: none means the judge cannot read it as a message at all.
	Known int
}

// scratch is one prediction's working memory, pooled.
type scratch struct {
	toks []token
	fs   []feature
}

var scratchPool = sync.Pool{New: func() any { return &scratch{toks: make([]token, 0, 256), fs: make([]feature, 0, 1024)} }}

// features extracts in's features into sc.
func (m *Model) features(in Input, name func(uint32, string, float32), sc *scratch) []feature {
	e := extractor{cfg: m.Config, vocab: m.vocab, out: sc.fs[:0], name: name, jab: m.jab}
	sc.toks = e.extract(in, sc.toks)
	sc.fs = e.out
	return e.out
}

// Predict reads one input.
func (m *Model) Predict(in Input) Prediction {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	fs := m.features(in, nil, sc)
	var p Prediction
	for _, t := range sc.toks {
		if t.kind == tokWord && m.vocab[t.s] {
			p.Known++
		}
	}
	var buf [16]float64
	var auxBuf [64]float64
	var aux []float64
	if m.aux != nil && m.auxK <= len(auxBuf) {
		aux = m.auxScores(fs, auxBuf[:])
	}
	for hi, h := range m.Heads {
		var zs []float64
		switch {
		case hi > 0 && aux != nil:
			zs = aux[m.auxOff[hi-1]:][:len(h.Classes)]
		default:
			zs = m.scores(hi, fs, buf[:])
		}
		if hi == 0 {
			p.Margin = zs[0]
			p.Good = sigmoid(m.PlattA*zs[0] + m.PlattB)
			continue
		}
		probs := softmax(zs)
		ps := make([]Prob, len(probs))
		for k, q := range probs {
			ps[k] = Prob{h.Classes[k], q}
		}
		// Most likely first, ties in class order (a stable sort, as
		// sort.SliceStable was, without its reflection).
		slices.SortStableFunc(ps, func(a, b Prob) int {
			switch {
			case a.P > b.P:
				return -1
			case a.P < b.P:
				return 1
			}
			return 0
		})
		switch h.Name {
		case HeadAntiPattern:
			p.AntiPattern = ps
		case HeadStance:
			p.Stance = ps
		case HeadLevel:
			p.Level = ps
		}
	}
	return p
}

// signed is a feature's value with the sign its hash gives it: hashing
// with a sign keeps collisions from adding up in one direction.
func signed(f feature) float32 {
	if f.h>>31 == 1 {
		return -f.v
	}
	return f.v
}

// Contribution is how much one feature moved the verdict, in the verdict
// head's units (positive toward good).
type Contribution struct {
	Feature string  `json:"feature"`
	Weight  float64 `json:"weight"`
}

// Explain returns the n features that weighed most in the verdict on in,
// by absolute contribution, with readable names.
func (m *Model) Explain(in Input, n int) []Contribution {
	byName := map[string]float64{}
	mask := m.heads[0].mask
	m.features(in, func(h uint32, name string, v float32) {
		byName[name] += float64(signed(feature{h, v})) * m.weight(0, 0, h&mask)
	}, &scratch{})
	out := make([]Contribution, 0, len(byName))
	for name, w := range byName {
		if name == "bias|" || name == "bias" {
			continue
		}
		out = append(out, Contribution{Readable(name), w * m.PlattA})
	}
	slices.SortFunc(out, func(a, b Contribution) int {
		if d := math.Abs(b.Weight) - math.Abs(a.Weight); d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		if a.Feature < b.Feature {
			return -1
		}
		return 1
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

func softmax(zs []float64) []float64 {
	mx := math.Inf(-1)
	for _, z := range zs {
		mx = max(mx, z)
	}
	out := make([]float64, len(zs))
	sum := 0.0
	for i, z := range zs {
		out[i] = math.Exp(z - mx)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
