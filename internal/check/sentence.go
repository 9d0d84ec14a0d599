package check

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// sentences splits text into sentence byte ranges [start, end), trimmed of
// surrounding space. A sentence ends at ., !, ?, … (and any closing quotes or
// brackets after them) followed by space, or at a line break.
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	add := func(s, e int) {
		for s < e {
			r, n := utf8.DecodeRuneInString(text[s:])
			if !unicode.IsSpace(r) {
				break
			}
			s += n
		}
		for e > s {
			r, n := utf8.DecodeLastRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= n
		}
		if s < e {
			out = append(out, [2]int{s, e})
		}
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '\n' && c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			add(start, i)
			start = i + n
		case r == '.' || r == '!' || r == '?' || r == '…':
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' || r2 == '"' || r2 == '\'' || r2 == '”' || r2 == '’' || r2 == ')' || r2 == ']' {
					j += n2
					continue
				}
				break
			}
			if j >= len(text) {
				add(start, j)
				start = j
			} else if r2, _ := utf8.DecodeRuneInString(text[j:]); unicode.IsSpace(r2) {
				add(start, j)
				start = j
			}
			i = j
			continue
		}
		i += n
	}
	add(start, len(text))
	return out
}

// sentenceAt returns the sentence holding byte offset b, or [b, b) when
// none does.
func sentenceAt(sents [][2]int, b int) [2]int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i][1] > b })
	if i < len(sents) && sents[i][0] <= b {
		return sents[i]
	}
	return [2]int{b, b}
}
