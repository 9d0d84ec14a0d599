// Package cue is the checker's matcher: the guide's cues (guide.Cue, RE2
// patterns matched case-insensitively) compiled into rules, and their
// matches over a draft.
//
// A Rule is a named group of cues scored together (Vale's "extends"): a
// formula step, a signal, a level, an anti-pattern, a feature, the stock
// lines. Compile builds one from the guide's cues; NewIndex gathers the
// rules a checker evaluates into one lead index; NewText prepares a draft
// once (its lower-cased copy, its sentences from draft.SentenceSpans, where
// each indexed cue's leads occur); Rule.Eval then scores a rule on it,
// with the hits (byte spans) that counted. A rule is present when its
// score reaches Threshold. What the rules mean (which is a step, how a
// report is scored) is the checker's: package check.
//
// A cue (guide.Cue) is
//
//   - existence (the default): counts its weight once if it matches;
//   - occurrence: counts its weight for every match;
//   - conditional: counts only when none of the features in Unless holds
//     and all in Requires do (Eval's features: the names the caller found
//     true; with none, conditional cues are skipped);
//   - negative weights are counter-evidence ("acknowledge the limitation
//     proactively" cancels talk of not mentioning it);
//   - scope "sentence" matches each sentence on its own (^ and $ are its
//     edges) and marks the whole sentence.
//
// A cue whose pattern is "^" matches no words: it judges shape alone (its
// conditions), and its hit has no width.
//
// Matching is the hot path. Most cues start at a word boundary with one of
// a few literal prefixes (leads): the index finds every lead in a draft in
// one walk of a byte trie, and a cue's regexp runs anchored at those
// places only (or not at all when its leads are every string it matches),
// and only where the literals every match must contain are within its
// reach. A sentence cue's match can mostly begin only at a sentence's
// start or at a word with one of a few leads (starts.go): a second trie,
// walked from sentences' starts, and the first find those, and its regexp
// runs on those sentences only. Other cues are prefiltered by the literals
// every match must contain. A rule's probes (probe.go) rule most of its
// cues out from the indexes alone. The literal and lead filters read the
// ASCII-lower-cased draft; those added to make checking fast are not used
// on a draft holding a character RE2's case folding matches to an ASCII
// letter (Text.foldFree). Regexps compile on first use. The tests hold the
// indexed matcher to plain regexp search, cue by cue, on the corpus.
package cue

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pushback/pushback/internal/guide"
)

// Threshold is the summed cue weight at which a rule (a step, a level, an
// anti-pattern) counts as present.
const Threshold = 1.0

// cue is one compiled guide.Cue.
//
// Matching is the hot path, and Go's regexp scans text at tens of ns per
// byte, so a cue is matched the way a search engine would: most patterns
// start at a word boundary with one of a few literal prefixes (lead); the
// checker indexes the draft's word starts once and runs the anchored
// pattern only where a lead occurs. Other patterns are prefiltered by the
// literals every match must contain (need) and run on the sentences that
// hold them.
type cue struct {
	re       *lazyRegexp // unanchored, case-insensitive
	anchored *lazyRegexp // ^(?:pattern): for matching at a lead position; nil without lead
	weight   float64
	kind     string
	sentence bool
	unless   []string
	requires []string
	lead     []string // lower-cased ASCII prefixes, each starting with a word character; nil when unknown (and once indexed)
	id       int32    // its number in the Index holding it; -1 without lead
	// full: the leads are every string the pattern can match (it is
	// \b, fixed alternatives, and at most a final \b, endB), so a lead
	// found at a word start is the match and no regexp needs to run.
	full bool
	endB bool
	need [][]string // conjunction of disjunctions of lower-cased literals
	// needGrams holds, for each literal of need, the hashed trigrams it
	// contains (see gramSet): a literal any of whose trigrams the text
	// lacks is not in it, found without scanning the text.
	needGrams [][][]uint16
	// leadNeed (with leadNeedGrams) is need for a cue the index places
	// whose regexp may have to run: a draft that lacks one of its literal
	// sets cannot match, and its candidates are skipped. It keeps only the
	// sets it can decide exactly as the regexp would (see foldSafe), and is
	// used only on a Text with no character that folds to ASCII (foldFree).
	// Most lead cues begin with a common word ("the", "if", "would") and
	// would otherwise run their regexp at every one of its places.
	leadNeed      [][]string
	leadNeedGrams [][][]uint16
	// runs (with runGrams): for a cue the index cannot place, a literal
	// set one of which every match holds where consecutive parts of the
	// pattern are fixed ("??" for \?\?+, of which need holds "?" twice),
	// when it rules out more than need; read, like leadNeed, only on a
	// Text with no character that folds to ASCII.
	runs     [][]string
	runGrams [][][]uint16
	// start, for a sentence cue, is where in a sentence a match can
	// begin (starts.go); nil when the pattern does not say.
	start *startSet
	// maxLen is the most bytes a match can span, or -1 when unbounded: an
	// anchored regexp run at a lead needs no more of the sentence than
	// that (see match).
	maxLen int
}

