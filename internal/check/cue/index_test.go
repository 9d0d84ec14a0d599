package cue

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// TestLeadIndexAgrees checks the compacted trie against a plain search:
// every (cue, word start, length) where one of the cue's leads occurs, on
// leads that repeat, nest (one a prefix of another), share long prefixes
// and split edges in every order.
func TestLeadIndexAgrees(t *testing.T) {
	leadSets := [][]string{
		{"a week", "a day", "one week", "one day"},
		{"a", "a w", "a week", "a weekend"},
		{"a weekend", "a week", "a"}, // same leads, another cue
		{"week", "weekly", "weekend", "weeks"},
		{"i'd recommend", "id recommend", "i'd rather", "i would"},
		{"trust me", "trust me", "trust"}, // repeats
		{"x"},
		{"no", "not", "nope", "no way", "none"},
	}
	// The embedded guide's cues, too: thousands of leads.
	g := guide.Default()
	var cueLists [][]guide.Cue
	for _, s := range g.Formula.Steps {
		cueLists = append(cueLists, s.Cues)
	}
	for _, s := range g.Signals {
		cueLists = append(cueLists, s.Cues)
	}
	for _, l := range g.Levels {
		cueLists = append(cueLists, l.Cues)
	}
	for _, a := range g.AntiPatterns {
		cueLists = append(cueLists, a.Cues)
	}
	for _, cs := range cueLists {
		r, err := Compile("t", cs)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.cues {
			if c.lead != nil {
				leadSets = append(leadSets, c.lead)
			}
		}
	}
	if len(leadSets) < 100 {
		t.Fatalf("only %d lead sets", len(leadSets))
	}
	ix := newIndex(0)
	for _, set := range leadSets {
		ix.register(&cue{lead: slices.Clone(set)})
	}
	ix.finish()
	texts := []string{
		"a weekend, a week, a day or one week? no way: none, nope, not now",
		"i'd recommend trust me; trust, weekly weeks x xx week",
		"aweek a  week a-week",
		"a",
		"",
		"ñandú: we'd need a week",
	}
	for _, e := range guide.Default().Examples {
		texts = append(texts, lowerASCII(e.Text))
	}
	for _, text := range texts {
		words, all := new(candSet), new(candSet)
		ix.candidates(text, words)
		// candidatesAt, as the sentence-start index is walked, here from
		// every byte.
		var at []int32
		for p := range text {
			at = append(at, int32(p))
		}
		ix.candidatesAt(text, at, all)
		for id, set := range leadSets {
			for _, cs := range []*candSet{words, all} {
				var want []cand
				for p := 0; p < len(text); p++ {
					if cs == words && (!isWordByte(text[p]) || p > 0 && isWordByte(text[p-1])) {
						continue
					}
					var ns []int32
					for _, l := range set {
						if strings.HasPrefix(text[p:], l) && !slices.Contains(ns, int32(len(l))) {
							ns = append(ns, int32(len(l)))
						}
					}
					slices.Sort(ns)
					for _, n := range ns {
						want = append(want, cand{int32(p), n})
					}
				}
				got := cs.cands[cs.off[id]:cs.off[id+1]]
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("leads %q on %q (from every byte: %v): index %v, search %v", set, text, cs == all, got, want)
				}
			}
		}
	}
}
