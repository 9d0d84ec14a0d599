package draft

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the project's one sentence segmenter: the checker reads
// sentences with it, the rewrite reads sentences and their clauses.
//
// A sentence ends at ., !, ?, … (with any closing quotes or brackets after
// them) followed by white space or the end of the text, or at a line break.
// It does not end at:
//   - a title or abbreviation ("Dr. Patel", "e.g. this", "vs. that"; "etc.",
//     "a.m.", "p.m." end one only when a capital follows);
//   - a single capital's full stop before a capitalised word ("J. Smith");
//   - a full stop followed by no white space (decimals "2.5", URLs
//     "example.com/a?b", e-mail addresses, "e.g.,");
//   - a list marker's full stop at the start of a line ("1. Ship Friday",
//     "b. Move the demo"): the item is one sentence with its marker;
//   - a terminator inside a quotation that goes on ("She said "No. Not
//     now." and left."), or after a closing quote when a lower-case word
//     follows ("“Stop,” he said" / ""Stop." he said");
//   - a line break inside a hard-wrapped paragraph: a line of 30 or more
//     characters ending in a letter, digit or comma-free word, followed by
//     a line that starts in lower case.
// A line break always ends a sentence otherwise, so a greeting ("Hi
// Priya,"), a sign-off ("Thanks,") and a name on its own line are
// sentences of their own, marked Line.

// Sentence is one sentence of a text, trimmed of surrounding white space.
type Sentence struct {
	Start, End         int    // byte offsets into the text, End exclusive
	CharStart, CharEnd int    // the same in characters (see Span)
	Text               string // text[Start:End]
	// Line: the sentence is a whole line of its own (nothing else on its
	// line): a greeting, a sign-off, a name, a list item.
	Line    bool
	Clauses []Clause // at least one; together they cover the sentence
}

// Clause is a stretch of a sentence that can stand on its own: the
// sentence split at ";", ": ", dashes, and at a comma or "and"/"but"/"or"
// that starts a new subject ("…at 8,000 users and you were all over us").
// Its text leaves out the separator, which Lead holds (", and ", "; ",
// " — "); the first clause's Lead is "".
type Clause struct {
	Start, End         int // byte offsets into the text
	CharStart, CharEnd int
	Text               string
	Lead               string
}

// Split segments text into sentences and clauses, with byte and character
// offsets. The spans never overlap, never split a character, and cover
// every character of text that is not white space between sentences.
func Split(text string) []Sentence {
	spans := SentenceSpans(text)
	out := make([]Sentence, 0, len(spans))
	rc := newRuneCounter(text)
	for _, sp := range spans {
		s := Sentence{Start: sp[0], End: sp[1], Text: text[sp[0]:sp[1]]}
		s.CharStart, s.CharEnd = rc.at(sp[0]), rc.at(sp[1])
		s.Line = lineStart(text, sp[0]) && lineEnd(text, sp[1])
		for _, c := range clauseSpans(text, sp[0], sp[1]) {
			cl := Clause{Start: c[0], End: c[1], Text: text[c[0]:c[1]], Lead: text[c[2]:c[0]]}
			if len(s.Clauses) == 0 {
				cl.Lead = ""
			}
			cl.CharStart, cl.CharEnd = rc.at(c[0]), rc.at(c[1])
			s.Clauses = append(s.Clauses, cl)
		}
		out = append(out, s)
	}
	return out
}

// runeCounter turns increasing byte offsets into character offsets in one
// pass over the text.
type runeCounter struct {
	text  string
	b, r  int
	ascii bool
}

func newRuneCounter(text string) *runeCounter {
	rc := &runeCounter{text: text, ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			rc.ascii = false
			break
		}
	}
	return rc
}

func (rc *runeCounter) at(b int) int {
	if rc.ascii {
		return b
	}
	if b < rc.b {
		rc.r -= utf8.RuneCountInString(rc.text[b:rc.b])
	} else {
		rc.r += utf8.RuneCountInString(rc.text[rc.b:b])
	}
	rc.b = b
	return rc.r
}

