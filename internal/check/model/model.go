package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
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
	Corpus      string   `json:"corpus"`       // sha256 of the training cases as read
	Cases       int      `json:"cases"`        // how many
	Writers     int      `json:"writers"`      // how many distinct writers
	PlattA      float64  `json:"platt_a"`      // calibration: P(good) = sigmoid(a*z + b)
	PlattB      float64  `json:"platt_b"`      // fitted on writer-held-out margins
	Heads       []Head   `json:"heads"`        // verdict first
	Vocab       []string `json:"vocab"`        // words the corpus writes in lower case (sorted)
	TrainedWith string   `json:"trained_with"` // the command that made it
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
	vocab   map[string]bool
	weights [][]byte // per head: classes x 2^bits little-endian int16
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
		m.weights = append(m.weights, data[:size])
		data = data[size:]
	}
	if len(data) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last head", ErrFormat, len(data))
	}
	m.vocab = make(map[string]bool, len(m.Vocab))
	for _, w := range m.Vocab {
		m.vocab[w] = true
	}
	return m, nil
}

// encode writes the model file for a header and float weights (per head,
// classes x 2^bits), quantising each head to int16 with its own scale.
func encode(h Header, weights [][]float64) ([]byte, error) {
	var body bytes.Buffer
	for i := range h.Heads {
		w := weights[i]
		mx := 0.0
		for _, x := range w {
			mx = max(mx, math.Abs(x))
		}
		scale := mx / 32767
		if scale == 0 {
			scale = 1
		}
		h.Heads[i].Scale = scale
		buf := make([]byte, 2*len(w))
		for j, x := range w {
			binary.LittleEndian.PutUint16(buf[2*j:], uint16(int16(math.Round(x/scale))))
		}
		body.Write(buf)
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

// weight returns head hi's weight for class k at bucket b.
func (m *Model) weight(hi, k int, b uint32) float64 {
	h := m.Heads[hi]
	off := (k<<h.Bits + int(b)) * 2
	w := m.weights[hi]
	return float64(int16(uint16(w[off])|uint16(w[off+1])<<8)) * h.Scale
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
}

var tokenPool = sync.Pool{New: func() any { s := make([]token, 0, 256); return &s }}

// features extracts in's features into a pooled buffer.
func (m *Model) features(in Input, name func(uint32, string, float32)) []feature {
	e := extractor{cfg: m.Config, vocab: m.vocab, out: make([]feature, 0, 1024), name: name}
	tp := tokenPool.Get().(*[]token)
	*tp = e.extract(in, *tp)
	tokenPool.Put(tp)
	return e.out
}

// Predict reads one input.
func (m *Model) Predict(in Input) Prediction {
	fs := m.features(in, nil)
	var p Prediction
	for hi, h := range m.Heads {
		mask := uint32(1)<<h.Bits - 1
		zs := make([]float64, len(h.Classes))
		for k := range h.Classes {
			z := 0.0
			for _, f := range fs {
				z += float64(signed(f) * float32(m.weight(hi, k, f.h&mask)))
			}
			zs[k] = z
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
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].P > ps[j].P })
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
	mask := uint32(1)<<m.Heads[0].Bits - 1
	m.features(in, func(h uint32, name string, v float32) {
		byName[name] += float64(signed(feature{h, v}) * float32(m.weight(0, 0, h&mask)))
	})
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
