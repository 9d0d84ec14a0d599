// Package check is the draft checker: it finds the formula's parts, the
// level a draft reads at, the anti-patterns and the supporting signals, with
// character spans, and scores the draft.
package check

import (
	"errors"

	"github.com/pushback/pushback/internal/guide"
)

// Checker judges drafts against a guide. It is safe for concurrent use.
type Checker struct {
	g *guide.Guide
}

// New compiles the guide's cues into a Checker.
func New(g *guide.Guide) (*Checker, error) {
	return &Checker{g: g}, nil
}

// Check judges one draft. Input errors wrap draft.ErrEmpty, draft.ErrTooLong,
// draft.ErrInvalidUTF8 or guide.ErrUnknownValue.
func (c *Checker) Check(in Input) (Report, error) {
	return Report{}, errors.New("check: not implemented yet")
}