// lazyRegexp is a regexp compiled on first use. A checker holds hundreds
// of cues, most of which the index answers without a regexp (or which no
// draft at hand comes near), so compiling them all up front would cost
// every process that builds a checker far more than checking does. The
// source is validated when the rule is compiled.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() {
		// New parsed src with the same syntax, so this cannot fail.
		l.re = regexp.MustCompile(l.src)
	})
	return l.re
}

func (l *lazyRegexp) String() string { return l.src }

// Rule is a named group of cues scored together (Vale's "extends"). Its
// cues are shared by its copies, and NewIndex marks them as the index's.
type Rule struct {
	ID     string
	cues   []cue
	probes []probe // one a cue, set as cues are compiled and indexed
}

// Hit is one cue match that counted toward a rule.
type Hit struct {
	Start, End int // byte offsets
	Weight     float64
}

// Result is how a rule scored on one draft.
type Result struct {
	Score float64
	Hits  []Hit // in text order, positive and negative
}

// Present reports whether the rule reached Threshold.
func (r Result) Present() bool { return r.Score >= Threshold }

// Compile compiles the cues cs into the rule id, checking every pattern.
func Compile(id string, cs []guide.Cue) (Rule, error) {
	r := Rule{ID: id, cues: make([]cue, 0, len(cs))}
	res := make([]lazyRegexp, 2*len(cs)) // one allocation for the rule's regexps
	for i, c := range cs {
		src := "(?i)" + c.Pattern
		ast, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			return Rule{}, fmt.Errorf("rule %s: cue %q: %w", id, c.Pattern, err)
		}
		w := c.Weight
		if w == 0 {
			w = 1
		}
		kind := c.Kind
		if kind == "" {
			kind = guide.CueExistence
		}
		res[2*i].src = src
		cu := cue{re: &res[2*i], weight: w, kind: kind, sentence: c.Scope == guide.ScopeSentence, unless: c.Unless, requires: c.Requires, id: -1}
		ast = ast.Simplify()
		cu.maxLen = maxLen(ast)
		if !cu.sentence {
			if set, endB, ok := fullSet(ast); ok {
				cu.lead, cu.full, cu.endB = set, true, endB
			} else {
				cu.lead = wordLead(ast)
			}
		} else {
			cu.start = sentenceStarts(ast)
		}
		if cu.lead != nil {
			cu.anchored = &res[2*i+1]
			cu.anchored.src = "(?i)^(?:" + c.Pattern + ")"
			if strings.Contains(c.Pattern, `\Q`) {
				// \Q...\E can swallow the closing parenthesis: check the
				// anchored form now rather than at first use.
				if _, err := syntax.Parse(cu.anchored.src, syntax.Perl); err != nil {
					return Rule{}, fmt.Errorf("rule %s: cue %q: %w", id, c.Pattern, err)
				}
			}
			if !cu.full {
				cu.leadNeed, cu.leadNeedGrams = literalSets(foldSafe(required(ast)))
			}
		} else {
			cu.need, cu.needGrams = literalSets(required(ast))
			cu.runs, cu.runGrams = literalSets(literalRuns(ast, cu.need))
		}
		r.cues = append(r.cues, cu)
	}
	r.probes = make([]probe, len(r.cues))
	for i := range r.cues {
		r.probes[i] = r.cues[i].probe()
	}
	return r, nil
}

// literalSets orders need, literal sets every match holds, most selective
// first (so that a text without one fails sooner), with each literal's
// trigram hashes.
func literalSets(need [][]string) ([][]string, [][][]uint16) {
	if len(need) == 0 {
		return nil, nil
	}
	sort.SliceStable(need, func(i, j int) bool { return shortestLen(need[i]) > shortestLen(need[j]) })
	grams := make([][][]uint16, len(need))
	for k, any := range need {
		grams[k] = make([][]uint16, len(any))
		for j, lit := range any {
			grams[k][j] = trigrams(lit)
		}
	}
	return need, grams
}

