//go:build race

package studio_test

// raceEnabled: under the race detector the server runs several times
// slower, so timing bounds are only logged.
const raceEnabled = true
