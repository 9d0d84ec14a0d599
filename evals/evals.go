// Package evals carries the eval suite's data, embedded so `pushback eval`
// runs on a fresh clone with no files around: the rewrite cases
// (rewrite/*.json), the checker's held-out set (checker/*.json), the
// thresholds (thresholds.json), the injection canaries (canaries.json) and
// the recorded model runs (cassettes/). README.md documents every schema.
package evals

import "embed"

// FS holds every data file of the suite, at the paths they have under evals/.
//
//go:embed *.json all:checker all:rewrite all:cassettes
var FS embed.FS
