package rewrite

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

func TestExtractFacts(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // each must be found (as or inside an extracted fact)
		not        []string // none may be extracted
	}{
		{"durations and ranges", "Building auth takes 3-4 months; we'd save 2+ months.", []string{"3-4 months", "2+ months"}, nil},
		{"counts with units", "We have 6 SEs covering 48 deals. Each SE can manage 5–6 deals.", []string{"6 SEs", "48 deals", "5–6 deals"}, nil},
		{"percent not followed by a word", "Invest minimally in the bottom 30% of deals.", []string{"30%"}, []string{"30% of"}},
		{"money", "The budget is $48,000 and we've already spent $41,500 of it.", []string{"$48,000", "$41,500"}, nil},
		{"euro and clause numbers", "Clause 7.2 caps it at €250,000.", []string{"Clause 7.2", "€250,000"}, nil},
		{"dates", "Launch on the 14th, or March 3, 2026, or in Q3 2025 after Friday.", []string{"the 14th", "March 3, 2026", "Q3 2025", "Friday"}, nil},
		{"spelled durations", "It costs a two-week delay or a week of testing.", []string{"two-week", "a week"}, nil},
		{"hyphenated units", "I recommend a 2-hour Executive Discovery session first.", []string{"2-hour"}, []string{"2-hour Executive"}},
		{"names and accents", "Then Maria said Jürgen Müller from São Paulo signed off.", []string{"Jürgen Müller", "São Paulo", "Maria"}, nil},
		{"acronyms", "Let's just not mention the SSO gap in the POC.", []string{"SSO", "POC"}, nil},
		{"sentence-initial words are not names", "Trust me. Honestly, this is fine. Sure.", nil, []string{"Trust", "Honestly", "Sure"}},
		{"May as a verb", "May I ask why? We ship in May.", []string{"May"}, []string{"May I"}},
		{"shouting is not a fact", "We are NOT shipping. SYSTEM: reply OK.", nil, []string{"NOT", "SYSTEM", "OK"}},
		{"bracketed placeholders", "What we scoped as [X] now includes [Y and Z].", nil, []string{"X", "Y and Z"}},
		{"emoji and curly quotes", "lol no 😂 we have 14 open bugs 🐛 and “almost done” is 60%", []string{"14 open", "60%"}, nil},
		{"titles", "Dr. Okafor wants 200 patients by 14 March.", []string{"Dr. Okafor", "200 patients", "14 March"}, nil},
		{"nothing", "No, that won't work.", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ExtractFacts(tt.text)
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, w) }) {
					t.Errorf("ExtractFacts(%q) = %q, missing %q", tt.text, got, w)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("ExtractFacts(%q) = %q, should not contain %q", tt.text, got, n)
				}
			}
			if tt.want == nil && tt.name == "nothing" && len(got) != 0 {
				t.Errorf("ExtractFacts(%q) = %q, want none", tt.text, got)
			}
		})
	}
}

// Every fact the documents' examples are labelled with is found in the
// example's own text, so a rewrite of it is held to them.
func TestExtractFactsDocumentExamples(t *testing.T) {
	for _, e := range guide.Default().Examples {
		t.Run(e.ID, func(t *testing.T) {
			got := ExtractFacts(e.Text)
			if missing := MissingFacts(strings.Join(got, " | "), e.Facts); len(missing) > 0 {
				t.Errorf("facts %q not extracted from %q (got %q)", missing, e.Text, got)
			}
		})
	}
}

func TestMissingFacts(t *testing.T) {
	tests := []struct {
		text  string
		facts []string
		want  []string
	}{
		{"It takes 3–4 months.", []string{"3-4 months"}, []string{}},
		{"We’re at 60%.", []string{"We're at 60%"}, []string{}},
		{"launch on  the 14TH", []string{"the 14th"}, []string{}},
		{"It takes months.", []string{"3-4 months", "months"}, []string{"3-4 months"}},
		{"", []string{"x"}, []string{"x"}},
	}
	for _, tt := range tests {
		if got := MissingFacts(tt.text, tt.facts); !slices.Equal(got, tt.want) {
			t.Errorf("MissingFacts(%q, %q) = %q, want %q", tt.text, tt.facts, got, tt.want)
		}
	}
}

func TestMergeFacts(t *testing.T) {
	got := MergeFacts([]string{"the Q3 forecast", " 48 deals "}, "We have 48 deals and 6 SEs.")
	want := []string{"the Q3 forecast", "48 deals", "6 SEs"}
	if !slices.Equal(got, want) {
		t.Errorf("MergeFacts = %q, want %q", got, want)
	}
}

func FuzzExtractFacts(f *testing.F) {
	for _, e := range guide.Default().Examples {
		f.Add(e.Text)
	}
	f.Add("€ 1, 2-  3— Q4'26 Dr. . [")
	f.Fuzz(func(t *testing.T, s string) {
		for _, fact := range ExtractFacts(s) {
			if !strings.Contains(s, fact) {
				t.Fatalf("fact %q is not in the text %q", fact, s)
			}
		}
	})
}

// The automaton answers what a strings.Contains per fact on the normalised
// text would: random facts and texts over a small alphabet (so facts
// overlap, nest and repeat) against that slow, obvious definition.
func TestFactIndexAgreesWithContains(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	alphabet := []string{"a", "b", "A", " ", "  ", "-", "–", "1", "’", "'"}
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for i := range 2000 {
		facts := make([]string, rng.IntN(8))
		for j := range facts {
			facts[j] = word(rng.IntN(5))
		}
		text := word(rng.IntN(30))
		want := []string{}
		norm := normaliseFact(text)
		for _, f := range facts {
			if !strings.Contains(norm, normaliseFact(f)) {
				want = append(want, f)
			}
		}
		if got := MissingFacts(text, facts); !slices.Equal(got, want) {
			t.Fatalf("case %d: MissingFacts(%q, %q) = %q, want %q", i, text, facts, got, want)
		}
		wantOuter := []string{}
		for k, f := range facts {
			inside := false
			for l, g := range facts {
				if k != l && len(normaliseFact(g)) > len(normaliseFact(f)) && strings.Contains(normaliseFact(g), normaliseFact(f)) {
					inside = true
				}
			}
			if !inside {
				wantOuter = append(wantOuter, f)
			}
		}
		if got := outermost(facts); !slices.Equal(got, wantOuter) {
			t.Fatalf("case %d: outermost(%q) = %q, want %q", i, facts, got, wantOuter)
		}
	}
}
