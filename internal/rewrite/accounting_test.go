package rewrite

import (
	"slices"
	"testing"
)

// TestUnnoted: a sentence of the draft that the rewrite neither keeps nor
// names in a note gets a note of its own; one kept (half its content
// words), reworded with its words, or already named does not.
func TestUnnoted(t *testing.T) {
	tests := []struct {
		name, draft, text string
		notes, want       []string
	}{
		{
			name:  "a scrap left out without a word",
			draft: "Wind reading 38 knots, limit for that lift is 30. Lift stops. We go again at 0400.",
			text:  "Wind reading 38 knots, limit for that lift is 30. We go again at 0400.",
			want:  []string{`left out "Lift stops.": the rewrite found no place for it; add it back if it matters`},
		},
		{
			name:  "named in a note already",
			draft: "No. Stay on the desk. Kadeem's going.",
			text:  "Kadeem's going. Could you stay on the desk?",
			notes: []string{`left out "No.": a flat no; the rewrite says what is at stake instead`},
		},
		{
			name:  "kept in other words",
			draft: "Cut it and you'll lose the ads. Truck goes Tues and Fri.",
			text:  "If we cut it, we'll lose the ads. The truck goes Tuesday and Friday.",
		},
		{
			name:  "a note quoting part of the sentence",
			draft: "Absolutely not, are you out of your mind? The KCl stays in pharmacy.",
			text:  "The KCl stays in pharmacy.",
			notes: []string{`left out "Absolutely not, are you out of your mind?": insult, contempt or threat`},
		},
		{
			name:  "two left out, each named",
			draft: "Twice. Not both. We can do Friday at 9.",
			text:  "We can do Friday at 9.",
			want: []string{`left out "Twice.": the rewrite found no place for it; add it back if it matters`,
				`left out "Not both.": the rewrite found no place for it; add it back if it matters`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unnoted(tt.draft, tt.text, tt.notes); !slices.Equal(got, tt.want) {
				t.Errorf("unnoted()\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
