package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pushback/pushback/internal/cli"
)

// TestServerJSONVersion keeps the registry manifest at the version the
// binary reports.
func TestServerJSONVersion(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "server.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Version  string `json:"version"`
		Packages []struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Version != cli.Version {
		t.Errorf("server.json version %q, binary version %q", m.Version, cli.Version)
	}
	for _, p := range m.Packages {
		if p.Version != cli.Version {
			t.Errorf("server.json package version %q, binary version %q", p.Version, cli.Version)
		}
	}
}