// literalRuns returns, for a pattern that is a sequence, the literal set
// one of which every match holds that is the most selective of those
// seqPrefixes finds for its tails (a match of the whole holds a match of
// each tail), when it is more selective than need's best; nil otherwise.
// Its literals hold no cased non-ASCII character (see foldSafe).
func literalRuns(re *syntax.Regexp, need [][]string) [][]string {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat {
		return nil
	}
	bestLen := 0
	for _, set := range need {
		bestLen = max(bestLen, shortestLen(set))
	}
	var best []string
	for i := range re.Sub {
		ps := seqPrefixes(re.Sub[i:])
		if ps == nil || len(ps) > 64 || contains(ps, "") || slices.ContainsFunc(ps, hasCasedNonASCII) {
			continue
		}
		if n := shortestLen(ps); n > bestLen {
			best, bestLen = ps, n
		}
	}
	if best == nil {
		return nil
	}
	return [][]string{best}
}

// foldSafe keeps the literal sets of need whose every literal is found in
// a draft's ASCII-lower-cased copy wherever the case-insensitive regexp
// would match it: those whose characters are ASCII or have no other case.
// (A non-ASCII letter with cases, such as "é" from a case-sensitive "É",
// is not found by a byte search of the copy, which lowers ASCII only.)
// The ASCII letters k and s also match the Kelvin sign and the long s
// under RE2's case folding; a Text holding either is not prefiltered (see
// Text.foldFree).
func foldSafe(need [][]string) [][]string {
	var out [][]string
	for _, any := range need {
		if !slices.ContainsFunc(any, hasCasedNonASCII) {
			out = append(out, any)
		}
	}
	return out
}

func hasCasedNonASCII(s string) bool {
	for _, r := range s {
		if r >= 0x80 && unicode.SimpleFold(r) != r {
			return true
		}
	}
	return false
}

// CompileStock compiles the guide's stock lines into the rule "stock": an
// occurrence cue each, so its hits are every stock line of a draft.
func CompileStock(lines []guide.StockLine) (Rule, error) {
	cs := make([]guide.Cue, len(lines))
	for i, l := range lines {
		// (?m): a line's end ($) is a stock line's end, as when the guide
		// matches sentence by sentence.
		cs[i] = guide.Cue{Pattern: "(?m)" + l.Pattern, Kind: guide.CueOccurrence}
	}
	return Compile("stock", cs)
}

// Text is a draft prepared for matching: its ASCII-lower-cased copy (same
// byte offsets), its sentences, and where each indexed cue's leads occur.
type Text struct {
	raw     string
	lower   string
	grams   *gramSet  // the trigrams of lower
	sgrams  []gramSet // the trigrams of each sentence of sents, once sfilled (see sentenceGrams)
	sfilled []bool
	sents   [][2]int
	candOff []int32 // see Index.candidates
	cands   []cand
	// startOff and starts are candOff and cands of the sentence-start
	// index (Index.starts).
	startOff []int32
	starts   []cand
	hits     *[]Hit // the Scratch's arena for Eval's hits (see Eval)
	wanted   *int   // how much of it this text's hits took or would have
	// foldFree: raw holds neither the Kelvin sign nor the long s, the
	// only characters RE2's case folding matches to ASCII letters (k, s),
	// so an ASCII literal of a case-insensitive cue is in lower exactly
	// when the regexp could match it.
	foldFree bool
	// midWord: a sentence begins in the middle of a word of raw, where
	// the lead index lists no word start.
	midWord bool
}

// NewText prepares raw for the rules indexed in ix. The text uses sc's
// memory: it is valid until sc prepares another text.
func NewText(raw string, ix *Index, sc *Scratch) *Text {
	t := &Text{raw: raw, lower: lowerASCII(raw), sents: sentences(raw), foldFree: foldFree(raw)}
	sc.grams.fill(t.lower)
	t.grams = &sc.grams
	sc.sgrams = resize(sc.sgrams, len(t.sents))
	sc.sfilled = resize(sc.sfilled, len(t.sents))
	clear(sc.sfilled)
	t.sgrams, t.sfilled = sc.sgrams, sc.sfilled
	if sc.hitsWanted > cap(sc.hits) {
		sc.hits = make([]Hit, 0, sc.hitsWanted)
	}
	sc.hits, sc.hitsWanted = sc.hits[:0], 0
	t.hits, t.wanted = &sc.hits, &sc.hitsWanted
	ix.candidates(t.lower, &sc.leads)
	t.candOff, t.cands = sc.leads.off, sc.leads.cands
	sc.startAt = t.sentenceStarts(sc.startAt[:0])
	if ix.starts != nil {
		ix.starts.candidatesAt(t.lower, sc.startAt, &sc.starts)
		t.startOff, t.starts = sc.starts.off, sc.starts.cands
	}
	return t
}

