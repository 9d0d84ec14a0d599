package rewrite

import (
	"cmp"
	"github.com/pushback/pushback/internal/draft"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Facts the rewrite must keep are found in the draft automatically: numbers
// with their unit (durations, counts, amounts, percentages, ranges), dates
// (month and weekday names, quarters, ordinals), acronyms and capitalised
// multiword names. The extractor errs on the side of keeping too much: a fact
// that is kept needlessly costs nothing, a lost one changes the message.

var (
	// A number, possibly a range or with a currency sign, a suffix or a unit
	// word glued with a hyphen ("2-hour", "3-4 months", "$1.2M", "30%", "5–6").
	numberRE = lazyRegexp(`(?i)(?:[$€£¥]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:[-–—]|to)\s?\d[\d,]*(?:\.\d+)?)?\+?(?:\s?(?:%|k\b|m\b|bn\b|am\b|pm\b|st\b|nd\b|rd\b|th\b))?(?:-[\p{L}]+)?`)
	// The word that follows a number, when it is its unit ("48 deals").
	unitRE = lazyRegexp(`^[ \t]+(?:per\s+)?([\p{L}][\p{L}'’]*)`)
	// "per SE" after a unit ("8 deals per SE").
	perRE     = lazyRegexp(`^[ \t]+per\s+[\p{L}][\p{L}'’]*`)
	monthRE   = lazyRegexp(`\b(?:\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?)?(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?(?:\s\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s\d{4}\b)?`)
	weekdayRE = lazyRegexp(`\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b`)
	// Spelled-out durations ("a week", "two-week", "three months").
	spelledRE = lazyRegexp(`(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|several|a couple of)[ -](?:hours?|days?|weeks?|months?|quarters?|years?|sprints?)\b`)
	quarterRE = lazyRegexp(`\b(?:Q[1-4]|H[12])(?:\s?(?:FY)?'?\d{2,4})?\b`)
	wordRE    = lazyRegexp(`[\p{L}][\p{L}\p{M}'’&.-]*[\p{L}\p{M}]|[\p{L}]`)
)

// notUnits are words after a number that are not its unit.
var notUnits = map[string]bool{
	"pls": true, "plz": true, "please": true, "thx": true, "thanks": true, // ("sort it before 5 pls")
	"dont": true, "don't": true, "don’t": true, "cant": true, "can't": true, "can’t": true, "wont": true, // ("3 dont")
	"a": true, "an": true, "and": true, "or": true, "the": true, "to": true, "of": true, "in": true,
	"on": true, "at": true, "for": true, "by": true, "is": true, "are": true, "was": true, "were": true,
	"if": true, "but": true, "so": true, "we": true, "i": true, "you": true, "it": true, "that": true,
	"this": true, "with": true, "as": true, "than": true, "from": true, "be": true, "will": true,
	"most": true, "more": true, "less": true, "over": true, "under": true, "instead": true, "each": true,
	"would": true, "could": true, "should": true, "can": true, "has": true, "have": true,
	"had": true, "not": true, "only": true, "just": true, "then": true, "when": true, "after": true,
	"before": true, "about": true, "isn't": true, "won't": true, "into": true, "no": true, "nor": true, "yet": true, "until": true, "till": true,
	"earliest": true, "latest": true, "sharp": true, "tops": true, // ("10:30 earliest")
}

// notNames are capitalised words that start sentences or are shouting, not
// names; a run of capitalised words loses them at its start.
var notNames = map[string]bool{
	"i": true, "i'm": true, "i’m": true, "i've": true, "i’ve": true, "i'd": true, "i’d": true, "i'll": true, "i’ll": true,
	"ok": true, "okay": true, "asap": true, "fyi": true, "no": true, "yes": true, "the": true, "a": true, "an": true,
	"we": true, "our": true, "my": true, "you": true, "your": true, "this": true, "that": true, "these": true,
	"those": true, "it": true, "if": true, "and": true, "but": true, "or": true, "so": true, "let's": true, "let’s": true,
	"just": true, "please": true, "sure": true, "fine": true, "look": true, "honestly": true, "also": true,
	"plus": true, "and,": true, "hi": true, "hello": true, "dear": true, "thanks": true, "thank": true,
	"what": true, "why": true, "how": true, "when": true, "who": true, "where": true, "can": true, "could": true,
	"should": true, "would": true, "will": true, "do": true, "don't": true, "don’t": true, "not": true,
	"never": true, "stop": true, "now": true, "all": true, "must": true, "urgent": true,
	"important": true, "note": true, "system": true, "user": true, "assistant": true,
	"trust": true, "sorry": true, "well": true, "there": true, "here": true, "is": true, "are": true,
}

// ExtractFacts returns the facts found in text, in order of appearance,
// without duplicates and without facts contained in a longer one.
func ExtractFacts(text string) []string {
	var found []span
	add := func(start, end int) {
		s := strings.TrimRight(text[start:end], ".,;: ")
		if s == "" {
			return
		}
		found = append(found, span{start, start + len(s)})
	}
	tx := sketched{s: text} // (read once for the expressions below)
	var numbers [][]int
	if numberRE.mayIn(&tx) {
		numbers = numberRE.get().FindAllStringIndex(text, -1)
	}
	for _, m := range numbers {
		end := m[1]
		last := text[m[1]-1]
		bare := last >= '0' && last <= '9' || last == '+'
		if last == 'k' || last == 'K' || last == 'm' || last == 'M' {
			bare = !ordinal(text[m[0]:m[1]]) && !strings.HasSuffix(strings.ToLower(text[m[0]:m[1]]), "pm") && !strings.HasSuffix(strings.ToLower(text[m[0]:m[1]]), "am")
		}
		if u := unitRE.FindStringSubmatchIndex(text[end:]); bare && u != nil {
			w := text[end+u[2] : end+u[3]]
			if !notUnits[strings.ToLower(w)] && (!capitalised(w) || acronym(strings.TrimSuffix(w, "s"))) {
				end += u[1]
				if p := perRE.FindStringIndex(text[end:]); p != nil {
					end += p[1]
				}
			}
		}
		// A leading "the" belongs to ordinals ("the 14th"). Both look
		// back a few bytes only: matching against all the text before
		// each number made a draft full of numbers cost quadratic time.
		start := m[0]
		if l := labelBefore(text, start); l >= 0 {
			start = l
		}
		if start >= 4 && strings.EqualFold(text[start-4:start], "the ") && ordinal(text[m[0]:m[1]]) {
			start -= 4
		}
		add(start, end)
	}
	for _, re := range []*lazyRE{spelledRE, monthRE, weekdayRE, quarterRE} {
		if !re.mayIn(&tx) {
			continue
		}
		for _, m := range matchAll(re, text) {
			if re == monthRE && ambiguousMonth(text, m[0], m[1]) {
				continue
			}
			add(m[0], m[1])
		}
	}
	found = append(found, names(text)...)
	return dedupe(text, found)
}

// hasFacts is len(ExtractFacts(text)) > 0, found sooner: every match
// ExtractFacts adds is a fact (a number's span keeps its digit, a day's or
// a month's its first letter; dedupe keeps the first span it is given), so
// the first match of any of its expressions answers, and most texts asked
// (a clause, a part, a trimmed candidate) hold a number early on. The
// expressions and their prefilter are ExtractFacts's.
func hasFacts(text string) bool {
	tx := sketched{s: text}
	for _, re := range []*lazyRE{numberRE, spelledRE, weekdayRE, quarterRE} {
		if re.mayIn(&tx) && re.get().MatchString(text) {
			return true
		}
	}
	if monthRE.mayIn(&tx) {
		for _, m := range matchAll(monthRE, text) {
			if !ambiguousMonth(text, m[0], m[1]) {
				return true
			}
		}
	}
	return len(names(text)) > 0
}

type span struct{ start, end int }

func ordinal(s string) bool {
	s = strings.ToLower(s)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// ambiguousMonth rejects "May", "March" and "Mar" used as ordinary words: a
// bare one counts only when capitalised mid-sentence.
func ambiguousMonth(text string, start, end int) bool {
	w := text[start:end]
	switch strings.TrimSuffix(w, ".") {
	case "May", "March", "Mar", "Jan", "Sep", "Dec", "Oct", "Nov", "Aug", "Apr", "Jun", "Jul", "Feb":
	default:
		return false
	}
	return sentenceStart(text, start)
}

// wordSpans is wordRE.FindAllStringIndex(text, -1), read by hand: the
// matcher tried the expression's alternation at every byte of a long
// draft. A word starts at a letter and runs over letters, marks and the
// joiners ' ’ & . - up to its last letter or mark (the star gives back a
// trailing joiner); a letter alone is a word. (An invalid byte reads as
// U+FFFD, no letter, as the matcher reads it.) TestWordSpans holds it to
// the expression.
func wordSpans(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.Is(unicode.L, r) {
			i += n
			continue
		}
		end := i + n
		for j := end; j < len(text); {
			r, m := utf8.DecodeRuneInString(text[j:])
			letter := unicode.Is(unicode.L, r) || unicode.Is(unicode.M, r)
			if !letter && !strings.ContainsRune("'’&.-", r) {
				break
			}
			j += m
			if letter {
				end = j
			}
		}
		out = append(out, [2]int{i, end})
		i = end
	}
	return out
}

// names finds acronyms (two or more capitals: SSO, POC, CFO) and runs of
// capitalised words that are not just a sentence's first word.
func names(text string) []span {
	var out []span
	words := wordSpans(text)
	i := 0
	for i < len(words) {
		w := text[words[i][0]:words[i][1]]
		if !capitalised(w) {
			i++
			continue
		}
		// Collect a run of capitalised words separated by single spaces
		// (or joined by "and"/"of" between two capitalised words).
		j := i + 1
		for j < len(words) {
			gap := text[words[j-1][1]:words[j][0]]
			nw := text[words[j][0]:words[j][1]]
			if gap == " " && capitalised(nw) {
				j++
				continue
			}
			if gap == " " && (nw == "of" || nw == "and" || nw == "de") && j+1 < len(words) &&
				text[words[j][1]:words[j+1][0]] == " " && capitalised(text[words[j+1][0]:words[j+1][1]]) {
				j += 2
				continue
			}
			break
		}
		run := words[i:j]
		// Drop leading words that are sentence starters or function words.
		for len(run) > 0 {
			first := text[run[0][0]:run[0][1]]
			if notNames[strings.ToLower(first)] || (sentenceStart(text, run[0][0]) && !acronym(first) && len(run) == 1) {
				run = run[1:]
				continue
			}
			break
		}
		for len(run) > 0 {
			last := text[run[len(run)-1][0]:run[len(run)-1][1]]
			if !notNames[strings.ToLower(last)] && utf8.RuneCountInString(last) > 1 {
				break
			}
			run = run[:len(run)-1]
		}
		if len(run) > 0 {
			first := text[run[0][0]:run[0][1]]
			start := run[0][0]
			if t := titleBefore(text, start); t >= 0 {
				start = t // "Dr. Okafor"
			}
			if len(run) > 1 || acronym(first) || start < run[0][0] || !sentenceStart(text, run[0][0]) {
				out = append(out, span{start, run[len(run)-1][1]})
			}
		}
		i = j
	}
	return out
}

// Labels before a number that belong to it ("Clause 7.2", "version 3",
// "PR #12"), in any case, and titles before a name ("Dr. Okafor").
var (
	labels = map[string]bool{"clause": true, "section": true, "article": true, "version": true, "phase": true, "step": true,
		"ticket": true, "issue": true, "room": true, "gate": true, "floor": true, "sprint": true, "release": true,
		"item": true, "order": true, "invoice": true, "pr": true, "v": true}
	titles = map[string]bool{"Dr": true, "Mr": true, "Mrs": true, "Ms": true, "Mx": true, "Prof": true, "Sr": true, "Sra": true, "St": true}
)

// labelBefore returns where a label that ends at end starts ("Clause ",
// "PR #", "v"), or -1. Like titleBefore it looks back over that one word
// only: a regular expression anchored at the end, run over all the text
// before each number, had made a draft full of numbers quadratic.
func labelBefore(text string, end int) int {
	i := end
	if i > 0 && text[i-1] == '#' {
		i--
	}
	if i > 0 && isASCIISpace(text[i-1]) {
		i--
	}
	return wordBefore(text, i, func(w string) bool { return labels[strings.ToLower(w)] })
}

// titleBefore returns where a title and the space after it that end at
// end start ("Dr. ", "Ms "), or -1.
func titleBefore(text string, end int) int {
	if end == 0 || !isASCIISpace(text[end-1]) {
		return -1
	}
	i := end - 1
	if i > 0 && text[i-1] == '.' {
		i--
	}
	return wordBefore(text, i, func(w string) bool { return titles[w] })
}

// wordBefore returns where the run of ASCII letters that ends at end
// starts, when it is a whole word that ok accepts, or -1.
func wordBefore(text string, end int, ok func(string) bool) int {
	j := end
	for j > 0 && (text[j-1] >= 'a' && text[j-1] <= 'z' || text[j-1] >= 'A' && text[j-1] <= 'Z') {
		j--
	}
	if j == end || j > 0 && isWordByte(text[j-1]) || !ok(text[j:end]) {
		return -1
	}
	return j
}

func isASCIISpace(c byte) bool { return strings.IndexByte(asciiSpace, c) >= 0 }

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func acronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2 && n <= 5 && !notNames[strings.ToLower(w)]
}

