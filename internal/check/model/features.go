// Package model is the checker's learned judge: a linear model over hashed
// features of a draft and its setting (word and character n-grams, the shape
// of the message, what the situation names and whether the draft speaks to
// it, stakes and audience, and the cue engine's findings), with four heads:
// whether a skilled professional would send it (the verdict), the
// anti-pattern of a bad one, the stance of a good one and the level it
// reads at. Training is deterministic (the same corpus gives byte-identical
// weights) and the weights are embedded; see Train and Default.
//
// The draft's stock lines (guide.Stock: "I hear you.", "What do you
// think?") are blanked before anything is read, so wrapping a blunt message
// in them, or stripping them from a good one, cannot move the verdict.
// Names and numbers are read as <name> and 0, so changing them cannot
// either.
package model

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/fnv1a"
)

// Input is what the model reads. Draft is the message with plain quotes
// and its stock lines blanked (guide.Stock.Blank); Cues are the cue
// engine's named features computed on that same text.
type Input struct {
	Draft     string
	Situation string
	Audience  string
	Stakes    string
	Cues      []Cue
}

// Cue is one named feature from the cue engine, such as "step:context" or
// "anti:dismissive_no", with its strength (1 for a flag).
type Cue struct {
	Name  string
	Value float64
}

// Config chooses which feature groups the model reads; training searches
// over it (see CrossValidate) and stores the winner with the weights.
type Config struct {
	Bits       uint8 `json:"bits"`        // log2 of the verdict head's hashed space
	AuxBits    uint8 `json:"aux_bits"`    // log2 of the other heads' space
	WordNGrams int   `json:"word_ngrams"` // 1..3
	CharNGrams bool  `json:"char_ngrams"` // 3- to 5-grams within words
	Shape      bool  `json:"shape"`       // length, questions, exclamations, sighs
	Setting    bool  `json:"setting"`     // stakes, audience and their crosses
	Cues       bool  `json:"cues"`        // the cue engine's features
	Situation  bool  `json:"situation"`   // what the situation names and whether the draft speaks to it
	// WordScale is the value of a word n-gram feature (0 means 1): below 1,
	// the same L2 costs the words more than the shape, cue and situation
	// features, so the judge leans less on a writer's vocabulary.
	WordScale float64 `json:"word_scale,omitempty"`
	// Jab: the verdict reads the worst sentence's score from the jab head
	// (see jab.go), trained with it.
	Jab bool `json:"jab,omitempty"`
}

// wordValue is the value of a feature named by a word of the draft or the
// situation (see WordScale).
func (c Config) wordValue() float32 {
	if c.WordScale > 0 {
		return float32(c.WordScale)
	}
	return 1
}

// feature is one hashed feature: its bucket hash (before masking) and value.
type feature struct {
	h uint32
	v float32
}

// extractor builds the features of one input. name, when set, is called
// with each feature's readable name (for explanations); it is nil on the
// hot path, where names are hashed without being built.
type extractor struct {
	cfg   Config
	vocab map[string]bool
	jab   *jabScorer // nil: no jab feature
	out   []feature
	name  func(h uint32, name string, v float32)
}

// add records feature prefix+parts (joined by '|') with value v.
func (e *extractor) add(v float32, prefix string, parts ...string) {
	h := fnv1a.String(fnv1a.Offset, prefix)
	for _, p := range parts {
		h = fnv1a.Byte(h, '|')
		h = fnv1a.String(h, p)
	}
	e.out = append(e.out, feature{h, v})
	if e.name != nil {
		e.name(h, prefix+"|"+strings.Join(parts, "|"), v)
	}
}

// token kinds.
const (
	tokWord = iota
	tokName
	tokNum
	tokPunct
)

type token struct {
	s     string // normalised text: lower-case word, <name>, a number shape, or punctuation
	kind  int
	start bool // first token of a sentence
}

