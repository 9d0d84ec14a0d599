// Package cut is the model of what a reader would cut from a draft: how
// likely a clause (or a part of one) is a jab that a professional would
// leave out of the message (sarcasm, a dig, blame, contempt, a threat,
// venting). It is a logistic regression over the clause's own words, word
// pairs and shape, trained on the phrases blind readers quoted as blunt in
// people's drafts (evals/checker/jabs*), clause by clause as the rewrite
// reads them. The trim cuts with it; the checker's verdict does not read it.
//
// The weights are trained by `make train` (see internal/rewrite's
// TestCutModelFresh, which rebuilds them from the marks and fails when the
// embedded file is stale) and embedded; the same rows give the same bytes.
package cut

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/fnv1a"
)

//go:embed cut.model
var embedded []byte

// magic opens a model file.
const magic = "pbcut01\n"

// Model scores text by its log-odds of being a phrase a reader would cut.
type Model struct {
	// Corpus is the hex SHA-256 of the training rows (see Train).
	Corpus string
	// Rows is how many rows it was trained on.
	Rows  int
	mask  uint32
	scale float64
	w     []int16
}

// ErrModel reports a model file that cannot be read.
var ErrModel = errors.New("cut model")

// Load reads a model file written by Train.
func Load(b []byte) (*Model, error) {
	const head = len(magic) + 1 + 8 + 32 + 4
	if len(b) < head || string(b[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: not a model file (%d bytes)", ErrModel, len(b))
	}
	p := b[len(magic):]
	bits := p[0]
	if bits < 8 || bits > 24 {
		return nil, fmt.Errorf("%w: %d hash bits", ErrModel, bits)
	}
	scale := math.Float64frombits(binary.LittleEndian.Uint64(p[1:9]))
	corpus := fmt.Sprintf("%x", p[9:41])
	rows := int(binary.LittleEndian.Uint32(p[41:45]))
	p = p[45:]
	n := 1 << bits
	if len(p) != 2*n {
		return nil, fmt.Errorf("%w: %d weight bytes, want %d", ErrModel, len(p), 2*n)
	}
	if math.IsNaN(scale) || math.IsInf(scale, 0) || scale <= 0 {
		return nil, fmt.Errorf("%w: scale %v", ErrModel, scale)
	}
	w := make([]int16, n)
	for i := range w {
		w[i] = int16(binary.LittleEndian.Uint16(p[2*i:]))
	}
	return &Model{Corpus: corpus, Rows: rows, mask: uint32(n - 1), scale: scale, w: w}, nil
}

var (
	loadOnce sync.Once
	loaded   *Model
	loadErr  error
)

// Default is the embedded model, read on first use.
func Default() (*Model, error) {
	loadOnce.Do(func() { loaded, loadErr = Load(embedded) })
	return loaded, loadErr
}

// Score is text's log-odds of being a phrase a reader would cut; ok is
// false when text has no word.
func (m *Model) Score(text string) (z float64, ok bool) {
	var sum int64
	n := features(text, func(h uint32) { sum += int64(m.w[h&m.mask]) })
	if n == 0 {
		return 0, false
	}
	return float64(sum) * m.scale, true
}

var (
	seedWord   = fnv1a.String(fnv1a.Offset, "w:")
	seedPair   = fnv1a.String(fnv1a.Offset, "b:")
	seedLength = fnv1a.String(fnv1a.Offset, "len:")
	featBias   = fnv1a.String(fnv1a.Offset, "bias")
	featAsks   = fnv1a.String(fnv1a.Offset, "asks")
	featShouts = fnv1a.String(fnv1a.Offset, "shouts")
	startWord  = "<s>"
	endWord    = "</s>"
)

// features calls emit with the hashed features of text (its lower-cased
// words, the pairs of adjacent words with the clause's start and end, its
// length in fours of words, whether it asks, whether it shouts a word,
// and a bias) and returns the number of words.
func features(text string, emit func(h uint32)) int {
	var cur, prev [64]byte
	p := append(prev[:0], startWord...)
	pair := func(tok []byte) {
		emit(fnv1a.Bytes(fnv1a.Byte(fnv1a.Bytes(seedPair, p), '_'), tok))
	}
	words := 0
	shouts := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !wordRune(r) {
			if r == '?' || r == '!' {
				tok := append(cur[:0], byte(r))
				emit(fnv1a.Bytes(seedWord, tok))
				pair(tok)
				p = append(prev[:0], tok...)
			}
			i += size
			continue
		}
		// One word: lower-cased, apostrophes straight, its first 56
		// bytes.
		tok := cur[:0]
		upper, runes := 0, 0
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !wordRune(r) {
				break
			}
			if unicode.IsUpper(r) {
				upper++
			}
			if r == '’' || r == '‘' {
				r = '\''
			}
			if len(tok)+utf8.UTFMax <= 56 {
				tok = utf8.AppendRune(tok, unicode.ToLower(r))
			}
			runes++
			i += size
		}
		if upper >= 3 && upper == runes {
			shouts = true
		}
		emit(fnv1a.Bytes(seedWord, tok))
		pair(tok)
		p = append(prev[:0], tok...)
		words++
	}
	if words == 0 {
		return 0
	}
	pair([]byte(endWord))
	emit(fnv1a.Byte(seedLength, byte('0'+min(6, words/4))))
	if strings.HasSuffix(strings.TrimRight(text, " \t\n\"'”’)"), "?") {
		emit(featAsks)
	}
	if shouts {
		emit(featShouts)
	}
	emit(featBias)
	return words
}

// wordRune: a letter, a digit or an apostrophe inside a word.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '‘'
}
