package model

import (
	_ "embed"
	"fmt"
	"sync"
)

// weightsFile is the trained model, written by `make train`.
//
//go:embed judge.model
var weightsFile []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	m, err := Load(weightsFile)
	if err != nil {
		return nil, fmt.Errorf("embedded model: %w", err)
	}
	return m, nil
})

// Default returns the embedded model, read on first use.
func Default() (*Model, error) { return defaultModel() }

// Embedded returns the embedded model file's bytes.
func Embedded() []byte { return weightsFile }
