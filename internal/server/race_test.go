//go:build race

package server

// raceEnabled: the race detector slows CPU-bound work several-fold, so
// cost bounds only log under it.
const raceEnabled = true
