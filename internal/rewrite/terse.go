package rewrite

import (
	"strings"
	"unicode"
)

// This file rebuilds the clipped clauses of chat and text messages as
// whole sentences before they are read, so that the rewrite keeps what
// they decide and says it grammatically: "can do 15% for the first 500
// today" -> "We can do 15% for the first 500 today"; "Won't list at 1.25"
// -> "I won't list at 1.25"; "Not approving as is" -> "I'm not approving
// it as is"; "8 kegs left" -> "There are only 8 kegs left"; "10 working
// days as quoted" -> "It's 10 working days, as quoted"; "Tuesday earliest
// if Wen gets the dims back" -> "Tuesday is the earliest, if Wen gets the
// dims back".

var (
	terseCanRE      = lazyRegexp(`(?i)^can\s+(do|send|offer|have|get|give|run|cover|book|ship|deliver|turn|take|fit|start|move|share|try|check|call|look)\b`)
	terseWontRE     = lazyRegexp(`(?i)^(?:won'?t|will not)\s+(\p{L}+)`)
	beenRE          = lazyRegexp(`(?i)^(,\s*)been\s+`)
	terseWontWorkRE = lazyRegexp(`(?i)^(?:won'?t|will not)\s+work(?:\s+(?:that|this|it))?\b`)
	terseNotIngRE   = lazyRegexp(`(?i)^not\s+(\p{L}+ing)\b\s*(.*)$`)
	terseLeftRE     = lazyRegexp(`(?i)^(?:only\s+)?(\d[\d,]*)\s+(\p{L}+)\s+left\W*$`)
	terseAsRE       = lazyRegexp(`(?i)^(.+?),?\s+as\s+(quoted|agreed|planned|discussed|promised|contracted|booked|scheduled|standard|usual)\W*$`)
	terseEarliestRE = lazyRegexp(`(?i)^((?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu|thurs?|fri|sat|sun|tmrw|tomorrow|next week|(?:the )?\d[\w:]*)(?:\s+(?:morning|afternoon|evening|night|the \d+\w*))?)\s+(?:at the\s+)?earliest\b[,\s]*(.*)$`)
)

// saidWholeRE: a clipped clause that "It's" can open as it stands: an
// amount, or a thing with its article ("£640 as quoted", "the same rate
// as agreed"); "Full report on 6 March as planned" had become "It's Full
// report on 6 March, as planned." (round 140).
var saidWholeRE = lazyRegexp(`(?i)^\W*(?:\d|[£$€¥]|(?:the|a|an|our|your|same)\s)`)

// listItemRE: a clause that is an item of a bulleted list.
var listItemRE = lazyRegexp(`^[-*•–]\s`)

// intransitiveIng are -ing words of "Not happening" and the like, which
// are no refusal of the writer's own doing.
var intransitiveIng = setOf(`happening working going looking helping something nothing anything everything thing king spring`)

