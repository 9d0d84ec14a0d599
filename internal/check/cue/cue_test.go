package cue

import (
	"regexp/syntax"
	"slices"
	"testing"

	"github.com/pushback/pushback/internal/draft"
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

// TestLeadNeed: a cue the index places is skipped, without running its
// regexp, on a draft that lacks a literal every match holds, and only
// then: a literal the case-insensitive regexp matches through the Kelvin
// sign or the long s ("a\u017fk" for "ask") is no reason to skip it, and a
// cased non-ASCII literal (which the ASCII-lowered copy keeps as written)
// is no prefilter at all.
func TestLeadNeed(t *testing.T) {
	tests := []struct {
		pattern, text string
		need          [][]string
		hits          int
	}{
		{`\bplease (?:\w+ )?ask\b`, "Please just ask.", [][]string{{"please "}, {"ask"}}, 1},
		{`\bplease (?:\w+ )?ask\b`, "Please just tell me.", [][]string{{"please "}, {"ask"}}, 0},
		{`\bplease (?:\w+ )?ask\b`, "Please just a\u017fk.", [][]string{{"please "}, {"ask"}}, 1},
		{`\bplease (?:\w+ )?ask now\b`, "Please just as\u212a now.", [][]string{{"please "}, {"ask now"}}, 1},
		{`\bplease (?:\w+ )?(?:ask|tell)\b`, "Please just tell me.", [][]string{{"please "}, {"ask", "tell"}}, 1},
	}
	for _, tt := range tests {
		r, err := Compile("t", []guide.Cue{{Pattern: tt.pattern}})
		if err != nil {
			t.Fatal(err)
		}
		cu := &r.cues[0]
		if !slices.EqualFunc(cu.leadNeed, tt.need, slices.Equal) {
			t.Errorf("%s: leadNeed %q, want %q", tt.pattern, cu.leadNeed, tt.need)
		}
		ix := NewIndex([]Rule{r})
		if got := len(cu.match(NewText(tt.text, ix, new(Scratch)), nil)); got != tt.hits {
			t.Errorf("%s on %q: %d hits, want %d", tt.pattern, tt.text, got, tt.hits)
		}
	}
	need := [][]string{{"é"}, {"cole"}, {"’s", "is"}, {"ß", "ss"}}
	if got, want := foldSafe(need), [][]string{{"cole"}, {"’s", "is"}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("foldSafe(%q) = %q, want %q", need, got, want)
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
	rules := append(guideRules(t), rewriteRules(t)...)
	ix := NewIndex(rules)
	checked := 0
	for _, text := range texts {
		tx := NewText(text, ix, new(Scratch))
		for _, r := range rules {
			for _, cu := range r.cues {
				got := cu.match(tx, nil)
				want := cu.re.get().FindAllStringIndex(text, -1)
				switch {
				case cu.sentence:
					// Sentence cues match each sentence whole.
					want = nil
					for _, s := range tx.sents {
						if cu.re.get().MatchString(text[s[0]:s[1]]) {
							want = append(want, []int{s[0], s[1]})
						}
					}
				case cu.id >= 0:
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

// TestSentences: the checker reads a draft's sentences (a Text's) exactly
// as the rewrite does (draft.Split): one segmenter, so a title or an
// abbreviation ends no sentence for one and a sentence for the other.
func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "No. That won't work!", []string{"No.", "That won't work!"}},
		{"question, ellipsis, line", "  Really?  Yes…\nOK", []string{"Really?", "Yes…", "OK"}},
		{"quote closes", `He said "stop." Then left.`, []string{`He said "stop."`, "Then left."}},
		{"decimal", "Version 2.5 ships. Fine", []string{"Version 2.5 ships.", "Fine"}},
		{"curly quotes", "“Trust me,” she said.", []string{"“Trust me,” she said."}},
		{"three dots", "Wait... what?!", []string{"Wait...", "what?!"}},
		{"empty", "", nil},
		{"Dr.", "Dr. Patel wants it Friday; fine.", []string{"Dr. Patel wants it Friday; fine."}},
		{"Mr. and Ms.", "Mr. Okafor and Ms. Lee sign off. Then we ship.", []string{"Mr. Okafor and Ms. Lee sign off.", "Then we ship."}},
		{"Mrs. at the start", "Mrs. Dube asked twice. She needs it Monday.", []string{"Mrs. Dube asked twice.", "She needs it Monday."}},
		{"Prof.", "Prof. Ito reviews it first. Fine.", []string{"Prof. Ito reviews it first.", "Fine."}},
		{"e.g.", "Use a pilot, e.g. the core flows. Then expand.", []string{"Use a pilot, e.g. the core flows.", "Then expand."}},
		{"i.e. with comma", "The earliest, i.e., the 14th, is too late.", []string{"The earliest, i.e., the 14th, is too late."}},
		{"vs.", "Speed vs. safety is the trade. We pick safety.", []string{"Speed vs. safety is the trade.", "We pick safety."}},
		{"a.m. mid-sentence", "The window opens at 9 a.m. on Monday. We need two.", []string{"The window opens at 9 a.m. on Monday.", "We need two."}},
		{"etc. ends", "Fonts, colours etc. The layout is fine.", []string{"Fonts, colours etc.", "The layout is fine."}},
		{"initial", "Ask J. Smith first. He knows.", []string{"Ask J. Smith first.", "He knows."}},
		{"No. 5", "Ticket No. 5 is open. Fix it.", []string{"Ticket No. 5 is open.", "Fix it."}},
	}
	ix := NewIndex(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var check, rewrite []string
			for _, s := range NewText(tt.text, ix, new(Scratch)).Sentences() {
				check = append(check, tt.text[s[0]:s[1]])
			}
			for _, s := range draft.Split(tt.text) {
				rewrite = append(rewrite, s.Text)
			}
			if !slices.Equal(check, tt.want) {
				t.Errorf("the checker reads %q as %q, want %q", tt.text, check, tt.want)
			}
			if !slices.Equal(rewrite, check) {
				t.Errorf("the rewrite reads %q as %q, the checker as %q", tt.text, rewrite, check)
			}
		})
	}
}

// TestMaxLen: the most bytes a match can span, counting what case folding
// lets a character match (k: the Kelvin sign, 3 bytes; s: the long s, 2).
func TestMaxLen(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{`(?i)\bno\b`, 2},
		{`(?i)\bask\b`, 6},
		{`ask`, 3},
		{`(?i)\b(?:a|one|two) (?:days?|weeks?)\b`, 3 + 1 + 8}, // "weeKſ"
		{`(?i)\byour (?:pick|choice|call)\W*$`, -1},
		{`(?i)\bwe(?: have|'ve got)? \d{1,3}`, 2 + 7 + 1 + 3},
		{`(?i)\bcaf[eé]\b`, 3 + 2},
		{`(?i)\b.{0,2}x`, 2*4 + 1},
		{`(?i)\bsome\w+`, -1},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := maxLen(re.Simplify()); got != tt.want {
			t.Errorf("maxLen(%s) = %d, want %d", tt.pattern, got, tt.want)
		}
	}
}

// TestLiteralRuns: a literal set longer than need's, from consecutive
// fixed parts of a pattern, where there is one.
func TestLiteralRuns(t *testing.T) {
	tests := []struct {
		pattern string
		want    [][]string
	}{
		{`\A\W*(?:[\p{L}'’]+\s+){0,5}[\p{L}'’]+\W*\?\?+\W*$`, [][]string{{"??"}}},
		{`\bcan'?t wait\W*$`, [][]string{{"can't wait", "cant wait"}}},
		{`^[^?]*\bor\b[^?]*\?`, nil},   // need's "or" and "?" are as long
		{`\b(?-i:É)cole\b`, nil},       // a cased non-ASCII literal
		{`(?:great|fine)|\bok\b`, nil}, // no sequence
	}
	for _, tt := range tests {
		r, err := Compile("t", []guide.Cue{{Pattern: tt.pattern, Scope: guide.ScopeSentence}})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.cues[0].runs; !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: runs %q, want %q", tt.pattern, got, tt.want)
		}
	}
}