// listMarker: text[start:i] is, after white space at the start of its
// line, a list item's number or letter ("1", "12", "b") and the full stop
// at i is followed by a space.
func listMarker(text string, start, i int) bool {
	s, _ := trimSpace(text, start, i)
	if i-s < 1 || i-s > 2 || i+1 >= len(text) || text[i+1] != ' ' || !lineStart(text, s) {
		return false
	}
	m := text[s:i]
	if len(m) == 1 && m[0] >= 'a' && m[0] <= 'h' {
		return true
	}
	for k := 0; k < len(m); k++ {
		if m[k] < '0' || m[k] > '9' {
			return false
		}
	}
	return true
}

func lineStart(text string, i int) bool {
	for i > 0 {
		c := text[i-1]
		if c == '\n' {
			return true
		}
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
		i--
	}
	return true
}

func lineEnd(text string, i int) bool {
	for ; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			return true
		}
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// SentenceSpans returns the byte ranges [start, end) of text's sentences,
// trimmed of white space: the fast path of Split for callers that need no
// clauses or character offsets (the checker).
func SentenceSpans(text string) [][2]int {
	var out [][2]int
	start := 0
	add := func(s, e int) {
		s, e = trimSpace(text, s, e)
		if s < e {
			out = append(out, [2]int{s, e})
		}
	}
	quote := false // inside a double-quoted stretch on this line
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && c != '\n' && c != '.' && c != '!' && c != '?' && c != '"' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if wrapped(text, start, i) {
				i += n
				continue
			}
			add(start, i)
			start, quote = i+n, false
		case r == '"' || r == '“' || r == '”':
			quote = opensQuote(text, i, r, quote)
		case r == '.' && listMarker(text, start, i):
		case r == '.' || r == '!' || r == '?' || r == '…':
			j, closed := i+n, false
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isTerminator(r2) {
					j += n2
					continue
				}
				if isCloser(r2) {
					if r2 == '"' || r2 == '”' {
						if !quote {
							break // an opening quote of what follows
						}
						quote, closed = false, true
					}
					j += n2
					continue
				}
				break
			}
			if j < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(r2) || quote || !endsHere(text, i, j, closed) {
					i = j
					continue
				}
			}
			add(start, j)
			start = j
			i = j
			continue
		}
		i += n
	}
	add(start, len(text))
	return out
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '}', '»':
		return true
	}
	return false
}

// opensQuote says whether the quote mark r at byte i leaves a quotation
// open: a curly one by its shape, a straight one by what surrounds it (a
// mark after a letter or punctuation closes, one before a word opens).
func opensQuote(text string, i int, r rune, open bool) bool {
	switch r {
	case '“':
		return true
	case '”':
		return false
	}
	if open {
		return false
	}
	before := ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	after := ' '
	if i+1 < len(text) {
		after, _ = utf8.DecodeRuneInString(text[i+1:])
	}
	return (unicode.IsSpace(before) || strings.ContainsRune("([{—–-:", before)) && !unicode.IsSpace(after)
}

// endsHere decides whether the terminators at text[i:j] (followed by
// white space) end the sentence.
func endsHere(text string, i, j int, closedQuote bool) bool {
	next := nextWord(text, j)
	if closedQuote && startsLower(next) {
		return false // "Stop." he said
	}
	if text[i] != '.' || j-i != 1 && !(j-i == 2 && isCloser(rune(text[i+1]))) {
		return true // !, ?, …, "..." end a sentence
	}
	w := wordBefore(text, i)
	lw := strings.ToLower(w)
	switch {
	case lw == "":
		return true
	case i-len(w) > 0 && text[i-len(w)-1] >= '0' && text[i-len(w)-1] <= '9':
		return true // "the 21st. Please ...": an ordinal's ending, not "St."
	case titles[lw]:
		return false
	case continuing[lw]:
		return false
	case capitalOnly[lw]:
		return startsUpper(next)
	case lw == "no" && w == "No":
		return !startsDigit(next) // "No. 5"
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
		// An initial before a name ("J. Smith"), not "Plan B. Then…".
		return !startsUpper(next) || !initialBefore(text, i)
	}
	if strings.Contains(w, ".") { // "U.S.", "a.k.a."
		return !startsLower(next) && !startsDigit(next)
	}
	return true
}