// sentenceStart reports whether the word at byte offset i starts a sentence
// (or the text, a line, or a quotation).
func sentenceStart(text string, i int) bool {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		switch {
		case r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '[' || r == '*':
			j -= size
			continue
		case unicode.IsSpace(r):
			if r == '\n' {
				return true
			}
			j -= size
			continue
		case r == '.':
			return !draft.AbbreviationBefore(text, j-size)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == '%' || r == '&' || r == '-' || r == '–' || r == '—' || r == '/':
			return false
		}
		return true // ! ? : ; … and symbols such as > end what came before
	}
	return true
}

// dedupe sorts spans, drops those inside a longer one and duplicates by text.
func dedupe(text string, spans []span) []string {
	// Order by start, longest first.
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(b.end, a.end)
	})
	var out []string
	seen := map[string]bool{}
	lastEnd := -1
	for _, s := range spans {
		if s.end <= lastEnd {
			continue
		}
		if s.start < lastEnd {
			continue // overlapping a kept fact; the kept one covers it
		}
		f := text[s.start:s.end]
		lastEnd = s.end
		if seen[strings.ToLower(f)] {
			continue
		}
		seen[strings.ToLower(f)] = true
		out = append(out, f)
	}
	return out
}

// MergeFacts joins the given facts and the ones found in draft, without
// duplicates (case-insensitive), given facts first.
func MergeFacts(given []string, draftText string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, f := range append(append([]string{}, given...), ExtractFacts(draftText)...) {
		f = strings.TrimSpace(f)
		k := normaliseFact(f)
		if f == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// MissingFacts returns the facts text does not contain. Matching ignores
// case, runs of spaces and the difference between straight and curly quotes
// and between hyphens and dashes in ranges. It costs one pass over text and
// one over the facts, however many there are.
func MissingFacts(text string, facts []string) []string {
	return newFactIndex(facts).missing(text)
}

var factReplacer = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "\u00a0", " ")

// normaliseFact is strings.Join(strings.Fields(strings.ToLower(
// factReplacer.Replace(s))), " ") written as one pass over s (it runs on
// every whole draft, fact and rewrite, many times a run): quotes and
// dashes made plain, lower case, runs of space made one. (An invalid
// byte becomes U+FFFD, as ToLower makes it.) TestNormaliseFactOnePass
// holds it to the expression it replaces.
func normaliseFact(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is due before the next character
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '’', '‘':
			r = '\''
		case '“', '”':
			r = '"'
		case '–', '—':
			r = '-'
		case '\u00a0':
			r = ' '
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// outermost drops facts contained in another, longer one of the list
// (compared normalised), keeping the order.
func outermost(facts []string) []string {
	ix := newFactIndex(facts)
	inside := make([]bool, len(facts))
	longest := 0
	for _, f := range ix.norm {
		longest = max(longest, len(f))
		ix.scan(f, func(id int) {
			if len(ix.norm[id]) < len(f) {
				inside[id] = true
			}
		})
	}
	for id, f := range ix.norm {
		if f == "" && longest > 0 { // in every longer fact
			inside[id] = true
		}
	}
	out := []string{}
	for i, f := range facts {
		if !inside[i] {
			out = append(out, f)
		}
	}
	return out
}

// factIndex finds which of a list of facts occur in a text in one pass
// over its normalised form (an Aho-Corasick automaton over the facts'
// normalised bytes), so checking a 20,000-character candidate against
// thousands of facts costs about as much as reading both once; a
// strings.Contains per fact, and a comparison of every fact with every
// other, had made a call with 20,000 facts take minutes.
type factIndex struct {
	facts []string
	norm  []string // normalised, as matched
	// The automaton: node 0 is the root. edges maps node<<8|byte to the
	// child; fail is the longest proper suffix that is also a node; out
	// lists the facts ending at a node and dict is the next node on the
	// fail chain that ends one (-1 when none).
	edges map[uint32]int32
	fail  []int32
	dict  []int32
	out   [][]int32
}

func newFactIndex(facts []string) *factIndex {
	ix := &factIndex{facts: facts, norm: make([]string, len(facts)), edges: map[uint32]int32{}}
	ix.fail, ix.dict, ix.out = []int32{0}, []int32{-1}, [][]int32{nil}
	for id, f := range facts {
		n := normaliseFact(f)
		ix.norm[id] = n
		node := int32(0)
		for i := 0; i < len(n); i++ {
			k := uint32(node)<<8 | uint32(n[i])
			next, ok := ix.edges[k]
			if !ok {
				next = int32(len(ix.fail))
				ix.edges[k] = next
				ix.fail, ix.dict, ix.out = append(ix.fail, 0), append(ix.dict, -1), append(ix.out, nil)
			}
			node = next
		}
		ix.out[node] = append(ix.out[node], int32(id))
	}
	// Fail links, breadth first: children of the root fail to the root.
	children := make([][]int32, len(ix.fail))
	labels := make([][]byte, len(ix.fail))
	for k, child := range ix.edges {
		parent := int32(k >> 8)
		children[parent] = append(children[parent], child)
		labels[parent] = append(labels[parent], byte(k))
	}
	queue := append([]int32(nil), children[0]...)
	for len(queue) > 0 {
		node := queue[0]
		queue = queue[1:]
		for i, child := range children[node] {
			c := labels[node][i]
			f := ix.fail[node]
			for {
				if to, ok := ix.edges[uint32(f)<<8|uint32(c)]; ok && to != child {
					ix.fail[child] = to
					break
				}
				if f == 0 {
					break
				}
				f = ix.fail[f]
			}
			if fc := ix.fail[child]; len(ix.out[fc]) > 0 {
				ix.dict[child] = fc
			} else {
				ix.dict[child] = ix.dict[fc]
			}
			queue = append(queue, child)
		}
	}
	return ix
}

// scan calls found with the id of every fact that occurs in norm (already
// normalised), once per occurrence.
func (ix *factIndex) scan(norm string, found func(id int)) {
	node := int32(0)
	for i := 0; i < len(norm); i++ {
		c := uint32(norm[i])
		for {
			if to, ok := ix.edges[uint32(node)<<8|c]; ok {
				node = to
				break
			}
			if node == 0 {
				break
			}
			node = ix.fail[node]
		}
		for n := node; n > 0; n = ix.dict[n] {
			for _, id := range ix.out[n] {
				found(int(id))
			}
			if ix.dict[n] < 0 {
				break
			}
		}
	}
}

// missing returns the facts text does not contain, in their order.
func (ix *factIndex) missing(text string) []string {
	seen := make([]bool, len(ix.facts))
	if len(ix.facts) > 0 {
		ix.scan(normaliseFact(text), func(id int) { seen[id] = true })
	}
	out := []string{}
	for i, f := range ix.facts {
		// An empty fact is in every text.
		if !seen[i] && ix.norm[i] != "" {
			out = append(out, f)
		}
	}
	return out
}
