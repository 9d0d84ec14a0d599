package cue

import (
	"regexp/syntax"
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// TestSentenceStarts: where a sentence cue's match can begin, read from
// its pattern; nil where some match could begin elsewhere.
func TestSentenceStarts(t *testing.T) {
	tests := []struct {
		pattern              string
		first, skipped, word []string
		none                 bool
	}{
		{pattern: `^(?:no|nope)\W*$`, first: []string{"no", "nope"}},
		{pattern: `^\W*(?:sure|ok(?:ay)?)\b`, skipped: []string{"ok", "okay", "sure"}},
		{pattern: `\bI(?:'m| am) done\W*$`, word: []string{"i am done", "i'm done"}},
		{pattern: `\b(?:you can|^\W*you) go\b`, skipped: []string{"you go"}, word: []string{"you can go"}},
		{pattern: `^(?:(?:but|so)\W+)?no\b`, first: []string{"but", "no", "so"}},
		{pattern: `,\s*(?:great|perfect)\W*$`, none: true}, // anywhere
		{pattern: `^[^?]*\bor\b[^?]*\?`, none: true},       // [^?]* skips words too
		{pattern: `(?m)^no\b`, none: true},                 // a line's start
		{pattern: `^\W*"yes`, none: true},                  // a lead that begins with no word character after \W*
		{pattern: `\b(?-i:É)cole\W*$`, none: true},         // a cased non-ASCII lead
		{pattern: `^(?:no)?\W*$`, none: true},              // can match nothing at all
		{pattern: `\b[\w-]+ it is\W*$`, none: true},        // leads too many to list
	}
	for _, tt := range tests {
		re, err := syntax.Parse("(?i)"+tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		st := sentenceStarts(re.Simplify())
		if tt.none {
			if st != nil {
				t.Errorf("%s: starts %+v, want none", tt.pattern, *st)
			}
			continue
		}
		if st == nil {
			t.Errorf("%s: no starts", tt.pattern)
			continue
		}
		for _, c := range []struct {
			name      string
			got, want []string
		}{{"first", st.first, tt.first}, {"skipped", st.skipped, tt.skipped}, {"word", st.word, tt.word}} {
			if !slices.Equal(c.got, c.want) {
				t.Errorf("%s: %s %q, want %q", tt.pattern, c.name, c.got, c.want)
			}
		}
	}
}

// TestSentenceStartsMatch: a sentence cue skips the sentences its match
// cannot begin in, and only those: it finds what it finds without its
// starts, on a sentence whose start the index does not list (it begins in
// the middle of a word of the text) and on a draft that holds a character
// RE2 folds to an ASCII letter (where the literal prefilter, need, already
// misses "ſure" for "sure").
func TestSentenceStartsMatch(t *testing.T) {
	r, err := Compile("t", []guide.Cue{
		{Pattern: `\bI(?:'m| am) done\W*$`, Scope: guide.ScopeSentence, Kind: guide.CueOccurrence},
		{Pattern: `^\W*(?:sure|ok(?:ay)?)\b`, Scope: guide.ScopeSentence, Kind: guide.CueOccurrence},
		{Pattern: `^\W*(?:ask|ok(?:ay)?)\b`, Scope: guide.ScopeSentence, Kind: guide.CueOccurrence},
	})
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex([]Rule{r})
	tests := []struct {
		text  string
		sents [][2]int // nil: the draft's own
		hits  []int    // per cue
	}{
		{"Sure. Fine, I'm done! -- okay", nil, []int{1, 2, 1}},
		{"Honestly I am done. Whatever.", nil, []int{1, 0, 0}},
		{"Nothing here. Or here.", nil, []int{0, 0, 0}},
		{"\u017fure, i'm done. A\u017fk", nil, []int{1, 0, 0}},
		{"xxI'm done", [][2]int{{2, 10}}, []int{1, 0, 0}}, // a sentence that starts mid-word
	}
	for _, tt := range tests {
		sc := new(Scratch)
		tx := NewText(tt.text, ix, sc)
		if tt.sents != nil {
			tx.sents = tt.sents
			tx.sgrams, tx.sfilled = make([]gramSet, len(tt.sents)), make([]bool, len(tt.sents))
			ix.starts.candidatesAt(tx.lower, tx.sentenceStarts(nil), &sc.starts)
			tx.startOff, tx.starts = sc.starts.off, sc.starts.cands
		}
		for i := range r.cues {
			cu := &r.cues[i]
			got := cu.match(tx, nil)
			st := cu.start
			cu.start = nil
			want := cu.match(tx, nil)
			cu.start = st
			if len(want) != tt.hits[i] {
				t.Fatalf("%q on %q: %d hits without starts, the test says %d", cu.re, tt.text, len(want), tt.hits[i])
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q on %q: hits %v, want %v", cu.re, tt.text, got, want)
			}
		}
	}
}
