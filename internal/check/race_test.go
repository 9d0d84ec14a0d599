//go:build race

package check

// raceEnabled: the race detector slows CPU-bound work several-fold, so the
// corpus-wide tests check a sample under it and retraining is left to the
// run without it.
const raceEnabled = true
