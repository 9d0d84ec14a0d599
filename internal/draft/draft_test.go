package draft

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		text string
		want error
	}{
		{"ok", "No, that won't work.", nil},
		{"empty", "", ErrEmpty},
		{"whitespace", " \n\t ", ErrEmpty},
		{"invalid utf8", "caf\xe9", ErrInvalidUTF8},
		{"at limit", strings.Repeat("é", MaxChars), nil},
		{"over limit", strings.Repeat("a", MaxChars+1), ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.text)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("Validate = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestIndexSpan(t *testing.T) {
	tests := []struct {
		text, sub string
		start     int
	}{
		{"plain ascii here", "ascii", 6},
		{"café – “quoted” 👍 done", "done", 18},
		{"👍👍 no", "no", 3},
		{"“No,” she said", "she", 6},
	}
	for _, tt := range tests {
		b := strings.Index(tt.text, tt.sub)
		sp := NewIndex(tt.text).Span(b, b+len(tt.sub))
		if sp.Start != tt.start || sp.End != tt.start+len([]rune(tt.sub)) || sp.Text != tt.sub {
			t.Errorf("%q: span %+v, want start %d", tt.text, sp, tt.start)
		}
		if got := string([]rune(tt.text)[sp.Start:sp.End]); got != tt.sub {
			t.Errorf("%q: rune slice %q, want %q", tt.text, got, tt.sub)
		}
	}
}
