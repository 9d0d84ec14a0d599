// Package evals carries the eval suite's data, embedded so `pushback eval`
// runs on a fresh clone with no files around: the rewrite cases
// (rewrite/*.json), the checker's first-sight sets (checker/firstsight/,
// never trained on; the training corpus in checker/train/ stays out of the
// binary), the
// thresholds (thresholds.json), the injection canaries (canaries.json) and
// the recorded model runs (cassettes/). README.md documents every schema.
package evals

import "embed"

// FS holds every data file of the suite, at the paths they have under evals/.
//
//go:embed *.json checker/README.md all:checker/firstsight all:rewrite all:cassettes
var FS embed.FS
