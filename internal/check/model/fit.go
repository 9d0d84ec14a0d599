package model

import (
	"fmt"
	"io"
)

// CV is a cross-validation run: the examples and their writer-held-out
// predictions, with the calibration fitted on them.
type CV struct {
	Examples []Example
	OOF      []OOF
	Platt    [2]float64
	Folds    int
}

// Fit is `make train`: writer-held-out cross-validation, Platt calibration
// on its margins, then the final model on every example, encoded.
func Fit(exs, spans []Example, cfg Config, opt Options, antiClasses []string, folds int) ([]byte, *CV, error) {
	oof, err := CrossValidate(exs, spans, cfg, opt, antiClasses, folds)
	if err != nil {
		return nil, nil, err
	}
	cv := &CV{Examples: exs, OOF: oof, Platt: Platt(exs, oof), Folds: folds}
	t, err := Train(exs, spans, cfg, opt, antiClasses, cv.Platt, HashCorpus(exs, spans))
	if err != nil {
		return nil, nil, fmt.Errorf("train final model: %w", err)
	}
	return t.File, cv, nil
}

// WriteMarkdown writes the run's report.
func (cv *CV) WriteMarkdown(w io.Writer) {
	n := 0
	for _, ex := range cv.Examples {
		if !ex.Augmented {
			n++
		}
	}
	fmt.Fprintf(w, "Writer-held-out cross-validation, %d folds, %d messages from %d writers (trained with %d copies that leave out stakes and audience); calibration P(good) = sigmoid(%.3f * margin + %.3f).\n\n",
		cv.Folds, n, countWriters(cv.Examples), len(cv.Examples)-n, cv.Platt[0], cv.Platt[1])
	WriteReport(w, cv.Examples, cv.OOF, cv.Platt)
}
