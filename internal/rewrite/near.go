package rewrite

import (
	"slices"
	"strings"
)

// An anchored expression: one whose every match holds one of lits (as
// written, or in any ASCII case when fold is set: the letters of such
// lits have no case-folding beyond ASCII's two cases, which
// TestFactsNear checks), starting at most before bytes ahead of the
// literal's start and ending at most after bytes past it. Its only
// assertions are \b, and it matches no empty string. ExtractFacts runs
// its day, month, quarter and spelled-out expressions on a whole draft;
// the matcher tried each at every byte, where only a few windows around
// the literals can hold a match.
type anchored struct {
	re            *lazyRE
	lits          []string
	fold          bool
	before, after int
}

// findAll is a.re.FindAllStringIndex(text, -1), run only on the windows
// around the literals. A window starts at the text's start or after an
// ASCII byte that is no word character, and ends at the text's end or at
// such a byte: \b reads there as in the whole text, and windows start
// and end on rune boundaries. Every match lies in the window of a literal
// it holds; windows that meet are merged, so a match never spans two,
// and the matches in a window are the whole text's there, found in the
// same order from the same starts. (Each byte is walked over once at
// most in widening the windows, however many literals a word holds:
// "daydayday...".)
func (a *anchored) findAll(text string) [][]int {
	at := a.anchors(text)
	if len(at) == 0 {
		return nil
	}
	var out [][]int
	re := a.re.get()
	flush := func(lo, hi int) {
		for _, m := range re.FindAllStringIndex(text[lo:hi], -1) {
			out = append(out, []int{lo + m[0], lo + m[1]})
		}
	}
	lo, hi := windowStart(text, at[0]-a.before, 0), windowEnd(text, at[0]+a.after)
	for _, p := range at[1:] {
		if s := windowStart(text, p-a.before, hi); s > hi {
			flush(lo, hi) // (a window that does not meet the one before)
			lo = s
		}
		if p+a.after > hi {
			hi = windowEnd(text, p+a.after)
		}
	}
	flush(lo, hi)
	return out
}

// anchors returns where a's literals start in text, in order.
func (a *anchored) anchors(text string) []int {
	hay := text
	if a.fold {
		hay = asciiLower(text)
	}
	var at []int
	for _, lit := range a.lits {
		for i := 0; ; {
			j := strings.Index(hay[i:], lit)
			if j < 0 {
				break
			}
			at = append(at, i+j)
			i += j + 1
		}
	}
	slices.Sort(at)
	return at
}

// asciiLower is s with its ASCII capitals made small, byte for byte
// (offsets in it are s's).
func asciiLower(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// windowStart is the last position at or before p that is the text's
// start or follows an ASCII byte that is no word character, or floor
// when that lies at or before floor (windows up to floor are merged
// anyway).
func windowStart(text string, p, floor int) int {
	if p <= floor {
		return floor
	}
	for p > floor && !edgeByte(text[p-1]) {
		p--
	}
	return p
}

// windowEnd is the first position at or after p that is the text's end
// or holds an ASCII byte that is no word character.
func windowEnd(text string, p int) int {
	if p >= len(text) {
		return len(text)
	}
	for p < len(text) && !edgeByte(text[p]) {
		p++
	}
	return p
}

// edgeByte: a byte a window may end on or start after.
func edgeByte(c byte) bool { return c < 0x80 && !isWordByte(c) }

// matchAll is re.get().FindAllStringIndex(text, -1), through its anchors
// when it has some.
func matchAll(re *lazyRE, text string) [][]int {
	for i := range factAnchors {
		if factAnchors[i].re == re {
			return factAnchors[i].findAll(text)
		}
	}
	return re.get().FindAllStringIndex(text, -1)
}

// factAnchors are ExtractFacts's anchored expressions. The reaches, in
// bytes (\s is one; under (?i) an "s" may be written ſ, two, and a "k"
// the Kelvin sign, three):
//   - weekdayRE: "Wednes" before "day", "days" from its start: 6 and 4;
//   - monthRE: "12th of " before the month, "September. 30th, 2024"
//     from its start: 8 and 21;
//   - quarterRE: the match starts at "Q1" or "H2", "Q4 FY'2024": 0
//     and 10;
//   - spelledRE: "a couple of " and the s of "sprint" before "print",
//     "quarters" from "quarter": 14 and 9 ("wee" stands for "week", a k
//     and an s after it: 8).
var factAnchors = []anchored{
	{re: weekdayRE, lits: []string{"day"}, before: 6, after: 4},
	{re: monthRE, lits: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, before: 8, after: 21},
	{re: quarterRE, lits: []string{"Q1", "Q2", "Q3", "Q4", "H1", "H2"}, before: 0, after: 10},
	{re: spelledRE, lits: []string{"hour", "day", "wee", "month", "quarter", "year", "print"}, fold: true, before: 14, after: 9},
}
