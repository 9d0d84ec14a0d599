package model

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokens(t *testing.T) {
	vocab := map[string]bool{"wants": true, "it": true, "no": true, "way": true, "sure": true, "we": true, "can": true, "ship": true, "by": true}
	tests := []struct {
		in   string
		want []string
	}{
		{"Priya wants it Friday.", []string{"<name>", "wants", "it", "<name>", "."}},
		{"We can ship by Q3: $48,000.", []string{"we", "can", "ship", "by", "q0", ":", "0,0", "."}},
		{"NO WAY!!", []string{"no", "way", "!", "!"}},
		{"I'm sure... [sighs]", []string{"i'm", "sure", "...", "[", "sighs", "]"}},
		{"Sure 👍", []string{"sure", "<sym>"}},
		{"Dr. Patel wants it; fine.", []string{"<name>", ".", "<name>", "wants", "it", ";", "fine", "."}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokens(tt.in, vocab, nil) {
			got = append(got, tok.s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Names and numbers are read as <name> and 0, so swapping them changes no
// feature.
func TestFeaturesIgnoreNamesAndNumbers(t *testing.T) {
	vocab := map[string]bool{"can": true, "we": true, "move": true, "the": true, "to": true}
	ext := func(s string) []feature {
		e := extractor{cfg: DefaultConfig, vocab: vocab}
		e.extract(Input{Draft: s, Stakes: "high"}, nil)
		return e.out
	}
	a := ext("Can we move the Halvorsen demo to March 14? Priya has 3 slots.")
	b := ext("Can we move the Okafor demo to June 2? Tomasz has 11 slots.")
	if !slices.Equal(a, b) {
		t.Error("changing names and numbers changed the features")
	}
	if c := ext("Can we move the demo to March 14? Priya has 3 slots."); slices.Equal(a, c) {
		t.Error("dropping a word changed nothing: the test cannot fail")
	}
}

func TestLoadRejectsBrokenFiles(t *testing.T) {
	good := trainTiny(t, 1)
	tests := map[string][]byte{
		"empty":          nil,
		"not a model":    []byte("PK\x03\x04 a zip"),
		"short header":   append([]byte(magic), 0xff, 0xff, 0, 0, '{'),
		"truncated":      good[:len(good)-10],
		"trailing bytes": append(append([]byte{}, good...), 1, 2, 3),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Load(data); !errors.Is(err, ErrFormat) {
				t.Fatalf("Load: %v, want ErrFormat", err)
			}
		})
	}
	if _, err := Load(good); err != nil {
		t.Fatalf("Load of a trained model: %v", err)
	}
}

// tinyExamples is a corpus small enough to train in a test: curt refusals
// are bad, reasoned proposals good.
func tinyExamples() []Example {
	bad := []string{"No.", "No way.", "Not happening.", "Forget it.", "Absolutely not.", "That won't work.", "Nope, not doing that.", "No. Drop it."}
	good := []string{
		"QA needs two more days; could we ship Tuesday instead?",
		"The vendor can't deliver before the 3rd, so could we demo the read-only view first?",
		"If we add it now the launch slips a week. Could it go in the next sprint?",
		"We have 6 people on 48 deals. Could we tier the bottom third?",
		"The audit is not done, so I can't sign it; could we date it the 20th instead?",
		"Skipping the review risks card data. Could we run it Thursday and launch Friday?",
		"Two of us are out next week; could we move the workshop to the 14th?",
		"The export is capped at 10k rows today; could we send the rest as a CSV?",
	}
	var exs []Example
	for i, s := range bad {
		exs = append(exs, Example{ID: "b" + s, Writer: []string{"w1", "w2"}[i%2], Input: Input{Draft: s, Stakes: "high"}, AntiPattern: "dismissive_no"})
	}
	for i, s := range good {
		exs = append(exs, Example{ID: "g" + s, Writer: []string{"w1", "w2"}[i%2], Input: Input{Draft: s, Stakes: "high"}, Good: true, Stance: "pushback", Level: "moderate"})
	}
	return exs
}

func trainTiny(t *testing.T, seed uint64) []byte {
	t.Helper()
	opt := DefaultOptions
	opt.Seed = seed
	cfg := DefaultConfig
	cfg.Bits, cfg.AuxBits = 12, 10
	tr, err := Train(tinyExamples(), nil, cfg, opt, []string{"dismissive_no", "abdication"}, [2]float64{1, 0}, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	return tr.File
}

// Training is deterministic: the same data and seed give the same bytes;
// another seed gives other weights.
func TestTrainDeterministic(t *testing.T) {
	a, b := trainTiny(t, 1), trainTiny(t, 1)
	if !bytes.Equal(a, b) {
		t.Fatal("the same corpus gave different model files")
	}
	if c := trainTiny(t, 2); bytes.Equal(a, c) {
		t.Fatal("another seed gave the same weights: the test cannot tell")
	}
	m, err := Load(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		good bool
	}{
		{"No, not happening.", false},
		{"The build fails on Safari, so could we ship Chrome first and Safari on the 9th?", true},
	} {
		p := m.Predict(Input{Draft: tt.text, Stakes: "high"})
		if (p.Good >= 0.5) != tt.good {
			t.Errorf("%q: P(good) = %.2f, want good=%v", tt.text, p.Good, tt.good)
		}
		if len(p.AntiPattern) != 2 || len(p.Stance) != len(StanceClasses) || len(p.Level) != len(LevelClasses) {
			t.Errorf("heads: %+v", p)
		}
	}
	if ex := m.Explain(Input{Draft: "No, not happening.", Stakes: "high"}, 3); len(ex) != 3 || ex[0].Weight >= 0 {
		t.Errorf("Explain = %+v: want the three heaviest features, the first toward fail", ex)
	}
}

func TestAUC(t *testing.T) {
	tests := []struct {
		pos, neg []float64
		want     float64
	}{
		{[]float64{3, 4}, []float64{1, 2}, 1},
		{[]float64{1, 2}, []float64{3, 4}, 0},
		{[]float64{1, 3}, []float64{2}, 0.5},
		{[]float64{2}, []float64{2}, 0.5},
	}
	for _, tt := range tests {
		if got := AUC(tt.pos, tt.neg); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("AUC(%v, %v) = %v, want %v", tt.pos, tt.neg, got, tt.want)
		}
	}
	if !math.IsNaN(AUC(nil, []float64{1})) {
		t.Error("AUC with no positives is not NaN")
	}
}

// Platt scaling moves a shifted margin back to 0.5 at the boundary.
func TestPlatt(t *testing.T) {
	var exs []Example
	var oof []OOF
	for i := 0; i < 200; i++ {
		m := float64(i%40)/4 - 3 // -3 .. 6.75, boundary at +2
		exs = append(exs, Example{Good: m > 2})
		oof = append(oof, OOF{Margin: m})
	}
	ab := Platt(exs, oof)
	if p := sigmoid(ab[0]*2 + ab[1]); math.Abs(p-0.5) > 0.1 {
		t.Errorf("calibrated P at the boundary = %.2f (a=%.2f b=%.2f)", p, ab[0], ab[1])
	}
}

func TestReadable(t *testing.T) {
	for name, want := range map[string]string{
		"w|sure":                   `the word "sure"`,
		"b|<s>|no":                 `"no" opening a sentence`,
		"c|anti:dismissive_no":     "cue anti:dismissive_no",
		"o|offline|n":              `the situation's "offline", not in the draft`,
		"sg|gap|0":                 "a sentence of the situation naming a gap, 0/4 of it echoed in the draft",
		"ck|critical|feat:commits": "cue feat:commits at critical stakes",
	} {
		if got := Readable(name); got != want {
			t.Errorf("Readable(%q) = %q, want %q", name, got, want)
		}
	}
	if got := Readable("zz|unknown"); !strings.Contains(got, "zz") {
		t.Errorf("an unknown feature reads %q", got)
	}
}

// BenchmarkLoad is the cost of reading the embedded model on first use.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestASCIIPredicates: the tokenizer's inlined ASCII fast paths say what
// their definitions say for every ASCII rune (the rest go to unicode).
func TestASCIIPredicates(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		space := r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
		if isLetter(r) != letter || isDigit(r) != ('0' <= r && r <= '9') || isUpper(r) != ('A' <= r && r <= 'Z') || isSpace(r) != space {
			t.Errorf("rune %q: letter %v digit %v upper %v space %v", r, isLetter(r), isDigit(r), isUpper(r), isSpace(r))
		}
	}
}