// foldFree reports whether s holds neither U+212A (Kelvin sign, K) nor
// U+017F (long s, ſ).
func foldFree(s string) bool {
	return !strings.Contains(s, "\u212a") && !strings.Contains(s, "\u017f")
}

// sentenceGrams returns the trigrams of sentence k, filled on first use:
// most sentence cues skip most sentences by their starts, before their
// literals are looked up.
func (t *Text) sentenceGrams(k int) *gramSet {
	if !t.sfilled[k] {
		se := t.sents[k]
		t.sgrams[k].fill(t.lower[se[0]:se[1]])
		t.sfilled[k] = true
	}
	return &t.sgrams[k]
}

// sentenceStarts appends to at the places the sentence-start index is
// walked from: each sentence's start and its first ASCII word character,
// in order. It sets midWord.
func (t *Text) sentenceStarts(at []int32) []int32 {
	t.midWord = false
	for _, se := range t.sents {
		s := t.lower[se[0]:se[1]]
		if s == "" {
			continue
		}
		at = append(at, int32(se[0]))
		if i := firstWordByte(s); 0 < i && i < len(s) {
			at = append(at, int32(se[0]+i))
		}
		if se[0] > 0 && isWordByte(t.lower[se[0]-1]) && isWordByte(s[0]) {
			t.midWord = true
		}
	}
	return at
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// wordBoundary reports whether \b holds at byte offset i of s.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// isWordByte is \b's notion of a word character (ASCII only, as in RE2).
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// Sentences returns the byte ranges [start, end) of t's sentences
// (draft.SentenceSpans), in order.
func (t *Text) Sentences() [][2]int { return t.sents }

// SentenceAt returns the sentence of t holding byte offset b, or [b, b)
// when none does.
func (t *Text) SentenceAt(b int) [2]int { return sentenceAt(t.sents, b) }

// sentenceEnd returns the end of the sentence holding byte offset p.
func (t *Text) sentenceEnd(p int) int {
	if s := sentenceAt(t.sents, p); s[1] > s[0] {
		return s[1]
	}
	return len(t.raw)
}

// Eval scores r on t. features says which steps and signals the draft has;
// conditional cues are skipped when features is nil. The result's hits
// are valid as long as t is: they are appended to t's Scratch, which
// grows to hold a draft's hits, so that evaluating a rule allocates
// nothing.
func (r Rule) Eval(t *Text, features map[string]bool) Result {
	var res Result
	var arena []Hit
	if t.hits != nil {
		arena = *t.hits
		res.Hits = arena[len(arena):]
	}
	for i := range r.probes {
		p := &r.probes[i]
		if p.flags&probeConditional != 0 && (features == nil || !r.cues[i].conditionHolds(features)) || p.rulesOut(t) {
			continue // no hits: the score is unchanged
		}
		c := &r.cues[i]
		n := len(res.Hits)
		res.Hits = c.match(t, res.Hits)
		res.Score += c.weight * float64(len(res.Hits)-n)
	}
	sortHits(res.Hits)
	if t.hits != nil {
		*t.wanted += len(res.Hits)
		if len(res.Hits) > 0 && cap(arena)-len(arena) >= len(res.Hits) && &arena[:len(arena)+1][len(arena)] == &res.Hits[0] {
			// The hits are the arena's next ones: keep them, and let no
			// append to them write over the next rule's.
			*t.hits = arena[:len(arena)+len(res.Hits)]
			res.Hits = res.Hits[:len(res.Hits):len(res.Hits)]
		}
	}
	if len(res.Hits) == 0 {
		res.Hits = nil
	}
	return res
}

// Strongest returns the index (in the cues r was compiled from) of r's
// heaviest cue that holds on t: conditional cues count when their
// conditions hold in features. Among equals the first wins; -1 when none
// holds with a positive weight. The judge gives a finding that has no
// words to point at (only shape cues held) that cue's note.
func (r Rule) Strongest(t *Text, features map[string]bool) int {
	best, w := -1, 0.0
	for j := range r.cues {
		cu := &r.cues[j]
		if cu.weight <= w || cu.kind == guide.CueConditional && !cu.conditionHolds(features) || len(cu.match(t, nil)) == 0 {
			continue
		}
		best, w = j, cu.weight
	}
	return best
}

// HoldsIn reports whether r's unconditional cues reach the Threshold on s,
// matched whole (no index, no spans): for the situation, which is read
// once. A cue runs its regexp only when one of its leads begins a word of s
// (the situation's cues are not in the checker's lead index, so they keep
// their leads) or s holds every literal it needs: most situations name no
// gap, risk or decision, and running every regexp was a third of the time
// of checking many drafts at once.
func (r Rule) HoldsIn(s string) bool {
	score := 0.0
	var ws *wordStarts
	lower := ""
	for i := range r.cues {
		c := &r.cues[i]
		if c.kind == guide.CueConditional {
			continue
		}
		if c.lead != nil || c.need != nil {
			if ws == nil {
				lower = lowerASCII(s)
				ws = newWordStarts(lower)
			}
			if (c.lead != nil && !ws.anyLead(lower, c.lead)) || !c.mayMatch(lower) {
				continue
			}
		}
		if c.re.get().MatchString(s) {
			score += c.weight
		}
	}
	return score >= Threshold
}

// wordStarts are the offsets where words begin in a lower-cased text,
// grouped by their first byte: a lead (which begins at a word boundary with
// a word byte) can only occur at one of them.
type wordStarts struct {
	pos []int32
	off [129]int32 // pos[off[b]:off[b+1]] begin with byte b
}

func newWordStarts(lower string) *wordStarts {
	ws := &wordStarts{}
	var n [128]int32
	for i := 0; i < len(lower); i++ {
		if isWordByte(lower[i]) && (i == 0 || !isWordByte(lower[i-1])) {
			n[lower[i]]++
		}
	}
	for b := range 128 {
		ws.off[b+1] = ws.off[b] + n[b]
	}
	ws.pos = make([]int32, ws.off[128])
	next := ws.off
	for i := 0; i < len(lower); i++ {
		if b := lower[i]; isWordByte(b) && (i == 0 || !isWordByte(lower[i-1])) {
			ws.pos[next[b]] = int32(i)
			next[b]++
		}
	}
	return ws
}

// anyLead reports whether one of leads begins a word of lower.
func (ws *wordStarts) anyLead(lower string, leads []string) bool {
	for _, l := range leads {
		b := l[0]
		if b >= 128 {
			return true // not a lead the index would hold: let the regexp decide
		}
		for _, p := range ws.pos[ws.off[b]:ws.off[b+1]] {
			if strings.HasPrefix(lower[p:], l) {
				return true
			}
		}
	}
	return false
}

// match appends the cue's matches in t to hits: every non-overlapping match
// for occurrence cues, the first one otherwise.
func (c *cue) match(t *Text, hits []Hit) []Hit {
	all := c.kind == guide.CueOccurrence
	switch {
	case c.sentence:
		st, cur := c.sentenceStarts(t)
		from := 0
		if st != nil {
			// The first sentence a match can begin in, if any: most
			// sentence cues can begin in none of a draft's sentences.
			if !cur.any(st, t) {
				return hits
			}
			for from < len(t.sents) && !st.mayStart(t, t.sents[from], &cur) {
				from++
			}
		}
		if from == len(t.sents) || !c.mayMatchText(t) {
			return hits
		}
		for k := from; k < len(t.sents); k++ {
			s := t.sents[k]
			if st != nil && k > from && !st.mayStart(t, s, &cur) || !c.mayMatchInText(t, t.lower[s[0]:s[1]], t.sentenceGrams(k)) {
				continue
			}
			if c.re.get().MatchString(t.raw[s[0]:s[1]]) {
				hits = append(hits, Hit{s[0], s[1], c.weight})
				if !all {
					return hits
				}
			}
		}
	case c.id >= 0:
		// Candidate positions: word starts holding one of the leads, in
		// text order (a position repeats when several leads match there).
		cand := t.cands[t.candOff[c.id]:t.candOff[c.id+1]]
		if len(cand) == 0 || c.leadNeed != nil && t.foldFree && !holdsLiterals(c.leadNeed, c.leadNeedGrams, t.lower, t.grams) {
			return hits
		}
		last := -1
		for i := 0; i < len(cand); {
			p := int(cand[i].p)
			j, end, n := i, 0, 0
			for ; j < len(cand) && int(cand[j].p) == p; j++ {
				if e := p + int(cand[j].n); c.full && (!c.endB || wordBoundary(t.lower, e)) {
					end, n = e, n+1
				}
			}
			i = j
			if p < last {
				continue
			}
			send := t.sentenceEnd(p)
			if !c.full || n > 1 || end > send {
				// Let the regexp decide (and pick among several leads
				// the way RE2's leftmost-first rule does). A match spans
				// at most maxLen bytes: the rest of a long sentence is
				// not read, but for one character past them, which \b
				// and $ look at (RE2's backtracker clears and marks a bit
				// per byte of its input and instruction).
				in := t.raw[p:send]
				if c.maxLen >= 0 && c.maxLen+utf8.UTFMax < len(in) {
					in = in[:c.maxLen+utf8.UTFMax]
				}
				// A match here lies within in: so must the literals
				// every match holds (leadNeed), which the draft as a
				// whole has (see above).
				if c.leadNeed != nil && t.foldFree && !holdsLiterals(c.leadNeed, c.leadNeedGrams, t.lower[p:p+len(in)], nil) {
					continue
				}
				m := c.anchored.get().FindStringIndex(in)
				if m == nil {
					continue
				}
				end = p + m[1]
			} else if n == 0 {
				continue
			}
			hits = append(hits, Hit{p, end, c.weight})
			if !all {
				return hits
			}
			last = max(end, p+1)
		}
	default:
		if !c.mayMatchText(t) {
			return hits
		}
		if !all {
			if m := c.re.get().FindStringIndex(t.raw); m != nil {
				hits = append(hits, Hit{m[0], m[1], c.weight})
			}
			return hits
		}
		for _, m := range c.re.get().FindAllStringIndex(t.raw, -1) {
			hits = append(hits, Hit{m[0], m[1], c.weight})
		}
	}
	return hits
}

// sentenceStarts returns where in t's sentences the sentence cue c's
// matches can begin, with where its leads occur, or nil when t cannot be
// told so: it holds a character RE2 folds to an ASCII letter, or the
// indexes t was prepared with do not hold the cue's leads.
func (c *cue) sentenceStarts(t *Text) (*startSet, startCursor) {
	st := c.start
	if st == nil || !t.foldFree || !st.indexed(c.id) {
		return nil, startCursor{}
	}
	var cur startCursor
	var ok bool
	if cur.first, ok = candsOf(t.startOff, t.starts, st.fid); !ok {
		return nil, startCursor{}
	}
	if cur.skipped, ok = candsOf(t.startOff, t.starts, st.sid); !ok {
		return nil, startCursor{}
	}
	if st.word != nil {
		if cur.word, ok = candsOf(t.candOff, t.cands, c.id); !ok {
			return nil, startCursor{}
		}
	}
	return st, cur
}

// candsOf returns the candidates of id (none for -1); false when id is not
// one of off's.
func candsOf(off []int32, cands []cand, id int32) ([]cand, bool) {
	switch {
	case id < 0:
		return nil, true
	case int(id)+1 >= len(off):
		return nil, false
	}
	return cands[off[id]:off[id+1]], true
}

func (c *cue) conditionHolds(features map[string]bool) bool {
	for _, f := range c.unless {
		if features[f] {
			return false
		}
	}
	for _, f := range c.requires {
		if !features[f] {
			return false
		}
	}
	return true
}

// mayMatchText is mayMatch on the whole of t, each literal first looked
// up by its trigrams: most of the literals of most cues are in no given
// draft, and scanning a draft for each of them was a third of the time of
// a check.
func (c *cue) mayMatchText(t *Text) bool { return c.mayMatchInText(t, t.lower, t.grams) }

// mayMatchInText is mayMatchIn on lower, a part of t, and on a fold-free
// t also holds lower to the cue's runs.
func (c *cue) mayMatchInText(t *Text, lower string, g *gramSet) bool {
	return c.mayMatchIn(lower, g) && (c.runs == nil || !t.foldFree || holdsLiterals(c.runs, c.runGrams, lower, g))
}

// mayMatch reports whether lower holds a literal of each of c's sets.
func (c *cue) mayMatch(lower string) bool { return c.mayMatchIn(lower, nil) }

// mayMatchIn is mayMatch on lower, whose trigrams are g (nil: unknown).
func (c *cue) mayMatchIn(lower string, g *gramSet) bool {
	return holdsLiterals(c.need, c.needGrams, lower, g)
}

// holdsLiterals reports whether lower, whose trigrams are g (nil:
// unknown), holds a literal of each set of need; grams are the literals'
// trigram hashes.
func holdsLiterals(need [][]string, grams [][][]uint16, lower string, g *gramSet) bool {
	for k, any := range need {
		ok := false
		for j, s := range any {
			if (g == nil || g.hasAll(grams[k][j])) && strings.Contains(lower, s) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func sortHits(h []Hit) {
	// insertion sort: a rule has few hits.
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && (h[j].Start < h[j-1].Start || h[j].Start == h[j-1].Start && h[j].End < h[j-1].End); j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

// literal returns the lower-cased text of a literal node, or "" when case
// folding would make a byte-wise comparison on ASCII-lowered text unsafe.
// (RE2's case folding also maps k to the Kelvin sign and s to the long s;
// a draft spelled with those is not matched by the literal prefilter.)
func literal(re *syntax.Regexp) string {
	var b strings.Builder
	for _, r := range re.Rune {
		if r >= 0x80 && (re.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(r) != r) {
			return ""
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// classChars returns the characters of a small character class as
// literals, or nil.
func classChars(re *syntax.Regexp) []string {
	var out []string
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi-lo > 26 || len(out)+int(hi-lo)+1 > 64 {
			return nil
		}
		for r := lo; r <= hi; r++ {
			if r >= 0x80 && unicode.SimpleFold(r) != r {
				return nil
			}
			s := strings.ToLower(string(r))
			if !contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

// required returns literal sets every match must contain: for each set, at
// least one of its strings occurs in the lower-cased match.
func required(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		if s := literal(re); s != "" {
			return [][]string{{s}}
		}
	case syntax.OpCharClass:
		if cs := classChars(re); cs != nil {
			return [][]string{cs}
		}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var out [][]string
		for _, sub := range re.Sub {
			out = append(out, required(sub)...)
		}
		return out
	case syntax.OpAlternate:
		var union []string
		for _, sub := range re.Sub {
			best := bestSet(required(sub))
			if best == nil {
				return nil
			}
			for _, s := range best {
				if !contains(union, s) {
					union = append(union, s)
				}
			}
		}
		return [][]string{union}
	}
	return nil
}

// bestSet picks the most selective set: the one whose shortest string is
// longest.
func bestSet(sets [][]string) []string {
	var best []string
	bestLen := 0
	for _, s := range sets {
		n := -1
		for _, x := range s {
			if n < 0 || len(x) < n {
				n = len(x)
			}
		}
		if n > bestLen {
			best, bestLen = s, n
		}
	}
	return best
}

// wordLead returns the literal prefixes one of which every match starts
// with, when every match starts at a word boundary followed by a word
// character; nil otherwise.
func wordLead(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpCapture:
		return wordLead(re.Sub[0])
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			l := wordLead(sub)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	case syntax.OpConcat:
		if len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpWordBoundary {
			return nil
		}
		ps := seqPrefixes(re.Sub[1:])
		for _, p := range ps {
			if p == "" || !isWordByte(p[0]) || p[0] >= 0x80 {
				return nil
			}
		}
		return ps
	}
	return nil
}

// prefixes returns the literal strings one of which every match of re
// starts with, or nil.
func prefixes(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if s := literal(re); s != "" {
			return []string{s}
		}
	case syntax.OpCharClass:
		return classChars(re)
	case syntax.OpCapture, syntax.OpPlus:
		return prefixes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return prefixes(re.Sub[0])
		}
	case syntax.OpConcat:
		return seqPrefixes(re.Sub)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			p := prefixes(sub)
			if p == nil {
				return nil
			}
			out = append(out, p...)
		}
		return out
	}
	return nil
}

// seqPrefixes is prefixes for a sequence. While the elements match one of
// a few fixed strings, the prefixes go on into what follows (so
// "\\b(?:a|one) (?:week|day)" leads with "a week", "a day", ...), which keeps
// the candidate positions few.
func seqPrefixes(subs []*syntax.Regexp) []string {
	if len(subs) == 0 {
		return nil
	}
	first := subs[0]
	out := exact(first)
	if out == nil {
		if optional(first) {
			a, b := prefixes(first.Sub[0]), seqPrefixes(subs[1:])
			if a == nil || b == nil {
				return nil
			}
			return append(a, b...)
		}
		return prefixes(first)
	}
	for _, sub := range subs[1:] {
		if e := exact(sub); e != nil && len(out)*len(e) <= maxLeads {
			out = cross(out, e, true)
			continue
		}
		if p := prefixes(sub); p != nil && !optional(sub) && len(out)*len(p) <= maxLeads {
			out = cross(out, p, false)
		}
		break
	}
	if contains(out, "") {
		return nil
	}
	return out
}

func optional(re *syntax.Regexp) bool {
	return re.Op == syntax.OpQuest || re.Op == syntax.OpStar || re.Op == syntax.OpRepeat && re.Min == 0
}

// cross returns every x+y, x from a and y from b, without repeats (in no
// particular order). The strings share one buffer. When a and b are known
// to hold no repeats (unique), neither does the result if all of a or all
// of b have one length, and it is not checked.
func cross(a, b []string, unique bool) []string {
	switch {
	case len(a) == 1 && a[0] == "" && unique:
		return b
	case len(b) == 1 && b[0] == "" && unique:
		return a
	}
	var sa, sb int
	for _, x := range a {
		sa += len(x)
	}
	for _, y := range b {
		sb += len(y)
	}
	var buf strings.Builder
	buf.Grow(sa*len(b) + sb*len(a))
	ends := make([]int, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			buf.WriteString(x)
			buf.WriteString(y)
			ends = append(ends, buf.Len())
		}
	}
	all := buf.String()
	out := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		out[i], start = all[start:e], e
	}
	if unique && (sameLen(a) || sameLen(b)) {
		return out
	}
	return dedupe(out)
}

func sameLen(set []string) bool {
	for _, s := range set {
		if len(s) != len(set[0]) {
			return false
		}
	}
	return true
}

// dedupe drops repeated strings from set, reordering it.
func dedupe(set []string) []string {
	if len(set) < 2 {
		return set
	}
	slices.Sort(set)
	return slices.Compact(set)
}

const maxLeads = 256

// exact returns every string re can match when they are few and fixed
// ("" included for optional parts), or nil.
func exact(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []string{""}
	case syntax.OpLiteral:
		if s := literal(re); s != "" {
			return []string{s}
		}
	case syntax.OpCharClass:
		return classChars(re)
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpQuest:
		if e := exact(re.Sub[0]); e != nil && !contains(e, "") {
			return append(e, "")
		}
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			e := exact(sub)
			if e == nil {
				return nil
			}
			out = append(out, e...)
		}
		if out = dedupe(out); len(out) <= maxLeads {
			return out
		}
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			e := exact(sub)
			if e == nil || len(out)*len(e) > maxLeads {
				return nil
			}
			out = cross(out, e, true)
		}
		return out
	}
	return nil
}

