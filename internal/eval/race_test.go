//go:build race

package eval

// raceEnabled: the race detector slows CPU-bound work several-fold, so
// wall-time assertions only log under it.
const raceEnabled = true