// tokens splits a draft into normalised tokens. A capitalised word that is
// not in the vocabulary of words the corpus writes in lower case, or that
// sits mid-sentence, is a name (<name>); a token with digits becomes its
// shape with every digit run as 0 ("$48,000" -> "$0,0", "Q3" -> "q0").
func tokens(s string, vocab map[string]bool, buf []token) []token {
	start := true
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\n':
			start = true
			i += n
		case isSpace(r):
			i += n
		case isLetter(r) || isDigit(r):
			j := i
			digit, upper, allUpper, letters := false, isUpper(r), true, 0
			for j < len(s) {
				r2, n2 := rune(s[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, n2 = utf8.DecodeRuneInString(s[j:])
				}
				if isDigit(r2) {
					digit = true
					j += n2
					continue
				}
				if isLetter(r2) {
					letters++
					if !isUpper(r2) {
						allUpper = false
					}
					j += n2
					continue
				}
				if r2 >= utf8.RuneSelf && unicode.IsMark(r2) {
					j += n2
					continue
				}
				// Keep an apostrophe, or a decimal point, comma or colon between digits, inside the token.
				if j+1 < len(s) && (r2 == '\'' || (digit && (r2 == '.' || r2 == ',' || r2 == ':'))) {
					r3, _ := utf8.DecodeRuneInString(s[j+1:])
					if isLetter(r3) || (digit && isDigit(r3)) {
						j += n2
						continue
					}
				}
				break
			}
			w := s[i:j]
			t := token{start: start}
			lw := strings.ToLower(w)
			switch {
			case digit:
				t.s, t.kind = numberShape(lw), tokNum
			case upper && lw != "i" && !strings.HasPrefix(lw, "i'") && (!start || !vocab[lw]) && !(allUpper && letters > 1 && vocab[lw]):
				t.s, t.kind = "<name>", tokName
			default:
				t.s, t.kind = lw, tokWord
			}
			buf = append(buf, t)
			start = false
			i = j
		default:
			// Punctuation: sentence ends and the marks that carry tone.
			p := ""
			switch r {
			case '?':
				p = "?"
			case '!':
				p = "!"
			case '.':
				if strings.HasPrefix(s[i:], "...") {
					p, n = "...", 3
				} else {
					p = "."
				}
			case '…':
				p = "..."
			case ':', ';', '(', ')', '[', ']', '—', '–', '"', ',':
				p = string(r)
			default:
				if r > 0x2000 && !unicode.IsPunct(r) {
					p = "<sym>" // emoji and other symbols
				}
			}
			if p != "" {
				buf = append(buf, token{s: p, kind: tokPunct, start: start})
				if p == "." || p == "?" || p == "!" || p == "..." {
					start = true
				}
			}
			i += n
		}
	}
	return buf
}

// ASCII fast paths of the unicode predicates, small enough to inline (the
// tokenizer calls them for every byte); other runes take the slow path.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		r |= 0x20 // ASCII upper case to lower case; no other ASCII rune becomes a letter
		return 'a' <= r && r <= 'z'
	}
	return slowIsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return slowIsDigit(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return slowIsUpper(r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' && asciiSpace&(1<<uint(r)) != 0
	}
	return slowIsSpace(r)
}

// asciiSpace has the bits of space, tab, CR, VT and FF (not newline, which
// the tokenizer reads as a line start).
const asciiSpace = 1<<' ' | 1<<'\t' | 1<<'\r' | 1<<'\v' | 1<<'\f'

//go:noinline
func slowIsLetter(r rune) bool { return unicode.IsLetter(r) }

//go:noinline
func slowIsDigit(r rune) bool { return unicode.IsDigit(r) }

//go:noinline
func slowIsUpper(r rune) bool { return unicode.IsUpper(r) }

//go:noinline
func slowIsSpace(r rune) bool { return unicode.IsSpace(r) }

// numberShape maps every run of digits to a single 0.
func numberShape(w string) string {
	var b strings.Builder
	prevDigit := false
	for _, r := range w {
		if unicode.IsDigit(r) {
			if !prevDigit {
				b.WriteByte('0')
			}
			prevDigit = true
			continue
		}
		prevDigit = false
		b.WriteRune(r)
	}
	return b.String()
}

// bucket returns a small integer's bucket label: 0, 1, 2, 3-4, 5-8, 9-16, ...
func bucket(n int) string {
	switch {
	case n <= 2:
		return strconv.Itoa(n)
	case n <= 4:
		return "3-4"
	case n <= 8:
		return "5-8"
	case n <= 16:
		return "9-16"
	case n <= 32:
		return "17-32"
	case n <= 64:
		return "33-64"
	case n <= 128:
		return "65-128"
	}
	return "129+"
}

