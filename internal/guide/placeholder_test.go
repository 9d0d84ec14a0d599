package guide

import (
	"slices"
	"testing"
)

func TestPlaceholdersFind(t *testing.T) {
	p := &Default().Placeholders
	tests := []struct {
		text string
		want []string
	}{
		{"What I'd suggest instead is [what you can offer instead]. Would that work for you?", []string{"[what you can offer instead]"}},
		{"Hi [CFO's name], I can't book it this quarter.", []string{"[CFO's name]"}},
		{"Right now, my current priorities are: [list them in order].", []string{"[list them in order]"}},
		{"I will apply a rush fee of (insert amount).", []string{"(insert amount)"}},
		{"I'd have thought Sally's ____ were a better fit.", []string{"____"}},
		{"[sighs] Fine. We'll do it your way.", nil},
		{"Sure, if that's what you want... [heavy sigh] I guess we can squeeze it in.", nil},
		{"We ship Thursday (after the review) or Monday.", nil},
		{"I can take two of the six weekends if the rest are shared.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range p.Find(tt.text) {
			got = append(got, tt.text[r[0]:r[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestPlaceholdersValidate: an example the patterns miss is a load error.
func TestPlaceholdersValidate(t *testing.T) {
	p := Placeholders{Patterns: []string{`\[[^\]]+\]`}, Examples: []string{"(insert amount)"}}
	if err := p.validate(); err == nil {
		t.Error("an example with no placeholder the patterns find: no error")
	}
}
