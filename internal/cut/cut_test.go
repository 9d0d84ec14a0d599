package cut

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
)

// The embedded model ranks the line a reader would cut above the plain
// line beside it, on drafts from the documents and from people's drafts
// the readers marked (the jab first in each pair).
func TestEmbeddedRanks(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	pairs := []struct{ jab, plain string }{
		{"But that's on you if it breaks.", "What if we go live Thursday at 9am?"},
		{"As I've explained repeatedly, you need to read the spec.", "The spec asks for two weeks of testing."},
		{"Honestly cannot believe I have to explain this to you.", "I can have the revised plan to you by Friday."},
		{"Love that for us.", "I've asked Priya to patch it now."},
		{"Maybe read your emails before you message me next time.", "The cut-off was the 20th and the bank file has gone."},
		{"Are you serious??", "Could the deadline move, or could we bring another person onto it?"},
		{"I'll just magic up two more ushers then, easy as.", "Two ushers are off sick on Saturday."},
		{"That's not my problem.", "Anyone with a browser can read other customers' invoices."},
		{"Yelling at me in all caps doesn't change any of that.", "The shuttle will add at least 60 truck visits a day through Gate 2."},
	}
	for _, p := range pairs {
		zj, okj := m.Score(p.jab)
		zp, okp := m.Score(p.plain)
		if !okj || !okp {
			t.Errorf("no score for %q (%v) or %q (%v)", p.jab, okj, p.plain, okp)
			continue
		}
		if zj <= zp {
			t.Errorf("%q scores %.2f, not above %q at %.2f", p.jab, zj, p.plain, zp)
		}
	}
}

// Text with no word has no score; nothing panics on any input.
func TestScoreInputs(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		ok   bool
	}{
		{"", false},
		{"   \n\t", false},
		{"?!?!", false},
		{"🙃🙃", false},
		{"\xff\xfe\xfd", false},
		{"ok", true},
		{"NOT HAPPENING.", true},
		{"caf\xe9 is closed", true},
		{string(bytes.Repeat([]byte("a"), 10000)), true},
	}
	for _, tt := range tests {
		z, ok := m.Score(tt.text)
		if ok != tt.ok {
			t.Errorf("Score(%.20q) ok = %v, want %v", tt.text, ok, tt.ok)
		}
		if math.IsNaN(z) || math.IsInf(z, 0) {
			t.Errorf("Score(%.20q) = %v", tt.text, z)
		}
	}
}

// Training is deterministic: the same rows, in any order and with
// duplicates, give the same bytes; a different label changes them.
func TestTrainDeterministic(t *testing.T) {
	rows := []Row{
		{Text: "that's on you, not me", Cut: true},
		{Text: "the parallel run showed 3% of payslips wrong"},
		{Text: "are you kidding me??", Cut: true},
		{Text: "we can run one more cycle and go live on the 15th"},
		{Text: "as I've explained repeatedly", Cut: true},
		{Text: "the fire doors stay shut"},
	}
	opt := Options{Bits: 10, Epochs: 4, Rate: 0.2, L2: 1e-6}
	a := Train(rows, opt)
	shuffled := slices.Clone(rows)
	slices.Reverse(shuffled)
	shuffled = append(shuffled, rows[0], rows[3])
	if b := Train(shuffled, opt); !bytes.Equal(a, b) {
		t.Error("the same rows in another order train different bytes")
	}
	flipped := slices.Clone(rows)
	flipped[1].Cut = true
	if c := Train(flipped, opt); bytes.Equal(a, c) {
		t.Error("a changed label trains the same bytes")
	}
	m, err := Load(a)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != len(rows) {
		t.Errorf("Rows = %d, want %d", m.Rows, len(rows))
	}
	zj, _ := m.Score("are you kidding me??")
	zp, _ := m.Score("the fire doors stay shut")
	if zj <= zp {
		t.Errorf("a trained jab scores %.2f, not above a trained plain line at %.2f", zj, zp)
	}
}

// A damaged model file is an error, never a panic.
func TestLoadRejects(t *testing.T) {
	good := Train([]Row{{Text: "no chance", Cut: true}, {Text: "Thursday after 2"}}, Options{Bits: 8, Epochs: 1, Rate: 0.1})
	if _, err := Load(good); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	badBits := slices.Clone(good)
	badBits[len(magic)] = 30
	nanScale := slices.Clone(good)
	for i := range 8 {
		nanScale[len(magic)+1+i] = 0xff
	}
	tests := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("pbcut99\n"), good[len(magic):]...),
		"truncated": good[:len(good)-1],
		"too long":  append(slices.Clone(good), 0),
		"bits":      badBits,
		"scale":     nanScale,
	}
	for name, b := range tests {
		if _, err := Load(b); !errors.Is(err, ErrModel) {
			t.Errorf("%s: err = %v, want ErrModel", name, err)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := "Honestly Zara it's on page 2 of the consent form she signed, maybe actually read it before you message me next time."
	b.ReportAllocs()
	for b.Loop() {
		m.Score(text)
	}
}