// stop words are skipped when comparing the situation with the draft.
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as is are was were be been
	being it its this that these those we you they he she i me my our your their them us his her not no do does did
	have has had will would can could should may might must just so than then there here what which who when where why
	how all any some more most very also about into over after before up out off only own same too again once s t don
	wants want asks asked says said wants needs need get got make made let lets`) {
		stop[w] = true
	}
}

// extract builds every feature of in, in a fixed order.
func (e *extractor) extract(in Input, buf []token) []token {
	cfg := e.cfg
	e.add(1, "bias")
	toks := tokens(in.Draft, e.vocab, buf[:0])
	words := 0
	ws := cfg.wordValue()
	// Word n-grams, with sentence starts marked. On the hot path (no
	// names wanted) a word's and a pair's hashes go on from the hash of
	// "w|" and of "b|"+prev1+"|", kept from the token before, rather than
	// hashing their prefixes again: FNV-1a is hashed byte after byte, so
	// the hashes are add's.
	fast := e.name == nil
	wPrefix := fnv1a.Byte(fnv1a.String(fnv1a.Offset, "w"), '|')
	bPrefix := fnv1a.Byte(fnv1a.String(fnv1a.Offset, "b"), '|')
	sentStart := fnv1a.Byte(fnv1a.String(bPrefix, "<s>"), '|')
	prevB := sentStart // the hash of "b|"+prev1+"|"
	prev1, prev2 := "<s>", ""
	for i, t := range toks {
		if t.start {
			prev1, prev2 = "<s>", ""
			prevB = sentStart
		}
		if t.kind != tokPunct {
			words++
		}
		if fast {
			e.out = append(e.out, feature{fnv1a.String(wPrefix, t.s), ws})
		} else {
			e.add(ws, "w", t.s)
		}
		if cfg.WordNGrams >= 2 {
			if fast {
				e.out = append(e.out, feature{fnv1a.String(prevB, t.s), ws})
			} else {
				e.add(ws, "b", prev1, t.s)
			}
			prevB = fnv1a.Byte(fnv1a.String(bPrefix, t.s), '|')
		}
		if cfg.WordNGrams >= 3 && prev2 != "" {
			e.add(ws, "t", prev2, prev1, t.s)
		}
		if t.start && t.kind == tokWord {
			e.add(ws, "s", t.s)
		}
		prev2, prev1 = prev1, t.s
		if cfg.CharNGrams && t.kind == tokWord {
			e.charGrams(t.s)
		}
		_ = i
	}
	if cfg.Shape {
		q, ex, ell, sig, names, nums, sents := 0, 0, 0, 0, 0, 0, 0
		for i, t := range toks {
			switch {
			case t.s == "?":
				q++
			case t.s == "!":
				ex++
			case t.s == "...":
				ell++
			case t.s == "[" && i+1 < len(toks) && strings.HasPrefix(toks[i+1].s, "sigh"):
				sig++
			case t.kind == tokName:
				names++
			case t.kind == tokNum:
				nums++
			}
			if t.start {
				sents++
			}
		}
		e.add(1, "z:words", bucket(words))
		e.add(1, "z:sents", bucket(sents))
		e.add(1, "z:q", bucket(q))
		e.add(1, "z:!", bucket(ex))
		e.add(1, "z:...", bucket(ell))
		e.add(1, "z:sigh", bucket(sig))
		e.add(1, "z:nums", bucket(nums))
		e.add(1, "z:names", bucket(names))
		if n := len(toks); n > 0 {
			e.add(1, "z:last", toks[n-1].s)
		}
		if cfg.Setting {
			e.add(1, "zk:words", in.Stakes, bucket(words))
			e.add(1, "zk:q", in.Stakes, bucket(q))
		}
	}
	if cfg.Jab && e.jab != nil {
		b := jabBucket(e.jab.worst(toks))
		e.add(1, "jab", b)
		if cfg.Setting {
			e.add(1, "jabk", in.Stakes, b)
		}
	}
	if cfg.Setting {
		e.add(1, "k", in.Stakes)
		e.add(1, "a", in.Audience)
		e.add(1, "ka", in.Stakes, in.Audience)
	}
	if cfg.Cues {
		for _, c := range in.Cues {
			v := float32(c.Value)
			e.add(v, "c", c.Name)
			if cfg.Setting {
				e.add(v, "ck", in.Stakes, c.Name)
				e.add(v, "ca", in.Audience, c.Name)
			}
		}
	}
	if cfg.Situation && in.Situation != "" {
		e.situation(in, toks)
	}
	return toks
}

// charGrams adds the 3- to 5-character grams of word w, with ^ and $ at
// its edges.
func (e *extractor) charGrams(w string) {
	if len(w) > 24 {
		return
	}
	var a [28]byte
	b := append(append(append(a[:0], '^'), w...), '$')
	for n := 3; n <= 5; n++ {
		for i := 0; i+n <= len(b); i++ {
			h := fnv1a.String(fnv1a.Offset, "g")
			h = fnv1a.Byte(h, '|')
			for _, c := range b[i : i+n] {
				h = fnv1a.Byte(h, c)
			}
			e.out = append(e.out, feature{h, 0.5})
			if e.name != nil {
				e.name(h, "g|"+string(b[i:i+n]), 0.5)
			}
		}
	}
}

// situation adds what the situation's content words are and whether the
// draft uses them: a risk or gap named there and never in the draft is
// the situation-only failure.
func (e *extractor) situation(in Input, draft []token) {
	inDraft := make(map[string]bool, len(draft))
	for _, t := range draft {
		if t.kind == tokWord && len(t.s) >= 4 {
			inDraft[stem(t.s)] = true
		}
	}
	st := tokens(in.Situation, e.vocab, nil)
	seen, used, total := map[string]bool{}, 0, 0
	for _, t := range st {
		if t.kind != tokWord || len(t.s) < 4 || stop[t.s] {
			continue
		}
		s := stem(t.s)
		if seen[s] {
			continue
		}
		seen[s] = true
		total++
		mark := "n"
		if inDraft[s] {
			mark, used = "y", used+1
		}
		e.add(e.cfg.wordValue(), "o", t.s, mark)
	}
	if total > 0 {
		share := used * 4 / total // 0..4
		e.add(1, "o:share", strconv.Itoa(share))
		e.add(1, "o:sharek", in.Stakes, strconv.Itoa(share))
	}
	// The sentences of the situation that name a gap, a risk or a decision,
	// and how much of each the draft speaks to: "it has no offline mode"
	// with no word of "offline" in the reply is the situation-only failure.
	for _, sent := range splitSituation(st) {
		class := ""
		for _, t := range sent {
			if c, ok := situationMarker(t.s); ok {
				class = c
				break
			}
		}
		if class == "" {
			continue
		}
		n, hit := 0, 0
		for _, t := range sent {
			if t.kind != tokWord || len(t.s) < 4 || stop[t.s] {
				continue
			}
			n++
			if inDraft[stem(t.s)] {
				hit++
			}
		}
		if n == 0 {
			continue
		}
		share := strconv.Itoa(hit * 4 / n)
		e.add(1, "sg", class, share)
		e.add(1, "sgk", class, in.Stakes, share)
	}
}

// splitSituation cuts a situation's tokens into sentences and bracketed
// asides.
func splitSituation(toks []token) [][]token {
	var out [][]token
	start := 0
	for i, t := range toks {
		if t.kind == tokPunct && (t.s == "." || t.s == "?" || t.s == "!" || t.s == "(" || t.s == ")" || t.s == ";" || t.s == "[" || t.s == "]") {
			if i > start {
				out = append(out, toks[start:i])
			}
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// situationMarker classes the words that mark a situation's sentence as
// naming a gap (what the product or team lacks), a risk, or a decision
// already made.
func situationMarker(w string) (string, bool) {
	switch w {
	case "not", "no", "cannot", "can't", "doesn't", "don't", "isn't", "aren't", "won't", "hasn't", "haven't", "lacks", "lack",
		"missing", "without", "only", "yet", "unsupported", "never":
		return "gap", true
	case "risk", "risks", "hazard", "unsafe", "fail", "fails", "failed", "failing", "breach", "illegal", "danger", "dangerous",
		"expired", "broken", "known", "knows", "know", "violates", "violate", "exceed", "exceeds", "over", "below", "late", "short":
		return "risk", true
	case "decided", "final", "decision", "approved", "agreed", "overruled", "settled", "signed", "confirmed", "twice", "already":
		return "decided", true
	}
	return "", false
}

// stem is a crude suffix strip, enough to match "deploying" with "deploy".
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s", "ly"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
