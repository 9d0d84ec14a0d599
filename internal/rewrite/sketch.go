package rewrite

import (
	"unicode"
	"unicode/utf8"
)

// foldRune names r's case-folding orbit by its least member: runes that
// match each other case-insensitively ("k", "K", the Kelvin sign) fold to
// the same one ("K").
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

// A sketch is what a text holds, as bits: its bytes as written (for
// classes), and the grams of its case-folded bytes (for literals): each
// byte, each pair of adjacent bytes and each run of three (hashed).
type sketch struct {
	raw      [2]uint64
	nonASCII bool
	grams    [gramSpace / 64]uint64
}

// The gram space: bytes, then pairs (the low six bits of each byte,
// which tell apart every folded ASCII character), then trigrams hashed.
const (
	pairBase  = 256
	triBase   = pairBase + 64*64
	triBits   = 13
	gramSpace = triBase + 1<<triBits
)

func pairGram(a, b byte) uint32 { return pairBase + uint32(a&63)<<6 | uint32(b&63) }

func triGram(a, b, c byte) uint32 {
	h := (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1
	return triBase + h>>(32-triBits)
}

// gramsOf returns the grams a text holding the folded literal b holds
// for certain: its byte, its pair, or its trigrams; and how common each
// is likely to be in text: a byte more than a pair, a pair more than a
// trigram, and a trigram with a space or a mark in it (a word's start or
// end: " TH", "ED ") more than one of letters alone.
func gramsOf(b []byte) (grams []uint32, weights []int) {
	switch len(b) {
	case 1:
		return []uint32{uint32(b[0])}, []int{400}
	case 2:
		return []uint32{pairGram(b[0], b[1])}, []int{20}
	}
	for i := 2; i < len(b); i++ {
		w := 1
		for _, c := range b[i-2 : i+1] {
			if !('A' <= c && c <= 'Z') {
				w = 3
			}
		}
		grams, weights = append(grams, triGram(b[i-2], b[i-1], b[i])), append(weights, w)
	}
	return grams, weights
}

func (k *sketch) has(g uint32) bool { return k.grams[g/64]&(1<<(g%64)) != 0 }
func (k *sketch) set(g uint32)      { k.grams[g/64] |= 1 << (g % 64) }

// read sketches s, reading it once. An invalid byte folds as
// utf8.RuneError, as the matcher reads it.
func (k *sketch) read(s string) {
	var b1, b2 byte // the two folded bytes before
	n := 0          // how many folded bytes so far
	add := func(c byte) {
		k.set(uint32(c))
		if n >= 1 {
			k.set(pairGram(b1, c))
		}
		if n >= 2 {
			k.set(triGram(b2, b1, c))
		}
		b2, b1 = b1, c
		n++
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			k.raw[c/64] |= 1 << (c % 64)
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			add(c)
			i++
			continue
		}
		k.nonASCII = true
		r, w := utf8.DecodeRuneInString(s[i:])
		var buf [utf8.UTFMax]byte
		for _, b := range utf8.AppendRune(buf[:0], foldRune(r)) {
			add(b)
		}
		i += w
	}
}

// sketched is a text with its sketch, read when a need first asks: for a
// text many expressions are tried on (a clause and the rewrite classes'
// cues).
type sketched struct {
	s    string
	k    sketch
	read bool
}

// sketch returns t's sketch, read now if not yet.
func (t *sketched) sketch() *sketch {
	if !t.read {
		t.k.read(t.s)
		t.read = true
	}
	return &t.k
}

// may reports whether t may hold what n needs.
func (t *sketched) may(n *need) bool {
	if n.kind == needNothing {
		return true
	}
	return n.heldIn(t.sketch())
}
