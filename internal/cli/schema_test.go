package cli

import (
	"encoding/json"
	goldenfile "github.com/pushback/pushback/internal/golden"
	"github.com/pushback/pushback/internal/schema"
	"os"
	"path/filepath"
	"testing"

	sjs "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pushback/pushback/internal/batch"
	"github.com/pushback/pushback/internal/check"
	"github.com/pushback/pushback/internal/decide"
	"github.com/pushback/pushback/internal/formula"
	"github.com/pushback/pushback/internal/guide"
	"github.com/pushback/pushback/internal/rewrite"
)

// The --json outputs' schemas, generated from the Go types and kept as
// golden files under testdata/schema (the README links them). A change to
// what users see is a reviewed diff; go test -update rewrites them.
var jsonOutputs = []struct {
	name string
	v    any
}{
	{"check", check.Report{}},
	{"check-batch", batch.Report{}},
	{"decide", decide.Result{}},
	{"template", formula.Result{}},
	{"template-list", []guide.Scenario{}},
	{"rewrite-failure", rewrite.Failure{}},
}

func schemaFor(v any) []byte {
	b, err := json.MarshalIndent(schema.Reflect(v), "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

func TestJSONOutputSchemas(t *testing.T) {
	for _, o := range jsonOutputs {
		t.Run(o.name, func(t *testing.T) {
			got := schemaFor(o.v)
			path := filepath.Join("testdata", "schema", o.name+".schema.json")
			if goldenfile.Update() {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s changed; review and run go test -update:\n%s", path, got)
			}
		})
	}
}

// TestJSONOutputsMatchSchemas runs each subcommand with --json and
// validates what it prints against its schema.
func TestJSONOutputsMatchSchemas(t *testing.T) {
	runs := []struct {
		schema string
		args   []string
	}{
		{"check", []string{"check", "--json", "No, that won't work. We need to do it the way I said."}},
		{"check", []string{"check", "--json", "--audience", "leadership", "I'd recommend we acknowledge the limitation proactively and frame our roadmap around it. Prospects respect transparency. They punish late surprises."}},
		{"check-batch", []string{"check", "--format", "json", "--stakes", "high", "--paths", "../../examples/team/replies", "../../examples/team/bot"}},
		{"check-batch", []string{"check", "--format", "json", "Sure."}},
		{"decide", []string{"decide", "--json", "--at-stake", "capacity", "--evidence=yes"}},
		{"decide", []string{"decide", "--json"}},
		{"template", []string{"template", "--json", "--scenario", "overcommitted_team", "--set", "team_size=6", "--set", "items=48", "--set", "capacity=5-6"}},
		{"template", []string{"template", "--json", "--goal", "a", "--concern", "b", "--impact", "c", "--alternative", "d"}},
		{"template-list", []string{"template", "--list", "--json"}},
	}
	for _, r := range runs {
		t.Run(r.schema+"/"+r.args[len(r.args)-1], func(t *testing.T) {
			var doc any
			if err := json.Unmarshal(schemaFor(schemaValue(r.schema)), &doc); err != nil {
				t.Fatal(err)
			}
			c := sjs.NewCompiler()
			if err := c.AddResource("schema.json", doc); err != nil {
				t.Fatal(err)
			}
			sch, err := c.Compile("schema.json")
			if err != nil {
				t.Fatal(err)
			}
			out, code := runMain(r.args...)
			if code == ExitUsage {
				t.Fatalf("exit %d", code)
			}
			v, err := sjs.UnmarshalJSON(bytesReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("output does not match its schema: %v\n%s", err, out)
			}
		})
	}
}

func schemaValue(name string) any {
	for _, o := range jsonOutputs {
		if o.name == name {
			return o.v
		}
	}
	panic(name)
}
