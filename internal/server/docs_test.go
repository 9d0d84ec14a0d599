package server

import (
	"encoding/json"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushback/pushback/internal/guide"
)

// TestREADMESection fails when the README's generated MCP section differs
// from what the server registers; -update rewrites it.
func TestREADMESection(t *testing.T) {
	var b strings.Builder
	if err := WriteDocs(&b, guide.Default()); err != nil {
		t.Fatal(err)
	}
	section := b.String()
	for _, n := range ToolNames() {
		if !strings.Contains(section, "`"+n+"`") {
			t.Errorf("docs do not mention tool %s", n)
		}
	}
	for _, p := range promptDefs {
		if !strings.Contains(section, "`"+p.name+"`") {
			t.Errorf("docs do not mention prompt %s", p.name)
		}
	}
	path := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReplaceDocs(string(readme), section)
	if err != nil {
		t.Fatal(err)
	}
	if goldenfile.Update() {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != string(readme) {
		t.Errorf("README.md's section between %s and %s is out of date: run go test ./internal/server -update", DocsBegin, DocsEnd)
	}
}

func TestReplaceDocs(t *testing.T) {
	got, err := ReplaceDocs("a\n"+DocsBegin+"\nold\n"+DocsEnd+"\nb\n", "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\n" + DocsBegin + "\nnew\n" + DocsEnd + "\nb\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := ReplaceDocs("no markers", "x"); err == nil {
		t.Error("no error without markers")
	}
}

// TestServerJSON checks the MCP registry manifest against what the server
// reports about itself.
func TestServerJSON(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "server.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Schema      string `json:"$schema"`
		Name        string `json:"name"`
		Description string `json:"description"`
		Version     string `json:"version"`
		Packages    []struct {
			RegistryType     string                   `json:"registryType"`
			Identifier       string                   `json:"identifier"`
			Version          string                   `json:"version"`
			Transport        struct{ Type string }    `json:"transport"`
			PackageArguments []struct{ Value string } `json:"packageArguments"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("server.json: %v", err)
	}
	if m.Schema == "" || !strings.HasSuffix(m.Name, "/"+Name) || m.Description == "" || m.Version == "" {
		t.Errorf("server.json lacks $schema, name .../%s, description or version: %+v", Name, m)
	}
	if len(m.Description) > 100 {
		t.Errorf("registry descriptions are at most 100 characters; have %d", len(m.Description))
	}
	if len(m.Packages) == 0 || m.Packages[0].Transport.Type != "stdio" || m.Packages[0].Version != m.Version {
		t.Fatalf("server.json needs a stdio package at version %s: %+v", m.Version, m.Packages)
	}
	if args := m.Packages[0].PackageArguments; len(args) == 0 || args[0].Value != "serve" {
		t.Errorf("the package must be started with the serve subcommand: %+v", args)
	}
}