// fullSet returns every string a pattern of the form \b, fixed
// alternatives, optional final \b can match, when they are few and each
// starts with a word character.
func fullSet(re *syntax.Regexp) (set []string, endB, ok bool) {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpWordBoundary {
		return nil, false, false
	}
	subs := re.Sub[1:]
	if last := subs[len(subs)-1]; last.Op == syntax.OpWordBoundary {
		subs, endB = subs[:len(subs)-1], true
	}
	set = []string{""}
	for _, sub := range subs {
		e := exact(sub)
		if e == nil || len(set)*len(e) > maxLeads {
			return nil, false, false
		}
		set = cross(set, e, true)
	}
	for _, x := range set {
		if x == "" || !isWordByte(x[0]) {
			return nil, false, false
		}
	}
	return set, endB, true
}

// maxLen returns the most bytes a match of re can span, or -1 when there
// is no bound (a star, a plus, an open repeat). Under case folding a
// literal's character may match a longer one (k the Kelvin sign, 3 bytes).
func maxLen(re *syntax.Regexp) int {
	const unbounded = -1
	n := 0
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			w := utf8.RuneLen(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					w = max(w, utf8.RuneLen(f))
				}
			}
			n += w
		}
	case syntax.OpCharClass:
		for i := 1; i < len(re.Rune); i += 2 {
			n = max(n, utf8.RuneLen(re.Rune[i]))
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		n = utf8.UTFMax
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpRepeat:
		m := maxLen(re.Sub[0])
		if m < 0 || re.Max < 0 {
			return unbounded
		}
		n = re.Max * m
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			m := maxLen(sub)
			if m < 0 {
				return unbounded
			}
			n += m
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			m := maxLen(sub)
			if m < 0 {
				return unbounded
			}
			n = max(n, m)
		}
	default: // star, plus
		return unbounded
	}
	if n > 1<<16 {
		return unbounded
	}
	return n
}

func shortestLen(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}
