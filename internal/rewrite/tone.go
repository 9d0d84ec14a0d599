package rewrite

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/pushback/pushback/internal/guide"
)

// tone is the rules engine's compiled tone heuristics (guide.Tone, from
// internal/guide/data/tone.json).
type tone struct {
	interjection *regexp.Regexp // leading interjections, repeated
	injection    []*regexp.Regexp
	shouting     map[string]bool
	replace      []replacement
}

type replacement struct {
	re   *regexp.Regexp
	with string
}

var loadTone = sync.OnceValues(func() (*tone, error) {
	raw := guide.Default().Tone
	var err error
	t := &tone{shouting: map[string]bool{}}
	compile := func(ps []string) ([]*regexp.Regexp, error) {
		var out []*regexp.Regexp
		for _, p := range ps {
			re, err := regexp.Compile("(?i)" + p)
			if err != nil {
				return nil, fmt.Errorf("tone: %q: %w", p, err)
			}
			out = append(out, re)
		}
		return out, nil
	}
	if t.injection, err = compile(raw.Injection); err != nil {
		return nil, err
	}
	alt := func(ws []string) string { return "(?:" + strings.Join(ws, "|") + ")" }
	if t.interjection, err = regexp.Compile(`(?i)^\s*` + alt(raw.Interjections) + `(?:\b|$)[\s,.!:;…—-]*`); err != nil {
		return nil, fmt.Errorf("tone interjections: %w", err)
	}
	for _, r := range raw.Replacements {
		re, err := regexp.Compile("(?i)" + r.Pattern)
		if err != nil {
			return nil, fmt.Errorf("tone replacement %q: %w", r.Pattern, err)
		}
		t.replace = append(t.replace, replacement{re, r.With})
	}
	for _, w := range raw.Shouting {
		t.shouting[strings.ToLower(w)] = true
	}
	return t, nil
})

func toneData() *tone {
	t, err := loadTone()
	if err != nil {
		panic(fmt.Sprintf("rewrite: embedded tone data is invalid: %v", err)) // tested; a broken build
	}
	return t
}

func anyMatch(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// isInjection reports whether s reads as an instruction to a model rather
// than part of the message.
func (t *tone) isInjection(s string) bool { return anyMatch(t.injection, s) }

// soften strips leading interjections and emoji and lowers shouted words.
func (t *tone) soften(s string) string {
	s = stripEmoji(s)
	for {
		loc := t.interjection.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			break
		}
		// Only when a word boundary follows: "Nobody" is not "no".
		s = s[loc[1]:]
	}
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
		if len([]rune(core)) > 1 && strings.ToUpper(core) == core && t.shouting[strings.ToLower(strings.ReplaceAll(core, "’", "'"))] {
			words[i] = strings.Replace(w, core, strings.ToLower(core), 1)
		}
	}
	s = strings.TrimSpace(strings.Join(words, " "))
	for _, r := range t.replace {
		s = r.re.ReplaceAllString(s, r.with)
	}
	return strings.TrimSpace(s)
}

// emojiBetweenRE is a run of pictographs between two words, where it stood
// for a pause: "14 open bugs 🐛 two of them" -> "14 open bugs, two of them".
var emojiBetweenRE = lazyRegexp(`([\p{L}\d%])\s*[\x{1F000}-\x{1FAFF}\x{2600}-\x{27BF}\x{1F1E6}-\x{1F1FF}\x{FE0F}\x{200D}]+\s+(\p{Ll})`)

// stripEmoji removes pictographs, their variation selectors and joiners; a
// run of them between two words becomes a comma.
func stripEmoji(s string) string {
	s = emojiBetweenRE.get().ReplaceAllString(s, "$1, $2")
	return strings.Map(func(r rune) rune {
		switch {
		case r == 0x200D || r == 0xFE0F || r == 0xFE0E:
			return -1
		case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x1F1E6 && r <= 0x1F1FF:
			return -1
		}
		return r
	}, s)
}
