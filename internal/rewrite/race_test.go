//go:build race

package rewrite

// raceEnabled: the race detector slows CPU-bound work several-fold, so
// time bounds only log under it.
const raceEnabled = true
