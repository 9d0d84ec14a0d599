package server

import (
	"fmt"
	"sync"

	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/guide"
)

// checker is what the tools need of the draft checker.
type checker interface {
	Check(in check.Input) (check.Report, error)
}

// lazyChecker builds the checker on its first call instead of in New:
// building it is most of a cold start, and the MCP handshake needs none of
// it; start builds it in the background once the tools are in. With the
// embedded guide it is the process-wide check.Default().
type lazyChecker struct {
	get func() (*check.Checker, error)
}

func newLazyChecker(g *guide.Guide) lazyChecker {
	if g == guide.Default() {
		return lazyChecker{get: func() (*check.Checker, error) { return check.Default(), nil }}
	}
	return lazyChecker{get: sync.OnceValues(func() (*check.Checker, error) { return check.New(g) })}
}

// Check builds the checker if need be and judges the draft.
func (l lazyChecker) Check(in check.Input) (check.Report, error) {
	c, err := l.get()
	if err != nil {
		return check.Report{}, fmt.Errorf("build checker: %w", err)
	}
	return c.Check(in)
}
