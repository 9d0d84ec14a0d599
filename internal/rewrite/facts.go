package rewrite

import (
	"github.com/pushback/pushback/internal/draft"
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
	perRE = lazyRegexp(`^[ \t]+per\s+[\p{L}][\p{L}'’]*`)
	// A label before a number that belongs to it ("Clause 7.2", "version 3").
	labelRE   = lazyRegexp(`(?i)\b(?:clause|section|article|version|phase|step|ticket|issue|room|gate|floor|sprint|release|item|order|invoice|PR|v)\s?#?$`)
	monthRE   = lazyRegexp(`\b(?:\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?)?(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?(?:\s\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s\d{4}\b)?`)
	weekdayRE = lazyRegexp(`\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b`)
	// Spelled-out durations ("a week", "two-week", "three months").
	spelledRE = lazyRegexp(`(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|several|a couple of)[ -](?:hours?|days?|weeks?|months?|quarters?|years?|sprints?)\b`)
	quarterRE = lazyRegexp(`\b(?:Q[1-4]|H[12])(?:\s?(?:FY)?'?\d{2,4})?\b`)
	wordRE    = lazyRegexp(`[\p{L}][\p{L}\p{M}'’&.-]*[\p{L}\p{M}]|[\p{L}]`)
)

// notUnits are words after a number that are not its unit.
var notUnits = map[string]bool{
	"a": true, "an": true, "and": true, "or": true, "the": true, "to": true, "of": true, "in": true,
	"on": true, "at": true, "for": true, "by": true, "is": true, "are": true, "was": true, "were": true,
	"if": true, "but": true, "so": true, "we": true, "i": true, "you": true, "it": true, "that": true,
	"this": true, "with": true, "as": true, "than": true, "from": true, "be": true, "will": true,
	"most": true, "more": true, "less": true, "over": true, "under": true, "instead": true, "each": true,
	"would": true, "could": true, "should": true, "can": true, "has": true, "have": true,
	"had": true, "not": true, "only": true, "just": true, "then": true, "when": true, "after": true,
	"before": true, "about": true, "isn't": true, "won't": true, "into": true,
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
	for _, m := range numberRE.get().FindAllStringIndex(text, -1) {
		end := m[1]
		last := text[m[1]-1]
		bare := last >= '0' && last <= '9' || last == '+'
		if last == 'k' || last == 'K' || last == 'm' || last == 'M' {
			bare = !ordinal(text[m[0]:m[1]]) && !strings.HasSuffix(strings.ToLower(text[m[0]:m[1]]), "pm") && !strings.HasSuffix(strings.ToLower(text[m[0]:m[1]]), "am")
		}
		if u := unitRE.get().FindStringSubmatchIndex(text[end:]); bare && u != nil {
			w := text[end+u[2] : end+u[3]]
			if !notUnits[strings.ToLower(w)] && (!capitalised(w) || acronym(strings.TrimSuffix(w, "s"))) {
				end += u[1]
				if p := perRE.get().FindStringIndex(text[end:]); p != nil {
					end += p[1]
				}
			}
		}
		// A leading "the" belongs to ordinals ("the 14th").
		// Only the few bytes before the number can hold its label or
		// "the ": matching the whole prefix made this quadratic.
		start := m[0]
		from := max(0, start-16)
		if l := labelRE.get().FindStringIndex(text[from:start]); l != nil {
			start = from + l[0]
		}
		if pre := strings.ToLower(text[max(0, start-4):start]); pre == "the " && ordinal(text[m[0]:m[1]]) {
			start -= 4
		}
		add(start, end)
	}
	for _, re := range []*lazyRE{spelledRE, monthRE, weekdayRE, quarterRE} {
		for _, m := range re.get().FindAllStringIndex(text, -1) {
			if re == monthRE && ambiguousMonth(text, m[0], m[1]) {
				continue
			}
			add(m[0], m[1])
		}
	}
	found = append(found, names(text)...)
	return dedupe(text, found)
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

// names finds acronyms (two or more capitals: SSO, POC, CFO) and runs of
// capitalised words that are not just a sentence's first word.
func names(text string) []span {
	var out []span
	words := wordRE.get().FindAllStringIndex(text, -1)
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
			if t := titleRE.get().FindStringIndex(text[:start]); t != nil {
				start = t[0] // "Dr. Okafor"
			}
			if len(run) > 1 || acronym(first) || start < run[0][0] || !sentenceStart(text, run[0][0]) {
				out = append(out, span{start, run[len(run)-1][1]})
			}
		}
		i = j
	}
	return out
}

// titleRE is a title just before a name.
var titleRE = lazyRegexp(`\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sr|Sra|St)\.?\s$`)

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
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && (spans[j].start < spans[j-1].start || spans[j].start == spans[j-1].start && spans[j].end > spans[j-1].end); j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
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
// and between hyphens and dashes in ranges.
func MissingFacts(text string, facts []string) []string {
	norm := normaliseFact(text)
	missing := []string{}
	for _, f := range facts {
		if !strings.Contains(norm, normaliseFact(f)) {
			missing = append(missing, f)
		}
	}
	return missing
}

var factReplacer = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-", "\u00a0", " ")

func normaliseFact(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(factReplacer.Replace(s))), " ")
}
