package rewrite

import (
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The hand-written readers below stand for an expression or a chain of
// library calls that cost a rewrite more; each is held here to what it
// replaces, on random texts written from parts that reach its edges.

// randomTexts returns n texts of up to most parts each, and the fixed ones.
func randomTexts(seed uint64, n, most int, parts []string, fixed ...string) []string {
	rnd := rand.New(rand.NewPCG(seed, seed+1))
	texts := append([]string{benchDraft, ""}, fixed...)
	for range n {
		var b strings.Builder
		for range rnd.IntN(most + 1) {
			b.WriteString(parts[rnd.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// sampledTexts appends to texts n texts of up to within-1 pieces each:
// one in oneIn a string written from ast, the rest parts.
func sampledTexts(texts []string, rnd *rand.Rand, ast *syntax.Regexp, parts []string, n, within, oneIn int) []string {
	for range n {
		var b strings.Builder
		for range rnd.IntN(within) {
			if rnd.IntN(oneIn) == 0 {
				sample(ast, rnd, &b)
			} else {
				b.WriteString(parts[rnd.IntN(len(parts))])
			}
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestWordSpans(t *testing.T) {
	parts := []string{"a", "Zoë", "e\u0301", "\u0301", "'", "’", "&", ".", "-", " ", "..", "O'Neil", "rock-n-roll", "3", "\xff", "\xe2\x80", "日本", "ǅ", "_", "A.B.", "x-", "-x", "’s", "\u212A", "\n"}
	for _, s := range randomTexts(11, 5000, 12, parts, "a", "-", "a-", "a-b", "ab'", "'ab", "a\u0301b") {
		var want [][2]int
		for _, m := range wordRE.get().FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if got := wordSpans(s); !slices.Equal(got, want) {
			t.Errorf("wordSpans(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNormaliseFactOnePass(t *testing.T) {
	want := func(s string) string {
		return strings.Join(strings.Fields(strings.ToLower(factReplacer.Replace(s))), " ")
	}
	parts := []string{"a", "B", " ", "  ", "\t", "\n", "\v", "\u00a0", "\u2003", "\u0085", "’", "‘", "“", "”", "–", "—", "İ", "Σ", "ǅ", "\u212A", "\xff", "\xe2", "\xe2\x80", "\xe2\x80\x99", "\xc2", "\ufffd", "€18,000", "José", "ß", "x"}
	for _, s := range randomTexts(13, 8000, 10, parts, " ", "\u00a0a\u00a0", "A") {
		if got, w := normaliseFact(s), want(s); got != w {
			t.Errorf("normaliseFact(%q) = %q, want %q", s, got, w)
		}
	}
}

func TestWordCountCounts(t *testing.T) {
	parts := []string{"a", "Bé", " ", "3", "-", "’", "\xff", "\xe2\x80", "日本", "\u0301", "x1", ".", "\n", "٣", "Ⅻ", "_"}
	for _, s := range randomTexts(15, 5000, 10, parts) {
		want := len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if got := wordCount(s); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestHasFacts(t *testing.T) {
	parts := []string{" ", ". ", ", ", "\n", "the ", "we ", "said ", "May", "may ", "March", "march ", "Mar. ", "Jan", "3", "14th", "€18,000", "$", "5 weeks", "two days", "a few hours",
		"Monday", "Fridays", "Q3", "H1 FY24", "SSO", "José", "Martínez", "Dr. ", "Okafor", "No", "Honestly", "I", "ok", "5pm", "30 September", "the 3rd", "clause 7", "-", "x"}
	texts := randomTexts(17, 8000, 6, parts, "May I?", "March on.", "We march in May.", "No.", "Honestly, no.")
	for _, s := range strings.FieldsFunc(benchDraft, func(r rune) bool { return r == '.' || r == ',' }) {
		texts = append(texts, s, strings.TrimSpace(s))
	}
	with := 0
	for _, s := range texts {
		want := len(ExtractFacts(s)) > 0
		if want {
			with++
		}
		if got := hasFacts(s); got != want {
			t.Errorf("hasFacts(%q) = %v, want %v (%q)", s, got, want, ExtractFacts(s))
		}
	}
	if with < len(texts)/4 || with > len(texts)*3/4 {
		t.Errorf("%d of %d texts hold facts: the samples do not weigh both sides", with, len(texts))
	}
}

func TestSegSepsScan(t *testing.T) {
	want := func(s string) [][]int {
		var out [][]int
		for _, m := range segSepRE.get().FindAllStringSubmatchIndex(s, -1) {
			for g := 2; g < len(m); g += 2 {
				if m[g] >= 0 {
					out = append(out, m[g:g+2])
					break
				}
			}
		}
		return out
	}
	ast, err := syntax.Parse(segSepRE.expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(19, 20))
	parts := []string{"a", "x", " ", "  ", "\t", "\n", "\v", "\f", "\r", ",", ";", "-", "—", "–", "which", "who", "you", "your", "youth", "and", "but", "so", "soon", "I", "I'm", "it", "it's", "there", "the", "theirs", "nowhere", "frankly", "_", "9", "\xff", "\xe2\x80", "é", "’"}
	texts := []string{benchDraft, "", " ", ",", ", ", " - ", " — x", " which you", " who yours", " and I", " so theirs", " and  the_"}
	texts = sampledTexts(texts, rnd, ast, parts, 8000, 12, 4)
	matched := 0
	for _, s := range texts {
		got, w := segSeps(s), want(s)
		matched += len(w)
		if !slices.EqualFunc(got, w, slices.Equal[[]int]) {
			t.Errorf("segSeps(%q) = %v, want %v", s, got, w)
		}
	}
	if matched < 3000 {
		t.Errorf("only %d separators in the samples", matched)
	}
}

func TestGarbledOpeningSplit(t *testing.T) {
	for _, w := range linkWords {
		for _, r := range w {
			if f := unicode.SimpleFold(unicode.SimpleFold(r)); f != r {
				t.Errorf("%q in %q folds beyond its ASCII cases", r, w)
			}
		}
	}
	ast, err := syntax.Parse(garbledOpeningRE.expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(21, 22))
	parts := []string{"x", "I", " ", "  ", "\t", "\n", "\v", "\r", ".", "?", "!", "?!", ",", "_", "9", "\xff", "é", "’", "K", "to", "TO", "The", "an", "a", "banana", "into", "upon", "that", "thaT", "from", "asked", "his", "and has to the"}
	texts := []string{"", ".", "to.", " to .  ", "To?", "xto.", "into.", "an.", "a .", "é to!", "_to.", "9 of.", "and that!\n", "or?!", "of.\v"}
	texts = sampledTexts(texts, rnd, ast, parts, 10000, 10, 3)
	matched := 0
	for _, s := range texts {
		want := garbledOpeningRE.get().MatchString(s)
		if want {
			matched++
		}
		if got := garbledNarrationRE.MatchString(s) || garbledAuxRE.MatchString(s) || endsOnLinkWord(s); got != want {
			t.Errorf("split garbledOpeningRE on %q = %v, want %v", s, got, want)
		}
	}
	if matched < len(texts)/5 {
		t.Errorf("only %d of %d texts match", matched, len(texts))
	}
}

func TestFactsNear(t *testing.T) {
	parts := []string{" ", "  ", "\n", "\t", ".", ",", ", ", "-", "'", "’", "_", "x", "9", "12", "3rd", "14th", "of ", "2024", "\xff", "é", "日本",
		"Monday", "Wednesdays", "Sunday", "day", "today", "May", "Mayor", "March", "Sept", "September", "Dec.", "Q3", "Q4 FY'24", "H1", "H2 2025", "FY", "Q5",
		"a", "an", "a few", "several", "ſeveral", "a couple of", "two", "TWO", "hours", "Days", "wee\u212As", "weeks", "ſprint", "sprints", "quarters", "years", "month"}
	for _, a := range factAnchors {
		if a.fold {
			for _, lit := range a.lits {
				for _, r := range lit {
					if f := unicode.SimpleFold(unicode.SimpleFold(r)); f != r {
						t.Errorf("%q in %q folds beyond its ASCII cases", r, lit)
					}
				}
			}
		}
		ast, err := syntax.Parse(a.re.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		rnd := rand.New(rand.NewPCG(23, 24))
		texts := []string{benchDraft, "", "Monday", "5Monday", "3 February", "Q1", "a week"}
		texts = sampledTexts(texts, rnd, ast, parts, 6000, 14, 3)
		matched := 0
		for _, s := range texts {
			want := a.re.get().FindAllStringIndex(s, -1)
			matched += len(want)
			if got := a.findAll(s); !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Errorf("%s near its anchors in %q = %v, want %v", a.re.expr, s, got, want)
			}
		}
		if matched < 1000 {
			t.Errorf("%s: only %d matches in the samples", a.re.expr, matched)
		}
	}
}
