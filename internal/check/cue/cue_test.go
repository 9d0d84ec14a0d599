package cue

import (
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestWordLead(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{`\btrust me\b`, []string{"trust me"}},
		{`\b(?:a|one)[- ]week\b`, []string{"a-week", "a week", "one-week", "one week"}},
		{`\bI'?d recommend`, []string{"i'd recommend", "id recommend"}},
		{`\b(?:a |an )?pilot\b`, []string{"a pilot", "an pilot", "pilot"}},
		{`[^.]*\?`, nil},
		{`'(?:d|ll) cost`, nil},
		{`^no\b`, nil},
		{`\bfoo|bar`, nil},
	}
	for _, tt := range tests {
		c, err := Compile("t", []guide.Cue{{Pattern: tt.pattern}})
		if err != nil {
			t.Fatal(err)
		}
		got := c.cues[0].lead
		if len(got) != len(tt.want) {
			t.Errorf("%s: lead %q, want %q", tt.pattern, got, tt.want)
			continue
		}
		for _, w := range tt.want {
			if !contains(got, w) {
				t.Errorf("%s: lead %q lacks %q", tt.pattern, got, w)
			}
		}
	}
}

// TestIndexedMatchAgrees checks the indexed matcher against plain regexp
// search, cue by cue, on every example and a sample of the corpus: the index is an
// optimisation and must not change what matches.
func TestIndexedMatchAgrees(t *testing.T) {
	texts := []string{"TRUST ME. I'VE BEEN DOING THIS FOR 10 YEARS!", "Ñandú: we'd need to wait; it's your call?", "no", "No. Nope, nope."}
	for _, e := range guide.Default().Examples {
		texts = append(texts, e.Text)
	}
	corpusWide(t)
	cs := corpusCases(t)
	for i, k := range cs {
		if i%8 == 0 { // a sample of the corpus: every cue against a text costs
			texts = append(texts, k.Text)
		}
	}
	rules := guideRules(t)
	ix := NewIndex(rules)
	checked := 0
	for _, text := range texts {
		tx := NewText(text, ix, new(Scratch))
		for _, r := range rules {
			for _, cu := range r.cues {
				if cu.sentence {
					continue
				}
				got := cu.match(tx, nil)
				want := cu.re.get().FindAllStringIndex(text, -1)
				if cu.id >= 0 {
					// Indexed cues match within a sentence ($ is its end).
					want = nil
					for _, s := range tx.sents {
						for _, m := range cu.re.get().FindAllStringIndex(text[s[0]:s[1]], -1) {
							want = append(want, []int{s[0] + m[0], s[0] + m[1]})
						}
					}
				}
				if cu.kind != guide.CueOccurrence && len(want) > 1 {
					want = want[:1]
				}
				if len(got) != len(want) {
					t.Errorf("%s %q on %q: indexed %v, regexp %v", r.ID, cu.re, text, got, want)
					continue
				}
				for i := range got {
					if got[i].Start != want[i][0] || got[i].End != want[i][1] {
						t.Errorf("%s %q on %q: indexed %v, regexp %v", r.ID, cu.re, text, got, want)
					}
				}
				checked++
			}
		}
	}
	t.Logf("%d cue/text pairs agree", checked)
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"No. That won't work!", []string{"No.", "That won't work!"}},
		{"  Really?  Yes…\nOK", []string{"Really?", "Yes…", "OK"}},
		{`He said "stop." Then left.`, []string{`He said "stop."`, "Then left."}},
		{"Version 2.5 ships. Fine", []string{"Version 2.5 ships.", "Fine"}},
		{"“Trust me,” she said.", []string{"“Trust me,” she said."}},
		{"Wait... what?!", []string{"Wait...", "what?!"}},
		{"", nil},
		// The rewrite reads the same sentences (draft.Split).
		{"Dr. Patel wants it Friday; fine.", []string{"Dr. Patel wants it Friday; fine."}},
		{"Use a pilot, e.g. the core flows. Then expand.", []string{"Use a pilot, e.g. the core flows.", "Then expand."}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range sentences(tt.text) {
			got = append(got, tt.text[s[0]:s[1]])
		}
		if len(got) != len(tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("sentences(%q) = %q, want %q", tt.text, got, tt.want)
				break
			}
		}
	}
}