// initialBefore: the single capital before text[i] follows a space and a
// capitalised word or starts the sentence after a title ("Dr. J. Smith",
// "J. Smith"), rather than ending a phrase ("Plan B.").
func initialBefore(text string, i int) bool {
	k := i - 1 // the capital
	if k == 0 {
		return true
	}
	if c := text[k-1]; c >= '0' && c <= '9' || c == '$' || c == '.' {
		return false // "$1.25M.", "3D.": a unit, not an initial
	}
	prev := wordBefore(text, k-1)
	if prev == "" {
		return true
	}
	return startsUpper(prev) && !strings.EqualFold(prev, "plan") && !strings.EqualFold(prev, "option") && !strings.EqualFold(prev, "grade") && !strings.EqualFold(prev, "type") && !strings.EqualFold(prev, "vitamin")
}

// titles never end a sentence with their full stop.
var titles = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "mx": true, "prof": true, "st": true, "sr": true, "jr": true,
	"sra": true, "mt": true, "fig": true, "dept": true, "al": true,
	// ranks and offices before a name ("Capt. Russell Guidry" under a
	// sign-off had been split into two sentences)
	"capt": true, "col": true, "lt": true, "sgt": true, "cpl": true, "maj": true, "rev": true, "fr": true,
	"hon": true, "supt": true, "insp": true, "det": true, "gov": true, "sen": true,
	// professional titles ("Engr. Tariq Mehmood" above "Project Manager"
	// had become "Engr. Tariq Mehmood." apart from its title; round 100)
	"engr": true, "eng": true, "adv": true, "atty": true, "arch": true,
}

// continuing abbreviations are followed by more of the sentence.
var continuing = map[string]bool{"e.g": true, "i.e": true, "cf": true, "vs": true, "approx": true, "ca": true}

// capitalOnly abbreviations end a sentence only before a capital.
var capitalOnly = map[string]bool{"etc": true, "a.m": true, "p.m": true, "inc": true, "ltd": true, "co": true, "corp": true, "u.s": true, "u.k": true, "ph.d": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true}

// wordBefore returns the word (letters and inner dots) ending at byte i.
func wordBefore(text string, i int) string {
	k := i
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && !(r == '.' && k-n > 0 && k < i) {
			break
		}
		k -= n
	}
	return strings.TrimLeft(text[k:i], ".")
}

func nextWord(text string, j int) string {
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(r) && !strings.ContainsRune("\"'“‘(*_", r) {
			break
		}
		j += n
	}
	k := j
	for k < len(text) {
		r, n := utf8.DecodeRuneInString(text[k:])
		if unicode.IsSpace(r) {
			break
		}
		k += n
	}
	return text[j:k]
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func startsDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// wrapped reports whether the line break at text[nl] sits inside a
// hard-wrapped paragraph, where the sentence goes on.
func wrapped(text string, start, nl int) bool {
	ls := strings.LastIndexByte(text[:nl], '\n') + 1
	ls = max(ls, start)
	line := strings.TrimRight(text[ls:nl], " \t\r")
	if utf8.RuneCountInString(line) < 30 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) {
		return false
	}
	j := nl + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) || text[j] == '\n' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsLower(r)
}

func trimSpace(text string, s, e int) (int, int) {
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
	return s, e
}

