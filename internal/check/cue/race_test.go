//go:build race

package cue

// raceEnabled: the race detector slows CPU-bound work several-fold, so the
// corpus-wide tests are left to the run without it (make unit-serial).
const raceEnabled = true
