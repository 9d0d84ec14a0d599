// Package draft validates the text a user gives the tools and maps byte
// offsets to the character offsets every span in this project reports.
//
// A span's Start and End are offsets in Unicode code points (runes) into the
// text exactly as given, End exclusive: in JavaScript terms they index
// Array.from(text), in Python terms text[start:end]. They stay correct with
// accents, emoji and curly quotes.
package draft

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxChars is the largest draft, in characters, any tool accepts.
const MaxChars = 20000

// Sentinel errors for bad input; callers branch on them with errors.Is.
var (
	ErrEmpty       = errors.New("the draft is empty")
	ErrTooLong     = errors.New("the draft is too long")
	ErrInvalidUTF8 = errors.New("the draft is not valid UTF-8")
	// ErrTooMany: a list argument (facts, values) has more items than
	// its limit.
	ErrTooMany = errors.New("too many items")
)

// LimitError is an argument past one of its limits: a text with more
// characters than its maxLength (it matches ErrTooLong), a list with more
// items or an object with more fields than allowed (ErrTooMany).
type LimitError struct {
	Field      string // as the caller knows it: "facts", "fact 3", "values"
	Got, Limit int
	Unit       string // "characters", "items", "fields"
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s has %d %s; the limit is %d", e.Field, e.Got, e.Unit, e.Limit)
}

// Is makes a LimitError match ErrTooLong or ErrTooMany.
func (e *LimitError) Is(target error) bool {
	if e.Unit == "characters" {
		return target == ErrTooLong
	}
	return target == ErrTooMany
}

// Validate reports why text cannot be checked, or nil. The messages say what
// to do about it.
func Validate(text string) error {
	if !utf8.ValidString(text) {
		return fmt.Errorf("%w: re-save it as UTF-8 text and try again", ErrInvalidUTF8)
	}
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("%w: pass the message you want to send", ErrEmpty)
	}
	if n := utf8.RuneCountInString(text); n > MaxChars {
		return fmt.Errorf("%w: %d characters, the limit is %d; check one message at a time", ErrTooLong, n, MaxChars)
	}
	return nil
}

// Span is a stretch of the text, in characters (see the package comment).
type Span struct {
	Start int    `json:"start" jsonschema:"description=Offset of the first character (Unicode code point) of the span in the draft as given\\, counting from 0."`
	End   int    `json:"end" jsonschema:"description=Offset just past the last character of the span (exclusive)."`
	Text  string `json:"text" jsonschema:"description=The text the span covers."`
}

// Index maps byte offsets of one text to character offsets. Build it once
// per text; lookups are O(log n).
type Index struct {
	text string
	// byteAt[i] is the byte offset of rune i; only built for non-ASCII text.
	byteAt []int
}

// NewIndex builds an Index for text.
func NewIndex(text string) *Index {
	ix := &Index{text: text}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ix.byteAt = make([]int, 0, len(text))
			for off := range text {
				ix.byteAt = append(ix.byteAt, off)
			}
			break
		}
	}
	return ix
}

// Rune returns the character offset of byte offset b (b is clamped to the
// text and rounded down to a rune boundary).
func (ix *Index) Rune(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(ix.text) {
		if ix.byteAt == nil {
			return len(ix.text)
		}
		return len(ix.byteAt)
	}
	if ix.byteAt == nil {
		return b
	}
	lo, hi := 0, len(ix.byteAt)
	for lo < hi {
		m := (lo + hi) / 2
		if ix.byteAt[m] <= b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// Span turns a byte range [start, end) of the indexed text into a Span.
func (ix *Index) Span(start, end int) Span {
	start = max(0, min(start, len(ix.text)))
	end = max(start, min(end, len(ix.text)))
	return Span{Start: ix.Rune(start), End: ix.Rune(end), Text: ix.text[start:end]}
}
