package cue

import "testing"

// TestGramSetNoFalseNegative: every substring of a text passes the
// trigram filter of that text (the filter may only let absent literals
// through, never keep a present one out), and a literal the text lacks
// is mostly ruled out.
func TestGramSetNoFalseNegative(t *testing.T) {
	texts := []string{
		"i completely understand your frustration, and i appreciate you reaching out. to be transparent, the delay is entirely your team's fault.",
		"nope, need it friday. ask someone else",
		"we're not shipping tonight with the auth bypass open — anyone with a browser can read other customers' invoices.",
		"ok sure lor. just add lah, no problem. i'll squeeze it in somehow like always 🙂",
		"ab",
	}
	absent := []string{"that's on you", "as i've explained", "whatever you want", "not my problem", "zzzq"}
	for _, text := range texts {
		var g gramSet
		g.fill(text)
		for i := 0; i < len(text); i++ {
			for j := i + 1; j <= len(text) && j-i <= 40; j++ {
				if !g.hasAll(trigrams(text[i:j])) {
					t.Fatalf("%q: substring %q ruled out", text, text[i:j])
				}
			}
		}
		for _, a := range absent {
			if g.hasAll(trigrams(a)) {
				t.Errorf("%q: absent %q let through (a collision; rare, but not this often)", text, a)
			}
		}
	}
}