// SentenceAt returns the index of the sentence span holding byte offset b,
// or -1.
func SentenceAt(spans [][2]int, b int) int {
	lo, hi := 0, len(spans)
	for lo < hi {
		m := (lo + hi) / 2
		if spans[m][1] > b {
			hi = m
		} else {
			lo = m + 1
		}
	}
	if lo < len(spans) && spans[lo][0] <= b {
		return lo
	}
	return -1
}

// clauseSpans splits the sentence text[s:e] into clauses: each is [start,
// end, leadStart] in bytes, where text[leadStart:start] is the separator.
func clauseSpans(text string, s, e int) [][3]int {
	out := [][3]int{}
	cur := s
	depth := 0
	quote := false
	sub := subordinateStart(text[s:e])
	ws := wordStarts(text, s, e)
	count := func(a, b int) int { return sort.SearchInts(ws, b) - sort.SearchInts(ws, a) }
	emit := func(end, next int) {
		if a, b := trimSpace(text, cur, end); a < b {
			out = append(out, [3]int{a, b, 0})
		}
		cur = next
	}
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case r == '"' || r == '“' || r == '”':
			quote = opensQuote(text, i, r, quote)
		}
		if depth > 0 || quote {
			i += n
			continue
		}
		if sep, minLeft := separatorAt(text, i, e, cur, sub, count); sep > 0 {
			// The separator runs from i to i+sep; the next clause starts
			// after it. It splits only when both sides hold words.
			if count(cur, i) >= minLeft && count(i+sep, e) >= 1 {
				emit(i, i+sep)
				sub = false
				i += sep
				continue
			}
		}
		i += n
	}
	if a, b := trimSpace(text, cur, e); a < b {
		out = append(out, [3]int{a, b, 0})
	}
	// Each clause's lead starts where the previous one ended.
	for k := range out {
		if k == 0 {
			out[k][2] = out[k][0]
			continue
		}
		out[k][2] = out[k-1][1]
	}
	if len(out) == 0 {
		out = append(out, [3]int{s, e, s})
	}
	return out
}

// separatorAt returns the length of a clause separator starting at byte i
// (0 when there is none) and how many words must come before it: "; ",
// ": ", a dash with spaces or an em dash, a comma before a conjunction or
// a new subject, or "and"/"but"/"or" before a new subject.
func separatorAt(text string, i, e, cur int, subordinate bool, count func(a, b int) int) (int, int) {
	c := text[i]
	rest := text[i:e]
	switch {
	case c == ';':
		return spaced(rest, 1), 2
	case c == ':':
		if len(rest) > 1 && (rest[1] == ' ' || rest[1] == '\t') {
			return spaced(rest, 1), 2
		}
	case strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "–"):
		if i > 0 && (text[i-1] == ' ' || strings.HasPrefix(rest, "—")) {
			return spaced(rest, len("—")), 2
		}
	case c == '-' && i > 0 && text[i-1] == ' ' && len(rest) > 1 && rest[1] == ' ':
		return spaced(rest, 1), 2
	case c == ',':
		if len(rest) < 2 || rest[1] != ' ' {
			return 0, 0
		}
		after := rest[2:]
		w := firstWord(after)
		lw := strings.ToLower(w)
		if clauseConj[lw] {
			subj := strings.ToLower(firstWord(strings.TrimSpace(after[len(w):])))
			if (subjects[subj] || lw == "but" || lw == "because" || lw == "so") && count(i+2+len(w), e) >= 2 {
				return 2 + len(w) + spaced(after[len(w):], 0), 2
			}
			return 0, 0
		}
		if subordinate {
			return 0, 0 // "If we go live, we pay people wrong": one thought
		}
		if subjects[lw] && count(cur, i) <= 6 && count(i+2, e) >= 2 {
			// A comma splice after a short lead ("Absolutely not, the
			// review cost us 3 days"; "No, that won't work").
			return 2, 1
		}
	case c == ' ':
		w := firstWord(rest[1:])
		lw := strings.ToLower(w)
		if (lw == "and" || lw == "but" || lw == "or") && !strings.HasSuffix(strings.TrimRight(text[:e], "\"'”’) "), "?") {
			// A question is asked whole: "What if you present the design
			// and I take the budget questions?"
			subj := strings.ToLower(firstWord(strings.TrimSpace(rest[1+len(w):])))
			if subjects[subj] && subj != "it" && subj != "the" && count(i+1+len(w), e) >= 2 {
				return 1 + len(w) + spaced(rest[1+len(w):], 0), 3
			}
		}
	}
	return 0, 0
}

