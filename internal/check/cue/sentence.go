package cue

import "github.com/pushback/pushback/internal/draft"

// sentences splits text into sentence byte ranges [start, end), trimmed of
// surrounding space, with the project's one segmenter (draft.SentenceSpans),
// so the checker and the rewrite read the same sentences.
func sentences(text string) [][2]int { return draft.SentenceSpans(text) }

// sentenceAt returns the sentence holding byte offset b, or [b, b) when
// none does.
func sentenceAt(sents [][2]int, b int) [2]int {
	if i := draft.SentenceAt(sents, b); i >= 0 {
		return sents[i]
	}
	return [2]int{b, b}
}
