package rewrite

import (
	"fmt"
	"strings"

	"github.com/pushback/pushback/internal/draft"
)

// unnoted returns a note for each sentence of the draft that the rewrite
// neither keeps (half its content words survive, all of one with two or
// fewer) nor names in one of notes: nothing leaves a draft without the
// person being told ("Lift stops." once went as a scrap, and no note said
// so).
func unnoted(draftText, text string, notes []string) []string {
	kept := contentWords(text)
	var out []string
	for _, s := range draft.Split(draftText) {
		cw := contentWords(s.Text)
		if len(cw) == 0 {
			continue
		}
		n := 0
		for w := range cw {
			if kept[w] {
				n++
			}
		}
		// (Half its words, or all of a short one: "Lift stops." is not
		// kept by "that lift".)
		if len(cw) > 2 && 2*n >= len(cw) || n == len(cw) || namedIn(notes, s.Text) {
			continue
		}
		out = append(out, fmt.Sprintf("left out %q: the rewrite found no place for it; add it back if it matters", clip(strings.TrimSpace(s.Text), 80)))
	}
	return out
}

// namedIn reports whether a note quotes part of sentence s (notes quote
// what they left out: `left out "No.": a flat no`).
func namedIn(notes []string, s string) bool {
	for _, n := range notes {
		for rest := n; ; {
			i := strings.IndexByte(rest, '"')
			if i < 0 {
				break
			}
			j := strings.IndexByte(rest[i+1:], '"')
			if j < 0 {
				break
			}
			q := strings.TrimSpace(strings.TrimSuffix(rest[i+1:i+1+j], "…"))
			if q != "" && (strings.Contains(s, q) || strings.Contains(q, strings.TrimSpace(s))) {
				return true
			}
			rest = rest[i+1+j+1:]
		}
	}
	return false
}
