package guide

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestScenarioValidation loads the embedded data with scenarios.json
// replaced by a broken one; Load must name the problem.
func TestScenarioValidation(t *testing.T) {
	tests := []struct {
		name, scenarios, want string
	}{
		{"field not an identifier", `[{"id":"x","source":"client","template":[{"step":"acknowledge","text":"t"}],"fields":[{"name":"team-size"}]}]`, `field "team-size"`},
		{"reserved field", `[{"id":"x","source":"client","template":[{"step":"acknowledge","text":"t"}],"fields":[{"name":"Level"}]}]`, `field "Level"`},
		{"duplicate field", `[{"id":"x","source":"client","template":[{"step":"acknowledge","text":"t"}],"fields":[{"name":"a"},{"name":"a"}]}]`, `field "a"`},
		{"duplicate id", `[{"id":"x","source":"client","template":[{"step":"acknowledge","text":"t"}]},{"id":"x","source":"client","template":[{"step":"acknowledge","text":"t"}]}]`, `scenario "x"`},
		{"empty template", `[{"id":"x","source":"client"}]`, `scenario x: empty template`},
		{"unknown step", `[{"id":"x","source":"client","template":[{"step":"opener","text":"t"}]}]`, `template step "opener"`},
		{"step without text", `[{"id":"x","source":"client","template":[{"step":"impact","levels":{"mild":"t"}}]}]`, `no text for the levels`},
		{"unknown level", `[{"id":"x","source":"client","template":[{"step":"impact","text":"t","levels":{"loud":"t"}}]}]`, `loud`},
		{"unknown matter", `[{"id":"x","source":"client","matter":"taste","template":[{"step":"impact","text":"t"}]}]`, `taste`},
		{"required_from on a required field", `[{"id":"x","source":"client","template":[{"step":"impact","text":"t"}],"fields":[{"name":"a","phrase":"noun","required":true,"required_from":"strong"}]}]`, `required_from`},
		{"default on a required field", `[{"id":"x","source":"client","template":[{"step":"impact","text":"t"}],"fields":[{"name":"a","phrase":"noun","required":true,"default":"d"}]}]`, `default`},
		{"unknown source", `[{"id":"x","source":"blog","template":[{"step":"acknowledge","text":"t"}]}]`, `unknown source "blog"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			err := fs.WalkDir(dataFS, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := fs.ReadFile(dataFS, p)
				fsys[p] = &fstest.MapFile{Data: b}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			fsys["data/scenarios.json"] = &fstest.MapFile{Data: []byte(`{"scenarios": ` + tt.scenarios + `}`)}
			_, err = Load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %s", err, tt.want)
			}
		})
	}
}