// spaced returns n plus the white space after rest[n:].
func spaced(rest string, n int) int {
	for n < len(rest) && (rest[n] == ' ' || rest[n] == '\t') {
		n++
	}
	return n
}

func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '.' })
	if i < 0 {
		return s
	}
	return s[:i]
}

// wordStarts returns the byte offsets in text[s:e] where a word (a run of
// letters and digits) starts.
func wordStarts(text string, s, e int) []int {
	var out []int
	in := false
	for i, r := range text[s:e] {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			out = append(out, s+i)
		}
		in = w
	}
	return out
}

// subordinateStart: the sentence opens with a subordinate clause whose
// comma does not start a new thought.
func subordinateStart(s string) bool {
	switch strings.ToLower(firstWord(s)) {
	case "if", "when", "unless", "because", "since", "although", "though", "while", "once", "until", "after", "before", "as", "whether", "even":
		return true
	}
	return false
}

// clauseConj are conjunctions that start a clause after a comma.
// A relative "which" is not among them: "..., which took 3 weeks" belongs
// to the clause before it.
var clauseConj = map[string]bool{"and": true, "but": true, "so": true, "or": true, "yet": true, "because": true, "though": true, "although": true, "whereas": true}

// subjects start a new clause after "and", "but", "or" or a comma.
var subjects = map[string]bool{
	"i": true, "we": true, "you": true, "they": true, "he": true, "she": true, "it": true, "that": true, "this": true, "there": true,
	"i'm": true, "i’m": true, "we're": true, "we’re": true, "you're": true, "you’re": true, "they're": true, "they’re": true,
	"it's": true, "it’s": true, "that's": true, "that’s": true, "there's": true, "there’s": true,
	"i've": true, "i’ve": true, "we've": true, "we’ve": true, "you've": true, "you’ve": true, "they've": true, "they’ve": true,
	"i'd": true, "i’d": true, "we'd": true, "we’d": true, "you'd": true, "you’d": true, "i'll": true, "i’ll": true, "we'll": true, "we’ll": true,
	"you'll": true, "you’ll": true, "it'll": true, "it’ll": true, "that'll": true, "that’ll": true, "they'll": true, "they’ll": true, "the": true, "our": true, "your": true, "their": true, "my": true, "nobody": true, "no one": true, "everyone": true,
}

// AbbreviationBefore reports whether the full stop at text[i] ends a title
// or an abbreviation ("Dr.", "e.g.", "etc.", an initial) rather than,
// necessarily, a sentence.
func AbbreviationBefore(text string, i int) bool {
	w := wordBefore(text, i)
	lw := strings.ToLower(w)
	switch {
	case lw == "":
		return false
	case i-len(w) > 0 && text[i-len(w)-1] >= '0' && text[i-len(w)-1] <= '9':
		// "the 21st. Please ...": an ordinal's ending, not "St."
		return false
	case titles[lw], continuing[lw], capitalOnly[lw], strings.Contains(w, "."):
		return true
	case lw == "no" && w == "No":
		// "No. 5 Dock" is a number; "No. Too busy." is a no.
		rest := strings.TrimLeft(text[min(i+1, len(text)):], " ")
		return rest != "" && (rest[0] >= '0' && rest[0] <= '9' || rest[0] == '#')
	}
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])
}
