package rewrite

import (
	"regexp"
	"sync"
)

// lazyRE is a regular expression compiled on first use, so that linking
// this package (every pushback start-up, CLI or server) costs nothing until
// a rewrite runs.
type lazyRE struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func lazyRegexp(expr string) *lazyRE { return &lazyRE{expr: expr} }

// get returns the compiled expression; the expressions are constants, so a
// compile error is a programming error caught by every test that rewrites.
func (l *lazyRE) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}
