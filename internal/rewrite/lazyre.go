package rewrite

import (
	"regexp"
	"regexp/syntax"
	"sync"
)

// lazyRE is a regular expression compiled on first use, so that linking
// this package (every pushback start-up, CLI or server) costs nothing until
// a rewrite runs.
type lazyRE struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
	// need is what a text must hold for re to match in it (see need):
	// the methods below skip the matcher for a text without it.
	need *need
	// alone: a text is sketched for re alone (for one call). Not when
	// the matcher rules a text out as fast: an expression anchored at the
	// start tries one position, and one that starts with a literal finds
	// where it may start with a substring search. (Sketching the rest of
	// the text after every number, say, would cost time quadratic in its
	// length.)
	alone bool
}

func lazyRegexp(expr string) *lazyRE { return &lazyRE{expr: expr} }

// get returns the compiled expression; the expressions are constants, so a
// compile error is a programming error caught by every test that rewrites.
func (l *lazyRE) get() *regexp.Regexp {
	l.once.Do(func() {
		l.re = regexp.MustCompile(l.expr)
		l.need, l.alone = needsNothing, false
		ast, err := syntax.Parse(l.expr, syntax.Perl)
		if err != nil {
			return
		}
		simple := ast.Simplify()
		l.need = needIn(simple)
		prefix, _ := l.re.LiteralPrefix()
		l.alone = prefix == "" && !beginsText(simple)
	})
	return l.re
}

// may reports whether re may match s: false when s lacks what every match
// needs.
func (l *lazyRE) may(s string) bool {
	l.get()
	return !l.alone || l.need.mayMatch(s)
}

// beginsText reports whether every match of re starts at the start of a
// text (^ or \A first, on every branch); false when it cannot tell.
func beginsText(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText:
		return true
	case syntax.OpCapture:
		return beginsText(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && beginsText(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !beginsText(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// mayIn is may for a text sketched once for several expressions.
func (l *lazyRE) mayIn(t *sketched) bool {
	l.get()
	return t.may(l.need)
}

// The methods of regexp.Regexp the package uses, each giving what the
// matcher gives when s cannot match without running it.

func (l *lazyRE) MatchString(s string) bool {
	return l.may(s) && l.re.MatchString(s)
}

func (l *lazyRE) FindString(s string) string {
	if !l.may(s) {
		return ""
	}
	return l.re.FindString(s)
}

func (l *lazyRE) FindStringIndex(s string) []int {
	if !l.may(s) {
		return nil
	}
	return l.re.FindStringIndex(s)
}

func (l *lazyRE) FindStringSubmatch(s string) []string {
	if !l.may(s) {
		return nil
	}
	return l.re.FindStringSubmatch(s)
}

func (l *lazyRE) FindStringSubmatchIndex(s string) []int {
	if !l.may(s) {
		return nil
	}
	return l.re.FindStringSubmatchIndex(s)
}

func (l *lazyRE) FindAllString(s string, n int) []string {
	if !l.may(s) {
		return nil
	}
	return l.re.FindAllString(s, n)
}

func (l *lazyRE) FindAllStringIndex(s string, n int) [][]int {
	if !l.may(s) {
		return nil
	}
	return l.re.FindAllStringIndex(s, n)
}

func (l *lazyRE) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !l.may(s) {
		return nil
	}
	return l.re.FindAllStringSubmatchIndex(s, n)
}

// ReplaceAllString returns s when nothing can match (regexp's gives a
// string equal to it).
func (l *lazyRE) ReplaceAllString(s, repl string) string {
	if !l.may(s) {
		return s
	}
	return l.re.ReplaceAllString(s, repl)
}

func (l *lazyRE) ReplaceAllStringFunc(s string, repl func(string) string) string {
	if !l.may(s) {
		return s
	}
	return l.re.ReplaceAllStringFunc(s, repl)
}
