package check

import (
	"sort"

	"github.com/pushback/pushback/internal/draft"
)

// sentences splits text into sentence byte ranges [start, end), trimmed of
// surrounding space, with the project's one segmenter (draft.SentenceSpans),
// so the checker and the rewrite read the same sentences.
func sentences(text string) [][2]int { return draft.SentenceSpans(text) }

// sentenceAt returns the sentence holding byte offset b, or [b, b) when
// none does.
func sentenceAt(sents [][2]int, b int) [2]int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i][1] > b })
	if i < len(sents) && sents[i][0] <= b {
		return sents[i]
	}
	return [2]int{b, b}
}
