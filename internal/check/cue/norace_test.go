//go:build !race

package cue

const raceEnabled = false