// terse rebuilds a clipped clause as a sentence; we says the writer
// speaks for a team ("we can do") rather than alone ("I can send").
func terse(s string, we bool) string {
	t := strings.TrimSpace(s)
	if t == "" || listItemRE.MatchString(t) {
		// (An item of a list is clipped on purpose: "- Start October 1
		// as planned, but ..." had become "It's - Start October 1, as
		// planned."; round 85.)
		return s
	}
	subj := "I"
	if we {
		subj = "We"
	}
	switch {
	case terseCanRE.MatchString(t) && !strings.HasSuffix(t, "?"):
		return subj + " " + lowerFirst(t)
	case terseWontWorkRE.MatchString(t):
		// "Won't work that, been tried before": it won't work,
		// not the writer ("I won't work that"; round 166).
		m := terseWontWorkRE.FindStringSubmatchIndex(t)
		return "It won't work" + beenRE.ReplaceAllString(t[m[1]:], "${1}it's been ")
	case terseWontRE.MatchString(t):
		m := terseWontRE.FindStringSubmatchIndex(t)
		return "I won't " + t[m[2]:]
	}
	if m := terseNotIngRE.FindStringSubmatch(t); m != nil && !intransitiveIng[strings.ToLower(m[1])] && baseFromGerund(m[1]) != "" {
		rest := strings.TrimSpace(m[2])
		// "Not approving as is": the thing refused is "it".
		if first := strings.ToLower(firstWordOf(rest)); rest == "" || first == "as" || first == "until" || first == "yet" || first == "without" || first == "before" || first == "today" || first == "now" {
			rest = strings.TrimSpace("it " + rest)
		}
		return strings.TrimSpace("I'm not " + strings.ToLower(m[1]) + " " + rest)
	}
	if m := terseLeftRE.FindStringSubmatch(t); m != nil {
		return "There are only " + m[1] + " " + m[2] + " left."
	}
	if m := terseAsRE.FindStringSubmatch(t); m != nil && !finiteVerb(m[1]) && wordCount(m[1]) <= 5 && saidWholeRE.MatchString(m[1]) {
		// (a clipped clause is short: "the two panels come back on 30
		// April as planned" has a verb the test does not know)
		return "It's " + lowerStart(strings.TrimSpace(m[1])) + ", as " + strings.ToLower(m[2]) + "."
	}
	if m := terseEarliestRE.FindStringSubmatch(t); m != nil {
		out := capitalise(m[1]) + " is the earliest"
		if rest := strings.TrimRight(strings.TrimSpace(m[2]), ".!"); rest != "" {
			out += ", " + rest
		}
		return out
	}
	return s
}

// weRE finds the writer speaking for a team.
var weRE = lazyRegexp(`(?i)\b(?:we|us|our|we're|we've|we'll|we'd)\b`)

// commonNoun reports whether w, a capitalised word that starts a
// sentence, is a common noun in the situation or the draft (it appears
// there in lower case: "Freeze was Friday" beside "Code freeze was last
// Friday"), so the sentence wants an article.
func commonNoun(w string, texts ...string) bool {
	l := strings.ToLower(w)
	if l == w || len(l) < 3 || strings.HasSuffix(l, "s") || notNames[l] || stopWords[l] || commonStarts[l] || teamNouns[l] {
		return false
	}
	for _, r := range w[1:] {
		if unicode.IsUpper(r) {
			return false // an acronym: "PPAP"
		}
	}
	for _, t := range texts {
		for i := strings.Index(t, l); i >= 0; {
			before := i == 0 || !unicode.IsLetter(rune(t[i-1]))
			end := i + len(l)
			after := end >= len(t) || !unicode.IsLetter(rune(t[end]))
			if before && after {
				return true
			}
			j := strings.Index(t[end:], l)
			if j < 0 {
				break
			}
			i = end + j
		}
	}
	return false
}

// teamNouns name a team without an article ("legal will kill it",
// "finance caps us at 15%").
var teamNouns = setOf(`legal finance marketing sales security ops operations procurement management compliance engineering design support product research payroll audit`)

// articleRE is a sentence that opens with a bare singular noun before its
// verb: "Freeze was Friday", "Sprint's full".
var articleRE = lazyRegexp(`^(\p{Lu}\p{Ll}+)(?:'s|’s|\s+(?:is|was|isn't|wasn't|has|hasn't|will|won't|needs|takes|starts|ends|closes))\b`)

// quantifiers stand without an article: "Either is fine by me".
var quantifiers = setOf(`either neither both each all any none every another such most some this that these those`)

// withArticle gives "Freeze was Friday" its article when the situation or
// the draft uses the noun in lower case.
func withArticle(s string, texts ...string) string {
	m := articleRE.FindStringSubmatch(s)
	if m == nil || quantifiers[strings.ToLower(m[1])] || !commonNoun(m[1], texts...) {
		return s
	}
	return "The " + lowerFirst(s)
}
